"""The figures as a reader sees them: type legible on a phone and on paper, the credit left to the caption,
the arms figure's periods labelled, and the same SVG bytes from the same data.

Drawn from constructed data with the figures' own words (both editions), so the test needs no build.
The sizes are read from the SVG itself: the figures keep their words as text elements (svg.fonttype 'none':
selectable, searchable, read aloud), each with its font-size; glyph paths (a group `translate(x y) scale(s -s)`
whose scale is the font size divided by 100, matplotlib's default) are read too, and refused by a test.  The SVG is shown at its own width where there is
room and scaled to the text column where there is not: 324 CSS px at a 390 px window (measured in
Chromium on the shipped HTML), where the smallest type must stay at 9 px or more.  The PDF sets it at its
own size if it fits the A4 text column (21 cm less 2 x 2 cm margins, manuscript/_quarto.yml), where the
smallest type must stay at 8 pt or more."""
import html
import re

import pandas as pd
import pytest

from analysis.manuscript import figures
from analysis.article import ARMS_PERIODS, TRADE_PARTNERS
from tests.test_browser import browser, served  # noqa: F401  (fixtures of the browser test, for the last test)

PHONE_COLUMN = 324        # CSS px: the figure's width in the HTML at a 390 px window
PDF_COLUMN = 17 / 2.54 * 72  # pt: the A4 text column
CREDIT = "analysis/manuscript/figures.py"  # the caption's credit


def _inputs():
    years = range(1995, 2025)
    series = pd.DataFrame({"year": list(years), "total_current": [100 + 10 * i for i, _ in enumerate(years)],
                           "russia_current": [80] * 30, "other_current": [20 + 10 * i for i, _ in enumerate(years)],
                           "total_r2022": [90 + 10 * i for i, _ in enumerate(years)]})
    printed = pd.DataFrame({
        "result": ["arms", "arms"] + ["table1"] * len(TRADE_PARTNERS),
        "recompute_key": ["arms.{release}.total.2004", "arms.{release}.p2001_2010.max"] + [""] * len(TRADE_PARTNERS),
        "printed_value": [294.0, 294.0] + [10.0 * (i + 1) for i in range(len(TRADE_PARTNERS))],
        "unit": ["TIV mn", "TIV mn"] + ["USD bn"] * len(TRADE_PARTNERS),
        "table": ["", ""] + ["Bảng 1"] * len(TRADE_PARTNERS),
        "row": ["", ""] + [vi for _, vi in TRADE_PARTNERS.values()]})
    table1 = pd.DataFrame({"partner_key": list(TRADE_PARTNERS), "partner": [en for en, _ in TRADE_PARTNERS.values()],
                           "turnover_usd_bn": [12.0 * (i + 1) for i in range(len(TRADE_PARTNERS))],
                           "mirror_turnover_usd_bn": [None, 14.0, None, None, 30.0, None]})
    return series, printed, table1


def _draw(outdir):
    series, printed, table1 = _inputs()
    for lang in figures.WORDS:
        figures.arms_figure(series, printed, outdir, lang)
        figures.table1_figure(table1, printed, outdir, lang)
    return {p.name: p.read_bytes() for p in sorted(outdir.glob("*.svg"))}


@pytest.fixture(scope="module")
def drawn(tmp_path_factory):
    return _draw(tmp_path_factory.mktemp("figures"))


def measure(svg: str) -> dict:
    """The SVG's width (viewBox units), its smallest font size (same units) and the texts it draws."""
    width = float(re.search(r'viewBox="0 0 ([\d.]+) [\d.]+"', svg).group(1))
    sizes = [100 * float(s) for s in re.findall(r'scale\(([\d.]+) -[\d.]+\)', svg)]
    sizes += [float(s) for s in re.findall(r'font-size[:=]\s*"?([\d.]+)', svg)]
    texts = re.findall(r"<!-- (.*?) -->", svg) + [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]
    return {"width": width, "smallest": min(sizes), "texts": texts}


def test_measure_reads_a_glyph_run_and_a_text_element():
    # a 10-unit run of glyphs and an 8-unit text element in a 400-unit-wide SVG
    svg = ('<svg viewBox="0 0 400 300"><!-- A --><g transform="translate(1 2) scale(0.1 -0.1)"></g>'
           '<text style="font-size: 8px">B</text></svg>')
    assert measure(svg) == {"width": 400, "smallest": 8, "texts": ["A", "B"]}


def test_the_figures_type_is_legible_on_a_phone_and_on_paper(drawn):
    assert sorted(drawn) == ["arms_series.svg", "arms_series_vi.svg", "table1_turnover.svg",
                             "table1_turnover_vi.svg"]
    for name, svg in drawn.items():
        m = measure(svg.decode())
        phone_px = m["smallest"] * PHONE_COLUMN / m["width"]
        assert phone_px >= 9, f"{name}: smallest type {m['smallest']} in {m['width']} -> {phone_px:.1f} px on a phone"
        pdf_pt = m["smallest"] * min(1, PDF_COLUMN / m["width"])
        assert pdf_pt >= 8, f"{name}: smallest type {pdf_pt:.1f} pt in the PDF"


def test_every_run_of_text_starts_inside_the_figure(drawn):
    """A label or legend entry is not cut off at the figure's edge (the layout fits them in its width)."""
    for name, svg in drawn.items():
        text = svg.decode()
        width = measure(text)["width"]
        starts = [float(x) for x in re.findall(r'translate\((-?[\d.]+) -?[\d.]+\) scale\(', text)]
        starts += [float(x) for x in re.findall(r'<text[^>]* x="(-?[\d.]+)"', text)]
        starts += [float(x) for x in re.findall(r'<text[^>]*transform="translate\((-?[\d.]+) ', text)]
        assert starts and all(0 <= x < width for x in starts), (name, min(starts), max(starts), width)


def test_the_credit_is_in_the_caption_only_and_the_periods_are_labelled(drawn):
    for name, svg in drawn.items():
        texts = measure(svg.decode())["texts"]
        assert not any(CREDIT in t or "figures.py" in t for t in texts), name
        if name.startswith("arms_series"):
            shown = " ".join(texts)
            for first, last in ARMS_PERIODS:
                assert f"{first}–" in texts and str(last) in texts, (name, first, last, shown)


def test_long_labels_wrap_before_their_unit():
    assert figures._wrap("short") == "short"
    label = "Thương mại hàng hóa với Việt Nam, 2024 (tỷ USD)"   # 47 characters, more than WRAP
    assert len(label) > figures.WRAP
    assert figures._wrap(label) == "Thương mại hàng hóa với Việt Nam, 2024\n(tỷ USD)"


def test_the_same_data_draw_the_same_bytes(drawn, tmp_path):
    assert _draw(tmp_path) == drawn


# --- the shipped HTML in a browser ---------------------------------------------------------------------

def test_the_shipped_figures_type_is_nine_px_or_more_at_390_px(request):
    """Measured where a reader meets it: each figure of both editions as Chromium lays it out at a 390 px
    window, its smallest type scaled by the width it is shown at (skipped without Chromium or docs/)."""
    import base64

    from tests import test_browser as tb
    if tb.BROWSER is None or not all((tb.DOCS / f"{p}.html").exists() for p in tb.PAGES):
        pytest.skip("needs Chromium or Chrome on PATH and docs/index.html, docs/vi.html")
    served, browser = request.getfixturevalue("served"), request.getfixturevalue("browser")
    for page in tb.PAGES:
        tb._open(browser, f"{served}{page}.html", 390)
        shown = browser.js("[...document.querySelectorAll('img.figure-img')]"
                           ".map(i => ({w: i.getBoundingClientRect().width, src: i.src}))")
        assert len(shown) == 2, page
        for i, img in enumerate(shown):
            assert img["src"].startswith("data:image/svg+xml;base64,"), page  # the HTML embeds its figures
            m = measure(base64.b64decode(img["src"].split(",", 1)[1]).decode("utf-8"))
            px = m["smallest"] * img["w"] / m["width"]
            assert px >= 9, f"docs/{page}.html, figure {i + 1}: smallest type {px:.1f} px at 390 px"


def test_the_figures_words_are_text_not_outlines(drawn):
    """A reader can select, search and hear every word of a figure: no glyph is drawn as a path."""
    for name, svg in drawn.items():
        text = svg.decode()
        assert "<text" in text and not re.search(r"<path id=\"DejaVu", text), name
        assert "<!--" not in text.split("</metadata>", 1)[-1] or not re.search(r'scale\([\d.]+ -[\d.]+\)', text), name
