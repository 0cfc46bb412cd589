"""Actor mentions, within-article resolution, corpus-wide merging.

Short texts written for these tests; each rule has at least one test."""
from __future__ import annotations

import pytest

from newstables import resolve_actors as ra
from newstables.extract import ArticleResult, entities, actors


@pytest.fixture
def run(nlp, article):
    make_article = article

    def go(text, article_id="t1", **meta):
        art = make_article(text, article_id=article_id, **meta)
        doc = nlp(art.body)
        res = ArticleResult(article_id=art.id)
        entities.extract(doc, art, res)
        actors.extract(doc, art, res)
        res._doc = doc
        return res
    return go


def forms(res):
    """{local actor name: sorted mention texts}"""
    out = {}
    for la in res.local_actors:
        out[la["name"]] = sorted({m["text"] for m in res.mentions if m["actor"] == la["key"]})
    return out


def actor(res, name):
    return next(la for la in res.local_actors if la["name"] == name)


# --- entity corrections ------------------------------------------------------------

def test_ukrainian_places_are_places(run):
    res = run("Officials in Kyiv said shelling hit Zaporizhzhia and Kherson overnight.")
    types = {m["text"]: res.local_actors[m["actor"]]["type"] for m in res.mentions}
    for place in ("Kyiv", "Zaporizhzhia", "Kherson"):
        assert types.get(place) == "place"


def test_possessive_trimmed(run):
    res = run("Envoy Steve Witkoff’s plane landed in Moscow on Thursday.")
    assert "Steve Witkoff" in {m["text"] for m in res.mentions}
    body = res._doc.text
    assert all(body[m["start"]:m["end"]] == m["text"] for m in res.mentions)


def test_inner_possessive_split(run):
    res = run("A senator from Russia’s Federation Council spoke on Monday.")
    texts = {m["text"] for m in res.mentions}
    assert "Federation Council" in texts and "Russia" in texts


def test_durations_are_not_dates(run):
    res = run("They proposed a 30-day ceasefire after a 90-minute call with Paris.")
    labels = {e.text: e.label_ for e in res._doc.ents}
    assert labels.get("30-day") != "DATE"
    assert labels.get("90-minute") != "TIME"


def test_secretary_of_state_is_a_title(run):
    res = run("U.S. Secretary of State Marco Rubio met officials on Tuesday.")
    assert "State" not in {m["text"] for m in res.mentions}
    rubio = actor(res, "Marco Rubio")
    assert rubio["title"] == "Secretary of State"
    assert rubio["affiliation"] == "United States"


def test_person_tagged_org_elsewhere_becomes_person(run):
    res = run("Scott Bessent spoke to reporters. Later Bessent said sanctions would stay. "
              "Bessent added that talks continue.")
    assert forms(res)["Scott Bessent"] == ["Bessent", "Scott Bessent"]
    assert actor(res, "Scott Bessent")["type"] == "person"


def test_leading_title_not_in_name(run):
    res = run("Crown Prince Mohammed bin Salman hosted the talks in Riyadh.")
    assert any(la["name"] == "Mohammed bin Salman" for la in res.local_actors)


# --- mentions -------------------------------------------------------------------------

def test_demonym_adjective_is_not_a_mention(run):
    res = run("Russian forces advanced near the border, the Kremlin said.")
    texts = {m["text"] for m in res.mentions}
    assert "Russian" not in texts
    assert "Kremlin" in texts


def test_metonymy_kept_as_written(run):
    res = run("The Kremlin said Moscow would study the plan.")
    types = {la["name"]: la["type"] for la in res.local_actors}
    assert types.get("Kremlin") == "organization"
    assert types.get("Moscow") == "place"


def test_leading_the_not_in_mention(run):
    res = run("The United States agreed to resume aid.")
    m = next(m for m in res.mentions if "United States" in m["text"])
    assert m["text"] == "United States"


def test_country_abbreviations_are_one_actor(run):
    res = run("The U.S. and Germany met. The United States later said the US would help.")
    us = actor(res, "United States")
    assert us["type"] == "country"
    assert set(forms(res)["United States"]) >= {"U.S.", "United States", "US"}


def test_nested_country_in_organisation(run):
    res = run("The U.S. Air Force chose a new tanker.")
    nested = [m for m in res.mentions if m.get("nested")]
    assert [m["text"] for m in nested] == ["U.S."]


# --- within-article resolution ----------------------------------------------------------

def test_surname_resolves_to_full_name(run):
    res = run("Kremlin spokesman Dmitry Peskov told reporters the talks were useful. "
              "Peskov declined to give details.")
    assert forms(res)["Dmitry Peskov"] == ["Dmitry Peskov", "Peskov"]


def test_honorific_surname_resolves_and_gives_gender(run):
    res = run("Foreign Minister Sergey Lavrov arrived in Ankara. Mr. Lavrov met his Turkish counterpart.")
    la = actor(res, "Sergey Lavrov")
    assert forms(res)["Sergey Lavrov"] == ["Lavrov", "Sergey Lavrov"]
    assert la["gender"] == "male"


def test_surname_before_full_name(run):
    res = run("Zelensky spoke first. Later, President Volodymyr Zelensky thanked his allies.")
    assert forms(res)["Volodymyr Zelensky"] == ["Volodymyr Zelensky", "Zelensky"]


def test_different_people_same_surname_stay_apart(run):
    res = run("Joe Biden met Hunter Biden in Delaware on Sunday.")
    names = {la["name"] for la in res.local_actors if la["type"] == "person"}
    assert {"Joe Biden", "Hunter Biden"} <= names


def test_org_acronym_and_short_form(run):
    res = run("Shares in Goldman Sachs rose after it advised the United States Air Force (USAF). "
              "Later Goldman said it was pleased, and the USAF confirmed the deal.")
    f = forms(res)
    assert f["Goldman Sachs"] == ["Goldman", "Goldman Sachs"]
    assert f["United States Air Force"] == ["USAF", "United States Air Force"]


# --- titles and affiliations -------------------------------------------------------------

def test_premodifier_title(run):
    res = run("Kremlin spokesman Dmitry Peskov said no date had been set.")
    la = actor(res, "Dmitry Peskov")
    assert la["title"] == "Kremlin spokesman"
    assert la["affiliation"] == "Russia"
    assert "spokesman" in la["title_words"] and "russian" in la["title_words"]


def test_apposition_title(run):
    res = run("Konstantin Kosachev, chairman of the international affairs committee of the "
              "Federation Council, said the plan was premature.")
    la = actor(res, "Konstantin Kosachev")
    assert la["title"].startswith("chairman of the international affairs committee")
    assert la["affiliation"] == "Russia"


def test_demonym_premodifier_gives_affiliation(run):
    res = run("French President Emmanuel Macron called for calm.")
    la = actor(res, "Emmanuel Macron")
    assert la["title"] == "President" and la["affiliation"] == "France"
    assert "french" in la["title_words"]


# --- name comparison ----------------------------------------------------------------------

@pytest.mark.parametrize("a,b", [("Zelensky", "Zelenskyy"), ("Witkoff", "Witkov"), ("Kyiv", "Kiev"),
                                 ("Luhansk", "Lugansk"), ("Narishkin", "Naryshkin")])
def test_spelling_variants(a, b):
    assert ra.variants(a, b)


@pytest.mark.parametrize("a,b", [("Trump", "Tusk"), ("Iran", "Iraq"), ("Markov", "Marko"), ("Mali", "Malta")])
def test_not_variants(a, b):
    assert not ra.variants(a, b)


@pytest.mark.parametrize("a,b,same", [
    ("Yuri Ushakov", "Yury Ushakov", True),
    ("Sergei Markov", "Sergey Markov", True),
    ("Dmitri S. Peskov", "Dmitry Peskov", True),
    ("Vladimir Zelensky", "Volodymyr Zelensky", True),
    ("Volodimia Zelensky", "Volodymyr Zelensky", True),
    ("V. Putin", "Vladimir Putin", True),
    ("Donald Trump", "Donald Tusk", False),
    ("Joe Biden", "Hunter Biden", False),
    ("Sergei Markov", "Andrei Markov", False),
])
def test_same_person(a, b, same):
    assert ra.same_person(a, b) is same


# --- corpus-wide resolution -----------------------------------------------------------------

def _corpus(run, texts):
    return [run(t, article_id=f"a{i}") for i, t in enumerate(texts)]


def _by_name(out):
    aliases = {}
    for row in out["actor_aliases"]:
        aliases.setdefault(row["actor_id"], set()).add(row["alias"])
    return {a["name"]: (a, aliases.get(a["id"], set())) for a in out["actors"]}


def test_corpus_merges_variants_not_namesakes(run, monkeypatch):
    monkeypatch.setenv("NEWSTABLES_REGISTRY", "off")
    results = _corpus(run, [
        "Ukrainian President Volodymyr Zelensky met envoy Steve Witkoff in Kyiv. Zelensky said little.",
        "Vladimir Zelensky spoke to Steve Witkov by phone from Kiev.",
        "President Volodimia Zelensky and Zelenskyy's aides met Hunter Biden.",
        "Joe Biden praised Zelensky.",
    ])
    out = ra.resolve(results)
    people = [a for a in out["actors"] if a["type"] == "person"]
    zel = [a for a in people if "Zelensk" in a["name"]]
    assert len(zel) == 1 and zel[0]["article_count"] == 4
    assert len([a for a in people if "Witko" in a["name"]]) == 1
    assert len([a for a in people if "Biden" in a["name"]]) == 2
    places = [a for a in out["actors"] if a["type"] == "place" and a["name"] in ("Kyiv", "Kiev")]
    assert len(places) == 1


def test_canonical_name_and_ids_are_deterministic(run, monkeypatch):
    monkeypatch.setenv("NEWSTABLES_REGISTRY", "off")
    texts = ["Dmitry Peskov spoke. Peskov left.", "Dmitri S. Peskov spoke.", "Dmitry Peskov said no."]
    out1 = ra.resolve(_corpus(run, texts))
    out2 = ra.resolve(_corpus(run, texts))
    assert out1["actors"] == out2["actors"]
    names = _by_name(out1)
    assert "Dmitry Peskov" in names
    a, aliases = names["Dmitry Peskov"]
    assert aliases == {"Dmitry Peskov", "Peskov", "Dmitri S. Peskov"}
    assert a["mention_count"] == 4 and a["article_count"] == 3
    for m in out1["mentions"]:
        assert m["actor_id"] is not None


def test_registry_gives_preferred_name_and_wikidata(run, monkeypatch):
    texts = ["Vladimir Zelensky spoke.", "Vladimir Zelensky left.", "Volodymyr Zelensky stayed."]
    monkeypatch.setenv("NEWSTABLES_REGISTRY", "on")
    on = _by_name(ra.resolve(_corpus(run, texts)))
    assert on["Volodymyr Zelensky"][0]["wikidata"] == "Q3874799"
    monkeypatch.setenv("NEWSTABLES_REGISTRY", "off")
    off = _by_name(ra.resolve(_corpus(run, texts)))
    assert "Vladimir Zelensky" in off and off["Vladimir Zelensky"][0]["wikidata"] is None


def test_quote_count_and_local_map(run, monkeypatch):
    monkeypatch.setenv("NEWSTABLES_REGISTRY", "off")
    res = run("Dmitry Peskov spoke to reporters.")
    key = actor(res, "Dmitry Peskov")["key"]
    res.quotes = [{"speaker": key}, {"speaker": None}]
    out = ra.resolve([res])
    aid = out["local_to_actor"][(res.article_id, key)]
    row = next(a for a in out["actors"] if a["id"] == aid)
    assert row["quote_count"] == 1


def test_type_majority_across_articles(run, monkeypatch):
    monkeypatch.setenv("NEWSTABLES_REGISTRY", "off")
    results = _corpus(run, ["General Motors cut jobs.", "General Motors said sales fell.",
                            "Shares of General Motors rose."])
    # simulate a model error in one article
    results[2].local_actors[0]["type"] = "person"
    out = ra.resolve(results)
    gm = [a for a in out["actors"] if a["name"] == "General Motors"]
    assert len(gm) == 1 and gm[0]["type"] == "organization"


# --- person names the model types ORG --------------------------------------------

def test_name_after_honorific_is_a_person(run):
    res = run("Mr Kilroy-Silk launched the Veritas party in London. Ms Holdsworth said it would fail. "
              "Later Mr Kilroy-Silk spoke again.")
    types = {la["name"]: la["type"] for la in res.local_actors}
    assert types.get("Kilroy-Silk") == "person"
    assert types.get("Holdsworth") == "person"


def test_hyphenated_surname_joins_full_name(run):
    res = run("Robert Kilroy-Silk launched a new party on Wednesday. Kilroy-Silk said it would win seats.")
    f = forms(res)
    assert "Kilroy-Silk" in f.get("Robert Kilroy-Silk", [])


def test_given_name_makes_org_span_a_person(run):
    res = run("The SNP leader Nicola Sturgeon welcomed the ban on Wednesday.")
    types = {la["name"]: la["type"] for la in res.local_actors}
    assert types.get("Nicola Sturgeon") == "person"


def test_sentence_opening_word_is_not_part_of_a_name(run):
    res = run("The budget was criticised. But Mr Balls said the rules would be met.")
    names = {la["name"] for la in res.local_actors}
    assert not any(n.startswith("But") for n in names)


def test_title_before_and_belongs_to_someone_else(run):
    res = run("Tony Blair met Gordon Brown. Later the prime minister and Mr Brown spoke to the press.")
    brown = actor(res, "Gordon Brown")
    assert "minister" not in (brown["title"] or "").lower()
    assert "minister" not in brown["title_words"]


# --- spurious and broken names ------------------------------------------------------

def test_lone_given_name_span_joins_the_surname(nlp):
    from spacy.tokens import Span
    doc = nlp("He spoke to presidential aide Yury Ushakov on Monday.")
    i = [t.text for t in doc].index("Yury")
    spans = [Span(doc, i, i + 1, label="ORG"), Span(doc, i + 1, i + 2, label="PERSON")]
    joined = entities._join_given_names(doc, spans)
    assert [(s.text, s.label_) for s in joined] == [("Yury Ushakov", "PERSON")]
    doc.ents = spans[:1]                                     # surname with no label
    joined = entities._join_given_names(doc, spans[:1])
    assert [(s.text, s.label_) for s in joined] == [("Yury Ushakov", "PERSON")]


def test_adverb_and_generic_nouns_are_not_actors(run):
    res = run("Notwithstanding, Russia supports the idea, he said. "
              "The talks took place in the Kingdom, according to the Kremlin.")
    names = {la["name"] for la in res.local_actors}
    assert "Notwithstanding" not in names and "Kingdom" not in names
    assert "Russia" in names


def test_name_in_apposition_with_a_role_is_a_person(run):
    res = run("Andrius Tursa, a consultant at Teneo, pointed out that Russia will face a choice.")
    tursa = next(la for la in res.local_actors if "Tursa" in la["name"])
    assert tursa["type"] == "person"
    assert tursa["title"] == "consultant" and tursa["affiliation"] == "Teneo"


# --- titles and affiliations ----------------------------------------------------------

def test_possessive_country_and_adjective_in_premodifier(run):
    res = run("Germany’s outgoing Chancellor Olaf Scholz said the ceasefire was a first step.")
    scholz = actor(res, "Olaf Scholz")
    assert scholz["title"] == "outgoing Chancellor" and scholz["affiliation"] == "Germany"


def test_role_noun_and_capital_in_premodifier(run):
    res = run("Russian philosopher Alexander Dugin said Trump is not ready. "
              "Moscow political analyst Ilya Grashchenkov said the Kremlin could be tempted.")
    dugin, ilya = actor(res, "Alexander Dugin"), actor(res, "Ilya Grashchenkov")
    assert (dugin["title"], dugin["affiliation"]) == ("philosopher", "Russia")
    assert (ilya["title"], ilya["affiliation"]) == ("political analyst", "Russia")


def test_organisation_after_at_is_the_affiliation(run):
    res = run("Sanctions could hurt Russia, said Maria Snegovaya, senior fellow at the Center for "
              "Strategic and International Studies.")
    m = actor(res, "Maria Snegovaya")
    assert m["title"] == "senior fellow"
    assert m["affiliation"] == "Center for Strategic and International Studies"


def test_country_inside_title_goes_to_affiliation_and_honorific_is_dropped(run):
    res = run("Former US President Joe Biden spoke. Attorney General Lord Goldsmith said the advice was clear.")
    biden = actor(res, "Joe Biden")
    assert biden["title"] == "Former President" and biden["affiliation"] == "United States"
    gold = next(la for la in res.local_actors if la["name"].endswith("Goldsmith"))
    assert gold["title"] == "Attorney General"


def test_portfolio_is_no_affiliation_and_party_adjective_is(run):
    res = run("Home Secretary Charles Clarke said the bill would pass. Tory leader Michael Howard disagreed.")
    clarke, howard = actor(res, "Charles Clarke"), actor(res, "Michael Howard")
    assert clarke["title"] == "Home Secretary" and clarke["affiliation"] != "Home"
    assert howard["affiliation"] == "Conservative Party"


def test_role_owned_by_a_person_takes_its_affiliation(run, monkeypatch):
    monkeypatch.setenv("NEWSTABLES_REGISTRY", "off")
    res = run("US President Donald Trump met aides on Monday. Moscow wants Trump’s special envoy on "
              "the conflict, Keith Kellogg, excluded from the talks.")
    kellogg = actor(res, "Keith Kellogg")
    assert kellogg["title"] == "special envoy on the conflict"
    assert kellogg["affiliation"] is None and kellogg["patron"]
    row = _by_name(ra.resolve([res]))["Keith Kellogg"][0]
    assert row["affiliation"] == "United States"


def test_credits_and_authors_work_for_the_publisher(run):
    res = run("Talks went on.\n(Reporting by Lidia Kelly; Editing by Tom Hogue)",
              publisher="Reuters", authors=["Guy Faulconbridge"])
    assert actor(res, "Lidia Kelly")["affiliation"] == "Reuters"
    assert actor(res, "Tom Hogue")["affiliation"] == "Reuters"


def test_places_and_state_bodies_get_their_country(run):
    res = run("Talks were held in Jeddah, Saudi Arabia, on Tuesday. The Kremlin said it would wait.")
    assert actor(res, "Jeddah")["affiliation"] == "Saudi Arabia"
    assert actor(res, "Kremlin")["affiliation"] == "Russia"


def test_ambiguous_institution_takes_the_country_of_the_article(nlp):
    from newstables.extract.actors import org_country
    uk = nlp("Britain's Treasury said the UK economy grew. Britain will spend more.")
    us = nlp("The Treasury said the United States would impose sanctions on Iran.")
    none = nlp("The Treasury said spending would rise.")
    assert org_country("Treasury", uk) == "United Kingdom"
    assert org_country("Treasury", us) == "United States"
    assert org_country("Treasury", none) is None
    assert org_country("US Treasury", none) == "United States"


# --- corpus-wide organisations ----------------------------------------------------------

def _org_items(forms_by_article):
    """ArticleResult-like stubs: one organisation per article with its forms."""
    from newstables.extract import ArticleResult
    results = []
    for i, names in enumerate(forms_by_article):
        res = ArticleResult(article_id=f"o{i}")
        res.local_actors.append({"key": 0, "name": max(names, key=len), "type": "organization",
                                 "title": None, "affiliation": None, "wikidata": None})
        for n in names:
            res.mentions.append({"text": n, "start": 0, "end": len(n), "actor": 0})
        results.append(res)
    return results


def test_canonical_is_the_full_legal_name(monkeypatch):
    monkeypatch.setenv("NEWSTABLES_REGISTRY", "off")
    out = ra.resolve(_org_items([["Ford Motor Co.", "Ford", "Ford"], ["Ford"], ["Apple", "Apple Inc."]]))
    names = {a["name"] for a in out["actors"]}
    assert names == {"Ford Motor Co.", "Apple Inc."}


def test_short_name_of_its_own_does_not_join_a_longer_one(monkeypatch):
    monkeypatch.setenv("NEWSTABLES_REGISTRY", "off")
    out = ra.resolve(_org_items([["Apple Inc.", "Apple"], ["Apple"], ["Apple Corps"],
                                 ["Cerberus Capital Management"], ["Cerberus Capital Management"], ["Cerberus"]]))
    names = {a["name"]: a for a in out["actors"]}
    assert "Apple Corps" in names and names["Apple Inc."]["article_count"] == 2
    assert "Cerberus" not in names and names["Cerberus Capital Management"]["article_count"] == 3


def test_reordered_and_acronym_names():
    assert ra.same_thing("US Labor Department", "U.S. Department of Labor")
    assert ra.same_thing("Defence Ministry", "Ministry of Defence")
    assert not ra.same_thing("Department of Labor", "Department of Commerce")
    assert ra.acronym_of("SIA", "Singapore Airlines", loose=True)
    assert not ra.acronym_of("SIA", "Singapore Airlines")
    assert not ra.acronym_of("SAS", "Singapore Airlines", loose=True)
    assert ra.name_prefix("NBC", "NBC News")


def test_reordered_names_merge_across_articles(monkeypatch):
    monkeypatch.setenv("NEWSTABLES_REGISTRY", "off")
    out = ra.resolve(_org_items([["U.S. Department of Labor"], ["US Labor Department"]]))
    assert len(out["actors"]) == 1


def test_party_or_country_labelled_person_is_not_a_person(nlp):
    from spacy.tokens import Span
    doc = nlp("Labour and the Lib Dems met. France agreed.")
    assert actors._type(Span(doc, 0, 1, label="PERSON")) == "organization"
    assert actors._type(Span(doc, 3, 5, label="PERSON")) == "organization"
    assert actors._type(Span(doc, 7, 8, label="PERSON")) == "country"


def test_a_surname_the_model_missed_is_still_the_person(nlp):
    from spacy.tokens import Span

    from newstables.extract.entities import _missed_surnames

    doc = nlp("Donald Trump spoke to reporters in Washington.\nTrump on Tuesday said he would talk again.")
    doc.ents = [Span(doc, 0, 2, label="PERSON")]          # the model missed the second "Trump"
    found = [(e.text, e.label_, e.start) for e in _missed_surnames(doc)]
    assert ("Trump", "PERSON", 9) in found
    assert ("Donald Trump", "PERSON", 0) in found


# --- names the model splits or mislabels ----------------------------------------------

def test_compound_surname_is_the_full_name(run):
    res = run("Fouzia Al Hashish arrived in Canada in 2016. \"We were scared,\" Al Hashish said.")
    assert forms(res).get("Fouzia Al Hashish") == ["Al Hashish", "Fouzia Al Hashish"]
    res = run("Lorena Paz Akin runs a bakery in Toronto. \"It has been hard,\" Paz Akin says.")
    assert forms(res).get("Lorena Paz Akin") == ["Lorena Paz Akin", "Paz Akin"]


def test_role_word_before_a_name_is_no_part_of_it(run):
    res = run("Organizer Dwayne Croteau spoke to the crowd on Saturday.")
    assert "Dwayne Croteau" in forms(res)


def test_name_with_an_age_is_a_person(run):
    res = run("Nino Niederreiter, 26, scored twice on Saturday.")
    assert actor(res, "Nino Niederreiter")["type"] == "person"


def test_news_outlet_is_an_organisation_and_keeps_its_longer_name(run):
    res = run("Ben Myers told HuffPost Canada the issue is related to rent control.")
    assert actor(res, "HuffPost Canada")["type"] == "organization"
    res = run("The presenter told CNBC News on Monday that sales fell.")
    assert "CNBC News" in forms(res)


def test_members_of_parliament_are_a_group(run):
    res = run("MPs said the agency had failed families.")
    assert actor(res, "MPs")["type"] == "group"


def test_acronym_of_two_different_names_links_neither(monkeypatch):
    monkeypatch.setenv("NEWSTABLES_REGISTRY", "off")
    out = ra.resolve(_org_items([["General Motors", "GM"], ["Globe and Mail", "GM"], ["GM"]]))
    names = {a["name"] for a in out["actors"]}
    assert {"General Motors", "Globe and Mail"} <= names
    # one expansion only: the acronym joins it
    out = ra.resolve(_org_items([["General Motors", "GM"], ["GM"]]))
    assert [a["name"] for a in out["actors"]] == ["General Motors"]


# --- gazetteers: bodies, countries, places (schema/bodies.yml, gazetteer_*.jsonl) ----------

def test_party_short_forms_and_nicknames_are_the_party(run):
    res = run("Labour said the Tories had no plan. A Conservative spokesman disagreed, "
              "and the Labour Party repeated the charge. The Lib Dems stayed silent.")
    f = forms(res)
    assert set(f["Labour Party"]) == {"Labour", "Labour Party"}
    assert set(f["Conservative Party"]) >= {"Tories"}
    assert f["Liberal Democrats"] == ["Lib Dems"]
    assert actor(res, "Labour Party")["type"] == "organization"
    assert actor(res, "Labour Party")["wikidata"] == "Q9630"


def test_chambers_under_their_established_names(run):
    res = run("The bill passed the Commons on Tuesday and goes to the House of Lords next week, "
              "where the Lords may delay it.")
    f = forms(res)
    assert f["House of Commons"] == ["Commons"]
    assert set(f["House of Lords"]) == {"House of Lords", "Lords"}


def test_body_short_form_after_its_full_name(run):
    res = run("The European Commission proposed new rules. The Commission said they would apply "
              "from 2026.")
    assert set(forms(res)["European Commission"]) == {"European Commission", "Commission"}


def test_lower_case_words_are_no_bodies(run):
    res = run("Skilled labour is scarce, and the commons of the village are shared by all.")
    assert not any(la["type"] == "organization" for la in res.local_actors)


def test_honorific_persons_the_model_misses(run):
    res = run("Lord Hartley and Baroness Finch voted against the plan, as did Sir Paul Grant.")
    persons = {la["name"] for la in res.local_actors if la["type"] == "person"}
    assert {"Hartley", "Finch", "Paul Grant"} <= persons


def test_town_named_like_a_speakers_surname_stays_a_person(run):
    res = run("Coach Luis Moreno was fined on Friday. \"I was not at fault,\" said Moreno.")
    assert all(la["type"] == "person" for la in res.local_actors if la["name"].endswith("Moreno"))


def test_common_word_towns_are_not_places(run):
    res = run("Reading the report, she found it nice. Split the bill, he said.")
    assert not any(la["type"] == "place" for la in res.local_actors)


def test_body_of_the_gazetteer_is_one_actor_across_articles(run):
    from newstables import resolve_actors
    a = run("The Tories won the vote.", article_id="a1")
    b = run("The Conservative Party lost the vote.", article_id="a2")
    out = resolve_actors.resolve([a, b])
    names = {row["name"] for row in out["actors"]}
    assert "Conservative Party" in names
    assert len([r for r in out["actors"] if r["name"] == "Conservative Party"]) == 1


def test_short_form_in_brackets_after_the_name(run):
    res = run("The Hellenic Rowing Union (Hrenos) fined the club. Hrenos said the fine was final.")
    f = forms(res)
    assert set(f["Hellenic Rowing Union"]) == {"Hellenic Rowing Union", "Hrenos"}


def test_party_nickname_that_is_a_persons_surname(run):
    res = run("Mayor John Tory defended the budget. \"We must live within our means,\" Tory said.")
    assert set(forms(res)["John Tory"]) == {"John Tory", "Tory"}
    assert not any(la["type"] == "organization" for la in res.local_actors)


def test_name_followed_by_who_is_a_person(run):
    res = run("Wilson, who has lived in the town for 40 years, is not convinced.")
    assert actor(res, "Wilson")["type"] == "person"


def test_big_city_as_subject_stays_a_place(run):
    res = run("Zelensky's chief of staff met the delegation. Kyiv would not agree to a frozen conflict.")
    assert {m["text"]: res.local_actors[m["actor"]]["type"] for m in res.mentions}["Kyiv"] == "place"


def test_short_form_in_brackets_counts_however_the_model_labels_it(run):
    # the bracketed word is no entity here, and the later ones come out as
    # organisations of their own or persons
    res = run("The two runners were cleared by the Welsh Rowing Union (Welru) last month. "
              "Welru said the appeal was expected.")
    assert set(forms(res)["Welsh Rowing Union"]) == {"Welsh Rowing Union", "Welru"}


def test_the_name_given_with_a_bracketed_short_form_is_canonical(run):
    res = run("The two runners were cleared by the Welsh Rowing Union (Welru) last month. "
              "Welru said the appeal was expected. Welru will meet on Friday, and Welru may appeal.")
    names = {row["name"] for row in ra.resolve([res])["actors"]}
    assert "Welsh Rowing Union" in names and "Welru" not in names


def test_also_known_as_names_the_same_actor(run):
    res = run("DJ duo JK and Joel are taking over the chart show. \"It is an institution,\" says JK, "
              "also known as Jason King. \"Things have moved on,\" King added.")
    assert set(forms(res)["Jason King"]) == {"JK", "Jason King", "King"}
    assert actor(res, "Jason King")["type"] == "person"


def test_canonical_is_the_full_name_of_a_short_form_mostly_used(monkeypatch):
    monkeypatch.setenv("NEWSTABLES_REGISTRY", "off")
    out = ra.resolve(_org_items([["Northern Rail Commission", "Commission", "Commission", "Commission"],
                                 ["Harwick Air Lines", "Harwick", "Harwick"]]))
    assert {a["name"] for a in out["actors"]} == {"Northern Rail Commission", "Harwick Air Lines"}


def test_capitalised_words_ending_in_an_organisation_word_are_an_organisation(run):
    res = run("Kim Lowe, chief executive of US firm Open Kettle Development Labs, said the move could help.")
    assert forms(res).get("Open Kettle Development Labs") == ["Open Kettle Development Labs"]
    assert actor(res, "Open Kettle Development Labs")["type"] == "organization"
    # one capitalised word opening a sentence is no name
    res = run("Labs across the country closed. Police said little.")
    assert not res.local_actors
