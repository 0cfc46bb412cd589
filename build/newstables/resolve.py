"""Corpus-wide resolution: per-article results in, published rows out.

Actors (spelling and transliteration variants merged) come from
`resolve_actors`, events (mentions of one happening merged across articles)
from `resolve_events`. This module wires them together and turns local actor
keys into actor ids in every row that refers to an actor.
"""
from __future__ import annotations

from . import resolve_actors, resolve_events
from .extract import ArticleResult


def resolve(results: list[ArticleResult]) -> dict[str, list[dict]]:
    results = sorted(results, key=lambda r: r.article_id)
    actors = resolve_actors.resolve(results)
    local = actors["local_to_actor"]
    events = resolve_events.resolve(results, local)
    tables = {
        "actors": actors["actors"],
        "actor_aliases": actors["actor_aliases"],
        "mentions": actors["mentions"],
        "quotes": [],
        "figures": [],
        "dates": [],
        **{k: events[k] for k in ("events", "event_mentions", "event_actors")},
    }
    for result in results:
        aid = result.article_id
        for q in sorted(result.quotes, key=_position):
            tables["quotes"].append({**q, "article_id": aid,
                                     "speaker_id": local.get((aid, q.get("speaker")))})
        tables["figures"].extend({**f, "article_id": aid} for f in sorted(result.figures, key=_position))
        tables["dates"].extend({**d, "article_id": aid} for d in sorted(result.dates, key=_position))
    return tables


def _position(row: dict):
    return (row["start"], row["end"], row.get("text") or "")
