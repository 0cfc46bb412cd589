"""Parse-and-extract on a Dask distributed cluster.

For corpora that outgrow one machine: the articles are cut into shards, each
worker parses its shard with its own copy of the spaCy pipeline and runs the
extractors, and the per-article results come back to the client, which
resolves and loads them exactly as a local build does (same tables, same
ids: resolution sorts by article id, so the order shards finish in does not
matter).

The parse cache stays with the client: Docs it already has travel to the
workers as bytes, and Docs a worker parsed travel back to be cached.

    newstables build corpus/ --db news.db --scheduler tcp://scheduler:8786
"""
from __future__ import annotations

from pathlib import Path

from . import nlp as nlp_module
from .corpus import Article, Problem
from .extract import ArticleResult

SHARD_SIZE = 64


def parse_and_extract_distributed(articles: list[Article], scheduler, model: str | None = None,
                                  cache_dir: Path | None = None, shard_size: int = SHARD_SIZE
                                  ) -> tuple[list[ArticleResult], list[Problem], dict]:
    """`scheduler` is an address ("tcp://host:8786") or a distributed.Client."""
    from distributed import Client

    client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
    try:
        nlp = nlp_module.load(model)
        model_key = nlp_module.model_id(nlp)
        cache = nlp_module.ParseCache(cache_dir)
        stats = {"parsed": 0}
        shards = []
        for i in range(0, len(articles), shard_size):
            shard = []
            for article in articles[i:i + shard_size]:
                doc = cache.get(nlp_module.text_key(article.body, model_key), nlp.vocab)
                shard.append((article, doc.to_bytes(exclude=["user_data"]) if doc is not None else None))
            shards.append(shard)
        futures = client.map(_work_on_shard, shards, model=model, pure=False)
        results, problems = [], []
        for future in futures:  # in shard order: deterministic problem order
            shard_results, shard_problems, new_docs = future.result()
            results.extend(shard_results)
            problems.extend(shard_problems)
            for text, doc_bytes in new_docs:
                cache.put_bytes(nlp_module.text_key(text, model_key), doc_bytes)
            stats["parsed"] += len(new_docs)
        stats["cached"] = len(articles) - stats["parsed"]
        cache.close()
        return results, problems, stats
    finally:
        if client is not scheduler:
            client.close()


def _work_on_shard(shard: list[tuple[Article, bytes | None]], model: str | None = None):
    """On a worker: parse what is not cached, extract everything."""
    from spacy.tokens import Doc

    from .pipeline import extract_safely

    nlp = nlp_module.load(model)
    todo = [article for article, doc_bytes in shard if doc_bytes is None]
    parsed = dict(zip((a.id for a in todo),
                      nlp.pipe((a.body for a in todo), batch_size=nlp_module.settings.batch_size())))
    results, problems, new_docs = [], [], []
    for article, doc_bytes in shard:
        if doc_bytes is None:
            doc = parsed[article.id]
            new_docs.append((article.body, doc.to_bytes(exclude=["user_data"])))
        else:
            doc = Doc(nlp.vocab).from_bytes(doc_bytes)
        results.append(extract_safely(doc, article, problems))
    return results, problems, new_docs
