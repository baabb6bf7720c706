"""Argos Translate packages: what is installed, what the index offers, install (online or from a file), remove.

Every function takes the packages directory explicitly (default: runtime.config.argos_packages_dir,
the one resolver every command uses: $ARGOS_PACKAGES_DIR when the user set it, else
`<data>/models/argos-packages`). argostranslate reads its own
settings once, at import, and its installer trusts any zip; newsetl therefore validates and
installs packages itself, and only asks argostranslate for its default index URL and to forget
its per-process caches after a change.

What a package is and where packages live is runtime/model_packages.py (read-only, no network);
this module installs: validating and extracting archives, the Argos index, downloads.

An installed package is a directory `translate-de_en-1_9/` holding metadata.json, model/
(CTranslate2), sentencepiece.model (or bpe.model) and optionally minisbd/<lang>.onnx.
Nothing half-done ever appears in the packages directory: archives are checked, extracted
into a hidden staging directory next to it, verified, then renamed into place. An archive may
unpack to at most $NEWSETL_MAX_MODEL_MB (default 4096 MB = 4 GiB; real packages are 60-100 MB),
checked on the sizes the zip declares and again on the bytes actually written; one that
compresses more than 50:1 is refused too (int8 weights barely compress: a zip bomb does).
"""

from __future__ import annotations

import json
import math
import os
import shutil
import sys
import tempfile
import threading
import urllib.error
import urllib.request
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

# the package names are re-exported: callers use runtime.models for both sides
from runtime.model_packages import (  # noqa: F401
    ARGOS_INDEX_PAGE, DEFAULT_MAX_MODEL_MB, ENGLISH, MAX_COMPRESSION_RATIO, MAX_MODEL_MB_ENV, MB,
    NETWORK_TIMEOUT, RATIO_FROM_BYTES, _SENTENCEPIECE_FILES, USER_AGENT, _VOCABULARY_SETS,
    AvailablePackage, IndexUnreachable, InstalledPackage, ModelError, PackageFileError,
    PackageNotAvailable, PackageTooLarge, ProgressCallback, argos_codes, index_url, _installed_from_dir,
    list_installed, newsetl_code, packages_dir, parse_pair, scan_packages)


# ---- validating an .argosmodel file -------------------------------------------------------

@dataclass(frozen=True)
class PackageArchive:
    path: Path
    top_dir: str
    metadata: dict

    @property
    def pair(self) -> tuple[str, str]:
        return newsetl_code(str(self.metadata["from_code"])), newsetl_code(str(self.metadata["to_code"]))


_FIX_HINT = ("Download the package again from the Argos index ({page}) and install it with "
             "`newsetl models install FILE.argosmodel`, or install it online with `newsetl models install LANG`.")


def _bad_file(path: Path, problems: list[str]) -> PackageFileError:
    listed = "\n".join(f"  - {p}" for p in problems)
    return PackageFileError(f"{path} is not a valid Argos package:\n{listed}\n"
                            f"Nothing was installed. {_FIX_HINT.format(page=ARGOS_INDEX_PAGE)}")


def max_unpacked_bytes() -> int:
    """How many bytes one .argosmodel may unpack to: $NEWSETL_MAX_MODEL_MB, default 4096 (4 GiB)."""
    raw = os.environ.get(MAX_MODEL_MB_ENV, "").strip()
    if not raw:
        return DEFAULT_MAX_MODEL_MB * MB
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and value > 0):
        raise ModelError(f"{MAX_MODEL_MB_ENV}={raw!r} is not a positive number of megabytes; set it to e.g. "
                         f"{2 * DEFAULT_MAX_MODEL_MB}, or unset it for the default ({DEFAULT_MAX_MODEL_MB}).")
    return max(1, int(value * MB))


def _mb(size: int) -> str:
    return f"{size / MB:,.1f} MB"


def _check_unpacked_size(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    """Refuse, before extracting anything, an archive whose declared contents are too big or
    compressed like a zip bomb. (The bytes actually written are counted again in _extract.)"""
    limit = max_unpacked_bytes()
    declared = sum(info.file_size for info in infos)
    if declared > limit:
        raise PackageTooLarge(
            f"{path} unpacks to {_mb(declared)}, more than the {limit / MB:g} MB limit for a translation "
            f"package. Nothing was installed.\nReal packages are 60-100 MB; if this one is genuine, raise the "
            f"limit, e.g. {MAX_MODEL_MB_ENV}={math.ceil(declared / MB)}.")
    packed = max(path.stat().st_size, 1)
    if declared > RATIO_FROM_BYTES and declared > MAX_COMPRESSION_RATIO * packed:
        raise PackageTooLarge(
            f"{path} unpacks to {_mb(declared)} from {_mb(packed)} ({declared / packed:.0f}:1); model weights "
            f"barely compress, so this is not a translation package (a zip bomb?). Nothing was installed.\n"
            f"Download the package again from the Argos index ({ARGOS_INDEX_PAGE}).")


def _extract(path: Path, destination: Path) -> None:
    """Extract a validated archive into `destination`, counting the bytes really written: a zip's
    headers can lie, and the file may change after it was checked. Raises PackageTooLarge past
    the limit (the caller removes `destination`)."""
    limit = max_unpacked_bytes()
    written = 0
    with zipfile.ZipFile(path) as archive:
        infos = archive.infolist()
        for info in infos:
            parts = PurePosixPath(info.filename).parts
            if not parts or info.filename.startswith("/") or ".." in parts:
                raise _bad_file(path, [f"it contains an unsafe path: {info.filename}"])
            target = destination.joinpath(*parts)
            if info.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(info) as member, open(target, "wb") as out:
                while chunk := member.read(1 << 20):
                    written += len(chunk)
                    if written > limit:
                        declared = sum(i.file_size for i in infos)
                        raise PackageTooLarge(
                            f"{path} unpacked to more than the {limit / MB:g} MB limit although its zip headers "
                            f"declare {_mb(declared)}: the file is damaged, or changed while it was being "
                            f"installed. Nothing was installed.\nDownload the package again from the Argos "
                            f"index ({ARGOS_INDEX_PAGE}).")
                    out.write(chunk)


def _corrupt_members(archive: zipfile.ZipFile) -> list[str]:
    """Read every member through: a damaged download fails its CRC or its decompression."""
    for info in archive.infolist():
        try:
            with archive.open(info) as member:
                while member.read(1 << 20):
                    pass
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            return [f"{info.filename} is corrupt inside the zip ({exc})"]
    return []


def validate_archive(path: str | Path) -> PackageArchive:
    """Check an .argosmodel before anything is extracted: a zip with exactly one top-level
    directory holding metadata.json (from_code, to_code), model/ with CTranslate2 files and a
    SentencePiece model. Raises PackageFileError listing every problem found."""
    path = Path(path)
    if not path.is_file():
        raise PackageFileError(f"{path}: no such file. Give the path of a downloaded .argosmodel file.")
    if not zipfile.is_zipfile(path):
        raise _bad_file(path, ["it is not a zip archive (an .argosmodel is a zip): the file is corrupt, "
                               "truncated or not a package at all"])
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = [i.filename for i in infos]
            problems: list[str] = []
            unsafe = [n for n in names if n.startswith("/") or ".." in PurePosixPath(n).parts]
            if unsafe:
                raise _bad_file(path, [f"it contains unsafe paths that would escape the packages directory: "
                                       f"{', '.join(unsafe[:3])}"])
            _check_unpacked_size(path, infos)
            tops = sorted({n.split("/", 1)[0] for n in names if n.strip("/")})
            loose = sorted(n for n in names if "/" not in n.rstrip("/") and not n.endswith("/"))
            if not tops:
                raise _bad_file(path, ["the zip archive is empty"])
            if len(tops) != 1 or loose:
                shown = ", ".join(tops[:6]) + (", ..." if len(tops) > 6 else "")
                raise _bad_file(path, [
                    f"it has {len(tops)} top-level entr{'y' if len(tops) == 1 else 'ies'} ({shown}) instead of "
                    "exactly one directory such as translate-de_en-1_9/ holding metadata.json, model/ and "
                    "sentencepiece.model (was it re-zipped from inside the package directory?)"])
            top = tops[0]
            present = set(names)
            metadata: dict = {}
            if f"{top}/metadata.json" not in present:
                problems.append(f"{top}/metadata.json is missing")
            else:
                try:
                    metadata = json.loads(archive.read(f"{top}/metadata.json").decode("utf-8"))
                except (ValueError, UnicodeDecodeError) as exc:
                    problems.append(f"{top}/metadata.json is not valid JSON ({exc})")
                else:
                    if not isinstance(metadata, dict):
                        problems.append(f"{top}/metadata.json is not a JSON object")
                        metadata = {}
                    missing = [k for k in ("from_code", "to_code")
                               if not isinstance(metadata.get(k), str) or not metadata.get(k)]
                    if missing:
                        problems.append(f"{top}/metadata.json lacks {' and '.join(missing)}")
                    if metadata.get("type", "translate") != "translate":
                        problems.append(f"{top}/metadata.json says type {metadata.get('type')!r}; "
                                        "newsetl installs translation packages only")
            model_files = {n[len(top) + len("/model/"):] for n in names if n.startswith(f"{top}/model/")}
            if not {"model.bin", "config.json"} <= model_files:
                lacking = sorted({"model.bin", "config.json"} - model_files)
                problems.append(f"{top}/model/ lacks the CTranslate2 file(s) {', '.join(lacking)}")
            elif not any(set(group) <= model_files for group in _VOCABULARY_SETS):
                problems.append(f"{top}/model/ lacks a vocabulary file (shared_vocabulary.json)")
            if not any(f"{top}/{name}" in present for name in _SENTENCEPIECE_FILES):
                problems.append(f"{top}/ has no SentencePiece model (sentencepiece.model or bpe.model)")
            if not problems:
                problems += _corrupt_members(archive)
    except (zipfile.BadZipFile, zlib.error) as exc:
        raise _bad_file(path, [f"the zip archive is damaged ({exc})"]) from None
    except (OSError, EOFError) as exc:
        raise _bad_file(path, [f"the zip archive cannot be read ({exc})"]) from None
    if problems:
        raise _bad_file(path, problems)
    return PackageArchive(path, top, metadata)


def _verify_extracted(package: Path, archive_path: Path) -> None:
    """Load the tokenizer and the CTranslate2 model once: a package that cannot load is not installed."""
    problems = []
    sp_model = package / "sentencepiece.model"
    if sp_model.is_file():
        try:
            import sentencepiece

            sentencepiece.SentencePieceProcessor(model_file=str(sp_model))
        except Exception as exc:  # sentencepiece raises RuntimeError/OSError on bad protos
            problems.append(f"sentencepiece.model does not load ({str(exc).strip()[:200]})")
    try:
        import ctranslate2

        ctranslate2.Translator(str(package / "model"), device="cpu", inter_threads=1, intra_threads=1)
    except Exception as exc:
        problems.append(f"the CTranslate2 model in model/ does not load ({str(exc).strip()[:200]})")
    if problems:
        raise _bad_file(archive_path, problems)


def forget_argos_caches() -> None:
    """argostranslate caches installed languages and loaded models per process; drop them after a change."""
    translate = sys.modules.get("argostranslate.translate")
    if translate is not None:
        translate.get_installed_languages.cache_clear()
        translate.installed_translates.clear()


def install_from_file(path: str | Path, directory: str | Path | None = None) -> InstalledPackage:
    """Validate, extract, verify and install an .argosmodel file; replaces an installed package
    of the same language pair. On any failure the packages directory is left as it was."""
    path = Path(path)
    archive = validate_archive(path)
    root = packages_dir(directory)
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{root.name}-installing-", dir=root.parent))
    try:
        try:
            _extract(path, staging)
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            raise _bad_file(path, [f"the zip archive is damaged ({exc})"]) from None
        except OSError as exc:
            raise ModelError(f"could not unpack {path} into {staging.parent}: {exc.strerror or exc}. Nothing "
                             "was installed; free some disk space (or fix the permissions) and install it "
                             "again.") from None
        extracted = staging / archive.top_dir
        _verify_extracted(extracted, path)
        new_package = _installed_from_dir(extracted)
        replaced = [p for p in list_installed(root)
                    if (p.from_code, p.to_code) == (new_package.from_code, new_package.to_code)]
        target = root / archive.top_dir
        if target.exists():
            old = staging / "previous"
            os.replace(target, old)
            try:
                os.replace(extracted, target)
            except OSError:
                os.replace(old, target)
                raise
        else:
            os.replace(extracted, target)
        for package in replaced:
            if package.path != target and package.path.exists():
                shutil.rmtree(package.path)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    forget_argos_caches()
    return _installed_from_dir(target)


def remove(spec: str, directory: str | Path | None = None) -> list[InstalledPackage]:
    """Remove the installed package(s) for 'de' (de->en) or a pair 'en-de'; returns what was removed."""
    source, target = parse_pair(spec)
    removed = [p for p in list_installed(directory) if (p.from_code, p.to_code) == (source, target)]
    for package in removed:
        shutil.rmtree(package.path)
    if removed:
        forget_argos_caches()
    return removed


# ---- the package index and downloads --------------------------------------------------------

def _open_url(url: str, timeout: float):
    """urlopen with a hard deadline: the socket timeout does not cover name resolution."""
    outcome: dict = {}

    def attempt() -> None:
        try:
            request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
            outcome["response"] = urllib.request.urlopen(request, timeout=timeout)
        except BaseException as exc:  # handed to the caller's thread
            outcome["error"] = exc

    worker = threading.Thread(target=attempt, name="newsetl-url-open", daemon=True)
    worker.start()
    worker.join(timeout + 1.0)
    if worker.is_alive():
        raise TimeoutError(f"no answer within {timeout:.0f} s")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["response"]


def _reason(exc: BaseException) -> str:
    if isinstance(exc, urllib.error.HTTPError):
        return f"HTTP {exc.code} {exc.reason}"
    if isinstance(exc, urllib.error.URLError):
        return str(exc.reason)
    return str(exc) or type(exc).__name__


def offline_hint(source: str = "LANG", target: str = ENGLISH, package: AvailablePackage | None = None) -> str:
    """How to install without network access, naming the file to fetch when it is known."""
    if package is not None:
        wanted = f"{package.file_name} ({', '.join(package.links[:1]) or ARGOS_INDEX_PAGE})"
        file_name = package.file_name
    else:
        argos_source = argos_codes(source)[0]
        wanted = (f"the {argos_source}->{target} package, translate-{argos_source}_{target}-*.argosmodel, "
                  f"from {ARGOS_INDEX_PAGE}")
        file_name = f"translate-{argos_source}_{target}-VERSION.argosmodel"
    return (f"To install without network access: on a machine with internet, download {wanted}; "
            f"copy it here and run `newsetl models install {file_name}`.")


def read_index(url: str | None = None, timeout: float = NETWORK_TIMEOUT) -> list[AvailablePackage]:
    """Translation packages listed in the package index (fails within about `timeout` seconds)."""
    url = index_url(url)
    try:
        with _open_url(url, timeout) as response:
            raw = response.read()
    except Exception as exc:
        raise IndexUnreachable(f"cannot reach the Argos package index at {url}: {_reason(exc)}.") from None
    try:
        entries = json.loads(raw.decode("utf-8"))
        if not isinstance(entries, list):
            raise ValueError("not a JSON list")
    except ValueError as exc:
        raise IndexUnreachable(f"the package index at {url} is not a valid index ({exc}).") from None
    packages = []
    for entry in entries:
        if not isinstance(entry, dict) or entry.get("type", "translate") != "translate":
            continue
        if not entry.get("from_code") or not entry.get("to_code"):
            continue
        links = tuple(str(link) for link in entry.get("links", ())
                      if str(link).startswith(("http://", "https://")))  # not ipfs://
        packages.append(AvailablePackage(
            from_code=newsetl_code(str(entry["from_code"])), to_code=newsetl_code(str(entry["to_code"])),
            package_version=str(entry.get("package_version", "")), links=links,
            from_name=str(entry.get("from_name", "")), to_name=str(entry.get("to_name", "")),
            argos_from_code=str(entry["from_code"]), argos_to_code=str(entry["to_code"]),
        ))
    return packages


def _version_key(version: str) -> tuple:
    from packaging.version import InvalidVersion, Version

    try:
        return (1, Version(version))
    except InvalidVersion:
        return (0, version)


def find_package(index: list[AvailablePackage], spec: str) -> AvailablePackage:
    """The newest downloadable package for 'de' (de->en) or 'en-de'."""
    source, target = parse_pair(spec)
    if source == target:
        raise ModelError(f"{spec!r}: {source} needs no translation model.")
    matches = [p for p in index if (p.from_code, p.to_code) == (source, target) and p.links]
    if not matches:
        offered = sorted({p.from_code for p in index if p.to_code == target})
        raise PackageNotAvailable(
            f"the package index has no {source}->{target} package. Languages it offers into {target}: "
            f"{', '.join(offered) or 'none'}.")
    return max(matches, key=lambda p: _version_key(p.package_version))


def download(package: AvailablePackage, destination: Path, progress: ProgressCallback | None = None,
             timeout: float = NETWORK_TIMEOUT) -> Path:
    """Download a package file into `destination` (a directory); tries each link in turn.

    progress(done_bytes, total_bytes_or_None) is called once with done=0 as soon as the size is
    known (before the body is read), then as data arrives.
    """
    destination.mkdir(parents=True, exist_ok=True)
    target = destination / package.file_name
    errors = []
    for link in package.links:
        try:
            with _open_url(link, timeout) as response:
                length = response.headers.get("Content-Length")
                total = int(length) if length and length.isdigit() else None
                if progress:
                    progress(0, total)
                done = 0
                with open(target, "wb") as out:
                    while chunk := response.read(1 << 20):
                        out.write(chunk)
                        done += len(chunk)
                        if progress:
                            progress(done, total)
            if total is not None and done != total:
                raise OSError(f"download stopped after {done} of {total} bytes")
            return target
        except Exception as exc:
            errors.append(f"{link}: {_reason(exc)}")
            target.unlink(missing_ok=True)
    raise IndexUnreachable(f"could not download {package.file_name}: {'; '.join(errors) or 'no http(s) link'}.")


def install_language(spec: str, directory: str | Path | None = None, url: str | None = None,
                     progress: ProgressCallback | None = None, timeout: float = NETWORK_TIMEOUT,
                     index: list[AvailablePackage] | None = None) -> InstalledPackage:
    """Find 'de' (de->en) or 'en-de' in the index, download it, verify it, install it.

    Without network this fails within a few seconds with IndexUnreachable, whose message says
    how to install from a file instead.
    """
    source, target = parse_pair(spec)
    try:
        if index is None:
            index = read_index(url, timeout)
    except IndexUnreachable as exc:
        raise IndexUnreachable(f"{exc} {offline_hint(source, target)}") from None
    package = find_package(index, spec)
    root = packages_dir(directory)
    root.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{root.name}-download-", dir=root.parent))
    try:
        try:
            path = download(package, scratch, progress, timeout)
        except IndexUnreachable as exc:
            raise IndexUnreachable(f"{exc} {offline_hint(source, target, package)}") from None
        archive = validate_archive(path)
        if archive.pair != (package.from_code, package.to_code):
            raise PackageFileError(
                f"{package.file_name} from the index is a {'->'.join(archive.pair)} package, not "
                f"{package.from_code}->{package.to_code}; the index entry is wrong. Nothing was installed.")
        return install_from_file(path, root)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def install_missing(languages, directory: str | Path | None = None, url: str | None = None,
                    timeout: float = NETWORK_TIMEOUT) -> tuple[list[InstalledPackage], dict[str, str]]:
    """For the pipeline: install LANG->en for each language that has no package yet.

    Returns (installed packages, {language: why it was not installed}). Never raises for network
    or index problems (the run carries on and reports the languages as not translated); the index
    is read once, so an unreachable index costs one timeout, not one per language.
    """
    have = {p.from_code for p in list_installed(directory) if p.to_code == ENGLISH}
    wanted = sorted({lang for lang in languages if lang and lang not in (ENGLISH, "und") and lang not in have})
    installed: list[InstalledPackage] = []
    not_installed: dict[str, str] = {}
    if not wanted:
        return installed, not_installed
    try:
        index = read_index(url, timeout)
    except IndexUnreachable as exc:
        return installed, {lang: str(exc) for lang in wanted}
    for lang in wanted:
        try:
            installed.append(install_language(lang, directory, timeout=timeout, index=index))
        except ModelError as exc:
            not_installed[lang] = str(exc)
    return installed, not_installed
