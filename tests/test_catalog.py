"""The message catalogs (analysis/words.py): one per language, complete, with matching placeholders, and
holding every id the code asks for."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir

from analysis import words

ROOT = Path(__file__).resolve().parents[1]


def _ids(lang):
    return {m.id if isinstance(m.id, str) else m.id[0] for m in words.catalog(lang) if m.id}


def test_both_catalogs_hold_the_same_ids():
    en, vi = _ids("en"), _ids("vi")
    assert en, "the English catalog is empty"
    assert en - vi == set(), f"ids with no Vietnamese message: {sorted(en - vi)}"
    assert vi - en == set(), f"ids with no English message: {sorted(vi - en)}"


@pytest.mark.parametrize("lang", words.LANGS)
def test_every_message_is_translated_and_not_fuzzy(lang):
    cat = words.catalog(lang)
    assert not cat.fuzzy, f"{words.po_path(lang)}: the header is marked fuzzy"
    for m in cat:
        if not m.id:
            continue
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        assert all(s.strip() for s in strings), f"{words.po_path(lang)}: {m.id!r} has an empty message"
        assert not m.fuzzy, f"{words.po_path(lang)}: {m.id!r} is marked fuzzy"
    # Babel's own checks (format strings, plural forms) find nothing
    problems = [(m.id, [str(e) for e in errs]) for m, errs in cat.check()]
    assert problems == []


def test_placeholders_match_between_languages():
    en, vi = words.messages("en"), words.messages("vi")
    for k, e in en.items():
        es = e if isinstance(e, tuple) else (e,)
        vs = vi[k] if isinstance(vi[k], tuple) else (vi[k],)
        want = words.placeholders(es[0])
        for s in (*es, *vs):
            assert words.placeholders(s) == want, f"{k!r}: placeholders {words.placeholders(s)} against {want}"


def test_plural_forms_follow_each_language():
    assert words.catalog("en").num_plurals == 2
    assert words.catalog("vi").num_plurals == 1


def _extracted(keywords: dict) -> set[tuple[str, str]]:
    return {(f, m if isinstance(m, str) else m[0])
            for f, _, m, *_ in extract_from_dir(str(ROOT / "analysis"), method_map=[("**.py", "python")],
                                                keywords=keywords)}


def test_every_id_the_code_asks_for_is_in_the_catalogs():
    """Babel's extractor finds every literal id passed to msg() or msgn() under analysis/, and every literal
    symbolic id passed to a phrase of a registry entry (reasons.phrase/label/rule; other functions of those names
    take no symbolic id, so only ids of the catalogs' form are checked)."""
    ids = _ids("en")
    found = _extracted({"msg": (1,), "msgn": (1,)})
    found |= {(f, m) for f, m in _extracted({"phrase": (1,), "label": (1,), "rule": (1,)})
              if re.fullmatch(r"(label|rule|word)\.[\w.]+", m)}
    assert len(found) > 100, "the extractor found almost no ids: has the API changed?"
    missing = sorted((f, m) for f, m in found if m not in ids)
    assert missing == []


def test_t_fills_placeholders_and_refuses_an_unknown_id():
    assert words.msg("reason.authority", "en", authority="official") == \
        "The verdict rests on a source whose authority is official."
    assert words.msg("reason.authority", "vi", authority="chính thức") == \
        "Kết luận này dựa trên một nguồn có mức tin cậy: chính thức."
    with pytest.raises(KeyError, match="no.such.id"):
        words.msg("no.such.id", "en")
    with pytest.raises(ValueError, match="xx"):
        words.catalog("xx")


def test_no_vietnamese_message_is_the_english_one():
    """A Vietnamese message identical to the English one is an untranslated copy, except a bare term that is
    the same in both (an abbreviation or a symbol) or a message made of slots only."""
    en, vi = words.messages("en"), words.messages("vi")
    same = sorted(k for k, v in vi.items() if v == en[k] and len(str(v).split()) > 1
                  and re.search(r"[^\W\d_]", re.sub(r"\{[^}]*\}", "", str(v))))  # a composition of slots only
    assert same == []


def test_plural_messages_pick_the_form_of_each_language(monkeypatch):
    """English has two forms (one, other), Vietnamese one: msgn picks by the catalog's Plural-Forms rule."""
    fake = {"en": {"x.items": ("{n} item", "{n} items")}, "vi": {"x.items": ("{n} mục",)}}
    monkeypatch.setattr(words, "messages", lambda lang: fake[lang])
    assert words.msgn("x.items", 1, "en") == "1 item"
    assert words.msgn("x.items", 2, "en") == "2 items"
    assert words.msgn("x.items", 0, "en") == "0 items"
    assert words.msgn("x.items", 1, "vi") == "1 mục" and words.msgn("x.items", 5, "vi") == "5 mục"


def test_the_vietnamese_cause_words_name_a_category_as_the_english_do():
    """English names a category ('a different period or base'); Vietnamese said 'dùng …' ('[the author] used …'),
    an act the evidence does not show (issue 22).  And 'Russia alone gives {russia}' is not 'riêng Nga chỉ là'
    ('is only'), which reads wrong for a year."""
    vi = {k: v for k, v in words.messages("vi").items() if k.startswith("word.cause.")}
    assert vi and not [k for k, v in vi.items() if v.startswith("dùng")]
    assert "chỉ là" not in words.msg("reason.reading_all", "vi", russia="{russia}")
