"""spaCy factory registrations for Diplograph's components (one place, like spaCy's)."""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.pipeline import EntityRuler

from diplograph.extract.gazetteer import load_gazetteer


class GazetteerRuler(EntityRuler):
    """EntityRuler whose patterns are fixed after construction.

    spaCy's ruler re-counts all patterns on every call to check it is not empty; with ~10k
    gazetteer phrases that check costs more than matching, so it is done once here.
    """

    def _require_patterns(self) -> None:
        return None


@Language.factory("diplograph_gazetteer_v1", default_config={"overwrite_ents": True})
def make_gazetteer_ruler(nlp: Language, name: str, overwrite_ents: bool) -> Any:
    """An EntityRuler loaded with the bundled gazetteers (labels COUNTRY, DEMONYM, ...)."""
    ruler = GazetteerRuler(
        nlp, name=name, overwrite_ents=overwrite_ents, phrase_matcher_attr="ORTH"
    )
    ruler.add_patterns(load_gazetteer().patterns)
    if not len(ruler):
        raise ValueError("[E900] the bundled gazetteer is empty; reinstall diplograph")
    return ruler
