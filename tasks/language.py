"""Language detection with langdetect, made deterministic and safe on any input.

langdetect samples n-grams at random; a fixed seed makes the same text always give the
same answer. It raises on featureless text ("342/", "."), which becomes `und` here.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from pathlib import Path

import numpy as np

from runtime.compiled import load_compiled
from tasks.languages import SIBLINGS

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
_SIBLINGS = SIBLINGS  # languages.toml
_LETTER = re.compile(r"[^\W\d_]")


_loading = threading.Lock()


@lru_cache(maxsize=1)
def _factory():
    """Load langdetect's profiles once per process (about a second).

    Under a lock: langdetect publishes its global factory before filling it, so a second
    thread arriving meanwhile would detect with half the languages loaded.
    """
    with _loading:
        from langdetect import DetectorFactory
        from langdetect.detector_factory import init_factory

        DetectorFactory.seed = SEED
        init_factory()
        from langdetect import detector_factory

        return detector_factory._factory


def langdetect_language(text: str) -> tuple[str, float]:
    """The reference: langdetect's own detector (7 seeded random walks). detect_language gives the same
    language on the real corpus, the examples and the seeds (tests/tasks/test_language.py)."""
    from langdetect.lang_detect_exception import LangDetectException

    if len(_LETTER.findall(text or "")) < 3:
        return UNDETERMINED, 0.0
    detector = _factory().create()
    detector.append(text)
    try:
        best = detector.get_probabilities()[0]
    except (LangDetectException, IndexError):
        return UNDETERMINED, 0.0
    return _CODE_MAP.get(best.lang, best.lang), round(best.prob, 4)


def detect_language(text: str) -> tuple[str, float]:
    """(language code, probability); ('und', 0.0) when the text has no letters to judge.

    langdetect's profiles and smoothing, every n-gram scored once: the probability is the
    posterior over langdetect's 55 languages (uniform prior), which langdetect's random walks
    estimate.
    """
    if len(_LETTER.findall(text or "")) < 3:
        return UNDETERMINED, 0.0
    return _article_language(_scores(_gram_rows(text))[0])


def _article_language(scores) -> tuple[str, float]:
    if scores is None:
        return UNDETERMINED, 0.0
    probs = np.exp(scores - scores.max())
    top = int(np.argmax(scores))
    return _ngram_model()[3][top], round(float(probs[top] / probs.sum()), 4)


def _siblings(a: str, b: str) -> bool:
    return any(a in group and b in group for group in _SIBLINGS)


@lru_cache(maxsize=1)
def _ngram_model():
    """The matrix below, from the compiled cache (about 0.1 s; 2 s to build from langdetect's profiles)."""
    import langdetect

    profiles = Path(langdetect.__file__).parent / "profiles"
    return load_compiled("langdetect-matrix", [Path(__file__), *profiles.iterdir()], _build_ngram_model,
                         extra=f"langdetect {getattr(langdetect, '__version__', '')}")


def _build_ngram_model():
    """langdetect's own profiles as a matrix: log P(n-gram | language), plus its character normalisation.

    langdetect estimates a language with 7 random walks over a text's n-grams; scoring every
    n-gram once against the same profiles, with the same smoothing, is deterministic by
    construction and several times cheaper. N-grams are looked up as integers (up to three
    16-bit characters packed into one int64) in one sorted array, so a text is scored by a
    few numpy calls instead of a Python loop over its characters.
    """
    from langdetect.utils.ngram import NGram

    factory = _factory()
    grams = list(factory.word_lang_prob_map)
    probs = np.array([factory.word_lang_prob_map[g] for g in grams], dtype=np.float64)
    logp = np.log(probs + 0.5 / 10000).astype(np.float32)  # langdetect's alpha / BASE_FREQ smoothing
    table = {}
    for code in range(0x10000):
        normalised = NGram.normalize(chr(code))
        if normalised != chr(code):
            table[code] = normalised
    langs = [_CODE_MAP.get(lang, lang) for lang in factory.langlist]
    keys = np.array([_pack([ord(c) for c in g]) for g in grams], dtype=np.int64)
    order = np.argsort(keys)
    return keys[order], logp[order], str.maketrans(table), langs


def _pack(codes: list[int]) -> int:
    """One int64 per n-gram: the length in the top bits, then up to three 16-bit characters."""
    key = len(codes) << 48
    for shift, code in zip((32, 16, 0), codes):
        key |= (code & 0xFFFF) << shift
    return key


_ACRONYM = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-ŽА-Я]{2}")  # langdetect skips capitalised words like "NATO"
MAX_TEXT_CHARS = 10_000  # langdetect reads no further


def _gram_rows(text: str):
    """Row numbers (in the model) of every n-gram of the text, the way langdetect forms them: words padded
    with spaces, 1- to 3-grams, none across words, no lone space, capitalised words skipped."""
    return _article_grams([(0, text[:MAX_TEXT_CHARS])])[0]


def _scores(rows):
    """(log-likelihood per language, number of n-grams) over the given n-gram rows; (None, 0) for none."""
    if not len(rows):
        return None, 0
    return _ngram_model()[1][rows].sum(axis=0, dtype=np.float64), len(rows)


def _paragraph_scores(text: str):
    """(log-likelihood per language, number of n-grams) over every n-gram of the text."""
    return _scores(_gram_rows(text))


# How much more likely (nats per n-gram) another language must be before a paragraph is
# labelled with it instead of its article's language; more for a close sibling.
OTHER_LANGUAGE_MARGIN = 0.15
SIBLING_MARGIN = 0.6


def detect_paragraph_language(text: str, article_lang: str) -> tuple[str, float]:
    """A paragraph's language, with its article's language as the prior.

    The point of paragraph languages is to make a German article with English quotes
    visible, not to second-guess a Norwegian heading that reads as Danish. Short
    paragraphs inherit the article's language (confidence 0.0: inherited, not detected).
    """
    return _paragraph_language(text, article_lang, len(_LETTER.findall(text or "")), _paragraph_scores)


def _paragraph_language(text: str, article_lang: str, letters: int, score) -> tuple[str, float]:
    if letters < 3:
        return UNDETERMINED, 0.0
    if letters < TOO_SHORT_LETTERS and article_lang != UNDETERMINED:
        return article_lang, 0.0
    scores, n = score(text)
    if scores is None:
        return (article_lang, 0.0) if article_lang != UNDETERMINED else (UNDETERMINED, 0.0)
    langs = _ngram_model()[3]
    evidence = scores / n * min(n, 20)  # average evidence, capped: long paragraphs are not "more sure"
    probs = np.exp(evidence - evidence.max())
    probs /= probs.sum()
    top = int(np.argmax(scores))
    chosen = langs[top]
    if article_lang in langs and chosen != article_lang:
        margin = float(scores[top] - scores[langs.index(article_lang)]) / n
        needed = SIBLING_MARGIN if _siblings(chosen, article_lang) else OTHER_LANGUAGE_MARGIN
        if letters < SIBLING_LETTERS and margin < needed:
            chosen = article_lang
    return chosen, round(float(probs[langs.index(chosen)]), 4)


_PARAGRAPH_BREAK = "\x00"  # joins an article's paragraphs: no n-gram with it is in the model


def _article_grams(paras: list[tuple[int, str]]):
    """Model rows of the article's n-grams, uni-, bi- then trigrams in text order, and
    the paragraph each comes from: one pass over the paragraphs joined by a mark that no n-gram of the
    model contains (an n-gram never spans two words, so none spans two paragraphs either)."""
    keys, _, table, _ = _ngram_model()
    pieces = []
    for _, p in paras:
        words = [w for w in p.translate(table).split() if not _ACRONYM.search(w)]
        pieces.append((" ".join(words) + " " if words else "") + _PARAGRAPH_BREAK + " ")
    joined = " " + "".join(pieces)
    codes = np.frombuffer(joined.encode("utf-16-le", "surrogatepass"), dtype=np.uint16).astype(np.int64)
    paragraph = np.cumsum(codes == 0)  # of each position: the breaks before it
    space = codes == 32
    letter = ~space
    uni = ((1 << 48) | (codes << 32))[letter]
    bi = (2 << 48) | (codes[:-1] << 32) | (codes[1:] << 16)
    tri_ok = ~space[1:-1]
    tri = ((3 << 48) | (codes[:-2] << 32) | (codes[1:-1] << 16) | codes[2:])[tri_ok]
    wanted = np.concatenate([uni, bi, tri])
    owner = np.concatenate([paragraph[letter], paragraph[:-1], paragraph[1:-1][tri_ok]])
    pos = np.searchsorted(keys, wanted)
    pos[pos == len(keys)] = 0
    known = keys[pos] == wanted
    return pos[known], owner[known]


def _scores_by_paragraph(rows, owner, count: int):
    """(log-likelihood per language, number of n-grams) of the whole article and of each paragraph, from one
    gather of the model's rows (the paragraphs' sums add their rows in the same order as the article's)."""
    if not len(rows):
        return (None, 0), [(None, 0)] * count
    gathered = _ngram_model()[1][rows]
    whole = gathered.sum(axis=0, dtype=np.float64), len(rows)
    order = np.argsort(owner, kind="stable")
    owners, firsts, sizes = np.unique(owner[order], return_index=True, return_counts=True)
    sums = np.add.reduceat(gathered[order], firsts, axis=0, dtype=np.float64)
    per: list = [(None, 0)] * count
    for k, total, n in zip(owners.tolist(), sums, sizes.tolist()):
        per[k] = (total, n)
    return whole, per


def detect_languages(articles: list[dict]) -> tuple[list[dict], list[dict]]:
    """Stage function: article language plus one row per paragraph with its own language."""
    from tasks.clean import split_paragraphs

    out: list[dict] = []
    paragraphs: list[dict] = []
    for art in articles:
        text = art["text_clean"]
        paras = split_paragraphs(text)
        letters = [len(_LETTER.findall(p)) for _, p in paras]
        if len(text) <= MAX_TEXT_CHARS:  # the article's n-grams are its paragraphs': form and score them once
            whole, per = _scores_by_paragraph(*_article_grams(paras), len(paras))
            lang, confidence = (UNDETERMINED, 0.0) if sum(letters) < 3 else _article_language(whole[0])
        else:
            lang, confidence = detect_language(text)
        for no, (start, p) in enumerate(paras, start=1):
            if len(text) <= MAX_TEXT_CHARS:
                p_lang, p_conf = _paragraph_language(p, lang, letters[no - 1], lambda _, own=per[no - 1]: own)
            else:
                p_lang, p_conf = detect_paragraph_language(p, lang)
            paragraphs.append({"article_id": art["article_id"], "paragraph_no": no, "start_char": start,
                               "text": p, "lang": p_lang, "lang_confidence": p_conf})
        out.append({**art, "lang": lang, "lang_confidence": confidence})
    return out, paragraphs
