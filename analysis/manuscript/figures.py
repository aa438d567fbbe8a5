"""Figures: the arms series with the article's figures overlaid, and Table 1 printed vs recomputed.

SVG (shown by the HTML and embedded in the PDF), with fixed metadata and SVG ids so that
reruns are byte-identical.  The caption credits the script (the plot does not repeat it).  Drawn at
the size they are read at, a fixed 5 in (360 pt) wide: the HTML shows them at that width on a desktop
and scales them to the text column on a phone (324 px at a 390 px window, measured in Chromium), so
their smallest type, 11 pt, is still 9.9 px there; the PDF sets them at their own size (the A4 text
column is 17 cm), so 11 pt on paper.  For that, the legend sits below the plot in one column, long
labels wrap, and the axes carry few ticks.  Each is drawn once per edition: English (arms_series.*,
table1_turnover.*) and Vietnamese (arms_series_vi.*, table1_turnover_vi.*), from the same data, with
the words of WORDS.

Run on its own:  python -m analysis.manuscript.figures --series data/derived/arms_series.csv \
    --printed data/derived/validated/published.csv --table1 data/derived/table1.csv --outdir data/derived/figures \
    --copy-svg-to manuscript/_generated
"""
from __future__ import annotations

import argparse
import io
import textwrap
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import MaxNLocator, MultipleLocator  # noqa: E402
import pandas as pd  # noqa: E402

from analysis.article import ARMS_PERIODS as PERIODS, TRADE_PARTNERS, arms_parts, table_row_slug  # noqa: E402
from analysis.io import write_bytes_atomic  # noqa: E402
from analysis.registry import convert  # noqa: E402
from analysis.words import msg  # noqa: E402

# svg.fonttype "none": the figures' words stay text (selectable, searchable, read aloud), never outlined paths
plt.rcParams.update({"svg.hashsalt": "vn-russia-replication", "svg.fonttype": "none", "font.family": "DejaVu Sans",
                     "font.size": 12,
                     "legend.fontsize": 11, "xtick.labelsize": 11, "ytick.labelsize": 11})
WIDTH = 5.0   # inches: 360 pt, 12.7 cm in the PDF, 480 px in HTML (scaled to 324 px on a phone)
SMALLEST = 11  # pt, the smallest type drawn: 11 * 324 / 360 = 9.9 px on a phone
WRAP = 44      # characters: a longer label wraps (about 270 pt at 11 pt, within the 360 pt figure)
# The figures' words in each edition: the message catalogs' ms.fig.* (analysis/words.py).
WORD_KEYS = ("russia", "others", "total_current", "total_r2022", "printed", "year", "tiv", "printed_t1", "recomputed",
             "mirror", "trade")
WORDS = {lang: {k: msg(f"ms.fig.{k}", lang) for k in WORD_KEYS} for lang in ("en", "vi")}
STEM = {"en": "{}", "vi": "{}_vi"}


def _wrap(label: str) -> str:
    """A label longer than WRAP characters on two or more lines, so that it keeps its size on a phone: before
    its parenthesis (the unit) where that is enough, else at spaces."""
    if len(label) <= WRAP:
        return label
    head, paren, tail = label.rpartition(" (")
    if paren and len(head) <= WRAP and len(paren + tail) <= WRAP:
        return f"{head}\n({tail}"
    return textwrap.fill(label, WRAP, break_on_hyphens=False)


def _figure(height: float):
    """A figure of fixed width (no tight bounding box: the SVG is WIDTH wide, whatever the labels' length)
    whose layout fits the axes, their labels and the legend below them inside it."""
    return plt.subplots(figsize=(WIDTH, height), layout="constrained")


def _legend(fig, ax, order: list[int] | None = None) -> None:
    """The legend below the plot, in one column, so that it never needs the plot's width."""
    handles, labels = ax.get_legend_handles_labels()
    if order is not None:
        handles, labels = [handles[i] for i in order], [labels[i] for i in order]
    fig.legend(handles, [_wrap(t) for t in labels], frameon=False, loc="outside lower center", ncols=1,
               fontsize=SMALLEST)


def _save(fig, outdir: Path, stem: str) -> None:
    """One SVG per figure: vector, shown by the HTML and embedded by Typst in the PDF alike (a second,
    PDF copy that nothing reads would double the step's time)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    write_bytes_atomic(outdir / f"{stem}.svg", buf.getvalue())
    plt.close(fig)


def arms_figure(series: pd.DataFrame, printed: pd.DataFrame, outdir: Path, lang: str = "en") -> None:
    """The series by supplier and release, with the article's yearly totals marked where it prints them."""
    w = WORDS[lang]
    fig, ax = _figure(4.9)
    s = series.set_index("year")
    ax.bar(s.index, s["russia_current"], color="#b2182b", label=w["russia"])
    ax.bar(s.index, s["other_current"], bottom=s["russia_current"], color="#9e9e9e", label=w["others"])
    ax.plot(s.index, s["total_current"], color="black", lw=1.2, label=w["total_current"])
    ax.plot(s.index, s["total_r2022"], color="#2166ac", lw=1.2, ls="--", label=w["total_r2022"])
    for first, last in PERIODS:  # the article's three periods, shaded and labelled at the top
        ax.axvspan(first - 0.5, last + 0.5, color="#f0f0f0" if first != 2011 else "#e0e0e0", zorder=-1)
        # on two lines: a six-year period is about 60 pt wide, as wide as 'first–last' on one line
        ax.text((first + last) / 2, 1.01, f"{first}–\n{last}", transform=ax.get_xaxis_transform(), ha="center",
                va="bottom", fontsize=SMALLEST, linespacing=1.0)
    arms = printed[printed["result"] == "arms"]
    parts = [arms_parts(k) for k in arms["recompute_key"]]
    pts = [(p["year"], convert(v, u, "TIV mn")) for p, v, u in zip(parts, arms["printed_value"], arms["unit"])
           if p.get("measure") == "total"]
    years, vals = [y for y, _ in pts], [v for _, v in pts]
    ax.scatter(years, vals, marker="D", color="#e08214", zorder=5, s=22, label=w["printed"])
    ax.set_xlabel(w["year"])
    ax.set_ylabel(w["tiv"])
    ax.set_xlim(1994.5, 2024.5)
    ax.xaxis.set_major_locator(MultipleLocator(5))
    ax.yaxis.set_major_locator(MaxNLocator(5))
    _legend(fig, ax, order=[3, 4, 0, 1, 2])  # the bars first, then the lines and the printed marks
    _save(fig, outdir, STEM[lang].format("arms_series"))


def table1_figure(table1: pd.DataFrame, printed: pd.DataFrame, outdir: Path, lang: str = "en") -> None:
    """Each partner's printed turnover beside the recomputed one and the partner's own figure."""
    w = WORDS[lang]
    rows = printed[printed["result"] == "table1"]
    by_slug = dict(zip((table_row_slug(t, r) for t, r in zip(rows["table"], rows["row"])), rows["printed_value"]))
    t1 = pd.DataFrame({"printed_value": [by_slug[k] for k in table1["partner_key"]],
                       "recomputed_value": table1["turnover_usd_bn"]})
    fig, ax = _figure(4.3)
    y = range(len(t1))
    ax.barh([i + 0.2 for i in y], t1["printed_value"], height=0.4, color="#e08214", label=w["printed_t1"])
    ax.barh([i - 0.2 for i in y], t1["recomputed_value"], height=0.4, color="#2166ac", label=w["recomputed"])
    mirror = table1.set_index("partner")["mirror_turnover_usd_bn"]
    names = table1["partner"].tolist()
    ax.scatter([mirror.get(n) for n in names], [i - 0.2 for i in y], marker="|", s=120, color="black",
               label=w["mirror"])
    # the partners as the article's Table 1 names them (Việt Nam – Trung Quốc: 'Trung Quốc') in Vietnamese
    shown = names if lang == "en" else [TRADE_PARTNERS[k][1].split("– ")[-1] for k in table1["partner_key"]]
    ax.set_yticks(list(y), shown)
    ax.invert_yaxis()
    ax.set_xlabel(_wrap(w["trade"]))
    ax.xaxis.set_major_locator(MaxNLocator(5))
    _legend(fig, ax, order=[1, 2, 0])  # printed, recomputed, then the partner's mark
    _save(fig, outdir, STEM[lang].format("table1_turnover"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Draw the figures")
    ap.add_argument("--series", required=True)
    ap.add_argument("--printed", required=True, help="the printed numbers, checked and parsed (parse_published)")
    ap.add_argument("--table1", required=True)
    ap.add_argument("--outdir", required=True)
    ap.add_argument("--copy-svg-to", help="also write the SVG files here (the manuscript's generated parts)")
    args = ap.parse_args(argv)
    printed = pd.read_csv(args.printed, keep_default_na=False, dtype={"printed_value": float})
    outdir = Path(args.outdir)
    series, table1 = pd.read_csv(args.series), pd.read_csv(args.table1)
    for lang in WORDS:  # both editions in one process: matplotlib is imported once
        arms_figure(series, printed, outdir, lang)
        table1_figure(table1, printed, outdir, lang)
        if args.copy_svg_to:
            for stem in ("arms_series", "table1_turnover"):
                svg = outdir / f"{STEM[lang].format(stem)}.svg"
                write_bytes_atomic(Path(args.copy_svg_to) / svg.name, svg.read_bytes())
    return 0


if __name__ == "__main__":
    from analysis.io import run  # the workflow's stamps: see analysis/io.py
    run(main)
