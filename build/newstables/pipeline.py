"""The build: corpus folder in, database file out.

read + clean -> parse (cached) -> extract per article (cached) -> resolve
corpus-wide -> load into a temporary file -> move into place. One article that
cannot be read or extracted is reported and left out; the rest is still built.

Two caches share one folder: parsed Docs (nlp.ParseCache, keyed by text and
model) and per-article extraction results (ExtractionCache, keyed by the
whole article, the model and the code and schema), so a rebuild after a
change to a few articles parses and extracts only those.
"""
from __future__ import annotations

import hashlib
import json
import platform
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib import metadata as importlib_metadata
from pathlib import Path

from tqdm import tqdm

from . import __version__, load, nlp as nlp_module, settings, workers
from .corpus import Article, Problem, ingest
from .extraction_cache import ExtractionCache, extraction_fingerprint, extraction_key
from .extract import EXTRACTOR_NAMES, ArticleResult
from .ingest.language import remembered as remembered_languages
from .resolve import resolve
from .link import link
from .result_store import ResultStore


class BuildFailed(RuntimeError):
    """Nothing usable came out of the build; the previous database is kept."""


@dataclass
class BuildReport:
    db: Path
    articles: int = 0
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    parsed: int = 0
    cached: int = 0
    extracted_from_cache: int = 0   # neither parsed nor extracted: the result was cached
    processes: int = 1              # that parsed and extracted
    seconds: float = 0.0
    up_to_date: bool = False
    timings: dict[str, float] = field(default_factory=dict)   # seconds per stage
    not_extracted: dict[str, int] = field(default_factory=dict)   # language -> articles kept unextracted
    model_language: str = ""
    not_articles: dict[str, int] = field(default_factory=dict)    # read, no article (WARC records ...)

    def lap(self, stage: str, started: float) -> None:
        """Record the seconds since the previous stage ended."""
        self.timings[stage] = time.perf_counter() - started - sum(self.timings.values())

    @property
    def skipped(self) -> int:
        return len(self.problems)

    def summary(self) -> str:
        if self.up_to_date:
            return (f"{self.db} is up to date: same corpus ({self.articles} articles), code and model "
                    f"({self.seconds:.1f} s). Use --force to rebuild anyway.")
        lines = [f"Built {self.db}: {self.articles} articles read in {self.seconds:.1f} s "
                 f"({self.parsed} parsed, {self.cached} from the parse cache, "
                 f"{self.extracted_from_cache} from the extraction cache; "
                 f"{self.processes} process{'es' if self.processes > 1 else ''})."]
        if self.not_extracted:
            lines.append(f"{sum(self.not_extracted.values())} article(s) kept (text, metadata, search) but not "
                         f"run through the extractors: their language is not the model's "
                         f"({self.model_language}): {_counted(self.not_extracted)}.")
        if self.not_articles:
            lines.append("Read, and no article: " + ", ".join(
                f"{n} {kind}" for kind, n in sorted(self.not_articles.items())) + ".")
        if self.problems:
            lines.append(f"{len(self.problems)} problem(s); what they concern was left out:")
            lines.extend(f"  - {p}" for p in self.problems)
        lines.append("Rows: " + ", ".join(f"{t} {n}" for t, n in self.counts.items()))
        lines.append("Seconds: " + ", ".join(f"{stage} {s:.1f}" for stage, s in self.timings.items()))
        return "\n".join(lines)


def build(corpus_dir: str | Path, db_path: str | Path, cache_dir: str | Path | None = "default",
          model: str | None = None, progress: bool = True, scheduler: str | None = None,
          force: bool = True, processes: int | None = None) -> BuildReport:
    """Build `db_path` from `corpus_dir`. With force=False an existing database
    built from the same corpus by the same code and model is left as it is."""
    started = time.perf_counter()
    report = BuildReport(db=Path(db_path))
    with remembered_languages(_cache_dir(cache_dir)):   # a rebuild does not detect them again
        found = ingest(corpus_dir)
    articles, problems = found.articles, found.problems
    report.problems.extend(problems)
    report.not_articles = dict(found.not_articles)
    report.lap("read", started)
    if not articles:
        raise BuildFailed(f"{corpus_dir}: no readable articles; {db_path} left as it was")

    nlp = nlp_module.load(model)
    fingerprint = {"corpus_hash": corpus_hash(articles, problems), "code_hash": code_hash(),
                   "model": nlp_module.model_id(nlp)}
    if not force and _up_to_date(Path(db_path), fingerprint):
        report.up_to_date = True
        report.articles = len(articles)
        report.seconds = time.perf_counter() - started
        return report
    # the results wait on disk beside the database: the build's memory does not grow with them
    with ResultStore(Path(db_path).resolve().parent) as store:
        _build_from(articles, problems, nlp, fingerprint, report, store, started, cache_dir=cache_dir,
                    progress=progress, scheduler=scheduler, model=model, processes=processes)
    report.articles = len(articles)
    report.seconds = time.perf_counter() - started
    return report


def _build_from(articles, problems, nlp, fingerprint, report, store, started, cache_dir, progress,
                scheduler, model, processes) -> None:
    """Parse+extract, resolve, link and load, for `build`."""
    db_path = report.db
    readable, unread = [], Counter()
    for a in articles:
        if model_reads(nlp, a):
            readable.append(a)
        else:
            unread[a.language] += 1
    report.model_language = nlp.lang
    report.not_extracted = dict(unread)
    if scheduler:
        from .distributed import parse_and_extract_distributed
        results, extract_problems, stats = parse_and_extract_distributed(
            readable, scheduler, model=model, cache_dir=_cache_dir(cache_dir))
    else:
        results, extract_problems, stats = parse_and_extract(
            readable, nlp, _cache_dir(cache_dir), progress=progress, code=fingerprint["code_hash"],
            processes=processes, store=store)
    report.problems.extend(extract_problems)
    report.parsed, report.cached = stats.get("parsed", 0), stats.get("cached", 0)
    report.extracted_from_cache = stats.get("extracted_from_cache", 0)
    report.processes = stats.get("processes", 1)
    report.lap("parse+extract", started)

    tables = resolve(results)
    tables["articles"] = [article_row(a) for a in articles]          # the link stage marks them
    tables["quotes"] = list(tables["quotes"])                        # the link stage groups them
    tables["article_sources"] = (a.source.row(a.id) for a in articles if a.source)
    tables["sections"] = ({"article_id": a.id, **vars(s)} for a in articles for s in a.sections)
    tables["build_problems"] = [vars(p) for p in report.problems]
    info = {**build_info(articles, nlp), **fingerprint,
            "not_extracted": _counted(report.not_extracted) or "none",
            "not_articles": _counted(report.not_articles) or "none"}
    report.lap("resolve", started)

    link(tables, cache_dir=_cache_dir(cache_dir), info=info)
    report.lap("link", started)

    with load.atomic_database(Path(db_path)) as tmp:
        load.create_schema(tmp, indexes=False)
        report.counts = load.write(tmp, tables, info)
    report.lap("load", started)


def parse_and_extract(articles: list[Article], nlp, cache_dir: Path | None, progress: bool = True,
                      code: str | None = None, processes: int | None = None, store: ResultStore | None = None
                      ) -> tuple[list[ArticleResult] | ResultStore, list[Problem], dict]:
    """Each article's ArticleResult, in corpus order: from the extraction
    cache if it holds one, else by parsing the body (through the parse cache)
    and running the extractors on the Doc, on `processes` cores (default:
    all; newstables.workers). `code` is code_hash(), if the caller has it
    already. With a `store`, the results go there as they come (and the
    store is returned) instead of into a list."""
    processes = processes or settings.processes()
    batch_size = settings.batch_size()
    stats: dict = {"parsed": 0, "cached": 0, "extracted_from_cache": 0, "processes": 1}
    problems: list[Problem] = []
    extractions = ExtractionCache(cache_dir)
    cache = nlp_module.ParseCache(cache_dir)
    model = nlp_module.model_id(nlp)
    bar = None
    try:
        keys: dict[str, str] = {}
        if extractions.enabled:
            fingerprint = extraction_fingerprint(code or code_hash(), model)
            keys = {a.id: extraction_key(a, fingerprint) for a in articles}
        place = {a.id: i for i, a in enumerate(articles)}
        done: dict[str, ArticleResult] = {}

        def keep(article_id: str, result: ArticleResult) -> None:
            if store is None:
                done[article_id] = result
            else:
                store.put(place[article_id], result)

        todo = []   # only these Docs are parsed or read
        for i in range(0, len(articles), CACHE_READS):
            some = articles[i:i + CACHE_READS]
            hits = extractions.get_many({a.id: keys[a.id] for a in some if a.id in keys})
            for a in some:
                if a.id in hits:
                    keep(a.id, hits[a.id])
                else:
                    todo.append(a)
            stats["extracted_from_cache"] += len(hits)
        if processes > 1 and len(todo) >= workers.PARALLEL_MIN_ARTICLES:
            stats["processes"] = processes
            stream = workers.parse_and_extract(todo, nlp, cache_dir, processes, batch_size)
        else:
            stream = workers.in_this_process(todo, nlp, cache, batch_size)
        bar = tqdm(total=len(articles), initial=stats["extracted_from_cache"], unit="article", desc="parse+extract",
                   file=sys.stderr, disable=not progress or None, leave=False)
        for article, result, article_problems, doc_bytes, cached in stream:
            if cached:
                stats["cached"] += 1
            else:
                cache.put_bytes(nlp_module.text_key(article.body, model), doc_bytes)
                stats["parsed"] += 1
                if stats["parsed"] % 256 == 0:
                    cache.commit()
            problems.extend(article_problems)
            if not article_problems and article.id in keys:   # a failure is never cached
                extractions.put(keys[article.id], result)
            keep(article.id, result)
            bar.update()
    finally:
        if bar is not None:
            bar.close()
        cache.close()
        extractions.close()
    return (store if store is not None else [done[a.id] for a in articles]), problems, stats


def _counted(counts: dict[str, int]) -> str:
    """'de 2, fr 1': what was counted, by name."""
    return ", ".join(f"{name} {n}" for name, n in sorted(counts.items()))


def model_reads(nlp, article: Article) -> bool:
    """Whether the model serves the article's language (an unknown language
    gets the benefit of the doubt; a multi-language model reads all)."""
    return article.language in (None, nlp.lang) or nlp.lang in ("xx", "mul")


CACHE_READS = 512   # extraction cache entries read at a time


def _cache_dir(cache_dir):
    return settings.cache_dir() if cache_dir == "default" else (Path(cache_dir) if cache_dir else None)


def article_row(article: Article) -> dict:
    return {**{k: getattr(article, k) for k in ("id", "file", "line", "title", "publisher", "url", "dateline",
                                                  "published", "published_basis", "body", "raw",
                                                  "language")},
            "authors": json.dumps(article.authors, ensure_ascii=False),
            "word_count": article.word_count,
            "content_hash": article.content_hash,
            "metadata_source": json.dumps(article.metadata_source, sort_keys=True)}


def corpus_hash(articles: list[Article], problems: list[Problem] = ()) -> str:
    """Everything read from the corpus, problems included (they are published too)."""
    digest = hashlib.sha256()
    for a in articles:
        digest.update(json.dumps(article_row(a), sort_keys=True).encode("utf-8"))
        digest.update(a.source.sha256.encode() if a.source else b"-")
    for p in problems:
        digest.update(str(p).encode("utf-8"))
    return digest.hexdigest()


def code_hash() -> str:
    """The pipeline's code and the schema/rules it reads: a change to either
    means the tables may change."""
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent
    for folder in (package, settings.SCHEMA_DIR):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix not in (".pyc",) and "__pycache__" not in path.parts:
                digest.update(path.relative_to(folder).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def _up_to_date(db_path: Path, fingerprint: dict) -> bool:
    info = load.read_build_info(db_path)
    return info is not None and all(info.get(k) == v for k, v in fingerprint.items())


def build_info(articles: list[Article], nlp) -> dict[str, str]:
    def version(package):
        try:
            return importlib_metadata.version(package)
        except importlib_metadata.PackageNotFoundError:
            return "not installed"

    return {
        "articles": str(len(articles)),
        "model": nlp_module.model_id(nlp),
        "newstables": __version__,
        "extractors": ", ".join(EXTRACTOR_NAMES),
        "python": platform.python_version(),
        **{f"package:{p}": version(p) for p in ("spacy", "dateparser", "sqlite-utils", "datasette", "rapidfuzz")},
        "built_at": datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
    }
