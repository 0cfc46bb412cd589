#!/usr/bin/env python3
"""Gather the articles our own development gold annotates into a corpus folder.

Usage: dev_corpus.py GOLD_DIR SOURCE_DOCS_JSONL [SOURCE_DOCS_JSONL ...] OUT_DIR

Each gold file (`eval/dev-gold/<id>.json`, or in a subfolder of it: one per
set of articles, scored apart) names an article of one of the
benchmarks' `docs.jsonl` by id (BBC copy from bbc-all, US newswire from
tempeval3-dev: ids do not collide). The matching lines are written to OUT_DIR/docs.jsonl, so
`newstables build OUT_DIR` builds exactly the annotated articles. Every gold
quote text and actor alias must be an exact substring of its article (the
gold format's rule): a gold file that breaks it stops here with its name and
the offending string, before anything is built.
Standard library only.
"""
import json
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    if len(argv) < 3:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    gold_dir, sources, out_dir = Path(argv[0]), [Path(a) for a in argv[1:-1]], Path(argv[-1])
    golds = {}
    for path in sorted(gold_dir.rglob("*.json")):
        golds[json.loads(path.read_text(encoding="utf-8"))["article"]] = path
    docs = {}
    for source in sources:
        with source.open(encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    doc = json.loads(line)
                    if doc["id"] in golds:
                        docs[doc["id"]] = doc
    where = ", ".join(map(str, sources))
    problems = [f"{path}: article {aid!r} is not in {where}" for aid, path in golds.items() if aid not in docs]
    for aid, doc in docs.items():
        gold = json.loads(golds[aid].read_text(encoding="utf-8"))
        strings = [q["text"] for q in gold.get("quotes", [])]
        strings += [al for a in gold.get("actors", []) for al in a.get("aliases", [])]
        problems += [f"{golds[aid]}: not in the article text: {s!r}" for s in strings if s not in doc["text"]]
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    out_dir.mkdir(parents=True, exist_ok=True)
    with (out_dir / "docs.jsonl").open("w", encoding="utf-8") as out:
        for aid in sorted(docs):
            out.write(json.dumps(docs[aid], ensure_ascii=False) + "\n")
    print(f"{len(docs)} annotated articles -> {out_dir / 'docs.jsonl'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
