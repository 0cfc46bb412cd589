"""Look-ups on one parsed article, built once per Doc, so extraction costs
time in proportion to the text however long the article is.

spaCy rebuilds `doc.text` and `doc.ents` from the tokens on every access: an
extractor that reads them once per entity, quote or cue rescans the whole
article each time, and a 20,000-word article then costs many times what the
same words cost as short articles. The answers are kept here instead, in
`doc.user_data` (never serialised: the parse cache stores the model's output
only):

- `text(doc)`: the article text (it never changes);
- `ents(doc)`, `ents_within`, `ents_starting`, `ent_containing`: the
  entities, found by bisection on their start tokens;
- `memo(doc, name, build)`: any other per-document table an extractor builds
  once (`entity_bound=True` for one that depends on the entities);
- `word_starts(doc, word)`, `whole_word_matches(doc, phrase)`: where a word
  or phrase stands in the text as whole words;
- `Intervals`: character ranges asked "is this offset inside one?" and "does
  this range overlap one?" without a scan of all of them.

Entities change only in the entities extractor. Whatever depends on them is
dropped by `forget_entities(doc)`, which that extractor calls when it is done
and `extract_article` calls after every extractor.
"""
from __future__ import annotations

import bisect
import re
from collections import defaultdict
from typing import Callable

from spacy.tokens import Doc, Span

_KEY = "newstables.doc_index"
_WORD = re.compile(r"\w+")


def _store(doc: Doc) -> dict:
    store = doc.user_data.get(_KEY)
    if store is None:
        store = doc.user_data[_KEY] = {"fixed": {}, "entities": {}}
    return store


def memo(doc: Doc, name: str, build: Callable[[], object], entity_bound: bool = False):
    """`build()`'s answer for this Doc, computed on first use."""
    table = _store(doc)["entities" if entity_bound else "fixed"]
    if name not in table:
        table[name] = build()
    return table[name]


def forget_entities(doc: Doc) -> None:
    """Drop everything that depends on doc.ents (they were just changed)."""
    store = doc.user_data.get(_KEY)
    if store is not None:
        store["entities"].clear()


def text(doc: Doc) -> str:
    return memo(doc, "text", lambda: doc.text)


def ents(doc: Doc) -> tuple[Span, ...]:
    return _entity_table(doc)[0]


def _entity_table(doc: Doc) -> tuple[tuple[Span, ...], list[int]]:
    def build():
        spans = tuple(doc.ents)
        return spans, [e.start for e in spans]
    return memo(doc, "ents", build, entity_bound=True)


def ents_starting(doc: Doc, lo: int, hi: int) -> tuple[Span, ...]:
    """Entities whose first token is in [lo, hi), in order."""
    spans, starts = _entity_table(doc)
    return spans[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]


def ents_within(doc: Doc, lo: int, hi: int) -> list[Span]:
    """Entities lying wholly in tokens [lo, hi), in order."""
    return [e for e in ents_starting(doc, lo, hi) if e.end <= hi]


def ent_containing(doc: Doc, i: int) -> Span | None:
    """The entity token `i` belongs to (entities never overlap)."""
    spans, starts = _entity_table(doc)
    k = bisect.bisect_right(starts, i) - 1
    return spans[k] if k >= 0 and i < spans[k].end else None


def word_starts(doc: Doc, word: str) -> list[int]:
    """Offsets where `word` stands as a whole run of word characters."""
    def build():
        index = defaultdict(list)
        for m in _WORD.finditer(text(doc)):
            index[m.group()].append(m.start())
        return index
    return memo(doc, "words", build).get(word, [])


def whole_word_matches(doc: Doc, phrase: str) -> list[tuple[int, int]]:
    """Where re.finditer(r"\\b" + re.escape(phrase) + r"\\b", text) matches, found
    from the word index: a match of a phrase that opens with word characters
    starts where a run of word characters equal to its first one starts."""
    def find():
        first = _WORD.match(phrase)
        if first is None or not phrase:
            return [(m.start(), m.end()) for m in re.finditer(r"\b" + re.escape(phrase) + r"\b", text(doc))]
        pattern = re.compile(r"\b" + re.escape(phrase) + r"\b")
        found, after = [], 0
        for start in word_starts(doc, first.group()):
            m = pattern.match(text(doc), start) if start >= after else None
            if m is not None:   # finditer's matches do not overlap
                found.append((start, m.end()))
                after = m.end()
        return found
    return memo(doc, f"whole word:{phrase}", find)


def line_bounds(doc: Doc, char: int) -> tuple[int, int]:
    """Start and end (exclusive, at the newline) of the line holding `char`."""
    breaks = memo(doc, "newlines", lambda: [m.start() for m in re.finditer("\n", text(doc))])
    k = bisect.bisect_left(breaks, char)
    start = breaks[k - 1] + 1 if k > 0 else 0
    end = breaks[k] if k < len(breaks) else len(text(doc))
    return start, end


def last_before(doc: Doc, char: str, end: int) -> int:
    """text(doc).rfind(char, 0, end), from an index of where `char` stands."""
    places = memo(doc, f"places:{char}", lambda: [m.start() for m in re.finditer(re.escape(char), text(doc))])
    k = bisect.bisect_left(places, end - len(char) + 1)
    return places[k - 1] if k > 0 else -1


class Intervals:
    """Half-open character ranges [a, b), each with an optional label, in any
    order, some nested; answers by bisection over their starts (a range can
    reach back no further than the longest one added)."""

    def __init__(self, ranges=()):
        self.starts: list[int] = []
        self.ranges: list[tuple] = []
        self.longest = 0
        for a, b, *label in ranges:
            self.add(a, b, *label)

    def add(self, a: int, b: int, label=None) -> None:
        k = bisect.bisect_right(self.starts, a)
        self.starts.insert(k, a)
        self.ranges.insert(k, (a, b, label))
        self.longest = max(self.longest, b - a)

    def near(self, lo: int, hi: int) -> list[tuple]:
        """(a, b, label) of the ranges that may overlap [lo, hi), by start."""
        i = bisect.bisect_left(self.starts, lo - self.longest)
        j = bisect.bisect_left(self.starts, hi)
        return self.ranges[i:j]

    def containing(self, x: int) -> list[tuple]:
        """(a, b, label) of the ranges with a <= x < b."""
        return [r for r in self.near(x, x + 1) if r[0] <= x < r[1]]

    def contains(self, x: int) -> bool:
        return any(a <= x < b for a, b, _ in self.near(x, x + 1))

    def overlaps(self, start: int, end: int) -> bool:
        """Is there a range with a < end and start < b?"""
        return any(a < end and start < b for a, b, _ in self.near(start, end))
