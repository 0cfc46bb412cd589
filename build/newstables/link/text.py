"""Words of an article body, as the linking rules compare them."""
from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def words(text: str) -> list[str]:
    """Lower-cased words (letters and digits, with inner hyphens and apostrophes)."""
    return [w.lower().replace("’", "'") for w in WORD.findall(text or "")]


def content_words(text: str) -> list[str]:
    """Words that carry the topic: no stop words, no numbers, three letters or more."""
    return [w for w in words(text) if len(w) >= 3 and w not in STOP_WORDS and not w[0].isdigit()]
