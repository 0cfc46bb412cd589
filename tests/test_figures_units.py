"""Figures: currencies, points, ages, physical units, counted people,
rates, ranges (short texts written for these tests)."""
from __future__ import annotations

import re

import pytest
import yaml

from newstables.settings import SCHEMA_DIR

from test_figures import figs, one  # noqa: F401  (a fixture and a helper shared with test_figures)


def vu(f):
    return f["value"], f["unit"]


# --- the vocabulary ------------------------------------------------------------

def _units():
    return yaml.safe_load((SCHEMA_DIR / "units.yml").read_text(encoding="utf-8"))


def test_contract_codes_unchanged_and_every_unit_labelled():
    codes = {u["code"]: u for u in _units()}
    for code in ("percent", "km2", "mi2", "km", "mi", "day", "week", "month", "year", "hour", "minute",
                 "person", "soldier", "usd", "eur", "rub", "scale_point", "count"):
        assert code in codes
    assert len(codes) == len(_units())            # no code twice
    for u in codes.values():
        assert isinstance(u["code"], str) and u["code"] == u["code"].lower() and u["label"] and u["dimension"]


def test_every_code_the_rules_produce_is_in_the_vocabulary():
    codes = {u["code"] for u in _units()}
    rules = yaml.safe_load((SCHEMA_DIR / "figure_rules.yml").read_text(encoding="utf-8"))
    produced = set(rules["units_after"]) | set(rules["currency_before"].values()) \
        | set(rules["glued_units"].values()) | set(rules["dollar_variants"].values()) \
        | {c.lower() for c in rules["iso_currency_codes"]} | {v[0] for v in rules["unit_conversions"].values()} \
        | set(rules["rate_aliases"].values()) | {rules["multiple_unit"]}
    produced -= set(rules["unit_conversions"])    # converted on the way in
    produced = {c for c in produced if "_per_" not in c}   # published as unit + per
    assert produced <= codes, sorted(produced - codes)


def test_every_iso_currency_is_a_unit():
    codes = {u["code"] for u in _units() if u["dimension"] == "money"}
    rules = yaml.safe_load((SCHEMA_DIR / "figure_rules.yml").read_text(encoding="utf-8"))
    assert {c.lower() for c in rules["iso_currency_codes"]} <= codes


# --- currencies ------------------------------------------------------------------

def test_yen_sign_with_glued_scale(figs):
    assert vu(one(figs("Sales reached ¥3bn in the quarter."), "3bn")) == (3e9, "jpy")


def test_rand_sign_before_a_large_amount_only(figs):
    f = figs("The mine was valued at R1.2 billion and a house at R850,000.")
    assert vu(one(f, "R1.2")) == (1.2e9, "zar")
    assert vu(one(f, "R850,000")) == (850000, "zar")
    assert figs("The R2 droid beeped.") == []


def test_currency_words_rand_kuna(figs):
    f = figs("The firm paid 300 million rand and the hotel cost 20 million kuna; tickets cost 150 kn.")
    assert [x["unit"] for x in f] == ["zar", "hrk", "hrk"]


@pytest.mark.parametrize("text,value,unit", [
    ("Revenue was ZAR 4.5bn.", 4.5e9, "zar"),
    ("The bank lent HRK 2 billion.", 2e9, "hrk"),
    ("The bond raised 5m USD from investors.", 5e6, "usd"),
    ("The group earned 7 billion CHF.", 7e9, "chf"),
    ("The fund put in NOK 300 million.", 3e8, "nok"),
    ("They sold it for 45 million Swiss francs.", 4.5e7, "chf"),
    ("The loan is 1.2 billion Czech crowns.", 1.2e9, "czk"),
    ("The payout was 3 million Hungarian forints.", 3e6, "huf"),
    ("The ministry spent 2 billion pesos.", 2e9, "mxn"),
    ("The Kenyan government borrowed KSh 50 billion.", 5e10, "kes"),
    ("The takeover values it at RM1.5 bil.", 1.5e9, "myr"),
    ("The land sold for Y500 million.", 5e8, "jpy"),
    ("The club paid Yen 40 million for him.", 4e7, "jpy"),
])
def test_iso_codes_and_currency_words(figs, text, value, unit):
    f = figs(text)
    assert len(f) == 1 and vu(f[0]) == (value, unit), f


def test_won_is_a_currency_only_after_a_large_amount(figs):
    assert vu(one(figs("Prices rose to 80,000 won."), "80,000")) == (80000, "krw")
    assert one(figs("Of the 12 bills, 5 won approval."), "5")["unit"] != "krw"


def test_exchange_rates(figs):
    assert one(figs("The dollar rose to 110.50 against the yen."), "110.50")["unit"] == "jpy"
    f = one(figs("The yen strengthened to 105.50 per dollar."), "105.50")
    assert (f["unit"], f["per"]) == ("jpy", "usd")
    assert one(figs("USD/JPY traded at 110.2 in Tokyo."), "110.2")["unit"] == "jpy"


def test_bare_amount_beside_a_currency_takes_it(figs):
    f = figs("Net profit rose to 98.5 billion yen from 88 billion.")
    assert vu(one(f, "88")) == (88e9, "jpy")
    f = figs("Sales rose from 88 to 98.5 billion yen.")
    assert vu(f[0]) == (88e9, "jpy")


# --- points ------------------------------------------------------------------------

def test_percentage_points_are_their_own_unit(figs):
    f = figs("Unemployment rose 1.2 percentage points to 6%.")
    assert [x["unit"] for x in f] == ["percentage_point", "percent"]


def test_pence_of_an_index_are_points_but_share_pence_stay(figs):
    assert one(figs("The FTSE 100 index fell 35p to 7,200."), "35p")["unit"] == "point"
    assert one(figs("Shares in BP rose 12p to 450p."), "12p")["unit"] == "penny"


def test_index_moves_without_the_word_points(figs):
    assert vu(one(figs("The Dow was 120 lower at midday."), "120")) == (120, "point")
    assert vu(one(figs("The Dow fell 120 Monday to 10,450."), "120")) == (120, "point")


def test_points_per_game_abbreviations_and_lists(figs):
    f = figs("He averaged 25.3 ppg and 10.1 rpg.")
    assert [(x["unit"], x["per"]) for x in f] == [("point", "game"), ("count", "game")]
    f = figs("She posted 18 points, 7 rebounds and 5 assists per game.")
    assert [(x["unit"], x["per"]) for x in f] == [("point", "game"), ("count", "game"), ("count", "game")]


# --- ages and durations ------------------------------------------------------------

@pytest.mark.parametrize("text,fragment", [
    ("A woman aged 45 was taken to hospital.", "45"),
    ("The suspect, 32, was charged.", "32"),
    ("Jones, 45, of Leeds, was charged.", "45"),
    ("He became president at the age of 43.", "43"),
    ("He turned 45 last week.", "45"),
    ("Patients over 65 are at higher risk.", "65"),
])
def test_ages_are_years(figs, text, fragment):
    assert one(figs(text), fragment)["unit"] == "year"


def test_age_words_take_in_old(figs):
    assert one(figs("The 45-year-old man was arrested."), "45")["text"] == "45-year-old"
    f = one(figs("The 18-month-old girl was found safe."), "18")
    assert (f["text"], f["unit"]) == ("18-month-old", "month")


def test_decade_of_life(figs):
    f = one(figs("Women in their early 20s were most affected."), "20s")
    assert (f["value"], f["value_max"], f["unit"]) == (20, 29, "year")


def test_durations_still_work(figs):
    f = figs("They agreed a 30-day ceasefire after a month-long standoff over two nights.")
    assert [vu(x) for x in f] == [(30, "day"), (1, "month"), (2, "night")]


def test_range_between_the_ages(figs):
    f = one(figs("Voters between the ages of 18 and 24 stayed home."), "18")
    assert (f["value"], f["value_max"], f["unit"]) == (18, 24, "year")


# --- physical units ------------------------------------------------------------------

@pytest.mark.parametrize("text,value,unit", [
    ("The battery is rated at 5,000 mAh.", 5000, "milliampere_hour"),
    ("Concrete strength reached 40 MPa.", 40, "megapascal"),
    ("The steel withstands 0.5 GPa.", 0.5, "gigapascal"),
    ("Greenland lost 280 Gt of ice.", 280, "gigatonne"),
    ("Greenland lost 280 gigatonnes of ice.", 280, "gigatonne"),
    ("The crane lifts 50 kilonewtons.", 50, "kilonewton"),
    ("The cable carries 400 kilovolts.", 400, "kilovolt"),
    ("The battery gives 12 volts.", 12, "volt"),
    ("The cell gives 3.7V.", 3.7, "volt"),
    ("The car gets 52 miles per gallon.", 52, "mpg"),
    ("Winds reached 120 miles an hour.", 120, "mph"),
    ("The car hits 60 m.p.h. easily.", 60, "mph"),
    ("The train runs at 300 kilometres per hour.", 300, "km/h"),
    ("Gusts reached 35 m/s.", 35, "m/s"),
    ("Speeds reach 100 Mbps.", 100, "mbps"),
    ("Speeds reach 1 Gbit/s.", 1, "gbps"),
    ("The horse stands 16 hands high.", 16, "hand"),
    ("The ship sailed 20,000 leagues.", 20000, "league"),
    ("The TV has a 65\" screen.", 65, "inch"),
    ("The pipe is 6 in. wide.", 6, "inch"),
    ("The screen is 6.1in wide.", 6.1, "inch"),
    ("The engine delivers 350 pound-feet of torque.", 350, "pound_foot"),
    ("It produces 300 lb-ft of torque.", 300, "pound_foot"),
    ("The motor gives 475 Nm of torque.", 475, "newton_metre"),
    ("The plant makes 2 exajoules of energy.", 2, "exajoule"),
    ("The sound reached 120 decibels.", 120, "decibel"),
    ("The house covers 250 sqm.", 250, "m2"),
    ("Output rose sixfold in a decade.", 6, "times"),
])
def test_physical_units(figs, text, value, unit):
    f = figs(text)
    assert vu(f[0]) == (value, unit), f


def test_quoted_number_is_not_inches(figs):
    f = figs('He said the answer was "65" and left.')
    assert all(x["unit"] != "inch" for x in f)


def test_hands_need_a_horse(figs):
    assert one(figs("The charity needs 40 hands on deck."), "40")["unit"] != "hand"


def test_tons_and_tonnes(figs):
    f = figs("The shipment weighed 40 tons; exports reached 3 million tonnes and 2 million metric tons.")
    assert [x["unit"] for x in f] == ["ton", "tonne", "tonne"]


def test_sports_metres(figs):
    assert vu(one(figs("She finished third in the 100m final."), "100m")) == (100, "m")


# --- counted people and things -----------------------------------------------------------

@pytest.mark.parametrize("text,fragment,unit", [
    ("The company employs 300 engineers.", "300", "person"),
    ("The firm hired 200 programmers and 15 accountants.", "15", "person"),
    ("About 20 firefighters attended.", "20", "person"),
    ("There were 14 plaintiffs.", "14", "person"),
    ("The vaccine was given to 3 million Britons.", "3 million", "person"),
    ("Some 600 migrants crossed.", "600", "person"),
    ("The fire left 12 dead.", "12", "person"),
    ("A crowd of 20,000 gathered in the square.", "20,000", "person"),
    ("Members of the 9,000-strong union voted.", "9,000", "person"),
    ("Some 600 migrants crossed, along with 40 lorries.", "40", "count"),
    ("The party won 52 seats.", "52", "count"),
])
def test_people_and_things(figs, text, fragment, unit):
    assert one(figs(text), fragment)["unit"] == unit


def test_person_nouns_live_in_the_schema():
    rules = yaml.safe_load((SCHEMA_DIR / "figure_rules.yml").read_text(encoding="utf-8"))
    assert len(rules["person_nouns"]) > 300
    assert all(" " not in w or w.count(" ") <= 2 for w in rules["person_nouns"])


# --- rates ---------------------------------------------------------------------------------

def test_counted_noun_rate(figs):
    f = one(figs("The lab runs 5,000 tests per day."), "5,000")
    assert (f["unit"], f["per"], f["text"]) == ("count", "day", "5,000 tests per day")


def test_barrels_per_day(figs):
    f = one(figs("Output is 9 million barrels per day."), "9 million")
    assert (f["unit"], f["per"]) == ("barrel", "day")


# --- ranges ---------------------------------------------------------------------------------

def test_range_between_units_and_or(figs):
    f = figs("Growth of between 3% and 5% is expected.")
    assert [(x["value"], x["value_max"], x["unit"]) for x in f] == [(3, 5, "percent")]
    f = figs("Growth of 3 or 4 percent is expected.")
    assert [(x["value"], x["value_max"], x["unit"]) for x in f] == [(3, 4, "percent")]


def test_from_to_range_but_a_change_is_two_figures(figs):
    f = figs("The range is from $1.2 million to $2.5 million, the filing said.")
    assert [(x["value"], x["value_max"]) for x in f] == [(1.2e6, 2.5e6)]
    f = figs("Sales fell from $3 billion to $2.5 billion.")
    assert [(x["value"], x["value_max"]) for x in f] == [(3e9, None), (2.5e9, None)]
    f = figs("Sales rose from $89 to $93 billion.")
    assert [x["value"] for x in f] == [89e9, 93e9]


def test_range_is_not_read_as_a_calendar_year(figs):
    f = figs("The number of cases went from 10 to 50.")
    assert [(x["value"], x["value_max"]) for x in f] == [(10, 50)]


# --- not figures -----------------------------------------------------------------------------

def test_set_phrases_are_not_figures(figs):
    assert not [x for x in figs("Stocks fell, and at one point the Dow was down sharply.") if x["value"] == 1]


# --- number words and shares -----------------------------------------------------------

def test_two_numbers_joined_by_and_are_not_summed(figs):
    found = figs("The plan offers free nursery education for three and four-year-olds.")
    assert vu(one(found, "three")) == (3.0, "year")
    assert vu(one(figs("Two hundred and fifty people attended the rally."), "fifty")) == (250.0, "person")


def test_spelled_fraction_before_a_noun_is_a_share(figs):
    assert vu(one(figs("Buyers get a one third discount on the homes."), "third")) == (33.3333, "percent")


def test_n_out_of_ten_is_a_share(figs):
    assert vu(one(figs("Eight out of 10 voters said they would back the plan."), "Eight")) == (80.0, "percent")


def test_a_date_after_a_number_is_not_what_it_counts(figs):
    f = one(figs("The number of claimants rose by 311,764 last month."), "311,764")
    assert f["text"] == "311,764" and f["unit"] == "count"


def test_one_in_set_phrases_is_no_figure(figs):
    assert figs("The minister said the debt could not be repaid in one go.") == []


def test_race_distances_before_plural_race_words_are_metres(figs):
    found = figs("She won the 200m finals in Madrid and the 100m sprinter came second.")
    assert vu(one(found, "200m")) == (200.0, "m")
    assert vu(one(found, "100m")) == (100.0, "m")


def test_m_after_a_money_word_is_millions_not_metres(figs):
    assert one(figs("The firm raised 200m from investors."), "200m")["value"] == 200_000_000
    assert one(figs("The company made a loss of 35m in 2004."), "35m")["value"] == 35_000_000
    assert vu(one(figs("The tower is 300m high and 40m from the river."), "40m")) == (40.0, "m")


# --- third session: ranges, directions, prefixes, capitals, ages, rates -------

def test_a_range_shares_its_scale_only_with_a_smaller_first_number(figs):
    f = one(figs("The flats, which cost from $650,000 to $1.2 million, sold out."), "$650,000")
    assert (f["value"], f["value_max"], f["unit"]) == (650_000, 1_200_000, "usd")
    g = one(figs("Tickets range from $2 to $4 million."), "$2")
    assert (g["value"], g["value_max"]) == (2_000_000, 4_000_000)


def test_a_year_before_to_is_no_range(figs):
    f = figs("Sales climbed 40% in 2021 to 2.5 million bikes.")
    assert one(f, "2.5 million")["value"] == 2_500_000
    assert not [x for x in f if x["value"] == 2021]


def test_up_to_after_a_verb_of_movement_is_a_level_not_a_ceiling(figs):
    f = figs("Inflation will dip to 2.1 percent before creeping back up to 2.6 percent next year.")
    assert one(f, "2.6 percent")["comparator"] == "="
    assert one(figs("The law allows fines of up to 500 euros."), "500 euros")["comparator"] == "<="


def test_sub_before_a_number_is_under(figs):
    f = one(figs("Landlords report demand for sub-200 sq m shops."), "200 sq m")
    assert (f["value"], f["unit"], f["comparator"]) == (200.0, "m2", "<")


def test_a_number_written_from_its_decimal_point(figs):
    f = one(figs("The error rate fell to .02 per cent last year."), ".02")
    assert (f["value"], f["unit"]) == (0.02, "percent")


def test_time_between_two_events_is_a_duration_but_ago_is_a_date(figs):
    f = figs("Four days later the bridge reopened. Three weeks ago it had closed.")
    assert vu(one(f, "Four days")) == (4.0, "day")
    assert not [x for x in f if "Three" in x["text"]]


def test_unit_words_in_capitals(figs):
    f = figs("The estate car has 310 HP and sells for 4,200,000 YEN at home.")
    assert vu(one(f, "310")) == (310.0, "hp")
    assert vu(one(f, "4,200,000")) == (4_200_000, "jpy")


def test_millilitres_and_degrees_whose_sign_was_lost(figs):
    assert vu(one(figs("Stir in 25mL of vinegar."), "25mL")) == (25.0, "ml")
    f = figs("The sea was 3.5degF (1.9deg C) warmer than usual.")
    assert vu(one(f, "3.5")) == (3.5, "fahrenheit")
    assert vu(one(f, "1.9")) == (1.9, "celsius")


def test_a_suspended_hyphen_shares_the_unit(figs):
    f = figs("Buyers can choose a 10- or 12-inch tablet.")
    assert vu(one(f, "10")) == (10.0, "inch")


def test_a_bare_amount_before_or_and_money_is_money(figs):
    assert vu(one(figs("A pint costs about 5 or $6 in the city."), "5")) == (5.0, "usd")


def test_an_index_level_before_its_move_in_points(figs):
    f = one(figs("Shares fell on the Madrid Stock Exchange (9812.4 down 41.2 points)."), "9812.4")
    assert f["unit"] == "point"


def test_a_loose_hyphen_after_a_code_is_no_minus_sign(figs):
    f = figs("The lab bought hundreds of SARS -2 kits. Markets: FTSE -0.4% DAX -0.9%.")
    assert not [x for x in f if x["value"] == -2]
    assert one(f, "-0.4%")["value"] == -0.4


def test_a_count_before_a_brand_counts_the_plural_noun(figs):
    f = figs("Police said about 300 Ford and Toyota pickups were stolen. The airline flies three new 777 Freighter jets.")
    assert (one(f, "300")["value"], one(f, "300")["unit"]) == (300.0, "count")
    assert not [x for x in f if x["value"] == 777]


def test_a_bare_number_a_person_is_or_turns_is_an_age(figs):
    assert vu(one(figs("She will be 41 by the time of the vote."), "41")) == (41.0, "year")
    assert vu(one(figs("Jones, who turned 52 in May, resigned."), "52")) == (52.0, "year")
    assert vu(one(figs("The pension age will rise to 68."), "68")) == (68.0, "year")
    assert one(figs("He was 1 of 7 candidates."), "1")["unit"] != "year"


def test_employers_are_counted_not_people(figs):
    assert one(figs("A poll of 4,000 employers found shortages."), "4,000")["unit"] == "count"


def test_a_bare_number_per_period_is_a_rate(figs):
    f = one(figs("The clinic sees an average of 35 per day in winter."), "35")
    assert (f["unit"], f["per"]) == ("count", "day")


def test_large_numbers_the_model_calls_dates_are_counts(figs):
    f = figs("The state recorded 1874411 strikes in 2019, and 78300 who had left returned.")
    assert vu(one(f, "1874411")) == (1874411.0, "count")
    assert vu(one(f, "78300")) == (78300.0, "person")


def test_mil_after_digits_is_millions(figs):
    f = one(figs("The firm paid RM4.5mil in fines."), "RM4.5mil")
    assert (f["value"], f["unit"]) == (4_500_000, "myr")


def test_scores_are_not_amounts(figs):
    found = figs("City drew 1-1 at home, lost 3-0 away and the bill passed 6-3, while 20-30 people protested.")
    assert [x["text"] for x in found] == ["20-30 people"]


def test_a_tournament_named_after_its_year_is_no_money(figs):
    assert figs("Police watched the Euro 2024 final closely.") == []


def test_a_year_is_no_index_level(figs):
    f = figs("Analysts expect the Nikkei to end 2026 at 41,200.")
    assert [x["text"] for x in f] == ["41,200"] and f[0]["unit"] == "point"


def test_shares_and_dates_written_with_a_slash(figs):
    f = figs("A teaspoon is 1/6 of a fluid ounce. The vote on 3/14 passed and the shop is open 24/7.")
    assert [x["text"] for x in f] == ["1/6"] and vu(f[0]) == (16.6667, "percent")


def test_scientific_notation_is_one_number(figs):
    f = figs("The probe weighs about 6.2×10−3 kilograms and flies at 3 x 10^4 metres per second.")
    assert [(x["value"], x["unit"]) for x in f] == [(0.0062, "kg"), (30000.0, "m/s")]


# --- what a figure measures ------------------------------------------------------

def test_a_restatement_in_brackets_measures_the_same_thing(figs):
    f = figs("The merged group would have annual sales of $40bn (£21bn; 31bn euros).")
    assert {x["measures"] for x in f} == {"annual sales"}
    g = figs("Rebels took 8,000 acres (3,240 hectares) of farmland.")
    assert one(g, "3,240")["measures"] == one(g, "8,000")["measures"]


def test_a_figure_in_brackets_of_another_kind_does_not_take_a_number_as_what_it_measures(figs):
    f = one(figs("Shares rose 6% (£2m) on Friday."), "£2m")
    assert f["measures"] is None or any(c.isalpha() for c in f["measures"])


def test_the_noun_before_of_is_what_an_amount_measures(figs):
    assert one(figs("The plant has a production capacity of 90 million tonnes."), "90 million")["measures"] \
        == "production capacity"


def test_money_in_something(figs):
    assert one(figs("The party promised £6bn in tax cuts."), "£6bn")["measures"] == "tax cuts"


def test_the_subject_of_the_verb_a_figure_completes(figs):
    f = one(figs("The total bill for the new bridges was expected to reach £3bn."), "£3bn")
    assert f["measures"] == "total bill for the new bridges"


def test_ages_measure_age(figs):
    found = figs("The 64-year-old resigned. A man aged 30 to 35 was seen.")
    assert [x["measures"] for x in found] == ["age", "age"]


def test_an_age_at_a_life_event(figs):
    f = figs("Ms Okafor became a judge at 39 and retired at 70. The index opened at 39.")
    assert [(x["value"], x["unit"]) for x in f] == [(39.0, "year"), (70.0, "year"), (39.0, "point")]
    assert f[0]["measures"] == "age of Okafor"


def test_what_is_measured_stops_before_a_relative_clause_or_a_date(figs):
    assert one(figs("The port expects 12m visitors who will arrive by sea."), "12m")["measures"] == "visitors"
    assert one(figs("He got a £40,000 payout two years ago."), "£40,000")["measures"] == "payout"
    assert one(figs("The council gives £150 for school uniforms."), "£150")["measures"] == "school uniforms"


def test_a_restatement_after_or_measures_the_same_thing(figs):
    f = figs("The rebels hold about a third of the province, or roughly 9,000 square km.")
    assert one(f, "9,000")["measures"] == one(f, "a third")["measures"] == "province"


def test_a_list_of_names_keeps_its_noun(figs):
    f = one(figs("The army holds 60% of Aleppo, Idlib and Hama provinces and 10% of Homs."), "60%")
    assert f["measures"] == "Aleppo, Idlib and Hama provinces"


def test_a_speaker_is_not_what_a_quoted_figure_measures(figs):
    f = one(figs("\u201cWe could raise them up to 8,\u201d Ms Laine said."), "8")
    assert f["measures"] != "Ms Laine"


def test_the_agent_of_a_verb_is_not_what_its_object_counts(figs):
    f = one(figs("The floods have destroyed thousands of homes, displaced millions and closed schools."), "millions")
    assert f["measures"] != "floods"
    g = one(figs("The envoy visited the palace and stayed for at least two hours."), "two hours")
    assert g["measures"] == "envoy"


def test_up_to_after_a_verb_with_an_object_is_still_a_ceiling(figs):
    f = figs("The sale would raise up to £500m for the clean-up, and the firm may cut up to 300 jobs.")
    assert [x["comparator"] for x in f] == ["<=", "<="]
    assert one(f, "£500m")["measures"] == "clean-up"


def test_decades_abbreviated_years_and_dotted_clock_times_are_no_figures(figs):
    f = figs("It felt like the 60's, said the class of '97. At 11.45 on a Sunday it cost 11.45 euros.")
    assert [x["text"] for x in f] == ["11.45 euros"]


def test_an_age_limit_named_before_the_number(figs):
    f = one(figs("Ministers rejected lowering the voting age to 16."), "16")
    assert (f["unit"], f["measures"]) == ("year", "voting age")


def test_from_one_amount_to_a_bare_number_shares_the_unit(figs):
    f = figs("She wants the limit cut from 24 weeks to 22.")
    assert vu(one(f, "22")) == (22.0, "week")


def test_bare_millions_after_an_amount_of_money_are_that_money(figs):
    f = one(figs("The bank pays 2bn euros now, with another 450m to come next year."), "450m")
    assert (f["value"], f["unit"]) == (450_000_000, "eur")
    g = one(figs("The show took $12.5m (£6.7m), a total of 98.4m (£52m) so far."), "98.4m")
    assert (g["value"], g["unit"]) == (98_400_000, "usd")


def test_metres_stay_metres_after_a_small_sum(figs):
    f = figs("After winning $3,000 she ran the 800m in two minutes.")
    assert vu(one(f, "800m")) == (800.0, "m")


def test_the_yen_sign_as_wire_services_type_it(figs):
    f = figs("The maker fell 3.1 percent to Y=14,020 and expects a profit of Y=120 billion.")
    assert vu(one(f, "14,020")) == (14020.0, "jpy")
    assert vu(one(f, "120 billion")) == (120_000_000_000, "jpy")


def test_scaled_values_are_exact(figs):
    assert one(figs("Profit rose to $4.1 billion."), "4.1")["value"] == 4_100_000_000


def test_a_bare_amount_restated_like_the_one_before_is_in_its_currency(figs):
    f = figs("The manual costs 3,120,000 yen ($28,800) and the automatic 2,990,000 ($27,600).")
    assert vu(one(f, "2,990,000")) == (2_990_000, "jpy")
    assert vu(one(figs("Sales were 200,000 ($5m) in total."), "200,000")) == (200_000, "count")


def test_fraction_words_in_compounds_are_no_shares(figs):
    f = figs("A third-party audit found half the revenue went to a half-time show.")
    assert [(x["text"], x["measures"]) for x in f] == [("half", "revenue")]


def test_pence_written_apart_in_share_price_copy(figs):
    f = figs("Among the fallers, Tesco lost 4 p at 291.5 p.")
    assert [vu(x) for x in f] == [(4.0, "penny"), (291.5, "penny")]


def test_ranks_charts_compound_adjectives_clock_pairs_and_names_are_no_amounts(figs):
    f = figs("The Seven Hills Company, once the number two, re-entered the top 40. "
             "A two-pronged plan brings a one-time fee, a curfew between 2300 and 0600, "
             "a 14-day ban and the top 10 firms' profits.")
    assert [x["text"] for x in f] == ["14-day", "10 firms"]


def test_top_as_a_verb_or_before_a_counted_set_keeps_the_number(figs):
    f = figs("Sales should top 400,000 this year, and the country's top 100 companies agreed.")
    assert [x["text"] for x in f] == ["400,000", "100 companies"]


def test_money_in_a_time_of_day_is_not_what_it_measures(figs):
    f = one(figs("Shares in the bank rose to 20.7 kronor in early trading."), "20.7")
    assert f["measures"] != "early trading"
    assert one(figs("The firm paid 3m euros in damages."), "3m")["measures"] == "damages"


def test_an_adverbial_phrase_is_not_part_of_what_a_share_measures(figs):
    f = one(figs("Troops seized hundreds of square miles of farmland in a sudden raid last May."), "hundreds")
    assert f["measures"] == "farmland"


def test_the_second_of_two_compared_amounts_shares_the_unit(figs):
    f = figs("The highest bid is 92.5 cents, while the lowest is 81.25.")
    assert vu(one(f, "81.25")) == (81.25, "cent")
    g = figs("He cut costs by 20% and trimmed the workforce by about 20,000.")
    assert one(g, "20,000")["unit"] == "count"


def test_an_age_after_a_name_at_the_end_of_a_sentence(figs):
    f = one(figs("\u201cWe will tour again,\u201d said Marta Kowalski, 47."), "47")
    assert (f["unit"], f["measures"]) == ("year", "age of Marta Kowalski")
