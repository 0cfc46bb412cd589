"""How the cross-article stage (newstables.link) grows with corpus size.

For each size N, the first N articles of a corpus (parsed and extracted
through the caches, then resolved as a build does) go through link() three
times: with an empty link cache (every MinHash signature and every sentence
vector computed), with the cache full (what an unchanged rebuild costs), and
with the cache holding all but the last 100 articles (adding 100 articles).
Prints seconds per step, how many quotes the sentence model embedded, and
microseconds per article, and writes JSON.

The sentence model compares only quotes of articles dated within two days of
each other, and bbc-all is undated: `--date 2005-01-01` gives every undated
article that date, the worst case for the model (every pair of reports
within its window).

    .venv/bin/python scripts/bench_link.py ../shared/bench/bbc-all/corpus --sizes 250,500,1000,2225 [--date 2005-01-01]
"""
from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from newstables import nlp as nlp_module, pipeline
from newstables.corpus import read_corpus
from newstables.link import link
from newstables.resolve import resolve

ADDED = 100


def tables_for(articles, results, date=None):
    tables = resolve(results)
    tables["articles"] = [pipeline.article_row(a) for a in articles]
    for article in tables["articles"]:
        article["published"] = article["published"] or date
    return tables


def timed_link(tables, cache_dir):
    started = time.perf_counter()
    steps = link(tables, cache_dir=cache_dir)
    return time.perf_counter() - started, steps


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus")
    parser.add_argument("--sizes", default="250,500,1000,2225")
    parser.add_argument("--out", default="dist/bench-link.json")
    parser.add_argument("--date", help="the publication date of every undated article")
    args = parser.parse_args()
    articles, _ = read_corpus(args.corpus)
    nlp = nlp_module.load()
    results, _, _ = pipeline.parse_and_extract(articles, nlp, pipeline._cache_dir("default"), progress=False)
    report = []
    for n in [int(s) for s in args.sizes.split(",")]:
        subset, sub_results = articles[:n], results[:n]
        with tempfile.TemporaryDirectory() as cache:
            tables = tables_for(subset, sub_results, args.date)
            cold, steps = timed_link(tables, cache)
            warm, _ = timed_link(tables_for(subset, sub_results, args.date), cache)
        with tempfile.TemporaryDirectory() as cache:
            timed_link(tables_for(subset[:-ADDED], sub_results[:-ADDED], args.date), cache)
            added, added_steps = timed_link(tables_for(subset, sub_results, args.date), cache)
        row = {"articles": n, "quotes": len(tables["quotes"]), "cold_s": round(cold, 2), "warm_s": round(warm, 2),
               f"add_{ADDED}_s": round(added, 2), "steps_cold_s": {k: round(v, 2) for k, v in steps.items()},
               "us_per_article_cold": round(1e6 * cold / n), "us_per_article_warm": round(1e6 * warm / n),
               f"embedded_adding_{ADDED}": added_steps["quotes_embedded"],
               "duplicates": sum(1 for a in tables["articles"] if a["duplicate_of"]),
               "stories": len(tables["stories"]),
               "stories_of_2_or_more": sum(1 for s in tables["stories"] if s["article_count"] > 1),
               "largest_story": max(s["article_count"] for s in tables["stories"]),
               "statements": len(tables["statements"])}
        report.append(row)
        print(json.dumps(row))
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
