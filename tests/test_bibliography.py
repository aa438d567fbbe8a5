"""One publication, one bibliography entry: source ids that cite the same publication share one BibTeX
entry (the others' keys its aliases), and every id stays named in it.  Constructed cases, read back by
pandoc (pypandoc ships a pandoc binary), and the raw sources' one such pair."""
import json

import pypandoc

from analysis.manuscript import parts as manuscript, render
from tests.conftest import ROOT


def _src(sid, publisher="P", title="T", date="2024-01-02", url=""):
    return {"source_id": sid, "publisher": publisher, "title": title, "date": date, "url": url}


def test_a_url_given_twice_is_one_publication_whatever_the_spelling_of_its_publisher():
    # the same page under two ids: https/http, 'www.', a trailing slash and the publisher's comma differ
    sources = [_src("ZED_2023", "VnEconomy, English", "Target", "2023", "https://www.example.org/a.htm/"),
               _src("S24", "VnEconomy English", "Target", "2023", "http://Example.org/a.htm"),
               _src("OTHER", "VnEconomy English", "Another", "2023", "https://example.org/b.htm")]
    assert manuscript.publications(sources) == {"ZED_2023": "S24", "S24": "S24", "OTHER": "OTHER"}
    bib = manuscript.sources_bib(sources)
    assert bib.count("@online{") == 2
    entries = json.loads(pypandoc.convert_text(bib, "csljson", format="bibtex"))
    assert sorted(e["id"] for e in entries) == ["src-other", "src-s24"]
    s24 = next(e for e in entries if e["id"] == "src-s24")
    assert s24["author"][0]["literal"] == "VnEconomy English" and s24["note"] == "Source ids S24, ZED_2023"
    assert manuscript.bib_keys(bib) == {"src-s24": "src-s24", "src-zed-2023": "src-s24", "src-other": "src-other"}


def test_an_alias_cites_the_one_entry_and_two_ids_of_it_are_cited_once():
    sources = [_src("A_1", url="https://x.org/p"), _src("B_2", url="https://x.org/p"), _src("C_3", title="U")]
    bib = manuscript.sources_bib(sources)
    text = pypandoc.convert_text("See [@src-b-2] and [@src-a-1].", "plain", format="markdown",
                                 extra_args=["--citeproc", "--bibliography", _write(bib)])
    # one entry in the bibliography, both citations resolved to it (no '???' of a missing key)
    assert "???" not in text and text.count("T.”") == 1, text
    keys = manuscript.bib_keys(bib)
    assert render.cite_sources("x [B_2, A_1]; y [C_3, B_2]; z [B_2, NOT_ONE]", keys) == (
        "x [@src-a-1]; y [@src-c-3; @src-a-1]; z [B_2, NOT_ONE]")


def _write(text: str) -> str:
    import tempfile
    f = tempfile.NamedTemporaryFile("w", suffix=".bib", delete=False, encoding="utf-8")
    f.write(text)
    f.close()
    return f.name


def test_a_shared_title_or_a_shared_publisher_and_date_alone_is_not_one_publication():
    sources = [_src("WDI_NEW", "World Bank", "Arms imports", "2026-04-08", "https://a.org/new.csv"),
               _src("WDI_OLD", "World Bank", "Arms imports", "2020", "https://b.org/old.csv"),     # another release
               _src("SIPRI_RUS", "SIPRI", "TIV of exports from Russia", "2022-07-28", "https://c.org/r"),
               _src("SIPRI_USR", "SIPRI", "TIV of exports from the USSR", "2022-07-28", "https://c.org/u")]
    assert set(manuscript.publications(sources).values()) == {"WDI_NEW", "WDI_OLD", "SIPRI_RUS", "SIPRI_USR"}
    assert manuscript.sources_bib(sources).count("@online{") == 4


def test_the_same_title_publisher_and_date_at_two_urls_and_a_chain_of_matches_are_one_publication():
    sources = [_src("M3", "Báo A", "Tin", "2025-01-02", "https://a.vn/tin"),
               _src("M1", "Báo A.", "tin", "2025-01-02", "https://mirror.example/tin"),   # the same article mirrored
               _src("M2", "Other", "Other title", "2024", "https://mirror.example/tin/")]  # M1's URL: one with both
    assert manuscript.publications(sources) == {"M1": "M1", "M2": "M1", "M3": "M1"}
    assert "ids = {src-m2, src-m3}" in manuscript.sources_bib(sources)


def test_the_raw_sources_hold_one_publication_under_two_ids():
    """Read by hand from data/raw/*/sources.csv: fdi's S24 and trade's VNECONOMY_EN_RU_2023 are the same
    VnEconomy English-edition article (same URL and title); the two
    World Bank rows share a title but are releases of 2020 and 2026; the two SIPRI rows of 2022-07-28 are
    different tables.  No other two rows share a URL, a title or a publisher and date."""
    paths = [ROOT / f"data/raw/{d}/sources.csv" for d in ("arms", "trade", "fdi", "fx")]
    entry = manuscript.publications(manuscript.read_sources([str(p) for p in paths]))
    merged = {i: e for i, e in entry.items() if i != e}
    assert merged == {"VNECONOMY_EN_RU_2023": "S24"}


def test_a_url_in_a_script_the_fonts_lack_is_shown_percent_encoded():
    """A Thai page's path would print as empty boxes in the PDF (its fonts have no Thai): the entry gives the
    address's URI form, worked out by hand from UTF-8 (ข = E0 B8 82, า = E0 B8 B2); Vietnamese letters stay."""
    url = "https://m.vovworld.vn/en-US/ขา/đường-1.vov"
    assert manuscript.shown_url(url) == "https://m.vovworld.vn/en-US/%E0%B8%82%E0%B8%B2/đường-1.vov"
    bib = manuscript.sources_bib([_src("TH_1", url=url)])
    assert "url = {https://m.vovworld.vn/en-US/%E0%B8%82%E0%B8%B2/đường-1.vov}" in bib


def _read(bib):
    return {e["id"]: e for e in json.loads(pypandoc.convert_text(bib, "csljson", format="bibtex"))}


def _full(sid, publisher, copy="own", copy_of="", title="T", supplied="no", standing="press", url=""):
    return {**_src(sid, publisher, title, "2024-06-19", url or f"https://{sid.lower()}.example/p"),
            "copy": copy, "copy_of": copy_of, "title_supplied": supplied, "standing": standing}


SOURCES = [_full("OWN_1", "VnEconomy", title="Own"),
           _full("EN_1", "VnEconomy", "english_edition", title="English"),
           _full("REP_1", "tannamchinh.com", "reprint", "Tuổi Trẻ"),
           _full("AGG_1", "xosothudu.com", "aggregator", "", "… loạt 'ông lớn' Nga …", standing="low"),
           _full("CDN_1", "d1.cloudfront.net", "unnamed", "Reuters", "US ambassador proposes", "yes"),
           _full("NO_TITLE", "here.news", "aggregator", "", "", "yes", standing="low"),
           _full("LOW_1", "Vietnam Investment Review", standing="low")]


def test_each_edition_says_what_the_copy_is_and_marks_weak_sources_in_its_own_words():
    """Worked by hand from the catalogs' ms.ref.* messages: the publisher is the author, alone; what the copy is and
    the weak mark are the entry's type (CSL genre, which both styles print after the title)."""
    en, vi = _read(manuscript.sources_bib(SOURCES, "en")), _read(manuscript.sources_bib(SOURCES, "vi"))
    assert sorted(en) == sorted(vi)  # the same keys: a citation resolves in both editions
    assert {k: e["author"][0]["literal"] for k, e in en.items()} == {k: e["author"][0]["literal"] for k, e in vi.items()}
    assert "genre" not in en["src-own-1"] and "genre" not in vi["src-own-1"]
    assert (en["src-en-1"]["genre"], vi["src-en-1"]["genre"]) == ("English edition", "Bản tiếng Anh")
    assert (en["src-rep-1"]["genre"], vi["src-rep-1"]["genre"]) == ("Reprint of Tuổi Trẻ", "Đăng lại từ Tuổi Trẻ")
    # weak: low standing says why; a copy that is an aggregator's or an unnamed page's says it beside the mark
    assert en["src-agg-1"]["genre"] == ("An aggregator's repost; the original is not named. Weak source: figures of "
                                        "low standing")
    assert vi["src-agg-1"]["genre"] == ("Trang tổng hợp tin đăng lại, không ghi tên nơi đăng gốc. Nguồn yếu: số liệu "
                                        "có độ tin cậy thấp")
    assert en["src-cdn-1"]["genre"] == "Copy of a Reuters report on a page that names no publisher. Weak source"
    assert vi["src-cdn-1"]["genre"] == "Bản sao một bài của Reuters trên một trang không ghi tên nơi đăng. Nguồn yếu"
    assert en["src-low-1"]["genre"] == "Weak source: figures of low standing"
    assert vi["src-low-1"]["genre"] == "Nguồn yếu: số liệu có độ tin cậy thấp"
    # a title as published keeps its apostrophes; a title of ours is in square brackets, never as if published
    assert en["src-agg-1"]["title"] == vi["src-agg-1"]["title"] == "… loạt 'ông lớn' Nga …"
    assert en["src-cdn-1"]["title"] == "[US ambassador proposes]"
    assert (en["src-no-title"]["title"], vi["src-no-title"]["title"]) == ("[untitled page]", "[trang không có tiêu đề]")
    assert (en["src-own-1"]["note"], vi["src-own-1"]["note"]) == ("Source id OWN_1", "Mã nguồn OWN_1")


def test_the_vietnamese_reference_list_shows_no_english_descriptor():
    """The descriptors the English edition shows never reach the Vietnamese one's sources.bib."""
    vi = manuscript.sources_bib(SOURCES, "vi")
    for english in ("English edition", "Reprint", "Weak source", "aggregator", "Source id", "untitled"):
        assert english not in vi, english


def test_both_editions_hand_written_references_have_the_same_keys_and_the_vietnamese_no_english_bracket():
    en = _read((ROOT / "manuscript" / "references.bib").read_text(encoding="utf-8"))
    vi = _read((ROOT / "manuscript" / "references.vi.bib").read_text(encoding="utf-8"))
    assert sorted(en) == sorted(vi)
    # the article's Vietnamese title needs no English translation in the Vietnamese edition; it has one in English
    assert "[The Vietnam–Russia" in en["tran2026"]["title"] and "[" not in vi["tran2026"]["title"]
    assert vi["tran2026"]["title"] == en["tran2026"]["title"].split(" [")[0]
    assert not [k for k, e in vi.items() if "[" in e["title"] and "(" in e["author"][0].get("literal", "")]
