"""Pages of a big database stay fast: what the build counts and stores for the
site gives the answers a count at request time would give, and the site
uses it; pages of the immutable database carry validators."""
from __future__ import annotations

import asyncio
import shutil
import sqlite3

import pytest

from newstables import load, site
from test_site import build_fixture_db


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    return build_fixture_db(tmp_path_factory.mktemp("serving") / "news.db")


def get(ds, path, **kwargs):
    return asyncio.run(ds.client.get(path, **kwargs))


def facets(ds, path) -> dict:
    data = get(ds, path).json()
    return {name: [(v["value"], v["count"]) for v in f["results"]] for name, f in data["facet_results"].items()}


def altered_copy(db_path, tmp_path, sql: str):
    """A copy of the database named news.db, changed by `sql`."""
    copy = tmp_path / "news.db"
    shutil.copy(db_path, copy)
    con = sqlite3.connect(copy)
    con.execute(sql)
    con.commit()
    con.close()
    return copy


def test_load_counts_every_table_and_every_indexed_column(db_path):
    con = sqlite3.connect(db_path)
    info = dict(con.execute("select key, value from build_info"))
    for table in ("articles", "mentions", "quotes", "quotes_fts", "quote_network", "actor_articles"):
        assert int(info[f"rows:{table}"]) == con.execute(f"select count(*) from [{table}]").fetchone()[0]
    counted = dict(((v,), n) for v, n in con.execute(
        "select value, count from facet_counts where table_name = 'mentions' and column_name = 'actor_id'"))
    live = dict(((v,), n) for v, n in con.execute(
        "select actor_id, count(*) from mentions where actor_id is not null group by actor_id"))
    assert counted == live and counted


def test_whole_table_facets_come_from_the_counts_and_equal_live_ones(db_path, tmp_path):
    ds = site.make_datasette(db_path)
    counted = facets(ds, "/news/mentions.json?_facet=actor_id&_facet=article_id")
    live = facets(ds, "/news/mentions.json?_facet=actor_id&_facet=article_id&id__gte=0")   # a filter: counted live
    assert counted == live and counted["actor_id"]
    # the counts are what the page shows: altered in a copy, the page shows the alteration
    copy = altered_copy(db_path, tmp_path, "update facet_counts set count = count + 100 "
                                           "where table_name = 'mentions' and column_name = 'actor_id'")
    altered = facets(site.make_datasette(copy), "/news/mentions.json?_facet=actor_id")
    assert [n for _, n in altered["actor_id"]] == [n + 100 for _, n in counted["actor_id"]]


def test_corpus_wide_views_are_stored_as_indexed_tables(db_path):
    con = sqlite3.connect(db_path)
    kinds = dict(con.execute("select name, type from sqlite_master where name in ('quote_network', 'actor_articles')"))
    assert kinds == {"quote_network": "table", "actor_articles": "table"}
    plan = " ".join(r[-1] for r in con.execute(
        "explain query plan select article_id from actor_articles where actor_id = 1 order by published, article_id"))
    assert "INDEX actor_articles_actor_id" in plan and "TEMP B-TREE" not in plan


def test_actor_page_lists_its_articles(db_path):
    html = get(site.make_datasette(db_path), "/news/actors/1").text
    assert "Kremlin" in html and "/news/articles/a1" in html


def test_a_page_asked_again_with_its_etag_is_not_modified(db_path):
    ds = site.make_datasette(db_path)
    first = get(ds, "/news/quotes?kind=direct")
    etag = first.headers["etag"]
    assert "max-age" in first.headers["cache-control"]
    again = get(ds, "/news/quotes?kind=direct", headers={"if-none-match": etag})
    assert again.status_code == 304 and again.headers["etag"] == etag and not again.content
    assert again.headers["x-frame-options"] == "DENY"
    other = get(ds, "/news/quotes?kind=indirect", headers={"if-none-match": etag})
    assert other.status_code == 200 and other.headers["etag"] != etag
    assert "etag" not in get(ds, "/-/versions.json").headers


def test_a_rebuilt_database_has_new_etags(db_path, tmp_path):
    copy = altered_copy(db_path, tmp_path, "update build_info set value = 'rebuilt' where key = 'corpus_hash'")
    before = get(site.make_datasette(db_path), "/news/articles").headers["etag"]
    after = get(site.make_datasette(copy), "/news/articles").headers["etag"]
    assert before != after


def test_datasette_gets_the_counts_of_the_build(db_path):
    data = site.inspect_data(db_path)
    assert data["news"]["tables"]["mentions"]["count"] == sqlite3.connect(db_path).execute(
        "select count(*) from mentions").fetchone()[0]
    command = site.datasette_command(db_path)
    assert "--inspect-file" in command
    assert load.read_build_info(db_path)["rows:mentions"] == str(data["news"]["tables"]["mentions"]["count"])


def test_a_page_asked_again_comes_from_the_response_cache_with_the_same_bytes(db_path):
    ds = site.make_datasette(db_path)
    first = get(ds, "/news/quotes?kind=direct")
    cache = ds._newstables_response_cache
    hits = cache.hits
    again = get(ds, "/news/quotes?kind=direct")
    assert cache.hits == hits + 1
    assert again.status_code == 200 and again.content == first.content
    assert again.headers["etag"] == first.headers["etag"]
    assert again.headers["content-security-policy"] == first.headers["content-security-policy"]
    # another host, another page (Datasette writes absolute URLs with the host in them)
    get(ds, "/news/quotes?kind=direct", headers={"host": "example.org"})
    assert cache.hits == hits + 1


def test_signed_in_visitors_and_heads_bypass_the_response_cache(db_path):
    ds = site.make_datasette(db_path)
    get(ds, "/news/articles")
    cache = ds._newstables_response_cache
    hits, misses = cache.hits, cache.misses
    get(ds, "/news/articles", cookies={"ds_actor": "someone"})
    get(ds, "/news/articles", headers={"authorization": "Bearer x"})
    asyncio.run(ds.client.request("HEAD", "/news/articles"))
    assert (cache.hits, cache.misses) == (hits, misses)


def test_a_page_one_of_whose_queries_hit_its_time_limit_is_not_kept(db_path):
    """A facet or count left out under load must not stay left out: a query
    of the page interrupted by its time limit (here an endless one, given
    1 ms, as a slow facet is given facet_time_limit_ms) keeps the page out
    of the cache."""
    from datasette import hookimpl
    from datasette.database import QueryInterrupted
    from datasette.plugins import pm

    class SlowQuery:
        @hookimpl
        def extra_template_vars(self, view_name, datasette):
            async def inner():
                if view_name != "table":
                    return {}
                try:
                    await datasette.get_database("news").execute(
                        "with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c",
                        custom_time_limit=1)
                except QueryInterrupted:
                    return {"slow": None}
                return {}
            return inner

    ds = site.make_datasette(db_path)
    pm.register(SlowQuery(), name="slow-query-test")
    try:
        assert get(ds, "/news/mentions?_facet=actor_id").status_code == 200
    finally:
        pm.unregister(name="slow-query-test")
    assert not ds._newstables_response_cache.entries
    get(ds, "/news/mentions?_facet=actor_id")
    assert len(ds._newstables_response_cache.entries) == 1


def test_the_response_cache_keeps_to_its_budget():
    from test_site import load_plugin

    cache = load_plugin().ResponseCache(max_bytes=250, max_entry=100)
    for n in range(5):
        cache.put(n, 200, [], b"x" * 80)
    assert list(cache.entries) == [2, 3, 4] and cache.size == 240
    cache.get(2)                       # used: the oldest unused goes first
    cache.put(5, 200, [], b"y" * 80)
    assert list(cache.entries) == [4, 2, 5]
    cache.put(6, 200, [], b"z" * 101)  # over the per-page limit: not kept
    assert 6 not in cache.entries


def test_the_site_in_several_processes_sends_small_responses_at_once():
    """uvicorn's listener for --workers N is re-made as a TCP socket, so
    asyncio sets TCP_NODELAY on the connections it accepts."""
    import socket

    import uvicorn

    config = uvicorn.Config("newstables.site:asgi_app", host="127.0.0.1", port=0, workers=2)
    listener = site.tcp_listener(config.bind_socket())
    try:
        assert listener.proto == socket.IPPROTO_TCP and listener.get_inheritable()
        listener.listen()
        with socket.create_connection(listener.getsockname()):
            accepted, _ = listener.accept()
            with accepted:
                assert accepted.proto == socket.IPPROTO_TCP
    finally:
        listener.close()


def test_a_table_closed_by_an_allow_block_stays_closed_when_asked_again(db_path):
    """The table's allow blocks are worked out once per server: the answer is
    the same on every request, for every visitor."""
    from datasette.app import Datasette

    metadata = site.load_metadata()
    metadata["databases"]["news"]["tables"]["units"]["allow"] = {"id": "editor"}
    paths = site.site_paths()
    ds = Datasette(files=[], immutables=[str(db_path)], metadata=metadata, template_dir=str(paths["templates"]),
                   plugins_dir=str(paths["plugins"]), settings=dict(site.SETTINGS))
    for _ in range(2):
        assert get(ds, "/news/units").status_code == 403
        assert get(ds, "/news/units.json").status_code == 403
        assert get(ds, "/news/actor_types").status_code == 200
    editor = ds.sign({"a": {"id": "editor"}}, "actor")
    assert get(ds, "/news/units", cookies={"ds_actor": editor}).status_code == 200
    assert get(ds, "/news/units").status_code == 403
    assert ("news", "units") in {key[1:] for key in ds._newstables_table_allows}


def test_every_facet_the_site_shows_by_default_is_counted_at_load_time():
    metadata = site.load_metadata()["databases"]["news"]["tables"]
    shown = {(table, column) for table, meta in metadata.items() for column in (meta or {}).get("facets", [])}
    assert shown and shown <= load.counted_facet_columns()


def test_views_are_counted_by_the_build_and_their_facets_too(db_path, tmp_path):
    con = sqlite3.connect(db_path)
    info = dict(con.execute("select key, value from build_info"))
    live = con.execute("select count(*) from who_said_what").fetchone()[0]
    assert live and int(info["rows:who_said_what"]) == live
    assert int(info["rows:timeline"]) == con.execute("select count(*) from timeline").fetchone()[0]
    ds = site.make_datasette(db_path)
    database_page = get(ds, "/news")   # lists tables with their counts, and views
    assert database_page.status_code == 200 and "who_said_what" in database_page.text
    counted = facets(ds, "/news/who_said_what.json?_facet=kind")
    assert counted["kind"] and counted == facets(ds, "/news/who_said_what.json?_facet=kind&quote_id__gte=0")
    # what the page shows is what the build counted
    copy = altered_copy(db_path, tmp_path, "update build_info set value = '12345' where key = 'rows:who_said_what'")
    con.close()
    con = sqlite3.connect(copy)
    con.execute("update facet_counts set count = count + 100 where table_name = 'who_said_what'")
    con.commit()
    con.close()
    altered = site.make_datasette(copy)
    assert get(altered, "/news/who_said_what.json").json()["filtered_table_rows_count"] == 12345
    assert [n for _, n in facets(altered, "/news/who_said_what.json?_facet=kind")["kind"]] == \
        [n + 100 for _, n in counted["kind"]]


def test_the_actors_pages_and_the_charts_read_indexes_not_every_row(db_path):
    con = sqlite3.connect(db_path)

    def plan(sql):
        return " ".join(r[-1] for r in con.execute("explain query plan " + sql))
    # the actors table in its default order (metadata sort_desc: mention_count), whole and by type
    assert "actors_mention_count" in plan("select * from actors order by mention_count desc, id limit 51")
    assert "actors_type_mention_count" in plan(
        "select * from actors where type = 'person' order by mention_count desc, id limit 51")
    # the charts page's most quoted speakers
    speakers = plan("select id, name, coalesce(statement_count, quote_count) as quotes from actors "
                    "where coalesce(statement_count, quote_count) > 0 order by quotes desc, name limit 25")
    assert "actors_statements" in speakers and "TEMP B-TREE" not in speakers
    # the charts page's events by month and type
    assert "COVERING INDEX events_date_type" in plan(
        "select substr(date, 1, 7) as period, type, count(*) from events where date is not null "
        "and length(date) >= 7 group by period, type")
