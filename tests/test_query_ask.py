"""ask: short answers with the right evidence sentence, and "I don't know" without one."""

from __future__ import annotations

import json

import pytest

from diplograph.cli import app
from diplograph.jobs import ingest_documents
from diplograph.query.ask import answer, classify
from diplograph.query.spans import SentenceView


def _view(text: str, q: str) -> SentenceView:
    """A sentence with no mentions or events, read for question ``q``."""
    return SentenceView(text=text, mentions=[], events=[], published=None, question=q)


REVIEW = """url: https://example.org/c
outlet: Example Review
published: 2023-12-28
title: A busy year for Vietnamese diplomacy
---
On May 4, 2023, Pham Minh Chinh held phone talks with Australian Prime Minister Anthony Albanese.

On June 2, 2023, Vietnam was elected to the UNESCO Executive Board for the 2023-2027 term.
"""
VISIT = """url: https://example.org/a
outlet: Example Daily
published: 2023-03-10
title: Prime Minister visits Singapore
---
HANOI – Prime Minister Pham Minh Chinh began an official visit to Singapore on Thursday.

The two sides agreed to expand cooperation in digital trade and green energy.
"""
EVACUATION = """url: https://example.org/e
outlet: Example Wire
published: 2023-05-02
title: Citizens return from Sudan
---
The Ministry of Foreign Affairs said 312 citizens were brought home from Sudan on two flights.
"""


@pytest.fixture
def news(store, settings, write):
    folder = write("in/review.txt", REVIEW).parent
    write("in/visit.txt", VISIT)
    write("in/evacuation.txt", EVACUATION)
    ingest_documents([str(folder)], store, settings)
    return store


def test_ask_answers_who_with_evidence(news):
    a = answer(news, "Who held phone talks with Australian Prime Minister Anthony Albanese?")
    assert a.answer is not None and "Pham Minh Chinh" in a.answer
    assert a.evidence[0]["doc"] == "review"
    assert a.evidence[0]["sentence"].startswith("On May 4, 2023, Pham Minh Chinh held")
    assert 0 < a.confidence <= 1


def test_ask_answers_when_with_resolved_date(news):
    a = answer(news, "When did Pham Minh Chinh begin his official visit to Singapore?")
    assert a.answer == "Thursday, March 9, 2023"
    assert a.evidence[0]["doc"] == "visit"


def test_ask_answers_how_many_concisely(news):
    a = answer(news, "How many citizens were brought home from Sudan?")
    assert a.answer is not None and a.answer.startswith("312 citizens")
    assert len(a.answer.split()) <= 6
    assert a.evidence[0]["doc"] == "evacuation"


def test_ask_answers_which_term(news):
    a = answer(news, "For which term was Vietnam elected to the UNESCO Executive Board?")
    assert a.answer == "2023-2027"


def test_ask_says_it_does_not_know(news):
    a = answer(news, "Who won the football World Cup in Qatar?")
    assert a.answer is None and a.evidence == [] and a.confidence == 0.0


def test_ask_classify_splits_two_part_questions():
    parts = classify("Which flight brought them home, and when did it land?")
    assert [p.kind for p in parts] == ["which", "when"]


def test_ask_cli_json_shape(news, runner, db_url):
    q = "How many citizens were brought home from Sudan?"
    result = runner.invoke(app, ["ask", q, "--json", "--db", db_url])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"answer", "evidence", "confidence"}
    assert set(data["evidence"][0]) == {"doc", "sentence", "start", "end"}


def test_ask_cli_unknown_exits_1(news, runner, db_url):
    result = runner.invoke(app, ["ask", "Who won the football World Cup?", "--db", db_url])
    assert result.exit_code == 1 and "don't know" in result.output


def test_ask_unknown_shows_the_nearest_sentences(news):
    a = answer(news, "Which orchestra played for the citizens brought home from Sudan?")
    assert a.answer is None  # the nearest sentences come with "I don't know", never as evidence
    assert a.evidence == [] and a.nearest[0]["doc"] == "evacuation"
    assert a.to_dict()["nearest"][0]["sentence"].startswith("The Ministry of Foreign Affairs")


def test_ask_confidence_is_calibrated_from_shipped_weights():
    from diplograph.query.ask import _calibration, calibrated

    cal = _calibration()
    assert cal is not None and cal["weights"]
    low = calibrated({"coverage": 0.1, "rel_score": 0.2}, 0.5)
    high = calibrated({k: 1.0 for k, w in cal["weights"].items() if w > 0}, 0.5)
    assert 0.0 < low < high < 1.0


def test_ask_classify_a_clause_when_is_not_a_when_question():
    assert (
        classify("What dialogue did they agree to launch when they met in May?")[0].kind != "when"
    )
    assert classify("When did they meet?")[0].kind == "when"
    assert classify("According to VNA, when did the two sides meet?")[0].kind == "when"
    # a clause after a comma is no question of its own either
    q = "What did the two parties announce 2025 would be, when the leaders exchanged messages?"
    assert classify(q)[0].kind != "when"


def test_ask_who_takes_the_name_after_its_titles_and_the_asked_nationality():
    from diplograph.query.spans import Part, SentenceView, find_who

    text = (
        "The following day, Son phoned Qatari Prime Minister and Minister of Foreign Affairs "
        "Sheikh Mohammed bin Abdulrahman Al Thani, and held online talks with Jordanian Deputy "
        "Prime Minister and Foreign Minister Ayman Safadi."
    )
    q = "Which Jordanian minister did Son hold online talks with?"

    def mention(word: str, label: str, code: str) -> dict[str, object]:
        at = text.index(word)
        return {"start": at, "end": at + len(word), "label": label, "code": code, "text": word}

    mentions = [
        mention("Qatari", "DEMONYM", "QAT"),
        mention("Sheikh Mohammed bin Abdulrahman Al Thani", "PERSON", "QAT"),
        mention("Jordanian", "DEMONYM", "JOR"),
    ]  # as the extractor stores them; Ayman Safadi is in no gazetteer
    view = SentenceView(text=text, mentions=mentions, events=[], published=None, question=q)
    best = max(find_who(view, Part("who", q, ("jordanian", "minister"))), key=lambda s: s.score)
    assert best.text.endswith("Ayman Safadi")


@pytest.mark.parametrize(
    ("text", "question", "head", "answer"),
    [
        (
            "The summit ended with the adoption of the Kazan Declaration, a document of 134 "
            "paragraphs covering finance and security.",
            "What document did the summit adopt?",
            ("document",),
            "Kazan Declaration",
        ),
        (
            "Romania ordered the closure of the Russian consulate in Constanta on Tuesday.",
            "Which Russian consulate did Romania close?",
            ("russian", "consulat"),
            "Constanta",
        ),
        (  # a name's joining words stay inside it, before and after the head
            "Riyadh will send the aid through the King Fahd Relief and Aid Centre.",
            "Through which centre will Riyadh send the aid?",
            ("centr",),
            "King Fahd Relief and Aid Centre",
        ),
        (
            "Operation Volta da Paz has flown 900 people home on six flights.",
            "What is the name of the Brazilian operation that flew people home?",
            ("brazilian", "operation"),
            "Operation Volta da Paz",
        ),
    ],
)
def test_ask_which_names_beside_and_places_of_the_head(text, question, head, answer):
    from diplograph.query.spans import Part, SentenceView, find_which

    view = SentenceView(text=text, mentions=[], events=[], published=None, question=question)
    spans = find_which(view, Part("which", question, head))
    assert max(spans, key=lambda s: s.score).text == answer


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Was Japan's tariff rate higher than South Korea's?", "No"),
        ("Was South Korea's rate higher than Japan's?", "Yes"),
        ("Was Vietnam's rate lower than Japan's?", "No"),
        ("Did Vietnam face a higher rate than Japan?", "Yes"),
    ],
)
def test_ask_yes_no_comparisons_read_the_numbers(question, expected):
    from diplograph.query.spans import Part, SentenceView, find_yes_no

    text = "The new tariffs set rates of 46 percent for Vietnam, 24 percent for Japan and 25 "
    text += "percent for South Korea."
    view = SentenceView(text=text, mentions=[], events=[], published=None, question=question)
    answer = find_yes_no(view, Part("yes_no", question, ()))[0].text
    assert answer.split(" (")[0] == expected
    assert "24 percent" in answer  # the numbers that decide it come with the answer


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It will be the third time Chile has held a seat on the council.", "No"),
        ("For Chile it will be the first term on the 15-member body.", "Yes"),
        ("It makes Chile the first country other than Peru to do so.", "No"),
        ("Lima said it was the first such term for the region.", "Yes"),
    ],
)
def test_ask_yes_no_first_reads_the_ordinal(text, expected):
    from diplograph.query.spans import Part, SentenceView, find_yes_no

    question = "Was Chile's 2027-2028 term its first on the Security Council?"
    view = SentenceView(text=text, mentions=[], events=[], published=None, question=question)
    assert find_yes_no(view, Part("yes_no", question, ()))[0].text == expected


def test_ask_yes_no_prefers_a_sentence_that_decides_names_and_says_the_act():
    from diplograph.query.spans import Part, SentenceView, find_yes_no

    def score(question: str, text: str) -> float:
        view = SentenceView(text=text, mentions=[], events=[], published=None, question=question)
        return find_yes_no(view, Part("yes_no", question, ()))[0].score

    first = "Was Chile's 2027-2028 term its first on the Security Council?"
    decided = score(first, "It will be the third time Chile has held a seat on the council.")
    assert decided > score(first, "Chile held talks with Peru on the council.")
    assert decided > score(first, "It will be the third time the country has held a seat.")
    attend = "Did China attend the summit in Bern?"
    says = score(attend, "China declined to attend.")
    assert says > score(attend, "China sent a message to the hosts.")
    assert score(attend, "China sent a message to the hosts.") > score(attend, "Delegates met.")


TIES_WIRE = """url: https://example.org/w
outlet: Example Wire
published: 2024-09-20
title: Vietnam and Sri Lanka mark their ties
---
Vietnam and Sri Lanka established diplomatic relations in July 1970, officials recalled.
"""
TIES_AGENCY = (
    "url: https://example.org/v\noutlet: Vietnam News Agency (VNA)\npublished: 2024-09-25\n"
    "title: Leaders exchange greetings\n---\nHANOI – Leaders of Vietnam and Sri Lanka recalled "
    "on Wednesday that their countries set up diplomatic relations on July 21, 1970.\n"
)


def test_ask_record_answers_keep_to_the_outlet_the_question_names(store, settings, write):
    folder = write("ties/wire.txt", TIES_WIRE).parent
    write("ties/agency.txt", TIES_AGENCY)
    ingest_documents([str(folder)], store, settings)
    q = "when did Vietnam and Sri Lanka establish diplomatic relations?"
    assert answer(store, "According to VNA, " + q).evidence[0]["doc"] == "agency"
    assert answer(store, "According to Example Wire, " + q).evidence[0]["doc"] == "wire"


def test_ask_cites_other_outlets_that_state_the_same_answer(store, settings, write):
    folder = write("same/a.txt", EVACUATION).parent
    write(
        "same/b.txt",
        "url: https://example.org/f\noutlet: Other Daily\npublished: 2023-05-03\n"
        "title: Home from Khartoum\n---\nIn all, 312 citizens have now returned, a spokeswoman "
        "said in Hanoi on Wednesday, thanking the partners whose ships and planes helped.\n",
    )
    write("same/c.txt", VISIT)
    ingest_documents([str(folder)], store, settings)
    a = answer(store, "How many citizens were brought home from Sudan?")
    assert a.answer is not None and "312" in a.answer
    assert sorted(e["doc"] for e in a.evidence) == ["a", "b"]


MOU = (
    "url: https://example.org/m\noutlet: Example Daily\npublished: 2024-06-20\n"
    "title: Ministers sign a memorandum\n---\n"
    "HANOI – Foreign Minister Bui Thanh Son held talks with Chilean Foreign Minister Alberto "
    "van Klaveren on Wednesday.\n\n"
    "The two ministers signed a memorandum of understanding on cooperation in green hydrogen "
    "and mining, and agreed to meet again next year.\n"
)


def test_ask_on_what_a_document_was_signed_answers_its_subject(store, settings, write):
    folder = write("mou/a.txt", MOU).parent
    write("mou/b.txt", EVACUATION)
    ingest_documents([str(folder)], store, settings)
    q = "On what did Son and van Klaveren sign a memorandum of understanding in 2024?"
    a = answer(store, q)
    assert a.answer == "cooperation in green hydrogen and mining"
    assert a.evidence[0]["doc"] == "a"


def test_ask_who_keeps_a_title_set_off_by_a_comma():
    from diplograph.query.spans import Part, find_who

    text = (
        "The Foreign Minister of Chile, Ana Rojas, and the Deputy Minister of Foreign Affairs "
        "of Vietnam, Le Thi Thu, co-chaired the second session of the joint committee."
    )
    q = "Who co-chaired the second session of the joint committee for the Vietnamese side?"
    view = _view(text, q)
    texts = {s.text for s in find_who(view, Part("who", q))}
    assert "Deputy Minister of Foreign Affairs of Vietnam, Le Thi Thu" in texts
    assert "Foreign Minister of Chile, Ana Rojas" in texts


def test_ask_object_runs_on_past_an_early_preposition():
    from diplograph.query.spans import Part, find_object

    text = "Phnom Penh answered by downgrading relations to the lowest level on Friday."
    q = "How did Phnom Penh answer the expulsion?"
    view = _view(text, q)
    # the object runs past "to the lowest level"; the day it happened is no part of it
    assert [s.text for s in find_object(view, Part("which", q))] == [
        "by downgrading relations to the lowest level"
    ]


def test_ask_dates_of_a_visit_are_its_range():
    from diplograph.query.spans import Part, SentenceView, find_when

    text = "The minister will visit Chile from July 31 to August 2 at the invitation of Ana Rojas."
    q = "On which dates was the minister to visit Chile?"
    view = SentenceView(text=text, mentions=[], events=[], published="2025-07-28", question=q)
    best = max(find_when(view, Part("when", q)), key=lambda s: s.score)
    assert best.text == "July 31 to August 2, 2025"


def test_ask_which_won_picks_the_winner_not_the_larger_number():
    from diplograph.query.spans import Part, find_choice

    text = "Peru needed a second round to defeat Chile, securing 120 votes to 60 for its rival."
    q = "Which candidate won the seat in June 2023, Chile or Peru?"
    view = _view(text, q)
    assert [s.text for s in find_choice(view, Part("choice", q))] == [
        "Peru (Chile 60, Peru 120 votes)"
    ]


def test_ask_comparisons_of_phrases_name_the_side_and_its_numbers():
    from diplograph.query.ask import classify
    from diplograph.query.spans import FINDERS

    text = (
        "Chile's exports to Peru totalled about 2 billion dollars last year, while imports "
        "from Peru exceeded 13 billion dollars."
    )
    for q, expected in [
        (
            "Were Chile's exports to Peru larger or smaller than its imports from Peru?",
            "smaller (Chile's 2 billion dollars, imports 13 billion dollars)",
        ),
        (
            "Did Chile export more to Peru than it imported from Peru?",
            "No (Chile's 2 billion dollars, imports 13 billion dollars)",
        ),
    ]:
        part = classify(q)[0]
        spans = FINDERS[part.kind](_view(text, q), part)
        assert max(spans, key=lambda s: s.score).text == expected


def test_ask_how_many_more_is_a_difference_and_raise_or_cut_a_direction():
    from diplograph.query.ask import classify
    from diplograph.query.spans import FINDERS

    text = "Peru defeated Chile for the seat by 153 votes to 38."
    q = "How many more votes did Peru receive than Chile?"
    part = classify(q)[0]
    assert part.kind == "difference"
    assert [s.text for s in FINDERS["difference"](_view(text, q), part)] == ["115 votes"]
    text = "Seoul also raised its pledge to Lima to 5 million dollars, up from 500,000 dollars."
    q = "Did Seoul raise or cut its pledge to Lima?"
    part = classify(q)[0]
    assert [s.text for s in FINDERS[part.kind](_view(text, q), part)] == [
        "raised it to 5 million dollars"
    ]


def test_ask_where_takes_the_venue_in_the_city_the_question_names():
    from diplograph.query.spans import Part, SentenceView, find_where

    text = "Ana Rojas was received by the President at the Presidential Palace in Hanoi on Friday."
    q = "At which palace was Ana Rojas received in Hanoi?"
    mentions = [{"start": text.index("Hanoi"), "end": text.index("Hanoi") + 5,
                 "label": "CAPITAL", "text": "Hanoi", "code": "VNM"}]  # fmt: skip
    view = SentenceView(text=text, mentions=mentions, events=[], published=None, question=q)
    assert [s.text for s in find_where(view, Part("where", q))] == ["Presidential Palace in Hanoi"]


def test_ask_where_reads_seas_and_shoals():
    from diplograph.query.ask import classify
    from diplograph.query.spans import FINDERS

    text = "DUBAI, May 13 – Naval forces seized a tanker in the Gulf of Oman on Monday."
    q = "In which waters did the navy seize the tanker in May 2025?"
    part = classify(q)[0]
    assert part.kind == "where"
    view = _view(text, q)
    assert [s.text for s in FINDERS["where"](view, part)] == ["the Gulf of Oman"]


def test_ask_question_verb_skips_the_subject_nouns():
    from diplograph.query.terms import predicate_terms

    assert predicate_terms("What did the Chilean and Peruvian presidents witness?") == {"witness"}
    assert predicate_terms("What did the two sides agree to set up?") == {"agre"}


def test_ask_quantity_prefers_the_number_of_the_asked_year():
    from diplograph.query.spans import Part, find_quantity

    text = "Trade reached 7.7 billion USD in 2024, and they set a target of 15 billion USD by 2030."
    q = "What trade target did Chile and Peru set for 2030?"
    view = _view(text, q)
    best = max(find_quantity(view, Part("quantity", q)), key=lambda s: s.score)
    assert best.text.startswith("15 billion USD")


def test_ask_why_takes_what_a_state_is_accused_of():
    from diplograph.query.spans import Part, find_reason

    text = "Chile cut ties with Peru on Tuesday, accusing it of arming the rebels in the north."
    q = "Why did Chile cut ties with Peru?"
    view = _view(text, q)
    texts = [s.text for s in find_reason(view, Part("why", q))]
    assert "arming the rebels in the north" in texts


def test_ask_which_fields_takes_the_whole_list():
    from diplograph.query.spans import Part, find_object

    text = "The two presidents signed ten agreements on farming, science and technology, and sport."
    q = "In which fields did the two presidents sign agreements?"
    view = _view(text, q)
    texts = [s.text for s in find_object(view, Part("which", q, ("field",), True))]
    assert "ten agreements on farming, science and technology, and sport" in texts


def test_ask_how_skips_dates_and_which_event_falls_back_to_the_object():
    from diplograph.query.ask import classify
    from diplograph.query.spans import FINDERS

    text = "The group left on Thursday and crossed by road into Syria before flying home."
    q = "How did the group get out of Lebanon?"
    part = classify(q)[0]
    view = _view(text, q)
    texts = [s.text for s in FINDERS[part.kind](view, part)]
    assert texts and all(not t.startswith("Thursday") for t in texts)
    assert any(t.startswith("by road into Syria") for t in texts)
    text = "Lula invited the Vietnamese authorities to attend COP30 in Belém in November."
    q = "What event did Lula invite the Vietnamese authorities to attend?"
    part = classify(q)[0]
    view = _view(text, q)
    assert any("COP30" in s.text for s in FINDERS[part.kind](view, part))


def test_ask_which_roadmap_takes_a_name_with_its_year():
    from diplograph.query.spans import Part, find_which

    text = "The leaders adopted the Chile-Peru Vision 2035, a roadmap for their partnership."
    q = "What roadmap did the leaders adopt?"
    view = _view(text, q)
    texts = [s.text for s in find_which(view, Part("which", q, ("roadmap",)))]
    assert texts == ["Chile-Peru Vision 2035"]


def test_ask_how_many_people_reads_a_running_total_of_persons():
    from diplograph.query.spans import Part, find_quantity

    text = (
        "A second aircraft landed with 110 people from Israel, bringing to 271 the number of "
        "persons brought home by the government since the weekend."
    )
    q = "How many people had the government brought home from Israel by October 12?"
    view = _view(text, q)
    best = max(find_quantity(view, Part("quantity", q, ("peopl",))), key=lambda s: s.score)
    assert best.text == "271 the number of persons brought home"


def test_ask_how_did_x_describe_answers_the_description():
    from diplograph.query.ask import classify
    from diplograph.query.spans import FINDERS

    q = "How did Lima describe Chile's naval drills?"
    part = classify(q)[0]
    assert part.kind == "describe"
    text = "Lima condemned the drills as an irrational provocation."
    view = _view(text, q)
    assert [s.text for s in FINDERS["describe"](view, part)] == ["an irrational provocation"]


def test_ask_what_share_is_a_quantity_question():
    from diplograph.query.ask import classify

    q = "What share of Chilean exports to Peru will the agreement free of tariffs?"
    assert classify(q)[0].kind == "quantity"


def test_ask_rank_and_duration_questions():
    from diplograph.query.ask import classify
    from diplograph.query.spans import FINDERS

    cases = [
        (
            "Chile is currently Peru's third-largest trading partner in the region.",
            "What was Chile's rank among Peru's trading partners in 2025?",
            "ordinal",
            "third-largest trading partner",
        ),
        (
            "Rojas, who arrived on Sunday for a three-day state visit, met the president.",
            "How long was Rojas's state visit to Peru?",
            "duration",
            "three-day state visit",
        ),
    ]
    for text, q, kind, expected in cases:
        part = classify(q)[0]
        assert part.kind == kind
        view = _view(text, q)
        assert max(FINDERS[kind](view, part), key=lambda s: s.score).text == expected


def test_ask_target_question_takes_the_target_not_last_years_figure():
    from diplograph.query.spans import Part, find_quantity

    text = "Trade reached 16.7 billion USD last year; they set a target of 18 billion USD by 2028."
    q = "What new trade target did Chile and Peru set in March 2025?"
    view = _view(text, q)
    best = max(find_quantity(view, Part("quantity", q)), key=lambda s: s.score)
    assert best.text.startswith("18 billion USD")


ELECTION_2021 = """url: https://example.org/e21
outlet: Example Wire
published: 2021-06-12
title: Council seats filled
---
The General Assembly on Friday elected Chile, Peru and Kenya to the Security Council.
"""
ELECTION_2023 = """url: https://example.org/e23
outlet: Example Wire
published: 2023-06-07
title: Council seats filled again
---
The General Assembly on Tuesday elected Ghana, Japan and Malta to the Security Council.
"""


def test_ask_never_cites_a_document_about_another_year(store, settings, write):
    folder = write("el/a.txt", ELECTION_2021).parent
    write("el/b.txt", ELECTION_2023)
    ingest_documents([str(folder)], store, settings)
    a = answer(
        store, "Which countries did the General Assembly elect to the Security Council in 2023?"
    )
    assert a.evidence and {e["doc"] for e in a.evidence} == {"b"}
    a = answer(
        store, "Which countries did the General Assembly elect to the Security Council in 2021?"
    )
    assert a.evidence and {e["doc"] for e in a.evidence} == {"a"}


def test_ask_who_prefers_the_doer_and_skips_document_names():
    from diplograph.query.spans import Part, find_who

    text = (
        "Leaders welcomed the Chile-Peru Comprehensive Economic Partnership Agreement, which "
        "was signed by Trade Minister Ana Rojas and Peruvian envoy Luis Soto."
    )
    q = "Who signed the trade agreement for Chile?"
    view = _view(text, q)
    spans = find_who(view, Part("who", q))
    assert all("Comprehensive" not in s.text for s in spans)
    assert max(spans, key=lambda s: s.score).text == "Trade Minister Ana Rojas"


EXPLAINER = """url: https://example.org/x
outlet: Example Explainer
published: 2024-12-03
title: Explainer: the strait
---
How did Lima respond?
Lima answered by recalling its ambassador from Santiago on Monday.
"""


def test_ask_never_cites_a_sentence_that_asks(store, settings, write):
    folder = write("x/a.txt", EXPLAINER).parent
    ingest_documents([str(folder)], store, settings)
    a = answer(store, "How did Lima respond to the Chilean naval drills?")
    cited = [e["sentence"] for e in [*a.evidence, *a.nearest]]
    assert cited and not any(t.endswith("?") for t in cited)


def test_ask_how_did_it_change_answers_both_numbers():
    from diplograph.query.ask import classify
    from diplograph.query.spans import FINDERS

    text = "By December the bloc counted 12 dialogue partners, up from seven at the start of 2024."
    q = "How did the number of the bloc's dialogue partners change in 2024?"
    part = classify(q)[0]
    assert part.kind == "trend"
    best = max(FINDERS["trend"](_view(text, q), part), key=lambda s: s.score)
    assert best.text == "12 dialogue partners, up from seven"
    text = "Ghana's exports to Togo rose to GH¢ 4 billion, while imports stood at GH¢ 9 billion."
    q = "How did Ghana's exports to Togo compare with its imports?"
    part = classify(q)[0]
    best = max(FINDERS["trend"](_view(text, q), part), key=lambda s: s.score)
    assert "4 billion" in best.text and "9 billion" in best.text
    # "how did X describe" and "how did they travel" keep their own kinds
    assert classify("How did Minsk describe the drills?")[0].kind == "describe"
    assert classify("How did the evacuees travel home?")[0].kind == "how"


def test_ask_comparison_answer_carries_the_chosen_amount():
    from diplograph.query.ask import classify
    from diplograph.query.spans import FINDERS

    text = (
        "Oslo and Accra signed a credit line worth 3.4 billion kroner, and on Monday Oslo "
        "added a further 0.9 billion kroner in export guarantees to buy more than 4,000 "
        "solar pumps."
    )
    q = "Which was larger: the credit line signed by Oslo and Accra or the export guarantees?"
    part = classify(q)[0]
    [span] = FINDERS[part.kind](_view(text, q), part)
    # both sides' numbers would run past ten content words: the chosen side's alone
    assert span.text == "the credit line signed by Oslo and Accra, 3.4 billion kroner"


def test_ask_rise_or_fall_answers_with_the_change_and_the_level():
    from diplograph.query.ask import classify
    from diplograph.query.spans import FINDERS

    text = "Two-way trade reached 9.2 billion US dollars in 2024, up 11.5 percent year on year."
    q = "Did trade between the two countries rise or fall in 2024?"
    part = classify(q)[0]
    [span] = FINDERS[part.kind](_view(text, q), part)
    assert span.text.startswith("rose, 9.2 billion US dollars in 2024, up 11.5 percent")
    text = "Trade exceeded USD 2.1 billion in 2023, a decline of 4 percent."
    q = "Did trade grow or shrink in 2023?"
    part = classify(q)[0]
    [span] = FINDERS[part.kind](_view(text, q), part)
    assert span.text.startswith("fell, USD 2.1 billion in 2023, a decline of 4 percent")


def test_ask_when_before_a_dated_event_is_the_earlier_date():
    from diplograph.query.ask import classify
    from diplograph.query.spans import FINDERS

    text = "The commission last met in 2009, and on Monday the two sides agreed to revive it."
    q = "When did the commission last meet before the sides agreed to revive it in May 2026?"
    part = classify(q)[0]
    assert part.kind == "when"
    best = max(FINDERS["when"](_view(text, q), part), key=lambda s: s.score)
    assert best.text == "2009"


def test_ask_why_answer_keeps_ten_content_words():
    from diplograph.query.ask import classify
    from diplograph.query.spans import FINDERS
    from diplograph.query.terms import content_terms

    text = (
        "Lima expelled the envoy after the ambassador told a seminar in the capital Quito on "
        "Monday that the president was leading a campaign against the judiciary."
    )
    q = "Why did Lima expel the envoy?"
    part = classify(q)[0]
    best = max(FINDERS[part.kind](_view(text, q), part), key=lambda s: s.score)
    assert best.text.startswith("the ambassador told a seminar")
    assert "leading" in best.text  # twelve words would have stopped before it
    assert len(content_terms(best.text)) <= 10


def test_ask_ordinal_number_and_phrasal_object():
    from diplograph.query.ask import classify
    from diplograph.query.spans import FINDERS

    q = "Which number protest did Manila file over the incident?"
    assert classify(q)[0].kind == "ordinal"
    assert classify("What number of protests did Manila file?")[0].kind != "ordinal"
    text = "At the forum Kuala Lumpur called for a regional fund to cut reliance on the dollar."
    q = "What did Kuala Lumpur call for at the forum?"
    part = classify(q)[0]
    best = max(FINDERS[part.kind](_view(text, q), part), key=lambda s: s.score)
    assert best.text == "a regional fund to cut reliance on the dollar"


def test_ask_where_answers_the_venue_with_its_city():
    from diplograph.query.spans import Part, find_where

    text = "Delegations met at the headquarters of the Andean Community in Lima on Monday."
    view = SentenceView(
        text=text,
        mentions=[{"start": 63, "end": 67, "label": "CAPITAL", "text": "Lima", "code": "PER"}],
        events=[],
        published=None,
        question="Where did the delegations meet?",
    )
    best = max(
        find_where(view, Part("where", "Where did the delegations meet")), key=lambda s: s.score
    )
    assert best.text == "headquarters of the Andean Community in Lima"


def test_ask_who_reads_hyphenated_names_and_skips_the_dateline_agency():
    from diplograph.query.spans import Part, find_who

    text = "BAMAKO, Feb 6 (Sahel Wire) – The government expelled Anne-Marie Ngefa-Atondoko."
    q = "Whom did the government expel?"
    found = [s.text for s in find_who(_view(text, q), Part("who", q))]
    assert "Anne-Marie Ngefa-Atondoko" in found
    assert "Sahel Wire" not in found


def test_ask_which_capitals_lists_the_capitals():
    from diplograph.query.ask import classify
    from diplograph.query.spans import find_countries

    text = "On his tour he went to Kyiv, then Moscow and finally Beijing."
    q = "Which three capitals did he visit on his tour?"
    part = classify(q)[0]
    assert part.kind == "country" and part.plural
    mentions = [
        {"start": text.index(c), "end": text.index(c) + len(c), "label": "CAPITAL", "text": c,
         "code": code}
        for c, code in (("Kyiv", "UKR"), ("Moscow", "RUS"), ("Beijing", "CHN"))
    ]  # fmt: skip
    view = SentenceView(text=text, mentions=mentions, events=[], published=None, question=q)
    assert [s.text for s in find_countries(view, part)] == ["Kyiv, Moscow, Beijing"]


def test_ask_worth_two_counts_and_minutes():
    from diplograph.query.ask import classify
    from diplograph.query.spans import FINDERS

    q = "What was Kenya-Ghana bilateral trade worth in 2024?"
    part = classify(q)[0]
    assert part.kind == "quantity"
    text = "Taipei said it tracked 31 aircraft and 9 naval vessels around the island."
    q = "How many aircraft and naval vessels did Taipei track around the island?"
    part = classify(q)[0]
    best = max(FINDERS[part.kind](_view(text, q), part), key=lambda s: s.score)
    assert best.text.startswith("31 aircraft and 9 naval vessels")
    text = "The missile flew for about 48 minutes before it fell into the sea."
    q = "How long was the missile in flight?"
    part = classify(q)[0]
    assert part.kind == "duration"
    assert [s.text for s in FINDERS["duration"](_view(text, q), part)][0].startswith(
        "about 48 minutes"
    )


def _best_when(text: str, q: str, published: str) -> str:
    from diplograph.query.spans import Part, find_when

    v = SentenceView(text=text, mentions=[], events=[], published=published, question=q)
    return max(find_when(v, Part("when", q)), key=lambda s: s.score).text


def _best(text: str, q: str) -> str:
    from diplograph.query.spans import FINDERS

    part = classify(q)[0]
    return max(FINDERS[part.kind](_view(text, q), part), key=lambda s: s.score).text


def test_ask_why_answers_at_whose_request():
    text = "Four Thai nationals were on the Indonesian evacuation flight at Bangkok's request."
    q = "Why were Thai nationals on the Indonesian evacuation flight?"
    assert classify(q)[0].kind == "why"
    assert _best(text, q) == "at Bangkok's request"


def test_ask_who_prefers_the_doer_of_the_asked_act_and_strips_demonyms():
    from diplograph.query.spans import Part, find_who

    text = (
        "Chilean President Gabriel Boric paid a state visit to our country in April, "
        "and Minister Ramos visited Chile in June."
    )
    q = "Which Chilean leader paid a state visit in April?"
    found = sorted(find_who(_view(text, q), Part("who", q, ("chilean",))), key=lambda s: -s.score)
    assert found[0].text.endswith("Gabriel Boric")  # the name is found though a demonym leads


def test_ask_what_did_x_do_answers_the_predicate():
    q = "What did sailors on the Ruritanian patrol boats do during the incident?"
    assert classify(q)[0].kind == "which"  # not a country question
    text = "Two Ruritanian patrol boats came close, and the sailors fired flares at the trawler."
    assert _best(text, q) == "fired flares at the trawler"


def test_ask_object_of_a_verb_after_a_clause_and_of_its_noun():
    q = "What will the Ruritanian grant, announced during the minister's visit, improve?"
    text = (
        "The minister announced a grant of 5 million euros for the improvement of water "
        "supply in the northern provinces, the embassy said."
    )
    assert _best(text, q) == "water supply in the northern provinces"


def test_ask_relative_month_names_the_month_and_dateline_dates_rank_lower():
    from diplograph.query.spans import _date_suffix

    assert _date_suffix("Earlier this month", "2025-09") == ", September 2025"
    assert _date_suffix("in May 2025", "2025-05") == ""
    text = "ROMA, June 2 (Wire) – The envoy will take up the post on September 9, 2025."
    q = "When will the envoy take up the post?"
    assert _best_when(text, q, "2025-06-02").startswith("September 9")


def test_ask_three_words_before_the_role_still_ask_who():
    q = "Which former Ruritanian deputy minister did the police arrest?"
    assert classify(q)[0].kind == "who"


def test_ask_attribution_lead_and_decimal_points():
    q = "According to the Ruritanian Herald, how did trade change in 2024?"
    assert classify(q)[0].kind == "trend"
    q = "Why did Ruritania cut the tariff?"
    text = "Ruritania cut the tariff because imports reached $7.26 billion last year."
    assert _best(text, q) == "imports reached $7.26 billion last year"  # not cut at "$7"


def test_ask_since_what_year_takes_the_year_after_since():
    q = "Since what year have Ruritania and Freedonia been strategic partners?"
    text = "In 2024 the two countries, strategic partners since 2008, signed a new accord."
    assert _best_when(text, q, "2024-05-01") == "2008"


def test_retrieve_reaches_past_the_top_documents_for_the_asked_year(store, settings, write):
    from diplograph.query.retrieve import TOP_DOCS, retrieve

    body = " ".join(
        f"In {y} a president assumed the rotating chairmanship of the Andean Forum."
        for y in range(2015, 2021)
    )
    for i in range(TOP_DOCS + 2):
        write(f"in/old{i}.txt", f"published: 2023-0{i % 9 + 1}-02\ntitle: Forum {i}\n---\n{body}\n")
    write(
        "in/new.txt",
        "published: 2026-02-16\ntitle: New chair\n---\n"
        "President Rolando Vargas assumed the rotating chairmanship of the Andean Forum.\n",
    )
    ingest_documents([str(write("in/.keep", "").parent)], store, settings)
    q = "Who assumed the rotating chairmanship of the Andean Forum in 2026?"
    assert "new" in {c.doc_id for c in retrieve(store, q, limit=12)}


def test_ask_where_reads_the_dateline_city_from_and_venue_words():
    from diplograph.query.spans import Part, find_where

    q = "In which Ruritanian border city did the president receive her counterpart?"
    assert classify(q)[0].kind == "where"
    text = (
        "STRELSAU, Borland, March 27 – The president received her counterpart in this border city."
    )
    v = SentenceView(text=text, mentions=[], events=[], published="2025-03-28", question=q)
    assert max(find_where(v, Part("where", q)), key=lambda s: s.score).text == "Strelsau"
    q = "From which capital did the repatriation flight take off?"
    assert classify(q)[0].kind == "where"
    text = "The flight took off from Bucharest and landed in Hanoi the next morning."
    mentions = [
        {"start": 25, "end": 34, "label": "CAPITAL", "text": "Bucharest", "code": "ROU"},
        {"start": 47, "end": 52, "label": "CAPITAL", "text": "Hanoi", "code": "VNM"},
    ]
    v = SentenceView(text=text, mentions=mentions, events=[], published=None, question=q)
    assert max(find_where(v, Part("where", q)), key=lambda s: s.score).text == "Bucharest"
    q = "At which British prime ministerial country house was the deal signed?"
    assert classify(q)[0].kind == "where"


def test_ask_where_takes_an_untagged_name_after_the_asked_preposition():
    """'Through which Ruritanian border town …': the name after 'through', not the state the
    question names by its adjective nor a place in another role."""
    from diplograph.query.spans import Part, find_where

    q = "Through which Ruritanian border town will the rescued sailors be handed over?"
    text = (
        "The sailors will be handed over through Zenda, near the border with Ruritania, "
        "officials said."
    )
    mentions = [{"start": 67, "end": 76, "label": "COUNTRY", "text": "Ruritania", "code": "RUR"}]
    v = SentenceView(text=text, mentions=mentions, events=[], published=None, question=q)
    assert max(find_where(v, Part("where", q)), key=lambda s: s.score).text == "Zenda"
    q = "In which Ruritanian town did the talks take place?"  # 'in' keeps the tagged place
    text = "The talks took place in Strelsau after a stop through Zenda."
    mentions = [{"start": 24, "end": 32, "label": "CITY", "text": "Strelsau", "code": "RUR"}]
    v = SentenceView(text=text, mentions=mentions, events=[], published=None, question=q)
    assert max(find_where(v, Part("where", q)), key=lambda s: s.score).text == "Strelsau"


def test_ask_passive_what_questions_and_set_up_by_one_side():
    q = "What was launched at the Freedonian naval base during the president's visit?"
    text = (
        "The visit took her to the naval base of Portola, where the frigate Valiant, "
        "built with Ruritanian technology, was launched."
    )
    assert _best(text, q) == "the frigate Valiant"
    q = "What did ECOWAS leaders set up at the summit to handle the departures?"
    assert classify(q)[0].kind == "which"  # not a tier question: no pair sets it up
    q = "What did Ruritania and Freedonia establish between them in 2024?"
    assert classify(q)[0].kind == "tier"


def test_ask_reason_runs_past_an_inserted_phrase():
    q = "Why did the first forum fade within a year?"
    text = (
        "The forum faded within a year after Ruritania, under its new premier, withdrew in protest."
    )
    assert _best(text, q) == "Ruritania, under its new premier, withdrew in protest"
    q = "Why did Freedonia expel two diplomats?"
    text = "The move was a response to the expulsion of two Freedonian envoys last month."
    assert _best(text, q).startswith("the expulsion of two Freedonian envoys")


def test_ask_when_takes_the_year_of_the_asked_word_and_by_when():
    q = "When does the Ruritania-Freedonia river treaty expire?"
    text = "The river treaty, which was signed in 1996 and expires in 2026, will be renegotiated."
    assert _best_when(text, q, "2024-06-01") == "2026"
    assert classify("By when is the rail link on track to open?")[0].kind == "when"


def test_ask_three_words_before_states_still_ask_for_countries():
    part = classify("Which four EU member states opened their borders to the refugees?")[0]
    assert part.kind == "country" and part.plural


def test_ask_which_country_got_the_most_votes():
    from diplograph.query.spans import find_countries

    text = "Ruritania received 121 votes, Freedonia 117 and Borduria 109, out of 163 ballots cast."
    q = "Which country received the most votes in the council election?"
    mentions = [
        {"start": text.index(n), "end": text.index(n) + len(n), "label": "COUNTRY", "text": n,
         "code": c}
        for n, c in (("Ruritania", "RUR"), ("Freedonia", "FRE"), ("Borduria", "BOR"))
    ]  # fmt: skip
    v = SentenceView(text=text, mentions=mentions, events=[], published=None, question=q)
    part = classify(q)[0]
    assert [s.text for s in find_countries(v, part)] == ["Ruritania, 121 votes"]
    q = "Which country received the fewest votes in the council election?"
    v = SentenceView(text=text, mentions=mentions, events=[], published=None, question=q)
    assert [s.text for s in find_countries(v, classify(q)[0])] == ["Borduria, 109"]


def test_ask_a_lead_phrase_before_the_wh_word_keeps_the_kind():
    q = "In the 2024 vote for the council presidency, how did Ruritania fare against Freedonia?"
    assert classify(q)[0].kind == "trend"
    assert classify("In which city did the two leaders meet?")[0].kind == "where"


def test_ask_dates_question_prefers_a_range_written_as_one_date():
    from diplograph.query.spans import Part, find_when

    q = "What were the dates of the Ruritanian president's state visit in 2024?"
    text = (
        "The president is paying a state visit from September 10-13, 2024, after a "
        "working visit in July 2024."
    )
    v = SentenceView(text=text, mentions=[], events=[], published="2024-09-10", question=q)
    spans = {s.text.split(",")[0]: s.score for s in find_when(v, Part("when", q))}
    # the range outranks the single month by the range bonus, not only by its precision
    assert spans["September 10-13"] - spans["July 2024"] >= 1.5


def test_ask_what_would_x_do_reads_past_the_modal():
    from diplograph.query.spans import Part, SentenceView, find_deed

    q = "What did Aoun say Lebanon would do after the strikes"
    text = "Aoun said Lebanon would file a complaint with the Security Council."
    view = SentenceView(text=text, mentions=[], events=[], published=None, question=q + "?")
    spans = find_deed(view, Part("which", q, ("aoun", "say", "lebanon")))
    assert spans and spans[0].text == "file a complaint with the Security Council"


def test_ask_tier_reading_falls_back_to_the_thing_asked(store, settings, write):
    """ "What framework did they sign": no tier in the store, so the framework's name."""
    assert classify("What framework did Nepal and Peru sign in Lima?")[0].kind == "tier"
    folder = write(
        "fw/a.txt",
        "url: https://example.org/n\noutlet: Andes Wire\npublished: 2024-05-05\n"
        "title: A framework is signed\n---\nLIMA, May 4 (Andes Wire) – Nepal and Peru on "
        "Tuesday signed the Framework for Andean Trade Cooperation after talks between their "
        "foreign ministers in Lima.\n",
    ).parent
    write("fw/b.txt", VISIT)
    ingest_documents([str(folder)], store, settings)
    got = answer(store, "What framework did Nepal and Peru sign in Lima?")
    assert got.answer == "Framework for Andean Trade Cooperation"


@pytest.mark.parametrize(
    ("question", "text", "expected"),
    [
        (
            "How did Tokyo respond when a drone entered its airspace",
            "A drone entered Japanese airspace on Monday, prompting Tokyo to summon the envoy.",
            "summon the envoy",
        ),
        (
            "How did Sergei Lavrov react to the boycott",
            "Sergei Lavrov, who is also in Geneva, shrugged off the decision.",
            "shrugged off the decision",
        ),
        (
            "How did Lima respond to the expulsion",
            "Lima responded by recalling its ambassador.",
            "by recalling its ambassador",
        ),
    ],
)
def test_ask_how_did_x_respond_reads_what_x_did(question, text, expected):
    from diplograph.query.spans import FINDERS, Part

    assert classify(question + "?")[0].kind == "respond"
    spans = FINDERS["respond"](_view(text, question + "?"), Part("respond", question, ()))
    assert max(spans, key=lambda s: s.score).text == expected


def test_ask_why_keeps_the_cue_of_protest_and_solidarity():
    from diplograph.query.spans import Part, find_reason

    q = "Why did Amman recall its ambassador from Tel Aviv?"
    text = "Jordan recalled its ambassador from Tel Aviv in protest at the war on Wednesday."
    spans = find_reason(_view(text, q), Part("why", q, ()))
    assert max(spans, key=lambda s: s.score).text.startswith("in protest at the war")
    q = "Why did Ankara shut the border in 1993?"
    text = "The border has been closed since 1993, when Ankara shut it in solidarity with Baku."
    spans = find_reason(_view(text, q), Part("why", q, ()))
    assert max(spans, key=lambda s: s.score).text == "in solidarity with Baku"


@pytest.mark.parametrize(
    ("question", "text", "expected"),
    [
        (  # options without the question's frame; the vote a count, not Korean won
            "In the vote, did Chile or Peru receive more votes?",
            "Chile got 71 votes, short of the 120 won by Peru and the 98 won by Bolivia.",
            "Peru",
        ),
        (  # counts right before the option
            "In the team, were there more police officers or army personnel?",
            "The team includes 21 police officers, 40 army personnel and six dogs.",
            "army personnel",
        ),
        (  # scaled amounts: millions against billions
            "Which is bigger: annual Peru–Chile trade or total Chilean investment in Peru?",
            "Trade stands at about 900 million dollars a year, but Chilean investment in Peru "
            "totals more than 2 billion dollars.",
            "total Chilean investment in Peru",
        ),
        (  # a source named after the options
            "Which was Peru's bigger partner, Chile or Bolivia, according to the Lima Wire?",
            "Chile is Peru's largest partner at 9.1 billion dollars, while Bolivia ranked fifth "
            "at 1.2 billion dollars.",
            "Chile",
        ),
    ],
)
def test_ask_choice_reads_options_and_numbers(question, text, expected):
    from diplograph.query.spans import Part, find_choice

    assert classify(question)[0].kind == "choice"
    spans = find_choice(_view(text, question), Part("choice", question, ()))
    assert spans and spans[0].text.split(" (")[0].split(",")[0] == expected


@pytest.mark.parametrize(
    ("question", "text", "expected"),
    [
        (
            "Did Peru run a trade surplus or deficit with Chile in 2014?",
            "Trade reached $9 billion, but Peru ran a deficit of nearly $2 billion last year.",
            "deficit of nearly $2 billion",
        ),
        (
            "Has the number of Peru's defence pacts risen or fallen since 2016?",
            "Lima counts more than 12 defence pacts, up from fewer than 5 in 2016.",
            "It rose, to more than 12 from fewer than 5",
        ),
        (
            "Did Lima raise or lower its pledge to Quito after the quake?",
            "Lima also raised its pledge to Quito to 2 million dollars on Tuesday.",
            "raised it to 2 million dollars",
        ),
    ],
)
def test_ask_choice_says_the_word_with_its_amount(question, text, expected):
    from diplograph.query.spans import Part, find_choice

    assert classify(question)[0].kind == "choice"
    spans = find_choice(_view(text, question), Part("choice", question, ()))
    assert spans and spans[0].text == expected


def test_ask_when_last_reads_the_year_of_a_first_since_sentence():
    """'When had a leader last visited?': 'the first visit … since … in 1971' gives 1971,
    not the report's own date."""
    from diplograph.query.spans import Part, find_when

    q = "Before the 2019 trip, when had a Ruritanian leader last visited Freedonia?"
    text = (
        "A Ruritanian leader last visited the region in 1992, for a summit in Strelsau, but "
        "this trip was the first to Freedonia since 1971."
    )
    v = SentenceView(text=text, mentions=[], events=[], published="2019-03-02", question=q)
    assert max(find_when(v, Part("when", q)), key=lambda s: s.score).text == "1971"


def test_ask_who_takes_the_subject_of_the_asked_verb_when_no_person_does_it():
    from diplograph.query.spans import Part, find_who

    q = "Who claimed responsibility for the twin bombings in Strelsau?"
    text = "The Zendan Liberation group claimed responsibility for the attack on Thursday evening."
    v = SentenceView(text=text, mentions=[], events=[], published=None, question=q)
    best = max(find_who(v, Part("who", q)), key=lambda s: s.score)
    assert best.text == "The Zendan Liberation group"


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Which Ruritanian foreign ministry spokesman rejected the claims?", "who"),
        ("Which two counterparts did the minister meet on the sidelines?", "who"),
        ("Which EU member government held up the sanctions package?", "country"),
        ("What tariff rate did the announcement set for Ruritanian goods?", "quantity"),
        ("What bilateral trade goal did the two leaders set?", "quantity"),
        ("What relationship did the two leaders agree to elevate their ties to?", "tier"),
        ("Which Ruritanian premier did he receive at the summit where he was re-elected?", "who"),
        ("Can you name the two countries that signed the agreement with Strelsau?", "country"),
        ("Which two claimants want the code of conduct to be binding?", "country"),
        ("Did seizures at the port go up or down in 2023?", "choice"),
        ("Will the embassy have more diplomats or more technical staff after the cut?", "choice"),
        ("Which sea block did the two leaders agree to develop jointly?", "where"),
        ("Which Ruritanian chargé d'affaires did Strelsau summon?", "who"),
        ("Which US mediator received the signed letter?", "who"),
    ],
)
def test_ask_classify_people_and_governments(question, kind):
    assert classify(question)[0].kind == kind


@pytest.mark.parametrize(
    ("question", "text", "expected"),
    [
        (
            "What did Ruritania and Freedonia sign an arrangement on during the minister's visit?",
            "The two governments signed an arrangement on cooperation in the fight against "
            "transnational crime, officials said.",
            "cooperation in the fight against transnational crime",
        ),
        (
            "What did Minister Rassendyll accuse Freedonia of when speaking to reporters?",
            "Speaking to reporters, Rassendyll accused Freedonia of building military bases "
            "along the border.",
            "building military bases along the border",
        ),
    ],
)
def test_ask_what_reads_the_object_of_a_stranded_preposition(question, text, expected):
    from diplograph.query.spans import Part, find_object

    v = SentenceView(text=text, mentions=[], events=[], published=None, question=question)
    best = max(find_object(v, Part("what", question)), key=lambda s: s.score)
    assert best.text == expected


def test_ask_which_countries_reads_the_list_of_the_asked_size():
    from diplograph.query.spans import find_countries

    q = "Which three European governments said they would cancel air service agreements?"
    assert classify(q)[0].kind == "country"
    assert (
        classify("Which Asia-Pacific countries were elected to the council?")[0].kind == "country"
    )
    assert classify("Which countries sent foreign ministers to the talks?")[0].kind == "country"
    text = "Britain, France and Germany said they would cancel the agreements, Russia said."
    spans = [(0, 7, "GBR"), (9, 15, "FRA"), (20, 27, "DEU"), (72, 78, "RUS")]
    mentions = [
        {"start": a, "end": b, "label": "COUNTRY", "text": text[a:b], "code": c}
        for a, b, c in spans
    ]
    v = SentenceView(text=text, mentions=mentions, events=[], published=None, question=q)
    best = max(find_countries(v, classify(q)[0]), key=lambda s: s.score)
    assert best.text == "Britain, France, Germany"


def test_ask_yes_no_a_sentence_denying_the_act_decides_after_a_long_subject():
    from diplograph.query.spans import find_yes_no
    from diplograph.query.terms import predicate_terms

    q = "Did Foreign Secretary of State Rudolf Rassendyll Elphberg meet Rupert Hentzau there?"
    assert "meet" in predicate_terms(q)
    said = "Among the guests were Rassendyll and Hentzau, who came to the capital in the same week."
    denied = "Rassendyll, who also attended the forum, did not meet Hentzau."
    part = classify(q)[0]
    best = max(
        (sp for t in (said, denied) for sp in find_yes_no(_view(t, q), part)),
        key=lambda sp: sp.score,
    )
    assert best.text == "No"


def test_ask_why_reads_the_cause_before_prompting():
    from diplograph.query.spans import Part, find_reason

    q = "Why did Ruritania withdraw its ambassador from Strelsau in July?"
    text = (
        "Relations soured in July after Freedonia recognised Zenda's claim over the valley, "
        "prompting Ruritania to withdraw its ambassador from Strelsau."
    )
    best = max(find_reason(_view(text, q), Part("why", q)), key=lambda s: s.score)
    assert best.text == "Freedonia recognised Zenda's claim over the valley"


def test_ask_where_names_the_kind_of_place_asked_for():
    from diplograph.query.spans import find_where

    q = "At which air base in Freedonia did Ruritania fire missiles in June?"
    part = classify(q)[0]
    assert part.kind == "where"
    text = "Ruritania retaliated with a missile attack on Zenda Heights air base in Freedonia."
    best = max(find_where(_view(text, q), part), key=lambda s: s.score)
    assert best.text == "Zenda Heights air base"


def test_ask_which_was_larger_binds_amounts_in_and_ignores_one_sided_sentences():
    from diplograph.query.spans import Part, find_choice

    q = "Which component of the package was larger: investments or grants?"
    part = Part("choice", q)
    both = (
        "The package includes 5 billion euros in loans, 1.8 billion euros in investments and "
        "600 million euros in grants."
    )
    one = "Brussels unveiled a 7.4 billion euro package of grants and loans for the country."
    assert find_choice(_view(both, q), part)[0].text.startswith("investments")
    assert find_choice(_view(one, q), part) == []


def test_ask_how_many_prefers_the_number_the_asked_verb_takes():
    from diplograph.query.spans import find_quantity

    q = "How many shadow fleet tankers has the Freedonian Union blacklisted?"
    part = classify(q)[0]
    text = (
        "Freedonian Union inspectors boarded 40 ships last month; the bloc has now "
        "blacklisted 557 such vessels."
    )
    best = max(find_quantity(_view(text, q), part), key=lambda s: s.score)
    assert best.text.startswith("557")


@pytest.mark.parametrize(
    ("question", "text", "expected"),
    [
        (
            "In which month of 2024 did Ruritania and Freedonia establish diplomatic relations?",
            "In July the two sides established diplomatic relations, officials said in October.",
            "July",
        ),
        (
            "Since when have Ruritania and Freedonia had diplomatic relations?",
            "The two have maintained diplomatic relations since July 1970, the minister said.",
            "July 1970",
        ),
        (
            "In which year had the president last been to Strelsau before his 2023 visit?",
            "The visit, which follows the 2019 border treaty, was his first since 2017.",
            "2017",
        ),
        (
            "By what date did the expelled Freedonian diplomats have to leave the country?",
            "Told on 27 July to leave the country, the expelled diplomats have until 15 August.",
            "15 August, 2023",
        ),
    ],
)
def test_ask_when_reads_months_since_dates_first_since_and_deadlines(question, text, expected):
    from diplograph.query.spans import Part, find_when

    v = SentenceView(text=text, mentions=[], events=[], published="2023-07-28", question=question)
    best = max(find_when(v, Part("when", question)), key=lambda s: s.score)
    assert best.text == expected


def test_ask_what_kind_reads_the_modifiers_of_the_head_noun():

    q = "What kind of Ruritanian military aircraft violated Freedonian airspace in August?"
    part = classify(q)[0]
    assert part.head == ("aircraft",)
    text = "On August 26, a Ruritanian military Z-7 intelligence-gathering aircraft crossed in."
    assert _best(text, q) == "Z-7 intelligence-gathering aircraft"


def test_ask_rise_or_fall_gives_the_level_it_reached():
    from diplograph.query.spans import Part, find_choice

    q = "Did Ruritania-Freedonia trade rise or fall in the last fiscal year?"
    text = (
        "Bilateral trade between the two fell to about 1.3 billion dollars in the last fiscal year."
    )
    assert find_choice(_view(text, q), Part("choice", q))[0].text == (
        "It fell, to about 1.3 billion dollars"
    )


def test_ask_which_lists_take_every_item():

    q = "In which fields were the five memoranda exchanged during the visit?"
    text = "Five memoranda were exchanged in the fields of health, maritime security and culture."
    assert _best(text, q) == "fields of health, maritime security and culture"
    q = "Which Ruritanian fruits did the prime minister ask Freedonia to open its market to?"
    text = "He asked Freedonia to open its market to Ruritanian longan, rambutan and pomelo."
    assert _best(text, q) == "Ruritanian longan, rambutan and pomelo"


@pytest.mark.parametrize(
    ("question", "text", "expected"),
    [
        (
            "Why did Ruritania's foreign ministry criticise Freedonia over the state visit?",
            "Ruritania's foreign ministry criticised Freedonia for failing to arrest the visitor.",
            "failing to arrest the visitor",
        ),
        (
            "Why did the crisis centre organise a flight home from Strelsau?",
            "Given the continuing fuel shortages, the crisis centre organised a flight on Friday.",
            "the continuing fuel shortages",
        ),
        (
            "What prompted Ruritania to expel Freedonia's ambassador in July?",
            "Ruritania expelled Freedonia's ambassador on Wednesday after a landmine wounded "
            "five soldiers.",
            "a landmine wounded five soldiers",
        ),
    ],
)
def test_ask_why_reads_for_given_and_what_prompted(question, text, expected):

    part = classify(question)[0]
    assert part.kind == "why"
    assert _best(text, question) == expected


def test_ask_yes_no_first_is_denied_by_a_second_consecutive_term_or_country():
    from diplograph.query.spans import Part, find_yes_no

    q = "Was the election Ruritania's first term on the commission?"
    text = "This is the second consecutive term for Ruritania at the commission."
    assert find_yes_no(_view(text, q), Part("yes_no", q))[0].text == "No"


def test_ask_who_never_answers_a_title_without_its_name():
    from diplograph.query.spans import Part, find_who

    q = "Which Ruritanian undersecretary conveyed the objection to the envoy?"
    text = "Foreign Affairs Undersecretary for Policy Rudolf Hentzau conveyed the objection."
    best = max(find_who(_view(text, q), Part("who", q)), key=lambda s: s.score)
    assert "Hentzau" in best.text


def test_ask_the_name_of_the_operation_under_which():
    q = "What was the name of the operation under which Ruritania moved its nationals out?"
    assert classify(q)[0].head == ("operation",)


def test_ask_tier_reads_a_framework_joined_by_and():
    from diplograph.query.spans import Part, find_tier

    q = "Which partnership did the two ministers reaffirm the importance of?"
    text = "The ministers confirmed the importance of the Special Strategic and Global Partnership."
    best = max(find_tier(_view(text, q), Part("tier", q)), key=lambda s: s.score)
    assert best.text == "Special Strategic and Global Partnership"


def test_ask_which_complement_keeps_a_decimal_amount():
    from diplograph.query.spans import Part, find_which

    q = "What investment does the refinery in Zenda involve?"
    text = "The refinery in Zenda comes with an investment of USD 3.7 billion, officials said."
    best = max(find_which(_view(text, q), Part("which", q, ("investment",))), key=lambda s: s.score)
    assert best.text == "investment of USD 3.7 billion"


def test_ask_who_keeps_a_middle_initial():
    from diplograph.query.spans import Part, find_who

    q = "Who chaired the 46th session of the heritage committee?"
    text = "The session is being chaired by Ruritania's Permanent Delegate, Rudolf V. Elphberg."
    best = max(find_who(_view(text, q), Part("who", q)), key=lambda s: s.score)
    assert best.text.endswith("Rudolf V. Elphberg")


def test_ask_which_reads_a_quoted_name_and_a_leading_phrase():

    q = "What theme did Ruritania choose for its chairmanship?"
    text = 'Under the theme "Connectivity and Resilience", Ruritania chaired the grouping.'
    assert _best(text, q) == "Connectivity and Resilience"
    q = "On the sidelines of what gathering did the leaders meet in Strelsau?"
    text = "The leaders met on the sidelines of a nuclear security summit in the capital."
    # a short object keeps its adjunct: "in the capital" ends it only after ten words
    assert _best(text, q) == "a nuclear security summit in the capital"


def test_ask_how_much_reads_a_range():
    from diplograph.query.spans import find_quantity

    q = "To what interest rate did Ruritania ask Freedonia to lower its loans?"
    part = classify(q)[0]
    assert part.kind == "quantity"
    text = "Ruritania asked Freedonia to reduce the interest rate on its loans to 1 to 2 percent."
    best = max(find_quantity(_view(text, q), part), key=lambda s: s.score)
    assert best.text == "1 to 2 percent"


def test_ask_under_what_condition_reads_once_and_if():

    q = "Under what condition did Ruritania say it would lift its defensive measures?"
    part = classify(q)[0]
    assert part.kind == "why"
    text = "The minister said Ruritania would lift its measures once the militia threat is gone."
    assert _best(text, q) == "the militia threat is gone"


def test_ask_prefers_the_sentence_that_says_the_asked_act(store, settings, write):
    doc = """url: https://example.org/v
outlet: Example Wire
published: 2024-05-02
title: Ruritania and Freedonia
---
Ruritania and Freedonia hold talks

The Ruritanian minister Rudolf Elphberg met Freedonian officials in Strelsau on Monday.

On Tuesday, Ruritania expelled Freedonian envoy Rupert Hentzau over the border dispute.
"""
    folder = write("in/v.txt", doc).parent
    ingest_documents([str(folder)], store, settings)
    a = answer(store, "Which Freedonian envoy did Ruritania expel over the border dispute?")
    assert a.answer and "Hentzau" in a.answer
    assert "expelled" in a.evidence[0]["sentence"]


@pytest.mark.parametrize(
    ("question", "text", "expected"),
    [
        (
            "What did Norway pledge to the Kenyan Coast Guard at the talks in Oslo?",
            "At the talks in Oslo, Norway committed to provide three patrol boats and a radar"
            " training centre to the Kenyan Coast Guard.",
            "committed to provide three patrol boats and a radar training centre",
        ),
        (  # one asked word between new ones stays in the answer
            "What meeting did Lima put off indefinitely?",
            "Lima also postponed a trilateral summit with Chile and Bolivia in a letter.",
            "postponed a trilateral summit with Chile and Bolivia in a letter",
        ),
    ],
)
def test_ask_last_resort_answers_with_the_sentences_new_words(question, text, expected):
    from diplograph.query.spans import Part, find_residual

    spans = find_residual(_view(text, question), Part("which", question, ()))
    assert max(spans, key=lambda s: s.score).text == expected
    assert all("said" not in s.text for s in spans)


def test_ask_last_resort_never_answers_with_a_report():
    from diplograph.query.spans import Part, find_residual

    q = "What did Oslo announce about its embassy in Nairobi?"
    text = "The ministry said it would soon reopen the embassy in Nairobi."
    assert find_residual(_view(text, q), Part("which", q, ())) == []


def test_ask_last_resort_stops_at_ten_words_that_count():
    from diplograph.evaluation import answer_words
    from diplograph.query.spans import RESIDUAL_WORDS, Part, find_residual

    q = "What did the envoy list?"
    text = (
        "The envoy listed ports, roads, bridges, dams, railways, airports, schools, clinics,"
        " markets, power lines and water plants."
    )
    spans = find_residual(_view(text, q), Part("which", q, ()))
    assert spans and all(len(answer_words(s.text)) <= RESIDUAL_WORDS for s in spans)


def test_ask_yes_no_a_first_means_none_came_before():
    from diplograph.query.spans import Part, find_yes_no

    q = "Had any Chilean president made a state visit to Norway before March 2026?"
    text = "It was the first ever state visit by a Chilean president to Norway."
    assert find_yes_no(_view(text, q), Part("yes_no", q, ()))[0].text == "No"
    since = "It was the first state visit by a Chilean president to Norway since 1998."
    assert find_yes_no(_view(since, q), Part("yes_no", q, ()))[0].text == "Yes"


def test_ask_what_year_prefers_the_year_of_the_asked_act():
    from diplograph.query.spans import Part, find_when

    q = "In which year did Chile and Norway become strategic partners?"
    text = "Chile and Norway opened ties in 1962 and became strategic partners in 2017."
    spans = find_when(_view(text, q), Part("when", q, ()))
    assert max(spans, key=lambda s: s.score).text == "2017"


@pytest.mark.parametrize(
    ("question", "text", "expected"),
    [
        (  # "to whom": the person the act goes to, not its doer named in other words
            "To whom did Gabriel Boric hand the chair of the summit?",
            "At the close, President Boric handed the chair to Peruvian President Dina Boluarte.",
            "Dina Boluarte",
        ),
        (  # a particle opens a later part of a name
            "Whom did Cairo send to the talks in Lima?",
            "Egypt sent Amr al-Sayed, a senior diplomat, to the talks in Lima.",
            "Amr al-Sayed",
        ),
    ],
)
def test_ask_who_reads_the_asked_preposition_and_name_particles(question, text, expected):
    from diplograph.query.spans import Part, find_who

    spans = find_who(_view(text, question), Part("who", question, ()))
    assert expected in max(spans, key=lambda s: s.score).text


@pytest.mark.parametrize(
    ("question", "text", "expected"),
    [
        (
            "What code name did Peru give to the naval drill off Callao in May 2026?",
            "In May, Peru's navy held a two-day drill code-named Pacific Shield off Callao.",
            "Pacific Shield",
        ),
        (
            "What theme did Chile choose for its 2027 APEC year?",
            'Chile has chosen "Open Seas, Open Markets" as the theme of its APEC year.',
            "Open Seas, Open Markets",
        ),
        (  # a plural "which" reads the list set beside its noun
            "Which two Chilean Navy ships did Santiago send to Peru?",
            "Santiago sent two Chilean Navy ships, Almirante Cochrane and Aquiles, to Peru.",
            "Almirante Cochrane and Aquiles",
        ),
        (
            "Which participants did not sign the Lima communique?",
            "Several participants, including Bolivia, Cuba and Nicaragua, did not sign it.",
            "Bolivia, Cuba and Nicaragua",
        ),
    ],
)
def test_ask_which_reads_names_quoted_themes_and_lists(question, text, expected):
    from diplograph.query.ask import classify
    from diplograph.query.spans import find_which

    part = classify(question)[0]
    spans = find_which(_view(text, question), part)
    assert max(spans, key=lambda s: s.score).text == expected


def test_ask_the_name_of_a_thing_ends_before_a_participle():
    from diplograph.query.ask import classify

    q = "What is the name of the Chilean frigate cited in the protest from Lima?"
    assert classify(q)[0].head[-1] == "frigat"


def test_ask_how_many_in_total_reads_the_running_total():
    from diplograph.query.spans import Part, find_quantity

    q = "How many Chileans had Santiago flown home from Lebanon in total by May 2026?"
    text = "The last flight carried 140 Chileans, bringing to 1,260 the number of Chileans home."
    spans = find_quantity(_view(text, q), Part("quantity", q, ("chilean",)))
    assert max(spans, key=lambda s: s.score).text.startswith("1,260")


def test_ask_more_a_or_more_b_compares_the_two_nouns():
    from diplograph.query.spans import Part, choice_options, find_choice

    q = "Will the embassy in Lima have more diplomats or more technical staff after the cut?"
    assert choice_options(q) == ["diplomats", "technical staff"]
    text = "After the cut, the embassy will have 10 diplomats and 15 technical staff."
    span = find_choice(_view(text, q), Part("choice", q))[0]
    assert span.text.startswith("technical staff")


def test_ask_a_term_may_be_written_with_to():
    from diplograph.query.spans import Part, find_term

    q = "For which period was Chile elected to ECOSOC?"
    text = "Chile has been elected a member of ECOSOC for the period 2027 to 2029."
    assert [s.text for s in find_term(_view(text, q), Part("term", q))] == ["2027 to 2029"]


def test_ask_when_prefers_a_written_date_to_the_reports_weekday():
    from diplograph.query.spans import Part, find_when

    q = "On what date will Chile's new envoy take up the post in Lima?"
    text = "Santiago named the envoy on Tuesday, and she will take up the post on 1 October."
    view = SentenceView(text=text, mentions=[], events=[], published="2026-06-10", question=q)
    spans = find_when(view, Part("when", q))
    # a date to come in a future clause is the next one, not the last
    assert max(spans, key=lambda s: s.score).text == "1 October, 2026"


def test_retrieve_counts_an_outlet_named_by_its_initials(store, settings, write):
    from diplograph.query.retrieve import retrieve

    write(
        "app/a.txt",
        "url: https://example.org/app\noutlet: Associated Press of Chile\n"
        "published: 2025-06-20\ntitle: Chileans return from Peru\n---\n"
        "More than 300 Chilean nationals returned from Peru through the Chacalluta crossing.\n",
    )
    ingest_documents([str(write("app/b.txt", VISIT).parent)], store, settings)
    q = "Through which crossing did Chileans return from Peru, according to APC?"
    top = retrieve(store, q)[0]
    assert top.doc_id == "a" and top.name_coverage == 1.0


def test_ask_a_title_after_a_place_word_asks_for_a_person():
    q = "Which White House senior adviser signed the declaration in Lima?"
    assert classify(q)[0].kind == "who"
    assert classify("Which palace did the king receive them in?")[0].kind == "where"


def test_ask_who_skips_the_person_the_question_names_by_surname_or_first_names():
    from diplograph.query.spans import Part, find_who

    q = "Which Chilean envoy delivered General Ramirez-Toledo's message to Lima?"
    text = (
        "Foreign Minister Ana Soto received the Chilean envoy, Pedro Alarcon, who delivered a"
        " message from General Jorge Ramirez-Toledo."
    )
    spans = find_who(_view(text, q), Part("who", q, ("chilean", "envoy")))
    assert max(spans, key=lambda s: s.score).text.endswith("Pedro Alarcon")
    q = "Who called Crown Prince Mohammed bin Salman in October?"
    text = "Crown Prince Mohammed bin Salman bin Abdulaziz Al Saud received a call from Ali Reza."
    spans = find_who(_view(text, q), Part("who", q, ()))
    assert max(spans, key=lambda s: s.score).text.endswith("Ali Reza")


def test_ask_an_object_keeps_its_adjunct_until_ten_words():
    from diplograph.query.spans import Part, find_object

    q = "What did Andean leaders call for in the Lima Declaration?"
    text = (
        "In the Lima Declaration, Andean leaders called for the deployment of regional observers"
        " in the disputed border areas until a settlement is reached."
    )
    best = max(find_object(_view(text, q), Part("which", q)), key=lambda s: s.score)
    assert best.text.startswith("the deployment of regional observers in the disputed border areas")


def test_ask_a_relative_which_does_not_decide_how_many_are_asked_for():
    q = (
        "According to the release in which Lima announced the fund, with which three Andean"
        " countries' ministers did the envoy meet?"
    )
    assert classify(q)[0].plural
    assert not classify("In which city did the envoy meet the minister?")[0].plural


@pytest.mark.parametrize(
    ("question", "text"),
    [
        ("Did Chile vote against the resolution on Peru?", "Chile voted in favour, as did Peru."),
        ("Had the border crossing at Tacna been reopened by May?", "The crossing remains shut."),
        ("Was the text adopted by a recorded vote?", "The Assembly adopted the text by consensus."),
    ],
)
def test_ask_yes_no_a_sentence_saying_the_contrary_answers_no(question, text):
    from diplograph.query.spans import Part, find_yes_no

    assert find_yes_no(_view(text, question), Part("yes_no", question))[0].text == "No"


def test_ask_worth_value_and_vote_questions_ask_for_numbers():
    from diplograph.query.spans import Part, find_quantity

    long_q = (
        "What was the second tranche of Andean macro-financial assistance to Peru worth,"
        " under the memorandum signed in Lima?"
    )
    assert classify(long_q)[0].kind == "quantity"
    assert classify("What value of equipment did Chile pledge to Peru?")[0].kind == "quantity"
    q = "By what vote did the Assembly reject Ruritania's amendment?"
    assert classify(q)[0].kind == "quantity"
    text = "The amendment was rejected by 143 votes to 6, with 15 abstentions."
    spans = find_quantity(_view(text, q), Part("quantity", q))
    assert max(spans, key=lambda s: s.score).text == "143 votes to 6, with 15 abstentions"


def test_ask_which_two_titled_people_keeps_those_with_the_title():
    from diplograph.query.spans import find_who

    q = "Which two Andean prime ministers attended the summit in Lima?"
    text = (
        "King Felipe and President Ana Soto attended, along with Peruvian Prime Minister Jorge"
        " Rojas, Bolivian Prime Minister Luis Arce and Secretary-General Maria Vega."
    )
    best = max(find_who(_view(text, q), classify(q)[0]), key=lambda s: s.score)
    assert "Jorge Rojas and" in best.text and best.text.endswith("Luis Arce")
    assert "Ana Soto" not in best.text


def test_ask_which_town_is_not_answered_by_a_capital():
    from diplograph.query.spans import find_where

    q = "In which border town did the Chilean field hospital deploy?"
    text = "The minister thanked Chile in Lima for the field hospital in Tacna."
    mentions = [
        {"start": 30, "end": 34, "text": "Lima", "label": "CAPITAL", "code": "PER"},
        {"start": 61, "end": 66, "text": "Tacna", "label": "CITY", "code": "PER"},
    ]
    view = SentenceView(text=text, mentions=mentions, events=[], published=None, question=q)
    assert [s.text for s in find_where(view, classify(q)[0])] == ["Tacna"]


def test_ask_which_plural_names_after_the_head_are_all_kept():
    from diplograph.query.spans import find_which

    q = "Which detained Chilean citizens did the minister raise in Lima?"
    text = "She raised the cases of detained Chilean citizens Ana Soto and Jorge Rojas in Lima."
    best = max(find_which(_view(text, q), classify(q)[0]), key=lambda s: s.score)
    assert best.text.endswith("Ana Soto and Jorge Rojas")


def test_ask_when_takes_the_date_of_the_clause_the_question_asks_about():
    from diplograph.query.spans import Part, find_when

    q = "On what date was the joint fisheries panel to meet in Suva under the new accord?"
    text = (
        "The ministers, who met in Suva on March 2, said the joint fisheries panel of the new "
        "accord would meet on March 9."
    )
    view = SentenceView(text=text, mentions=[], events=[], published="2026-02-20", question=q)
    best = max(find_when(view, Part("when", q)), key=lambda s: s.score)
    assert best.text.startswith("March 9")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The envoy Maria Lund received the signed letter at Valmont Palace on Monday.",
            "Maria Lund",
        ),
        ("Deputy minister Tomas Varga handed over the note in Pasay City.", "Tomas Varga"),
    ],
)
def test_ask_who_is_not_answered_by_an_untagged_place(text, expected):
    from diplograph.query.spans import Part, find_who

    q = "Which official received the signed letter?"
    best = max(find_who(_view(text, q), Part("who", q)), key=lambda s: s.score)
    assert expected in best.text and "Palace" not in best.text and "City" not in best.text


def test_ask_when_skips_a_day_the_question_itself_gives():
    from diplograph.query.spans import Part, find_when

    q = "In their Friday call, on what date did the two ministers agree the panel would meet?"
    text = "The two ministers spoke by phone on Friday and agreed the panel would meet on May 9."
    view = SentenceView(text=text, mentions=[], events=[], published="2026-04-30", question=q)
    assert [s.text.split(",")[0] for s in find_when(view, Part("when", q))] == ["May 9"]


def test_ask_who_reads_the_name_after_a_long_title_at_the_sentence_start():
    from diplograph.query.spans import Part, find_who

    q = (
        "Which first vice foreign minister told ambassador Piotr Malik in May that the "
        "deployment was a grave security threat?"
    )
    text = (
        "First Vice Foreign Minister Lee Sun-ho told Ambassador Piotr Malik that the deployment "
        "was a grave security threat and that Seoul would respond with all available means."
    )
    best = max(find_who(_view(text, q), Part("who", q)), key=lambda s: s.score)
    assert best.text.endswith("Lee Sun-ho")


def test_outlets_a_form_many_outlets_share_needs_the_outlets_state():
    from diplograph.query.retrieve import outlets_in

    outlets = [
        "Ministry of Foreign Affairs, Singapore",
        "Ministry of Foreign Affairs, Thailand",
        "Ministry of Foreign Affairs, Malaysia",
        "Ministry of Foreign Affairs of the Republic of Türkiye",
    ]
    # "MFA" alone names none of four ministries; with its state, the one of that state
    assert outlets_in("Per the MFA, how many citizens left?", outlets) == []
    assert outlets_in("Per the Turkish MFA, how many citizens left?", outlets) == [outlets[3]]
    assert outlets_in("Per Thailand's MFA, how many citizens left?", outlets) == [outlets[1]]


def test_ask_an_option_with_dots_is_still_a_choice():
    q = "Which pledged the larger sum after the storm: South Korea or the U.S.?"
    assert classify(q)[0].kind == "choice"


@pytest.mark.parametrize(
    "question",
    [
        "Which new Chilean vice foreign minister summoned the Bolivian envoy over the border fire?",
        "Which Peruvian first vice foreign minister met the Chilean consul in Tacna?",
        "Which Chilean armed forces chief of staff flew to Arica to lead the relief effort?",
    ],
)
def test_ask_a_title_after_several_modifiers_asks_for_a_person(question):
    assert classify(question)[0].kind == "who"


def test_ask_the_mandate_of_is_no_date_question():
    q = "Who chaired the online summit that ended the mandate of the border mission?"
    assert classify(q)[0].kind == "who"


def test_ask_which_a_and_b_ministers_asks_for_several():
    q = "Which Chilean and Peruvian trade ministers signed the fishing accord in Lima?"
    assert classify(q)[0].plural


def test_ask_how_many_reads_the_count_of_a_partitive_and_its_verb():
    from diplograph.query.spans import find_quantity

    q = "How many passengers were rescued when the Arica ferry sank in May 2026?"
    text = "Of the 54 passengers on the ferry, 41 were rescued and 13 are missing."
    best = max(find_quantity(_view(text, q), classify(q)[0]), key=lambda s: s.score)
    assert best.text.startswith("41")


def test_ask_how_many_in_total_reads_brings_to():
    from diplograph.query.spans import Part, find_quantity

    q = "What was the total number of Chileans the ministry had flown home from Lebanon?"
    text = "This brings to 212 the total number of Chileans flown home, after 38 arrived today."
    spans = find_quantity(_view(text, q), Part("quantity", q))
    assert max(spans, key=lambda s: s.score).text.startswith("212")


def test_ask_which_singular_reads_the_one_included_in_a_plural():
    q = "What trade agreement did the Chilean and Peruvian ministers conclude in Lima?"
    from diplograph.query.spans import find_which

    text = (
        "The ministers concluded 9 agreements, including a customs cooperation agreement, in Lima."
    )
    best = max(find_which(_view(text, q), classify(q)[0]), key=lambda s: s.score)
    assert best.text == "a customs cooperation agreement"


def test_ask_known_as_keeps_a_version_number():
    from diplograph.query.spans import find_which

    q = "By what name is the protocol upgrading the Andean customs pact known?"
    text = "Chile and Peru signed a protocol upgrading their customs pact, known as ACP 2.0."
    best = max(find_which(_view(text, q), classify(q)[0]), key=lambda s: s.score)
    assert best.text == "ACP 2.0"


def test_ask_who_reads_the_name_after_an_ambassador_to_a_place():
    from diplograph.query.spans import find_who

    q = "Which outgoing Peruvian ambassador paid a farewell call on the Chilean minister?"
    text = "The minister received a farewell call from the Ambassador of Peru to Chile Rosa Quispe."
    at = text.index("Chile Rosa")
    mentions = [{"start": at, "end": at + 5, "text": "Chile", "label": "COUNTRY", "code": "CHL"}]
    view = SentenceView(text=text, mentions=mentions, events=[], published=None, question=q)
    best = max(find_who(view, classify(q)[0]), key=lambda s: s.score)
    assert best.text.endswith("Rosa Quispe")


def test_ask_why_a_weekday_after_for_is_no_cause():
    from diplograph.query.spans import find_reason

    q = "Why did the Chilean minister postpone his trip to Lima?"
    text = (
        "He postponed a trip to Lima that had been planned for Friday, saying the talks "
        "were not ready."
    )
    best = max(find_reason(_view(text, q), classify(q)[0]), key=lambda s: s.score)
    assert best.text.startswith("the talks were not ready")


def test_ask_predicate_of_a_subject_question_after_an_attribution():
    from diplograph.query.terms import predicate_terms

    q = "According to the Andes Wire, which Chilean patrol boat entered Peruvian waters in May?"
    assert "enter" in predicate_terms(q)
    q = "Which Chilean navy patrol boat intercepted the Peruvian trawler?"
    assert "intercept" in predicate_terms(q)


def test_ask_which_subject_question_reads_the_subject_of_its_verb():
    from diplograph.query.spans import find_which

    q = "According to the Andes Wire, what Chilean vessel entered the Peruvian zone in May?"
    text = "Lima said a Chilean navy patrol boat entered the Peruvian zone off Tacna in May."
    best = max(find_which(_view(text, q), classify(q)[0]), key=lambda s: s.score)
    assert best.text == "a Chilean navy patrol boat"
    q = "What document did the Andean leaders adopt in Lima?"
    text = "In Lima, the Andean leaders adopted the Lima Declaration on fisheries."
    assert all(s.text != "the Andean leaders" for s in find_which(_view(text, q), classify(q)[0]))


def test_ask_which_city_of_a_state_is_no_tagged_city_of_another():
    from diplograph.query.spans import find_where

    q = "Via which Peruvian city were the Chilean evacuees taken before flying home?"
    text = "The evacuees flew to Santiago after being taken by road to Arequipa."
    mentions = [
        {"start": 21, "end": 29, "text": "Santiago", "label": "CAPITAL", "code": "CHL"},
    ]
    view = SentenceView(text=text, mentions=mentions, events=[], published=None, question=q)
    best = max(find_where(view, classify(q)[0]), key=lambda s: s.score)
    assert best.text == "Arequipa"


def _spans_of(q: str, text: str, kind: str, published: str | None = None) -> list[str]:
    from diplograph.query.ask import _unasked
    from diplograph.query.spans import Part, Span

    view = SentenceView(text=text, mentions=[], events=[], published=published, question=q)
    pieces = [p.strip() for p in text.split(";")]
    spans = [Span(0, len(p), p, 1.0) for p in pieces]
    return [s.text for s in _unasked(Part(kind, q, ()), view, spans)]


def test_ask_a_later_act_is_not_the_day_of_the_report():
    q = "On what date is Ms Varga due to take up her post as Chile's envoy?"
    got = _spans_of(q, "Tuesday, March 4, 2025; 4 March 2025; April 30, 2025", "when", "2025-03-04")
    assert got == ["April 30, 2025"]
    q = "By what date must Quito and Lima finish the border survey?"
    assert _spans_of(q, "March 4, 2025; June 1", "when", "2025-03-04") == ["June 1"]
    # the report's own act keeps its day, and "on what day" asks for a weekday
    q = "When did Quito and Lima sign the border survey?"
    assert _spans_of(q, "Tuesday, March 4, 2025", "when", "2025-03-04") != []
    q = "On what day were the two frigates due to sail from Callao?"
    assert _spans_of(q, "Tuesday, March 4, 2025", "when", "2025-03-04") != []


def test_ask_a_state_the_question_names_is_no_answer():
    q = "Which countries had a maritime pact with Peru before Ecuador joined it?"
    assert _spans_of(q, "Ecuador; Chile, Bolivia", "country") == ["Chile, Bolivia"]
    q = "Which Andean state offered to mediate after Peru cut ties with Ecuador?"
    assert _spans_of(q, "Quito; Bolivia", "who") == ["Bolivia"]
    # a capital of a named state is still a place: "in which city did Peru and Chile sign"
    q = "In which city did Peru and Chile sign the fisheries accord?"
    assert _spans_of(q, "Santiago", "where") == ["Santiago"]
    assert _spans_of(q, "Peru", "where") == []


def test_ask_a_list_of_the_asked_size_outweighs_a_shorter_one():
    from diplograph.query.spans import Part, find_countries

    def mention(text: str, sentence: str, code: str) -> dict[str, object]:
        a = sentence.index(text)
        return {"start": a, "end": a + len(text), "text": text, "label": "COUNTRY", "code": code}

    q = "Envoys of which three countries met the Chilean president in Arica?"
    part = Part("country", q, ("countries",), True)
    lead = "The Chilean president met new envoys from Bolivia in Arica on Friday."
    later = "They came from Bolivia, Ecuador and Uruguay, officials said."
    one = SentenceView(lead, [mention("Bolivia", lead, "BOL")], [], None, q)
    three = SentenceView(
        later,
        [
            mention(n, later, c)
            for n, c in (("Bolivia", "BOL"), ("Ecuador", "ECU"), ("Uruguay", "URY"))
        ],
        [],
        None,
        q,
    )
    assert find_countries(three, part)[0].score - find_countries(one, part)[0].score > 2.0 + 1.0
