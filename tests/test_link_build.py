"""The cross-article stage inside a build: copies, stories and statements
reach the database, and a copy counts once."""
from __future__ import annotations

import sqlite3

import pytest

from newstables.pipeline import build

FIRST = """The Port Ellen Harbour Board will rebuild the sea wall this summer.

Ann Pilot said on Thursday that the ferry terminal would close for eighteen months while engineers rebuild
the sea wall.

Passengers will board from a temporary pontoon on the north quay, the board said. Shopkeepers fear the
works will cost them the summer trade.
"""
SECOND = """Travellers to Port Ellen face a year and a half of disruption.

"The ferry terminal will close for 18 months while the sea wall is rebuilt," Ann Pilot said on Friday.
A pontoon on the north quay will take the ferry passengers, the Port Ellen Harbour Board said.
"""
OTHER = """The county library will stay open until nine in the evening on weekdays, its head librarian
Tom Reed said, after a winter trial drew many students.
"""
MANIFEST = """a.txt: {title: Ferry terminal to close, publisher: Island Times, published: 2024-05-02}
b.txt: {title: Terminal shut for 18 months, publisher: Coast News, published: 2024-05-03}
c.txt: {title: Port Ellen terminal closure, publisher: Daily Wire, published: 2024-05-04}
d.txt: {title: Library opens late, publisher: Island Times, published: 2024-05-02}
"""


TEXTS = {"a.txt": FIRST, "b.txt": SECOND, "c.txt": FIRST, "d.txt": OTHER}


def write_corpus(corpus, names):
    corpus.mkdir(exist_ok=True)
    for name in names:
        (corpus / name).write_text(TEXTS[name], encoding="utf-8")
    (corpus / "manifest.yml").write_text(MANIFEST, encoding="utf-8")


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("link")


@pytest.fixture(scope="module")
def db(folder):
    write_corpus(folder / "corpus", TEXTS)
    build(folder / "corpus", folder / "x.db", cache_dir=folder / "cache", progress=False)
    con = sqlite3.connect(folder / "x.db")
    yield con
    con.close()


def test_a_republished_copy_names_its_original(db):
    assert dict(db.execute("select id, duplicate_of from articles")) == {"a": None, "b": None, "c": "a", "d": None}


def test_reports_of_one_happening_share_a_story(db):
    story = dict(db.execute("select id, story_id from articles"))
    assert story["a"] == story["b"] == story["c"] != story["d"]
    count, first, last = db.execute("select article_count, first_published, last_published from stories "
                                    "where id = ?", [story["a"]]).fetchone()
    assert (count, first, last) == (3, "2024-05-02", "2024-05-04")


def test_one_statement_in_two_wordings_is_one_row(db):
    rows = db.execute("""select statements.outlet_count, statements.article_count, actors.name
                         from statements join actors on actors.id = statements.speaker_id
                         order by actors.name""").fetchall()
    assert rows == [(3, 3, "Ann Pilot"), (3, 3, "Port Ellen Harbour Board")]   # the pontoon, twice too
    versions = db.execute("""select quotes.article_id, quotes.kind from quotes join actors on actors.id = speaker_id
                             where statement_id is not null and actors.name = 'Ann Pilot'
                             order by article_id""").fetchall()
    assert versions == [("a", "indirect"), ("b", "direct"), ("c", "indirect")]


def test_a_copy_adds_nothing_to_counts(db):
    assert db.execute("select count(*) from who_said_what where article_id = 'c'").fetchone() == (0,)
    quote_count, statement_count, article_count = db.execute(
        "select quote_count, statement_count, article_count from actors where name = 'Ann Pilot'").fetchone()
    assert (quote_count, statement_count, article_count) == (2, 1, 2)
    assert db.execute("select sum(statement_count) from actors").fetchone() == (3,)   # two statements, Tom Reed's


LINKED = ["select id, duplicate_of, story_id from articles order by id",
          "select * from stories order by id", "select * from statements order by id",
          "select article_id, start, statement_id from quotes order by article_id, start"]


def test_adding_articles_links_them_as_a_build_from_scratch_would(db, folder):
    """Build a, b and d, then add the copy c with the caches kept: the copy,
    its story and its statements are what the build of all four has."""
    corpus = folder / "growing"
    write_corpus(corpus, ["a.txt", "b.txt", "d.txt"])
    cache = folder / "growing-cache"
    build(corpus, folder / "before.db", cache_dir=cache, progress=False)
    write_corpus(corpus, TEXTS)
    report = build(corpus, folder / "after.db", cache_dir=cache, progress=False)
    assert report.extracted_from_cache == 3          # only the new article was extracted
    after = sqlite3.connect(folder / "after.db")
    try:
        assert [after.execute(q).fetchall() for q in LINKED] == [db.execute(q).fetchall() for q in LINKED]
    finally:
        after.close()
