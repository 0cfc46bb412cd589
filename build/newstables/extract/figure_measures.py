"""What a figure measures and who gives it.

`measures`: words of the figure's sentence, from the parse (the counted
noun, the "of" phrase of a share, the noun a figure modifies, money "in"
or "for" something, else the verb's subject or object), read along the text
where the parse splits lists ("75% of Donetsk, Zaporizhzhia and Kherson
regions"). A restatement in another unit ("$32bn (£16.7bn)") measures what
the figure it restates measures. `source`: "according to ..." or the
speaker of the quote the figure stands in.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Token

from .figure_rules import Rules

if TYPE_CHECKING:
    from .figures import Figure, TokenIndex


_IN_WORD = ("-", "’", "'")             # punctuation inside a word: "clean-up", "Russia’s"


def _phrase(tokens: list[Token], limit: int = 12) -> str | None:
    tokens = [t for t in tokens if not t.is_space]
    while tokens and (tokens[-1].is_punct or tokens[-1].pos_ in ("CCONJ", "ADP", "DET", "PRON", "SCONJ")
                      or tokens[-1].tag_ in ("WDT", "WP")):
        tokens = tokens[:-1]
    while tokens and (tokens[0].is_punct or tokens[0].pos_ in ("CCONJ", "ADP", "DET")):
        tokens = tokens[1:]
    if not tokens:
        return None
    tokens = tokens[:limit]
    doc = tokens[0].doc
    return doc[tokens[0].i:tokens[-1].i + 1].text.strip() or None


def _subtree_without(tok: Token, skip: set[int], limit: int = 12, coordinated: bool = False) -> str | None:
    """The phrase a token heads: its left modifiers, itself, and what follows
    up to a comma, a conjunction or a clause boundary."""
    doc = tok.doc
    left = tok.left_edge.i
    while left < tok.i and (left in skip or doc[left].is_punct):
        left += 1
    for k in range(tok.i - 1, left - 1, -1):
        if k in skip or doc[k].is_punct and doc[k].text not in _IN_WORD:     # "clean-up" stays whole
            left = k + 1
            break
    right = tok.i
    edge = tok.right_edge.i
    k = tok.i + 1
    while k <= edge and k - left < limit:
        t = doc[k]
        if coordinated and (t.dep_ in ("cc", "conj") or t.text == "," and k + 1 <= edge and doc[k + 1].dep_ in ("conj", "compound", "cc")):
            if k in skip:
                break
            right = k
            k += 1
            continue
        if k in skip or t.is_punct and t.text not in _IN_WORD or t.dep_ in ("cc", "relcl") or t.pos_ == "CCONJ" and t.head.i == tok.i:
            break
        if t.tag_ in ("WDT", "WP", "WP$") or t.ent_type_ in ("DATE", "TIME") and not doc[tok.i].ent_type_ in ("DATE", "TIME"):
            break                        # "passengers who will ...", "settlement four years ago"
        right = k
        k += 1
    if coordinated:
        while right + 1 < len(doc) and right + 1 not in skip and doc[right].pos_ == "PROPN" \
                and doc[right + 1].pos_ == "NOUN" and right + 1 - left < limit:
            right += 1                   # "Donetsk, Zaporizhzhia and Kherson regions" (parsed apart)
    return _phrase(list(doc[left:right + 1]), limit)


def restatements(figs: list[Figure], text: str, rules: Rules) -> list[tuple[Figure, Figure]]:
    """Figures in brackets right after a figure of the same dimension restate
    it in another unit: "12,900 acres (5,200 hectares)", "$32bn (£16.7bn;
    24.1bn euros)"; so does ", or" ("a fifth of Ukraine, or about 113,000
    square km"). (restatement, the figure it restates) pairs."""
    out: dict[int, tuple[Figure, Figure]] = {}
    dims = rules.unit_dimensions

    def same_kind(a, b):
        return a.unit and b.unit and a.unit != b.unit and dims.get(a.unit) == dims.get(b.unit) \
            and dims.get(a.unit) not in (None, "count", "share", "scale") and a.per == b.per

    for a, b in zip(figs, figs[1:]):
        between = text[a.end:b.start]
        if a.unit == "count" and a.noun is None and a.kind == "number" and b.currency \
                and re.fullmatch(r"\s*[(\[]\s*", between) and "\n" not in text[figs[0].start:a.start]:
            # "2,435,000 yen ($22,480) ... and 2,380,000 ($21,972)": restated
            # like the amount before it, so in its currency
            like = [o for r, o in out.values() if r.unit == b.unit and o.end <= a.start and o.unit in rules.money_units
                    and not re.search(r"[.!?]\s", text[o.end:a.start])]
            if like:
                a.unit = like[-1].unit
                out[id(b)] = (b, a)
                continue
        if re.fullmatch(r"(?:\s+of\s+[^,;()]{1,60})?\s*,\s*or\s+", between) and b.unit != a.unit:
            out[id(b)] = (b, a)          # "a fifth of Ukraine, or about 113,000 square km"
            continue
        original = a if re.fullmatch(r"\s*[(\[]\s*", between) else \
            out.get(id(a), (None, None))[1] if re.fullmatch(r"\s*[;,/]\s*(?:or\s+)?", between) else None
        if original is not None and same_kind(original, b):
            out[id(b)] = (b, original)
    return list(out.values())


def _of_phrase(of: Token, skip: set[int], limit: int = 12, include_first: bool = False) -> str | None:
    """The words after "of" up to where the phrase ends: "75% of Donetsk,
    Zaporizhzhia and Kherson regions and 99% of ..." -> "Donetsk,
    Zaporizhzhia and Kherson regions". Read along the text, not the parse,
    which often splits such lists. (`include_first`: start at `of` itself,
    for "half the revenue".)"""
    doc = of.doc
    end = of.sent.end
    out: list[Token] = []
    k = of.i if include_first else of.i + 1
    while k < end and len(out) < limit:
        t = doc[k]
        nxt = doc[k + 1] if k + 1 < end else None
        if k in skip or t.pos_ in ("VERB", "AUX") or t.tag_ in ("WDT", "WP", "WP$") or t.lower_ == "according" \
                or t.ent_type_ in ("DATE", "TIME") and out:
            break
        if t.text == ",":
            if nxt is None or nxt.pos_ != "PROPN":
                break
        elif t.is_punct and t.text not in _IN_WORD:
            break
        elif t.lower_ in ("and", "or"):
            if nxt is None or k + 1 in skip or nxt.like_num or nxt.pos_ not in ("PROPN", "NOUN", "ADJ") \
                    or nxt.lower_ in ("more", "less", "fewer", "over", "under", "nearly", "almost", "about", "some", "half"):
                break
        elif t.pos_ == "ADP" and (t.lower_ not in ("of", "in", "at", "on", "from")
                                  or t.lower_ != "of" and t.head not in out):
            break                        # "voters in Ohio", not "territory in a surprising invasion"
        out.append(t)
        k += 1
    return _phrase(out, limit)


def measures(fig: Figure, idx: TokenIndex, rules: Rules) -> str | None:
    """What the figure is about, in words of its sentence: the noun it
    counts or modifies, what it is a share of, what money is spent "in" or
    "for", else the subject (or object) of its verb."""
    toks = idx.covering(fig.start, fig.end)
    if not toks:
        return None
    doc = idx.doc
    skip = {t.i for t in toks}
    if fig.noun is not None and fig.noun.i not in skip:
        return _subtree_without(fig.noun, skip)
    if fig.noun is not None:
        rest = _subtree_without(fig.noun, skip - {fig.noun.i})
        return rest or fig.noun.text
    last = toks[-1]
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    # a share "of" something: "75% of Donetsk ... regions"
    if nxt is not None and nxt.lower_ == "of":
        return _of_phrase(nxt, skip)
    if fig.kind == "fraction" and nxt is not None and nxt.lower_ in ("the", "its", "their", "his", "her", "our", "all"):
        return _of_phrase(nxt, skip, include_first=True)     # "half the subscription revenue"
    for t in toks:
        for child in t.children:
            if child.dep_ == "prep" and child.lower_ == "of" and child.i not in skip:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return _subtree_without(pobj, skip)
    # the noun the figure modifies: "a 30-day ceasefire"
    root = [t for t in toks if t.head.i not in skip] or toks[-1:]
    root = root[-1]
    head = root.head
    if root.dep_ in ("compound", "amod", "nummod", "npadvmod", "quantmod", "nmod") and head.pos_ in ("NOUN", "PROPN") and head.i not in skip:
        return _subtree_without(head, skip)
    if root.dep_ == "appos" and head.pos_ in ("NOUN", "PROPN"):
        return _subtree_without(head, skip)
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN" and head.head.i not in skip:
        # "annual sales of $32bn", "a production capacity of 70 million tonnes"
        return _subtree_without(head.head, skip | {t.i for t in head.subtree})
    # money "in" or "for" something: "£4bn in tax cuts", "£200 for winter fuel"
    if (fig.unit in rules.money_units or fig.currency) and nxt is not None and nxt.lower_ in ("in", "for") and nxt.dep_ == "prep":
        pobj = next((c for c in nxt.children if c.dep_ == "pobj" and c.pos_ == "NOUN" and not c.ent_type_
                     and c.lemma_.lower() not in rules.money_in_not_measured), None)
        if pobj is not None:
            return _subtree_without(pobj, skip)
    # else the subject or object of the governing verb, or of the verb that
    # verb depends on ("the total cost was expected to reach £50bn")
    verb = root
    for _ in range(6):
        if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
            break
        verb = verb.head
    deps = ("nsubj", "nsubjpass", "dobj")
    for level in range(3):
        if verb.pos_ not in ("VERB", "AUX"):
            break
        for dep in deps:
            for child in verb.children:
                if child.dep_ == dep and child.i not in skip:
                    if child.pos_ != "PRON":
                        return _subtree_without(child, skip)
                    if level:
                        return None
        # a verb without a subject of its own takes its head's: "the cost was
        # expected to reach £50bn", "the envoy visited ... and stayed for an
        # hour", "Maddon has lost weight, dropping from 208 pounds" (not a
        # reporting verb's: "'... up to 10,' Bessent said")
        if verb.dep_ not in ("xcomp", "conj", "advcl") or verb.head is verb \
                or verb.dep_ == "conj" and root.dep_ == "dobj":     # "the war killed ..., displaced millions"
            break
        verb, deps = verb.head, ("nsubj", "nsubjpass")
    return None


def source(fig: Figure, sent, text: str, rules: Rules, quotes: list[dict], quote_spans, actors: dict) -> str | None:
    """"according to ..." in the figure's sentence, else the speaker of the
    quote the figure stands in (`quote_spans`: the quotes' (start, end,
    index) as doc_index.Intervals, looked up instead of scanned)."""
    if sent is not None:
        s_text = sent.text
        m = rules.source_re.search(s_text)
        if m:
            rest = s_text[m.start():]
            cut = re.search(r"[,;.:](?:\s|$)|\s[-–—]\s|\n", rest[len(m.group()):])
            phrase = (rest[:len(m.group()) + cut.start()] if cut else rest).strip()
            at = sent.start_char + m.start()
            inside = at <= fig.start < at + len(phrase)
            if len(phrase) > len(m.group()) and not inside:
                return phrase
    for k in sorted(k for _a, _b, k in quote_spans.containing(fig.start)):
        q = quotes[k]
        if fig.end <= q["end"]:
            name = actors.get(q.get("speaker")) if q.get("speaker") is not None else None
            if name or q.get("speaker_text"):
                return name or q["speaker_text"]
    return None
