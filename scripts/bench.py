"""Build throughput, incremental rebuilds and memory, measured (`make bench`).

Compares the whole build's words per second with bare spaCy `nlp.pipe` on
the same texts, in the same run, with the same pipeline and batch size: on
one process (`spacy_words_per_s`, `ratio`) and on as many processes as the
build uses (`spacy_words_per_s_all_cores`, `ratio_all_cores`; the build
parses and extracts on every core, `processes`); times a rebuild with nothing
changed and one with a single article changed; and records the peak memory
(largest process) of builds of 500 articles and of the whole corpus. Prints
the figures and writes them to dist/bench.json.

Usage: python scripts/bench.py [CORPUS_DIR] [--out dist/bench.json]
       python scripts/bench.py [CORPUS_DIR] --rebuilds-only [--work DIR]
         (only the rebuild times; the cache is $NEWSTABLES_CACHE if set, and
         is filled first if it is cold; nothing is written to --out)
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newstables import nlp as nlp_module, settings
from newstables.corpus import METADATA_FIELDS, read_corpus


MEASURE = """
import resource, subprocess, sys
code = subprocess.run(sys.argv[1:]).returncode
rss = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, 0)
print(rss, file=sys.stderr)
sys.exit(code)
"""


def run_build(corpus: Path, db: Path, cache: Path, *extra: str, with_stderr: bool = False):
    """Seconds and peak RSS (MB, the largest process of the build) of one
    `newstables build`, run in a fresh process so nothing is shared (and
    what the build wrote on stderr, with `with_stderr`)."""
    env = {**os.environ, "NEWSTABLES_CACHE": str(cache)}
    command = [sys.executable, "-c", MEASURE, sys.executable, "-m", "newstables.cli", "build",
               str(corpus), "--db", str(db), "--quiet", *extra]
    started = time.perf_counter()
    proc = subprocess.run(command, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        sys.exit(f"build failed:\n{proc.stderr[-2000:]}")
    rss_kb = int(proc.stderr.strip().splitlines()[-1])
    if with_stderr:
        return seconds, rss_kb / 1024, proc.stderr
    return seconds, rss_kb / 1024


def bare_spacy(nlp, articles, processes: int) -> float:
    """Seconds of nlp.pipe over the bodies and nothing else."""
    started = time.perf_counter()
    for _ in nlp.pipe((a.body for a in articles), batch_size=settings.batch_size(), n_process=processes):
        pass
    return time.perf_counter() - started


def subset(articles, n: int, folder: Path) -> Path:
    """The first `n` articles as JSON Lines, with all their metadata (a
    dropped field would change every article, not one)."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "docs.jsonl", "w", encoding="utf-8") as out:
        for a in articles[:n]:
            meta = {k: getattr(a, k) for k in METADATA_FIELDS if getattr(a, k) not in (None, [], "")}
            out.write(json.dumps({"id": a.id, "text": a.raw, **meta}) + "\n")
    return folder


def change_one(articles, folder: Path, sentence: str) -> Path:
    """The whole corpus with `sentence` added to the first article."""
    changed = subset(articles, len(articles), folder)
    lines = (changed / "docs.jsonl").read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    first["text"] += sentence
    lines[0] = json.dumps(first)
    (changed / "docs.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return changed


def rebuilds_only(corpus: Path, articles, work: Path) -> int:
    """The rebuild measurements alone, against a cache that may be warm:
    first build (fills whatever is cold), nothing changed with --if-changed,
    nothing changed but rebuilt, one article changed (a new change each run)."""
    cache = Path(os.environ.get("NEWSTABLES_CACHE") or work / "cache")
    db = work / "bench.db"
    figures = {"articles": len(articles), "cache": str(cache)}
    figures["first_build_s"] = round(run_build(corpus, db, cache)[0], 2)
    figures["noop_rebuild_s"] = round(run_build(corpus, db, cache, "--if-changed")[0], 2)
    figures["unchanged_rebuild_s"] = round(run_build(corpus, work / "unchanged.db", cache)[0], 2)
    changed = change_one(articles, work / "changed",
                         f"\nThe minister said on Monday that talks would resume (run {time.time_ns()}).")
    figures["one_article_changed_s"] = round(run_build(changed, work / "changed.db", cache)[0], 2)
    width = max(map(len, figures))
    for key, value in figures.items():
        print(f"{key:<{width}}  {value}")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", default="../shared/bench/bbc-all/corpus")
    parser.add_argument("--out", default="dist/bench.json")
    parser.add_argument("--rebuilds-only", action="store_true",
                        help="only the rebuild times, with $NEWSTABLES_CACHE if set; writes no --out")
    parser.add_argument("--work", help="folder for the databases and corpora (kept; default: a temporary one)")
    parser.add_argument("--keep-db", help="copy the whole build's database here (make bench-serve serves it)")
    args = parser.parse_args(argv)

    corpus = Path(args.corpus)
    articles, _ = read_corpus(corpus)
    words = sum(a.word_count for a in articles)
    if args.rebuilds_only:
        work = Path(args.work or tempfile.mkdtemp(prefix="newstables-bench-"))
        work.mkdir(parents=True, exist_ok=True)
        return rebuilds_only(corpus, articles, work)
    processes = settings.processes()
    work = Path(tempfile.mkdtemp(prefix="newstables-bench-"))
    try:
        # 1. peak memory at 500 articles (own process, cold cache)
        small = subset(articles, 500, work / "small")
        _, rss_500 = run_build(small, work / "small.db", work / "cache-small")

        # 2. bare spaCy on the same bodies, same settings: one process, then all the build uses
        nlp = nlp_module.load()
        spacy_s = bare_spacy(nlp, articles, 1)
        spacy_all_s = bare_spacy(nlp, articles, processes) if processes > 1 else spacy_s

        # 3. the whole build, cold cache
        cache = work / "cache"
        db = work / "bench.db"
        full_s, rss_full = run_build(corpus, db, cache)
        if args.keep_db:
            Path(args.keep_db).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(db, args.keep_db)

        # 4. nothing changed
        noop_s, _ = run_build(corpus, db, cache, "--if-changed")

        # 5. one article changed: only it is parsed again
        changed = change_one(articles, work / "changed", "\nThe minister said on Monday that talks would resume.")
        one_s, _ = run_build(changed, work / "changed.db", cache)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    figures = {
        "articles": len(articles),
        "words": words,
        "full_build_s": round(full_s, 2),
        "build_words_per_s": round(words / full_s),
        "spacy_words_per_s": round(words / spacy_s),
        "ratio": round(spacy_s / full_s, 3),
        "spacy_words_per_s_all_cores": round(words / spacy_all_s),
        "ratio_all_cores": round(spacy_all_s / full_s, 3),
        "noop_rebuild_s": round(noop_s, 2),
        "noop_rebuild_share": round(noop_s / full_s, 3),
        "one_article_changed_s": round(one_s, 2),
        "peak_rss_mb": round(rss_full),
        "peak_rss_mb_500": round(rss_500),
        "batch_size": settings.batch_size(),
        "processes": processes,
        "model": nlp_module.model_id(nlp),
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(figures, indent=2) + "\n")
    width = max(map(len, figures))
    for key, value in figures.items():
        print(f"{key:<{width}}  {value}")
    rss_growth = figures["peak_rss_mb"] / max(figures["peak_rss_mb_500"], 1)
    print(f"{'PASS' if figures['ratio_all_cores'] >= 0.85 else 'FAIL'}: the build reaches "
          f"{figures['ratio_all_cores']:.2f} of bare spaCy's words/s on {processes} processes (target 0.85)")
    print(f"{'PASS' if rss_growth <= 1.3 else 'FAIL'}: peak RSS at {len(articles)} articles is "
          f"{rss_growth:.2f}x that at 500 (target 1.3x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
