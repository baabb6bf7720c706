"""Loading translation models: each package's CTranslate2 and SentencePiece models once per process,
and the Translator that routes a language to them and batches sentences through them."""

from __future__ import annotations

import json
import math
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from runtime.model_packages import ENGLISH, InstalledPackage, list_installed
from tasks.sentences import _MiniSBDSplitter, split_sentences_regex


DEFAULT_BEAM_SIZE = 2
DEFAULT_MAX_BATCH_SIZE = 32
# Real Argos models have 512 position encodings; longer inputs fail inside CTranslate2, and
# quality drops well before that. Longer "sentences" (tables, lists without stops) are cut here.
DEFAULT_MAX_SENTENCE_PIECES = 200


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
