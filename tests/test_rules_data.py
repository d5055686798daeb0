"""Trigger rules and vetoes are data with ids; each is testable on its own by id."""

from __future__ import annotations

import re

import pytest

from diplograph.extract.events import RULES, VETOES, UnitContext, load_rules
from diplograph.models import Actor

BY_ID = {r.id: r for r in RULES}


def _ctx(text: str) -> UnitContext:
    return UnitContext("d", 0, 0, text, [], [], None, None, Actor("VNM", "Vietnam"))


def test_rules_have_unique_ids_known_vetoes_and_keys():
    assert len(BY_ID) == len(RULES) > 30
    for r in RULES:
        assert r.keys, r.id
        assert set(r.vetoes) <= set(VETOES), r.id


def test_rules_prefilter_is_derived_from_rule_keys():
    from diplograph.extract import events

    assert set(events._KEY_TYPES) == {k for r in RULES for k in r.keys}


def test_rules_prefilter_longer_key_keeps_the_shorter_keys_types():
    """The scan takes "pulled" over "pull": the SANCTION rule keyed "pull" must still run."""
    from diplograph.extract import events

    keys = events._KEY_TYPES
    assert all(keys[b] >= keys[a] for a in keys for b in keys if b.startswith(a))
    found = events._ANY_KEY_RX.findall("kenya pulled its ambassador out of uganda.")
    assert "SANCTION" in set().union(*(keys[k] for k in found))


@pytest.mark.parametrize(
    ("rule_id", "text"),
    [
        ("visit.svo.1", "Prime Minister Chinh paid an official visit to Japan."),
        ("meet.svo.1", "Chinh hosted an official welcome ceremony for President Widodo."),
        ("protest_accuse.svo.2", "The ministry called in the Ugandan ambassador on Tuesday."),
        ("protest_accuse.svo.3", "Ghana urged Togo to stop building the dam."),
        ("protest_accuse.svo.3", "Kenya demanded that Ugandan troops leave the island."),
        ("protest_accuse.svo.4", "Chile conveyed its serious concerns to Peru."),
        ("protest_accuse.svo.4", "A protest was lodged through diplomatic channels."),
        ("protest_accuse.svo.5", "Brazil warned Paraguay against building the dam."),
        ("sanction.svo.2", "Kenya recalled its ambassador from Uganda for consultations."),
        ("sanction.svo.3", "Mali severed diplomatic relations with Ukraine."),
        ("sanction.svo.4", "Pakistan closed its border crossings with Afghanistan."),
        ("sanction.svo.5", "Canada announced retaliatory 25 percent tariffs on goods from Chile."),
        ("sanction.svo.5", "The bloc approved its 14th package of measures against Russia."),
        ("sanction.svo.6", "Today the Treasury is designating 12 entities tied to Ruritania."),
        ("sanction.svo.6", "Seoul designated seven Borduvian individuals as subject to sanctions."),
        ("protest_accuse.svo.1", "The ministry made representations to the Peruvian side."),
        ("other_conflict.svo.2", "Kenya rejected the accusations made by Uganda."),
        ("other_conflict.svo.3", "A Russian drone violated Polish airspace on Monday."),
        (
            "visit.ovs.2",
            "Welcoming and receiving President Okello of Uganda to Kenya was an honour.",
        ),
        ("visit.ovs.2", "Chile hosted visits by the leaders of Peru and Bolivia."),
        ("protest_accuse.verdict.1", "The overflight was a grave violation of our sovereignty."),
        ("protest_accuse.verdict.1", "She called the ban on Peruvian trucks totally unacceptable."),
        ("protest_accuse.verdict.1", "Lima called the drills a blatant provocation."),
        (
            "protest_accuse.verdict.1",
            "The test was a flagrant violation of several Security Council resolutions.",
        ),
        ("protest_accuse.verdict.1", "Quito called the raid a clear violation of the UN Charter."),
        ("protest_accuse.svo.1", "Togo slammed Benin over the border fence."),
        ("protest_accuse.svo.1", "Peru decried Bolivia's new river tolls."),
        ("protest_accuse.svo.1", "Chile and Peru were among the states denouncing Bolivia."),
        ("protest_accuse.svo.1", "Oman deplored the strikes by Ruritania."),
        ("other_cooperate.lift.1", "Norway lifted its sanctions on Belarus on Monday."),
        ("other_cooperate.lift.1", "Oslo has eased some of the sanctions against Minsk."),
        ("other_cooperate.lift.1", "Egypt decided to partially lift the blockade of Libya."),
        ("other_cooperate.lift.2", "Ottawa lifted its travel ban on Nigerian citizens."),
        ("other_cooperate.lift.2", "Peru rolled back tariffs on Bolivian coffee."),
        ("agree_sign.pair.1", "Armenia and Azerbaijan have agreed to a ceasefire."),
        ("agree_sign.pair.1", "Chad and Niger agreed on Friday to an immediate truce."),
        ("agree_sign.pair.1", "Chile and Peru agreed a new free-trade pact."),
        ("meet.svo.3", "Deputy Minister Long held bilateral talks with the Chilean envoy."),
        ("elected.svo.1", "Peru has become a member of the UN Human Rights Council."),
        ("elected.svo.1", "Chile secured a seat on the UNESCO Executive Board with 150 votes."),
        ("call.called.1", "Ruritania's president had called both leaders on Sunday."),
        ("call.called.1", "Premier Tan called his Borduvian counterpart on Friday."),
        ("call.called.1", "Okello called President Mbeki Ndlovu to offer condolences."),
        ("visit.during.1", "The Borduvian envoy said during a visit to Chile that talks go on."),
        ("visit.during.1", "On his first official trip to Peru, Okello opened a trade fair."),
        ("visit.during.1", "Ties were raised during his three-day state visit to Quito in May."),
        ("elected.svo.2", "Borduvia clinched a non-permanent seat on the Security Council."),
        ("elected.svo.2", "Peru captured a seat on the UNESCO Executive Board in Paris."),
        ("elected.svo.2", "Chile was chosen to sit on the Economic and Social Council."),
        ("elected.svo.2", "Ghana was chosen as a new member of the Human Rights Council."),
        ("elected.onto.1", "Members voted Peru, Ghana and Laos onto the Security Council."),
        ("sanction.svo.1", "Japan froze the overseas assets of five Borduvian officials."),
        ("sanction.svo.1", "Washington imposed export controls on Borduvian chipmakers."),
        ("sanction.svo.1", "Ottawa slapped new export controls on two Borduvian firms."),
        ("protest_accuse.svo.6", "Borduvia's envoy castigated Lima and Quito for the vote."),
        ("protest_accuse.svo.6", "The minister took Borduvia to task over the arrests."),
        ("protest_accuse.svo.6", "Peru reprimanded the Borduvian ambassador on Friday."),
        ("protest_accuse.verdict.1", "It was an extremely serious violation of our airspace."),
    ],
)
def test_rules_fire_by_id(rule_id, text):
    assert BY_ID[rule_id].pattern.search(text), rule_id


@pytest.mark.parametrize(
    ("rule_id", "text"),
    [
        ("protest_accuse.svo.2", "The president called in sick on Tuesday."),
        ("protest_accuse.svo.3", "Ghana urged both sides to show restraint."),
        ("protest_accuse.svo.3", "Ghana urged Togo to invest in the port."),
        ("protest_accuse.svo.4", "The talks raised hopes of a deal."),
        ("protest_accuse.svo.5", "Brazil warned of heavy rain in the south."),
        ("sanction.svo.2", "The cabinet approved the recall of 40 ambassadors."),
        ("sanction.svo.3", "Mali cut interest rates on Monday."),
        ("sanction.svo.4", "The minister closed the conference on Friday."),
        ("sanction.svo.5", "The deal removed tariffs on most goods."),
        ("sanction.svo.6", "The city designated two parks as heritage sites."),
        ("protest_accuse.svo.1", "The union made several demands of the employer."),
        ("other_conflict.svo.2", "Kenya rejected the budget proposal."),
        ("other_conflict.svo.3", "Poland intruded into the debate."),
        ("visit.ovs.2", "Chile hosted the regional summit."),
        ("visit.ovs.2", "The welcome and reception were warm."),
        ("protest_accuse.verdict.1", "Traffic violations rose in the capital."),
        ("protest_accuse.verdict.1", "The delay was unacceptable to investors."),
        (
            "protest_accuse.verdict.1",
            "The panel listed violations of council resolutions on parking.",
        ),
        ("protest_accuse.svo.1", "Ghana decreed a public holiday on Friday."),
        ("other_cooperate.lift.2", "Lima eased restrictions on public gatherings."),
        ("other_cooperate.lift.2", "The mayor lifted the ban on street parking."),
        ("other_cooperate.lift.1", "Cuba urged Norway to lift the sanctions."),
        ("agree_sign.pair.1", "Ghana and Togo agreed to strictly observe the truce."),
        ("agree_sign.pair.1", "Both sides agreed to sign a trade deal next year."),
        ("meet.svo.3", "Minister Long held phone discussions with his Chilean counterpart."),
        ("meet.svo.3", "The two leaders held video talks on Monday."),
        ("elected.svo.1", "Peru has become a member of the Pacific Alliance fund."),
        ("call.called.1", "Okello called President Ndlovu's remarks unacceptable."),
        ("call.called.1", "Okello called President Ndlovu a liar."),
        ("call.called.1", "The minister called for restraint on both sides."),
        ("visit.during.1", "Ties were raised during a visit to Quito by the Borduvian premier."),
        ("visit.during.1", "The minister went on to visit Chile."),
        ("visit.during.1", "During the visit, the two sides signed four accords."),
        # a seat sought is no seat won
        ("elected.svo.2", "Borduvia failed to win a seat on the Human Rights Council."),
        ("elected.svo.2", "Peru hopes to secure a seat on the Security Council."),
        ("elected.svo.2", "The party won 40 seats in the new parliament."),
        ("elected.svo.2", "The envoy was chosen to lead the talks."),
        ("elected.onto.1", "Members voted on the Security Council resolution."),
        ("sanction.svo.1", "Talks froze after the assets dispute."),
        # nouns, not the act: "rejected the reprimand", "dismissed the censure"
        ("protest_accuse.svo.6", "Spain rejected the reprimand as outrageous."),
        ("protest_accuse.svo.6", "Tehran dismissed the censure outright."),
        ("protest_accuse.svo.6", "Peru took part in the talks on Friday."),
    ],
)
def test_rules_near_misses_by_id(rule_id, text):
    assert not BY_ID[rule_id].pattern.search(text), rule_id


def test_rules_firm_flag_only_on_narrow_families():
    assert {r.id for r in RULES if r.firm} == {
        "visit.ovs.2",
        "protest_accuse.verdict.1",
        "other_cooperate.lift.1",
        "other_cooperate.lift.2",
        "agree_sign.pair.1",
        "call.called.1",
        "visit.during.1",
        "elected.svo.2",
        "elected.onto.1",
        "protest_accuse.svo.6",
    }


def test_visit_reception_list_makes_each_guest_a_visitor():
    from diplograph.extract.events import extract_events
    from diplograph.extract.slots import Slot

    text = (
        "Welcoming and receiving President Okello of Uganda and Prime Minister Rono of Ghana"
        " to Kenya was historic."
    )
    slots = [
        Slot(text.index("Uganda"), text.index("Uganda") + 6, Actor("UGA", "Uganda"), ("COUNTRY",)),
        Slot(text.index("Ghana"), text.index("Ghana") + 5, Actor("GHA", "Ghana"), ("COUNTRY",)),
        Slot(text.index("Kenya"), text.index("Kenya") + 5, Actor("KEN", "Kenya"), ("COUNTRY",)),
    ]
    ctx = UnitContext("d", 0, 0, text, slots, [], None, None, Actor("KEN", "Kenya"))
    made = [e for e in extract_events(ctx) if "visit.ovs.2" in (e.produced_by or "")]
    got = {(e.type, e.source.code if e.source else None, e.target.code if e.target else None)
           for e in made}  # fmt: skip
    assert got == {("VISIT", "UGA", "KEN"), ("VISIT", "GHA", "KEN")}


def test_verdict_names_the_home_country_judging_the_state_named():
    from diplograph.extract.events import extract_events
    from diplograph.extract.slots import Slot

    text = "The Ruritanian overflight was a grave violation of our sovereignty, the ministry said."
    slots = [Slot(4, 14, Actor("RUR", "Ruritania"), ("DEMONYM",))]
    ctx = UnitContext("d", 0, 0, text, slots, [], None, None, Actor("VNM", "Vietnam"))
    got = [(e.type, e.source.code if e.source else None, e.target.code if e.target else None)
           for e in extract_events(ctx)]  # fmt: skip
    assert ("PROTEST_ACCUSE", "VNM", "RUR") in got


def test_verdict_in_a_sentence_with_no_actor_judges_the_state_accused_before():
    from diplograph.extract.events import extract_events

    text = '"These manoeuvres are a clear violation of international law," the spokesman said.'
    ctx = UnitContext(
        "d", 0, 0, text, [], [], None, None, Actor("VNM", "Vietnam"),
        memory={"PROTEST_ACCUSE": Actor("RUR", "Ruritania")},
    )  # fmt: skip
    got = [(e.type, e.source.code if e.source else None, e.target.code if e.target else None)
           for e in extract_events(ctx)]  # fmt: skip
    assert got == [("PROTEST_ACCUSE", "VNM", "RUR")]


def test_verdict_with_no_state_named_judges_the_state_accused_before():
    from diplograph.extract.events import extract_events

    text = "This is totally unacceptable, the spokesman said."
    ctx = UnitContext("d", 0, 0, text, [], [], None, None, Actor("VNM", "Vietnam"))
    assert extract_events(ctx) == []  # no actor at all: nothing to judge
    from diplograph.extract.slots import Slot

    ctx = UnitContext(
        "d", 0, 0, text, [Slot(40, 44, Actor("VNM", "Vietnam"), ("COUNTRY",))], [], None, None,
        Actor("VNM", "Vietnam"), memory={"PROTEST_ACCUSE": Actor("RUR", "Ruritania")},
    )  # fmt: skip
    got = [(e.source.code if e.source else None, e.target.code if e.target else None)
           for e in extract_events(ctx) if e.type == "PROTEST_ACCUSE"]  # fmt: skip
    assert got == [("VNM", "RUR")]


def test_firm_rule_events_are_known_by_their_rule_id():
    from diplograph.extract.events import extract_events, firm_rule_event
    from diplograph.extract.slots import Slot

    text = "The Ruritanian overflight was a grave violation of our sovereignty."
    ctx = UnitContext("d", 0, 0, text, [Slot(4, 14, Actor("RUR", "Ruritania"), ("DEMONYM",))],
                      [], None, None, Actor("VNM", "Vietnam"))  # fmt: skip
    made = extract_events(ctx)
    assert made and all(firm_rule_event(e) for e in made)
    ctx = UnitContext("d", 0, 0, "Kenya condemned Uganda.", [
        Slot(0, 5, Actor("KEN", "Kenya"), ("COUNTRY",)),
        Slot(16, 22, Actor("UGA", "Uganda"), ("COUNTRY",))], [], None, None, Actor("KEN", "Kenya"),
    )  # fmt: skip
    assert not any(firm_rule_event(e) for e in extract_events(ctx))


def test_rules_home_flag_names_the_home_country_as_source():
    assert BY_ID["protest_accuse.svo.2"].home
    assert BY_ID["protest_accuse.svo.1"].home  # "The spokesperson condemned ...": ours
    assert not BY_ID["sanction.svo.2"].home


@pytest.mark.parametrize(
    ("veto", "text", "trigger", "expected"),
    [
        ("hedged", "The minister did not visit Japan.", "visit", True),
        ("hedged", "The minister will visit Japan.", "visit", False),
        ("invitation", "He accepted an invitation to visit Japan.", "visit", True),
        ("aggregate", "Our leaders made 22 visits abroad.", "visits", True),
        ("accused_of", "Manila accused Beijing of ramming its boat.", "ramming", True),
    ],
)
def test_vetoes_by_id(veto, text, trigger, expected):
    m = re.search(trigger, text)
    assert m is not None
    before = text[: m.start()]
    assert VETOES[veto](_ctx(text), "VISIT", m, before) is expected


def test_rules_bad_file_reports_the_line(tmp_path):
    bad = tmp_path / "rules.jsonl"
    bad.write_text('{"id": "x", "type": "VISIT", "frame": "svo", "pattern": "("}\n')
    with pytest.raises(ValueError, match=":1:"):
        load_rules(bad)


def test_elected_onto_makes_each_state_between_verb_and_body_a_member():
    from diplograph.extract import extract
    from diplograph.models import Document

    text = "The General Assembly voted Peru, Ghana and Laos onto the Security Council on Friday."
    x = extract(Document(id="d", text=text, published="2025-06-07"))
    got = {(e.type, e.source.code if e.source else None, e.target.code if e.target else None)
           for e in x.events}  # fmt: skip
    assert got == {("ELECTED", c, "UNSC") for c in ("PER", "GHA", "LAO")}
