"""Loading the spaCy pipeline and parsing article bodies, with a parse cache.

Parsing is the expensive step, so a parsed Doc is stored (as spaCy's own
binary serialisation) under a key made of the text's hash and the model's
name and version: an unchanged article is never parsed twice, and changing
extraction code never invalidates the cache. The cache holds the model's own
output only; our rule layers run on the Doc after it comes back.
"""
from __future__ import annotations

import bisect
import hashlib
import importlib.util
import re
import sqlite3
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

import numpy
import spacy
import srsly
import yaml
from spacy.language import Language
from spacy.symbols import ORTH
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


@lru_cache(maxsize=1)
def title_abbreviations() -> list[str]:
    """Abbreviated titles with their stop, capitalised ("Const.", "Sgt.",
    "Gov."), from schema/actor_rules.yml (title_abbreviations, honorifics)."""
    data = yaml.safe_load((settings.SCHEMA_DIR / "actor_rules.yml").read_text(encoding="utf-8"))
    words = list(data["title_abbreviations"]) + [w for ws in data["honorifics"].values() for w in ws]
    return sorted({w[:1].upper() + w[1:] for w in words if w.endswith(".")})


@lru_cache(maxsize=1)
def _title_set() -> frozenset[str]:
    return frozenset(title_abbreviations())


@Language.component("newstables_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A line break ends a sentence: news paragraphs, headings and live-feed
    day headings never share a sentence with the next line; an abbreviated
    title never ends one before a capitalised word ("Const. Mark Delaney").
    Set before the parser, which respects it."""
    titles = _title_set()
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
        elif token.text in titles and doc[token.i + 1].text[:1].isupper():
            doc[token.i + 1].is_sent_start = False
    return doc


@lru_cache(maxsize=4)
def load(name: str | None = None) -> Language:
    """The spaCy pipeline, with line breaks as sentence boundaries."""
    nlp = spacy.load(resolve_model_name(name))
    # An abbreviated title keeps its stop, as spaCy's own "Sen." and "Gov."
    # do: the small model split "police spokesperson Const. | Mark Delaney
    # said" into two sentences, and the quotation lost its speaker.
    for abbreviation in title_abbreviations():
        nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("newstables_paragraphs", before="parser")
    return nlp


def model_id(nlp: Language) -> str:
    """Name and version (and our own pre-parse rules): part of every cache
    key and of build_info."""
    base = f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}"
    if "newstables_paragraphs" in nlp.pipe_names:
        base += f"+paragraphs{PARAGRAPHS_VERSION}"
    titles = hashlib.sha256("\n".join(title_abbreviations()).encode("utf-8")).hexdigest()[:8]
    base += f"+titles-{titles}"     # a change to the list changes the parse cache's keys
    return base


def text_key(text: str, model: str) -> str:
    """The parse cache key: the text and the model, and for a text parsed in
    pieces (`chunks`) the size of the pieces."""
    if len(text) > CHUNK_CHARS:
        model += f"+chunks{CHUNK_CHARS}"
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
        doc_bytes = self.get_bytes(key)
        if doc_bytes is None:
            return None
        try:
            return doc_from_bytes(vocab, doc_bytes)
        except Exception:  # a corrupt or incompatible entry: parse again
            return None

    def get_bytes(self, key: str) -> bytes | None:
        if self.con is None:
            return None
        row = self.con.execute("select doc from docs where key = ?", (key,)).fetchone()
        return None if row is None else row[0]

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


# A text longer than this is parsed in paragraph-aligned pieces of at most
# this many characters (about 5,000 words; news articles stay whole), and a
# batch of pieces holds about this many characters: what the parser holds
# at once stays the same however long the article is.
CHUNK_CHARS = 30_000
BATCH_CHARS = 40_000
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+")


def chunks(text: str, limit: int | None = None) -> list[str]:
    """`text` in consecutive pieces that join back into it exactly, each
    ending after a run of line breaks (a paragraph end) and at most `limit`
    characters long; a paragraph longer than that is cut after its last
    sentence end (else its last space) within the limit (default CHUNK_CHARS)."""
    limit = limit or CHUNK_CHARS
    if len(text) <= limit:
        return [text]
    ends = [m.end() for m in re.finditer(r"\n+", text)]   # where paragraphs begin
    pieces, start = [], 0
    while len(text) - start > limit:
        k = bisect.bisect_right(ends, start + limit) - 1
        cut = ends[k] if k >= 0 and ends[k] > start else None
        if cut is None:   # one paragraph longer than the limit
            window = text[start:start + limit]
            sentence = [m.end() for m in _SENTENCE_END.finditer(window)]
            space = window.rfind(" ")
            cut = start + (sentence[-1] if sentence else space + 1 if space > 0 else limit)
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def parse_texts(nlp: Language, texts: Iterable[str], batch_size: int | None = None,
                with_bytes: bool = False) -> Iterator[Doc] | Iterator[tuple[Doc, bytes]]:
    """A Doc for each text, in order. Long texts are parsed as `chunks` and
    joined as Doc.from_docs joins Docs (`_Joined`), so `doc.text` is the text itself and every
    character offset into it holds; batches close at `batch_size` pieces or
    BATCH_CHARS characters. `with_bytes`: (Doc, its serialisation for the
    parse cache; `doc_from_bytes` reads it back)."""
    batch_size = batch_size or settings.batch_size()
    pieces = ((number, piece) for number, text in enumerate(texts) for piece in chunks(text))
    current, joined = None, None
    for number, doc in _pipe_bounded(nlp, pieces, batch_size):
        if number != current and joined is not None:
            yield joined.result()
            joined = None
        current = number
        if joined is None:
            joined = _Joined(doc, with_bytes)
        else:
            joined.add(doc)
    if joined is not None:
        yield joined.result()


def _pipe_bounded(nlp: Language, pieces: Iterable[tuple[int, str]], batch_size: int) -> Iterator[tuple[int, Doc]]:
    """(tag, Doc) for (tag, text) pairs: nlp.pipe in batches of at most
    `batch_size` texts and about BATCH_CHARS characters."""
    batch: list[tuple[int, str]] = []
    size = 0
    for tag, text in pieces:
        if batch and (len(batch) >= batch_size or size + len(text) > BATCH_CHARS):
            yield from _pipe(nlp, batch)
            batch, size = [], 0
        batch.append((tag, text))
        size += len(text)
    if batch:
        yield from _pipe(nlp, batch)


def _pipe(nlp: Language, batch: list[tuple[int, str]]) -> Iterator[tuple[int, Doc]]:
    for (tag, _), doc in zip(batch, nlp.pipe([text for _, text in batch], batch_size=len(batch))):
        # the tok2vec output (96 floats a token) has served the tagger and
        # parser; nothing after them reads it: dropped, it costs neither
        # memory in a long article nor room in the parse cache
        doc.tensor = numpy.zeros((0, 0), dtype="float32")
        yield tag, doc


PIECES = b"newstables pieces\0"   # opens the cache entry of a text parsed in pieces


class _Joined:
    """The pieces of one text, joined as Doc.from_docs(pieces,
    ensure_whitespace=False) joins them, but kept as words, spaces and token
    attribute arrays (and, `with_bytes`, each piece serialised), so each
    piece's Doc is let go as soon as it is parsed: a long text never holds
    its pieces and their join at once, and its join is never serialised whole."""

    def __init__(self, first: Doc, with_bytes: bool = False):
        self.first, self.parts, self.vocab, self.with_bytes = first, None, first.vocab, with_bytes

    def add(self, doc: Doc) -> None:
        if self.parts is None:
            self.attrs = list(Doc._get_array_attrs())
            self.words, self.spaces, self.arrays, self.pieces, self.length = [], [], [], [], 0
            self.parts = 0
            self._take(self.first)
            self.first = None
        self._take(doc)

    def _take(self, doc: Doc) -> None:
        assert not doc.spans and not doc.user_data, "pieces are joined without spans or user data"
        self.words.extend(t.text for t in doc)
        self.spaces.extend(bool(t.whitespace_) for t in doc)
        self.arrays.append(doc.to_array(self.attrs))
        if self.with_bytes:
            self.pieces.append(doc.to_bytes(exclude=["user_data"]))
        self.length += len(doc.text)
        self.parts += 1

    def result(self) -> Doc | tuple[Doc, bytes]:
        if self.parts is None:
            doc = self.first
            return (doc, doc.to_bytes(exclude=["user_data"])) if self.with_bytes else doc
        array = numpy.concatenate(self.arrays)
        self.arrays = None
        doc = Doc(self.vocab, words=self.words, spaces=self.spaces)
        self.words = self.spaces = None      # the generator keeps this object while the Doc is worked on
        doc.from_array(self.attrs, array)
        del array
        doc.tensor = numpy.zeros((0, 0), dtype="float32")
        assert len(doc.text) == self.length
        if not self.with_bytes:
            return doc
        data = PIECES + srsly.msgpack_dumps(self.pieces)
        self.pieces = None
        return doc, data


def doc_from_bytes(vocab, data: bytes) -> Doc:
    """A Doc from the parse cache: one serialised Doc, or the pieces of a long text (joined)."""
    if not data.startswith(PIECES):
        return Doc(vocab).from_bytes(data)
    joined = None
    for piece in srsly.msgpack_loads(data[len(PIECES):]):
        doc = Doc(vocab).from_bytes(piece)
        if joined is None:
            joined = _Joined(doc)
        else:
            joined.add(doc)
    return joined.result()
