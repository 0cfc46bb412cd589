"""Shared fixtures: one spaCy pipeline per test session, and helpers that run
the extractors on short texts written for the test."""
from __future__ import annotations

import pytest

from newstables import nlp as nlp_module
from newstables.corpus import build_article
from newstables.extract import extract_article


@pytest.fixture(scope="session")
def nlp():
    return nlp_module.load()


@pytest.fixture(scope="session")
def extract(nlp):
    """extract(text, published="2025-03-12", **metadata) -> ArticleResult.

    Runs every extractor, in order, on a one-off article whose body is `text`
    (cleaning rules apply; the title is given, so no line is taken as one)."""
    def run(text, published="2025-03-12", **meta):
        article = make_article(text, published=published, **meta)
        return extract_article(nlp(article.body), article)
    return run


def make_article(text, published="2025-03-12", article_id="test", title="Test article", **meta):
    """An Article whose body is `text` (a given title stops headline inference)."""
    meta = {"published": published, "title": title, **meta}
    meta = {k: v for k, v in meta.items() if v is not None}
    return build_article(article_id, f"{article_id}.txt", text, meta)


@pytest.fixture
def article():
    return make_article
