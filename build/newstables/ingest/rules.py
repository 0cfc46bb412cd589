"""The cleaning rules curators extend: `schema/cleaning.yml`, compiled once."""
from __future__ import annotations

import re
from functools import lru_cache

import yaml

from ..settings import SCHEMA_DIR


@lru_cache(maxsize=1)
def cleaning_rules() -> dict:
    rules = yaml.safe_load((SCHEMA_DIR / "cleaning.yml").read_text(encoding="utf-8"))
    return {
        "lines": [re.compile(rf"^\s*(?:{p})\s*$", re.I) for p in rules["boilerplate_lines"]],
        "page_lines": [re.compile(rf"^\s*(?:{p})\s*$", re.I) for p in rules["page_boilerplate_lines"]],
        "page_prune_xpath": list(rules["page_prune_xpath"]),
        "references": re.compile(rules["character_references"]),
        "fragments": [re.compile(p) for p in rules["boilerplate_fragments"]],
        "credits": [re.compile(p, re.M) for p in rules["publisher_credits"]],
        "dateline": re.compile(rules["dateline"]),
        "byline": re.compile(rules["byline"]),
        "headings": [re.compile(rf"^\s*(?:{p})\s*$") for p in rules["section_headings"]],
        "headline_max_words": int(rules["headline_max_words"]),
    }
