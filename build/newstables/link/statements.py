"""Statements: one thing someone said, as every outlet reported it.

Two quotes report the same statement when they have the same speaker, were
published within WINDOW_DAYS of each other (when both are dated), come from
different articles, and say the same thing: verbatim, paraphrased, in
indirect speech or in another translation ("we need to study it" / "it must
be studied carefully"). Two quotes of one article are never linked to each
other, even when one sums up what the other quotes: on bbc-all, about half
of such pairs that passed the rule were two things the speaker said in one
interview.

- Same speaker: the same actor; or an organization and the person whose
  title makes them its spokesperson ("the Kremlin said" / "Kremlin spokesman
  Dmitry Peskov said", words in schema/link_rules.yml); or, for unnamed
  sources, the same description ("a senior Russian source", articles
  dropped). A pronoun nobody resolved is no speaker, and is never grouped.
- Same thing, by their words: the two quotes' content lemmas (taken at
  extraction, newstables.extract.quote_terms) overlap by at least THRESHOLD,
  weighing each lemma by its IDF over the corpus's quotes and dividing by the
  shorter quote's weight (a quoted fragment matches the sentence it came
  from).
- Same thing, in other words: the cosine of the two texts' vectors from the
  sentence model all-MiniLM-L6-v2 (sentence_model.py, run with numpy; vectors
  kept in the link cache, quote_vectors.py) is at least MODEL_THRESHOLD,
  rounded to ROUND digits, and the two articles are dated at most
  MODEL_WINDOW_DAYS apart. A speaker says much the same thing on other days
  and in other sentences of one interview: on bbc-all (undated)
  the model's links with no date to go by were right about one time in
  three (house prices of two months, two facts about one product), so a
  rewording is trusted only between two reports close in time. The model is
  asked only about candidates the words did not decide: quotes of one
  speaker block that share a content word, at most MODEL_CANDIDATES per
  quote, the best overlapping first.
- Never the same: one negated and not the other ("will appeal" / "will not
  appeal"); or one reports what the speaker thinks someone else does and the
  other what the speaker does ("he thinks Putin wants to end the war" / "he
  wants to end the war"): the same verb, once with another subject under the
  speaker's verb, once with the speaker as subject (quote_terms' claims).

Chosen by measurement on pairs written for the purpose
(tests/data/statement_pairs.yml, scripts/measure_statement_similarity.py):
the model's cosine separates paraphrases from other statements of the same
speaker better than lemma overlap, the spaCy model's context tensors or fuzzy
string matching, and lemma overlap still finds partial quotes whose extra
words pull the cosine down. When the model is not installed, the words alone
decide, and build_info says so.

Candidates are blocked by speaker and found through an index of the words
inside each speaker's quotes, so the cost grows with the number of quotes,
not with its square. A statement is the connected group of matching quotes;
quotes that match nothing keep statement_id NULL.
"""
from __future__ import annotations

import math
from collections import Counter
from datetime import date

from . import capitals
from .groups import UnionFind

THRESHOLD = 0.48
WINDOW_DAYS = 7
MODEL_THRESHOLD = 0.70
MODEL_WINDOW_DAYS = 2
MODEL_CANDIDATES = 5   # quotes per quote the model compares it with
ROUND = 2              # digits of the cosine compared with MODEL_THRESHOLD (identical on every machine)
POSTINGS_CAP = 200     # quotes of one speaker sharing one word considered per quote
BACKGROUND_QUOTES = 50 # imagined quotes lacking every word: a word two quotes of a tiny corpus share still weighs


def idf_weights(quotes: list[dict]) -> dict[str, float]:
    """Term -> inverse document frequency over the corpus's quotes (and
    BACKGROUND_QUOTES more that have none of the words)."""
    df = Counter(t for q in quotes for t in set(q.get("terms") or ()))
    n = len(quotes) + BACKGROUND_QUOTES
    return {t: math.log(n / (c + 0.5)) for t, c in df.items()}


def overlap(a: set, b: set, idf: dict[str, float]) -> float:
    """The weight of the shared terms over the weight of the shorter quote's
    terms: a quoted fragment ("carefully studying") matches the sentence it
    was taken from, and rare words weigh more than words every quote has."""
    if not a or not b:
        return 0.0
    weight = lambda terms: sum(idf.get(t, 1.0) for t in terms)  # noqa: E731
    return weight(a & b) / (min(weight(a), weight(b)) or 1.0)


def compatible(a: dict, b: dict) -> bool:
    """Neither negated alone, nor a belief about another's act against the
    speaker's own act."""
    return bool(a.get("negated")) == bool(b.get("negated")) and not _belief_about_other(a, b) \
        and not _belief_about_other(b, a)


def _belief_about_other(a: dict, b: dict) -> bool:
    """a: "he thinks Putin wants to end the war"; b: "he wants to end the war"."""
    claims_a, claims_b = a.get("claims") or (), b.get("claims") or ()
    others = {lemma for lemma, subject, under in claims_a if subject == "other" and under is not None}
    own_a = {lemma for lemma, subject, _ in claims_a if subject == "self"}
    own_b = {lemma for lemma, subject, _ in claims_b if subject == "self"}
    return bool((others - own_a) & own_b)


def same_by_model(cosine: float) -> bool:
    """The rule by the model, on the cosine of two quotes' vectors."""
    return round(cosine, ROUND) >= MODEL_THRESHOLD


def _day(value):
    try:
        return date.fromisoformat(value).toordinal() if value else None
    except ValueError:
        return None


def speaker_families(actors: list[dict], rules: dict) -> dict[int, int]:
    """Actor id -> the organization or country it speaks for: spokespeople
    whose title names an organization or country of the corpus, and capitals
    standing for their country."""
    families = capitals.speaking_for(actors)
    named = {a["name"].lower(): a["id"] for a in actors if a.get("type") in ("organization", "country")}
    role_words = [w.lower() for w in rules.get("spokesperson_words", [])]
    for actor in actors:
        title = (actor.get("title") or "").lower()
        if actor.get("type") != "person" or not any(w in title for w in role_words):
            continue
        tokens = title.replace(",", " ").split()
        for n in range(len(tokens), 0, -1):      # the longest name in the title
            found = [named[" ".join(tokens[i:i + n])] for i in range(len(tokens) - n + 1)
                     if " ".join(tokens[i:i + n]) in named]
            if found:
                families[actor["id"]] = found[0]
                break
    return families


def speaker_key(quote: dict, families: dict[int, int], rules: dict):
    if quote.get("speaker_id") is not None:
        return ("actor", families.get(quote["speaker_id"], quote["speaker_id"]))
    words = (quote.get("speaker_text") or "").lower().split()
    if words and words[0] in rules.get("source_articles", []):
        words = words[1:]
    description = " ".join(words)
    if not description or description in rules.get("pronoun_sources", []):
        return None
    return ("source", description)


def group_statements(quotes: list[dict], articles: dict[str, dict], actors: list[dict],
                     rules: dict, vectors=None) -> list[list[int]]:
    """Groups of indexes into `quotes` that report one statement. `vectors`
    (a QuoteVectors) brings the sentence model; without it, or when its model
    is not installed, words alone decide."""
    families = speaker_families(actors, rules)
    idf = idf_weights(quotes)
    blocks: dict[object, list[int]] = {}
    for i, quote in enumerate(quotes):
        key = speaker_key(quote, families, rules)
        if key is not None and quote.get("terms"):
            blocks.setdefault(key, []).append(i)
    links = UnionFind()
    undecided: dict[int, list[tuple[float, int]]] = {}     # quote -> [(overlap, candidate)] for the model
    use_model = vectors is not None and vectors.available
    for members in blocks.values():
        if len({quotes[i]["article_id"] for i in members}) < 2:
            continue
        postings: dict[str, list[int]] = {}
        for i in members:
            quote = quotes[i]
            day = _day(articles[quote["article_id"]].get("published"))
            seen = set()
            for term in quote["terms"]:
                for j in postings.get(term, ())[-POSTINGS_CAP:]:
                    if j in seen:
                        continue
                    seen.add(j)
                    other = quotes[j]
                    if other["article_id"] == quote["article_id"]:
                        continue
                    other_day = _day(articles[other["article_id"]].get("published"))
                    apart = abs(day - other_day) if day is not None and other_day is not None else None
                    if (apart is not None and apart > WINDOW_DAYS) or not compatible(quote, other):
                        continue
                    shared = overlap(set(quote["terms"]), set(other["terms"]), idf)
                    if shared >= THRESHOLD:
                        links.union(i, j)
                    elif use_model and apart is not None and apart <= MODEL_WINDOW_DAYS:
                        undecided.setdefault(i, []).append((shared, j))
                        undecided.setdefault(j, []).append((shared, i))
                postings.setdefault(term, []).append(i)
    if use_model:
        _link_by_model(quotes, undecided, links, vectors)
    return links.groups()


def _link_by_model(quotes, undecided, links: UnionFind, vectors) -> None:
    """Union the candidate pairs whose texts the sentence model finds the same,
    each quote compared with its MODEL_CANDIDATES best overlapping candidates."""
    pairs = sorted({(min(i, j), max(i, j)) for i, found in undecided.items()
                    for _, j in sorted(found, key=lambda c: (-c[0], c[1]))[:MODEL_CANDIDATES]})
    if not pairs:
        return
    vector = vectors.vectors([quotes[i]["text"] for pair in pairs for i in pair])
    for i, j in pairs:
        if same_by_model(float(vector[quotes[i]["text"]] @ vector[quotes[j]["text"]])):
            links.union(i, j)


def statement_rows(quotes: list[dict], groups: list[list[int]], articles: dict[str, dict],
                   actor_types: dict[int, str]) -> list[dict]:
    """One row per group, numbered in order of first publication; sets
    statement_id on the quotes of each group. The speaker is the person the
    versions name most often (a spokesperson rather than their
    organization), else the actor named most often."""
    def when(i):
        article = articles[quotes[i]["article_id"]]
        return (article.get("published") is None, article.get("published") or "", quotes[i]["article_id"],
                quotes[i]["start"])

    rows = []
    for group in sorted(groups, key=lambda g: min(when(i) for i in g)):
        ordered = sorted(group, key=when)
        first = quotes[ordered[0]]
        direct = [i for i in ordered if quotes[i].get("kind") == "direct"]
        shown = quotes[direct[0]] if direct else max((quotes[i] for i in ordered), key=lambda q: len(q["text"]))
        speakers = Counter(quotes[i]["speaker_id"] for i in ordered if quotes[i].get("speaker_id") is not None)
        speaker_id = min(speakers, key=lambda s: (actor_types.get(s) != "person", -speakers[s], s)) \
            if speakers else None
        article_ids = {quotes[i]["article_id"] for i in ordered}
        statement_id = len(rows) + 1
        rows.append({
            "id": statement_id,
            "speaker_id": speaker_id,
            "speaker_text": shown.get("speaker_text") if speaker_id is None else None,
            "text": shown["text"],
            "first_article_id": first["article_id"],
            "first_published": articles[first["article_id"]].get("published"),
            "quote_count": len(ordered),
            "article_count": len(article_ids),
            "outlet_count": len({articles[a].get("publisher") or a for a in article_ids}),
        })
        for i in ordered:
            quotes[i]["statement_id"] = statement_id
    return rows
