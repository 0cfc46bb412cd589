"""The link cache: what the cross-article stage computed per article and
keeps for the next build (MinHash signatures), in `links.sqlite` beside the
parse and extraction caches.

Entries are keyed by a hash of the text they were computed from and the
version of the computation, never by the code of the whole pipeline: a
change elsewhere in newstables does not make an article be hashed again.
"""
from __future__ import annotations

from pathlib import Path

from .. import nlp as nlp_module


class LinkCache:
    def __init__(self, folder: Path | str | None):
        self.con = nlp_module.open_cache(folder, "links.sqlite",
                                         "blobs (kind text, key text, value blob not null, primary key (kind, key))")
        self.hits = 0
        self.misses = 0

    def get_blobs(self, kind: str, keys: set[str]) -> dict[str, bytes]:
        found: dict[str, bytes] = {}
        if self.con is not None and keys:
            wanted = sorted(keys)
            for i in range(0, len(wanted), 500):
                chunk = wanted[i:i + 500]
                found.update(self.con.execute(
                    f"select key, value from blobs where kind = ? and key in ({','.join('?' * len(chunk))})",
                    [kind, *chunk]))
        self.hits += len(found)
        self.misses += len(keys) - len(found)
        return found

    def put_blobs(self, kind: str, entries: dict[str, bytes]) -> None:
        """Store entries in one short transaction (other builds may share the file)."""
        if self.con is not None and entries:
            with self.con:
                self.con.executemany("insert or replace into blobs values (?, ?, ?)",
                                     [(kind, key, value) for key, value in entries.items()])

    def close(self) -> None:
        if self.con is not None:
            self.con.close()
            self.con = None
