"""Segmentation: unit kinds, abbreviations and exact offsets (sentences written for the tests)."""

from __future__ import annotations

from diplograph.extract.segment import segment

ARTICLE = (
    "Vietnam, Japan deepen ties\n"
    "07/03/2024\n"
    "Prime Minister Pham Minh Chinh met Prime Minister Fumio Kishida on March 6. "
    "The two leaders discussed trade.\n"
    "Mr. Chinh thanked Dr. Tanaka and the U.S. delegation for the talks.\n"
    "PM Chinh and PM Kishida at the talks in Tokyo, March 6, 2024.\n"
    "What will the two sides sign next?\n"
    "- Vietnam signed a labour deal with Japan. It covers nurses.\n"
    "Economic cooperation\n"
)


def _kinds(text: str, title: bool = True) -> list[tuple[str, str]]:
    return [(u.kind, u.text) for u in segment(text, has_title_line=title)]


def test_segment_first_line_is_headline_when_title_given() -> None:
    assert _kinds(ARTICLE)[0] == ("headline", "Vietnam, Japan deepen ties")


def test_segment_first_line_not_headline_without_title() -> None:
    units = segment("Vietnam and Japan held talks in Tokyo on Tuesday.\n", has_title_line=False)
    assert [u.kind for u in units] == ["sentence"]


def test_segment_numeric_date_line_is_dateline() -> None:
    assert ("dateline", "07/03/2024") in _kinds(ARTICLE)


def test_segment_splits_sentences_on_one_line() -> None:
    texts = [t for _, t in _kinds(ARTICLE)]
    assert "The two leaders discussed trade." in texts
    assert any(t.endswith("on March 6.") for t in texts)


def test_segment_abbreviations_do_not_split() -> None:
    texts = [t for _, t in _kinds(ARTICLE)]
    assert "Mr. Chinh thanked Dr. Tanaka and the U.S. delegation for the talks." in texts


def test_segment_line_ending_with_date_is_caption() -> None:
    assert ("caption", "PM Chinh and PM Kishida at the talks in Tokyo, March 6, 2024.") in _kinds(
        ARTICLE
    )


def test_segment_photo_credit_is_caption() -> None:
    units = segment("Leaders pose for a group photo at the summit (Photo: VNA)\n")
    assert units[0].kind == "caption"


def test_segment_question_line_is_question() -> None:
    assert ("question", "What will the two sides sign next?") in _kinds(ARTICLE)


def test_segment_bullet_is_list_item_and_rest_of_line_sentence() -> None:
    kinds = _kinds(ARTICLE)
    assert ("list_item", "- Vietnam signed a labour deal with Japan.") in kinds
    assert ("sentence", "It covers nurses.") in kinds


def test_segment_short_line_without_period_is_heading() -> None:
    assert ("heading", "Economic cooperation") in _kinds(ARTICLE)


def test_segment_long_line_without_period_is_sentence() -> None:
    line = (
        "Vietnam and Japan agreed to expand cooperation in semiconductors, clean energy, "
        "labour, tourism, agriculture and people-to-people exchange over the coming decade"
    )
    assert segment(line)[0].kind == "sentence"


def test_segment_units_never_cross_line_breaks() -> None:
    units = segment("Vietnam welcomed the delegation\nfrom Laos on Monday.\n")
    assert all("\n" not in u.text for u in units)
    assert len(units) == 2


def test_segment_offsets_are_exact() -> None:
    for u in segment(ARTICLE, has_title_line=True):
        assert ARTICLE[u.start : u.end] == u.text


def test_segment_indices_are_sequential() -> None:
    units = segment(ARTICLE, has_title_line=True)
    assert [u.idx for u in units] == list(range(len(units)))


def test_segment_blank_text_gives_no_units() -> None:
    assert segment("\n\n   \n") == []
