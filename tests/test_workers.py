"""All cores and long articles: a build on several processes gives the tables
of a one-process build, and a long article parsed in pieces keeps every
offset into its body."""
from __future__ import annotations

import json

import pytest

from newstables import nlp as nlp_module, workers
from newstables.corpus import build_article
from newstables.extract import extract_article
from newstables.pipeline import build
from test_build import table_contents

PEOPLE = [("Ines Moreau", "harbour master"), ("Tomas Beck", "mayor"), ("Hanna Ruud", "fisheries minister"),
          ("Olav Strand", "union leader"), ("Petra Lind", "port spokeswoman"), ("Jonas Eker", "ferry captain")]
PLACES = ["Bergen", "Tromso", "Alesund", "Bodo", "Narvik", "Molde"]


def article_text(i: int) -> str:
    name, role = PEOPLE[i % len(PEOPLE)]
    place = PLACES[(i * 5) % len(PLACES)]
    return (f"The {role} of {place}, {name}, said on Tuesday that {i + 3} ferries would stop for {i % 7 + 2} days.\n\n"
            f"\"We cannot sail in this wind,\" {name.split()[-1]} said, adding that prices rose {i % 9 + 1}% in March.\n\n"
            f"{name} met officials from {PLACES[(i + 1) % len(PLACES)]} on {i % 27 + 1} March 2025.")


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    with open(folder / "docs.jsonl", "w", encoding="utf-8") as out:
        for i in range(workers.PARALLEL_MIN_ARTICLES + 8):
            out.write(json.dumps({"id": f"n{i:03d}", "title": f"Ferries {i}", "text": article_text(i),
                                  "published": "2025-03-20"}) + "\n")
    return folder


def test_a_build_on_every_core_equals_a_one_process_build(corpus, tmp_path, monkeypatch):
    real = workers.extract_article

    def failing_now_and_then(doc, article):   # problems must come out in the same order too
        if article.id in ("n007", "n021"):
            raise ValueError("broken extractor")
        return real(doc, article)

    monkeypatch.setattr(workers, "extract_article", failing_now_and_then)
    one = build(corpus, tmp_path / "one.db", cache_dir=None, progress=False, processes=1)
    two = build(corpus, tmp_path / "two.db", cache_dir=tmp_path / "cache", progress=False, processes=2)
    assert (one.processes, two.processes) == (1, 2)
    assert [p.line for p in two.problems] == [p.line for p in one.problems] == [8, 22]
    assert table_contents(tmp_path / "two.db") == table_contents(tmp_path / "one.db")
    # the Docs the workers parsed went into the cache, and are read back the same
    again = build(corpus, tmp_path / "again.db", cache_dir=tmp_path / "cache", progress=False, processes=2)
    assert again.parsed == 0
    assert table_contents(tmp_path / "again.db") == table_contents(tmp_path / "one.db")


def test_tasks_keep_the_order_and_bound_their_size():
    articles = [build_article(f"a{i}", "a.txt", "word " * n, {}) for i, n in
                enumerate([10, 10, 3000, 10, 10, 10, 10, 12000, 10])]
    tasks = workers.tasks_of(articles, batch_size=4)
    assert [i for task in tasks for i in task] == list(range(len(articles)))
    assert all(len(task) <= 4 for task in tasks)
    assert [7] in tasks                     # a long article is a task of its own


LONG = "\n\n".join(
    f"Section {k}. The council of {PLACES[k % 6]} said on Monday that {k + 2} boats were lost. "
    f"\"It is a hard winter,\" said {PEOPLE[k % 6][0]}, who runs the yard.\nPrices rose {k}% to £{k * 3}m."
    for k in range(30))


def test_chunks_are_paragraph_aligned_and_join_back():
    pieces = nlp_module.chunks(LONG, limit=700)
    assert "".join(pieces) == LONG
    assert len(pieces) > 5
    assert all(len(p) <= 700 for p in pieces)
    assert all(p.endswith("\n") for p in pieces[:-1])
    one_paragraph = "One sentence here. " * 100
    cut = nlp_module.chunks(one_paragraph, limit=300)
    assert "".join(cut) == one_paragraph and all(p.endswith(". ") for p in cut[:-1])


def test_a_long_article_parsed_in_pieces_keeps_its_offsets(nlp, monkeypatch):
    monkeypatch.setattr(nlp_module, "CHUNK_CHARS", 700)
    monkeypatch.setattr(nlp_module, "BATCH_CHARS", 1400)
    doc, = nlp_module.parse_texts(nlp, [LONG])
    whole = nlp(LONG)
    assert doc.text == LONG
    assert [t.text for t in doc] == [t.text for t in whole]
    assert [t.idx for t in doc] == [t.idx for t in whole]
    assert all(LONG[e.start_char:e.end_char] == e.text for e in doc.ents)
    # a line never shares a sentence with the next, in pieces or not
    starts = {s.start_char for s in doc.sents}
    assert all(i + 1 in starts for i, c in enumerate(LONG) if c == "\n" and LONG[i + 1:i + 2] not in ("\n", ""))

    article = build_article("long", "long.txt", LONG, {"title": "Winter", "published": "2025-03-20"})
    result = extract_article(doc, article)
    rows = result.mentions + result.quotes + result.figures + result.dates
    assert len(result.quotes) >= 25 and len(result.figures) >= 50
    assert all(article.body[r["start"]:r["end"]] == r["text"] for r in rows)


def test_the_size_of_the_pieces_is_part_of_a_long_text_s_cache_key(monkeypatch):
    short, long = "A short text.", "A long text. " * 1000     # 13,000 characters
    model = "en_core_web_sm-3.8.0"
    keys = []
    for size in (10_000, 20_000):
        monkeypatch.setattr(nlp_module, "CHUNK_CHARS", size)
        keys.append((nlp_module.text_key(short, model), nlp_module.text_key(long, model)))
    assert keys[0][0] == keys[1][0]          # a short text's parse does not change: nor does its key
    assert keys[0][1] != keys[1][1]          # parsed in pieces or whole: two different parses


def test_a_long_text_is_cached_in_pieces_and_read_back_the_same(nlp, monkeypatch):
    monkeypatch.setattr(nlp_module, "CHUNK_CHARS", 700)
    (doc, data), = nlp_module.parse_texts(nlp, [LONG], with_bytes=True)
    assert data.startswith(nlp_module.PIECES)
    again = nlp_module.doc_from_bytes(nlp.vocab, data)
    attrs = lambda d: [(t.idx, t.text, t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_, t.is_sent_start)  # noqa: E731
                       for t in d]
    assert attrs(again) == attrs(doc)
    (short, short_data), = nlp_module.parse_texts(nlp, ["A short text."], with_bytes=True)
    assert attrs(nlp_module.doc_from_bytes(nlp.vocab, short_data)) == attrs(short)
