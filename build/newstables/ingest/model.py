"""What the ingest stage hands on: Articles, the Problems met on the way, and
a count of what was read but is no article (WARC request records, ...)."""
from __future__ import annotations

import bisect
import gzip
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Section:
    """A dated heading of a live feed and the span of body it heads."""
    heading: str
    date: str | None
    start: int
    end: int


@dataclass
class Source:
    """The bytes an article was read from, kept when its raw text is not
    those bytes (a web page, a WARC record, text that had markup)."""
    media_type: str                   # text/html, text/plain
    data: bytes
    charset: str | None = None        # the encoding the bytes were read with

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    def row(self, article_id: str) -> dict:
        return {"article_id": article_id, "media_type": self.media_type, "charset": self.charset,
                "size": len(self.data), "sha256": self.sha256,
                "content_gzip": gzip.compress(self.data, compresslevel=6, mtime=0)}


@dataclass
class Article:
    id: str
    file: str
    body: str
    raw: str
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    dateline: str | None = None
    published: str | None = None
    published_basis: str | None = None
    authors: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    line: int | None = None           # line of a JSON Lines or CSV file
    metadata_source: dict[str, str] = field(default_factory=dict)
    language: str | None = None       # ISO 639-1, None when it could not be told
    source: Source | None = field(default=None, repr=False)

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.raw.encode("utf-8")).hexdigest()

    @property
    def word_count(self) -> int:
        return len(re.findall(r"\w+(?:[-'’.]\w+)*", self.body))

    def reference_date(self, offset: int) -> str | None:
        """The day a relative date at `offset` is resolved against: the live-feed
        heading it stands under, else the publication date. (Sections follow
        each other in body order: found by bisection, not by a scan.)"""
        k = bisect.bisect_right(self.sections, offset, key=_section_start) - 1
        section = self.sections[k] if k >= 0 else None
        if section is not None and offset < section.end and section.date:
            return section.date
        return self.published


def _section_start(section: Section) -> int:
    return section.start


@dataclass
class Problem:
    """Why (part of) an input could not be used."""
    file: str
    problem: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.problem}"


class CorpusError(Exception):
    """A corpus folder that cannot be read at all."""


@dataclass
class Ingested:
    """Everything read from a corpus folder."""
    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    not_articles: Counter = field(default_factory=Counter)   # what was read and is no article -> count

    def problem(self, file: str, problem: str, line: int | None = None) -> None:
        self.problems.append(Problem(file, problem, line))
