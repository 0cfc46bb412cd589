"""The extraction cache: an unchanged article is neither parsed, nor read back
as a Doc, nor extracted again, and the database is the same as a full build."""
import sqlite3

import pytest

from newstables import extraction_cache, nlp as nlp_module, pipeline, workers
from newstables.pipeline import build

ARTICLES = {
    "a.txt": "The minister said on Monday that talks would resume.\n"
             "\"We are ready,\" Foreign Minister Sergei Lavrov told reporters in Moscow.\n",
    "b.txt": "Negotiators met in Geneva on Tuesday. Prices rose 5% to $60 a barrel, officials said.\n",
    "c.txt": "Ukraine's president Volodymyr Zelensky said on 12 March 2025 that the ceasefire would hold.\n",
}


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text)
    return folder


def all_rows(db):
    """The whole database as SQL (schema, every table's rows in stored order,
    full-text index), less build_info (it holds the build time)."""
    con = sqlite3.connect(db)
    try:
        return [line for line in con.iterdump() if not line.startswith('INSERT INTO "build_info"')]
    finally:
        con.close()


def test_second_build_takes_every_article_from_the_extraction_cache(corpus, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    first = build(corpus, tmp_path / "1.db", cache_dir=cache, progress=False)
    assert (first.parsed, first.cached, first.extracted_from_cache) == (3, 0, 0)
    assert (cache / "extractions.sqlite").exists()

    parsed_texts = []
    real_parse = nlp_module.parse_texts

    def watching_parse(nlp, texts, *args, **kwargs):
        texts = list(texts)
        parsed_texts.extend(texts)
        return real_parse(nlp, texts, *args, **kwargs)

    monkeypatch.setattr(nlp_module, "parse_texts", watching_parse)
    monkeypatch.setattr(nlp_module.ParseCache, "get_bytes", lambda *a: pytest.fail("a Doc was read"))
    monkeypatch.setattr(workers, "extract_article", lambda *a: pytest.fail("an article was extracted"))
    second = build(corpus, tmp_path / "2.db", cache_dir=cache, progress=False)
    assert (second.parsed, second.cached, second.extracted_from_cache) == (0, 0, 3)
    assert parsed_texts == []
    assert "3 from the extraction cache" in second.summary()
    assert all_rows(tmp_path / "2.db") == all_rows(tmp_path / "1.db")


def test_a_cached_result_equals_a_fresh_one(corpus, tmp_path):
    from newstables.corpus import read_corpus

    articles, _ = read_corpus(corpus)
    nlp = nlp_module.load()
    fresh, _, _ = pipeline.parse_and_extract(articles, nlp, tmp_path / "cache", progress=False)
    cached, _, stats = pipeline.parse_and_extract(articles, nlp, tmp_path / "cache", progress=False)
    assert stats["extracted_from_cache"] == 3
    assert cached == fresh
    # same types all the way down (a tuple stays a tuple, key order is kept)
    assert [repr(vars(r)) for r in cached] == [repr(vars(r)) for r in fresh]


def test_one_changed_article_is_the_only_one_parsed_and_extracted(corpus, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    build(corpus, tmp_path / "1.db", cache_dir=cache, progress=False)
    (corpus / "b.txt").write_text("Negotiators met in Vienna on Wednesday. Prices fell 3%, officials said.\n")

    extracted = []
    real_extract = workers.extract_article

    def watching_extract(doc, article):
        extracted.append(article.id)
        return real_extract(doc, article)

    monkeypatch.setattr(workers, "extract_article", watching_extract)
    second = build(corpus, tmp_path / "2.db", cache_dir=cache, progress=False)
    assert extracted == ["b"]
    assert (second.parsed, second.cached, second.extracted_from_cache) == (1, 0, 2)
    monkeypatch.undo()

    fresh = build(corpus, tmp_path / "fresh.db", cache_dir=None, progress=False)
    assert fresh.extracted_from_cache == 0
    assert all_rows(tmp_path / "2.db") == all_rows(tmp_path / "fresh.db")
    assert "Vienna" in dict(sqlite3.connect(tmp_path / "2.db").execute("select id, body from articles"))["b"]


def test_changed_metadata_is_extracted_again(corpus, tmp_path):
    cache = tmp_path / "cache"
    build(corpus, tmp_path / "1.db", cache_dir=cache, progress=False)
    (corpus / "manifest.yml").write_text("a.txt:\n  published: 2024-01-15\n")
    second = build(corpus, tmp_path / "2.db", cache_dir=cache, progress=False)
    assert (second.extracted_from_cache, second.cached) == (2, 1)
    fresh = build(corpus, tmp_path / "fresh.db", cache_dir=None, progress=False)
    assert all_rows(tmp_path / "2.db") == all_rows(tmp_path / "fresh.db")


def test_a_code_or_schema_change_invalidates_every_extraction(corpus, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    build(corpus, tmp_path / "1.db", cache_dir=cache, progress=False)
    real = pipeline.code_hash()
    monkeypatch.setattr(pipeline, "code_hash", lambda: real + "-schema-edited")
    second = build(corpus, tmp_path / "2.db", cache_dir=cache, progress=False)
    # extracted again from the Docs of the parse cache, which a code change leaves valid
    assert (second.parsed, second.cached, second.extracted_from_cache) == (0, 3, 0)
    third = build(corpus, tmp_path / "3.db", cache_dir=cache, progress=False)
    assert third.extracted_from_cache == 3


def test_the_code_fingerprint_is_computed_once_per_build(corpus, tmp_path, monkeypatch):
    calls = []
    real = pipeline.code_hash

    def counting():
        calls.append(1)
        return real()

    monkeypatch.setattr(pipeline, "code_hash", counting)
    build(corpus, tmp_path / "1.db", cache_dir=tmp_path / "cache", progress=False)
    assert len(calls) == 1


def test_a_failed_extraction_is_not_cached_and_is_reported_again(corpus, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    real_extract = workers.extract_article

    def failing_on_b(doc, article):
        if article.id == "b":
            raise ValueError("broken extractor")
        return real_extract(doc, article)

    monkeypatch.setattr(workers, "extract_article", failing_on_b)
    first = build(corpus, tmp_path / "1.db", cache_dir=cache, progress=False)
    assert [p.file for p in first.problems] == ["b.txt"]
    second = build(corpus, tmp_path / "2.db", cache_dir=cache, progress=False)
    assert [p.file for p in second.problems] == ["b.txt"]
    assert "broken extractor" in str(second.problems[0])
    assert (second.extracted_from_cache, second.cached) == (2, 1)
    assert all_rows(tmp_path / "2.db") == all_rows(tmp_path / "1.db")

    monkeypatch.setattr(workers, "extract_article", real_extract)   # the extractor is fixed
    third = build(corpus, tmp_path / "3.db", cache_dir=cache, progress=False)
    assert third.problems == [] and third.extracted_from_cache == 2
    fresh = build(corpus, tmp_path / "fresh.db", cache_dir=None, progress=False)
    assert all_rows(tmp_path / "3.db") == all_rows(tmp_path / "fresh.db")


def test_no_cache_stores_and_reads_nothing(corpus, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    first = build(corpus, tmp_path / "1.db", cache_dir=None, progress=False)
    second = build(corpus, tmp_path / "2.db", cache_dir=None, progress=False)
    assert (second.parsed, second.cached, second.extracted_from_cache) == (3, 0, 0)
    assert first.extracted_from_cache == 0
    assert not list(tmp_path.rglob("*.sqlite"))


def test_a_corrupt_entry_is_extracted_again(corpus, tmp_path):
    cache = tmp_path / "cache"
    build(corpus, tmp_path / "1.db", cache_dir=cache, progress=False)
    con = sqlite3.connect(cache / "extractions.sqlite")
    with con:
        con.execute("update extractions set result = x'00ff'")
    con.close()
    second = build(corpus, tmp_path / "2.db", cache_dir=cache, progress=False)
    assert (second.extracted_from_cache, second.cached) == (0, 3)
    assert all_rows(tmp_path / "2.db") == all_rows(tmp_path / "1.db")


def test_the_seed_corpus_from_the_extraction_cache_equals_a_fresh_build(tmp_path):
    cache = tmp_path / "cache"
    build("corpus", tmp_path / "1.db", cache_dir=cache, progress=False)
    second = build("corpus", tmp_path / "2.db", cache_dir=cache, progress=False)
    assert second.extracted_from_cache == 5
    fresh = build("corpus", tmp_path / "fresh.db", cache_dir=None, progress=False)
    assert fresh.extracted_from_cache == 0
    assert all_rows(tmp_path / "2.db") == all_rows(tmp_path / "fresh.db") == all_rows(tmp_path / "1.db")


def test_builds_sharing_the_folder_do_not_block_each_other(tmp_path):
    from newstables.extract import ArticleResult

    one, two = extraction_cache.ExtractionCache(tmp_path), extraction_cache.ExtractionCache(tmp_path)
    one.put("k1", ArticleResult(article_id="a", warnings=["x"]))     # pending: no lock held
    for i in range(extraction_cache.ExtractionCache.FLUSH_EVERY):          # flushed in one short transaction
        two.put(f"k2-{i}", ArticleResult(article_id=f"b{i}"))
    one.close()
    assert two.get_many({"a": "k1", "b0": "k2-0", "zz": "nothing"}) == {
        "a": ArticleResult(article_id="a", warnings=["x"]), "b0": ArticleResult(article_id="b0")}
    assert two.get_many({"wrong-id": "k1"}) == {}          # an entry is only its own article's
    two.close()
