"""Duplicate articles: the same text published more than once.

A republished wire story, a copy with another headline or a few words
changed, the same text with or without a boilerplate line: each is a
near-duplicate of the others. Every article's body becomes a set of
overlapping word 3-grams (shingles), summarised by a MinHash signature of
NUM_PERM hashes, and MinHash LSH (datasketch) puts articles whose signatures
agree on a whole band into one bucket. Only articles that share a bucket are
compared (never all pairs), and a pair is a duplicate when the signatures
estimate a Jaccard similarity of the shingle sets of at least THRESHOLD.
Identical texts have identical signatures, so every exact copy is found.
The LSH has BANDS bands of ROWS hashes, set for recall rather than
datasketch's balanced default (14 x 9, which misses one pair in eight at
Jaccard 0.8): a pair at 0.7 misses every band about once in 7,000 times,
at 0.8 once in 20 million; the pairs at 0.5 it also proposes are compared
and dropped, which costs little.

Duplicates are grouped transitively; `duplicate_of` names the earliest copy
of each group (publication date, undated last, then id), which itself has
none. Signatures are kept in the link cache under the text's hash, so an
article is shingled and hashed once, however often the corpus is rebuilt.
"""
from __future__ import annotations

import hashlib

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from .groups import UnionFind
from .text import words

NUM_PERM = 128
SHINGLE = 3           # words per shingle
THRESHOLD = 0.7       # estimated Jaccard similarity of the shingle sets
BANDS, ROWS = 32, 4   # LSH bands x hashes per band (= NUM_PERM)
SEED = 1
SCHEME = MinHash(num_perm=NUM_PERM, seed=SEED).scheme   # how datasketch hashes (part of the cache key)
SIGNATURE_VERSION = f"minhash-{NUM_PERM}-{SHINGLE}-{SEED}-{SCHEME}-1"


def shingles(text: str) -> set[bytes]:
    tokens = words(text)
    if len(tokens) < SHINGLE:
        return {" ".join(tokens).encode("utf-8")}
    return {" ".join(tokens[i:i + SHINGLE]).encode("utf-8") for i in range(len(tokens) - SHINGLE + 1)}


BATCH_SHINGLES = 4096   # datasketch hashes a batch into a (shingles x NUM_PERM) array: kept small


def signature(text: str) -> LeanMinHash:
    """The MinHash of the text's shingles, fed in bounded batches (a minimum
    is the same however the set is cut), so a long article costs no more
    memory than a short one."""
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED)
    ordered = sorted(shingles(text))
    for i in range(0, len(ordered), BATCH_SHINGLES):
        minhash.update_batch(ordered[i:i + BATCH_SHINGLES])
    return LeanMinHash(minhash)


def signature_key(text: str) -> str:
    return hashlib.sha256(f"{SIGNATURE_VERSION}\0{text}".encode("utf-8")).hexdigest()


def signatures(articles: list[dict], cache) -> dict[str, LeanMinHash]:
    """Article id -> signature of its body, from the cache where it has one."""
    keys = {a["id"]: signature_key(a["body"]) for a in articles}
    stored = cache.get_blobs("signatures", set(keys.values()))
    out, new = {}, {}
    for article in articles:
        key = keys[article["id"]]
        if key in stored:
            out[article["id"]] = LeanMinHash(seed=SEED, hashvalues=np.frombuffer(stored[key], dtype=np.uint64),
                                              scheme=SCHEME)
        else:
            out[article["id"]] = sig = signature(article["body"])
            new[key] = sig.hashvalues.astype(np.uint64).tobytes()
            if len(new) >= 1000:
                cache.put_blobs("signatures", new)
                new = {}
    cache.put_blobs("signatures", new)
    return out


def earliest(article: dict):
    """Sort key: dated before undated, then by date, then by id."""
    return (article.get("published") is None, article.get("published") or "", article["id"])


def find_duplicates(articles: list[dict], cache) -> dict[str, str]:
    """Article id -> id of the earliest copy, for every article that has one."""
    sigs = signatures(articles, cache)
    lsh = MinHashLSH(num_perm=NUM_PERM, params=(BANDS, ROWS))
    pairs = UnionFind()
    for article_id in sorted(sigs):
        sig = sigs[article_id]
        for other in lsh.query(sig):
            if sig.jaccard(sigs[other]) >= THRESHOLD:
                pairs.union(article_id, other)
        lsh.insert(article_id, sig)
    by_id = {a["id"]: a for a in articles}
    duplicate_of = {}
    for group in pairs.groups():
        first = min(group, key=lambda i: earliest(by_id[i]))
        duplicate_of.update({i: first for i in group if i != first})
    return duplicate_of
