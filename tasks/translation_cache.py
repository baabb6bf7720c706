"""The sentence cache: an English sentence per (language, model, model version, sentence hash),
stored as the translation_cache table, so a sentence is translated once."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from schemas import staged_fields, staged_schema

CacheKey = tuple[str, str, str, str]  # lang, model_id, model_version, sentence_sha256


def sentence_sha256(sentence: str) -> str:
    return hashlib.sha256(sentence.encode("utf-8")).hexdigest()


class TranslationCache:
    """Sentence -> English translation, keyed by (source lang, model id, model version, sha256).

    Held in memory; the flow loads it from and appends it to the lake's translation_cache table
    via Arrow. Only translations into English are cached (text_en is always English), so the
    second leg of a pivot into another language is not stored.
    """

    # the translation_cache table's columns (schemas/tables.py) less run_id: lang, model_id, model_version,
    # sentence_sha256 (the key), text, text_en
    COLUMNS = staged_fields("translation_cache")

    def __init__(self) -> None:
        self._entries: dict[CacheKey, tuple[str, str]] = {}
        self._new: set[CacheKey] = set()
        self.hits = 0
        self.misses = 0

    @staticmethod
    def arrow_schema():
        return staged_schema("translation_cache").remove_metadata()

    @classmethod
    def from_arrow(cls, table) -> TranslationCache:
        """Load persisted entries; they are not 'new'. Columns beyond COLUMNS are ignored."""
        cache = cls()
        if table is None or table.num_rows == 0:
            return cache
        columns = {name: table.column(name).to_pylist() for name in cls.COLUMNS}
        for lang, model_id, version, sha, text, text_en in zip(*(columns[n] for n in cls.COLUMNS)):
            if None not in (lang, model_id, version, sha, text_en):
                cache._entries[(lang, model_id, version, sha)] = (text or "", text_en)
        return cache

    def get(self, lang: str, model_id: str, model_version: str, sentence: str) -> str | None:
        entry = self._entries.get((lang, model_id, model_version, sentence_sha256(sentence)))
        if entry is None:
            self.misses += 1
            return None
        self.hits += 1
        return entry[1]

    def put(self, lang: str, model_id: str, model_version: str, sentence: str, text_en: str) -> None:
        key = (lang, model_id, model_version, sentence_sha256(sentence))
        if key not in self._entries:
            self._new.add(key)
        self._entries[key] = (sentence, text_en)

    def _arrow(self, keys: Iterable[CacheKey]):
        import pyarrow as pa

        keys = sorted(keys)
        rows = {name: [] for name in self.COLUMNS}
        for key in keys:
            text, text_en = self._entries[key]
            for name, value in zip(self.COLUMNS, (*key, text, text_en)):
                rows[name].append(value)
        return pa.table(rows, schema=self.arrow_schema())

    def new_entries_arrow(self):
        """Entries added since loading, for appending to the persisted table."""
        return self._arrow(self._new)

    def take_new_entries_arrow(self):
        """Entries added since loading or since the last take; they stop being new.

        Lets each batch persist exactly the sentences it translated, whichever process ran it.
        """
        table = self._arrow(self._new)
        self._new = set()
        return table

    def to_arrow(self):
        return self._arrow(self._entries)

    def __len__(self) -> int:
        return len(self._entries)
