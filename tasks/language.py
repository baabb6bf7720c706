"""Language detection with langdetect, made deterministic and safe on any input.

langdetect samples n-grams at random; a fixed seed makes the same text always give the
same answer. It raises on featureless text ("342/", "."), which becomes `und` here.
"""

from __future__ import annotations

import re
from functools import lru_cache

UNDETERMINED = "und"
SEED = 0
# langdetect's codes that differ from the ones newsetl stores.
_CODE_MAP = {"no": "nb", "zh-cn": "zh", "zh-tw": "zh"}
# Below this many letters a paragraph is too short to judge alone: it inherits the article's language.
TOO_SHORT_LETTERS = 25
# Below this many letters the article's language wins whenever langdetect lists it at all.
SHORT_PARAGRAPH_LETTERS = 60
# Below this many letters a paragraph is not flagged as a close sibling of the article's
# language: langdetect cannot tell Norwegian from Danish or Swedish in a sentence or two.
SIBLING_LETTERS = 200
_SIBLINGS = [{"nb", "nn", "da", "sv"}, {"es", "pt", "ca", "gl"}, {"cs", "sk"}, {"hr", "sr", "bs", "sl"},
             {"id", "ms"}, {"nl", "af"}]
_LETTER = re.compile(r"[^\W\d_]")


@lru_cache(maxsize=1)
def _factory():
    """Load langdetect's profiles once per process (about a second)."""
    from langdetect import DetectorFactory
    from langdetect.detector_factory import init_factory

    DetectorFactory.seed = SEED
    init_factory()
    from langdetect import detector_factory

    return detector_factory._factory


def _probabilities(text: str) -> list[tuple[str, float]]:
    from langdetect.lang_detect_exception import LangDetectException

    detector = _factory().create()
    detector.append(text)
    try:
        return [(_CODE_MAP.get(p.lang, p.lang), p.prob) for p in detector.get_probabilities()]
    except LangDetectException:
        return []


def detect_language(text: str) -> tuple[str, float]:
    """(language code, probability); ('und', 0.0) when the text has no letters to judge."""
    if len(_LETTER.findall(text or "")) < 3:
        return UNDETERMINED, 0.0
    probs = _probabilities(text)
    if not probs:
        return UNDETERMINED, 0.0
    lang, prob = probs[0]
    return lang, round(prob, 4)


def _siblings(a: str, b: str) -> bool:
    return any(a in group and b in group for group in _SIBLINGS)


def detect_paragraph_language(text: str, article_lang: str) -> tuple[str, float]:
    """Like detect_language, but short paragraphs lean on the article's language.

    The point of paragraph languages is to make a German article with English quotes
    visible, not to second-guess a Norwegian heading that langdetect calls Danish.
    Confidence 0.0 means the language was inherited from the article, not detected.
    """
    letters = len(_LETTER.findall(text or ""))
    if letters < 3:
        return UNDETERMINED, 0.0
    if letters < TOO_SHORT_LETTERS and article_lang != UNDETERMINED:
        return article_lang, 0.0
    probs = _probabilities(text)
    if not probs:
        return UNDETERMINED, 0.0
    lang, prob = probs[0]
    if lang != article_lang and article_lang != UNDETERMINED:
        prior = dict(probs).get(article_lang)
        if letters < SHORT_PARAGRAPH_LETTERS and prior is not None:
            return article_lang, round(prior, 4)
        if letters < SIBLING_LETTERS and _siblings(lang, article_lang):
            return article_lang, round(prior or 0.0, 4)
    return lang, round(prob, 4)


def detect_languages(articles: list[dict]) -> tuple[list[dict], list[dict]]:
    """Stage function: article language plus one row per paragraph with its own language."""
    from tasks.clean import split_paragraphs

    out: list[dict] = []
    paragraphs: list[dict] = []
    for art in articles:
        lang, confidence = detect_language(art["text_clean"])
        out.append({**art, "lang": lang, "lang_confidence": confidence})
        for no, (start, text) in enumerate(split_paragraphs(art["text_clean"]), start=1):
            p_lang, p_conf = detect_paragraph_language(text, lang)
            paragraphs.append({"article_id": art["article_id"], "paragraph_no": no, "start_char": start,
                               "text": text, "lang": p_lang, "lang_confidence": p_conf})
    return out, paragraphs
