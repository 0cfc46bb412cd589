"""Stories: the articles that report one happening.

Two articles are in one story when they were published within WINDOW_DAYS
of each other (when both are dated) and their similarity reaches THRESHOLD.
The similarity is the cosine of their TF-IDF profiles (the TOP_TERMS most
distinctive content words of title and body; a title word counts twice),
raised by what the earlier stages found in both: an event both report
(events are merged across articles by resolve) and a person or organization
both name, each counted only when few articles share it. Duplicates are
always in their original's story. A story is a connected group of such
pairs; an article that matches nothing is a story of its own.

Candidates come from an index of each article's distinctive words, events
and actors; a key shared by more than `postings_cap` articles (a word or
name of every other story, such as "government" or "US") is not used to find
candidates, so each article is compared with a bounded number of others and
the cost grows linearly with the corpus. The label is made from the text:
the words that weigh most across the story's articles, as first written.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from datetime import date

from .groups import UnionFind
from .text import content_words

TOP_TERMS = 25
INDEX_TERMS = 8          # of an article's top terms, those used to find candidates
THRESHOLD = 0.4
WINDOW_DAYS = 7
EVENT_BONUS = 0.15       # per shared event, at most MAX_BONUS in all
ACTOR_BONUS = 0.05       # per shared person or organization
MAX_BONUS = 0.3
LABEL_TERMS = 4
BACKGROUND_DOCUMENTS = 50  # imagined articles lacking every word: keeps a small corpus's shared words weighty


def postings_cap(n_articles: int) -> int:
    """Keys shared by more articles than this do not find candidates."""
    return max(20, min(200, n_articles // 20))


def _day(value):
    try:
        return date.fromisoformat(value).toordinal() if value else None
    except ValueError:
        return None


def _terms(article: dict, stop_words) -> Counter:
    return Counter(w for w in content_words(article.get("title") or "") * 2 + content_words(article["body"])
                   if w not in stop_words)


def profiles(articles: list[dict], stop_words=frozenset()) -> tuple[dict[str, dict[str, float]], dict[str, int]]:
    """Article id -> {term: weight} (top TF-IDF terms, unit length), and the
    number of articles each term appears in. The IDF counts
    BACKGROUND_DOCUMENTS more articles than the corpus has, none of them with
    the word: in a corpus of five articles on one story, the words all five
    share are its subject, not noise. Two passes over the texts (counting,
    then weighing), so only the vocabulary and each article's top terms are
    ever held in memory."""
    df: Counter = Counter()
    for article in articles:
        df.update(_terms(article, stop_words).keys())
    n = len(articles)
    out = {}
    for article in articles:
        weights = {t: (1 + math.log(c)) * math.log((n + BACKGROUND_DOCUMENTS) / (df[t] + 0.5))
                   for t, c in _terms(article, stop_words).items()}
        top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_TERMS]
        norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        out[article["id"]] = {t: w / norm for t, w in top}
    return out, df


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def group_stories(articles: list[dict], article_events: dict[str, set], article_actors: dict[str, set],
                  duplicate_of: dict[str, str], stop_words=frozenset()) -> tuple[list[list[str]], dict[str, dict[str, float]]]:
    """Groups of article ids (every article in exactly one group, singletons
    included), and the profiles they were found with."""
    vectors, _ = profiles(articles, stop_words)
    by_id = {a["id"]: a for a in articles}
    cap = postings_cap(len(articles))
    keys: dict[str, list] = {}
    for article in articles:
        aid = article["id"]
        top = sorted(vectors[aid].items(), key=lambda kv: (-kv[1], kv[0]))[:INDEX_TERMS]
        keys[aid] = ([("t", t) for t, _ in top] + [("e", e) for e in sorted(article_events.get(aid, ()))]
                     + [("a", a) for a in sorted(article_actors.get(aid, ()))])
    postings: dict[tuple, list[str]] = {}
    for aid in sorted(keys):
        for key in keys[aid]:
            postings.setdefault(key, []).append(aid)
    usable = {key for key, ids in postings.items() if 1 < len(ids) <= cap}
    links = UnionFind(sorted(by_id))
    for copy, original in duplicate_of.items():
        links.union(copy, original)
    for aid in sorted(keys):
        day = _day(by_id[aid].get("published"))
        candidates = {other for key in keys[aid] if key in usable for other in postings[key] if other > aid}
        for other in sorted(candidates):
            other_day = _day(by_id[other].get("published"))
            if day is not None and other_day is not None and abs(day - other_day) > WINDOW_DAYS:
                continue
            if score(aid, other, vectors, article_events, article_actors, usable) >= THRESHOLD:
                links.union(aid, other)
    members: dict[str, list[str]] = {}
    for aid in sorted(by_id):
        members.setdefault(links.find(aid), []).append(aid)
    return list(members.values()), vectors


def score(a: str, b: str, vectors, article_events, article_actors, usable) -> float:
    shared_events = len({e for e in article_events.get(a, set()) & article_events.get(b, set()) if ("e", e) in usable})
    shared_actors = len({x for x in article_actors.get(a, set()) & article_actors.get(b, set()) if ("a", x) in usable})
    bonus = min(MAX_BONUS, EVENT_BONUS * shared_events + ACTOR_BONUS * shared_actors)
    return cosine(vectors[a], vectors[b]) + bonus


def label(members: list[dict], vectors: dict[str, dict[str, float]]) -> str:
    """The words that weigh most across the articles, as first written."""
    weight: Counter = Counter()
    for article in members:
        weight.update(vectors[article["id"]])
    terms: list[str] = []
    for term, _ in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0])):
        if len(terms) == LABEL_TERMS:
            break
        if term.removesuffix("'s") not in terms and term + "'s" not in terms:   # "Turkcell", not also "Turkcell's"
            terms.append(term)
    text = "\n".join((a.get("title") or "") + "\n" + a["body"] for a in members[:3])
    shown = []
    for term in terms:
        found = re.search(rf"(?<![^\W_]){re.escape(term)}(?![^\W_])", text.replace("’", "'"), re.IGNORECASE)
        shown.append(found.group(0) if found else term)
    return " · ".join(shown)


def story_rows(groups: list[list[str]], articles: dict[str, dict], vectors) -> tuple[list[dict], dict[str, int]]:
    """One row per story, numbered in order of first publication (undated
    last, then by first article id); and article id -> story id."""
    def when(aid):
        published = articles[aid].get("published")
        return (published is None, published or "", aid)

    rows, story_of = [], {}
    for group in sorted(groups, key=lambda g: min(when(a) for a in g)):
        ordered = sorted(group, key=when)
        members = [articles[a] for a in ordered]
        dates = sorted(a["published"] for a in members if a.get("published"))
        story_id = len(rows) + 1
        rows.append({
            "id": story_id,
            "label": label(members, vectors),
            "first_published": dates[0] if dates else None,
            "last_published": dates[-1] if dates else None,
            "article_count": len(members),
            "outlet_count": len({a.get("publisher") or a["id"] for a in members}),
        })
        story_of.update({a: story_id for a in ordered})
    return rows, story_of
