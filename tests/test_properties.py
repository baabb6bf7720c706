"""Property tests: arbitrary Unicode never breaks a stage, and cleaning only ever removes."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tasks.clean import remove_boilerplate, split_paragraphs
from tasks.ingest import decode_text, normalize_text
from tasks.language import detect_language, detect_paragraph_language

LINES = st.lists(
    st.one_of(
        st.text(max_size=120),
        st.sampled_from(["Leave a Reply", "NTB", "342/", ".", "Lesen Sie mehr", " date 2021-12-31 Start",
                         "Foto: Jane Doe / AP / NTB", "Wie die Nachrichtenagentur ABNA berichtet, Text folgt.",
                         "Follow Skai.gr on Google News", "", "– Sitat her, sa hun.", "Überschrift ohne Punkt"]),
    ),
    max_size=25,
)
relaxed = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@relaxed
@given(LINES)
def test_cleaning_never_raises_and_only_removes_lines_or_lead_ins(lines):
    raw = normalize_text("\n".join(lines))
    cleaned = remove_boilerplate(raw)
    raw_lines = raw.split("\n")
    for line in cleaned.text_clean.split("\n"):
        if line.strip():
            # every kept line is a raw line, or a raw line's tail after a removed lead-in/header
            assert any(r.strip() == line or r.rstrip().endswith(line) for r in raw_lines), line
    header = next((r.text for r in cleaned.removed if r.reason in ("date_header", "date_header_invalid")), "")
    for removed in cleaned.removed:
        assert removed.text in raw_lines[removed.line_no - 1]
        if removed.reason not in ("agency_lead_in", "date_header", "date_header_invalid"):
            # a whole line; the first one without the date header it shared
            whole = raw_lines[0][len(header):] if removed.line_no == 1 else raw_lines[removed.line_no - 1]
            assert removed.text == whole


@relaxed
@given(LINES)
def test_removed_plus_kept_accounts_for_every_non_blank_line(lines):
    raw = normalize_text("\n".join(lines))
    cleaned = remove_boilerplate(raw)
    whole = {r.line_no for r in cleaned.removed
             if r.reason not in ("agency_lead_in", "date_header", "date_header_invalid")}
    kept = [line for line in cleaned.text_clean.split("\n") if line.strip()]
    survivors = [i for i, line in enumerate(raw.split("\n"), start=1) if line.strip() and i not in whole]
    assert len(kept) <= len(survivors)


@relaxed
@given(st.text(max_size=300))
def test_language_detection_never_raises(text):
    lang, confidence = detect_language(text)
    assert isinstance(lang, str) and 0.0 <= confidence <= 1.0
    p_lang, p_conf = detect_paragraph_language(text, "nb")
    assert isinstance(p_lang, str) and 0.0 <= p_conf <= 1.0


@relaxed
@given(st.text(max_size=400))
def test_paragraph_offsets_point_at_their_text(text):
    clean = remove_boilerplate(normalize_text(text)).text_clean
    for start, paragraph in split_paragraphs(clean):
        assert clean[start:start + len(paragraph)] == paragraph


@relaxed
@given(st.binary(max_size=400))
def test_decoding_arbitrary_bytes_returns_text_or_a_reason(data):
    from tasks.ingest import DecodeError

    try:
        text, encoding = decode_text(data)
    except DecodeError as exc:
        assert exc.reason in {"binary", "undecodable"} and exc.detail
    else:
        assert isinstance(text, str) and encoding


ARTICLE_TEXT = st.lists(
    st.one_of(
        st.text(max_size=80),
        st.sampled_from(["Putin sa til Biden at «dette er alvorlig».", "am 07. Dezember in Genf",
                         "„Wir sind bereit“, sagte Uschakow.", "January 9-10 in Geneva", "100.000 soldater",
                         "– Vi tror, sa Peskov.", "el pasado día 7", "10 января", "3,9%", "$41.28", "«", "»", "„",
                         "President Joe Biden", "Kiew", "Москва", "Mr.", "dr. Smith", "'", "\""]),
    ),
    max_size=12,
).map(" ".join)
LANGS = st.sampled_from(["nb", "de", "en", "fr", "es", "ru", "uk", "pl", "tr", "xx", "und"])


def _article(text, lang, published=None):
    from datetime import date

    return {"article_id": "p", "text_clean": text, "lang": lang, "published": published,
            "published_precision": "day" if published else None, "title": None, "text_en": None,
            "_": date}


@relaxed
@given(ARTICLE_TEXT, LANGS)
def test_entities_never_raise_and_offsets_point_at_the_surface(text, lang):
    from tasks.entities import extract_entities

    for row in extract_entities(_article(text, lang)):
        assert text[row["start_char"]:row["end_char"]] == row["surface"]
        assert row["type"] in ("person", "organization", "location") and row["name"]


@relaxed
@given(ARTICLE_TEXT, LANGS, st.one_of(st.none(), st.dates()))
def test_dates_never_raise_and_resolve_consistently(text, lang, published):
    from tasks.dates import extract_dates, resolve_yearless

    rows = extract_dates(_article(text, lang, published))
    for row in rows:
        assert text[row["start_char"]:row["start_char"] + len(row["surface"])] == row["surface"]
        if row["date"] is not None:
            assert row["date_text"] == row["date"].isoformat()
    if published:
        for row in resolve_yearless(rows, published):
            assert not row["date_text"].startswith("--") or row["date"] is None


@relaxed
@given(ARTICLE_TEXT, LANGS)
def test_numbers_and_quotes_never_raise_and_point_at_their_text(text, lang):
    from tasks.entities import extract_entities
    from tasks.numbers import extract_numbers
    from tasks.quotes import extract_quotes

    article = _article(text, lang)
    for row in extract_numbers(article):
        assert text[row["start_char"]:row["start_char"] + len(row["surface"])] == row["surface"]
    for row in extract_quotes(article, extract_entities(article)):
        # a quote over several paragraphs is its paragraphs' words, without the marks that reopen each one:
        # its first line starts at start_char and every line follows in the text, in order
        first, *rest = row["text"].split("\n")
        assert text[row["start_char"]:row["start_char"] + len(first)] == first
        at = row["start_char"] + len(first)
        for line in rest:
            at = text.index(line, at) + len(line)
