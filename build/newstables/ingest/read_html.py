"""Web pages (.html, .htm, gzipped as .html.gz, or a record's `html`): the
article's main text and the page's own metadata, taken with trafilatura. The
manifest's entry for a page file wins over the page's own metadata.

trafilatura finds the main text (navigation, footers, comments, related links
and cookie banners left out) and reads title, authors, publication date (via
htmldate: meta tags, JSON-LD, <time> elements; not dates met in the prose),
site name and canonical URL. Its paragraphs, headings and list items become
paragraphs of the raw text (blank lines between them), so later stages see
the same paragraph structure as in a text file. The page's bytes are kept as
the article's source. The extraction options were chosen by word-4-gram F1
against hand-checked bodies of news-like test pages (tests/test_ingest_html.py).
"""
from __future__ import annotations

from pathlib import Path

from . import decode
from .clean import build_article
from .language import declared
from .model import Article, Ingested, Source
from .rules import cleaning_rules

SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
# Fewer words than this in a page's main text: no article (a menu, an error page).
MIN_ARTICLE_WORDS = 10
# Latest publication date a page may claim: fixed, so that a build does not depend on its day.
MAX_DATE = "2099-12-31"
PAGE_BASIS = "the page's own metadata (meta tags, JSON-LD or <time>)"
EXTRACTION = {"include_comments": False, "include_tables": True, "favor_precision": False,
              "favor_recall": False, "deduplicate": False}


def page_article(data: bytes, file: str, article_id: str, given: dict, given_label: str, *,
                 http_charset: str | None = None, url: str | None = None,
                 last_resort: dict | None = None) -> tuple[Article, str | None]:
    """The Article of one page, and a note when its bytes broke its declared
    encoding; raises decode.Unreadable with the reason it has no article."""
    html, charset, note = decode.page(data, http_charset)
    page, text = extract_page(html, url=given.get("url") or url,
                              max_date=(last_resort or {}).get("published") or MAX_DATE)
    words = len(text.split())
    if words < MIN_ARTICLE_WORDS:
        raise decode.Unreadable(f"no article text in the page ({words} word(s) besides navigation, "
                                f"links and boilerplate)")
    media_type = f"text/html; charset={charset}"
    article = build_article(article_id, file, text, given, given_label, page=page, last_resort=last_resort,
                            markup=False, original=Source(media_type, data, charset))
    return article, note


def extract_page(html: str, url: str | None = None, max_date: str = MAX_DATE) -> tuple[dict, str]:
    """(the page's metadata, its main text with paragraphs on lines of their own)."""
    import trafilatura

    tree = trafilatura.load_html(html)
    if tree is None:
        raise decode.Unreadable("not an HTML page (cannot be parsed)")
    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    unwrap_layout_tables(tree)
    try:
        doc = trafilatura.bare_extraction(tree, url=url, with_metadata=True, **EXTRACTION,
                                          prune_xpath=cleaning_rules()["page_prune_xpath"],
                                          date_extraction_params={"original_date": True,
                                                                  "extensive_search": False,
                                                                  "max_date": max_date})
    except Exception as exc:  # trafilatura on odd markup: this page is lost, never the rest
        raise decode.Unreadable(f"the page could not be read ({type(exc).__name__}: {exc})") from None
    if doc is None:
        return {}, ""
    page = {
        "title": doc.title,
        "authors": [name.strip() for name in (doc.author or "").split(";") if name.strip()],
        "publisher": doc.sitename,
        "url": doc.url,
        "published": doc.date,
        "published_basis": PAGE_BASIS if doc.date else None,
        "language": declared(lang),
    }
    paragraphs = [line.strip() for line in (doc.text or "").split("\n") if line.strip()]
    return {k: v for k, v in page.items() if v not in (None, "", [])}, "\n\n".join(paragraphs)


# A table cell with more words than this is running text: the table lays out a page.
LAYOUT_CELL_WORDS = 40
TABLE_PARTS = ("thead", "tbody", "tfoot", "tr", "td", "th")


def unwrap_layout_tables(tree) -> None:
    """Tables that lay out a page (a cell of running text, or a table inside
    a cell) become plain blocks. trafilatura reads every table as data, one
    line per row, which runs a table-laid page's paragraphs into one line
    with its navigation; data tables (short cells) stay tables."""
    for table in list(tree.iter("table")):   # outer tables first
        parts = [el for el in table.iter(*TABLE_PARTS) if next(el.iterancestors("table"), None) is table]
        cells = [el for el in parts if el.tag in ("td", "th")]
        nested = any(True for _ in table.iterdescendants("table"))
        if nested or any(len(cell.text_content().split()) > LAYOUT_CELL_WORDS for cell in cells):
            for el in parts + [table]:
                el.tag = "div"


def is_page(path: Path) -> bool:
    return path.name.lower().endswith(SUFFIXES)


def read_page_file(path: Path, rel: str, meta: dict, found: Ingested) -> Article | None:
    data = path.read_bytes()
    try:
        if path.name.lower().endswith(".gz") or data.startswith(decode.GZIP_MAGIC):
            data = decode.gunzip(data)
        article, note = page_article(data, rel, meta.get("id") or _stem(path), meta, "manifest")
    except decode.Unreadable as exc:
        found.problem(rel, f"{exc}, skipped")
        return None
    if note:
        found.problem(rel, note)
    return article


def _stem(path: Path) -> str:
    """page.html.gz -> page"""
    name = path.name
    for suffix in (".gz", ".html", ".htm"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    return name
