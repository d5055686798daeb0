"""The language of a document: only English is extracted; others are stored and reported.

Detection uses py3langid (BSD-3-Clause, model bundled in the wheel) on the first characters
of the text. A document needs a clear margin to be called non-English: headings or names
alone never switch a news article off.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

SUPPORTED = frozenset({"en"})
SAMPLE_CHARS = 3000
MIN_CHARS = 40  # shorter texts are taken as English (too little to judge)


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


# capitalised words are mostly names, and names carry their own language's letters: an English
# story about "Phạm Minh Chính" in "Hà Nội" is still English
_NAME = re.compile(r"\b[^\W\d_a-zà-ỹ][\w'’-]*")


# matches where a text holds at least MIN_CHARS word characters (stops at the last one needed)
_WORD_CHARS = re.compile(rf"(?:\W*\w){{{MIN_CHARS}}}")


def detect_language(text: str) -> str:
    """ISO 639-1 code of ``text``'s language ("en", "vi", …); "en" when unsure."""
    sample = _NAME.sub(" ", text[:SAMPLE_CHARS])
    if not _WORD_CHARS.match(sample):  # fewer than MIN_CHARS word characters
        return "en"
    lang, prob = _identifier().classify(sample)
    return str(lang) if prob >= 0.9 else "en"
