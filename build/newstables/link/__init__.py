"""The cross-article stage: duplicates, stories and statements.

It runs after resolve (actors and events are merged across articles) and
before load, on the rows resolve produced, and adds to them:

- duplicates (duplicates.py): `articles.duplicate_of` names the earliest
  copy of a republished text (MinHash LSH over word shingles);
- stories (stories.py): `articles.story_id` and the `stories` table, the
  articles that report one happening;
- statements (statements.py): `quotes.statement_id` and the `statements`
  table, one thing someone said as several outlets reported it.

Counting each story once: an article that is a duplicate adds nothing to the
counts of `actors` (mention_count, article_count and quote_count count the
original only), and `actors.statement_count` counts a statement carried by
many outlets once. The who_said_what view leaves out the quotes of
duplicate copies, and the charts count statements, not quotes.

What is kept between builds and what is recomputed: each article's MinHash
signature is kept in the link cache (links.sqlite) under its text's hash,
each quote's sentence vector (when the statement rule needed it) under its
text's hash, and each quote's content lemmas and claims travel with the
extraction cache, so a build that adds articles hashes, lemmatises and
embeds only the new ones. The rest
(the LSH index filled from the kept signatures, the candidate indexes of
stories and speakers, the grouping and the labels) is redone on every
build from those features: every step is linear in the number of articles
and quotes (bounded candidates per item, union-find), and because every
decision is about one pair, new articles join the existing groups exactly
as a build from scratch would have put them.
"""
from __future__ import annotations

import time
from collections import Counter, defaultdict
from pathlib import Path

import yaml

from ..settings import SCHEMA_DIR
from . import duplicates, statements, stories
from .cache import LinkCache
from .quote_vectors import QuoteVectors

ACTORS_PER_ARTICLE = 5      # the most-named persons and organizations of an article, for stories


def rules() -> dict:
    path = SCHEMA_DIR / "link_rules.yml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}


def link(tables: dict[str, list[dict]], cache_dir: Path | None = None,
         info: dict[str, str] | None = None) -> dict[str, float]:
    """Fill duplicate_of and story_id on tables["articles"], statement_id on
    tables["quotes"], add tables["stories"] and tables["statements"], and
    recount tables["actors"]. Says in `info` (build_info) how statements were
    compared. Returns seconds per step, and how many quotes the sentence
    model embedded and how many vectors came from the cache."""
    cache = LinkCache(cache_dir)
    try:
        return _link(tables, cache, info if info is not None else {})
    finally:
        cache.close()


def _link(tables, cache: LinkCache, info: dict[str, str]) -> dict[str, float]:
    timings = {}
    started = time.perf_counter()
    articles = tables["articles"]
    by_id = {a["id"]: a for a in articles}
    duplicate_of = duplicates.find_duplicates(articles, cache)
    for article in articles:
        article["duplicate_of"] = duplicate_of.get(article["id"])
    timings["duplicates"] = time.perf_counter() - started

    link_rules = rules()
    groups, vectors = stories.group_stories(articles, _article_events(tables), _article_actors(tables),
                                            duplicate_of, frozenset(link_rules.get("story_stop_words", [])))
    story_rows, story_of = stories.story_rows(groups, by_id, vectors)
    for article in articles:
        article["story_id"] = story_of[article["id"]]
    tables["stories"] = story_rows
    timings["stories"] = time.perf_counter() - started - sum(timings.values())

    quotes = tables.get("quotes", [])
    actor_types = {a["id"]: a["type"] for a in tables.get("actors", [])}
    vectors = QuoteVectors(cache)
    found = statements.group_statements(quotes, by_id, tables.get("actors", []), link_rules, vectors)
    tables["statements"] = statements.statement_rows(quotes, found, by_id, actor_types)
    timings["statements"] = time.perf_counter() - started - sum(timings.values())
    info["statement_similarity"] = statement_similarity(vectors)
    timings.update(quotes_embedded=vectors.embedded, quote_vectors_from_cache=vectors.from_cache)

    recount_actors(tables, set(duplicate_of))
    return timings


def statement_similarity(vectors: QuoteVectors) -> str:
    """What decided that two quotes say the same thing, for build_info."""
    words = f"content-lemma overlap >= {statements.THRESHOLD}"
    if not vectors.available:
        return f"{words} only: {vectors.problem}"
    return (f"{words}, or {vectors.name} cosine >= {statements.MODEL_THRESHOLD:.2f} "
            f"within {statements.MODEL_WINDOW_DAYS} days")


def _article_events(tables) -> dict[str, set]:
    """Article id -> the events it reports that other articles report too."""
    events = defaultdict(set)
    for mention in tables.get("event_mentions", []):
        events[mention["article_id"]].add(mention["event_id"])
    reported: Counter = Counter(e for es in events.values() for e in es)
    return {a: {e for e in es if reported[e] > 1} for a, es in events.items()}


def _article_actors(tables) -> dict[str, set]:
    """Article id -> the persons and organizations it names most."""
    kinds = {a["id"] for a in tables.get("actors", []) if a["type"] in ("person", "organization")}
    counts: dict[str, Counter] = defaultdict(Counter)
    for mention in tables.get("mentions", []):
        if mention.get("actor_id") in kinds:
            counts[mention["article_id"]][mention["actor_id"]] += 1
    return {a: {x for x, _ in sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[:ACTORS_PER_ARTICLE]}
            for a, c in counts.items()}


def recount_actors(tables, copies: set[str]) -> None:
    """Actor counts over original articles only; statement_count counts a
    statement once however many outlets carried it."""
    mentions, articles, quotes, said = Counter(), defaultdict(set), Counter(), defaultdict(set)
    for m in tables.get("mentions", []):
        if m.get("actor_id") is not None and m["article_id"] not in copies:
            mentions[m["actor_id"]] += 1
            articles[m["actor_id"]].add(m["article_id"])
    for number, q in enumerate(tables.get("quotes", [])):
        if q.get("speaker_id") is not None and q["article_id"] not in copies:
            quotes[q["speaker_id"]] += 1
            said[q["speaker_id"]].add(("statement", q["statement_id"]) if q.get("statement_id") else ("quote", number))
    for actor in tables.get("actors", []):
        aid = actor["id"]
        actor.update(mention_count=mentions[aid], article_count=len(articles[aid]),
                     quote_count=quotes[aid], statement_count=len(said[aid]))
