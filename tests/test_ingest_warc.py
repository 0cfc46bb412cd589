"""Web archives: every HTML 200 response is an article, everything else is
counted, a damaged archive keeps what came before the damage."""
import io
import re
import uuid

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from news_pages import BRIEF, HARBOUR, TRAMS, body_f1, semantic_page, table_page
from newstables.corpus import ingest

CRAWLED = "2024-06-03T11:20:05Z"


def _id(n: int) -> str:
    return str(uuid.UUID(int=n))


def response(writer, url, body: bytes, n: int, status="200 OK", content_type="text/html; charset=utf-8"):
    http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    return writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                     warc_headers_dict={"WARC-Record-ID": f"<urn:uuid:{_id(n)}>",
                                                        "WARC-Date": CRAWLED})


def write_archive(path, gzip: bool = True, garbage_after: int | None = None) -> list[int]:
    """A crawl: warcinfo, a request, two news pages (one without a date of its
    own), a 404, an image, a metadata record. Returns each record's end offset."""
    no_date = re.sub(r"<time.*?</time>|<script type=\"application/ld\+json\">.*?</script>", "",
                     semantic_page(TRAMS))
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    request_http = StatusAndHeaders("GET /news/harbour HTTP/1.1", [("Host", "coastal.example")],
                                    is_http_request=True)
    records = [
        writer.create_warcinfo_record(path.name, {"software": "test-crawler"}),
        writer.create_warc_record("https://coastal.example/news/harbour", "request", payload=io.BytesIO(b""),
                                  http_headers=request_http),
        response(writer, "https://coastal.example/news/harbour", semantic_page(HARBOUR).encode(), 1),
        response(writer, "https://metro.example/trams", no_date.encode(), 2),
        response(writer, "https://coastal.example/gone", b"<html><body>Not found</body></html>", 3,
                 status="404 Not Found"),
        response(writer, "https://coastal.example/logo.png", b"\x89PNG\r\n\x1a\n", 4, content_type="image/png"),
        writer.create_warc_record("https://coastal.example/news/harbour", "metadata",
                                  payload=io.BytesIO(b"outlinks: 12"), warc_content_type="text/plain"),
        response(writer, "https://valley.example/bridge", semantic_page(BRIEF).encode(), 5),
    ]
    ends = []
    for i, record in enumerate(records):
        writer.write_record(record)
        ends.append(buffer.tell())
        if garbage_after is not None and i == garbage_after:
            buffer.write(b"this is not a WARC record at all\r\n\r\n" * 3)
    path.write_bytes(buffer.getvalue())
    return ends


@pytest.mark.parametrize("name, gzip", [("crawl.warc.gz", True), ("crawl.warc", False)])
def test_html_responses_become_articles_and_the_rest_is_counted(tmp_path, name, gzip):
    write_archive(tmp_path / name, gzip=gzip)
    found = ingest(tmp_path)
    assert found.problems == []
    by_url = {a.url: a for a in found.articles}
    assert set(by_url) == {"https://coastal.example/news/harbour", "https://metro.example/trams",
                           "https://valley.example/bridge"}
    harbour = by_url["https://coastal.example/news/harbour"]
    assert harbour.id == _id(1) and harbour.file == name
    assert harbour.metadata_source["url"] == "warc"
    assert harbour.published == "2024-05-14" and harbour.metadata_source["published"] == "page"
    assert body_f1(HARBOUR.body, harbour.body) >= 0.95
    assert harbour.source.data == semantic_page(HARBOUR).encode()
    assert found.not_articles == {"WARC warcinfo records": 1, "WARC request records": 1,
                                  "WARC metadata records": 1, "WARC responses with HTTP status 404": 1,
                                  "WARC responses that are not HTML (image/png)": 1}


def test_crawl_date_is_the_last_resort_publication_date(tmp_path):
    write_archive(tmp_path / "crawl.warc.gz")
    trams = next(a for a in ingest(tmp_path).articles if a.id == _id(2))
    assert trams.published == "2024-06-03"
    assert trams.metadata_source["published"] == "last resort"
    assert "WARC-Date" in trams.published_basis and "archived" in trams.published_basis


@pytest.mark.parametrize("gzip, cut", [(True, 200), (True, 20), (True, -2000), (False, 100), (False, -2000)])
def test_truncated_archive_keeps_the_records_before_the_damage(tmp_path, gzip, cut):
    path = tmp_path / ("cut.warc.gz" if gzip else "cut.warc")
    ends = write_archive(path, gzip=gzip)
    path.write_bytes(path.read_bytes()[:ends[3] + cut])   # inside the 5th (or the 4th) record
    lost = 5 if cut > 0 else 4
    (tmp_path / "other.html").write_text(semantic_page(BRIEF), encoding="utf-8")
    found = ingest(tmp_path)
    assert {a.id for a in found.articles} == {_id(1), _id(2), "other"} - ({_id(2)} if lost == 4 else set())
    [problem] = found.problems
    assert problem.file == path.name and f"record {lost}" in problem.problem
    assert f"the {lost - 1} record(s) before it were read" in problem.problem


def test_garbage_record_keeps_what_came_before(tmp_path):
    write_archive(tmp_path / "bad.warc", gzip=False, garbage_after=2)
    found = ingest(tmp_path)
    assert [a.id for a in found.articles] == [_id(1)]
    [problem] = found.problems
    assert problem.file == "bad.warc" and "record 4 (after byte" in problem.problem


def test_latin1_page_charset_from_the_http_header(tmp_path):
    story = HARBOUR.__class__(**{**vars(HARBOUR), "blocks": [
        ("p", "Fishermen in Bénodet said the new quay was built for the café owners, not for them."),
        ("p", "The mayor's office said work on the slipway would be finished before the summer season.")]})
    page = table_page(story).replace('<meta charset="utf-8">', "").encode("latin-1")
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    writer.write_record(response(writer, "https://x.example/quay", page, 9,
                                 content_type="text/html; charset=ISO-8859-1"))
    (tmp_path / "one.warc.gz").write_bytes(buffer.getvalue())
    [article] = ingest(tmp_path).articles
    assert "Fishermen in Bénodet" in article.body and "café owners" in article.body


def test_an_unreadable_page_in_an_archive_is_one_problem(tmp_path):
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    writer.write_record(response(writer, "https://x.example/bin", b"\x00\x01\x02binary", 1))
    writer.write_record(response(writer, "https://x.example/ok", semantic_page(BRIEF).encode(), 2))
    (tmp_path / "mixed.warc.gz").write_bytes(buffer.getvalue())
    found = ingest(tmp_path)
    assert [a.id for a in found.articles] == [_id(2)]
    [problem] = found.problems
    assert "record 1" in problem.problem and "https://x.example/bin" in problem.problem
