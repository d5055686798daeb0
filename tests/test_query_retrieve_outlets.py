"""How a question names an outlet: full names, shortened names, acronyms and initials."""

from __future__ import annotations

import pytest

from diplograph.query.retrieve import outlets_in

OUTLETS = [
    "Ministry of External Affairs, India",
    "Voice of Vietnam Online",
    "Vietnam News Agency (VNA)",
    "Viet Nam News",
    "ASEAN Wire",
    "Foreign, Commonwealth & Development Office (UK)",
    "Bernama",
]


@pytest.mark.parametrize(
    ("question", "outlet"),
    [
        (
            "According to the MEA release, when did India act?",
            "Ministry of External Affairs, India",
        ),
        ("According to Voice of Vietnam, since when?", "Voice of Vietnam Online"),
        ("What did VOV report on the visit?", "Voice of Vietnam Online"),
        ("According to VNA's report, who came?", "Vietnam News Agency (VNA)"),
        ("Per Vietnam News Agency, who came?", "Vietnam News Agency (VNA)"),
        ("What did Bernama say about the summit?", "Bernama"),
    ],
)
def test_outlets_named_in_any_common_form(question: str, outlet: str) -> None:
    assert outlets_in(question, OUTLETS) == [outlet]


@pytest.mark.parametrize(
    "question",
    [
        "When did Vietnam and ASEAN hold the summit?",  # a body's name is no outlet
        "Which foreign ministers met in Hanoi?",  # "Foreign, …" is cut to no single word
        "What did Vietnam sign with Japan?",  # "Viet Nam News" is not "Vietnam"
    ],
)
def test_outlets_not_found_in_names_of_states_bodies_or_single_words(question: str) -> None:
    assert outlets_in(question, OUTLETS) == []
