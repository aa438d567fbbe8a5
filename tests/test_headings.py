"""One numbering of the headings in the HTML and the PDF, and the same table of contents in both.

The replication report is included under a section of its own (manuscript/index.qmd, a Div of class
shift-headings); manuscript/headings.lua moves its headings under that section's and drops the Div, so
that they are numbered 8.1, 8.5.1 and listed in the HTML's table of contents.  Quarto numbers HTML
headings 8.5.1 and, by default, Typst's 8.5.a: _quarto.yml sets Typst's section-numbering to 1.1.1.
Checked without Quarto (the filter through pypandoc's pandoc, the setting read from the YAML, the Typst
pattern compiled by a typst binary where there is one), and on the shipped render where it and
pdftotext are there."""
import html
import re
import shutil
import subprocess
from pathlib import Path

import pypandoc
import pytest
import yaml

from analysis.manuscript import render
from tests.conftest import ROOT

FILTER = ROOT / "manuscript" / "headings.lua"
DOCS = ROOT / "docs"
REPORT = """# Report {#sec-report}

::: {.shift-headings}
### Summary

text

#### Table 1

text
:::

# Next
"""


def test_the_filter_moves_the_report_under_its_section_and_lists_it_in_the_contents():
    out = pypandoc.convert_text(REPORT, "html", format="markdown",
                                extra_args=["--lua-filter", str(FILTER), "--number-sections", "--toc", "-s",
                                            "--section-divs"])
    numbers = re.findall(r'<h([1-6])[^>]*><span class="header-section-number">([^<]+)</span>\s*([^<]+)<', out)
    assert [(lvl, n, t.strip()) for lvl, n, t in numbers] == [
        ("1", "1", "Report"), ("2", "1.1", "Summary"), ("3", "1.1.1", "Table 1"), ("1", "2", "Next")]
    toc = re.search(r'<nav id="TOC".*?</nav>', out, re.S).group(0)
    assert re.findall(r'href="#([^"]+)"', toc) == ["sec-report", "summary", "table-1", "next"]
    assert "shift-headings" not in out


def test_the_filter_leaves_a_report_already_at_level_two_as_it_is():
    native = pypandoc.convert_text(REPORT.replace("### Summary", "## Summary").replace("#### Table", "### Table"),
                                   "native", format="markdown", extra_args=["--lua-filter", str(FILTER)])
    assert re.findall(r"Header\s+(\d)", native) == ["1", "2", "3", "1"] and "shift-headings" not in native


def test_typst_numbers_the_headings_as_the_html_does():
    conf = yaml.safe_load((ROOT / "manuscript" / "_quarto.yml").read_text(encoding="utf-8"))
    assert conf["number-sections"] is True
    assert conf["format"]["typst"]["section-numbering"] == "1.1.1"
    for qmd in ("index.qmd", "index.vi.qmd"):        # no edition sets another scheme of its own
        front = render.front_matter(ROOT / "manuscript" / qmd)
        typst = (front.get("format") or {}).get("typst") or {}
        assert typst.get("section-numbering", "1.1.1") == "1.1.1" and "section-numbering" not in front, qmd


def test_the_typst_pattern_gives_decimal_subsections(tmp_path):
    """Typst itself, where a binary is installed (on PATH or Quarto's own): the pattern numbers a third
    level heading 1.1.1, where Quarto's default 1.1.a numbers it 1.1.a."""
    quarto = shutil.which("quarto")
    bundled = sorted(Path(quarto).resolve().parent.glob("tools/*/typst")) if quarto else []
    typst = shutil.which("typst") or (str(bundled[0]) if bundled else None)
    if not typst or not shutil.which("pdftotext"):
        pytest.skip("needs a typst binary (Quarto ships one) and poppler's pdftotext")
    conf = yaml.safe_load((ROOT / "manuscript" / "_quarto.yml").read_text(encoding="utf-8"))
    pattern = conf["format"]["typst"]["section-numbering"]
    texts = {}
    for name, p in (("ours", pattern), ("default", "1.1.a")):
        src = tmp_path / f"{name}.typ"
        src.write_text(f'#set heading(numbering: "{p}")\n= Report\n== Findings\n=== Table one\n', encoding="utf-8")
        subprocess.run([typst, "compile", str(src)], check=True, capture_output=True)
        texts[name] = subprocess.run(["pdftotext", str(src.with_suffix(".pdf")), "-"], capture_output=True,
                                     text=True).stdout
    assert "1.1.1 Table one" in texts["ours"] and "1.1.a Table one" in texts["default"]


# --- the shipped render ------------------------------------------------------------------------------

def _html_headings(page: str) -> tuple[list[tuple[str, str]], list[str]]:
    """The numbered headings of a shipped page (number, words) and the numbers its table of contents lists."""
    text = (DOCS / f"{page}.html").read_text(encoding="utf-8")
    main = text.split("<main", 1)[1]
    found = re.findall(r'<h([1-6])[^>]*>\s*<span class="header-section-number">([^<]+)</span>(.*?)</h\1>', main, re.S)
    heads = [(n, re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", t))).strip()) for _, n, t in found]
    toc = re.search(r'<nav id="TOC".*?</nav>', text, re.S).group(0)
    return heads, re.findall(r'<span class="header-section-number">([^<]+)</span>', toc)


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler's pdftotext")
@pytest.mark.parametrize("page", ["index", "vi"])
def test_the_shipped_html_and_pdf_number_and_list_the_same_headings(page):
    if not all((DOCS / f"{page}.{x}").exists() for x in ("html", "pdf")):
        pytest.skip(f"docs/{page}.html or docs/{page}.pdf is not there")
    heads, toc = _html_headings(page)
    pdf = subprocess.run(["pdftotext", str(DOCS / f"{page}.pdf"), "-"], capture_output=True, text=True).stdout
    lines = [re.sub(r"\s+", " ", x).strip() for x in pdf.splitlines()]
    assert heads and not [x for x in lines if re.match(r"\d+(\.\d+)+\.[a-z] ", x)], "a PDF heading numbered 8.5.a"
    # every numbered heading of the HTML is a heading of the PDF with the same number (its first words)
    missing = [(n, t) for n, t in heads if not any(x.startswith(f"{n} {t[:20]}") for x in lines)]
    assert missing == [], f"numbered otherwise in docs/{page}.pdf: {missing[:5]}"
    # both tables of contents list the headings of the first two levels, the report's sections included
    assert toc == [n for n, _ in heads if n.count(".") <= 1]
    listed = [n for n, t in heads if n.count(".") <= 1 and any(
        re.match(rf"{re.escape(n)} {re.escape(t[:15])}.*\. \d+$", x) for x in lines)]
    assert listed == toc, f"in the HTML's contents but not the PDF's: {sorted(set(toc) - set(listed))}"
