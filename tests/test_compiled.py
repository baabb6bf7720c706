"""The compiled cache: built once, loaded after, rebuilt when a source changes, never half-written."""

from __future__ import annotations

import os

import pytest

from runtime.compiled import content_key, load_compiled, load_compiled_part


@pytest.fixture()
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "compiled"
    monkeypatch.setenv("NEWSETL_CACHE_DIR", str(folder))
    return folder


def _counting_build(calls: list[int], value):
    def build():
        calls.append(1)
        return value
    return build


def test_built_once_then_loaded(cache, tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text("a = 1\n")
    calls: list[int] = []
    first = load_compiled("thing", [rules], _counting_build(calls, {"words": ["Kyiv", "Київ"]}))
    second = load_compiled("thing", [rules], _counting_build(calls, {"words": ["never built"]}))
    assert first == second == {"words": ["Kyiv", "Київ"]}
    assert calls == [1]
    assert [p.name for p in cache.iterdir()] == [f"thing-{content_key([rules])}.pickle"]


def test_a_changed_source_builds_again_and_keeps_a_few_old_versions(cache, tmp_path):
    rules = tmp_path / "rules.toml"
    calls: list[int] = []
    for version in range(6):
        rules.write_text(f"a = {version}\n")
        assert load_compiled("thing", [rules], _counting_build(calls, version)) == version
        os.utime(cache / f"thing-{content_key([rules])}.pickle", (version, version))  # oldest first
    assert len(calls) == 6
    assert len(list(cache.glob("thing-*.pickle"))) == 4  # the current one and 3 stale


def test_a_different_extra_is_a_different_key(tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text("a = 1\n")
    assert content_key([rules], "babel 2.17") != content_key([rules], "babel 2.18")


def test_a_damaged_file_is_rebuilt_and_replaced(cache, tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text("a = 1\n")
    calls: list[int] = []
    load_compiled("thing", [rules], _counting_build(calls, [1, 2, 3]))
    path = cache / f"thing-{content_key([rules])}.pickle"
    path.write_bytes(path.read_bytes()[:10])  # a truncated file, as a crash of some other writer could leave
    assert load_compiled("thing", [rules], _counting_build(calls, [1, 2, 3])) == [1, 2, 3]
    assert len(calls) == 2
    assert load_compiled("thing", [rules], _counting_build(calls, None)) == [1, 2, 3]  # the repaired file
    assert not list(cache.glob("*.tmp"))


def test_a_cache_path_that_is_a_file_builds_in_memory(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("NEWSETL_CACHE_DIR", str(blocker))
    rules = tmp_path / "rules.toml"
    rules.write_text("a = 1\n")
    assert load_compiled("thing", [rules], lambda: "built") == "built"


def test_parts_that_cannot_be_stored_are_built_once_per_process(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("NEWSETL_CACHE_DIR", str(blocker))
    calls = []

    def build_all():
        calls.append(1)
        return {"core": "the core", "names-ar": {"القاهرة": "Cairo"}}

    assert load_compiled_part("thing", "core", "k1", build_all) == "the core"
    assert load_compiled_part("thing", "names-ar", "k1", build_all) == {"القاهرة": "Cairo"}
    assert load_compiled_part("thing", "names-xx", "k1", build_all) is None
    assert calls == [1]


def test_parts_are_built_together_and_loaded_one_by_one(cache, tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text("a = 1\n")
    key, calls = content_key([rules]), []

    def build_all():
        calls.append(1)
        return {"core": "the core", "stems-pl": {"krakowie": "Kraków"}}

    assert load_compiled_part("thing", "core", key, build_all) == "the core"
    assert load_compiled_part("thing", "stems-pl", key, build_all) == {"krakowie": "Kraków"}
    assert calls == [1]  # every part was stored by the first build
    assert sorted(p.name for p in cache.iterdir()) == [f"thing-core-{key}.pickle", f"thing-stems-pl-{key}.pickle"]
    assert load_compiled_part("thing", "stems-xx", key, build_all) is None  # a part no build gives
    assert calls == [1, 1]


def test_the_gazetteer_from_the_cache_equals_the_one_built(cache):
    """The core loads alone; a language's own names, stem index and frequent words and a country's towns load when
    first asked for, equal to what the build made, and a part that does not exist builds nothing."""
    from tasks.entities.gazetteers import build_gazetteer, gazetteer, lang_rules

    gazetteer.cache_clear()
    try:
        gazetteer()  # builds and stores every part
        gazetteer.cache_clear()
        loaded = gazetteer()  # loads the core
        assert loaded.stem_cache == {} and loaded.towns.by_country == {} and loaded.frequent_words == {}
        assert loaded.by_lang == {}
        built = build_gazetteer()
        assert loaded.exact == built.exact
        assert {lang: loaded.names_in(lang) for lang in built.by_lang} == built.by_lang
        assert loaded.names_in("xx") == {}
        assert loaded.persons == built.persons and loaded.given_names == built.given_names
        assert loaded.stems_for(lang_rules("pl")) == built.stem_cache["pl"]
        assert loaded.towns.of_country("PL") == built.towns.by_country["PL"]
        assert loaded.frequent("cs") == built.frequent_words["cs"]
        assert loaded.towns.of_country("ZZ") == {}
        names = {p.name.rsplit("-", 1)[0] for p in cache.glob("gazetteer-*.pickle")}
        assert {"gazetteer-core", "gazetteer-stems-pl", "gazetteer-towns-PL", "gazetteer-frequent-cs",
                "gazetteer-names-ar"} <= names
    finally:
        gazetteer.cache_clear()
