"""Cost against corpus size, measured (`make bench-scale`).

Builds a synthetic corpus of real BBC texts at 2,000, 5,000, 10,000 and
20,000 articles and prints the seconds of each stage (read, parse+extract,
resolve, link, load) and the peak memory of each build, with the growth of each
stage against the smallest size. Target: resolve + load at 20,000 articles
within 12x their time at 2,000.

The synthetic corpus (article k of the bbc-all corpus's M distinct texts):
the paragraphs of text k mod M, its last paragraph swapped for the last
paragraph of text (7k + 3) mod M, and, from the second pass through the
corpus on (generation g = k // M >= 1), the given names renamed by a
permutation of the given-name list that is fixed per generation ("Tony
Blair" becomes, say, "Gordon Blair" throughout generation 1). So every
article is a new text (neither cache knows it) while names repeat across
articles as in a real corpus, and a generation brings new people with old
surnames. Ids are syn00000, syn00001, ...; a smaller size is the first
articles of a larger one.

By default the sizes are built in ascending order with one shared cache, so
each build parses and extracts only the articles the previous one did not
have (its parse+extract time covers those; the article counts say how many);
`--cold` builds every size from nothing.

Usage: python scripts/bench_scale.py [CORPUS_DIR] [--sizes 2000,5000,10000,20000] [--cold]
                                     [--work DIR] [--out dist/bench-scale.json]
"""
from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
import tempfile
from pathlib import Path

from bench import run_build

from newstables.corpus import read_corpus
from newstables.extract.entities import rules

STAGES = ("read", "parse+extract", "resolve", "link", "load")


def synthetic(articles, count: int) -> list[dict]:
    texts = []
    seen = set()
    for a in articles:
        if a.body not in seen:
            seen.add(a.body)
            texts.append(a)
    given = sorted({n.title() for n in rules()["given_name_set"] if n.isalpha() and len(n) > 2})
    word = re.compile(r"\b[A-Z][a-z]+\b")
    out = []
    for k in range(count):
        base, other = texts[k % len(texts)], texts[(7 * k + 3) % len(texts)]
        paragraphs = base.body.split("\n\n")
        paragraphs[-1] = other.body.split("\n\n")[-1]
        body = "\n\n".join(paragraphs)
        generation = k // len(texts)
        if generation:
            shuffled = given[:]
            random.Random(generation).shuffle(shuffled)
            rename = dict(zip(given, shuffled))
            body = word.sub(lambda m: rename.get(m.group(), m.group()), body)
        out.append({"id": f"syn{k:05d}", "title": base.title, "text": body, "publisher": "BBC News"})
    return out


def seconds_by_stage(stderr: str) -> dict[str, float]:
    line = next((x for x in stderr.splitlines() if x.startswith("Seconds:")), "")
    return {stage: float(s) for stage, s in re.findall(r"([\w+]+) ([\d.]+)", line)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", default="../shared/bench/bbc-all/corpus")
    parser.add_argument("--sizes", default="2000,5000,10000,20000", help="articles, comma-separated")
    parser.add_argument("--cold", action="store_true", help="build every size with an empty cache")
    parser.add_argument("--work", help="folder for corpora, caches and databases (kept; default: temporary)")
    parser.add_argument("--out", default="dist/bench-scale.json")
    args = parser.parse_args(argv)

    sizes = sorted(int(s) for s in args.sizes.split(","))
    articles, _ = read_corpus(args.corpus)
    work = Path(args.work or tempfile.mkdtemp(prefix="newstables-bench-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    records = synthetic(articles, sizes[-1])
    rows = []
    try:
        for n in sizes:
            folder = work / f"corpus-{n}"
            folder.mkdir(exist_ok=True)
            with open(folder / "docs.jsonl", "w", encoding="utf-8") as out:
                for r in records[:n]:
                    out.write(json.dumps(r, ensure_ascii=False) + "\n")
            cache = work / (f"cache-{n}" if args.cold else "cache")
            seconds, rss, stderr = run_build(folder, work / f"scale-{n}.db", cache, with_stderr=True)
            stages = seconds_by_stage(stderr)
            built = re.search(r"\((\d+) parsed, (\d+) from the parse cache, (\d+) from the extraction cache", stderr)
            rows.append({"articles": n, "build_s": round(seconds, 1), "peak_rss_mb": round(rss),
                         **{f"{stage}_s": stages.get(stage) for stage in STAGES},
                         "parsed": int(built.group(1)) if built else None,
                         "from_extraction_cache": int(built.group(3)) if built else None})
            first, r = rows[0], rows[-1]
            grow = lambda key: (r[key] or 0) / max(first[key] or 0, 0.01)  # noqa: E731
            rl = (r["resolve_s"] or 0) + (r["load_s"] or 0)
            rl0 = max((first["resolve_s"] or 0) + (first["load_s"] or 0), 0.01)
            print(f"{n:>6} articles: " + ", ".join(f"{s} {r[s + '_s']} s" for s in STAGES)
                  + f"; peak RSS {r['peak_rss_mb']} MB; parsed {r['parsed']}"
                  + f" | x{n / sizes[0]:.1f} articles: read x{grow('read_s'):.1f}, resolve+load x{rl / rl0:.1f},"
                    f" link x{grow('link_s'):.1f},"
                    f" RSS x{r['peak_rss_mb'] / first['peak_rss_mb']:.2f}", flush=True)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    last, first = rows[-1], rows[0]
    ratio = ((last["resolve_s"] or 0) + (last["load_s"] or 0)) / max((first["resolve_s"] or 0) + (first["load_s"] or 0), 0.01)
    target = 1.2 * last["articles"] / first["articles"]
    verdict = "PASS" if ratio <= target else "FAIL"
    print(f"{verdict}: resolve + load at {last['articles']} articles is x{ratio:.1f} their time at "
          f"{first['articles']} (target x{target:.0f})")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps({"cold": args.cold, "sizes": rows}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
