"""The rendered manuscript (HTML and PDF), built from a clean copy of the repository.

Needs Quarto >= 1.7 on PATH and poppler's pdftotext and pdffonts; without them every test
here is skipped with the reason.  The render (docs/index.html and docs/index.pdf of the copy)
takes about 15 s, twice: a second render must give the same bytes.
"""
import html
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import manuscript
from tests.conftest import ROOT
from tests.test_workflow import _copy

QUARTO = shutil.which("quarto")
MISSING = [t for t in ("quarto", "pdftotext", "pdffonts", "pdfinfo") if not shutil.which(t)]
pytestmark = [pytest.mark.workflow,
              pytest.mark.skipif(bool(MISSING), reason=f"rendered-output tests need {', '.join(MISSING)} on PATH "
                                 "(install Quarto >= 1.7 from https://quarto.org and poppler-utils)")]


def _version(text: str) -> tuple:
    return tuple(int(x) for x in re.findall(r"\d+", text)[:2])


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    out = subprocess.run(["quarto", "--version"], capture_output=True, text=True).stdout
    if _version(out) < (1, 7):
        pytest.skip(f"Quarto {out.strip()} is older than 1.7")
    d = _copy(tmp_path_factory.mktemp("render"))
    r = subprocess.run([sys.executable, "-m", "snakemake", "-c2", "--quiet", "all"], cwd=d,
                       capture_output=True, text=True)
    assert r.returncode == 0, (r.stdout + r.stderr)[-4000:]
    return d


def _keys(root: Path) -> list[str]:
    texts = [(root / "manuscript/index.qmd").read_text(encoding="utf-8")]
    texts += [p.read_text(encoding="utf-8") for p in (root / "manuscript/_generated").glob("*.md")]
    return sorted({k for t in texts for k in manuscript.keys_in(t)})


def _squash(text: str) -> str:
    """Compare text without layout: no whitespace (ordinary or no-break) and no hyphenation at line ends."""
    text = re.sub(r"-\n", "", text)
    return re.sub(r"\s+", "", text.replace("\u00a0", " "))


def test_every_referenced_number_appears_in_html_and_pdf(rendered):
    import json
    numbers = json.loads((rendered / "data/derived/numbers.json").read_text(encoding="utf-8"))["numbers"]
    page = (rendered / "docs/index.html").read_text(encoding="utf-8")
    page_text = _squash(html.unescape(re.sub(r"<[^>]+>", " ", page)))
    pdf_text = _squash(subprocess.run(["pdftotext", "-enc", "UTF-8", str(rendered / "docs/index.pdf"),
                                       "-"], capture_output=True, text=True, check=True).stdout)
    keys = _keys(rendered)
    assert len(keys) > 100
    missing_html = [k for k in keys if _squash(numbers[k]["display"]) not in page_text]
    missing_pdf = [k for k in keys if _squash(numbers[k]["display"]) not in pdf_text]
    assert missing_html == [] and missing_pdf == []


def test_each_number_links_to_its_lineage_entry_with_a_tooltip(rendered):
    page = (rendered / "docs/index.html").read_text(encoding="utf-8")
    ids = set(re.findall(r'\bid="([^"]+)"', page))
    links = re.findall(r'<a href="#(lineage-[^"]+)"[^>]*class="num"[^>]*title="([^"]*)"', page)
    assert len(links) > 100
    assert {target for target, _ in links} <= ids
    assert all(title.strip() for _, title in links)
    assert {manuscript.anchor(k) for k in _keys(rendered)} <= ids


def test_pdf_numbers_are_links(rendered):
    """Typst writes each shortcode's link as a PDF link annotation to the lineage entry."""
    data = (rendered / "docs/index.pdf").read_bytes()
    assert len(re.findall(rb"/Subtype\s*/Link", data)) > 100


def test_cross_references_resolve(rendered):
    page = (rendered / "docs/index.html").read_text(encoding="utf-8")
    ids = set(re.findall(r'\bid="([^"]+)"', page))
    internal = set(re.findall(r'href="#([^"]+)"', page))
    assert internal <= ids, sorted(internal - ids)[:10]
    pdf_text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(rendered / "docs/index.pdf"), "-"],
                              capture_output=True, text=True, check=True).stdout
    for text in (html.unescape(re.sub(r"<[^>]+>", " ", page)), pdf_text):
        assert "?@" not in text and "??" not in text  # Quarto's and Typst's marks of an unresolved reference
        assert "Table 1 replicated" in text and "Trần Thị Diễm Trâm" in text  # diacritics survive both outputs


def test_pdf_fonts_are_embedded(rendered):
    out = subprocess.run(["pdffonts", str(rendered / "docs/index.pdf")], capture_output=True,
                         text=True, check=True).stdout.splitlines()[2:]
    assert out, "pdffonts listed no fonts"
    # columns: name, type (may contain spaces), encoding, emb, sub, uni, object ID; 'emb' is the 5th from the end
    assert all(line.split()[-5] == "yes" for line in out), out


def test_an_unknown_key_fails_the_render_naming_it(rendered):
    d = rendered / "manuscript"
    bad = d / "bad.qmd"
    bad.write_text("---\ntitle: bad\n---\n\nA {{< num no.such.key >}} here.\n", encoding="utf-8")
    try:
        r = subprocess.run(["quarto", "render", "bad.qmd", "--to", "html"], cwd=d, capture_output=True, text=True)
    finally:
        bad.unlink()
    assert r.returncode != 0
    assert "registry key not found: no.such.key" in r.stdout + r.stderr
    assert not (d / "_output" / "bad.html").exists() and not (d / "bad.html").exists()


def test_a_second_render_gives_the_same_bytes(rendered):
    before = {n: (rendered / "docs" / n).read_bytes() for n in ("index.html", "index.pdf")}
    r = subprocess.run([sys.executable, "-m", "snakemake", "-c2", "--quiet", "--forcerun", "render_html", "render_pdf",
                        "--", "render_manuscript"], cwd=rendered, capture_output=True, text=True)
    assert r.returncode == 0, (r.stdout + r.stderr)[-4000:]
    after = {n: (rendered / "docs" / n).read_bytes() for n in before}
    assert [n for n in before if before[n] != after[n]] == []


def test_render_records_its_digest_in_html_and_pdf(rendered):
    from analysis import render
    digest = render.digest_of(rendered)
    assert f'<meta name="replication-digest" content="{digest}">' in (rendered / "docs/index.html").read_text(
        encoding="utf-8")
    info = subprocess.run(["pdfinfo", str(rendered / "docs/index.pdf")], capture_output=True, text=True).stdout
    assert f"replication-digest:{digest}" in info
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages <= 25, f"the PDF has {pages} pages"
