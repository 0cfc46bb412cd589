"""Reading the dependency parse for events: clauses, their scope, phrases."""
from __future__ import annotations

from spacy.tokens import Token

CLAUSE_DEPS = {"ROOT", "ccomp", "advcl", "relcl", "xcomp", "csubj", "csubjpass", "parataxis", "acl", "pcomp"}


def clause_head(tok: Token) -> Token:
    x = tok
    while x.head.i != x.i and x.dep_ not in CLAUSE_DEPS and not (
            x.dep_ == "conj" and x.pos_ in ("VERB", "AUX")):
        x = x.head
    return x


SCOPE_STOPS = {"ccomp", "relcl", "parataxis", "csubj"}


def clause_chain(tok: Token) -> list[Token]:
    """The clause of `tok`, then the clauses governing it, up to the root or
    up to reported speech or a relative clause: "said on Wednesday that they
    had met", "who met him last month" -- the governing date is not theirs."""
    chain = [clause_head(tok)]
    while chain[-1].head.i != chain[-1].i and (chain[-1].dep_ not in SCOPE_STOPS or same_occasion(chain[-1])):
        nxt = clause_head(chain[-1].head)
        if nxt in chain:
            break
        chain.append(nxt)
    return chain


OCCASION_WORDS = {"where", "when", "whereupon"}


def same_occasion(clause: Token) -> bool:
    """A relative clause that tells what happened at the occasion its
    antecedent names: "talks on Tuesday, where they issued a statement",
    "a call on Monday, during which they discussed trade"."""
    if clause.dep_ != "relcl":
        return False
    for child in clause.children:
        if child.dep_ == "advmod" and child.lower_ in OCCASION_WORDS:
            return True
        if child.dep_ == "prep" and child.lower_ in ("during", "at", "in") and any(
                g.dep_ == "pobj" and g.lower_ == "which" for g in child.children):
            return True
    return False


def compact(tok: Token) -> list[Token]:
    """The phrase headed by `tok`, without the clauses it contains."""
    out = [tok]
    for child in tok.children:
        if child.dep_ in CLAUSE_DEPS or child.dep_ in ("punct", "cc") and child.i > tok.i:
            continue
        if child.dep_ in ("appos", "conj") and child.i > tok.i:
            out.extend(compact(child))
            continue
        out.extend(compact(child))
    return out


def governor(noun: Token) -> Token | None:
    """The verb (or clause head) a noun trigger depends on."""
    x = noun
    for _ in range(8):
        if x.head.i == x.i:
            return x if x.pos_ in ("VERB", "AUX") else None
        x = x.head
        if x.pos_ in ("VERB", "AUX"):
            return x
    return None
