"""The one exception the readers raise: an input that is set aside, with its reason and detail."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class ReaderError(Exception):
    reason: str
    detail: str
