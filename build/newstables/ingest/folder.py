"""A corpus folder in, Articles out: every file accounted for.

Each file goes to the reader of its format (by name); a file of any other
type is reported as not a supported format, never silently skipped (hidden
files such as .DS_Store are not corpus files and are left alone). A file or
record that cannot be read becomes a Problem naming it and the reason; the
rest of the corpus is still read. Ids are unique: a later duplicate is
reported and skipped.
"""
from __future__ import annotations

from pathlib import Path

from .metadata import MANIFEST, read_manifest
from .model import Article, CorpusError, Ingested, Problem
from .read_html import is_page, read_page_file
from .read_records import read_csv, read_jsonl
from .read_text import read_text
from .read_warc import is_archive, read_warc

SUPPORTED = ".txt (+ manifest.yml), .jsonl, .csv, .html/.htm (.gz), .warc (.gz)"


def ingest(folder: str | Path) -> Ingested:
    """All articles of a corpus folder, sorted by id, and what was met on the way."""
    folder = Path(folder)
    if not folder.is_dir():
        raise CorpusError(f"{folder}: not a folder")
    found = Ingested()
    manifest = read_manifest(folder, found)
    articles: list[Article] = []
    described = set()   # files the manifest may describe
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if not path.is_file() or any(part.startswith(".") for part in Path(rel).parts) or rel == MANIFEST:
            continue
        meta = manifest.get(rel) or manifest.get(path.name) or {}
        suffix = path.suffix.lower()
        try:
            if suffix == ".txt" or is_page(path):
                described.update((rel, path.name))
                read = read_text if suffix == ".txt" else read_page_file
                article = read(path, rel, meta, found)
                articles.extend([article] if article else [])
            elif suffix == ".jsonl":
                articles.extend(read_jsonl(path, rel, found))
            elif suffix == ".csv":
                articles.extend(read_csv(path, rel, found))
            elif is_archive(path):
                articles.extend(read_warc(path, rel, found))
            else:
                found.problem(rel, f"not a supported format (supported: {SUPPORTED}), not read")
        except Exception as exc:  # a reader's bug costs this file, never the build
            found.problem(rel, f"could not be read ({type(exc).__name__}: {exc}), skipped")
    for name in sorted(manifest):
        if name not in described:
            found.problem(MANIFEST, f"entry {name!r} has no file in the corpus folder")
    found.articles = _drop_duplicates(articles, found.problems)
    return found


def read_corpus(folder: str | Path) -> tuple[list[Article], list[Problem]]:
    """All articles of a corpus folder, sorted by id, and the problems met."""
    found = ingest(folder)
    return found.articles, found.problems


def _drop_duplicates(articles: list[Article], problems: list[Problem]) -> list[Article]:
    by_id: dict[str, Article] = {}
    for article in sorted(articles, key=lambda a: (a.id, a.file, a.line or 0)):
        if article.id in by_id:
            first = by_id[article.id]
            where = f"{first.file}:{first.line}" if first.line else first.file
            problems.append(Problem(article.file, f"duplicate article id {article.id!r} "
                                                  f"(already read from {where}), skipped", article.line))
            continue
        by_id[article.id] = article
    return list(by_id.values())
