"""Translation through the real CLI: missing model, offline install from a file, backfill, cache."""

from __future__ import annotations

import re

import duckdb
import pytest

from tests.argos_tiny import build_argosmodel

pytestmark = pytest.mark.e2e

GERMAN = ("Die Regierung sagt heute Hallo. Der Hund ist gut!\n\n"
          "Die Katze ist klein. Das Haus ist groß und das Wetter ist gut.\n\n"
          "„Die Stadt ist hier“, sagt die Zeitung.")
ENGLISH_TRANSLATION = ("The government says today Hello. The dog is good!\n\n"
                       "The cat is small. The house is big and the weather is good.\n\n"
                       # the tiny model's lexicon knows "Die", not "„Die" (the quote mark is part of the piece)
                       "„Die city is here“, says the newspaper.")


def _summary_value(stdout: str, label: str) -> str:
    m = re.search(rf"{label}\s*│\s*(.+?)\s*│", stdout)
    assert m, f"{label} not in the summary:\n{stdout}"
    return m.group(1)


def test_missing_model_then_offline_install_then_backfill_then_cache(newsetl, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "de.txt").write_text(GERMAN, encoding="utf-8")
    (inbox / "en.txt").write_text("The government said on Monday that the dog is good and the cat is small.",
                                  encoding="utf-8")
    data = tmp_path / "data"

    first = newsetl("run", "--input", str(inbox), "--data", str(data))
    assert first.returncode == 0, first.stderr
    assert "1 article in de not translated: run `newsetl models install de`" in first.stdout
    con = duckdb.connect(str(data / "news.duckdb"), read_only=True)
    assert dict(con.execute("select lang, translation_status from articles").fetchall()) == {
        "de": "model_missing", "en": "source_english"}
    con.close()

    installed = newsetl("models", "install", str(build_argosmodel("de", "en")), "--data", str(data))
    assert installed.returncode == 0, installed.stdout + installed.stderr
    assert (data / "models" / "argos-packages").is_dir()

    second = newsetl("run", "--input", str(inbox), "--data", str(data))
    assert second.returncode == 0, second.stderr
    assert _summary_value(second.stdout, "backfilled translations") == "1"
    assert _summary_value(second.stdout, "new articles") == "0"
    con = duckdb.connect(str(data / "news.duckdb"), read_only=True)
    text_en, status, model = con.execute(
        "select text_en, translation_status, translation_model from articles where lang = 'de'").fetchone()
    assert (text_en, status, model) == (ENGLISH_TRANSLATION, "translated", "de-en 0.1")
    assert con.execute("select count(*) from articles").fetchone() == (2,)  # replaced, not duplicated
    quote = con.execute("select q.text, q.text_en from quotes q join articles a using (article_id) "
                        "where a.lang = 'de'").fetchall()
    assert quote == [("Die Stadt ist hier", "The city is here")]
    cached = con.execute("select count(*), count(distinct sentence_sha256) from translation_cache").fetchone()
    assert cached[0] == cached[1] >= 5
    con.close()

    # wire copy: a second outlet repeats two of the sentences; only the new one goes to the model
    (inbox / "de-copy.txt").write_text("Der Hund ist gut!\n\nDie Katze ist klein. Die Polizei ist hier.",
                                       encoding="utf-8")
    third = newsetl("run", "--input", str(inbox), "--data", str(data))
    assert third.returncode == 0, third.stderr
    translation = _summary_value(third.stdout, "translation")
    assert "cache hits 2" in translation and "sentences to model 1" in translation, translation
    assert _summary_value(third.stdout, "backfilled translations") == "0"
