"""Extraction: pure functions from one parsed article to rows.

Each extractor module exposes `extract(doc, article, result)` and fills its
part of `result`, an ArticleResult. They run in the order of EXTRACTORS, so a
later one may read what an earlier one found (quotes read the actor mentions;
events read dates and mentions). Nothing here touches the database or other
articles: corpus-wide merging is `newstables.resolve`'s job.

Actors are referred to by *local keys* (small integers, one per distinct
actor within the article). `resolve` later maps (article id, local key) to a
corpus-wide actor id.

Row shapes (offsets are Python indices into article.body):
  dates:          {text, start, end, value, precision, reference}
  local_actors:   {key, name, type, title, affiliation, wikidata}
  mentions:       {text, start, end, actor}             actor = local key
  quotes:         {text, start, end, kind, cue, speaker_text, speaker,
                   speaker_start, speaker_end}           speaker = local key or None
                  (+ terms, negated: quote_terms, for grouping statements)
  figures:        {text, start, end, value, value_max, unit, comparator,
                   measures, source}
  event_mentions: {type, text, start, end, trigger, description, date_text,
                   date, date_precision, location, participants}
                   location = local key or None; participants = [[key, role]]
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc

from ..corpus import Article
from . import doc_index


@dataclass
class ArticleResult:
    article_id: str
    dates: list[dict] = field(default_factory=list)
    local_actors: list[dict] = field(default_factory=list)
    mentions: list[dict] = field(default_factory=list)
    quotes: list[dict] = field(default_factory=list)
    figures: list[dict] = field(default_factory=list)
    event_mentions: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def extract_article(doc: Doc, article: Article) -> ArticleResult:
    result = ArticleResult(article_id=article.id)
    for _name, module in extractors():
        module.extract(doc, article, result)
        doc_index.forget_entities(doc)   # whatever an extractor did to doc.ents, look again
    return result


# Module names under newstables.extract, in the order they run.
EXTRACTOR_NAMES = ("entities", "dates", "actors", "quotes", "figures", "events", "quote_terms")


@lru_cache(maxsize=1)
def extractors() -> tuple[tuple[str, object], ...]:
    """The extractor modules, imported on first use: they import the resolve
    modules, which import this package, so importing them here at load time
    would be circular."""
    return tuple((name, importlib.import_module(f"{__name__}.{name}")) for name in EXTRACTOR_NAMES)
