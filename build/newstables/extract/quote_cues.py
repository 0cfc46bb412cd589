"""Speech cues on the parse: which tokens report speech, who the source is,
and which clause holds what was said.

Cue words come from `schema/speech_cues.yml`. Cue tokens are found with a
spaCy Matcher (single verbs, verb + particle, phrases such as "according
to"); the cue-to-content arcs (`ccomp`) with a DependencyMatcher. The rest is
walking the dependency tree.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import yaml
from spacy.matcher import DependencyMatcher, Matcher
from spacy.tokens import Doc, Token

from ..settings import SCHEMA_DIR

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "expl"}
CLIMB_DEPS = {"advcl", "xcomp", "conj", "pcomp", "acl", "relcl", "ccomp"}
RELATIVE = {"who", "which", "that", "whom"}


# Word lists of speech_cues.yml read as sets under their own names.
WORD_SETS = ("statement_nouns", "anonymous_heads", "role_heads", "not_sources", "hearer_verbs",
             "hearers", "organization_words", "organization_anaphors", "aside_conjunctions",
             "document_nouns", "naming_verbs", "typed_anaphors", "generic_anaphors",
             "title_abbreviations", "continuing_verbs", "anaphoric_heads", "epithet_heads",
             "publication_nouns", "publication_names")
GENDER_SETS = ("female_titles", "male_titles", "female_names", "male_names")


@lru_cache(maxsize=1)
def cues() -> dict:
    data = yaml.safe_load((SCHEMA_DIR / "speech_cues.yml").read_text(encoding="utf-8"))
    verbs = set()
    for group in data["verbs"].values():
        verbs.update(w.lower() for w in group)
    gender = data.get("gender", {})
    out = {
        "verbs": verbs,
        "particle_verbs": {k.lower(): v.lower() for k, v in (data.get("particle_verbs") or {}).items()},
        "phrases": data.get("phrases") or [],
        "role_synonyms": {k: set(v) for k, v in (data.get("role_synonyms") or {}).items()},
        "definite": set(data.get("definite_determiners") or []),
    }
    out.update({key: set(data.get(key) or []) for key in WORD_SETS})
    out.update({key: set(gender.get(key) or []) for key in GENDER_SETS})
    return out


@dataclass
class Cue:
    head: Token                  # the verb (or "according")
    tokens: list[Token]          # all cue words ("pointed out", "according to")
    source: Token | None = None  # head token of the source
    content: Token | None = None # head of the reported clause (ccomp)
    phrase: str | None = None    # "according to" etc.
    implicit: bool = False       # source taken from a governing clause

    @property
    def text(self) -> str:
        doc = self.head.doc
        first, last = min(t.i for t in self.tokens), max(t.i for t in self.tokens)
        return doc[first:last + 1].text

    @property
    def negated(self) -> bool:
        return any(c.dep_ == "neg" for c in self.head.children)


_matchers: dict = {}


def _matchers_for(vocab):
    key = id(vocab)
    if key in _matchers:
        return _matchers[key]
    data = cues()
    matcher = Matcher(vocab)
    single = sorted(data["verbs"] - set(data["particle_verbs"]))
    matcher.add("VERB", [[{"LEMMA": {"IN": single}}], [{"LOWER": {"IN": single}}]])
    for verb, particle in data["particle_verbs"].items():
        matcher.add("PARTICLE", [[{"LEMMA": verb, "TAG": {"REGEX": "^VB"}}, {"LOWER": particle}]])
    for phrase in data["phrases"]:
        matcher.add("PHRASE:" + phrase["source"], [[{"LOWER": w.lower()} for w in phrase["words"]]])
    dep = DependencyMatcher(vocab)
    dep.add("CONTENT", [[
        {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"TAG": {"REGEX": "^VB"}}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "content",
         "RIGHT_ATTRS": {"DEP": {"IN": ["ccomp"]}}},
    ]])
    _matchers[key] = (matcher, dep)
    return matcher, dep


def find_cues(doc: Doc) -> list[Cue]:
    """Every speech cue of the doc, with its source and content where the
    parse gives them."""
    matcher, dep_matcher = _matchers_for(doc.vocab)
    data = cues()
    found: dict[int, Cue] = {}
    for match_id, start, end in matcher(doc):
        label = doc.vocab.strings[match_id]
        span = doc[start:end]
        if label.startswith("PHRASE:"):
            source_rel = label.split(":", 1)[1]
            if source_rel == "pobj":        # according to X
                head = span[0]
                cue = Cue(head, list(span), phrase=span.text.lower())
                to = span[-1]
                pobj = [c for c in to.children if c.dep_ == "pobj"]
                cue.source = pobj[0] if pobj else None
                found.setdefault(head.i, cue)
            else:                           # made clear, go on to say: a verb
                head = span[0]
                found[head.i] = Cue(head, list(span), phrase=span.text.lower())
        elif label == "PARTICLE":
            head = span[0]
            if span[1].head == head or span[1].dep_ == "prt":
                found[head.i] = Cue(head, list(span))
        elif _verb_like(span[0]):
            found.setdefault(span[0].i, Cue(span[0], [span[0]]))
    # content clauses through the DependencyMatcher
    content_of: dict[int, Token] = {}
    all_content: dict[int, list[int]] = {}
    for _id, (cue_i, content_i) in dep_matcher(doc):
        content_of.setdefault(cue_i, doc[content_i])
        all_content.setdefault(cue_i, []).append(content_i)
    out = []
    for i in sorted(found):
        cue = found[i]
        if cue.phrase == "according to":
            cue.content = _according_content_head(cue.head)
        else:
            heads = [t for t in cue.tokens if t.i in content_of]
            if heads:
                cue.content = content_of[heads[0].i]
                others = [doc[c] for c in sorted(all_content[heads[0].i])
                          if c not in {t.i for t in cue.tokens}]
                if cue.content.i in {t.i for t in cue.tokens} and others:
                    cue.content = others[0]
                elif cue.content.i in {t.i for t in cue.tokens}:
                    # "made clear the UK would ...": the clause hangs from "clear"
                    inner = [c for c in cue.content.children if c.dep_ in ("ccomp", "advcl")
                             and c.pos_ in ("VERB", "AUX")]
                    cue.content = inner[0] if inner else None
            else:
                # "made clear that ...": the clause may hang from "clear"
                for t in cue.tokens[1:]:
                    for c in t.children:
                        if c.dep_ in ("ccomp", "advcl") and c.pos_ in ("VERB", "AUX"):
                            cue.content = c
            if cue.content is not None and (not _good_content(cue.content)
                                            or cue.content.i in {t.i for t in cue.tokens}):
                cue.content = None
            if cue.content is None and cue.head.lemma_.lower() in data["hearer_verbs"]:
                cue.content = _clause_on_hearer(cue.head, data)
            cue.source = source_of(cue.head, data)
            cue.implicit = cue.source is not None and cue.source.head != cue.head \
                and not (cue.head.dep_ == "relcl" and cue.source == cue.head.head)
        out.append(cue)
    return out


def _verb_like(token: Token) -> bool:
    """A cue word used as a verb. The small parser sometimes tags an inverted
    '"...," Sinclair states.' as a noun: accept a non-verb tag only for a
    verb-shaped form that heads its sentence or a clause."""
    if token.tag_.startswith("VB"):
        return True
    if token.pos_ in ("NOUN", "PROPN") and token.lower_.endswith(("s", "ed")) \
            and token.lower_ != token.lemma_.lower() and (
                token.dep_ == "ROOT" or any(c.dep_ == "ccomp" for c in token.children)):
        return True
    return False


def fallback_source(cue: Cue, window: set[int]) -> Token | None:
    """When the parse gives a cue no subject, the noun phrase right next to it
    inside the attribution window: '"...," DeBoer said' / '"...," points out
    the resident'."""
    doc = cue.head.doc
    first = min(t.i for t in cue.tokens)
    last = max(t.i for t in cue.tokens)
    # before the cue: the last word of the window before it must be a name/pronoun/noun
    i = first - 1
    if i in window and doc[i].pos_ in ("PROPN", "PRON", "NOUN") and not doc[i].is_punct:
        return _np_head(doc[i], window)
    # after the cue (inversion)
    j = last + 1
    while j in window and (doc[j].dep_ in ("det", "amod", "prt", "compound", "punct", "poss", "nummod")
                           or doc[j].pos_ in ("DET", "ADJ")) and doc[j].pos_ not in ("PROPN", "PRON"):
        j += 1
    if j in window and doc[j].pos_ in ("PROPN", "PRON", "NOUN"):
        return _np_head(doc[j], window)
    return None


def _np_head(token: Token, window: set[int]) -> Token:
    """Climb compound arcs to the head of the name ("Dmitry" -> "Peskov")."""
    while token.dep_ in ("compound", "flat") and token.head.i in window and token.head.pos_ in ("PROPN", "NOUN"):
        token = token.head
    # a name split over tokens with the last one mislabelled: take the last PROPN
    doc = token.doc
    while token.i + 1 in window and doc[token.i + 1].pos_ == "PROPN" and token.pos_ == "PROPN":
        token = doc[token.i + 1]
    return token


def _clause_on_hearer(verb: Token, data: dict) -> Token | None:
    """'X told BBC Radio 4's Today programme he hoped ...': the small parser
    hangs the content clause on the hearer as a relative clause. A clause
    there with a subject of its own that is no relative pronoun, after a
    hearer (a name, a pronoun or a word such as "reporters"), is the content."""
    for obj in verb.children:
        if obj.dep_ not in ("dobj", "dative") or obj.i < verb.i:
            continue
        hearer = obj.pos_ in ("PROPN", "PRON") or obj.ent_type_ in ("ORG", "PERSON", "NORP", "GPE") \
            or obj.lemma_.lower() in data["hearers"] or obj.lower_ in data["hearers"]
        if not hearer:
            continue
        for clause in obj.children:
            if clause.dep_ not in ("relcl", "ccomp", "acl") or clause.i < obj.i:
                continue
            subj = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
            if not subj or subj[0].lower_ in RELATIVE or subj[0].tag_ in ("WDT", "WP"):
                continue
            if any(c.tag_ in ("WDT", "WP", "WRB") or c.lower_ in RELATIVE and c.dep_ != "mark"
                   for c in clause.children):
                continue
            if subj[0].i < obj.right_edge.i and subj[0].i <= obj.i:
                continue
            if _good_content(clause):
                return clause
    return None


def _good_content(head: Token) -> bool:
    """A reported clause: a finite verb with a subject, not a question. (A
    predicate adjective the parser made the head, 'said Defra had been
    "dreadfully slow"', counts.)"""
    if head.pos_ not in ("VERB", "AUX", "ADJ"):
        return False
    children = list(head.children)
    if head.pos_ == "ADJ" and not any(c.dep_ in ("aux", "auxpass") for c in children):
        return False                    # "declared himself delighted", "the number ... dead"
    if any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in children):
        return False
    first = head.left_edge
    if first.tag_ in ("WDT", "WP", "WP$", "WRB") and first.head.i == head.i:
        return False                    # "asked Smith what he would tell the mayor"
                                        # ("what he wanted was peace" stays: not the verb's own)
    subjects = [c for c in children if c.dep_ in SUBJECT_DEPS]
    if not subjects or subjects[0].lower_.endswith(("self", "selves")):
        return False                    # "declared himself delighted"
    return True


def _according_content_head(according: Token) -> Token | None:
    """The clause "according to X" is attached to."""
    head = according.head
    for _ in range(4):
        if head.pos_ in ("VERB", "AUX"):
            return head
        if head.head == head:
            break
        head = head.head
    return head if head.pos_ in ("VERB", "AUX") else None


def source_of(verb: Token, data: dict | None = None, depth: int = 0) -> Token | None:
    """The head token of whoever speaks through `verb`."""
    data = data or cues()
    children = list(verb.children)
    subj = [c for c in children if c.dep_ in ("nsubj", "csubj")]
    passive = [c for c in children if c.dep_ == "nsubjpass"]
    agent = [c for c in children if c.dep_ == "agent"]
    if agent:
        pobj = [c for c in agent[0].children if c.dep_ == "pobj"]
        if pobj:
            return pobj[0]
    if subj:
        s = subj[0]
        if len(subj) > 1:
            # two subjects are a misparse: of one phrase ("Moscow political
            # analyst Ilya Grashchenkov said") - a person's name is the head; or
            # of a clause ("The people who ... tend to be ..., he said") - the
            # pronoun or name right before the verb speaks
            adjacent = [c for c in subj if c.i == verb.i - 1 and c.pos_ in ("PRON", "PROPN")]
            persons = [c for c in subj if c.ent_type_ == "PERSON"]
            if adjacent:
                s = adjacent[0]
            elif len(persons) == 1:
                s = persons[0]
        if s.lower_ in RELATIVE and verb.dep_ == "relcl":
            return verb.head
        if s.dep_ == "csubj":
            return None
        return s
    if passive:
        # "X was told ..." names the hearer, not the speaker
        return None
    if depth >= 3 or verb.head == verb:
        return None
    head = verb.head
    if verb.dep_ == "conj" and head.dep_ == "relcl" and _after_aside(head, verb):
        # "Wilson tried to revive Factory - which lasted 14 years - but
        # conceded ...": the dashes close the relative clause; the verb after
        # them is the main clause's, not the antecedent's
        governor = head.head.head
        if governor.dep_ == "prep":
            governor = governor.head
        return source_of(governor, data, depth + 1) if governor.pos_ in ("VERB", "AUX") else None
    if verb.dep_ == "conj" and head.lemma_.lower() not in data["verbs"] \
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children):
        # "Reuters reported that Putin ..., but would refuse ... and would
        # insist ...", as parsed: a subjectless non-speech verb between the
        # cue and the subject breaks the chain
        return None
    if verb.dep_ in ("advcl", "xcomp", "conj"):
        if head.pos_ in ("VERB", "AUX"):
            return source_of(head, data, depth + 1)
        return None
    if verb.dep_ == "pcomp" and head.dep_ == "prep":
        # "was quoted as saying"
        target = head.head
        if target.pos_ in ("VERB", "AUX"):
            passive = [c for c in target.children if c.dep_ == "nsubjpass"]
            return passive[0] if passive else source_of(target, data, depth + 1)
        return None
    if verb.dep_ == "acl" and head.lemma_.lower() in data["statement_nouns"]:
        # "X issued a statement saying ..."
        governor = head.head
        if governor.pos_ in ("VERB", "AUX") and head.dep_ in ("dobj", "pobj", "nsubjpass"):
            if head.dep_ == "pobj" and governor.dep_ == "prep":
                governor = governor.head
            return source_of(governor, data, depth + 1)
        return None
    if verb.dep_ == "relcl":
        return None
    return None


ASIDE_MARKS = {"-", "–", "—", "(", ")"}


def _after_aside(relcl: Token, verb: Token) -> bool:
    """A relative clause set off by dashes or brackets ("X - which lasted
    years - but conceded"), with `verb` after its closing mark."""
    doc = relcl.doc
    opening = relcl.left_edge.i - 1
    if opening < 0 or doc[opening].text not in ASIDE_MARKS:
        return False
    return any(t.text in ASIDE_MARKS for t in doc[relcl.i + 1:verb.i])


def speaker_tokens(head: Token) -> list[Token]:
    """The words naming the source: the head with its modifiers, without
    relative clauses and appositions."""
    if head.pos_ == "PRON":
        return [head]
    keep = {head.i}
    left_deps = {"det", "amod", "compound", "poss", "nmod", "nummod", "quantmod",
                 "advmod", "predet", "case", "npadvmod", "prep", "punct"}
    for child in head.children:
        if child.i < head.i and child.dep_ in left_deps:
            if child.dep_ == "punct" and child.text not in ("'", "’", "-"):
                continue
            keep.update(t.i for t in child.subtree)
        elif child.i > head.i:
            if child.dep_ in ("compound", "flat", "case", "nummod"):
                keep.update(t.i for t in child.subtree)
            elif child.dep_ in ("prep",) and child.lower_ in ("for", "of", "at", "from", "with", "in", "on", "close", "familiar"):
                keep.update(t.i for t in child.subtree if not _has_quote_mark(t))
            elif child.dep_ == "amod" and child.lower_ in ("close", "familiar"):
                keep.update(t.i for t in child.subtree)
            elif child.dep_ in ("cc", "conj"):
                keep.update(t.i for t in child.subtree if t.dep_ not in ("relcl", "appos"))
    lo, hi = min(keep), max(keep)
    doc = head.doc
    # stay contiguous and drop edge punctuation
    toks = [t for t in doc[lo:hi + 1]]
    while toks and toks[0].is_punct:
        toks.pop(0)
    while toks and toks[-1].is_punct:
        toks.pop()
    # cut at a comma after the head (apposition left in by the parser)
    out = []
    for t in toks:
        if t.i > head.i and t.text in (",", "(", "—", "–"):
            break
        out.append(t)
    return out or [head]


def _has_quote_mark(token: Token) -> bool:
    return token.text in ('"', "“", "”", "'", "‘", "’")
