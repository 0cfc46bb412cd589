"""Reading a corpus folder into clean Articles.

A corpus folder holds text files (with metadata in `manifest.yml`, keyed by
file name) and/or JSON Lines files, one article per line. Each article keeps
its raw text; the body is the raw text with boilerplate removed (rules in
`schema/cleaning.yml`). Every offset the later stages record refers to the
body. Anything that cannot be read becomes a Problem naming the file (and
line) and the reason; the rest of the corpus is still read.
"""
from __future__ import annotations

import bisect
import hashlib
import html
import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml

from .settings import SCHEMA_DIR

METADATA_FIELDS = ("title", "publisher", "url", "dateline", "published", "published_basis", "authors")


@dataclass
class Section:
    """A dated heading of a live feed and the span of body it heads."""
    heading: str
    date: str | None
    start: int
    end: int


@dataclass
class Article:
    id: str
    file: str
    body: str
    raw: str
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    dateline: str | None = None
    published: str | None = None
    published_basis: str | None = None
    authors: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    line: int | None = None           # line of a JSON Lines file
    metadata_source: dict[str, str] = field(default_factory=dict)

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.raw.encode("utf-8")).hexdigest()

    @property
    def word_count(self) -> int:
        return len(re.findall(r"\w+(?:[-'’.]\w+)*", self.body))

    def reference_date(self, offset: int) -> str | None:
        """The day a relative date at `offset` is resolved against: the live-feed
        heading it stands under, else the publication date. (Sections follow
        each other in body order: found by bisection, not by a scan.)"""
        k = bisect.bisect_right(self.sections, offset, key=_section_start) - 1
        section = self.sections[k] if k >= 0 else None
        if section is not None and offset < section.end and section.date:
            return section.date
        return self.published


def _section_start(section: Section) -> int:
    return section.start


@dataclass
class Problem:
    """Why (part of) an input could not be used."""
    file: str
    problem: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.problem}"


class CorpusError(Exception):
    """A corpus folder that cannot be read at all."""


@lru_cache(maxsize=1)
def cleaning_rules() -> dict:
    rules = yaml.safe_load((SCHEMA_DIR / "cleaning.yml").read_text(encoding="utf-8"))
    return {
        "lines": [re.compile(rf"^\s*(?:{p})\s*$", re.I) for p in rules["boilerplate_lines"]],
        "references": re.compile(rules["character_references"]),
        "fragments": [re.compile(p) for p in rules["boilerplate_fragments"]],
        "credits": [re.compile(p, re.M) for p in rules["publisher_credits"]],
        "dateline": re.compile(rules["dateline"]),
        "byline": re.compile(rules["byline"]),
        "headings": [re.compile(rf"^\s*(?:{p})\s*$") for p in rules["section_headings"]],
        "headline_max_words": int(rules["headline_max_words"]),
    }


# --- reading ---------------------------------------------------------------

def read_corpus(folder: str | Path) -> tuple[list[Article], list[Problem]]:
    """All articles of a corpus folder, sorted by id, and the problems met."""
    folder = Path(folder)
    if not folder.is_dir():
        raise CorpusError(f"{folder}: not a folder")
    problems: list[Problem] = []
    manifest = _read_manifest(folder, problems)
    articles: list[Article] = []
    seen_files = set()
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.name.startswith("."):
            continue
        rel = path.relative_to(folder).as_posix()
        if path.suffix == ".txt":
            seen_files.add(rel)
            article = _read_text_file(path, rel, manifest.get(rel) or manifest.get(path.name) or {}, problems)
            if article:
                articles.append(article)
        elif path.suffix == ".jsonl":
            articles.extend(_read_jsonl(path, rel, problems))
    for name in sorted(manifest):
        if name not in seen_files and Path(name).name not in {Path(f).name for f in seen_files}:
            problems.append(Problem("manifest.yml", f"entry {name!r} has no file in the corpus folder"))
    return _drop_duplicates(articles, problems), problems


def _read_manifest(folder: Path, problems: list[Problem]) -> dict[str, dict]:
    path = folder / "manifest.yml"
    if not path.exists():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        problems.append(Problem("manifest.yml", f"not valid YAML, ignored: {exc}"))
        return {}
    if not isinstance(data, dict):
        problems.append(Problem("manifest.yml", "must map file names to metadata; ignored"))
        return {}
    good = {}
    for name, entry in data.items():
        error = _metadata_error(entry)
        if error:
            problems.append(Problem("manifest.yml", f"entry {name!r}: {error}; metadata inferred from the text instead"))
            good[str(name)] = {}
        else:
            good[str(name)] = _normalise_metadata(entry or {})
    return good


def _metadata_error(entry) -> str | None:
    if entry is None:
        return None
    if not isinstance(entry, dict):
        return "must be a mapping of fields"
    unknown = set(entry) - set(METADATA_FIELDS) - {"id"}
    if unknown:
        return f"unknown field(s) {', '.join(sorted(map(str, unknown)))}"
    published = entry.get("published")
    if published is not None:
        text = published.isoformat() if isinstance(published, date) else str(published)
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return f"published {published!r} is not a YYYY-MM-DD date"
        try:
            date.fromisoformat(text)
        except ValueError:
            return f"published {published!r} is not a real date"
    authors = entry.get("authors")
    if authors is not None and not (isinstance(authors, list) and all(isinstance(a, str) for a in authors)):
        return "authors must be a list of names"
    for key in ("title", "publisher", "url", "dateline", "published_basis", "id"):
        if entry.get(key) is not None and not isinstance(entry[key], str):
            return f"{key} must be text"
    return None


def _normalise_metadata(entry: dict) -> dict:
    out = {k: v for k, v in entry.items() if v is not None}
    if isinstance(out.get("published"), date):
        out["published"] = out["published"].isoformat()
    return out


def _decode(path: Path, rel: str, data: bytes, problems: list[Problem]) -> str | None:
    if not data.strip():
        problems.append(Problem(rel, "empty file, skipped"))
        return None
    if b"\x00" in data:
        problems.append(Problem(rel, "binary file (contains NUL bytes), skipped"))
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.append(Problem(rel, f"not UTF-8 text (byte {exc.start}: {exc.reason}), skipped"))
        return None


def _read_text_file(path: Path, rel: str, meta: dict, problems: list[Problem]) -> Article | None:
    text = _decode(path, rel, path.read_bytes(), problems)
    if text is None:
        return None
    article_id = meta.get("id") or path.stem
    return build_article(article_id, rel, text, meta, source="manifest" if meta else None)


def _read_jsonl(path: Path, rel: str, problems: list[Problem]) -> list[Article]:
    data = path.read_bytes()
    text = _decode(path, rel, data, problems)
    if text is None:
        return []
    out = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(Problem(rel, f"not JSON ({exc.msg}), line skipped", number))
            continue
        if not isinstance(record, dict):
            problems.append(Problem(rel, "a line must be a JSON object, line skipped", number))
            continue
        article_id, body = record.get("id"), record.get("text")
        if not isinstance(article_id, (str, int)) or str(article_id).strip() == "":
            problems.append(Problem(rel, "missing \"id\", line skipped", number))
            continue
        if not isinstance(body, str) or not body.strip():
            problems.append(Problem(rel, f"article {article_id!r} has no \"text\", line skipped", number))
            continue
        meta = {k: record[k] for k in METADATA_FIELDS if record.get(k) is not None}
        error = _metadata_error(meta)
        if error:
            problems.append(Problem(rel, f"article {article_id!r}: {error}; metadata inferred from the text instead", number))
            meta = {}
        article = build_article(str(article_id), rel, body, _normalise_metadata(meta), source="jsonl")
        article.line = number
        out.append(article)
    return out


def _drop_duplicates(articles: list[Article], problems: list[Problem]) -> list[Article]:
    by_id: dict[str, Article] = {}
    for article in sorted(articles, key=lambda a: (a.id, a.file, a.line or 0)):
        if article.id in by_id:
            first = by_id[article.id]
            where = f"{first.file}:{first.line}" if first.line else first.file
            problems.append(Problem(article.file, f"duplicate article id {article.id!r} "
                                                  f"(already read from {where}), skipped", article.line))
            continue
        by_id[article.id] = article
    return list(by_id.values())


# --- cleaning and inference ----------------------------------------------------

def build_article(article_id: str, file: str, raw: str, meta: dict, source: str | None = None) -> Article:
    """Clean `raw` and fill metadata: given values first, inferred ones after."""
    raw = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    body, inferred = clean_text(raw, title=meta.get("title"))
    article = Article(id=article_id, file=file, body=body, raw=raw)
    for key in METADATA_FIELDS:
        if meta.get(key) not in (None, [], ""):
            setattr(article, key, meta[key])
            article.metadata_source[key] = source or "manifest"
        elif inferred.get(key) not in (None, [], ""):
            setattr(article, key, inferred[key])
            article.metadata_source[key] = "inferred"
    article.sections = find_sections(body)
    return article


def clean_text(raw: str, title: str | None = None) -> tuple[str, dict]:
    """The body (boilerplate and headline removed) and the metadata the text gives."""
    rules = cleaning_rules()
    text = rules["references"].sub(lambda m: html.unescape(m.group()), raw)
    for pattern in rules["fragments"]:
        text = pattern.sub("", text)
    lines = [line.rstrip() for line in text.split("\n")]
    lines = [line for line in lines if not any(p.match(line) for p in rules["lines"])]
    inferred: dict = {}

    # headline: the given title, or a first line that reads like one
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None:
        line = lines[first].strip()
        more_text = any(rest.strip() for rest in lines[first + 1:])
        words = len(line.split())
        looks_like_headline = (more_text and words <= rules["headline_max_words"]
                               and not re.search(r"[.!?:;,\"”’'…]$", line))
        if title and _same_text(line, title):
            lines[first] = ""
        elif not title and looks_like_headline and not rules["byline"].match(line):
            inferred["title"] = line
            lines[first] = ""

    # byline: a line of its own, recorded and kept in the body
    for line in lines[:8]:
        match = rules["byline"].match(line.strip())
        if match:
            names = re.split(r"\s*(?:,|\band\b|&)\s*", match.group("names"))
            inferred["authors"] = [n.strip() for n in names if n.strip()]
            break

    body = "\n".join(lines)
    body = re.sub(r"\n{3,}", "\n\n", body).strip()

    # dateline "MOSCOW (Reuters) -The ..." opening the first paragraph after the byline
    for paragraph in re.finditer(r"[^\n]+", body):
        if rules["byline"].match(paragraph.group().strip()):
            continue
        match = rules["dateline"].match(paragraph.group())
        if match:
            inferred["dateline"] = match.group("place").strip().rstrip(",")
            inferred["publisher"] = match.group("publisher").strip()
            # "-The" glued to the dash confuses the tokenizer: set it apart
            at = paragraph.start() + match.end()
            if not body[at - 1].isspace():
                body = body[:at] + " " + body[at:]
        break

    if "publisher" not in inferred:
        for pattern in rules["credits"]:
            match = pattern.search(body)
            if match:
                inferred["publisher"] = match.group("publisher").strip()
                break
    return body, inferred


def _same_text(a: str, b: str) -> bool:
    fold = lambda s: re.sub(r"\W+", " ", s).strip().lower()
    return fold(a) == fold(b)


def find_sections(body: str) -> list[Section]:
    """Dated headings on lines of their own, each heading the body up to the next."""
    rules = cleaning_rules()
    found = []
    for line in re.finditer(r"[^\n]+", body):
        if any(p.match(line.group()) for p in rules["headings"]):
            found.append((line.start(), line.group().strip()))
    sections = []
    for i, (start, heading) in enumerate(found):
        end = found[i + 1][0] if i + 1 < len(found) else len(body)
        sections.append(Section(heading=heading, date=parse_heading_date(heading), start=start, end=end))
    return sections


def parse_heading_date(heading: str) -> str | None:
    """ISO day of a heading such as "14 March 2025" (None if it names no full day)."""
    import dateparser

    parsed = dateparser.parse(heading, languages=["en"],
                              settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]})
    return parsed.date().isoformat() if parsed else None
