"""Loading the spaCy pipeline and parsing article bodies, with a parse cache.

Parsing is the expensive step, so a parsed Doc is stored (as spaCy's own
binary serialisation) under a key made of the text's hash and the model's
name and version: an unchanged article is never parsed twice, and changing
extraction code never invalidates the cache. The cache holds the model's own
output only; our rule layers run on the Doc after it comes back.
"""
from __future__ import annotations

import hashlib
import importlib.util
import sqlite3
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import settings


class ModelNotFound(RuntimeError):
    pass


def resolve_model_name(name: str | None = None) -> str:
    """The requested model if installed, else the first installed fallback."""
    wanted = name or settings.model_name()
    candidates = [wanted] + ([m for m in settings.FALLBACK_MODELS if m != wanted]
                             if wanted == settings.DEFAULT_MODEL else [])
    for candidate in candidates:
        if importlib.util.find_spec(candidate) is not None or Path(candidate).is_dir():
            return candidate
    raise ModelNotFound(
        f"spaCy model {wanted!r} is not installed. Install the pinned one with "
        f"`make venv`, or set NEWSTABLES_MODEL to an installed pipeline "
        f"(tried: {', '.join(candidates)}).")


PARAGRAPHS_VERSION = "1"


@Language.component("newstables_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A line break ends a sentence: news paragraphs, headings and live-feed
    day headings never share a sentence with the next line. Set before the
    parser, which respects it."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load(name: str | None = None) -> Language:
    """The spaCy pipeline, with line breaks as sentence boundaries."""
    nlp = spacy.load(resolve_model_name(name))
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("newstables_paragraphs", before="parser")
    return nlp


def model_id(nlp: Language) -> str:
    """Name and version (and our own pre-parse rules): part of every cache
    key and of build_info."""
    base = f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}"
    if "newstables_paragraphs" in nlp.pipe_names:
        base += f"+paragraphs{PARAGRAPHS_VERSION}"
    return base


def text_key(text: str, model: str) -> str:
    return hashlib.sha256(f"{model}\0{text}".encode("utf-8")).hexdigest()


def open_cache(folder: Path | str | None, filename: str, table: str) -> sqlite3.Connection | None:
    """An SQLite cache file in `folder` (None: no cache) with `table` in it.
    Several builds may share one cache: WAL, and a long wait for each
    other's writes."""
    if folder is None:
        return None
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(folder / filename, timeout=120)
    con.execute("pragma journal_mode = wal")
    con.execute(f"create table if not exists {table}")
    con.commit()
    return con


class ParseCache:
    """Parsed Docs in an SQLite file, keyed by text hash and model."""

    def __init__(self, folder: Path | str | None):
        self.con = open_cache(folder, "parses.sqlite", "docs (key text primary key, doc blob not null)")

    def present(self, keys: set[str]) -> set[str]:
        """Which of `keys` the cache holds (without reading the Docs)."""
        if self.con is None or not keys:
            return set()
        found, keys = set(), sorted(keys)
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            found.update(k for (k,) in self.con.execute(
                f"select key from docs where key in ({','.join('?' * len(chunk))})", chunk))
        return found

    def get(self, key: str, vocab) -> Doc | None:
        if self.con is None:
            return None
        row = self.con.execute("select doc from docs where key = ?", (key,)).fetchone()
        if row is None:
            return None
        try:
            return Doc(vocab).from_bytes(row[0])
        except Exception:  # a corrupt or incompatible entry: parse again
            return None

    def put(self, key: str, doc: Doc) -> None:
        self.put_bytes(key, doc.to_bytes(exclude=["user_data"]))

    def put_bytes(self, key: str, doc_bytes: bytes) -> None:
        if self.con is not None:
            self.con.execute("insert or replace into docs values (?, ?)", (key, doc_bytes))

    def commit(self) -> None:
        if self.con is not None:
            self.con.commit()

    def close(self) -> None:
        if self.con is not None:
            self.con.commit()
            self.con.close()
            self.con = None


# Below this many documents to parse, a background process costs more than it saves.
BACKGROUND_MIN_DOCS = 64


def parse(texts: Iterable[tuple[str, str]], nlp: Language, cache: ParseCache,
          batch_size: int | None = None, n_process: int | None = None,
          stats: dict | None = None) -> Iterator[tuple[str, Doc]]:
    """(key, text) pairs in, (key, Doc) pairs out, in the same order.

    Cached Docs are read one at a time as they are needed; the rest are parsed
    in other processes while this one goes on with the Docs already back (the
    caller extracts from them), so parsing and extraction overlap.
    """
    model = model_id(nlp)
    batch_size = batch_size or settings.batch_size()
    n_process = n_process or settings.processes()
    stats = stats if stats is not None else {}
    stats.setdefault("parsed", 0)
    stats.setdefault("cached", 0)
    items = [(key, text, text_key(text, model)) for key, text in texts]
    present = cache.present({ckey for _, _, ckey in items})
    todo = [text for _, text, ckey in items if ckey not in present]
    parsed = _parse_stream(todo, nlp, batch_size, n_process)
    for key, text, ckey in items:
        doc = cache.get(ckey, nlp.vocab) if ckey in present else None
        if doc is not None:
            stats["cached"] += 1
        else:
            # a corrupt cache entry is parsed again here
            doc, doc_bytes = next(parsed) if ckey not in present else (nlp(text), None)
            if doc_bytes is None:
                cache.put(ckey, doc)
            else:
                cache.put_bytes(ckey, doc_bytes)   # as they came back: no second serialisation
            stats["parsed"] += 1
            if stats["parsed"] % 256 == 0:
                cache.commit()
        yield key, doc
    cache.commit()


def _parse_stream(texts: list[str], nlp: Language, batch_size: int,
                  n_process: int) -> Iterator[tuple[Doc, bytes | None]]:
    """(Doc, its serialised bytes if already made) for `texts`, in order,
    parsed away from this process when it pays."""
    if len(texts) >= BACKGROUND_MIN_DOCS and n_process == 1:
        return _background_pipe(texts, nlp, batch_size)
    # n_process > 1: spaCy's own worker processes
    return ((doc, None) for doc in nlp.pipe(texts, batch_size=batch_size, n_process=n_process))


def _background_pipe(texts: list[str], nlp: Language, batch_size: int) -> Iterator[tuple[Doc, bytes]]:
    """nlp.pipe in one forked process, Docs sent back as bytes through a
    bounded queue (memory stays flat however long the corpus)."""
    import multiprocessing
    from queue import Empty

    context = multiprocessing.get_context("fork")
    queue = context.Queue(maxsize=8)

    def work():
        try:
            batch = []
            for doc in nlp.pipe(texts, batch_size=batch_size):
                batch.append(doc.to_bytes(exclude=["user_data"]))
                if len(batch) == batch_size:
                    queue.put(batch)
                    batch = []
            queue.put(batch)
            queue.put(None)
        except BaseException as exc:  # tell the parent rather than hang it
            queue.put(("failed", f"{type(exc).__name__}: {exc}"))

    process = context.Process(target=work, name="newstables-parser", daemon=True)
    process.start()
    try:
        while True:
            try:
                item = queue.get(timeout=5)
            except Empty:
                if not process.is_alive():
                    raise RuntimeError("the parser process stopped without a word") from None
                continue
            if item is None:
                return
            if isinstance(item, tuple):
                raise RuntimeError(f"the parser process failed: {item[1]}")
            for doc_bytes in item:
                yield Doc(nlp.vocab).from_bytes(doc_bytes), doc_bytes
    finally:
        if process.is_alive():
            process.terminate()
        process.join()
