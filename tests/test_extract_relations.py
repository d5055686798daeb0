"""Relations: tier levels and aliases, pairs, status, previous level, non-pairs."""

from __future__ import annotations

import pytest

from diplograph.extract import extract
from diplograph.extract.relations import LEVELS, find_tiers, framework_level
from diplograph.models import Document, Relation


def _rels(text: str, published: str = "2024-03-07") -> list[Relation]:
    return extract(Document(id="t", text=text, published=published, title=None)).relations


def _pairs(text: str) -> list[tuple[str, str, str, str]]:
    return [(r.a, r.b, r.level, r.status) for r in _rels(text)]


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("Vietnam and Chile have a comprehensive partnership.", "comprehensive partnership"),
        ("Vietnam and Russia have a strategic partnership.", "strategic partnership"),
        ("Vietnam and Russia have an extensive strategic partnership.", "strategic partnership"),
        (
            "Vietnam and India have a comprehensive strategic partnership.",
            "comprehensive strategic partnership",
        ),
        (
            "Vietnam and China have a comprehensive strategic cooperative partnership.",
            "comprehensive strategic partnership",
        ),
        ("Vietnam and Cuba enjoy a special relationship.", "special relationship"),
        ("Vietnam and Laos share special ties.", "special relationship"),
        ("Vietnam and Israel maintain diplomatic ties.", "diplomatic relations"),
    ],
)
def test_relations_levels_and_aliases(text: str, level: str) -> None:
    (r,) = _rels(text)
    assert r.level == level
    assert r.level in LEVELS
    assert r.status == "mentioned"


def test_relations_global_strategic_partner_is_comprehensive_strategic() -> None:
    assert _pairs("Japan is Vietnam's global strategic partner.") == [
        ("JPN", "VNM", "comprehensive strategic partnership", "mentioned")
    ]


def test_relations_from_to_previous_and_upgraded() -> None:
    text = (
        "Vietnam and France upgraded their relations from a strategic partnership "
        "to a comprehensive strategic partnership in October 2024."
    )
    r, left = _rels(text)
    assert (left.level, left.status, left.date) == ("strategic partnership", "past", None)
    assert (r.a, r.b, r.level, r.status) == (
        "VNM",
        "FRA",
        "comprehensive strategic partnership",
        "upgraded",
    )
    assert (r.previous, r.date) == ("strategic partnership", "2024-10")


def test_relations_upgrade_without_from_has_no_previous() -> None:
    (r,) = _rels("Vietnam and Malaysia elevated ties to a comprehensive strategic partnership.")
    assert (r.status, r.previous) == ("upgraded", None)


def test_relations_recent_upgrade_yields_event() -> None:
    text = "Vietnam and Malaysia elevated ties to a comprehensive strategic partnership."
    x = extract(Document(id="t", text=text, published="2024-03-07"))
    assert [(e.type, e.source.code, e.target.code) for e in x.events] == [
        ("PARTNERSHIP_UPGRADE", "VNM", "MYS")
    ]


def test_relations_established() -> None:
    (r,) = _rels("Vietnam and Brazil established a strategic partnership in 2007.")
    assert (r.a, r.b, r.level, r.status, r.date) == (
        "VNM",
        "BRA",
        "strategic partnership",
        "established",
        "2007",
    )


def test_relations_diplomatic_relations_established() -> None:
    assert _pairs("Vietnam and Israel established diplomatic relations in 1993.") == [
        ("VNM", "ISR", "diplomatic relations", "established")
    ]


def test_relations_anniversary_dates_the_establishment() -> None:
    (r,) = _rels("Vietnam and Laos celebrated the 61st anniversary of diplomatic relations.")
    assert r.date == "1963"


@pytest.mark.parametrize(
    "text",
    [
        "The leaders spoke on the 51st founding anniversary of the Vietnam-Japan diplomatic ties.",
        "This year Vietnam and Japan mark 51 years of establishing diplomatic relations.",
    ],
)
def test_relations_anniversary_phrasings_date_the_establishment(text: str) -> None:
    (r,) = _rels(text)
    assert (r.a, r.b, r.level, r.date) == ("VNM", "JPN", "diplomatic relations", "1973")


def test_relations_years_of_cooperation_is_not_an_anniversary() -> None:
    (r,) = _rels("After 51 years of work, Vietnam and Japan deepened diplomatic ties in 2024.")
    assert r.date == "2024"


def test_relations_count_of_partner_countries_is_not_a_pair() -> None:
    assert _rels("Vietnam currently has 12 strategic partnership countries.") == []


def test_relations_partners_as_group_is_not_a_pair() -> None:
    assert _rels("Vietnam welcomed delegations from its strategic partners.") == []


def test_relations_intention_would_upgrade_is_none() -> None:
    text = "Vietnam and Singapore would upgrade their relationship to a comprehensive partnership."
    assert _rels(text) == []


def test_relations_organisation_pair_asean_japan() -> None:
    assert _pairs("The ASEAN-Japan comprehensive strategic partnership was launched.") == [
        ("ASEAN", "JPN", "comprehensive strategic partnership", "mentioned")
    ]


def test_relations_rcep_is_not_a_tier() -> None:
    text = "Vietnam and Japan are members of the Regional Comprehensive Economic Partnership."
    assert _rels(text) == []
    assert find_tiers("the Regional Comprehensive Economic Partnership") == []


def test_relations_no_tier_phrase_no_relation() -> None:
    assert _rels("Vietnam and Japan agreed to boost cooperation in semiconductors.") == []


def test_relations_one_per_pair_and_level_upgrade_wins() -> None:
    text = (
        "Vietnam and Kenya have a comprehensive partnership.\n"
        "Vietnam and Kenya set up a comprehensive partnership last week.\n"
    )
    assert _pairs(text) == [("VNM", "KEN", "comprehensive partnership", "established")]


def test_relations_find_tiers_prefers_longest_level() -> None:
    tiers = find_tiers("a comprehensive strategic partnership")
    assert [t.level for t in tiers] == ["comprehensive strategic partnership"]


def test_relations_list_of_states_cutting_ties_gives_each_pair() -> None:
    got = {(r.a, r.b, r.level) for r in _rels("Chad, Niger and Mali cut ties with Ukraine.")}
    assert got == {(c, "UKR", "diplomatic relations") for c in ("TCD", "NER", "MLI")}


def test_relations_partnership_with_a_list_gives_each_pair() -> None:
    text = "Japan has held a strategic partnership with Peru, Chile and Colombia since 2019."
    got = {(r.a, r.b) for r in _rels(text)}
    assert got == {("JPN", "PER"), ("JPN", "CHL"), ("JPN", "COL")}


def test_relations_pair_described_as_partners_since() -> None:
    rels = _rels("Ghana and Morocco, strategic partners since 2021, signed a new fisheries pact.")
    assert [({r.a, r.b}, r.level) for r in rels] == [({"GHA", "MAR"}, "strategic partnership")]


def test_relations_partners_as_a_group_is_no_pair() -> None:
    assert _rels("Its strategic partners in the region include several Gulf states.") == []


def test_relations_objects_of_an_earlier_with_are_no_subjects() -> None:
    text = (
        "Peru raised relations with Chile and Brazil to its highest tier and added "
        "comprehensive partnerships with Ghana and Kenya."
    )
    pairs = {frozenset((r.a, r.b)) for r in _rels(text) if r.level == "comprehensive partnership"}
    assert frozenset(("CHL", "GHA")) not in pairs and frozenset(("BRA", "KEN")) not in pairs


def test_relations_a_planned_upgrade_is_no_tier() -> None:
    text = "Chile and Peru are preparing to raise their relations to a strategic partnership."
    assert _rels(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Armenia and Azerbaijan have no diplomatic relations.",
        "Japan protested through its embassy in Beijing, in the absence of diplomatic relations "
        "with North Korea.",
    ],
)
def test_relations_ties_a_pair_does_not_have_are_not_recorded(text: str) -> None:
    assert [r for r in _rels(text) if r.level == "diplomatic relations"] == []


def test_relations_established_ties_still_recorded() -> None:
    rels = _rels("Honduras and China established diplomatic relations on Sunday.")
    assert [(r.level, r.status) for r in rels] == [("diplomatic relations", "established")]


@pytest.mark.parametrize(
    ("sentence", "level", "a", "b", "labelled"),
    [
        (
            "Tokyo and New Delhi renewed their Special Strategic and Global Partnership.",
            "strategic partnership",
            "JPN",
            "IND",
            "special strategic and global partnership",
        ),
        (
            # the tier's words reordered are the tier
            "Brussels and Amman agreed a strategic and comprehensive partnership.",
            "comprehensive strategic partnership",
            "EU",
            "JOR",
            "comprehensive strategic partnership",
        ),
        (  # partners name the partnership
            "Beijing and Phnom Penh, comprehensive strategic cooperative partners, met.",
            "comprehensive strategic partnership",
            "CHN",
            "KHM",
            "comprehensive strategic cooperative partnership",
        ),
        (
            "Moscow and Beijing praised their comprehensive strategic partnership of coordination.",
            "comprehensive strategic partnership",
            "RUS",
            "CHN",
            "comprehensive strategic partnership of coordination",
        ),
        (
            "Lima and Beijing keep a strategic partnership of cooperation featuring lasting "
            "friendship since 2019.",
            "strategic partnership",
            "PER",
            "CHN",
            "strategic partnership of cooperation featuring lasting friendship",
        ),
        (
            "Beijing and Islamabad hailed their all-weather strategic cooperative partnership.",
            "strategic partnership",
            "CHN",
            "PAK",
            "all-weather strategic cooperative partnership",
        ),
        (  # the home's variants are normalised to the tier (GUIDELINES)
            "Vietnam and China deepened their comprehensive strategic cooperative partnership.",
            "comprehensive strategic partnership",
            "VNM",
            "CHN",
            "comprehensive strategic partnership",
        ),
        (  # a descriptive word names no framework
            "Chile and Peru keep a close strategic partnership.",
            "strategic partnership",
            "CHL",
            "PER",
            "strategic partnership",
        ),
    ],
)
def test_relations_other_states_frameworks_keep_their_name(
    sentence: str, level: str, a: str, b: str, labelled: str
) -> None:
    assert [t.level for t in find_tiers(sentence)] == [level]
    assert framework_level(sentence, level, a, b) == labelled


def test_relations_later_withs_share_the_subject_and_tier() -> None:
    got = _pairs(
        "Chile raised its relations with Peru to a strategic partnership in March, "
        "with Brazil in October and with Mexico in November."
    )
    assert sorted((a, b) for a, b, _, _ in got) == [("CHL", "BRA"), ("CHL", "MEX"), ("CHL", "PER")]
    assert {level for _, _, level, _ in got} == {"strategic partnership"}


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        (
            "Niger broke off diplomatic relations with Ukraine on Tuesday, after Mali did.",
            ("NER", "UKR"),
        ),
        (
            "Egypt, which has maintained diplomatic relations with Israel since 1980, said no.",
            ("EGY", "ISR"),
        ),
        (
            "India and the Philippines will mark 75 years of diplomatic relations this year.",
            ("IND", "PHL"),
        ),
        (
            "Bolivia severed ties with Israel in May, and Chile and Peru recalled envoys.",
            ("BOL", "ISR"),
        ),
        # a decision the subject reports: "said it would sever", "will re-establish"
        (
            "Peru said on Monday that it would sever diplomatic relations with Mexico.",
            ("PER", "MEX"),
        ),
        ("Brazil will re-establish diplomatic relations with Venezuela next week.", ("BRA", "VEN")),
        (
            "Colombia's government announced it was breaking diplomatic ties with Israel.",
            ("COL", "ISR"),
        ),
    ],
)
def test_relations_subject_verb_tier_with_and_anniversaries(
    text: str, pair: tuple[str, str]
) -> None:
    got = [(a, b) for a, b, level, _ in _pairs(text) if level == "diplomatic relations"]
    assert got == [pair]


def test_relations_intentions_stay_unlabelled() -> None:
    assert _pairs("Peru plans to restore diplomatic relations with Mexico in some years.") == []


def test_relations_anniversary_years_date_the_establishment() -> None:
    (r,) = _rels("India and the Philippines will mark 75 years of diplomatic relations this year.")
    assert r.date == "1949"


def test_relations_the_two_sides_complete_a_pair_named_before() -> None:
    text = (
        "Irish and Palestinian ministers met in Dublin on Monday, and Ireland agreed to "
        "upgrade the Palestinian mission. In July the two sides established full diplomatic "
        "relations, and Palestine's mission in Dublin became an embassy."
    )
    got = {(r.a, r.b) for r in _rels(text) if r.level == "diplomatic relations"}
    assert got in ({("IRL", "PSE")}, {("PSE", "IRL")})  # with the rules alone too


def test_relations_ties_with_x_in_the_homes_own_voice() -> None:
    text = (
        "Vietnam had a busy year. The calendar was matched by bilateral breakthroughs: ties "
        "with the United States were raised to a comprehensive strategic partnership in "
        "September, and with Japan in November."
    )
    got = {(r.a, r.b) for r in _rels(text)}
    assert got == {("VNM", "USA"), ("VNM", "JPN")}


@pytest.mark.parametrize(
    "text",
    [
        "Viet Nam and Brazil discussed a possible upgrade of ties to a strategic partnership.",
        "Viet Nam and Brazil are considering elevating their ties to a strategic partnership.",
    ],
)
def test_relations_a_possible_upgrade_is_no_tier(text: str) -> None:
    assert _rels(text) == []


def test_relations_the_two_countries_are_the_pair_the_sentence_before_names() -> None:
    text = (
        "Australia will provide aid to help Viet Nam recover from the storm. The package comes "
        "six months after the two countries elevated their ties to a Comprehensive Strategic "
        "Partnership.\n\nThe United States sent a team. The United States also sent tents."
    )
    x = extract(Document(id="t", text=text, published="2024-09-12", title=None), decider=None)
    assert {(r.a, r.b) for r in x.relations} == {("AUS", "VNM")}


def test_relations_a_year_in_a_name_dates_nothing() -> None:
    (r,) = _rels(
        "Chile and Peru adopted the Chile-Peru Vision 2035, a roadmap for the strategic "
        "partnership the two countries established in 2021."
    )
    assert (r.a, r.b, r.date) == ("CHL", "PER", "2021")


def test_relations_with_both_lists_each_partner() -> None:
    got = sorted((a, b) for a, b, _, _ in _pairs(
        "Egypt maintains diplomatic relations with both Armenia and Azerbaijan."
    ))  # fmt: skip
    assert got == [("EGY", "ARM"), ("EGY", "AZE")]


def test_relations_pair_before_a_relative_clause_owns_their_ties() -> None:
    """'A and B, which …, upgraded their ties to …': the pair, not the state in the clause."""
    text = (
        "Quito and Lima, which have both faced pressure from Chinese fishing fleets, "
        "upgraded their ties to a strategic partnership in 2015."
    )
    assert [(a, b, lv) for a, b, lv, _ in _pairs(text)] == [("ECU", "PER", "strategic partnership")]


def test_relations_ties_broken_off_with_its_own_ties() -> None:
    text = "Bolivia, for its part, broke off its own ties with Israel on Tuesday."
    assert {(r.a, r.b, r.level) for r in _rels(text)} == {("BOL", "ISR", "diplomatic relations")}


def _keys(text: str) -> set[tuple[str, str, str]]:
    return {(min(r.a, r.b), max(r.a, r.b), r.level) for r in _rels(text)}


def test_relations_anaphoric_tier_takes_the_documents_last_tier() -> None:
    text = (
        "Vietnam and Japan upgraded ties to a comprehensive strategic partnership on Monday. "
        "Vietnam already holds that tier with China, Russia and India."
    )
    csp = "comprehensive strategic partnership"
    assert {("CHN", "VNM", csp), ("IND", "VNM", csp), ("RUS", "VNM", csp)} <= _keys(text)


def test_relations_raised_ties_with_a_list_pairs_the_subject_with_each() -> None:
    text = (
        "The European Union on Tuesday raised its relations with Chile, Peru and Colombia "
        "to a strategic partnership."
    )
    sp = "strategic partnership"
    assert _keys(text) == {("CHL", "EU", sp), ("COL", "EU", sp), ("EU", "PER", sp)}


def test_relations_ordinal_after_list_pairs_the_owner_with_each() -> None:
    text = (
        "Peru becomes the fourth country with which Brazil holds a strategic partnership, "
        "after Chile, Mexico and Spain."
    )
    sp = "strategic partnership"
    assert _keys(text) == {("BRA", "CHL", sp), ("BRA", "ESP", sp), ("BRA", "MEX", sp)}


def test_relations_ties_cut_are_kept_apart_from_ties_restored() -> None:
    text = (
        "Bolivia and Israel restored diplomatic relations in 2020. "
        "Three years later, Bolivia cut its ties with Israel again."
    )
    assert sorted(r.status for r in _rels(text)) == ["mentioned", "severed"]


@pytest.mark.parametrize(
    "text",
    [
        "Ecuador downgraded its diplomatic relations with Mexico on Monday.",
        "Vietnam has strategic partnerships with 20 countries, including Chile and Spain.",
    ],
)
def test_relations_downgrade_and_tier_counts_name_no_pair(text: str) -> None:
    assert _rels(text) == []


def test_relations_a_follower_joins_the_tier_of_the_sentence_before() -> None:
    """'B followed in 2012' after a sentence of the home's tier: the home with each follower."""
    text = (
        "Vietnam's oldest comprehensive strategic partner is China, which reached that rung "
        "in 2008.\n\nRussia followed in 2012, and India joined the group in 2016.\n\n"
        "Chile and Peru were both upgraded last year."
    )
    x = extract(Document(id="t", text=text, published="2024-03-07", title=None), decider=None)
    csp = "comprehensive strategic partnership"
    got = {(min(r.a, r.b), max(r.a, r.b), r.level) for r in x.relations}
    assert {("IND", "VNM", csp), ("RUS", "VNM", csp), ("CHL", "VNM", csp)} <= got


def test_relations_a_follower_needs_a_tier_just_before() -> None:
    text = "Chile imposed new tariffs on Monday.\n\nPeru followed in March."
    assert _rels(text) == []


def test_relations_the_two_countries_of_the_sentences_own_meeting() -> None:
    """A pair lent from earlier gives way to the meeting the sentence itself reports."""
    text = (
        "Malaysia and Myanmar signed a border deal in Kuala Lumpur on Monday, Malaysia said.\n\n"
        "On the sidelines, Foreign Minister Mohamad Hasan held talks with his Peruvian "
        "counterpart, five months after the two countries elevated their ties to a strategic "
        "partnership."
    )
    assert {(min(r.a, r.b), max(r.a, r.b)) for r in _rels(text)} == {("MYS", "PER")}


@pytest.mark.parametrize(
    "text",
    [
        "Peru and Chile, as strategic partners, will widen cooperation in mining.",
        "The ministers said that Peru and Chile are strategic partners sharing common values.",
        "Peru and Chile remain strategic partners despite the trade dispute.",
    ],
)
def test_relations_pair_named_as_partners(text: str) -> None:
    assert [(r.a, r.b, r.level) for r in _rels(text)] == [("PER", "CHL", "strategic partnership")]


def test_relations_partners_of_an_owner() -> None:
    text = "Peru and Chile became comprehensive strategic partners of Japan in 2021."
    got = {(r.a, r.b, r.level) for r in _rels(text)}
    assert got == {
        ("PER", "JPN", "comprehensive strategic partnership"),
        ("CHL", "JPN", "comprehensive strategic partnership"),
    }
    assert _rels("Peru and Chile are strategic partners of the bloc.") == []


def test_relations_tending_a_held_tier_is_no_intention() -> None:
    text = "The minister said Kenya and Ghana would continue to deepen their strategic partnership."
    assert _pairs(text) == [("KEN", "GHA", "strategic partnership", "mentioned")]
    assert _rels("Kenya and Ghana will establish a strategic partnership next year.") == []


def test_relations_the_two_neighbours() -> None:
    text = (
        "Peru and Chile elevated their ties to a comprehensive strategic partnership on Monday. "
        "The two neighbours had been strategic partners since 2013."
    )
    got = {(r.a, r.b, r.level) for r in _rels(text)}
    assert ("PER", "CHL", "strategic partnership") in got


def test_relations_acronym_csp() -> None:
    assert [(r.a, r.b, r.level) for r in _rels("The Vietnam-Brazil CSP covers trade.")] == [
        ("VNM", "BRA", "comprehensive strategic partnership")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Vietnam Airlines and Japan Airlines signed a strategic partnership on codeshare flights.",
        "The two firms, based in Vietnam and Korea, announced a comprehensive partnership.",
    ],
)
def test_relations_company_partnership_is_no_tier(text: str) -> None:
    assert _rels(text) == []


def test_relations_one_states_ladder_is_no_pair() -> None:
    text = (
        "Chile and Viet Nam elevated their relationship to a comprehensive strategic "
        "partnership, the highest level of Viet Nam's diplomatic relations."
    )
    assert [(r.a, r.b, r.level) for r in _rels(text)] == [
        ("CHL", "VNM", "comprehensive strategic partnership")
    ]


def test_relations_raised_ties_with_beats_a_nearer_pair() -> None:
    text = (
        "Kenya upgraded ties with Ghana to a strategic partnership in Accra, days after "
        "Peru and Chile announced a comprehensive partnership in Lima."
    )
    got = {(r.a, r.b, r.level) for r in _rels(text)}
    assert ("KEN", "GHA", "strategic partnership") in got
    assert ("PER", "CHL", "strategic partnership") not in got


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        (
            "Nauru, the latest to switch, cut ties with Taiwan in January and established "
            "diplomatic relations with Beijing days later.",
            ("NRU", "CHN"),
        ),
        (
            "Kenya, which cut ties with Israel in 2023, established diplomatic relations with "
            "Iran in 2024.",
            ("KEN", "IRN"),
        ),
        ("Kenya broke off relations with Israel and restored ties with Iran.", ("KEN", "IRN")),
    ],
)
def test_relations_second_verb_of_one_subject(text: str, pair: tuple[str, str]) -> None:
    assert (*pair, "diplomatic relations") in {(r.a, r.b, r.level) for r in _rels(text)}


def test_relations_second_upgrade_of_one_subject() -> None:
    text = (
        "Kenya established diplomatic relations with Ghana in 1960 and upgraded ties with "
        "Nigeria to a strategic partnership in 2020."
    )
    assert ("KEN", "NGA", "strategic partnership") in {(r.a, r.b, r.level) for r in _rels(text)}


def test_relations_the_tier_an_upgrade_left_is_past() -> None:
    text = (
        "Kenya and Ghana upgraded their ties from a strategic partnership to a comprehensive "
        "strategic partnership on Monday."
    )
    got = {(r.a, r.b, r.level, r.status) for r in _rels(text)}
    assert got == {
        ("KEN", "GHA", "comprehensive strategic partnership", "upgraded"),
        ("KEN", "GHA", "strategic partnership", "past"),
    }
