"""`newsetl run --install-models` without the network: flows/install_models.py decides what happens, the CLI
prints it. The installer is replaced; the second run is a stand-in."""

from __future__ import annotations

from types import SimpleNamespace

import flows.install_models as install_models


def _install(installed: list[str], failed: dict[str, str]):
    return lambda langs: ([SimpleNamespace(label=f"{lang} -> en") for lang in installed], failed)


def _must_not_install(langs):
    raise AssertionError(f"install_missing called with {langs}")


def test_nothing_missing_installs_nothing_and_does_not_run_again(monkeypatch):
    monkeypatch.setattr(install_models, "install_missing", _must_not_install)
    told = []
    assert install_models.install_and_run_again({"missing_models": {}}, lambda: {}, lambda *a, **k: told.append(a)) \
        is None
    assert told == []


def test_installed_models_run_the_flow_again(monkeypatch):
    monkeypatch.setattr(install_models, "install_missing", _install(["de"], {"nb": "offline\nmore"}))
    told = []
    second = install_models.install_and_run_again(
        {"missing_models": {"nb": 2, "de": 1}}, lambda: {"backfilled": 3},
        lambda event, **data: told.append((event, data)))
    assert second is not None and second[0] == {"backfilled": 3} and second[1] >= 0
    assert [event for event, _ in told] == ["installing", "installed", "not_installed"]
    assert told[0][1] == {"langs": ["de", "nb"]}
    assert told[1][1]["package"].label == "de -> en"
    assert told[2][1] == {"langs": ["nb"], "reason": "offline"}


def test_no_model_installed_means_no_second_run(monkeypatch):
    monkeypatch.setattr(install_models, "install_missing", _install([], {"nb": "offline"}))
    runs = []
    assert install_models.install_and_run_again({"missing_models": {"nb": 2}}, lambda: runs.append(1),
                                                lambda *a, **k: None) is None
    assert runs == []
