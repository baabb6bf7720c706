import random

import pytest

from tasks.language import detect_language, detect_languages, detect_paragraph_language
from tests.conftest import pipeline_articles


def test_seed_articles_get_the_gold_languages(seeds_dir, seeds_gold):
    by_file = {a["source_file"]: a for a in pipeline_articles(seeds_dir)}
    assert {g["file"]: by_file[g["file"]]["lang"] for g in seeds_gold["articles"]} == {
        g["file"]: g["lang"] for g in seeds_gold["articles"]}


def test_detection_is_deterministic_whatever_the_order():
    texts = ["Kreml svarte ikke på dette i løpet av torsdagen.", "No concessions", "Das Telefongespräch dauerte.",
             "Ça coûte cher", "Vi tror at samtaler er den eneste måten"]
    first = [detect_language(t) for t in texts]
    for _ in range(3):
        shuffled = random.sample(range(len(texts)), len(texts))
        again = {i: detect_language(texts[i]) for i in shuffled}
        assert [again[i] for i in range(len(texts))] == first


@pytest.mark.parametrize("text", ["", "   ", "342/", ".", "12345", "!!", "\ufffd\ufffd"])
def test_featureless_text_is_und_never_an_exception(text):
    assert detect_language(text) == ("und", 0.0)


def test_norwegian_is_nb():
    assert detect_language("Putin var i det store og hele fornøyd med samtalen, men advarte Biden om at "
                           "Moskva trenger konkrete resultater fra kommende sikkerhetssamtaler.")[0] == "nb"


def test_short_heading_inherits_the_article_language():
    assert detect_paragraph_language("No concessions", "en") == ("en", 0.0)
    # langdetect alone calls this Norwegian heading Danish
    assert detect_paragraph_language("Kreml: Samtaler eneste løsningen", "nb")[0] == "nb"


def test_mixed_language_article_shows_in_paragraphs():
    german = ("Der Bundestag hat am Donnerstag nach langer Debatte ein neues Gesetz zur Förderung "
              "erneuerbarer Energien beschlossen, das im kommenden Jahr in Kraft treten soll.")
    english = ("The minister told reporters in English that the government would not change course "
               "on the energy transition, whatever the opposition says about the costs.")
    [article], paragraphs = detect_languages([{"article_id": "m", "text_clean": f"{german}\n{german}\n{english}"}])
    assert article["lang"] == "de"
    assert [p["lang"] for p in paragraphs] == ["de", "de", "en"]


def test_first_use_from_many_threads_at_once_is_safe():
    """langdetect publishes its factory before loading it: concurrent first calls must still be right."""
    import subprocess
    import sys

    code = """
import threading
from tasks.language import detect_language
text = "El Ayuntamiento aprobó el lunes el nuevo presupuesto de la ciudad para el próximo año."
results = []
threads = [threading.Thread(target=lambda: results.append(detect_language(text)[0])) for _ in range(6)]
for t in threads: t.start()
for t in threads: t.join()
print(",".join(results))
"""
    for _ in range(3):  # a fresh process each time: the race is on the first load
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
        assert out.stdout.strip() == ",".join(["es"] * 6), out.stdout + out.stderr


def _texts_in(folder, pattern="*.txt"):
    from pathlib import Path

    from tasks.ingest import decode_text

    return {str(p): decode_text(p.read_bytes())[0] for p in sorted(Path(folder).rglob(pattern))}


def _disagreements(texts):
    from tasks.language import langdetect_language

    return {k: (langdetect_language(t)[0], detect_language(t)[0]) for k, t in texts.items()
            if langdetect_language(t)[0] != detect_language(t)[0]}


def test_the_same_language_as_langdetect_on_the_examples_and_the_seeds(seeds_dir):
    from pathlib import Path

    texts = _texts_in(Path(__file__).resolve().parents[2] / "examples" / "inbox") | _texts_in(seeds_dir)
    assert len(texts) >= 15
    assert _disagreements(texts) == {}


def test_the_same_language_as_langdetect_on_the_real_corpus():
    from tasks.real_corpus import clean_texts, load_corpus, texts_dir

    corpus = load_corpus()
    if not corpus.texts:
        pytest.skip(f"real corpus texts not materialised in {texts_dir()} (see ../shared/real/README.md)")
    texts = {k: r["record"]["text_clean"] for k, r in clean_texts(corpus.texts).items()}
    assert _disagreements(texts) == {}


def test_the_probability_is_the_posterior_over_langdetect_s_languages():
    lang, prob = detect_language("Regjeringen la fram statsbudsjettet for neste år i Stortinget på tirsdag.")
    assert lang == "nb" and 0.99 <= prob <= 1.0
    assert detect_language("ok") == ("und", 0.0)


def test_the_batch_forms_n_grams_once_and_gives_what_article_and_paragraph_detection_give(seeds_dir):
    """detect_languages scores an article from its paragraphs' n-grams: the same languages and the same
    probabilities, to the last digit, as detecting the article and then each paragraph on its own."""
    from pathlib import Path

    from tasks.clean import split_paragraphs

    texts = _texts_in(Path(__file__).resolve().parents[2] / "examples" / "inbox") | _texts_in(seeds_dir)
    texts |= {"empty": "", "acronyms only": "NATO EU\n\nab", "over the 10,000 characters langdetect reads":
              "Hello world, this is English.\n" * 400, "mixed": "Der Bundestag hat heute beschlossen, dass die "
              "Steuer sinkt.\n\n\"We will not accept this,\" the minister said in English to reporters."}
    articles, paragraphs = detect_languages([{"article_id": k, "text_clean": t} for k, t in texts.items()])
    expected_articles, expected_paragraphs = [], []
    for text in texts.values():
        lang, confidence = detect_language(text)
        expected_articles.append((lang, confidence))
        expected_paragraphs += [detect_paragraph_language(p, lang) for _, p in split_paragraphs(text)]
    assert [(a["lang"], a["lang_confidence"]) for a in articles] == expected_articles
    assert [(p["lang"], p["lang_confidence"]) for p in paragraphs] == expected_paragraphs
    assert {a["lang"] for a in articles} >= {"de", "en", "fr", "und"}
