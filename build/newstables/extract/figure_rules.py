"""The figures extractor's rule data (schema/figure_rules.yml), compiled.

Everything a curator may extend lives in the YAML file; this module only
turns it into regular expressions and lookup tables, once per process.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import yaml

from ..settings import SCHEMA_DIR


def _words(section: dict, key: str) -> set[str]:
    """An optional word list of figure_rules.yml, lower-cased."""
    return {str(w).lower() for w in section.get(key) or []}


def _alt(words) -> str:
    """A regex alternation of literal phrases, longest first; spaces match any
    run of whitespace."""
    items = sorted({w for w in words if w}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


@dataclass
class Rules:
    number_words: dict
    scale_words: dict
    glued_scales: dict
    fractions: dict
    vague: list
    comparators_before: dict
    comparators_after: dict
    currency_before: dict
    unit_words: dict          # lower-cased surface -> code
    unit_words_cased: dict    # case-sensitive surfaces (symbols, abbreviations)
    glued_units: dict         # one-letter units, only when glued to the number ("45g")
    dollar_variants: dict
    conversions: dict
    duration_units: set
    person_nouns: set
    soldier_nouns: set
    person_verbs: set
    scale_nouns: set
    name_words: set
    words_after: set
    months: set
    relative_time_words: set
    year_range: tuple
    source_cues: list
    # compiled
    number_re: re.Pattern
    fraction_re: re.Pattern
    vague_re: re.Pattern
    one_in_re: re.Pattern
    long_re: re.Pattern
    unit_after_re: re.Pattern
    currency_re: re.Pattern
    comparator_before_re: re.Pattern
    comparator_after_re: re.Pattern
    source_re: re.Pattern
    # rates, stock-index points, currencies named elsewhere (defaults keep
    # hand-built Rules working)
    unit_codes: set = field(default_factory=set)      # every code of schema/units.yml
    unit_dimensions: dict = field(default_factory=dict)   # code -> dimension ("money", "length")
    rate_re: re.Pattern | None = None                 # " a barrel", " per share", "/bbl"
    rate_denominators: dict = field(default_factory=dict)   # lower-cased surface -> code
    rate_aliases: dict = field(default_factory=dict)
    stock_index_re: re.Pattern | None = None
    index_move_words: set = field(default_factory=set)
    change_words: set = field(default_factory=set)
    up_to_directional: set = field(default_factory=set)
    age_subject_nouns: set = field(default_factory=set)
    age_event_verbs: set = field(default_factory=set)
    money_in_not_measured: set = field(default_factory=set)
    range_change_ratio: float = 4.0
    currency_elsewhere_re: re.Pattern | None = None
    currency_words: dict = field(default_factory=dict)      # lower-cased surface -> money code
    money_units: set = field(default_factory=set)
    weak_unit_words: set = field(default_factory=set)      # "won", "dong": only after a large amount
    weak_currency_signs: set = field(default_factory=set)  # "R", "Y": only before a large amount
    person_adjectives: set = field(default_factory=set)    # "12 dead", "40 injured"
    weekdays: set = field(default_factory=set)
    time_deictics: set = field(default_factory=set)
    money_context_words: set = field(default_factory=set)
    idioms_re: list = field(default_factory=list)          # "at one point": no figure
    compound_after_re: re.Pattern | None = None           # "two-pronged": no figure
    rank_words: set = field(default_factory=set)          # "number two", "the top 40"
    person_collectives: set = field(default_factory=set)   # "a crowd of 20,000"
    age_before_re: re.Pattern | None = None                # "aged 45", "at the age of 45"
    age_decade_re: re.Pattern | None = None                # "in their 30s"
    metre_race_words: set = field(default_factory=set)     # "100m final": metres
    multiple_re: re.Pattern | None = None                  # "sixfold", "10-fold"
    multiple_unit: str | None = None


@lru_cache(maxsize=1)
def load() -> Rules:
    data = yaml.safe_load((SCHEMA_DIR / "figure_rules.yml").read_text(encoding="utf-8"))
    nw = {str(k).lower(): float(v) for k, v in data["number_words"].items()}
    sw = {str(k).lower(): float(v) for k, v in data["scale_words"].items()}
    gs = {str(k).lower(): float(v) for k, v in data["glued_scales"].items()}
    fr = {str(k).lower(): float(v) for k, v in data["fractions"].items()}
    # ISO 4217 codes: a currency before or after an amount ("USD 5m", "5m USD")
    not_read = {str(c) for c in data.get("iso_codes_not_read") or []}
    iso = [str(c) for c in data.get("iso_currency_codes") or [] if str(c) not in not_read]
    data["currency_before"] = dict(data["currency_before"])
    data["units_after"] = {k: list(v) for k, v in data["units_after"].items()}
    for c in iso:
        data["currency_before"].setdefault(c, c.lower())
        surfaces = data["units_after"].setdefault(c.lower(), [])
        if c not in surfaces:
            surfaces.append(c)
    unit_words, unit_cased = {}, {}
    for code, surfaces in data["units_after"].items():
        for s in surfaces:
            s = str(s)
            # short abbreviations and symbols are case-sensitive ("MW" is not "mw")
            if len(s) <= 3 or not any(c.isalpha() for c in s):
                unit_cased[s] = code
                if len(s) == 3 and s.isalpha() and s.islower():
                    unit_cased.setdefault(s.upper(), code)     # "YEN", "MPH" in capitals
            else:
                unit_words[s.lower()] = code
    nf = data["not_figures"]

    digits = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
    word = _alt(list(nw) + [w for w in sw if len(w) > 3])
    # "and" only after a scale word ("two hundred and fifty"): "three and four"
    # are two numbers
    after_scale = "|".join(f"(?<={w})" for w in ("hundred", "thousand", "million", "billion", "trillion"))
    words = rf"(?:{word})(?:(?:(?:{after_scale})\s+and\s+|[\s-]+)(?:{word}))*"
    scales = _alt(sw)
    glued = _alt(gs)
    codes = sorted({c for c in data["currency_before"] if c.isalpha() and c.isupper() and len(c) == 3})
    glued_codes = "".join(f"(?<={c})" + "|" for c in codes)
    # other signs that end in a letter or a dot may be glued too: "R50m", "Rs.500", "KSh200"
    glued_signs = "".join(
        "(?-i:(?<=" + (r"\b" if c[0].isalnum() else "") + re.escape(c) + "))|"
        for c in sorted(data["currency_before"], key=len, reverse=True)
        if c not in codes and (c[-1].isalpha() or c[-1] == ".") and " " not in c)
    number_re = re.compile(
        # the look-ahead first: most positions are not a digit, and the look-behinds are many
        rf"(?=\.?\d)(?:(?<=\$US)|(?<=\$A)|(?<=minus-)|(?<=sub-)|{glued_signs}{glued_codes}(?<![\w.,/:\-])|(?<=[\s(\[]-)|(?<=^-))(?P<digits>{digits})(?P<glued>(?:{glued})(?![\w]))?"
        rf"(?P<scale>(?:[\s-]+(?:{scales})\b)*)"
        rf"|(?<![\w-])(?P<words>(?:an?\s+(?=(?:{scales})\b))?{words})\b",
        re.I)
    frac = _alt(fr)
    fraction_re = re.compile(
        rf"\b(?:(?P<count>an?|one|two|three|four|five|six|seven|eight|nine|\d)[\s-]+)?"
        rf"(?P<frac>{frac})\b(?!-\w)", re.I)     # not "a third-party", "half-time"
    vague_re = re.compile(rf"\b(?:{_alt(v['text'] for v in data['vague_amounts'])})\b", re.I)
    one_in_re = re.compile(
        rf"\b(?P<a>one|two|three|four|five|six|seven|eight|nine|\d+)\s+(?:in|out\s+of)\s+(?:every\s+)?"
        rf"(?P<b>two|three|four|five|six|seven|eight|nine|ten|\d+)\b(?!\s*(?:%|percent|per\s+cent))", re.I)
    long_re = re.compile(r"\b(?P<unit>minute|hour|day|week|month|year|decade|century)-long\b", re.I)
    # unit after: optional space or hyphen; lower-case words, or exact symbols
    glued_units = {str(k): v for k, v in (data.get("glued_units") or {}).items()}
    for k, v in glued_units.items():
        unit_cased[k] = v
    unit_after_re = re.compile(
        rf"(?P<sep>\s*-\s*|\s*)(?:(?P<word>(?i:{_alt(unit_words)}))|(?P<cased>{_alt(unit_cased)}))(?![\w])")
    currency_re = re.compile(rf"(?:{_alt(data['currency_before'])})\s?$")
    comparator_before_re = re.compile(rf"(?<![\w])(?P<c>{_alt(data['comparators_before'])})\s+$", re.I)
    comparator_after_re = re.compile(rf"^\s*(?P<c>{_alt(data['comparators_after'])})\b", re.I)
    source_re = re.compile(rf"\b(?:{_alt(data['source_cues'])})\b", re.I)
    units = yaml.safe_load((SCHEMA_DIR / "units.yml").read_text(encoding="utf-8"))
    unit_codes = {str(u["code"]) for u in units}
    # rates: "<joiner> <denominator>" right after a figure's unit
    dens = {}
    for code, surfaces in (data.get("rate_denominators") or {}).items():
        for srf in surfaces:
            dens[str(srf).lower()] = str(code)
    joiners = [str(j) for j in data.get("rate_joiners") or []]
    rate_re = re.compile(
        rf"(?P<sep>\s*/\s*|\s+(?:{_alt(j for j in joiners if j != '/')})\s+|-(?:an?|per)-)(?P<den>{_alt(dens)})(?:e?s)?(?![\w])",
        re.I) if dens else None
    money = {str(c) for c in data.get("money_units") or []} | {c.lower() for c in iso} | {"btc"}
    weak = {str(w) for w in data.get("weak_unit_words") or []}
    currency_words = {}
    for code, surfaces in data["units_after"].items():
        if str(code) in money:
            for srf in surfaces:
                srf = str(srf)
                if srf in weak:
                    continue
                if any(c.isalpha() for c in srf) and (len(srf) > 3 or srf.islower()):
                    currency_words[srf.lower()] = str(code)
    cur_alt = _alt(currency_words)
    pats = [p.replace("{currency}", f"(?P<cur{i}>{cur_alt})") for i, p in enumerate(data.get("currency_elsewhere") or [])]
    currency_elsewhere_re = re.compile("|".join(pats), re.I) if pats and currency_words else None
    idx_names = [str(w) for w in data.get("stock_indexes") or []]
    stock_index_re = re.compile(rf"(?<![\w&])(?:{_alt(idx_names)})(?![\w&])", re.I) if idx_names else None
    age_words = [str(w) for w in data.get("age_words_before") or []]
    age_before_re = re.compile(rf"\b(?:{_alt(age_words)})\s+$", re.I) if age_words else None
    poss = [str(w) for w in data.get("age_decade_possessives") or []]
    age_decade_re = re.compile(
        rf"\b(?:in|into)\s+(?:{_alt(poss)})\s+(?:(?:early|mid|late)[\s-]+)?(?P<n>[1-9]0)s\b", re.I) if poss else None
    suffix = data.get("multiple_suffix")
    multiple_re = re.compile(
        rf"(?<![\w-])(?P<n>{word}|\d+(?:\.\d+)?)-?{re.escape(str(suffix))}\b", re.I) if suffix else None
    return Rules(
        number_words=nw, scale_words=sw, glued_scales=gs, fractions=fr,
        vague=data["vague_amounts"],
        comparators_before={k.lower(): v for k, v in data["comparators_before"].items()},
        comparators_after={k.lower(): v for k, v in data["comparators_after"].items()},
        currency_before=data["currency_before"],
        unit_words=unit_words, unit_words_cased=unit_cased, glued_units=glued_units,
        dollar_variants=data["dollar_variants"],
        conversions={k: (v[0], float(v[1])) for k, v in (data.get("unit_conversions") or {}).items()},
        duration_units=set(data["duration_units"]),
        person_nouns={w.lower() for w in data["person_nouns"]},
        soldier_nouns={w.lower() for w in data["soldier_nouns"]},
        person_verbs={w.lower() for w in data["person_verbs"]},
        scale_nouns={w.lower() for w in data["scale_nouns"]},
        name_words={str(w).lower() for w in nf["name_words_before"]},
        words_after={str(w).lower() for w in nf["words_after"]},
        months={w.lower() for w in nf["months"]},
        relative_time_words={w.lower() for w in nf["relative_time_words"]},
        year_range=tuple(nf["year_range"]),
        source_cues=data["source_cues"],
        number_re=number_re, fraction_re=fraction_re, vague_re=vague_re,
        one_in_re=one_in_re, long_re=long_re, unit_after_re=unit_after_re,
        currency_re=currency_re, comparator_before_re=comparator_before_re,
        comparator_after_re=comparator_after_re, source_re=source_re,
        unit_codes=unit_codes, unit_dimensions={str(u["code"]): str(u["dimension"]) for u in units},
        rate_re=rate_re, rate_denominators=dens,
        rate_aliases={str(k): str(v) for k, v in (data.get("rate_aliases") or {}).items()},
        stock_index_re=stock_index_re,
        index_move_words=_words(data, "index_move_words"),
        change_words=_words(data, "change_words"),
        up_to_directional=_words(data, "up_to_directional"),
        age_subject_nouns=_words(data, "age_subject_nouns"),
        age_event_verbs=_words(data, "age_event_verbs"),
        money_in_not_measured=_words(data, "money_in_not_measured"),
        range_change_ratio=float(data.get("range_change_ratio") or 4),
        currency_elsewhere_re=currency_elsewhere_re, currency_words=currency_words,
        money_units=money,
        weak_unit_words=weak,
        person_adjectives=_words(data, "person_adjectives"),
        weekdays=_words(nf, "weekdays"),
        time_deictics=_words(nf, "time_deictics"),
        money_context_words=_words(data, "money_context_words"),
        idioms_re=[re.compile(rf"(?<![\w-]){_alt([str(w)])}(?![\w-])", re.I) for w in nf.get("idioms") or []],
        compound_after_re=re.compile(rf"-(?:{_alt(nf['compound_words_after'])})\b", re.I)
        if nf.get("compound_words_after") else None,
        rank_words=_words(nf, "rank_words_before"),
        person_collectives=_words(data, "person_collectives"),
        weak_currency_signs={str(w) for w in data.get("weak_currency_signs") or []},
        age_before_re=age_before_re, age_decade_re=age_decade_re,
        metre_race_words=_words(data, "metre_race_words"),
        multiple_re=multiple_re, multiple_unit=str(data.get("multiple_unit") or "count"),
    )


def words_value(text: str, rules: Rules) -> float | None:
    """The value of a number written in words: "twenty-one", "two hundred and
    fifty", "a million", "1.5 billion" (digits before scale words too)."""
    total, current, seen = 0.0, 0.0, False
    for w in re.split(r"[\s-]+", text.lower().strip()):
        if not w or w == "and":
            continue
        if w in ("a", "an"):
            current = max(current, 1.0)
            seen = True
            continue
        if w in rules.number_words:
            current += rules.number_words[w]
            seen = True
        elif w in rules.scale_words:
            scale = rules.scale_words[w]
            current = max(current, 1.0) * scale
            if scale >= 1000:
                total += current
                current = 0.0
            seen = True
        else:
            try:
                current += float(w.replace(",", ""))
                seen = True
            except ValueError:
                return None
    return total + current if seen else None
