"""From the text as read to an Article: markup out, boilerplate out,
metadata in, live-feed sections found, language told.

Every reader ends here, so all formats give the same Article. Metadata comes
in layers, the first that has a field wins: given (manifest, JSON Lines or
CSV record) > the page's own (HTML metadata) > inferred from the text > a
last resort (a WARC record's crawl date). `metadata_source` names the layer
of each field; a publication date and its `published_basis` always come from
the same layer. Boilerplate rules live in `schema/cleaning.yml`.
"""
from __future__ import annotations

import re
import unicodedata

from . import language as language_module
from .markup import strip_markup
from .metadata import METADATA_FIELDS
from .model import Article, Section, Source
from .rules import cleaning_rules

BASIS = "published_basis"


def build_article(article_id: str, file: str, raw: str, meta: dict, source: str | None = None, *,
                  page: dict | None = None, last_resort: dict | None = None, markup: bool = True,
                  original: Source | None = None) -> Article:
    """Clean `raw` and fill metadata layer by layer.

    meta: given metadata (labelled `source`, default "manifest"); page: the
    page's own metadata; last_resort: used when nothing else gives a field.
    markup: `raw` is text input, whose markup is removed first (the bytes as
    read are then kept as the article's source, as `original` or the text's
    UTF-8). Without markup (text taken from a page) `original` is the page."""
    raw = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    if markup:
        stripped = strip_markup(raw)
        if stripped != raw and original is None:
            original = Source("text/plain", raw.encode("utf-8"), "utf-8")
        elif stripped == raw:
            original = None
        raw = stripped
    body, inferred = clean_text(raw, title=(meta or {}).get("title") or (page or {}).get("title"),
                                from_page=not markup)
    article = Article(id=article_id, file=file, body=body, raw=raw, source=original)
    layers = [(source or "manifest", meta or {}), ("page", page or {}), ("inferred", inferred),
              ("last resort", last_resort or {})]
    for key in METADATA_FIELDS:
        if key == BASIS:
            continue
        for label, values in layers:
            if values.get(key) not in (None, [], ""):
                setattr(article, key, values[key])
                article.metadata_source[key] = label
                if key == "published" and values.get(BASIS):
                    article.published_basis = values[BASIS]
                    article.metadata_source[BASIS] = label
                break
    if article.published_basis is None and (meta or {}).get(BASIS):   # a basis given without a date
        article.published_basis = meta[BASIS]
        article.metadata_source[BASIS] = source or "manifest"
    _set_language(article, (meta or {}).get("language"), source or "manifest", (page or {}).get("language"))
    article.sections = find_sections(body)
    return article


def _set_language(article: Article, given: str | None, given_label: str, declared: str | None) -> None:
    """Given > detected from the body > declared by the page: pages often
    carry their template's lang attribute, not their text's language. A
    given language is not detected again (detection is most of a read)."""
    detected = None if given else language_module.detect(article.body)[0]
    for label, code in ((given_label, given), ("detected", detected),
                        ("page", language_module.declared(declared))):
        if code:
            article.language = code
            article.metadata_source["language"] = label
            return


def clean_text(raw: str, title: str | None = None, from_page: bool = False) -> tuple[str, dict]:
    """The body (boilerplate and headline removed) and the metadata the text
    gives. Text taken from a web page also loses its template's promo lines."""
    rules = cleaning_rules()
    text = raw
    for pattern in rules["fragments"]:
        text = pattern.sub("", text)
    dropped = rules["lines"] + (rules["page_lines"] if from_page else [])
    lines = [line.rstrip() for line in text.split("\n")]
    lines = [line for line in lines if not any(p.match(line) for p in dropped)]
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
