"""Resolving a date expression's text to a TimeML value, against a reference day.

`resolve("on Tuesday", "2025-03-12")` -> Resolved("2025-03-11", "day"). Pure
and cached by (text, reference, direction), so any stage (dates, events) may
call it. dateparser does the calendar work; the rules here cover what it gets
wrong on news text (measured in LIBRARY-NOTES.md): the reference weekday
itself, modifiers ("late on Monday", "last August"), bare years, and the TimeML
values it has no notion of (weeks, quarters, seasons, decades, parts of day).
The words come from schema/date_rules.yml.

Values: day `2025-03-11`, week `2025-W11`, month `2025-03`, quarter
`2025-Q1`, season `2024-FA`, year `2024`, decade `198`, century `19`, clock
time `2025-03-13T01:30`, part of day `2025-03-13TMO`. Relative expressions
without a reference day, and vague ones ("recently"), get value None.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import NamedTuple

import yaml

from .settings import SCHEMA_DIR

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
UNITS = {"day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month",
         "months": "month", "year": "year", "years": "year", "quarter": "quarter",
         "quarters": "quarter", "decade": "decade", "decades": "decade", "weekend": "weekend",
         "century": "century", "centuries": "century", "night": "day", "nights": "day"}


class Resolved(NamedTuple):
    value: str | None
    precision: str | None


NONE = Resolved(None, None)


@lru_cache(maxsize=1)
def rules() -> dict:
    """date_rules.yml, with its word lists compiled into regexes."""
    data = yaml.safe_load((SCHEMA_DIR / "date_rules.yml").read_text(encoding="utf-8"))
    alt = lambda words: "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    data["prefix_re"] = re.compile(rf"^(?:(?:{alt(data['strip_prefixes'])})\s+)+")
    data["modifier_re"] = re.compile(rf"^(?:(?:{alt(data['modifiers'])})(?:\s+|-))+")
    data["vague_set"] = set(data["vague"]) | set(data["sets"])
    data["number_re"] = alt(data["numbers"])
    return data


@lru_cache(maxsize=256)
def _parser(ref: date | None, direction: str):
    """A DateDataParser for one reference day and direction (settings are fixed per parser)."""
    from dateparser.date import DateDataParser
    return DateDataParser(languages=["en"], settings=_settings(ref, direction))


def _settings(ref: date | None, direction: str) -> dict:
    s = {"PREFER_DATES_FROM": "future" if direction == "future" else "past",
         "RETURN_TIME_AS_PERIOD": True, "PREFER_DAY_OF_MONTH": "first"}
    if ref:
        s["RELATIVE_BASE"] = datetime(ref.year, ref.month, ref.day)
    return s


def normalize(text: str) -> str:
    """Lower case, plain apostrophes and dashes, no edge punctuation."""
    t = text.lower().replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")
    t = re.sub(r"\s+", " ", t).strip(" ,.;:()\"'")
    t = re.sub(r"\bsept\b", "sep", t)
    return re.sub(r"'s$", "", t)


def core(text: str) -> str:
    """The text without leading prepositions and modifiers ("late on Monday" -> "monday")."""
    r = rules()
    t = normalize(text)
    for _ in range(3):
        if t in r["aliases"]:
            return r["aliases"][t]
        t2 = r["modifier_re"].sub("", r["prefix_re"].sub("", t)).strip()
        if t2 == t or not t2:
            break
        t = t2
    return t


def spoken_years(t: str) -> str:
    """Years as broadcast transcripts spell them: "nineteen ninety-six" -> 1996,
    "the year two thousand" -> 2000."""
    r = rules()
    units = {w: n for w, n in r["numbers"].items() if n and len(w) > 2}
    teens = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
             "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
    tens = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
            "eighty": 80, "ninety": 90}

    def two(word: str) -> int | None:
        head, _, tail = word.partition("-")
        if word in teens:
            return teens[word]
        if head in tens and (not tail or tail in units):
            return tens[head] + (units.get(tail, 0))
        return None

    def year(m: re.Match) -> str:
        low = two(m.group(2))
        return str(teens[m.group(1)] * 100 + low) if low is not None else m.group(0)

    t = re.sub(rf"\b({'|'.join(teens)}) ([a-z]+(?:-[a-z]+)?)\b", year, t)
    return re.sub(r"\b(?:the year )?two thousand\b", "2000", t)


def week_value(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def value_at(d: date | datetime, precision: str) -> str:
    """The TimeML value of a day at a precision."""
    if precision == "year":
        return f"{d.year:04d}"
    if precision == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if precision == "week":
        return week_value(d)
    if precision == "quarter":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if precision == "decade":
        return f"{d.year // 10:03d}"
    if precision == "century":
        return f"{d.year // 100:02d}"
    if precision == "time" and isinstance(d, datetime):
        return f"{d.date().isoformat()}T{d.hour:02d}:{d.minute:02d}"
    return d.isoformat()[:10]


def shift(d: date, unit: str, n: int) -> date:
    """`d` moved by n units (months and years keep the day where they can)."""
    if unit in ("day",):
        return d + timedelta(days=n)
    if unit in ("week", "weekend"):
        return d + timedelta(weeks=n)
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}[unit] * n
    y, m = divmod(d.month - 1 + months, 12)
    return date(d.year + y, m + 1, min(d.day, 28))


def resolve(text: str, reference: str | date | None = None, direction: str = "past") -> Resolved:
    """TimeML value and precision of a date expression. `direction` ("past" or
    "future") says which way an underspecified one ("Friday", "June") goes."""
    if isinstance(reference, date):
        reference = reference.isoformat()
    return _resolve(normalize(text), reference or None, direction)


@lru_cache(maxsize=20000)
def _resolve(text: str, reference: str | None, direction: str) -> Resolved:
    ref = date.fromisoformat(reference[:10]) if reference else None
    r = rules()
    t = core(spoken_years(r["aliases"].get(text, text)))
    t = r["aliases"].get(t, t)
    if not t or t in r["vague_set"] or text in r["vague_set"]:
        return NONE
    for rule in (_holiday, _ended, _shifted_date, _year_end, _month_of_year, _decade, _quarter, _season, _relative,
                 _part_of_day, _year, _parsed):
        found = rule(t, ref, direction)
        if found is not None:
            return _small_hours(text, found, ref)
    return NONE


def _small_hours(text: str, found: Resolved, ref: date | None) -> Resolved:
    """'by 1:30am Friday', 'early Friday morning' in a report of Thursday: the
    small hours of the next day, not a week back. A report written late in
    the day tells what happened after midnight by the next day's name; a
    happening six days back is not told by its time of night."""
    if not ref or found.precision != "time" or not found.value:
        return found
    day = date.fromisoformat(found.value[:10])
    if (ref - day).days != 6 or not re.search(rf"\b({'|'.join(WEEKDAYS)})\b", text) \
            or re.search(r"\b(last|past|previous)\b", text):
        return found
    clock = re.search(r"T(\d\d):\d\d", found.value)
    small = clock is not None and int(clock.group(1)) < 6
    early = found.value.endswith(("TMO", "TNI")) and re.search(r"\b(early|overnight|pre-dawn|predawn)\b", text)
    if not (small or early):
        return found
    return Resolved((day + timedelta(days=7)).isoformat() + found.value[10:], found.precision)


# --- rules: each returns Resolved, or None to let the next one try ----------------

def holiday_day(code: str, year: int) -> date:
    """The day of a holiday code from date_rules.yml in a year."""
    if code.startswith("EASTER"):
        from dateutil.easter import easter
        return easter(year) + timedelta(days=int(code[6:] or 0))
    month, _, rest = code.partition("-")
    month = int(month)
    if rest.isdigit():
        return date(year, month, int(rest))
    wd, nth = rest.split("-")
    wd = [w[:2].upper() for w in WEEKDAYS].index(wd)
    if nth == "L":  # the last one
        d = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        return d - timedelta(days=(d.weekday() - wd) % 7)
    first = date(year, month, 1)
    first_monday = first + timedelta(days=(0 - first.weekday()) % 7)
    if nth == "1M":  # the first such weekday after the first Monday
        return first_monday + timedelta(days=(wd - 0) % 7 or 7)
    return first + timedelta(days=(wd - first.weekday()) % 7 + 7 * (int(nth) - 1))


def _holiday(t: str, ref, direction):
    """'Thanksgiving Day', 'last Christmas', 'Christmas 1998', 'Easter week'."""
    m = re.fullmatch(r"(?:(last|this|next|this past|this coming) )?(.+?)(?: (\d{4}))?( week| weekend)?", t)
    code = m and rules()["holidays"].get(m.group(2))
    if not code:
        return None
    if m.group(3):
        day = holiday_day(code, int(m.group(3)))
    elif not ref:
        return NONE
    else:
        way = {"last": "past", "this past": "past", "next": "future", "this coming": "future"}.get(m.group(1), direction)
        day = holiday_day(code, ref.year)
        slack = timedelta(days=6 if m.group(4) else 0)  # "Easter week" has begun on its Monday
        if way == "past" and day - slack > ref:
            day = holiday_day(code, ref.year - 1)
        elif way == "future" and day < ref:
            day = holiday_day(code, ref.year + 1)
    if m.group(4):
        return Resolved(week_value(day) + ("-WE" if m.group(4) == " weekend" else ""), "week")
    return Resolved(day.isoformat(), "day")


def _ended(t: str, ref, direction):
    """'the quarter ended Sept. 30', 'the six months ended Oct. 1': the day named
    (the day is what the text gives; the period is only its length)."""
    m = re.fullmatch(r".*\b(?:quarter|half|year|months?|weeks?|period)\s+(?:ended|ending)\s+(.+)", t)
    if not m:
        return None
    return _resolve(m.group(1), ref.isoformat() if ref else None, "past")


def _shifted_date(t: str, ref, direction):
    """'last Oct. 23', 'this coming Sunday, March 8': a named day, its direction given."""
    m = re.fullmatch(r"(last|this past|past|next|this coming|coming) (.*\d.*)", t)
    if not m or not re.search("|".join(MONTHS) + "|" + "|".join(MONTH_ABBR), m.group(2)):
        return None
    way = "past" if m.group(1) in ("last", "this past", "past") else "future"
    return _resolve(m.group(2), ref.isoformat() if ref else None, way)


def _year_end(t: str, ref, direction):
    """'by year-end', "year's end", 'the end of the year': the year."""
    if not re.fullmatch(r"(?:the )?(?:year-end|year end|year's end|end of the year)", t):
        return None
    if not ref:
        return NONE
    return Resolved(str(ref.year), "year")


def _month_of_year(t: str, ref, direction):
    """'January this year', 'June last year', 'April next year'."""
    m = re.fullmatch(rf"({'|'.join(MONTHS)}) (?:of )?(this|last|next) year", t)
    if not m:
        return None
    if not ref:
        return NONE
    year = ref.year + rules()["shift_words"][m.group(2)]
    return Resolved(f"{year}-{MONTHS.index(m.group(1)) + 1:02d}", "month")


def _decade(t: str, ref, direction):
    """'the 1980s', "the '80s", 'the nineties', 'the 20th century', 'the last decade'."""
    m = re.search(r"\b(1\d|20)(\d)0'?s\b", t)
    if m:
        return Resolved(m.group(1) + m.group(2), "decade")
    m = re.search(r"'(\d)0s\b", t) or re.search(r"\b(" + "|".join(rules()["decades"]) + r")\b", t)
    if m:
        digit = m.group(1) if m.group(1).isdigit() else str(rules()["decades"][m.group(1)])
        return Resolved("19" + digit, "decade") if ref is None or ref.year >= 1930 else None
    m = re.search(r"\b(\d{1,2})(?:st|nd|rd|th) century\b", t)
    if m:
        return Resolved(f"{int(m.group(1)) - 1:02d}", "century")
    m = re.fullmatch(r"(this|last|past|previous|next|coming) decade", t)
    if m and ref:
        n = rules()["shift_words"][m.group(1)]
        return Resolved(f"{ref.year // 10 + n:03d}", "decade")
    return None


def _explicit_year(t: str, ref) -> int | None:
    m = re.search(r"\b(1[0-9]\d\d|20\d\d)\b", t)
    if m:
        return int(m.group(1))
    m = re.search(r"\b(this|last|next) year\b", t)
    if m and ref:
        return ref.year + rules()["shift_words"][m.group(1)]
    return None


def _quarter(t: str, ref, direction):
    """'the third quarter (of 1990)', 'third-quarter', 'the first half of 1989'."""
    r = rules()
    t = re.sub(r"\b(first|last) two quarters\b", lambda m: ("first" if m.group(1) == "first" else "second") + " half", t)
    m = re.search(rf"\b({'|'.join(r['ordinals'])}|final|last)[- ](quarter|half)\b", t)
    back = re.search(r"\byear-(?:ago|earlier)\b|\ba year (?:ago|earlier)\b|\blast year's\b", t)
    if not m and back and re.search(r"\b(?:quarter|period)\b", t) and ref:
        q = (ref.month - 1) // 3 - 1  # no quarter named before: the last one ended, a year back
        return Resolved(f"{ref.year + q // 4 - 1}-Q{q % 4 + 1}", "quarter")
    if not m:
        m2 = re.fullmatch(r"(this|last|next|past|previous|current|coming|latest|recent|most recent)? ?quarter", t)
        if not m2 or not ref:
            return None
        # "the quarter" with nothing named before it: the last one ended
        q = (ref.month - 1) // 3 + r["shift_words"].get(m2.group(1) or "last", -1)
        y, q = ref.year + (q // 4), q % 4 + 1
        return Resolved(f"{y}-Q{q}", "quarter")
    if m.group(1) == "last" and m.group(2) == "quarter":
        return None  # "last quarter": the one before, a relative expression
    n = {"final": 4, "last": 2 if m.group(2) == "half" else 4}.get(m.group(1)) or r["ordinals"][m.group(1)]
    kind = "Q" if m.group(2) == "quarter" else "H"
    if kind == "H" and n > 2:
        return None
    year = _explicit_year(t, ref)
    if year is None:
        if not ref:
            return NONE
        current = (ref.month - 1) // 3 + 1 if kind == "Q" else (ref.month - 1) // 6 + 1
        year = ref.year - (1 if direction == "past" and n > current else 0)
    if back and not re.search(r"\d{4}", t):
        year -= 1
    return Resolved(f"{year}-{kind}{n}", "quarter" if kind == "Q" else "half")


def _season(t: str, ref, direction):
    """'last fall', 'this summer', 'the winter of 1994'."""
    r = rules()
    m = re.search(rf"\b({'|'.join(r['seasons'])})\b", t)
    if not m or not re.fullmatch(rf"(?:(\w+|this past) )?{m.group(1)}(?: (?:of )?(\d{{4}}))?", t):
        return None
    code = r["seasons"][m.group(1)]
    year = _explicit_year(t, ref)
    if year is None:
        if not ref:
            return NONE
        word = t[:-len(m.group(1))].strip()
        starts = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
        begun, ended = ref.month >= starts, ref.month >= starts + 3
        if word in ("this past", "the past"):  # the last one ended
            n = 0 if ended else -1
        elif word in ("this", "current"):
            n = 0
        elif word in ("last", "past", "previous"):
            n = -1  # "last spring" is last year's (TimeML convention), even in October
        elif word in ("next", "coming") or direction == "future":
            n = 1 if begun else 0
        else:  # a bare season: the last one begun
            n = 0 if begun else -1
        year = ref.year + n
    return Resolved(f"{year}-{code}", "season")


def _relative(t: str, ref, direction):
    """today / yesterday; this|last|next + unit, weekday or month; N units ago."""
    r = rules()
    if t in r["day_offsets"]:
        return Resolved((ref + timedelta(days=r["day_offsets"][t])).isoformat(), "day") if ref else NONE
    shift_re = "|".join(sorted(r["shift_words"], key=len, reverse=True))
    m = re.fullmatch(rf"({shift_re}) (day|week|weekend|month|year|quarter)", t)
    if m:
        if not ref:
            return NONE
        unit = m.group(2)
        d = shift(ref, unit, r["shift_words"][m.group(1)])
        if unit == "weekend":
            return Resolved(week_value(d) + "-WE", "week")
        return Resolved(value_at(d, unit), unit)
    if t in ("weekend", "the weekend") or t.startswith("week of ") or t.startswith("the week of "):
        if t.endswith("weekend"):  # the last (or next) Saturday's week
            if not ref:
                return NONE
            sat = (5 - ref.weekday()) % 7
            sat = sat - 7 if direction == "past" and sat and ref.weekday() < 5 else sat
            return Resolved(week_value(ref + timedelta(days=sat)) + "-WE", "week")
        day = _parsed_day(t.split("week of ", 1)[1], ref, direction) if ref else None
        return Resolved(week_value(day), "week") if day else NONE
    m = re.fullmatch(rf"(this|last|next|past|coming) ({'|'.join(WEEKDAYS + MONTHS)})", t)
    if m:
        if not ref:
            return NONE
        word, name = m.groups()
        if name in MONTHS:
            month = MONTHS.index(name) + 1
            year = ref.year
            if word in ("last", "past") and month >= ref.month:
                year -= 1
            elif word in ("next", "coming") and month <= ref.month:
                year += 1
            return Resolved(f"{year}-{month:02d}", "month")
        delta = (WEEKDAYS.index(name) - ref.weekday()) % 7
        if word in ("last", "past"):
            delta = delta - 7 if delta else -7
        elif word in ("next", "coming") and delta == 0:
            delta = 7
        return Resolved((ref + timedelta(days=delta)).isoformat(), "day")
    m = re.fullmatch(rf"(\d+|{r['number_re']}) (days?|weeks?|months?|years?|decades?|quarters?)"
                     rf" ({'|'.join(sorted(r['ago_words'], key=len, reverse=True))})", t)
    if m:
        n = int(m.group(1)) if m.group(1).isdigit() else r["numbers"][m.group(1)]
        if not ref or n is None:
            return NONE
        unit = UNITS[m.group(2)]
        d = shift(ref, unit, n * r["ago_words"][m.group(3)])
        return Resolved(value_at(d, unit), unit)
    return None


def _weekday_day(t: str, ref, direction) -> date | None:
    """The day a weekday name in `t` refers to: the reference day itself if it
    is that weekday, else the last (or, looking ahead, next) one."""
    names = [w for w in WEEKDAYS if re.search(rf"\b{w}\b", t)]
    if not names or not ref:
        return None
    delta = (WEEKDAYS.index(names[0]) - ref.weekday()) % 7
    if direction == "past" and delta:
        delta -= 7
    return ref + timedelta(days=delta)


def _part_of_day(t: str, ref, direction):
    """'Friday morning', 'this evening', 'last night', 'noon Thursday'."""
    r = rules()
    m = re.search(rf"\b({'|'.join(r['parts_of_day'])})\b", t)
    if not m:
        return None
    rest = re.sub(rf"\b(this|last|{m.group(1)}|in the|on|at|the)\b", " ", t).strip()
    if rest and not re.fullmatch(rf"({'|'.join(WEEKDAYS)}|today|yesterday|tomorrow|"
                                 r"\d{1,2}(:\d\d)?|[ ,]+)*", rest):
        day = _parsed_day(rest, ref, direction)
        if day is None:
            return None
    else:
        day = _weekday_day(rest, ref, direction) if rest else ref
        if rest in r["day_offsets"] and ref:
            day = ref + timedelta(days=r["day_offsets"][rest])
    if day is None:
        return NONE
    if t.startswith("last night") or t == "overnight":
        day = ref - timedelta(days=1) if t.startswith("last") else ref
    code = r["parts_of_day"][m.group(1)]
    suffix = code if ":" in code else "T" + code
    return Resolved(f"{day.isoformat()}T{code}" if ":" in code else f"{day.isoformat()}{suffix}", "time")


def _parsed_day(t: str, ref, direction) -> date | None:
    got = _parsed(t, ref, direction)
    if not got or got.precision not in ("day", "time"):
        return None
    return date.fromisoformat(got.value[:10])


def _year(t: str, ref, direction):
    """A bare year, 'mid-1996', 'the 1962 ...', "'96"."""
    m = re.fullmatch(r"(?:fiscal |calendar |the |year )*(1[0-9]\d\d|20\d\d)(?: [a-z].*)?", t)
    if m and not re.search(r"\d{4} (?:\w+ )?\d", t):
        return Resolved(m.group(1), "year")
    m = re.fullmatch(r"'(\d\d)", t)
    if m:
        return Resolved(("19" if int(m.group(1)) > 30 else "20") + m.group(1), "year")
    return None


def _parse(t: str, ref, direction):
    """dateparser's (datetime, period) for `t`, or None."""
    try:
        data = _parser(ref, direction).get_date_data(t)
    except Exception:  # dateparser raises on odd inputs ("31st of February")
        return None
    return (data.date_obj, data.period) if data.date_obj else None


def _parsed(t: str, ref, direction):
    """Everything else, by dateparser, with its period as the precision."""
    t = re.sub(r"\b(a\.m|p\.m)\b\.?", lambda m: m.group(1).replace(".", ""), t)
    t = re.sub(r"\b(edt|est|cdt|cst|pdt|pst|gmt|utc|local time|et)\b", "", t).strip(" ,")
    t = re.sub(r"\bof\b", "", t)
    if not re.search(r"\d|" + "|".join(WEEKDAYS + MONTHS) + "|" + "|".join(MONTH_ABBR), t):
        return None
    has_year = re.search(r"\b(1\d\d\d|20\d\d)\b|'\d\d\b", t)
    if not ref and not has_year:
        return NONE
    got = _parse(t, ref, direction)
    if not got:
        return None
    d, period = got
    has_clock = re.search(r"\d(:\d\d)?\s*(am|pm)\b|\d:\d\d|\bnoon\b|\bmidnight\b", t)
    weekday = next((w for w in WEEKDAYS if re.search(rf"\b{w}\b", t)), None)
    weekday = weekday and not has_year and not re.search(r"\d", re.sub(r"\d+(:\d\d)?\s*(am|pm)|\d+:\d\d", "", t))
    if ref and weekday:
        day = _weekday_day(t, ref, direction)
        d = datetime(day.year, day.month, day.day, d.hour, d.minute)
    elif ref and has_clock and not re.search(rf"{'|'.join(MONTHS)}|{'|'.join(MONTH_ABBR)}|\d+/\d+", t):
        d = datetime(ref.year, ref.month, ref.day, d.hour, d.minute)  # a clock time alone: that day
    if period == "month" and ref and not has_year and d.month == ref.month:
        d = d.replace(year=ref.year)  # "in March" written in March
    elif period == "month" and ref and not has_year and 1 <= (d.month - ref.month) % 12 <= 2:
        # a month one or two ahead is the coming one even in a past clause: news
        # names next month's events far more often than those of 11 months ago
        d = d.replace(year=ref.year + (1 if d.month < ref.month else 0))
    if period in ("day", "time") and ref and not has_year and not weekday:
        # "Dec. 7" (a named day, no year): the nearest one, counting days against
        # the clause's direction double
        options = []
        for y in (ref.year - 1, ref.year, ref.year + 1):
            try:
                options.append(d.replace(year=y))
            except ValueError:  # 29 February
                pass
        against = (lambda days: days > 0) if direction == "past" else (lambda days: days < 0)
        d = min(options, key=lambda o: abs((o.date() - ref).days) * (2 if against((o.date() - ref).days) else 1))
    if period == "time":
        return Resolved(value_at(d, "time"), "time") if has_clock else Resolved(value_at(d, "day"), "day")
    if period == "month" and re.search(r"\d", re.sub(r"\b(1\d\d\d|20\d\d)\b", "", t)):
        period = "day"  # "the 3rd" style parses with a month period: not a month
        if not re.search("|".join(MONTHS) + "|" + "|".join(MONTH_ABBR), t):
            return None
    return Resolved(value_at(d, period), period)
