"""Web archives (.warc, .warc.gz), read with warcio.

Every HTML response record with HTTP status 200 is a page, read like an
.html file: its id is the record's WARC-Record-ID (the UUID), its url the
WARC-Target-URI, and its crawl day (WARC-Date) the publication date of last
resort (`published_basis` says so). Every other record (requests, metadata,
warcinfo, revisits, non-HTML or non-200 responses) is counted in the build
summary, not reported as a problem. A damaged archive keeps the records
before the damage, and the damage is reported with the record number and
byte offset where reading stopped.
"""
from __future__ import annotations

import re
import zlib
from pathlib import Path
from typing import Iterator

from . import decode
from .model import Article, Ingested
from .read_html import page_article

SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")
CRAWL_BASIS = "WARC-Date: the day the page was archived (the page gives no publication date)"


def read_warc(path: Path, rel: str, found: Ingested) -> Iterator[Article]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    damage = (ArchiveLoadFailed, EOFError, OSError, ValueError, zlib.error)   # what a damaged archive raises

    number, offset = 0, 0   # records read, and the byte after the last one
    with open(path, "rb") as stream:
        archive = ArchiveIterator(stream)
        records = iter(archive)
        while True:
            try:
                record = next(records)
            except StopIteration:
                stream.seek(offset)
                if stream.read(64).strip():   # a last record cut short is dropped by warcio
                    _damaged(rel, number + 1, offset, EOFError(), found)
                return
            except damage as exc:
                _damaged(rel, number + 1, offset, exc, found)
                return
            number += 1
            try:
                if not record.rec_type or record.length is None:   # headers cut short
                    raise EOFError("the file ends inside a record's headers")
                kind = _kind(record)
                if kind:
                    found.not_articles[kind] += 1
                else:
                    article = _record_article(record, rel, number, offset, found)
                    if article:
                        yield article
                _read_to_end(record)
                # warcio knows where a record ends once it has been read
                offset = archive.get_record_offset() + archive.get_record_length()
            except damage as exc:
                _damaged(rel, number, offset, exc, found)
                return


def _damaged(rel: str, number: int, offset: int, exc: Exception, found: Ingested) -> None:
    read = f"the {number - 1} record(s) before it were read" if number > 1 else "no record could be read"
    found.problem(rel, f"damaged archive at record {number} (after byte {offset}): {_reason(exc)}; "
                       f"{read}, the rest is lost")


def _kind(record) -> str | None:
    """What a record is when it is no page to read, else None."""
    if record.rec_type != "response":
        return f"WARC {record.rec_type} records"
    if record.http_headers is None:
        return "WARC responses without HTTP headers"
    status = record.http_headers.get_statuscode()
    if status != "200":
        return f"WARC responses with HTTP status {status}"
    media_type = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if media_type not in HTML_TYPES:
        return f"WARC responses that are not HTML ({media_type or 'no Content-Type'})"
    return None


def _record_article(record, rel: str, number: int, offset: int, found: Ingested) -> Article | None:
    headers = record.rec_headers
    uri = headers.get_header("WARC-Target-URI")
    record_id = (headers.get_header("WARC-Record-ID") or "").strip("<>")
    article_id = record_id.removeprefix("urn:uuid:") or f"{Path(rel).name}-{number}"
    where = f"record {number} (byte {offset}, {uri or 'no URI'})"
    crawl_day = (headers.get_header("WARC-Date") or "")[:10]
    last_resort = ({"published": crawl_day, "published_basis": CRAWL_BASIS}
                   if re.fullmatch(r"\d{4}-\d{2}-\d{2}", crawl_day) else {})
    charset = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", record.http_headers.get_header("Content-Type") or "")
    data = record.content_stream().read()
    _read_to_end(record)
    try:
        article, note = page_article(data, rel, article_id, {"url": uri} if uri else {}, "warc",
                                     http_charset=charset.group(1) if charset else None,
                                     last_resort=last_resort)
    except decode.Unreadable as exc:
        found.problem(rel, f"{where}: {exc}, record skipped")
        return None
    if note:
        found.problem(rel, f"{where}: {note}")
    return article


def _read_to_end(record) -> None:
    """Read what is left of a record; one that ends before its declared
    length is the end of a truncated archive (warcio says nothing)."""
    while record.raw_stream.read(1 << 16):
        pass
    if getattr(record.raw_stream, "limit", 0) > 0:
        raise EOFError("the file ends inside a record")


def _reason(exc: Exception) -> str:
    if isinstance(exc, EOFError):
        return "the file ends inside a record (truncated)"
    text = " ".join(str(exc).split())
    return (text[:200] + "…") if len(text) > 200 else (text or type(exc).__name__)


def is_archive(path: Path) -> bool:
    return path.name.lower().endswith(SUFFIXES)
