"""Sentence vectors of quote texts, computed once and kept in the link cache.

The sentence model (sentence_model.py) costs 10 to 40 ms a quote on two
shared cores, so the statement rule asks for the vectors of the few quotes
that have a candidate it cannot decide by their words, and each vector is
kept in links.sqlite under a hash of the quote's text and the model's name:
a rebuild, or a build that adds articles, embeds only quotes it has never
seen. The model is loaded on the first quote it must embed. When its
package is not installed, `available` is False, `problem` says why, and the
statement rule works from words alone; when the package's files are not the
model's, loading stops the build (sentence_model.ModelFilesWrong).
"""
from __future__ import annotations

import hashlib

import numpy as np

from . import sentence_model
from .cache import LinkCache

KIND = f"quote-vector:{sentence_model.NAME}:{sentence_model.MAX_TOKENS}"   # what a kept vector was computed by


class QuoteVectors:
    def __init__(self, cache: LinkCache | None):
        self.cache = cache
        self.embedded = 0            # quotes run through the model by this build
        self.from_cache = 0
        self.name = sentence_model.NAME
        try:
            sentence_model.model_dir()
            self.problem = None
        except sentence_model.ModelNotInstalled as exc:
            self.problem = str(exc)

    @property
    def available(self) -> bool:
        return self.problem is None

    def vectors(self, texts: list[str]) -> dict[str, np.ndarray]:
        """Text -> float32 unit vector, for each distinct text."""
        keys = {text: hashlib.sha256(text.encode("utf-8")).hexdigest()[:32] for text in set(texts)}
        stored = self.cache.get_blobs(KIND, set(keys.values())) if self.cache is not None else {}
        found = {text: np.frombuffer(stored[key], dtype=np.float16) for text, key in keys.items() if key in stored}
        todo = sorted(text for text in keys if text not in found)
        if todo:
            fresh = sentence_model.load().embed(todo)
            found.update(zip(todo, fresh))
            if self.cache is not None:
                self.cache.put_blobs(KIND, {keys[t]: v.astype(np.float16).tobytes() for t, v in zip(todo, fresh)})
        self.embedded += len(todo)
        self.from_cache += len(keys) - len(todo)
        return {text: vector.astype(np.float32) for text, vector in found.items()}
