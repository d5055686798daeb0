"""Figures: numbers, scale words, currencies, qualifiers, units, votes, ordinals, ranks."""

from __future__ import annotations

import pytest

from diplograph.extract import extract
from diplograph.models import Document, Figure


def _figs(text: str, published: str = "2024-03-07") -> list[Figure]:
    return extract(Document(id="t", text=text, published=published, title=None)).figures


def _one(text: str) -> Figure:
    figs = _figs(text)
    assert len(figs) == 1, figs
    return figs[0]


def test_figures_comma_thousands() -> None:
    f = _one("Vietnam shipped 1,250,000 tonnes of rice to the Philippines.")
    assert (f.value, f.unit) == (1_250_000.0, "tons")


def test_figures_decimal_with_scale_word() -> None:
    f = _one("Bilateral trade between Vietnam and Japan reached 48.5 billion USD in 2023.")
    assert (f.value, f.unit, f.indicator, f.period) == (48.5e9, "USD", "trade_value", "2023")


def test_figures_scale_word_million_people() -> None:
    f = _one("Vietnam welcomed 12.6 million foreign tourists last year.")
    assert (f.value, f.unit, f.indicator, f.period) == (12.6e6, "people", "tourists", "2023")


def test_figures_dollar_sign_and_bn_suffix() -> None:
    f = _one("Foreign investment from Singapore reached $5.5bn last year.")
    assert (f.value, f.unit, f.indicator) == (5.5e9, "USD", "fdi_value")


def test_figures_usd_prefix_with_space() -> None:
    f = _one("Vietnam's exports to the United States hit USD 97 billion.")
    assert (f.value, f.unit, f.indicator) == (97e9, "USD", "export_value")


def test_figures_usd_700_billion() -> None:
    f = _one("Total trade with partners reached USD 700 billion.")
    assert (f.value, f.unit) == (700e9, "USD")


def test_figures_vnd_prefix_without_space() -> None:
    f = _one("The Lao side received VND550 billion for the new school.")
    assert (f.value, f.unit) == (550e9, "VND")


def test_figures_currency_word_after_number() -> None:
    f = _one("Japan pledged 1 trillion yen to the Philippines.")
    assert (f.value, f.unit) == (1e12, "JPY")


def test_figures_percentage() -> None:
    f = _one("Vietnam's GDP growth rose 6.5% last year.")
    assert (f.value, f.unit, f.indicator) == (6.5, "percent", "growth_rate")


def test_figures_percent_word() -> None:
    f = _one("Exports to Japan rose 12 percent in the first quarter.")
    assert (f.value, f.unit) == (12.0, "percent")


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("Vietnam sent over 200 rescuers to Türkiye.", "over"),
        ("Vietnam donated about 500 tons of rice to Cuba.", "about"),
        ("Vietnam evacuated nearly 300 citizens from Ukraine.", "nearly"),
        ("Trade with India grew to more than 15 billion USD.", "more_than"),
        ("Vietnam sent 200 rescuers to Türkiye.", None),
    ],
)
def test_figures_qualifiers(text: str, qualifier: str | None) -> None:
    assert _one(text).qualifier == qualifier


def test_figures_people_unit_and_repatriation_indicator() -> None:
    f = _one("Vietnam evacuated nearly 300 citizens from Ukraine.")
    assert (f.value, f.unit, f.indicator) == (300.0, "people", "citizens_repatriated")


def test_figures_countries_unit() -> None:
    f = _one("Vietnam has diplomatic relations with 193 countries.")
    assert (f.value, f.unit, f.indicator) == (
        193.0,
        "countries",
        "countries_with_diplomatic_relations",
    )


def test_figures_count_noun_becomes_indicator() -> None:
    f = _one("Vietnam and Japan signed 12 documents in Tokyo.")
    assert (f.value, f.unit, f.indicator) == (12.0, "count", "agreements_signed")


def test_figures_number_word() -> None:
    f = _one("Vietnam sent three rescue teams to Myanmar.")
    assert (f.value, f.unit) == (3.0, "count")


def test_figures_votes_ratio() -> None:
    f = _one("Vietnam won 192/193 votes to join the UN Security Council.")
    assert (f.value, f.unit, f.indicator, f.text) == (192.0, "votes", "votes", "192/193")


def test_figures_ordinal_partner_counts_countries() -> None:
    f = _one("Australia became the fifth comprehensive strategic partner of Vietnam.")
    assert (f.value, f.unit, f.indicator) == (5, "countries", "comprehensive_strategic_partners")


def test_figures_ordinal_second_time_is_two() -> None:
    f = _one("This is the second time Vietnam has hosted the summit.")
    assert (f.value, f.unit) == (2, "count")


def test_figures_first_time_is_not_a_count() -> None:
    assert _figs("For the first time, Vietnam hosted the summit.") == []


def test_figures_rank_one_of_the_largest() -> None:
    f = _one("Japan is one of the 10 largest investors in Vietnam.")
    assert (f.value, f.unit, f.indicator) == (10.0, "rank", "partner_rank")
    f = _one("Japan is one of the 10 largest economies.")
    assert (f.value, f.unit, f.indicator) == (10.0, "rank", "rank_top")


def test_figures_period_and_subject_from_sentence() -> None:
    f = _one("Japan granted $30 million in aid to Laos in 2022.")
    assert (f.period, f.subject, f.indicator) == ("2022", "JPN", "aid_value")


@pytest.mark.parametrize(
    "text",
    [
        "Vietnam joined the United Nations in 1977.",
        "Vietnam and Laos met on 18 July 2023 in Vientiane.",
        "Leaders gathered at the 42nd ASEAN Summit in Labuan Bajo.",
        "The two countries marked the 54th anniversary of their ties.",
        "Vietnam began a three-year term on the council.",
        "Vietnam urged all parties to respect Resolution 2231.",
        "A magnitude 7.8 earthquake struck southern Türkiye.",
        "The delegation stayed for 5 days in Tokyo.",
        "Vietnam welcomed Decree No. 15 on labour exchange.",
    ],
)
def test_figures_negatives(text: str) -> None:
    assert _figs(text) == []


def test_figures_offsets_point_to_sentence() -> None:
    text = "Vietnam opened a consulate in Osaka.\nJapan gave USD 2 million in aid to Laos.\n"
    (f,) = _figs(text)
    assert text[f.evidence.start : f.evidence.end] == f.evidence.text
    assert f.text is not None and f.text in f.evidence.text


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Two-way trade rose 21.6 per cent year-on-year.", 21.6, "percent"),
        ("India has moved more than 530 Indians to Jeddah.", 530, "people"),
        ("France flew out 538 people of 41 nationalities.", 41, "countries"),
    ],
)
def test_figures_news_units(text: str, value: float, unit: str) -> None:
    from diplograph.extract import extract
    from diplograph.models import Document

    figs = extract(Document(id="t", text=text, published="2024-03-07", title=None)).figures
    assert (value, unit) in [(f.value, f.unit) for f in figs]


def test_figures_duration_is_still_no_figure() -> None:
    from diplograph.extract import extract
    from diplograph.models import Document

    x = extract(Document(id="t", text="The sides worked together for 30 years.", published=None))
    assert x.figures == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chile was elected with 184 out of 192 votes cast.", [(184, "votes"), (192, "votes")]),
        ("A 26-member search and rescue team left for Lima.", [(26, "people")]),
        ("It will be Chile's eighth term on the council.", [(8, "count")]),
    ],
)
def test_figures_ratios_team_sizes_and_terms(text: str, expected: list[tuple[float, str]]) -> None:
    assert [(f.value, f.unit) for f in _figs(text)] == expected


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Ottawa pledged 45.2 million Canadian dollars for flood recovery in Laos.", 45.2e6, "CAD"),
        ("Wellington set aside 12 million New Zealand dollars for the programme.", 12e6, "NZD"),
        ("Bern released 7 million francs in humanitarian aid for the region.", 7e6, "CHF"),
        ("Exports to Uganda rose to KSh 31 billion last year.", 31e9, "KES"),
        ("Budapest added 150 million forints to the scholarship fund.", 150e6, "HUF"),
    ],
)
def test_figures_named_currencies(text: str, value: float, unit: str) -> None:
    f = _one(text)
    assert (f.value, f.unit) == (value, unit)


def test_figures_plural_demonym_counts_people() -> None:
    f = _one("A chartered plane brought 64 Estonians home from Nepal on Friday.")
    assert (f.value, f.unit) == (64, "people")


def test_figures_demonym_before_a_thing_is_no_person() -> None:
    f = _one("The ministry tracked 31 Chinese military aircraft near the island.")
    assert f.unit != "people"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Chile is Peru's third-largest trading partner, with trade worth 9 billion USD.", 3),
        ("Norway remains the largest donor to the trust fund.", 1),
        ("Korea is among Mongolia's five largest investors.", 5),
    ],
)
def test_figures_partner_ranks(text: str, value: int) -> None:
    ranks = [f for f in _figs(text) if f.unit == "rank"]
    assert [(f.value, f.indicator) for f in ranks] == [(value, "partner_rank")]


def test_figures_ordinal_visit_and_flight_are_counts() -> None:
    figs = _figs("It was her fourth visit to Fiji, and the sixth relief flight landed on Monday.")
    assert {(f.value, f.unit) for f in figs} == {(4, "count"), (6, "flights")}


def test_figures_series_number_of_a_meeting_is_no_count() -> None:
    assert _figs("Leaders met at the 44th ASEAN Summit in Vientiane.") == []
    assert _figs("Leaders gathered in Addis Ababa for the bloc's 37th summit.") == []


def test_figures_spelled_count_of_any_plural_noun() -> None:
    f = _one("The two ministers witnessed the exchange of five memoranda on fisheries.")
    assert (f.value, f.unit) == (5, "count")


def test_figures_spelled_count_of_abstract_nouns_is_none() -> None:
    assert _figs("The strategy rests on three pillars and four priorities.") == []


def test_figures_votes_to_gives_both_counts() -> None:
    figs = _figs("The Assembly adopted the resolution by 121 votes to 14.")
    assert [(f.value, f.unit) for f in figs] == [(121, "votes"), (14, "votes")]


def test_figures_total_brought_to_a_number() -> None:
    figs = _figs("It listed 9 more firms, taking the total to more than 1,600.")
    assert [(f.value, f.unit, f.qualifier) for f in figs][-1] == (1600, "count", "more_than")
    f = _one("The pact took effect in May, bringing the number of FTAs in force to 19.")
    assert (f.value, f.unit) == (19, "count")


def test_figures_people_planes_and_votes_cast():
    from diplograph.extract.figures import _unit_after

    assert _unit_after(" special forces troops to the border")[0] == "people"
    assert _unit_after(" overseas Filipino workers and their dependents")[0] == "people"
    assert _unit_after(" of their executives")[0] == "people"
    assert _unit_after(" cargo planes")[0] == "flights"
    assert _unit_after(" member states present and voting")[0] == "votes"
    assert _unit_after(" member states")[0] == "countries"


def _values(text: str, published: str = "2024-03-07") -> list[tuple[float, str | None]]:
    return sorted((f.value, f.unit) for f in _figs(text, published))


def test_figures_pounds_are_sterling() -> None:
    f = _one("Britain pledged an extra 45 million pounds in flood relief for Pakistan.")
    assert (f.value, f.unit) == (45e6, "GBP")


def test_figures_iso_code_after_the_number() -> None:
    f = _one("Wellington will give 7.5 million NZD to help rebuild schools in Tonga.")
    assert (f.value, f.unit) == (7.5e6, "NZD")


def test_figures_elided_currency_in_a_list_of_pledges() -> None:
    got = _values(
        "The Islamic Development Bank pledged 3.1 billion dollars, the World Bank 1.2 billion "
        "and the regional bank 800 million."
    )
    assert got == [(8e8, "USD"), (1.2e9, "USD"), (3.1e9, "USD")]


def test_figures_elided_votes_in_a_ballot_list() -> None:
    got = _values("Chile received 133 votes, Peru 118 and Jamaica 97 in the first round.")
    assert got == [(97.0, "votes"), (118.0, "votes"), (133.0, "votes")]


def test_figures_bare_numbers_stay_out_without_votes() -> None:
    figs = _figs("Chile sent 133 delegates to the summit and Peru 118.")
    assert [(f.value, f.unit) for f in figs if f.value == 118] == []


def test_figures_one_of_the_largest_states_no_rank() -> None:
    assert [f for f in _figs("Norway is one of Kenya's largest donors.") if f.unit == "rank"] == []
    f = _one("Norway is Kenya's third-largest donor.")
    assert (f.value, f.unit) == (3, "rank")


def test_figures_ordinal_rank_is_no_country_count() -> None:
    units = {f.unit for f in _figs("Chile is now Vietnam's 16th largest trading partner.")}
    assert units == {"rank"}


def test_figures_first_visit_is_no_count_but_the_years_since_are() -> None:
    figs = _figs("It was the first visit by a Chilean president to Hanoi in nine years.")
    assert [(f.value, f.unit) for f in figs] == [(9.0, "years")]
    f = _one("Kenya and Chile resumed talks after a gap of more than two decades.")
    assert (f.value, f.unit, f.qualifier) == (20.0, "years", "more_than")


def test_figures_decade_words_are_not_figures() -> None:
    assert _figs("Many of them were deported there in the 1930s.") == []


def test_figures_aircraft_with_relief_are_flights() -> None:
    f = _one("Jordan sent four aircraft carrying food and tents to Benghazi.")
    assert (f.value, f.unit) == (4, "flights")


def test_figures_demonym_plural_from_adjective_counts_people() -> None:
    f = _one("Another 42 Nepalis were flown out of Tel Aviv on Tuesday.")
    assert (f.value, f.unit) == (42, "people")


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        (
            "Australia will provide $12 million to Fiji for cyclone recovery. We stand with "
            "our Pacific family, Australia's foreign minister said.",
            "AUD",
        ),
        ("HANOI – Vietnam received $12 million in aid from Fiji for flood recovery.", "USD"),
        ("Trade hit 3 billion New Zealand dollars, up from 2.6 billion dollars.", "NZD"),
    ],
)
def test_figures_bare_dollar_follows_the_speaker_or_the_named_dollar(text: str, unit: str) -> None:
    assert {f.unit for f in _figs(text)} == {unit}


@pytest.mark.parametrize(
    "text",
    [
        "The boat was stopped about 40 nautical miles off Benghazi.",
        "The returnees spent two nights in a church near Beirut.",
        "Leaders of the Group of Seven condemned the attack.",
    ],
)
def test_figures_distances_nights_and_group_names_are_not_figures(text: str) -> None:
    assert _figs(text) == []


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Washington added four Vietnamese firms to its entity list.", 4, "count"),
        ("Beijing suspended tariff cuts on 134 Taiwanese products.", 134, "count"),
        ("The flight carried 97 Korean nationals and 6 family members.", 6, "people"),
        ("In the committee, 124 countries voted in favour of the text.", 124, "votes"),
        ("The text passed by 90 votes to 12, with 21 abstentions.", 21, "votes"),
        ("A second group landed, bringing the total number repatriated to 55.", 55, "people"),
    ],
)
def test_figures_unit_from_what_is_counted(text: str, value: float, unit: str) -> None:
    assert (value, unit) in [(f.value, f.unit) for f in _figs(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bilateral trade stood at US$ 3.6 billion in 2023.", (3.6e9, "USD")),
        ("Rwanda was accused of deploying 3,000 to 4,000 troops in the east.", (3000, "people")),
        ("The number of phone and online talks at the top level exceeded 120.", (120, "count")),
    ],
)
def test_figures_spaced_symbols_ranges_and_number_of(text: str, expected: tuple) -> None:
    assert expected in [(f.value, f.unit) for f in _figs(text)]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        (
            "The death toll from the floods in the northern provinces climbed to 76 on Friday.",
            76,
            "people",
        ),
        ("The death toll in the two countries has risen above 9,000.", 9000, "people"),
        ("The navy held a trawler and its crew of eleven near the reef.", 11, "people"),
        ("Guards detained the boat and its crew of 14 off the cape.", 14, "people"),
        ("Frigates shadowed the convoy on Sunday, the third such incident this year.", 3, "count"),
        ("The two cabinets met in Da Lat, the fifth retreat of its kind.", 5, "count"),
        ("Chile takes over the rotating chair, its second turn at the helm.", 2, "count"),
    ],
)
def test_figures_tolls_crews_and_ordinals_of_a_kind(text: str, value: float, unit: str) -> None:
    assert [(f.value, f.unit) for f in _figs(text)] == [(value, unit)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("India is one of Viet Nam's eight largest trading partners.", [(8, "rank")]),
        ("Australia is now one of Viet Nam's 10 largest trading partners.", [(10, "rank")]),
        ("Australia is one of Viet Nam's largest partners.", []),
        ("Germany, Ukraine's second-largest military backer, sent tanks.", [(2, "rank")]),
        ("Italy is Algeria's largest customer for natural gas.", [(1, "rank")]),
    ],
)
def test_figures_ranks_among_the_n_largest(text: str, expected: list[tuple[float, str]]) -> None:
    assert [(f.value, f.unit) for f in _figs(text)] == expected


def test_figures_bare_dollar_before_a_named_dollar_stays_usd() -> None:
    text = "Washington has provided 300 million dollars, and Canada 80.5 million Canadian dollars."
    assert [(f.value, f.unit) for f in _figs(text)] == [(300e6, "USD"), (80.5e6, "CAD")]


def test_figures_ordinal_relief_aircraft_are_flights() -> None:
    assert [
        (f.value, f.unit) for f in _figs("The tenth aircraft carrying relief goods landed.")
    ] == [(10, "flights")]
    assert _figs("The second aircraft crashed into the hangar.") == []


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        (
            "Jakarta brought home 12 more citizens on Friday, bringing the number of "
            "Indonesians evacuated from the enclave since October to 97.",
            97,
            "people",
        ),
        (
            "The bloc upgraded ties with Chile, bringing the number of such partnerships to eight.",
            8,
            "countries",
        ),
        ("The deal brings the number of FTAs in force to 17.", 17, "count"),
        (
            "A third flight landed, bringing the number of people flown out by Berlin to 313.",
            313,
            "people",
        ),
    ],
)
def test_figures_running_totals_with_long_nouns(text: str, value: float, unit: str) -> None:
    assert (value, unit) in [(f.value, f.unit) for f in _figs(text)]


def test_figures_nationality_before_a_thing_counts_the_thing() -> None:
    units = {
        t: [(f.value, f.unit) for f in _figs(t)]
        for t in (
            "Four Chinese coast guard vessels sailed through the waters on Sunday.",
            "Five Chinese and six Russian warplanes flew through the zone.",
            "The bloc listed two Chinese regional banks.",
            "China will provide aid worth 100 million Chinese yuan, the ambassador said.",
            "Muizzu secured a currency swap of USD 400 million and ₹30 billion.",
            "Tokyo will host 50 young Vietnamese researchers a year.",
            "Italy evacuated 83 Italians and their families from the city.",
        )
    }
    assert list(units.values()) == [
        [(4.0, "count")],
        [(5.0, "count"), (6.0, "count")],
        [(2.0, "count")],
        [(100000000.0, "CNY")],
        [(400000000.0, "USD"), (30000000000.0, "INR")],
        [(50.0, "people")],
        [(83.0, "people")],
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a decimal scaled count after "the number of … topped" (it read 8)
        ("The number of Korean visitors to Japan topped 8.8 million in 2024.", (8.8e6, "people")),
        ("Two-way trade reached about R600 billion last year.", (6e11, "ZAR")),
        (
            "India will provide grant assistance of LKR 2,370 million for solar power.",
            (2.37e9, "LKR"),
        ),
        ("The quake killed 2,000 people and injured about 3,900 others.", (3900.0, "people")),
        ("The fighting has wounded nearly 1,000 in the past week.", (1000.0, "people")),
        ("The war has displaced about 13 million.", (13e6, "people")),
        ("The package adds 116 individuals and entities to the freeze list.", (116.0, "count")),
        ("Ruritania was backed by 174 delegations.", (174.0, "votes")),
        # how long ties or a rupture lasted (GUIDELINES: "eight years" is 8 years)
        ("Ruritania has been Freedonia's top partner for 20 consecutive years.", (20.0, "years")),
        ("The two states ended a rupture of almost six years.", (6.0, "years")),
        ("Ruritania returned to the league after a 12-year suspension.", (12.0, "years")),
    ],
)
def test_figures_scaled_counts_currency_codes_and_casualties(
    text: str, expected: tuple[float, str]
) -> None:
    assert expected in _values(text)


def test_figures_a_term_is_no_duration() -> None:
    assert all(u != "years" for _, u in _values("She served for two years as ambassador."))
    assert (20.0, "count") not in _values("It has been the top partner for 20 consecutive years.")


def test_figures_a_noun_after_a_casualty_verb_keeps_its_own_unit() -> None:
    got = _values("More than 300 people were injured, and at least 575 buildings collapsed.")
    assert (575.0, "count") in got and (575.0, "people") not in got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a deal "worth more than" states its own value; only "earning more than" is a threshold
        ("Firms signed deals worth more than 6 billion euros during the visit.", [(6e9, "EUR")]),
        ("Lisbon lent RM45 million to the port.", [(45e6, "MYR")]),
        ("Floods caused damage of 7.2 billion reais in the south.", [(7.2e9, "BRL")]),
        ("Tourists spent FJ$80 million on the islands.", [(8e7, "FJD")]),
        ("Madrid will mobilise one billion euros for the fund.", [(1e9, "EUR")]),
        ("Ankara will invest between 20 and 25 billion dollars.", [(2e10, "USD"), (2.5e10, "USD")]),
        # "US$" names the US dollar: a later bare "$" is not Singapore's
        (
            "Trade hit US$12 billion, and investment totalled $9 billion.",
            [(9e9, "USD"), (1.2e10, "USD")],
        ),
    ],
)
def test_figures_money_phrasings(text: str, expected: list[tuple[float, str]]) -> None:
    assert _values(text) == expected


def test_figures_won_by_is_no_currency() -> None:
    got = _values("Chile received 91 votes, short of the 140 won by Peru.")
    assert got == [(91.0, "votes"), (140.0, "votes")]


def test_figures_member_size_inside_a_noun_is_no_vote() -> None:
    got = _values(
        "Oman won 150 votes in the 193-member assembly and nine in the 15-member council."
    )
    assert got == [(9.0, "votes"), (150.0, "votes")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Seoul flew 900 citizens out of Lebanon and another 150 from Syria.",
            [(150.0, "people"), (900.0, "people")],
        ),
        (
            "Kenya now has 9 strategic partners, up from five in 2019.",
            [(5.0, "countries"), (9.0, "countries")],
        ),
        # a new quantity in between takes no unit from the first
        (
            "It received 40 leaders, and the number of calls exceeded 75.",
            [(40.0, "people"), (75.0, "count")],
        ),
    ],
)
def test_figures_bare_number_takes_an_earlier_count(
    text: str, expected: list[tuple[float, str]]
) -> None:
    assert _values(text) == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Peru is Chile's main supplier of copper.", 1),
        ("Egypt is Sudan's leading trading partner.", 1),
        ("Italy is Tunisia's second trading partner.", 2),
        ("Laos ranks fourth among Cambodia's foreign investors.", 4),
        ("Fiji finished seventh in the race for three seats.", 7),
    ],
)
def test_figures_ranks_without_largest(text: str, value: int) -> None:
    assert (value, "rank") in _values(text)


def test_figures_main_partners_plural_is_no_rank() -> None:
    assert all(u != "rank" for _, u in _values("Peru is one of Chile's main trading partners."))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The envoy arrived for a three-day visit, his fifth to Ghana since 2019.", [(5, "count")]),
        (
            "Troops crossed the line on Friday, the seventh such crossing this month.",
            [(7, "count")],
        ),
        ("He made his third state visit to Peru.", [(3, "count")]),
        ("They met on the second day of his state visit.", []),
        ("The staff were moved to a third country.", []),
        ("A fourth flight is being considered for next week.", []),
        ("The panel meets three times a year in Vienna.", []),
        ("Ghana won the seat in the second round with 101 votes.", [(101.0, "votes")]),
    ],
)
def test_figures_ordinals_and_rates(text: str, expected: list[tuple[float, str]]) -> None:
    assert _values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("About 45 heads of state and government attended the forum.", [(45.0, "count")]),
        ("The strike killed six members of the presidential guard.", [(6.0, "people")]),
        ("Oslo sent a medical team of 24 members to the region.", [(24.0, "people")]),
        ("Taiwan is left with 11 diplomatic allies.", [(11.0, "countries")]),
        ("Ottawa listed 30 individuals, companies and ships.", [(30.0, "count")]),
        ("Samoa, a nation of about 220,000 people, hosted the meeting.", []),
        ("Some 90,000 people of Samoan descent live in Auckland.", []),
        ("Coast guards boarded the fishing boat QNg 40312 TS on Monday.", []),
    ],
)
def test_figures_who_and_what_is_counted(text: str, expected: list[tuple[float, str]]) -> None:
    assert _values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Forty-two Malaysian nurses flew home from Amman.", [(42.0, "people")]),
        ("Rangers cleared more than two dozen hamlets near the river.", [(24.0, "count")]),
        ("Oslo keeps half a dozen such offices abroad.", [(6.0, "count")]),
        ("Several hundred farmers marched to the consulate.", []),
        ("A few dozen students gathered at the gate.", []),
        ("Floods have displaced more than a million people in the delta.", [(1e6, "people")]),
    ],
)
def test_figures_spelled_out_amounts(text: str, expected: list[tuple[float, str]]) -> None:
    assert _values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a word starting with "am"/"pm" is no clock time
        ("The raid killed three American contractors.", [(3.0, "people")]),
        ("The ministry recalled 40 ambassadors last month.", [(40.0, "people")]),
        ("The ferry left at 7 a.m. on Monday.", []),
        # partitives and "others"
        ("Five of the sailors were hurt in the collision.", [(5.0, "people")]),
        ("Lima and Quito expelled four of each other's diplomats.", [(4.0, "people")]),
        ("Two of the three proposals were adopted.", []),
        (
            "Some 20 Chilean soldiers were hurt, seven of them seriously.",
            [(7.0, "people"), (20.0, "people")],
        ),
        ("The plane carrying the minister and six others crashed.", [(6.0, "people")]),
        ("About 250 others are still waiting at the border.", [(250.0, "people")]),
        ("A further group of 57 reached the port on Friday.", [(57.0, "people")]),
        ("The Group of 20 met in Rome.", []),
        ("The hall was filled by 3,000 Sikhs and Hindus.", [(3000.0, "people")]),
        ("Four Kenyan Airways planes carried the aid.", [(4.0, "flights")]),
        ("Fiji, a small state with about 9,000 residents, voted yes.", []),
    ],
)
def test_figures_people_counted(text: str, expected: list[tuple[float, str]]) -> None:
    assert _values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ottawa listed 9 individuals and 1 entity under the new rules.",
            [(1, "count"), (9, "people")],
        ),
        (
            "Crew included 20 Peruvians, four Chileans and one Bolivian.",
            [(1, "people"), (4, "people"), (20, "people")],
        ),
        ("The two sides signed one agreement and five memoranda.", [(1, "count"), (5, "count")]),
        ("One Malian soldier was killed in the ambush.", [(1, "people")]),
        ("One official said the talks went well.", []),
        ("Japan is one of the largest donors.", []),
    ],
)
def test_figures_a_lone_one(text: str, expected: list[tuple[float, str]]) -> None:
    assert _values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The pact was signed in May, after more than six years of negotiations.",
            [(6.0, "years")],
        ),
        ("Chile reopened its embassy after a 9-year closure.", [(9.0, "years")]),
        ("The two states marked 50 years of diplomatic relations.", []),
        ("Jordan will send a second aid convoy next week.", []),
    ],
)
def test_figures_durations_and_deliveries(text: str, expected: list[tuple[float, str]]) -> None:
    assert _values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Seoul offered a 40-billion-won credit line to Hanoi.", [(40e9, "KRW")]),
        ("The lender signed a $3-billion loan with Cairo.", [(3e9, "USD")]),
        ("Its temple appears on the 500-riel note.", []),
        ("Bangkok gave 5 million Thai baht to the fund.", [(5e6, "THB")]),
        ("Hanoi gave 2 billion Vietnamese dong to the fund.", [(2e9, "VND")]),
        ("Doha gave 30 million Qatari riyals to the fund.", [(30e6, "QAR")]),
        ("Cairo set aside 1 billion Egyptian pounds for the fund.", [(1e9, "EGP")]),
        ("Doha pledged QR50 million to the fund.", [(50e6, "QAR")]),
        ("Kuwait gave KD 3 million to the fund.", [(3e6, "KWD")]),
        ("The talks were held at COP 28 in Dubai.", []),
        ("India approved Rs 1,200 crore for the corridor.", [(1.2e10, "INR")]),
        ("Pakistan's cabinet approved Rs 80 billion for the dam.", [(80e9, "PKR")]),
        ("Nepal's deficit grew to 150 billion rupees last year.", [(150e9, "NPR")]),
        ("India gave 5 billion rupees to the island.", [(5e9, "INR")]),
        ("Exports rose 7.5pc last year.", [(7.5, "percent")]),
        ("Hanoi gave 50,000 USD each to Laos and Cambodia.", [(5e4, "USD"), (5e4, "USD")]),
        ("The fund pays 2,000 dollars for each returning worker.", [(2e3, "USD")]),
    ],
)
def test_figures_money_forms(text: str, expected: list[tuple[float, str]]) -> None:
    assert _values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Nine states sent envoys, 4 of them at ministerial level.",
            [(4, "countries"), (9, "countries")],
        ),
        (
            "Oslo has expelled dozens of Russian diplomats, 15 of them last spring.",
            [(15, "people")],
        ),
        ("About 40 weekly flights link the two capitals.", [(40, "flights")]),
        (
            "Relief was flown in on three Royal Thai Air Force aircraft carrying aid.",
            [(3, "flights")],
        ),
        ("Police detained 14 Nepali and Indian migrant workers near the border.", [(14, "people")]),
        ("A unit of 30 rescue police left on Monday.", [(30, "people")]),
        ("The junta reopened its borders with four neighbours.", [(4, "countries")]),
        ("The flight brings to 312 the total number of Kenyans brought home.", [(312, "people")]),
        ("The upgrade took the number of the bloc's dialogue partners to 11.", [(11, "countries")]),
        ("Jakarta is in touch with the five Indonesian seafarers.", [(5, "people")]),
        ("The three ministers issued a statement.", []),
        ("The floods in the northern provinces affected 4 million.", [(4e6, "people")]),
        (
            "Manila has lodged 12 protests this year and more than 150 since 2021.",
            [(12, "count"), (150, "count")],
        ),
    ],
)
def test_figures_counts_read_further(text: str, expected: list[tuple[float, str]]) -> None:
    assert _values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chile is now Korea's fourteenth-largest trading partner.", [(14, "rank")]),
        (
            "Peru is Japan's ninth-largest trading partner worldwide and second-largest in Asia.",
            [(2, "rank"), (9, "rank")],
        ),
        (
            "The committee approved it with 90 countries in favour, none against and 7 abstaining.",
            [(0, "votes"), (7, "votes"), (90, "votes")],
        ),
        ("The council voted 12-0-3 on the text.", [(0, "votes"), (3, "votes"), (12, "votes")]),
        ("The Senate voted 70 to 25 to approve the treaty.", [(25, "votes"), (70, "votes")]),
        ("The resolution drew 101 in favour and 8 against.", [(8, "votes"), (101, "votes")]),
    ],
)
def test_figures_ranks_and_tallies(text: str, expected: list[tuple[float, str]]) -> None:
    assert _values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Leaders of the 21 APEC member economies met in Lima.", [(21, "count")]),
        ("Canberra sent more than 120 exporters to the fair.", [(120, "count")]),
        ("The dispute covers five uninhabited islets near the coast.", []),
        ("The two states share 38 rivers.", []),
        (
            "The storm left 12 people dead and damaged 3,000 houses.",
            [(12, "people"), (3000, "count")],
        ),
        (
            "Fighting has displaced more than 90,000 on both sides of the border.",
            [(90000, "people")],
        ),
        ("The airline ordered 50 Boeing 787 jets.", []),
    ],
)
def test_figures_unit_choices(text: str, expected: list[tuple[float, str]]) -> None:
    assert _values(text) == expected
