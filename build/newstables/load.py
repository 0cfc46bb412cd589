"""Writing the database: schema, rows, full-text indexes, views, build_info.

The database is written to a temporary file beside the target and moved into
place with one os.replace once everything succeeded, so readers (and a
running Datasette) never see a half-written file and a failed build never
replaces a good database.

Rows may come as lists or as iterables that produce them as they are
written (nothing needs all of a table in memory): they go in in batches, in
one transaction, into tables without their indexes; the indexes of
schema.sql are built after the inserts (one sort each instead of an index
update per row), then full-text indexes, views and statistics.
"""
from __future__ import annotations

import json
import os
import re
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable

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

BATCH_ROWS = 2000   # rows per INSERT

# Views of views.sql that aggregate the whole corpus, stored as tables when
# the database is built (same name, same rows, in the view's order), with the
# indexes the site's pages look them up by.
MATERIALIZED = {
    "quote_network": [("speaker_id",), ("subject_id",)],
    "actor_articles": [("actor_id", "published", "article_id"), ("article_id",)],
}


# Facets the site shows on views and stored views (metadata.yml `facets`),
# counted at load time like the indexed columns of schema.sql: a view has no
# index, so a live facet of who_said_what counts every quote (~120 ms a page at
# 20,000 articles).
COUNTED_VIEW_FACETS = {
    "who_said_what": ("kind",),
    "timeline": ("type", "date_precision"),
    "figures_measured": ("unit", "dimension", "comparator"),
    "quote_network": ("subject_type",),
    "actor_articles": ("actor_id",),
}


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


def schema_statements() -> tuple[list[str], list[str]]:
    """schema.sql as (statements that make tables, pragmas and triggers; the
    CREATE INDEX statements)."""
    statements, current = [], ""
    for line in (SCHEMA_DIR / "schema.sql").read_text(encoding="utf-8").splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    if current.strip():
        statements.append(current.strip())
    index = re.compile(r"^(?:--[^\n]*\n\s*)*CREATE\s+(?:UNIQUE\s+)?INDEX\b", re.I)
    return [x for x in statements if not index.match(x)], [x for x in statements if index.match(x)]


def create_schema(path: Path, indexes: bool = True) -> None:
    """The tables of schema.sql and its vocabularies; its indexes too unless
    `indexes` is False (`write` builds them after the rows are in)."""
    tables, index_statements = schema_statements()
    con = sqlite3.connect(path)
    try:
        con.executescript(";\n".join(tables + (index_statements if indexes else [])) + ";")
        for table, filename in VOCABULARIES.items():
            rows = yaml.safe_load((SCHEMA_DIR / filename).read_text(encoding="utf-8"))
            columns = list(rows[0])
            con.executemany(
                f"insert into {table} ({', '.join(columns)}) values ({', '.join('?' * len(columns))})",
                [tuple(row.get(c) for c in columns) for row in rows])
        con.commit()
    finally:
        con.close()


def _hold_later(row: dict, later: dict[str, list]) -> dict:
    """Keep the values of the columns set after the table is loaded (they may
    point at rows of the same table inserted after it; COLUMNS leaves them
    out of the insert) in `later`, as (value, id) pairs."""
    for column, values in later.items():
        if row.get(column) is not None:
            values.append((row[column], row["id"]))
    return row


def write(path: Path, tables: dict[str, Iterable[dict]], build_info: dict[str, str]) -> dict[str, int]:
    """Fill a database created by create_schema; return rows per table."""
    db = sqlite_utils.Database(path)
    db.conn.execute("PRAGMA foreign_keys = ON")
    db.conn.execute("PRAGMA journal_mode = OFF")      # a temporary file: a failed build deletes it
    db.conn.execute("PRAGMA synchronous = OFF")
    db.conn.execute("PRAGMA cache_size = -200000")   # 200 MB for building indexes
    counts = {}
    with db.conn:
        for table in LOAD_ORDER:
            counter = _Counted(tables.get(table, []))
            columns = COLUMNS[table]
            later = {column: [] for column in LATER_COLUMNS.get(table, ())}
            rows = (_hold_later(row, later) for row in counter) if later else counter
            db[table].insert_all(({c: _cell(row.get(c)) for c in columns} for row in rows),
                                 batch_size=BATCH_ROWS)
            counts[table] = counter.count
            for column, values in later.items():
                db.conn.executemany(f"update [{table}] set [{column}] = ? where id = ?", values)
        for statement in schema_statements()[1]:   # the indexes, if create_schema left them out
            db.conn.execute(re.sub(r"^(\s*CREATE\s+(?:UNIQUE\s+)?INDEX)\s+(?!IF\s)", r"\1 IF NOT EXISTS ",
                                   re.sub(r"^(?:--[^\n]*\n\s*)*", "", statement), flags=re.I))
    for table, columns in FTS.items():
        db[table].enable_fts(list(columns), create_triggers=False, tokenize="porter")
    views = SCHEMA_DIR / "views.sql"
    if views.exists():
        db.conn.executescript(views.read_text(encoding="utf-8"))
    with db.conn:
        materialize(db.conn)
        count_facets(db.conn)
    problems = db.conn.execute("PRAGMA foreign_key_check").fetchall()
    if problems:
        raise ValueError(f"foreign key violations: {problems[:5]}")
    with db.conn:
        db["build_info"].insert_all(({"key": k, "value": str(v)}
                                     for k, v in sorted({**build_info, **row_counts(db.conn)}.items())))
    db.conn.execute("ANALYZE")
    db.conn.commit()
    db.conn.execute("VACUUM")
    db.close()
    return counts


def materialize(con: sqlite3.Connection) -> None:
    """Replace each MATERIALIZED view by a table of its rows, and index it."""
    views = {r[0] for r in con.execute("select name from sqlite_master where type = 'view'")}
    for view, indexes in MATERIALIZED.items():
        if view not in views:
            continue
        con.execute(f"create table [{view}__rows] as select * from [{view}]")
        con.execute(f"drop view [{view}]")
        con.execute(f"alter table [{view}__rows] rename to [{view}]")
        for columns in indexes:
            con.execute(f"create index [{view}_{'_'.join(columns)}] on [{view}] ({', '.join(columns)})")


def counted_facet_columns() -> set[tuple[str, str]]:
    """(table or view, column) pairs whose values facet_counts counts."""
    columns = set()
    for statement in schema_statements()[1]:
        m = re.search(r"\bON\s+(\w+)\s*\(\s*(\w+)\s*[,)]", statement, re.I)
        if m and m.group(1) != "facet_counts":
            columns.add((m.group(1), m.group(2)))
    return columns | {(view, column) for view, names in COUNTED_VIEW_FACETS.items() for column in names}


def count_facets(con: sqlite3.Connection) -> None:
    """Fill facet_counts: for every column an index of schema.sql starts
    with, and every column of COUNTED_VIEW_FACETS, how many rows hold each
    value (NULL left out, as Datasette's facets leave it out)."""
    if not con.execute("select 1 from sqlite_master where name = 'facet_counts'").fetchone():
        return
    present = {r[0] for r in con.execute("select name from sqlite_master where type in ('table', 'view')")}
    for table, column in sorted(c for c in counted_facet_columns() if c[0] in present):
        con.execute(f"insert into facet_counts (table_name, column_name, value, count) "
                    f"select ?, ?, [{column}], count(*) from [{table}] where [{column}] is not null "
                    f"group by [{column}]", (table, column))


def read_build_info(path: Path | str) -> dict[str, str] | None:
    """The build_info of a database, read-only; None if there is none to read."""
    path = Path(path)
    if not path.exists():
        return None
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return dict(con.execute("select key, value from build_info"))
        finally:
            con.close()
    except sqlite3.Error:
        return None


def row_counts(con: sqlite3.Connection) -> dict[str, str]:
    """"rows:NAME" -> rows of every table and view (full-text ones too;
    build_info is being written), counted once here: the site gives them to
    Datasette as its inspect data instead of counting a table or a view on
    every page (who_said_what: ~80 ms at 20,000 articles)."""
    names = [r[0] for r in con.execute(
        "select name from sqlite_master where type in ('table', 'view') and name not like 'sqlite_%' "
        "and name != 'build_info' order by name")]
    return {f"rows:{name}": str(con.execute(f"select count(*) from [{name}]").fetchone()[0]) for name in names}


class _Counted:
    """An iterable of rows that counts them as they go by."""

    def __init__(self, rows: Iterable[dict]):
        self.rows, self.count = rows, 0

    def __iter__(self):
        for row in self.rows:
            self.count += 1
            yield row


def _cell(value):
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value
