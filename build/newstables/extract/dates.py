"""Finding date and time expressions in an article and resolving each one.

Candidates are spaCy's DATE/TIME entities plus Matcher patterns for what the
model misses (years inside names, "late on Monday", "earlier this month").
Durations and sets ("30 days", "30-day", "90-minute", "daily") are figures,
not dates, and are dropped. Each span is resolved by `newstables.dates`
against the reference day of its position (live-feed heading or publication
date), looking ahead when its clause is about the future. Expressions that
point back at a period named earlier ("a year earlier" after "the third
quarter") take that period as their anchor.
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from .. import dates as D
from ..corpus import Article

LABELS = ("DATE", "TIME")
YEAR = r"^(1[5-9]\d\d|20\d\d)$"
WEEKDAY = {"LOWER": {"IN": list(D.WEEKDAYS)}}
ABBR = ["jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec."]
MONTH = {"LOWER": {"IN": list(D.MONTHS)}, "IS_TITLE": True}


@lru_cache(maxsize=4)
def _matcher(vocab) -> Matcher:
    """Patterns for date phrases the NER model misses or cuts short."""
    r = D.rules()
    m = Matcher(vocab)
    mods = {"LOWER": {"IN": ["early", "late", "earlier", "later", "mid"]}}
    m.add("DATE", [
        # a year on its own or inside a name: "the 1962 Cuban Missile Crisis", "in 2014"
        [{"TEXT": {"REGEX": YEAR}, "TAG": {"IN": ["CD", "NNP", "JJ"]}}],
        [{"LOWER": {"IN": ["mid", "early", "late"]}}, {"TEXT": "-"}, {"TEXT": {"REGEX": YEAR}}],
        # "late on Monday", "early on Tuesday", "earlier this month", "later this year"
        [mods, {"LOWER": "on", "OP": "?"}, WEEKDAY],
        [mods, {"LOWER": {"IN": ["this", "last", "next"]}}, {"LOWER": {"IN": ["week", "month", "year"]}}],
        [{"LOWER": {"IN": list(r["shift_words"])}}, {"LOWER": {"IN": list(D.MONTHS) + list(D.WEEKDAYS)}}],
        [{"LOWER": {"IN": ["this", "last", "next"]}}, {"LOWER": {"IN": ["week", "month", "year", "weekend"]}}],
        [{"LOWER": {"IN": ["today", "yesterday", "tomorrow", "tonight"]}}],
        [WEEKDAY], [MONTH, {"IS_DIGIT": True, "OP": "?"}],
        [{"LOWER": {"IN": ABBR}}, {"IS_DIGIT": True}],
        # "third-quarter", "the fiscal first quarter", "the year-ago quarter"
        [{"LOWER": {"IN": list(r["ordinals"]) + ["year", "final"]}}, {"TEXT": "-", "OP": "?"},
         {"LOWER": {"IN": ["ago", "earlier"]}, "OP": "?"}, {"LOWER": {"IN": ["quarter", "half"]}}],
        [{"LOWER": "fiscal"}, {"LOWER": {"IN": list(r["ordinals"])}}, {"LOWER": {"IN": ["quarter", "half"]}}],
        [{"LOWER": "year"}, {"TEXT": "-"}, {"LOWER": {"IN": ["ago", "earlier"]}}],
        [{"LOWER": {"IN": ["this", "last", "next", "the"]}, "OP": "?"}, WEEKDAY,
         {"LOWER": {"IN": ["morning", "afternoon", "evening", "night"]}}],
    ])
    return m


def candidates(doc: Doc) -> list[Span]:
    """DATE/TIME entities, widened by overlapping pattern matches, no overlaps."""
    spans = [e for e in doc.ents if e.label_ in LABELS]
    for _, start, end in _matcher(doc.vocab)(doc):
        span = doc[start:end]
        if span.text.lower() == "may" and not _may_is_month(span):
            continue
        spans.append(span)
    spans = [_trim(s) for s in spans]
    spans = [s for s in spans if s is not None]
    # merge overlapping spans into their union
    spans.sort(key=lambda s: (s.start, -s.end))
    merged: list[Span] = []
    for s in spans:
        if merged and s.start < merged[-1].end:
            last = merged[-1]
            merged[-1] = doc[last.start:max(last.end, s.end)]
        else:
            merged.append(s)
    return merged


def _may_is_month(span: Span) -> bool:
    tok = span[0]
    return tok.text == "May" and (tok.i == 0 or tok.nbor(-1).lower_ in ("in", "since", "of", "until", "by", "last", "next", "early", "late", "mid", "this")
                                  or (tok.i + 1 < len(tok.doc) and tok.nbor(1).like_num))


def _trim(span: Span) -> Span | None:
    """Drop edge punctuation and possessive 's; None for spans with no date word."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct and doc[end - 1].text not in (".",) or doc[end - 1].is_space
                           or doc[end - 1].text in ("'s", "’s")):
        end -= 1
    if end > start and doc[end - 1].text == "." and not re.search(r"[ap]\.m$|\.\w", doc[end - 2].text if end - 2 >= start else ""):
        end -= 1
    return doc[start:end] if end > start else None


def is_duration(text: str) -> bool:
    """An amount of time ("30 days", "30-day", "the past three years", "90-minute"),
    or a set ("daily"): a figure, not a date."""
    r = D.rules()
    t = D.normalize(text)
    if t in r["sets"] or any(re.search(p, t) for p in r["skip_patterns"]):
        return True
    if any(re.search(rf"\b{re.escape(w)}\b", t) for w in r["anchoring_words"]):
        return False
    units = "|".join(r["duration_units"])
    words = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|dozen|dozens|hundreds|thousands)"
    amount = (rf"(?:\d[\d,.]*|{r['number_re']}|{words}(?:-\w+)?|several|few|a few|many|some|couple|a couple of|"
              rf"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)")
    return bool(re.fullmatch(
        rf"(?:(?:about|some|nearly|almost|over|more than|less than|up to|at least|only|just|another|"
        rf"an?|the|past|last|next|first|coming|previous|recent|following|final|full|entire|whole)\s+)*"
        rf"(?:{amount}(?:\s+|-)(?:or so\s+|and a half\s+|more\s+)?)+(?:{units})s?(?:-long|-old)?(?:\s+(?:and|or)\s+.*)?",
        t)) or bool(re.fullmatch(rf"(?:\w+-)?(?:{units})s?-long|\d+-(?:{units})s?", t))


def direction(span: Span) -> str:
    """'future' when the clause looks ahead (will, is due to, next...), else 'past'."""
    r = D.rules()
    low = span.text.lower()
    if any(re.search(rf"\b{re.escape(w)}\b", low) for w in r["future_words"]):
        return "future"
    if re.search(r"\b(last|ago|yesterday|earlier|past|previous)\b", low):
        return "past"
    verb = span.root
    for _ in range(6):
        if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
            break
        verb = verb.head
    for _ in range(3):
        if verb.pos_ not in ("VERB", "AUX"):
            break
        kids = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        if any(c.lower_ in r["future_aux"] for c in kids) or any(c.lower_ == "going" for c in kids):
            return "future"
        if verb.tag_ == "VBD" or any(c.tag_ == "VBD" for c in kids) or any(c.lower_ in ("has", "have", "had") for c in kids):
            return "past"
        if verb.lemma_ in r["future_verbs"] and verb.tag_ in ("VBZ", "VBP", "VBN", "JJ"):
            return "future"
        if verb.tag_ == "VBG" and any(c.lower_ in ("is", "are", "am") for c in kids):
            return "future"  # "is meeting on Friday"
        if verb.dep_ not in ("xcomp", "ccomp", "advcl", "conj") or verb.head is verb:
            break
        verb = verb.head
    return "past"


def _anchored(text: str, last_period: str | None) -> D.Resolved | None:
    """'a year earlier', 'the year-ago quarter', 'the quarter' after a quarter was named."""
    if not last_period or not re.fullmatch(r"\d{4}-[QH]\d", last_period):
        return None
    r = D.rules()
    t = D.normalize(text)
    year, part = last_period.split("-")
    if any(t == w or t.startswith(w + " ") for w in r["year_back"]):
        return D.Resolved(f"{int(year) - 1}-{part}", "quarter")
    if t in r["same_period"]:
        return D.Resolved(last_period, "quarter")
    return None


def extract(doc: Doc, article: Article, result) -> None:
    last_period = None
    for span in candidates(doc):
        text = span.text
        if is_duration(text):
            continue
        start = span.start_char
        reference = article.reference_date(start)
        found = _anchored(text, last_period) or D.resolve(text, reference, direction(span))
        if found.precision in ("quarter", "half"):
            last_period = found.value
        result.dates.append({"text": text, "start": start, "end": span.end_char,
                             "value": found.value, "precision": found.precision,
                             "reference": reference})
