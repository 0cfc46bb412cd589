#!/usr/bin/env python3
"""Load test of the served site: p50/p95/p99 latency of table pages, facets,
searches, row pages, actor pages, article pages and the charts page at N
concurrent clients (default 8).

    .venv/bin/python scripts/bench_serve.py [--db dist/bench/bbc-all.db] [--clients 8] [--seconds 20]
    .venv/bin/python scripts/bench_serve.py --url http://127.0.0.1:8001   # an already running server

Without --url it starts `datasette serve` exactly as `newstables serve` does
(newstables.site.datasette_command) on a free loopback port and stops it
afterwards. Clients are threads with keep-alive connections (http.client), so
no load-testing tool is needed. Each request picks the next URL of a mixed
list; the figures are per kind of page and overall. Exit status 1 when
--check is given and a p99 is over --limit-ms (default 250).

The site keeps rendered pages in memory (plugins/newstables_site.py,
ResponseCache), so after the warm-up most requests are answered from it;
--response-cache-mb 0 turns it off and every request is rendered: the
figures of pages nobody asked for yet.
"""
from __future__ import annotations

import argparse
import http.client
import os
import random
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "build"))

SEARCH_WORDS = ["ceasefire", "government", "minister", "election", "economy", "market", "police",
                "company", "film", "match", "music", "court", "tax", "prices", "talks", "war",
                "said", "growth", "mobile", "players"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pick_urls(db: Path, rng: random.Random) -> dict[str, list[str]]:
    """Representative URLs of each kind, from the database's own rows."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    q = lambda sql: [r[0] for r in con.execute(sql)]  # noqa: E731
    articles = q("select id from articles order by random() limit 200")
    quotes = q("select id from quotes order by random() limit 200")
    actors = q("select id from actors order by mention_count desc limit 50")
    speakers = q("select speaker_id from quotes where speaker_id is not null "
                 "group by speaker_id order by count(*) desc limit 20")
    names = q("select name from actors where type = 'person' order by mention_count desc limit 10")
    con.close()
    enc = urllib.parse.quote
    words = SEARCH_WORDS + [n.split()[-1] for n in names]
    urls = {
        "table": ["/news/articles", "/news/quotes", "/news/actors", "/news/events", "/news/figures",
                  "/news/dates", "/news/mentions", "/news/who_said_what", "/news/timeline",
                  "/news/quotes?_sort=kind", "/news/actors?type=person"],
        "facet": ["/news/quotes?_facet=speaker_id&_facet=kind", "/news/figures?_facet=unit",
                  "/news/events?_facet=type&_facet=date", "/news/actors?_facet=type",
                  "/news/mentions?_facet=actor_id"]
                 + [f"/news/quotes?speaker_id={s}" for s in speakers[:10]],
        "search": [f"/news/search?q={enc(w)}" for w in words]
                  + [f"/news/articles?_search={enc(w)}" for w in words[:10]]
                  + [f"/news/quotes?_search={enc(w)}" for w in words[:10]],
        "row": [f"/news/quotes/{x}" for x in quotes[:40]],
        "article": [f"/news/articles/{enc(a)}" for a in articles[:40]],
        "actor": [f"/news/actors/{x}" for x in actors[:20]],
        "charts": ["/charts"],
        "csv": ["/news/quotes.csv?_labels=on", "/news/articles.csv"],
    }
    return {kind: [u for u in lst] for kind, lst in urls.items() if lst}


class Client(threading.Thread):
    def __init__(self, host, port, jobs, until, results, seed):
        super().__init__(daemon=True)
        self.host, self.port, self.jobs, self.until, self.results = host, port, jobs, until, results
        self.rng = random.Random(seed)

    def run(self):
        conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        while time.monotonic() < self.until:
            kind, url = self.rng.choice(self.jobs)
            start = time.perf_counter()
            try:
                conn.request("GET", url, headers={"Connection": "keep-alive"})
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
                conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
            self.results.append((kind, url, time.perf_counter() - start, ok))
        conn.close()


def percentile(values, p):
    if not values:
        return float("nan")
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * len(values) + 0.5) - 1))
    return values[k]


def run(base_url: str, db: Path, clients: int, seconds: float, seed: int = 1):
    rng = random.Random(seed)
    urls = pick_urls(db, rng)
    jobs = [(kind, url) for kind, lst in urls.items() for url in lst]
    parsed = urllib.parse.urlparse(base_url)
    # Warm up: every URL once (fills SQLite's page cache and Datasette's count caches).
    for _, url in jobs:
        with urllib.request.urlopen(base_url + url, timeout=60) as r:
            r.read()
    results: list = []
    until = time.monotonic() + seconds
    threads = [Client(parsed.hostname, parsed.port, jobs, until, results, seed + i) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, urls


def report(results, seconds, clients, limit_ms, label=""):
    print(f"{clients} clients, {seconds:.0f} s, {len(results)} requests "
          f"({len(results) / seconds:.1f}/s){label}")
    print(f"{'kind':8} {'n':>6} {'err':>4} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    worst = 0.0
    kinds = sorted({r[0] for r in results}) + ["all"]
    for kind in kinds:
        rows = [r for r in results if kind == "all" or r[0] == kind]
        ms = [r[2] * 1000 for r in rows]
        errors = sum(1 for r in rows if not r[3])
        p99 = percentile(ms, 99)
        if kind not in ("all", "csv"):
            worst = max(worst, p99)
        print(f"{kind:8} {len(rows):>6} {errors:>4} {percentile(ms, 50):>8.1f} {percentile(ms, 95):>8.1f} "
              f"{p99:>8.1f} {max(ms):>8.1f}")
    slow = sorted(results, key=lambda r: -r[2])[:5]
    print("slowest:", ", ".join(f"{r[1]} {r[2] * 1000:.0f} ms" for r in slow))
    verdict = "PASS" if worst <= limit_ms else "FAIL"
    print(f"{verdict}{label and ' (' + label[2:] + ')'}: worst p99 of every kind of page but CSV downloads {worst:.0f} ms (limit {limit_ms} ms)")
    return worst <= limit_ms


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=PROJECT / "dist" / "bench" / "bbc-all.db")
    parser.add_argument("--url", help="a running server (default: start one on a free port)")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--limit-ms", type=float, default=250)
    parser.add_argument("--workers", type=int, default=1,
                        help="server processes (1: plain `datasette serve`)")
    parser.add_argument("--check", action="store_true", help="exit 1 if a p99 is over the limit")
    parser.add_argument("--response-cache-mb", type=float, default=None,
                        help="the server's in-process page cache per process (0: off, every request rendered; "
                             "default: the site's own default)")
    args = parser.parse_args(argv)
    if not args.db.exists():
        parser.error(f"{args.db} does not exist (build it: newstables build ../shared/bench/bbc-all/corpus --db {args.db})")

    process = None
    base_url = args.url
    if not base_url:
        from newstables.site import datasette_command

        port = free_port()
        base_url = f"http://127.0.0.1:{port}"
        served = args.db.resolve()
        if served.stem != "news":  # the site (metadata, plugin) publishes the database named news
            link_dir = Path(tempfile.mkdtemp(prefix="bench-serve-"))
            (link_dir / "news.db").symlink_to(served)
            served = link_dir / "news.db"
        env = dict(os.environ)
        if args.response_cache_mb is not None:
            env["NEWSTABLES_RESPONSE_CACHE_MB"] = str(args.response_cache_mb)
        process = subprocess.Popen(datasette_command(served, port, workers=args.workers), cwd=PROJECT, env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base_url + "/-/versions.json", timeout=2).read()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    sys.exit("datasette did not start")
                time.sleep(0.2)
    try:
        results, _ = run(base_url, args.db, args.clients, args.seconds)
    finally:
        if process:
            process.terminate()
            process.wait(10)
    label = ""
    if args.response_cache_mb is not None and args.response_cache_mb <= 0:
        label = ", page cache off: every request rendered"
    ok = report(results, args.seconds, args.clients, args.limit_ms, label)
    return 0 if ok or not args.check else 1


if __name__ == "__main__":
    sys.exit(main())
