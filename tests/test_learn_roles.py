"""Role fixes applied to the trained decider's pairs: the state whose envoy is summoned is the
target of the protest, and the home country of a story that never names it takes no role."""

from __future__ import annotations

from dataclasses import replace

import pytest

import diplograph.learn.decider as decider_module
from diplograph.extract import extract
from diplograph.extract.events import UnitContext, implicit_speaker
from diplograph.extract.memory import one_pair
from diplograph.learn.decider import (
    _aid_background,
    _aid_received,
    _anniversary_only,
    _apposition_roles,
    _bloc_text,
    _bloc_voice,
    _chair_in_passing,
    _city_roles,
    _co_listed_partners,
    _comes_as,
    _condemned_again,
    _departure_source,
    _envoy_visit,
    _expelled_envoy,
    _generic_counterpart,
    _hostile_cooperate,
    _lifted,
    _named_parties,
    _ngo_aid,
    _own_evacuation,
    _pledged_conduct,
    _prescribed,
    _propagate,
    _received_from,
    _reception_only,
    _rejected,
    _rejected_accuser,
    _several_left,
    _sidelines_host,
    _silent_home,
    _soft_agreement,
    _summoned_envoy,
    _support_recipient,
    _tally,
    _threatened,
    _unnamed_accused,
    _upgrade_later,
    _violated,
    _visit_to_by,
    _visit_to_host,
    _welcomed_act,
    load_decider,
)
from diplograph.learn.examples import Recorder
from diplograph.models import Actor, Document, Event, Evidence

DEU, RUS = Actor("DEU", "Germany"), Actor("RUS", "Russia")
VNM, BLR, POL = Actor("VNM", "Vietnam"), Actor("BLR", "Belarus"), Actor("POL", "Poland")
GCC = Actor("GCC", "Gulf Cooperation Council")
CHL, PER = Actor("CHL", "Chile"), Actor("PER", "Peru")
EU = Actor("EU", "European Union")


def _ctx(text: str, home: str = "VNM") -> UnitContext:
    rec = Recorder()
    extract(Document(id="r", text=text, published="2024-03-01"), home=home, decider=rec)
    return rec.views[-1].ctx


def _event(text: str, source: Actor, target: Actor | None, etype: str = "PROTEST_ACCUSE") -> Event:
    return Event(etype, Evidence("r", 0, 0, len(text), text), source, target, "2024-03-01")


def test_summoned_envoy_state_is_the_target() -> None:
    for text in (
        "Germany summoned the Russian ambassador in Berlin on Friday over the hacking attack.",
        "On Friday the charge d'affaires of the Russian Embassy was summoned by Germany.",
        "Germany lodged a protest with the Embassy of Russia over the hacking attack.",
    ):
        fixed = _summoned_envoy(_event(text, RUS, DEU), _ctx(text))
        assert (fixed.source, fixed.target) == (DEU, RUS), text


def test_envoy_who_protests_keeps_the_source() -> None:
    text = "The Russian ambassador condemned Germany over the expulsion of two journalists."
    event = _event(text, RUS, DEU)
    assert _summoned_envoy(event, _ctx(text)) == event


def test_silent_home_gives_way_to_the_state_the_story_is_about() -> None:
    lead = "Poland accused Belarus of letting migrants cross the border. "
    text = lead + "Foreign Minister Jan Kowalczyk summoned the Belarusian envoy on Monday."
    ctx = _ctx(text)
    assert not ctx.home_speaks
    fixed = _silent_home(_event(text, VNM, BLR), ctx)
    assert fixed.source is not None and fixed.source.code == "POL"
    assert fixed.target == BLR


def test_home_that_speaks_keeps_its_role() -> None:
    text = "Vietnam and Poland held talks. The ministry summoned the Belarusian envoy on Monday."
    ctx = _ctx(text)
    event = _event(text, VNM, BLR)
    assert _silent_home(event, ctx) == event


def test_the_two_leaders_are_the_two_who_met() -> None:
    text = (
        "Prime Minister Pham Minh Chinh held talks with Singaporean Prime Minister Lawrence "
        "Wong in Singapore on Monday. Vietnam and Indonesia had lifted their relations to a "
        "comprehensive strategic partnership in 2025. The two leaders issued a joint statement "
        "on the upgrade."
    )
    decider = load_decider()
    assert decider is not None
    x = extract(Document(id="p", text=text, published="2024-03-01"), decider=decider)
    last = [e for e in x.events if "joint statement" in e.evidence.text]
    pairs = {frozenset((e.source.code, e.target.code)) for e in last if e.source and e.target}
    assert frozenset(("VNM", "SGP")) in pairs
    assert frozenset(("VNM", "IDN")) not in pairs


def test_a_list_of_partners_names_no_one_pair() -> None:
    text = "The tour will take him to Singapore, Laos and Cambodia."
    ev = Evidence("p", 0, 0, len(text), text)
    one = [Event("VISIT", ev, VNM, Actor("SGP", "Singapore"), None)]
    assert one_pair(one, frozenset({"VISIT"})) == (VNM, Actor("SGP", "Singapore"))
    many = [*one, Event("VISIT", ev, VNM, Actor("LAO", "Laos"), None)]
    assert one_pair(many, frozenset({"VISIT"})) is None


def test_the_violated_state_protests_the_violator() -> None:
    text = "Poland's drills seriously violate Belarus's sovereignty, the ministry said."
    fixed = _violated(_event(text, POL, BLR), _ctx(text))
    assert (fixed.source, fixed.target) == (BLR, POL)
    event = _event(text, BLR, POL)  # already the right way round
    assert _violated(event, _ctx(text)) == event


def test_messages_received_from_a_state_are_sent_by_it() -> None:
    text = "Poland's president received messages of condolence from the leaders of Germany."
    fixed = _received_from(_event(text, POL, DEU, "STATEMENT_SUPPORT"), _ctx(text))
    assert (fixed.source, fixed.target) == (DEU, POL)
    sent = "Poland's president sent a message of condolence to Germany."
    event = _event(sent, POL, DEU, "STATEMENT_SUPPORT")
    assert _received_from(event, _ctx(sent)) == event


def test_the_state_whose_claim_is_rejected_is_the_target() -> None:
    text = "The ministry dismissed Germany's allegations as groundless, Russia said."
    fixed = _rejected(_event(text, DEU, RUS, "OTHER_CONFLICT"), _ctx(text))
    assert (fixed.source, fixed.target) == (RUS, DEU)


def test_a_welcomed_agreement_has_no_target() -> None:
    text = "Poland welcomed the truce agreement reached by Germany and Russia on Sunday."
    fixed = _welcomed_act(_event(text, POL, DEU, "STATEMENT_SUPPORT"), _ctx(text))
    assert (fixed.source, fixed.target) == (POL, None)
    elected = "Poland welcomed the orderly conduct of the election in Germany."
    event = _event(elected, POL, DEU, "STATEMENT_SUPPORT")
    assert _welcomed_act(event, _ctx(elected)) == event


def test_an_accusation_of_the_west_has_no_target() -> None:
    text = "Belarus accused Western governments of meddling, a day after Poland closed a crossing."
    fixed = _unnamed_accused(_event(text, BLR, POL), _ctx(text))
    assert (fixed.source, fixed.target) == (BLR, None)
    # another state's accusation in another clause keeps its own target
    other = "Poland summoned the Belarusian envoy, while Russia accused Western states of lying."
    event = _event(other, POL, BLR)
    assert _unnamed_accused(event, _ctx(other)) == event


def test_a_condemnation_of_the_act_named_before_targets_its_author() -> None:
    text = "Germany and Vietnam also condemned the attack on Tuesday."
    ctx = replace(_ctx(text), memory={"PROTEST_ACCUSE": RUS})
    fixed = _condemned_again(_event(text, DEU, None), ctx)
    assert (fixed.source, fixed.target) == (DEU, RUS)
    plain = "Germany condemned terrorism in all its forms."
    event = _event(plain, DEU, None)
    assert _condemned_again(event, replace(_ctx(plain), memory={"PROTEST_ACCUSE": RUS})) == event


def test_a_protest_voiced_by_a_summit_is_the_blocs() -> None:
    text = "The summit also condemned Russia's shelling of the port and demanded a ceasefire."
    ctx = replace(_ctx(text), context_org=GCC)
    fixed = _bloc_voice(_event(text, DEU, RUS), ctx)
    assert (fixed.source, fixed.target) == (GCC, RUS)
    pair = "The two ministers condemned Russia's shelling of the port."
    event = _event(pair, DEU, RUS)
    assert _bloc_voice(event, replace(_ctx(pair), context_org=GCC)) == event


def test_a_message_with_no_recipient_goes_to_the_last_one() -> None:
    text = "Germany and Belarus also sent messages of condolence on Friday."
    ctx = replace(_ctx(text), memory={"STATEMENT_SUPPORT": POL})
    fixed = _support_recipient(_event(text, DEU, None, "STATEMENT_SUPPORT"), ctx)
    assert (fixed.source, fixed.target) == (DEU, POL)
    # with no recipient before, the state the document is about
    alone = replace(_ctx(text), focus=(DEU, POL))
    fixed = _support_recipient(_event(text, DEU, None, "STATEMENT_SUPPORT"), alone)
    assert fixed.target == POL
    welcome = "Germany welcomed the truce agreement on Friday."
    event = _event(welcome, DEU, None, "STATEMENT_SUPPORT")
    assert (
        _support_recipient(event, replace(_ctx(welcome), memory={"STATEMENT_SUPPORT": POL}))
        == event
    )


def test_a_declaration_adopted_by_a_gathering_is_the_blocs() -> None:
    text = "At the close of the summit, leaders adopted the Muscat Declaration on water security."
    ctx = replace(_ctx(text), context_org=GCC)
    fixed = _bloc_text(_event(text, DEU, RUS, "AGREE_SIGN"), ctx)
    assert (fixed.source, fixed.target) == (GCC, None)
    for pair in (
        "The two prime ministers adopted a joint declaration on water security.",
        "The summit between Germany and Russia ended, and leaders adopted a joint declaration.",
    ):
        event = _event(pair, DEU, RUS, "AGREE_SIGN")
        assert _bloc_text(event, replace(_ctx(pair), context_org=GCC)) == event, pair


def test_an_evacuation_from_several_countries_has_no_target() -> None:
    text = "Vietnam has flown home 140 citizens from Russia and Belarus since March."
    fixed = _several_left(_event(text, VNM, RUS, "EVACUATE"), _ctx(text))
    assert (fixed.source, fixed.target) == (VNM, None)
    one = "Vietnam has flown home 140 citizens from Russia through Poland since March."
    event = _event(one, VNM, RUS, "EVACUATE")
    assert _several_left(event, _ctx(one)) == event


def test_a_rejected_charge_is_aimed_at_the_last_accuser() -> None:
    text = "Berlin rejected the allegations as baseless on Monday."
    ctx = replace(_ctx(text), accusers={"DEU": RUS})
    fixed = _rejected_accuser(_event(text, DEU, POL, "OTHER_CONFLICT"), ctx)
    assert (fixed.source, fixed.target) == (DEU, RUS)
    named = "Berlin rejected Poland's allegations as baseless on Monday."
    event = _event(named, DEU, POL, "OTHER_CONFLICT")
    assert _rejected_accuser(event, replace(_ctx(named), accusers={"DEU": RUS})) == event


def test_the_accusers_are_remembered_across_sentences() -> None:
    text = "Russia accused Germany of spying on Friday. Berlin rejected the charge on Monday."
    rec = Recorder()
    extract(Document(id="a", text=text, published="2024-03-01"), decider=rec)
    assert rec.views[-1].ctx.accusers["DEU"].code == "RUS"


def test_the_state_that_orders_diplomats_out_sanctions_theirs() -> None:
    for text in (
        "Russia on Friday ordered two German diplomats to leave the country within a week.",
        "Russia declared the German defence and air attaches persona non grata.",
    ):
        fixed = _expelled_envoy(_event(text, DEU, RUS, "SANCTION"), _ctx(text))
        assert (fixed.source, fixed.target) == (RUS, DEU), text
    event = _event(text, RUS, DEU, "SANCTION")  # already the right way round
    assert _expelled_envoy(event, _ctx(text)) == event


def test_general_content_agreed_in_talks_is_no_event() -> None:
    for text, etype in (
        ("The two ministers agreed to coordinate closely ahead of next year's forum.",
         "AGREE_SIGN"),
        ("Both sides agreed that the priority would be to keep up contacts before any upgrade.",
         "PARTNERSHIP_UPGRADE"),
        ("The envoys agreed to continue close coordination on the river dispute.",
         "OTHER_COOPERATE"),
        ("Poland and Vietnam agreed to further deepen their bilateral ties.", "OTHER_COOPERATE"),
        ("They agreed to coordinate closely to prepare for the joint committee's next session.",
         "OTHER_COOPERATE"),
    ):  # fmt: skip
        assert _soft_agreement(_event(text, POL, VNM, etype), _ctx(text)), text


def test_concrete_agreements_stay() -> None:
    for text, etype in (
        ("The two ministers agreed to coordinate closely and signed a visa waiver memorandum.",
         "AGREE_SIGN"),
        ("The leaders agreed to elevate ties and to continue close coordination.",
         "PARTNERSHIP_UPGRADE"),
        ("The two sides agreed to hold a first round of talks on fisheries in May.",
         "OTHER_COOPERATE"),
        ("The envoys agreed to work together to evacuate stranded citizens by sea.",
         "OTHER_COOPERATE"),
        ("The two ministers agreed to coordinate closely ahead of next year's forum.", "MEET"),
        ("They agreed to coordinate the evacuation of their citizens from the port.",
         "OTHER_COOPERATE"),
    ):  # fmt: skip
        assert not _soft_agreement(_event(text, POL, VNM, etype), _ctx(text)), text


def test_chairmanship_in_passing_is_no_conference() -> None:
    for text in (
        "Preparations have begun for Poland's chairmanship of the Baltic council in 2031.",
        "Warsaw prepares to take over the rotating Baltic chair in 2031, officials said.",
        "Poland is due to take over the rotating bloc chairmanship next year.",
        "As we were the chair of the Baltic council, we raised the river dispute in New York.",
        "We must build on the results of the year we held the presidency.",
    ):
        assert _chair_in_passing(_event(text, POL, None, "CONFERENCE"), _ctx(text)), text


def test_chairmanship_held_or_handed_over_stays() -> None:
    for text, etype in (
        ("Poland will take over the rotating Baltic chairmanship on January 1.", "CONFERENCE"),
        ("Warsaw chaired the Baltic summit in Gdansk on Friday.", "CONFERENCE"),
        ("As Poland was the chair, it hosted the ministerial session in Gdansk.", "CONFERENCE"),
        ("Preparations have begun for Poland's chairmanship of the Baltic council.", "MEET"),
    ):  # fmt: skip
        assert not _chair_in_passing(_event(text, POL, None, etype), _ctx(text)), text


def test_upgrade_intention_is_no_upgrade() -> None:
    for text in (
        "Son agreed that the priority would be to keep exchanging delegations and to upgrade "
        "ties with Poland to a strategic partnership.",
        "Poland and Vietnam said they would study upgrading their ties to a strategic partnership.",
        "Warsaw is considering elevating its relationship with Hanoi to a strategic partnership.",
    ):
        event = _event(text, POL, VNM, "PARTNERSHIP_UPGRADE")
        assert _upgrade_later(event, _ctx(text)), text


def test_upgrade_done_or_agreed_stays() -> None:
    for text in (
        "Poland and Vietnam agreed to upgrade their ties to a strategic partnership.",
        "Poland and Vietnam elevated their ties to a strategic partnership and will consider "
        "upgrading defence links.",
        "Poland and Vietnam will upgrade their ties to a strategic partnership next week.",
    ):
        event = _event(text, POL, VNM, "PARTNERSHIP_UPGRADE")
        assert not _upgrade_later(event, _ctx(text)), text


def test_upgrade_never_pairs_two_partners_of_one_list() -> None:
    text = "The European Union raised its relations with Chile and Peru to a strategic partnership."
    ctx = _ctx(text)
    assert _co_listed_partners(_event(text, CHL, PER, "PARTNERSHIP_UPGRADE"), ctx)
    assert not _co_listed_partners(_event(text, EU, PER, "PARTNERSHIP_UPGRADE"), ctx)
    alone = "Chile and Peru raised their relations to a strategic partnership."
    assert not _co_listed_partners(_event(alone, CHL, PER, "PARTNERSHIP_UPGRADE"), _ctx(alone))


def test_aid_credited_to_its_recipient_is_turned_round_or_dropped() -> None:
    text = "Poland received 5 million dollars in flood aid from Germany on Monday."
    fixed = _aid_received(_event(text, POL, DEU, "AID"), _ctx(text))
    assert fixed is not None and (fixed.source, fixed.target) == (DEU, POL)
    text = "In the pandemic Poland ran vaccine diplomacy, receiving over 40 million vaccine doses."
    assert _aid_received(_event(text, POL, RUS, "AID"), _ctx(text)) is None


def test_aid_given_to_a_receiving_state_stays() -> None:
    for text in (
        "Germany sent 5 million dollars in flood aid to Poland, which received it on Monday.",
        "Germany pledged 5 million dollars in flood aid to Poland.",
    ):
        event = _event(text, DEU, POL, "AID")
        assert _aid_received(event, _ctx(text)) == event, text


def test_aid_by_a_non_state_giver_is_no_event() -> None:
    text = "Earlier, the charity's staff were in Poland and handed out blankets to 300 families."
    assert _ngo_aid(_event(text, POL, DEU, "AID"), _ctx(text))
    for text in (
        "Earlier, the charity's staff said Poland had handed out blankets to 300 families.",
        "The organization of Polish donors sent blankets to families in Germany.",
    ):
        assert not _ngo_aid(_event(text, POL, DEU, "AID"), _ctx(text)), text


def test_the_place_a_traveller_left_is_no_actor() -> None:
    nor, dnk = Actor("NOR", "Norway"), Actor("DNK", "Denmark")
    text = "From Norway, Chile's president travelled on to Denmark for a two-day state visit."
    fixed = _departure_source(_event(text, nor, dnk, "VISIT"), _ctx(text, home="CHL"))
    assert (fixed.source and fixed.source.code, fixed.target) == ("CHL", dnk)
    text = "Leaving Norway, the Chilean leader flew to Denmark, where he met the Danish premier."
    fixed = _departure_source(_event(text, nor, dnk, "MEET"), _ctx(text, home="CHL"))
    assert fixed.source is not None and fixed.source.code == "CHL"


def test_a_state_that_travels_from_elsewhere_keeps_its_role() -> None:
    nor, dnk = Actor("NOR", "Norway"), Actor("DNK", "Denmark")
    for text in (
        "Norway's king travelled from Oslo to Denmark for a two-day state visit.",
        "From Monday, Norway will host Danish officials for talks on fisheries.",
    ):
        event = _event(text, nor, dnk, "VISIT")
        assert _departure_source(event, _ctx(text, home="CHL")) == event, text


def test_a_role_fix_that_repeats_a_kept_event_leaves_one(monkeypatch: pytest.MonkeyPatch) -> None:
    decider = load_decider()
    assert decider is not None
    chl, dnk = Actor("CHL", "Chile"), Actor("DNK", "Denmark")

    def same(e: Event, ctx: UnitContext) -> Event:  # every event becomes the same conference
        return replace(e, type="CONFERENCE", source=chl, target=dnk)

    monkeypatch.setattr(decider_module, "ROLE_FIXES", (same,))
    text = "The Chilean president met leaders of Denmark, Norway and Peru in Santiago on Monday."
    x = extract(Document(id="d", text=text, published="2024-03-01"), home="CHL", decider=decider)
    assert len(x.events) == 1


def _speaker(text: str, home: str = "VNM") -> str | None:
    sl = implicit_speaker(_ctx(text, home))
    return sl.code if sl is not None else None


def test_title_alone_speaks_for_the_official_named_before() -> None:
    # GUIDELINES: officials count as their state; "the President" is the one named earlier
    assert (
        _speaker(
            "Kenyan President Otieno Wafula arrived in Kampala on Monday. "
            "The President also met Ugandan business leaders."
        )
        == "KEN"
    )
    assert (
        _speaker(
            "Canadian Foreign Minister Alia Brenner arrived in Manila on Monday. "
            "In her remarks, the Minister condemned the missile launches by North Korea."
        )
        == "CAN"
    )


def test_title_that_names_its_state_or_has_no_antecedent_is_no_speaker() -> None:
    assert (
        _speaker(
            "Kenyan President Otieno Wafula arrived in Kampala on Monday. "
            "The President of Uganda welcomed him at the airport."
        )
        is None
    )
    assert _speaker("The President also met business leaders in Kampala.") is None


def test_office_alone_speaks_for_the_state_whose_office_was_named() -> None:
    assert (
        _speaker(
            "Japan's foreign ministry summoned a Chinese diplomat on Tuesday. "
            "The ministry said it protested the incursion."
        )
        == "JPN"
    )


def test_it_and_the_kingdom_take_the_actor_of_the_sentence_before() -> None:
    assert (
        _speaker(
            "Algeria withdrew its ambassador from Paris in July. "
            "It also closed its airspace to French military planes."
        )
        == "DZA"
    )
    assert (
        _speaker(
            "Saudi Arabia hosted talks on Sudan in Jeddah. Jordan sent a delegation. "
            "The Kingdom welcomed the outcome of the talks.",
            home="SAU",
        )
        == "SAU"
    )


def test_gathering_alone_speaks_for_the_bloc() -> None:
    text = (
        "ASEAN leaders met in Vientiane on Tuesday. Leaders adopted a declaration on safety at sea."
    )
    assert _speaker(text) == "ASEAN"
    two = "ASEAN leaders met in Vientiane on Tuesday. The two leaders adopted a joint plan."
    assert _speaker(two) is None
    others = "ASEAN leaders met in Vientiane on Tuesday. Business leaders adopted a code."
    assert _speaker(others) is None  # no member of the gathering


def test_a_dummy_it_is_no_speaker() -> None:
    for tail in ("It has been 30 years since the embargo.", "It remains unclear who fired."):
        assert _speaker("Algeria withdrew its ambassador from Paris in July. " + tail) is None


def test_decider_gives_a_sentence_with_no_state_its_implicit_speaker() -> None:
    decider = load_decider()
    assert decider is not None
    cases = {
        "ASEAN leaders gathered in Vientiane on Tuesday for their annual summit. At the close "
        "of the session, the leaders adopted the Vientiane Declaration on sea safety.": (
            "AGREE_SIGN", "ASEAN", None),
        "Algeria withdrew its ambassador from Paris in July. It also closed its border "
        "crossings with Morocco.": ("SANCTION", "DZA", "MAR"),
    }  # fmt: skip
    for text, want in cases.items():
        doc = Document(id="t", text=text, published="2024-03-01")
        got = {(e.type, e.source and e.source.code, e.target and e.target.code)
               for e in extract(doc, decider=decider).events}  # fmt: skip
        assert want in got, text


def test_state_inside_an_apposition_plays_no_role() -> None:
    nor, dnk = Actor("NOR", "Norway"), Actor("DNK", "Denmark")
    text = "Norway, a close partner of Denmark, accused Russia of jamming satellite signals."
    fixed = _apposition_roles(_event(text, dnk, RUS), _ctx(text))
    assert (fixed.source, fixed.target) == (nor, RUS)
    listed = "Norway, Denmark and Sweden accused Russia of jamming satellite signals."
    kept = _apposition_roles(_event(listed, dnk, RUS), _ctx(listed))
    assert kept.source == dnk


def test_a_threatened_measure_is_a_threat() -> None:
    text = "Germany threatened to close its border with Poland over the dispute."
    fixed = _threatened(_event(text, DEU, POL, "SANCTION"), _ctx(text))
    assert (fixed.type, fixed.source, fixed.target) == ("PROTEST_ACCUSE", DEU, POL)
    done = "Germany closed its border with Poland and threatened to expel its envoys."
    event = _event(done, DEU, POL, "SANCTION")
    assert _threatened(event, _ctx(done)) == event


def test_an_ordinary_word_is_no_measure_done() -> None:
    for text in (
        "Several lawmakers said Germany threatened to close its border with Poland.",
        "Germany, a close partner of Poland, threatened to expel its envoys.",
        "He recalled that Germany had threatened to cut gas exports to Poland.",
    ):
        fixed = _threatened(_event(text, DEU, POL, "SANCTION"), _ctx(text))
        assert fixed is not None and fixed.type == "PROTEST_ACCUSE", text


def test_a_lifted_sanction_is_cooperation() -> None:
    text = "Germany eased some of its sanctions against Belarus on Monday."
    fixed = _lifted(_event(text, DEU, BLR, "SANCTION"), _ctx(text))
    assert (fixed.type, fixed.source, fixed.target) == ("OTHER_COOPERATE", DEU, BLR)
    both = "Germany lifted its ban on Belarusian trucks but imposed new sanctions on Minsk."
    event = _event(both, DEU, BLR, "SANCTION")
    assert _lifted(event, _ctx(both)) == event


def test_a_city_names_the_host_of_a_visit_and_no_source() -> None:
    ctx = _ctx("The Omani trade minister landed in Mombasa on Friday.")
    ken = next(sl.actor for sl in ctx.slots if sl.city)
    assert ken.code == "KEN"
    omn = Actor("OMN", "Oman")
    visit = _event(ctx.text, omn, ken, "VISIT")
    assert _city_roles(visit, ctx) == visit
    meet = _event(ctx.text, omn, ken, "MEET")  # the venue of talks is no party to them
    assert _city_roles(meet, ctx) is None
    assert _city_roles(_event(ctx.text, ken, omn, "PROTEST_ACCUSE"), ctx) is None


def test_a_province_of_the_story_s_state_keeps_it_a_party() -> None:
    text = "In Gunma prefecture the two sides signed five memoranda on labour."
    ctx = replace(_ctx(text), focus=(Actor("VNM", "Vietnam"), Actor("JPN", "Japan")))
    jpn = next(sl.actor for sl in ctx.slots if sl.province)
    sign = _event(text, Actor("VNM", "Vietnam"), jpn, "AGREE_SIGN")
    assert _city_roles(sign, ctx) == sign
    assert _city_roles(sign, replace(ctx, focus=())) is None  # a venue of another story


def test_evacuees_flown_to_a_city_did_not_leave_its_state() -> None:
    ctx = _ctx("Ghana sent two planes to Mombasa to bring its students home.")
    ken = next(sl.actor for sl in ctx.slots if sl.city)
    gha = Actor("GHA", "Ghana")
    out = _city_roles(_event(ctx.text, gha, ken, "EVACUATE"), ctx)
    assert out is not None and out.target is None


def test_resident_envoy_received_is_no_visitor() -> None:
    for text in (
        "Prime Minister Chinh received Peruvian Ambassador Carlos Diaz in Hanoi on Tuesday.",
        "The President received the Ambassador of Peru at the Presidential Palace.",
    ):
        assert _envoy_visit(_event(text, PER, VNM, "VISIT"), _ctx(text)), text
    trip = "Peruvian Ambassador Carlos Diaz accompanied the minister on his visit to Hanoi."
    assert not _envoy_visit(_event(trip, PER, VNM, "VISIT"), _ctx(trip))
    guest = "Prime Minister Chinh received Peruvian Foreign Minister Ana Ruiz in Hanoi on Tuesday."
    assert not _envoy_visit(_event(guest, PER, VNM, "VISIT"), _ctx(guest))


def test_reception_for_guests_is_no_conference() -> None:
    text = "President Quang hosted receptions in Hanoi for the new ambassadors of Chile and Peru."
    assert _reception_only(_event(text, CHL, VNM, "CONFERENCE"), _ctx(text))
    forum = "Chile hosted a reception for delegates to the Pacific Alliance summit."
    assert not _reception_only(_event(forum, CHL, None, "CONFERENCE"), _ctx(forum))


def test_a_states_own_evacuation_is_no_cooperation() -> None:
    chl = Actor("CHL", "Chile")
    for text in (
        "Two chartered flights brought 300 Chilean citizens home from Peru on Sunday.",
        "Santiago sent three planes to repatriate 410 Chilean nationals stranded in Peru.",
    ):
        assert _own_evacuation(_event(text, chl, None, "OTHER_COOPERATE"), _ctx(text)), text


def test_help_with_others_evacuees_stays_cooperation() -> None:
    per = Actor("PER", "Peru")
    text = "Peru allowed Chilean evacuation flights to refuel in Lima on their way home."
    assert not _own_evacuation(_event(text, per, None, "OTHER_COOPERATE"), _ctx(text))
    text = "The flight brought home 40 Peruvians and 12 nationals of other countries."
    assert not _own_evacuation(_event(text, per, None, "OTHER_COOPERATE"), _ctx(text))


def test_a_pledge_of_conduct_is_no_aid() -> None:
    text = "The leaders of Chile and Peru met in Lima, pledging to safeguard regional stability."
    assert _pledged_conduct(_event(text, CHL, None, "AID"), _ctx(text))
    for text in (
        "Chile pledged to send 20 tons of food to flood-hit Peru.",
        "Chile pledged to rebuild the bridges of Peru with a grant of 5 million dollars.",
    ):
        assert not _pledged_conduct(_event(text, CHL, PER, "AID"), _ctx(text)), text


def test_a_hostile_measure_alone_is_no_cooperation() -> None:
    for text in (
        "Chile said it was expelling four Peruvian diplomats over spying charges.",
        "The bloc agreed to introduce a price cap on Peruvian copper shipped by its carriers.",
    ):
        assert _hostile_cooperate(_event(text, CHL, PER, "OTHER_COOPERATE"), _ctx(text)), text
    text = "Chile lifted the sanctions it had placed on Peru and restored direct flights."
    assert not _hostile_cooperate(_event(text, CHL, PER, "OTHER_COOPERATE"), _ctx(text))


def test_a_task_set_out_is_no_event() -> None:
    text = "To grow, Chile needs to take part in negotiating and signing trade deals with Peru."
    assert _prescribed(_event(text, CHL, PER, "AGREE_SIGN"), _ctx(text))
    text = "Peru and Chile signed a fisheries accord on Monday, which both parliaments must ratify."
    assert not _prescribed(_event(text, CHL, PER, "AGREE_SIGN"), _ctx(text))
    text = "Peru must immediately withdraw its vessels from Chilean waters, the ministry said."
    assert not _prescribed(_event(text, CHL, PER, "PROTEST_ACCUSE"), _ctx(text))


def test_a_state_named_only_as_the_venue_of_sideline_talks_is_no_party() -> None:
    jpn = Actor("JPN", "Japan")
    text = (
        "Chile's foreign minister met his Peruvian and Bolivian counterparts on the sidelines "
        "of the Pacific-Japan Forum in Tokyo."
    )
    assert _sidelines_host(_event(text, CHL, jpn, "MEET"), _ctx(text, home="CHL"))
    assert not _sidelines_host(_event(text, CHL, PER, "MEET"), _ctx(text, home="CHL"))
    text = "Chile's president met Japan's prime minister on the sidelines of the forum in Tokyo."
    assert not _sidelines_host(_event(text, CHL, jpn, "MEET"), _ctx(text, home="CHL"))


def test_a_counterpart_named_only_as_a_group_is_no_state() -> None:
    text = "Chile's closer ties with other countries opened new markets for its farmers."
    assert _generic_counterpart(_event(text, CHL, PER, "OTHER_COOPERATE"), _ctx(text))
    text = "Chile signed accords with Peru and with other partners on Monday."
    assert not _generic_counterpart(_event(text, CHL, PER, "AGREE_SIGN"), _ctx(text))


def test_a_visit_to_a_state_by_another_goes_from_the_visitor() -> None:
    text = "The trip follows a state visit to Peru by the President of Chile in May."
    fixed = _visit_to_by(_event(text, PER, CHL, "VISIT"), _ctx(text))
    assert (fixed.source, fixed.target) == (CHL, PER)
    text = "Chile's president paid a visit to Peru, the first by a Chilean leader in years."
    event = _event(text, CHL, PER, "VISIT")
    assert _visit_to_by(event, _ctx(text)) == event


def test_a_visit_credited_to_its_host_is_turned_round() -> None:
    for text in (
        "Peru and Chile widened a fish pact in May, during the Chilean leader's visit to Lima.",
        "On her first state visit to Peru, the Chilean president opened a copper fair.",
        "Chile's minister said on a trip to Peru that the border talks would resume.",
    ):
        fixed = _visit_to_host(_event(text, PER, CHL, "VISIT"), _ctx(text))
        assert (fixed.source, fixed.target) == (CHL, PER), text


def test_a_visit_already_from_the_visitor_or_a_host_that_travels_is_kept() -> None:
    text = "It was the Chilean leader's third visit to Peru, and Peru's president visited Chile."
    event = _event(text, PER, CHL, "VISIT")
    assert _visit_to_host(event, _ctx(text)) == event
    text = "Chile's president paid a visit to Peru in May."
    event = _event(text, CHL, PER, "VISIT")
    assert _visit_to_host(event, _ctx(text)) == event


def test_a_signing_by_the_leaders_of_two_states_is_theirs() -> None:
    text = (
        "The Chilean president attended the Andean summit in Quito, where leaders of Peru and "
        "Bolivia signed a declaration establishing a strategic partnership."
    )
    fixed = _named_parties(_event(text, CHL, PER, "AGREE_SIGN"), _ctx(text, home="CHL"))
    assert {fixed.source and fixed.source.code, fixed.target and fixed.target.code} == {
        "PER",
        "BOL",
    }
    text = "Leaders of Peru and Bolivia met in La Paz on Monday."
    event = _event(text, CHL, PER, "MEET")
    assert _named_parties(event, _ctx(text)) == event


def test_a_pair_inside_one_list_is_not_extended_to_the_others() -> None:
    rec = Recorder()
    text = "The presidents of Chile, Peru and Bolivia held a meeting in Arica on Monday."
    extract(Document(id="l", text=text, published="2024-03-01"), home="CHL", decider=rec)
    view = rec.views[-1]
    c = {x.code: x for x in view.candidates}
    pairs = {
        (s.code, t.code if t else None) for _, s, t in _propagate(view, [(0.9, c["CHL"], c["PER"])])
    }
    assert ("CHL", "BOL") in pairs
    assert ("BOL", "PER") not in pairs
    text = "Chile, Peru and Bolivia condemned the Ruritanian missile launch on Monday."
    rec = Recorder()
    extract(Document(id="l", text=text, published="2024-03-01"), home="CHL", decider=rec)
    view = rec.views[-1]
    c = {x.code: x for x in view.candidates}
    pairs = {
        (s.code, t.code if t else None) for _, s, t in _propagate(view, [(0.9, c["CHL"], None)])
    }
    assert {("PER", None), ("BOL", None)} <= pairs


def test_aid_named_as_a_running_total_is_no_aid() -> None:
    for text in (
        "Chile has given Peru a cumulative sum of 90 million dollars in soft loans.",
        "Chile is Peru's biggest provider of development aid, with grants totalling 2 billion "
        "dollars since 1998.",
    ):
        assert _aid_background(_event(text, CHL, PER, "AID"), _ctx(text)), text
    for text in (
        "Chile gave Peru an additional 5 million dollars, its largest donor said, bringing the "
        "cumulative sum to 90 million.",
        "Chile sent 40 tons of medicine to flood-hit Peru on Tuesday.",
    ):
        assert not _aid_background(_event(text, CHL, PER, "AID"), _ctx(text)), text


def test_ties_named_only_by_their_anniversary_are_no_cooperation() -> None:
    text = "Next spring Chile and Peru celebrate the 40th anniversary of their diplomatic ties."
    assert _anniversary_only(_event(text, CHL, PER, "OTHER_COOPERATE"), _ctx(text))
    for text in (
        "To mark the 40th anniversary of their relations, Chile and Peru signed a visa waiver.",
        "Chile and Peru, which established ties in 1984, marked the anniversary of their ties.",
    ):
        assert not _anniversary_only(_event(text, CHL, PER, "OTHER_COOPERATE"), _ctx(text)), text


def test_a_background_sentence_is_no_cooperation() -> None:
    text = "The quarrel comes as Chile and Peru try to revive their stalled fisheries talks."
    assert _comes_as(_event(text, CHL, PER, "OTHER_COOPERATE"), _ctx(text))
    for text in (
        "The move comes as Chile and Peru agreed to reopen their border crossings.",
        "Chile and Peru try to revive their stalled fisheries talks.",
    ):
        assert not _comes_as(_event(text, CHL, PER, "OTHER_COOPERATE"), _ctx(text)), text


def test_a_tally_of_protests_is_no_protest() -> None:
    text = "Peru has lodged more than 70 diplomatic protests over Chilean trawlers since 2019."
    assert _tally(_event(text, PER, CHL), _ctx(text))
    text = "Peru lodged a diplomatic protest over 70 Chilean trawlers on Monday."
    assert not _tally(_event(text, PER, CHL), _ctx(text))
