"""build_nlp(): blank English spaCy pipeline + our rule components. No model download."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex

from diplograph.extract import components  # noqa: F401  (registers factories)

PIPELINE = ["diplograph_gazetteer_v1"]
MAX_LENGTH = 10_000_000
# spaCy's tokenizer caches up to 10,000 chunks and then stops adding: the ruler's ~10k gazetteer
# phrases fill that before any article is read, and each article word was split again (4/5 of
# the tokenizer's time). Room for the articles' words, a few MB at most.
TOKENIZER_CACHE = 100_000
# a hyphen after an abbreviation's period splits: "the U.S.-Vietnam partnership" names both
_ABBREV_HYPHEN = r"(?<=[A-Z]\.)[-–](?=[A-Za-z])"


@lru_cache(maxsize=1)
def build_nlp() -> Language:
    """The extraction pipeline: tokenizer + gazetteer EntityRuler (cached per process)."""
    nlp = spacy.blank("en")
    # the pipeline is a tokenizer and a phrase ruler (no parser): documents up to the ingest
    # limit (DIPLOGRAPH_MAX_DOC_CHARS, 2 M by default) fit without spaCy's 1 M guard
    nlp.max_length = MAX_LENGTH
    infixes = [*(nlp.Defaults.infixes or ()), _ABBREV_HYPHEN]
    tokenizer: Tokenizer = nlp.tokenizer
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    tokenizer.max_cache_size = TOKENIZER_CACHE
    for name in PIPELINE:
        nlp.add_pipe(name)
    return nlp
