"""Writing the database: schema, rows, full-text indexes, views, build_info.

The database is written to a temporary file beside the target and moved into
place with one os.replace once everything succeeded, so readers (and a
running Datasette) never see a half-written file and a failed build never
replaces a good database.
"""
from __future__ import annotations

import json
import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils
import yaml

from .settings import SCHEMA_DIR

# Table -> columns, in insertion order. Rows are dicts; extra keys are ignored.
COLUMNS = {
    "articles": ("id", "file", "line", "title", "publisher", "url", "dateline", "published", "published_basis",
                 "authors", "body", "word_count", "raw", "content_hash", "metadata_source", "language", "story_id"),
    "article_sources": ("article_id", "media_type", "charset", "size", "sha256", "content_gzip"),
    "sections": ("article_id", "heading", "date", "start", "end"),
    "actors": ("id", "name", "type", "title", "affiliation", "wikidata",
               "mention_count", "article_count", "quote_count", "statement_count"),
    "actor_aliases": ("actor_id", "alias", "mention_count"),
    "mentions": ("article_id", "actor_id", "text", "start", "end"),
    "quotes": ("article_id", "speaker_id", "speaker_text", "text", "kind", "cue", "start", "end",
               "speaker_start", "speaker_end", "statement_id"),
    "figures": ("article_id", "text", "start", "end", "value", "value_max", "unit", "per", "comparator",
                "measures", "source"),
    "events": ("id", "type", "date", "date_precision", "description", "location_id",
               "mention_count", "article_count"),
    "event_mentions": ("event_id", "article_id", "text", "start", "end", "date_text", "trigger"),
    "event_actors": ("event_id", "actor_id", "role"),
    "dates": ("article_id", "text", "start", "end", "value", "precision", "reference"),
    "build_problems": ("file", "line", "problem"),
    "stories": ("id", "label", "first_published", "last_published", "article_count", "outlet_count"),
    "statements": ("id", "speaker_id", "speaker_text", "text", "first_article_id", "first_published",
                   "quote_count", "article_count", "outlet_count"),
}

# Columns that point at rows of their own table, written once every row is in.
LATER_COLUMNS = {"articles": ("duplicate_of",)}

# Tables filled in this order (foreign keys point backwards).
LOAD_ORDER = ("stories", "articles", "article_sources", "sections", "actors", "actor_aliases", "mentions", "statements", "quotes",
              "figures", "events", "event_mentions", "event_actors", "dates", "build_problems")

VOCABULARIES = {"units": "units.yml", "event_types": "event_types.yml", "actor_types": "actor_types.yml"}

FTS = {"articles": ("title", "body"), "quotes": ("text", "speaker_text")}


@contextmanager
def atomic_database(target: Path):
    """Yield a fresh temporary database path; move it onto `target` on success."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    if tmp.exists():
        tmp.unlink()
    try:
        yield tmp
        os.replace(tmp, target)
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
            if leftover.exists():
                leftover.unlink()


def create_schema(path: Path) -> None:
    con = sqlite3.connect(path)
    try:
        con.executescript((SCHEMA_DIR / "schema.sql").read_text(encoding="utf-8"))
        for table, filename in VOCABULARIES.items():
            rows = yaml.safe_load((SCHEMA_DIR / filename).read_text(encoding="utf-8"))
            columns = list(rows[0])
            con.executemany(
                f"insert into {table} ({', '.join(columns)}) values ({', '.join('?' * len(columns))})",
                [tuple(row.get(c) for c in columns) for row in rows])
        con.commit()
    finally:
        con.close()


def write(path: Path, tables: dict[str, list[dict]], build_info: dict[str, str]) -> dict[str, int]:
    """Fill a database created by create_schema; return rows per table."""
    db = sqlite_utils.Database(path)
    db.conn.execute("PRAGMA foreign_keys = ON")
    counts = {}
    with db.conn:
        for table in LOAD_ORDER:
            rows = tables.get(table, [])
            columns = COLUMNS[table]
            db[table].insert_all(({c: _cell(row.get(c)) for c in columns} for row in rows),
                                 batch_size=1000)
            counts[table] = len(rows)
        for table, columns in LATER_COLUMNS.items():
            for column in columns:
                db.conn.executemany(f"update [{table}] set [{column}] = ? where id = ?",
                                    [(row[column], row["id"]) for row in tables.get(table, [])
                                     if row.get(column) is not None])
        db["build_info"].insert_all(({"key": k, "value": str(v)} for k, v in sorted(build_info.items())))
    for table, columns in FTS.items():
        db[table].enable_fts(list(columns), create_triggers=False, tokenize="porter")
    views = SCHEMA_DIR / "views.sql"
    if views.exists():
        db.conn.executescript(views.read_text(encoding="utf-8"))
    problems = db.conn.execute("PRAGMA foreign_key_check").fetchall()
    if problems:
        raise ValueError(f"foreign key violations: {problems[:5]}")
    db.conn.execute("ANALYZE")
    db.conn.commit()
    db.conn.execute("VACUUM")
    db.close()
    return counts


def _cell(value):
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value
