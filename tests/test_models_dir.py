"""One packages folder for every command: $ARGOS_PACKAGES_DIR, when the user sets it, wins for
`newsetl run` as for `newsetl models`; otherwise the folder follows the data folder."""

from __future__ import annotations

import os
import re

import duckdb
import pytest

from runtime import models
from runtime.config import DataPaths, prepare_environment
from tests.argos_tiny import build_argosmodel

GERMAN = "Der Hund ist gut. Die Katze ist klein."
ENGLISH = "The dog is good. The cat is small."
MARK = "NEWSETL_ARGOS_PACKAGES_DEFAULT"


@pytest.fixture
def clean_environment():
    """prepare_environment() writes os.environ; give each test a fresh one without Argos settings."""
    saved = dict(os.environ)
    for key in [k for k in os.environ if k.startswith(("ARGOS_", "XDG_", MARK))]:
        del os.environ[key]
    yield
    os.environ.clear()
    os.environ.update(saved)


def test_a_user_set_folder_wins_for_run_and_models(tmp_path, clean_environment):
    shared = tmp_path / "shared-packages"
    os.environ["ARGOS_PACKAGES_DIR"] = str(shared)
    prepare_environment(tmp_path / "data")
    assert DataPaths(tmp_path / "data").argos_packages == shared
    assert models.packages_dir() == shared
    assert os.environ["ARGOS_PACKAGES_DIR"] == str(shared)  # what argostranslate sees at import
    prepare_environment(tmp_path / "other")
    assert DataPaths(tmp_path / "other").argos_packages == shared
    assert os.environ["ARGOS_PACKAGES_DIR"] == str(shared)


def test_the_default_follows_the_data_folder(tmp_path, clean_environment):
    first, second = tmp_path / "first", tmp_path / "second"
    prepare_environment(first)
    assert DataPaths(first).argos_packages == first / "models" / "argos-packages"
    assert models.packages_dir() == first / "models" / "argos-packages"
    prepare_environment(second)  # the same process, another data folder: not stuck on the first
    assert DataPaths(second).argos_packages == second / "models" / "argos-packages"
    assert DataPaths(first).argos_packages == first / "models" / "argos-packages"
    assert models.packages_dir() == second / "models" / "argos-packages"
    assert os.environ["ARGOS_PACKAGES_DIR"] == str(second / "models" / "argos-packages")


@pytest.mark.e2e
def test_a_default_inherited_from_a_parent_process_is_not_taken_for_the_users(newsetl, tmp_path,
                                                                              clean_environment):
    """A child process inherits the environment the parent prepared for its own data folder."""
    parent, child = tmp_path / "parent", tmp_path / "child"
    prepare_environment(parent)
    models.install_from_file(build_argosmodel("de", "en"), DataPaths(parent).argos_packages)
    assert os.environ["ARGOS_PACKAGES_DIR"] == str(parent / "models" / "argos-packages")

    listed = newsetl("models", "list", "--data", str(child))  # inherits os.environ
    assert listed.returncode == 0, listed.stderr
    assert re.sub(r"\s+", " ", listed.stdout) == (
        f"No translation packages installed in {child / 'models' / 'argos-packages'}. "
        "Install with: newsetl models install de nb fr es ")


@pytest.mark.e2e
def test_run_translates_with_packages_from_argos_packages_dir(newsetl, tmp_path):
    shared = tmp_path / "shared-packages"
    assert models.install_from_file(build_argosmodel("de", "en"), shared).label == "de-en 0.1"
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "de.txt").write_text(GERMAN, encoding="utf-8")
    data = tmp_path / "data"
    env = {"ARGOS_PACKAGES_DIR": str(shared)}

    listed = newsetl("models", "list", "--data", str(data), env=env)
    assert listed.returncode == 0, listed.stderr
    # the table title wraps at the table's width, even inside the path
    assert f"Installedtranslationpackagesin{shared}" in re.sub(r"\s+", "", listed.stdout)
    assert "translate-de_en-0_1" in listed.stdout

    result = newsetl("run", "--input", str(inbox), "--data", str(data), env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "not translated" not in result.stdout
    con = duckdb.connect(str(data / "news.duckdb"), read_only=True)
    try:
        rows = con.execute("select lang, translation_status, translation_model, text_en from articles").fetchall()
        assert rows == [("de", "translated", "de-en 0.1", ENGLISH)]
    finally:
        con.close()
    packages_under_data = data / "models" / "argos-packages"
    assert not packages_under_data.exists() or list(packages_under_data.iterdir()) == []
    assert [p.name for p in shared.iterdir()] == ["translate-de_en-0_1"]
