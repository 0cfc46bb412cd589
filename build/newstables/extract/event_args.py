"""Filling an event mention: its date, place and participants."""
from __future__ import annotations

from spacy.tokens import Token

from .event_context import Context
from .event_parse import clause_chain, clause_head, compact
from .event_modality import is_modal_or_negated
from .event_vocab import triggers

SYMMETRIC = {"meeting", "call", "agreement"}
PATIENT_PREPS = {"of", "on", "against", "to", "into", "over"}
PARTICIPANT_PREPS = {"with", "between", "among"}
AGENT_PREPS = {"by", "from"}
PLACE_PREPS = {"in", "at", "near", "outside", "inside"}
TAKING_PART_PREPS = {"in", "during", "at", "for"}
STRETCH_PREPS = {"until", "till", "since", "throughout", "by"}   # "by 2008": a deadline
DATE_PREPS = {"on", "in", "at", "during", "since", "until", "by", "from", "before", "after", "through", "throughout"}


def choose_date(c: dict, ctx: Context, dated_only: bool) -> dict | None:
    """The date of the trigger's own phrase (rank -1), right beside it or of
    its own clause (0), else of the clauses governing it (1, 2 ...); with
    `dated_only`, only rank 0 or less, and for a dated-only noun rank 0 only
    as the subject or object of its clause."""
    tok, anchor, noun = c["trigger"], c["anchor"], c["noun"]
    dated_only_lemmas = triggers()["dated_only"]
    chain = clause_chain(anchor if anchor is not None else tok)
    own_tokens = set()
    if noun is not None:
        own_tokens = {t.i for t in compact(noun)}
    best = None
    for d in ctx.dates_in(tok):
        if d["root"].i in own_tokens and _modifies_other_noun(d["root"], noun):
            continue  # "a study of the 1993 floods": the floods' year, not the study's
        if _bounds_a_stretch(d["span"]):
            continue  # "house arrest until last September": a stretch of time, no happening's day
        if d["root"].i in own_tokens:
            rank = -1
        elif _next_to(tok, d["span"]) and not _in_clause_below(d["root"], tok):
            rank = 0  # "said on Wednesday", "on Tuesday said", whatever the parse
        else:
            head = clause_head(d["root"])
            if head not in chain:
                continue
            rank = chain.index(head)
        if dated_only and rank > 0:
            continue
        if dated_only and rank == 0 and c["kind"] == "noun" and c["lemma"] in dated_only_lemmas \
                and noun.dep_ not in ("nsubj", "nsubjpass", "dobj", "attr"):
            continue
        key = (rank, d["unresolved"], abs(d["root"].i - tok.i))
        if best is None or key < best[0]:
            best = (key, d)
    return best[1] if best else None


def _modifies_other_noun(root: Token, noun: Token) -> bool:
    """Whether the date hangs on another noun of the phrase before the
    trigger's ("budget plans for 2007-2013" in "negotiations on its budget
    plans ..."; but "talks on Tuesday", "Tuesday's talks" are the talks')."""
    x = root
    for _ in range(8):
        if x.head.i == x.i or x.head.i == noun.i:
            return False
        x = x.head
        if x.pos_ in ("NOUN", "PROPN") and x.ent_type_ not in ("DATE", "TIME"):
            return True
    return False


def _in_clause_below(root: Token, tok: Token) -> bool:
    """The date is the subject or object of a clause under the trigger ("said
    2004 had been a great year"): it is what was said, not when."""
    if root.dep_ not in ("nsubj", "nsubjpass", "attr", "dobj"):
        return False
    head = clause_head(root)
    return head.i != tok.i and any(a.i == tok.i for a in head.ancestors)


def _bounds_a_stretch(span) -> bool:
    start = span[0]
    prev = span.doc[start.i - 1] if start.i > 0 else None
    return start.lower_ in STRETCH_PREPS or prev is not None and prev.lower_ in STRETCH_PREPS


def _next_to(tok: Token, span) -> bool:
    """A date right after the trigger (its object or a preposition between) or
    right before it, with no other verb in between."""
    if span.start > tok.i:
        between = tok.doc[tok.i + 1:span.start]
        return len(between) <= 2 and not any(t.pos_ in ("VERB", "AUX") or t.is_punct for t in between)
    if span.end <= tok.i:
        between = tok.doc[span.end:tok.i]
        return len(between) == 0
    return False


def find_place(c: dict, ctx: Context, own_only: bool = False) -> int | None:
    """A place or country actor in an "in/at X" complement of the trigger (for
    visits also "to X", the object); with `own_only`, of a noun trigger's own
    phrase ("the protest in Paris"), not of the clause it stands in."""
    heads = [t for t in (c["noun"], c["anchor"]) if t is not None]
    if c["kind"] == "verb" or own_only:
        heads = [c["trigger"]]
    candidates = []
    for head in heads:
        for prep in head.children:
            if prep.dep_ == "prep" and (prep.lower_ in PLACE_PREPS or
                                        (c["type"] == "visit" and prep.lower_ in ("to", "for"))):
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        candidates.extend(k for k in ctx.actors(pobj) if ctx.is_place(k))
                        if c["type"] == "visit" and prep.lower_ == "for":
                            # "arrived for talks in Moscow": where the purpose takes place
                            for sub in pobj.children:
                                if sub.dep_ == "prep" and sub.lower_ in PLACE_PREPS:
                                    candidates.extend(k for g in sub.children if g.dep_ == "pobj"
                                                      for k in ctx.actors(g) if ctx.is_place(k))
            if c["type"] == "visit" and prep.dep_ == "dobj" and c["kind"] == "verb":
                candidates.extend(k for k in ctx.actors(prep) if ctx.is_place(k))
                for sub in prep.children:  # "visited the embassy in Moscow"
                    if sub.dep_ == "prep" and sub.lower_ in PLACE_PREPS:
                        candidates.extend(k for g in sub.children if g.dep_ == "pobj"
                                          for k in ctx.actors(g) if ctx.is_place(k))
    if not candidates:
        return None
    places = [k for k in candidates if ctx.actor_type.get(k) == "place"]
    return (places or candidates)[0]


def find_participants(c: dict, ctx: Context, place: int | None) -> tuple[list[list], list[Token]]:
    """[[key, role]] and the tokens heading each participant phrase."""
    symmetric = c["type"] in SYMMETRIC
    agent = "participant" if symmetric else "agent"
    found: list[tuple[int, str]] = []
    heads: list[Token] = []

    def add(tok: Token, role: str):
        if tok.tag_ in ("WDT", "WP") and tok.head.dep_ == "relcl":
            tok = tok.head.head  # "Kursk, which was invaded": the antecedent
        keys = ctx.actors(tok)
        if keys:
            heads.append(tok)
        for key in keys:
            if key == place and c["type"] != "military_action":
                continue
            found.append((key, role))

    def verb_args(verb: Token, with_objects: bool):
        for child in verb.children:
            if child.dep_ in ("nsubj", "csubj"):
                add(child, agent)
            elif child.dep_ == "nsubjpass":
                add(child, "participant" if symmetric else "patient")
            elif child.dep_ in ("dobj", "dative") and with_objects:
                add(child, "participant" if symmetric else "patient")
            elif child.dep_ == "agent":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        add(pobj, agent)
            elif child.dep_ == "prep" and child.lower_ in PARTICIPANT_PREPS | ({"to"} if c["type"] == "aid" else set()):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        add(pobj, "participant" if child.lower_ in PARTICIPANT_PREPS else "patient")

    def noun_args(noun: Token):
        for child in noun.children:
            if child.dep_ == "poss":
                add(child, agent)
            elif child.dep_ in ("compound", "nmod") and ctx.actors(child):
                add(child, "participant" if symmetric else agent)  # "Trump and Putin's call"
            elif child.dep_ == "prep":
                role = ("participant" if child.lower_ in PARTICIPANT_PREPS else
                        agent if child.lower_ in AGENT_PREPS else
                        ("patient" if not symmetric else "participant") if child.lower_ in PATIENT_PREPS else None)
                if role is None:
                    continue
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        add(pobj, role)

    trig = c["trigger"]
    if c["kind"] == "verb":
        verb_args(trig, with_objects=True)
        x = trig
        # "the United States agreed to resume aid": the subject of the governing verb
        while not any(r == agent for _, r in found) and x.dep_ in ("xcomp", "conj") and x.head.i != x.i:
            x = x.head
            for child in x.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    add(child, agent)
        if trig.dep_ == "amod" and trig.head.i in ctx.token_actor:  # misparsed "Russia annexed Crimea"
            add(trig.head, "patient")
        if not any(r == agent for _, r in found):
            # no parsed subject: an actor right before the verb
            for i in range(trig.i - 1, max(trig.sent.start, trig.i - 3) - 1, -1):
                t = trig.doc[i]
                if i in ctx.token_actor:
                    found.append((ctx.token_actor[i], agent))
                    heads.append(t)
                    break
                if t.pos_ in ("VERB", "PUNCT", "SCONJ", "CCONJ"):
                    break
    else:
        noun_args(trig)
        if c["kind"] == "object" and c["anchor"] is not None:
            verb = c["anchor"]
            if verb.head.i == trig.i:  # "sanctions imposed by the EU on Russia"
                verb_args(verb, with_objects=False)
                for child in verb.children:
                    if child.dep_ == "prep" and child.lower_ in ("on", "against"):
                        for pobj in child.children:
                            if pobj.dep_ == "pobj":
                                add(pobj, "patient")
            else:
                verb_args(verb, with_objects=False)
                x = verb
                while not any(r == agent for _, r in found) and x.dep_ in ("xcomp", "conj", "advcl", "pcomp", "prep") \
                        and x.head.i != x.i:  # "Putin showed ... by holding a meeting": Putin
                    x = x.head
                    for child in x.children:
                        if child.dep_ in ("nsubj",):
                            add(child, agent)
                for child in verb.children:
                    if child.dep_ == "prep" and child.lower_ in ("on", "against", "to", "for"):
                        for pobj in child.children:
                            if pobj.dep_ == "pobj":
                                add(pobj, "patient")
        elif c["anchor"] is not None and c["type"] in SYMMETRIC | {"statement"} \
                and not is_modal_or_negated(c["anchor"]) and (
                trig.dep_ == "dobj" or trig.dep_ == "pobj" and trig.head.lower_ in TAKING_PART_PREPS
                and trig.head.head.i == c["anchor"].i):
            # "X held talks with Y"; "in a call with Y, X said", "X arrived for talks",
            # "X said during a press conference with Y"; "Speaking at a press conference, X said"
            anchor = c["anchor"]
            if anchor.tag_ == "VBG" and anchor.dep_ == "advcl" and not any(
                    ch.dep_ == "nsubj" for ch in anchor.children):
                anchor = anchor.head
            role = "agent" if c["type"] == "statement" else "participant"
            for child in anchor.children:
                if child.dep_ == "nsubj":
                    add(child, role)
                elif child.dep_ == "prep" and child.lower_ in PARTICIPANT_PREPS and c["type"] != "statement":
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            add(pobj, "participant")
    if c["type"] == "statement" and not found:
        q = ctx.first_speaker_quote(trig.lower_, trig.sent.start_char, trig.sent.end_char)
        if q is not None:
            found.append((q["speaker"], "agent"))
    out, seen = [], set()
    for key, role in found:
        if (key, role) not in seen and not (role != "agent" and (key, "agent") in seen):
            seen.add((key, role))
            out.append([key, role])
    return out, heads


def place_tokens(c: dict, place: int | None, ctx: Context) -> list[Token]:
    if place is None:
        return []
    heads = [t for t in (c["trigger"], c["anchor"] if c["kind"] == "object" else None) if t is not None]
    for head in heads:
        for prep in head.children:
            if prep.dep_ == "prep":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj" and place in ctx.actors(pobj):
                        return [prep]
    return []


def date_words(d: dict, body: str) -> str:
    """The words that give the date: the date expression with the preposition
    that introduces it ("on Tuesday", "in 2014")."""
    span = d["span"]
    start, end = d["row"]["start"], d["row"]["end"]
    prev = span.doc[span.start - 1] if span.start > 0 else None
    if prev is not None and prev.dep_ == "prep" and span.root.head.i == prev.i \
            and prev.lower_ in DATE_PREPS and body[prev.idx:start].strip() == prev.text:
        start = prev.idx
    return body[start:end]
