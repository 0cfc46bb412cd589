"""Figures: every numeric measurement or count in an article.

Candidates come from the text (digits with their glued scales "35m",
"$2.8bn"; number words; fractions "a fifth"; vague amounts "hundreds of
thousands"; "one in five"; "month-long"), then each is completed from its
context: a range ("between 10 and 20"), a unit after it ("square km", "%",
"-day") or a currency before it ("$", "€"), a qualifier ("just under",
"more than") and, for bare counts, the counted noun from the parse
("four Ukrainian regions" -> count; "2,000 troops" -> soldier). Calendar
years, dates, clock times, ordinals and numbers inside names are dropped.
Also: every ISO 4217 code and many currency words and signs
("R50m", "¥3bn", "5m USD", "kuna"), index points written "35p", ages ("aged
45", "Jones, 45,", "in their 30s"), more physical units (mAh, MPa, Gt, kN,
pound-feet), people named by adjectives or groups ("12 dead", "a crowd of
20,000"), rates of counted nouns ("5,000 tests a day"), exchange rates, and
bare amounts that share the unit of the amount beside them ("98.5 billion
yen, up from 88 billion").
What a figure measures and its source: figure_measures.py; ages and
counts of people: figure_people.py. All word lists are in
schema/figure_rules.yml.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from decimal import Decimal
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..corpus import Article
from .figure_measures import measures, restatements, source
from .figure_people import (age_after_people, age_at_event, age_complement, age_of, age_words_before, is_age,
                            is_person, noun_unit, person_collective, verb_object_person)
from . import doc_index
from .doc_index import Intervals
from .figure_rules import Rules, load, words_value

DURATION_WORDS = ("minute", "hour", "day", "week", "month", "year", "decade", "century")


@dataclass
class Figure:
    start: int            # span of the whole figure in the body
    end: int
    num_start: int        # span of the number itself
    num_end: int
    value: float
    kind: str             # number, words, fraction, vague, one_in, long, a_unit
    value_max: float | None = None
    unit: str | None = None
    per: str | None = None   # a rate's denominator: "$60 a barrel" is usd per barrel
    comparator: str = "="
    noun: Token | None = None
    noun_adjacent: bool = False
    scaled: bool = False
    currency: bool = False
    measures: str | None = None
    source: str | None = None


class TokenIndex:
    """Character offsets -> tokens of the doc."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.starts = [t.idx for t in doc]

    def at(self, char: int) -> Token | None:
        i = bisect_right(self.starts, char) - 1
        if i < 0:
            return None
        tok = self.doc[i]
        return tok if tok.idx <= char < tok.idx + len(tok.text) else None

    def covering(self, start: int, end: int) -> list[Token]:
        i = max(0, bisect_right(self.starts, start) - 1)
        out = []
        while i < len(self.doc) and self.doc[i].idx < end:
            t = self.doc[i]
            if t.idx + len(t.text) > start:
                out.append(t)
            i += 1
        return out

    def after(self, char: int) -> Token | None:
        i = bisect_right(self.starts, char - 1)
        while i < len(self.doc) and self.doc[i].is_space:
            i += 1
        return self.doc[i] if i < len(self.doc) else None

    def before(self, char: int) -> Token | None:
        i = bisect_right(self.starts, char - 1) - 1
        while i >= 0 and (self.doc[i].idx >= char or self.doc[i].is_space):
            i -= 1
        return self.doc[i] if i >= 0 else None


# --- candidates ---------------------------------------------------------------

# a restatement in another currency just after ("204.3m (£109m)")
_MONEY_BRACKET_AFTER = re.compile(r"\s*\(\s*(?:[$£€¥]|US\$|A\$|C\$|Rs\.?)\s?\d")
_SCALED_MONEY = re.compile(r"(?P<sign>[$£€¥])\s?\d[\d,.]*\s?(?:bn|m|billion|million)\b"
                           r"|\d[\d,.]*\s?(?:bn|m|billion|million)\s+(?P<word>euros?|dollars?|pounds?|yen|yuan)\b", re.I)


def _skip_spaces(text: str, pos: int) -> int:
    """The first offset from `pos` on that is no white space."""
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _sentence_start(text: str, at: int) -> int:
    """Just after the last ". ", "! ", "? " or line break that ends before
    `at` (0 if none): found by stepping back, not by searching the text."""
    k = at - 1
    while k >= 0:
        if text[k] == "\n" or text[k] in ".!?" and k + 2 <= at and text[k + 1] == " ":
            return k + 1
        k -= 1
    return 0


def _money_before(text: str, at: int, rules: Rules) -> str | None:
    """The currency of the last amount of millions or billions earlier in
    the sentence, outside brackets ("took $28.5m (£15.2m), a total of
    204.3m": dollars): a bare "550m" after it is money, not metres."""
    start = _sentence_start(text, at)
    code = None
    for mm in _SCALED_MONEY.finditer(text, start, at):
        if text.count("(", start, mm.start()) > text.count(")", start, mm.start()):
            continue                     # a restatement in brackets
        if mm.group("sign"):
            code = rules.currency_before.get(mm.group("sign"))
        else:
            code = rules.currency_words.get(mm.group("word").lower()) \
                or rules.currency_words.get(mm.group("word").lower().rstrip("s"))
    return code


def _times(value: float, factor: float) -> float:
    """value x factor without binary noise: 4.1 billion is 4100000000, not
    4099999999.9999995."""
    return float(Decimal(repr(value)) * Decimal(repr(round(factor, 6))))


def _number_core(m: re.Match, text: str, rules: Rules) -> tuple[float, bool, str | None] | None:
    """(value, scaled, glued unit) of a number_re match."""
    if m.group("digits"):
        value = float(m.group("digits").replace(",", ""))
        scaled = False
        glued_unit = None
        glued = m.group("glued")
        if glued:
            if glued.lower() == "m" and not _currency_before(text, m.start(), rules):
                nxt = re.compile(r"\s*([A-Za-z]+)").match(text, m.end())
                is_unit = nxt and (nxt.group(1).lower() in rules.unit_words)
                before = re.findall(r"[A-Za-z]+", text[max(0, m.start() - 40):m.start()])[-4:]
                earlier = _money_before(text, m.start(), rules)
                money = any(w.lower() in rules.money_context_words for w in before) or earlier is not None \
                    or _MONEY_BRACKET_AFTER.match(text, m.end()) is not None   # "another 550m", "204.3m (£109m)"
                if earlier and not is_unit and not re.search(r"(?:[-–]|\bto\s|\band\s)$", text[max(0, m.start() - 4):m.start()]):
                    glued_unit = earlier         # "1bn euros now, with another 550m to follow"
                race = nxt is not None and nxt.group(1).lower() in rules.metre_race_words
                if race or not money and (not nxt or not is_unit and nxt.group(1).lower() in (
                        "of", "in", "to", "and", "from", "at", "on", "for", "by", "away", "long", "high", "deep", "tall", "wide")):
                    glued_unit = "m"
                else:
                    value = _times(value, rules.glued_scales["m"])
                    scaled = True
            else:
                value = _times(value, rules.glued_scales[glued.lower()])
                scaled = True
        if m.group("scale").strip(" -"):
            factor = words_value(m.group("scale").strip(" -"), rules)
            if factor:
                value = _times(value, factor)
                scaled = True
        return value, scaled, glued_unit
    words = m.group("words")
    value = words_value(words, rules)
    if value is None:
        return None
    scaled = any(w in rules.scale_words for w in re.split(r"[\s-]+", words.lower()))
    return value, scaled, None


def _currency_before(text: str, start: int, rules: Rules) -> tuple[int, str] | None:
    m = rules.currency_re.search(text[max(0, start - 8):start])
    if not m:
        return None
    s = start - (len(text[max(0, start - 8):start]) - m.start())
    if s > 0 and text[s - 1].isalnum() and text[s].isalpha():
        return None                      # "UR5": letters of a word, not a currency code
    surface = m.group().strip()
    return s, rules.currency_before.get(surface)


_SCIENTIFIC = re.compile(r"(?<![\w.])(?P<m>\d+(?:\.\d+)?)\s*[×xX]\s*10\s*(?:\^|\*\*)?\s*(?P<e>[−-]?\d{1,3})(?![\d.])")
_DIGIT_FRACTION = re.compile(r"(?<![\w/.,-])(?P<a>\d{1,3})\s*[/⁄](?P<b>\d{1,4})(?=\s+of\b)")


def _find_candidates(text: str, idx: TokenIndex, rules: Rules) -> list[Figure]:
    taken = Intervals()
    out: list[Figure] = []

    def free(s, e):
        return not taken.overlaps(s, e)

    def add(fig):
        out.append(fig)
        taken.add(fig.num_start, fig.num_end)

    # vague amounts: "hundreds of thousands", "dozens"
    vague = {v["text"].lower(): v for v in rules.vague}
    for m in rules.vague_re.finditer(text):
        key = re.sub(r"\s+", " ", m.group().lower())
        v = vague.get(key)
        if v is None or not free(m.start(), m.end()):
            continue
        end = m.start() + len(v["keep"]) if v.get("keep") else m.end()
        nxt = idx.after(m.end())
        if v.get("needs_unit"):
            um = rules.unit_after_re.match(text, m.end())
            if not um or not um.group("sep").strip() == "" or _unit_code(um, rules) not in rules.duration_units:
                continue
        # "thousands" must be a noun ("thousands of", "displaced thousands"), not "three thousands"
        prev = idx.before(m.start())
        if prev is not None and prev.lower_ in rules.number_words:
            continue
        add(Figure(m.start(), end, m.start(), end, float(v["value"]), "vague",
                   comparator=v.get("comparator", ">=")))
        del nxt

    # "one in five" -> 20 percent
    for m in rules.one_in_re.finditer(text):
        if not free(m.start(), m.end()):
            continue
        a = words_value(m.group("a"), rules)
        b = words_value(m.group("b"), rules)
        if a and b and a < b:
            fig = Figure(m.start(), m.end(), m.start(), m.end(), 100.0 * a / b, "one_in", unit="percent")
            add(fig)

    # fractions: "a fifth", "two-thirds", "half of"
    for m in rules.fraction_re.finditer(text):
        if not free(m.start(), m.end()):
            continue
        frac = m.group("frac").lower()
        count = m.group("count")
        nxt = idx.after(m.end())
        prev_cmp = rules.comparator_before_re.search(text[max(0, m.start() - 40):m.start()])
        if frac in ("half", "halves"):
            if not (count or (nxt is not None and nxt.lower_ in ("of", "the", "their", "its", "his", "her", "our", "all")) or prev_cmp):
                continue
            if nxt is not None and nxt.lower_ in ("a", "an"):
                continue                    # "half an hour", "half a dozen"
        else:
            if not count:
                continue
            spelled = count.lower() not in ("a", "an")       # "one third discount", "two-thirds majority"
            if nxt is not None and not spelled and not (nxt.lower_ == "of" or nxt.is_punct or nxt.pos_ in (
                    "VERB", "AUX", "ADP", "CCONJ", "ADV", "SCONJ", "PART", "DET", "PRON")):
                continue                    # "a third Russian source": an ordinal
            if nxt is not None and nxt.lower_ in ("time", "term", "day", "round", "year"):
                continue
        n = words_value(count, rules) if count and count.lower() not in ("a", "an") else 1.0
        if n is None:
            continue
        value = round(n * rules.fractions[frac], 4)
        add(Figure(m.start(), m.end(), m.start(), m.end(), value, "fraction", unit="percent"))

    # "month-long", "year-long"
    for m in rules.long_re.finditer(text):
        if free(m.start(), m.end()):
            unit = m.group("unit").lower()
            value = 1.0
            if unit in rules.conversions:
                unit, value = rules.conversions[unit][0], rules.conversions[unit][1]
            add(Figure(m.start(), m.end(), m.start(), m.end(), value, "long", unit=unit))

    # "at least an hour", "more than a year"
    for m in re.finditer(rf"\b(an?)\s+({'|'.join(DURATION_WORDS)})\b", text, re.I):
        if not free(m.start(), m.end()):
            continue
        if not rules.comparator_before_re.search(text[max(0, m.start() - 40):m.start()]):
            continue
        unit = m.group(2).lower()
        value = 1.0
        if unit in rules.conversions:
            unit, value = rules.conversions[unit]
        add(Figure(m.start(), m.end(), m.start(), m.start() + len(m.group(1)), value, "a_unit", unit=unit))

    # "sixfold", "a 10-fold rise"
    if rules.multiple_re is not None:
        for m in rules.multiple_re.finditer(text):
            if not free(m.start(), m.end()):
                continue
            n = m.group("n")
            value = float(n) if n[0].isdigit() else words_value(n, rules)
            if value:
                add(Figure(m.start(), m.end(), m.start(), m.end(), value, "multiple", unit=rules.multiple_unit))

    # "in their 30s": an age from 30 to 39
    if rules.age_decade_re is not None:
        for m in rules.age_decade_re.finditer(text):
            s, e = m.start("n"), m.end("n") + 1
            if free(s, e):
                n = float(m.group("n"))
                fig = Figure(s, e, s, e, n, "age_decade", value_max=n + 9, unit="year")
                fig.measures = "age"
                add(fig)

    # "1.99×10−30", "2.998 x 10^8": one number in scientific notation
    for m in _SCIENTIFIC.finditer(text):
        if free(m.start(), m.end()):
            exponent = int(m.group("e").replace("−", "-"))
            add(Figure(m.start(), m.end(), m.start(), m.end(), float(f"{m.group('m')}e{exponent}"), "number"))

    # "1/16 of a pint": a share written with digits
    for m in _DIGIT_FRACTION.finditer(text):
        a, b = int(m.group("a")), int(m.group("b"))
        if free(m.start(), m.end()) and 0 < a < b:
            add(Figure(m.start(), m.end(), m.start(), m.end(), round(100.0 * a / b, 4), "fraction", unit="percent"))

    # numbers: digits and words
    for m in rules.number_re.finditer(text):
        s, e = m.start(), m.end()
        if m.group("words"):
            # trim a trailing " and" that the word pattern cannot take
            pass
        if not free(s, e):
            continue
        core = _number_core(m, text, rules)
        if core is None:
            continue
        value, scaled, glued_unit = core
        fig = Figure(s, e, s, e, value, "number" if m.group("digits") else "words",
                     scaled=scaled, unit=glued_unit)
        add(fig)
    out.sort(key=lambda f: f.num_start)
    return out


def _unit_code(um: re.Match, rules: Rules) -> str | None:
    if um.group("word"):
        return rules.unit_words.get(re.sub(r"\s+", " ", um.group("word").lower()))
    return rules.unit_words_cased.get(um.group("cased"))


# --- completing a candidate ----------------------------------------------------

_SECOND_NUMBER = None


def _second_number(rules: Rules) -> re.Pattern:
    global _SECOND_NUMBER
    if _SECOND_NUMBER is None:
        pattern = rules.number_re.pattern
        pattern = pattern[pattern.index("(?P<digits>"):]
        pattern = pattern.replace(r"|(?<![\w-])(?P<words>", r"|(?P<words>", 1)
        _SECOND_NUMBER = re.compile(pattern, re.I)
    return _SECOND_NUMBER


def _complete(fig: Figure, text: str, idx: TokenIndex, rules: Rules, figs_by_start: dict) -> bool:
    """Extend a candidate with range, unit, currency, comparator and counted
    noun. False if it is not a figure."""
    pos = fig.num_end
    if fig.kind in ("number", "words"):
        after = text[pos:pos + 3]
        if re.match(r"[:./]\d", after) or re.match(r"[A-Za-z]", after[:1]) and not rules.unit_after_re.match(text, pos):
            return False                 # clock time "1:30", "5G", "22nd", "1990s", "1/16" (a date)
        if re.match(r"['’]s\b", after) or re.fullmatch(r"\d\d", text[fig.num_start:fig.num_end]) \
                and text[fig.num_start - 1:fig.num_start] in ("'", "’") \
                and (fig.num_start < 2 or not text[fig.num_start - 2].isalnum()):
            return False                 # "the 30's", "class of '83": a decade, a year
        if re.fullmatch(r"\d{1,2}\.\d\d", text[fig.num_start:fig.num_end]) and re.match(
                rf"\s*(?:am|pm|a\.m\.|p\.m\.|gmt|bst|hrs|on\s+(?:an?\s+)?(?:{'|'.join(rules.weekdays)}))\b",
                text[pos:pos + 16], re.I):
            return False                 # "12.30 on a Saturday", "9.45pm": a clock time
        nxt = idx.after(pos)
        if nxt is not None and nxt.lower_ in rules.words_after and nxt.idx == _skip_spaces(text, pos):
            if nxt.lower_ not in ("s",):
                return False             # "3 pm", "10 GMT"
        # a range: "10-20", "10 to 20", "between 10 and 20"
        rm = re.compile(r"\s*(-|–|—|to|and|or)\s*").match(text, pos)
        if rm:
            joiner = rm.group(1)
            at = rm.end()
            cur = _currency_at(text, at, rules)
            at2 = cur if cur is not None else at
            m2 = _second_number(rules).match(text, at2)
            before = text[max(0, fig.num_start - 12):fig.num_start].lower()
            if ok_change := (m2 is not None and joiner == "to" and _after_change_word(text, fig.num_start, rules)):
                core2 = _number_core(m2, text, rules)
                if core2 is not None and core2[0] > rules.range_change_ratio * max(fig.value, 1e-9) \
                        and not rules.unit_after_re.match(text, pos):
                    m2 = None            # "fell 120 to 10,450": a change and the new level
            del ok_change
            ok = m2 is not None and (
                (joiner == "and" and (re.search(r"\bbetween\s+\S*$", before) or re.search(
                    r"\bbetween\s+(?:the\s+)?ages?\s+of\s+$", text[max(0, fig.num_start - 30):fig.num_start], re.I))) or
                (joiner == "to" and not _change_from(text, fig.num_start, rules)) or
                (joiner == "or" and (fig.kind == "words" and m2.group("words") is not None
                                     or fig.kind == "number" and m2.group("digits") is not None
                                     and rules.unit_after_re.match(text, m2.end()) is not None)) or
                (joiner in "-–—" and fig.kind == "number" and m2.group("digits") is not None))
            if joiner in "-–" and rm.group() == joiner and fig.kind == "number" and m2 is not None \
                    and re.fullmatch(r"\d{1,3}", text[fig.num_start:fig.num_end]) and re.fullmatch(r"\d{1,3}", m2.group()) \
                    and int(m2.group()) <= fig.value and not rules.unit_after_re.match(text, m2.end()):
                figs_by_start.pop(m2.start(), None)
                return False             # "ended 2-2", "won 3-1", "a 5-4 vote": a score, not an amount
            if ok:
                core = _number_core(m2, text, rules)
                if core is not None:
                    v2, scaled2, glued2 = core
                    first = text[fig.num_start:fig.num_end]
                    if scaled2 and not fig.scaled and re.fullmatch(r"\d{4}", first) \
                            and rules.year_range[0] <= int(first) <= rules.year_range[1]:
                        v2 = None                # "rose 60% in 2018 to 3.9 million": a year, not a range
                    mantissa2 = float(m2.group("digits").replace(",", "")) if m2.group("digits") else None
                    if scaled2 and not fig.scaled and mantissa2 and fig.value < mantissa2:
                        # "3 to 5 million": 3 million; not "800,000 to 1.3 million"
                        factor = v2 / mantissa2
                        if factor > 1:
                            fig.value = _times(fig.value, factor)
                    if v2 is not None and v2 > fig.value:
                        fig.value_max = v2
                        fig.num_end = m2.end()
                        fig.end = m2.end()
                        fig.unit = fig.unit or glued2
                        sign = _currency_before(text, at2, rules) if cur is not None else None
                        if fig.unit is None and sign and sign[1]:
                            fig.unit, fig.currency = sign[1], True     # "5 or $6": both dollars
                        pos = m2.end()
                        figs_by_start.pop(m2.start(), None)
    # a unit after: "%", "square km", "-day", "dollars"
    if fig.unit is None or fig.kind in ("vague",):
        vm = re.compile(rf"\s+({'|'.join(map(re.escape, rules.dollar_variants))})\s+dollars?\b").match(text, pos)
        um = rules.unit_after_re.match(text, pos)
        if vm:
            fig.unit = rules.dollar_variants[vm.group(1)]
            fig.end = pos = vm.end()
        elif um and fig.kind != "fraction":
            code = _unit_code(um, rules)
            cased = um.group("cased")
            if cased and cased in rules.glued_units and um.group("sep") and not _spaced_pence(fig, um, text):
                code = None              # a lone letter must be glued: "5t", "30C" (but "down 68 p at 1112 p")
            if cased == "p" and re.match(r"\.?m\b", text[um.end():um.end() + 3], re.I):
                code = None              # "3p.m.": a clock time, not pence
            surface = um.group("word") or cased or ""
            if code and surface.lower() in rules.weak_unit_words:
                if not (fig.scaled or fig.value >= 1000) and surface.lower() != "hands":
                    code = None          # "5 won": a verb; "80,000 won", "2bn won": Korean won
                elif surface.lower() == "hands" and not re.match(r"\s+(?:high|tall)\b", text[um.end():um.end() + 6]) \
                        and not (fig.value % 1 or re.search(r"\b(?:horse|mare|stallion|pony|gelding|colt|filly)s?\b",
                                                            text[max(0, fig.num_start - 120):um.end() + 60], re.I)):
                    code = None          # "16 hands": a horse's height only where a horse is near
            if code == "inch" and cased in ('"', "\u2033"):
                line = text[text.rfind("\n", 0, fig.num_start) + 1:fig.num_start]
                if line.count('"') % 2:
                    code = None          # the closing mark of a quotation, not inches
            if code == "inch" and cased == "in.":
                if not re.match(r"\s+[a-z(]|\s*[,;)]", text[um.end():um.end() + 3]):
                    code = None          # "6 in." ends a sentence: unclear, not inches
            if code and fig.kind == "vague" and code not in rules.duration_units and code not in ("km2", "mi2", "km", "mi", "m", "usd", "eur", "gbp", "rub"):
                code = None
            if code:
                if fig.kind == "vague":
                    # "hundreds of square miles": unit words follow "of"
                    pass
                if code in rules.conversions:
                    code, factor = rules.conversions[code]
                    fig.value = _times(fig.value, factor)
                    if fig.value_max:
                        fig.value_max = _times(fig.value_max, factor)
                fig.unit = code
                fig.end = pos = um.end()
        elif fig.kind == "vague":
            om = re.compile(r"\s+of\s+").match(text, pos)
            if om:
                um2 = rules.unit_after_re.match(text, om.end() - 1)
                if um2 and _unit_code(um2, rules) in ("km2", "mi2", "km", "mi", "m", "m2", "ha", "acre", "usd", "eur", "gbp", "rub", "tonne", "barrel") and not um2.group("cased"):
                    fig.unit = _unit_code(um2, rules)
                    fig.end = pos = um2.end()
    # a currency before: "$", "US$", "€"
    start = fig.num_start
    if fig.kind in ("number", "words"):
        cur = _currency_before(text, fig.num_start, rules)
        if cur and cur[1]:
            if fig.unit is None or fig.unit in ("cent",):
                fig.unit = cur[1]
            fig.currency = True
            start = cur[0]
            sign = text[cur[0]:fig.num_start].strip()
            digits = text[fig.num_start:fig.num_end]
            if sign.istitle() and sign.isalpha() and re.fullmatch(r"\d{4}", digits) \
                    and rules.year_range[0] <= int(digits) <= rules.year_range[1]:
                return False             # "Euro 2020": a tournament, not 2,020 euros
            big = re.match(r"\d{1,3}(?:,\d{3})+", digits) or re.search(r"(?:m|bn|b|tn|[a-z]{4,})\s*$", digits, re.I)
            if sign in rules.weak_currency_signs and fig.unit == cur[1] and not big \
                    and not re.match(r"\s*(?:million|billion|trillion|bn|m)\b", text[fig.num_end:fig.num_end + 9]):
                # "R" or "Y" alone is rand or yen only before a large amount: "R50m", "R850,000"
                fig.unit = None
                fig.currency = False
                start = fig.num_start
    if fig.kind == "number" and start == fig.num_start and fig.num_start > 0 and text[fig.num_start - 1].isalpha():
        return False                     # "R2", "Rs5" that is no currency: a name or code
    # negative numbers: "minus 233", "−5"
    if fig.kind in ("number", "words") and start == fig.num_start:
        mm = re.search(r"(?:\bminus[\s-]+|(?<![\w\d])[−-])$", text[max(0, start - 8):start], re.I)
        if mm and fig.unit is None and not mm.group().startswith("minus") and re.search(r"\b(?:[A-Z]+|[A-Z][a-z]+[A-Z])\s$", text[max(0, start - 12):start - 1]):
            return False                 # "COVID -19", "MiG -29": a name with a loose hyphen
        if mm:
            fig.value = -fig.value
            start = start - len(mm.group())
    # a range after the unit: "5% to 10%", "$3 billion to $5 billion"
    if fig.value_max is None and fig.unit and fig.kind in ("number", "words"):
        rm = re.compile(r"\s*(-|–|—|to|or|and)\s*").match(text, pos)
        before = text[max(0, start - 12):start].lower()
        if rm and rm.group(1) == "and" and not re.search(r"\bbetween\s+(?:\S+\s+)?$", text[max(0, start - 20):start], re.I):
            rm = None                    # "3% and 5%" is a range only after "between"
        if rm and not _change_from(text, start, rules):
            at = rm.end()
            cur = _currency_at(text, at, rules)
            m2 = _second_number(rules).match(text, cur if cur is not None else at)
            core2 = _number_core(m2, text, rules) if m2 else None
            if core2 and core2[0] > rules.range_change_ratio * max(fig.value, 1e-9) \
                    and _after_change_word(text, start, rules):
                core2 = None             # "fell 4p to 310p": a change and the new level
            if core2 and core2[0] > fig.value:
                um2 = rules.unit_after_re.match(text, m2.end())
                same_unit = um2 is not None and _unit_code(um2, rules) == fig.unit
                if same_unit or (cur is not None and fig.currency):
                    fig.value_max = core2[0]
                    fig.end = pos = um2.end() if same_unit else m2.end()
                    figs_by_start.pop(m2.start(), None)
    # a rate: "$60 a barrel", "10 cents a gallon", "barrels a day", "points per game"
    if fig.unit and rules.rate_re is not None:
        pos = _rate(fig, text, pos, rules)
    # qualifiers
    cm = rules.comparator_before_re.search(text[max(0, start - 40):start])
    if cm and _directional_up(cm, max(0, start - 40), idx, rules):
        cm = None                        # "inching back up to 4.8%": the new level, not a ceiling
    if cm:
        fig.comparator = rules.comparators_before[re.sub(r"\s+", " ", cm.group("c").lower())]
        start = start - (len(text[max(0, start - 40):start]) - cm.start("c"))
    elif re.search(r"(?<![\w-])sub-$", text[max(0, start - 4):start], re.I):
        fig.comparator = "<"             # "sub-7 nanometre chips", "sub-500 sq m offices"
        start -= 4
    elif text[start - 1:start] == "~":
        fig.comparator = "~"
        start -= 1
    elif text[pos:pos + 1] == "+":
        fig.comparator = ">="
        fig.end = pos = pos + 1
    else:
        am = rules.comparator_after_re.match(text[pos:pos + 20])
        if am and not (am.group("c").lower() == "plus" and re.match(r"\s*plus\s+\S", text[pos:pos + 12])):
            fig.comparator = rules.comparators_after[re.sub(r"\s+", " ", am.group("c").lower())]
            fig.end = pos = pos + am.end()
    fig.start = start
    return True


def _spaced_pence(fig: Figure, um: re.Match, text: str) -> bool:
    """"down 1.95 p at 125.8 p": pence written apart from the number, in
    share-price copy (a decimal, or a price move word after it)."""
    if um.group("cased") != "p" or um.group("sep") != " ":
        return False
    return fig.value % 1 != 0 or re.match(r"(?:[,;)]|\.(?!\w)|\s+(?:at|to|from|a|per|on|higher|lower|up|down)\b)",
                                          text[um.end():um.end() + 8]) is not None


def _directional_up(cm: re.Match, offset: int, idx: TokenIndex, rules: Rules) -> bool:
    """"up to" after a verb of movement ("went up to", "inching back up to")
    says where something went, not a ceiling."""
    if cm.group("c").lower().split()[0] != "up":
        return False
    prev = idx.before(offset + cm.start("c"))
    return prev is not None and (prev.lower_ in rules.up_to_directional or prev.lemma_.lower() in rules.up_to_directional)


def _change_from(text: str, at: int, rules: Rules) -> bool:
    """"rose from 5 to 7": "from X to Y" after a verb of change is a change
    (two figures); "ranging from 5 to 7", "from 5 to 7 boats" is a range."""
    m = re.search(r"\bfrom\s+(?:[^\w\s]{1,3}\s?|[A-Z]{1,3}\$?\s?)?$", text[max(0, at - 16):at])
    if not m:
        return False
    cut = max(0, at - 16) + m.start()
    words = re.findall(r"[A-Za-z]+", text[max(0, cut - 40):cut])[-3:]
    return any(w.lower() in rules.change_words or w.lower() in ("compared", "since") for w in words)


def _after_change_word(text: str, at: int, rules: Rules) -> bool:
    """Does a verb of change stand right before `at` ("fell 120", "rose by 3")?"""
    words = re.findall(r"[A-Za-z]+", text[max(0, at - 30):at])
    if words and words[-1].lower() == "by":
        words = words[:-1]
    return bool(words) and words[-1].lower() in rules.change_words


def _rate(fig: Figure, text: str, pos: int, rules: Rules) -> int:
    """Make the figure a rate when "per X", "a X" or "/X" follows: the unit
    stays what is counted and `per` takes the denominator ("$60 a barrel" is
    usd per barrel), except where the pair is a unit of its own (km an hour
    is km/h)."""
    rm = rules.rate_re.match(text, pos)
    if not rm:
        return pos
    den = rules.rate_denominators.get(re.sub(r"\s+", " ", rm.group("den").lower()))
    if den is None:
        return pos
    if den in rules.duration_units:
        after = re.compile(r"[\s,]*([A-Za-z]+)").match(text, rm.end())
        if after and after.group(1).lower() in rules.relative_time_words:
            return pos                   # "3 per cent a year ago": a date
    if re.match(r"-", text[rm.end():rm.end() + 1]):
        return pos                       # "$5 a day-long ..."
    alias = rules.rate_aliases.get(f"{fig.unit}_per_{den}")
    if alias:
        fig.unit = alias
    else:
        fig.per = den
    fig.end = rm.end()
    return rm.end()


def _index_points(fig: Figure, idx: TokenIndex, text: str, rules: Rules, named_only: bool = False) -> bool:
    """A bare number moved by a stock index: "the Dow fell 120 to 10,450"
    (`named_only`: a named index, not "index" or "benchmark", and no share
    price between the name and the number)."""
    if rules.stock_index_re is None or fig.kind != "number" or fig.value_max is not None and fig.value_max > 10 * fig.value:
        return False
    digits = text[fig.num_start:fig.num_end]
    if re.fullmatch(r"\d{4}", digits) and rules.year_range[0] <= int(digits) <= rules.year_range[1] \
            and not re.match(r"\s*(?:points?|pts)\b", text[fig.end:fig.end + 8]):
        return False                     # "will end 2019 at 16,644": a year
    toks = idx.covering(fig.num_start, fig.num_end)
    if not toks:
        return False
    sent = toks[0].sent
    names = [m for m in rules.stock_index_re.finditer(sent.text)
             if sent.start_char + m.end() <= fig.num_start]          # the index is named first
    if named_only:
        if names and re.search(r"\b(?:shares?|stocks?|price|pence|penny)\b",
                               text[sent.start_char + names[-1].end():fig.num_start], re.I):
            return False
    if not names:
        return False
    words = re.findall(r"[A-Za-z]+", text[max(sent.start_char, fig.start - 30):fig.start])
    if words and words[-1].lower() in rules.index_move_words:
        return True
    return bool(re.match(r"\s*(?:points?|pts|higher|lower)\b|\s*,\s*or\s+[\d.]+\s*(?:%|per\s*cent)"
                         r"|\s*,?\s*(?:up|down|\+|-)\s*[\d.,]+\s*(?:points?|pts)\b",     # "16369.03 up 58.06 points"
                         text[fig.end:fig.end + 30], re.I))


_PLAIN = ("count",)
_JOIN_AFTER = re.compile(r"[\s,]*(?:(?:(?:was|is|were)\s+)?(?:up|down|higher|lower|rising|falling|rose|fell|increased|decreased|"
                         r"compared|against|versus|vs\.?|from|to|than|with|compared\s+with|compared\s+to)\s+)+"
                         r"(?:(?:a|an|the)\s+)?$", re.I)
# the second of two parallel clauses: "the highest is 84.75 cents, while the lowest is"
_PARALLEL = re.compile(r"\s*,?\s*(?:while|whereas)\s+(?:the\s+)?(?:[A-Za-z&'-]+\s+){1,3}"
                       r"(?:is|was|are|were)\s+(?:about\s+|around\s+|nearly\s+)?", re.I)
_JOIN_BEFORE = re.compile(r"\s*(?:to|and|or|-|–|—)\s*$", re.I)


def _share_units(figs: list[Figure], text: str, idx: TokenIndex, rules: Rules) -> None:
    """A bare amount (no unit word, no counted noun) next to an amount with a
    unit, joined as the two sides of a change, a comparison or a range, has
    the same unit. Percentages are not shared ("rose 5% to 300")."""
    def bare(f):
        return f.unit in _PLAIN and f.noun is None and f.kind in ("number", "words") and not f.currency

    def real(f):
        return f.unit not in (None, "count", "scale_point", "percent", "percentage_point", "point") \
            and f.unit not in rules.duration_units

    def mantissa(f):
        m = re.match(r"\d[\d,]*(?:\.\d+)?", text[f.num_start:f.num_end])
        return float(m.group().replace(",", "")) if m else None

    for a, b in zip(figs, figs[1:]):
        between = text[a.end:b.start]
        if "\n" in between or len(between) > 40 or re.search(r"[.;:]\s", between):
            continue
        if a.kind in ("number", "words") and a.unit in (None, "count") and not a.currency \
                and b.unit in rules.duration_units and re.fullmatch(r"\s+(?:and|or|to)\s+", between) \
                and text[b.num_end:b.end].startswith("-"):
            a.unit, a.measures = b.unit, b.measures   # "three and four-year-olds", "two or three-day"
            continue
        if a.kind in ("number", "words") and a.unit in (None, "count") and not a.currency and b.unit \
                and re.fullmatch(r"-\s*(?:and|or|to)\s+", between) and text[b.num_end:b.end].startswith("-"):
            a.unit, a.per, a.measures = b.unit, b.per, b.measures   # "a 7- or 8-inch screen"
            continue
        if a.unit == b.unit and a.currency and b.scaled and not a.scaled and a.kind == "number" \
                and _JOIN_BEFORE.fullmatch(between):
            mb = mantissa(b)
            if mb and a.value < mb * 10:
                a.value = _times(a.value, b.value / mb)      # "from $89 to $93 billion": $89 billion
                a.scaled = True
            continue
        before_a = text[max(0, a.start - 20):a.start]
        if bare(b) and (b.scaled or not a.scaled) and (
                real(a) and _JOIN_AFTER.fullmatch(between)
                # "the highest is 84.75 cents, while the lowest is 74.07"
                or real(a) and _PARALLEL.fullmatch(between) and a.value / 10 <= b.value <= a.value * 10
                and re.search(r"\b(?:is|was|are|were)\s+(?:about\s+|around\s+|nearly\s+)?$", before_a[-14:], re.I)
                # "from 24 weeks to 20", "from 5% to 7"
                or a.unit not in (None, "count") and between.strip() == "to"
                and re.search(r"\bfrom\s+(?:\S+\s+)?$", before_a, re.I)):
            b.unit, b.per = a.unit, b.per or a.per
        elif bare(a) and real(b) and _JOIN_BEFORE.fullmatch(between) \
                and (re.search(r"\b(?:from|between)\s+\S*$", text[max(0, a.start - 14):a.start], re.I)
                     or between.strip() == "or" and b.currency):      # "about 8 or $9"
            if b.scaled and not a.scaled:
                mb = mantissa(b)
                if not mb or a.value >= mb * 10 or a.kind != "number":
                    continue
                a.value = _times(a.value, b.value / mb)      # "from 88 to 98.5 billion yen": 88 billion
                a.scaled = True
            a.unit, a.per = b.unit, a.per or b.per


_FX_AFTER = re.compile(r"\s*(?P<rel>against|versus|vs\.?|per|to|a|an|for|each)\s+(?:the\s+|one\s+|a\s+|each\s+)?"
                       r"(?:(?:US|U\.S\.|American|Canadian|Australian|New\s+Zealand|Hong\s+Kong|Singapore)\s+)?(?P<cur>[A-Za-z]+)\b")


def _exchange_rate(fig: Figure, idx: TokenIndex, text: str, rules: Rules) -> tuple[str, str | None] | None:
    """An exchange rate written as a bare number: "USD/JPY at 110.2" (yen),
    "the dollar rose to 110.50 against the yen" (yen), "the yen firmed to
    105.50 per dollar" (yen per US dollar)."""
    if fig.kind != "number" or fig.noun is not None:
        return None
    toks = idx.covering(fig.num_start, fig.num_end)
    if not toks:
        return None
    sent = toks[0].sent
    before = text[sent.start_char:fig.start]

    def money(word):
        code = rules.unit_words.get(word.lower()) or rules.unit_words_cased.get(word)
        return code if code in rules.money_units else None

    pairs = list(re.finditer(r"\b([A-Z]{3})/([A-Z]{3})\b", before))
    if pairs:
        a, b = money(pairs[-1].group(1)), money(pairs[-1].group(2))
        if a and b:
            return b, None
    m = _FX_AFTER.match(text, fig.end)
    if not m:
        return None
    after = money(m.group("cur"))
    if after is None:
        return None
    named = [money(w) for w in re.findall(r"[A-Za-z]+", before)]
    named = [c for c in named if c and c != after]
    if not named:
        return None
    if m.group("rel").lower() in ("against", "versus", "vs", "vs."):
        return after, None               # "the dollar at 110 against the yen": yen
    return named[-1], after              # "the yen at 105 per dollar": yen per US dollar


def _currency_elsewhere(fig: Figure, idx: TokenIndex, rules: Rules) -> str | None:
    """"prices of 500 million, in yen": a currency the sentence names apart."""
    if rules.currency_elsewhere_re is None or fig.kind not in ("number", "words"):
        return None
    toks = idx.covering(fig.num_start, fig.num_end)
    if not toks:
        return None
    sent = toks[0].sent
    for m in rules.currency_elsewhere_re.finditer(sent.text):
        if sent.start_char + m.start() <= fig.num_start < sent.start_char + m.end():
            continue
        word = next((g for g in m.groups() if g), None)
        if word:
            return rules.currency_words.get(re.sub(r"\s+", " ", word.lower()))
    return None


def _currency_at(text: str, at: int, rules: Rules) -> int | None:
    for surface in sorted(rules.currency_before, key=len, reverse=True):
        if text.startswith(surface, at):
            nxt = at + len(surface)
            if text[nxt:nxt + 1] == " ":
                nxt += 1
            if text[nxt:nxt + 1].isdigit():
                return nxt
    return None


_HHMM = r"(?:[01]\d|2[0-3])[0-5]\d"     # a 24-hour clock time written "2200"


def _is_excluded(fig: Figure, text: str, idx: TokenIndex, rules: Rules) -> bool:
    """Calendar years, dates, clock times, ordinals, names."""
    toks = idx.covering(fig.num_start, fig.num_end)
    if not toks:
        return True
    prev = idx.before(fig.start)
    nxt = idx.after(fig.end)
    num_text = text[fig.num_start:fig.num_end]
    duration = fig.unit in rules.duration_units
    unitless = fig.unit in (None, "count", "person", "soldier", "scale_point")
    # dates: "March 11", "13 March 2025", "11th of March"
    if fig.kind in ("number", "words"):
        before_tok = idx.before(fig.num_start)
        after_tok = idx.after(fig.num_end)
        for t in (before_tok, after_tok):
            if t is not None and t.lower_.rstrip(".") in rules.months and t.text[:1].isupper() and not fig.currency and unitless:
                return True
    # inside a DATE or TIME entity and not a duration
    too_big = re.fullmatch(r"\d{5,}(?:\.\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?", num_text) is not None   # no date has it
    if any(t.ent_type_ in ("DATE", "TIME") for t in toks) and not duration and unitless and not fig.per and not too_big:
        counted = fig.noun is not None and fig.noun.ent_type_ not in ("DATE", "TIME") and fig.noun.i > toks[-1].i
        # "fell 120 Monday": a number before a weekday is not part of the date
        weekday = nxt is not None and nxt.lower_ in rules.weekdays and not (
            prev is not None and prev.lower_.rstrip(".") in rules.months)
        if fig.kind not in ("vague",) and not counted and not weekday:
            return True
    if rules.compound_after_re is not None and fig.kind in ("number", "words") and unitless \
            and rules.compound_after_re.match(text, fig.num_end):
        return True                      # "a two-pronged assault", "a one-time rise"
    if prev is not None and prev.lower_ in rules.rank_words and prev.pos_ != "VERB" and fig.start == fig.num_start \
            and not fig.currency and unitless \
            and not (fig.noun is not None and fig.noun_adjacent and fig.noun.tag_ == "NNS"
                     and not (prev.i > 0 and prev.nbor(-1).like_num)):
        return True                      # "number two", "the top 40", "three top 20 singles" (not "the top 12 films")
    if fig.kind == "number" and unitless and re.fullmatch(_HHMM, num_text) and (
            re.match(rf"\s*(?:and|to|-|–)\s*{_HHMM}\b", text[fig.end:fig.end + 12])
            or re.search(rf"\b{_HHMM}\s*(?:and|to|-|–)\s*$", text[max(0, fig.start - 12):fig.start])):
        return True                      # "a curfew between 2200 and 0700": clock times
    # a number inside the name of an organisation, a work or an event:
    # "the Three Gorges Corporation", "Ocean's Eleven"
    ents = [t for t in toks if t.ent_type_ in ("ORG", "FAC", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW")]
    if ents and unitless and not fig.currency and fig.comparator == "=":
        ent = doc_index.ent_containing(idx.doc, ents[0].i)
        if ent is not None and any(t.is_alpha and t.is_title and not t.like_num and t.i not in {x.i for x in toks}
                                   for t in ent):
            return True
    lo = max(0, fig.num_start - 30)
    for pat in rules.idioms_re:
        for m in pat.finditer(text, lo, fig.num_end + 30):
            if m.start() <= fig.num_start and fig.num_end <= m.end():
                return True              # "at one point", "one by one"
    # ordinals ("3rd", "fifth"; spaCy also labels "3bn" ORDINAL: the words decide)
    if any(t.ent_type_ == "ORDINAL" and re.search(r"(?:\d(?:st|nd|rd|th)|first|second|third|th)$", t.lower_)
           for t in toks) and fig.kind in ("number", "words"):
        return True
    # relative dates: "two years ago" ("nine days later" is the time between
    # two events: a duration, kept)
    if duration and nxt is not None and nxt.lower_ in ("ago", "hence"):
        return True
    if fig.kind == "number":
        first = re.search(r"\.?\d[\d.,]*", num_text)
        digits = first.group().rstrip(".,") if first else ""   # "10 to 50" is no year 1050
        # calendar years: "in 2024", "the 2022 invasion"
        if (re.fullmatch(r"\d{4}", digits) and rules.year_range[0] <= int(digits) <= rules.year_range[1]
                and unitless and not fig.currency):
            noun = fig.noun
            if not (noun is not None and fig.noun_adjacent and noun.i == toks[-1].i + 1
                    and noun.tag_ in ("NNS", "NNPS") and noun.ent_type_ != "DATE"):
                return True
        # numbers inside names or codes: "Section 427", "Boeing 737", "No. 10", "Unit 5c"
        glued_letter = re.fullmatch(r"[A-Za-z]", text[fig.num_end:fig.end]) is not None
        if not fig.currency and (unitless or glued_letter) and prev is not None and fig.start == fig.num_start:
            word = prev.lower_
            if word in rules.name_words or (word.rstrip(".") in rules.name_words):
                return True
            if re.search(r"\b(?:no|nos|nr)\.\s*$", text[max(0, fig.start - 6):fig.start], re.I):
                return True
            if (prev.pos_ == "PROPN" or prev.is_title or prev.is_upper) and prev.is_alpha and not prev.is_sent_start \
                    and word not in rules.comparators_before and word.rstrip(".") not in rules.months \
                    and prev.ent_type_ not in ("DATE", "TIME", "CARDINAL", "QUANTITY", "MONEY", "PERCENT") \
                    and text[prev.idx + len(prev.text):fig.num_start] == " ":
                return True
        # a name right after: "787 Dreamliner", "11 Pro Max", "358 El Brillo Way"
        after_tok = idx.after(fig.num_end)
        counted = fig.noun is not None and fig.noun.pos_ == "NOUN" and fig.noun.tag_ == "NNS"
        if unitless and not fig.currency and after_tok is not None and after_tok.idx == fig.num_end + 1 \
                and after_tok.pos_ == "PROPN" and after_tok.text[:1].isupper() and after_tok.ent_type_ != "NORP" \
                and after_tok.lower_ not in rules.unit_words and after_tok.lower_ not in rules.weekdays:
            num_tok = toks[-1]
            head = num_tok.head
            earlier = [c for c in head.children if c.dep_ == "nummod" and c.i < num_tok.i]
            if num_tok.dep_ == "nummod" and earlier:
                return True              # "two new 737 Max jets": the first number counts, 737 names
            names_counted = num_tok.dep_ == "nummod" and (
                head.tag_ == "NNS" and head.pos_ == "NOUN" and head.i > after_tok.i
                or head.pos_ == "PROPN" and any(c.dep_ == "conj" and c.tag_ == "NNS" and c.pos_ == "NOUN"
                                                for c in head.children))     # "300 Ford and Toyota pickups"
            if not (counted or names_counted):
                return True              # "460 Kia and Hyundai vehicles" counts vehicles
        # phone numbers and codes: "555-1234", "1-800"
        if re.fullmatch(r"0\d+", digits):
            return True
    if fig.kind == "words":
        # "World War Two", "Channel One": a capitalised number word after a name
        if num_text[:1].isupper() and prev is not None and prev.pos_ == "PROPN" and prev.is_title \
                and not prev.is_sent_start and fig.start == fig.num_start \
                and text[prev.idx + len(prev.text):fig.num_start] == " ":
            return True
        single = len(re.split(r"[\s-]+", num_text.strip())) == 1
        if single and fig.value in (0.0, 1.0) and unitless and fig.comparator == "=" and fig.value_max is None \
                and not fig.noun_adjacent:
            return True                  # "one of", "no one", "the one"
        words = [w for w in re.split(r"[\s-]+", num_text.lower().strip()) if w and w != "and"]
        if words and all(w in rules.scale_words for w in words):
            return True                  # a bare "million", "hundred"
    return False


# --- counted nouns ---------------------------------------------------------------

def _counted_noun(fig: Figure, idx: TokenIndex, rules: Rules, text: str) -> tuple[Token | None, bool]:
    """(the noun a bare number counts, whether it directly follows)."""
    toks = idx.covering(fig.num_start, fig.num_end)
    if not toks:
        return None, False
    last = toks[-1]
    doc = idx.doc
    # "of" phrase: "thousands of soldiers", "hundreds of thousands of dead"
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ == "of":
        for child in nxt.children:
            if child.dep_ == "pobj":
                return child, False
        if nxt.i + 1 < len(doc) and doc[nxt.i + 1].pos_ in ("NOUN", "ADJ"):
            j = nxt.i + 1
            while j + 1 < len(doc) and doc[j + 1].pos_ in ("NOUN", "ADJ") and doc[j].pos_ == "ADJ":
                j += 1
            return doc[j], False
        return None, False
    head = last.head
    if last.dep_ in ("nummod", "compound", "amod", "quantmod", "nmod") and head.i > last.i and head.pos_ in ("NOUN", "PROPN") \
            and head.i - last.i <= 4 and all(doc[k].text == "-" or doc[k].pos_ in ("ADJ", "NOUN", "PROPN", "VERB") and not doc[k].is_punct
                                             for k in range(last.i + 1, head.i)) \
            and not any(doc[k].lower_ in rules.time_deictics for k in range(last.i + 1, head.i)):
        return head, True                # (not "rose by 311,764 last month")
    # the number's own head when spaCy attaches it the other way round
    if nxt is not None and nxt.pos_ == "NOUN" and nxt.tag_ == "NNS":
        return nxt, True
    # people named by an adjective: "12 dead", "40 injured", "3 missing"
    if nxt is not None and nxt.lower_ in rules.person_adjectives:
        return nxt, True
    return None, False


def _scale_context(fig: Figure, idx: TokenIndex, rules: Rules) -> bool:
    toks = idx.covering(fig.num_start, fig.num_end)
    if not toks:
        return False
    sent = toks[0].sent
    sents = [sent]
    if sent.start > 0:
        sents.append(idx.doc[sent.start - 1].sent)
    return any(t.lemma_.lower() in rules.scale_nouns for s in sents for t in s)


def find_figures(doc: Doc, text: str, rules: Rules | None = None, quotes: list[dict] | None = None,
                 actors: dict | None = None) -> list[Figure]:
    """The figures of a parsed text. `quotes` (rows of the quotes extractor)
    and `actors` (local key -> name) let a figure inside a quote take the
    quote's speaker as its source."""
    rules = rules or load()
    idx = TokenIndex(doc)
    cands = _find_candidates(text, idx, rules)
    by_start = {c.num_start: c for c in cands}
    out: list[Figure] = []
    for fig in cands:
        if by_start.get(fig.num_start) is not fig:
            continue                     # swallowed as the end of a range
        if not _complete(fig, text, idx, rules, by_start):
            continue
        if fig.unit is None and fig.kind in ("number", "words", "vague"):
            noun, adjacent = _counted_noun(fig, idx, rules, text)
            if noun is not None and (noun.lower_ in rules.months or noun.lower_ in rules.weekdays):
                noun = None
            fig.noun = noun
            fig.noun_adjacent = adjacent
            if noun is not None:
                fig.unit = noun_unit(noun, rules)
                if adjacent:
                    fig.end = max(fig.end, noun.idx + len(noun.text))
                    if rules.rate_re is not None and fig.end == noun.idx + len(noun.text):
                        _rate(fig, text, fig.end, rules)     # "5,000 tests a day"
            elif person_collective(fig, idx, text, rules):
                fig.unit = "person"              # "a crowd of 20,000", "a 9,000-strong union"
            elif age_words_before(fig, text, rules) or age_after_people(fig, idx, rules):
                fig.unit = "year"                # "aged 45", "at the age of 45", "patients over 65"
                fig.measures = "age"
            elif (name := is_age(fig, idx, rules)) is not None:
                fig.unit = "year"
                if name.ent_type_ == "PERSON" or name.pos_ == "PROPN":
                    fig.measures = age_of(name)
            elif (owner := age_complement(fig, idx, rules) or age_at_event(fig, idx, rules)) is not None:
                fig.unit = "year"                # "he will be 35", "life expectancy is 73", "an MP at 27"
                if is_person(owner, rules):
                    fig.measures = age_of(owner)
                elif owner.lemma_.lower() in rules.age_subject_nouns:
                    first = min([owner.i] + [t.i for t in owner.lefts if t.dep_ in ("compound", "amod")])
                    fig.measures = owner.doc[first:owner.i + 1].text     # "voting age", "life expectancy"
            elif verb_object_person(fig, idx, rules):
                fig.unit = "person"
            elif (money := _currency_elsewhere(fig, idx, rules)) is not None:
                fig.unit = money
            elif (pair := _exchange_rate(fig, idx, text, rules)) is not None:
                fig.unit, fig.per = pair         # "the dollar rose to 110.50 yen against the yen"
            elif _index_points(fig, idx, text, rules):
                fig.unit = "point"
            elif fig.kind != "vague" and _scale_context(fig, idx, rules):
                fig.unit = "scale_point"
            else:
                fig.unit = "count"
                if rules.rate_re is not None:
                    _rate(fig, text, fig.end, rules)     # "an average of 20 per week", "300 a day"
            if _is_excluded(fig, text, idx, rules):
                continue
        elif _is_excluded(fig, text, idx, rules):
            continue
        out.append(fig)
    # "45-year-old", "7 years old", "18-month-old": the age takes in "old"
    for fig in out:
        if fig.unit in ("year", "month", "week", "day"):
            om = re.match(r"(?:-|\s+)olds?\b", text[fig.end:fig.end + 6])
            if om:
                fig.end += om.end()
                fig.measures = fig.measures or "age"
    # drop figures overlapping an earlier one (ranges already merged)
    kept: list[Figure] = []
    for fig in sorted(out, key=lambda f: (f.start, -(f.end - f.start))):
        if kept and fig.start < kept[-1].end:
            if fig.num_start >= kept[-1].end or fig.num_start < kept[-1].num_end:
                continue
            kept[-1].end = fig.start   # a counted noun that runs into the next figure
            while kept[-1].end > kept[-1].start and text[kept[-1].end - 1].isspace():
                kept[-1].end -= 1
        kept.append(fig)
    # a change before a rate shares its denominator: "rose 93 cents to $81.20 a barrel"
    money = rules.money_units | {"cent", "penny", "sen"}
    for a, b in zip(kept, kept[1:]):
        if b.per and not a.per and a.unit and re.fullmatch(r"\s*,?\s*(?:to|at)\s+", text[a.end:b.start]) \
                and (a.unit == b.unit or a.unit in money and b.unit in money):
            a.per = b.per
    # a list before a rate shares it: "18 points, 7 rebounds and 5 assists per game"
    for a, b in reversed(list(zip(kept, kept[1:]))):
        if b.per and not a.per and a.unit and a.unit not in rules.duration_units and a.unit != "percent" \
                and re.fullmatch(r"\s*(?:,|,?\s+and|,?\s+or)\s+", text[a.end:b.start]):
            a.per = b.per
    # a bare amount beside one with a unit takes that unit: "98.5 billion yen
    # from 88 billion", "from 88 to 98.5 billion yen", "between 5 and 7 MPa"
    _share_units(kept, text, idx, rules)
    # pence that are index points: "the FTSE 100 fell 35p to 7,200"
    for fig in kept:
        if fig.unit == "penny" and re.fullmatch(r"[\d.,]+p", text[fig.num_start:fig.end]) \
                and _index_points(fig, idx, text, rules, named_only=True):
            fig.unit = "point"
    quote_rows = quotes or []
    quote_spans = Intervals((q["start"], q["end"], k) for k, q in enumerate(quote_rows) if q.get("start") is not None)
    restated = restatements(kept, text, rules)
    for fig in kept:
        fig.measures = fig.measures or measures(fig, idx, rules)
        if fig.measures and not re.search(r"[^\W\d_]", fig.measures):
            fig.measures = None              # "4": another figure is not what this one measures
    for fig, original in restated:
        fig.measures = original.measures     # "$32bn (£16.7bn; 24.1bn euros)": the same sales
    for fig in kept:
        toks = idx.covering(fig.num_start, fig.num_end)
        fig.source = source(fig, toks[0].sent if toks else None, text, rules, quote_rows, quote_spans, actors or {})
    return kept


def extract(doc: Doc, article: Article, result) -> None:
    text = article.body
    if doc_index.text(doc) != text:
        result.warnings.append(f"figures: parsed text differs from the body of {article.id}; skipped")
        return
    actors = {a.get("key"): a.get("name") for a in result.local_actors}
    rules = load()
    for fig in find_figures(doc, text, quotes=result.quotes, actors=actors):
        if fig.unit and "_per_" in fig.unit and fig.unit not in rules.unit_codes:
            fig.unit, fig.per = fig.unit.split("_per_", 1)   # "bpd": barrel per day
        result.figures.append({
            "text": text[fig.start:fig.end],
            "start": fig.start,
            "end": fig.end,
            "value": fig.value,
            "value_max": fig.value_max,
            "unit": fig.unit,
            "per": fig.per,
            "comparator": fig.comparator,
            "measures": fig.measures,
            "source": fig.source,
        })
