"""The words of an event mention: its phrase in the text and its description."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from . import doc_index
from .event_args import DATE_PREPS, PARTICIPANT_PREPS, PLACE_PREPS
from .event_context import PERSON_PRONOUNS, Context
from .event_parse import compact

MAX_PHRASE_TOKENS = 22


def phrase(c: dict, ctx: Context, heads: list[Token], place_tok: list[Token]) -> tuple[int, int]:
    """Character span of a short phrase reporting the event."""
    trig = c["trigger"]
    sent = trig.sent
    toks = {trig.i}
    if c["anchor"] is not None and c["kind"] == "object":
        toks.add(c["anchor"].i)
    if c["noun"] is not None:
        toks.update(t.i for t in compact(c["noun"]) if t.i >= trig.i - 6)
    for h in heads + place_tok:
        toks.update(t.i for t in compact(h))
    if c["kind"] == "verb":
        for child in trig.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.tag_ not in ("WDT", "WP"):
                toks.update(t.i for t in compact(child) if t.i >= trig.i - 8)  # "a senior official said"
            if child.dep_ in ("dobj", "prt", "attr", "acomp") or (
                    child.dep_ == "prep" and child.lower_ in PARTICIPANT_PREPS | PLACE_PREPS | {"to"}):
                toks.update(t.i for t in compact(child))
            if child.dep_ in ("ccomp", "xcomp") and c["type"] in ("statement", "agreement", "proposal"):
                toks.update(t.i for t in compact(child) if trig.i < t.i <= trig.i + 14)
    toks = {i for i in toks if sent.start <= i < sent.end}
    lo, hi = min(toks), max(toks)
    if hi - lo + 1 > MAX_PHRASE_TOKENS:
        lo = max(lo, trig.i - MAX_PHRASE_TOKENS // 2)
        hi = min(hi, lo + MAX_PHRASE_TOKENS - 1)
    doc = trig.doc
    # a phrase does not run across a line break (a heading and the text under it)
    for i in range(lo, hi):
        if "\n" in doc[i].whitespace_ or doc[i].is_space:
            if i < trig.i:
                lo = i + 1
            else:
                hi = i
                break
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space or doc[lo].pos_ in ("CCONJ", "SCONJ")
                       or doc[lo].pos_ == "ADP" and doc[lo].i != trig.i):
        lo += 1
    while hi > lo and (doc[hi].is_punct or doc[hi].is_space or doc[hi].pos_ in ("CCONJ", "SCONJ", "ADP", "DET")):
        hi -= 1
    return doc[lo].idx, doc[hi].idx + len(doc[hi].text)


QUOTE_MARKS = {"“", "”", '"', "‘", "’", "'", "``", "''"}
DESCRIPTION_WORDS = 18
CONTENT_TOKENS = 14


def describe(c: dict, ctx: Context, d: dict | None) -> str:
    """A short phrase a reader understands: who, what, when, where, and for a
    statement what was said -- "Putin said in December: we don't need a
    truce ...", "Zelensky arrived in Helsinki for an official visit yesterday".
    Built from the trigger's own phrase, its subject (a pronoun by the name
    it stands for, a relative pronoun by its antecedent), objects, place and
    date, and a reported clause wherever it stands."""
    trig = c["trigger"]
    doc, sent = trig.doc, trig.sent
    core = {trig.i}
    names: dict[int, str] = {}
    if c["noun"] is not None:
        own = [t.i for t in compact(c["noun"]) if t.i >= trig.i - 6]
        core.update(range(min(own), max(own) + 1))  # "Trump and Putin's call", whole
    verb = c["anchor"] if c["kind"] == "object" else trig if c["kind"] == "verb" else None
    content: list[int] = []
    def whole(tok: Token) -> range:
        own = [t.i for t in compact(tok)]
        return range(min(own), max(own) + 1)

    if verb is not None:
        core.add(verb.i)
        subjects = [ch for ch in verb.children if ch.dep_ in ("nsubj", "nsubjpass")]
        x = verb
        while not subjects and c["kind"] == "object" and x.dep_ in ("xcomp", "conj", "advcl", "pcomp", "prep") \
                and x.head.i != x.i:
            if x.dep_ == "xcomp":
                core.add(x.head.i)  # "agreed to resume aid"
            x = x.head  # "Putin showed ... by holding a meeting": Putin holding a meeting
            subjects = [ch for ch in x.children if ch.dep_ == "nsubj"]
        for subj in subjects:
            if subj.head.i != verb.i:
                core.update(whole(subj))
                if subj.lower_ in PERSON_PRONOUNS:
                    key = ctx.pronoun_actor(subj)
                    if key is not None and ctx.actor_name.get(key):
                        names[subj.i] = ctx.actor_name[key]
        for child in verb.children:
            dep = child.dep_
            if dep in ("nsubj", "nsubjpass"):
                subj = verb.head if child.tag_ in ("WDT", "WP") and verb.dep_ == "relcl" else child
                core.update(i for i in whole(subj) if i >= verb.i - 12 or i >= subj.i - 3)
                if subj.lower_ in PERSON_PRONOUNS:
                    key = ctx.pronoun_actor(subj)
                    if key is not None and ctx.actor_name.get(key):
                        names[subj.i] = ctx.actor_name[key]
            elif dep in ("aux", "auxpass", "neg", "prt", "dobj", "attr", "acomp", "agent", "dative") and \
                    not (dep == "dobj" and c["kind"] == "object"):
                core.update(whole(child))
            elif dep == "prep" and child.lower_ in PARTICIPANT_PREPS | PLACE_PREPS | {"to", "for", "on", "against"}:
                core.update(whole(child))
            elif dep in ("ccomp", "xcomp") and c["type"] in ("statement", "agreement", "proposal", "aid"):
                content = sorted(t.i for t in child.subtree)
        if c["type"] == "statement" and not content and verb.dep_ in ("ccomp", "parataxis") \
                and verb.head.i < verb.i:
            # "Moscow wants X, NBC News wrote": the reported clause is the governing one
            mine = {t.i for t in verb.subtree}
            content = [t.i for t in verb.head.subtree if t.i not in mine and t.i < verb.i]
    if d is not None:
        span = d["span"]
        core.update(range(span.start, span.end))
        if span.start > 0 and doc[span.start - 1].lower_ in DATE_PREPS:
            core.add(span.start - 1)
    line_lo, line_hi = doc_index.line_bounds(doc, trig.idx)
    in_line = lambda i: sent.start <= i < sent.end and line_lo <= doc[i].idx < line_hi
    core = {i for i in core if in_line(i) and i not in content}
    content = [i for i in content if in_line(i)
               and doc[i].text not in QUOTE_MARKS and not doc[i].is_space]
    while content and (doc[content[0]].is_punct or doc[content[0]].lower_ == "that" and content[0] < trig.i):
        content.pop(0)
    while content and doc[content[-1]].is_punct:
        content.pop()
    if len(content) > CONTENT_TOKENS:
        content = content[:CONTENT_TOKENS] + [-1]
    rest = [i for i in core if i not in range(d["span"].start - 1, d["span"].end)] if d is not None else []
    if d is not None and rest and d["span"].end <= trig.i and d["span"].end < min(rest):
        # "Late Wednesday, ... holding a meeting": the date after the happening it dates
        lo = d["span"].start - 1 if d["span"].start - 1 in core else d["span"].start
        first = doc[lo]
        for i in range(d["span"].start - 1, d["span"].end):
            core.discard(i)
        tail = doc[lo:d["span"].end].text
        if first.pos_ != "PROPN" and tail[:1].isupper():
            tail = tail[0].lower() + tail[1:]
        names[max(core)] = names.get(max(core), doc[max(core)].text) + " " + tail
    words = _render(doc, sorted(core), names)
    said = _render(doc, content, names)
    if said and content[0] < trig.i:
        text = f"{words}: {said}"
    elif said:
        text = _render(doc, sorted(set(core) | {i for i in content if i >= 0}), names) + (" …" if content[-1] == -1 else "")
    else:
        text = words
    text = re.sub(r"^(?:the|a|an|The|A|An)\s+", "", text)
    parts = text.split()
    if len(parts) > DESCRIPTION_WORDS:
        text = " ".join(parts[:DESCRIPTION_WORDS]).rstrip(",;:") + " …"
    return text


def _render(doc: Doc, idx: list[int], names: dict[int, str]) -> str:
    """The tokens at `idx` as text: neighbours with their own spacing, gaps as one space."""
    out = []
    idx = [i for i in idx if i == -1 or not (doc[i].is_space or doc[i].text in QUOTE_MARKS)]
    while idx and idx[0] != -1 and (doc[idx[0]].is_punct or doc[idx[0]].pos_ in ("CCONJ", "SCONJ")):
        idx.pop(0)
    while idx and idx[-1] != -1 and (doc[idx[-1]].is_punct or doc[idx[-1]].pos_ in ("CCONJ", "SCONJ", "ADP", "DET")):
        idx.pop()
    for n, i in enumerate(idx):
        if i == -1:
            out.append(" …")
            break
        out.append(names.get(i, doc[i].text))
        nxt = idx[n + 1] if n + 1 < len(idx) else None
        if nxt is not None and nxt != -1:
            if nxt == i + 1:
                out.append(" " if doc[i].whitespace_ else "")
            elif doc[nxt].is_punct:
                out.append("")
            else:
                out.append(" ")
    text = "".join(out).strip()
    text = re.sub(r"\s+([,.;:])", r"\1", text)
    return re.sub(r"\s+", " ", re.sub(r"(,\s*){2,}", ", ", text)).strip(" ,;")
