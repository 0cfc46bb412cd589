"""Which similarity tells one statement in other words from another statement
of the same speaker? Measured on tests/data/statement_pairs.yml (pairs
written for the purpose) for the rule newstables uses and the alternatives
it was chosen over:

- lemma_dice: Dice overlap of content lemmas;
- idf_overlap: content lemmas weighted by IDF, shared weight over the
  shorter quote's weight (with the polarity check: the rule by words alone,
  used when the sentence model is not installed);
- tensor_cosine: cosine of the mean tok2vec context vectors of the content
  tokens (en_core_web_sm has no static word vectors: only these tensors);
- fuzzy_text: rapidfuzz token_set_ratio of the lower-cased texts;
- minilm_cosine: cosine of all-MiniLM-L6-v2 sentence vectors (run with numpy);
- the rule used: words >= THRESHOLD, or the model's cosine >= MODEL_THRESHOLD,
  and neither negated alone nor a belief about another's act against the
  speaker's own (statements.compatible);
- considered, not used: the rule used, or a cosine >= NEAR_COSINE with words
  >= NEAR_WORDS (a lower cosine when the words overlap in part, for one actor
  of one story on one occasion, which every pair here is). Measured: it adds
  no written pair and one hard negative; on the seeds it adds one link (two
  pairs of docs/statement-seed-pairs.yml), too little to trust it.

Prints ROC AUC and the best F1 over all thresholds for each score, and
precision, recall and F1 at the thresholds newstables uses, on all pairs and
on three parts of the file: the first pairs (ordinary paraphrases and other
statements), those added with the rules on negation and framing verbs, and
the harder ones (paraphrases sharing almost no word; other statements sharing
almost every word).

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
from newstables.link import sentence_model, statements

NEAR_COSINE, NEAR_WORDS = 0.60, 0.40
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
    idf_weights = statements.idf_weights(list(quotes.values()))

    def vector(doc):
        rows = [t.i for t in doc if not t.is_stop and not t.is_punct] or list(range(len(doc)))
        v = doc.tensor[rows].mean(0)
        return v / (np.linalg.norm(v) or 1.0)

    model = sentence_model.load()
    embedded = dict(zip(texts, model.embed(texts).astype(np.float32)))

    def cosine(a, b):
        return float(embedded[a] @ embedded[b])

    def polarity(a, b):
        return quotes[a]["negated"] == quotes[b]["negated"]

    def idf(a, b):
        return statements.overlap(set(quotes[a]["terms"]), set(quotes[b]["terms"]), idf_weights)

    def used(a, b):
        return statements.compatible(quotes[a], quotes[b]) and (
            idf(a, b) >= statements.THRESHOLD or statements.same_by_model(cosine(a, b)))

    def near(a, b):
        return used(a, b) or (statements.compatible(quotes[a], quotes[b]) and round(cosine(a, b), 2) >= NEAR_COSINE
                              and idf(a, b) >= NEAR_WORDS)

    scores = {
        "lemma_dice": lambda a, b: _dice(set(quotes[a]["terms"]), set(quotes[b]["terms"])),
        "idf_overlap": idf,
        "idf_overlap+polarity": lambda a, b: polarity(a, b) * idf(a, b),
        "tensor_cosine": lambda a, b: float(vector(docs[a]) @ vector(docs[b])),
        "fuzzy_text": lambda a, b: fuzz.token_set_ratio(a.lower(), b.lower()) / 100,
        "minilm_cosine": cosine,
        "minilm_cosine+checks": lambda a, b: statements.compatible(quotes[a], quotes[b]) * cosine(a, b),
    }
    rules = {
        f"words alone (idf_overlap >= {statements.THRESHOLD} + polarity)":
            lambda a, b: polarity(a, b) and idf(a, b) >= statements.THRESHOLD,
        f"used: words >= {statements.THRESHOLD} or model >= {statements.MODEL_THRESHOLD} + checks": used,
        f"not used: the above, or model >= {NEAR_COSINE} with words >= {NEAR_WORDS}": near,
    }
    parts = {"all": pairs, "first": [p for p in pairs if not p.get("hard") and not p.get("added")],
             "added": [p for p in pairs if p.get("added")], "hard": [p for p in pairs if p.get("hard")]}
    print(", ".join(f"{len(chosen)} {part}" for part, chosen in parts.items()), "pairs")
    for part, chosen in parts.items():
        same = np.array([p["same"] for p in chosen])
        print(f"== {part}: {len(chosen)} pairs, {same.sum()} same statement, {(~same).sum()} not")
        for name, score in scores.items():
            values = np.array([score(p["a"], p["b"]) for p in chosen])
            auc = np.mean([(x > y) + 0.5 * (x == y) for x in values[same] for y in values[~same]])
            best = max((_prf(values >= t, same) + (t,) for t in sorted(set(values))), key=lambda r: r[2])
            print(f"  {name:28s} AUC {auc:.3f}  best F1 {best[2]:.3f} at >= {best[3]:.2f} "
                  f"(P {best[0]:.2f} R {best[1]:.2f})")
        for name, rule in rules.items():
            predicted = np.array([rule(p["a"], p["b"]) for p in chosen])
            p, r, f = _prf(predicted, same)
            print(f"  {name}: P {p:.2f} R {r:.2f} F1 {f:.2f} ({(predicted & same).sum()} of "
                  f"{predicted.sum()} grouped pairs right)")
        sweep = []
        for threshold in (0.6, 0.65, 0.7, 0.75, 0.8):
            predicted = np.array([statements.compatible(quotes[p["a"]], quotes[p["b"]]) and (
                idf(p["a"], p["b"]) >= statements.THRESHOLD or round(cosine(p["a"], p["b"]), 2) >= threshold)
                for p in chosen])
            sweep.append("{:.2f}: P {:.2f} R {:.2f} F1 {:.2f}".format(threshold, *_prf(predicted, same)))
        print("  the rule used, by model threshold:", "; ".join(sweep))


def _dice(a: set, b: set) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def _prf(predicted, same):
    tp = (predicted & same).sum()
    p = tp / max(1, predicted.sum())
    r = tp / max(1, same.sum())
    return p, r, 2 * p * r / max(1e-9, p + r)


if __name__ == "__main__":
    main()
