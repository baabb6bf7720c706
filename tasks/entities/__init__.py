"""Entities: persons, organisations and locations with canonical English names, from the original text.

No model is needed. The rules follow Europe Media Monitor's recipe: gazetteers (CLDR country
names in every language through Babel, GeoNames cities, a list of well-known organisations and
persons), per-language trigger words (titles and roles), capitalised sequences with stop lists,
genitive and case endings, and rule-based name matching across spellings and scripts
(transliteration, phonetic skeletons, Jaro-Winkler on unidecoded names). Every word list lives
in tasks/rules/entities/*.toml; this package only knows the shapes of the rules.

Order of the passes over one article, and why:
1. gazetteer organisations, countries and regions (anywhere, longest match first, hyphen parts too);
2. persons from capitalised runs (known names, given names, triggers, honorifics, speech verbs);
3. unknown organisations ("Devon and Cornwall Police") from head words, outside persons;
4. surname-only mentions ("Putins", "Usjakov", "Ердогану") linked to a full name of the article;
5. cities last, and only on location-like spans (not part of a longer name: "Vladimir Putin");
6. a country's government named by its common noun ("Sjednica Vlade"), once the article's places are known.

Where things are:
- data.py: where the rule files are, read once; gazetteers.py: language rules and the alias index;
- names.py: folding, stems, transliteration and skeletons (keys that agree across scripts);
- tokens.py: words with offsets, and mentions; article.py, find_persons.py, find_organizations.py,
  find_places.py, find_landmarks.py, find_governments.py: the passes, composed in mentions.py;
- resolve.py: canonical person names, and resolving a name alone; extract.py: the stage.
"""

from tasks.entities.data import LANGS, LOC, ORG, PERSON, RULES_DIR
from tasks.entities.extract import extract_entities, extract_entities_batch
from tasks.entities.gazetteers import (Entry, Gazetteer, KnownPerson, LangRules, _calendar_words, _shared_words,
                                       gazetteer, lang_rules)
from tasks.entities.names import fold, jw, skeleton, stem, transliterate, word_variants
from tasks.entities.resolve import (english_person_name, looks_slavic, nominative_name, resolve_location,
                                    resolve_organization, resolve_person, same_person)
from tasks.entities.tokens import Mention, Tok, tokenize_words, tokens_of

__all__ = ["LANGS", "LOC", "ORG", "PERSON", "RULES_DIR", "Entry", "Gazetteer", "KnownPerson", "LangRules", "Mention",
           "Tok", "_calendar_words", "_shared_words", "english_person_name", "extract_entities",
           "extract_entities_batch", "fold", "gazetteer", "jw", "lang_rules", "looks_slavic", "nominative_name",
           "resolve_location", "resolve_organization", "resolve_person", "same_person", "skeleton", "stem",
           "tokenize_words", "tokens_of", "transliterate", "word_variants"]
