"""Corpus-wide actors: one row per real entity, however the articles spell it.

Input: every ArticleResult (local actors and mentions per article). Output
rows for `actors`, `actor_aliases`, `mentions`, and the map
(article id, local key) -> actor id.

Name comparison (whole-string fuzzy ratios do not separate variants from
different people: Kyiv/Kiev 75 vs Trump/Tusk 78):
- `translit(word)`: ASCII-fold, lower case, then rewrite transliteration
  variants to one form: kh->h, zh->z, ph->f, w->v, x->ks, ck->k, final
  -off->-ov, -yy/-iy/-ii/-yi/-y->-i, h between vowels->g (Luhansk/Lugansk),
  y->i, doubled letters collapsed.
- `skeleton(word)`: first letter plus the consonants of translit(word).
- Two words are *variants* when their skeletons are equal and the rapidfuzz
  ratio of their translit forms is >= 75 (>= 85 when the skeleton has at
  most 3 letters).

Merge rules:
- person: surnames (last word that is not an initial) must be variants.
  First names must be compatible: absent on one side, an initial matching the
  other's first letter, the same given-name class (`given_name_classes` in
  actor_rules.yml; a name within ratio 85 of a class member belongs to it),
  or a translit ratio >= 80. A cluster takes a full name only if it is
  compatible with every first name already in it (cannot-link). A surname
  alone (an article that never gives the full name) joins the largest
  cluster with that surname.
- country: the canonical name from the `countries` table.
- organization, place, group: same type, and either the names (without "the"
  and corporate suffixes) are word-by-word variants, or the same content
  words reordered around "of" ("US Labor Department" / "U.S. Department of
  Labor"), or the two share an alias, or one is the acronym of the other's
  name (not an acronym that two different names of the corpus spell: "GM"
  for General Motors and for the Globe and Mail links neither).
- Different registry entries, different countries never merge.
- Types are voted first: a local actor typed against the corpus majority for
  its exact name takes the majority type; a "person" with no listed given
  name whose name begins or is begun by an organisation's name becomes an
  organisation ("Lockheed Martin" next to "Lockheed").
- Afterwards an organisation name that begins the names of exactly one other
  cluster joins it ("Cerberus" / "Cerberus Capital Management"), unless the
  rest is a place ("Ford Australia"), or the short name is a company of its
  own: written somewhere with a corporate suffix ("Apple Inc.": "Apple" does
  not join "Apple Corps") or found in more articles than the longer name.

Gazetteer entries (extract/gazetteer.py: bodies, countries, places): local
actors of one entry form one cluster under the entry's established name
("Labour", "Tories" and "the Labour Party" of different articles: the Labour
Party, the Conservative Party); two different entries never merge.

Registry (`schema/actor_registry.yml`; NEWSTABLES_REGISTRY=off disables):
entries join clusters by the same rules and give the preferred name and
Wikidata id. Without it the canonical name is the most common full form
(persons: first and last name, no initials; others: not an acronym), and for
organisations its fullest form: the full name of a short form the articles
mostly use ("European Commission" over "the Commission", "Delta Air Lines"
over "Delta"), the legal name with a corporate suffix when the articles use
one ("Apple Inc." over "Apple", "Ford Motor Co." over "Ford"). Titles: the most frequent over all mentions, the fuller on a tie;
a person with no affiliation whose role is another person's ("Trump's
envoy") takes that person's.

Ids are numbered after sorting clusters by (name, type, first article/key),
so the same corpus always gives the same ids.
"""
from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter, defaultdict
from functools import lru_cache

import yaml
from rapidfuzz import fuzz
from rapidfuzz.distance import DamerauLevenshtein

from .extract.entities import rules
from .settings import SCHEMA_DIR


# --- name normalisation ----------------------------------------------------------

@lru_cache(maxsize=1 << 18)
def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.replace("’", "'").lower().strip()


_REWRITES = [("kh", "h"), ("zh", "z"), ("ph", "f"), ("ck", "k"), ("w", "v"), ("x", "ks")]
_VOWELS = "aeiouy"


@lru_cache(maxsize=65536)
def translit(word: str) -> str:
    w = re.sub(r"[^a-z]", "", fold(word))
    for a, b in _REWRITES:
        w = w.replace(a, b)
    w = re.sub(r"off$", "ov", w)
    w = re.sub(r"(?:yy|iy|ii|yi|ij)$", "i", w)
    w = re.sub(r"(?<=[aeiou])h(?=[aeiou])", "g", w)
    w = w.replace("y", "i")
    return re.sub(r"(.)\1+", r"\1", w)


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    t = translit(word)
    if not t:
        return ""
    return re.sub(r"(.)\1+", r"\1", t[0] + re.sub(f"[{_VOWELS}]", "", t[1:]))


def variants(a: str, b: str) -> bool:
    """Are two single words spellings of one name?"""
    ta, tb = translit(a), translit(b)
    if not ta or not tb:
        return False
    if ta == tb:
        return True
    sa = skeleton(a)
    if sa != skeleton(b):
        return False
    return fuzz.ratio(ta, tb) >= (85 if len(sa) <= 3 else 75)


def is_initial(word: str) -> bool:
    w = word.rstrip(".")
    return len(w) == 1 or (word.endswith(".") and len(w) <= 2)


def name_words(name: str) -> list[str]:
    """Words of a name without honorifics, titles and possessives."""
    r = rules()
    words = re.findall(r"[\w.'’-]+", name)
    words = [re.sub(r"(?:'s|’s|'|’)$", "", w) for w in words]
    while len(words) > 1 and (words[0].lower() in r["title_word_set"] or words[0].lower() in r["honorific_set"]):
        words = words[1:]
    while len(words) > 1 and words[-1].lower().rstrip(".") in ("jr", "sr", "ii", "iii"):
        words = words[:-1]
    return [w for w in words if w]


@lru_cache(maxsize=1 << 18)
def person_parts(name: str) -> tuple[str | None, str | None]:
    """(first name or None, surname) of a person's name."""
    words = name_words(name)
    full = [w for w in words if not is_initial(w)]
    if not full:
        return None, (words[-1] if words else None)
    surname = full[-1]
    first = words[0] if len(words) > 1 and words[0] != surname else None
    return first, surname


@lru_cache(maxsize=1)
def _given_classes() -> dict[str, int]:
    out = {}
    for i, names in enumerate(rules()["given_name_classes"]):
        for n in names:
            out[translit(n)] = i
    return out


@lru_cache(maxsize=65536)
def given_class(first: str) -> str:
    t = translit(first)
    classes = _given_classes()
    if t in classes:
        return f"#{classes[t]}"
    best = max(((fuzz.ratio(t, m), c) for m, c in classes.items()), default=(0, None))
    return f"#{best[1]}" if best[0] >= 85 else t


def first_compatible(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    if is_initial(a) or is_initial(b):
        return fold(a)[0] == fold(b)[0]
    if given_class(a) == given_class(b):
        return True
    return fuzz.ratio(translit(a), translit(b)) >= 80


def same_person(a: str, b: str) -> bool:
    fa, sa = person_parts(a)
    fb, sb = person_parts(b)
    return bool(sa and sb) and variants(sa, sb) and first_compatible(fa, fb)


def org_words(name: str) -> list[str]:
    return list(_org_words(name))


@lru_cache(maxsize=1 << 18)
def _org_words(name: str) -> tuple[str, ...]:
    """org_words, memoised: pairwise comparison asks for the same names again and again."""
    r = rules()
    words = [w for w in re.findall(r"[\w&.'’-]+", fold(name))]
    words = [re.sub(r"(?:'s|’s)$", "", w) for w in words]
    if words and words[0] == "the":
        words = words[1:]
    for n in (3, 2, 1):   # "U.S. Federal Reserve" = "United States Federal Reserve"
        if len(words) > n and country_name(" ".join(words[:n])):
            words = country_name(" ".join(words[:n])).lower().split() + words[n:]
            break
    while len(words) > 1 and words[-1] in r["org_suffixes"]:
        words = words[:-1]
    return tuple(w.strip(".") if w.count(".") == 1 and w.endswith(".") else w for w in words)


@lru_cache(maxsize=1 << 18)
def same_thing(a: str, b: str) -> bool:
    """Organisation/place names equal word by word up to spelling variants,
    a plural s, or (words of 7+ letters) one swapped/changed letter ("Chrylser")."""
    wa, wb = org_words(a), org_words(b)
    if not wa:
        return False
    if len(wa) != len(wb):
        # the same words reordered around "of" ("Labor Department" /
        # "Department of Labor"), two content words at least
        ba, bb = word_bag(a), word_bag(b)
        return len(ba) >= 2 and ba == bb and ("of" in wa) != ("of" in wb)
    return all(x == y or variants(x, y) or x.rstrip("s") == y.rstrip("s") or
               (min(len(x), len(y)) >= 7 and x[0] == y[0] and DamerauLevenshtein.distance(x, y) <= 1)
               for x, y in zip(wa, wb))


@lru_cache(maxsize=1 << 18)
def name_prefix(short: str, long: str) -> bool:
    """Is the organisation name `short` the first words of `long`, the rest
    not a place ("Cerberus" of "Cerberus Capital Management", not "Ford" of
    "Ford Australia")?"""
    r = rules()
    ws, wl = org_words(short), org_words(long)
    acronym = len(ws) == 1 and short.replace(".", "").isupper() and len(ws[0]) >= 2
    if not ws or len(ws) >= len(wl) or wl[:len(ws)] != ws or (len("".join(ws)) < 4 and not acronym):
        return False
    rest = wl[len(ws):]
    return not (country_name(" ".join(rest)) or " ".join(rest) in r["regions"] or
                any(country_name(w) or w in r["regions"] or w in r["demonyms"] for w in rest))


@lru_cache(maxsize=1 << 18)
def acronym_of(short: str, long: str, loose: bool = False) -> bool:
    """Is `short` (capitals) the initials of `long` ("USAF")? With `loose`, each
    word may give the first letters of its name in order ("SIA" of "Singapore
    Airlines"); used within one article only."""
    s = re.sub(r"[^A-Za-z]", "", short)
    if not (2 <= len(s) <= 6 and short.replace(".", "").isupper()):
        return False
    words = [w for w in re.findall(r"[A-Za-z][\w-]*", long) if w.lower() not in ("of", "and", "the", "for", "&")]
    initials = "".join(w[0] for w in words if w[0].isupper())
    if len(words) >= 2 and initials.upper() == s.upper():
        return True
    if not loose or len(words) < 2 or not all(w[0].isupper() for w in words) or len(s) > len(words) + 2:
        return False
    return _prefix_cover(s.upper(), [w.upper() for w in words])


def _prefix_cover(s: str, words: list[str]) -> bool:
    """Can s be split into non-empty prefixes of the words, in order, one each?"""
    if not words:
        return not s
    if not s:
        return False
    w = words[0]
    return any(s[:k] == w[:k] and _prefix_cover(s[k:], words[1:]) for k in range(1, min(len(w), len(s)) + 1))


_FUNCTION = ("of", "the", "and", "for", "&", "on", "in")


@lru_cache(maxsize=1 << 18)
def word_bag(name: str) -> tuple[str, ...]:
    """The content words of an organisation name, sorted: "US Labor Department"
    and "U.S. Department of Labor" give one bag."""
    return tuple(sorted(w for w in org_words(name) if w not in _FUNCTION))


@lru_cache(maxsize=1 << 18)
def country_name(text: str) -> str | None:
    return rules()["country_alias"].get(fold(text).removeprefix("the "))


# --- registry ------------------------------------------------------------------------

def registry_enabled() -> bool:
    return os.environ.get("NEWSTABLES_REGISTRY", "on").strip().lower() not in ("off", "0", "no", "false")


@lru_cache(maxsize=1)
def _registry() -> list[dict]:
    path = SCHEMA_DIR / "actor_registry.yml"
    if not path.exists():
        return []
    return yaml.safe_load(path.read_text(encoding="utf-8")) or []


def registry() -> list[dict]:
    return _registry() if registry_enabled() else []


# --- clustering -------------------------------------------------------------------------

class _Cluster:
    __slots__ = ("type", "members", "names", "firsts", "reg", "known", "longest", "size", "surnames")

    def __init__(self, type_):
        self.type = type_
        self.members: list[tuple[str, int]] = []
        self.names: Counter = Counter()     # surface form -> mentions
        self.firsts: set[str] = set()
        self.reg: dict | None = None
        self.known: Counter = Counter()     # established names of its gazetteer entries
        # kept up to date by _add, so that matching never rescans the forms:
        self.longest: str | None = None     # max(names, key=len): the first of the longest
        self.size = 0                       # sum(names.values())
        self.surnames: set[str] = set()     # person_parts(form)[1] or "" of every form


def _local_items(results):
    """Local actors with their surface forms, in corpus order."""
    items = []
    for res in results:
        forms = defaultdict(Counter)
        for m in res.mentions:
            forms[m["actor"]][m["text"]] += 1
        for la in res.local_actors:
            f = forms.get(la["key"]) or Counter({la["name"]: 0})
            items.append({"article": res.article_id, "key": la["key"], "local": la, "type": la["type"],
                          "name": la["name"], "forms": f})
    return items


def _vote_types(items) -> None:
    """One type per name: a local actor typed against the corpus majority for
    the same name (by mentions; person/organization/place only) takes the
    majority type ("General Motors" tagged PERSON in one article)."""
    votes = defaultdict(Counter)
    for it in items:
        if it["type"] in ("person", "organization", "place"):
            votes[fold(it["name"])][it["type"]] += sum(it["forms"].values()) or 1
    for it in items:
        v = votes.get(fold(it["name"]))
        if v and it["type"] in v:
            best = max(v, key=lambda t: (v[t], t))
            if best != it["type"] and v[best] > v[it["type"]]:
                it["type"] = best
    # a "person" without a known given name whose name begins, or is begun by,
    # an organisation's name is that organisation ("Lockheed Martin", "Saturn")
    given = rules()["given_name_set"]
    org_names = {tuple(org_words(it["name"])) for it in items if it["type"] == "organization"}
    org_names.discard(())
    org_prefixes = {o[:k] for o in org_names for k in range(1, len(o) + 1)}
    for it in items:
        if it["type"] != "person":
            continue
        words = tuple(org_words(it["name"]))
        if not words or words[0] in given:
            continue
        # an organisation's name begins the person's, or the person's begins one
        if words in org_prefixes or any(words[:k] in org_names for k in range(1, len(words) + 1)):
            it["type"] = "organization"


def _cluster_persons(items, clusters):
    by_surname = defaultdict(list)       # skeleton of surname -> clusters
    place = {id(c): k for k, c in enumerate(clusters)}   # clusters.index(c), kept as clusters grow
    seeds = [c for c in clusters if c.type == "person"]
    for c in seeds:
        _f, s = person_parts(c.reg["name"])
        by_surname[skeleton(s)].append(c)
    singles = []
    for it in items:
        first, surname = person_parts(it["name"])
        if not surname:
            singles.append(it)
            continue
        if first is None:
            singles.append(it)
            continue
        home = None
        for c in by_surname[skeleton(surname)]:
            _cf, cs = person_parts(c.longest if c.names else c.reg["name"])
            if variants(surname, cs) and all(first_compatible(first, f) for f in c.firsts):
                home = c
                break
        if home is None:
            home = _Cluster("person")
            place[id(home)] = len(clusters)
            clusters.append(home)
            by_surname[skeleton(surname)].append(home)
        if not is_initial(first):
            home.firsts.add(first)
        _add(home, it)
    for it in singles:
        _first, surname = person_parts(it["name"])
        cands = [c for c in by_surname.get(skeleton(surname or ""), [])
                 if c.members or c.reg] if surname else []
        cands = [c for c in cands if any(variants(surname, s)
                                         for s in (c.surnames if c.names else [person_parts(c.reg["name"])[1] or ""]))]
        if cands:
            home = max(cands, key=lambda c: (c.size, -place[id(c)]))
        else:
            home = _Cluster("person")
            place[id(home)] = len(clusters)
            clusters.append(home)
            if surname:
                by_surname[skeleton(surname)].append(home)
        _add(home, it)


def _add(cluster, it):
    cluster.members.append((it["article"], it["key"]))
    for form in it["forms"]:
        if form not in cluster.names:
            if cluster.longest is None or len(form) > len(cluster.longest):
                cluster.longest = form
            if cluster.type == "person":
                cluster.surnames.add(person_parts(form)[1] or "")
    cluster.names.update(it["forms"])
    cluster.size += sum(it["forms"].values())
    if it["local"].get("gazetteer") or it["local"].get("short_forms"):
        # a gazetteer's name, or the full name an article gave with a short
        # form in brackets ("the Greek Athletics Federation (Segas)")
        cluster.known[it["local"]["name"]] += 1
    it["cluster"] = cluster


def _cluster_others(items, clusters):
    """Union-find over organisations, places, groups and countries."""
    nodes = [c for c in clusters if c.type != "person"]   # registry seeds
    node_names = [[c.reg["name"]] for c in nodes]
    parent = list(range(len(nodes) + len(items)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    all_nodes = [("seed", c) for c in nodes] + [("item", it) for it in items]
    names = node_names + [list(it["forms"]) + [it["name"]] for it in items]
    types = [c.type for c in nodes] + [it["type"] for it in items]
    countries = [{country_name(n) for n in ns} - {None} for ns in names]
    # registry entries and gazetteer entries (by their established name) never merge with another
    regs = [c.reg["name"] for c in nodes] + [it["name"] if it["local"].get("gazetteer") else None
                                             for it in items]
    # items that name the same thing the same way (same type, same set of
    # names, same gazetteer entry or none) behave as one in every rule below:
    # the first stands for the others (`twins`), which join its cluster at the
    # end. A real corpus names the same few hundred actors in article after
    # article; without this a block would grow with the corpus and its pairs
    # with its square.
    first_of: dict[tuple, int] = {}
    twin_of: dict[int, int] = {}
    for i in range(len(nodes), len(names)):
        first = first_of.setdefault((types[i], frozenset(names[i]), regs[i]), i)
        if first != i:
            twin_of[i] = first
    blocks = defaultdict(list)
    expansions = defaultdict(list)   # (type, acronym) -> the names it abbreviates
    for i, ns in enumerate(names):
        if i in twin_of:
            continue
        for n in ns:
            w = org_words(n)
            if w:
                blocks[(types[i], skeleton(w[0]))].append(i)
                if len(w) >= 2:   # reordered names: "Labor Department" / "Department of Labor"
                    blocks[(types[i], "#bag") + word_bag(n)].append(i)
            if re.sub(r"[^A-Za-z]", "", n).isupper():
                blocks[(types[i], "#acr", re.sub(r"[^A-Za-z]", "", n).upper())].append(i)
            else:
                acr = "".join(x[0] for x in re.findall(r"[A-Za-z][\w-]*", n)
                              if x[0].isupper() and x.lower() not in ("of", "and", "the", "for"))
                if len(acr) >= 2:
                    blocks[(types[i], "#acr", acr.upper())].append(i)
                    expansions[(types[i], acr.upper())].append(n)
    # an acronym that two different names of the corpus spell ("GM": General
    # Motors, Globe and Mail) links nothing, as an alias or as initials
    ambiguous = set()
    for key, longs in expansions.items():
        distinct: list[str] = []
        for n in sorted(set(longs)):
            if not any(same_thing(n, d) for d in distinct):
                distinct.append(n)
        if len(distinct) > 1:
            ambiguous.add(key)

    def unclear(type_, n):
        letters = re.sub(r"[^A-Za-z]", "", n)
        return letters.isupper() and (type_, letters.upper()) in ambiguous

    # per root: the countries and registry entries its members stand for (cannot-link)
    root_countries = {i: set(countries[i]) for i in range(len(names))}
    root_regs = {i: ({regs[i]} if regs[i] else set()) for i in range(len(names))}

    def can_link(i, j):
        ri, rj = find(i), find(j)
        if ri == rj:
            return False
        ci, cj = root_countries[ri], root_countries[rj]
        gi, gj = root_regs[ri], root_regs[rj]
        return not (ci and cj and ci != cj) and not (gi and gj and gi != gj)

    def union(i, j):
        ri, rj = find(i), find(j)
        parent[rj] = ri
        root_countries[ri] |= root_countries.pop(rj)
        root_regs[ri] |= root_regs.pop(rj)

    clear: dict[int, tuple[list[str], set[str]]] = {}

    def clear_names(i):
        """names[i] that are no ambiguous acronym, and their folded forms (computed once)."""
        if i not in clear:
            kept = [n for n in names[i] if not unclear(types[i], n)]
            clear[i] = (kept, {fold(n) for n in kept})
        return clear[i]

    def similar(i, j):
        if types[i] != types[j]:
            return False
        if countries[i] and countries[j]:
            return countries[i] == countries[j]
        (ni, fi), (nj, fj) = clear_names(i), clear_names(j)
        if fi & fj:
            return True
        return any(same_thing(a, b) or acronym_of(a, b) or acronym_of(b, a) for a in ni for b in nj)

    # one gazetteer entry is one actor, however the articles wrote it
    by_entry: dict[str, int] = {}
    for i in range(len(nodes), len(names)):
        if regs[i] is not None and i not in twin_of:
            first = by_entry.setdefault(regs[i], i)
            if first != i and can_link(first, i):
                union(first, i)
    # Twins that a rule would not even join to each other (their names are
    # all ambiguous acronyms) are matched one by one after all. Any other
    # twin ends where its first does: whatever links or fails to link the
    # first links or fails the twin the same way (it has the same names,
    # countries and entry; a cannot-link, once true, stays true).
    keys_of: dict[int, set] = {}
    for i, first in list(twin_of.items()):
        if not similar(first, first):
            del twin_of[i]
            if first not in keys_of:
                keys_of[first] = {k for k, members in blocks.items() if first in members}
            for key in keys_of[first]:
                blocks[key].append(i)
    for key in sorted(blocks, key=str):
        members = sorted(set(blocks[key]))
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                i, j = members[x], members[y]
                if find(i) != find(j) and similar(i, j) and can_link(i, j):
                    union(i, j)
    for i, first in twin_of.items():
        union(first, i)
    # a shorter organisation name that begins exactly one other cluster's name
    # ("Boeing" / "Boeing Commercial Airplanes") joins it, unless the short
    # name is a company of its own: written with a corporate suffix somewhere
    # ("Apple Inc." - then "Apple Corps" is another company), or found in
    # more articles than the longer name
    orgs = [i for i in range(len(names)) if types[i] == "organization"]
    root_articles = defaultdict(set)
    root_suffixed = defaultdict(set)
    for i in range(len(names)):
        if all_nodes[i][0] == "item":
            root_articles[find(i)].add(all_nodes[i][1]["article"])
        for n in names[i]:
            raw = fold(n).removeprefix("the ").split()
            if len(raw) >= 2 and raw[-1] in rules()["org_suffixes"]:
                root_suffixed[find(i)].add(tuple(org_words(n)))
    by_first = defaultdict(set)
    for i in orgs:
        if i in twin_of:
            continue      # in its first's cluster, under the same names
        for n in names[i]:
            w = org_words(n)
            if w:
                by_first[w[0]].add(i)
    begun: dict[str, list[int]] = {}   # name -> the organisations with a name it begins

    def begun_by(n, first_word):
        if n not in begun:
            begun[n] = [j for j in by_first[first_word] if any(name_prefix(n, m) for m in names[j])]
        return begun[n]

    for i in orgs:
        for n in sorted(set(names[i])):
            w = org_words(n)
            if not w:
                continue
            longer = {find(j) for j in begun_by(n, w[0]) if find(j) != find(i)}
            if len(longer) == 1:
                j = next(iter(longer))
                ri = find(i)
                if tuple(w) in root_suffixed[ri] or len(root_articles[ri]) > len(root_articles[j]):
                    continue
                if can_link(i, j):
                    arts, suff = root_articles.pop(ri, set()), root_suffixed.pop(ri, set())
                    union(j, i)
                    root_articles[find(j)] |= arts
                    root_suffixed[find(j)] |= suff
    groups = defaultdict(list)
    for i in range(len(names)):
        groups[find(i)].append(i)
    for root in sorted(groups):
        idx = groups[root]
        seed = next((all_nodes[i][1] for i in idx if all_nodes[i][0] == "seed"), None)
        home = seed
        if home is None:
            home = _Cluster(types[idx[0]])
            clusters.append(home)
        for i in idx:
            if all_nodes[i][0] == "item":
                _add(home, all_nodes[i][1])


def _canonical(cluster) -> str:
    if cluster.reg:
        return cluster.reg["name"]
    if cluster.known:
        return max(cluster.known, key=lambda n: (cluster.known[n], n))
    forms = Counter()
    for n, k in cluster.names.items():
        forms[n] += k
    if cluster.type == "country":
        for n in forms:
            if country_name(n):
                return country_name(n)
    if cluster.type == "person":
        def key(n):
            words = name_words(n)
            full = [w for w in words if not is_initial(w)]
            return (len(full) >= 2, not any(is_initial(w) for w in words), forms[n], len(full), n)
    else:
        # the most mentioned name (up to corporate suffixes), in its most common form
        groups = Counter()
        for n, k in forms.items():
            groups[" ".join(org_words(n))] += k

        def key(n):
            return (not n.replace(".", "").isupper(), groups[" ".join(org_words(n))],
                    all(w[:1].isupper() for w in n.split() if w.lower() not in ("of", "and", "for", "the")),
                    forms[n], len(n), n)
        if not forms:
            return "?"
        best = max(forms, key=key)
        # a short form the articles mostly use ("the Commission", "Delta")
        # for a full name they also give ("European Commission", "Delta Air
        # Lines"): the full name, as a reader expects it
        longer = [n for n in forms if _extends(n, best)]
        if longer:
            best = max(longer, key=lambda n: (forms[n], len(n), n))
        # the fullest form of that name: its legal name with a corporate
        # suffix ("Apple Inc.", "Ford Motor Company"), if the articles use one
        top = org_words(best)
        suffixes = rules()["org_suffixes"]
        full = [n for n in forms if n != best and org_words(n)[:len(top)] == top
                and len(org_words(n)) <= len(top) + 2 and _suffixed(n, suffixes)
                and all(w[:1].isupper() for w in n.split() if w.lower() not in ("of", "and", "for", "the"))]
        if full and not _suffixed(best, suffixes):
            return max(full, key=lambda n: (forms[n], len(n), n))
        return best
    return max(forms, key=key) if forms else "?"


def _extends(long: str, short: str) -> bool:
    """Is `long` a capitalised name whose words begin or end with all of
    `short`'s ("European Commission" of "Commission", "Delta Air Lines" of
    "Delta")?"""
    ws, wl = org_words(short), org_words(long)
    if not ws or len(wl) <= len(ws) or long.replace(".", "").isupper():
        return False
    if not all(w[:1].isupper() for w in long.split() if w.lower() not in ("of", "and", "for", "the", "&")):
        return False
    return wl[:len(ws)] == ws or wl[-len(ws):] == ws


def _suffixed(name: str, suffixes) -> bool:
    raw = fold(name).removeprefix("the ").split()
    return len(raw) >= 2 and raw[-1] in suffixes


def resolve(results) -> dict:
    items = _local_items(results)
    _vote_types(items)
    clusters: list[_Cluster] = []
    for entry in registry():
        c = _Cluster(entry["type"])
        c.reg = entry
        if entry["type"] == "person":
            f, _s = person_parts(entry["name"])
            if f:
                c.firsts.add(f)
        clusters.append(c)
    _cluster_persons([it for it in items if it["type"] == "person"], clusters)
    _cluster_others([it for it in items if it["type"] != "person"], clusters)

    clusters = [c for c in clusters if c.members]
    named = sorted(((_canonical(c), c) for c in clusters),
                   key=lambda nc: (nc[0].casefold(), nc[0], nc[1].type, min(nc[1].members)))
    local_to_actor = {}
    actors, aliases = [], []
    ids = {}
    for number, (name, c) in enumerate(named, start=1):
        ids[id(c)] = number
        for m in c.members:
            local_to_actor[m] = number
    by_local = {(it["article"], it["key"]): it["local"] for it in items}
    quote_counts = Counter()
    mention_counts, article_sets, alias_counts = Counter(), defaultdict(set), defaultdict(Counter)
    for res in results:
        for m in res.mentions:
            aid = local_to_actor.get((res.article_id, m["actor"]))
            if aid is not None:
                mention_counts[aid] += 1
                article_sets[aid].add(res.article_id)
                alias_counts[aid][m["text"]] += 1
        for q in res.quotes:
            aid = local_to_actor.get((res.article_id, q.get("speaker"))) if q.get("speaker") is not None else None
            if aid is not None:
                quote_counts[aid] += 1
    for name, c in named:
        aid = ids[id(c)]
        locals_ = [by_local[m] for m in c.members]
        actors.append({
            "id": aid, "name": name, "type": c.type,
            "title": _most_common((t for la in locals_ for t in (la.get("titles") or [la.get("title")])),
                                  fuller=True),
            "affiliation": _most_common(la.get("affiliation") for la in locals_),
            "wikidata": (c.reg or {}).get("wikidata") or _most_common(la.get("wikidata") for la in locals_),
            "mention_count": mention_counts[aid], "article_count": len(article_sets[aid]),
            "quote_count": quote_counts[aid],
        })
        for alias in sorted(alias_counts[aid]):
            aliases.append({"actor_id": aid, "alias": alias, "mention_count": alias_counts[aid][alias]})
    _patron_affiliations(actors, items, local_to_actor)

    def mentions():   # made as they are written: never all at once
        for res in results:
            for m in res.mentions:
                yield {"article_id": res.article_id, "actor_id": local_to_actor.get((res.article_id, m["actor"])),
                       "text": m["text"], "start": m["start"], "end": m["end"]}

    return {"actors": actors, "actor_aliases": aliases, "mentions": Rows(mentions),
            "local_to_actor": local_to_actor}


class Rows:
    """Rows made anew on every pass over them (the link stage counts them,
    the load writes them), never all held in memory at once."""

    def __init__(self, make):
        self.make = make

    def __iter__(self):
        return self.make()


def _most_common(values, fuller=False):
    """The most frequent value; on a tie the shorter one (the fuller one for
    titles: "special envoy to the President" over "envoy")."""
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    sign = 1 if fuller else -1
    return max(counts, key=lambda v: (counts[v], sign * len(v), v))


def _patron_affiliations(actors, items, local_to_actor) -> None:
    """"Trump's special envoy", "Zelensky's chief of staff": a person with no
    stated affiliation whose role is someone's takes that person's."""
    by_id = {a["id"]: a for a in actors}
    by_article = defaultdict(list)
    for it in items:
        by_article[it["article"]].append(it)
    for it in items:
        patron = it["local"].get("patron")
        aid = local_to_actor.get((it["article"], it["key"]))
        if not patron or aid is None or by_id[aid]["affiliation"]:
            continue
        for other in by_article[it["article"]]:
            if other is not it and other["type"] == "person" and same_person(patron, other["name"]):
                pid = local_to_actor.get((other["article"], other["key"]))
                if pid is not None and pid != aid and by_id[pid]["affiliation"]:
                    by_id[aid]["affiliation"] = by_id[pid]["affiliation"]
                break
