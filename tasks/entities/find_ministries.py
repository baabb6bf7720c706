"""Pass 2: a ministry named by its portfolio in any language, as "Ministry of <portfolio>"
(rules/entities/ministries.toml): "Ministerio de Sanidad", "Sağlık Bakanlığı" and "Helsedepartementet" are the
Ministry of Health, however the page spells the rest of its name."""

from __future__ import annotations

import re
from functools import lru_cache

from tasks.entities.data import LOC, ORG, _load_toml
from tasks.entities.find_governments import OF_COUNTRY
from tasks.entities.tokens import Mention

_OF = OF_COUNTRY | {"al", "a"}  # "Ministerul Afacerilor Externe al României"
# letters Romanian writes two ways (comma below, cedilla)
_VARIANTS = {"ț": "[țţ]", "ș": "[șş]", "Ț": "[Țţ]", "Ș": "[Șş]"}


def _spelled_either_way(words: str) -> str:
    return "".join(_VARIANTS.get(c, c) for c in words)


@lru_cache(maxsize=None)
def ministry_patterns(lang: str) -> tuple[tuple[re.Pattern, tuple[str, ...]], ...]:
    """(compiled pattern, English portfolio of each group p0, p1, ...) for each of a language's name patterns,
    then the language's acronyms as one more pattern."""
    spec = _load_toml("ministries.toml").get(lang)
    if not spec:
        return ()
    english = {"Interior": spec.get("interior", "Interior")}  # "Internal Affairs" where a ministry says so
    # one group per word, the longest first: "الصحة العامة" is Public Health before "الصحة" is Health
    words = sorted(((word, english.get(name, name)) for name, alternatives in
                    spec["portfolios"].items() for word in alternatives), key=lambda p: -len(p[0]))
    groups = "|".join(f"(?P<p{k}>{_spelled_either_way(word)})" for k, (word, _) in enumerate(words))
    names = tuple(name for _, name in words)
    out = [(re.compile(rf"(?<!\w)(?:{pattern.replace('{p}', f'(?:{groups})')})(?!\w)", re.IGNORECASE), names)
           for pattern in spec["patterns"]]
    acronyms = spec.get("acronyms", {})
    if acronyms:
        alternatives = "|".join(f"(?P<p{k}>{re.escape(a)})" for k, a in enumerate(acronyms))
        out.append((re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)"),
                    tuple(english.get(p, p) for p in acronyms.values())))
    return tuple(out)


class MinistryMentions:
    def pass_ministries(self) -> None:
        """Before the passes that take unknown organisations by their head word, which would keep the name in
        the page's language ("Ministerstwo Zdrowia")."""
        for pattern, names in ministry_patterns(self.written_lang):
            for m in pattern.finditer(self.text):
                group = next(k for k, value in enumerate(m.groups()) if value is not None)
                tokens = tuple(t.i for t in self.toks if t.start < m.end() and t.end > m.start())
                if not tokens or any(i in self.used for i in tokens):
                    continue
                end, tokens = self._whose_ministry(m.end(), tokens)
                self.add(Mention(ORG, f"Ministry of {names[group]}", m.start(), end, tokens, "ministry"))

    def _whose_ministry(self, end: int, tokens: tuple[int, ...]) -> tuple[int, tuple[int, ...]]:
        """A country named right after the ministry is part of its name, not a place of the article ("МВД
        России", "Ministry of Health of Ukraine"): the name's end and tokens grow over it."""
        k = tokens[-1] + 1
        if k < len(self.toks) and self.toks[k].f in _OF and self.toks[k].joined:
            k += 1
        country = next((m for m in self.mentions if m.type == LOC and m.tokens and m.tokens[0] == k
                        and getattr(self._entry_of.get(m.name), "kind", None) == "country"), None)
        if country is None or not self.toks[k].joined:
            return end, tokens
        self.mentions.remove(country)
        return country.end, tuple(range(tokens[0], country.tokens[-1] + 1))
