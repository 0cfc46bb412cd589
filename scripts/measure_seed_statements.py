"""Pairwise precision and recall of statements on the seed corpus, against
the pairs read by hand in docs/statement-seed-pairs.yml.

Every pair of quotes of two articles that a database puts in one statement
is right (a pair the reading says is one statement), doubtful (listed as
such) or wrong (any other); recall is the share of the reading's pairs put
in one statement. Doubtful pairs count neither way.

    .venv/bin/newstables build corpus --db dist/news.db
    .venv/bin/python scripts/measure_seed_statements.py dist/news.db
"""
from __future__ import annotations

import itertools
import sqlite3
import sys
from pathlib import Path

import yaml

PAIRS = Path(__file__).resolve().parent.parent / "docs" / "statement-seed-pairs.yml"


def main(db: str) -> None:
    reading = yaml.safe_load(PAIRS.read_text(encoding="utf-8"))
    con = sqlite3.connect(db)
    quotes = con.execute("select id, article_id, text, statement_id from quotes order by id").fetchall()

    def find(article, start):
        found = [q for q in quotes if q[1].startswith(article + "_") and q[2].startswith(start)]
        if len(found) != 1:
            raise SystemExit(f"{PAIRS}: {len(found)} quotes of article {article} start with {start!r}")
        return found[0]

    def pairs(kind):
        return {frozenset((find(a, x)[0], find(b, y)[0])) for a, x, b, y in reading.get(kind, [])}

    same, doubtful = pairs("same"), pairs("doubtful")
    grouped = {frozenset((p[0], q[0])) for p, q in itertools.combinations(quotes, 2)
               if p[3] is not None and p[3] == q[3] and p[1] != q[1]}
    by_id = {q[0]: q for q in quotes}
    right, wrong, unsure = grouped & same, grouped - same - doubtful, grouped & doubtful
    for name, found in (("right", right), ("doubtful", unsure), ("wrong", wrong), ("missed", same - grouped)):
        for pair in sorted(found, key=sorted):
            a, b = (by_id[i] for i in sorted(pair))
            print(f"{name:8s} q{a[0]} {a[1][:3]} {a[2][:60]!r} / q{b[0]} {b[1][:3]} {b[2][:60]!r}")
    precision = len(right) / max(1, len(right) + len(wrong))
    print(f"grouped cross-article pairs {len(grouped)}: right {len(right)}, wrong {len(wrong)}, "
          f"doubtful {len(unsure)}; precision {precision:.2f}, recall {len(right)} of {len(same)} = "
          f"{len(right) / len(same):.2f}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "dist/news.db")
