"""The shipped manuscript, both editions (docs/index.* in English, docs/vi.* in Vietnamese, HTML and PDF):
made from the current inputs, and every number in it the registry's, in the edition's form.  Needs no
Quarto: it rebuilds the derived data in a temporary copy and compares.  (tests/test_rendered.py renders
afresh where Quarto is installed.)
"""
import html
import json
import re

import pytest

from analysis.manuscript import parts as manuscript, render
from tests.conftest import ROOT

pytestmark = pytest.mark.workflow
DOCS = ROOT / "docs"
RERENDER = ("re-render: install Quarto >= 1.7 (python -m analysis.package.install_quarto, or https://quarto.org), run "
            "`snakemake -c2` (it renders docs/index.* and docs/vi.*, HTML and PDF), and commit docs/")
LINK = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.S)
# Each edition: its file name in docs/, its source, its generated parts and the registry's form it shows.
EDITIONS = {"index": ("manuscript/index.qmd", "manuscript/_generated", "display"),
            "vi": ("manuscript/index.vi.qmd", "manuscript/_generated/vi", "display_vi")}
LINEAGE = {"index": "lineage", "vi": "vi-lineage"}  # each edition's lineage page in docs/
# the unit words a table leaves to its header (the shortcode's `bare`; manuscript/_extensions/registry/num.lua)
UNITS = (" bn USD", " mn USD", " mn TIV", " bn TIV", " tỷ USD", " triệu USD", " triệu TIV", " tỷ TIV", "%", " pp")


@pytest.fixture(scope="module")
def fresh(built):
    """The derived data and generated parts of a fresh build of the current inputs: the suite's shared build."""
    return built


@pytest.fixture(scope="module")
def registry(fresh):
    return json.loads((fresh / "data/derived/numbers.json").read_text(encoding="utf-8"))["numbers"]


def _page(doc: str) -> str:
    return (DOCS / f"{doc}.html").read_text(encoding="utf-8")


def _used_keys(root, doc: str) -> set[str]:
    qmd, parts, _ = EDITIONS[doc]
    texts = [(root / qmd).read_text(encoding="utf-8")]
    texts += [p.read_text(encoding="utf-8") for p in (root / parts).glob("*.md")]
    return {k for t in texts for k in manuscript.keys_in(t)}


def _squash(text: str) -> str:
    """Text without layout: no whitespace of any kind, no hyphen that breaks a line."""
    text = re.sub(r"-\n", "", text)
    for space in ("\u00a0", "\u2009", "\u202f"):
        text = text.replace(space, " ")
    return re.sub(r"\s+", "", text.replace("\u200b", "").replace("\u2060", ""))


def test_docs_hold_the_html_and_the_pdf_of_both_editions():
    for name in ("index.html", "index.pdf", "vi.html", "vi.pdf", "lineage.html", "vi-lineage.html"):
        assert (DOCS / name).is_file(), f"docs/{name} is missing: {RERENDER}"


@pytest.mark.parametrize("doc", sorted(EDITIONS))
def test_shipped_render_was_made_from_the_current_inputs(fresh, doc):
    pypdf = pytest.importorskip("pypdf")
    digest = render.digest_of(fresh)
    shipped = re.search(r'<meta name="replication-digest" content="([0-9a-f]{64})"', _page(doc))
    assert shipped, f"docs/{doc}.html records no replication-digest: {RERENDER}"
    assert shipped.group(1) == digest, (
        f"docs/{doc}.html was rendered from other inputs than a fresh build gives (digest {shipped.group(1)[:12]} "
        f"shipped, {digest[:12]} now): {RERENDER}")
    pdf = pypdf.PdfReader(DOCS / f"{doc}.pdf")
    printed = render.pdf_digest(pdf.pages[-1].extract_text())
    assert printed == digest, (
        f"docs/{doc}.pdf was rendered from other inputs than a fresh build gives (digest {printed} on its last "
        f"page, {digest[:12]} now): {RERENDER}")
    # the PDF's keywords are the edition's own: no digest, no build token
    keywords = str(pdf.metadata.get("/Keywords", ""))
    assert "digest" not in keywords and digest not in keywords and "build-" not in keywords, keywords


@pytest.mark.parametrize("doc", sorted(EDITIONS))
def test_shipped_lineage_page_is_the_one_a_fresh_build_writes(fresh, doc):
    """The lineage pages are written without Quarto: from a fresh build's entries, with the build record the
    shipped page shows (its date, version and commit), the writer gives the shipped page byte for byte."""
    from analysis.manuscript import lineage_page
    shipped = _page(LINEAGE[doc])
    line = lineage_page.BUILD_LINE.search(shipped)
    found = line and [re.search(p, line.group(1)) for p in (r"\d{4}-\d\d-\d\d\b", r"\b(\d+\.\d+\.\d+\S*) ",
                                                         r"<code>([^<]*)</code>")]
    assert found and all(found), f"docs/{LINEAGE[doc]}.html records no build: {RERENDER}"
    date, version, commit = found
    build = {"build-date": date.group(0), "build-version": version.group(1),
             "build-commit": html.unescape(commit.group(1))}
    lang, parts = ("en", "manuscript/_generated") if doc == "index" else ("vi", "manuscript/_generated/vi")
    body = (fresh / parts / "lineage.html").read_text(encoding="utf-8")
    expected = lineage_page.page(body, lang, build, render.digest_of(fresh))
    assert shipped == expected, f"docs/{LINEAGE[doc]}.html is not what a fresh build writes: {RERENDER}"


@pytest.mark.parametrize("doc", sorted(EDITIONS))
def test_every_linked_number_in_the_html_shows_its_registry_value(registry, doc):
    page, form = _page(doc), EDITIONS[doc][2]
    by_anchor = {manuscript.anchor(k): k for k in registry}
    ids = set(re.findall(r'\bid="([^"]+)"', _page(LINEAGE[doc])))
    links = []
    for attrs, text in LINK.findall(page):
        if not re.search(r'\bclass="[^"]*\bnum\b', attrs):
            continue
        page_of, target = re.search(r'href="([^"#]*)#([^"]+)"', attrs).groups()
        assert page_of == f"{LINEAGE[doc]}.html", attrs
        links.append((target, html.unescape(re.sub(r"<[^>]+>", "", text)).replace("\u00a0", " ").replace("\u202f", "\u2009")))
    assert len(links) > 100

    def same(shown: str, value: str) -> bool:  # as the registry gives it, or without its unit (a table's cell)
        return shown == value or any(value == shown + unit for unit in UNITS)

    wrong = [(t, shown, registry[by_anchor[t]][form]) for t, shown in links
             if t not in by_anchor or not same(shown, registry[by_anchor[t]][form])]
    assert wrong == [], f"numbers that differ from the registry's {form} in docs/{doc}.html (target, shown, " \
                        f"registry): {wrong[:10]}; {RERENDER}"
    missing = sorted({t for t, _ in links} - ids)
    assert missing == [], f"numbers linked to no lineage entry: {missing[:10]}"


@pytest.mark.parametrize("doc", sorted(EDITIONS))
def test_the_pdf_shows_every_number_the_manuscript_uses(fresh, registry, doc):
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(DOCS / f"{doc}.pdf")
    text = _squash("\n".join(p.extract_text() for p in reader.pages))
    keys, form = _used_keys(fresh, doc), EDITIONS[doc][2]
    assert len(keys) > 100
    missing = sorted(k for k in keys if _squash(registry[k][form]) not in text)
    assert missing == [], f"registry values ({form}) not in docs/{doc}.pdf: {missing[:10]}; {RERENDER}"
    # the paper keeps to a budget: 35 pages until this round, which added 19 claims in words (49 in all), the
    # generated abstract and counts table, the open data statement, the glossary of the audit's terms and the
    # lineage's input rows; 46 leaves no room for a table or appendix to grow unnoticed
    assert len(reader.pages) <= 46, f"docs/{doc}.pdf has {len(reader.pages)} pages; the paper keeps to 46"


def test_the_vietnamese_edition_shows_vietnamese_numbers_and_words(registry):
    """Its numbers in their Vietnamese form (decimal comma, tỷ/triệu), its verdicts in Vietnamese words, and no
    English verdict, heading or label of Quarto's left in it."""
    page = _page("vi")
    text = html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)))
    text = text.replace("\u00a0", " ").replace("\u202f", "\u2009")  # the shortcode's narrow no-break space
    for key in ("fdi.top10_sum_2025", "fdi.value_2025.others", "fdi.implied_bases_sum_2024"):
        assert registry[key]["display_vi"] != registry[key]["display"] and registry[key]["display_vi"] in text
    shown = " ".join(html.unescape(t).replace("\u00a0", " ") for a, t in LINK.findall(page) if 'class="num"' in a)
    assert "tỷ USD" in shown and "triệu USD" in shown and " bn USD" not in shown and " mn USD" not in shown
    for word in ("khớp", "khớp khi làm tròn", "sai lệch", "không kiểm chứng được",
                 "nhất quán nội tại"):
        assert word in text, word
    verdicts = re.findall(r'href="[^"#]*#lineage-audit-verdict-[^"]+"[^>]*>([^<]*)</a>', page)
    assert len(verdicts) > 80 and not {"match", "rounding", "consistent", "discrepancy", "not verifiable"} & set(
        v.replace("\u00a0", " ") for v in verdicts)
    body = text.split("Phụ lục: nguồn gốc")[0]  # the lineage quotes the registry's rules, which are in English
    for english in ("Table of contents", "Other Formats", "References", "Appendix", "Verdict", "Partner side",
                    "Recomputed", "Printed", "Rule"):
        assert english not in body, english
    assert 'lang="vi"' in page and "Mục lục" in text and "Tài liệu tham khảo" in text
