"""Web pages: the article body as a person would copy it, the page's own
metadata (below the manifest's), the bytes kept, and bad pages reported."""
import gzip

import pytest

from news_pages import BRIEF, HARBOUR, LAYOUTS, ORCHARD, STORIES, TRAMS, body_f1, semantic_page, table_page
from newstables.corpus import ingest, read_corpus


def read_one(tmp_path, name: str, data: bytes, manifest: str | None = None):
    (tmp_path / name).write_bytes(data)
    if manifest:
        (tmp_path / "manifest.yml").write_text(manifest, encoding="utf-8")
    found = ingest(tmp_path)
    return (found.articles[0] if found.articles else None), found.problems


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_body_is_the_article_and_nothing_else(tmp_path, layout):
    """Word-4-gram F1 against the known article text, layout by layout:
    navigation, cookie banners, share bars, ads, promos, related links,
    sidebars, comments, author boxes and footers stay out."""
    scores = {}
    for number, story in enumerate(STORIES):
        (tmp_path / f"{number}.html").write_text(LAYOUTS[layout](story), encoding="utf-8")
    found = ingest(tmp_path)
    assert found.problems == []
    for number, story in enumerate(STORIES):
        article = next(a for a in found.articles if a.id == str(number))
        scores[story.title] = body_f1(story.body, article.body)
        for boilerplate in ("Accept all", "Most read", "Leave a Reply", "All rights reserved", "Sign up",
                            "harbourwatcher", "Share this", "Read more", "Print this story"):
            assert boilerplate not in article.body, (layout, boilerplate)
    assert min(scores.values()) >= 0.95, scores


def test_paragraphs_stay_lines_of_their_own(tmp_path):
    article, _ = read_one(tmp_path, "p.html", semantic_page(HARBOUR).encode())
    paragraphs = article.body.split("\n\n")
    assert len(paragraphs) == len(HARBOUR.blocks)
    assert paragraphs[0].startswith("The town council on Tuesday")
    assert paragraphs[3] == "Seabird colony"


def test_table_laid_page_keeps_its_paragraphs(tmp_path):
    article, _ = read_one(tmp_path, "old.html", table_page(TRAMS).encode())
    assert len(article.body.split("\n\n")) == len(TRAMS.blocks)
    assert "Front page" not in article.body


def test_page_metadata(tmp_path):
    article, problems = read_one(tmp_path, "harbour.html", semantic_page(HARBOUR).encode())
    assert problems == []
    assert article.id == "harbour"
    assert article.title == HARBOUR.title
    assert article.authors == ["Maria Lopez"]
    assert article.publisher == "The Coastal Herald"
    assert article.url == HARBOUR.url
    assert article.published == "2024-05-14"
    assert "page" in article.published_basis
    assert article.language == "en"
    assert {article.metadata_source[k] for k in ("title", "authors", "publisher", "url", "published")} == {"page"}
    assert not article.body.startswith(HARBOUR.title)   # the headline is the title, not body


def test_manifest_wins_over_the_page(tmp_path):
    manifest = ("harbour.html:\n  title: Wall plan passes\n  published: 2024-05-15\n"
                "  published_basis: print edition\n")
    article, _ = read_one(tmp_path, "harbour.html", semantic_page(HARBOUR).encode(), manifest)
    assert (article.title, article.published, article.published_basis) == (
        "Wall plan passes", "2024-05-15", "print edition")
    assert article.metadata_source["title"] == "manifest" and article.metadata_source["published"] == "manifest"
    assert article.publisher == "The Coastal Herald" and article.metadata_source["publisher"] == "page"


def test_page_without_metadata_falls_back_to_the_text(tmp_path):
    page = ("<html><body><div><p>Reporting by Ann Smith (Reuters)</p><p>The minister said on Monday that "
            "the talks would resume in Geneva next week, and that both delegations had agreed.</p>"
            "<p>Officials said a draft text was ready and would be circulated to members.</p></div>"
            "</body></html>")
    article, _ = read_one(tmp_path, "bare.html", page.encode())
    assert article.published is None and article.url is None
    assert "talks would resume" in article.body


def test_the_page_bytes_are_kept(tmp_path):
    data = semantic_page(ORCHARD).encode("utf-8")
    article, _ = read_one(tmp_path, "orchard.html", data)
    assert article.source.data == data
    assert article.source.media_type == "text/html; charset=utf-8"
    assert "Accept all" not in article.raw   # raw is the text taken from the page


def test_gzipped_page(tmp_path):
    article, problems = read_one(tmp_path, "brief.html.gz", gzip.compress(semantic_page(BRIEF).encode()))
    assert problems == [] and article.id == "brief"
    assert body_f1(BRIEF.body, article.body) >= 0.95


def test_latin1_page_declared_in_meta_charset(tmp_path):
    story = HARBOUR.__class__(**{**vars(HARBOUR), "blocks": [
        ("p", "The café owner, José Müller, said the harbour à la carte menu would return in spring."),
        ("p", "He said prices would rise by about 5 per cent because the wall works would take years.")]})
    data = table_page(story, charset="iso-8859-1").encode("latin-1")
    article, problems = read_one(tmp_path, "latin.html", data)
    assert problems == []
    assert "café owner, José Müller" in article.body and "à la carte" in article.body
    assert article.source.charset == "windows-1252"


def test_page_whose_bytes_break_its_declaration_is_read_and_reported(tmp_path):
    data = semantic_page(BRIEF).replace("Friday morning", "Friday morning in Mâcon").encode("cp1252")
    article, problems = read_one(tmp_path, "wrong.html", data)   # declares utf-8
    assert "in Mâcon" in article.body
    assert problems[0].file == "wrong.html" and "declares utf-8" in problems[0].problem


@pytest.mark.parametrize("name, data, reason", [
    ("image.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "not an HTML page"),
    ("broken.html.gz", gzip.compress(semantic_page(ORCHARD).encode())[:900], "gzip"),
    ("menu.html", b"<html><body><nav><a href='/'>Home</a> <a href='/b'>News</a></nav></body></html>",
     "no article text"),
    ("empty.htm", b"  \n", "empty"),
])
def test_bad_pages_are_reported_and_the_rest_is_read(tmp_path, name, data, reason):
    (tmp_path / "good.html").write_text(semantic_page(TRAMS), encoding="utf-8")
    (tmp_path / name).write_bytes(data)
    articles, problems = read_corpus(tmp_path)
    assert [a.id for a in articles] == ["good"]
    assert [p.file for p in problems] == [name]
    assert reason in problems[0].problem


def test_page_language_is_detected_even_when_the_template_says_otherwise(tmp_path):
    german = HARBOUR.__class__(**{**vars(HARBOUR), "title": "Hafenmauer wird neu gebaut", "blocks": [
        ("p", "Der Stadtrat hat am Dienstag beschlossen, die alte Hafenmauer für rund zwölf Millionen Euro "
              "neu zu bauen."),
        ("p", "Gegner hatten befürchtet, dass die Arbeiten eine Kolonie von Seevögeln stören würden, die auf "
              "dem Wellenbrecher nistet.")]})
    article, _ = read_one(tmp_path, "de.html", semantic_page(german, lang="en").encode())
    assert article.language == "de" and article.metadata_source["language"] == "detected"
