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

The pieces: tasks/translation_cache.py (the sentence cache), tasks/sentences.py (splitting),
tasks/translation_models.py (loading models, the Translator); this module is the stage.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from runtime.model_packages import ENGLISH, InstalledPackage
from tasks.sentences import split_lines, split_sentences_regex  # noqa: F401 (re-exported)
from tasks.translation_cache import TranslationCache
from tasks.translation_models import Translator


SOURCE_ENGLISH = "source_english"
TRANSLATED = "translated"
MODEL_MISSING = "model_missing"
FAILED = "failed"
UNDETERMINED = "und"


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
