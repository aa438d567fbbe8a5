"""The manuscript sources: no number typed by hand, every key in the registry, lineage for each.

These tests read the .qmd through pandoc's AST (pypandoc ships a pandoc binary), so they
run everywhere; the rendered HTML and PDF are tested in test_rendered.py when Quarto is present.
"""
import json
import re

import pypandoc
import pytest

from analysis import manuscript
from tests.conftest import ROOT

QMD = ROOT / "manuscript" / "index.qmd"
# Each edition: its source and the folder of its generated parts (as the .qmd includes them).
EDITIONS = {"index.qmd": "_generated/", "index.vi.qmd": "_generated/vi/"}
MD_PARTS = {"table1.md", "table2.md", "arms_periods.md", "arms_claims.md", "text_claims.md", "discrepancies.md",
            "audit.md", "data_availability.md", "lineage.md", "claims.md", "report.md", "rules.md", "summary.md"}
SHORTCODE = re.compile(r"\{\{<.*?>\}\}")
NUMERAL = re.compile(r"\d+(?:[.,]\d+)*")
YEAR = re.compile(r"(19|20)\d\d")
ORDINAL_BEFORE = re.compile(r"(Table|Tables|Bảng|Figure|Section|Appendix|Mục|Hình|Phụ lục|§)\s*$")


def _inline_text(nodes) -> str:
    """Prose of a list of inlines: citations, code and maths are not prose and are left out."""
    out = []
    for n in nodes:
        t, c = n["t"], n.get("c")
        if t == "Str":
            out.append(c)
        elif t in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif t in ("Emph", "Strong", "Underline", "Strikeout", "SmallCaps", "Superscript", "Subscript"):
            out.append(_inline_text(c))
        elif t in ("Quoted",):
            out.append(_inline_text(c[1]))
        elif t in ("Span",):
            out.append(_inline_text(c[1]))
        elif t in ("Link", "Image"):
            out.append(_inline_text(c[1]))
        elif t == "Note":
            out.append(" ".join(_blocks_text(c)))
        # Cite, Code, Math, RawInline: not prose
    return "".join(out)


def _blocks_text(blocks) -> list[str]:
    texts = []
    for b in blocks:
        t, c = b["t"], b.get("c")
        if t in ("Para", "Plain"):
            texts.append(_inline_text(c))
        elif t == "Header":
            texts.append(_inline_text(c[2]))
        elif t in ("BlockQuote",):
            texts += _blocks_text(c)
        elif t in ("BulletList",):
            for item in c:
                texts += _blocks_text(item)
        elif t == "OrderedList":
            for item in c[1]:
                texts += _blocks_text(item)
        elif t == "Div":
            texts += _blocks_text(c[1])
        elif t == "Figure":
            texts += _blocks_text(c[1][1]) + _blocks_text(c[2])
        elif t == "Table":
            texts.append(json.dumps(b))  # tables are written by the workflow, never typed in the .qmd
        # CodeBlock, RawBlock: not prose
    return texts


def _meta_text(meta) -> list[str]:
    texts = []
    for v in meta.values():
        if v["t"] == "MetaInlines":
            texts.append(_inline_text(v["c"]))
        elif v["t"] == "MetaBlocks":
            texts += _blocks_text(v["c"])
    return texts


def hand_typed_numbers(markdown: str) -> list[str]:
    """Numerals in the prose of a Quarto markdown source that are not a year, an ordinal of a
    section, table or figure, or part of a citation or shortcode."""
    ast = json.loads(pypandoc.convert_text(markdown, "json", format="markdown"))
    found = []
    for text in _meta_text(ast["meta"]) + _blocks_text(ast["blocks"]):
        text = SHORTCODE.sub(" ", text)
        for m in NUMERAL.finditer(text):
            if YEAR.fullmatch(m.group()) or ORDINAL_BEFORE.search(text[:m.start()]):
                continue
            found.append(f"{m.group()!r} in …{text[max(0, m.start() - 40):m.end() + 20]}…")
    return found


def test_checker_flags_typed_numbers_and_spares_years_ordinals_citations_shortcodes():
    assert hand_typed_numbers("The article prints 81 numbers.") == ["'81' in …The article prints 81 numbers.…"]
    assert len(hand_typed_numbers("Trade was 205,2 tỷ USD and rose 19.3%.")) == 2
    assert hand_typed_numbers("| a | b |\n|---|---|\n| x | 12 |\n\n: cap\n")  # a typed table is caught too
    assert hand_typed_numbers(
        "In 2012 and over 2001–2010, Table 1, *Bảng 2*, §3.1 and @fig-arms [see @tran2026, p. 14] "
        "show {{< num audit.count.all >}} numbers, as `analysis/v2.py` computes.") == []


@pytest.mark.parametrize("qmd", sorted(EDITIONS))
def test_manuscript_has_no_hand_typed_numbers(qmd):
    found = hand_typed_numbers((ROOT / "manuscript" / qmd).read_text(encoding="utf-8"))
    assert found == [], f"numbers typed by hand in manuscript/{qmd} (use {{{{< num key >}}}}):\n" + "\n".join(found)


@pytest.mark.parametrize("qmd", sorted(EDITIONS))
def test_manuscript_uses_the_shortcode_and_includes_every_generated_part(qmd):
    """Each edition includes every part, its own language's (the Vietnamese from _generated/vi/)."""
    text = (ROOT / "manuscript" / qmd).read_text(encoding="utf-8")
    assert manuscript.keys_in(text)  # the numbers of the prose; the findings come in generated parts
    included = set(re.findall(r"\{\{<\s*include\s+(_generated/\S+)\s*>\}\}", text))
    assert included == {EDITIONS[qmd] + n for n in MD_PARTS}


def test_the_editions_have_the_same_sections_and_link_to_each_other():
    heads = {q: re.findall(r"^#+ .*?(\{#[^ }]+)", (ROOT / "manuscript" / q).read_text(encoding="utf-8"), re.M)
             for q in EDITIONS}
    assert heads["index.qmd"] == heads["index.vi.qmd"] and len(heads["index.qmd"]) >= 15
    en, vi = ((ROOT / "manuscript" / q).read_text(encoding="utf-8") for q in ("index.qmd", "index.vi.qmd"))
    assert "](vi.html)" in en and "docs/vi.pdf" in en
    assert "](index.html)" in vi and "docs/index.pdf" in vi and "href: vi.pdf" in vi
    assert re.search(r"^lang: vi$", vi, re.M) and re.search(r"^registry-lang: vi$", vi, re.M)


def test_the_shortcode_prints_the_vietnamese_form_in_the_vietnamese_edition():
    lua = (ROOT / "manuscript/_extensions/registry/num.lua").read_text(encoding="utf-8")
    assert 'meta["registry-lang"] or meta["lang"]' in lua and "entry.display_vi" in lua


def test_an_unknown_key_stops_the_parts_naming_key_and_file():
    with pytest.raises(KeyError) as exc:
        manuscript.used_keys({"manuscript/index.qmd": "x {{< num no.such.key >}} y"}, {"a.b": {}})
    assert "no.such.key" in str(exc.value) and "manuscript/index.qmd" in str(exc.value)


def test_lineage_anchor_rule_is_the_same_in_python_and_lua():
    lua = (ROOT / "manuscript/_extensions/registry/num.lua").read_text(encoding="utf-8")
    assert 'return "lineage-" .. key:gsub("%.", "-"):gsub("%*", "x")' in lua
    assert manuscript.anchor("trade.turnover_2024.china") == "lineage-trade-turnover_2024-china"
    assert manuscript.anchor("arms.*.p2001_2010.min") == "lineage-arms-x-p2001_2010-min"


def test_no_callouts_or_executable_cells():
    """Callouts need Typst @preview packages (downloaded at render time); Quarto must run no code."""
    for f in (ROOT / "manuscript").rglob("*.qmd"):
        text = f.read_text(encoding="utf-8")
        assert ".callout" not in text, f
        assert not re.search(r"^```\{(python|r|julia|ojs)", text, re.M), f
