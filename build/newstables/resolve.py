"""Corpus-wide resolution: per-article results in, published rows out.

Actors (spelling and transliteration variants merged) come from
`resolve_actors`, events (mentions of one happening merged across articles)
from `resolve_events`. This module wires them together and turns local actor
keys into actor ids in every row that refers to an actor.
"""
from __future__ import annotations

from typing import Iterable, Iterator

from . import resolve_actors, resolve_events
from .extract import ArticleResult


def resolve(results: list[ArticleResult]) -> dict[str, Iterable[dict]]:
    """The published rows. Actors and events are lists; the rows of each
    article (mentions, quotes, figures, dates) are made as they are written,
    article by article, so they are never all in memory at once."""
    if not getattr(results, "sorted_by_article_id", False):   # a ResultStore is: it stays on disk
        results = sorted(results, key=lambda r: r.article_id)
    actors = resolve_actors.resolve(results)
    local = actors["local_to_actor"]
    events = resolve_events.resolve(results, local)
    return {
        "actors": actors["actors"],
        "actor_aliases": actors["actor_aliases"],
        "mentions": actors["mentions"],
        "quotes": _quotes(results, local),
        "figures": _rows_of(results, "figures"),
        "dates": _rows_of(results, "dates"),
        **{k: events[k] for k in ("events", "event_mentions", "event_actors")},
    }


def _quotes(results, local) -> Iterator[dict]:
    for result in results:
        aid = result.article_id
        for q in sorted(result.quotes, key=_position):
            yield {**q, "article_id": aid, "speaker_id": local.get((aid, q.get("speaker")))}


def _rows_of(results, table: str) -> Iterator[dict]:
    for result in results:
        for row in sorted(getattr(result, table), key=_position):
            yield {**row, "article_id": result.article_id}


def _position(row: dict):
    return (row["start"], row["end"], row.get("text") or "")
