"""Metadata given with the articles: the manifest (keyed by file name) and the
fields of a JSON Lines or CSV record. Given metadata wins over the page's own
and over what is inferred from the text; a malformed entry is reported and
ignored (the article is still read, its metadata found elsewhere)."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import yaml

from .model import Ingested

METADATA_FIELDS = ("title", "publisher", "url", "dateline", "published", "published_basis", "authors")
# Given with an article, besides METADATA_FIELDS: its id and its language.
EXTRA_FIELDS = ("id", "language")
MANIFEST = "manifest.yml"


def read_manifest(folder: Path, found: Ingested) -> dict[str, dict]:
    """File name -> metadata; {} when there is no manifest."""
    path = folder / MANIFEST
    if not path.exists():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        found.problem(MANIFEST, f"not valid YAML, ignored: {exc}")
        return {}
    if not isinstance(data, dict):
        found.problem(MANIFEST, "must map file names to metadata; ignored")
        return {}
    good = {}
    for name, entry in data.items():
        error = metadata_error(entry)
        if error:
            found.problem(MANIFEST, f"entry {name!r}: {error}; metadata inferred from the text instead")
            good[str(name)] = {}
        else:
            good[str(name)] = normalise_metadata(entry or {})
    return good


def metadata_error(entry) -> str | None:
    """What is wrong with a metadata mapping, or None."""
    if entry is None:
        return None
    if not isinstance(entry, dict):
        return "must be a mapping of fields"
    unknown = set(entry) - set(METADATA_FIELDS) - set(EXTRA_FIELDS)
    if unknown:
        return f"unknown field(s) {', '.join(sorted(map(str, unknown)))}"
    published = entry.get("published")
    if published is not None:
        text = _day(published)
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return f"published {published!r} is not a YYYY-MM-DD date"
        try:
            date.fromisoformat(text)
        except ValueError:
            return f"published {published!r} is not a real date"
    authors = entry.get("authors")
    if authors is not None and not (isinstance(authors, list) and all(isinstance(a, str) for a in authors)):
        return "authors must be a list of names"
    for key in ("title", "publisher", "url", "dateline", "published_basis", "id", "language"):
        if entry.get(key) is not None and not isinstance(entry[key], str):
            return f"{key} must be text"
    language = entry.get("language")
    if language is not None and not re.fullmatch(r"[A-Za-z]{2}", language):
        return f"language {language!r} is not a two-letter ISO 639-1 code"
    return None


def _day(published) -> str:
    """The day of a publication date: a date, "YYYY-MM-DD", or an ISO
    timestamp as exports give them ("2025-03-14T09:30:00Z" is 2025-03-14)."""
    if isinstance(published, date):
        return published.isoformat()[:10]
    text = str(published).strip()
    match = re.fullmatch(r"(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?", text)
    return match.group(1) if match else text


def normalise_metadata(entry: dict) -> dict:
    out = {k: v for k, v in entry.items() if v is not None}
    if out.get("published") is not None:
        out["published"] = _day(out["published"])
    if out.get("language"):
        out["language"] = out["language"].lower()
    return out
