"""The package exports a small, sorted, complete public API."""

import diplograph


def test_public_api_all_is_sorted_and_resolvable():
    assert diplograph.__all__ == sorted(diplograph.__all__)
    for name in diplograph.__all__:
        assert hasattr(diplograph, name), name


def test_public_api_extract_and_store_round_trip(tmp_path):
    store = diplograph.open_store(str(tmp_path / "api.db"))
    doc = diplograph.Document(
        id="api-1",
        text="Vietnam and Japan signed a memorandum of understanding on clean energy in Tokyo.",
        published="2024-03-07",
    )
    extraction = diplograph.extract_document(doc)
    assert [e.type for e in extraction.events] == ["AGREE_SIGN"]
    assert store.save_document(doc, "hash-1", extraction, None) == "new"
    assert [r["type"] for r in store.events(diplograph.Filters())] == ["AGREE_SIGN"]
