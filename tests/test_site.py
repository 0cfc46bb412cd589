"""The served site, through Datasette's own test client (no network, no browser).

The database is built here with the real loader (newstables.load) from rows
written for the test, so every table has content whatever the extractors find,
and one article carries markup that must render as text. The site is the one
`newstables.site.make_datasette` configures: the same metadata, templates,
plugins and settings as `datasette serve`.
"""
from __future__ import annotations

import asyncio
import csv
import io
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from newstables import load, site

PROJECT = Path(__file__).resolve().parent.parent
ATTACK = '<script>alert("pwned")</script><img src=x onerror="alert(1)"><b>bold?</b>'

BODY_1 = (
    "MOSCOW (Reuters) - Kremlin spokesman Dmitry Peskov said on Wednesday that "
    "\u201ca ceasefire must be durable\u201d before Russia would agree to it.\n\n"
    "Russia controls about 113,000 square km of Ukraine. Peskov told reporters "
    "that Putin would talk to Trump this week about the ceasefire plan.\n\n"
    "A reader pasted this into the text: " + ATTACK + "\n"
)
BODY_2 = (
    "KYIV - Volodymyr Zelenskiy said Ukraine accepted the US proposal for a "
    "30-day ceasefire after talks in Jeddah on Tuesday.\n"
)


def span(body: str, text: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = body.index(text, start + 1)
    return start, start + len(text)


def fixture_tables() -> dict[str, list[dict]]:
    """Small, hand-made rows for every table, offsets computed from the bodies."""
    q1 = span(BODY_1, "a ceasefire must be durable")
    q2 = span(BODY_1, "Putin would talk to Trump this week about the ceasefire plan")
    q3 = span(BODY_2, "Ukraine accepted the US proposal for a 30-day ceasefire")
    s1 = span(BODY_1, "Dmitry Peskov")
    s2 = span(BODY_1, "Peskov", 1)
    s3 = span(BODY_2, "Volodymyr Zelenskiy")
    attack = span(BODY_1, ATTACK)
    articles = [
        {"id": "a1", "file": "a1.txt", "title": "Kremlin <em>waits</em> on ceasefire", "publisher": "Reuters",
         "url": "javascript:alert(1)", "dateline": "MOSCOW", "published": "2025-03-12",
         "published_basis": "test", "authors": ["Guy Faulconbridge"], "body": BODY_1,
         "word_count": len(BODY_1.split()), "raw": BODY_1, "content_hash": "0" * 64,
         "metadata_source": "{}"},
        {"id": "a2", "file": "a2.txt", "title": "Ukraine accepts truce plan", "publisher": "BBC",
         "url": "https://www.bbc.co.uk/news/example", "dateline": "KYIV", "published": "2025-03-11",
         "published_basis": "test", "authors": [], "body": BODY_2, "word_count": len(BODY_2.split()),
         "raw": BODY_2, "content_hash": "1" * 64, "metadata_source": "{}"},
    ]
    actors = [
        {"id": 1, "name": "Dmitry Peskov", "type": "person", "title": "Kremlin spokesman",
         "affiliation": "Russia", "mention_count": 2, "article_count": 1, "quote_count": 2},
        {"id": 2, "name": "Vladimir Putin", "type": "person", "mention_count": 1, "article_count": 1},
        {"id": 3, "name": "Donald Trump", "type": "person", "mention_count": 1, "article_count": 1},
        {"id": 4, "name": "Volodymyr Zelensky", "type": "person", "mention_count": 1, "article_count": 1,
         "quote_count": 1},
        {"id": 5, "name": "Jeddah", "type": "place", "mention_count": 1, "article_count": 1},
        {"id": 6, "name": "Ukraine " + ATTACK, "type": "country", "mention_count": 1, "article_count": 1},
    ]
    mentions = [
        {"article_id": "a1", "actor_id": 1, "text": "Dmitry Peskov", "start": s1[0], "end": s1[1]},
        {"article_id": "a1", "actor_id": 1, "text": "Peskov", "start": s2[0], "end": s2[1]},
        {"article_id": "a1", "actor_id": 2, "text": "Putin", **dict(zip(("start", "end"), span(BODY_1, "Putin")))},
        {"article_id": "a1", "actor_id": 3, "text": "Trump", **dict(zip(("start", "end"), span(BODY_1, "Trump")))},
        {"article_id": "a2", "actor_id": 4, "text": "Volodymyr Zelenskiy", "start": s3[0], "end": s3[1]},
        {"article_id": "a2", "actor_id": 5, "text": "Jeddah", **dict(zip(("start", "end"), span(BODY_2, "Jeddah")))},
        {"article_id": "a2", "actor_id": 6, "text": "Ukraine", **dict(zip(("start", "end"), span(BODY_2, "Ukraine")))},
    ]
    quotes = [
        {"article_id": "a1", "speaker_id": 1, "speaker_text": "Dmitry Peskov", "text": BODY_1[q1[0]:q1[1]],
         "kind": "direct", "cue": "said", "start": q1[0], "end": q1[1], "speaker_start": s1[0],
         "speaker_end": s1[1]},
        {"article_id": "a1", "speaker_id": 1, "speaker_text": "Peskov", "text": BODY_1[q2[0]:q2[1]],
         "kind": "indirect", "cue": "told", "start": q2[0], "end": q2[1], "speaker_start": s2[0],
         "speaker_end": s2[1]},
        {"article_id": "a2", "speaker_id": 4, "speaker_text": "Volodymyr Zelenskiy", "text": BODY_2[q3[0]:q3[1]],
         "kind": "indirect", "cue": "said", "start": q3[0], "end": q3[1], "speaker_start": s3[0],
         "speaker_end": s3[1]},
        # An unattributed quote whose text is the injected markup.
        {"article_id": "a1", "speaker_id": None, "speaker_text": "a reader", "text": ATTACK,
         "kind": "direct", "cue": None, "start": attack[0], "end": attack[1]},
    ]
    f1 = span(BODY_1, "about 113,000 square km")
    f2 = span(BODY_2, "30-day")
    figures = [
        {"article_id": "a1", "text": BODY_1[f1[0]:f1[1]], "start": f1[0], "end": f1[1], "value": 113000,
         "unit": "km2", "comparator": "~", "measures": "territory of Ukraine controlled by Russia"},
        {"article_id": "a2", "text": "30-day", "start": f2[0], "end": f2[1], "value": 30, "unit": "day",
         "comparator": "=", "measures": "length of the proposed ceasefire"},
    ]
    d1 = span(BODY_1, "on Wednesday")
    d2 = span(BODY_1, "this week")  # inside quote 2: nested highlight
    d3 = span(BODY_2, "on Tuesday")
    dates = [
        {"article_id": "a1", "text": "on Wednesday", "start": d1[0], "end": d1[1], "value": "2025-03-12",
         "precision": "day", "reference": "2025-03-12"},
        {"article_id": "a1", "text": "this week", "start": d2[0], "end": d2[1], "value": "2025-W11",
         "precision": "week", "reference": "2025-03-12"},
        {"article_id": "a2", "text": "on Tuesday", "start": d3[0], "end": d3[1], "value": "2025-03-11",
         "precision": "day", "reference": "2025-03-11"},
    ]
    e1 = span(BODY_2, "talks in Jeddah on Tuesday")
    events = [
        {"id": 1, "type": "meeting", "date": "2025-03-11", "date_precision": "day",
         "description": "talks in Jeddah", "location_id": 5, "mention_count": 1, "article_count": 1},
        {"id": 2, "type": "call", "date": "2025-W11", "date_precision": "week",
         "description": "Putin-Trump call", "mention_count": 0, "article_count": 0},
        {"id": 3, "type": "military_action", "date": "2014", "date_precision": "year",
         "description": "annexation of Crimea"},
    ]
    for row in actors:
        for key in ("mention_count", "article_count", "quote_count"):
            row.setdefault(key, 0)
    for row in events:
        row.setdefault("mention_count", 0)
        row.setdefault("article_count", 0)
    return {
        "articles": articles,
        "sections": [{"article_id": "a1", "heading": "12 March 2025", "date": "2025-03-12",
                      "start": 0, "end": len(BODY_1)}],
        "actors": actors,
        "actor_aliases": [{"actor_id": 1, "alias": "Peskov", "mention_count": 1},
                          {"actor_id": 1, "alias": "Dmitry Peskov", "mention_count": 1},
                          {"actor_id": 4, "alias": "Volodymyr Zelenskiy", "mention_count": 1}],
        "mentions": mentions,
        "quotes": quotes,
        "figures": figures,
        "events": events,
        "event_mentions": [{"event_id": 1, "article_id": "a2", "text": BODY_2[e1[0]:e1[1]], "start": e1[0],
                            "end": e1[1], "date_text": "on Tuesday", "trigger": "talks"}],
        "event_actors": [{"event_id": 1, "actor_id": 4, "role": "participant"},
                         {"event_id": 2, "actor_id": 2, "role": "agent"},
                         {"event_id": 2, "actor_id": 3, "role": "participant"}],
        "dates": dates,
        "build_problems": [{"file": "broken.txt", "line": None, "problem": "empty file"}],
    }


def build_fixture_db(path: Path) -> Path:
    """A database written by the real loader: schema, rows, FTS, views."""
    path = Path(path)
    load.create_schema(path)
    load.write(path, fixture_tables(), {"corpus_hash": "test"})
    return path


def build_corpus_db(path: Path) -> Path:
    """A real build of the project's corpus/ with the CLI."""
    subprocess.run([str(Path(sys.executable).with_name("newstables")), "build", str(PROJECT / "corpus"),
                    "--db", str(path)], check=True, capture_output=True, text=True, timeout=600)
    return path


@pytest.fixture(scope="module")
def db_path(tmp_path_factory) -> Path:
    return build_fixture_db(tmp_path_factory.mktemp("site") / "news.db")


@pytest.fixture(scope="module")
def ds(db_path):
    return site.make_datasette(db_path)


def get(ds, path, **kwargs):
    return asyncio.run(ds.client.get(path, **kwargs))


def request(ds, method, path, **kwargs):
    return asyncio.run(ds.client.request(method, path, **kwargs))


# --------------------------------------------------------------------------
# Descriptions


def published_tables(db_path: Path) -> list[tuple[str, str]]:
    """(name, type) of every table and view a visitor can open."""
    con = sqlite3.connect(db_path)
    rows = con.execute("""select name, type from sqlite_master
        where type in ('table', 'view') and name not like 'sqlite_%'
          and name not glob '*_fts_*' order by name""").fetchall()
    con.close()
    return rows


def columns_of(db_path: Path, table: str) -> list[str]:
    con = sqlite3.connect(db_path)
    cols = [r[1] for r in con.execute(f"pragma table_info([{table}])")]
    con.close()
    return cols


def missing_descriptions(db_path: Path) -> list[str]:
    metadata = site.load_metadata()
    tables = metadata["databases"]["news"]["tables"]
    missing = []
    for name, _ in published_tables(db_path):
        meta = tables.get(name) or {}
        if not (meta.get("description") or meta.get("description_html")):
            missing.append(name)
        for column in columns_of(db_path, name):
            if not (meta.get("columns") or {}).get(column):
                missing.append(f"{name}.{column}")
    return missing


def test_every_table_view_and_column_has_a_description(db_path):
    assert missing_descriptions(db_path) == []


def test_dataset_has_title_description_source_and_licence():
    metadata = site.load_metadata()
    for key in ("title", "description_html", "source", "license", "license_url"):
        assert metadata.get(key), key


def test_descriptions_are_served(ds):
    home = get(ds, "/news")
    assert home.status_code == 200
    tables = get(ds, "/news/quotes")
    assert "Who said what" in tables.text
    data = get(ds, "/-/metadata.json").json()
    assert data["databases"]["news"]["tables"]["quotes"]["columns"]["cue"]


def test_canned_query_names_do_not_shadow_tables(db_path):
    queries = site.load_metadata()["databases"]["news"]["queries"]
    names = {name for name, _ in published_tables(db_path)}
    assert not names & set(queries)


# --------------------------------------------------------------------------
# Safety

PAGES = ["/", "/news", "/news/articles", "/news/articles/a1", "/news/quotes/1", "/news/quotes.csv",
         "/news/quotes.json", "/news/search?q=ceasefire", "/charts", "/robots.txt", "/no-such-page",
         "/news?sql=select+1"]


@pytest.mark.parametrize("path", PAGES)
def test_security_headers_on_every_response(ds, path):
    response = get(ds, path)
    csp = response.headers.get("content-security-policy", "")
    assert "frame-ancestors 'none'" in csp
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "object-src 'none'" in csp
    assert response.headers.get("x-content-type-options") == "nosniff"
    assert response.headers.get("x-frame-options") == "DENY"


def test_settings_are_safe():
    command = site.datasette_command("dist/news.db", 8001)
    assert "-i" in command and command[command.index("-i") + 1] == "dist/news.db"
    settings = dict(zip(command[command.index("--setting") + 1::3], command[command.index("--setting") + 2::3]))
    assert settings["suggest_facets"] == "off"
    assert int(settings["sql_time_limit_ms"]) <= 2000
    assert int(settings["max_returned_rows"]) <= 5000
    assert int(settings["facet_time_limit_ms"]) <= 500
    assert "--root" not in command and "--reload" not in command


def test_multi_process_command_serves_the_same_site():
    command = site.datasette_command("dist/news.db", 8001, workers=2)
    assert command[1:3] == ["-m", "newstables.site"]
    assert command[command.index("--workers") + 1] == "2"


WRITES = [
    "delete from articles",
    "update articles set title = 'x'",
    "insert into build_info values ('k', 'v')",
    "drop table quotes",
    "create table x (y)",
    "with x as (select 1) delete from articles",
    "pragma writable_schema = 1",
    "attach database '/tmp/evil.db' as evil",
    "vacuum",
]


@pytest.mark.parametrize("sql", WRITES)
def test_writes_are_refused(ds, db_path, sql):
    before = sqlite3.connect(db_path).execute("select count(*), group_concat(title) from articles").fetchone()
    response = get(ds, "/news.json", params={"sql": sql, "_shape": "objects"})
    assert response.status_code >= 400 or not response.json().get("ok", True)
    after = sqlite3.connect(db_path).execute("select count(*), group_concat(title) from articles").fetchone()
    assert before == after


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
@pytest.mark.parametrize("path", ["/news/articles", "/news/articles/a1", "/news", "/news/search"])
def test_no_write_methods(ds, method, path):
    response = request(ds, method, path, data={"sql": "delete from articles"})
    assert response.status_code == 405, (method, path, response.status_code)
    assert response.headers["x-content-type-options"] == "nosniff"


def test_overlong_query_is_interrupted(ds):
    slow = ("with recursive n(i) as (select 1 union all select i + 1 from n where i < 100000000) "
            "select count(*) from n")
    response = get(ds, "/news.json", params={"sql": slow})
    assert response.status_code == 400
    assert "too long" in response.text.lower() or "interrupted" in response.text.lower()


def test_robots_txt(ds):
    response = get(ds, "/robots.txt")
    assert response.status_code == 200
    assert "User-agent: *" in response.text
    assert "Disallow: /*?" in response.text


# --------------------------------------------------------------------------
# Injected markup renders as text

MARKUP_PAGES = ["/news/articles/a1", "/news/articles", "/news/quotes", "/news/quotes/4", "/news/actors/6",
                "/news/actors", "/news/who_said_what", "/news/search?q=pwned", "/news/search?q=alert",
                "/news/actor?name=Peskov", "/charts", "/news/mentions/7"]


@pytest.mark.parametrize("path", MARKUP_PAGES)
def test_injected_markup_renders_as_text(ds, path):
    response = get(ds, path)
    assert response.status_code == 200, response.text[:500]
    html = response.text
    assert "<script>alert" not in html
    assert "<img src=x" not in html and "<img src=\"x\"" not in html
    assert "<b>bold?</b>" not in html
    assert "<em>waits</em>" not in html


def test_article_text_is_escaped_but_present(ds):
    html = get(ds, "/news/articles/a1").text
    assert "&lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt;" in html or \
        "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;" in html
    assert 'href="javascript:' not in html


# --------------------------------------------------------------------------
# The article page


def test_article_page_highlights_quotes_linking_to_their_rows(ds):
    html = get(ds, "/news/articles/a1").text
    quote = re.search(r'<mark class="hl hl-quote" id="quote-1"[^>]*>(.*?)</mark>', html, re.S)
    assert quote, html[:2000]
    assert '<a href="/news/quotes/1">' in quote.group(0)
    # Distinct styles for each kind, each linking to its row.
    assert 'class="hl hl-speaker" id="speaker-1"' in html
    assert re.search(r'<mark class="hl hl-mention" id="mention-\d+"[^>]*><a href="/news/actors/1">Dmitry Peskov', html) \
        or re.search(r'<mark class="hl hl-speaker"[^>]*><mark class="hl hl-mention"[^>]*><a href="/news/actors/1">', html)
    assert re.search(r'<mark class="hl hl-figure" id="figure-1"[^>]*><a href="/news/figures/1">about 113,000 square km', html)
    assert re.search(r'<mark class="hl hl-date" id="date-1"[^>]*><a href="/news/dates/1">on Wednesday', html)
    # A date inside a quote nests inside the quote's mark.
    assert re.search(r'id="quote-2".*?<mark class="hl hl-date" id="date-2"', html, re.S)
    # No link inside a link.
    body = html.split('id="article-body">')[1].split("</article>")[0]
    depth = 0
    for tag in re.findall(r"</?a\b", body):
        depth += 1 if tag == "<a" else -1
        assert depth in (0, 1)
    # Side lists.
    assert "Quotes (3)" in html and "Figures (1)" in html and "Dates (2)" in html
    assert 'href="#quote-1"' in html


def test_article_body_text_is_unchanged_by_highlighting(ds, db_path):
    """Strip the tags from the highlighted body: the article text remains."""
    import html as htmlmod

    page = get(ds, "/news/articles/a1").text
    body = page.split('id="article-body">')[1].split("</article>")[0]
    assert htmlmod.unescape(re.sub(r"<[^>]+>", "", body)) == BODY_1


def test_render_highlighted_crossing_spans():
    plugin = load_plugin()
    html = str(plugin.render_highlighted("abcdefgh", [
        {"kind": "quote", "start": 1, "end": 5, "href": "/q", "anchor": "q"},
        {"kind": "date", "start": 3, "end": 7, "href": "/d", "anchor": "d"},
        {"kind": "figure", "start": 0, "end": 99, "href": "/bad"},   # out of range: ignored
    ]))
    assert re.sub(r"<[^>]+>", "", html) == "abcdefgh"
    assert html.count('id="q"') == 1 and html.count('id="d"') == 1
    assert html.count("<mark") == html.count("</mark>")
    assert "/bad" not in html


def load_plugin():
    import importlib.util

    spec = importlib.util.spec_from_file_location("newstables_site_plugin", PROJECT / "plugins" / "newstables_site.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_quote_row_links_back_to_its_place_in_the_article(ds):
    html = get(ds, "/news/quotes/1").text
    assert 'href="/news/articles/a1#quote-1"' in html
    assert '<mark class="hl hl-quote">a ceasefire must be durable</mark>' in html
    figure = get(ds, "/news/figures/1").text
    assert 'href="/news/articles/a1#figure-1"' in figure


def test_actor_and_event_pages(ds):
    actor = get(ds, "/news/actors/1").text
    assert "Quotes (2)" in actor and "a ceasefire must be durable" in actor
    assert 'href="/news/actors/2"' in actor  # quote network: Peskov talks about Putin
    event = get(ds, "/news/events/1").text
    assert "Volodymyr Zelensky" in event and "talks in Jeddah on Tuesday" in event


def test_label_columns_show_names(ds):
    html = get(ds, "/news/quotes").text
    assert "Dmitry Peskov" in html
    facets = get(ds, "/news/quotes.json?_facet=speaker_id").json()
    labels = {r["label"] for r in facets["facet_results"]["speaker_id"]["results"]}
    assert "Dmitry Peskov" in labels


def test_default_facets(ds):
    data = get(ds, "/news/quotes.json").json()
    assert {"speaker_id", "kind"} <= set(data["facet_results"])
    data = get(ds, "/news/events.json").json()
    assert "type" in data["facet_results"]


# --------------------------------------------------------------------------
# Search and canned queries


def test_search_canned_query_highlights_matches(ds):
    response = get(ds, "/news/search?q=ceasefire")
    assert response.status_code == 200
    assert '<mark class="search-hit">ceasefire</mark>' in response.text
    rows = get(ds, "/news/search.json?q=ceasefire&_shape=objects").json()["rows"]
    kinds = [r["kind"] for r in rows]
    assert kinds.count("quote") == 3 and kinds.count("article") == 2
    assert kinds.index("article") > kinds.index("quote")
    assert all("<mark>" in r["snippet"] for r in rows)
    # Quote ids link to their rows.
    assert '<a href="/news/quotes/1">1</a>' in response.text


@pytest.mark.parametrize("q", ['"unbalanced', "ceasefire OR", "a  b", "NEAR(", "*", "'", ""])
def test_search_survives_fts_syntax(ds, q):
    response = get(ds, "/news/search.json", params={"q": q})
    assert response.status_code == 200, response.text[:300]


def test_search_stemming_and_all_words(ds):
    rows = get(ds, "/news/search.json?q=ceasefires+durable&_shape=objects").json()["rows"]
    assert [r["quote_id"] for r in rows if r["kind"] == "quote"] == [1]


def test_table_full_text_search(ds):
    data = get(ds, "/news/articles.json?_search=Jeddah&_shape=objects").json()
    assert [r["id"] for r in data["rows"]] == ["a2"]


@pytest.mark.parametrize("path", [
    "/news/who_said?speaker=Peskov", "/news/actor?name=peskov", "/news/events_timeline?from=2025-03&to=2025-03",
    "/news/figures_by_unit?unit=km2&measures=", "/news/network?min_quotes=1", "/news/timeline",
    "/news/quote_network", "/news/figures_measured", "/news/article_summary", "/news/who_said_what",
])
def test_canned_queries_and_views(ds, path):
    response = get(ds, path)
    assert response.status_code == 200, response.text[:500]


def test_canned_query_results(ds):
    rows = get(ds, "/news/who_said.json?speaker=Peskov&_shape=objects").json()["rows"]
    assert [r["quote_id"] for r in rows] == [1, 2]
    rows = get(ds, "/news/actor.json?name=peskov&_shape=objects").json()["rows"]
    assert {r["what"] for r in rows} == {"quote", "mention"}
    rows = get(ds, "/news/events_timeline.json?from=2025-03&to=2025-03&_shape=objects").json()["rows"]
    assert [r["event_id"] for r in rows] == [1]  # ISO weeks (2025-W11) sort after months
    rows = get(ds, "/news/network.json?min_quotes=1&_shape=objects").json()["rows"]
    assert {(r["speaker"], r["subject"]) for r in rows} == {("Dmitry Peskov", "Vladimir Putin"),
                                                            ("Dmitry Peskov", "Donald Trump"),
                                                            ("Volodymyr Zelensky", "Ukraine " + ATTACK)}


def test_charts_page(ds):
    html = get(ds, "/charts").text
    assert "<svg" in html and "Dmitry Peskov" in html
    assert 'href="/news/quotes?speaker_id=1"' in html
    assert "2025-03" in html


def test_charts_legend_and_filters_follow_the_event_types(ds):
    html = get(ds, "/charts").text
    # the legend names the types in use in words, with the colour event_types gives them
    assert "Meeting or talks" in html and 'fill="#1f77b4"' in html and "Election or referendum" not in html
    assert 'href="?family=conflict#timeline"' in html
    conflict = get(ds, "/charts?family=conflict").text
    assert "by month and type: conflict" in conflict and "?type=meeting&amp;date__startswith" not in conflict
    meetings = get(ds, "/charts?type=meeting").text
    assert "?type=meeting&amp;date__startswith=2025-03" in meetings
    rows = get(ds, "/news/events_timeline.json?from=&to=&type=&family=conflict&_shape=objects").json()["rows"]
    assert [(r["event_id"], r["type_family"]) for r in rows] == [(3, "conflict")]


# --------------------------------------------------------------------------
# CSV


@pytest.mark.parametrize("table", ["quotes", "articles", "actors", "mentions", "figures", "events", "dates",
                                   "event_mentions", "who_said_what", "timeline"])
def test_csv_streams_every_row_with_labels(ds, db_path, table):
    response = get(ds, f"/news/{table}.csv?_stream=on&_size=max&_labels=on")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.text)))
    expected = sqlite3.connect(db_path).execute(f"select count(*) from [{table}]").fetchone()[0]
    assert len(rows) == expected
    if table == "quotes":
        assert "speaker_id_label" in rows[0]
        assert rows[0]["speaker_id_label"] == "Dmitry Peskov"
        assert any(ATTACK in r["text"] for r in rows)  # CSV carries text verbatim


# --------------------------------------------------------------------------
# The real build of corpus/


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory):
    try:
        return build_corpus_db(tmp_path_factory.mktemp("corpus") / "news.db")
    except (subprocess.CalledProcessError, FileNotFoundError) as e:  # pragma: no cover
        pytest.fail(f"newstables build failed: {getattr(e, 'stderr', e)}")


def test_corpus_build_is_fully_described(corpus_db):
    assert missing_descriptions(corpus_db) == []


def test_corpus_build_pages(corpus_db):
    ds = site.make_datasette(corpus_db)
    assert get(ds, "/news/articles").status_code == 200
    ids = [r["id"] for r in get(ds, "/news/articles.json?_shape=objects").json()["rows"]]
    assert len(ids) == 5
    for article_id in ids:
        response = get(ds, f"/news/articles/{article_id}")
        assert response.status_code == 200
        assert 'id="article-body"' in response.text
    assert "ceasefire" in get(ds, "/news/search?q=ceasefire").text
    assert get(ds, "/charts").status_code == 200
