"""Figures: one or more short texts per rule (written for these tests)."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def figs(extract):
    def run(text):
        result = extract(text)
        for f in result.figures:
            assert text[f["start"]:f["end"]] == f["text"]
        return result.figures
    return run


def one(figures, fragment):
    hits = [f for f in figures if fragment in f["text"]]
    assert hits, f"no figure containing {fragment!r} in {[f['text'] for f in figures]}"
    return hits[0]


def texts(figures):
    return [f["text"] for f in figures]


# --- values, units, comparators ---------------------------------------------

def test_percent_and_more_than(figs):
    f = figs("The army holds 64% of the valley and more than 98% of the northern plain.")
    a, b = one(f, "64%"), one(f, "98%")
    assert (a["value"], a["unit"], a["comparator"]) == (64, "percent", "=")
    assert (b["value"], b["unit"], b["comparator"]) == (98, "percent", ">")


def test_per_cent_words(figs):
    f = one(figs("Prices rose 3.5 per cent last quarter."), "3.5")
    assert (f["value"], f["unit"], f["text"]) == (3.5, "percent", "3.5 per cent")


def test_area_with_about(figs):
    f = one(figs("The rebels hold about 4,500 square km of farmland."), "4,500")
    assert (f["value"], f["unit"], f["comparator"], f["text"]) == (4500, "km2", "~", "about 4,500 square km")


def test_square_miles(figs):
    f = one(figs("The fire burned 12 square miles of forest."), "12")
    assert f["unit"] == "mi2"


def test_fraction_just_under(figs):
    f = one(figs("The coalition now controls just under a third of the province."), "third")
    assert (f["value"], f["unit"], f["comparator"]) == (pytest.approx(33.333, abs=0.01), "percent", "<")


def test_two_thirds_and_half(figs):
    f = figs("Two-thirds of voters agreed and half of the budget went to roads.")
    assert one(f, "Two-thirds")["value"] == pytest.approx(66.667, abs=0.01)
    assert one(f, "half")["value"] == 50


def test_ordinal_third_is_not_a_fraction(figs):
    assert figs("A third Canadian official declined to comment.") == []


def test_one_in_five(figs):
    f = one(figs("One in five farmers lost their harvest."), "One in five")
    assert (f["value"], f["unit"]) == (20, "percent")


def test_hyphenated_durations(figs):
    f = figs("They agreed a 60-day truce after a 45-minute meeting and a week-long pause.")
    assert (one(f, "60-day")["value"], one(f, "60-day")["unit"]) == (60, "day")
    assert (one(f, "45-minute")["value"], one(f, "45-minute")["unit"]) == (45, "minute")
    assert (one(f, "week-long")["value"], one(f, "week-long")["unit"]) == (1, "week")


def test_duration_with_comparator_and_article(figs):
    f = one(figs("The envoys talked for at least an hour."), "an hour")
    assert (f["value"], f["unit"], f["comparator"]) == (1, "hour", ">=")


def test_spelled_duration(figs):
    f = one(figs("The strike will last for 14 days."), "14")
    assert (f["value"], f["unit"]) == (14, "day")


def test_decades_convert_to_years(figs):
    f = one(figs("The dispute has lasted two decades."), "two decades")
    assert (f["value"], f["unit"]) == (20, "year")


# --- vague amounts -------------------------------------------------------------

def test_vague_amounts(figs):
    f = figs("The flood left tens of thousands of people homeless and dozens of villages cut off.")
    a, b = one(f, "tens of thousands"), one(f, "dozens")
    assert (a["value"], a["unit"], a["comparator"]) == (10000, "person", ">=")
    assert (b["value"], b["unit"], b["comparator"]) == (24, "count", ">=")


def test_vague_object_of_person_verb(figs):
    f = one(figs("The storms displaced millions across the region."), "millions")
    assert (f["value"], f["unit"], f["comparator"]) == (1e6, "person", ">=")


def test_thousands_of_soldiers(figs):
    f = one(figs("Thousands of troops crossed the border."), "Thousands")
    assert (f["value"], f["unit"]) == (1000, "soldier")


# --- counts ---------------------------------------------------------------------

def test_counted_noun_in_text(figs):
    f = one(figs("Inspectors visited seven coastal towns."), "seven")
    assert (f["text"], f["value"], f["unit"]) == ("seven coastal towns", 7, "count")


def test_people_and_soldiers(figs):
    f = figs("The blast injured 35 civilians and 2,300 soldiers were moved.")
    assert one(f, "35")["unit"] == "person"
    assert (one(f, "2,300")["value"], one(f, "2,300")["unit"]) == (2300, "soldier")


def test_word_numbers(figs):
    f = one(figs("Twenty-one delegates signed the letter."), "Twenty-one")
    assert (f["value"], f["unit"]) == (21, "person")


def test_bare_one_is_not_a_figure(figs):
    assert figs("One of the ministers said no one had called.") == []


# --- money -----------------------------------------------------------------------

def test_money_with_scales(figs):
    f = figs("The fund paid $4.2bn, then €350m and 12 million roubles.")
    assert (one(f, "$4.2bn")["value"], one(f, "$4.2bn")["unit"]) == (4.2e9, "usd")
    assert (one(f, "€350m")["value"], one(f, "€350m")["unit"]) == (350e6, "eur")
    assert (one(f, "12 million")["value"], one(f, "12 million")["unit"]) == (12e6, "rub")


def test_currency_codes(figs):
    f = figs("The yacht sold for USD12m, about 1.1 billion hryvnias.")
    assert one(f, "USD12m")["unit"] == "usd"
    g = one(f, "hryvnias")
    assert (g["value"], g["unit"], g["comparator"]) == (1.1e9, "uah", "~")


def test_glued_m_is_metres_without_currency(figs):
    f = one(figs("She won the 400m in record time."), "400m")
    assert (f["value"], f["unit"]) == (400, "m")


# --- ranges and qualifiers after --------------------------------------------------

def test_range_between(figs):
    f = one(figs("Between 40 and 60 fishermen were rescued."), "40")
    assert (f["value"], f["value_max"], f["unit"]) == (40, 60, "person")


def test_range_with_units_on_both(figs):
    f = figs("Output may grow 2% to 4% next year.")
    assert len(f) == 1
    assert (f[0]["value"], f[0]["value_max"], f[0]["unit"]) == (2, 4, "percent")


def test_up_to_and_or_more(figs):
    f = figs("Up to 300 workers may go; 50 or more shops will close.")
    assert one(f, "300")["comparator"] == "<="
    assert one(f, "50")["comparator"] == ">="


def test_negative_value(figs):
    f = one(figs("The night was cold, minus 12 degrees Celsius."), "12")
    assert (f["value"], f["unit"]) == (-12, "celsius")


# --- scale points ------------------------------------------------------------------

def test_scale_points(figs):
    f = figs("On a scale of one to 10, the talks were a four.")
    four = one(f, "four")
    assert (four["value"], four["unit"]) == (4, "scale_point")


# --- not figures -------------------------------------------------------------------

def test_years_dates_and_times_are_not_figures(figs):
    f = figs("In 2019 the talks began on March 14 at 9:30am and the 1994 accord lapsed on 3 May 2021.")
    assert f == [], texts(f)


def test_ordinals_and_names_are_not_figures(figs):
    f = figs("The 3rd Brigade flew F-35 jets from Gate 12 after the G20 summit and COVID-19.")
    assert f == [], texts(f)


def test_relative_dates_are_not_figures(figs):
    f = figs("Two weeks ago the minister resigned.")
    assert f == [], texts(f)


def test_plural_count_beside_year_like_number(figs):
    f = one(figs("The plant employs 2000 workers."), "2000")
    assert (f["value"], f["unit"]) == (2000, "person")


# --- measures and source -------------------------------------------------------------

def test_measures_share_of(figs):
    f = one(figs("Rebels control 40% of the northern districts."), "40%")
    assert "northern districts" in f["measures"]


def test_measures_modified_noun(figs):
    f = one(figs("They proposed a 10-day truce."), "10-day")
    assert f["measures"] == "truce"


def test_source_according_to(figs):
    f = one(figs("About 900 homes were damaged, according to local officials."), "900")
    assert f["source"] == "according to local officials"
    assert f["unit"] == "count"


def test_age_after_a_name(figs):
    f = one(figs("Maria Lopez, 66, has run the farm since the war."), "66")
    assert (f["value"], f["unit"]) == (66, "year")
    assert f["measures"] == "age of Maria Lopez"


def test_spaced_currency_prefix(figs):
    f = one(figs("The flat sold for HK $5.4m last week."), "5.4m")
    assert (f["value"], f["unit"]) == (5.4e6, "hkd")


# --- rates, index points, pence, currencies named apart ----------------------

def test_rate_money_per_barrel(figs):
    f = one(figs("Brent crude rose to $60 a barrel on Monday."), "$60")
    assert (f["value"], f["unit"], f["per"], f["text"]) == (60, "usd", "barrel", "$60 a barrel")


def test_rate_per_share_and_hyphenated(figs):
    f = one(figs("The board declared a dividend of $1.20 per share."), "1.20")
    assert (f["unit"], f["per"]) == ("usd", "share")
    assert one(figs("Oil at $60-a-barrel is a boon for producers."), "$60")["text"] == "$60-a-barrel"


def test_rate_cents_a_gallon(figs):
    f = one(figs("Petrol prices fell 10 cents a gallon last week."), "10")
    assert (f["value"], f["unit"], f["per"]) == (10, "cent", "gallon")


def test_rate_range_keeps_both_bounds(figs):
    f = one(figs("Analysts expect $50 to $60 a barrel next year."), "$50")
    assert (f["value"], f["value_max"], f["unit"], f["per"]) == (50, 60, "usd", "barrel")


def test_rate_points_per_game(figs):
    f = one(figs("He averaged 27.5 points per game last season."), "27.5")
    assert (f["unit"], f["per"]) == ("point", "game")


def test_rate_barrels_a_day_and_bpd(figs):
    f = one(figs("Output reached 9.8 million barrels a day in March."), "9.8")
    assert (f["unit"], f["per"]) == ("barrel", "day")
    f = one(figs("The field pumps about 400,000 bpd."), "400,000")
    assert (f["value"], f["unit"], f["per"], f["comparator"]) == (400000, "barrel", "day", "~")


def test_speed_units(figs):
    f = figs("The lorry hit 110 km per hour, the car 240 km/h and the bike 70 mph.")
    assert [one(f, x)["unit"] for x in ("110", "240", "70")] == ["km/h", "km/h", "mph"]


def test_rate_per_cent_a_year_but_not_a_year_ago(figs):
    f = one(figs("The economy grew 2.5 per cent a year over the decade."), "2.5")
    assert (f["unit"], f["per"], f["text"]) == ("percent", "year", "2.5 per cent a year")
    g = one(figs("Inflation was 3 per cent a year ago."), "3")
    assert (g["unit"], g["text"]) == ("percent", "3 per cent")


def test_rate_needs_a_known_code(figs):
    # "people a day" has no rate code in the vocabulary: a plain count of people
    assert one(figs("About 500 people a day cross the border."), "500")["unit"] == "person"


def test_index_points_without_unit_word(figs):
    f = figs("The Dow fell 120 to 10,450 on Friday.")
    a, b = one(f, "120"), one(f, "10,450")
    assert (a["value"], a["unit"], a["value_max"]) == (120, "point", None)
    assert (b["value"], b["unit"]) == (10450, "point")


def test_index_points_after_points_word(figs):
    f = figs("The FTSE 100 rose 35.6 points to 5,432.1.")
    assert one(f, "35.6")["unit"] == "point"
    assert one(f, "5,432.1")["unit"] == "point"
    assert not [x for x in f if x["text"].startswith("100")]


def test_change_then_level_is_not_a_range(figs):
    f = figs("Unemployment rose 0.5% to 4.5% in May.")
    assert [(x["value"], x["value_max"]) for x in f] == [(0.5, None), (4.5, None)]
    g = one(figs("Prices rose 5% to 10% across the region."), "5%")
    assert (g["value"], g["value_max"]) == (5, 10)


def test_pence_and_sen(figs):
    f = figs("Shares in the bank fell 4p to 310p, while the stock closed at 45.5 pence.")
    assert [(x["value"], x["unit"]) for x in f] == [(4, "penny"), (310, "penny"), (45.5, "penny")]
    assert one(figs("Its shares rose 5 sen to RM2.10."), "5 sen")["unit"] == "sen"
    assert not figs("The meeting starts at 3p.m. sharp.")


def test_currency_named_elsewhere(figs):
    f = one(figs("The land fetched prices of 500 million, in yen, last year."), "500")
    assert (f["value"], f["unit"]) == (500_000_000, "jpy")
    assert one(figs("Revenue was 3.2 billion (euros) last year."), "3.2")["unit"] == "eur"


def test_up_to_and_at_least_conventions(figs):
    f = figs("Up to 300 people were evacuated, at least 12 died and as many as 40 were hurt.")
    assert one(f, "300")["comparator"] == "<="
    assert one(f, "12")["comparator"] == ">="
    assert one(f, "40")["comparator"] == "<="


def test_change_before_a_rate_shares_its_denominator(figs):
    f = figs("Crude rose 93 cents to $81.20 a barrel, and output fell 2% to 9 million barrels a day.")
    assert (one(f, "93 cents")["unit"], one(f, "93 cents")["per"]) == ("cent", "barrel")
    assert (one(f, "$81.20")["unit"], one(f, "$81.20")["per"]) == ("usd", "barrel")
    assert one(f, "2%")["unit"] == "percent"
