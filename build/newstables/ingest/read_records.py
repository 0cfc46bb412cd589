"""Records of a JSON Lines (.jsonl) or CSV (.csv) export: one article each.

Both carry the same fields: `id` and `text` required; `title`, `publisher`,
`url`, `dateline`, `published` (YYYY-MM-DD), `published_basis`, `language`,
`authors` (a list, or a `;`-separated text) optional; `published` may be an
ISO timestamp (its day is taken). A CSV file's header row also tells its
delimiter: a comma, else a semicolon or a tab. A record
with `html` instead of `text` is a web page and goes through the page reader.
A bad record is reported with its line and skipped; the rest is read.
"""
from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Iterator

from . import decode
from .clean import build_article
from .metadata import METADATA_FIELDS, metadata_error, normalise_metadata
from .model import Article, Ingested
from .read_html import page_article

GIVEN_FIELDS = METADATA_FIELDS + ("language",)
DELIMITERS = (",", ";", "\t")


def read_jsonl(path: Path, rel: str, found: Ingested) -> Iterator[Article]:
    text = _text(path, rel, found)
    if text is None:
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            found.problem(rel, f"not JSON ({exc.msg}), line skipped", number)
            continue
        if not isinstance(record, dict):
            found.problem(rel, "a line must be a JSON object, line skipped", number)
            continue
        article = record_article(record, rel, number, found, "jsonl")
        if article:
            yield article


def read_csv(path: Path, rel: str, found: Ingested) -> Iterator[Article]:
    text = _text(path, rel, found)
    if text is None:
        return
    csv.field_size_limit(sys.maxsize)   # an article is a long field
    first_line = text.split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=first_line.count)   # "," unless the header is split by ";" or tabs
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [name.strip() for name in next(rows)]
    except (StopIteration, csv.Error) as exc:
        found.problem(rel, f"no CSV header row ({exc or 'empty'}), file skipped")
        return
    missing = [need for need, present in (("id", "id" in header),
                                          ("text (or html)", "text" in header or "html" in header))
               if not present]
    if missing:
        found.problem(rel, f"no {' and no '.join(repr(m) for m in missing)} column in the header "
                           f"(columns: {', '.join(header)}), file skipped")
        return
    line = rows.line_num + 1
    while True:
        try:
            cells = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            found.problem(rel, f"not valid CSV ({exc}), rest of the file skipped", line)
            return
        start, line = line, rows.line_num + 1
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            found.problem(rel, f"row has {len(cells)} fields, the header {len(header)}, row skipped", start)
            continue
        record = {name: cell for name, cell in zip(header, cells) if cell.strip() != ""}
        article = record_article(record, rel, start, found, "csv")
        if article:
            yield article


def record_article(record: dict, rel: str, line: int, found: Ingested, label: str) -> Article | None:
    """The Article of one record, or None (and a problem) when it has none."""
    article_id, text, html = record.get("id"), record.get("text"), record.get("html")
    if not isinstance(article_id, (str, int)) or str(article_id).strip() == "":
        found.problem(rel, "missing \"id\", line skipped", line)
        return None
    article_id = str(article_id).strip()
    has_text = isinstance(text, str) and text.strip()
    if not has_text and not (isinstance(html, str) and html.strip()):
        found.problem(rel, f"article {article_id!r} has no \"text\", line skipped", line)
        return None
    meta = {k: record[k] for k in GIVEN_FIELDS if record.get(k) is not None}
    if isinstance(meta.get("authors"), str):   # "Ann Reporter; Bob Writer"
        meta["authors"] = [name.strip() for name in meta["authors"].split(";") if name.strip()]
    error = metadata_error(meta)
    if error:
        found.problem(rel, f"article {article_id!r}: {error}; metadata inferred from the text instead", line)
        meta = {}
    meta = normalise_metadata(meta)
    if has_text:
        article = build_article(article_id, rel, text, meta, source=label)
    else:
        try:
            article, note = page_article(html.encode("utf-8"), rel, article_id, meta, label,
                                         http_charset="utf-8")
        except decode.Unreadable as exc:
            found.problem(rel, f"article {article_id!r}: {exc}, line skipped", line)
            return None
        if note:
            found.problem(rel, f"article {article_id!r}: {note}", line)
    article.line = line
    return article


def _text(path: Path, rel: str, found: Ingested) -> str | None:
    try:
        return decode.text_input(path.read_bytes())
    except decode.Unreadable as exc:
        found.problem(rel, f"{exc}, skipped")
        return None
