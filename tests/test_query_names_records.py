"""The name resolver and record answers of ask (texts written for these tests)."""

from __future__ import annotations

from typing import Any

import pytest

from diplograph.jobs import ingest_documents
from diplograph.query.ask import answer, classify
from diplograph.query.names import UnknownName, capital_actors, find_names, resolve_name
from diplograph.query.records import spoken_date
from diplograph.query.retrieve import question_names


def _ingested(store: Any, settings: Any, write: Any, docs: dict[str, str]) -> Any:
    """The store with ``docs`` (file stem → article text) ingested."""
    for stem, text in docs.items():
        folder = write(f"in/{stem}.txt", text).parent
    ingest_documents([str(folder)], store, settings)
    return store


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Viet Nam", "VNM"),
        ("vietnam", "VNM"),
        ("VN", "VNM"),
        ("US", "USA"),
        ("United States", "USA"),
        ("U.S.", "USA"),
        ("ROK", "KOR"),
        ("Türkiye", "TUR"),
        ("Lao PDR", "LAO"),
        ("UK", "GBR"),
        ("Kazakh", "KAZ"),
        ("ASEAN", "ASEAN"),
    ],
)
def test_resolve_name_spellings(text: str, code: str) -> None:
    assert resolve_name(text).code == code


def test_resolve_name_unknown_suggests() -> None:
    with pytest.raises(UnknownName) as err:
        resolve_name("Vietnma")
    assert "Vietnam (VNM)" in err.value.suggestions
    assert "did you mean" in str(err.value)


def test_find_names_keeps_pronoun_us_out() -> None:
    q = "Tell us when Viet Nam and the U.S. upgraded ties, and what the UK said."
    assert [code for _, _, code in find_names(q)] == ["VNM", "USA", "GBR"]


def test_find_names_reads_two_letter_codes_as_words_in_text() -> None:
    """ "PM", "NA" and "AI" are words in a question, not Saint Pierre, Namibia or Anguilla;
    a code the user passes alone still resolves."""
    q = "Did the PM tell the NA chairman about the AI summit with the US, VNM and KEN?"
    assert [code for _, _, code in find_names(q)] == ["USA", "VNM", "KEN"]
    assert resolve_name("NA").code == "NAM"


@pytest.mark.parametrize(
    ("question", "codes"),
    [
        ("In which year did Wellington and Lima launch a partnership?", ["NZL", "PER"]),
        ("Did Phnom Penh protest?", ["KHM"]),
        ("What was Ottawa's reply?", ["CAN"]),
        ("What did the ministers sign in Hanoi?", []),  # a place
        ("Who attended the Tokyo summits?", []),  # names an event
        ("Which minister flew to Canberra?", []),
    ],
)
def test_capitals_stand_for_their_state_only_as_actors(question: str, codes: list[str]) -> None:
    assert [c for _, _, c in capital_actors(question)] == codes


def test_question_names_add_a_capital_s_state_only_when_no_state_is_named() -> None:
    rest, codes = question_names("Did Wellington and Lima launch a partnership?")
    assert codes == ["NZL", "PER"] and "Wellington" in rest  # the word still retrieves
    _, codes = question_names("Did Kinshasa expel Rwanda's ambassador?")
    assert codes == ["RWA"]


def test_spoken_date() -> None:
    assert spoken_date("2023-09-10") == "September 10, 2023"
    assert spoken_date("2024-03") == "March 2024"
    assert spoken_date("2025") == "2025"


UPGRADE = """url: https://example.org/u
outlet: Example Wire
published: 2025-04-02
title: Kenya and Vietnam lift ties
---
NAIROBI, April 1 – Kenya and Vietnam upgraded their relationship to a strategic partnership on Tuesday, President William Ruto said after talks with his Vietnamese guest.

Kenyan officials said two-way trade reached 210 million USD last year.
"""  # noqa: E501
OTHER = """url: https://example.org/o
outlet: Example Daily
published: 2025-05-20
title: Chile and Peru
---
LIMA, May 19 – Chile and Peru upgraded their relationship to a comprehensive strategic partnership on Monday.
"""  # noqa: E501


@pytest.fixture
def pairs(store, settings, write):
    return _ingested(store, settings, write, {"u": UPGRADE, "o": OTHER})


@pytest.mark.parametrize("kenya", ["Kenya", "the Republic of Kenya", "KEN"])
@pytest.mark.parametrize("vietnam", ["Vietnam", "Viet Nam", "VNM"])
def test_ask_upgrade_date_any_spelling_from_records(pairs, kenya: str, vietnam: str) -> None:
    a = answer(pairs, f"When did {kenya} and {vietnam} upgrade their ties?")
    assert a.answer == "April 1, 2025"
    assert a.evidence[0]["doc"] == "u"


def test_ask_never_cites_another_pair(pairs) -> None:
    a = answer(pairs, "When did Chile and Peru upgrade their relationship?")
    assert a.answer == "May 19, 2025"
    assert a.evidence[0]["doc"] == "o"


def test_ask_tier_of_a_pair(pairs) -> None:
    a = answer(pairs, "What level of partnership do Kenya and Vietnam have?")
    assert a.answer == "strategic partnership"


TALKS = """url: https://example.org/t
outlet: Example Gazette
published: 2025-06-12
title: Oslo and Lima sign accords
---
LIMA, June 11 – Norway and Peru adopted the Lima Roadmap on Ocean Governance at the end of talks on Wednesday.

Peru did not join the Arctic observer group, the foreign ministry said.

Norway and Peru established diplomatic relations in 1953, and Norway's grant reached 4.5 million US dollars this year.
"""  # noqa: E501


@pytest.fixture
def talks(store, settings, write):
    return _ingested(store, settings, write, {"t": TALKS})


def test_ask_what_takes_the_object_of_the_question_verb(talks) -> None:
    a = answer(talks, "What did Norway and Peru adopt at the end of their talks in June 2025?")
    assert a.answer is not None and "Lima Roadmap on Ocean Governance" in a.answer
    assert len(a.answer.split()) <= 10


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Did Norway and Peru adopt the Lima Roadmap on Ocean Governance?", "Yes"),
        ("Did Peru join the Arctic observer group?", "No"),
    ],
)
def test_ask_yes_no(talks, question: str, expected: str) -> None:
    assert answer(talks, question).answer == expected


def test_ask_how_large_is_a_quantity(talks) -> None:
    a = answer(talks, "How large was Norway's grant to Peru this year?")
    assert a.answer is not None and "4.5 million" in a.answer


def test_ask_year_of_diplomatic_relations_from_records(talks) -> None:
    a = answer(talks, "In what year did Norway and Peru establish diplomatic relations?")
    assert a.answer == "1953"


VISIT_A = """url: https://example.org/va
outlet: Example Wire
published: 2024-03-05
title: Peruvian president in Chile
---
SANTIAGO, March 4 – Peruvian President Dina Boluarte paid an official visit to Chile on Monday.
"""
VISIT_B = """url: https://example.org/vb
outlet: Example Daily
published: 2024-03-06
title: Boluarte in Santiago
---
LIMA, March 5 – Peru's President Dina Boluarte paid an official visit to Chile on Monday, the presidency said.
"""  # noqa: E501
VISIT_C = """url: https://example.org/vc
outlet: Example Daily
published: 2024-09-12
title: Boluarte in Brasilia
---
BRASILIA, Sept 11 – Peruvian President Dina Boluarte paid a state visit to Brazil on Wednesday.
"""


@pytest.fixture
def visits(store, settings, write):
    return _ingested(store, settings, write, {"va": VISIT_A, "vb": VISIT_B, "vc": VISIT_C})


def test_ask_aggregate_counts_canonical_events_and_cites_each(visits) -> None:
    a = answer(visits, "How many visits abroad did Peru make in 2024?")
    assert a.answer == "2 visits abroad"  # two reports of the Chile visit are one event
    assert {e["doc"] for e in a.evidence} in ({"va", "vc"}, {"vb", "vc"})
    assert a.confidence < 0.9  # a count of the store is not a calibrated fact


RECALL = """url: https://example.org/r
outlet: Example Wire
published: 2025-02-03
title: Envoy recalled
---
OSLO, Feb 2 – Norway recalled its ambassador from Lima on Sunday in protest at the arrest of two Norwegian aid workers, the foreign ministry said.

The two aid workers later travelled overland to Ecuador before flying home via Madrid.
"""  # noqa: E501


@pytest.fixture
def recall(store, settings, write):
    return _ingested(store, settings, write, {"r": RECALL})


def test_ask_why_takes_the_reason_phrase(recall) -> None:
    a = answer(recall, "Why did Norway recall its ambassador from Lima in February 2025?")
    assert a.answer is not None and "arrest of two Norwegian aid workers" in a.answer


def test_ask_how_takes_the_means_phrase(recall) -> None:
    a = answer(recall, "How did the two Norwegian aid workers get home?")
    assert a.answer is not None and a.answer.startswith("overland to Ecuador")


VOTES = """url: https://example.org/v
outlet: Example Wire
published: 2025-06-04
title: Council seats filled
---
NEW YORK, June 3 – In the Security Council vote, the candidates Chile and Peru ran on a clean slate and received 181 and 176 votes respectively.

Trade between Chile and Peru reached 4.1 billion USD in 2024, up 12 percent.
"""  # noqa: E501


@pytest.fixture
def votes(store, settings, write):
    return _ingested(store, settings, write, {"v": VOTES})


def test_ask_choice_between_two_options_by_their_numbers(votes) -> None:
    q = "Which candidate received {} votes in the Security Council vote, Chile or Peru?"
    more, fewer = answer(votes, q.format("more")), answer(votes, q.format("fewer"))
    # the choice first, then each side's number from the sentence
    assert (more.answer, fewer.answer) == (
        "Chile (Chile 181, Peru 176 votes)",
        "Peru (Chile 181, Peru 176 votes)",
    )


def test_ask_rise_or_fall(votes) -> None:
    a = answer(votes, "Did trade between Chile and Peru in 2024 rise or fall?")
    assert a.answer == "rose, 4.1 billion USD in 2024, up 12 percent"  # with the level


SUMMIT = """url: https://example.org/s
outlet: Example Wire
published: 2025-03-02
title: Summit closes in Lusaka
---
LUSAKA, March 1 – Leaders closed the summit by adopting the Lusaka Compact, the outcome document negotiated over two months.

The ministers also approved a 9th package of measures against illegal fishing and agreed to open their markets to Zambian honey.
"""  # noqa: E501


@pytest.fixture
def summit(store, settings, write):
    return _ingested(store, settings, write, {"s": SUMMIT})


def test_ask_which_takes_the_name_beside_a_bare_head_noun(summit) -> None:
    a = answer(summit, "What outcome document did the leaders adopt at the Lusaka summit?")
    assert a.answer == "Lusaka Compact"


def test_ask_which_keeps_ordinals_before_the_head(summit) -> None:
    a = answer(
        summit, "Which package of measures against illegal fishing did the ministers approve?"
    )
    assert a.answer is not None and a.answer.startswith("9th package")


def test_ask_which_qualifier_and_its_noun(summit) -> None:
    a = answer(summit, "Which Zambian product will the markets open to?")
    assert a.answer == "Zambian honey"


TWIN_A = """url: https://example.org/ta
outlet: Example Daily
published: 2025-04-02
title: Ghana and Togo talks
---
ACCRA, April 1 – Ghana and Togo agreed to build a new border market at Aflao, officials said.
"""
TWIN_B = """url: https://example.org/tb
outlet: Harbour Gazette
published: 2025-04-03
title: Ghana and Togo talks
---
LOME, April 2 – Ghana and Togo agreed to build a new border market at Kodjoviakope, officials said.
"""


@pytest.fixture
def twins(store, settings, write):
    return _ingested(store, settings, write, {"ta": TWIN_A, "tb": TWIN_B})


def test_store_outlets_and_their_documents(twins) -> None:
    assert sorted(twins.outlets()) == ["Example Daily", "Harbour Gazette"]
    assert twins.docs_by_outlet("Harbour Gazette") == ["tb"]
    assert twins.docs_by_outlet("Nobody") == []


@pytest.mark.parametrize(
    ("outlet", "doc"), [("Example Daily", "ta"), ("the Harbour Gazette", "tb")]
)
def test_ask_reads_the_outlet_the_question_names(twins, outlet: str, doc: str) -> None:
    a = answer(twins, f"According to {outlet}, where will Ghana and Togo build a border market?")
    assert a.evidence and a.evidence[0]["doc"] == doc


def test_choice_binds_numbers_told_before_the_option() -> None:
    from diplograph.query.spans import Part, SentenceView, find_choice

    text = "The levy is 12 percent for Chile, 9 percent for Peru and 15 percent for Bolivia."
    for word, expected in (("higher", "Chile"), ("lower", "Peru")):
        q = f"Which faced the {word} levy: Chile or Peru?"
        view = SentenceView(text=text, mentions=[], events=[], published=None, question=q)
        (span,) = find_choice(view, Part("choice", q))
        assert span.text == f"{expected} (Chile 12 percent, Peru 9 percent)"


def test_ask_what_year_answers_a_year(twins) -> None:
    from diplograph.query.spans import Part, SentenceView, find_when

    text = "Ghana has held a seat on the council since 2019, the ministry said on Monday."
    q = "Since what year has Ghana held a seat on the council?"
    view = SentenceView(text=text, mentions=[], events=[], published="2025-04-02", question=q)
    assert [s.text for s in find_when(view, Part("when", q))] == ["2019"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The king received the minister at the Marble Palace in Lima on Monday.",
            "Marble Palace in Lima",
        ),
        ("The coast guards held a drill in Manila Bay on Friday.", "Manila Bay"),
        ("In November, Xi said the next summit would be held in Shenzhen.", "Shenzhen"),
    ],
)
def test_where_spans(text: str, expected: str) -> None:
    from diplograph.query.spans import Part, SentenceView, find_where

    mentions = [
        {"start": text.index(c), "end": text.index(c) + len(c), "text": c, "label": "CAPITAL",
         "code": "X"}
        for c in ("Lima", "Manila") if c in text
    ]  # fmt: skip
    q = "Where did it happen?"
    view = SentenceView(text=text, mentions=mentions, events=[], published=None, question=q)
    spans = sorted(find_where(view, Part("where", q)), key=lambda s: -s.score)
    assert spans[0].text == expected


def test_who_span_keeps_a_title_with_of() -> None:
    from diplograph.query.spans import _extend_left

    t = "The talks were co-chaired by Vice Minister of Foreign Affairs Ana Ruiz and her guest."
    i = t.index("Ana")
    assert t[_extend_left(t, i) : i] == "Vice Minister of Foreign Affairs "


def test_who_plural_lists_every_person() -> None:
    from diplograph.query.spans import Part, SentenceView, find_who

    text = "On the sidelines, Ruiz held talks with Prime Minister Ana Lopez and President Ivo Kral."
    q = "Which two leaders did Ruiz hold talks with?"
    people = [
        {"start": text.index(n), "end": text.index(n) + len(n), "text": n, "label": "PERSON",
         "code": "X"}
        for n in ("Ana Lopez", "Ivo Kral")
    ]  # fmt: skip
    view = SentenceView(text=text, mentions=people, events=[], published=None, question=q)
    best = max(find_who(view, Part("who", q, plural=True)), key=lambda s: s.score)
    assert "Ana Lopez" in best.text and "Ivo Kral" in best.text


def test_how_much_prefers_an_amount_to_a_duration() -> None:
    from diplograph.query.spans import Part, SentenceView, find_quantity

    text = "Under the five years deal, Peru will supply about 2 million tonnes of rice a year."
    q = "How much rice will Peru supply a year?"
    view = SentenceView(text=text, mentions=[], events=[], published=None, question=q)
    best = max(find_quantity(view, Part("quantity", q, ("rice",))), key=lambda s: s.score)
    assert "2 million tonnes" in best.text


def test_ask_tier_record_of_another_year_does_not_answer(pairs) -> None:
    # the store's Kenya–Vietnam tier record is dated 2025: a 2019 question is for the sentences
    a = answer(pairs, "What level of partnership did Kenya and Vietnam reach in 2019?")
    assert "record" not in a.signals
    b = answer(pairs, "What level of partnership did Kenya and Vietnam reach in 2025?")
    assert b.answer == "strategic partnership" and b.evidence[0]["doc"] == "u"
    assert b.signals.get("record") == 1.0


def test_ask_yes_no_and_clause_when_questions_skip_the_records(pairs) -> None:
    a = answer(pairs, "When Kenya and Vietnam upgraded their ties, did they sign a trade deal?")
    assert a.answer in ("Yes", "No", None)
    b = answer(pairs, "What did Kenya and Vietnam agree when they upgraded their ties?")
    assert b.answer != "April 1, 2025"


@pytest.mark.parametrize(
    ("question", "kind", "plural"),
    [
        ("When Chinh visited Doha in 2024, did Qatar announce a figure?", "yes_no", False),
        ("In his July 26, 2025 call with Sugiono, did Son agree?", "yes_no", False),
        ("Was it the first country to do so when it launched the partnership?", "yes_no", False),
        ("When did Vietnam and Japan upgrade their ties?", "when", False),
        ("Which two dialogue partners did ASEAN lift to a new tier?", "country", True),
        ("Which countries' mediation did the ministry praise?", "country", True),
        ("Which country was due to follow Pakistan?", "country", False),
        ("What was Vietnam's trade with Japan?", "quantity", False),
    ],
)
def test_ask_classify_yes_no_after_a_lead_clause_and_plural_heads(
    question: str, kind: str, plural: bool
) -> None:
    part = classify(question)[0]
    assert (part.kind, part.plural) == (kind, plural)


def test_dateline_is_no_place_of_the_event() -> None:
    from diplograph.query.spans import Part, SentenceView, find_where

    text = "HANOI, May 2 (VNA) – Beijing declared a new baseline in the Gulf of Tonkin."
    mentions = [{"start": 0, "end": 5, "text": "HANOI", "label": "CAPITAL", "code": "VNM"}]
    q = "Where did Beijing declare the baseline?"
    view = SentenceView(text=text, mentions=mentions, events=[], published=None, question=q)
    assert "HANOI" not in [s.text for s in find_where(view, Part("where", q))]


@pytest.mark.parametrize(
    ("question", "codes"),
    [
        ("Who led the Bangladesh side at the consultations?", {"BGD"}),
        ("Who co-chaired the session for the Vietnamese side?", {"VNM"}),
        ("Who represented Thailand at the talks?", {"THA"}),
        ("Which Thai minister spoke first?", {"THA"}),
        ("Who spoke first?", set()),
    ],
)
def test_who_question_names_the_side_it_asks_for(question: str, codes: set[str]) -> None:
    from diplograph.query.spans import _qualifier_codes

    assert _qualifier_codes(question) == codes


@pytest.mark.parametrize("side", ["Peru", "Chile"])
def test_who_takes_the_person_who_led_the_side_asked_for(side: str) -> None:
    """The person followed by "led the Peru side" is Peru's, though the other one's title
    ("Chilean Deputy Minister") stands nearer to the side's name."""
    from diplograph.query.spans import Part, SentenceView, find_who

    text = (
        "Director General Ana Ruiz led the Peru side while Chilean Deputy Minister Ivo Kral "
        "headed his country's delegation."
    )
    if side == "Chile":
        text = (
            "Deputy Minister Ivo Kral led the Chile side while Peruvian Director General "
            "Ana Ruiz headed her country's delegation."
        )
    q = f"Who led the {side} side at the consultations?"
    view = SentenceView(text=text, mentions=[], events=[], published=None, question=q)
    best = max(find_who(view, Part("who", q)), key=lambda s: s.score)
    assert best.text.endswith("Ana Ruiz" if side == "Peru" else "Ivo Kral")


def test_where_finds_a_city_the_extractor_did_not_tag_in_the_gazetteer() -> None:
    from diplograph.query.spans import Part, SentenceView, find_where

    text = "In November Santa Marta hosted the summit of the two regions, co-chaired by Petro."
    q = "Which Colombian city hosted the summit of the two regions?"
    view = SentenceView(text=text, mentions=[], events=[], published=None, question=q)
    spans = find_where(view, Part("where", q, ("colombian",)))
    assert max(spans, key=lambda s: s.score).text == "Santa Marta"
    # a word that is no place gives nothing, rather than "November"
    none = SentenceView(text="In November the talks ended.", mentions=[], events=[],
                        published=None, question=q)  # fmt: skip
    assert find_where(none, Part("where", q, ("colombian",))) == []


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("the fourth EU-CELAC summit", ["EU", "CELAC"]),
        ("the US-China talks", ["USA", "CHN"]),
        ("Timor-Leste joined", ["TLS"]),  # a hyphenated name stays whole
        ("a well-known fact", []),
    ],
)
def test_names_in_hyphenated_pairs(text: str, codes: list[str]) -> None:
    assert [c for _, _, c in find_names(text)] == codes


def test_ask_what_was_established_between_two_states_asks_for_a_tier() -> None:
    (part,) = classify("What did Fiala and Chinh establish between Czechia and Vietnam in 2025?")
    assert part.kind == "tier"
    (part,) = classify("What did Fiala and Chinh sign in Prague?")
    assert part.kind != "tier"


@pytest.mark.parametrize(
    ("level", "sentence", "expected"),
    [
        (
            "comprehensive strategic partnership",
            'Ruritania and Freedonia raised ties to an "all-weather comprehensive strategic '
            'partnership for the new era", the leaders said.',
            "all-weather comprehensive strategic partnership for the new era",
        ),
        (
            "comprehensive strategic partnership",
            "Li said the two countries, comprehensive strategic cooperative partners, should act.",
            "comprehensive strategic cooperative partners",
        ),
        (
            "strategic partnership",
            "The two have kept a Strategic Partnership of Cooperation Featuring Lasting Amity.",
            "Strategic Partnership of Cooperation Featuring Lasting Amity",
        ),
        ("strategic partnership", "The two are strategic partners.", "strategic partners"),
    ],
)
def test_tier_surface_keeps_the_framework_words(level: str, sentence: str, expected: str) -> None:
    from diplograph.query.records import tier_surface

    assert tier_surface({"level": level, "sentence": sentence}) == expected


def test_find_names_reads_us_dollars_as_a_currency() -> None:
    text = "They set a US$100 billion target and a 5 million US dollars grant with the US."
    assert [c for _, _, c in find_names(text)] == ["USA"]
