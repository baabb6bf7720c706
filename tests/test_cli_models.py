"""`newsetl models ...` through the real Typer app: exit codes and the phrases users rely on."""

from __future__ import annotations

import os
import re
import time
import zipfile

import pytest
from typer.testing import CliRunner

from newsetl.cli import app
from tests.argos_index_server import refusing_url, serve_index
from tests.argos_tiny import build_argosmodel

runner = CliRunner()


@pytest.fixture(autouse=True)
def clean_environment():
    """prepare_environment() fills os.environ with setdefault; give each test a fresh one."""
    saved = dict(os.environ)
    for key in [k for k in os.environ if k.startswith(("ARGOS_", "XDG_", "PREFECT_HOME"))]:
        del os.environ[key]
    os.environ["no_proxy"] = os.environ["NO_PROXY"] = "127.0.0.1,localhost"
    yield
    os.environ.clear()
    os.environ.update(saved)


def run(*args, env=None):
    return runner.invoke(app, ["models", *map(str, args)], env=env)


def packages_of(data):
    return data / "models" / "argos-packages"


def one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_help_documents_the_offline_route():
    for args in ([], ["install"], ["list"], ["remove"]):
        result = run(*args, "--help")
        assert result.exit_code == 0
        text = one_line(result.output)
        assert "newsetl models install translate-de_en-1_9.argosmodel" in text
    text = one_line(run("install", "--help").output)
    assert "Offline route:" in text and "newsetl models install translate-de_en-1_9.argosmodel" in text
    assert "newsetl models install de nb fr es" in text


def test_install_file_list_remove(tmp_path):
    data = tmp_path / "data"
    package = build_argosmodel("de", "en")
    result = run("install", package, "--data", data)
    assert result.exit_code == 0, result.output
    assert f"installed de-en 0.1 (German -> English) in {packages_of(data) / 'translate-de_en-0_1'}" in result.output

    listed = run("list", "--data", data)
    assert listed.exit_code == 0
    assert re.search(r"de-en\s+│\s+German\s+│\s+English\s+│\s+0\.1", listed.output)

    removed = run("remove", "de", "--data", data)
    assert removed.exit_code == 0
    assert "removed de-en 0.1" in removed.output
    assert "No translation packages installed" in run("list", "--data", data).output

    again = run("remove", "de", "--data", data)
    assert again.exit_code == 1
    assert again.output == (f"error: de: no such package installed in {packages_of(data)}; see `newsetl models "
                            "list`.\n")


def test_bad_file_exits_1_and_installs_nothing(tmp_path):
    data = tmp_path / "data"
    bad = tmp_path / "translate-de_en-1_9.argosmodel"
    with zipfile.ZipFile(build_argosmodel()) as src, zipfile.ZipFile(bad, "w") as dst:
        for name in src.namelist():
            if not name.endswith("metadata.json"):
                dst.writestr(name, src.read(name))
    result = run("install", bad, "--data", data)
    assert result.exit_code == 1
    assert result.output == (
        f"Checking {bad} ...\n"
        f"error: {bad}: {bad} is not a valid Argos package:\n"
        "  - translate-de_en-0_1/metadata.json is missing\n"
        "Nothing was installed. Download the package again from the Argos index "
        "(https://www.argosopentech.com/argospm/index/) and install it with `newsetl models install FILE.argosmodel`, "
        "or install it online with `newsetl models install LANG`.\n")
    assert not packages_of(data).exists() or list(packages_of(data).iterdir()) == []


@pytest.mark.e2e
def test_install_language_downloads_from_the_index(tmp_path):
    data = tmp_path / "data"
    package = build_argosmodel("de", "en")
    with serve_index({("de", "en", "0.1"): package}) as base:
        result = run("install", "de", "--data", data, env={"ARGOS_PACKAGE_INDEX": base})
        available = run("list", "--available", "--data", data, env={"ARGOS_PACKAGE_INDEX": base})
    assert result.exit_code == 0, result.output
    text = one_line(result.output)
    size_kb = package.stat().st_size / 1000
    assert f"Downloading translate-de_en-0_1.argosmodel ({size_kb:.1f} kB) from {base}v1/" in text
    assert "installed de-en 0.1 (German -> English)" in text
    assert [p.name for p in packages_of(data).iterdir()] == ["translate-de_en-0_1"]
    assert available.exit_code == 0
    assert "Available in the package index (1 packages)" in available.output


def test_install_language_without_network_fails_fast_with_the_file_route(tmp_path):
    data = tmp_path / "data"
    t0 = time.perf_counter()
    index = refusing_url()
    result = run("install", "nb", "de", "--data", data, env={"ARGOS_PACKAGE_INDEX": index})
    assert time.perf_counter() - t0 < 5
    assert result.exit_code == 1
    assert result.output == "".join(
        f"error: {lang}: cannot reach the Argos package index at {index}index.json: [Errno 111] Connection refused. "
        f"To install without network access: on a machine with internet, download the {lang}->en package, "
        f"translate-{lang}_en-*.argosmodel, from https://www.argosopentech.com/argospm/index/; copy it here and run "
        f"`newsetl models install translate-{lang}_en-VERSION.argosmodel`.\n" for lang in ("nb", "de"))

    index = refusing_url()
    listed = run("list", "--available", "--data", data, env={"ARGOS_PACKAGE_INDEX": index})
    assert listed.exit_code == 1
    assert listed.output.splitlines()[-1] == (
        f"error: cannot reach the Argos package index at {index}index.json: [Errno 111] Connection refused. "
        "Offline route: on any machine with internet, download the package file from the Argos index "
        "(https://www.argosopentech.com/argospm/index/, e.g. translate-de_en-1_9.argosmodel), copy it here and run: "
        "newsetl models install translate-de_en-1_9.argosmodel")


def test_mixed_targets_install_what_they_can(tmp_path):
    data = tmp_path / "data"
    result = run("install", build_argosmodel("de", "en"), "xx-yy-zz", "--data", data)
    assert result.exit_code == 1
    assert "installed de-en 0.1" in result.output
    assert result.output.splitlines()[-1] == ("error: xx-yy-zz: 'xx-yy-zz' is neither a language code (de) nor a "
                                              "pair (de-en).")


def zip_bomb(target, zeros_mb: int):
    """The tiny real de->en package plus `zeros_mb` MB of zeros in model/: a valid-looking package
    that compresses like a zip bomb (zeros deflate about 1000:1)."""
    with zipfile.ZipFile(build_argosmodel("de", "en")) as src, \
            zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info.filename), zipfile.ZIP_DEFLATED)
        padding = zipfile.ZipInfo("translate-de_en-0_1/model/padding.bin", date_time=(1980, 1, 1, 0, 0, 0))
        dst.writestr(padding, bytes(zeros_mb * 1024 * 1024), zipfile.ZIP_DEFLATED)
    with zipfile.ZipFile(target) as archive:
        declared = sum(info.file_size for info in archive.infolist())
    return target, declared


def test_zip_bomb_over_the_size_limit_is_refused_before_extraction(tmp_path):
    data = tmp_path / "data"
    bomb, declared = zip_bomb(tmp_path / "translate-de_en-0_1.argosmodel", zeros_mb=4)
    result = run("install", bomb, "--data", data, env={"NEWSETL_MAX_MODEL_MB": "1"})
    assert result.exit_code == 1
    assert 4 < declared / 2**20 <= 5  # hence the suggested NEWSETL_MAX_MODEL_MB=5
    assert result.output == (
        f"Checking {bomb} ...\n"
        f"error: {bomb}: {bomb} unpacks to {declared / 2**20:.1f} MB, more than the 1 MB limit for a "
        "translation package. Nothing was installed.\n"
        "Real packages are 60-100 MB; if this one is genuine, raise the limit, e.g. NEWSETL_MAX_MODEL_MB=5.\n")
    assert not (data / "models").exists()  # refused before any folder was made

    # with the limit raised as the message says, the same file installs
    raised = run("install", bomb, "--data", data, env={"NEWSETL_MAX_MODEL_MB": "5"})
    assert raised.exit_code == 0, raised.output
    assert "installed de-en 0.1" in raised.output


def test_zip_bomb_that_compresses_like_one_is_refused_under_the_default_limit(tmp_path):
    data = tmp_path / "data"
    bomb, declared = zip_bomb(tmp_path / "translate-de_en-0_1.argosmodel", zeros_mb=16)
    packed = bomb.stat().st_size
    assert declared / packed > 50
    result = run("install", bomb, "--data", data, env={"NEWSETL_MAX_MODEL_MB": None})
    assert result.exit_code == 1
    assert result.output == (
        f"Checking {bomb} ...\n"
        f"error: {bomb}: {bomb} unpacks to {declared / 2**20:.1f} MB from {packed / 2**20:.1f} MB "
        f"({declared / packed:.0f}:1); model weights barely compress, so this is not a translation package "
        "(a zip bomb?). Nothing was installed.\n"
        "Download the package again from the Argos index (https://www.argosopentech.com/argospm/index/).\n")
    assert not (data / "models").exists()


def test_a_bad_model_size_limit_is_reported(tmp_path):
    package = build_argosmodel()
    result = run("install", package, "--data", tmp_path / "data", env={"NEWSETL_MAX_MODEL_MB": "lots"})
    assert result.exit_code == 1
    assert one_line(result.output) == (
        f"Checking {package} ... error: {package}: NEWSETL_MAX_MODEL_MB='lots' is not a positive number of "
        "megabytes; set it to e.g. 8192, or unset it for the default (4096). ")
    assert not (tmp_path / "data" / "models").exists()
