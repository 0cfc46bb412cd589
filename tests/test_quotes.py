"""Quotes: direct, indirect and mixed, with the right speaker.

Each test builds its own actors and mentions (so it does not depend on the
entity layer) and runs only the quotes extractor on a short text written for
the test."""
from __future__ import annotations

import re

import pytest

from newstables.extract import ArticleResult
from newstables.extract import quotes as quotes_module
from newstables.extract.quote_marks import find_quotes


def run(nlp, article, text, actors=()):
    """Quotes of `text`; `actors` = [(name, type, [aliases])]. Every occurrence
    of an alias becomes a mention of that actor. Returns (quotes, key by name)."""
    art = article(text)
    body = art.body
    result = ArticleResult(article_id=art.id)
    keys = {}
    for key, (name, type_, aliases) in enumerate(actors):
        keys[name] = key
        result.local_actors.append({"key": key, "name": name, "type": type_, "title": None,
                                    "affiliation": None, "wikidata": None})
        taken = [(m["start"], m["end"]) for m in result.mentions]
        for alias in sorted(aliases, key=len, reverse=True):
            for m in re.finditer(r"\b" + re.escape(alias) + r"\b", body):
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                taken.append((m.start(), m.end()))
                result.mentions.append({"text": alias, "start": m.start(), "end": m.end(), "actor": key})
    result.mentions.sort(key=lambda m: m["start"])
    quotes_module.extract(nlp(body), art, result)
    for q in result.quotes:
        assert body[q["start"]:q["end"]] == q["text"]
        if q["speaker_start"] is not None:
            assert body[q["speaker_start"]:q["speaker_end"]] == q["speaker_text"]
        assert q["kind"] in ("direct", "indirect", "mixed")
    return result.quotes, keys


PESKOV = ("Dmitry Peskov", "person", ["Dmitry Peskov", "Peskov"])
PUTIN = ("Vladimir Putin", "person", ["Vladimir Putin", "Putin"])
TRUMP = ("Donald Trump", "person", ["Donald Trump", "Trump"])
KREMLIN = ("Kremlin", "organization", ["Kremlin"])
REUTERS = ("Reuters", "organization", ["Reuters"])


def one(quotes, kind=None):
    found = [q for q in quotes if kind is None or q["kind"] == kind]
    assert len(found) == 1, quotes
    return found[0]


# --- pairing quotation marks ----------------------------------------------------

def test_marks_mixed_glyphs():
    text = "”The talks were useful,” he said. \"Straight ones,\" too. He said: 'single marks here.' It's Russia's view."
    spans = [text[q.start:q.end] for q in find_quotes(text)]
    assert spans == ["The talks were useful", "Straight ones", "single marks here."]


def test_marks_quote_over_paragraphs():
    text = "He said: “First part of the quote.\n“Second part of it.”"
    quotes = find_quotes(text)
    assert [text[q.start:q.end] for q in quotes] == ["First part of the quote.", "Second part of it."]
    assert quotes[0].continues and not quotes[1].continues


def test_apostrophes_are_not_quotes():
    text = "Russia's troops and the Ukrainians' drones don't stop, officials' reports say."
    assert find_quotes(text) == []


# --- direct quotes ----------------------------------------------------------------

def test_direct_cue_after(nlp, article):
    quotes, keys = run(nlp, article, "“We want it to stop. It’s also a tremendous cost,” Trump said.", [TRUMP])
    q = one(quotes)
    assert q["text"] == "We want it to stop. It’s also a tremendous cost"
    assert (q["kind"], q["cue"], q["speaker"], q["speaker_text"]) == ("direct", "said", keys["Donald Trump"], "Trump")


def test_direct_inverted_straight_marks(nlp, article):
    quotes, keys = run(nlp, article, '"This is not the way to end the war," said Peskov.', [PESKOV])
    q = one(quotes)
    assert q["text"] == "This is not the way to end the war"
    assert q["speaker"] == keys["Dmitry Peskov"]


def test_direct_closing_mark_as_opener(nlp, article):
    quotes, keys = run(nlp, article, "”The talks in Jeddah were useful,” Peskov told reporters.", [PESKOV])
    q = one(quotes)
    assert q["text"] == "The talks in Jeddah were useful"
    assert (q["cue"], q["speaker"]) == ("told", keys["Dmitry Peskov"])


def test_direct_colon_lead_in(nlp, article):
    text = ("Mike Waltz stated in an interview with Fox News: “We do have some cautious optimism about "
            "the talks.”")
    quotes, keys = run(nlp, article, text, [("Mike Waltz", "person", ["Mike Waltz", "Waltz"]),
                                            ("Fox News", "organization", ["Fox News"])])
    q = one(quotes, "direct")
    assert q["text"].startswith("We do have some cautious optimism")
    assert (q["cue"], q["speaker"]) == ("stated", keys["Mike Waltz"])


def test_direct_single_marks_and_pronoun(nlp, article):
    text = ("Yuri Ushakov, an aide to the president, spoke to state media on Tuesday. "
            "He emphasized: 'This is just a temporary measure to let the troops regroup.'")
    quotes, keys = run(nlp, article, text, [("Yuri Ushakov", "person", ["Yuri Ushakov", "Ushakov"])])
    q = one(quotes, "direct")
    assert q["text"] == "This is just a temporary measure to let the troops regroup."
    assert (q["speaker_text"], q["speaker"]) == ("He", keys["Yuri Ushakov"])


def test_pronoun_goes_to_previous_subject(nlp, article):
    text = ("Putin has repeatedly said that a short-term truce is not the way to end the war.\n\n"
            "“We don’t need a truce, we need a long-term peace,” he said in December.")
    quotes, keys = run(nlp, article, text, [PUTIN])
    assert len(quotes) == 2
    assert {q["speaker"] for q in quotes} == {keys["Vladimir Putin"]}
    assert one(quotes, "direct")["speaker_text"] == "he"


def test_pronoun_respects_gender(nlp, article):
    text = ("Maria Zakharova said the talks had failed. Dmitry Peskov said Russia was still ready. "
            "“We are not giving up on diplomacy,” she said.")
    quotes, keys = run(nlp, article, text, [("Maria Zakharova", "person", ["Maria Zakharova", "Zakharova"]),
                                            PESKOV])
    q = one(quotes, "direct")
    assert q["speaker"] == keys["Maria Zakharova"]


def test_pronoun_without_antecedent_stays_unresolved(nlp, article):
    quotes, _ = run(nlp, article, "“The ceasefire is a trap for Moscow,” he said.", [PUTIN])
    assert one(quotes)["speaker"] is None


def test_floating_quote_inherits_speaker(nlp, article):
    text = ("“It is difficult for Putin to agree to this in its current form,” the source told Reuters. "
            "“Putin has a strong position because Russia is advancing.”")
    quotes, _ = run(nlp, article, text, [PUTIN, REUTERS])
    assert [q["text"] for q in quotes] == ["It is difficult for Putin to agree to this in its current form",
                                           "Putin has a strong position because Russia is advancing."]
    assert all(q["speaker"] is None and q["speaker_text"] == "the source" for q in quotes)


def test_quote_continued_in_next_paragraph(nlp, article):
    text = ("Peskov told reporters on Monday: “The negotiators have arrived and a meeting is planned.\n\n"
            "“But we will not jump to conclusions before the talks are over.”")
    quotes, keys = run(nlp, article, text, [PESKOV])
    direct = [q for q in quotes if q["kind"] == "direct"]
    assert len(direct) == 2
    assert {q["speaker"] for q in direct} == {keys["Dmitry Peskov"]}


def test_split_sentence_keeps_longest_piece(nlp, article):
    text = "“We want peace,” Peskov said, “but not at any price and not on American terms.”"
    quotes, keys = run(nlp, article, text, [PESKOV])
    q = one(quotes)
    assert q["text"] == "but not at any price and not on American terms."
    assert q["speaker"] == keys["Dmitry Peskov"]


def test_scare_quotes_are_not_quotes(nlp, article):
    quotes, _ = run(nlp, article, "The so-called “peace plan” was published on Monday in Moscow.", [])
    assert quotes == []


# --- reported speech -------------------------------------------------------------

def test_indirect_said(nlp, article):
    quotes, keys = run(nlp, article, "The Kremlin said on Wednesday it was awaiting details from Washington.",
                       [KREMLIN])
    q = one(quotes)
    assert (q["text"], q["kind"], q["cue"]) == ("it was awaiting details from Washington", "indirect", "said")
    assert (q["speaker_text"], q["speaker"]) == ("The Kremlin", keys["Kremlin"])


def test_indirect_stops_before_other_attribution(nlp, article):
    text = ("The Kremlin said it was awaiting details from Washington while senior Moscow sources said "
            "a deal would have to take account of Russia’s advances.")
    quotes, keys = run(nlp, article, text, [KREMLIN])
    by_text = {q["text"]: q for q in quotes}
    assert set(by_text) == {"it was awaiting details from Washington",
                            "a deal would have to take account of Russia’s advances"}
    assert by_text["it was awaiting details from Washington"]["speaker"] == keys["Kremlin"]
    anonymous = by_text["a deal would have to take account of Russia’s advances"]
    assert (anonymous["speaker_text"], anonymous["speaker"]) == ("senior Moscow sources", None)


def test_indirect_inverted(nlp, article):
    quotes, keys = run(nlp, article, "Moscow wants a deal on its own terms, NBC News wrote.",
                       [("NBC News", "organization", ["NBC News"]), ("Moscow", "place", ["Moscow"])])
    q = one(quotes)
    assert (q["text"], q["cue"], q["speaker"]) == ("Moscow wants a deal on its own terms", "wrote", keys["NBC News"])


def test_indirect_participle_takes_main_subject(nlp, article):
    text = ("U.S. President Donald Trump suspended military aid to Ukraine last week, saying Kyiv must "
            "agree to terms to end the conflict.")
    quotes, keys = run(nlp, article, text, [TRUMP, ("Ukraine", "country", ["Ukraine"])])
    q = one(quotes)
    assert q["text"] == "Kyiv must agree to terms to end the conflict"
    assert q["speaker"] == keys["Donald Trump"]


def test_told_reporters(nlp, article):
    quotes, keys = run(nlp, article, "Peskov told reporters that Russia was carefully studying the results.",
                       [PESKOV])
    q = one(quotes)
    assert (q["text"], q["cue"], q["speaker"]) == ("Russia was carefully studying the results", "told",
                                                   keys["Dmitry Peskov"])


def test_according_to(nlp, article):
    quotes, keys = run(nlp, article, "The talks will resume next week, according to Peskov.", [PESKOV])
    q = one(quotes)
    assert (q["text"], q["cue"], q["speaker"]) == ("The talks will resume next week", "according to",
                                                   keys["Dmitry Peskov"])


def test_mixed_quote(nlp, article):
    text = "Peskov said a reporter was getting “a little ahead” of himself by asking about sanctions."
    quotes, keys = run(nlp, article, text, [PESKOV])
    q = one(quotes)
    assert q["kind"] == "mixed"
    assert q["text"].startswith("a reporter was getting “a little ahead” of himself")
    assert q["speaker"] == keys["Dmitry Peskov"]


def test_relative_clause_speaker(nlp, article):
    text = ("Russia says the four regions are now part of Russia, a claim rejected by Ukraine, which says "
            "they have been illegally annexed.")
    quotes, keys = run(nlp, article, text, [("Russia", "country", ["Russia"]), ("Ukraine", "country", ["Ukraine"])])
    by_speaker = {q["speaker"]: q for q in quotes}
    assert by_speaker[keys["Ukraine"]]["text"] == "they have been illegally annexed"
    assert "annexed" not in by_speaker[keys["Russia"]]["text"]


def test_negated_cue_is_not_a_quote(nlp, article):
    quotes, _ = run(nlp, article, "Peskov did not say whether Russia would accept the proposal.", [PESKOV])
    assert quotes == []


# --- sources ------------------------------------------------------------------------

def test_anonymous_source_gets_no_actor(nlp, article):
    text = "“It is difficult for Putin to agree to this,” a senior Russian source told Reuters."
    quotes, _ = run(nlp, article, text, [PUTIN, REUTERS])
    q = one(quotes)
    assert (q["speaker_text"], q["speaker"]) == ("a senior Russian source", None)


def test_role_description_resolves_when_unambiguous(nlp, article):
    text = ("Kremlin spokesman Dmitry Peskov met reporters on Monday. Later the Kremlin spokesman said "
            "the talks had been useful.")
    quotes, keys = run(nlp, article, text, [PESKOV, KREMLIN])
    q = one(quotes)
    assert q["speaker_text"] == "the Kremlin spokesman"
    assert q["speaker"] == keys["Dmitry Peskov"]


def test_ambiguous_role_description_stays_unresolved(nlp, article):
    text = ("U.S. President Donald Trump called Russian President Vladimir Putin on Tuesday. "
            "The president said the call had gone well.")
    quotes, _ = run(nlp, article, text, [TRUMP, PUTIN])
    q = one(quotes)
    assert q["speaker"] is None


def test_several_speakers_get_no_single_actor(nlp, article):
    quotes, _ = run(nlp, article, "Putin and Trump said they would meet again soon.", [PUTIN, TRUMP])
    assert one(quotes)["speaker"] is None


def test_cues_come_from_the_data_file(nlp, article):
    # "reiterated" is a cue only because schema/speech_cues.yml lists "reiterate"
    quotes, keys = run(nlp, article, "Peskov reiterated that Russia wanted lasting guarantees.", [PESKOV])
    assert one(quotes)["cue"] == "reiterated"
    quotes, _ = run(nlp, article, "Peskov hoped that Russia would get lasting guarantees.", [PESKOV])
    assert quotes == []


def test_extract_fixture_runs_with_other_extractors(extract):
    result = extract("“The talks were useful,” Kremlin spokesman Dmitry Peskov told reporters on Monday.")
    q = one(result.quotes)
    assert q["text"] == "The talks were useful"
    if result.local_actors:
        names = {a["key"]: a["name"] for a in result.local_actors}
        assert q["speaker"] is not None and "Peskov" in names[q["speaker"]]


def test_direct_quote_without_a_clause(nlp, article):
    # no verb inside the marks: only the cue right after the quotation attributes it
    quotes, keys = run(nlp, article, "“No comment, no comment at all,” Peskov told reporters.", [PESKOV])
    q = one(quotes)
    assert (q["text"], q["speaker"]) == ("No comment, no comment at all", keys["Dmitry Peskov"])


# --- rules added for speaker resolution and recall --------------------------------

GREEN = ("Jane Green", "person", ["Jane Green", "Green"])
BROWN = ("Tom Brown", "person", ["Tom Brown", "Brown"])


def test_cue_with_its_own_clause_does_not_take_the_quote_before(nlp, article):
    text = ("Tom Brown asked: “Is this really the best plan the council could find?” "
            "The party’s spokeswoman Jane Green said she was pleased with the result.")
    quotes, keys = run(nlp, article, text, [BROWN, GREEN])
    q = one(quotes, "direct")
    assert q["speaker"] == keys["Tom Brown"]
    assert one(quotes, "indirect")["speaker"] == keys["Jane Green"]


def test_description_with_name_in_apposition(nlp, article):
    text = "The party’s health spokeswoman, Jane Green, said the new hospital would open in May."
    quotes, keys = run(nlp, article, text, [GREEN])
    q = one(quotes)
    assert q["speaker"] == keys["Jane Green"]


def test_pronoun_after_description_with_apposition(nlp, article):
    text = ("The opposition leader, Tom Brown, welcomed the vote on Tuesday.\n\n"
            "He said: “This is a good day for the town and for everyone who lives in it.”")
    quotes, keys = run(nlp, article, text, [BROWN])
    assert one(quotes, "direct")["speaker"] == keys["Tom Brown"]


def test_flattened_multi_paragraph_quote(nlp, article):
    # paragraphs joined into one line: each sentence re-opens the quotation
    text = ('Jane Green said: "The first part of the plan is ready. "The second part will '
            'follow next year once the money is there."')
    quotes, keys = run(nlp, article, text, [GREEN])
    direct = [q for q in quotes if q["kind"] == "direct"]
    assert [q["text"] for q in direct] == ["The first part of the plan is ready.",
                                          "The second part will follow next year once the money is there."]
    assert {q["speaker"] for q in direct} == {keys["Jane Green"]}


def test_speaker_named_after_a_run_of_quotes(nlp, article):
    text = ("Tom Brown spoke first at the meeting. "
            '"We will win this fight in the end. "Nobody can stop the town now," Jane Green said.')
    quotes, keys = run(nlp, article, text, [BROWN, GREEN])
    direct = [q for q in quotes if q["kind"] == "direct"]
    assert len(direct) == 2
    assert {q["speaker"] for q in direct} == {keys["Jane Green"]}


def test_honorific_and_surname_without_entity(nlp, article):
    quotes, _ = run(nlp, article, "Mr Pockleworth said the tax rise was unfair to small firms.", [])
    q = one(quotes)
    assert q["speaker_text"] == "Mr Pockleworth" and q["speaker"] is not None


def test_surname_without_entity_joins_the_named_person(nlp, article):
    text = ("Tom Brown opened the debate. But Mr Brown said the tax rise was unfair to small firms.")
    quotes, keys = run(nlp, article, text, [("Tom Brown", "person", ["Tom Brown"])])
    assert one(quotes)["speaker"] == keys["Tom Brown"]


def test_she_never_goes_to_a_one_word_organisation(nlp, article):
    text = ('Labour said the vote had been fair. "We will look at the rules again," she said.')
    quotes, _ = run(nlp, article, text, [("Labour", "organization", ["Labour"])])
    assert one(quotes, "direct")["speaker"] is None


def _titled(name, title, aliases):
    return (name, "person", aliases, title)


def run_titled(nlp, article, text, actors):
    """Like run(), with titles: actors = [(name, type, aliases, title)]."""
    art = article(text)
    body = art.body
    result = ArticleResult(article_id=art.id)
    keys = {}
    for key, (name, type_, aliases, title) in enumerate(actors):
        keys[name] = key
        result.local_actors.append({"key": key, "name": name, "type": type_, "title": title,
                                    "affiliation": None, "wikidata": None})
        for alias in aliases:
            for m in re.finditer(r"\b" + re.escape(alias) + r"\b", body):
                if not any(x["start"] < m.end() and m.start() < x["end"] for x in result.mentions):
                    result.mentions.append({"text": alias, "start": m.start(), "end": m.end(), "actor": key})
    result.mentions.sort(key=lambda m: m["start"])
    quotes_module.extract(nlp(body), art, result)
    return result.quotes, keys


def test_capitalised_title_with_and_resolves(nlp, article):
    text = ("Trade and Industry Secretary Jane Green opened the factory. "
            "Later the Trade and Industry Secretary said the jobs were safe.")
    quotes, keys = run_titled(nlp, article, text, [_titled("Jane Green", "Trade and Industry Secretary",
                                                           ["Jane Green"])])
    assert one(quotes)["speaker"] == keys["Jane Green"]


def test_description_without_rank_word_skips_shadow_minister(nlp, article):
    text = ("Home Secretary Tom Brown and shadow home secretary Jane Green met on Monday. "
            "The home secretary said the new law would pass.")
    quotes, keys = run_titled(nlp, article, text, [
        _titled("Tom Brown", "Home Secretary", ["Tom Brown"]),
        _titled("Jane Green", "shadow home secretary", ["Jane Green"])])
    assert one(quotes)["speaker"] == keys["Tom Brown"]


def test_organisation_description_resolves_to_the_one_named_before(nlp, article):
    text = ("The Electoral Commission published its review on Monday. "
            "The commission said turnout had fallen in every region.")
    quotes, keys = run(nlp, article, text, [("Electoral Commission", "organization", ["Electoral Commission"])])
    assert one(quotes)["speaker"] == keys["Electoral Commission"]


def test_organisation_description_ambiguous_stays_unresolved(nlp, article):
    text = ("The Electoral Commission and the Audit Commission met on Monday. "
            "The commission said turnout had fallen in every region.")
    quotes, _ = run(nlp, article, text, [("Electoral Commission", "organization", ["Electoral Commission"]),
                                         ("Audit Commission", "organization", ["Audit Commission"])])
    assert one(quotes)["speaker"] is None


def test_spokeswoman_of_an_organisation_is_not_the_organisation(nlp, article):
    text = "A Department for Education and Skills spokeswoman said the scheme had been ambitious."
    quotes, _ = run(nlp, article, text, [("Department for Education and Skills", "organization",
                                          ["Department for Education and Skills"])])
    q = one(quotes)
    assert q["speaker"] is None


def test_party_named_in_description(nlp, article):
    text = "Labour won the seat. The Labour party said it would not return to Blackpool."
    quotes, keys = run(nlp, article, text, [("Labour", "organization", ["Labour"])])
    assert one(quotes)["speaker"] == keys["Labour"]
    text = "The Commons voted. The Commons science and technology committee said funding was too low."
    quotes, _ = run(nlp, article, text, [("Commons", "organization", ["Commons"])])
    assert one(quotes)["speaker"] is None


# --- recall and speaker rules (trailing attributions, hearers, pronouns) -----------

FALCONER = ("Charles Falconer", "person", ["Lord Falconer", "Falconer"])


def test_fronted_clause_with_trailing_attribution(nlp, article):
    quotes, keys = run(nlp, article,
                       "Lord Falconer spoke on Monday. It was already using detention without trial at "
                       "Belmarsh Prison, ignoring a recent judgement, he said.", [FALCONER])
    q = one(quotes, "indirect")
    assert q["text"].startswith("It was already using detention") and q["text"].endswith("judgement")
    assert q["speaker"] == keys["Charles Falconer"]


def test_parenthetical_attribution(nlp, article):
    quotes, _ = run(nlp, article, "By contrast, he said, New Labour had listened to its electorate and changed.")
    assert one(quotes, "indirect")["text"] == "New Labour had listened to its electorate and changed"
    quotes, _ = run(nlp, article, "Iraq, they insisted, would not be a factor for most voters.")
    assert one(quotes, "indirect")["text"] == "Iraq, they insisted, would not be a factor for most voters"


def test_subordinate_attribution_is_no_cue(nlp, article):
    quotes, _ = run(nlp, article, "The allegations, which he has denied, are being investigated by Sir Alan Budd.")
    assert quotes == []
    quotes, _ = run(nlp, article, "Asked about the plan, he said.")
    assert quotes == []


def test_clause_hung_on_the_hearer(nlp, article):
    quotes, keys = run(nlp, article, "Lord Falconer told BBC Radio 4's Today programme he hoped "
                                     "voluntary mediation could help solve disputes.", [FALCONER])
    q = one(quotes, "indirect")
    assert q["text"].startswith("he hoped voluntary mediation") and q["speaker"] == keys["Charles Falconer"]
    quotes, _ = run(nlp, article, "He told a story he had heard.")
    assert quotes == []


def test_predicate_adjective_clause_and_make_clear(nlp, article):
    quotes, _ = run(nlp, article, 'He also said Defra had been "dreadfully slow" in paying some of its bills.')
    assert one(quotes, "mixed")["text"].startswith("Defra had been")
    quotes, _ = run(nlp, article, 'Tony Blair declared himself "delighted" by it.')
    assert [q for q in quotes if q["kind"] != "direct"] == []
    quotes, _ = run(nlp, article, "Mr Blair made clear the UK would welcome migrants.")
    assert one(quotes, "indirect")["text"] == "the UK would welcome migrants"


def test_pronoun_after_a_sentence_naming_one_person(nlp, article):
    ruth = ("Ruth Kelly", "person", ["Ruth Kelly", "Ms Kelly"])
    tim = ("Tim Collins", "person", ["Tim Collins"])
    text = ("Ms Kelly said reforms should build on GCSEs. Her comments did not impress Tory shadow "
            "education secretary Tim Collins. \"She has absolutely no idea what to put in its place,\" he said.")
    quotes, keys = run(nlp, article, text, [ruth, tim])
    q = one(quotes, "direct")
    assert q["speaker"] == keys["Tim Collins"]
    # a name deep inside a phrase is no antecedent
    blair = ("Tony Blair", "person", ["Tony Blair"])
    bland = ("Tony Bland", "person", ["Tony Bland"])
    text = ("Tony Blair said he would meet concerns. But changes must not overturn the ruling on coma "
            "victim Tony Bland. \"It is important we avoid confusion,\" he said.")
    quotes, keys = run(nlp, article, text, [blair, bland])
    assert one(quotes, "direct")["speaker"] != keys["Tony Bland"]


def test_title_parsed_as_name_with_apposed_person(nlp, article):
    text = "The Lord Chancellor, Lord Falconer, agreed the Act was discriminatory. The changes were complex, he said."
    quotes, keys = run(nlp, article, text, [FALCONER])
    q = [q for q in quotes if q["text"].startswith("The changes")]
    assert q and q[0]["speaker"] == keys["Charles Falconer"]


def test_pronoun_does_not_jump_over_an_unnamed_spokesman(nlp, article):
    text = ('Peter Hain said the plan was sound. A Labour Party spokesman told reporters the party '
            'followed the rules. "We have very clear legal advice," he said.')
    quotes, keys = run(nlp, article, text, [("Peter Hain", "person", ["Peter Hain"]),
                                             ("Labour Party", "organization", ["Labour Party"])])
    assert one(quotes, "direct")["speaker"] is None


def test_pronoun_skips_a_spokeswoman_of_the_other_gender(nlp, article):
    text = ('Peter Hain said the plan was sound. A spokeswoman said the party followed the rules. '
            '"We will not change it," he said.')
    quotes, keys = run(nlp, article, text, [("Peter Hain", "person", ["Peter Hain"])])
    assert one(quotes, "direct")["speaker"] == keys["Peter Hain"]


def test_pronoun_after_an_unresolved_definite_role_looks_further_back(nlp, article):
    text = ('Patricia Hewitt unveiled the plans on Monday.\n\n'
            'The minister told delegates that sexism was still common.\n\n'
            '"Career sexism limits opportunities for women," she said.')
    quotes, keys = run(nlp, article, text, [("Patricia Hewitt", "person", ["Patricia Hewitt"])])
    assert one(quotes, "direct")["speaker"] == keys["Patricia Hewitt"]


def test_the_russian_leader_is_the_russian_president(extract):
    text = ("Russian President Vladimir Putin met Belarusian President Alexander Lukashenko in Moscow.\n"
            "“We need to discuss this with our partners,” the Russian leader said.")
    result = extract(text)
    quote = next(q for q in result.quotes if q["text"].startswith("We need"))
    speaker = next(a for a in result.local_actors if a["key"] == quote["speaker"])
    assert speaker["name"] == "Vladimir Putin"


def test_a_leader_of_no_named_country_stays_unresolved(extract):
    text = ("Russian President Vladimir Putin met Belarusian President Alexander Lukashenko in Moscow.\n"
            "“We need to discuss this with our partners,” the leader said.")
    result = extract(text)
    quote = next(q for q in result.quotes if q["text"].startswith("We need"))
    assert quote["speaker"] is None


# --- organisations, documents, descriptions by age ----------------------------------

def _speakers(result):
    """[(quote text, speaker name or None)] of an extract() result."""
    names = {a["key"]: a["name"] for a in result.local_actors}
    return [(q["text"], names.get(q.get("speaker"))) for q in result.quotes]


def test_class_noun_is_the_organisation_just_written_about(extract):
    res = extract("Procter & Gamble reported higher sales on Tuesday. "
                  "The company said demand for razors was strong.")
    assert _speakers(res) == [("demand for razors was strong", "Procter & Gamble")]
    res = extract("BC Hydro raised its rates in April. The Calgary-based utility said the increase "
                  "was needed to pay for dams.")
    assert _speakers(res)[0][1] == "BC Hydro"


def test_class_noun_with_no_organisation_named_is_nobody(extract):
    res = extract("Sales fell in March. The company said demand for razors was weak.")
    assert _speakers(res) == [("demand for razors was weak", None)]


def test_committee_is_not_the_last_organisation(extract):
    # "the committee" names a body of its own, not the agency it examined
    res = extract("The Child Support Agency has failed families, MPs say. "
                  "The committee said the National Audit Office should investigate the agency.")
    assert all(name != "Child Support Agency" for _, name in _speakers(res))


def test_document_speaks_for_its_named_owner(extract):
    res = extract("The RCMP arrested 14 people on Monday. The RCMP statement said officers had acted lawfully.")
    assert _speakers(res) == [("officers had acted lawfully", "Royal Canadian Mounted Police")]
    res = extract("Jody Wilson-Raybould resigned on Tuesday. Her statement said she was proud of her work.")
    assert _speakers(res) == [("she was proud of her work", "Jody Wilson-Raybould")]
    res = extract("A statement from the European Union said the sanctions would remain.")
    assert _speakers(res) == [("the sanctions would remain", "European Union")]


def test_document_without_owner_is_nobody(extract):
    res = extract("Tony Blair spoke on Monday. The report said prices would rise sharply.")
    assert _speakers(res) == [("prices would rise sharply", None)]


def test_person_in_apposition_beats_the_document(extract):
    res = extract("Following Mr Straw's announcement, lawyer Louise Christian said the government "
                  "should have acted sooner.")
    assert _speakers(res)[0][1] == "Louise Christian"


def test_description_by_age_is_the_person_of_that_age(extract):
    res = extract("Nino Niederreiter, 26, scored twice on Saturday. Jordan Staal also scored. "
                  "\"It felt good,\" the 26-year-old right wing said.")
    assert _speakers(res) == [("It felt good", "Nino Niederreiter")]
    # two people of that age: nobody
    res = extract("Nino Niederreiter, 26, and Jordan Staal, 26, scored. \"It felt good,\" the 26-year-old said.")
    assert _speakers(res) == [("It felt good", None)]


# --- pronouns after a newly named person ---------------------------------------------

def test_pronoun_after_a_person_named_in_a_fronted_phrase(extract):
    res = extract("Ben Myers runs the shelter downtown. He opened it in 2010.\n"
                  "For Josh Matlow, the issue is personal. \"I grew up two blocks away,\" he said.")
    assert _speakers(res) == [("I grew up two blocks away", "Josh Matlow")]


def test_pronoun_after_the_agent_of_a_passive(extract):
    res = extract("The report was written by economist Philip Cross. \"Spending is out of control,\" he said.")
    assert _speakers(res) == [("Spending is out of control", "Philip Cross")]


def test_pronoun_after_two_newly_named_people_is_nobody(nlp, article):
    ben = ("Ben Myers", "person", ["Ben Myers"])
    josh = ("Josh Matlow", "person", ["Josh Matlow"])
    paul = ("Paul Ainslie", "person", ["Paul Ainslie"])
    text = ("Ben Myers runs the shelter downtown.\nThe plan was drafted by Josh Matlow and Paul Ainslie. "
            "\"It is a mess,\" he said.")
    quotes, keys = run(nlp, article, text, [ben, josh, paul])
    assert one(quotes, "direct")["speaker"] is None


# --- what the speaker's clause holds -------------------------------------------------

def test_apposition_parsed_as_conjunct_is_still_one_speaker(extract):
    res = extract("Amanda Nash, health promotion and nutrition manager with Heart and Stroke in Manitoba, "
                  "said the new recommendations on beverages are a welcome development.")
    assert _speakers(res)[0][1] == "Amanda Nash"


def test_reported_speech_inside_a_reported_clause_stays_in_it(extract):
    res = extract("Justin Trudeau said the Conservatives are flat-out lying when they say the agreement "
                  "overrides Canada's sovereignty.")
    outer = [q for q in res.quotes if q["text"].startswith("the Conservatives")]
    assert outer and outer[0]["text"].endswith("overrides Canada's sovereignty")
    res = extract("The minister, Anita Anand, said critics who claim the deal is weak have not read it.")
    assert _speakers(res)[0] == ("critics who claim the deal is weak have not read it", "Anita Anand")


def test_writers_aside_is_not_in_the_reported_clause(extract):
    res = extract("Ukraine said it was prepared to accept a 30-day ceasefire, a step that US officials "
                  "said would lead to more talks.")
    texts = [q["text"] for q in res.quotes]
    assert "it was prepared to accept a 30-day ceasefire" in texts


def test_reported_clause_ending_in_a_quotation_keeps_it(extract):
    res = extract("Mr Telford agreed, but added it was becoming increasingly difficult to think of an answer "
                  "when people asked \"What has Labour done for the North East?\"")
    q = one(res.quotes)
    assert q["kind"] == "mixed" and q["text"].endswith("North East?\"")


def test_nearer_of_two_subjects_is_the_speaker(nlp, article):
    # the parser may take "Moscow" for a second subject of "said"
    text = ("It sets the delicate balance act of the Kremlin.\nMoscow political analyst Ilya Grashchenkov "
            "said the Kremlin could be tempted to embrace an armistice.")
    ilya = ("Ilya Grashchenkov", "person", ["Ilya Grashchenkov"])
    moscow = ("Moscow", "place", ["Moscow"])
    quotes, keys = run(nlp, article, text, [ilya, moscow])
    assert one(quotes)["speaker"] != keys["Moscow"]


def test_pronoun_after_a_person_the_sentence_is_for(extract):
    res = extract("Fewer people were hurt this year.\nRegular exercise also produced positive results for "
                  "Mississauga accountant Babatunji Farinloye, 50. \"This program really helped me,\" he says.")
    assert _speakers(res) == [("This program really helped me", "Babatunji Farinloye")]


def test_pronoun_after_an_according_to_source(extract):
    res = extract("The plan was marketed as a stimulus package, according to former Bank of Canada governor "
                  "David Dodge.\n\u201cPoliticians tend to sell this stuff on stimulus grounds,\u201d he said.")
    assert ("Politicians tend to sell this stuff on stimulus grounds", "David Dodge") in _speakers(res)


def test_unisex_given_name_does_not_block_she(extract):
    res = extract("Pat Vanini, executive director of the Association of Municipalities of Ontario, said the "
                  "window was tight. She said a similar timeline would be a problem.")
    assert ("a similar timeline would be a problem", "Pat Vanini") in _speakers(res)


def test_an_embedded_question_is_no_quote(extract):
    res = extract("Reporters asked Smith what he would tell Toronto Mayor John Tory about being homeless.")
    assert res.quotes == []
    # a clause whose subject is a what-clause is still a statement
    res = extract("Joan Smith said what she wanted was peace in the region.")
    assert [q["text"] for q in res.quotes] == ["what she wanted was peace in the region"]


def test_no_source_through_a_subjectless_non_speech_verb(extract):
    # as parsed, "refuse" hangs from "reported": "insist" is Putin's, not Reuters'
    res = extract("Reuters reported in November that Putin was ready to negotiate a deal with Trump, but would "
                  "refuse to make major territorial concessions and would insist Kyiv abandon ambitions to join NATO.")
    assert all(not q["text"].startswith("Kyiv abandon") for q in res.quotes)
    res = extract("Dmitry Peskov arrived in Riyadh and said the talks would be difficult.")
    assert _speakers(res) == [("the talks would be difficult", "Dmitry Peskov")]


def test_reported_clause_does_not_end_in_a_conjunction(extract):
    res = extract("Dmitry Peskov said the talks would be difficult and warned that Moscow would not give ground.")
    assert [q["text"] for q in res.quotes] == ["the talks would be difficult", "Moscow would not give ground"]


def test_naming_verb_with_a_quotation_is_a_quote(extract):
    res = extract("Donald Trump called the deal \"a disaster for American workers.\"")
    assert _speakers(res) == [("a disaster for American workers.", "Donald Trump")]
    res = extract("Jane Smith described the budget as \"a mess that nobody wanted.\"")
    assert _speakers(res) == [("a mess that nobody wanted.", "Jane Smith")]
    assert one(res.quotes)["cue"] == "described"
    # no quotation, no quote; a negated verb, no quote
    assert extract("Donald Trump called the deal a disaster.").quotes == []
    assert extract("Jane Smith did not call the budget \"a mess\".").quotes == []


def test_first_person_quotation_after_a_sentence_about_a_person(extract):
    text = ("Jane Smith has run the shelter for 20 years. She opened it after her brother died.\n\n"
            "\"We never turn anyone away. Nobody should sleep outside in winter.\"\n\n"
            "The city plans to close the shelter in March.")
    res = extract(text)
    q = one(res.quotes)
    assert _speakers(res) == [("We never turn anyone away. Nobody should sleep outside in winter.", "Jane Smith")]
    assert q["cue"] is None and q["speaker_text"] == "She"
    # not in the first person: whose words they are is unclear
    res = extract("Jane Smith has run the shelter for 20 years.\n\n\"Nobody should sleep outside in winter.\"")
    assert res.quotes == []


def test_trailing_attribution_after_a_clause_parsed_as_its_subject(extract):
    res = extract("Dr Jane Smith studies couples. The people who stand by their partners when the end seems near "
                  "tend to be the ones who are worth the time patients have left, she said.")
    q = one(res.quotes)
    assert q["text"].startswith("The people who stand") and q["speaker_text"] == "she"
    assert _speakers(res)[0][1] == "Jane Smith"


# --- attribution that follows the discourse ----------------------------------------------

def test_block_introduced_by_a_colon_paragraph(extract):
    res = extract("In a statement, the Public Accounts Committee said:\n\n"
                  "\"The evidence we heard was troubling in every respect.\n\n"
                  "\"We urge the department to publish its figures this year.\"\n\n"
                  "Ministers have not yet replied.")
    assert _speakers(res) == [("The evidence we heard was troubling in every respect.", "Public Accounts Committee"),
                              ("We urge the department to publish its figures this year.", "Public Accounts Committee")]


def test_the_committee_is_the_one_the_article_names(extract):
    res = extract("In a statement, the committee said:\n\n"
                  "\"The evidence we heard was troubling in every respect.\"\n\n"
                  "The Public Accounts Committee is chaired by Tom Reed.")
    assert _speakers(res) == [("The evidence we heard was troubling in every respect.", "Public Accounts Committee")]


def test_name_and_colon_label_a_paragraph(extract):
    res = extract("Dan Keller: \"We will win this seat and the next one.\" He spoke at a rally.\n\n"
                  "\"Nobody believed us last time,\" he said.")
    assert _speakers(res) == [("We will win this seat and the next one.", "Dan Keller"),
                              ("Nobody believed us last time", "Dan Keller")]
    assert res.quotes[0]["cue"] is None


def test_the_statement_continued(extract):
    res = extract("An FIA statement said: \"The stewards found the car illegal.\" "
                  "The statement continued: \"Both drivers will be penalised for the breach.\"")
    assert [s for _, s in _speakers(res)] == ["FIA", "FIA"]
    res = extract("Acme Corp said in a statement that it regretted the loss. "
                  "The statement added that no jobs would go.")
    assert [s for _, s in _speakers(res)] == ["Acme Corp", "Acme Corp"]


def test_the_minutes_added(extract):
    res = extract("The Bank of Canada's minutes said that rates were \"likely to rise\". "
                  "However, the minutes added: \"Members saw little risk in waiting.\"")
    assert [s for _, s in _speakers(res)] == ["Bank of Canada", "Bank of Canada"]


def test_a_body_is_found_by_what_it_is(extract):
    res = extract("Ofcom published its review on Monday. The regulator said prices would fall.")
    assert _speakers(res) == [("prices would fall", "Ofcom")]
    res = extract("Ofcom published its review on Monday. The union said its members would strike.")
    assert _speakers(res) == [("its members would strike", None)]


def test_the_group_said_in_a_statement(extract):
    res = extract("A spokesman for Freedom Watch, which monitors censorship, called the ruling \"shameful\". "
                  "\"The judges have made a grave mistake,\" the group said in a statement.\n\n"
                  "\"We will appeal to the highest court in the land.\"")
    assert [s for t, s in _speakers(res) if len(t) > 20] == ["Freedom Watch", "Freedom Watch"]


def test_went_on(extract):
    res = extract("League chairman Sir Paul Grant said the league had been too slow. \"Nobody listened to us for years,\" "
                  "the chairman went on.")
    assert _speakers(res)[-1] == ("Nobody listened to us for years", "Paul Grant")
    assert res.quotes[-1]["cue"] == "went on"


def test_live_feed_entry_gives_its_speaker_to_later_quotations(extract):
    text = ("14 March 2025\n\n"
            "Speaking to reporters in the capital, Maria Lopez said the talks had stalled.\n\n"
            "The mood in the room was tense and nobody left early.\n\n"
            "\"We cannot accept these terms as they stand today.\"\n\n"
            "15 March 2025\n\n"
            "\"Nobody expected a deal this week anyway, to be honest.\"")
    res = extract(text)
    found = dict(_speakers(res))
    assert found["We cannot accept these terms as they stand today."] == "Maria Lopez"
    # the next entry is another one: no speaker is carried over
    assert found.get("Nobody expected a deal this week anyway, to be honest.") is None


def test_age_description_is_the_person_written_about(extract):
    res = extract("Sarah Chen has run the shelter for 20 years. The 54-year-old says she will keep going.")
    assert _speakers(res) == [("she will keep going", "Sarah Chen")]
    # no person before it: nobody
    res = extract("The shelter opened in 1999. The 54-year-old said the talks went well.")
    assert _speakers(res) == [("the talks went well", None)]
    # an age given to someone else: not that person
    res = extract("Tom Reed, 61, runs the shelter. The 54-year-old said the talks went well.")
    assert _speakers(res) == [("the talks went well", None)]


def test_abbreviated_title_before_the_speaker(extract):
    res = extract("The council voted for the plan. \"This is a good day for the city,\" Coun. Ana Bailao said.")
    assert _speakers(res) == [("This is a good day for the city", "Ana Bailao")]


def test_role_word_the_parser_left_out_of_the_name(extract):
    res = extract("Researchers studied 2,000 patients. \"The results surprised us,\" lead author Nadia Khan said.")
    assert _speakers(res) == [("The results surprised us", "Nadia Khan")]


def test_far_pronoun_is_the_only_person_named(extract):
    text = ("Tom Grant opened his bakery in 1998. Business was slow at first.\n\n"
            "The bakery now employs 12 people and sells bread across the city.\n\n"
            "Prices for flour have doubled this year, and energy bills have tripled.\n\n"
            "\"I don't know how much longer we can keep going,\" he said.")
    assert _speakers(extract(text)) == [("I don't know how much longer we can keep going", "Tom Grant")]
    # two people named: too far to tell
    text = text.replace("Business was slow at first.", "Business was slow, so he hired Mark Hill as a partner.")
    assert _speakers(extract(text))[-1] == ("I don't know how much longer we can keep going", None)


def test_abbreviated_title_names_the_role(extract):
    res = extract("Sen. John McCain criticised the plan. \"It is a mistake,\" the senator said.")
    assert _speakers(res) == [("It is a mistake", "John McCain")]


def test_a_role_owned_by_someone_fits_the_person_given_it(extract):
    res = extract("Trump's special envoy Steve Witkoff flew to Moscow on Thursday. "
                  "Later, Trump's envoy said the talks had gone well.")
    assert _speakers(res) == [("the talks had gone well", "Steve Witkoff")]


def test_occupation_names_the_one_person_given_it(extract):
    res = extract("Striker Tom Hale scored twice. Coach Ben Ross praised him. "
                  "\"He was outstanding,\" the coach said. The striker said he was delighted.")
    assert _speakers(res) == [("He was outstanding", "Ben Ross"), ("he was delighted", "Tom Hale")]
    res = extract("Singer Jo Kay and singer Amy Dunn shared the stage. The singer said it was a great night.")
    assert _speakers(res) == [("it was a great night", None)]


def test_a_verb_after_a_relative_clause_in_dashes_is_the_main_clause_s(extract):
    res = extract("Owen Price has twice tried to rescue Harbour - which sailed for 12 years before sinking - "
                  "but conceded the plans were \"utterly hopeless\".")
    assert _speakers(res) == [('the plans were "utterly hopeless"', "Owen Price")]


def test_a_continuing_cue_takes_a_role_description_for_the_last_speaker(extract):
    text = ("Mark Dale said he would \"keep working on the basics\" with his team. "
            "However, the Leeds coach added that he would take heart from the defeat.")
    assert _speakers(extract(text))[-1] == ("he would take heart from the defeat", "Mark Dale")
    # not with "said": a new sentence may bring in a new speaker
    assert _speakers(extract(text.replace("coach added", "coach said")))[-1] == \
        ("he would take heart from the defeat", None)
    # nor when another person of the article bears the role
    text = "Coach Ann Wood watched. " + text
    assert _speakers(extract(text))[-1] == ("he would take heart from the defeat", None)


def test_a_maker_is_the_one_person_the_article_calls_so(extract):
    res = extract("Leading British shoe maker Kate Finch has been made an MBE. "
                  "The veteran shoe maker says she has one worry left.")
    assert _speakers(res) == [("she has one worry left", "Kate Finch")]


def test_he_added_passes_over_a_subject_inside_the_last_reported_clause(extract):
    text = ("Rob Owens runs the betting desk. \"We saw odd bets,\" he said. Mr Owens did not believe "
            "the club's producer Harlow had tried to place them. But he added: \"They should check "
            "who can see the figures.\"")
    assert _speakers(extract(text))[-1] == ("They should check who can see the figures.", "Rob Owens")


def test_a_cue_in_the_sentence_after_a_full_stop_does_not_take_the_quotation(extract):
    res = extract("\"I have been treated like a thief,\" said Moreno on hearing the news. \"I have not "
                  "liked one thing about this whole affair. They wanted a scapegoat.\" The league's "
                  "disciplinary panel must now confirm the decision and has until Friday to announce its ruling.")
    assert _speakers(res)[1] == ("I have not liked one thing about this whole affair. They wanted a scapegoat.",
                                 "Moreno")


def test_the_maker_is_still_the_firm_when_no_person_is_a_maker(extract):
    res = extract("Volvo Cars reported a loss on Monday. The maker said sales would recover.")
    assert _speakers(res) == [("sales would recover", "Volvo Cars")]


def test_a_hyphenated_former_role_continues_the_speaker(extract):
    res = extract("Former Scottish winger Rob Kerr has told Wales to stop moaning. \"They lost fair and "
                  "square,\" said Kerr. And the ex-Saint added: \"They will bounce back next week.\"")
    assert _speakers(res)[-1] == ("They will bounce back next week.", "Rob Kerr")


def test_a_pronoun_after_two_subjects_takes_the_one_its_gender_allows(extract):
    res = extract("Tom Smith and Mary Jones met the board on Tuesday. \"It went badly,\" she said.")
    assert _speakers(res) == [("It went badly", "Mary Jones")]
    res = extract("Tom Smith and Bill Jones met the board on Monday. \"It went well,\" he said.")
    assert _speakers(res) == [("It went well", None)]


def test_the_company_is_not_a_firm_that_never_spoke_after_one_that_did(extract):
    res = extract("Brightway Foods said annual profit fell 36%. Oil giant Marlow Petroleum last year "
                  "dismantled its dual structure after a series of problems. The company said the "
                  "changes would speed decision making.")
    assert _speakers(res)[-1] == ("the changes would speed decision making", None)


def test_it_after_the_company_said_is_that_company(extract):
    res = extract("Shares in Harlow Energy, a UK oil firm, have closed down 18%.\n\nThe company said tests "
                  "had shown no finds in one of its fields, but was upbeat about other areas. It also said "
                  "the government had told it to pay a tax.")
    assert _speakers(res)[-1] == ("the government had told it to pay a tax", "Harlow Energy")


def test_marks_a_quotation_quoted_inside_an_open_one():
    text = ("Smith said: \"At that meeting he told me he would \"fake\" an injury and walk off. "
            "\"He also agreed to apologise.\"")
    quotes = [(text[q.start:q.end], q.continues) for q in find_quotes(text)]
    assert quotes == [('At that meeting he told me he would "fake" an injury and walk off.', True),
                      ("He also agreed to apologise.", False)]


def test_a_cue_inside_a_quotation_with_a_nested_one_is_no_attribution(extract):
    res = extract("\"I wish to set the record straight,\" said Shepherd. \"At that meeting Hale admitted "
                  "that he was going to \"fake\" an injury. \"He also agreed to apologise.\"")
    assert all(name == "Shepherd" for _text, name in _speakers(res)), _speakers(res)


def test_a_role_ending_in_a_generic_noun_with_a_name_in_apposition_is_that_person(extract):
    res = extract("The council will not back the plan, Mayor Ann Cole's chief of staff, Tom Reed, "
                  "said in a statement on Monday.")
    assert _speakers(res) == [("The council will not back the plan", "Tom Reed")]


def test_the_official_is_the_named_person_who_just_spoke(extract):
    res = extract("Moscow wants a lasting peace, presidential aide Tom Ushin told Channel 1 on Thursday. "
                  "The official said he made this position known to Washington.")
    assert _speakers(res)[-1] == ("he made this position known to Washington", "Tom Ushin")
    # after an unnamed official, "the official" is that one
    res = extract("A Russian official told reporters the talks were over. Lena Petrova said the talks "
                  "would resume. The official said nothing had been agreed.")
    assert _speakers(res)[-1] == ("nothing had been agreed", None)


def test_an_epithet_is_the_person_in_focus(extract):
    text = ("Jon Marsh, whose new film opens the festival, said he had nearly stayed away. "
            "\"I wondered whether I should come at all,\" the British actor said.")
    assert _speakers(extract(text))[-1] == ("I wondered whether I should come at all", "Jon Marsh")
    # a person named in passing does not take it; an unnamed person in focus does
    text2 = text.replace("stayed away. ", "stayed away. He had dinner with Tom Hale. ")
    assert _speakers(extract(text2))[-1] == ("I wondered whether I should come at all", "Jon Marsh")
    text2 = text.replace("stayed away. ", "stayed away. A festival spokeswoman met him. ")
    assert _speakers(extract(text2))[-1] == ("I wondered whether I should come at all", None)
    # a name inside a hyphenated modifier is no other person's ("the Oscar-nominated actor")
    text2 = text.replace("the British actor", "the Oscar-nominated actor")
    assert _speakers(extract(text2))[-1] == ("I wondered whether I should come at all", "Jon Marsh")
    # the subject just written about, though another player spoke before
    res = extract("\"It feels really good,\" said Ana Ruiz after the final. Greta Vogt was the more "
                  "powerful player but could not match her. \"It was my first final,\" said the German.")
    assert _speakers(res)[-1] == ("It was my first final", "Greta Vogt")
    # nor when the epithet's gender rules the person out
    text3 = text.replace("the British actor", "the British actress")
    assert _speakers(extract(text3))[-1] == ("I wondered whether I should come at all", None)


def test_a_nationality_does_not_stop_a_class_noun(extract):
    res = extract("Norgate Holdings reported a 4% fall in sales on Tuesday. "
                  "The Australian firm said costs had risen sharply.")
    assert _speakers(res) == [("costs had risen sharply", "Norgate Holdings")]


def test_it_is_the_one_organisation_of_its_own_sentence(extract):
    res = extract("Shares in Norgate Holdings fell 12% after it said it would make no money on the bridge.")
    assert _speakers(res) == [("it would make no money on the bridge", "Norgate Holdings")]
    # not when the sentence names two bodies before the pronoun
    res = extract("Shares in Norgate Holdings and Bellwood Bank fell 12% after it said "
                  "it would make no money on the bridge.")
    assert _speakers(res) == [("it would make no money on the bridge", None)]


def test_a_modal_cue_after_a_finished_quotation_does_not_take_it(extract):
    text = ("\"This is a step we choose to take,\" said Ann Cole, head of the kettle division. "
            "\"We are sorry for the trouble, but a free new lid is the right thing to offer.\" "
            "Buyers can order a new lid from the website.")
    assert _speakers(extract(text))[-1] == \
        ("We are sorry for the trouble, but a free new lid is the right thing to offer.", "Ann Cole")


def test_a_lone_name_beginning_an_organisation_is_that_organisation(extract):
    res = extract("Shares in Harwick Group fell 9% on Monday. Investors were shaken. Harwick will have "
                  "to win legal claims against builders. \"Harwick believes its claims are sound,\" it said.")
    names = {a["key"]: a for a in res.local_actors}
    assert {names[m["actor"]]["name"] for m in res.mentions if m["text"] == "Harwick"} == {"Harwick Group"}
    assert _speakers(res) == [("Harwick believes its claims are sound", "Harwick Group")]


def test_a_title_read_as_a_name_takes_no_quote(extract):
    res = extract("Singer Tom Ray said his new film was the start of a long rest. The film, A Different "
                  "Story, follows his life. The 41-year-old chart-topper told reporters he wanted a break.")
    assert "Different Story" not in {a["name"] for a in res.local_actors}
    assert _speakers(res)[-1] == ("he wanted a break", "Tom Ray")


def test_a_cue_joined_to_a_reported_clause_is_the_same_speakers_second_statement(extract):
    res = extract("Norgate Holdings said its results were poor and added that most of its shops "
                  "were trading well.")
    assert _speakers(res) == [("its results were poor", "Norgate Holdings"),
                              ("most of its shops were trading well", "Norgate Holdings")]
    # a verb with a subject of its own is another clause of what was said
    res = extract("Norgate Holdings said its results were poor and buyers added little to sales.")
    assert len(res.quotes) == 1


def test_a_fragment_with_a_cue_of_its_own_is_no_split_quotation(extract):
    res = extract("Tom Ray spoke in Berlin. \"I am still going to be making music,\" he said, "
                  "but added that he was \"not going to be around\". He smiled.")
    assert _speakers(res) == [("I am still going to be making music", "Tom Ray"),
                              ("not going to be around", "Tom Ray")]


def test_a_bookmaker_is_the_firm_just_written_about(extract):
    res = extract("Hartley Bets stopped taking bets on the quiz show on Friday.\n\n"
                  "The bookmaker said its suspicions had been aroused by late betting.")
    assert _speakers(res) == [("its suspicions had been aroused by late betting", "Hartley Bets")]


def test_a_publication_noun_fits_any_publication_name(extract):
    res = extract("Film production in Wales fell 40% last year, Screen Daily has said.\n\n"
                  "Twelve films were made in Cardiff, according to the trade weekly.")
    assert _speakers(res)[-1] == ("Twelve films were made in Cardiff", "Screen Daily")
    # not a body whose name says nothing of print
    res = extract("Film production in Wales fell 40% last year, Screen Wales has said.\n\n"
                  "Twelve films were made in Cardiff, according to the trade weekly.")
    assert _speakers(res)[-1] == ("Twelve films were made in Cardiff", None)


def test_an_age_nobody_was_given_is_the_person_in_focus(extract):
    text = ("The 32-year-old Ana Ruiz won the final on Sunday.\n\nFormer captain Marc Dulac says the "
            "team has changed. \"We made some mistakes,\" the 36-year-old said.")
    assert _speakers(extract(text))[-1] == ("We made some mistakes", "Marc Dulac")
    # not someone the article gave another age
    text = text.replace("Marc Dulac says", "Marc Dulac, 30, says")
    assert _speakers(extract(text))[-1] == ("We made some mistakes", None)


def test_titles_joined_by_and_before_a_name_are_that_persons(extract):
    res = extract("\"We have a solid base,\" said Harlow president and chief executive Bill Owens.")
    assert _speakers(res) == [("We have a solid base", "Bill Owens")]


def test_a_surname_with_an_apostrophe_is_the_person_named_before(extract):
    res = extract("Harlow won the cup. Ryan O'Connor said: \"It will be hard.\" Later, O'Connor added: "
                  "\"We will see what happens next.\"")
    assert _speakers(res)[-1] == ("We will see what happens next.", "Ryan O'Connor")


def test_an_epithet_passes_over_a_team_taken_for_a_person(extract):
    text = ("Thierry Henry believes he will be blamed if the side fail. Henry will captain the side in "
            "place of the injured Vieira as the Gunners seek the win they need over Rosenborg. And the "
            "striker said: \"If we don't win, it's my fault.\"")
    res = extract(text)
    assert {a["name"]: a["type"] for a in res.local_actors}.get("Gunners") == "person"   # the model's slip
    assert _speakers(res)[-1] == ("If we don't win, it's my fault.", "Thierry Henry")


def test_he_passes_over_a_subject_of_several_bodies(extract):
    res = extract("Perry Walden, the singer's lawyer, is angry. Harwick Group and Bellwood Bank ignored "
                  "the warnings. \"They failed to keep my client safe,\" he said.")
    assert _speakers(res)[-1] == ("They failed to keep my client safe", "Perry Walden")


def test_a_capitalised_title_before_an_apposed_name_is_that_persons(extract):
    res = extract("The Bishop of Leeds, the Rt Rev Dr Tom Walsh, described the novel as a \"great thriller\". "
                  "Despite enjoying it, the Bishop said there was a lack of evidence for its claims.")
    assert _speakers(res)[-1] == ("there was a lack of evidence for its claims", "Tom Walsh")


def test_a_police_rank_keeps_the_quotation_with_its_speaker(extract):
    # the small model ended a sentence at "Const." and the quotation had no speaker
    res = extract("\"The driver fled on foot,\" police spokesperson Const. Mark Delaney said.")
    assert _speakers(res) == [("The driver fled on foot", "Mark Delaney")]


def test_a_rank_before_a_name_is_no_speaker_of_its_own(extract):
    # the model took "RCMP Staff Sgt" for a person and credited it with the words
    res = extract("\"The search is over,\" said RCMP Staff Sgt. Tom Bell. \"It was a long week,\" "
                  "Cpl. Anne Roy said in a news release.")
    assert _speakers(res) == [("The search is over", "Tom Bell"), ("It was a long week", "Anne Roy")]


def test_a_one_word_quotation_taken_for_the_subject_leaves_the_name_after_the_cue(extract):
    # the parser made "Bravo" the subject of "exclaimed" and the speaker was lost
    res = extract("\"Bravo,\" exclaimed Nora Quill, a retired judge.")
    assert _speakers(res) == [("Bravo", "Nora Quill")]


def test_marks_of_two_backticks_and_two_apostrophes():
    text = "``We are ready,'' Nell Park said. ``The boats leave at dawn.''"
    assert [text[q.start:q.end] for q in find_quotes(text)] == ["We are ready", "The boats leave at dawn."]


def test_a_wire_style_quotation_after_its_speakers_sentence_is_the_speakers(extract):
    # with `` '' marks the second quotation was not found, and the first kept its marks
    res = extract("Diane Fraser runs the ferry.\n\n``We are ready,'' she said. ``The boats leave at dawn.''")
    assert _speakers(res) == [("We are ready", "Diane Fraser"), ("The boats leave at dawn.", "Diane Fraser")]


def test_a_name_closing_a_bodys_title_is_the_speaker(extract):
    # parsed with "Canadians" as the subject: the quotation went to a nationality
    res = extract("\"The campaign has begun,\" Canadians for an Elected Senate executive "
                  "director Rita Vance said.")
    assert _speakers(res) == [("The campaign has begun", "Rita Vance")]


def test_a_name_taken_for_a_body_is_a_person_when_he_or_she_takes_it_up(extract):
    # the model tagged both names ORG, so "he"/"she" found no person
    res = extract("Jagdeep Sandhu spoke at the rally on Monday.\n\n\"We are ready,\" he said.")
    assert _speakers(res) == [("We are ready", "Jagdeep Sandhu")]
    res = extract("Chrystel Ferland spoke at the rally on Monday.\n\n\"We are ready,\" she said.")
    assert _speakers(res) == [("We are ready", "Chrystel Ferland")]


def test_a_body_taken_up_by_she_stays_a_body(extract):
    # "Air Canada" names a country: no person, and "she" stays unresolved
    res = extract("Air Canada cut flights on Monday.\n\n\"We had no choice,\" she said.")
    assert _speakers(res) == [("We had no choice", None)]
    assert {a["name"]: a["type"] for a in res.local_actors}["Air Canada"] == "organization"


def test_an_emailed_statement_is_attributed(extract):
    res = extract("\"The ferry service will end in March,\" Karen Olwin emailed. "
                  "Tom Reid emailed that the last sailing would be full.")
    assert _speakers(res) == [("The ferry service will end in March", "Karen Olwin"),
                              ("the last sailing would be full", "Tom Reid")]
