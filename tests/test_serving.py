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
