"""The whole build: tables, determinism, atomic replacement, the parse cache, exit codes."""
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from newstables import load
from newstables.cli import main
from newstables.pipeline import BuildFailed, build

DATA_TABLES = ("articles", "sections", "actors", "actor_aliases", "mentions", "quotes", "figures",
               "events", "event_mentions", "event_actors", "dates", "units", "event_types",
               "actor_types", "build_problems")


def table_contents(db_path):
    con = sqlite3.connect(db_path)
    try:
        return {t: con.execute(f"select * from {t} order by 1, 2").fetchall() for t in DATA_TABLES}
    finally:
        con.close()


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed") / "news.db"
    report = build("corpus", out, cache_dir=tmp_path_factory.mktemp("cache"), progress=False)
    return out, report


def test_seed_build_publishes_the_five_articles(seed_db):
    db, report = seed_db
    assert report.articles == 5 and report.problems == []
    con = sqlite3.connect(db)
    rows = con.execute("select id, publisher, published, body, authors from articles order by id").fetchall()
    assert [r[0] for r in rows] == ["000_968f6dcd922b88a6", "001_6c7cde9ad1ef2d14", "002_874e2567e534d42f",
                                    "003_8456a5784468dde9", "004_4c5806617983fe4d"]
    assert rows[0][1:3] == ("Reuters", "2025-03-12")
    assert json.loads(rows[0][4]) == ["Guy Faulconbridge", "Dmitry Antonov"]
    assert all("tagreuters" not in r[3] and "View Original" not in r[3] for r in rows)
    sections = con.execute("select article_id, heading, date from sections order by start").fetchall()
    assert sections == [("004_4c5806617983fe4d", "14 March 2025", "2025-03-14"),
                        ("004_4c5806617983fe4d", "13 March 2025", "2025-03-13")]
    info = dict(con.execute("select key, value from build_info"))
    assert info["model"].startswith("en_core_web_sm")
    assert len(info["corpus_hash"]) == 64
    # full-text search over bodies
    hits = con.execute("select rowid from articles_fts where articles_fts match 'Jeddah'").fetchall()
    assert len(hits) >= 3


def test_offsets_point_into_the_body(seed_db):
    db, _ = seed_db
    con = sqlite3.connect(db)
    bodies = dict(con.execute("select id, body from articles"))
    for table in ("mentions", "quotes", "figures", "dates", "event_mentions", "sections"):
        column = "heading" if table == "sections" else "text"
        for article_id, text, start, end in con.execute(
                f'select article_id, {column}, start, "end" from {table}'):
            span = bodies[article_id][start:end]
            assert span.startswith(text) if table == "sections" else span == text, (table, text)


def test_same_corpus_gives_identical_tables(seed_db, tmp_path):
    db, _ = seed_db
    again = tmp_path / "again.db"
    build("corpus", again, cache_dir=None, progress=False)  # no cache: parsed afresh
    assert table_contents(again) == table_contents(db)


def test_unchanged_articles_come_from_the_parse_cache(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The minister said on Monday that talks would resume.\n")
    (corpus / "b.txt").write_text("Negotiators met in Geneva on Tuesday.\n")
    cache = tmp_path / "cache"
    first = build(corpus, tmp_path / "1.db", cache_dir=cache, progress=False)
    assert (first.parsed, first.cached) == (2, 0)
    (corpus / "b.txt").write_text("Negotiators met in Vienna on Tuesday.\n")
    second = build(corpus, tmp_path / "2.db", cache_dir=cache, progress=False)
    # a.txt's result comes from the extraction cache: its Doc is not even read
    assert (second.parsed, second.cached, second.extracted_from_cache) == (1, 0, 1)
    (corpus / "b.txt").write_text("Negotiators met in Geneva on Tuesday.\n")
    third = build(corpus, tmp_path / "3.db", cache_dir=cache, progress=False)
    assert (third.parsed, third.cached, third.extracted_from_cache) == (0, 0, 2)


def test_a_failed_build_leaves_the_previous_database(seed_db, tmp_path, monkeypatch):
    db, _ = seed_db
    target = tmp_path / "news.db"
    shutil.copy(db, target)
    before = target.read_bytes()

    def broken_write(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(load, "write", broken_write)
    with pytest.raises(RuntimeError, match="disk full"):
        build("corpus", target, cache_dir=None, progress=False)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["news.db"]  # no temporary file left behind


def test_a_corpus_with_nothing_readable_fails_and_keeps_the_database(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "empty.txt").write_text("")
    target = tmp_path / "news.db"
    target.write_bytes(b"previous")
    with pytest.raises(BuildFailed, match="no readable articles"):
        build(corpus, target, cache_dir=None, progress=False)
    assert target.read_bytes() == b"previous"
    assert main(["build", str(corpus), "--db", str(target), "--no-cache", "--quiet"]) == 2
    assert target.read_bytes() == b"previous"


def test_cli_reports_skipped_files_and_exits_1(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text("The minister said on Monday that talks would resume.\n")
    (corpus / "bad.txt").write_bytes(b"\xff\xfe\x00\x00")
    (corpus / "docs.jsonl").write_text('{"id": "j1", "text": "Talks resumed."}\nnot json\n')
    target = tmp_path / "out.db"
    assert main(["build", str(corpus), "--db", str(target), "--no-cache", "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "bad.txt: binary file" in err
    assert "docs.jsonl:2: not JSON" in err
    assert "2 articles read" in err
    con = sqlite3.connect(target)
    assert sorted(r[0] for r in con.execute("select id from articles")) == ["good", "j1"]
    assert con.execute("select count(*) from build_problems").fetchone()[0] == 2


def test_schema_constraints_reject_bad_rows(tmp_path):
    path = tmp_path / "s.db"
    load.create_schema(path)
    con = sqlite3.connect(path)
    con.execute("pragma foreign_keys = on")
    con.execute("insert into articles (id, file, body, word_count, raw, content_hash, metadata_source) "
                "values ('a', 'a.txt', 'x', 1, 'x', 'h', '{}')")
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("insert into quotes (article_id, text, kind, start, \"end\") values ('a', 'x', 'rumour', 0, 1)")
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("insert into figures (article_id, text, start, \"end\", unit) values ('a', 'x', 0, 1, 'parsecs')")
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("insert into mentions (article_id, actor_id, text, start, \"end\") values ('zz', NULL, 'x', 0, 1)")
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("insert into articles (id, file, body, word_count, raw, content_hash, metadata_source, published) "
                    "values ('b', 'b.txt', 'x', 1, 'x', 'h', '{}', '12 March 2025')")


def test_every_foreign_key_is_indexed(tmp_path):
    path = tmp_path / "s.db"
    load.create_schema(path)
    con = sqlite3.connect(path)
    tables = [r[0] for r in con.execute("select name from sqlite_master where type='table'")]
    for table in tables:
        indexed = set()
        for (name,) in con.execute(f"select name from pragma_index_list('{table}')"):
            first = con.execute(f"select name from pragma_index_info('{name}') order by seqno").fetchone()
            if first:
                indexed.add(first[0])
        for fk in con.execute(f"pragma foreign_key_list('{table}')"):
            column = fk[3]
            assert column in indexed, f"{table}.{column} has no index"


def test_rebuild_with_nothing_changed_leaves_the_database_alone(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The minister said on Monday that talks would resume.\n")
    target = tmp_path / "news.db"
    assert not build(corpus, target, cache_dir=None, progress=False, force=False).up_to_date
    before = target.stat().st_mtime_ns
    again = build(corpus, target, cache_dir=None, progress=False, force=False)
    assert again.up_to_date and "up to date" in again.summary()
    assert target.stat().st_mtime_ns == before
    (corpus / "a.txt").write_text("The minister said on Tuesday that talks would resume.\n")
    changed = build(corpus, target, cache_dir=None, progress=False, force=False)
    assert not changed.up_to_date
    con = sqlite3.connect(target)
    assert "Tuesday" in con.execute("select body from articles").fetchone()[0]


def test_separate_runs_give_identical_tables(tmp_path):
    """String hashing differs between processes: nothing may depend on it."""
    import os
    import subprocess
    import sys

    dbs = []
    for seed in ("1", "2"):
        db = tmp_path / f"seed{seed}.db"
        subprocess.run([sys.executable, "-m", "newstables.cli", "build", "corpus", "--db", str(db),
                        "--quiet", "--cache", str(tmp_path / "cache")],
                       env={**os.environ, "PYTHONHASHSEED": seed}, check=True, capture_output=True)
        dbs.append(table_contents(db))
    assert dbs[0] == dbs[1]


def test_a_line_break_ends_a_sentence(nlp):
    doc = nlp("The minister left.\n14 March 2025\nThe envoy said talks would resume")
    assert [s.text.strip() for s in doc.sents] == [
        "The minister left.", "14 March 2025", "The envoy said talks would resume"]


def test_parsing_in_batches_gives_the_same_docs_in_order(nlp):
    from newstables import nlp as nlp_module

    texts = [f"Talks number {i} began in Geneva on Monday, officials said." for i in range(40)]
    out = list(nlp_module.parse_texts(nlp, texts, batch_size=16))
    assert [d.text for d in out] == texts
    expected = nlp(texts[23])
    assert [(t.text, t.dep_, t.head.i, t.ent_type_) for t in out[23]] == \
           [(t.text, t.dep_, t.head.i, t.ent_type_) for t in expected]


@pytest.mark.parametrize("module", ["newstables.resolve_actors", "newstables.resolve_events",
                                    "newstables.extract.quotes", "newstables.pipeline"])
def test_every_module_imports_on_its_own(module):
    import subprocess
    import sys

    subprocess.run([sys.executable, "-c", f"import {module}"], check=True, capture_output=True)
