"""Who a source is: from the words naming it to a local actor key.

- A name: the actor mention that holds the source's head word.
- A pronoun ("he", "she", "it"): the most recent compatible actor that was
  the subject of an earlier sentence or attribution (outside quotations and
  reported clauses), within the same or the two previous paragraphs (four
  for an earlier speaker); further back, the one person the article has
  named so far, if it has named exactly one of a fitting gender. An "it"
  whose own sentence has no actor as subject before it ("Shares in Multiplex
  fell after it said") is the one organisation or country that sentence
  names before it, when it names no other body (persons and places aside).
- An age description ("the 26-year-old"): the one person the article gave
  that age; when it gave no one an age before, the person a "he"/"she" of
  unknown gender would be.
- A definite role description ("the Kremlin spokesman", "the Russian
  president"): the one actor of the article whose title (as actors.py
  recorded it, or as the article puts it next to a mention) fits; none if two
  fit.
  A description whose title lacks a rank word the actor's title has
  ("the home secretary" vs a shadow home secretary) does not fit it.
- A description with a person's name in apposition ("The SNP's leader,
  Nicola Sturgeon, said"), or after titles joined by "and" ("Nortel
  president and chief executive Bill Owens"), or closing it right after a
  role word ("Friends of the Lakes executive director Kerry Jones said",
  parsed with "Friends" as subject), is that person; one ending in a role noun ("a
  Department for Education spokeswoman", however parsed) is the role holder.
- A definite organisation description ("the commission", "the Labour
  party"): the one organisation named earlier whose name has the head word
  and modifiers, or that the description names outright; a class noun
  ("the company", "the utility"; "the Australian firm": a nationality names
  no one) with no name in it is the organisation
  that was the latest subject (within two paragraphs), else the only one
  named so far. A body's kind from the gazetteer counts as its name ("the
  regulator" is Ofcom, "the union" Unison); a noun that says what kind of
  body it is ("union", "regulator") never goes to one of another kind. With
  none named before, the one the article names later ("the committee
  said: ..." ... "The Public Accounts Committee").
- A document ("the RCMP statement", "her statement", "a report by the
  IMF", "Infrastructure Canada's database") speaks for the one actor named
  as its owner; "the statement continued", "the minutes added" with none
  named, for the actor the last document of that noun spoke for (or who
  "said in a statement"); otherwise for nobody.
- A continuing cue ("he added", "she went on"): the pronoun skips a
  subject named inside the last sentence's reported clause ("X did not
  believe Y had tried. But he added" is X's). A definite description that
  names no one ("the England coach added", "the ex-champion added") is the
  speaker credited just before (same or previous paragraph), when that is a
  person and no other person of the article bears the description's role.
  So, with any cue, is a bare "the official" (schema: anaphoric_heads)
  right after a named person spoke ("Ushakov told TV ... The official
  said"); never "the source", which follows anonymous sources.
- An epithet (schema: epithet_heads; "the British actor said", "the pop
  star said", "the England striker said", "the German added"), with any
  cue, when no titled person fits: the person in focus, i.e. the latest
  subject (speakers included; organisations passed over) of the same or the
  previous paragraph, if that is one named person, none other bears the
  word, and the noun's gender allows. So is an age description whose age
  the article gave no one, when others' ages were given ("the
  36-year-old"), unless the person's own given age differs.
- A pronoun whose antecedent is a coordinated subject ("Smith and Jones
  met ... he said"): the one of them its gender allows; none if two fit.
  Subjects naming only bodies ("Disney and ABC failed") are passed over by
  a "he"/"she".
- Anything else (anonymous or generic sources, plural pronouns, several
  people): no actor. Never guess.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Token

from . import doc_index
from .doc_index import Intervals
from .quote_cues import cues, speaker_tokens

MALE_PRONOUNS = {"he", "him", "his", "himself"}
FEMALE_PRONOUNS = {"she", "her", "hers", "herself"}
THING_PRONOUNS = {"it", "its", "itself"}
NONPERSON_TYPES = {"organization", "country", "group"}
UNNAMED = -1                # history key of a subject that is an unnamed person
AGED = re.compile(r"\b(\d{1,3})-year-old\b")
AGE_AFTER = re.compile(r"(?:,\s*(?:aged\s+)?|\s*\()(\d{1,3})[,)]")
AGE_BEFORE = re.compile(r"\b(\d{1,3})-year-old(?:\s+[a-z][a-z-]*){0,3}\s+$")
UNSURE = -2                 # someone else was named since the last subject: no answer
SEVERAL = -3                # history key of a subject naming several actors ("X and Y")
NOT_PERSON_NOUNS = {"study", "report", "survey", "poll", "data", "estimate", "map", "media",
                    "police", "family", "staff", "one", "head", "chief", "general"}


def _words(text: str | None) -> list[str]:
    return re.findall(r"[a-z0-9]+", (text or "").lower())


def _based(token: Token) -> bool:
    """The place in "the Calgary-based railway"."""
    doc = token.doc
    return token.i + 2 < len(doc) and doc[token.i + 1].text == "-" and doc[token.i + 2].lower_ == "based"


def _stem_match(a: str, b: str) -> bool:
    """'russian' ~ 'russia', 'ukrainian' ~ 'ukraine', 'kremlin' ~ 'kremlin'."""
    if a == b:
        return True
    n = max(4, min(len(a), len(b)) - 3)
    return len(a) >= 4 and len(b) >= 4 and a[:n] == b[:n]


HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "lord", "lady", "dame", "prof"}


@lru_cache(maxsize=1)
def DEMONYMS() -> frozenset[str]:
    from .entities import rules
    return frozenset(rules()["demonyms"])


def GIVEN_NAMES() -> set[str]:
    from .entities import rules
    return rules()["given_name_set"]


# rank words: a description without them is not the actor whose title has
# them ("the home secretary" vs "the shadow home secretary")
RANK_QUALIFIERS = {"shadow", "deputy", "vice", "assistant", "junior", "under", "acting", "interim", "ex"}


NAME_STOP = {"the", "mr", "mrs", "ms", "dr", "president", "premier", "minister", "mayor", "said",
             "says", "chief", "coach", "sen", "senator", "rep", "gov", "prof", "sir", "st"}


def add_missing_speakers(doc: Doc, result, sources: list[Token]) -> None:
    """A name that is the source of a speech cue but that the entity layer
    missed ("Nunes said") becomes a person actor of this article, with a
    mention at each place the article writes it. Only plain personal names:
    title-case words, none of them an organisation word, and a single word
    only when the article gives the full name before or writes it
    capitalised mid-sentence."""
    data = cues()
    taken = Intervals((m["start"], m["end"]) for m in result.mentions)
    by_name = {a["name"]: a["key"] for a in result.local_actors}
    by_surname: dict[str, set] = {}     # last word of a person's full name -> keys
    for a in result.local_actors:
        if a.get("type") == "person" and len(a["name"].split()) >= 2:
            by_surname.setdefault(a["name"].split()[-1], set()).add(a["key"])
    next_key = max([a["key"] for a in result.local_actors] + [-1]) + 1
    for token in sources:
        if token is None or token.pos_ != "PROPN":
            continue
        if taken.contains(token.idx):
            continue
        run = [token]
        i = token.i - 1
        while i >= 0 and doc[i].pos_ == "PROPN" and doc[i].dep_ in ("compound", "flat", "nsubj", "aux") \
                and doc[i].whitespace_:
            run.insert(0, doc[i])
            i -= 1
        # an honorific or title before the name is not part of it, and makes a
        # lone surname a person's ("Mr Cable said")
        honorific = False
        marks = [k for k, t in enumerate(run[:-1]) if t.lower_.rstrip(".") in HONORIFICS]
        if marks:
            honorific = True
            run = run[marks[-1] + 1:]
        while len(run) > 1 and run[0].lower_ in NAME_STOP:
            run.pop(0)
        if token.i > 0 and doc[token.i - 1].lower_.rstrip(".") in HONORIFICS:
            honorific = True
        if any(t.ent_type_ in ("NORP", "GPE", "LOC", "DATE", "TIME") or t.lower_ in DEMONYMS() for t in run):
            continue
        words = [t.text for t in run]
        if any(not re.fullmatch(r"[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*", w) for w in words):
            continue
        if any(w.lower() in data["organization_words"] | NAME_STOP | data["anonymous_heads"]
               | data["role_heads"] for w in words):
            continue
        surname = words[-1]
        given = len(words) >= 2 and words[0].lower() in GIVEN_NAMES()
        if not honorific and not given and doc_index.whole_word_matches(doc, surname.lower()):
            continue                          # also a common word ("Claims", "Language"),
                                              # unless a given name precedes it ("Theresa May")
        full = " ".join(words)
        if len(words) == 1:
            # the surname of exactly one person the article already names
            same = by_surname.get(surname, set())
            if len(same) == 1:
                key = next(iter(same))
                for start, end in doc_index.whole_word_matches(doc, surname):
                    if not taken.overlaps(start, end):
                        taken.add(start, end)
                        result.mentions.append({"text": surname, "start": start, "end": end,
                                                "actor": key})
                continue
            best = _full_name_before(doc, surname, token.idx, data)
            if best is None and not honorific and not _written_mid_sentence(doc, surname):
                continue
            full = best or surname
        key = by_name.get(full)
        if key is None:
            key = next_key
            next_key += 1
            by_name[full] = key
            result.local_actors.append({"key": key, "name": full, "type": "person", "title": None,
                                        "affiliation": None, "wikidata": None, "origin": "quote speaker"})
            if len(full.split()) >= 2:
                by_surname.setdefault(full.split()[-1], set()).add(key)
        for form in sorted({full, surname}, key=len, reverse=True):
            for start, end in doc_index.whole_word_matches(doc, form):
                if taken.overlaps(start, end):
                    continue
                taken.add(start, end)
                result.mentions.append({"text": form, "start": start, "end": end, "actor": key})
    result.mentions.sort(key=lambda m: (m["start"], m["end"]))


FULL_NAME_BEFORE = r"\b((?:[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)* ){1,2})%s\b"


def _full_name_before(doc: Doc, surname: str, before: int, data) -> str | None:
    """The last "Given [Middle] Surname" written before offset `before` whose
    first words are no stop words, honorifics or organisation words. A match
    never crosses a line, so only the lines where the surname stands are
    searched, the latest first."""
    body = doc_index.text(doc)
    pattern = re.compile(FULL_NAME_BEFORE % re.escape(surname))
    lines = {doc_index.line_bounds(doc, start) for start, end in doc_index.whole_word_matches(doc, surname)
             if end <= before}
    if before > 0:
        lines.add(doc_index.line_bounds(doc, before - 1))   # the text is cut at `before`
    lines = sorted(lines, reverse=True)
    for line_start, line_end in lines:
        best = None
        for m in pattern.finditer(body, line_start, min(line_end, before)):
            first = m.group(1).split()
            if any(w.lower() in NAME_STOP | HONORIFICS | STOP_WORDS or w.lower() in data["organization_words"]
                   for w in first):
                continue
            best = m.group(0)
        if best is not None:
            return best
    return None


def _written_mid_sentence(doc: Doc, surname: str) -> bool:
    """Is the name written capitalised after a lower-case word or a comma?"""
    body = doc_index.text(doc)
    pattern = re.compile(r"(?<=[a-z,] )" + re.escape(surname) + r"\b")
    return any(pattern.match(body, start) for start, _end in doc_index.whole_word_matches(doc, surname))


class SpeakerResolver:
    def __init__(self, doc: Doc, result, paragraph_of, blocked):
        """`paragraph_of(char)` gives a paragraph number; `blocked(char)` is true
        inside quotations and reported clauses."""
        self.doc = doc
        self.data = cues()
        self.paragraph_of = paragraph_of
        self.blocked = blocked
        self.actors = {a["key"]: a for a in result.local_actors}
        self.mentions = sorted(result.mentions, key=lambda m: (m["start"], m["end"]))
        self.starts = [m["start"] for m in self.mentions]
        self.first_named: dict[int, int] = {}       # actor key -> offset of its first mention
        for m in self.mentions:
            self.first_named.setdefault(m["actor"], m["start"])
        self.persons_by_surname: dict[str, list[int]] = {}
        for key, actor in self.actors.items():
            words = _words(actor.get("name")) if actor.get("type") == "person" else []
            if len(words) >= 2:
                self.persons_by_surname.setdefault(words[-1], []).append(key)
        self.organizations_named = _SoleActor((m["start"], m["actor"]) for m in self.mentions
                                              if self.actors.get(m["actor"], {}).get("type") == "organization")
        self._described: dict[tuple, object] = {}   # descriptions already looked up
        self.roles = self._role_words()
        self.ages = self._ages()
        self.gender = self._genders()
        # subjects outside quotes and reported clauses, in text order
        self.history: list[tuple[int, int]] = []
        # unnamed people as subjects ("a Labour Party spokesman told ...",
        # "the spokeswoman said"): in the history with key UNNAMED, so a later
        # "he"/"she" does not jump over them to someone named before
        self.unnamed: dict[int, Token] = {}
        # subjects of a clause reported by another subject ("X did not believe
        # Y had tried"): a continuing cue's pronoun passes over them
        self.embedded: set[int] = set()
        # speakers credited so far, by source position
        self.credits: list[tuple[int, int]] = []
        self.org_first_credit: dict[int, int] = {}   # organisation -> where it was first credited
        self.first_org_credit = float("inf")          # where any organisation was first credited
        # coordinated subjects ("Smith and Jones met"): the actors they name
        self.several: dict[int, list[int]] = {}
        for token in doc:
            if token.dep_ in ("nsubj", "nsubjpass") and not blocked(token.idx):
                if token.head.dep_ == "ccomp" and any(
                        c.dep_ in ("nsubj", "nsubjpass") and c.i < token.i for c in token.head.head.children):
                    self.embedded.add(token.idx)
                key = self.actor_at(token)
                if key is None:
                    key = self._apposed_person(token)
                named = list(dict.fromkeys(k for k in [key] + [self.actor_at(c) for c in token.conjuncts]
                                           if k is not None))
                if len(named) > 1:
                    self.several[token.idx] = named
                    self.history.append((token.idx, SEVERAL))
                elif key is not None:
                    self.history.append((token.idx, key))
                elif token.head.dep_ in ("ROOT", "conj", "ccomp", "parataxis") \
                        and (self._person_noun(token) or self._unknown_name(token)):
                    self.unnamed[token.idx] = token
                    self.history.append((token.idx, UNNAMED))
        self.history.sort()
        self.documents = {}
        # indexes for look-ups per source: each person's first mention, and
        # each organisation's first mention and the words that name it
        first: dict[int, int] = {}
        self.org_names: dict[int, set[str]] = {}
        for m in self.mentions:
            actor = self.actors.get(m["actor"])
            if actor is None:
                continue
            first.setdefault(m["actor"], m["start"])
            if actor.get("type") == "organization":
                self.org_names.setdefault(m["actor"], set(_words(actor.get("name")))).update(_words(m["text"]))
        self.first_mention = first
        self.person_firsts = sorted((start, key) for key, start in first.items()
                                    if self.actors[key].get("type") == "person")

    def _unknown_name(self, token: Token) -> bool:
        """A capitalised name that no mention holds ("Piers Freelove is ...")."""
        return token.pos_ == "PROPN" and token.ent_type_ == "PERSON" \
            and re.fullmatch(r"[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*", token.text) is not None \
            and token.lower_ not in self.data["organization_words"] | NAME_STOP | HONORIFICS \
            and self.mention_at(token.idx, token.idx + len(token.text)) is None

    def _person_noun(self, token: Token) -> bool:
        """A singular common noun for a person: a role or an anonymous source."""
        if token.pos_ != "NOUN" or token.tag_ != "NN":
            return False
        lemma = token.lemma_.lower()
        words = self.data["role_heads"] | self.data["anonymous_heads"]
        return (lemma in words or token.lower_ in words) and lemma not in NOT_PERSON_NOUNS

    # --- names -------------------------------------------------------------
    def mention_at(self, start: int, end: int):
        i = bisect.bisect_right(self.starts, start)
        best = None
        for m in self.mentions[max(0, i - 8):i + 8]:
            if m["start"] <= start and end <= m["end"]:
                if best is None or m["end"] - m["start"] > best["end"] - best["start"]:
                    best = m
        return best

    def actor_at(self, token: Token):
        m = self.mention_at(token.idx, token.idx + len(token.text))
        if m:
            return m["actor"]
        if token.pos_ == "PROPN":
            return self._by_name(token)
        return None

    def _by_name(self, token: Token):
        """A name the entity layer missed ("Sinclair said") that is the surname
        of exactly one person actor named earlier in the article."""
        word = token.text.lower()
        if not re.sub(r"['’-]", "", word).isalpha() or len(word) < 3:
            return None                       # ("O'Connor" is a name)
        fits = {key for key in self.persons_by_surname.get(word, ()) if self.named_before(key, token.idx)}
        return fits.pop() if len(fits) == 1 else None

    def named_before(self, key: int, offset: int) -> bool:
        """Has the article mentioned actor `key` before `offset`?"""
        return self.first_named.get(key, offset) < offset

    def mentions_between(self, start: int, end: int) -> list[dict]:
        """Mentions starting in [start, end), in text order."""
        return self.mentions[bisect.bisect_left(self.starts, start):bisect.bisect_left(self.starts, end)]

    def history_before(self, offset: int):
        """(position, key) of the subjects before `offset`, latest first."""
        i = bisect.bisect_left(self.history, (offset, -1))
        return (self.history[k] for k in range(i - 1, -1, -1))

    # --- actors' titles and genders ------------------------------------------
    def _role_words(self) -> dict[int, set[str]]:
        roles: dict[int, set[str]] = {}
        for key, actor in self.actors.items():
            roles[key] = set(_words(actor.get("title"))) | set(_words(actor.get("affiliation")))
            roles[key].update(w.lower() for w in actor.get("title_words") or [])
            # "Trump's special envoy Steve Witkoff": "Trump's envoy" fits him
            roles[key].update(_words(actor.get("patron")))
        for m in self.mentions:
            if m["actor"] not in roles:
                continue
            span = self.doc.char_span(m["start"], m["end"], alignment_mode="expand")
            if span is None or not len(span):
                continue
            head = span.root
            # "Kremlin spokesman Dmitry Peskov": compounds before the name
            for child in head.children:
                if child.i < span.start and child.dep_ in ("compound", "amod", "nmod", "poss"):
                    roles[m["actor"]].update(_words(" ".join(t.text for t in child.subtree)))
                if child.dep_ == "appos":
                    # "Konstantin Kosachev, chairman of ..."
                    roles[m["actor"]].update(_words(child.text))
                    for gc in child.children:
                        if gc.dep_ in ("compound", "amod", "prep"):
                            roles[m["actor"]].update(_words(" ".join(t.text for t in gc.subtree))[:6])
            title = head.head
            if head.dep_ == "appos" and (title.pos_ == "NOUN" or title.pos_ == "PROPN" and (
                    title.lemma_.lower() in self.data["role_heads"] or title.lower_ in self.data["role_heads"])
                    and self.mention_at(title.idx, title.idx + len(title.text)) is None):
                # "the Kremlin's spokesman, Dmitry Peskov"; "The Bishop of
                # Durham, the Rt Rev Dr Tom Wright" (a capitalised role word)
                roles[m["actor"]].update(_words(" ".join(t.text for t in head.head.subtree
                                                          if t.i < head.i))[-6:])
                roles[m["actor"]].add(title.lower_)   # (however long the words between)
        return roles

    def _ages(self) -> dict[int, tuple[set[int], int]]:
        """Ages the article gives persons ("Nino Niederreiter, 26, ...",
        "26-year-old forward Nino Niederreiter", "Smith (26)"), with the
        offset of the first mention that states one."""
        text = self.doc.text
        out: dict[int, tuple[set[int], int]] = {}
        for m in self.mentions:
            after = AGE_AFTER.match(text, m["end"])
            before = AGE_BEFORE.search(text[max(0, m["start"] - 60):m["start"]])
            for found in (after, before):
                if found:   # mentions come in text order: the first one stays
                    out.setdefault(m["actor"], (set(), m["start"]))[0].add(int(found.group(1)))
        return out

    def _genders(self) -> dict[int, str | None]:
        data = self.data
        out: dict[int, str | None] = {}
        for key, actor in self.actors.items():
            if actor.get("type") != "person":
                continue
            words = _words(actor.get("name"))
            roles = self.roles.get(key, set())
            g = None
            if words and words[0] in data["female_names"]:
                g = "f"
            elif words and words[0] in data["male_names"]:
                g = "m"
            if roles & data["female_titles"]:
                g = "f"
            elif roles & data["male_titles"] and g is None:
                g = "m"
            given = actor.get("gender")
            if given in ("male", "female"):
                g = given[0]
            out[key] = g
        # "Mr Peskov" / "Ms Zakharova" in the text
        text = self.doc.text  # built anew on every access: read it once
        for m in self.mentions:
            before = text[max(0, m["start"] - 6):m["start"]].lower().strip().rstrip(".")
            last = before.split()[-1] if before.split() else ""
            if last in ("mr", "sir"):
                out[m["actor"]] = "m"
            elif last in ("mrs", "ms", "miss", "madam"):
                out[m["actor"]] = "f"
        return out

    speaker_positions: set = set()
    documents: dict                           # document noun -> actor it was last credited to

    def _personal_name(self, name: str | None) -> bool:
        """An 'organisation' whose name reads like a person's ("Lonechild"): the
        entity layer's mistake, still a speaker a "she" may refer to."""
        words = (name or "").split()
        if not words or words[0].lower() not in GIVEN_NAMES():
            return False
        return 2 <= len(words) <= 3 and all(re.fullmatch(r"[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*", w) for w in words) \
            and not any(w.lower() in self.data["organization_words"] for w in words)

    # --- resolution -------------------------------------------------------------
    def remember(self, position: int, key: int):
        bisect.insort(self.history, (position, key))

    def credit(self, source: Token, key: int | None):
        """`source` was credited to `key` (None: to no one). A description
        so resolved ("The company said") is a later "it"'s antecedent too."""
        bisect.insort(self.credits, (source.idx, -1 if key is None else key))
        if key is not None and self.actors.get(key, {}).get("type") == "organization":
            # where organisations first spoke (what _latest_organization asks)
            self.org_first_credit[key] = min(self.org_first_credit.get(key, source.idx), source.idx)
            self.first_org_credit = min(self.first_org_credit, source.idx)
        if key is not None and source.pos_ == "NOUN" and source.dep_ in ("nsubj", "nsubjpass") \
                and self.actor_at(source) is None and not self._in_history(source.idx, key):
            self.remember(source.idx, key)

    def _in_history(self, position: int, key: int) -> bool:
        i = bisect.bisect_left(self.history, (position, key))
        return i < len(self.history) and self.history[i] == (position, key)

    def _continuing(self, head: Token) -> bool:
        """The source of "added", "continued", "went on"."""
        verb = head.head
        if head.dep_ not in ("nsubj", "nsubjpass") or verb.lemma_.lower() not in self.data["continuing_verbs"]:
            return False
        return verb.lemma_.lower() != "go" or any(c.lower_ == "on" for c in verb.children)

    def _same_speaker(self, head: Token, tokens: list[Token]) -> int | None:
        """'Andy Robinson said ... However, the England coach added that ...':
        a definite description naming no one, as source of a continuing cue,
        is the person credited just before, unless another person of the
        article bears its role word."""
        data = self.data
        lemma = head.lemma_.lower()
        first = tokens[0]
        while first.i >= 2 and first.doc[first.i - 1].text == "-" and first.doc[first.i - 2].is_lower:
            first = first.doc[first.i - 2]    # "the ex-Wallaby", split by the parser
        if first.i and first.doc[first.i - 1].lower_ in data["definite"] and first is not tokens[0]:
            first = first.doc[first.i - 1]
        if first.lower_ not in data["definite"] or head.tag_ not in ("NN", "NNP"):
            return None
        nouns = data["anonymous_heads"] | data["organization_words"] | data["organization_anaphors"] \
            | data["typed_anaphors"] | data["generic_anaphors"] | data["document_nouns"]
        anaphoric = lemma in data["anaphoric_heads"] and first is tokens[0] and len(tokens) == 2 \
            and not any(t.lemma_.lower() == lemma and self.paragraph_of(head.idx) - self.paragraph_of(p) <= 2
                        for p, t in self.unnamed.items() if p < head.idx)
        # (not just after "a Russian official told ...": that official, unnamed)
        if (lemma in nouns or head.lower_ in nouns) and not anaphoric:
            return None
        if not (anaphoric or head.pos_ == "PROPN" or lemma in data["role_heads"] or head.lower_ in data["role_heads"]):
            return None
        for t in tokens:                      # "the England coach" may name a team, not a person
            m = self.mention_at(t.idx, t.idx + len(t.text))
            if m is not None and self.actors.get(m["actor"], {}).get("type") not in ("country", "place", "organization"):
                return None
        i = bisect.bisect_left(self.credits, (head.idx, -1))
        if not i:
            return None
        position, key = self.credits[i - 1]
        if key < 0 or self.actors.get(key, {}).get("type") != "person" \
                or self.paragraph_of(head.idx) - self.paragraph_of(position) > 1:
            return None
        if self._role_holders(lemma) - {key}:
            return None
        return key

    def _epithet_person(self, head: Token, tokens: list[Token], age: int | None = None) -> int | None:
        """'Groenefeld could not match her. "...," said the German.' / 'Irons
        said ... "...," the British actor said': a definite epithet that
        names no person before its head word is the person in focus: the
        latest subject (a credited speaker included) in this or the previous
        paragraph, passing over organisations, when that is a named person
        (not an unnamed one nor several), no other person of the article
        bears the word, and the noun's gender (or, for "the 36-year-old",
        an age the article gave them) does not rule them out."""
        data = self.data
        if tokens[0].lower_ not in data["definite"]:
            return None
        for t in tokens:
            if t.i < head.i and not (t.i + 1 < len(self.doc) and self.doc[t.i + 1].text == "-"):
                # (not the name in "the Oscar-nominated actor")
                m = self.mention_at(t.idx, t.idx + len(t.text))
                if m is not None and self.actors.get(m["actor"], {}).get("type") == "person":
                    return None               # "the Smith family spokesman": someone else's
        here = self.paragraph_of(head.idx)
        for position, key in self.history_before(head.idx):
            if here - self.paragraph_of(position) > 1 or key < 0:
                return None
            actor = self.actors.get(key)
            subject = self.doc.char_span(position, position + 1, alignment_mode="expand")
            plural = subject is not None and len(subject) and (
                subject[0].tag_ == "NNPS" or subject[0].i and self.doc[subject[0].i - 1].lower_ == "the")
            if actor is None or actor.get("type") in ("organization", "country", "place") or plural:
                continue                      # "The club have confirmed", "the Gunners seek": not a person
            if actor.get("type") != "person":
                return None
            noun_gender = "f" if head.lower_ in data["female_titles"] else \
                "m" if head.lower_ in data["male_titles"] else None
            if noun_gender and self.gender.get(key) not in (None, noun_gender):
                return None
            if age is not None and self.ages.get(key, (set(), 0))[0] - {age}:
                return None                   # the article gave them another age
            if age is None and self._role_holders(head.lemma_.lower()) - {key}:
                return None
            return key
        return None

    def _role_holders(self, lemma: str) -> set[int]:
        """The persons of the article whose role words match `lemma` (worked out once per word)."""
        lookup = ("role holders", lemma)
        if lookup not in self._described:
            self._described[lookup] = {k for k, actor in self.actors.items() if actor.get("type") == "person"
                                       and any(_stem_match(lemma, w) for w in self.roles.get(k, set()))}
        return self._described[lookup]

    def resolve(self, head: Token, tokens: list[Token]) -> int | None:
        """The local actor key for a source whose head word is `head`."""
        data = self.data
        lower = head.lower_
        named = self._name_after_titles(head)
        if named is None:
            named = self._name_closing_a_title(head, tokens)
        if named is not None:
            return named                      # "Nortel president and chief executive Bill Owens"
        if any(c.dep_ == "conj" and not self._apposition_as_conj(head, c) for c in head.children) or any(
                t.lower_ in ("and", "&") and t.head.i == head.i for t in tokens):
            return None                       # several sources ("the Trade and Industry
                                              # Secretary" is one)
        if head.pos_ == "PRON" or lower in MALE_PRONOUNS | FEMALE_PRONOUNS | THING_PRONOUNS:
            return self._pronoun(head, continuing=self._continuing(head))
        if lower in data["not_sources"]:
            return None
        if (head.lemma_.lower() in data["document_nouns"] or lower in data["document_nouns"]) \
                and head.pos_ == "NOUN" and self.actor_at(head) is None:
            # (a person in apposition still wins: "Following Mr Straw's
            # announcement, lawyer Louise Christian said", as parsed)
            named = self._apposed_person(head)
            return named if named is not None else self._document_owner(head)
        age = AGED.search(" ".join(t.text for t in tokens).replace(" - ", "-"))
        if age and head.pos_ != "PROPN" and tokens[0].lower_ in data["definite"]:
            # "the 26-year-old right wing": the one person the article gave that age
            fits = [k for k, (ages, first) in self.ages.items() if int(age.group(1)) in ages and first < head.idx]
            if len(fits) == 1 and self.actors.get(fits[0], {}).get("type") == "person":
                return fits[0]
            if not fits and not any(first < head.idx for _ages, first in self.ages.values()):
                # no age given anyone before: the person the text is about,
                # found as for a "he"/"she" ("Spector ... The 64-year-old has denied")
                return self._pronoun(head, as_person=True)
            if not fits:
                # others' ages given, none this one: the person in focus, as
                # for an epithet ("The 32-year-old Spaniard ... Desailly says
                # ... "...," the 36-year-old said")
                return self._epithet_person(head, tokens, age=int(age.group(1)))
            return None
        last = tokens[-1]
        if last.i > head.i and head.pos_ != "PROPN" and self._apposed_person(head) is not None:
            # "Zelensky's chief of staff, Andrey Yermak, said": the name, not "staff"
            return self._apposed_person(head)
        if last.i > head.i and last.pos_ == "NOUN" and (
                last.lemma_.lower() in data["role_heads"] | data["anonymous_heads"]
                or last.lower_ in data["role_heads"] | data["anonymous_heads"]):
            # "a Department for Education spokeswoman" parsed with the
            # department as head: the source is the spokeswoman
            return self._description(last, tokens)
        if head.pos_ != "PROPN":
            named = self._apposed_person(head)
            if named is not None:
                return named
        key = self.actor_at(head)
        if key is None:
            # "The Lord Chancellor, Lord Falconer, said" (a title parsed as a name)
            named = self._apposed_person(head)
            if named is not None:
                return named
        if key is not None:
            if head.pos_ != "PROPN" and head.lemma_.lower() in data["anonymous_heads"]:
                return None
            return key
        if head.pos_ == "PROPN" and lower not in data["role_heads"] \
                and lower not in data["organization_words"]:
            if self._continuing(head):
                return self._same_speaker(head, tokens)
            return self._epithet_person(head, tokens) if self._epithet(head) else None
        key = self._description(head, tokens)
        if key is None and self._continuing(head):
            return self._same_speaker(head, tokens)
        if key is None and self._epithet(head):
            return self._epithet_person(head, tokens)
        return key

    def _epithet(self, head: Token) -> bool:
        """'the British actor', 'the pop star', 'the Spaniard': a singular
        occupation or nationality noun (schema: epithet_heads, demonyms)."""
        if head.tag_ not in ("NN", "NNP") or head.pos_ not in ("NOUN", "PROPN"):
            return False
        return head.lemma_.lower() in self.data["epithet_heads"] or head.lower_ in self.data["epithet_heads"] \
            or head.lower_ in DEMONYMS()

    def _document_owner(self, head: Token) -> int | None:
        """'The RCMP statement said', 'her statement said', 'a statement from
        the EU said', 'according to Infrastructure Canada's database': a
        document speaks for the one actor the description names as its
        owner (a possessive, a name before the noun, "from"/"by" after it);
        a document with no owner named ("the report said") for nobody."""
        owners = set()
        for child in head.children:
            if child.dep_ == "poss":
                if child.pos_ == "PRON":
                    owners.add(self._pronoun(child))
                else:
                    key = self.actor_at(child)
                    if key is None and child.pos_ == "NOUN":
                        key = self._org_description(child, speaker_tokens(child))
                    owners.add(key)
            elif child.dep_ in ("compound", "amod", "nmod") and child.i < head.i and (
                    child.pos_ == "PROPN" or child.text[:1].isupper() and self.mention_at(
                        child.idx, child.idx + len(child.text)) is not None):
                owners.add(self.actor_at(child))      # "An FIA statement", FIA parsed as an adjective
            elif child.dep_ in ("prep", "agent") and child.lower_ in ("from", "by") and child.i > head.i:
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        owners.add(self.actor_at(obj))
        owners.discard(None)
        if not owners and head.i > 0 and head.doc[head.i - 1].lower_ in self.data["definite"] \
                and all(c.dep_ in ("det", "punct") for c in head.children if c.i < head.i):
            # "The statement continued:", "the minutes added": the document
            # last credited to someone, with the same noun (or the statement
            # a speaker gave: "X said in a statement")
            return self.documents.get(head.lemma_.lower())
        if len(owners) != 1:
            return None
        key = owners.pop()
        if self.actors.get(key, {}).get("type") not in ("person", "organization", "country"):
            return None
        self.documents[head.lemma_.lower()] = key
        return key

    def _name_after_titles(self, head: Token) -> int | None:
        """'said Nortel president and chief executive Bill Owens': two titles
        joined by "and" before a name, parsed as a title and a second source,
        are one person's: the name's, when it is a person's and only
        lower-case title words and "and" stand between."""
        if head.pos_ != "NOUN" or not head.is_lower or not (
                head.lemma_.lower() in self.data["role_heads"] or head.lower_ in self.data["role_heads"]):
            return None
        conjs = [c for c in head.children if c.dep_ == "conj"]
        if len(conjs) != 1 or conjs[0].pos_ != "PROPN" or conjs[0].i < head.i:
            return None
        name = conjs[0]
        for t in head.doc[head.i + 1:name.i]:
            if not (t.lower_ in ("and", "&") or t.is_lower and t.is_alpha
                    or t.pos_ == "PROPN" and t.head.i == name.i and t.dep_ == "compound"):
                return None
        key = self.actor_at(name)
        return key if key is not None and self.actors.get(key, {}).get("type") == "person" else None

    def _name_closing_a_title(self, head: Token, tokens: list[Token]) -> int | None:
        """'"...," Friends of the Lakes executive director Kerry Jones said':
        the parser made the body's first word the subject and hung the title
        and name under it. A source phrase ending in a person's name with a
        lower-case role word right before it (no comma) is that person."""
        if not tokens or head.pos_ == "PRON" or tokens[-1].i == head.i:
            return None
        last = tokens[-1]
        key = self.actor_at(last)
        if key is None or key == self.actor_at(head) or self.actors.get(key, {}).get("type") != "person":
            return None
        first = last
        while first.i > tokens[0].i and self.actor_at(first.doc[first.i - 1]) == key:
            first = first.doc[first.i - 1]
        role = first.doc[first.i - 1] if first.i > tokens[0].i else None
        roles = self.data["role_heads"]
        if role is None or not role.is_lower or not (role.lemma_.lower() in roles or role.lower_ in roles):
            return None
        return key

    @staticmethod
    def _apposition_as_conj(head: Token, conj: Token) -> bool:
        """'Amanda Nash, health promotion and nutrition manager with ...,
        said': the parser made the role a second subject; a lower-case noun
        after just a comma is the name's apposition, not another source."""
        between = [t for t in head.doc[head.i + 1:conj.left_edge.i]]
        return head.pos_ == "PROPN" and conj.pos_ == "NOUN" and conj.is_lower \
            and [t.text for t in between] == [","]

    def _apposed_person(self, head: Token) -> int | None:
        """'The SNP's Holyrood leader, Nicola Sturgeon, said': a description
        with a person's name in apposition is that person."""
        for child in head.children:
            if child.dep_ != "appos" or child.i < head.i or child.pos_ != "PROPN":
                continue
            key = self.actor_at(child)
            if key is not None and self.actors.get(key, {}).get("type") == "person":
                return key
        return None

    def _pronoun(self, head: Token, as_person: bool = False, continuing: bool = False) -> int | None:
        """The actor a pronoun stands for; with `as_person`, a description
        read like a "he" or "she" of unknown gender ("the 64-year-old");
        with `continuing` ("he added"), not a subject of a reported clause."""
        lower = head.lower_
        if as_person:
            want, bad_gender = "person", ""
        elif lower in MALE_PRONOUNS:
            want, bad_gender = "person", "f"
        elif lower in FEMALE_PRONOUNS:
            want, bad_gender = "person", "m"
        elif lower in THING_PRONOUNS:
            want, bad_gender = "thing", None
        else:
            return None                       # I, we, they, you: not resolved
        here = self.paragraph_of(head.idx)
        i = bisect.bisect_left(self.history, (head.idx, -1))
        if want == "thing":
            named = self._sentence_body(head, i)
            if named is not None:
                return named
        if want == "person":
            named = self._previous_sentence_person(head, bad_gender, self.history[i - 1][0] if i else -1)
            if named == UNSURE:
                return None
            if named is not None:
                return named
        for position, key in self.history_before(head.idx):
            if continuing and position in self.embedded:
                continue
            distance = here - self.paragraph_of(position)
            if distance > 4 or distance > 2 and position not in self.speaker_positions:
                # far back: only an earlier speaker, or the one person the
                # article has named so far
                return self._only_person(head, bad_gender, position) if want == "person" else None
            if key == SEVERAL:
                # "Smith and Jones ... he said": the one person of them the
                # pronoun's gender allows, else unsure
                persons = [k for k in self.several[position] if self.actors.get(k, {}).get("type") == "person"]
                if want == "person" and not persons:
                    continue                  # "Disney and ABC failed ...," he said': no person there
                fits = [k for k in persons if not (bad_gender and self.gender.get(k) == bad_gender)]
                return fits[0] if want == "person" and len(fits) == 1 else None
            if key == UNNAMED:
                found = self._unnamed_person(self.unnamed[position], bad_gender)
                if found is False:
                    continue                  # "a spokeswoman ... he said": not her
                return found                  # the person described, if named; else nobody
            actor = self.actors.get(key)
            if actor is None:
                continue
            kind = actor.get("type")
            if want == "person":
                if kind != "person" and not (kind == "organization" and position in self.speaker_positions
                                             and self._personal_name(actor.get("name"))):
                    continue
                if bad_gender and self.gender.get(key) == bad_gender:
                    continue
                return key
            if kind in NONPERSON_TYPES and kind != "group":
                return key                    # not "it" for "Canadians"
            if kind == "person":
                return None                   # "it" after a person: unsure
        return self._only_person(head, bad_gender, -1) if want == "person" else None

    def _sentence_body(self, head: Token, i: int) -> int | None:
        """'Shares in Multiplex fell 19% after it said ...': an "it" whose own
        sentence has no actor as subject before it is the one organisation
        (or country) that sentence names before it, outside quotations, when
        it names no one else."""
        start = head.sent.start_char
        if i and self.history[i - 1][0] >= start:
            return None                       # a subject of its own sentence: the usual rule
        named = {m["actor"] for m in self.mentions_between(start, head.idx) if not self.blocked(m["start"])
                 and self.actors.get(m["actor"], {}).get("type") not in ("person", "place")}
        if len(named) != 1:
            return None
        key = named.pop()
        return key if self.actors.get(key, {}).get("type") in ("organization", "country") else None

    def _only_person(self, head: Token, bad_gender: str, since: int) -> int | None:
        """'Tom Grant opened his bakery in 1998. [three paragraphs on the
        bakery] "...," he said.': when the article has named exactly one
        person of a fitting gender before the pronoun, and no unnamed person
        has been a subject since the history entry at `since`, that person."""
        lo = bisect.bisect_left(self.history, (since, UNSURE))
        hi = bisect.bisect_left(self.history, (head.idx, UNSURE))
        if any(key == UNNAMED for _position, key in self.history[lo:hi]):
            return None
        if bisect.bisect_left(self.person_firsts, (head.idx, UNSURE)) != 1:
            return None                       # none, or several persons named before
        key = self.person_firsts[0][1]
        return None if bad_gender and self.gender.get(key) == bad_gender else key

    def _unnamed_person(self, token: Token, bad_gender: str | None):
        """What a pronoun after an unnamed person subject refers to: False when
        the noun's gender rules it out ("spokeswoman" for "he"), else the
        actor the description resolves to (a person of compatible gender), or
        None."""
        lower = token.lower_
        noun_gender = "f" if lower in self.data["female_titles"] else \
            "m" if lower in self.data["male_titles"] else None
        if bad_gender is None:
            return None                       # "it" after a person: unsure
        if noun_gender == bad_gender:
            return False
        tokens = speaker_tokens(token)
        key = self.resolve(token, tokens)
        actor = self.actors.get(key) if key is not None else None
        if actor is not None and actor.get("type") == "person" and self.gender.get(key) != bad_gender:
            return key
        # "the minister told delegates ... she said": a definite role that
        # names no one we can pin down most often stands for the person named
        # before; the usual rule looks further back. Indefinite or anonymous
        # people ("a Labour spokesman", "the spokeswoman") and unknown names
        # stop it.
        lemma = token.lemma_.lower()
        if token.pos_ == "NOUN" and tokens[0].lower_ in self.data["definite"] \
                and (lemma in self.data["role_heads"] or token.lower_ in self.data["role_heads"]) \
                and not lemma.startswith("spokes"):
            return False
        return None

    def _previous_sentence_person(self, head: Token, bad_gender: str, last_subject: int) -> int | None:
        """'Her comments did not impress Tory shadow education secretary Tim
        Collins. "...," he said.' / 'For Josh Matlow, the issue is personal.
        "...," he said.': when no subject is nearer than the sentence before
        the pronoun's own, the one person named in that sentence (outside
        quotations; as object, complement, apposition or in a phrase on its
        verb) is the one meant, if the gender agrees: known, or unknown with
        the last subject in an earlier paragraph. Two people named there, or
        one of unknown gender after a subject of the same paragraph: UNSURE
        (no one, rather than the older subject)."""
        sent = head.sent
        if sent.start == 0:
            return None
        prev = self.doc[sent.start - 1].sent
        if last_subject >= prev.start_char:
            return None                       # a subject nearer: the usual rule decides
        if self.paragraph_of(prev.start_char) < self.paragraph_of(head.idx) - 1:
            return None
        if any(t.dep_ in ("nsubj", "nsubjpass") and t.lower_ in MALE_PRONOUNS | FEMALE_PRONOUNS
               and not self.blocked(t.idx) for t in prev):
            return None                       # the chain of "he"s goes on: the usual rule
        found = set()
        for m in self.mentions_between(prev.start_char, prev.end_char):
            span = self.doc.char_span(m["start"], m["end"], alignment_mode="expand")
            root = span.root if span is not None and len(span) else None
            if root is None or not self._clause_level(root):
                continue                      # a name deep inside a phrase ("from ... Tony Bland")
            if self.blocked(m["start"]):
                return None                   # a name inside a quotation: unsure
            actor = self.actors.get(m["actor"])
            if actor is None or actor.get("type") != "person":
                continue
            found.add(m["actor"])
        found = {k for k in found if self.gender.get(k) != bad_gender}
        if not found:
            return None
        # the pronoun's own sentence before it must name nobody
        if self.mentions_between(sent.start_char, head.idx):
            return None
        if len(found) > 1:
            return UNSURE
        key = found.pop()
        if self.gender.get(key) is None and last_subject >= 0 \
                and self.paragraph_of(last_subject) >= self.paragraph_of(prev.start_char):
            return UNSURE
        return key

    @staticmethod
    def _clause_level(root: Token) -> bool:
        """A name that is an argument of its sentence's main verb: object,
        complement, apposition to one, or in a phrase on the verb ("For Josh
        Matlow, ...", "owned by Alfonso Espinos")."""
        main = ("ROOT", "conj")
        while root.dep_ == "conj" and root.head.i != root.i:
            root = root.head                  # "by Josh Matlow and Paul Ainslie"
        if root.dep_ in ("dobj", "dative", "attr"):
            return root.head.dep_ in main
        if root.dep_ == "appos":
            return root.head.dep_ in ("nsubj", "nsubjpass", "dobj")
        if root.dep_ == "pobj":
            prep = root.head
            # the agent of a passive ("owned by ..."), a beneficiary or
            # partner ("For Josh Matlow, ...", "results for accountant X",
            # "spoke to X"); not any phrase ("overturn the ruling on coma
            # victim Tony Bland")
            if prep.dep_ != "agent" and prep.lower_ not in ("by", "for", "to", "with"):
                return False
            governor = prep.head
            if governor.pos_ == "NOUN" and governor.dep_ in ("dobj", "nsubj", "nsubjpass", "attr"):
                governor = governor.head      # "produced positive results for X"
            return governor.pos_ in ("VERB", "AUX") and governor.dep_ in main
        return False

    def _description(self, head: Token, tokens: list[Token]) -> int | None:
        data = self.data
        lemma = head.lemma_.lower()
        if lemma in data["anonymous_heads"] or head.lower_ in data["anonymous_heads"]:
            # "Ushakov told Rossiya 1 TV ... The official said": the speaker just credited
            return self._same_speaker(head, tokens) if lemma in data["anaphoric_heads"] else None
        if lemma not in data["role_heads"] and head.lower_ not in data["role_heads"]:
            return self._org_description(head, tokens)
        if head.tag_ in ("NNS", "NNPS"):
            return None
        first = tokens[0]
        definite = first.lower_ in data["definite"] or any(t.dep_ == "poss" for t in tokens)
        if not definite:
            return None
        modifiers = [w for t in tokens if t.i != head.i and t.dep_ not in ("det", "case", "punct")
                     for w in _words(t.text)]
        modifiers = [w for w in modifiers if w not in ("s", "former", "then", "new", "current", "top", "senior", "veteran",
                                                       "own", "and", "of", "for")]
        fits = self._fitting_persons(lemma, None, modifiers, head)
        synonyms = data["role_synonyms"].get(lemma)
        if not fits and synonyms:
            # a title with the word itself wins; "the Russian leader" falls back
            # to a synonym ("Russian President ..."), matched exactly
            fits = self._fitting_persons(lemma, synonyms, modifiers, head)
        if not fits and (lemma in data["organization_anaphors"] or head.lower_ in data["organization_anaphors"]):
            return self._org_description(head, tokens)   # "the maker", "the producer": a firm
        return fits[0] if len(fits) == 1 else None

    def _fitting_persons(self, lemma: str, synonyms: set | None, modifiers: list[str], head: Token) -> list[int]:
        """Persons named before `head` whose title has the role word (or, with
        `synonyms`, one of those words exactly) and every modifier."""
        lookup = ("person", lemma, frozenset(synonyms) if synonyms is not None else None, tuple(modifiers))
        if lookup not in self._described:
            self._described[lookup] = self._persons_titled(lemma, synonyms, modifiers)
        return [key for key in self._described[lookup] if self.named_before(key, head.idx)]

    def _persons_titled(self, lemma: str, synonyms: set | None, modifiers: list[str]) -> list[int]:
        """Persons whose title has the role word (or one of `synonyms`) and every modifier."""
        fits = []
        for key, actor in self.actors.items():
            if actor.get("type") != "person":
                continue
            words = self.roles.get(key, set())
            if synonyms is None:
                if not any(_stem_match(lemma, w) for w in words):
                    continue
            elif not words & synonyms:
                continue
            # "the home secretary" is not the shadow home secretary
            if (words & RANK_QUALIFIERS) - set(modifiers):
                continue
            known = words | set(_words(actor.get("name")))
            if all(any(_stem_match(m, w) for w in known) for m in modifiers):
                fits.append(key)
        return fits

    def _org_description(self, head: Token, tokens: list[Token]) -> int | None:
        """'the commission', 'the select committee', 'the Labour party': the one
        organisation named earlier in the article whose name has the head word
        (and every modifier) in it."""
        data = self.data
        lower = head.lower_
        if lower not in data["organization_words"] | data["organization_anaphors"] \
                or head.tag_ in ("NNS", "NNPS"):
            return None
        if tokens[0].lower_ not in data["definite"]:
            return None
        modifiers = [w for t in tokens if t.i != head.i and t.dep_ not in ("det", "case", "punct")
                     for w in _words(t.text) if w not in ("s", "new", "own")]
        lookup = ("organization", lower, tuple(modifiers))
        if lookup not in self._described:
            # the organisations that fit, by first mention (worked out once per description)
            self._described[lookup] = sorted(
                (self.first_mention[key], key) for key, names in self.org_names.items()
                if self._organization_fits(key, names, lower, modifiers))
        fits = self._described[lookup]
        before = bisect.bisect_left(fits, (head.idx,))   # how many were named before it
        if before == 1:
            return fits[0][1]
        if not before and len(fits) == 1:
            return fits[0][1]                 # "the committee said: ..." before "The Public Accounts Committee ..."
        if not fits and lower in data["organization_anaphors"] \
                and all(t.is_lower or _based(t) or t.lower_ in DEMONYMS()
                        for t in tokens if t.i != head.i and t.dep_ not in ("det", "punct")):
            # (a nationality says where it is from, not which it is: "the Australian firm")
            return self._latest_organization(head)
        # "the Labour party": the modifier is the organisation's name
        between = [t for t in tokens if t.i != head.i and t.dep_ not in ("det", "case", "punct")]
        if not between or any(t.pos_ != "PROPN" or t.i > head.i for t in between):
            return None                       # "the Commons science committee": not the Commons
        named = {self.actor_at(t) for t in between}
        if len(named) == 1 and None not in named:
            key = named.pop()
            if self.actors.get(key, {}).get("type") == "organization":
                return key
        return None

    def _organization_fits(self, key: int, names: set[str], lower: str, modifiers: list[str]) -> bool:
        """Is organisation `key`, named by `names` (the words of its name and
        mentions), or its kind ("regulator") the head word, with every modifier?"""
        kinds = set(self.actors[key].get("kind") or [])
        return (any(_stem_match(lower, w) for w in names) or lower in kinds) and \
            all(any(_stem_match(x, w) for w in names | kinds) for x in modifiers)

    def _latest_organization(self, head: Token) -> int | None:
        """'Procter & Gamble reported ... The company said': the organisation
        that was the subject of the latest sentence or attribution with one,
        in this or the two paragraphs before (none if it never spoke and
        another organisation did); else the only organisation the article
        has named before the description."""
        here = self.paragraph_of(head.idx)
        for position, key in self.history_before(head.idx):
            if here - self.paragraph_of(position) > 2:
                break
            actor = self.actors.get(key)
            if actor is not None and actor.get("type") == "organization":
                if not self._may_be(actor, head.lower_):
                    return None
                # "Unilever said ... Shell dismantled its structure ... The
                # company said": an organisation that never spoke, after one
                # that did, is no safe answer
                if self.first_org_credit < head.idx:
                    return key if self.org_first_credit.get(key, head.idx) < head.idx else None
                return key
        named = self.organizations_named.before(head.idx)
        if len(named) != 1:
            return None
        key = named.pop()
        return key if self._may_be(self.actors[key], head.lower_) else None

    def _may_be(self, actor: dict, noun: str) -> bool:
        """Can `noun` ("the union", "the company") stand for this
        organisation? Not when the gazetteer says what it is and that is
        something else (Ofcom, a regulator, is no "union"); for the nouns of
        `typed_anaphors` only when its name or kind says so."""
        names = set(_words(actor.get("name")))
        if any(_stem_match(noun, w) for w in names) or noun in (actor.get("kind") or []):
            return True
        if noun in self.data["publication_nouns"] and names & self.data["publication_names"]:
            return True                       # "the trade weekly": Screen Daily
        if noun in self.data["typed_anaphors"]:
            return False
        return not actor.get("kind") or noun in self.data["generic_anaphors"]


class _SoleActor:
    """Actors named at offsets, asked "which actors were named before offset
    x?" in constant time, for the questions that only care whether there is
    none, one (which) or several."""

    def __init__(self, named):
        self.first: int | None = None       # the first actor named
        self.first_at: int | None = None    # where
        self.second_at: int | None = None   # where another actor is first named
        for offset, actor in sorted(named, key=lambda pair: pair[0]):
            if self.first_at is None:
                self.first, self.first_at = actor, offset
            elif actor != self.first:
                self.second_at = offset
                break

    def before(self, x: int) -> set:
        """The actors named before `x` (of several, two stand for all)."""
        if self.first_at is None or x <= self.first_at:
            return set()
        if self.second_at is None or x <= self.second_at:
            return {self.first}
        return {self.first, ("several",)}
