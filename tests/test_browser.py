"""The served site in a real browser: Playwright driving Debian's /usr/bin/chromium
against `datasette serve` (the exact command newstables.site gives) on a free
loopback port.

Each test runs twice: against a database written by the loader from rows made
for the test (so quotes, actors and figures always exist), and against a real
build of corpus/ with the CLI. On the real build, steps that need extracted
quotes are skipped, with a reason, while the extractors produce none.
"""
from __future__ import annotations

import csv
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from newstables import site
from test_site import build_corpus_db, build_fixture_db

pytestmark = pytest.mark.browser

PROJECT = Path(__file__).resolve().parent.parent
ARTIFACTS = PROJECT / "test-artifacts"
CHROMIUM = os.environ.get("NEWSTABLES_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, db: Path, label: str):
        self.db = db
        self.label = label
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = db.with_suffix(".log")
        with open(self.log, "w") as log:
            self.process = subprocess.Popen(site.datasette_command(db, self.port), stdout=log,
                                            stderr=subprocess.STDOUT, cwd=PROJECT)
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(self.url + "/-/versions.json", timeout=2):
                    break
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"datasette did not start: {self.log.read_text()[-2000:]}")
                time.sleep(0.2)

    def count(self, sql: str) -> int:
        con = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True)
        try:
            return con.execute(sql).fetchone()[0]
        finally:
            con.close()

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()


@pytest.fixture(scope="module", params=["fixture", "corpus"])
def server(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(f"browser-{request.param}")
    if request.param == "fixture":
        db = build_fixture_db(folder / "news.db")
    else:
        db = build_corpus_db(folder / "news.db")
    srv = Server(db, request.param)
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(15000)
    problems = []
    pg.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: problems.append(str(e)))
    pg.csp_problems = problems
    pg.csp_expected = False
    yield pg
    context.close()
    # Datasette's own inline scripts are allowed by hash; nothing else may be blocked.
    assert pg.csp_expected or not [p for p in problems if "Content Security Policy" in p or "Refused" in p], problems


def need_quotes(server):
    if server.count("select count(*) from quotes") == 0:
        pytest.skip(f"{server.label}: the build extracted no quotes yet")


def test_home_page_lists_tables_with_descriptions(server, page):
    page.goto(server.url + "/")
    assert "newstables" in page.title()
    tables = page.locator("dl.site-tables").first
    for name in ("articles", "quotes", "actors", "figures", "events", "dates"):
        link = tables.locator(f"dt a:text-is('{name}')")
        assert link.count() == 1, name
    descriptions = tables.locator("dd")
    assert descriptions.count() >= 10
    for i in range(descriptions.count()):
        assert len(descriptions.nth(i).inner_text().strip()) > 20
    assert page.locator("a:text-is('who_said_what')").count() == 1


def test_search_ceasefire_highlights_quotes(server, page):
    need_quotes(server)
    page.goto(server.url + "/")
    page.fill("#home-q", "ceasefire")
    page.click(".home-search input[type=submit]")
    page.wait_for_url(re.compile(r"/news/search\?q=ceasefire"))
    rows = page.locator("table.rows-and-columns tbody tr")
    assert rows.count() > 0
    quote_rows = rows.filter(has=page.locator("td.col-kind:text-is('quote')"))
    if quote_rows.count() == 0:
        pytest.skip(f"{server.label}: no quote mentions 'ceasefire'")
    hits = quote_rows.first.locator("td.col-snippet mark.search-hit")
    assert hits.count() >= 1
    assert re.fullmatch(r"(?i)ceasefire\w*", hits.first.inner_text())
    # The highlight is styled, not plain text.
    background = hits.first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")


def article_with_most_quotes(server) -> str:
    con = sqlite3.connect(f"file:{server.db}?mode=ro", uri=True)
    try:
        return con.execute("""select articles.id from articles left join quotes on quotes.article_id = articles.id
            group by articles.id order by count(quotes.id) desc, articles.id limit 1""").fetchone()[0]
    finally:
        con.close()


def test_article_page_highlights_open_quote_rows(server, page):
    article_id = article_with_most_quotes(server)
    page.goto(f"{server.url}/news/articles/{article_id}")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"article-{server.label}.png"), full_page=True)
    body = page.locator("#article-body")
    assert body.count() == 1
    assert len(body.inner_text()) > 100
    need_quotes(server)
    quotes = page.locator("#article-body mark.hl-quote")
    assert quotes.count() >= 1
    link = page.locator("#article-body mark.hl-quote > a").first
    href = link.get_attribute("href")
    assert re.fullmatch(r"/news/quotes/\d+", href)
    link.click()
    page.wait_for_url(re.compile(r"/news/quotes/\d+$"))
    assert page.locator("h1").inner_text().startswith("quotes:")
    # ... and the quote row links back to its highlighted place.
    back = page.locator("a.in-article")
    assert back.count() == 1
    back.click()
    page.wait_for_url(re.compile(rf"/news/articles/{re.escape(article_id)}#quote-\d+$"))
    anchor = page.url.rsplit("#", 1)[1]
    assert page.locator(f"mark#{anchor}").is_visible()


def test_injected_markup_is_text(server, page):
    if server.label != "fixture":
        pytest.skip("the fixture database carries the injected markup")
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server.url + "/news/articles/a1")
    assert '<script>alert("pwned")</script>' in page.locator("#article-body").inner_text()
    assert page.locator("#article-body script, #article-body img, #article-body b").count() == 0
    page.goto(server.url + "/news/search?q=pwned")
    page.goto(server.url + "/news/actors/6")
    assert dialogs == []


def test_facet_click_on_speaker_filters_quotes(server, page):
    need_quotes(server)
    if server.count("select count(*) from quotes where speaker_id is not null") == 0:
        pytest.skip(f"{server.label}: no quote has a resolved speaker")
    page.goto(server.url + "/news/quotes")
    facet = page.locator(".facet-info[data-column='speaker_id'] li a[href*='speaker_id=']").first
    speaker = facet.inner_text().strip()
    facet.click()
    page.wait_for_url(re.compile(r"speaker_id=\d+"))
    speaker_id = int(re.search(r"speaker_id=(\d+)", page.url).group(1))
    expected = server.count(f"select count(*) from quotes where speaker_id = {speaker_id}")
    assert page.locator("h3").first.inner_text().startswith(f"{expected:,} row")
    cells = page.locator("table.rows-and-columns td.col-speaker_id")
    assert cells.count() == min(expected, 50)
    for i in range(cells.count()):
        assert speaker in cells.nth(i).inner_text()


def test_csv_download_of_all_quotes(server, page, tmp_path):
    expected = server.count("select count(*) from quotes")
    if expected == 0:
        pytest.skip(f"{server.label}: no quotes to export")
    page.goto(server.url + "/news/quotes#export")
    form = page.locator("#export form[action$='.csv']")
    form.locator("input[name=_dl]").check()
    form.locator("input[name=_labels]").check()
    stream = form.locator("input[name=_stream]")
    if stream.count():  # offered when the table is longer than a page
        stream.check()
    with page.expect_download() as info:
        form.locator("input[type=submit]").click()
    path = tmp_path / "quotes.csv"
    info.value.save_as(path)
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == expected
    if expected:
        assert "speaker_id_label" in rows[0]


def test_charts_page(server, page):
    page.goto(server.url + "/charts")
    assert page.locator("h2#timeline").is_visible()
    if server.count("select count(*) from quotes where speaker_id is not null"):
        bars = page.locator("svg.chart-svg a rect")
        assert bars.count() >= 1
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"charts-{server.label}.png"), full_page=True)


@pytest.mark.parametrize("path", ["/", "/news", "/news/quotes", "/news/articles", "/news?sql=select+1",
                                  "/news/search?q=ceasefire", "/news/actors", "/charts"])
def test_no_csp_violations(server, page, path):
    page.goto(server.url + path)
    page.wait_for_load_state("load")
    # The `page` fixture's teardown fails on any Content-Security-Policy report.


def test_csp_blocks_an_injected_inline_script(server, page):
    """Defence in depth: even a script that got into the page would not run."""
    if server.label != "fixture":
        pytest.skip("once is enough")
    page.csp_expected = True
    page.goto(server.url + "/news/articles")
    page.evaluate("""() => { const s = document.createElement('script');
        s.textContent = 'window.__pwned = 1'; document.body.appendChild(s); }""")
    assert page.evaluate("() => window.__pwned === undefined")
    assert any("Content Security Policy" in p for p in page.csp_problems)


# A corpus file with markup in it, built by the CLI: the tags never reach the
# tables, and what the file wrote as escaped text ("&lt;script&gt;") is shown
# as text, never run.
MARKUP_TEXT = ("Council vote delayed\n\n"
               "The <b>president</b> said on Monday the vote would wait.<script>alert('tag')</script>\n\n"
               "<img src=x onerror=\"alert('img')\">The clerk typed &lt;script&gt;alert('text')&lt;/script&gt; "
               "into the minutes.")


@pytest.fixture(scope="module")
def markup_server(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("markup-corpus")
    (corpus / "xss.txt").write_text(MARKUP_TEXT, encoding="utf-8")
    db = tmp_path_factory.mktemp("markup-db") / "news.db"
    subprocess.run([str(Path(sys.executable).with_name("newstables")), "build", str(corpus), "--db", str(db),
                    "--no-cache", "--quiet"], check=True, capture_output=True, text=True, timeout=600)
    srv = Server(db, "markup")
    yield srv
    srv.stop()


def test_markup_in_corpus_text_never_runs_on_the_site(markup_server, page):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(markup_server.url + "/news/articles/xss")
    body = page.locator("#article-body")
    assert "The president said on Monday" in body.inner_text()
    assert "<script>alert('text')</script>" in body.inner_text()   # the file's own escaped text
    assert body.locator("script, img, b").count() == 0
    raw = page.locator("details.raw-text pre").inner_text()
    assert "<b>" not in raw and "alert('tag')" not in raw and "onerror" not in raw
    page.goto(markup_server.url + "/news/articles?_search=clerk")
    page.goto(markup_server.url + "/news/article_sources")
    assert dialogs == []
