"""Quotes: who said what, direct, reported (indirect) and mixed.

1. Quotation marks are paired (quote_marks): straight, curly, ” as an
   opener, single marks, quotes running over paragraphs.
2. Speech cues are found on the parse (quote_cues: a Matcher for the cue
   words of schema/speech_cues.yml, a DependencyMatcher for the cue's content
   clause), each with its source and content clause.
3. A cue whose content clause lies outside quotation marks is reported
   speech (`indirect`); one whose clause holds a quoted fragment is `mixed`;
   one whose clause is (mostly) a quotation attributes that quotation.
4. Each quotation is attributed by, in order: a cue right after it
   ('"...," Peskov said'), a cue leading into it ('Waltz said: "..."'), a cue
   whose clause holds it, or else the attribution just before it in the same
   paragraph or, for a quotation opening a paragraph, the previous paragraph
   (quotes continued over sentences and paragraphs). A paragraph ending in a
   colon after a cue introduces the quotation(s) that follow ('In a
   statement, the committee said:'); a paragraph opening with a name and a
   colon labels its quotations ('Dan Keller: "..."'). In a live feed, an
   entry whose first paragraph names its speaker gives that speaker to the
   entry's later unattributed quotations. A quotation running
   straight into an attributed one takes that one's speaker ('"A. "B," X
   said'); a cue joined by "and"/"but" to another's reported clause
   ('said the result was poor but stressed that ...') is the same
   speaker's second statement, and ends the first; a cue with a reported
   clause of its own after it does not take the quotation before it, nor
   does a cue with a modal after a quotation that ended its sentence
   ('"...." Buyers can order a new one').
5. Sources go to local actors (quote_speakers); when unsure, none.
"""
from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Token

from ..corpus import Article
from .quote_cues import Cue, cues, fallback_source, find_cues, source_of, speaker_tokens
from .doc_index import Intervals
from .quote_marks import QuoteSpan, find_quotes
from .quote_speakers import SpeakerResolver, add_missing_speakers

SENTENCE_END = {".", "!", "?"}
EDGE_PUNCT = set(".,;:—–-…") | {"that"}
MIN_FLOATING_WORDS = 4      # shorter unattributed quotations are scare quotes
DIRECT_SHARE = 0.6          # a content clause this much quoted is a direct quote


def _nwords(text: str) -> int:
    return len(re.findall(r"\w+", text))


class _Quotes:
    def __init__(self, doc: Doc, article: Article, result):
        self.doc = doc
        self.body = article.body
        self.result = result
        self.quotes: list[QuoteSpan] = find_quotes(self.body)   # in text order, none overlapping
        self.opens = [q.open for q in self.quotes]
        self.quote_spans = Intervals((q.start, q.end, qi) for qi, q in enumerate(self.quotes))
        self.sections = list(getattr(article, "sections", None) or [])
        self.par_starts = [m.start() for m in re.finditer(r"[^\n]+", self.body)] or [0]
        # token -> quote index (marks included)
        self.in_quote: dict[int, int] = {}
        for qi, q in enumerate(self.quotes):
            span = doc.char_span(q.open, q.outer_end, alignment_mode="expand")
            if span is not None:
                for t in span:
                    self.in_quote.setdefault(t.i, qi)
        self.cues = [c for c in find_cues(doc) if c.head.i not in self.in_quote and not c.negated]
        self.coordinated = self._coordinated_cues()
        self.content_spans: dict[int, tuple[int, int]] = {}
        for cue in self.cues:
            span = self.content_span(cue)
            if span:
                self.content_spans[cue.head.i] = span
        for cue in self.cues:
            if cue.head.i not in self.content_spans:
                span = self.trailing_attribution_span(cue)
                if span:
                    self.content_spans[cue.head.i] = span
        # a cue inside another's reported clause whose source is only implied
        # ("X reported that Putin ... would insist ...") reports nothing itself
        clauses = Intervals((a, b, k) for k, (a, b) in self.content_spans.items())
        nested = {c.head.i for c in self.cues if c.implicit and any(
            k != c.head.i for _a, _b, k in clauses.containing(c.head.idx))}
        self.cues = [c for c in self.cues if c.head.i not in nested]
        for i in nested:
            self.content_spans.pop(i, None)
        blocked_ranges = sorted([(q.open, q.outer_end) for q in self.quotes]
                                + list(self.content_spans.values()))
        self.blocked_ranges = blocked_ranges
        self.blocked_index = Intervals(blocked_ranges)
        add_missing_speakers(doc, result, [c.source for c in self.cues])
        self.resolver = SpeakerResolver(doc, result, self.paragraph_of, self.blocked)
        self.resolver.speaker_positions = {c.source.idx for c in self.cues if c.source is not None}
        self.rows: list[dict] = []

    # --- helpers -----------------------------------------------------------
    def paragraph_of(self, char: int) -> int:
        return bisect.bisect_right(self.par_starts, char) - 1

    def blocked(self, char: int) -> bool:
        return self.blocked_index.contains(char)

    def cues_at(self, positions) -> list[Cue]:
        """The cues headed by a token at one of `positions`, in the order of self.cues."""
        by_head = self._cue_index()[0]
        return [self.cues[k] for k in sorted(k for i in positions for k in by_head.get(i, ()))]

    def cues_between(self, lo: int, hi: int) -> list[Cue]:
        """The cues headed by a token in [lo, hi], in the order of self.cues."""
        heads, order = self._cue_index()[1:]
        return [self.cues[k] for k in sorted(order[bisect.bisect_left(heads, lo):bisect.bisect_right(heads, hi)])]

    def _cue_index(self):
        """self.cues by head token (rebuilt when self.cues is replaced)."""
        if getattr(self, "_indexed_cues", None) is not self.cues:
            by_head: dict[int, list[int]] = {}
            for k, c in enumerate(self.cues):
                by_head.setdefault(c.head.i, []).append(k)
            pairs = sorted((c.head.i, k) for k, c in enumerate(self.cues))
            self._indexed_cues = self.cues
            self._cue_lookup = (by_head, [i for i, _ in pairs], [k for _, k in pairs])
        return self._cue_lookup

    def content_span(self, cue: Cue) -> tuple[int, int] | None:
        """Character span of the reported clause of `cue`."""
        head = cue.content
        if head is None:
            return None
        drop: set[int] = set()
        cue_heads = self._cue_index()[0]
        if cue.phrase == "according to":
            drop.update(t.i for t in cue.head.subtree)
        for t in head.subtree:
            if t.i == head.i or t.i in drop:
                continue
            # a separate attribution beside it ("..., while X said ...",
            # "Ukraine, which says ...") is not part of this one; one the
            # speaker reports ("lying when they say ...", "critics who claim
            # ... have not read it") is
            if t.i in cue_heads and (self._aside(t) or t.i in self.coordinated):
                # ", a step that US officials said would ...": the whole
                # apposition is the writer's
                aside = t.head if t.dep_ == "relcl" and t.head.dep_ == "appos" else t
                drop.update(x.i for x in aside.subtree)
                for sib in aside.head.children:
                    if sib.dep_ in ("cc", "punct", "mark") and abs(sib.i - aside.left_edge.i) <= 1:
                        drop.add(sib.i)
            # nor is the cue itself
            if t.i == cue.head.i:
                drop.update(x.i for x in t.subtree)
        keep = [t for t in head.subtree if t.i not in drop]
        # the contiguous run around the head
        idx = {t.i for t in keep}
        lo = hi = head.i
        while lo - 1 in idx:
            lo -= 1
        while hi + 1 in idx:
            hi += 1
        toks = list(self.doc[lo:hi + 1])
        while toks and (toks[0].is_punct or toks[0].lower_ in ("that", "and", "but")
                        or toks[0].dep_ in ("mark", "cc")) and toks[0].text not in ("“", '"', "‘"):
            toks.pop(0)
        while toks and (toks[-1].is_punct and toks[-1].text not in ("”", '"', "’")
                        or toks[-1].dep_ == "cc" or toks[-1].lower_ in ("and", "but")):
            toks.pop()                  # "... difficult and [warned that ...]"
        if len(toks) < 3:
            return None
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        k = bisect.bisect_left(self.opens, start)
        while k < len(self.quotes) and self.opens[k] < end:   # quotations opening in the clause
            q = self.quotes[k]
            # '... when people asked "What has Labour done?"': the parser hung
            # the final "?" on the main verb; the quotation still ends here
            if end < q.outer_end and not self.body[end:q.end].strip(".?!…,;: "):
                end = q.end
            k += 1
        return start, end

    def _coordinated_cues(self) -> set[int]:
        """'The firm said the result was poor and added that ...': a cue
        verb with no subject of its own, joined by "and"/"but" in the same
        tense to the head of another cue's reported clause, is a second
        attribution by the same speaker (the parser hung it on the clause).
        It takes that speaker, and the first clause ends before it. Returns
        the head positions of such cues."""
        by_content = {c.content.i: c for c in self.cues if c.content is not None and c.source is not None}
        out = set()
        for cue in self.cues:
            t = cue.head
            outer = by_content.get(t.head.i)
            if t.dep_ != "conj" or outer is None or outer is cue or t.tag_ != outer.head.tag_ \
                    or any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children) \
                    or not any(c.dep_ == "cc" and c.lower_ in ("and", "but") for c in t.head.children
                               if c.i < t.i) or cue.content is None:
                continue
            cue.source, cue.implicit = outer.source, False
            out.add(t.i)
        return out

    def _aside(self, t: Token) -> bool:
        """Is the attribution headed by `t`, inside a reported clause, a
        separate one: a conjunct, a parenthetical, a relative clause set off
        by a comma, or an adverbial clause of contrast ("while", "as")?"""
        if not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
            return False
        if t.dep_ in ("conj", "parataxis"):
            return True
        before = self.doc[t.left_edge.i - 1] if t.left_edge.i > 0 else None
        if t.dep_ == "relcl":
            return before is not None and before.text == "," or t.head.dep_ == "appos"
        if t.dep_ == "advcl":
            marks = {c.lower_ for c in t.children if c.dep_ == "mark"}
            return bool(marks & cues()["aside_conjunctions"]) or not marks and before is not None \
                and before.text == ","
        return False

    # --- "The plan is dead, X added." ------------------------------------------
    TRAILING_DEPS = {"dobj", "dative", "prep", "npadvmod", "advmod", "agent", "prt", "aux",
                     "auxpass", "neg", "nsubj", "nsubjpass"}

    def trailing_attribution_span(self, cue: Cue) -> tuple[int, int] | None:
        """The reported clause of an attribution that follows it after a comma,
        when the parse hung the cue inside the clause (or gave it none): 'It
        was using detention without trial, he said.' / 'By contrast, he said,
        New Labour had listened.' The cue and its source must be adjacent and
        set off by commas; the clause is the rest of the sentence."""
        if cue.phrase == "according to" or cue.source is None or cue.implicit:
            return None
        doc = self.doc
        source, head = cue.source, cue.head
        if source.i in self.in_quote or head.dep_ in ("relcl", "acl", "advcl", "pcomp", "xcomp", "csubj"):
            return None
        if not (source.head.i == head.i or source.head.dep_ == "agent" and source.head.head.i == head.i):
            return None
        # the attribution chunk: source, cue and the cue's own small dependents
        chunk = {t.i for t in cue.tokens} | {t.i for t in source.subtree}
        for child in head.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i < source.i:
                continue                # the clause itself, parsed as a second subject
            if child.dep_ in self.TRAILING_DEPS and child.i != source.i:
                sub = {t.i for t in child.subtree}
                if any(i in self.in_quote for i in sub):
                    return None
                chunk |= sub
        lo, hi = min(chunk), max(chunk)
        if any(i not in chunk and not doc[i].is_punct for i in range(lo, hi + 1)):
            return None
        if any(doc[i].text in ("(", ")") or doc[i].tag_ in ("WDT", "WP", "WP$", "WRB")
               or doc[i].dep_ == "mark" for i in range(lo, hi + 1)):
            return None                 # "which he denied", "when he told ...": subordinate
        # set off by a comma (or dash) before it
        if lo == 0 or doc[lo - 1].text not in (",", "—", "–", "-"):
            return None
        comma = lo - 1
        # the sentence start: the previous sentence end, paragraph break or quotation
        start = comma - 1
        while start >= 0:
            t = doc[start]
            if t.text in SENTENCE_END or "\n" in t.text or "\n" in t.whitespace_:
                break
            if start in self.in_quote:
                return None             # a quotation: the direct-quote rules attribute it
            start -= 1
        start += 1
        while start < comma and (doc[start].is_space or doc[start].is_punct):
            start += 1
        if start >= comma:
            return None
        # after it: the sentence end (fronted) or a comma and more (parenthetical)
        after = hi + 1
        end_tok = None
        if after >= len(doc) or doc[after].text in SENTENCE_END or "\n" in doc[after].text \
                or "\n" in doc[hi].whitespace_:
            end_tok = comma - 1
            region = (start, comma - 1)
        elif doc[after].text in (",", "—", "–"):
            j = after + 1
            while j < len(doc) and doc[j].text not in SENTENCE_END and "\n" not in doc[j].text \
                    and j not in self.in_quote:
                if "\n" in doc[j].whitespace_:
                    j += 1
                    break
                j += 1
            if j < len(doc) and j in self.in_quote:
                return None
            end_tok = j - 1
            while end_tok > after and doc[end_tok].is_punct:
                end_tok -= 1
            if _nwords(doc[after + 1:end_tok + 1].text) < 3:
                return None
            # "By contrast, he said, X ...": the part after; "Iraq, they
            # insisted, would not be ...": the whole sentence
            before = doc[start:comma]
            after_part = doc[after + 1:end_tok + 1]
            only_after = not any(t.dep_ in ("nsubj", "nsubjpass", "expl") for t in before) and any(
                t.dep_ in ("nsubj", "nsubjpass", "expl") and t.head.i >= after + 1 for t in after_part)
            region = (after + 1 if only_after else start, end_tok)
        else:
            return None
        a, b = region
        while b > a and doc[b].is_punct:
            b -= 1
        toks = doc[a:b + 1]
        if _nwords(toks.text) < 3:
            return None
        # a clause of its own: a verb with a subject, not "Asked about it, he said"
        clause_heads = [t for t in toks if t.head.i == t.i or not (a <= t.head.i <= b) or t.head.i in chunk]
        if not any(t.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in t.children)
                   for t in toks):
            return None
        # the parse must tie cue and clause together: the cue hangs from the
        # clause, or the clause from the cue
        if not (a <= head.head.i <= b or any(a <= c.i <= b for c in head.children if c.dep_ in
                                               ("ccomp", "parataxis", "advcl", "dobj", "conj")
                                               or c.dep_ in ("nsubj", "nsubjpass") and c.i < source.i)):
            return None
        first = doc[a]
        if first.lower_ in ("asked", "when", "if", "while", "as", "after", "before", "because",
                            "although", "though", "asked", "speaking", "responding", "unless"):
            return None
        if any(t.dep_ == "advcl" and t.head.i in chunk for t in clause_heads):
            return None
        # another attribution inside it makes this one ambiguous
        for other in self.cues_between(a, b):
            if other is not cue and other.source is not None and not other.implicit:
                return None
        return doc[a].idx, doc[b].idx + len(doc[b].text)

    def speaker_fields(self, source: Token | None) -> dict:
        if source is None:
            return {"speaker_text": None, "speaker": None, "speaker_start": None, "speaker_end": None}
        toks = speaker_tokens(source)
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        key = self.resolver.resolve(source, toks)
        self.resolver.credit(source, key)
        if key is not None and (source.pos_ == "PRON" or source.dep_ not in ("nsubj", "nsubjpass")):
            # a pronoun, or a source that is no subject ("according to
            # former governor David Dodge"), is a later "he"'s antecedent too
            self.resolver.remember(source.idx, key)
        if key is not None:
            # "X said in a statement": a later "the statement continued" is X's
            for prep in source.head.children:
                if prep.dep_ == "prep" and prep.lower_ == "in" and source.dep_ in ("nsubj", "nsubjpass"):
                    for obj in prep.children:
                        if obj.dep_ == "pobj" and obj.lemma_.lower() in cues()["statement_nouns"]:
                            self.resolver.documents[obj.lemma_.lower()] = key
        return {"speaker_text": self.body[start:end], "speaker": key,
                "speaker_start": start, "speaker_end": end}

    def tokens_between(self, start: int, end: int) -> list[Token]:
        span = self.doc.char_span(start, end, alignment_mode="contract")
        return list(span) if span is not None else []

    # --- attribution of quotations ------------------------------------------------
    def cue_after(self, q: QuoteSpan) -> Cue | None:
        """'"...," Peskov said' / '"...," said the source' / '"...," according to X'."""
        par_end = self._paragraph_end(q.open)
        tail = []
        abbreviations = cues()["title_abbreviations"]
        for t in self.tokens_between(q.outer_end, par_end):
            if t.i in self.in_quote or t.text in SENTENCE_END and not (
                    tail and t.text == "." and tail[-1].lower_ in abbreviations):
                break                       # (not the stop of "Coun. Ana Bailao said")
            tail.append(t)
        if not tail:
            return None
        positions = {t.i for t in tail}
        # a quotation closed by a full stop ended its sentence: only a cue at
        # once after it attributes it ('"...." Smith said'), not one further on
        # in the next sentence ('"...." The panel must now announce ...')
        reach = tail[0].i + 6 if self.body[q.start:q.end].rstrip().endswith(".") else None
        for cue in self.cues_at(positions):
            if reach is not None and cue.head.i > reach:
                continue
            if reach is not None and any(c.dep_ == "aux" and c.tag_ == "MD" for c in cue.head.children):
                continue                    # '"...." Customers can order a new cable': not an attribution
            if cue.source is not None and cue.source.i in self.in_quote and cue.head.i > cue.source.i:
                cue.source = None           # '"Hallelujah," exclaimed Mona Kerr': the parser's subject
                                            # is the quotation's word, the source is after the cue
            if cue.source is None and cue.phrase != "according to":
                cue.source = fallback_source(cue, positions)
                if cue.source is None:
                    return None
            # a cue with a reported clause of its own after it starts a new
            # statement ('"...?" Smith said the plan was flawed.'), unless the
            # quotation runs on into the sentence ('"...," he said, adding ...')
            own = self.content_spans.get(cue.head.i)
            if own is not None and own[0] > cue.head.idx and not self._runs_on(q):
                return None
            # only punctuation between the quotation and the source or cue
            first = min([cue.head.i] + ([cue.source.left_edge.i] if cue.source is not None
                                        and cue.source.i in positions else []))
            gap = [t for t in tail if t.i < first]
            words = [t for t in gap if not t.is_punct]
            if not words or all(t.lower_ in abbreviations or t.text == "." for t in words) or (
                    len(words) <= 2 and all(t.is_lower and t.is_alpha and t.lemma_ not in cues()["verbs"]
                                            for t in words) and words[-1].i == first - 1):
                # a title or role word the parser left out of the name
                # ('Coun. Ana Bailao said', '"...," lead author Nadia Khan said')
                return cue
            return None
        return None

    def _runs_on(self, q: QuoteSpan) -> bool:
        """The quotation ends with a comma (its sentence goes on after it)."""
        inner = self.body[q.start:q.outer_end + 1].rstrip()
        return "," in self.body[q.end:q.outer_end + 1] or inner[-1:] == ","

    def _lead(self, start: int, end: int) -> list[Token]:
        """The tokens of text[start:end] back to the last sentence end or quotation."""
        lead = []
        for t in reversed(self.tokens_between(start, end)):
            if t.i in self.in_quote or t.text in SENTENCE_END:
                break
            lead.append(t)
        lead.reverse()
        return lead

    def cue_before(self, q: QuoteSpan) -> Cue | None:
        """'Waltz stated in an interview: "..."' / 'Peskov said, "..."'; a
        paragraph ending in a colon introduces the quotation opening the next
        one ('In a statement, the committee said:' / '"..."'); a name and a
        colon opening the paragraph label its quotation ('Dan Keller: "..."',
        the live-feed and transcript style)."""
        par = self.paragraph_of(q.open)
        lead = self._lead(self.par_starts[par], q.open)
        if not lead and par > 0 and self._opens_paragraph(q):
            prev_start = self.par_starts[par - 1]
            prev_end = self._paragraph_end(prev_start)
            if self.body[prev_start:prev_end].rstrip().endswith(":"):
                lead = self._lead(prev_start, prev_end)
        if not lead:
            return None
        last = lead[-1]
        naming = self._naming_cue(last)
        if naming is not None:
            return naming
        positions = {t.i for t in lead}
        candidates = self.cues_at(positions)
        if not candidates:
            return self._label(lead)
        cue = candidates[-1]
        if cue.source is None:
            cue.source = fallback_source(cue, positions)
        if cue.source is None:
            return None
        if last.text in (":", ",") or last.i in {t.i for t in cue.tokens} or last.lower_ == "that":
            return cue
        return None

    def _label(self, lead: list[Token]) -> Cue | None:
        """'Dan Keller: "..."' at the start of a paragraph: the words before the
        colon are exactly one actor's mention (a person or organisation)."""
        if len(lead) < 2 or lead[-1].text != ":" or not self._at_paragraph_start(lead[0]):
            return None
        name = lead[:-1]
        m = self.resolver.mention_at(name[0].idx, name[-1].idx + len(name[-1].text))
        if m is None or m["start"] != name[0].idx or m["end"] != name[-1].idx + len(name[-1].text):
            return None
        if self.resolver.actors.get(m["actor"], {}).get("type") not in ("person", "organization"):
            return None
        head = max(name, key=lambda t: (t.i == t.head.i or not (name[0].i <= t.head.i <= name[-1].i), t.i))
        return Cue(head, [lead[-1]], source=head, phrase="label")

    def _at_paragraph_start(self, token: Token) -> bool:
        return not self.body[self.par_starts[self.paragraph_of(token.idx)]:token.idx].strip()

    FIRST_PERSON = re.compile(r"\b(?:I|me|my|mine|we|us|our|ours|We|Our|My|Us)\b")

    def _topic_speaker(self, q: QuoteSpan) -> Token | None:
        """'Jane Smith has run the shelter for 20 years. "We never turn anyone
        away."': a quotation with no attribution, in the first person, right
        after a sentence (in its paragraph or, opening a paragraph, the one
        before) whose subject is a person, is that person's. No cue."""
        text = self.body[q.start:q.end]
        if q.close is None or not self.FIRST_PERSON.search(text):
            return None
        last = q.open   # the end of the text before it, spaces left out
        while last > 0 and self.body[last - 1].isspace():
            last -= 1
        if not last:
            return None
        span = self.doc.char_span(last - 1, last, alignment_mode="expand")
        if span is None or not len(span) or span[-1].i in self.in_quote:
            return None                   # a quotation before it: the usual rules decide
        sent = span[-1].sent
        distance = self.paragraph_of(q.open) - self.paragraph_of(sent.start_char)
        if distance > 1 or distance == 1 and not self._opens_paragraph(q):
            return None
        if any(t.i in self.in_quote for t in sent) or self.blocked(sent.root.idx):
            return None
        subjects = [c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")]
        if len(subjects) != 1:
            return None
        key = self.resolver.resolve(subjects[0], speaker_tokens(subjects[0]))
        if key is None or self.resolver.actors.get(key, {}).get("type") != "person":
            return None
        return subjects[0]

    def _naming_cue(self, last: Token) -> Cue | None:
        """'Trump called the deal "a disaster"', 'described the budget as "a
        mess"': a quotation right after the object of a naming verb (or its
        "as") is the subject's words."""
        verb = None
        if last.lower_ == "as" and last.head.lemma_.lower() in cues()["naming_verbs"]:
            verb = last.head
        else:
            obj = last
            while obj.dep_ not in ("dobj", "nsubjpass") and obj.head.i != obj.i and obj.head.i > obj.i - 4 \
                    and obj.head.pos_ in ("NOUN", "PROPN", "PRON", "ADJ", "DET"):
                obj = obj.head
            if obj.dep_ == "dobj" and obj.right_edge.i >= last.i \
                    and obj.head.lemma_.lower() in cues()["naming_verbs"]:
                verb = obj.head
        if verb is None or verb.pos_ != "VERB" or any(c.dep_ == "neg" for c in verb.children):
            return None
        source = source_of(verb)
        if source is None:
            return None
        return Cue(verb, [verb], source=source)

    def _paragraph_end(self, char: int) -> int:
        p = self.paragraph_of(char)
        nl = self.body.find("\n", self.par_starts[p])
        return nl if nl >= 0 else len(self.body)

    def _opens_sentence(self, q: QuoteSpan) -> bool:
        before = self.body[self.par_starts[self.paragraph_of(q.open)]:q.open].rstrip()
        return not before or before[-1] in ".!?:”\"’'"

    def _opens_paragraph(self, q: QuoteSpan) -> bool:
        return not self.body[self.par_starts[self.paragraph_of(q.open)]:q.open].strip()

    # --- main ----------------------------------------------------------------
    def run(self):
        attributed: dict[int, tuple[Cue, str]] = {}    # quote index -> (cue, how)
        consumed: set[int] = set()                     # quotes inside a mixed clause
        used_cues: set[int] = set()

        for qi, q in enumerate(self.quotes):
            cue = self.cue_after(q)
            if cue is not None:
                attributed[qi] = (cue, "after")
                continue
            cue = self.cue_before(q)
            if cue is not None:
                attributed[qi] = (cue, "before")

        indirect_rows = []
        for cue in self.cues:
            span = self.content_spans.get(cue.head.i)
            if span is None or (cue.source is None and cue.phrase != "according to"):
                continue
            start, end = span
            inside = sorted(qi for a, b, qi in self.quote_spans.near(start, end) if a < end and b > start)
            quoted_words = sum(_nwords(self.body[max(q.start, start):min(q.end, end)])
                               for q in (self.quotes[qi] for qi in inside))
            words = _nwords(self.body[start:end])
            if inside and quoted_words >= DIRECT_SHARE * words:
                for qi in inside:
                    attributed.setdefault(qi, (cue, "content"))
                used_cues.add(cue.head.i)
                continue
            if any(attributed.get(qi, (None,))[0] is cue for qi in inside):
                continue
            kind = "indirect"
            full = [qi for qi in inside if self.quotes[qi].open >= start and self.quotes[qi].outer_end <= end + 1]
            if full:
                kind = "mixed"
                consumed.update(full)
                end = max(end, max(self.quotes[qi].outer_end for qi in full))
            elif inside:
                continue    # a clause cut through a quotation: misparse
            indirect_rows.append((start, end, kind, cue))

        # direct quotes, in text order, with floating attribution
        records: list[tuple[int, dict]] = []
        for start, end, kind, cue in indirect_rows:
            records.append((start, {"text": self.body[start:end], "start": start, "end": end,
                                    "kind": kind, "cue": cue.text, "_source": cue.source,
                                    "_cue_at": cue.head.idx}))
        records.sort(key=lambda r: r[0])

        last_by_position: list[tuple[int, dict]] = []   # attributions made so far, by cue position

        directs = []
        for qi, q in enumerate(self.quotes):
            if qi in consumed:
                continue
            words = _nwords(self.body[q.start:q.end])
            if qi in attributed:
                cue, how = attributed[qi]
                if words < 2 and how == "content":
                    continue
                directs.append((qi, self._direct_row(q, None if cue.phrase == "label" else cue.text,
                                                     cue.source, cue.head.idx)))
            else:
                directs.append((qi, None))

        # a quotation running straight into an attributed one ('"First part.
        # "Second part," he said.'; the multi-paragraph convention) is the
        # same speaker's: the attribution may come only after it
        for k in range(len(directs) - 2, -1, -1):
            qi, row = directs[k]
            nqi, nrow = directs[k + 1]
            if row is not None or nrow is None or nqi != qi + 1:
                continue
            q, nq = self.quotes[qi], self.quotes[nqi]
            if self.body[q.outer_end:nq.open].strip() or _nwords(self.body[q.start:q.end]) < 2:
                continue
            if not (q.continues or q.close is not None and self.body[q.start:q.end].rstrip()[-1:] in ".!?…"):
                continue
            directs[k] = (qi, self._direct_row(q, nrow["cue"], nrow["_source"], nrow["_cue_at"], inherit=True))

        # floating: inherit from the latest attribution before the quotation
        all_rows = [r for _, r in records]
        for qi, row in directs:
            if row is not None:
                all_rows.append(row)
        resolved_rows = sorted(all_rows, key=lambda r: r["start"])
        for qi, row in directs:
            if row is not None:
                continue
            q = self.quotes[qi]
            if _nwords(self.body[q.start:q.end]) < MIN_FLOATING_WORDS or not self._opens_sentence(q):
                continue
            before = bisect.bisect_left(resolved_rows, q.open, key=_start)
            p = next((resolved_rows[k] for k in range(before - 1, -1, -1)
                      if resolved_rows[k].get("_source") is not None), None)
            row = None
            if p is not None:
                here, there = self.paragraph_of(q.open), self.paragraph_of(p["start"])
                if here == there or (here - there == 1 and self._opens_paragraph(q)
                                     and self._nothing_after(p)):
                    row = self._direct_row(q, p["cue"], p["_source"], p["_cue_at"], inherit=True)
            if row is None:
                subject = self._topic_speaker(q)
                if subject is not None:
                    row = self._direct_row(q, None, subject, subject.idx)
            if row is None:
                row = self._entry_row(q, resolved_rows)
            if row is not None:
                bisect.insort_right(resolved_rows, row, key=_start)

        self._merge_split_quotes(resolved_rows)
        # speakers, in text order (pronoun history grows as we go)
        seen = set()
        for row in sorted(resolved_rows, key=lambda r: r["_cue_at"]):
            source = row.pop("_source")
            row.pop("_cue_at")
            row.pop("_inherit", None)
            row.update(self.speaker_fields(source))
        for row in sorted(resolved_rows, key=lambda r: r["start"]):
            key = (row["start"], row["end"])
            if key in seen or row.get("_drop"):
                continue
            seen.add(key)
            row.pop("_drop", None)
            assert self.body[row["start"]:row["end"]] == row["text"]
            self.result.quotes.append(row)

    def _direct_row(self, q: QuoteSpan, cue: str | None, source: Token | None, cue_at: int,
                    inherit: bool = False) -> dict:
        """A direct quote row for quotation `q` (speaker fields come later,
        from `_source`, in the order of `_cue_at`)."""
        row = {"text": self.body[q.start:q.end], "start": q.start, "end": q.end,
               "kind": "direct", "cue": cue, "_source": source, "_cue_at": cue_at}
        if inherit:
            row["_inherit"] = True
        return row

    def _entry_row(self, q: QuoteSpan, rows: list[dict]) -> dict | None:
        """A live feed's entry (a dated section) whose first paragraph names
        its speaker ('Speaking to reporters, X said ...', 'X: "..."') gives
        that speaker to the entry's later unattributed quotations, unless
        another name is credited in the entry before them."""
        k = bisect.bisect_right(self.sections, q.open, key=lambda s: s.start) - 1   # sections are in text order
        section = self.sections[k] if k >= 0 and q.open < self.sections[k].end else None
        if section is None:
            return None
        lo = bisect.bisect_left(rows, section.start, key=lambda r: r["start"])     # rows are in text order
        hi = bisect.bisect_left(rows, q.open, key=lambda r: r["start"])
        inside = [r for r in rows[lo:hi] if r.get("_source") is not None]
        if not inside:
            return None
        first = min(inside, key=lambda r: r["_cue_at"])
        if self.paragraph_of(first["_cue_at"]) != self.paragraph_of(section.start) + 1:
            return None
        if len({r["_source"].lower_ for r in inside if r["_source"].pos_ == "PROPN"}) > 1:
            return None
        return self._direct_row(q, first["cue"], first["_source"], first["_cue_at"], inherit=True)

    def _nothing_after(self, row: dict) -> bool:
        """No sentence outside quotes follows `row`'s attribution in its paragraph
        (so a quotation opening the next paragraph continues it)."""
        par_end = self._paragraph_end(row["start"])
        after = max(row["end"], row.get("_cue_at", 0))
        rest = self.body[after:par_end]
        # strip remaining quotations
        for q in self.quotes[bisect.bisect_left(self.opens, after):bisect.bisect_left(self.opens, par_end)]:
            rest = rest.replace(self.body[q.open:q.outer_end], " ")
        return _nwords(rest) <= 40

    def _merge_split_quotes(self, rows: list[dict]):
        """'"We want it to stop," Trump said, "it costs too much."' is one
        sentence split by its attribution: keep the longest piece. Not when
        each piece has a cue of its own ('"...," he said, but added that he
        was "not going to be around"')."""
        direct = [r for r in rows if r["kind"] == "direct"]
        for a, b in zip(direct, direct[1:]):
            if a.get("_drop"):
                continue
            between = self.body[a["end"]:b["start"]]
            if "\n" in between or _nwords(between) > 8:
                continue
            first_ends = self.body[a["end"]:a["end"] + 2]
            continues = (self.body[a["end"]:a["end"] + 1] == "," or "," in first_ends) \
                and b["text"][:1].islower()
            if continues and _same_token(a["_source"], b["_source"]) and a["_cue_at"] == b["_cue_at"]:
                shorter = a if len(a["text"]) < len(b["text"]) else b
                shorter["_drop"] = True


def _start(row: dict) -> int:
    return row["start"]


def _same_token(a, b) -> bool:
    return a is not None and b is not None and a.i == b.i


def extract(doc: Doc, article: Article, result) -> None:
    """Append the article's quotes to result.quotes."""
    if not article.body.strip():
        return
    _Quotes(doc, article, result).run()
