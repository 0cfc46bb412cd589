"""Text files (.txt, UTF-8): one article each, metadata from the manifest
entry of the file (else inferred from the text). Markup in the text is
removed first (see markup.py)."""
from __future__ import annotations

from pathlib import Path

from . import decode
from .clean import build_article
from .model import Article, Ingested, Source


def read_text(path: Path, rel: str, meta: dict, found: Ingested) -> Article | None:
    data = path.read_bytes()
    try:
        text = decode.text_input(data)
    except decode.Unreadable as exc:
        found.problem(rel, f"{exc}, skipped")
        return None
    return build_article(meta.get("id") or path.stem, rel, text, meta, source="manifest" if meta else None,
                         original=Source("text/plain", data, "utf-8"))
