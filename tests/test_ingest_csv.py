"""CSV exports: the fields of JSON Lines, a header row, UTF-8; quoted
newlines, byte-order marks and very long fields work; a `html` column goes
through the page reader; bad rows and files are reported with their line."""
import csv
import io

from news_pages import HARBOUR, body_f1, semantic_page
from newstables.corpus import read_corpus


def write_csv(path, header, rows, bom=False):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode("utf-8"))


def test_records_with_quoted_newlines_bom_and_authors(tmp_path):
    write_csv(tmp_path / "export.csv", ["id", "title", "text", "published", "authors", "publisher", "extra"], [
        ["a1", "Talks resume", "The envoy said on Monday that talks would resume.\n\n\"We are ready,\" he said.",
         "2025-03-10", "Ann Reporter; Bob Writer", "Example News", "ignored"],
        ["a2", "", "Officials met in Geneva on Tuesday, the ministry said.", "", "", "", ""],
    ], bom=True)
    articles, problems = read_corpus(tmp_path)
    assert problems == []
    first, second = articles
    assert (first.id, first.title, first.published, first.publisher) == (
        "a1", "Talks resume", "2025-03-10", "Example News")
    assert first.authors == ["Ann Reporter", "Bob Writer"]
    assert first.body.split("\n\n") == ["The envoy said on Monday that talks would resume.",
                                        "\"We are ready,\" he said."]
    assert first.metadata_source["published"] == "csv"
    assert first.line == 2 and second.line == 5   # the line each record starts on
    assert second.title is None and second.published is None


def test_a_very_long_field(tmp_path):
    paragraph = "The council said the budget would be published on Friday after a long debate. "
    text = "\n\n".join([paragraph * 40] * 500)   # ~1.6 MB, far above csv's default field limit
    write_csv(tmp_path / "long.csv", ["id", "text"], [["big", text]])
    [article], problems = read_corpus(tmp_path)
    assert problems == [] and len(article.body) > 1_500_000


def test_html_column_goes_through_the_page_reader(tmp_path):
    write_csv(tmp_path / "pages.csv", ["id", "html", "published"], [["p1", semantic_page(HARBOUR), "2024-05-20"]])
    [article], problems = read_corpus(tmp_path)
    assert problems == []
    assert body_f1(HARBOUR.body, article.body) >= 0.95
    assert article.title == HARBOUR.title and article.metadata_source["title"] == "page"
    assert article.published == "2024-05-20" and article.metadata_source["published"] == "csv"
    assert article.source.media_type.startswith("text/html")


def test_a_file_without_a_text_column_is_reported_by_name(tmp_path):
    write_csv(tmp_path / "wrong.csv", ["id", "body", "title"], [["x", "Some text here.", "T"]])
    write_csv(tmp_path / "right.csv", ["id", "text"], [["y", "The minister spoke on Monday."]])
    articles, problems = read_corpus(tmp_path)
    assert [a.id for a in articles] == ["y"]
    [problem] = problems
    assert problem.file == "wrong.csv" and "'text (or html)'" in problem.problem and "body" in problem.problem


def test_bad_rows_are_reported_with_their_line_and_the_rest_is_read(tmp_path):
    (tmp_path / "mixed.csv").write_text(
        'id,text,published\n'
        'ok1,"The mayor spoke on Monday.",2025-01-02\n'
        ',"A row without an id.",\n'
        'nodate,"The court ruled on Friday.",Friday\n'
        'empty,,\n'
        'toomany,"Text",2025-01-02,surplus\n'
        'ok2,"The vote was delayed,\nthe clerk said.",\n', encoding="utf-8")
    articles, problems = read_corpus(tmp_path)
    assert [a.id for a in articles] == ["nodate", "ok1", "ok2"]
    assert articles[0].published is None   # bad metadata is dropped, the article kept
    lines = {p.line: p.problem for p in problems}
    assert set(lines) == {3, 4, 5, 6}
    assert "id" in lines[3] and "YYYY-MM-DD" in lines[4] and "text" in lines[5] and "fields" in lines[6]


def test_csv_that_is_not_utf8_or_empty(tmp_path):
    (tmp_path / "latin.csv").write_bytes("id,text\nx,Caf\xe9 talks\n".encode("latin-1"))
    (tmp_path / "empty.csv").write_bytes(b"")
    articles, problems = read_corpus(tmp_path)
    assert articles == []
    messages = {p.file: p.problem for p in problems}
    assert "UTF-8" in messages["latin.csv"] and "empty" in messages["empty.csv"]


def test_semicolon_export_with_timestamps(tmp_path):
    (tmp_path / "api.csv").write_text(
        'id;title;text;published;authors\n'
        'n1;Port strike ends;"Dock workers voted on Sunday to end the strike; ships are moving again.";'
        '2025-03-16T18:45:00+01:00;"Ann Reporter; Bob Writer"\n', encoding="utf-8")
    [article], problems = read_corpus(tmp_path)
    assert problems == []
    assert article.published == "2025-03-16" and article.authors == ["Ann Reporter", "Bob Writer"]
    assert article.body == "Dock workers voted on Sunday to end the strike; ships are moving again."


def test_jsonl_authors_as_text_and_timestamp(tmp_path):
    import json
    (tmp_path / "feed.jsonl").write_text(json.dumps({
        "id": "f1", "text": "The port reopened on Monday.", "authors": "Ann Reporter; Bob Writer",
        "published": "2025-03-17T06:00:00Z"}) + "\n", encoding="utf-8")
    [article], problems = read_corpus(tmp_path)
    assert problems == []
    assert article.authors == ["Ann Reporter", "Bob Writer"] and article.published == "2025-03-17"
