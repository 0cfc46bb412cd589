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

from spacy.tokens import Doc, Span

from .. import dates as D
from ..corpus import Article
from .matcher_windows import WindowedMatcher

LABELS = ("DATE", "TIME")
YEAR = r"^(1[5-9]\d\d|20\d\d)$"
WEEKDAY = {"LOWER": {"IN": list(D.WEEKDAYS)}}
ABBR = ["jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec."]
MONTH = {"LOWER": {"IN": list(D.MONTHS)}, "IS_TITLE": True}


@lru_cache(maxsize=4)
def _matcher(vocab) -> WindowedMatcher:
    """Patterns for date phrases the NER model misses or cuts short (each
    holds a date word or a number: they are looked for around those only)."""
    r = D.rules()
    m = WindowedMatcher(vocab)
    mods = {"LOWER": {"IN": ["early", "late", "earlier", "later", "mid"]}}
    m.add("DATE", [
        # a year on its own or inside a name: "the 1962 Cuban Missile Crisis", "in 2014"
        [{"TEXT": {"REGEX": YEAR}, "IS_DIGIT": True, "TAG": {"IN": ["CD", "NNP", "JJ"]}}],
        [{"LOWER": {"IN": ["mid", "early", "late"]}}, {"TEXT": "-"}, {"TEXT": {"REGEX": YEAR}, "IS_DIGIT": True}],
        # "late on Monday", "early on Tuesday", "earlier this month", "later this year"
        [mods, {"LOWER": "on", "OP": "?"}, WEEKDAY],
        [mods, {"LOWER": {"IN": ["this", "last", "next"]}}, {"LOWER": {"IN": ["week", "month", "year"]}}],
        [{"LOWER": {"IN": list(r["shift_words"])}}, {"LOWER": {"IN": list(D.MONTHS) + list(D.WEEKDAYS)}}],
        [{"LOWER": {"IN": ["this", "last", "next"]}}, {"LOWER": {"IN": ["week", "month", "year", "weekend"]}}],
        [{"LOWER": {"IN": ["today", "yesterday", "tomorrow", "tonight"]}}],
        [WEEKDAY], [MONTH, {"IS_DIGIT": True, "OP": "?"}],
        # "13 March 2025": a day number before the month belongs to the date
        [{"TEXT": {"REGEX": r"^(?:0?[1-9]|[12]\d|3[01])$"}}, MONTH, {"TEXT": {"REGEX": YEAR}, "OP": "?"}],
        [{"LOWER": {"IN": ABBR}}, {"IS_DIGIT": True}],
        # "third-quarter", "the fiscal first quarter", "the year-ago quarter"
        [{"LOWER": {"IN": list(r["ordinals"]) + ["year", "final"]}}, {"TEXT": "-", "OP": "?"},
         {"LOWER": {"IN": ["ago", "earlier"]}, "OP": "?"}, {"LOWER": {"IN": ["quarter", "half"]}}],
        [{"LOWER": "fiscal"}, {"LOWER": {"IN": list(r["ordinals"])}}, {"LOWER": {"IN": ["quarter", "half"]}}],
        [{"LOWER": "year"}, {"TEXT": "-"}, {"LOWER": {"IN": ["ago", "earlier"]}}],
        [{"LOWER": {"IN": ["this", "last", "next", "the"]}, "OP": "?"}, WEEKDAY,
         {"LOWER": {"IN": ["morning", "afternoon", "evening", "night"]}}],
    ])
    # holidays ("Thanksgiving Day", "last Christmas", "Easter week"), from date_rules.yml
    for name in r["holidays"]:
        words = [{"LOWER": w} for w in re.findall(r"\w+|'s|'", name) if w != "the"]
        m.add("DATE", [[{"LOWER": {"IN": ["last", "next"]}, "OP": "?"}] + words
                       + [{"LOWER": {"IN": ["week", "weekend"]}, "OP": "?"}]])
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
    merged = [part for s in merged for part in _split_range(s)]
    return _join_clock_and_day(merged)


DATE_WORD = re.compile(r"\b(?:1[5-9]\d\d|20\d\d|" + "|".join(D.MONTHS + D.WEEKDAYS) + "|"
                       + "|".join(a.rstrip(".") for a in ABBR) + r"|today|yesterday|tomorrow)\b", re.I)
TIME_WORD = re.compile(r"\b(?:\d|now|then|recent\w*|current\w*|present|past|future|ago|soon|once|"
                       r"earlier|later|time|times|era|age|days?|weeks?|weekends?|months?|years?|quarters?|"
                       r"decades?|century|centuries|morning|afternoon|evening|night|tonight|today|"
                       r"yesterday|tomorrow|season|spring|summer|fall|autumn|winter|"
                       + "|".join(D.MONTHS + D.WEEKDAYS) + r")\b", re.I)
RANGE_WORDS = ("to", "through", "until", "till", "and", "-", "–")
CLOCK = re.compile(r"^(?:about |around |at |until |by )*(?:\d{1,2}(?::\d\d)?\s*[ap]\.?m\.?|noon|midnight)"
                   r"(?:\s+(?:[A-Z]{2,3}T|GMT|local time))?$", re.I)


def _split_range(span: Span) -> list[Span]:
    """'1991 to 1997', 'between 1994 and 1997', 'Aug. 26 to Oct. 20': two dates, not one;
    so are 'the quarter' and 'Sept. 30' in 'the quarter ended Sept. 30'. Of 'the first nine
    months of 1997' only the date, 1997, is one."""
    for tok in span:
        if tok.lower_ in ("ended", "ending") and tok.i > span.start and DATE_WORD.search(span.doc[tok.i + 1:span.end].text):
            # "the third quarter ended Sept. 30": the period, and the day it ended
            left, right = span.doc[span.start:tok.i], span.doc[tok.i + 1:span.end]
            return [left] + _split_range(right)
        if tok.lower_ == "of" and tok.i > span.start and is_duration(span.doc[span.start:tok.i].text) \
                and DATE_WORD.search(span.doc[tok.i + 1:span.end].text):
            return _split_range(span.doc[tok.i + 1:span.end])  # "the first nine months of 1997": 1997
        if tok.lower_ not in RANGE_WORDS or tok.i == span.start or tok.i == span.end - 1:
            continue
        left, right = span.doc[span.start:tok.i], span.doc[tok.i + 1:span.end]
        if DATE_WORD.search(left.text) and DATE_WORD.search(right.text):
            while len(left) > 1 and left[0].lower_ in ("between", "from"):
                left = left[1:]
            return [part for side in (left, right) for part in _split_range(side)]
    return [span]


def _join_clock_and_day(spans: list[Span]) -> list[Span]:
    """'noon Thursday', '4 a.m. EDT (Thursday)': a clock time and the day right after it are one date."""
    out: list[Span] = []
    i = 0
    while i < len(spans):
        s = spans[i]
        if i + 1 < len(spans) and CLOCK.match(s.text):
            nxt = spans[i + 1]
            between = s.doc[s.end:nxt.start]
            if (len(between) <= 5 and all(t.is_punct or t.like_num or t.text.isupper() for t in between)
                    and re.fullmatch(rf"(?:on )?(?:{'|'.join(D.WEEKDAYS)}|today|yesterday|tomorrow)"
                                     rf"(?:,? (?:{'|'.join(a.rstrip('.') for a in ABBR)}|{'|'.join(D.MONTHS)})\.? \d+)?",
                                     nxt.text.lower())):
                out.append(s.doc[s.start:nxt.end])
                i += 2
                continue
        out.append(s)
        i += 1
    return out


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
    units = "|".join(r["duration_units"])
    words = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|dozen|dozens|hundreds|thousands)"
    amount = (rf"(?:\d[\d,.]*(?: \d/\d)?|\d/\d|{r['number_re']}|{words}(?:-\w+)?(?: of)?|several|few|a few|many|some|"
              rf"couple|a couple of|couple of|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)")
    amounts = rf"(?:{amount}(?:\s+(?:to|or)\s+{amount})?(?:\s+|-)(?:or so\s+|and a half\s+|more\s+)?)+"
    kinds = r"(?:(?:trading|business|working|calendar|consecutive|straight|additional|extra|fiscal)\s+)?"
    # "three days later", "a minute and a half later": counted from an event of the story, not
    # from the reference day; TimeML calls these durations
    if re.fullmatch(rf"(?:(?:just|only|some|about|nearly|almost|barely|over|more than|just over|a)\s+)*"
                    rf"(?:{amounts}|an? )(?:and a half )?(?:{units})s?(?: and a half)? (?:later|afterwards?|after that)", t) \
            or re.fullmatch(rf"(?:{amounts}|an? )(?:second|minute|hour|day|night|week)s? (?:earlier|before)", t):
        return True
    if any(re.search(rf"\b{re.escape(w)}\b", t) for w in r["anchoring_words"]):
        return False
    return bool(re.fullmatch(
        rf"(?:(?:about|some|nearly|almost|over|more than|less than|up to|at least|only|just|another|barely|"
        rf"no more than|no less than|as long as|as little as|as much as|within|for|between|each of|all|"
        rf"an?|the|past|last|next|first|coming|previous|recent|following|final|full|entire|whole)\s+)*"
        rf"{amounts}{kinds}(?:{units})s?(?:-long|-old)?(?:\s+(?:and|or)\s+.*)?",
        t)) or bool(re.fullmatch(rf"(?:\w+-)?(?:{units})s?-long|\d+-(?:{units})s?", t))


def direction(span: Span) -> str:
    """'future' when the clause looks ahead, else 'past' (news reports the past).

    Looked at in order: words in the span ("next", "coming"); words just before
    it ("as soon as Tuesday"); then the verbs the span hangs from, climbing
    through infinitives and clauses: a future or modal auxiliary ("will",
    "would meet"), a plan verb above an infinitive ("planned to leave", "is to
    resume", "has scheduled"), the progressive ("is meeting"), a plain present
    tense ("meets Monday"), else the past tense settles it."""
    r = D.rules()
    low = span.text.lower()
    if any(re.search(rf"\b{re.escape(w)}\b", low) for w in r["future_words"]):
        return "future"
    if re.search(r"\b(last|ago|yesterday|earlier|past|previous)\b", low):
        return "past"
    before = span.doc[max(span.sent.start, span.start - 4):span.start].text.lower()
    if any(re.search(rf"\b{re.escape(w)}\s*$", before) for w in r["future_cues"]):
        return "future"
    if any(re.search(rf"\b{re.escape(w)}\s*$", before) for w in r["past_cues"]):
        return "past"
    verb = span.root
    direct = True  # the span modifies the verb itself ("meets Monday", "meets on Monday")
    for _ in range(6):
        if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
            break
        direct = direct and verb.dep_ in ("npadvmod", "pobj", "prep", "tmod", "advmod")
        verb = verb.head
    for _ in range(3):
        if verb.pos_ not in ("VERB", "AUX"):
            break
        kids = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        words = {c.lower_ for c in kids}
        if words & set(r["future_aux"]) or "going" in words:
            return "future"
        perfect = words & {"has", "have", "'ve"}
        if verb.lemma_ in r["future_verbs"] and (perfect or verb.tag_ in ("VBZ", "VBP", "VBN", "JJ")) \
                and not words & {"had", "was", "were"}:
            return "future"  # "is expected", "has scheduled", "plans"
        if verb.dep_ == "xcomp" and "to" in words and verb.head.pos_ in ("VERB", "AUX") \
                and (verb.head.lemma_ in r["future_verbs"] or verb.head.lemma_ == "be") \
                and not any(c.lower_ == "had" for c in verb.head.children):
            return "future"  # "planned to leave on Thursday", "is to resume Tuesday"
        if verb.tag_ == "VBD" or any(c.tag_ == "VBD" for c in kids) or words & {"has", "have", "had"}:
            return "past"
        if verb.tag_ == "VBG" and words & {"is", "are", "am", "'s", "'re"}:
            return "future"  # "is meeting on Friday"
        if direct and verb.tag_ in ("VBZ", "VBP") and not kids and verb.lemma_ not in r["present_not_future"] \
                and verb.dep_ not in ("ccomp", "xcomp", "advcl", "conj", "relcl"):
            return "future"  # "Arafat meets Albright Monday"
        if verb.dep_ not in ("xcomp", "ccomp", "advcl", "conj") or verb.head is verb:
            break
        verb = verb.head
    return "past"


YEAR_BACK = re.compile(r"\byear-(?:ago|earlier)\b|\ba year (?:ago|earlier|before)\b|\blast year\b|"
                       r"\b(?:the )?(?:previous|prior) year\b|\bthe year before\b")
QUARTER_NAME = re.compile(r"\b(?:first|second|third|fourth|1st|2nd|3rd|4th)[- ](?:fiscal[- ])?quarter\b"
                          r"(?:\s+(?:of\s+)?(?:19|20)\d\d)?|\b(?:19|20)\d\d\s+(?:first|second|third|fourth)[- ]quarter\b", re.I)


def _title_period(article: Article) -> str | None:
    """The quarter the headline names ("Travelers's third-quarter net rose"): the
    period a first "a year ago" in the body compares with."""
    if not article.title:
        return None
    m = QUARTER_NAME.search(article.title)
    if not m or YEAR_BACK.search(article.title[max(0, m.start() - 12):m.end()]):
        return None
    found = D.resolve(m.group(0), article.published)
    return found.value if found.precision == "quarter" else None


def _anchored(span: Span, last_period: str | None) -> D.Resolved | None:
    """'a year earlier', 'the year-ago quarter', 'the quarter', 'the 1988 period', 'that
    quarter' after a quarter was named: that quarter, or the same one a year back."""
    if not last_period or not re.fullmatch(r"\d{4}-[QH]\d", last_period):
        return None
    r = D.rules()
    t = D.normalize(span.text)
    year, part = last_period.split("-")
    if any(t == w or t.startswith(w + " ") for w in r["year_back"]):
        return D.Resolved(f"{int(year) - 1}-{part}", "quarter")
    if t in r["same_period"]:
        return D.Resolved(last_period, "quarter")
    m = re.fullmatch(r"(?:the )?(\d{4}) (?:period|quarter)", t)
    if m:
        return D.Resolved(f"{m.group(1)}-{part}", "quarter")
    return None


def _ended_by(period: str, reference: str | None) -> bool:
    """Has the quarter or half `period` ("1989-Q3") ended by the reference day?"""
    m = re.fullmatch(r"(\d{4})-([QH])(\d)", period or "")
    if not m or not reference:
        return bool(m)
    months = (3 if m.group(2) == "Q" else 6) * int(m.group(3))
    return (int(m.group(1)), months) < (int(reference[:4]), int(reference[5:7]))


def _anaphoric(text: str, last: D.Resolved | None) -> D.Resolved | None:
    """'that year', 'later that year', 'the following year', 'the following month':
    relative to the last date the article named with a year, not to the reference day."""
    if not last or not last.value or not re.match(r"\d{4}", last.value):
        return None
    t = D.normalize(text)
    year = int(last.value[:4])
    m = re.fullmatch(r"(?:(?:earlier|later|early|late) )?(?:in )?(that|the following|the next|the previous|the prior) (year|month)", t)
    if not m:
        return None
    n = {"that": 0, "the following": 1, "the next": 1, "the previous": -1, "the prior": -1}[m.group(1)]
    if m.group(2) == "year":
        return D.Resolved(str(year + n), "year")
    if not re.match(r"\d{4}-\d\d", last.value):
        return None
    y, mo = divmod(int(last.value[5:7]) - 1 + n, 12)
    return D.Resolved(f"{year + y:04d}-{mo + 1:02d}", "month")


def extract(doc: Doc, article: Article, result) -> None:
    last_period = _title_period(article)
    last_named = None  # the last date given with its year ("May 22, 1995"), for "the following year"
    months_sent = None  # sentence naming a span of months ("the first nine months")
    for span in candidates(doc):
        text = span.text
        if re.search(r"\b(?:six|nine|\d+) months\b", text.lower()):
            months_sent = span.sent.start
        if is_duration(text):
            continue
        start = span.start_char
        reference = article.reference_date(start)
        plain = re.sub(r"\s*\([^)]*\)\s*", " ", text).strip()  # "10:35 a.m. (0735 GMT) Friday"
        period = None if span.sent.start == months_sent else last_period  # "nine months ... a year earlier" = that year
        found = (_anchored(span, period) or _anaphoric(plain, last_named)
                 or D.resolve(plain, reference, direction(span)))
        if found.value is None and not TIME_WORD.search(plain):
            continue  # "Olympic", "the comparable": the model's DATE with no time in it
        if found.precision in ("quarter", "half") and not YEAR_BACK.search(text.lower()) \
                and _ended_by(found.value, reference):
            last_period = found.value  # a period reported on, not one ahead ("a fourth-quarter charge")
        if found.value and re.search(r"\b(?:1[5-9]|20)\d\d\b", plain) and found.precision in ("day", "month", "year"):
            last_named = found
        result.dates.append({"text": text, "start": start, "end": span.end_char,
                             "value": found.value, "precision": found.precision,
                             "reference": reference})
