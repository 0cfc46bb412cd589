"""Pairing quotation marks in an article body.

News copy mixes straight and curly marks, uses ” as an opening mark in
machine-translated text, and sometimes single marks ('like this') as the
quotation marks. Each mark is classified as an opener or a closer from the
characters around it (not from its glyph alone), then openers and closers
are paired paragraph by paragraph. A quote left open at the end of a
paragraph whose next paragraph opens with a quotation mark is the
multi-paragraph convention: it ends at the paragraph end and is marked
`continues`. So is an opener left open before a second opener that follows a
finished sentence (the same convention with the paragraph breaks lost).
An opener inside an open quotation elsewhere, with a closer after it, is a
quotation quoted inside ('"He said he would "fake" an injury."').
Wire archives' ``two backticks'' and two apostrophes are one mark each.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE = set('"“”„‟«»″〝〞＂')
SINGLE = set("'‘’‚‛‹›")
OPEN_ONLY = set("“„‟«〝")
CLOSE_ONLY = set("»〞")
# characters that may stand before an opening mark
OPEN_CONTEXT = set(" \t\n([{—–-:;/…") | {"\u00a0"}
# characters that may follow a closing mark
CLOSE_CONTEXT = set(" \t\n)]}.,;:!?—–-…/") | {"\u00a0"}


@dataclass
class QuoteSpan:
    open: int            # index of the opening mark
    close: int | None    # index of the closing mark (None: ran to paragraph end)
    start: int           # text start (inside the marks, whitespace trimmed)
    end: int             # text end
    paragraph: int       # paragraph number
    continues: bool = False   # open at paragraph end, next paragraph re-opens
    single: bool = False      # single marks

    @property
    def outer_end(self) -> int:
        return self.close + 1 if self.close is not None else self.end


def _kind(text: str, i: int, lo: int, hi: int) -> str:
    """'open', 'close', 'both' (either) or 'none' for the mark at i."""
    ch = text[i]
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    if prev in DOUBLE | SINGLE and i - 1 >= lo:
        prev = text[i - 2] if i - 2 >= lo else " "   # “‘ nested openers
    if nxt in DOUBLE | SINGLE and i + 2 <= hi:
        nxt = text[i + 2] if i + 2 < hi else " "
    can_open = prev in OPEN_CONTEXT and not nxt.isspace()
    can_close = nxt in CLOSE_CONTEXT and not prev.isspace()
    if ch in OPEN_ONLY and can_open:
        return "open"
    if ch in CLOSE_ONLY and can_close:
        return "close"
    if can_open and not can_close:
        return "open"
    if can_close and not can_open:
        return "close"
    if can_open and can_close:
        return "both"
    # glued on both sides ('word"word') or spaced on both: fall back on the glyph
    if ch in "“„‟«":
        return "open"
    if ch in "”»":
        return "close"
    return "none"


def _paragraphs(text: str):
    for number, match in enumerate(re.finditer(r"[^\n]+", text)):
        yield number, match.start(), match.end()


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def _pair_double(text: str, lo: int, hi: int, number: int) -> tuple[list[QuoteSpan], int | None]:
    """Pairs of double marks in text[lo:hi]; also the opener left unclosed."""
    spans = []
    open_at = None
    nested = None       # an opener inside an open quotation, not after a sentence end
    for i in range(lo, hi):
        if text[i] not in DOUBLE:
            continue
        kind = _kind(text, i, lo, hi)
        if open_at is None:
            if kind in ("open", "both"):
                open_at = i
        elif nested is not None:
            if kind in ("close", "both"):
                nested = None   # '"... going to "fake" an injury ...': a quotation quoted inside
            elif kind == "open":
                open_at, nested = i, None       # neither was closed: start afresh
        else:
            if kind in ("close", "both"):
                start, end = _trim(text, open_at + 1, i)
                if end > start:
                    spans.append(QuoteSpan(open_at, i, start, end, number))
                open_at = None
            elif kind == "open":
                # a second opener. After a finished sentence it is the
                # multi-paragraph convention with the paragraph breaks lost
                # ('"First part. "Second part," he said.'): the first quote
                # runs to that sentence end. Otherwise the first one was
                # never closed: drop it.
                before = text[open_at + 1:i].rstrip()
                if before[-1:] in (".", "!", "?", "…") and text[i - 1].isspace():
                    start, end = _trim(text, open_at + 1, i)
                    if end > start:
                        spans.append(QuoteSpan(open_at, None, start, end, number, continues=True))
                    open_at = i
                else:
                    nested = i  # a quotation inside this one, if a closer follows
    if nested is not None:
        open_at = nested        # (a nested opener never closed: the first one was not either)
    return spans, open_at


def _pair_single(text: str, lo: int, hi: int, number: int, taken: list[tuple[int, int]]) -> list[QuoteSpan]:
    """'Single-mark' quotations outside double-mark quotes."""
    def inside(i):
        return any(a <= i <= b for a, b in taken)

    spans = []
    i = lo
    while i < hi:
        ch = text[i]
        if ch in "'‘‚‛‹" and not inside(i):
            prev = text[i - 1] if i > lo else " "
            nxt = text[i + 1] if i + 1 < hi else " "
            if (prev in OPEN_CONTEXT or prev in DOUBLE) and (nxt.isalnum() or nxt in "…"):
                # find the closer: a mark glued to the text before it and
                # followed by a space, punctuation or the paragraph end
                j = i + 1
                found = None
                while j < hi:
                    c = text[j]
                    if inside(j):
                        break
                    if c in "'’›":
                        after = text[j + 1] if j + 1 < hi else " "
                        before = text[j - 1]
                        if before.isalnum() and after.isalnum():
                            j += 1          # an apostrophe inside a word
                            continue
                        if not before.isspace() and (after in CLOSE_CONTEXT or after in DOUBLE):
                            # "Russians' " after an s may be a plural possessive;
                            # accept it only if another closer does not follow
                            found = j
                            break
                    j += 1
                if found is not None:
                    start, end = _trim(text, i + 1, found)
                    if end > start:
                        spans.append(QuoteSpan(i, found, start, end, number, single=True))
                    i = found + 1
                    continue
        i += 1
    return spans


# Wire archives and Penn Treebank-style text write ``quotations'' with two
# backticks and two apostrophes. Each pair is read as one curly mark plus a
# character no span keeps (same length: offsets stay those of the text).
_FILLER = "\u200b"
_ASCII_PAIRS = (("``", "“" + _FILLER), ("''", _FILLER + "”"))


def find_quotes(text: str) -> list[QuoteSpan]:
    """Every quotation in `text`, in order."""
    if "``" not in text:
        return _find_quotes(text)
    masked = text
    for pair, stands_for in _ASCII_PAIRS:
        masked = masked.replace(pair, stands_for)
    spans = _find_quotes(masked)
    spaced = masked.replace(_FILLER, " ")
    for span in spans:
        span.start, span.end = _trim(spaced, span.start, span.end)
    return [s for s in spans if s.end > s.start]


def _find_quotes(text: str) -> list[QuoteSpan]:
    paragraphs = list(_paragraphs(text))
    results: list[QuoteSpan] = []
    for index, (number, lo, hi) in enumerate(paragraphs):
        spans, unclosed = _pair_double(text, lo, hi, number)
        if unclosed is not None:
            start, end = _trim(text, unclosed + 1, hi)
            nxt = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            continues = bool(nxt) and text[nxt[1]] in DOUBLE
            # an unclosed mark that opens a paragraph, or continues into the
            # next one, is a quote running to the paragraph end
            opens_paragraph = not text[lo:unclosed].strip()
            if end > start and (continues or opens_paragraph):
                spans.append(QuoteSpan(unclosed, None, start, end, number, continues=continues))
        taken = [(s.open, s.outer_end) for s in spans]
        spans += _pair_single(text, lo, hi, number, taken)
        spans.sort(key=lambda s: s.open)
        results += spans
    return results
