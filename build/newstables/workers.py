"""Parse and extract on every core.

The articles to work on are cut into tasks (a few articles each, or one
long one); worker processes, forked from the build with the spaCy pipeline
already loaded, take tasks from a queue, read each article's Doc from the
parse cache or parse it (`nlp.parse_texts`: long articles in pieces), run
the extractors, and send back the ArticleResults, the problems, and the
bytes of the Docs they parsed. The build process alone writes the caches.
Results are handed on in the order of the articles, whatever order the
tasks finish in, so the build's tables, ids and problems are those of a
one-process build; a bounded number of tasks is out at a time, so memory
stays flat however large the corpus.

`work_on(nlp, articles, doc_bytes)` is the unit of work itself, shared with
newstables.distributed (the same on a Dask cluster).
"""
from __future__ import annotations

import multiprocessing
import os
from pathlib import Path
from queue import Empty
from typing import Iterator

from spacy.language import Language
from spacy.tokens import Doc

from . import nlp as nlp_module
from .corpus import Article, Problem
from .extract import ArticleResult, extract_article

# Below this many articles to work on, starting processes costs more than it saves.
PARALLEL_MIN_ARTICLES = 32
TASKS_PER_WORKER = 3          # tasks out at a time, per worker


def extract_safely(doc: Doc, article: Article, problems: list[Problem]) -> ArticleResult:
    """Extractor errors cost that article its extracted rows, never the build."""
    try:
        return extract_article(doc, article)
    except Exception as exc:  # report, keep the article's text, go on
        problems.append(Problem(article.file, line=article.line,
                                problem=f"extraction failed ({type(exc).__name__}: {exc}); "
                                        f"the article is published without extracted rows"))
        return ArticleResult(article_id=article.id)


def work_on(nlp: Language, articles: list[Article], doc_bytes: list[bytes | None], batch_size: int | None = None,
            keep_bytes: bool = True) -> list[tuple[ArticleResult, list[Problem], bytes | None]]:
    """Parse the articles whose Doc is not given (as bytes, from the parse
    cache), extract them all: (result, problems, bytes of the Doc if it was
    parsed here) per article. A Doc is serialised before extraction, which
    corrects its entities: the cache keeps the model's own output. Without
    `keep_bytes` (no parse cache) a Doc parsed here gives b"" instead."""
    docs = [_read(nlp, b) for b in doc_bytes]
    fresh = nlp_module.parse_texts(nlp, [a.body for a, doc in zip(articles, docs) if doc is None], batch_size,
                                   with_bytes=keep_bytes)
    out = []
    for article, doc in zip(articles, docs):
        new = None
        if doc is None:
            doc, new = next(fresh) if keep_bytes else (next(fresh), b"")
        problems: list[Problem] = []
        out.append((extract_safely(doc, article, problems), problems, new))
    return out


def _read(nlp: Language, doc_bytes: bytes | None) -> Doc | None:
    if doc_bytes is None:
        return None
    try:
        return nlp_module.doc_from_bytes(nlp.vocab, doc_bytes)
    except Exception:  # a corrupt or incompatible cache entry: parse again
        return None


def tasks_of(articles: list[Article], batch_size: int) -> list[list[int]]:
    """Article numbers in tasks of at most `batch_size` articles and about
    nlp.BATCH_CHARS characters (a long article is a task of its own)."""
    tasks, task, size = [], [], 0
    for i, article in enumerate(articles):
        if task and (len(task) >= batch_size or size + len(article.body) > nlp_module.BATCH_CHARS):
            tasks.append(task)
            task, size = [], 0
        task.append(i)
        size += len(article.body)
    if task:
        tasks.append(task)
    return tasks


def in_this_process(articles: list[Article], nlp: Language, cache: nlp_module.ParseCache, batch_size: int
                    ) -> Iterator[tuple[Article, ArticleResult, list[Problem], bytes | None, bool]]:
    """What `parse_and_extract` gives, worked on in this process, task by task."""
    model = nlp_module.model_id(nlp)
    for task in tasks_of(articles, batch_size):
        chosen = [articles[i] for i in task]
        stored = [cache.get_bytes(nlp_module.text_key(a.body, model)) for a in chosen]
        output = work_on(nlp, chosen, stored, batch_size, keep_bytes=cache.con is not None)
        for article, (result, problems, new) in zip(chosen, output):
            yield article, result, problems, new, new is None


def parse_and_extract(articles: list[Article], nlp: Language, cache_dir: Path | None, processes: int,
                      batch_size: int) -> Iterator[tuple[Article, ArticleResult, list[Problem], bytes | None, bool]]:
    """(article, result, problems, bytes of a newly parsed Doc or None,
    whether the Doc came from the parse cache) for each article, in order,
    worked on by `processes` forked processes."""
    context = multiprocessing.get_context("fork")
    todo, done = context.Queue(), context.Queue()
    tasks = tasks_of(articles, batch_size)
    workers = [context.Process(target=_worker, args=(nlp, articles, cache_dir, batch_size, todo, done),
                               name=f"newstables-worker-{n}", daemon=True) for n in range(processes)]
    for w in workers:
        w.start()
    try:
        sent = 0
        for _ in range(min(len(tasks), processes * TASKS_PER_WORKER)):
            todo.put((sent, tasks[sent]))
            sent += 1
        finished: dict[int, list] = {}
        for number in range(len(tasks)):
            while number not in finished:
                task_number, output = _next_result(done, workers)
                finished[task_number] = output
                if sent < len(tasks):
                    todo.put((sent, tasks[sent]))
                    sent += 1
            for i, (result, problems, new, cached) in zip(tasks[number], finished.pop(number)):
                yield articles[i], result, problems, new, cached
        for _ in workers:
            todo.put(None)
        for w in workers:
            w.join()
    finally:
        for w in workers:
            if w.is_alive():
                w.terminate()
                w.join()


def _next_result(done, workers):
    while True:
        try:
            item = done.get(timeout=5)
        except Empty:
            if not all(w.is_alive() for w in workers):
                raise RuntimeError("a worker process stopped without a word") from None
            continue
        if item[0] == "failed":
            raise RuntimeError(f"a worker process failed: {item[1]}")
        return item


def _worker(nlp: Language, articles: list[Article], cache_dir: Path | None, batch_size: int, todo, done) -> None:
    """In a forked process: tasks in, results out, until None comes."""
    try:
        cache = nlp_module.ParseCache(cache_dir)    # its own connection
        model = nlp_module.model_id(nlp)
        parent = os.getppid()
        while True:
            try:
                task = todo.get(timeout=5)
            except Empty:
                if os.getppid() != parent:
                    return            # the build is gone: so are its tasks
                continue
            if task is None:
                return
            number, indices = task
            chosen = [articles[i] for i in indices]
            stored = [cache.get_bytes(nlp_module.text_key(a.body, model)) for a in chosen]
            output = work_on(nlp, chosen, stored, batch_size, keep_bytes=cache.con is not None)
            done.put((number, [(result, problems, new, new is None) for result, problems, new in output]))
    except BaseException as exc:  # tell the build rather than hang it
        done.put(("failed", f"{type(exc).__name__}: {exc}"))
