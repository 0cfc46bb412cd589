"""The results of a build wait on disk, in corpus order, and leave no file behind."""
from __future__ import annotations

from newstables import pipeline
from newstables.extract import ArticleResult
from newstables.result_store import ResultStore


def test_results_come_back_in_corpus_order_and_the_file_goes(tmp_path):
    results = [ArticleResult(article_id=f"a{i}", quotes=[{"text": "x" * i, "start": 0, "end": i}]) for i in range(5)]
    with ResultStore(tmp_path) as store:
        for place in (3, 0, 4, 1, 2):         # as workers finish them
            store.put(place, results[place])
        assert len(store) == 5
        assert list(store) == results
        assert list(store) == results          # read again, as resolution does
        assert any(tmp_path.iterdir())
    assert not any(tmp_path.iterdir())


def test_parse_and_extract_fills_a_store_as_it_would_a_list(tmp_path):
    from newstables import nlp as nlp_module
    from newstables.corpus import build_article

    articles = [build_article(f"s{i}", "s.txt", f"Mayor Ines Moreau of Bergen said {i + 2} ferries would stop.", {})
                for i in range(4)]
    nlp = nlp_module.load()
    listed, _, _ = pipeline.parse_and_extract(articles, nlp, tmp_path / "cache", progress=False, processes=1)
    with ResultStore(tmp_path / "store") as store:
        stored, _, stats = pipeline.parse_and_extract(articles, nlp, tmp_path / "cache", progress=False,
                                                      processes=1, store=store)
        assert stored is store and stats["extracted_from_cache"] == 4
        assert list(store) == listed
