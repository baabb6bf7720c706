"""The translation stage on real (tiny, hand-weighted) Argos packages: exact text, statuses, cache, failures."""

from __future__ import annotations

import pyarrow as pa
import pytest

from runtime import models
from schemas import FIELDS, TABLES
from tasks.translate import (
    FAILED,
    MODEL_MISSING,
    SOURCE_ENGLISH,
    TRANSLATED,
    TranslationCache,
    Translator,
    split_lines,
    split_sentences_regex,
    translate_articles,
    translate_texts,
)
from tests.argos_tiny import MAX_POSITIONS, build_argosmodel

GERMAN = "Hallo Welt. Der Hund ist gut!\nDie Katze ist klein?\n\n  Die Regierung sagt heute Hallo. Ça coûte 3,50 €.  "
ENGLISH = "Hello world. The dog is good!\nThe cat is small?\n\n  The government says today Hello. Ça coûte 3,50 €.  "


def install(directory, *specs, minisbd=True):
    for from_code, to_code in specs:
        models.install_from_file(build_argosmodel(from_code, to_code, with_minisbd=minisbd), directory)
    return directory


@pytest.fixture(scope="module")
def german_packages(tmp_path_factory):
    return install(tmp_path_factory.mktemp("de") / "argos-packages", ("de", "en"))


def article(article_id, lang, text):
    return {"article_id": article_id, "lang": lang, "text_clean": text, "title": f"title {article_id}"}


@pytest.mark.parametrize("minisbd", [True, False], ids=["minisbd-splitter", "regex-splitter"])
def test_translates_an_article_exactly(minisbd, tmp_path):
    translator = Translator(install(tmp_path / "pk", ("de", "en"), minisbd=minisbd))
    assert (translator.model(translator.route("de")[0]).splitter is not None) is minisbd
    out, stats = translate_articles([article("a1", "de", GERMAN)], translator, TranslationCache())
    assert out[0]["text_en"] == ENGLISH
    assert out[0]["translation_status"] == TRANSLATED
    assert out[0]["translation_model"] == "de-en 0.1"
    assert out[0]["title"] == "title a1" and out[0]["text_clean"] == GERMAN  # other fields copied untouched
    assert stats.sentences == 5 and stats.sentences_to_model == 5 and stats.cache_hits == 0


def test_rerun_sends_no_sentence_to_the_model(german_packages):
    translator = Translator(german_packages)
    cache = TranslationCache()
    articles = [article("a1", "de", GERMAN), article("a2", "de", "Der Hund ist hier.")]
    first, stats1 = translate_articles(articles, translator, cache)
    assert stats1.sentences_to_model == 6 and cache.misses == 6
    second, stats2 = translate_articles(articles, translator, cache)
    assert stats2.sentences_to_model == 0 and stats2.cache_hits == 6 and cache.hits == 6
    assert stats2.summary_lines()[:2] == [
        "2 translated (de-en 0.1: 2), 0 already English, 0 failed",
        f"6 sentences (6 distinct): 6 from the cache, 0 translated by the model; {stats2.seconds:.1f} s"]
    assert second == first
    # A new process: the cache comes back from the persisted Arrow table.
    calls_before = translator.calls.sentences_to_model
    reloaded = TranslationCache.from_arrow(cache.new_entries_arrow())
    third, stats3 = translate_articles(articles, Translator(german_packages), reloaded)
    assert third == first
    assert stats3.sentences_to_model == 0 and reloaded.hits == 6 and reloaded.misses == 0
    assert translator.calls.sentences_to_model == calls_before
    assert reloaded.new_entries_arrow().num_rows == 0


def test_wire_copy_repeated_across_outlets_is_translated_once(german_packages):
    copy = "Die Polizei sagt heute nicht viel. Das Wetter ist gut."
    articles = [article(f"a{i}", "de", copy + extra) for i, extra in enumerate(["", "\nDer Hund ist hier.", ""])]
    out, stats = translate_articles(articles, Translator(german_packages), TranslationCache())
    assert stats.sentences == 7 and stats.unique_sentences == 3 and stats.sentences_to_model == 3
    assert [a["text_en"] for a in out] == ["The police says today not viel. The weather is good.",
                                           "The police says today not viel. The weather is good.\nThe dog is here.",
                                           "The police says today not viel. The weather is good."]


def test_cache_table_has_exactly_the_agreed_columns(german_packages):
    cache = TranslationCache()
    translate_articles([article("a", "de", "Hallo Welt.")], Translator(german_packages), cache)
    table = cache.new_entries_arrow()
    # the columns declared in schemas/tables.py, less run_id (added when the lake part is written)
    assert table.schema.names == [f for f in TABLES["translation_cache"].fields if f != "run_id"]
    assert all(table.schema.field(f).type == FIELDS[f].type for f in table.schema.names)
    assert table.num_rows == 1


def test_cache_sha_is_sha256_of_the_sentence(german_packages):
    import hashlib

    cache = TranslationCache()
    translate_articles([article("a", "de", "Hallo Welt.")], Translator(german_packages), cache)
    assert cache.to_arrow().to_pylist() == [{
        "lang": "de", "model_id": "de-en", "model_version": "0.1",
        "sentence_sha256": hashlib.sha256("Hallo Welt.".encode()).hexdigest(),
        "text": "Hallo Welt.", "text_en": "Hello world.",
    }]


def test_a_cache_entry_of_another_model_version_is_not_used(german_packages):
    import hashlib

    stale = pa.table({"lang": ["de"], "model_id": ["de-en"], "model_version": ["0.0"],
                      "sentence_sha256": [hashlib.sha256(b"Hallo Welt.").hexdigest()],
                      "text": ["Hallo Welt."], "text_en": ["STALE"]})
    out, stats = translate_articles([article("a", "de", "Hallo Welt.")], Translator(german_packages),
                                    TranslationCache.from_arrow(stale))
    assert out[0]["text_en"] == "Hello world." and stats.sentences_to_model == 1


def test_english_undetermined_and_missing_languages(german_packages):
    articles = [article("en1", "en", "Already English.\n\nTwo paragraphs."), article("u1", "und", "342/ 12"),
                article("nb1", "nb", "Hei verden."), article("nb2", "nb", "Ja."), article("fr1", "fr", "Bonjour.")]
    out, stats = translate_articles(articles, Translator(german_packages), TranslationCache())
    assert [(a["translation_status"], a["text_en"], a["translation_model"]) for a in out] == [
        (SOURCE_ENGLISH, "Already English.\n\nTwo paragraphs.", None),
        (FAILED, None, None),
        (MODEL_MISSING, None, None),
        (MODEL_MISSING, None, None),
        (MODEL_MISSING, None, None),
    ]
    assert stats.missing == {"nb": 2, "fr": 1} and stats.undetermined == 1
    assert stats.missing_message() == "3 articles in nb, fr not translated: run `newsetl models install nb fr`"
    assert stats.summary_lines() == [
        "0 translated (none), 1 already English, 1 failed",
        f"0 sentences (0 distinct): 0 from the cache, 0 translated by the model; {stats.seconds:.1f} s",
        "3 articles in nb, fr not translated: run `newsetl models install nb fr`",
    ]


def test_missing_model_then_install_backfills_exactly_those(tmp_path):
    packages = tmp_path / "pk"
    cache = TranslationCache()
    articles = [article("en1", "en", "Hello."), article("de1", "de", "Der Hund ist gut."),
                article("de2", "de", "Die Katze ist klein.")]
    out, stats = translate_articles(articles, Translator(packages), cache)
    assert [a["translation_status"] for a in out] == [SOURCE_ENGLISH, MODEL_MISSING, MODEL_MISSING]
    assert stats.missing_message() == "2 articles in de not translated: run `newsetl models install de`"
    install(packages, ("de", "en"))
    pending = [a for a in out if a["translation_status"] == MODEL_MISSING]
    backfilled, stats = translate_articles(pending, Translator(packages), cache)
    assert [(a["article_id"], a["translation_status"], a["text_en"]) for a in backfilled] == [
        ("de1", TRANSLATED, "The dog is good."), ("de2", TRANSLATED, "The cat is small.")]
    assert stats.missing_message() is None


def test_translator_refresh_sees_a_new_package(tmp_path):
    translator = Translator(tmp_path / "pk")
    assert translator.route("de") is None
    install(tmp_path / "pk", ("de", "en"))
    translator.refresh()
    assert [p.label for p in translator.route("de")] == ["de-en 0.1"]
    assert translator.can_translate("de") and not translator.can_translate("nb")


def test_a_model_failure_fails_only_that_article(german_packages):
    """The tiny model has MAX_POSITIONS position encodings: a longer sentence fails inside CTranslate2."""
    long_sentence = "Der Hund " * MAX_POSITIONS + "ist gut."
    articles = [article("ok1", "de", "Hallo Welt."), article("bad", "de", "Die Katze ist klein. " + long_sentence),
                article("ok2", "de", "Das Haus ist groß.")]
    translator = Translator(german_packages)
    out, stats = translate_articles(articles, translator, TranslationCache())
    assert [(a["article_id"], a["translation_status"], a["text_en"], a["translation_model"]) for a in out] == [
        ("ok1", TRANSLATED, "Hello world.", "de-en 0.1"), ("bad", FAILED, None, None),
        ("ok2", TRANSLATED, "The house is big.", "de-en 0.1")]
    assert stats.failed_sentences == 1 and stats.statuses[FAILED] == 1


def test_over_long_sentences_are_cut_into_pieces_the_model_takes(german_packages):
    long_sentence = "Der Hund " * MAX_POSITIONS + "ist gut."
    out, _ = translate_articles([article("long", "de", long_sentence)],
                                Translator(german_packages, max_sentence_pieces=MAX_POSITIONS // 2), None)
    assert out[0]["translation_status"] == TRANSLATED
    assert out[0]["text_en"] == "The dog " * (MAX_POSITIONS - 1) + "The dog is good."


def test_translate_texts_for_quotes_shares_the_cache(german_packages):
    translator = Translator(german_packages)
    cache = TranslationCache()
    translate_articles([article("a", "de", "Der Hund ist gut. Hallo Welt.")], translator, cache)
    hits = cache.hits
    quotes = ["Der Hund ist gut.", "Die Polizei ist hier, sagt die Zeitung."]
    assert translate_texts(quotes, "de", translator, cache) == [
        "The dog is good.", "The police is here, says the newspaper."]
    assert cache.hits == hits + 1
    assert translate_texts(["Quote."], "en", translator, cache) == ["Quote."]
    assert translate_texts(["Hei."], "nb", translator, cache) == [None]
    assert translate_texts(["342"], "und", translator, cache) == [None]


def test_pivot_through_english_only_without_a_direct_package(tmp_path):
    packages = install(tmp_path / "pk", ("de", "en"), ("en", "fr"))
    translator = Translator(packages)
    assert [p.model_id for p in translator.route("de", "fr")] == ["de-en", "en-fr"]
    assert translate_texts(["Hallo Welt. Der Hund ist gut."], "de", translator, TranslationCache(), target="fr") == [
        "Bonjour monde. Le chien est bon."]
    # A direct de->fr package (this one copies its input unchanged) wins over the pivot.
    install(packages, ("de", "fr"))
    translator.refresh()
    assert [p.model_id for p in translator.route("de", "fr")] == ["de-fr"]
    assert translate_texts(["Hallo Welt."], "de", translator, None, target="fr") == ["Hallo Welt."]
    assert translator.route("nb", "fr") is None


def test_split_lines_round_trips():
    text = "  A.\n\nB. C.\n \n\tD\n"
    parts = split_lines(text)
    assert "".join(parts) == text
    assert parts[0::2] == ["  A.", "B. C.", "D", ""]  # whitespace around newlines belongs to the separator
    assert parts[1::2] == ["\n\n", "\n \n\t", "\n"]


@pytest.mark.parametrize("lang, paragraph, sentences", [
    ("de", "Hallo Welt. Der Hund ist gut!", ["Hallo Welt.", "Der Hund ist gut!"]),
    ("de", "Das kostet z.B. 3 Euro. Dr. Müller sagt das.", ["Das kostet z.B. 3 Euro.", "Dr. Müller sagt das."]),
    ("de", "Die Kälte hält bis Freitag, den 17. Januar, an. Dann wird es warm.",
     ["Die Kälte hält bis Freitag, den 17. Januar, an.", "Dann wird es warm."]),
    ("en", "It rose in 2019. Prices fell.", ["It rose in 2019.", "Prices fell."]),
    ("en", "J. Smith met Mr. Jones. They talked.", ["J. Smith met Mr. Jones.", "They talked."]),
    ("de", "„Wir bitten die Menschen nicht.“ Das sagte sie.", ["„Wir bitten die Menschen nicht.“", "Das sagte sie."]),
    ("fr", "Il a dit « non. » Puis il est parti...", ["Il a dit « non. »", "Puis il est parti..."]),
    ("en", "Wait... what? Yes.", ["Wait... what?", "Yes."]),
    ("zh", "今天下雨。明天晴天！", ["今天下雨。", "明天晴天！"]),
])
def test_regex_sentence_splitter(lang, paragraph, sentences):
    assert split_sentences_regex(paragraph, lang) == sentences


def test_a_broken_minisbd_model_falls_back_to_the_regex_splitter(tmp_path):
    import zipfile

    good = build_argosmodel("de", "en")
    broken = tmp_path / good.name
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(broken, "w") as dst:
        for name in src.namelist():
            dst.writestr(name, b"not an onnx model" if name.endswith(".onnx") else src.read(name))
    models.install_from_file(broken, tmp_path / "pk")
    translator = Translator(tmp_path / "pk")
    assert translator.model(translator.route("de")[0]).splitter is None
    out, _ = translate_articles([article("a1", "de", GERMAN)], translator, TranslationCache())
    assert out[0]["text_en"] == ENGLISH
