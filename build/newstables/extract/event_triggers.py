"""Finding event triggers in a sentence."""
from __future__ import annotations

from .event_context import Context
from .event_parse import governor
from .event_vocab import triggers


def find_candidates(sent, ctx: Context) -> list[dict]:
    """Trigger hits of one sentence: {trigger, anchor, noun, type, lemma}."""
    T = triggers()
    found = []
    consumed_verbs = set()
    for tok in sent:
        lemma = tok.lemma_.lower()
        # a thing noun with its verb: "imposed sanctions", "sanctions imposed", "the war began"
        if tok.pos_ in ("NOUN", "PROPN") and lemma in T["object_nouns"]:
            spec = T["object_nouns"][lemma]
            verb = None
            if tok.dep_ in ("dobj", "nsubjpass", "nsubj", "attr") and tok.head.lemma_.lower() in spec["verbs"]:
                verb = tok.head
            elif tok.dep_ == "conj" and tok.head.dep_ in ("dobj", "nsubjpass", "nsubj") \
                    and tok.head.lemma_.lower() in T["object_nouns"] \
                    and T["object_nouns"][tok.head.lemma_.lower()]["type"] == spec["type"]:
                continue  # "military aid and intelligence sharing": one event
            elif tok.dep_ == "conj" and tok.head.dep_ in ("dobj", "nsubjpass") \
                    and tok.head.head.lemma_.lower() in spec["verbs"]:
                verb = tok.head.head
            else:
                for child in tok.children:
                    if child.dep_ in ("acl", "relcl") and child.lemma_.lower() in spec["verbs"] \
                            and child.tag_ in ("VBN", "VBD", "VBZ", "VBP"):
                        verb = child
                        break
            if verb is not None and verb.pos_ in ("VERB", "AUX"):
                found.append({"trigger": tok, "anchor": verb, "noun": tok, "type": spec["type"],
                              "lemma": lemma, "kind": "object"})
                consumed_verbs.add(verb.i)
                continue
        if tok.pos_ in ("NOUN", "PROPN") and lemma in T["nouns"]:
            if tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN"):
                continue
            if lemma == "call" and any(c.dep_ == "prep" and c.lower_ == "for" for c in tok.children):
                continue  # "calls for a ceasefire"
            if lemma == "talk" and tok.tag_ != "NNS":
                continue  # "talk of a truce"; talks are plural
            found.append({"trigger": tok, "anchor": governor(tok), "noun": tok,
                          "type": T["nouns"][lemma], "lemma": lemma, "kind": "noun"})
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ != "VERB" or tok.i in consumed_verbs:
            continue
        etype = None
        for phrase in T["phrases"]:
            if phrase["verb"] != lemma:
                continue
            for prep in tok.children:
                if prep.dep_ == "prep" and prep.lower_ == phrase["prep"]:
                    objects = [c.lemma_.lower() for c in prep.children if c.dep_ == "pobj"]
                    if not phrase.get("object") or set(objects) & set(phrase["object"]):
                        etype = phrase["type"]
        if etype is None:
            etype = T["verbs"].get(lemma)
        if etype is None:
            continue
        if tok.dep_ == "amod" and tok.head.i not in ctx.token_actor:
            continue  # "the proposed ceasefire", "an agreed text": a modifier, not a happening
        if lemma in T["stance_verbs"] and tok.tag_ in ("VBP", "VBZ") and any(
                ch.dep_ == "ccomp" for ch in tok.children):
            continue  # "Moscow and Washington agree that ...": a shared view, an ongoing state
        if lemma in T["verb_objects"]:
            allowed = T["verb_objects"][lemma]
            objects = [c for c in tok.children if c.dep_ == "dobj"]
            if allowed and not any(o.lemma_.lower() in allowed or
                                   any(ctx.is_place(k) for k in ctx.actors(o)) for o in objects):
                continue  # "seized the initiative"
            if not allowed and objects:
                continue  # "advance a plan"
        found.append({"trigger": tok, "anchor": tok, "noun": None, "type": etype, "lemma": lemma,
                      "kind": "verb"})
    # a light verb gives way to its event complement ("agreed to resume aid")
    anchors = {c["anchor"].i for c in found if c["anchor"] is not None}
    out = []
    for c in found:
        tok = c["trigger"]
        if c["kind"] == "verb" and c["lemma"] in T["light_verbs"]:
            if any(ch.dep_ in ("xcomp", "ccomp") and ch.i in anchors for ch in tok.children):
                continue
        out.append(c)
    return out
