"""Splitting text into sentences for translation: line by line, then by a rule set (MiniSBD when
the package ships one, else regular expressions that know common abbreviations)."""

from __future__ import annotations

import bisect
import re
from pathlib import Path

from tasks.languages import ORDINAL_DOT


_LINE_BREAK = re.compile(r"(\s*\n\s*)")
# A sentence ends at . ! ? … plus closing quotes/brackets (French puts a space before »), then space;
# CJK full stops need no space.
_SENTENCE_END = re.compile(r"[.!?…]+(?:[\"'»«”“’‘)\]]|[ \u00a0\u202f]+[»”)\]])*\s+|[。！？]+[」』”’)]*\s*")
_OPENING = "\"'«„“‘([¿¡"
# Words that end with a dot without ending the sentence (lower-cased, without the final dot).
ABBREVIATIONS = frozenset("""
mr mrs ms dr prof st jr sr inc ltd co corp vs no nos gen gov sen rep col lt sgt capt fig approx dept est
jan feb mar apr jun jul aug sep sept oct nov dec mt ft e.g i.e u.s u.k a.m p.m
z.b bzw ca nr str vgl ggf evtl inkl bzgl hr fr mio mrd d.h u.a s.o s.u abs bd dipl ing
mme mlle mm av bd env cf p.ex
sra srta dra ud uds ee.uu pág núm
sig dott ecc
bl.a f.eks kl mill dvs pga jf iflg
""".split())
# Languages writing ordinals as "3." ("am 3. Oktober", "den 3. januar"): a number then a dot
# does not end a sentence (languages.toml `ordinal_dot`).
ORDINAL_DOT_LANGUAGES = ORDINAL_DOT


def split_lines(text: str) -> list[str]:
    """[line, separator, line, separator, ..., line]: separators are whitespace runs holding a
    newline, so "".join(parts) == text and the paragraph structure can be rebuilt exactly."""
    return _LINE_BREAK.split(text)


def split_sentences_regex(paragraph: str, lang: str = "") -> list[str]:
    """Split one paragraph (no newlines) into sentences, keeping abbreviations and initials together."""
    sentences = []
    start = 0
    for match in _SENTENCE_END.finditer(paragraph):
        end = match.end()
        rest = paragraph[end:]
        if not rest:
            break
        if match.group(0)[0] == ".":
            words_before = paragraph[start:match.start()].split()
            word = words_before[-1].lstrip(_OPENING) if words_before else ""
            if word.lower() in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue
            if word.isdigit() and len(word) <= 2 and lang in ORDINAL_DOT_LANGUAGES:
                continue
        first = rest.lstrip(_OPENING)[:1]
        if match.group(0)[0] in ".!?…" and first and first.isalpha() and first.islower():
            continue
        sentences.append(paragraph[start:end].strip())
        start = end
    tail = paragraph[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


class _MiniSBDSplitter:
    """The package's own MiniSBD ONNX model, run over many paragraphs in one call."""

    def __init__(self, model_file: Path):
        from minisbd import SBDetect

        self.detector = SBDetect(str(model_file), use_gpu=False, max_threads=1)

    def split(self, paragraphs: list[str]) -> list[list[str] | None]:
        """Sentences per paragraph; None for a paragraph whose sentences could not be mapped back."""
        joined_parts, starts, offset = [], [], 0
        for paragraph in paragraphs:
            starts.append(offset)
            joined_parts.append(paragraph)
            offset += len(paragraph) + 2
        joined = "\n\n".join(joined_parts)  # MiniSBD never lets a sentence cross a blank line
        result: list[list[str] | None] = [[] for _ in paragraphs]
        cursor = 0
        for sentence in self.detector.sentences(joined):
            sentence = sentence.strip()
            if not sentence:
                continue
            position = joined.find(sentence, cursor)
            if position < 0:
                return [None] * len(paragraphs)
            result[bisect.bisect_right(starts, position) - 1].append(sentence)
            cursor = position + len(sentence)
        for i, paragraph in enumerate(paragraphs):  # every non-space character must be covered
            if "".join(paragraph.split()) != "".join("".join(result[i]).split()):
                result[i] = None
        return result
