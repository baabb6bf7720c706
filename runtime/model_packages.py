"""What an installed translation package is, and where packages live: names, errors, the packages
directory and what it holds (no network, no writes)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ENGLISH = "en"
ARGOS_INDEX_PAGE = "https://www.argosopentech.com/argospm/index/"
# argostranslate's own default, used when neither $ARGOS_PACKAGE_INDEX nor argostranslate is available.
FALLBACK_INDEX_BASE = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"
NETWORK_TIMEOUT = 5.0
USER_AGENT = "newsetl (argos-translate-lt)"
# newsetl stores Norwegian Bokmål as nb; today's Argos index says nb too, older packages said no.
_ARGOS_CODES = {"nb": ("nb", "no")}
_NEWSETL_CODE = {"no": "nb"}
_SENTENCEPIECE_FILES = ("sentencepiece.model", "bpe.model")
_VOCABULARY_SETS = (("shared_vocabulary.json",), ("shared_vocabulary.txt",),
                    ("source_vocabulary.json", "target_vocabulary.json"),
                    ("source_vocabulary.txt", "target_vocabulary.txt"))

ProgressCallback = Callable[[int, "int | None"], None]

# What an .argosmodel may unpack to. Sizes are in MB of 1024 * 1024 bytes, as NEWSETL_MAX_ITEM_MB.
MAX_MODEL_MB_ENV = "NEWSETL_MAX_MODEL_MB"
DEFAULT_MAX_MODEL_MB = 4096  # 4 GiB
MB = 1024 * 1024
# Real packages unpack to 1.1-1.5 times their zip size; a zip bomb to hundreds of times. Small
# archives (metadata, tiny test packages) may compress well, so the ratio counts from RATIO_FROM_BYTES.
MAX_COMPRESSION_RATIO = 50
RATIO_FROM_BYTES = 8 * MB


class ModelError(Exception):
    """A package operation failed; the message says what went wrong and what to do."""


class PackageFileError(ModelError):
    """A .argosmodel file is not a valid Argos package."""


class IndexUnreachable(ModelError):
    """The package index (or a download link) could not be reached."""


class PackageNotAvailable(ModelError):
    """The index has no package for the requested language pair."""


class PackageTooLarge(PackageFileError):
    """An .argosmodel unpacks to more than $NEWSETL_MAX_MODEL_MB, or compresses like a zip bomb."""


def newsetl_code(argos_code: str) -> str:
    return _NEWSETL_CODE.get(argos_code, argos_code)


def argos_codes(code: str) -> tuple[str, ...]:
    """Codes that may stand for newsetl's `code` in Argos metadata, preferred first."""
    return _ARGOS_CODES.get(code, (code,))


@dataclass(frozen=True, kw_only=True)
class PackagePair:
    """What a translation package translates, in newsetl's language codes (nb, not no)."""
    from_code: str
    to_code: str
    package_version: str
    from_name: str = ""
    to_name: str = ""

    @property
    def model_id(self) -> str:
        return f"{self.from_code}-{self.to_code}"


@dataclass(frozen=True, kw_only=True)
class InstalledPackage(PackagePair):
    path: Path

    @property
    def label(self) -> str:
        """What the articles table stores in translation_model, e.g. 'de-en 1.9'."""
        return f"{self.model_id} {self.package_version}"


@dataclass(frozen=True, kw_only=True)
class AvailablePackage(PackagePair):
    """A package of the Argos index, with Argos' own codes (no, not nb) for its file name."""
    links: tuple[str, ...]
    argos_from_code: str = ""
    argos_to_code: str = ""

    @property
    def file_name(self) -> str:
        """Argos' own file name, e.g. translate-de_en-1_9.argosmodel."""
        source, target = self.argos_from_code or self.from_code, self.argos_to_code or self.to_code
        return f"translate-{source}_{target}-{self.package_version.replace('.', '_')}.argosmodel"


# ---- where things are --------------------------------------------------------------------

def packages_dir(explicit: str | Path | None = None) -> Path:
    """explicit, else $ARGOS_PACKAGES_DIR when the user set it, else <data>/models/argos-packages
    (the data folder prepare_environment set up, else $NEWSETL_DATA, else ./data).

    The same resolver as DataPaths.argos_packages, which `newsetl run` uses."""
    from runtime.config import argos_packages_dir

    return argos_packages_dir(explicit=explicit)


def index_url(explicit: str | None = None) -> str:
    """The package index JSON URL: explicit, else $ARGOS_PACKAGE_INDEX, else argostranslate's default.

    Like argostranslate, a value ending in "/" is a base URL to which index.json is appended.
    """
    base = explicit or os.environ.get("ARGOS_PACKAGE_INDEX")
    if not base:
        try:
            from argostranslate import settings

            base = settings.package_index
        except Exception:  # argostranslate missing or unconfigured: its documented default
            base = FALLBACK_INDEX_BASE
    return base + "index.json" if base.endswith("/") else base


def parse_pair(spec: str) -> tuple[str, str]:
    """'de' -> ('de', 'en'); 'en-de' or 'en_de' -> ('en', 'de')."""
    spec = spec.strip().lower()
    for sep in ("-", "_"):
        if sep in spec:
            source, _, target = spec.partition(sep)
            if source and target and sep not in target:
                return source, target
            raise ModelError(f"{spec!r} is neither a language code (de) nor a pair (de-en).")
    if not spec.isalpha() or not 2 <= len(spec) <= 3:
        raise ModelError(f"{spec!r} is not a language code; use ISO 639-1 codes such as de, nb, fr.")
    return spec, ENGLISH


# ---- installed packages ------------------------------------------------------------------

def _read_metadata(directory: Path) -> dict:
    with open(directory / "metadata.json", encoding="utf-8") as fh:
        metadata = json.load(fh)
    if not isinstance(metadata, dict) or not metadata.get("from_code") or not metadata.get("to_code"):
        raise ValueError("metadata.json lacks from_code/to_code")
    return metadata


def _installed_from_dir(directory: Path) -> InstalledPackage:
    metadata = _read_metadata(directory)
    return InstalledPackage(
        from_code=newsetl_code(str(metadata["from_code"])), to_code=newsetl_code(str(metadata["to_code"])),
        package_version=str(metadata.get("package_version", "")), path=directory,
        from_name=str(metadata.get("from_name", "")), to_name=str(metadata.get("to_name", "")),
    )


def scan_packages(directory: str | Path | None = None) -> tuple[list[InstalledPackage], list[tuple[Path, str]]]:
    """(installed translation packages, [(broken directory, why)]) in the packages directory.

    argostranslate raises on any stray directory; here a broken one is reported, not fatal.
    Hidden entries (newsetl's staging directories) are ignored.
    """
    root = packages_dir(directory)
    packages: list[InstalledPackage] = []
    broken: list[tuple[Path, str]] = []
    if not root.is_dir():
        return packages, broken
    for entry in sorted(root.iterdir()):
        if not entry.is_dir() or entry.name.startswith("."):
            continue
        try:
            metadata = _read_metadata(entry)
            if metadata.get("type", "translate") != "translate":
                continue
            package = _installed_from_dir(entry)
        except (OSError, ValueError) as exc:
            broken.append((entry, f"unreadable metadata.json ({exc})"))
            continue
        problems = _package_dir_problems(entry)
        if problems:
            broken.append((entry, "; ".join(problems)))
        else:
            packages.append(package)
    packages.sort(key=lambda p: (p.from_code, p.to_code, p.path.name))
    return packages, broken


def list_installed(directory: str | Path | None = None) -> list[InstalledPackage]:
    """Usable installed translation packages, sorted by language pair."""
    return scan_packages(directory)[0]


def _package_dir_problems(directory: Path) -> list[str]:
    problems = []
    model = directory / "model"
    if not (model / "model.bin").is_file() or not (model / "config.json").is_file():
        problems.append("model/ lacks the CTranslate2 files model.bin and config.json")
    elif not any(all((model / name).is_file() for name in names) for names in _VOCABULARY_SETS):
        problems.append("model/ lacks a vocabulary file (shared_vocabulary.json)")
    if not any((directory / name).is_file() for name in _SENTENCEPIECE_FILES):
        problems.append("no SentencePiece model (sentencepiece.model or bpe.model)")
    return problems
