"""Which similarity tells one statement in other words from another statement
of the same speaker? Measured on tests/data/statement_pairs.yml (pairs
written for the purpose) for the rule newstables uses and the alternatives
it was chosen over:

- lemma_dice: Dice overlap of content lemmas;
- idf_overlap (used, with the polarity check): content lemmas weighted by
  IDF, shared weight over the shorter quote's weight;
- tensor_cosine: cosine of the mean tok2vec context vectors of the content
  tokens (en_core_web_sm has no static word vectors: only these tensors);
- fuzzy_text: rapidfuzz token_set_ratio of the lower-cased texts.

Prints ROC AUC, precision and recall at the threshold newstables uses (for
the rule it uses) and the best F1 over all thresholds, for each method.

    .venv/bin/python scripts/measure_statement_similarity.py
"""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import yaml
from rapidfuzz import fuzz

from newstables import nlp as nlp_module
from newstables.extract import quote_terms
from newstables.link import statements

PAIRS = Path(__file__).resolve().parent.parent / "tests" / "data" / "statement_pairs.yml"


def main() -> None:
    pairs = yaml.safe_load(PAIRS.read_text(encoding="utf-8"))
    nlp = nlp_module.load()
    texts = sorted({p["a"] for p in pairs} | {p["b"] for p in pairs})
    docs = dict(zip(texts, nlp.pipe(texts)))
    quotes = {}
    for text, doc in docs.items():
        row = {"text": text, "start": 0, "end": len(text)}
        quote_terms.extract(doc, None, SimpleNamespace(quotes=[row]))
        quotes[text] = row
    idf = statements.idf_weights(list(quotes.values()))

    def vector(doc):
        rows = [t.i for t in doc if not t.is_stop and not t.is_punct] or list(range(len(doc)))
        v = doc.tensor[rows].mean(0)
        return v / (np.linalg.norm(v) or 1.0)

    def polarity(a, b):
        return quotes[a]["negated"] == quotes[b]["negated"]

    methods = {
        "lemma_dice": lambda a, b: _dice(set(quotes[a]["terms"]), set(quotes[b]["terms"])),
        "lemma_dice+polarity": lambda a, b: polarity(a, b) * _dice(set(quotes[a]["terms"]), set(quotes[b]["terms"])),
        "idf_overlap": lambda a, b: statements.overlap(set(quotes[a]["terms"]), set(quotes[b]["terms"]), idf),
        "idf_overlap+polarity (used)": lambda a, b: polarity(a, b) * statements.overlap(
            set(quotes[a]["terms"]), set(quotes[b]["terms"]), idf),
        "tensor_cosine": lambda a, b: float(vector(docs[a]) @ vector(docs[b])),
        "fuzzy_text": lambda a, b: fuzz.token_set_ratio(a.lower(), b.lower()) / 100,
    }
    same = np.array([p["same"] for p in pairs])
    print(f"{len(pairs)} pairs: {same.sum()} same statement, {(~same).sum()} not")
    for name, method in methods.items():
        scores = np.array([method(p["a"], p["b"]) for p in pairs])
        auc = np.mean([(x > y) + 0.5 * (x == y) for x in scores[same] for y in scores[~same]])
        best = max((_prf(scores >= t, same) + (t,) for t in sorted(set(scores))), key=lambda r: r[2])
        line = f"{name:28s} AUC {auc:.3f}  best F1 {best[2]:.3f} at >= {best[3]:.2f} (P {best[0]:.2f} R {best[1]:.2f})"
        if "used" in name:
            p, r, f = _prf(scores >= statements.THRESHOLD, same)
            line += f"  at newstables' {statements.THRESHOLD}: P {p:.2f} R {r:.2f} F1 {f:.2f}"
        print(line)


def _dice(a: set, b: set) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def _prf(predicted, same):
    tp = (predicted & same).sum()
    p = tp / max(1, predicted.sum())
    r = tp / max(1, same.sum())
    return p, r, 2 * p * r / max(1e-9, p + r)


if __name__ == "__main__":
    main()
