#!/usr/bin/env python3
"""Events of a built database, counted and sampled for reading by eye.

    .venv/bin/python scripts/event_report.py DB [--sample 40] [--seed 18] [--markdown OUT.md]

Prints the events per article of each category (an article's category is
the word after the corpus prefix of its id, "bbc-sport-012" -> sport, or the
folder of its file; articles without one count as "all"), the events per
type, and the number of types in use. With --sample, draws that many events
at random (a seeded random.Random, so the same database gives the same
sample) and prints each with its mentions' sentences, to be judged by eye;
--markdown writes the sample as a table with an empty verdict column.
Standard library only.
"""
from __future__ import annotations

import argparse
import random
import sqlite3
from collections import Counter, defaultdict
from pathlib import Path


def category(article_id: str, file: str) -> str:
    parts = article_id.split("-")
    if len(parts) >= 3 and parts[-1].isdigit():
        return parts[-2]
    folder = Path(file or "").parent.name
    return folder or "all"


def sentence(body: str, start: int, end: int) -> str:
    lo = max(body.rfind(". ", 0, start) + 2, body.rfind("\n", 0, start) + 1)
    hi = body.find(". ", end)
    hi = len(body) if hi < 0 else hi + 1
    nl = body.find("\n", end)
    if 0 <= nl < hi:
        hi = nl
    return " ".join(body[lo:hi].split())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("db")
    ap.add_argument("--sample", type=int, default=0)
    ap.add_argument("--seed", type=int, default=18)
    ap.add_argument("--markdown")
    args = ap.parse_args()
    con = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    articles = {aid: category(aid, file) for aid, file in con.execute("select id, file from articles")}
    per_category = Counter(articles.values())
    events_of = defaultdict(set)
    for event_id, article_id in con.execute("select event_id, article_id from event_mentions"):
        events_of[articles[article_id]].add(event_id)
    print(f"{'category':16} {'articles':>8} {'events':>7} {'per article':>11}")
    for cat in sorted(per_category):
        n = len(events_of[cat])
        print(f"{cat:16} {per_category[cat]:8d} {n:7d} {n / per_category[cat]:11.2f}")
    types = con.execute("select type, count(*) from events group by type order by count(*) desc, type").fetchall()
    print(f"\n{len(types)} types in use, {sum(n for _, n in types)} events:")
    print(", ".join(f"{t} {n}" for t, n in types))
    if not args.sample:
        return
    ids = [i for (i,) in con.execute("select id from events order by id")]
    chosen = sorted(random.Random(args.seed).sample(ids, min(args.sample, len(ids))))
    rows = []
    for event_id in chosen:
        etype, date, description = con.execute(
            "select type, date, description from events where id = ?", [event_id]).fetchone()
        mentions = con.execute("""select m.article_id, m.start, m."end", m.text, a.body from event_mentions m
            join articles a on a.id = m.article_id where m.event_id = ? order by m.article_id, m.start""",
                               [event_id]).fetchall()
        rows.append((event_id, etype, date, description, mentions))
        print(f"\n#{event_id} [{etype}] {date or 'undated'}: {description}")
        for article_id, start, end, text, body in mentions[:3]:
            print(f"    {article_id}: «{text}» in: {sentence(body, start, end)[:300]}")
    if args.markdown:
        lines = ["| event | type | date | mention (article) | sentence | verdict |", "|---|---|---|---|---|---|"]
        for event_id, etype, date, description, mentions in rows:
            article_id, start, end, text, body = mentions[0]
            cell = lambda s: s.replace("|", "\\|")  # noqa: E731
            lines.append(f"| {event_id} | {etype} | {date or ''} | {cell(text)} ({article_id}) "
                         f"| {cell(sentence(body, start, end)[:300])} | |")
        Path(args.markdown).write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
