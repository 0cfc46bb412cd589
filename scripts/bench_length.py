"""Cost against article length, measured (`make bench-length`).

The same words are built twice, with nothing cached: as one article (BBC
articles, duplicates left out, joined with blank lines in corpus order) and
as the separate articles they came from. For each size the seconds and the
peak memory (largest process of the build) of both builds are printed with
their ratios; the target is one article within 1.2x of the split corpus in
both, at every size.

Both builds run on one process by default (`--processes`): the question is
what a word costs in a long article, not how well a corpus of many articles
spreads over the cores (one article's extraction runs on one core).

Usage: python scripts/bench_length.py [CORPUS_DIR] [--sizes 20000,80000,320000]
                                      [--processes 1] [--out dist/bench-length.json]
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

from bench import run_build

from newstables.corpus import read_corpus


def pieces(articles, words: int) -> list:
    """Distinct articles, in corpus order, until they hold `words` words."""
    seen, chosen, total = set(), [], 0
    for a in articles:
        if a.body in seen or total >= words:
            continue
        seen.add(a.body)
        chosen.append(a)
        total += a.word_count
    if total < words:
        sys.exit(f"the corpus holds only {total} words of distinct articles, fewer than {words}")
    return chosen


def write(folder: Path, records: list[dict]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "docs.jsonl", "w", encoding="utf-8") as out:
        for r in records:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
    return folder


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", default="../shared/bench/bbc-all/corpus")
    parser.add_argument("--sizes", default="20000,80000,320000", help="words, comma-separated")
    parser.add_argument("--processes", default="1", help="passed to `newstables build --processes`")
    parser.add_argument("--out", default="dist/bench-length.json")
    args = parser.parse_args(argv)

    articles, _ = read_corpus(args.corpus)
    rows = []
    work = Path(tempfile.mkdtemp(prefix="newstables-bench-length-"))
    try:
        for words in (int(s) for s in args.sizes.split(",")):
            chosen = pieces(articles, words)
            one = write(work / f"one-{words}", [{
                "id": f"long-{words}", "title": f"{len(chosen)} articles as one",
                "text": "\n\n".join(a.body for a in chosen)}])
            split = write(work / f"split-{words}", [{"id": a.id, "title": a.title, "text": a.body} for a in chosen])
            extra = ("--no-cache", "--processes", args.processes)
            one_s, one_mb = run_build(one, work / f"one-{words}.db", work / "unused-cache", *extra)
            split_s, split_mb = run_build(split, work / f"split-{words}.db", work / "unused-cache", *extra)
            rows.append({"words": sum(a.word_count for a in chosen), "articles": len(chosen),
                         "one_s": round(one_s, 1), "split_s": round(split_s, 1),
                         "time_ratio": round(one_s / split_s, 2),
                         "one_peak_rss_mb": round(one_mb), "split_peak_rss_mb": round(split_mb),
                         "rss_ratio": round(one_mb / split_mb, 2)})
            r = rows[-1]
            print(f"{r['words']:>7} words ({r['articles']} articles): one {r['one_s']} s, {r['one_peak_rss_mb']} MB;"
                  f" split {r['split_s']} s, {r['split_peak_rss_mb']} MB; ratio time {r['time_ratio']},"
                  f" RSS {r['rss_ratio']}  {'PASS' if r['time_ratio'] <= 1.2 and r['rss_ratio'] <= 1.2 else 'FAIL'}",
                  flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps({"processes": args.processes, "sizes": rows}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
