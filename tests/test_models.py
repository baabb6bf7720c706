"""Argos package management: offline install with validation, download from a real local index, removal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from runtime import models
from tests.argos_index_server import index_entry, refusing_url, serve_index, silent_server
from tests.argos_tiny import build_argosmodel

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def packages(tmp_path) -> Path:
    return tmp_path / "models" / "argos-packages"


@pytest.fixture(autouse=True)
def _no_proxy_for_localhost(monkeypatch):
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


def tree(path: Path) -> list[str]:
    """Everything under the models folder (the packages dir and its siblings, where staging happens)."""
    root = path.parent
    return sorted(str(p.relative_to(root)) for p in root.rglob("*")) if root.exists() else []


def rewrite_zip(source: Path, target: Path, *, drop=(), rename=None, replace=None) -> Path:
    """Copy an .argosmodel, dropping members whose name ends with one of `drop`, renaming via
    rename(name) and replacing member contents via replace {suffix: bytes}."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if any(info.filename.endswith(d) for d in drop):
                continue
            data = src.read(info.filename)
            for suffix, new in (replace or {}).items():
                if info.filename.endswith(suffix):
                    data = new
            name = rename(info.filename) if rename else info.filename
            if name:
                dst.writestr(name, data)
    return target


def test_install_from_file_lists_the_pair(packages):
    installed = models.install_from_file(build_argosmodel("de", "en"), packages)
    assert installed.label == "de-en 0.1"
    assert installed.path == packages / "translate-de_en-0_1"
    assert [p.label for p in models.list_installed(packages)] == ["de-en 0.1"]
    assert sorted(p.name for p in installed.path.iterdir()) == [
        "README.md", "metadata.json", "minisbd", "model", "sentencepiece.model"]
    assert [p.name for p in packages.parent.iterdir()] == ["argos-packages"]  # no staging left over


def test_newer_version_replaces_the_installed_one(packages):
    models.install_from_file(build_argosmodel("de", "en", "0.1"), packages)
    models.install_from_file(build_argosmodel("de", "en", "0.2"), packages)
    assert [p.label for p in models.list_installed(packages)] == ["de-en 0.2"]
    assert sorted(p.name for p in packages.iterdir()) == ["translate-de_en-0_2"]


def test_norwegian_no_package_is_listed_as_nb(packages):
    models.install_from_file(build_argosmodel("no", "en"), packages)
    assert [p.model_id for p in models.list_installed(packages)] == ["nb-en"]
    assert [p.path.name for p in models.remove("nb", packages)] == ["translate-no_en-0_1"]


def _not_a_zip(good: Path, tmp: Path) -> Path:
    path = tmp / "translate-de_en-1_9.argosmodel"
    path.write_bytes(b"<html>404 Not Found</html>" * 10)
    return path


def _truncated(good: Path, tmp: Path) -> Path:
    path = tmp / "truncated.argosmodel"
    path.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    return path


def _flat(good: Path, tmp: Path) -> Path:  # re-zipped from inside the package directory
    return rewrite_zip(good, tmp / "flat.argosmodel", rename=lambda n: n.split("/", 1)[1])


def _two_dirs(good: Path, tmp: Path) -> Path:
    path = rewrite_zip(good, tmp / "two.argosmodel")
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr("other-dir/metadata.json", "{}")
    return path


def _no_metadata(good: Path, tmp: Path) -> Path:
    return rewrite_zip(good, tmp / "nometa.argosmodel", drop=("metadata.json",))


def _metadata_without_to_code(good: Path, tmp: Path) -> Path:
    meta = json.dumps({"package_version": "0.1", "from_code": "de"}).encode()
    return rewrite_zip(good, tmp / "noto.argosmodel", replace={"metadata.json": meta})


def _no_model_bin(good: Path, tmp: Path) -> Path:
    return rewrite_zip(good, tmp / "nomodel.argosmodel", drop=("model/model.bin",))


def _no_sentencepiece(good: Path, tmp: Path) -> Path:
    return rewrite_zip(good, tmp / "nosp.argosmodel", drop=("sentencepiece.model",))


def _garbage_sentencepiece(good: Path, tmp: Path) -> Path:
    return rewrite_zip(good, tmp / "badsp.argosmodel", replace={"sentencepiece.model": b"not a protobuf" * 50})


def _garbage_model(good: Path, tmp: Path) -> Path:
    return rewrite_zip(good, tmp / "badmodel.argosmodel", replace={"model/model.bin": b"\x00" * 64})


def _crc_mismatch(good: Path, tmp: Path) -> Path:
    """Flip a byte inside a stored member: the zip directory is intact, the data is not."""
    path = tmp / "crc.argosmodel"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info.filename))
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(next(n for n in zf.namelist() if n.endswith("model/model.bin")))
    offset = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 100
    data[offset] ^= 0xFF
    path.write_bytes(bytes(data))
    return path


def _deflate_damage(good: Path, tmp: Path) -> Path:
    """Overwrite bytes inside the compressed model.bin: zlib or the CRC check must catch it."""
    path = tmp / "deflate.argosmodel"
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as zf:
        info = zf.getinfo(next(n for n in zf.namelist() if n.endswith("model/model.bin")))
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start + 200, start + 232):
        data[offset] = 0x55
    path.write_bytes(bytes(data))
    return path


BAD_FILES = [
    (_not_a_zip, "it is not a zip archive"),
    (_truncated, "not a zip archive"),
    (_flat, "instead of exactly one directory"),
    (_two_dirs, "it has 2 top-level entries (other-dir, translate-de_en-0_2)"),
    (_no_metadata, "translate-de_en-0_2/metadata.json is missing"),
    (_metadata_without_to_code, "metadata.json lacks to_code"),
    (_no_model_bin, "model/ lacks the CTranslate2 file(s) model.bin"),
    (_no_sentencepiece, "has no SentencePiece model (sentencepiece.model or bpe.model)"),
    (_garbage_sentencepiece, "sentencepiece.model does not load"),
    (_garbage_model, "the CTranslate2 model in model/ does not load"),
    (_crc_mismatch, "translate-de_en-0_2/model/model.bin is corrupt inside the zip (Bad CRC-32"),
    (_deflate_damage, "translate-de_en-0_2/model/model.bin is corrupt inside the zip"),
]


@pytest.mark.parametrize("make_bad, reason", BAD_FILES, ids=[f.__name__.strip("_") for f, _ in BAD_FILES])
def test_bad_file_is_rejected_and_changes_nothing(make_bad, reason, packages, tmp_path):
    models.install_from_file(build_argosmodel("de", "en"), packages)  # an installed package must survive
    before = tree(packages)
    bad = make_bad(build_argosmodel("de", "en", "0.2"), tmp_path)
    with pytest.raises(models.PackageFileError) as caught:
        models.install_from_file(bad, packages)
    message = str(caught.value)
    assert reason in message
    assert f"{bad} is not a valid Argos package" in message
    assert "Nothing was installed" in message and "newsetl models install FILE.argosmodel" in message
    assert tree(packages) == before
    assert [p.label for p in models.list_installed(packages)] == ["de-en 0.1"]


def test_unsafe_paths_are_rejected(packages, tmp_path):
    bad = rewrite_zip(build_argosmodel(), tmp_path / "slip.argosmodel",
                      rename=lambda n: n.replace("translate-de_en-0_1/README.md", "translate-de_en-0_1/../../evil"))
    with pytest.raises(models.PackageFileError, match="unsafe paths"):
        models.install_from_file(bad, packages)
    assert not packages.exists() or not any(packages.iterdir())


def test_missing_file_says_so(packages, tmp_path):
    with pytest.raises(models.PackageFileError, match="no such file"):
        models.install_from_file(tmp_path / "nowhere.argosmodel", packages)


def test_stray_directory_is_reported_not_fatal(packages):
    models.install_from_file(build_argosmodel(), packages)
    (packages / "leftover").mkdir()
    installed, broken = models.scan_packages(packages)
    assert [p.label for p in installed] == ["de-en 0.1"]
    assert [(path.name, "metadata.json" in why) for path, why in broken] == [("leftover", True)]


def test_remove_by_language_and_pair(packages):
    models.install_from_file(build_argosmodel("de", "en"), packages)
    models.install_from_file(build_argosmodel("en", "fr"), packages)
    assert models.remove("fr", packages) == []  # fr->en is not installed
    assert [p.label for p in models.remove("en-fr", packages)] == ["en-fr 0.1"]
    assert [p.label for p in models.remove("de", packages)] == ["de-en 0.1"]
    assert list(packages.iterdir()) == []


@pytest.mark.parametrize("spec, pair", [("de", ("de", "en")), ("NB", ("nb", "en")), ("en-de", ("en", "de")),
                                        ("de_en", ("de", "en"))])
def test_parse_pair(spec, pair):
    assert models.parse_pair(spec) == pair


@pytest.mark.parametrize("spec", ["german", "d", "de-", "a-b-c", "de en"])
def test_parse_pair_rejects(spec):
    with pytest.raises(models.ModelError):
        models.parse_pair(spec)


def test_index_url_appends_index_json_to_a_base(monkeypatch):
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", "http://example.invalid/argos/")
    assert models.index_url() == "http://example.invalid/argos/index.json"
    assert models.index_url("http://host/custom.json") == "http://host/custom.json"


# ---- download path, for real over HTTP ------------------------------------------------------

@pytest.mark.e2e
def test_install_language_downloads_verifies_and_installs(packages, monkeypatch):
    package_file = build_argosmodel("de", "en")
    calls = []
    with serve_index({("de", "en", "0.1"): package_file}) as base:
        monkeypatch.setenv("ARGOS_PACKAGE_INDEX", base)
        index = models.read_index()
        installed = models.install_language("de", packages, progress=lambda done, total: calls.append((done, total)))
    size = package_file.stat().st_size
    assert [(p.model_id, p.package_version, p.file_name) for p in index] == [
        ("de-en", "0.1", "translate-de_en-0_1.argosmodel")]
    assert calls[0] == (0, size)  # the size is known before the first byte is read
    assert calls[-1] == (size, size)
    assert installed.label == "de-en 0.1"
    assert [p.label for p in models.list_installed(packages)] == ["de-en 0.1"]
    assert [p.name for p in packages.parent.iterdir()] == ["argos-packages"]  # download scratch removed


@pytest.mark.e2e
def test_install_language_maps_nb_to_an_index_entry_in_no(packages):
    with serve_index({("no", "en", "0.1"): build_argosmodel("no", "en")}) as base:
        installed = models.install_language("nb", packages, url=base)
    assert installed.model_id == "nb-en"


@pytest.mark.e2e
def test_language_not_in_index(packages):
    with serve_index({("de", "en", "0.1"): build_argosmodel("de", "en")}) as base:
        with pytest.raises(models.PackageNotAvailable, match=r"no xx->en package\. Languages it offers into en: de"):
            models.install_language("xx", packages, url=base)


@pytest.mark.e2e
def test_broken_download_link_gives_the_offline_hint(packages):
    entry = index_entry("fr", "en", "1.9", "http://127.0.0.1:1/v1/translate-fr_en-1_9.argosmodel")
    with serve_index({}, extra_entries=[entry]) as base:
        with pytest.raises(models.IndexUnreachable) as caught:
            models.install_language("fr", packages, url=base, timeout=2)
    message = str(caught.value)
    assert "could not download translate-fr_en-1_9.argosmodel" in message
    assert "run `newsetl models install translate-fr_en-1_9.argosmodel`" in message
    assert not packages.exists() or list(packages.iterdir()) == []


@pytest.mark.e2e
def test_index_entry_pointing_at_the_wrong_pair_installs_nothing(packages):
    wrong = build_argosmodel("en", "fr")
    with serve_index({("de", "en", "0.1"): wrong}) as base:
        with pytest.raises(models.PackageFileError, match="is a en->fr package, not de->en"):
            models.install_language("de", packages, url=base)
    assert list(packages.iterdir()) == []


def test_refused_connection_fails_fast_with_offline_hint(packages):
    t0 = time.perf_counter()
    with pytest.raises(models.IndexUnreachable) as caught:
        models.install_language("de", packages, url=refusing_url())
    assert time.perf_counter() - t0 < 3
    message = str(caught.value)
    assert "cannot reach the Argos package index" in message
    assert "https://www.argosopentech.com/argospm/index/" in message
    assert "run `newsetl models install translate-de_en-VERSION.argosmodel`" in message


@pytest.mark.e2e
def test_silent_index_server_fails_within_the_timeout(packages):
    with silent_server() as url:
        t0 = time.perf_counter()
        with pytest.raises(models.IndexUnreachable, match="cannot reach the Argos package index"):
            models.install_language("de", packages, url=url, timeout=1.0)
        assert time.perf_counter() - t0 < 3


@pytest.mark.e2e
def test_invalid_index_json(packages, tmp_path):
    with serve_index({}) as base:
        with pytest.raises(models.IndexUnreachable, match="is not a valid index"):
            models.read_index(base.rstrip("/"))  # the server root: an HTML listing, not JSON


@pytest.mark.e2e
def test_stock_argostranslate_sees_a_package_installed_in_the_same_process(tmp_path):
    """argostranslate caches installed languages per process; install_from_file clears them."""
    script = f"""
import os
os.environ.update(ARGOS_PACKAGES_DIR={str(tmp_path / 'pk')!r}, XDG_DATA_HOME={str(tmp_path / 'xd')!r},
                  XDG_CONFIG_HOME={str(tmp_path / 'xc')!r}, XDG_CACHE_HOME={str(tmp_path / 'xk')!r})
import argostranslate.translate as t
assert [l.code for l in t.get_installed_languages()] == []
from runtime import models
models.install_from_file({str(build_argosmodel())!r})
print(t.translate("Hallo Welt.", "de", "en"))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, timeout=60,
                          env={k: v for k, v in os.environ.items() if not k.startswith(("ARGOS_", "XDG_"))})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "Hello world."


@pytest.mark.e2e
def test_install_missing_installs_what_the_index_has_and_explains_the_rest(packages):
    models.install_from_file(build_argosmodel("de", "en"), packages)
    with serve_index({("fr", "en", "0.1"): build_argosmodel("fr", "en")}) as base:
        installed, not_installed = models.install_missing(["de", "fr", "xx", "en", "und", "fr"], packages, url=base)
    assert [p.label for p in installed] == ["fr-en 0.1"]
    assert list(not_installed) == ["xx"] and "no xx->en package" in not_installed["xx"]
    assert [p.label for p in models.list_installed(packages)] == ["de-en 0.1", "fr-en 0.1"]


def test_install_missing_without_network_reports_every_language_once(packages):
    t0 = time.perf_counter()
    installed, not_installed = models.install_missing(["nb", "de"], packages, url=refusing_url())
    assert time.perf_counter() - t0 < 3
    assert installed == [] and sorted(not_installed) == ["de", "nb"]
    assert all("cannot reach the Argos package index" in why for why in not_installed.values())


def test_extraction_stops_at_the_size_limit_when_the_file_changes_after_the_check(packages, tmp_path,
                                                                                  monkeypatch):
    """The declared sizes are checked first; the bytes really written are counted too (zip headers
    can lie, and the file can change between the check and the extraction): here it is swapped."""
    monkeypatch.setenv("NEWSETL_MAX_MODEL_MB", "1")
    package = tmp_path / "translate-de_en-0_1.argosmodel"
    package.write_bytes(build_argosmodel().read_bytes())  # unpacks to 0.9 MB: within the limit
    bigger = tmp_path / "bigger.argosmodel"
    rewrite_zip(build_argosmodel(), bigger)
    with zipfile.ZipFile(bigger, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("translate-de_en-0_1/model/padding.bin", bytes(2 * 1024 * 1024))  # 2 MB of zeros
    with zipfile.ZipFile(bigger) as archive:
        declared = sum(info.file_size for info in archive.infolist())

    check = models.validate_archive

    def check_then_swap(path):
        checked = check(path)
        package.write_bytes(bigger.read_bytes())
        return checked

    monkeypatch.setattr(models, "validate_archive", check_then_swap)
    with pytest.raises(models.PackageTooLarge) as raised:
        models.install_from_file(package, packages)
    assert str(raised.value) == (
        f"{package} unpacked to more than the 1 MB limit although its zip headers declare "
        f"{declared / 2**20:.1f} MB: the file is damaged, or changed while it was being installed. "
        "Nothing was installed.\n"
        "Download the package again from the Argos index (https://www.argosopentech.com/argospm/index/).")
    assert tree(packages) == ["argos-packages"]  # no package, no half-extracted staging folder


def test_a_real_package_installs_under_a_small_limit(packages, monkeypatch):
    monkeypatch.setenv("NEWSETL_MAX_MODEL_MB", "1")  # the tiny package unpacks to 0.9 MB
    assert models.install_from_file(build_argosmodel(), packages).label == "de-en 0.1"
