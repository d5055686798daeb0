"""Event rules: the 14 types, frames, filters, status, dedupe, unit kinds, dates, PLOVER."""

from __future__ import annotations

import pytest

from diplograph.extract import extract
from diplograph.extract.plover import PLOVER, to_plover
from diplograph.models import Document, Event, Extraction

PUB = "2024-03-07"


def _x(text: str, published: str | None = PUB, title: str | None = None) -> Extraction:
    doc = Document(id="t", text=text, published=published, title=title)
    return extract(doc, home="VNM", decider=None)


def _ev(text: str, **kw: str | None) -> list[tuple[str, str | None, str | None]]:
    return [
        (e.type, e.source.code if e.source else None, e.target.code if e.target else None)
        for e in _x(text, **kw).events
    ]


def _one(text: str, etype: str) -> Event:
    found = [e for e in _x(text).events if e.type == etype]
    assert len(found) == 1, found
    return found[0]


# --- the 14 types: a positive with its parties and a near-miss -------------------------------

POSITIVES = [
    ("VISIT", "Foreign Minister Bui Thanh Son visited Japan on March 5.", "VNM", "JPN"),
    ("MEET", "Talks between Vietnam and Singapore took place on March 2.", "VNM", "SGP"),
    (
        "CALL",
        "President Vo Van Thuong held phone talks with Lao President Thongloun Sisoulith.",
        "VNM",
        "LAO",
    ),
    ("AGREE_SIGN", "Vietnam signed a labour agreement with Japan on Monday.", "VNM", "JPN"),
    ("STATEMENT_SUPPORT", "Vietnam reaffirmed its support for Laos on the issue.", "VNM", "LAO"),
    ("AID", "Japan provided humanitarian aid to the Philippines after the typhoon.", "JPN", "PHL"),
    ("ELECTED", "Vietnam was elected to the UN Human Rights Council in October.", "VNM", "UNHRC"),
    ("CONFERENCE", "Vietnam attended the G20 Summit in New Delhi in September.", "VNM", "G20"),
    (
        "PROTEST_ACCUSE",
        "Vietnam protested against China over the deployment of survey ships.",
        "VNM",
        "CHN",
    ),
    ("SANCTION", "The United States imposed sanctions on Iran on Monday.", "USA", "IRN"),
    ("OTHER_CONFLICT", "China seized fishing boats from Vietnam near the Paracels.", "CHN", "VNM"),
    ("EVACUATE", "Vietnam evacuated 300 citizens from Israel in October.", "VNM", "ISR"),
    ("OTHER_COOPERATE", "Vietnam opened an embassy in Israel on March 1.", "VNM", "ISR"),
    (
        "PARTNERSHIP_UPGRADE",
        "Vietnam and Australia upgraded their ties to a comprehensive strategic partnership.",
        "VNM",
        "AUS",
    ),
]

NEAR_MISSES = [
    ("VISIT", "Vietnam hosted the ambassador."),
    ("MEET", "Vietnam and Singapore have never met on the issue."),
    ("CALL", "Vietnam did not hold phone talks with Laos."),
    ("AGREE_SIGN", "Vietnam did not sign the agreement with Cambodia."),
    ("STATEMENT_SUPPORT", "Vietnam does not support the proposal of Cambodia."),
    ("AID", "Japan provided training to the Philippines."),
    ("ELECTED", "Vietnam was not elected to the UN Human Rights Council."),
    ("CONFERENCE", "Vietnam attended the wedding."),
    ("PROTEST_ACCUSE", "Vietnam did not protest the decision of China."),
    ("SANCTION", "The United States may impose sanctions on Iran."),
    ("OTHER_CONFLICT", "China could seize the fishing boats of Vietnam."),
    ("EVACUATE", "Vietnam discussed the situation with Israel."),
    ("OTHER_COOPERATE", "Vietnam will consider opening an embassy in Chile."),
    (
        "PARTNERSHIP_UPGRADE",
        "Vietnam and Australia discussed their comprehensive strategic partnership.",
    ),
]


def test_events_cover_all_fourteen_types() -> None:
    assert {p[0] for p in POSITIVES} == set(PLOVER) == {n[0] for n in NEAR_MISSES}
    assert len(PLOVER) == 14


@pytest.mark.parametrize(("etype", "text", "src", "tgt"), POSITIVES, ids=[p[0] for p in POSITIVES])
def test_events_type_positive(etype: str, text: str, src: str, tgt: str) -> None:
    assert (etype, src, tgt) in _ev(text)


@pytest.mark.parametrize(("etype", "text"), NEAR_MISSES, ids=[n[0] for n in NEAR_MISSES])
def test_events_type_near_miss(etype: str, text: str) -> None:
    assert etype not in [t for t, _, _ in _ev(text)]


# --- frames ---------------------------------------------------------------------------------


def test_events_ovs_received_makes_guest_the_visitor() -> None:
    text = "Prime Minister Pham Minh Chinh received Australian Foreign Minister Penny Wong."
    assert _ev(text) == [("VISIT", "AUS", "VNM")]


def test_events_passive_received_by() -> None:
    text = "Australian Foreign Minister Penny Wong was received by Prime Minister Pham Minh Chinh."
    e = _one(text, "VISIT")
    assert (e.source.code, e.target.code) == ("AUS", "VNM")
    assert e.source.person == "Penny Wong" and e.target.person == "Pham Minh Chinh"


def test_events_between_frame() -> None:
    assert _ev("Talks between Vietnam and Singapore focused on energy.") == [("MEET", "VNM", "SGP")]


def test_events_pair_frame_a_and_b_signed() -> None:
    assert _ev("Vietnam and Indonesia signed a maritime boundary agreement.") == [
        ("AGREE_SIGN", "VNM", "IDN")
    ]


def test_events_in_for_frame() -> None:
    text = "Lao President Thongloun Sisoulith, who is in Vietnam for a state visit, toured a plant."
    assert _ev(text) == [("VISIT", "LAO", "VNM")]


def test_events_of_to_frame() -> None:
    text = "The visit by Japanese Prime Minister Fumio Kishida to Vietnam deepened trust."
    assert _ev(text) == [("VISIT", "JPN", "VNM")]


def test_events_evac_frame_defaults_to_home_source() -> None:
    text = "Vietnam's embassy stayed open. Citizens were evacuated from Lebanon on two flights."
    e = _one(text, "EVACUATE")
    assert e.source.code == "VNM"
    assert e.target.code == "LBN"


def test_events_no_home_default_in_a_story_that_never_names_home() -> None:
    text = "SEOUL (Reuters) - Citizens were evacuated from Lebanon on two flights on Monday."
    assert [e for e in _x(text).events if e.type == "EVACUATE"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Hungary, which has threatened to veto the package, did not block it.",
        "Chile named ten ships accused of ferrying arms to Peru.",
        "Qatar has offered to host talks between Iran and Oman.",
        "Peru will not negotiate while Chilean attacks continue.",
    ],
)
def test_events_threats_passives_and_offers_are_no_events(text: str) -> None:
    assert _ev(text) == []


def test_events_list_of_counterparts_gives_one_event_each() -> None:
    text = "Prime Minister Pham Minh Chinh met with counterparts from Japan, India and Brazil."
    assert _ev(text) == [("MEET", "VNM", "JPN"), ("MEET", "VNM", "IND"), ("MEET", "VNM", "BRA")]


def test_events_person_and_role_on_actors() -> None:
    e = _one("Prime Minister Pham Minh Chinh visited Japan on March 5.", "VISIT")
    assert (e.source.person, e.source.role) == ("Pham Minh Chinh", "prime_minister")


def test_events_exclusive_phone_talks_is_call_not_meet() -> None:
    assert _ev("Vietnam held phone talks with Laos on March 1.") == [("CALL", "VNM", "LAO")]


def test_events_backed_names_target() -> None:
    assert _ev("Vietnam backed Laos's bid for the council.") == [
        ("STATEMENT_SUPPORT", "VNM", "LAO")
    ]


def test_events_established_relations_names_both_parties() -> None:
    assert ("OTHER_COOPERATE", "VNM", "ISR") in _ev(
        "Vietnam and Israel established diplomatic relations in 1993."
    )


def test_events_visiting_a_national_pavilion_is_not_a_visit_to_that_country() -> None:
    text = "Foreign Minister Bui Thanh Son visited the Japanese pavilion at the expo."
    assert ("VISIT", "VNM", "JPN") not in _ev(text)


# --- filters --------------------------------------------------------------------------------


def test_events_negation_did_not_sign() -> None:
    assert _ev("Vietnam and Indonesia did not sign the fisheries agreement.") == []


def test_events_hypothetical_may_impose_sanctions() -> None:
    assert _ev("The European Union may impose sanctions on Belarus.") == []


def test_events_modal_needs_to_is_not_an_event() -> None:
    assert _ev("Vietnam needs to sign more trade agreements with Japan.") == []


def test_events_task_list_item_is_not_an_event() -> None:
    assert _ev("Secondly, to sign agreements with Japan and Korea on labour.") == []


def test_events_aggregate_calls_are_a_figure_not_a_call() -> None:
    x = _x("Vietnam held 28 phone calls with foreign leaders last year.")
    assert [e.type for e in x.events] == []
    assert [(f.indicator, f.value) for f in x.figures] == [("phone_calls", 28.0)]


def test_events_aggregate_signed_documents_is_a_figure() -> None:
    x = _x("Vietnam and Japan signed over 30 documents in Tokyo.")
    assert x.events == []
    assert [(f.indicator, f.value, f.qualifier) for f in x.figures] == [
        ("agreements_signed", 30.0, "over")
    ]


# --- status ---------------------------------------------------------------------------------


def test_events_planned_state_visit() -> None:
    e = _one("Indonesian President Joko Widodo will pay a state visit to Vietnam.", "VISIT")
    assert e.status == "planned"
    assert (e.source.code, e.target.code) == ("IDN", "VNM")


def test_events_past_visit_is_happened() -> None:
    e = _one("Indonesian President Joko Widodo paid a state visit to Vietnam.", "VISIT")
    assert e.status == "happened"


# --- per-document handling ------------------------------------------------------------------


def test_events_restated_action_kept_once() -> None:
    text = (
        "Vietnam and Japan held talks in Tokyo on March 6.\n"
        "During the talks, Vietnam and Japan reviewed their cooperation.\n"
        "Vietnam met Japan to discuss labour.\n"
    )
    assert [(e.type, e.date) for e in _x(text).events] == [("MEET", "2024-03-06")]


def test_events_reports_with_different_dates_are_two_actions() -> None:
    from diplograph.extract import dedupe_events
    from diplograph.models import Actor, Evidence

    def ev(idx: int, date: str | None, basis: str | None) -> Event:
        return Event(
            type="PROTEST_ACCUSE",
            evidence=Evidence("d", idx, idx * 100, idx * 100 + 50, "…"),
            source=Actor("VNM", "Vietnam"),
            target=Actor("CHN", "China"),
            date=date,
            date_basis=basis,
        )

    # a protest in March and another in May, neither date stated by a rule: two records
    kept = dedupe_events([ev(0, "2024-03-02", "context"), ev(1, "2024-05-10", "context")])
    assert [e.date for e in kept] == ["2024-03-02", "2024-05-10"]
    # the same protest restated without a date: one record
    assert len(dedupe_events([ev(0, "2024-03-02", "stated"), ev(1, None, None)])) == 1


def test_events_messages_of_two_leaders_are_two_actions() -> None:
    from diplograph.extract import dedupe_events
    from diplograph.models import Actor, Evidence

    def ev(idx: int, etype: str, src: Actor, tgt: Actor) -> Event:
        evidence = Evidence("d", idx, idx * 100, idx * 100 + 50, "…")
        return Event(type=etype, evidence=evidence, source=src, target=tgt, date="2024-03-02")

    president = Actor("VNM", "Vietnam", person="Luong Cuong")
    premier = Actor("VNM", "Vietnam", person="Pham Minh Chinh")
    morocco = Actor("MAR", "Morocco")
    sent = [
        ev(0, "STATEMENT_SUPPORT", president, morocco),
        ev(1, "STATEMENT_SUPPORT", premier, morocco),
    ]
    assert len(dedupe_events(sent)) == 2
    # one meeting told from either side, the same people: one record
    kishida = Actor("JPN", "Japan", person="Fumio Kishida")
    met = [ev(0, "MEET", premier, kishida), ev(1, "MEET", kishida, premier)]
    assert len(dedupe_events(met)) == 1


def _report(
    idx: int, etype: str, text: str, trigger: str | None, pair: tuple[str, str], day: str
) -> Event:
    """An event reported in sentence ``idx`` of one document, for the dedupe tests."""
    from diplograph.models import Actor, Evidence

    evidence = Evidence("d", idx, idx * 100, idx * 100 + len(text), text)
    source, target = (Actor(code, code) for code in pair)
    return Event(etype, evidence, source, target, day, trigger=trigger)


def test_events_a_report_marked_as_another_occasion_is_another_action() -> None:
    from diplograph.extract import dedupe_events

    def ev(idx: int, etype: str, text: str, trigger: str | None = None) -> Event:
        return _report(idx, etype, text, trigger, ("KEN", "GHA"), "2024-03-02")

    talks = ev(0, "MEET", "Kenya's president held talks with his Ghanaian host.")
    later = ev(1, "MEET", "Later in the day, the president was received by the Speaker.")
    again = ev(1, "MEET", "The talks in Accra covered trade and energy.")
    assert len(dedupe_events([talks, later])) == 2
    assert len(dedupe_events([talks, again])) == 1
    # a complaint rejected and the act complained of are separate acts; an envoy summoned is
    # still the protest it conveys (on real news, dev, splitting them added false events)
    lodged = ev(0, "PROTEST_ACCUSE", "Kenya lodged a protest with Ghana.", "lodged a protest")
    summoned = ev(1, "PROTEST_ACCUSE", "Kenya summoned Ghana's envoy.", "summoned")
    assert len(dedupe_events([lodged, summoned])) == 1
    # a protest that marks itself as another act ("also", "separately") is not a restatement
    accused = ev(2, "PROTEST_ACCUSE", "Kenya also accused Ghana of arming rebels.", "accused")
    assert len(dedupe_events([lodged, accused])) == 2
    seized = ev(0, "OTHER_CONFLICT", "Kenya seized a Ghanaian trawler.", "seized")
    rejected = ev(1, "OTHER_CONFLICT", "Kenya rejected Ghana's protest.", "rejected")
    assert len(dedupe_events([seized, rejected])) == 2
    denied = ev(2, "OTHER_CONFLICT", "Ghana denied that its boats had rammed the trawler.")
    assert len(dedupe_events([seized, denied])) == 2
    # an expulsion and a recall are two measures; two recalls told twice are one
    expel = ev(0, "SANCTION", "Kenya expelled two Ghanaian diplomats.", "expelled")
    recall = ev(1, "SANCTION", "Kenya recalled its ambassador from Accra.", "recalled")
    recall2 = ev(2, "SANCTION", "The recall of the ambassador was announced.", "recall")
    assert len(dedupe_events([expel, recall])) == 2
    assert len(dedupe_events([recall, recall2])) == 1


def test_events_protest_acts_of_different_kinds_are_separate_actions() -> None:
    from diplograph.extract import dedupe_events

    def ev(idx: int, text: str, trigger: str | None = None) -> Event:
        return _report(idx, "PROTEST_ACCUSE", text, trigger, ("PER", "CHL"), "2024-06-11")

    summoned = ev(0, "Lima summoned the Chilean ambassador over the border fence.", "summoned")
    # an accusation, a condemnation and a warning after a summons are acts of their own
    accused = ev(1, "Peru accused Santiago of moving the boundary markers.", "accused")
    condemned = ev(2, "The minister condemned the fence as an act of bad faith.", "condemned")
    warned = ev(3, "Lima warned that it would take the case to The Hague.", "warned")
    assert len(dedupe_events([summoned, accused, condemned, warned])) == 4
    # a note handed to the summoned envoy is the summons' protest;
    # a demand is the accusation's remedy
    note = ev(1, "The envoy was handed a note of protest at the ministry.")
    demand = ev(2, "Peru demanded that Chile remove the fence at once.", "demanded that")
    assert len(dedupe_events([summoned, note])) == 1
    assert len(dedupe_events([accused, demand])) == 1
    # two reports of one condemnation stay one
    again = ev(4, "The fence was condemned by Peru's foreign ministry.", None)
    assert len(dedupe_events([condemned, again])) == 1


def test_events_headline_is_not_mined() -> None:
    text = "Vietnam, Japan sign labour deal\nThe two ministries exchanged views on labour.\n"
    assert _x(text, title="Vietnam, Japan sign labour deal").events == []


def test_events_dateline_and_heading_are_not_mined() -> None:
    text = "07/03/2024\nVietnam visits Laos\nThe two sides exchanged views.\n"
    assert _x(text).events == []


def test_events_related_news_block_is_not_mined() -> None:
    text = (
        "Vietnam and Laos reviewed their cooperation.\n"
        "Related news:\n"
        "Vietnam signed a trade agreement with Cambodia on March 1.\n"
    )
    assert _x(text).events == []


# --- dates ----------------------------------------------------------------------------------


def test_events_date_stated_in_sentence() -> None:
    e = _one("Vietnam signed a labour agreement with Japan on March 4.", "AGREE_SIGN")
    assert (e.date, e.date_basis) == ("2024-03-04", "stated")


def test_events_a_datelines_date_dates_the_report_not_the_action() -> None:
    # the lead says "on Tuesday" (the day before the dateline's date); the next sentence,
    # with no date of its own, takes the lead's day too
    text = (
        "SUVA, March 7 (PW) – Vietnam signed a labour agreement with Japan on Tuesday.\n\n"
        "Vietnam also signed a fisheries agreement with Fiji."
    )
    dates = {e.target.code: e.date for e in _x(text).events if e.target}
    assert dates == {"JPN": "2024-03-05", "FJI": "2024-03-05"}


def test_events_date_from_publication_is_context() -> None:
    e = _one("Vietnam signed a labour agreement with Japan.", "AGREE_SIGN")
    assert (e.date, e.date_basis) == (PUB, "context")


def test_events_date_from_previous_sentence_year_is_context() -> None:
    text = "Trade grew strongly in 2023. Vietnam signed a labour agreement with Japan."
    e = _one(text, "AGREE_SIGN")
    assert (e.date, e.date_basis) == ("2023", "context")


def test_events_no_date_without_publication_or_context() -> None:
    e = _x("Vietnam signed a labour agreement with Japan.", published=None).events[0]
    assert (e.date, e.date_basis) == (None, None)


# --- PLOVER ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("etype", "text", "src", "tgt"), POSITIVES, ids=[p[0] for p in POSITIVES])
def test_events_plover_type_present(etype: str, text: str, src: str, tgt: str) -> None:
    e = next(e for e in _x(text).events if e.type == etype)
    assert (e.plover_type, e.plover_mode) == to_plover(etype, text)
    assert e.plover_type


def test_events_plover_call_mode_phone() -> None:
    assert to_plover("CALL") == ("CONSULT", "phone")


def test_events_plover_aid_mode_from_text() -> None:
    assert to_plover("AID", "Japan sent humanitarian supplies") == ("AID", "humanitarian")
    assert to_plover("AID", "Japan sent vaccines") == ("AID", "humanitarian")
    assert to_plover("AID", "Japan sent equipment") == ("AID", None)


def test_events_plover_expulsion_is_relations_sanction() -> None:
    assert to_plover("SANCTION", "Russia expelled two diplomats") == ("SANCTION", "relations")


def test_events_plover_protest_and_summon() -> None:
    assert to_plover("PROTEST_ACCUSE", "Vietnam lodged a protest") == ("PROTEST", None)
    assert to_plover("PROTEST_ACCUSE", "Vietnam summoned the envoy") == ("PROTEST", "relations")
    assert to_plover("PROTEST_ACCUSE", "Vietnam accused the ship") == ("ACCUSE", None)


def test_events_plover_unknown_type_defaults_to_cooperate() -> None:
    assert to_plover("SOMETHING_ELSE") == ("COOPERATE", None)


@pytest.mark.parametrize(
    "text",
    [
        "The Japanese charity Hope Bridge sent relief supplies to the Philippines.",
        "Kind Hands, a Korean non-governmental organization, delivered aid to Laos on Monday.",
        "Several Australian companies donated medical equipment to Fiji.",
    ],
)
def test_events_country_qualifying_a_non_state_actor_is_no_donor(text: str) -> None:
    assert [e for e in _ev(text) if e[0] == "AID"] == []


def test_events_state_agency_still_a_donor() -> None:
    assert ("AID", "JPN", "PHL") in _ev(
        "The Japanese government sent relief supplies to the Philippines after the typhoon."
    )


@pytest.mark.parametrize(
    ("text", "src", "tgt"),
    [
        ("Two Australian diplomats were expelled by China on Monday.", "CHN", "AUS"),
        ("Iran was hit with fresh sanctions by the European Union.", "EU", "IRN"),
        (
            "Kenya's embassy received a list of diplomats declared persona non grata from Uganda.",
            "UGA",
            "KEN",
        ),
    ],
)
def test_events_sanction_told_by_the_target(text: str, src: str, tgt: str) -> None:
    assert [e for e in _ev(text) if e[0] == "SANCTION"] == [("SANCTION", src, tgt)]


def test_events_sanction_without_agent_is_dropped() -> None:
    assert _ev("The diplomats were declared persona non grata on Monday.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Secretary of State Antony Blinken spoke with Kenyan President William Ruto.",
            ("CALL", "USA", "KEN"),
        ),
        ("The Lao leader paid courtesy calls on Thai officials.", ("MEET", "LAO", "THA")),
        (
            "Germany voiced solidarity with Poland after the fire.",
            ("STATEMENT_SUPPORT", "DEU", "POL"),
        ),
        ("Brazil spoke with reporters about Peru.", None),  # "spoke with" needs a named party
        ("Chile supports Peru's bid for the seat.", ("STATEMENT_SUPPORT", "CHL", "PER")),
        ("Australia announced an aid package worth A$5 million for Fiji.", ("AID", "AUS", "FJI")),
        (
            "Kenya strongly protests the detention of its sailors by Somalia.",
            ("PROTEST_ACCUSE", "KEN", "SOM"),
        ),
        ("Ghana lodged stern representations with Togo.", ("PROTEST_ACCUSE", "GHA", "TGO")),
        ("Poland ordered the closure of Russia's consulate in Gdansk.", ("SANCTION", "POL", "RUS")),
        ("Canada slapped 25% tariffs on goods from Chile.", ("SANCTION", "CAN", "CHL")),
        ("North Korea fired two ballistic missiles on Monday.", ("OTHER_CONFLICT", "PRK", None)),
        ("Iran launched a barrage of missiles at Israel.", ("OTHER_CONFLICT", "IRN", "ISR")),
        ("Poland airlifted 200 of its citizens out of Israel.", ("EVACUATE", "POL", "ISR")),
        ("Japan evacuated 21 nationals from Tehran to Baku by bus.", ("EVACUATE", "JPN", "IRN")),
        ("Kenya called in the Ugandan ambassador on Tuesday.", ("PROTEST_ACCUSE", "KEN", "UGA")),
        ("Ghana urged Togo to stop building the dam.", ("PROTEST_ACCUSE", "GHA", "TGO")),
        ("Kenya demanded that Ugandan troops leave.", ("PROTEST_ACCUSE", "KEN", "UGA")),
        ("Chile conveyed its serious concerns to Peru.", ("PROTEST_ACCUSE", "CHL", "PER")),
        ("Brazil warned Paraguay against building the dam.", ("PROTEST_ACCUSE", "BRA", "PRY")),
        ("Kenya has filed more than 30 diplomatic protests with Uganda.", None),
        ("Kenya recalled its ambassador from Uganda.", ("SANCTION", "KEN", "UGA")),
        ("Mali severed diplomatic relations with Ukraine.", ("SANCTION", "MLI", "UKR")),
        ("Pakistan closed its border crossings with Afghanistan.", ("SANCTION", "PAK", "AFG")),
        (
            "Canada announced retaliatory 25 percent tariffs on goods from Chile.",
            ("SANCTION", "CAN", "CHL"),
        ),
        ("Kenya rejected the accusations made by Uganda.", ("OTHER_CONFLICT", "KEN", "UGA")),
        ("A Russian drone violated Polish airspace.", ("OTHER_CONFLICT", "RUS", "POL")),
    ],
)
def test_events_news_phrasings(text: str, expected: tuple[str, str, str | None] | None) -> None:
    found = _ev(text)
    assert (expected in found) if expected else found == []


def test_events_unstated_protester_is_the_home_country() -> None:
    text = "Vietnam said the incident was unacceptable. The ministry summoned the Chinese envoy."
    assert ("PROTEST_ACCUSE", "VNM", "CHN") in _ev(text)


def test_events_unstated_accuser_is_the_home_country() -> None:
    text = "Vietnam held a briefing on Monday. The spokesperson condemned the Chinese seizure."
    assert ("PROTEST_ACCUSE", "VNM", "CHN") in _ev(text)


def test_events_invitation_to_visit_is_no_visit() -> None:
    assert _ev("Chile's leader accepted an invitation to visit Peru at a convenient time.") == []


def test_events_press_conference_is_no_conference() -> None:
    assert _ev("Chile's president held a press conference with Peru's president.") == [
        ("MEET", "CHL", "PER")
    ] or all(t != "CONFERENCE" for t, _, _ in _ev("Chile held a press conference in Lima."))


def test_events_the_two_leaders_are_the_last_pair() -> None:
    text = (
        "Chilean President Gabriel Boric held talks with his Peruvian counterpart on Monday. "
        "After the talks, the two leaders witnessed the signing of 12 cooperation documents."
    )
    assert ("AGREE_SIGN", "CHL", "PER") in _ev(text)


def test_events_the_two_sides_complete_a_one_sided_signing() -> None:
    text = "Chile's minister paid a visit to Peru, during which the two sides signed a trade deal."
    assert ("AGREE_SIGN", "CHL", "PER") in _ev(text)


def test_events_pronoun_subject_is_the_last_named_official() -> None:
    text = (
        "Chilean President Gabriel Boric met Peru's foreign minister in Lima. "
        "He also voiced support for Peru's bid to host the summit."
    )
    assert ("STATEMENT_SUPPORT", "CHL", "PER") in _ev(text)


def test_events_nearest_subject_of_a_second_clause() -> None:
    text = "Chile and Peru upgraded ties as Bolivian President Luis Arce held talks with Peru."
    assert ("MEET", "BOL", "PER") in _ev(text)


def test_events_dateline_is_a_place_not_an_actor() -> None:
    found = _ev("LIMA (Reuters) - Chilean President Gabriel Boric held talks with Bolivia.")
    assert found == [("MEET", "CHL", "BOL")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Chile, Peru and Kenya were among 18 countries elected to the Human Rights Council.",
            [("ELECTED", "CHL", "UNHRC"), ("ELECTED", "PER", "UNHRC"), ("ELECTED", "KEN", "UNHRC")],
        ),
        (
            "Chile and Peru also won Latin American seats on the Human Rights Council.",
            [("ELECTED", "CHL", "UNHRC"), ("ELECTED", "PER", "UNHRC")],
        ),
        ("Chile said it had brought out 300 people from Sudan.", [("EVACUATE", "CHL", "SDN")]),
        ("The European Commission disbursed EUR 4 billion to Kyiv.", [("AID", "EU", "UKR")]),
        (
            "The International Monetary Fund approved a disbursement of $1 billion to Pakistan.",
            [("AID", "IMF", "PAK")],
        ),
        (
            "Chilean President Gabriel Boric attended the East Asia Summit and the ASEAN "
            "Regional Forum.",
            [("CONFERENCE", "CHL", "EAS"), ("CONFERENCE", "CHL", "ARF")],
        ),
    ],
)
def test_events_lists_and_institutions(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _ev(text) == expected


def test_events_head_of_an_organisation_speaks_for_it() -> None:
    found = _ev("NATO Secretary General Mark Rutte condemned Russia over the sabotage.")
    assert found == [("PROTEST_ACCUSE", "NATO", "RUS")]


def test_events_protest_target_skips_the_protesters_own_nationals() -> None:
    text = "Chile strongly protests the treatment of Chilean fishermen by Peruvian patrol boats."
    assert _ev(text) == [("PROTEST_ACCUSE", "CHL", "PER")]


def test_events_credentials_give_one_meeting_per_country() -> None:
    text = "Chile's president received the credentials of ambassadors of Peru and Kenya."
    assert _ev(text) == [("MEET", "CHL", "PER"), ("MEET", "CHL", "KEN")]


def test_events_agreed_to_a_ceasefire_after_talks() -> None:
    found = _ev("Chile and Peru agreed to an immediate ceasefire on Monday after talks in Quito.")
    assert ("AGREE_SIGN", "CHL", "PER") in found and ("MEET", "CHL", "PER") in found
    assert _ev("Chile and Peru agreed to work together on fisheries.") == []


def test_events_both_leaders_after_a_caller() -> None:
    text = (
        "Chile's president held talks with Peru's president on Friday. "
        "Kenyan President William Ruto phoned both leaders on Saturday."
    )
    found = _ev(text)
    assert ("CALL", "KEN", "CHL") in found and ("CALL", "KEN", "PER") in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Chilean and Peruvian warships staged joint naval drills.",
            ("OTHER_COOPERATE", "CHL", "PER"),
        ),
        (
            "Chilean coast guards boarded a Peruvian fishing vessel.",
            ("OTHER_CONFLICT", "CHL", "PER"),
        ),
        ("Chile and Peru fought a short war in 1879.", ("OTHER_CONFLICT", "CHL", "PER")),
    ],
)
def test_events_drills_boardings_and_wars(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in _ev(text)


def test_events_a_date_of_another_act_after_since_does_not_date_the_event() -> None:
    text = "Vietnam signed a labour agreement with Japan, its first since taking office in 2021."
    e = _one(text, "AGREE_SIGN")
    assert e.date == PUB


def test_events_the_datelines_day_anchors_today_and_weekdays() -> None:
    # published the day after the dateline: "this afternoon" is the dateline's day
    text = (
        "SUVA, March 6 (PW) – Vietnam held a video call with Japan this afternoon.\n\n"
        "Vietnam also signed a fisheries agreement with Fiji today."
    )
    dates = {e.target.code: e.date for e in _x(text).events if e.target}
    assert dates == {"JPN": "2024-03-06", "FJI": "2024-03-06"}


def test_events_a_city_is_a_place_standing_for_its_state() -> None:
    from diplograph.extract.cities import city_slots
    from diplograph.extract.slots import Slot
    from diplograph.models import Actor

    [sl] = city_slots("The Omani minister flew to Mombasa on Friday.", [])
    assert (sl.code, sl.location, sl.city) == ("KEN", True, True)
    assert city_slots("Crowds in Mombasa cheered.", []) != []  # a place, never an actor
    # a state the sentence names itself, a name qualifying another, no place preposition
    ken = Slot(0, 5, Actor("KEN", "Kenya"), ("COUNTRY",))
    assert city_slots("Kenya hosted talks in Mombasa.", [ken]) == []
    assert city_slots("He met at the Mombasa Port office.", []) == []
    assert city_slots("Mombasa traders rallied.", []) == []
    assert city_slots("Talks in New York ended.", []) == []  # a UN seat


def test_called_both_leaders_is_a_call_to_each_of_the_pair_named_before() -> None:
    """ "had called both leaders": a phone call from the subject to each state of the pair."""
    text = (
        "Thailand and Cambodia clashed along their border on Thursday. "
        "United States President Donald Trump had called both leaders during the clashes."
    )
    events = extract(Document(id="t", text=text, published="2025-08-07")).events
    calls = {
        (e.source.code, e.target.code) for e in events if e.type == "CALL" and e.source and e.target
    }
    assert calls == {("USA", "THA"), ("USA", "KHM")}


def test_events_a_province_is_a_place_standing_for_its_state() -> None:
    from diplograph.extract.cities import city_slots
    from diplograph.extract.provinces import province_names

    def where(text: str) -> list[tuple[str, str, bool]]:
        return [(sl.code, text[sl.start : sl.end], sl.province) for sl in city_slots(text, [])]

    assert where("The envoy visited Quang Ninh province on Monday.") == [
        ("VNM", "Quang Ninh", True)
    ]
    assert where("Relief reached Thừa Thiên Huế by road.") == []  # no place word before it
    assert where("Relief was flown to Thừa Thiên Huế.") == [("VNM", "Thừa Thiên Huế", True)]
    assert where("Teams went to Thua Thien Hue.")[0][0] == "VNM"
    assert where("The delegation arrived in Yunnan Province.")[0][:2] == ("CHN", "Yunnan")
    assert where("Her tour ended in Bavaria.")[0][:2] == ("DEU", "Bavaria")  # a press alias
    assert where("Aid went to Luang Namtha.")[0][:2] == ("LAO", "Luang Namtha")
    assert where("He spoke in Hokkaido.")[0][0] == "JPN"
    assert where("Doctors were sent to Guangxi.")[0][0] == "CHN"  # "Guangxi Zhuangzu Zizhiqu"
    names = province_names()
    # a country, a direction, a shared name, another state's city, a word, a sea, a short name
    for name in ("Georgia", "Central", "Western Area", "Punjab", "Victoria", "Delta", "Red Sea"):
        assert name not in names, name
    assert all(len(n) > 3 for n in names)
    assert where("The fleet sailed in the Red Sea.") == []
