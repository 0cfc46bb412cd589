"""The extraction cache: every article's ArticleResult, kept beside the
parse cache so that a rebuild extracts only the articles that changed."""
from __future__ import annotations

import dataclasses
import hashlib
import json
import pickle
import platform
from importlib import metadata as importlib_metadata
from pathlib import Path

from . import nlp as nlp_module
from .corpus import Article
from .extract import ArticleResult


# Bump to drop every cached extraction (a change of the stored format).
EXTRACTION_CACHE_VERSION = "1"
PICKLE_PROTOCOL = 5
# Where an article was found, not what it says: extraction never reads these,
# and an article moved to another line or file is still the same article.
# The original bytes (article.source) are not read either: the raw text stands for them.
NOT_EXTRACTED_FROM = frozenset({"file", "line", "metadata_source", "source"})
# Third-party packages whose behaviour extraction depends on.
EXTRACTION_PACKAGES = ("spacy", "dateparser", "rapidfuzz", "PyYAML")


def extraction_fingerprint(code: str, model: str) -> str:
    """Everything besides the article that an ArticleResult depends on: the
    code and schema (code_hash()), the model, the packages, the format."""
    def version(package):
        try:
            return importlib_metadata.version(package)
        except importlib_metadata.PackageNotFoundError:
            return "not installed"

    parts = [EXTRACTION_CACHE_VERSION, str(PICKLE_PROTOCOL), platform.python_version(), code, model,
             *(f"{p}={version(p)}" for p in EXTRACTION_PACKAGES)]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def extraction_key(article: Article, fingerprint: str) -> str:
    """The article as extraction sees it (id, body, raw text and every
    metadata field, sections included), under `fingerprint`."""
    fields = {k: v for k, v in dataclasses.asdict(article).items() if k not in NOT_EXTRACTED_FROM}
    payload = json.dumps(fields, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(f"{fingerprint}\0{payload}".encode("utf-8")).hexdigest()


class ExtractionCache:
    """ArticleResults (pickled) in `extractions.sqlite` beside the parse
    cache, keyed by extraction_key(). A hit costs neither a parse nor a Doc
    read nor an extraction. Several builds may share the folder: WAL, a long
    busy timeout, and writes batched into short transactions."""

    FLUSH_EVERY = 64

    def __init__(self, folder: Path | str | None):
        self.pending: list[tuple[str, bytes]] = []
        self.con = nlp_module.open_cache(folder, "extractions.sqlite",
                                         "extractions (key text primary key, result blob not null)")

    @property
    def enabled(self) -> bool:
        return self.con is not None

    def get_many(self, keys: dict[str, str]) -> dict[str, ArticleResult]:
        """{article id: key} in, {article id: cached ArticleResult} out (only
        the hits; an entry that does not unpickle to that article's result is
        a miss)."""
        if self.con is None or not keys:
            return {}
        ids = {key: article_id for article_id, key in keys.items()}
        found, wanted = {}, sorted(ids)
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            for key, blob in self.con.execute(
                    f"select key, result from extractions where key in ({','.join('?' * len(chunk))})", chunk):
                try:
                    result = pickle.loads(blob)
                except Exception:  # corrupt or from other code: extract again
                    continue
                if isinstance(result, ArticleResult) and result.article_id == ids[key]:
                    found[ids[key]] = result
        return found

    def put(self, key: str, result: ArticleResult) -> None:
        if self.con is not None:
            self.pending.append((key, pickle.dumps(result, protocol=PICKLE_PROTOCOL)))
            if len(self.pending) >= self.FLUSH_EVERY:
                self.flush()

    def flush(self) -> None:
        if self.con is not None and self.pending:
            with self.con:   # one short transaction
                self.con.executemany("insert or replace into extractions values (?, ?)", self.pending)
            self.pending = []

    def close(self) -> None:
        if self.con is not None:
            self.flush()
            self.con.close()
            self.con = None
