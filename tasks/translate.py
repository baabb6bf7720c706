"""Translate: every article gets English text, batched across articles and cached per sentence.

Stock `argostranslate.translate.translate()` makes one CTranslate2 call per line with token-sized
batches and beam 4 (about 4 sentences/s on 2 cores). Here each installed package's CTranslate2
model and SentencePiece model are loaded once per process, the text of MANY articles is split
into sentences, sentences already in the cache are skipped, and the rest go to the model in
length-sorted batches that the two CTranslate2 workers (inter_threads=2, intra_threads=1,
measured best on 2 cores) process in parallel.

Statuses (column translation_status):
- source_english: the article is in English; text_en = text_clean.
- translated: text_en is the model's translation; translation_model names the package ("de-en 1.9").
- model_missing: no package for the article's language is installed; the article is kept with
  text_en NULL, and a later run translates it once `newsetl models install LANG` has run.
- failed: translation was attempted and CTranslate2 (or the package) failed for this article,
  or the language is `und`. `und` means langdetect found nothing to judge (digits, punctuation,
  a few letters): no package could ever translate it, so `model_missing` (whose remedy is to
  install a model) would send the reader on a useless errand; `failed` marks it as not
  translatable as is. Stats count these separately (`undetermined`).
"""

from __future__ import annotations

import bisect
import hashlib
import json
import math
import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from newsetl.model_packages import ENGLISH, InstalledPackage, list_installed

SOURCE_ENGLISH = "source_english"
TRANSLATED = "translated"
MODEL_MISSING = "model_missing"
FAILED = "failed"
UNDETERMINED = "und"

DEFAULT_BEAM_SIZE = 2
DEFAULT_MAX_BATCH_SIZE = 32
# Real Argos models have 512 position encodings; longer inputs fail inside CTranslate2, and
# quality drops well before that. Longer "sentences" (tables, lists without stops) are cut here.
DEFAULT_MAX_SENTENCE_PIECES = 200


# ---- the sentence cache ------------------------------------------------------------------

CacheKey = tuple[str, str, str, str]  # lang, model_id, model_version, sentence_sha256


def sentence_sha256(sentence: str) -> str:
    return hashlib.sha256(sentence.encode("utf-8")).hexdigest()


class TranslationCache:
    """Sentence -> English translation, keyed by (source lang, model id, model version, sha256).

    Held in memory; the flow loads it from and appends it to the lake's translation_cache table
    via Arrow. Only translations into English are cached (text_en is always English), so the
    second leg of a pivot into another language is not stored.
    """

    COLUMNS = ("lang", "model_id", "model_version", "sentence_sha256", "text", "text_en")

    def __init__(self) -> None:
        self._entries: dict[CacheKey, tuple[str, str]] = {}
        self._new: set[CacheKey] = set()
        self.hits = 0
        self.misses = 0

    @staticmethod
    def arrow_schema():
        import pyarrow as pa

        return pa.schema([(name, pa.string()) for name in TranslationCache.COLUMNS])

    @classmethod
    def from_arrow(cls, table) -> TranslationCache:
        """Load persisted entries; they are not 'new'. Columns beyond COLUMNS are ignored."""
        cache = cls()
        if table is None or table.num_rows == 0:
            return cache
        columns = {name: table.column(name).to_pylist() for name in cls.COLUMNS}
        for lang, model_id, version, sha, text, text_en in zip(*(columns[n] for n in cls.COLUMNS)):
            if None not in (lang, model_id, version, sha, text_en):
                cache._entries[(lang, model_id, version, sha)] = (text or "", text_en)
        return cache

    def get(self, lang: str, model_id: str, model_version: str, sentence: str) -> str | None:
        entry = self._entries.get((lang, model_id, model_version, sentence_sha256(sentence)))
        if entry is None:
            self.misses += 1
            return None
        self.hits += 1
        return entry[1]

    def put(self, lang: str, model_id: str, model_version: str, sentence: str, text_en: str) -> None:
        key = (lang, model_id, model_version, sentence_sha256(sentence))
        if key not in self._entries:
            self._new.add(key)
        self._entries[key] = (sentence, text_en)

    def _arrow(self, keys: Iterable[CacheKey]):
        import pyarrow as pa

        keys = sorted(keys)
        rows = {name: [] for name in self.COLUMNS}
        for key in keys:
            text, text_en = self._entries[key]
            for name, value in zip(self.COLUMNS, (*key, text, text_en)):
                rows[name].append(value)
        return pa.table(rows, schema=self.arrow_schema())

    def new_entries_arrow(self):
        """Entries added since loading, for appending to the persisted table."""
        return self._arrow(self._new)

    def take_new_entries_arrow(self):
        """Entries added since loading or since the last take; they stop being new.

        Lets each batch persist exactly the sentences it translated, whichever process ran it.
        """
        table = self._arrow(self._new)
        self._new = set()
        return table

    def to_arrow(self):
        return self._arrow(self._entries)

    def __len__(self) -> int:
        return len(self._entries)


# ---- splitting text ----------------------------------------------------------------------

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
# does not end a sentence.
ORDINAL_DOT_LANGUAGES = frozenset({"de", "nb", "nn", "da", "sv", "fi", "is", "et", "lv", "cs", "sk", "pl",
                                   "hu", "hr", "sr", "sl", "bs", "tr"})


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


# ---- models ------------------------------------------------------------------------------

@dataclass
class LoadedModel:
    package: InstalledPackage
    translator: object  # ctranslate2.Translator
    tokenizer: object
    uses_sentencepiece: bool
    target_prefix: str
    splitter: _MiniSBDSplitter | None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def encode(self, sentences: list[str]) -> list[list[str]]:
        if self.uses_sentencepiece:
            return self.tokenizer.encode(sentences, out_type=str)
        return [self.tokenizer.encode(s) for s in sentences]

    def decode(self, pieces: list[str]) -> str:
        if self.target_prefix and pieces[:1] == [self.target_prefix]:
            pieces = pieces[1:]
        if self.uses_sentencepiece:
            return self.tokenizer.decode_pieces(pieces).strip()
        return self.tokenizer.decode(pieces).strip()


# Loaded once per process and shared by every Translator: key = (package path, version,
# model.bin mtime, thread settings), so a reinstalled package is loaded afresh.
_LOADED: dict[tuple, LoadedModel] = {}
_LOADED_LOCK = threading.Lock()
_MALLOC_TUNED = False


def tune_malloc_for_ctranslate2() -> bool:
    """Stop glibc from mmap-ing and unmapping CTranslate2's decoding buffers over and over.

    Beam search allocates buffers of many sizes; with glibc's default (dynamic) mmap threshold
    many are fresh mmaps, paid for in page faults. Measured here on 100 sentences in a fresh
    process (Transformer-base, beam 2): 1.24 M minor faults and 3.0 s system time without, 0.25 M
    and 0.6 s with a fixed 32 MB threshold: 15-20% less CPU. Process-wide; glibc only; idempotent.
    """
    global _MALLOC_TUNED
    if _MALLOC_TUNED:
        return True
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6")
        M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3
        ok = libc.mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024) == 1
        ok = libc.mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024) == 1 and ok
    except (OSError, AttributeError):  # not glibc: nothing to tune
        return False
    _MALLOC_TUNED = ok
    return ok


def _load(package: InstalledPackage, inter_threads: int, intra_threads: int) -> LoadedModel:
    model_bin = package.path / "model" / "model.bin"
    key = (str(package.path), package.package_version, model_bin.stat().st_mtime_ns, inter_threads,
           intra_threads)
    with _LOADED_LOCK:
        loaded = _LOADED.get(key)
        if loaded is not None:
            return loaded
        import ctranslate2

        tune_malloc_for_ctranslate2()
        translator = ctranslate2.Translator(str(package.path / "model"), device="cpu",
                                            inter_threads=inter_threads, intra_threads=intra_threads)
        sp_model = package.path / "sentencepiece.model"
        if sp_model.is_file():
            import sentencepiece

            tokenizer, uses_sp = sentencepiece.SentencePieceProcessor(model_file=str(sp_model)), True
        else:
            from argostranslate.tokenizer import BPETokenizer  # no settings import: safe anywhere

            tokenizer = BPETokenizer(package.path / "bpe.model", package.from_code, package.to_code)
            uses_sp = False
        metadata = json.loads((package.path / "metadata.json").read_text(encoding="utf-8"))
        splitter = None
        sbd_models = sorted((package.path / "minisbd").glob("*.onnx"))
        if sbd_models:
            try:
                splitter = _MiniSBDSplitter(sbd_models[0])
            except Exception:  # a broken splitter must not cost the translation: fall back to regex
                splitter = None
        target_prefix = str(metadata.get("target_prefix") or "")
        loaded = LoadedModel(package, translator, tokenizer, uses_sp, target_prefix, splitter)
        _LOADED[key] = loaded
        return loaded


def unload_all() -> None:
    """Free every loaded model (tests, long-lived processes after removing packages)."""
    with _LOADED_LOCK:
        _LOADED.clear()


@dataclass
class ModelCallStats:
    sentences_to_model: int = 0
    units_to_model: int = 0
    failed_sentences: int = 0
    model_seconds: float = 0.0


class Translator:
    """Installed packages plus the settings of how to run them.

    beam_size 2 is a middle ground: on 2 cores greedy search (beam 1) runs ~4x faster than beam 4
    (Argos' default), and beam search avoids most greedy errors; quality could not be compared
    offline here (no real model). Decoding stops at decoding_ratio x input pieces +
    decoding_extra, so a degenerate output cannot run on to 256 pieces. max_batch_size 32
    sentences: 16 and 64 cost the same CPU time here, 128 twice as much (longer caps, padding);
    peak memory grows with it (~0.5 GB at 16, ~0.7-1 GB at 32 for Transformer-base, beam 2).
    """

    def __init__(self, packages_dir: str | Path | None = None, *, beam_size: int = DEFAULT_BEAM_SIZE,
                 max_batch_size: int = DEFAULT_MAX_BATCH_SIZE, inter_threads: int = 2, intra_threads: int = 1,
                 max_sentence_pieces: int = DEFAULT_MAX_SENTENCE_PIECES, decoding_ratio: float = 1.5,
                 decoding_extra: int = 8):
        self.packages_dir = packages_dir
        self.beam_size = beam_size
        self.max_batch_size = max_batch_size
        self.inter_threads = inter_threads
        self.intra_threads = intra_threads
        self.max_sentence_pieces = max_sentence_pieces
        self.decoding_ratio = decoding_ratio
        self.decoding_extra = decoding_extra
        self.calls = ModelCallStats()
        self.refresh()

    def refresh(self) -> None:
        """Re-read the packages directory (after an install in the same process)."""
        self.packages = {(p.from_code, p.to_code): p for p in list_installed(self.packages_dir)}

    def route(self, source: str, target: str = ENGLISH) -> list[InstalledPackage] | None:
        """Packages to chain: the direct pair, else source->en->target when both legs exist, else None."""
        if source == target:
            return []
        direct = self.packages.get((source, target))
        if direct is not None:
            return [direct]
        if ENGLISH not in (source, target):
            first, second = self.packages.get((source, ENGLISH)), self.packages.get((ENGLISH, target))
            if first is not None and second is not None:
                return [first, second]
        return None

    def can_translate(self, source: str, target: str = ENGLISH) -> bool:
        """Whether a route exists: the flow's backfill selects model_missing articles with this."""
        return self.route(source, target) is not None

    def model(self, package: InstalledPackage) -> LoadedModel:
        return _load(package, self.inter_threads, self.intra_threads)

    def split(self, package: InstalledPackage, paragraphs: list[str]) -> list[list[str]]:
        """Sentences of each paragraph (paragraphs hold no newlines)."""
        if not paragraphs:
            return []
        splitter = self.model(package).splitter
        mapped: list[list[str] | None] = [None] * len(paragraphs)
        if splitter is not None:
            try:
                mapped = splitter.split(paragraphs)
            except Exception:  # MiniSBD trips over odd input now and then; the regex never does
                mapped = [None] * len(paragraphs)
        return [m if m is not None else split_sentences_regex(p, package.from_code)
                for p, m in zip(paragraphs, mapped)]

    def _units(self, pieces: list[str]) -> list[list[str]]:
        """Cut an over-long piece sequence at word starts into chunks the model can take."""
        limit = self.max_sentence_pieces
        if not pieces:  # nothing the tokenizer keeps: translates to ""
            return []
        if len(pieces) <= limit:
            return [pieces]
        units, start = [], 0
        while len(pieces) - start > limit:
            cut = start + limit
            for i in range(cut, start + limit // 2, -1):
                if pieces[i].startswith("\u2581"):
                    cut = i
                    break
            units.append(pieces[start:cut])
            start = cut
        units.append(pieces[start:])
        return units

    def translate_sentences(self, package: InstalledPackage, sentences: list[str]) -> list[str | None]:
        """Translate sentences with one package; None where the model failed for that sentence.

        All sentences go to CTranslate2 at once as length-sorted batches, each with its own
        decoding cap, submitted asynchronously so the inter_threads workers run in parallel. A
        batch that fails is retried sentence by sentence, so one bad input fails alone.
        """
        if not sentences:
            return []
        t0 = time.perf_counter()
        loaded = self.model(package)
        encoded = loaded.encode(sentences)
        units: list[list[str]] = []
        owners: list[int] = []
        for index, pieces in enumerate(encoded):
            for unit in self._units(pieces):
                units.append(unit)
                owners.append(index)
        order = sorted(range(len(units)), key=lambda i: len(units[i]))
        prefix = [loaded.target_prefix] if loaded.target_prefix else None
        outputs: list[list[str] | None] = [None] * len(units)
        pending = []
        with loaded.lock:
            for start in range(0, len(order), self.max_batch_size):
                batch = order[start:start + self.max_batch_size]
                pending.append((batch, self._submit(loaded, [units[i] for i in batch], prefix)))
            for batch, results in pending:
                try:
                    hypotheses = [r.result().hypotheses[0] for r in results]
                except Exception:
                    hypotheses = []
                    for i in batch:
                        try:
                            retry = self._submit(loaded, [units[i]], prefix)[0]
                            hypotheses.append(retry.result().hypotheses[0])
                        except Exception:
                            hypotheses.append(None)
                for i, hypothesis in zip(batch, hypotheses):
                    outputs[i] = hypothesis
        parts: list[list[str] | None] = [[] for _ in sentences]
        for unit_index, owner in enumerate(owners):
            if parts[owner] is None:
                continue
            if outputs[unit_index] is None:
                parts[owner] = None
            else:
                parts[owner].append(loaded.decode(outputs[unit_index]))
        translations = [None if p is None else " ".join(x for x in p if x) for p in parts]
        self.calls.sentences_to_model += len(sentences)
        self.calls.units_to_model += len(units)
        self.calls.failed_sentences += sum(t is None for t in translations)
        self.calls.model_seconds += time.perf_counter() - t0
        return translations

    def _submit(self, loaded: LoadedModel, batch: list[list[str]], prefix: list[str] | None):
        longest = max(len(u) for u in batch)
        return loaded.translator.translate_batch(
            batch, target_prefix=[prefix] * len(batch) if prefix else None,
            max_batch_size=len(batch), beam_size=self.beam_size, asynchronous=True,
            max_input_length=0, replace_unknowns=True,
            max_decoding_length=math.ceil(self.decoding_ratio * longest) + self.decoding_extra
            + (1 if prefix else 0),
        )


# ---- the stage -----------------------------------------------------------------------------

@dataclass
class TranslationStats:
    articles: int = 0
    statuses: Counter = field(default_factory=Counter)
    sentences: int = 0  # sentence occurrences in the texts that were translated
    unique_sentences: int = 0  # distinct (model, sentence) pairs among them
    cache_hits: int = 0  # distinct sentences found in the cache
    sentences_to_model: int = 0  # distinct sentences the model translated (cache misses)
    failed_sentences: int = 0
    undetermined: int = 0  # articles in language `und` (status failed)
    seconds: float = 0.0
    missing: Counter = field(default_factory=Counter)  # language -> articles without a model
    models: Counter = field(default_factory=Counter)  # "de-en 1.9" -> articles translated

    def missing_message(self) -> str | None:
        return missing_models_message(self.missing)

    def summary_lines(self) -> list[str]:
        """For the run summary: what was translated, what came from the cache, what is missing."""
        models = ", ".join(f"{label}: {n}" for label, n in sorted(self.models.items())) or "none"
        lines = [f"{self.statuses.get(TRANSLATED, 0)} translated ({models}), "
                 f"{self.statuses.get(SOURCE_ENGLISH, 0)} already English, {self.statuses.get(FAILED, 0)} failed",
                 f"{self.sentences} sentences ({self.unique_sentences} distinct): {self.cache_hits} from the "
                 f"cache, {self.sentences_to_model} translated by the model; {self.seconds:.1f} s"]
        missing = self.missing_message()
        return lines + ([missing] if missing else [])

    def as_dict(self) -> dict:
        return {"articles": self.articles, "statuses": dict(self.statuses), "sentences": self.sentences,
                "unique_sentences": self.unique_sentences, "cache_hits": self.cache_hits,
                "sentences_to_model": self.sentences_to_model, "failed_sentences": self.failed_sentences,
                "undetermined": self.undetermined, "seconds": round(self.seconds, 3),
                "missing": dict(self.missing), "models": dict(self.models)}


def missing_models_message(missing: dict[str, int]) -> str | None:
    """e.g. '2 articles in nb, de not translated: run `newsetl models install nb de`'."""
    if not missing:
        return None
    langs = [lang for lang, _ in sorted(missing.items(), key=lambda kv: (-kv[1], kv[0]))]
    total = sum(missing.values())
    return (f"{total} article{'s' if total != 1 else ''} in {', '.join(langs)} not translated: "
            f"run `newsetl models install {' '.join(langs)}`")


def _model_label(route: list[InstalledPackage]) -> str:
    return " + ".join(p.label for p in route)


def _translate_leg(translator: Translator, package: InstalledPackage, sentences: list[str],
                   cache: TranslationCache | None, stats: TranslationStats) -> dict[str, str | None]:
    """Distinct sentences -> translation (None if failed), using and filling the cache."""
    use_cache = cache is not None and package.to_code == ENGLISH
    unique = list(dict.fromkeys(s for s in sentences if s))
    stats.unique_sentences += len(unique)
    done: dict[str, str | None] = {}
    todo = []
    for sentence in unique:
        cached = None
        if use_cache:
            cached = cache.get(package.from_code, package.model_id, package.package_version, sentence)
        if cached is None:
            todo.append(sentence)
        else:
            done[sentence] = cached
    stats.cache_hits += len(unique) - len(todo)
    if todo:
        try:
            translations = translator.translate_sentences(package, todo)
        except Exception:  # the package itself does not load or run: every sentence fails
            translations = [None] * len(todo)
        stats.sentences_to_model += len(todo)
        stats.failed_sentences += sum(t is None for t in translations)
        for sentence, translation in zip(todo, translations):
            done[sentence] = translation
            if translation is not None and use_cache:
                cache.put(package.from_code, package.model_id, package.package_version, sentence, translation)
    return done


def _translate_documents(texts: list[str], route: list[InstalledPackage], translator: Translator,
                         cache: TranslationCache | None, stats: TranslationStats) -> list[str | None]:
    """Translate whole texts along a route, keeping their line structure; None where a part failed."""
    first = route[0]
    layouts = [split_lines(text) for text in texts]
    paragraphs: list[str] = []
    slots: list[tuple[int, int, str, str]] = []  # text index, part index, leading, trailing space
    for t, parts in enumerate(layouts):
        for p in range(0, len(parts), 2):
            line = parts[p]
            core = line.strip()
            if core:
                slots.append((t, p, line[:len(line) - len(line.lstrip())], line[len(line.rstrip()):]))
                paragraphs.append(core)
    try:
        split = translator.split(first, paragraphs)
    except Exception:  # the package does not load: every text on this route fails
        split = None
    if split is None:
        return [None] * len(texts)
    sentences = [s for group in split for s in group]
    stats.sentences += len(sentences)
    current = {s: s for s in sentences}
    for package in route:
        inputs = list(dict.fromkeys(v for v in current.values() if v))
        step = _translate_leg(translator, package, inputs, cache, stats)
        current = {s: (v if not v else step.get(v)) for s, v in current.items()}
    failed_texts: set[int] = set()
    for (t, p, lead, trail), group in zip(slots, split):
        translated = [current[s] for s in group]
        if any(x is None for x in translated):
            failed_texts.add(t)
            continue
        layouts[t][p] = lead + " ".join(x for x in translated if x) + trail
    return [None if t in failed_texts else "".join(parts) for t, parts in enumerate(layouts)]


def translate_articles(articles: list[dict], translator: Translator, cache: TranslationCache | None,
                       progress: Callable[[int], None] | None = None) -> tuple[list[dict], TranslationStats]:
    """Stage function: copies of the articles with text_en, translation_status, translation_model.

    Articles need article_id, lang and text_clean. Articles of the same language are translated
    together (one batched pass per package), so wire copy repeated across outlets is translated
    once. progress(n) is called as groups of n articles finish.
    """
    t0 = time.perf_counter()
    stats = TranslationStats(articles=len(articles))
    out = [dict(a) for a in articles]
    by_lang: dict[str, list[int]] = {}
    settled = 0
    for i, article in enumerate(out):
        lang = article.get("lang") or UNDETERMINED
        if lang == ENGLISH:
            article.update(text_en=article.get("text_clean"), translation_status=SOURCE_ENGLISH,
                           translation_model=None)
        elif lang == UNDETERMINED:
            article.update(text_en=None, translation_status=FAILED, translation_model=None)
            stats.undetermined += 1
        else:
            by_lang.setdefault(lang, []).append(i)
            continue
        settled += 1
    if progress and settled:
        progress(settled)
    for lang, indices in sorted(by_lang.items()):
        route = translator.route(lang, ENGLISH)
        if route is None:
            for i in indices:
                out[i].update(text_en=None, translation_status=MODEL_MISSING, translation_model=None)
            stats.missing[lang] += len(indices)
        else:
            label = _model_label(route)
            texts = [out[i].get("text_clean") or "" for i in indices]
            results = _translate_documents(texts, route, translator, cache, stats)
            for i, text_en in zip(indices, results):
                if text_en is None:
                    out[i].update(text_en=None, translation_status=FAILED, translation_model=None)
                else:
                    out[i].update(text_en=text_en, translation_status=TRANSLATED, translation_model=label)
                    stats.models[label] += 1
        if progress:
            progress(len(indices))
    stats.statuses.update(a["translation_status"] for a in out)
    stats.seconds = time.perf_counter() - t0
    return out, stats


def translate_texts(texts: list[str], lang: str, translator: Translator, cache: TranslationCache | None,
                    target: str = ENGLISH) -> list[str | None]:
    """Short texts (quotes, titles) in one language -> target language, through the same cache.

    Returns the texts unchanged when lang == target, and None for each text that has no route
    (missing model, `und`) or whose translation failed. A target other than English pivots
    through English when no direct package exists.
    """
    if lang == target:
        return list(texts)
    route = translator.route(lang, target) if lang and lang != UNDETERMINED else None
    if route is None:
        return [None] * len(texts)
    return _translate_documents(list(texts), route, translator, cache, TranslationStats())
