"""The Vietnamese edition speaks Vietnamese: its generated parts, its lineage rules and labels, its tooltips,
its data statement and its report's steps; its verdict labels fit a table column; no Vietnamese word sits in a
code span (the PDF's monospace font lacks its letters)."""
import html
import json
import re
from pathlib import Path

import pytest

from analysis import reasons as R
from analysis.contract import manifest, validate
from analysis.audit.report import step_words, steps, steps_lines

ROOT = Path(__file__).resolve().parents[1]

# The audit's English vocabulary: none of these words may reach a Vietnamese reader outside code, registry keys,
# file paths and the titles of sources (which are quoted as published).
ENGLISH = re.compile(r"\b(the|of|and|with|from|match|rounding|consistent|discrepancy|verifiable|verdict|printed|"
                     r"recomputed|reproduced|release|rule|claims?|partners?|turnover|exports|imports|share|total|"
                     r"sources?|figures?|rows?|count|year|tables?|checkable|classification|edition|maintainers|"
                     r"What it does)\b")


def readable(text: str) -> str:
    """What a reader reads of a generated part, without what may stay English: code spans, shortcodes, citations,
    URLs, file paths, registry keys, Pandoc attributes, HTML tags and the lineage's list of source ids."""
    text = re.sub(r"<code>.*?</code>", " ", text, flags=re.S)
    text = re.sub(r"Nguồn: [^\n]*?<br>", " ", text)  # a lineage entry's sources: id (publisher as published)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    text = re.sub(r"\{\{<[^>]*>\}\}", " ", text)
    text = re.sub(r"`[^`\n]*`", " ", text)
    text = re.sub(r"\[@[^\]]*\]|@[\w-]+", " ", text)
    text = re.sub(r"https?://\S+", " ", text)
    text = re.sub(r"\{#[^}]*\}", " ", text)
    text = re.sub(r"\]\(#[\w -]+\)", "] ", text)  # a link's target within the page (an anchor's id), not read
    text = re.sub(r"\b[\w-]+(?:/[\w.-]+)+\b", " ", text)  # file paths
    text = re.sub(r"\b[a-z_]+(?:\.[\w*-]+)+\b", " ", text)  # registry keys, module.function
    return text


# --- constructed cases ---------------------------------------------------------------------------------------

def test_the_vocabulary_check_sees_english_and_lets_code_keys_and_sources_pass():
    assert ENGLISH.search(readable("Quy tắc: maximum of annual totals 2001–2010."))
    assert ENGLISH.search(readable("| Tệp | Nội dung |\n| `arms/x.csv` | SIPRI exporter TIV table, Russia |"))
    assert not ENGLISH.search(readable("Bằng chứng: audit.diff.T1-02 = −1,6 tỷ USD; `data/raw/the_file.csv`; "
                                       "[@src-mof-tbtc]; analysis/audit/claims.py; {#tbl-claims}"))


def test_a_rule_in_vietnamese_keeps_the_numbers_and_names_the_step_wrote():
    # a rule is data (a catalog id and slots): each language renders the same slots
    r = R.rule("rule.arms.max", first=2001, last=2010)
    assert R.say(r, "vi") == "giá trị lớn nhất của các tổng năm, 2001–2010"
    assert R.say(r, "en") == "maximum of annual totals 2001–2010"
    assert R.say(R.rule("rule.arms.max", first=1987, last=1990), "vi") == "giá trị lớn nhất của các tổng năm, 1987–1990"
    # a number shown in the Vietnamese form: thin space between digit groups, decimal comma; a release in words
    wdi = R.rule("rule.arms.total_wdi", year=1995, release=R.release("current"), n=R.num(1_000_000))
    assert R.say(wdi, "vi") == \
        "tổng TIV của SIPRI năm 1995 trong phiên bản hiện hành (đơn vị đầy đủ của WDI chia cho 1\u2009000\u2009000)"
    assert R.say(wdi, "en") == "SIPRI TIV total for 1995 in the current release (WDI full units divided by 1,000,000)"
    assert "dưới 0,5 nghĩa là" in R.say(R.rule("rule.arms.register_vs_wdi", n=R.num(0.5)), "vi")
    # a printed number's place: a section number stays as printed; a column printed one to the right says so
    shifted = R.rule("rule.printed.cell", section="3.3", table="Bảng 2", row="Tổng số",
                     column=R.cell_column("Tăng/Giảm so với cùng kỳ (printed one column to the right)"))
    assert R.say(shifted, "vi") == ("in trong bài báo ở §3.3; Bảng 2; dòng 'Tổng số'; cột 'Tăng/Giảm so với cùng kỳ (in "
                                    "lệch sang phải một cột)'; phân tích bằng analysis/contract/printed.py")


def test_no_rule_or_label_is_found_by_its_english_text():
    """The legacy tables that matched English prose are gone: English is refused, never translated."""
    assert not any(hasattr(R, name) for name in ("rule_vi", "label_vi", "RULES_VI", "LABELS_VI", "rule_template"))
    with pytest.raises(ValueError):
        R.say("maximum of annual totals 2001–2010", "vi")


def test_a_label_in_vietnamese_names_the_partner_the_group_and_the_code_in_vietnamese():
    from analysis.audit.claims import _lab
    c13 = R.label("label.claim.figure", id="C-13", what=_lab("russia_share_before"))
    assert R.say(c13, "en") == "C-13: Russia's share before"
    assert R.say(c13, "vi") == "C-13: Tỷ trọng của Nga ở giai đoạn trước"
    c01 = R.label("label.claim.figure", id="C-01",
                  what=_lab("ratio", partner=R.partner("China"), base=R.partner("Russia")))
    assert R.say(c01, "en") == "C-01: China / Russia" and R.say(c01, "vi") == "C-01: Trung Quốc / Nga"
    t2 = {"label_msg": R.label("label.report.class", group=R.code("group", "table2"))}
    assert R.label_text("report.table2.class", t2, "vi") == "Bảng 2: xếp loại"
    gap = {"label_msg": R.label("label.report.rows.gap", group=R.code("group", "numbers"),
                                code=R.code("gap", "no_source_found"))}
    assert R.label_text("report.numbers.gap.no_source_found", gap, "vi") == \
        "Con số được in: số dòng không kiểm chứng được vì không tìm thấy nguồn nào cho con số"
    assert R.say(gap["label_msg"], "en") == "printed numbers: rows with gap 'no_source_found'"


def test_a_requests_evidence_names_each_number_by_its_label_in_the_editions_language():
    """The report's evidence lines show what a number is (its label, from the catalog), never its registry key."""
    from analysis.audit.report import evidence_words
    key = "fdi.alt.total_yoy_stated.S01"
    numbers = {key: {"label": "Total: change 2025 on 2024, as a source states it", "sources": ["S01"],
                     "label_msg": R.label("label.fdi.alt.total_yoy_stated", partner=R.partner("Total"), year=2025,
                                          base=2024)}}
    assert evidence_words([key], numbers, "vi") == \
        "Tổng số: mức thay đổi năm 2025 so với năm 2024, theo một nguồn: {" + key + "} [S01]"
    assert evidence_words([key], numbers, "en") == \
        "Total: change 2025 on 2024, as a source states it: {" + key + "} [S01]"


def test_every_rule_of_the_snakefile_is_described_in_both_catalogs():
    """Both editions' descriptions of the steps come from the catalogs (step.<rule>), neither from a docstring."""
    rules = steps("".join(p.read_text(encoding="utf-8") for p in [ROOT / "Snakefile", *sorted(ROOT.glob("workflow/rules/*.smk"))]))
    assert len(rules) > 10
    for lang in ("en", "vi"):
        missing = sorted(r["rule"] for r in rules if not step_words(r["rule"], lang))
        assert not missing, f"rules without a description (step.<rule>) in the {lang} catalog: {missing}"
    # a new rule without one shows up here, and its row would say '—' in both editions, whatever its docstring
    new = steps('rule brand_new:\n    """Does a thing."""\n    shell: step("x")\n')
    assert step_words(new[0]["rule"], "en") == ""
    assert all(x.endswith("| — |") for lang in ("en", "vi") for _, x in steps_lines(new, lang) if "brand_new" in x)


def test_each_rules_english_description_is_its_docstrings_first_sentence():
    """The English catalog's step.<rule> is what a Snakemake user reads in the rule's docstring (its first sentence):
    an edited docstring without its catalog message (or the reverse) is two descriptions of one step."""
    rules = steps("".join(p.read_text(encoding="utf-8") for p in [ROOT / "Snakefile", *sorted(ROOT.glob("workflow/rules/*.smk"))]))
    differ = [(r["rule"], r["doc"], step_words(r["rule"], "en")) for r in rules
              if r["doc"] and " ".join(r["doc"].split()) != " ".join(step_words(r["rule"], "en").split())]
    assert not differ, differ


def test_the_vietnamese_steps_table_has_the_column_the_english_one_has():
    rules = [{"rule": "validate_raw", "program": "analysis/contract/validate.py", "doc": "A docstring, not shown"}]
    en = [x for _, x in steps_lines(rules, "en") if x.startswith("|")]
    vi = [x for _, x in steps_lines(rules, "vi") if x.startswith("|")]
    assert [r.count("|") for r in vi] == [r.count("|") for r in en] == [4, 4, 4]
    assert vi[0] == "| Quy tắc | Chương trình | Chức năng |"
    assert "Kiểm tra từng tệp đầu vào theo bản kê khai" in vi[2]
    # the English edition's words come from the catalog too, not from the rule's docstring
    assert "Checks every raw input against the manifest" in en[2] and "docstring" not in en[2]


def test_the_verdict_label_fits_a_table_and_its_meaning_is_in_the_glossary():
    words = R.WORDS["vi"]
    labels = {v: words[f"verdict.{v}"] for v in ("match", "rounding", "consistent", "discrepancy", "not_verifiable")}
    # no verdict label is longer than the longest of the others had been ("không kiểm chứng được")
    assert max(len(x) for x in labels.values()) <= len("không kiểm chứng được"), labels
    assert "(" not in labels["consistent"]
    glossary = (ROOT / "manuscript" / "glossary.vi.md").read_text(encoding="utf-8")
    row = next(x for x in glossary.splitlines() if x.startswith(("| *consistent* |", "| [*consistent*]{lang=\"en\"} |")))
    assert f"| {labels['consistent']} |" in row and "chưa kiểm chứng độc lập" in row
    # the English label is as short
    assert len(R.WORDS["en"]["verdict.consistent"]) <= len("not verifiable")


def test_every_file_of_the_data_statement_has_a_vietnamese_title_and_every_gap_a_vietnamese_note():
    for pkg in (manifest.describe_raw(), manifest.describe_published()):
        for r in pkg["resources"]:
            assert r.get("x-title-vi") and not ENGLISH.search(readable(r["x-title-vi"])), r["path"]
            assert len(r.get("x-not-consulted-vi", [])) == len(r.get("x-not-consulted", [])), r["path"]
            for lic in r.get("licenses", []):
                assert lic.get("x-title-vi"), (r["path"], lic)


def test_a_vietnamese_title_or_note_that_states_other_numbers_is_refused():
    ok = {"title": "Rates of 2024", "x-title-vi": "Tỷ giá năm 2024",
          "x-not-consulted": ["Table 2 of 1 Jan 2026 not found"], "x-not-consulted-vi": ["Không thấy Bảng 2 (1/1/2026)"]}
    assert validate._metadata_problems(ok) == []
    assert [k for k, _ in validate._metadata_problems({**ok, "x-title-vi": "Tỷ giá năm 2025"})] == ["x-title-vi"]
    assert [k for k, _ in validate._metadata_problems({**ok, "x-not-consulted-vi": ["Không thấy Bảng 3"]})] == \
        ["x-not-consulted-vi[0]"]
    assert [k for k, _ in validate._metadata_problems({**ok, "x-not-consulted-vi": []})] == ["x-not-consulted-vi"]


def test_no_vietnamese_word_in_a_code_span_of_the_vietnamese_edition_sources():
    for path in [ROOT / "manuscript" / "index.vi.qmd", ROOT / "manuscript" / "glossary.vi.md"]:
        text = path.read_text(encoding="utf-8").split("\n---", 1)[-1]
        spans = [s for s in re.findall(r"`([^`\n]+)`", text) if re.search(r"[^\x00-\x7f—–…·]", s)]
        assert not spans, (path.name, spans)


# --- the built parts -----------------------------------------------------------------------------------------

VI_PARTS = ["table1.md", "table2.md", "arms_periods.md", "arms_claims.md", "text_claims.md", "discrepancies.md",
            "audit.md", "data_availability.md", "claims.md", "report.md", "rules.md", "summary.md", "lineage.html"]


def test_the_vietnamese_parts_hold_none_of_the_audits_english_words(built):
    gen = built / "manuscript" / "_generated" / "vi"
    found = {}
    for name in VI_PARTS:
        hits = sorted({m.group() for m in ENGLISH.finditer(readable((gen / name).read_text(encoding="utf-8")))})
        if hits:
            found[name] = hits
    tips = json.loads((gen / "tooltips.json").read_text(encoding="utf-8"))
    hits = sorted({m.group() for t in tips.values() for m in ENGLISH.finditer(readable(t))})
    if hits:
        found["tooltips.json"] = hits
    assert not found, found


def test_every_number_the_vietnamese_edition_shows_has_a_vietnamese_tooltip_rule_and_label(built):
    gen = built / "manuscript" / "_generated" / "vi"
    numbers = json.loads((built / "data" / "derived" / "numbers.json").read_text(encoding="utf-8"))["numbers"]
    tips = json.loads((gen / "tooltips.json").read_text(encoding="utf-8"))
    shown = set(re.findall(r"\{\{<\s*num\s+([^\s>]+)", "".join(
        (gen / n).read_text(encoding="utf-8") for n in VI_PARTS if n != "lineage.html")))
    assert shown and shown <= set(tips)
    for key, tip in tips.items():
        assert ". Quy tắc: " in tip and R.rule_text(numbers[key], "vi") in tip, key
    # every step writes every label and rule as data, which each edition renders from its catalog
    assert_every_label_and_rule_is_data(json.loads((built / "data" / "derived" / "numbers.json").read_text(
        encoding="utf-8")))


def assert_every_label_and_rule_is_data(registry: dict) -> None:
    """No registry entry (number or gap) lacks its label's data form, and no number its rule's, and each renders in
    both editions to the English the entry holds (English prose written in place of data fails here)."""
    lacking = sorted([k for k, e in registry["numbers"].items() if "label_msg" not in e or "rule_msg" not in e]
                     + [k for k, e in registry["gaps"].items() if "label_msg" not in e])
    assert not lacking, lacking
    for k, e in registry["numbers"].items():
        assert R.say(e["label_msg"], "en") == e["label"] and R.say(e["rule_msg"], "en") == e["rule"], k
        assert R.label_text(k, e, "vi") and R.rule_text(e, "vi"), k
    for k, e in registry["gaps"].items():
        assert R.say(e["label_msg"], "en") == e["label"] and R.label_text(k, e, "vi"), k


def test_the_data_form_check_fails_on_a_label_or_rule_written_as_english():
    """The check above can fail: an entry whose label or rule is prose (no data form) is found and named."""
    data = {"label": "Printed numbers audited", "label_msg": R.label("label.audit.count.all"),
            "rule": "rows of the audit", "rule_msg": R.rule("rule.audit.rows")}
    assert_every_label_and_rule_is_data({"numbers": {"audit.count.all": data}, "gaps": {}})
    for field in ("label_msg", "rule_msg"):
        prose = {k: v for k, v in data.items() if k != field}
        with pytest.raises(AssertionError, match="audit.count.all"):
            assert_every_label_and_rule_is_data({"numbers": {"audit.count.all": prose}, "gaps": {}})
    with pytest.raises(AssertionError, match="audit.gap"):
        assert_every_label_and_rule_is_data({"numbers": {}, "gaps": {"audit.gap": {"label": "Why"}}})


def test_the_vietnamese_code_spans_hold_no_vietnamese_word(built):
    gen = built / "manuscript" / "_generated" / "vi"
    for name in VI_PARTS:
        spans = [s for s in re.findall(r"`([^`\n]+)`", (gen / name).read_text(encoding="utf-8"))
                 if re.search(r"[^\x00-\x7f—–…·−]", s)]
        assert not spans, (name, spans)


def test_the_words_the_vietnamese_edition_shows_as_numbers_are_vietnamese(built):
    """A registry value shown as a word (a verdict, a unit, a list of reporters) in its Vietnamese form."""
    gen = built / "manuscript" / "_generated" / "vi"
    numbers = json.loads((built / "data" / "derived" / "numbers.json").read_text(encoding="utf-8"))["numbers"]
    shown = set(re.findall(r"\{\{<\s*num\s+([^\s>]+)", "".join((gen / n).read_text(encoding="utf-8")
                                                               for n in VI_PARTS if n != "lineage.html")))
    english = re.compile(ENGLISH.pattern + r"|\b(mn|bn|Vietnam|current|holds|partly|fully|largely)\b")
    found = {k: numbers[k]["display_vi"] for k in shown
             if numbers[k]["unit"] == "text" and english.search(numbers[k]["display_vi"])}
    assert not found, found


def test_a_vietnamese_item_names_a_run_together_partner_in_vietnamese():
    from analysis import reasons as R
    row = {"location": "Bảng 2; row 'BritishVirginIslands'; column 'Tổng vốn đăng ký (triệu USD)'", "key": "x"}
    assert R.item(row, "vi") == "Quần đảo Virgin thuộc Anh: Tổng vốn đăng ký (triệu USD)"
    row = {"location": "Bảng 2; row 'Hàn Quốc'; column 'Tổng vốn đăng ký (triệu USD)'", "key": "x"}
    assert R.item(row, "vi") == "Hàn Quốc: Tổng vốn đăng ký (triệu USD)"


def test_the_vietnamese_references_give_calendar_months_and_vietnamese_terms():
    """Pandoc's Vietnamese locale names months by the lunar calendar ("Tháng Chạp" for December); the Vietnamese
    edition's style (manuscript/vi.csl) gives calendar months, a full date in Vietnamese order, "tr." for a page."""
    qmd = (ROOT / "manuscript" / "index.vi.qmd").read_text(encoding="utf-8")
    assert re.search(r"^csl: vi\.csl$", qmd, re.M)
    pypandoc = pytest.importorskip("pypandoc", reason="pypandoc (and its pandoc) is needed to format a reference")
    doc = ("---\nlang: vi\nreferences:\n- id: a\n  type: webpage\n  author: [{literal: Bộ Công Thương}]\n"
           "  title: Xuất nhập khẩu\n  issued: {date-parts: [[2025, 12, 3]]}\n---\nXem [@a, tr. 5].\n")
    text = pypandoc.convert_text(doc, "plain", format="markdown",
                                 extra_args=["--citeproc", "--csl", str(ROOT / "manuscript" / "vi.csl")])
    assert "3 tháng 12 năm 2025" in text and "Chạp" not in text, text
    plain = pypandoc.convert_text(doc, "plain", format="markdown", extra_args=["--citeproc"])
    assert "Chạp" in plain, "pandoc's own Vietnamese locale no longer names lunar months: vi.csl may be dropped"


def test_a_unit_is_shown_in_the_words_of_the_edition():
    """Percentage points are 'điểm phần trăm' in the Vietnamese edition (not the English 'pp'); a money unit is
    'tỷ USD'; the words come from the catalogs (unit.*), a symbol stays a symbol."""
    from analysis.registry import display
    assert display(-44.1, "pp", 1, "vi") == "−44,1 điểm phần trăm"
    assert display(-44.1, "pp", 1, "en") == "−44.1 pp"
    assert display(205.2, "USD bn", 1, "vi") == "205,2 tỷ USD" and display(205.2, "USD bn", 1, "en") == "205.2 bn USD"
    assert display(1.5, "% change", 1, "vi") == "+1,5%" and display(7, "count", 0, "vi") == "7"


# --- no English word in the Vietnamese body outside the allowance ----------------------------------------------
# A word is English when it cannot be a Vietnamese syllable (an onset, a vowel nucleus, a final, as Vietnamese
# spells them), or when it is one of the few English words that can ('the').  What may stay English is listed, each
# with its reason, in tests/vi_allowed_english.csv: identifiers of the data (patterns), proper names, units,
# quoted titles.  Code spans, registry keys, file paths, URLs, citations and the lineage's list of sources are not
# body text (readable(), above).

_ONSETS = sorted("b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x".split(), key=len, reverse=True)
_FINALS = sorted("c ch m n ng nh p t i y o u".split(), key=len, reverse=True)
_NUCLEUS = re.compile(r"[aăâeêioôơuưy]{1,3}")
_ENGLISH_SYLLABLES = {"the"}


def vietnamese_syllable(word: str) -> bool:
    """Whether `word` is spelled as a Vietnamese syllable can be (tone marks aside)."""
    import unicodedata
    base = "".join(ch for ch in unicodedata.normalize("NFD", word.lower())
                   if not unicodedata.combining(ch) or ch in "\u0306\u0302\u031b")
    base = unicodedata.normalize("NFC", base)
    if word.lower() in _ENGLISH_SYLLABLES:
        return False
    for onset in [*_ONSETS, ""]:
        if base.startswith(onset):
            rest = base[len(onset):]
            for final in [*_FINALS, ""]:
                if rest.endswith(final) and _NUCLEUS.fullmatch(rest[:len(rest) - len(final)]):
                    return True
    return False


def allowance() -> tuple[list[re.Pattern], set[str]]:
    import csv
    with open(ROOT / "tests" / "vi_allowed_english.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert all(r["reason"].strip() for r in rows), "every allowance gives its reason"
    return ([re.compile(r["text"]) for r in rows if r["kind"] == "pattern"],
            {r["text"] for r in rows if r["kind"] == "word"})


def english_words(text: str) -> set[str]:
    """The words of a Vietnamese text that are English and not allowed."""
    patterns, allowed = allowance()
    text = html.unescape(text)
    text = re.sub(r"```\{=\w+\}.*?```", " ", text, flags=re.S)  # a raw block (HTML, Typst): layout code
    text = re.sub(r"\[[^\[\]\n]*\]\{lang=\"en\"\}", " ", text)  # text marked as English: a quoted title, a term
    text = re.sub(r"\{[.#][\w-]+(?: (?:[.#][\w-]+|[\w-]+=\"[^\"]*\"))*\}", " ", text)  # a Pandoc attribute block
    for p in patterns:
        text = p.sub(" ", text)
    text = readable(text)
    return {w for w in re.findall(r"[^\W\d_]+", text) if w not in allowed and not vietnamese_syllable(w)}


def test_the_english_word_check_finds_english_and_lets_vietnamese_names_and_ids_pass():
    assert english_words("Quy tắc: maximum of annual totals.") == {"maximum", "of", "annual", "totals"}
    assert english_words("the Vietnamese") == {"the", "Vietnamese"}
    assert english_words("Nhập khẩu vũ khí từ Nga năm 2022, phiên bản r2022 [SIPRI_TIVTABLE_justin2028]; T1-02, "
                         "S01; 205,2 tỷ USD; Singapore; “Russian PM Mishustin visits Vietnam”; `code span`; "
                         "audit.diff.T1-02; data/raw/x.csv; ngày 3 tháng 12 năm 2025, khuyến nghị, nghiêng") == set()
    # text marked as English (a title quoted as published, a glossary's English term) is English by declaration,
    # and a heading's attributes are markup; the same words unmarked are English found
    assert english_words('bài báo ([The Strategic Partnership]{lang="en"}) # Tóm tắt {.unnumbered #sec-abstract}') \
        == set()
    assert english_words("bài báo (The Strategic Partnership)") == {"The", "Strategic", "Partnership"}
    assert "match" in english_words('[*match*]{lang="fr"}')
    # a pattern or a word in the allowance without a reason is refused (allowance() asserts it)
    assert all(isinstance(p, re.Pattern) for p in allowance()[0])


def test_no_english_word_in_the_vietnamese_sources_outside_the_allowance():
    """The Vietnamese edition's own text (its .qmd body and glossary)."""
    found = {}
    for path in [ROOT / "manuscript" / "index.vi.qmd", ROOT / "manuscript" / "glossary.vi.md"]:
        words = english_words(path.read_text(encoding="utf-8").split("\n---\n", 1)[-1])
        if words:
            found[path.name] = sorted(words)
    assert not found, found


def test_no_english_word_in_the_vietnamese_body_outside_the_allowance(built):
    """Every generated part of the Vietnamese edition, and the tooltips of its numbers."""
    gen = built / "manuscript" / "_generated" / "vi"
    found = {}
    for path in sorted(gen.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        if path.name.startswith("lineage_"):  # the lineage's raw Typst and its popovers' data: the lineage page's
            continue                          # entries are checked in lineage.html
        words = english_words(text)
        if words:
            found[path.name] = sorted(words)
    for name in ("lineage.html",):
        words = english_words((gen / name).read_text(encoding="utf-8"))
        if words:
            found[name] = sorted(words)
    tips = json.loads((gen / "tooltips.json").read_text(encoding="utf-8"))
    words = set().union(*(english_words(t) for t in tips.values()))
    if words:
        found["tooltips.json"] = sorted(words)
    assert not found, found


# --- the Vietnamese edition's reference list --------------------------------------------------------------------

def _bib_fields(bib: str) -> list[dict]:
    pypandoc = pytest.importorskip("pypandoc", reason="pypandoc (and its pandoc) is needed to read the bibliography")
    return json.loads(pypandoc.convert_text(bib, "csljson", format="bibtex"))


def test_the_vietnamese_reference_list_says_in_vietnamese_what_each_copy_is():
    """What the copy read is, the weak mark, a title of ours and the source ids, as the Vietnamese edition's
    sources.bib gives them for every raw source: no English word outside the allowance once the names in them
    (the publisher, the original publisher: proper names) are set aside.  The English descriptors the edition
    used to show ("English edition", "as reposted by", "via an EIN Presswire repost", "Figures reported by",
    "Source id") are gone."""
    from analysis.manuscript import parts
    sources = parts.read_sources([str(ROOT / f"data/raw/{d}/sources.csv")
                                  for d in ("arms", "trade", "fdi", "fx", "context")])
    bib = parts.sources_bib(sources, "vi")
    for english in ("English edition", "as reposted by", "via an EIN Presswire", "Figures reported by", "Source id",
                    "Weak source", "Reprint", "mirror of", "aggregator"):
        assert english not in bib, english
    names = {s["copy_of"] for s in sources if s["copy_of"]} | {s["publisher"] for s in sources}
    supplied = {parts.reference_title(s, "vi") for s in sources if s["title_supplied"] == "yes" and not s["title"]}
    found = {}
    for e in _bib_fields(bib):
        genre = e.get("genre", "")
        for name in sorted(names, key=len, reverse=True):
            genre = genre.replace(name, " ")
        said = " ".join([genre, e.get("note", "")] + [e["title"] for t in supplied if e["title"] == t])
        if english_words(said):
            found[e["id"]] = sorted(english_words(said))
    assert not found, found
    # each kind of copy and the weak mark reach the list (a source of each, read by hand from the raw sources.csv)
    by_id = {e["id"]: e for e in _bib_fields(bib)}
    assert by_id["src-s03"]["genre"] == "Bản tiếng Anh"
    assert by_id["src-vns-20240711"]["author"][0]["literal"] == "EIN Presswire"
    assert by_id["src-vns-20240711"]["genre"] == "Đăng lại từ Việt Nam News"
    assert by_id["src-s18"]["genre"].endswith("Nguồn yếu: số liệu có độ tin cậy thấp")
    assert by_id["src-herenews-20241219"]["title"] == "[trang không có tiêu đề]"
