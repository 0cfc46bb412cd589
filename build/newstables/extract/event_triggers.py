"""Finding event triggers: one pass over a document's tokens, each looked up
in the trigger vocabulary (`event_vocab`), so the cost grows with the length
of the article and nothing is scanned twice.

A hit is {trigger, anchor, noun, type, lemma, kind}:
- kind "object": a thing noun with its verb ("imposed sanctions", "the bill
  was passed", "released her album"); the verb is the anchor;
- kind "noun": a noun naming a happening ("talks", "the earthquake"); the
  anchor is the verb it depends on;
- kind "verb": a verb ("met", "resigned", "beat") or a phrase ("stepped
  down", "came into force").
Which type an ambiguous word has is decided by its senses: the first sense
whose conditions on subject, object, preposition, particle, modifiers or a
score fit ("beat Arsenal 2-1" is a sports result, "beat the bill" a vote).
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from .event_context import Context
from .event_parse import governor
from .event_vocab import triggers

SUBJECT_DEPS = ("nsubj", "csubj")
NOUN_POS = ("NOUN", "PROPN")
MODIFIER_DEPS = ("compound", "amod", "nmod", "npadvmod")
COMPLEMENT_DEPS = ("advmod", "npadvmod", "attr", "oprd", "dobj", "acomp", "xcomp")
PARTICLES = {"up", "out", "off", "down", "forward", "back", "over", "away", "in"}


def find_candidates(doc: Doc, ctx: Context) -> list[dict]:
    """Every trigger hit of the document, in token order."""
    T = triggers()
    found: list[dict] = []
    consumed_verbs: set[int] = set()
    for tok in doc:
        if tok.pos_ not in NOUN_POS or tok.i in ctx.date_tokens or ctx.in_name(tok):
            continue  # "March 11" is no march, the rapper C-Murder no murder
        lemma = _entry(tok, T)
        hit = _object_noun(tok, lemma, T)
        if hit is not None:
            found.append(hit)
            consumed_verbs.add(hit["anchor"].i)
            continue
        if _is_conj_of_same_object(tok, T):
            continue
        senses = T["nouns"].get(lemma)
        if senses is None or tok.dep_ == "compound" and tok.head.pos_ in NOUN_POS:
            continue
        etype = first_fit(senses, tok, ctx)
        if etype is not None:
            found.append({"trigger": tok, "anchor": governor(tok), "noun": tok, "type": etype,
                          "lemma": lemma, "kind": "noun"})
    for tok in doc:
        if tok.pos_ != "VERB" or tok.i in consumed_verbs or ctx.in_name(tok):
            continue
        lemma = tok.lemma_.lower()
        etype = _phrase_type(tok, lemma, T, ctx) if lemma in T["phrase_verbs"] else None
        if etype is None and lemma in T["verbs"]:
            etype = first_fit(T["verbs"][lemma], tok, ctx)
        if etype is None:
            continue
        if tok.dep_ == "amod" and tok.head.i not in ctx.token_actor:
            continue  # "the proposed ceasefire", "an agreed text": a modifier, not a happening
        if lemma in T["stance_verbs"] and tok.tag_ in ("VBP", "VBZ") and any(
                ch.dep_ == "ccomp" for ch in tok.children):
            continue  # "Moscow and Washington agree that ...": a shared view, an ongoing state
        found.append({"trigger": tok, "anchor": tok, "noun": None, "type": etype, "lemma": lemma,
                      "kind": "verb"})
    # a light verb gives way to a decision it took ("agreed to resume aid"); what it
    # agreed to do that is a happening still to come ("agreed to begin talks") is none
    decisions = {c["anchor"].i for c in found if c["anchor"] is not None and c["type"] in T["decision_types"]}
    light = {c["trigger"].i for c in found if c["kind"] == "verb" and c["lemma"] in T["light_verbs"]}
    return [c for c in found
            if not (c["trigger"].i in light
                    and any(ch.dep_ in ("xcomp", "ccomp") and ch.i in decisions for ch in c["trigger"].children))
            and not (c["anchor"] is not None and c["type"] not in T["decision_types"]
                     and c["anchor"].dep_ == "xcomp" and c["anchor"].head.i in light)]


def _entry(noun: Token, T: dict) -> str:
    """The noun's lemma as the vocabulary lists it: "Awards" and "Oscars" as
    proper nouns keep their plural lemma; their singular is the entry."""
    lemma = noun.lemma_.lower()
    if lemma in T["object_nouns"] or lemma in T["nouns"] or not lemma.endswith("s"):
        return lemma
    return lemma[:-1] if lemma[:-1] in T["object_nouns"] or lemma[:-1] in T["nouns"] else lemma


def _object_noun(tok: Token, lemma: str, T: dict) -> dict | None:
    """A thing noun with one of its verbs: "imposed sanctions", "sanctions
    imposed", "the war began", "resumed aid and intelligence sharing"."""
    groups = T["object_nouns"].get(lemma)
    if not groups:
        return None
    candidates = []
    if tok.dep_ in ("dobj", "nsubjpass", "nsubj", "attr"):
        candidates.append(tok.head)
    elif tok.dep_ == "conj" and tok.head.dep_ in ("dobj", "nsubjpass"):
        candidates.append(tok.head.head)
    elif tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.pos_ == "VERB" \
            and any(c.dep_ == "prt" for c in tok.head.head.children):
        candidates.append(tok.head.head)  # "laid off 500 workers" parsed with a preposition
    candidates.extend(child for child in tok.children if child.dep_ in ("acl", "relcl")
                      and child.tag_ in ("VBN", "VBD", "VBZ", "VBP"))
    for verb in candidates:
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        form = verb_form(verb)
        for group in groups:
            if form in group["verbs"] and not (group["not_prep"] and _preps(tok, group["not_prep"])) \
                    and not any(word_in(m, group["not_modifier"]) for m in _modifiers(tok)):
                return {"trigger": tok, "anchor": verb, "noun": tok, "type": group["type"],
                        "lemma": lemma, "kind": "object"}
    return None


def _is_conj_of_same_object(tok: Token, T: dict) -> bool:
    """"military aid and intelligence sharing": the second noun is part of the
    first one's event, not one of its own."""
    if tok.dep_ != "conj" or tok.head.dep_ not in ("dobj", "nsubjpass", "nsubj"):
        return False
    mine = {g["type"] for g in T["object_nouns"].get(tok.lemma_.lower(), ())}
    theirs = {g["type"] for g in T["object_nouns"].get(tok.head.lemma_.lower(), ())}
    return bool(mine & theirs)


def _phrase_type(tok: Token, lemma: str, T: dict, ctx: Context) -> str | None:
    for phrase in T["phrases"]:
        if phrase["verb"] != lemma:
            continue
        if "particle" in phrase and not _particle(tok, phrase["particle"]):
            continue
        if "prep" in phrase:
            objects = [o for p in _preps(tok, phrase["prep"]) for o in _pobjs(p)]
            if not objects and not _preps(tok, phrase["prep"]):
                continue
        else:
            objects = objects_of(tok)
        if "object" in phrase and not any(word_in(o, phrase["object"]) or _names(o, phrase["object"])
                                          for o in objects):
            continue
        return phrase["type"]
    return None


# --- senses ---------------------------------------------------------------------

def first_fit(senses: list[dict], tok: Token, ctx: Context) -> str | None:
    for sense in senses:
        if fits(sense, tok, ctx):
            return sense["type"]
    return None


def fits(sense: dict, tok: Token, ctx: Context) -> bool:
    """Whether every condition of `sense` holds for the trigger `tok`."""
    if "object" in sense or "object_actor" in sense:
        if not any(_word_or_actor(o, sense.get("object"), sense.get("object_actor"), ctx) for o in objects_of(tok)):
            return False
    if "subject" in sense or "subject_actor" in sense:
        if not any(_word_or_actor(s, sense.get("subject"), sense.get("subject_actor"), ctx) for s in subjects_of(tok)):
            return False
    if "not_subject" in sense and any(word_in(s, sense["not_subject"]) for s in subjects_of(tok)):
        return False
    if "prep" in sense:
        preps = _preps(tok, sense["prep"])
        if not preps:
            return False
        if ("prep_object" in sense or "prep_object_actor" in sense) and not any(
                _word_or_actor(o, sense.get("prep_object"), sense.get("prep_object_actor"), ctx)
                for p in preps for o in _pobjs(p)):
            return False
    if "particle" in sense and not _particle(tok, sense["particle"]):
        return False
    if "not_particle" in sense and _particle(tok, sense["not_particle"]):
        return False
    if "not_object" in sense and any(word_in(o, sense["not_object"]) for o in objects_of(tok)):
        return False
    if sense.get("not_bare_passive") and _bare_passive(tok):
        return False
    if "passive" in sense and _passive(tok) != sense["passive"]:
        return False
    if sense.get("object_propn") and not any(o.pos_ == "PROPN" and not ctx.in_name(o) for o in objects_of(tok)):
        return False
    if "context" in sense and not any(word_in(t, sense["context"]) for t in tok.sent):
        return False
    if "object_words" in sense and not any(word_in(t, sense["object_words"]) for o in objects_of(tok)
                                           for t in o.subtree):
        return False
    if "complement" in sense and not any(c.dep_ in COMPLEMENT_DEPS and word_in(c, sense["complement"])
                                         for c in tok.children):
        return False
    if sense.get("not_clause") and any(c.dep_ == "ccomp" for c in tok.children):
        return False
    if sense.get("intransitive") and any(c.dep_ == "dobj" for c in tok.children):
        return False
    if sense.get("score") and not _has_score(tok, ctx.score_tokens):
        return False
    if "modifier" in sense and not any(word_in(m, sense["modifier"]) for m in _modifiers(tok)):
        return False
    if "not_modifier" in sense and any(word_in(m, sense["not_modifier"]) for m in _modifiers(tok)):
        return False
    if "under_prep" in sense and not (tok.dep_ == "pobj" and tok.head.lower_ == sense["under_prep"]):
        return False
    if sense.get("plural") and tok.tag_ not in ("NNS", "NNPS"):
        return False
    if "not_prep" in sense and _preps(tok, sense["not_prep"]):
        return False
    return True


def _passive(verb: Token) -> bool:
    """"was voted", and "voted by the public" (a participle with its agent)."""
    return any(c.dep_ in ("auxpass", "nsubjpass") or c.dep_ == "agent" and verb.tag_ == "VBN" for c in verb.children)


def _bare_passive(verb: Token) -> bool:
    """A passive without its "by" agent ("was beaten at school")."""
    children = list(verb.children)
    return any(c.dep_ == "auxpass" for c in children) and not any(c.dep_ == "agent" for c in children)


def verb_form(verb: Token) -> str:
    """The verb's lemma with its particle, as object-noun groups list it:
    "lay off", "pick up", "roll out"; a verb with another particle ("set up
    Death Row Records") is not the plain verb."""
    particles = [c.lower_ for c in verb.children
                 if c.dep_ == "prt" or c.dep_ == "advmod" and c.lower_ in PARTICLES and c.i > verb.i]
    return f"{verb.lemma_.lower()} {particles[0]}" if particles else verb.lemma_.lower()


def word_in(tok: Token, words: frozenset[str]) -> bool:
    lower = tok.lower_
    return tok.lemma_.lower() in words or lower in words or (lower.endswith("s") and lower[:-1] in words)


def _names(tok: Token, words: frozenset[str]) -> bool:
    """A multi-word name ending in `tok` ("White House") whose last word is listed."""
    return tok.pos_ == "PROPN" and tok.lower_ in words


def _word_or_actor(tok: Token, words, actor_types, ctx: Context) -> bool:
    if words and word_in(tok, words):
        return True
    return bool(actor_types) and any(ctx.actor_type.get(k) in actor_types for k in ctx.actors(tok))


def subjects_of(verb: Token) -> list[Token]:
    """The subject of the verb, or of the verb it is coordinated with ("met
    and signed"); for a passive, the "by" agent."""
    x = verb
    for _ in range(4):
        subjects = [c for c in x.children if c.dep_ in SUBJECT_DEPS]
        subjects += [g for c in x.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if subjects or x.dep_ != "conj" or x.head.i == x.i:
            break
        x = x.head
    if verb.pos_ in NOUN_POS:
        subjects = [c for c in verb.children if c.dep_ == "poss"]
    return [t for s in subjects for t in _with_conjuncts(s)]


def objects_of(verb: Token) -> list[Token]:
    """The direct object, or the subject of a passive ("was sacked"); an actor
    parsed as an adverbial noun ("beat Arsenal 2-1")."""
    out = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if not out:
        out = [c for c in verb.children if c.dep_ == "npadvmod" and c.pos_ == "PROPN"]
    return [t for o in out for t in _with_conjuncts(o)]


def _with_conjuncts(tok: Token) -> list[Token]:
    return [tok] + [c for c in tok.children if c.dep_ == "conj"]


def _preps(tok: Token, word: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in ("prep", "agent", "dative") and c.lower_ == word]


def _pobjs(prep: Token) -> list[Token]:
    return [t for c in prep.children if c.dep_ in ("pobj", "pcomp") for t in _with_conjuncts(c)]


def _particle(tok: Token, word: str) -> bool:
    """A particle after the verb ("stepped down", "sworn in"), not a preposition
    with its object ("swore in January")."""
    return any(c.dep_ in ("prt", "advmod", "prep", "acomp") and c.lower_ == word and c.i > tok.i
               and not any(g.dep_ in ("pobj", "pcomp") for g in c.children) for c in tok.children)


def _modifiers(tok: Token) -> list[Token]:
    return [c for c in tok.children if c.dep_ in MODIFIER_DEPS and c.i < tok.i]


def _has_score(tok: Token, scores: set[int]) -> bool:
    """A score ("2-1", "24-18") within a few words of the trigger, in its sentence."""
    lo, hi = max(tok.sent.start, tok.i - 6), min(tok.sent.end, tok.i + 8)
    return any(i in scores for i in range(lo, hi))
