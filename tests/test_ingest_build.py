"""A new user's corpus folder, built whole: a web page, a CSV export, a web
archive, a Russian article, a text with injected markup and a file of an
unsupported type. Asserts on the published tables and the build summary."""
import csv
import gzip
import io
import sqlite3

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from news_pages import BRIEF, HARBOUR, TRAMS, semantic_page
from newstables.pipeline import build

RUSSIAN = ("Переговоры в Джидде продлились более восьми часов, сообщил во вторник представитель министерства "
           "иностранных дел. «Мы готовы к диалогу, но не на таких условиях», — сказал он журналистам.\n\n"
           "По его словам, следующая встреча делегаций может пройти уже на следующей неделе.")
XSS = ("Council vote delayed\n\nThe <b>president</b> of the council said on Monday the vote would wait "
       "until 12 March.<script>alert(1)</script><img src=x onerror=\"alert(2)\">\n\n"
       "\"We need more time,\" the clerk &lt;i&gt;said&lt;/i&gt;.")


def archive() -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    writer.write_record(writer.create_warcinfo_record("crawl.warc.gz", {"software": "test"}))
    for url, page in (("https://metro.example/trams", semantic_page(TRAMS)),
                      ("https://valley.example/gone", "<html><body>gone</body></html>")):
        status = "200 OK" if "trams" in url else "404 Not Found"
        http = StatusAndHeaders(status, [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(page.encode()),
                                                      http_headers=http))
    return buffer.getvalue()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("corpus")
    (corpus / "page.html").write_text(semantic_page(HARBOUR), encoding="utf-8")
    (corpus / "brief.html.gz").write_bytes(gzip.compress(semantic_page(BRIEF).encode()))
    (corpus / "ru.txt").write_text(RUSSIAN, encoding="utf-8")
    (corpus / "xss.txt").write_text(XSS, encoding="utf-8")
    (corpus / "crawl.warc.gz").write_bytes(archive())
    (corpus / "notes.md").write_text("# what is in this folder\n", encoding="utf-8")
    out = io.StringIO()
    csv.writer(out).writerows([["id", "text", "published"],
                               ["c1", "The minister said on Tuesday that 40% of the roads were closed.",
                                "2025-02-04"]])
    (corpus / "data.csv").write_text(out.getvalue(), encoding="utf-8")
    db = tmp_path_factory.mktemp("db") / "news.db"
    report = build(corpus, db, cache_dir=None, progress=False)
    con = sqlite3.connect(db)
    yield con, report
    con.close()


def test_every_file_is_in_the_tables(built):
    con, report = built
    files = {f for (f,) in con.execute("select file from articles")}
    assert files == {"page.html", "brief.html.gz", "ru.txt", "xss.txt", "crawl.warc.gz", "data.csv"}
    problems = con.execute("select file, problem from build_problems").fetchall()
    assert problems == [("notes.md", problems[0][1])] and "not a supported format" in problems[0][1]
    summary = report.summary()
    assert "notes.md: not a supported format" in summary


def test_languages_and_the_russian_article_is_kept_but_not_extracted(built):
    con, report = built
    languages = dict(con.execute("select file, language from articles"))
    assert languages["ru.txt"] == "ru"
    assert {languages[f] for f in ("page.html", "xss.txt", "crawl.warc.gz", "data.csv")} == {"en"}
    ru = con.execute("select id from articles where file = 'ru.txt'").fetchone()[0]
    for table in ("mentions", "quotes", "figures", "dates", "event_mentions"):
        assert con.execute(f"select count(*) from {table} where article_id = ?", (ru,)).fetchone()[0] == 0, table
    assert con.execute("select count(*) from articles_fts where articles_fts match 'Джидде'").fetchone()[0] == 1
    english = con.execute("select id from articles where file = 'data.csv'").fetchone()[0]
    assert con.execute("select count(*) from figures where article_id = ?", (english,)).fetchone()[0] >= 1
    assert "1 article(s) kept (text, metadata, search) but not run through the extractors" in report.summary()
    assert "(en): ru 1" in report.summary()
    info = dict(con.execute("select key, value from build_info"))
    assert info["not_extracted"] == "ru 1"


def test_non_article_warc_records_are_counted_in_the_summary(built):
    con, report = built
    assert report.not_articles == {"WARC warcinfo records": 1, "WARC responses with HTTP status 404": 1}
    assert "1 WARC responses with HTTP status 404" in report.summary()
    assert "WARC warcinfo records 1" in dict(con.execute("select key, value from build_info"))["not_articles"]


def test_injected_markup_reaches_no_table(built):
    con, _ = built
    xss = con.execute("select id from articles where file = 'xss.txt'").fetchone()[0]
    for table, columns in (("articles", ("title", "body", "raw")), ("quotes", ("text", "speaker_text")),
                           ("figures", ("text",)), ("mentions", ("text",)), ("dates", ("text",)),
                           ("event_mentions", ("text",))):
        key = "id" if table == "articles" else "article_id"
        for row in con.execute(f"select {', '.join(columns)} from {table} where {key} = ?", (xss,)):
            for value in row:
                assert "<b>" not in (value or "") and "alert(" not in (value or "") and "<img" not in (value or "")
    assert con.execute("select count(*) from figures where article_id = ? and value in (1, 2)",
                       (xss,)).fetchone()[0] == 0
    body = con.execute("select body from articles where id = ?", (xss,)).fetchone()[0]
    assert "The president of the council said" in body
    assert "the clerk <i>said</i>." in body   # written as text in the file, so it stays text


def test_page_bytes_are_kept_compressed(built):
    con, _ = built
    rows = con.execute("select a.file, s.media_type, s.size, s.content_gzip from article_sources s "
                       "join articles a on a.id = s.article_id").fetchall()
    by_file = {file: (media, size, blob) for file, media, size, blob in rows}
    assert set(by_file) == {"page.html", "brief.html.gz", "crawl.warc.gz", "xss.txt"}
    media, size, blob = by_file["page.html"]
    assert gzip.decompress(blob) == semantic_page(HARBOUR).encode() and size == len(semantic_page(HARBOUR).encode())
    assert gzip.decompress(by_file["xss.txt"][2]).decode() == XSS and by_file["xss.txt"][0] == "text/plain"
