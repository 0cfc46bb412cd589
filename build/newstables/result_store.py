"""Every article's ArticleResult, kept on disk for the length of a build.

Resolution reads the results of the whole corpus several times (local
actors, then mention and quote counts, then each table's rows), but needs
no more than one article's at a time. A store keeps them, pickled, in a
temporary SQLite file beside the database being built, in the order of the
corpus (by article id, which is how resolution wants them), so the build's
memory does not grow with the results of the corpus. Iterating the store
reads them back one at a time.
"""
from __future__ import annotations

import os
import pickle
import sqlite3
from pathlib import Path
from typing import Iterator

from .extract import ArticleResult

PICKLE_PROTOCOL = 5


class ResultStore:
    """ArticleResults put by their place in the corpus, read back in that order."""

    sorted_by_article_id = True   # the corpus is read in article id order

    def __init__(self, folder: Path | str):
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / f".results.{os.getpid()}.{id(self)}.tmp"
        self.con = sqlite3.connect(self.path)
        self.con.execute("pragma journal_mode = off")
        self.con.execute("pragma synchronous = off")
        self.con.execute("create table results (place integer primary key, result blob not null)")
        self.count = 0

    def put(self, place: int, result: ArticleResult) -> None:
        self.con.execute("insert into results values (?, ?)", (place, pickle.dumps(result, protocol=PICKLE_PROTOCOL)))
        self.count += 1

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[ArticleResult]:
        for (blob,) in self.con.execute("select result from results order by place"):
            yield pickle.loads(blob)

    def close(self) -> None:
        """Drop the file (the store is empty afterwards)."""
        if self.con is not None:
            self.con.close()
            self.con = None
            self.path.unlink(missing_ok=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
