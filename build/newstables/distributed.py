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

from collections import deque
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
        results, problems = [], []
        window = max(2, 2 * len(client.scheduler_info().get("workers", {})))
        pending: deque = deque()     # shards out, in order; a few at a time, so memory stays flat

        def collect(future):
            shard_results, shard_problems, new_docs = future.result()
            results.extend(shard_results)
            problems.extend(shard_problems)
            for text, doc_bytes in new_docs:
                cache.put_bytes(nlp_module.text_key(text, model_key), doc_bytes)
            stats["parsed"] += len(new_docs)

        for i in range(0, len(articles), shard_size):
            shard = [(article, cache.get_bytes(nlp_module.text_key(article.body, model_key)))
                     for article in articles[i:i + shard_size]]
            pending.append(client.submit(_work_on_shard, shard, model=model, pure=False))
            if len(pending) >= window:
                collect(pending.popleft())   # in shard order: deterministic problem order
        while pending:
            collect(pending.popleft())
        stats["cached"] = len(articles) - stats["parsed"]
        cache.close()
        return results, problems, stats
    finally:
        if client is not scheduler:
            client.close()


def _work_on_shard(shard: list[tuple[Article, bytes | None]], model: str | None = None):
    """On a worker: parse what is not cached, extract everything."""
    from .workers import work_on

    nlp = nlp_module.load(model)
    articles = [article for article, _ in shard]
    output = work_on(nlp, articles, [doc_bytes for _, doc_bytes in shard])
    results = [result for result, _, _ in output]
    problems = [p for _, article_problems, _ in output for p in article_problems]
    new_docs = [(article.body, new) for article, (_, _, new) in zip(articles, output) if new is not None]
    return results, problems, new_docs
