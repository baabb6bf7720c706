"""Pass 0: landmarks, a name with a kind-of-place word ("Suez Canal", "canal de Suez", "Suezkanal"),
named in English whatever the language (rules/entities/landmarks.toml)."""

from __future__ import annotations

from functools import lru_cache

from tasks.entities.data import LOC, _load_toml
from tasks.entities.gazetteers import _shared_words
from tasks.entities.names import fold
from tasks.entities.tokens import Mention

_MAX_NAME_WORDS = 3


@lru_cache(maxsize=None)
def landmark_words(lang: str) -> dict[str, dict[str, str]]:
    """{"after" | "before" | "compound": {folded word: English word}} for one language, and under
    "capitalised" the words listed with a capital (English "Canal"), which must be written so."""
    spec = _load_toml("landmarks.toml").get(lang, {})
    out = {k: {fold(w): en for w, en in spec.get(k, {}).items()} for k in ("after", "before", "compound")}
    out["capitalised"] = {fold(w): w for k in ("after", "before") for w in spec.get(k, {}) if w[:1].isupper()}
    out["particle"] = {"required": "yes"} if spec.get("particle") else {}
    return out


def with_kind(name: str, word: str) -> str:
    """The English name with its kind-of-place word, once: "péninsule du Sinaï" is "Sinai Peninsula", which the
    gazetteer already spells with it, not "Sinai Peninsula Peninsula"."""
    return name if name.casefold().endswith(" " + word.casefold()) else f"{name} {word}"


class LandmarkMentions:
    def pass_landmarks(self) -> None:
        words = landmark_words(self.written_lang)
        if not any(words.values()):
            return
        toks, particles = self.toks, _shared_words("name_particles")
        for t in toks:
            if t.i in self.used:
                continue
            if t.f in words["capitalised"] and not t.cap:
                continue  # "the canal", "a bridge": a common noun
            if t.f in words["after"] and t.i > 0 and t.joined:
                # "Suez Canal", "Balmoral slott": the name is the capitalised words right before
                a = t.i
                while a > 0 and t.i - a < _MAX_NAME_WORDS and toks[a].joined and self.name_cap(toks[a - 1]) \
                        and not self.is_stop(toks[a - 1]) and (a - 1) not in self.used:
                    a -= 1
                if a < t.i and not all(self.is_calendar(x) for x in toks[a:t.i]):
                    self._add_landmark(a, t.i, t.i + 1, words["after"][t.f])
            elif t.f in words["before"]:
                # "canal de Suez", "Schloss Balmoral": the name follows, maybe after one particle
                k = t.i + 1
                if k < len(toks) and toks[k].joined and toks[k].f in particles and not toks[k].cap:
                    k += 1
                elif words["particle"] and not (k < len(toks) and toks[k].start > t.end and
                                                toks[k].full_start < toks[k].start):
                    continue  # "Península Ibérica": no particle, so an adjective follows
                b = k
                while b < len(toks) and toks[b].joined and b - k < _MAX_NAME_WORDS and self.name_cap(toks[b]) \
                        and not self.is_stop(toks[b]) and b not in self.used:
                    b += 1
                if b > k:
                    self._add_landmark(k, b, b, words["before"][t.f], start=t.i)
            elif t.cap and words["compound"]:
                ending = next((e for e in sorted(words["compound"], key=len, reverse=True)
                               if t.f.endswith(e) and len(t.f) - len(e) >= 3), None)
                if ending is not None:
                    name = t.text[: len(t.text) - len(ending)]
                    english = self._english_place(name.rstrip("-"))
                    if name[:1].isupper() and (name.endswith("-") or english is not None):
                        self.add(Mention(LOC, with_kind(english or name.rstrip('-'), words['compound'][ending]),
                                         t.start, t.end, (t.i,), "landmark"))

    def _add_landmark(self, a: int, b: int, end: int, word: str, start: int | None = None) -> None:
        """Tokens a..b-1 are the name; the mention spans start (or a) .. end-1."""
        name_toks = self.toks[a:b]
        entry = self.lookup(a, b - a, allow_city=True)
        name = entry.name if entry is not None and entry.type == LOC else " ".join(t.text for t in name_toks)
        first = self.toks[a if start is None else start]
        self.add(Mention(LOC, with_kind(name, word), first.start, self.toks[end - 1].end,
                         tuple(range(a if start is None else start, end)), "landmark"))

    def _english_place(self, name: str) -> str | None:
        """The listed place a word names, in English ("Lissabon" -> Lisbon), else None."""
        key = (fold(name),)
        entries = [e for e in list(self.g.exact.get(key, ())) + list(self.lang_index.get(key, ())) if e.type == LOC]
        return max(entries, key=lambda e: e.rank()).name if entries else None
