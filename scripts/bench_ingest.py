"""Ingestion speed, measured (`make bench-ingest`).

Turns the articles of a JSON Lines corpus (default: the BBC articles in
../shared/bench/bbc-all) into the formats people bring: one web page per
article (each inside a news-site template: cookie banner, navigation,
byline, share bar, related links, comments, footer), a gzipped WARC archive
of those pages with a request and a metadata record beside each response, a
CSV export and the JSON Lines file itself. Times `ingest` on each, at two
corpus sizes (cost should grow linearly), per page and per MB of input; then
builds a sample of the pages whole (no cache) and prints which share of the
build ingestion took, next to parsing and extraction.

Usage: python scripts/bench_ingest.py [CORPUS_DIR] [--sizes 250,1000] [--build-sample 100]
"""
from __future__ import annotations

import argparse
import csv
import gzip
import html
import io
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newstables.ingest import ingest
from newstables.pipeline import build

TEMPLATE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | Example News</title>
<meta property="og:site_name" content="Example News"><meta property="article:published_time" content="2005-03-{day:02d}">
<link rel="canonical" href="https://news.example/{id}"><script>window.dataLayer=[];</script>
<style>nav li{{display:inline}}</style></head><body>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept all</button></div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/business">Business</a>
</li><li><a href="/sport">Sport</a></li></ul></nav></header><main><article><h1>{title}</h1>
<div class="byline">By Staff Reporter</div><div class="share-tools"><a href="#">Share</a></div>
{paragraphs}
</article><aside class="related-stories"><h3>Related</h3><ul><li><a href="/a">Markets close higher</a></li>
<li><a href="/b">Weather warning for the weekend</a></li></ul></aside><section id="comments"><h2>Comments</h2>
<div class="comment"><p>Interesting article, thanks for writing it up.</p></div></section></main>
<footer><p>© 2005 Example News. All rights reserved.</p></footer></body></html>"""


def page(record: dict, number: int) -> str:
    lines = [line.strip() for line in record["text"].split("\n") if line.strip()]
    title, paragraphs = (record.get("title") or lines[0]), lines[1:] if not record.get("title") else lines
    return TEMPLATE.format(title=html.escape(title), id=html.escape(str(record["id"])), day=number % 28 + 1,
                           paragraphs="\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs))


def write_formats(records: list[dict], root: Path) -> dict[str, Path]:
    """One folder per format, each holding the same articles."""
    folders = {name: root / name for name in ("html", "warc", "csv", "jsonl")}
    for folder in folders.values():
        folder.mkdir(parents=True)
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    rows = io.StringIO()
    table = csv.writer(rows)
    table.writerow(["id", "title", "text"])
    with open(folders["jsonl"] / "docs.jsonl", "w", encoding="utf-8") as jsonl:
        for number, record in enumerate(records):
            text = page(record, number)
            (folders["html"] / f"{record['id']}.html").write_text(text, encoding="utf-8")
            url = f"https://news.example/{record['id']}"
            request = StatusAndHeaders(f"GET /{record['id']} HTTP/1.1", [("Host", "news.example")],
                                       is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b""),
                                                          http_headers=request))
            response = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                        protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(text.encode()),
                                                          http_headers=response))
            writer.write_record(writer.create_warc_record(url, "metadata", payload=io.BytesIO(b"fetch: 1"),
                                                          warc_content_type="text/plain"))
            table.writerow([record["id"], record.get("title") or "", record["text"]])
            jsonl.write(json.dumps(record, ensure_ascii=False) + "\n")
    (folders["warc"] / "crawl.warc.gz").write_bytes(buffer.getvalue())
    (folders["csv"] / "export.csv").write_text(rows.getvalue(), encoding="utf-8")
    return folders


def folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", default="../shared/bench/bbc-all/corpus")
    parser.add_argument("--sizes", default="250,1000", help="corpus sizes to time ingestion at")
    parser.add_argument("--build-sample", type=int, default=100, help="pages built whole for the time shares")
    args = parser.parse_args(argv)

    with open(Path(args.corpus) / "docs.jsonl", encoding="utf-8") as source:
        records = [json.loads(line) for line in source if line.strip()]
    sizes = [min(int(n), len(records)) for n in args.sizes.split(",")]
    work = Path(tempfile.mkdtemp(prefix="newstables-bench-ingest-"))
    try:
        for folder in write_formats(records[:5], work / "warm-up").values():
            ingest(folder)   # imports and the language model load once, outside the timings
        print(f"{'format':<6} {'pages':>6} {'MB in':>7} {'seconds':>8} {'ms/page':>8} {'MB/s':>6}  articles  problems")
        for size in sizes:
            folders = write_formats(records[:size], work / str(size))
            for name, folder in folders.items():
                started = time.perf_counter()
                found = ingest(folder)
                seconds = time.perf_counter() - started
                megabytes = folder_mb(folder)
                print(f"{name:<6} {size:>6} {megabytes:>7.1f} {seconds:>8.2f} {seconds / size * 1000:>8.1f} "
                      f"{megabytes / seconds:>6.2f}  {len(found.articles):>8}  {len(found.problems):>8}")
        sample = write_formats(records[:args.build_sample], work / "sample")["html"]
        report = build(sample, work / "sample.db", cache_dir=None, progress=False)
        total = sum(report.timings.values())
        shares = ", ".join(f"{stage} {seconds:.1f} s ({seconds / total:.0%})"
                           for stage, seconds in report.timings.items())
        print(f"\nbuild of {report.articles} pages, nothing cached: {shares}")
        print(f"ingestion (read) is {report.timings['read'] / total:.0%} of the build; "
              f"parse+extract {report.timings['parse+extract'] / total:.0%}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
