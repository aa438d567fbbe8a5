"""The parts of the manuscript the workflow writes: tables, the audit, the data statement and the lineage.

Quarto runs no code.  This step writes Markdown into manuscript/_generated/ that the
.qmd files include: the English edition's parts (index.qmd) there, the Vietnamese edition's
(index.vi.qmd) in manuscript/_generated/vi/, each written in its language from the same data
(the Vietnamese reasons rendered from their structured form by analysis/reasons.py).  Every number in it is a `{{< num key >}}` shortcode (the project's
extension prints the registry's display form and links it to its lineage entry), so a
table cell and a sentence in the prose go through the same path.  The lineage appendix
covers every key the manuscript uses, in the .qmd files and in these parts; a key the
registry lacks stops this step, naming the key and the file that uses it.

Run on its own:  python -m analysis.manuscript.parts --registry data/derived/numbers.json \
    --audit data/derived/audit.csv --table1 data/derived/table1.csv --table2 data/derived/table2.csv \
    --qmd manuscript/index.qmd --qmd-vi manuscript/index.vi.qmd \
    --outdir manuscript/_generated
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
import urllib.parse
from pathlib import Path

import pandas as pd

from analysis import escape as esc, reasons as R
from analysis.article import ARMS_PERIODS as PERIODS, FDI_OTHER_ROWS, FDI_PARTNERS, TRADE_PARTNERS
from analysis.io import read_csv_rows, read_json, rel, run, write_text_atomic
from analysis.registry import shortcode
from analysis.words import has, msg, msgn

SHORTCODE = re.compile(r"\{\{<\s*num\s+([^\s>]+)(?:\s+bare)?\s*>\}\}")
# The files that show registry numbers, each named by the catalog (ms.place.*) where the lineage says where a number
# is shown: the manuscript's text, the parts this module writes, and the audit's parts (analysis/audit/report.py,
# analysis/audit/claims.py).
PLACE_PARTS = ("abstract", "counts", "table1", "table2", "arms_periods", "arms_claims", "text_claims", "discrepancies",
               "audit", "data_availability")
PLACE_AUDIT_PARTS = ("rules", "claims", "report", "summary")


def place_names(lang: str) -> dict[str, str]:
    """Each file of the edition that may show a registry number -> its name in the edition's language."""
    sub, text = ("/vi", "manuscript/index.vi.qmd") if lang == "vi" else ("", "manuscript/index.qmd")
    return {text: msg("ms.place.text", lang)} | \
        {f"_generated{sub}/{p}.md": msg(f"ms.place.{p}", lang) for p in PLACE_PARTS} | \
        {f"manuscript/_generated{sub}/{p}.md": msg(f"ms.place.{p}", lang) for p in PLACE_AUDIT_PARTS}


PLACES = place_names("en")
num = shortcode  # a registry number in a generated part


def anchor(key: str) -> str:
    """The id of a key's lineage entry (the same rule as the shortcode's Lua code)."""
    return "lineage-" + key.replace(".", "-").replace("*", "x")


def cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def pipe_table(header: list[str], rows: list[list[str]], caption: str, label: str,
               widths: list[int] | None = None, align: str | None = None) -> str:
    """A pipe table.  `align`, one letter a column ('l' or 'r'), sets the alignment: numbers right, text
    left.  Without `widths` the columns follow their content in the HTML and the PDF (the render's filter,
    manuscript/headings.lua, clears the equal widths pandoc would fix); `widths`, relative column widths,
    become the separator's dashes for a table whose text needs a set share of the page."""
    align = align or "l" * len(header)
    dashes = ["-" * w for w in widths] if widths else ["---"] * len(header)
    dashes = [(":" + d if a == "l" else d + ":") for d, a in zip(dashes, align)]
    # a header's unit in parentheses is one word: "(bn USD)" never splits across lines; a longer aside in
    # parentheses (a release's description, "(Ngân hàng Thế giới, 2026)") wraps between its words, else its column
    # is as wide as the whole phrase and the table scrolls on a desktop
    header = [re.sub(r"\(([^() ]*(?: [^() ]*)?)\)", lambda m: "(" + m.group(1).replace(" ", "\u00a0") + ")", h)
              for h in header]
    out = ["| " + " | ".join(header) + " |", "|" + "|".join(dashes) + "|"]
    out += ["| " + " | ".join(cell(c) for c in r) + " |" for r in rows]
    return "\n".join(out) + f"\n\n: {caption} {{#{label}}}\n"


def bare(key: str) -> str:
    """A registry number without its unit, for a column whose header names the unit."""
    return f"{{{{<num {key} bare>}}}}"


def maybe(numbers: dict, key: str, unit: bool = True) -> str:
    return (num(key) if unit else bare(key)) if key in numbers else "—"


def keys_in(text: str) -> list[str]:
    return SHORTCODE.findall(text)


# --- the parts -------------------------------------------------------------------

def _value(numbers: dict, key: str):
    """A registry number's value (None when the registry lacks it)."""
    return numbers[key]["value"] if key in numbers else None


def _join_words(items: list[str], lang: str) -> str:
    """A list in words: 'a, b and c' (Vietnamese 'a, b và c')."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + msg("ms.and", lang) + items[-1]


def abstract_part(numbers: dict, audit: pd.DataFrame, lang: str = "en") -> str:
    """The abstract a journal prints, generated: what is replicated, on what evidence, the verdict on the
    printed numbers and on the claims in words with its basis (each kind classed on its own, never pooled),
    and the errors found, each with its printed and its recomputed value.  Every count is a registry key."""
    def category_word(c: str, lang: str) -> str:
        """A cause category in words: the catalog's (word.category.*, else ms.cause.*), else its code."""
        for mid in (f"word.category.{c}", f"ms.cause.{c}"):
            if has(mid, lang):
                return msg(mid, lang)
        return c.replace("_", " ")
    n = lambda k: num(k)
    out = [msg("ms.abstract.what", lang, printed=n("audit.count.all"), claims=n("report.claims.n")),
           msg("ms.abstract.checked", lang, n=n("report.numbers.n"), checkable=n("report.numbers.checkable"),
               coverage=n("report.numbers.coverage"), mixed=n("report.numbers.mixed"),
               article_only=n("report.numbers.article_only"), not_verifiable=n("report.numbers.not_verifiable"))]
    if (_value(numbers, "report.table2.gap.source_not_consulted") or 0) > 0:
        out[-1] = out[-1].rstrip(".") + msg("ms.abstract.table2_gap", lang,
                                            k=n("report.table2.gap.source_not_consulted"))
    authority = [(a, _value(numbers, f"report.numbers.authority.{a}") or 0)
                 for a in ("official", "secondary", "third_party_copy")]
    if any(v for _, v in authority):
        out.append(msg("ms.abstract.authority", lang, items=_join_words(
            [msg(f"ms.abstract.authority.{a}", lang, k=n(f"report.numbers.authority.{a}")) for a, v in authority if v],
            lang)))
    out.append(msg("ms.abstract.reproduced", lang, reproduced=n("report.numbers.reproduced"),
                   discrepancy=n("report.numbers.discrepancy"), checkable=n("report.numbers.checkable")))
    if _value(numbers, "report.numbers.discrepancy_same_source"):
        out.append(msg("ms.abstract.same_source", lang, same_source=n("report.numbers.discrepancy_same_source"),
                       discrepancy=n("report.numbers.discrepancy")))
    cov, need = _value(numbers, "report.numbers.coverage"), _value(numbers, "report.threshold.coverage")
    if _value(numbers, "report.numbers.class") == "not verifiable" and cov is not None and need is not None \
            and float(cov) < float(need):
        out.append(msg("ms.abstract.class_thin", lang, threshold=n("report.threshold.coverage"),
                       cls=n("report.numbers.class")))
    else:
        out.append(msg("ms.abstract.class", lang, cls=n("report.numbers.class"), share=n("report.numbers.share")))
    if "report.numbers.class_all_alt" in numbers and \
            _value(numbers, "report.numbers.class_all_alt") != _value(numbers, "report.numbers.class"):
        out.append(msg("ms.abstract.class_alt", lang, cls=n("report.numbers.class_all_alt")))
    out.append(msg("ms.abstract.claims", lang, n=n("report.claims.n"), holds=n("report.claims.holds"),
                   partly=n("report.claims.partly"), does_not_hold=n("report.claims.does_not_hold"),
                   not_decided=n("report.claims.not_decided"), article_only=n("report.claims.article_only"),
                   cls=n("report.claims.class")))
    wrong = audit[audit["verdict"] == "discrepancy"]
    basis = wrong["basis"].fillna("") if "basis" in wrong else pd.Series("independent", index=wrong.index)
    def item(a, cause: bool = False) -> str:
        """One error: its printed and recomputed values; a printed value found wrong on the article alone (impossible
        on its face) beside a recomputed value that rests on a source too: said so, never as the article's own
        figures alone, the source cited as a bracketed id (a citation in the render).  `cause`: the likeliest cause
        is said right after the printed figure, the figure it is the cause of."""
        printed = num(f"printed.{a['id']}")
        if cause:
            printed += " " + msg("ms.abstract.printed_cause", lang, cause=category_word(a["category"], lang))
        slots = {"item": esc.md_text(R.item(a, lang)), "printed": printed}
        if a["key"] not in numbers:
            return msg("ms.abstract.error_printed", lang, **slots)
        srcs = numbers[a["key"]].get("sources") or []
        if a.get("basis") == "article_only" and srcs:  # wrong on its face, beside a value that rests on a source
            return msg("ms.abstract.error_article_alone", lang, **slots, recomputed=num(a["key"]), sources=", ".join(srcs))
        return msg("ms.abstract.error", lang, **slots, recomputed=num(a["key"]))
    # the discrepancies on independent evidence, counted by report.numbers.discrepancy, by cause; those found only
    # against the article's own figures (alone or with a source) apart, each counted by its own key: the count and
    # the list of one sentence are the same rows
    ind = wrong[basis == "independent"]
    if len(ind):
        groups = []
        for cat in dict.fromkeys(ind["category"]):
            groups.append(f"*{category_word(cat, lang)}*: " + "; ".join(item(a) for _, a in
                                                                     ind[ind["category"] == cat].iterrows()))
        out.append(msg("ms.abstract.errors", lang, n=n("report.numbers.discrepancy"), groups=" — ".join(groups)))
    for b in ("mixed", "article_only"):
        rows = wrong[basis == b]
        if len(rows):
            out.append(msgn(f"ms.abstract.errors_own.{b}", len(rows), lang, k=n(f"report.numbers.{b}_differ"),
                            items="; ".join(item(a, cause=True) for _, a in rows.iterrows())))
    return " ".join(out) + "\n"


def _attr(text: str) -> str:
    """Text as a quoted attribute value of a Markdown image (fig-alt="..."): no quote, backslash or line break of
    its own."""
    return " ".join(str(text).replace("\\", "/").replace('"', "'").split())


def _shown(numbers: dict, key: str, lang: str) -> str:
    e = numbers[key]
    return e["display"] if lang == "en" else e.get("display_vi", e["display"])


def figure_table1_part(t1: pd.DataFrame, audit: pd.DataFrame, numbers: dict, lang: str = "en") -> str:
    """Table 1's figure, with its alternative text written from the data it draws: each partner's printed, recomputed
    and partner-side turnover."""
    printed = audit[audit["result"] == "table1"].set_index("key")
    items = []
    for _, r in t1.iterrows():
        p = r["partner_key"]
        name = r["partner"] if lang == "en" else TRADE_PARTNERS[p][1].split("– ")[-1]
        mirror = f"trade.mirror_turnover_2024.{p}"
        items.append(msg("ms.fig.table1.alt.item", lang, partner=name,
                         printed=_shown(numbers, f"printed.{printed.loc[f'trade.turnover_2024.{p}', 'id']}", lang),
                         recomputed=_shown(numbers, f"trade.turnover_2024.{p}", lang))
                     + (msg("ms.fig.table1.alt.mirror", lang, mirror=_shown(numbers, mirror, lang))
                        if mirror in numbers else ""))
    alt = msg("ms.fig.table1.alt", lang, items="; ".join(items))
    src = "table1_turnover.svg" if lang == "en" else "table1_turnover_vi.svg"
    return f'![{msg("ms.fig.table1.caption", lang)}](_generated/{src}){{#fig-table1 fig-alt="{_attr(alt)}"}}\n'


def figure_arms_part(numbers: dict, lang: str = "en") -> str:
    """The arms series' figure, with its alternative text written from the registry: each period's lowest and
    highest year in the current release, and the printed figures marked."""
    periods = []
    for first, last in PERIODS:
        base = f"arms.current.p{first}_{last}"
        if f"{base}.max" in numbers:
            periods.append(msg("ms.fig.arms.alt.period", lang, first=first, last=last,
                               lo=_shown(numbers, f"{base}.min", lang), lo_year=_shown(numbers, f"{base}.min_year", lang),
                               hi=_shown(numbers, f"{base}.max", lang), hi_year=_shown(numbers, f"{base}.max_year", lang)))
    alt = msg("ms.fig.arms.alt", lang, periods="; ".join(periods))
    src = "arms_series.svg" if lang == "en" else "arms_series_vi.svg"
    return f'![{msg("ms.fig.arms.caption", lang)}](_generated/{src}){{#fig-arms fig-alt="{_attr(alt)}"}}\n'


# The printed numbers' counts, by result: one row a result, one column a basis and verdict (what the
# summary's sentence used to say in a paragraph of counts).
COUNT_GROUPS = ("table1", "table2", "arms", "text", "numbers")
COUNT_COLUMNS = ("n", "reproduced", "discrepancy", "mixed_agree", "mixed_differ", "article_only", "not_verifiable",
                 "coverage", "class")


def counts_part(numbers: dict, lang: str = "en") -> str:
    """The counts of the printed numbers as a table: each result's printed numbers by what they were checked
    against (an independent source, the article's own figures with one, the article's alone, nothing) and
    its class.  Every cell is a registry key; a key the registry lacks shows '—'."""
    rows = [[msg(f"ms.counts.row.{g}", lang)] + [maybe(numbers, f"report.{g}.{c}", unit=False) for c in COUNT_COLUMNS]
            for g in COUNT_GROUPS]
    rows[-1] = [f"**{c}**" if c != "—" else c for c in rows[-1]]
    header = [msg(f"ms.counts.col.{c}", lang) for c in ("result", *COUNT_COLUMNS)]
    return msg("ms.counts.lead", lang) + "\n\n" + pipe_table(header, rows, msg("ms.counts.caption", lang),
                                                               "tbl-counts", align="lrrrrrrrrl")



# Table 1's selection rule, criterion by criterion, in the order analysis/compute/trade.py's rank_sources()
# applies them (tests/test_manuscript.py checks the order against the code).
TABLE1_RULE = ("full_year", "reporter", "standing", "both_flows", "status", "latest")


def table1_rule(t1: pd.DataFrame, numbers: dict, sources: list[dict] | None, lang: str) -> tuple[str, str]:
    """The sentence that states Table 1's selection rule in full, and the caption's words for the copies the
    chosen figures were read in (by the authority sources.csv records for each chosen source)."""
    rule = msg("ms.table1.rule", lang, criteria="; ".join(
        f"({i}) {msg(f'ms.table1.rule.{c}', lang)}" for i, c in enumerate(TABLE1_RULE, 1)))
    chosen = [numbers[f"trade.source_2024.{p}"]["value"] for p in t1["partner_key"] if f"trade.source_2024.{p}" in numbers]
    authority = {s["source_id"]: s.get("authority", "") for s in sources or []}
    counts = {}
    for sid in chosen:
        counts[authority.get(sid, "")] = counts.get(authority.get(sid, ""), 0) + 1
    read = _join_words([msgn(f"ms.table1.read.{a or 'unknown'}", k, lang) for a, k in sorted(counts.items())], lang)
    return rule, read


def table1_part(t1: pd.DataFrame, audit: pd.DataFrame, numbers: dict, lang: str = "en",
                sources: list[dict] | None = None) -> str:
    """Table 1 replicated, after the rule that chose its figures: the units in the headers, the numbers bare
    and right-aligned (the printed ones as the article prints them, without the unit words)."""
    rule, read = table1_rule(t1, numbers, sources, lang)
    rows = []
    printed = audit[audit["result"] == "table1"].set_index("key")
    for _, r in t1.iterrows():
        p = r["partner_key"]
        a = printed.loc[f"trade.turnover_2024.{p}"]
        rows.append([r["partner"] if lang == "en" else TRADE_PARTNERS[p][1].split("– ")[-1],
                     bare(f"printed.{a['id']}"),
                     maybe(numbers, f"trade.exports_2024.{p}", False), maybe(numbers, f"trade.imports_2024.{p}", False),
                     bare(f"trade.turnover_2024.{p}"), maybe(numbers, f"trade.mirror_turnover_2024.{p}", False),
                     maybe(numbers, f"trade.share_2024.{p}", False), R.verdict_cell(a['id'])])
    align = "lrrrrrrl"
    header = [msg(f"ms.table1.col.{c}", lang) for c in ("partner", "printed", "exports", "imports", "turnover",
                                                         "partner_side", "share", "verdict")]
    return rule + "\n\n" + pipe_table(header, rows, msg("ms.table1.caption", lang, read=read), "tbl-table1",
                                       align=align)


def table2_part(t2: pd.DataFrame, audit: pd.DataFrame, numbers: dict, lang: str = "en") -> str:
    # the printed rows are found by the registry key they are judged against, never by their item text
    # (an input's words are data: a changed or hostile item must not break the table)
    by_key = {a["key"]: a["id"] for _, a in audit[audit["result"] == "table2"].iterrows()}
    rows = []
    for _, r in t2.iterrows():
        p, name = r["partner_key"], r["partner"]
        value_id, yoy_id = by_key[f"fdi.value_2025.{p}"], by_key[f"fdi.yoy.{p}"]
        rank_id = by_key.get(f"fdi.rank_change.{p}")
        shown = name if lang == "en" else FDI_OTHER_ROWS[p][1] if p in FDI_OTHER_ROWS else \
            (R.partner_name(name, lang) if R.partner_name(name, lang) != name else FDI_PARTNERS[p][1])
        rows.append([shown, bare(f"printed.{value_id}"), bare(f"printed.{yoy_id}"),
                     num(f"printed.{rank_id}") if rank_id else "—",
                     maybe(numbers, f"fdi.share.{p}", False), maybe(numbers, f"fdi.implied_base_2024.{p}", False),
                     maybe(numbers, f"fdi.value_2024.{p}", False), maybe(numbers, f"fdi.yoy.{p}", False),
                     R.verdict_cell(yoy_id)])
    align = "lrrrrrrrl"
    header = [msg(f"ms.table2.col.{c}", lang) for c in ("partner", "printed", "printed_change", "printed_rank", "share",
                                                         "implied", "known", "recomputed_change", "verdict")]
    caption = msg("ms.table2.caption", lang)
    if {"fdi.implied_base_2024.others", "fdi.residual_2024.others", "fdi.value_2024.total"} <= set(numbers):
        # the other partners' cells say literally what they are: the value their printed change implies (negative
        # when it is impossible), and apart from it the residual their recomputed change rests on
        caption += ". " + msg("ms.table2.note_others", lang, implied=num("fdi.implied_base_2024.others"),
                               residual=num("fdi.residual_2024.others"), total=num("fdi.value_2024.total"))
    return pipe_table(header, rows, caption, "tbl-table2", align=align)


def columns(names: tuple[str, ...], lang: str) -> list[str]:
    """A table's column heads in the edition's language (ms.col.*)."""
    return [msg(f"ms.col.{n}", lang) for n in names]


def arms_periods_part(numbers: dict, lang: str = "en") -> str:
    rows = []
    for release in ("r2022", "current"):
        for first, last in PERIODS:
            base = f"arms.{release}.p{first}_{last}"
            if f"{base}.sum" not in numbers:
                continue
            shown = msg(f"ms.release.{release}", lang)
            rows.append([f"{first}–{last}", shown, bare(f"{base}.min"), num(f"{base}.min_year"), bare(f"{base}.max"),
                         num(f"{base}.max_year"), bare(f"{base}.sum"), maybe(numbers, f"{base}.russia_share", False)])
    header = columns(("period", "release", "lowest_mn_tiv", "year", "highest_mn_tiv", "year", "sum_mn_tiv",
                      "russia_share"), lang)
    return pipe_table(header, rows, msg("ms.arms_periods.caption", lang), "tbl-arms-periods", align="llrrrrrr")


def claims_part(audit: pd.DataFrame, result: str, caption: str, label: str, numbers: dict, lang: str = "en") -> str:
    rows = []
    for _, a in audit[audit["result"] == result].iterrows():
        recomputed = num(a["key"]) if a["key"] in numbers else "—"
        row = [a["id"], esc.md_cell(R.item(a, lang)), num(f"printed.{a['id']}"), recomputed,
               R.verdict_cell(a['id'])]
        if result == "arms":
            # each value in the column of the release it comes from: a figure the release the article used
            # lacks (judged in the current release) shows '—' there and its value under the current release
            tail = a["key"].split(".", 2)[-1] if a["key"].startswith("arms.") else ""
            if a["key"] == f"arms.current.{tail}":
                row[3:4] = ["—", recomputed]
            else:
                row.insert(4, maybe(numbers, f"arms.current.{tail}") if tail else "—")
        rows.append(row)
    header, align = columns(("id", "claim", "printed", "recomputed", "verdict"), lang), "llrrl"
    if result == "arms":
        header[3:4], align = [msg("ms.release.r2022", lang), msg("ms.release.current", lang)], "llrrrl"
    return pipe_table(header, rows, caption, label, align=align)


def discrepancies_part(audit: pd.DataFrame, numbers: dict | None = None, lang: str = "en") -> str:
    """The discrepancies, each with its reason: in English the audit's text; in Vietnamese the reason rendered
    from its structured form (audit.csv's reason_spec), each number a shortcode."""
    out = []
    if lang == "vi":
        for _, a in audit[audit["verdict"] == "discrepancy"].iterrows():
            where = "; ".join(x for x in str(a["location"]).split("; ") if x.startswith(("§", "Bảng")))
            reason = R.render(json.loads(a["reason_spec"]), numbers, "vi", "md")
            item = R.item(a, "vi")
            place = "" if item.endswith(f"({where})") else f" ({esc.md_text(where)})"  # a text's item names its §
            out.append(f"- **{a['id']}, {esc.md_text(item)}**{place}, "
                       f"{msg('ms.discrepancy.printed', lang, value=num('printed.' + a['id']))}: "
                       f"{cell(reason)}")
        return "\n".join(out) + "\n"
    for _, a in audit[audit["verdict"] == "discrepancy"].iterrows():
        reason = a["reason"].removeprefix(f"Printed {a['printed']}; ")  # the shortcode shows the printed form
        out.append(f"- **{a['id']}, {esc.md_text(a['item'])}** ({esc.md_text(a['location'])}), "
                   f"{msg('ms.discrepancy.printed', lang, value=num('printed.' + a['id']))}: {esc.md_text(reason)}")
    return "\n".join(out) + "\n"


def shown_elsewhere(audit: pd.DataFrame) -> set[str]:
    """The printed numbers whose verdict a table before the full list already shows: every row of Table 1,
    the changes of Table 2 (its verdict column), the arms claims and the figures in the text."""
    t2 = audit[audit["result"] == "table2"]
    changes = set(t2.loc[t2["item"].str.endswith("change on 2024") & ~t2["item"].str.contains("rank"), "id"])
    return set(audit.loc[audit["result"].isin(["table1", "arms", "text"]), "id"]) | changes


def audit_part(audit: pd.DataFrame, numbers: dict, lang: str = "en") -> str:
    """The printed numbers no earlier table judges (each finding said once), after a sentence that says
    where the others are."""
    shown = shown_elsewhere(audit)
    rest = audit[~audit["id"].isin(shown)]
    rows = [[a["id"], esc.md_cell(R.item(a, lang)), num(f"printed.{a['id']}"), num(a["key"]) if a["key"] in numbers else "—",
             R.verdict_cell(a['id'])] for _, a in rest.iterrows()]
    return msg("ms.audit.lead", lang) + "\n\n" + pipe_table(
        columns(("id", "printed_number", "printed", "recomputed", "verdict"), lang), rows,
        msg("ms.audit.caption", lang), "tbl-audit", align="llrrl")


def read_sources(paths: list[str]) -> list[dict]:
    """Every raw source (one row of a folder's sources.csv), in the order the rule lists the files."""
    return [row for p in paths for row in read_csv_rows(p)]


def bib_key(source_id: str) -> str:
    return "src-" + re.sub(r"[^A-Za-z0-9]+", "-", source_id).strip("-").lower()


def _bib_escape(text: str) -> str:
    """Plain text for a BibTeX field: no braces of its own, and LaTeX's special characters escaped."""
    return esc.bibtex(text)


def _plain(text: str) -> str:
    """A field compared as words: case, punctuation and spacing ignored ('VnEconomy, English' = 'VnEconomy English')."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def _url(url: str) -> str:
    """A URL compared as an address: no scheme, no 'www.', no trailing slash, the host in lower case."""
    rest = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url.strip(), flags=re.I).removeprefix("www.").rstrip("/")
    host, _, path = rest.partition("/")
    return f"{host.lower()}/{path}"


def _latin(ch: str) -> bool:
    """A character the manuscript's fonts have: ASCII or a Latin letter (Vietnamese included)."""
    return ch.isascii() or "LATIN" in unicodedata.name(ch, "")


def shown_url(url: str) -> str:
    """The URL as the bibliography shows and links it: a character of another script (a Thai page's path)
    percent-encoded, as its URI form, since the PDF's fonts have no glyph for it and would print empty boxes;
    the same address, and one form in both formats."""
    return "".join(ch if _latin(ch) else urllib.parse.quote(ch, safe="") for ch in url)


def publications(sources: list[dict]) -> dict[str, str]:
    """Each source id -> the id whose entry cites its publication in the bibliography.

    Two source ids are one publication when they give the same URL, or the same title, publisher and date
    (compared as words, so 'VnEconomy English' and 'VnEconomy, English' are one publisher); the rule is
    transitive.  Same title alone is not enough (a database's releases share a title and differ in date),
    nor same publisher and date (two tables of one database).  The entry is the publication's id that sorts
    first, so that the choice does not depend on the order of the files; every id stays in the lineage."""
    parent = {s["source_id"]: s["source_id"] for s in sources}

    def root(i: str) -> str:
        while parent[i] != i:
            i = parent[i]
        return i

    seen: dict[tuple, str] = {}
    for s in sources:
        marks = [("url", _url(s["url"]))] if s.get("url", "").strip() else []
        if s.get("title", "").strip() and s.get("date", "").strip():
            marks.append(("work", _plain(s["title"]), _plain(s["publisher"]), s["date"].strip()))
        for mark in marks:
            other = seen.setdefault(mark, s["source_id"])
            a, b = sorted((root(other), root(s["source_id"])))
            parent[b] = a
    return {i: root(i) for i in parent}


# A source is weak by one rule (analysis/reasons.py, weak_mark), which the audit's reasons follow too.
WEAK_COPIES = R.WEAK_COPIES


def weak(s: dict) -> bool:
    """Whether a source is weak by the rule (R.weak_mark)."""
    return bool(R.weak_mark(s))


def weak_words(s: dict, lang: str) -> str:
    """The weak mark in the edition's words ('' for a source that is not weak): why, when what the copy is (which the
    entry says beside it) does not say it already, i.e. figures of low standing."""
    if not weak(s):
        return ""
    return msg("ms.ref.weak.low", lang) if R.weak_mark(s) == "low" else msg("ms.ref.weak", lang)


def copy_words(s: dict, lang: str) -> str:
    """What the copy read is (the columns copy and copy_of), in the edition's words; '' for a publisher's own page."""
    copy, original = s.get("copy", "own") or "own", s.get("copy_of", "").strip()
    if copy == "own":
        return ""
    if copy.endswith("_edition"):
        return msg(f"ms.ref.copy.{copy}", lang)
    return msg(f"ms.ref.copy.{copy}", lang, original=original) if original else \
        msg(f"ms.ref.copy.{copy}.unnamed", lang)


def reference_title(s: dict, lang: str) -> str:
    """The title as published, or, when the title is ours (title_supplied), in square brackets, as a
    bibliography marks what it supplies; a page without one is '[untitled page]' in the edition's words."""
    title = s.get("title", "").strip() or msg("ms.ref.untitled", lang)
    supplied = s.get("title_supplied") == "yes" or not s.get("title", "").strip()
    return f"[{title}]" if supplied else title


def sources_bib(sources: list[dict], lang: str = "en") -> str:
    """BibTeX entries for every raw publication in the edition's language (publisher as author, title as published,
    date, URL; what the copy read is and whether the source is weak as its type, which the styles print after the
    title), cited in the data statement.  Titles are braced so that no style recases them.  Source ids that are one
    publication (publications()) share one entry: its key is the first id's, the others' keys are its
    aliases (the `ids` field, which pandoc resolves), and its note names every id.  Both editions' files have the
    same keys."""
    entry = publications(sources)
    ids: dict[str, list[str]] = {}
    for s in sources:
        ids.setdefault(entry[s["source_id"]], []).append(s["source_id"])
    out, done = [], set()
    for s in sources:
        if s["source_id"] != entry[s["source_id"]] or s["source_id"] in done:
            continue
        done.add(s["source_id"])
        same = sorted(set(ids[s["source_id"]]))
        kind = [w for w in (copy_words(s, lang), weak_words(s, lang)) if w]
        fields = {"ids": ", ".join(bib_key(i) for i in same if i != s["source_id"]),
                  "author": "{" + _bib_escape(s["publisher"]) + "}",
                  "title": "{" + _bib_escape(reference_title(s, lang)) + "}",
                  "type": esc.bibtex_verbatim(". ".join(kind)),
                  "year": _bib_escape(s["date"][:4]), "url": esc.bibtex_url(shown_url(s["url"])),
                  "note": _bib_escape(msgn("ms.ref.source_ids", len(same), lang, ids=", ".join(same)))}
        if len(s["date"]) == 10:
            fields["date"] = s["date"]
        body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items() if v)
        out.append(f"@online{{{bib_key(s['source_id'])},\n{body}\n}}\n")
    return "\n".join(out)


BIB_ENTRY = re.compile(r"^@\w+\{([^,\s]+),\n(?:  ids = \{([^}]*)\},\n)?", re.M)


def bib_keys(bib: str) -> dict[str, str]:
    """Every key of a sources.bib written by sources_bib, and every alias, -> its entry's key."""
    out = {}
    for m in BIB_ENTRY.finditer(bib):
        out[m.group(1)] = m.group(1)
        out |= {alias.strip(): m.group(1) for alias in (m.group(2) or "").split(",") if alias.strip()}
    return out


def _terms(lic: dict, lang: str) -> str:
    """A licence as the data statement names it: its name (or title); in Vietnamese the manifest's words beside
    the English ones (x-title-vi)."""
    own = lic.get("name") or lic["title"]
    return own if lang == "en" else lic.get("x-title-vi") or own


def _hash12(resource: dict) -> str:
    """The first 12 hex digits of a file's recorded sha256, as inline code."""
    return esc.md_code(str(resource["hash"]).partition(":")[2][:12], cell=True)


def data_statement(raw_pkg: dict, pub_pkg: dict, lang: str = "en") -> str:
    """Data availability statement, read off the manifests: every file, its checksum, terms and sources.
    The Vietnamese edition shows each file's title and each gap in the Vietnamese words the manifest gives beside
    the English ones (x-title-vi, x-not-consulted-vi); a manifest without them shows its English."""
    vi = lang == "vi"
    title = (lambda r: r.get("x-title-vi") or r.get("title", "")) if vi else (lambda r: r.get("title", ""))
    out = [msg("ms.data.intro", lang), ""]
    rows, cited = [], []
    for r in raw_pkg["resources"]:
        if r["path"].endswith((".md", "sources.csv")):
            continue
        cites = [f"@{bib_key(s['x-source-id'])}" for s in r.get("sources", []) if s.get("x-source-id")]
        terms = "; ".join(esc.md_cell(_terms(lic, lang)) for lic in r.get("licenses", raw_pkg["licenses"]))
        rows.append([esc.md_code(r["path"], cell=True), esc.md_cell(title(r)), _hash12(r), terms,
                     str(len(cites)) if cites else "—"])
        if cites:
            cited.append(f"- {esc.md_code(r['path'])}: [{'; '.join(cites)}]")
    for r in pub_pkg["resources"]:
        rows.append([esc.md_code(f"published/{r['path']}", cell=True), esc.md_cell(title(r)), _hash12(r),
                     msg("ms.data.quotation", lang), "1"])
        cited.append(f"- {esc.md_code('published/' + r['path'])}: [@tran2026]")
    # The sources, a list that can be longer than a page, follow the table as one paragraph per file.
    out.append(pipe_table(columns(("file", "content", "sha256_12", "terms", "sources"), lang), rows,
                          msg("ms.data.caption", lang), "tbl-data"))
    out.append("\n" + msg("ms.data.sources", lang) + "\n")
    out += cited
    out.append("\n" + esc.md_text(msg("ms.ref.rule", lang)))
    notes = (lambda r: r.get("x-not-consulted-vi") or r.get("x-not-consulted", [])) if vi else \
        (lambda r: r.get("x-not-consulted", []))
    gaps = [(r["path"], note) for r in raw_pkg["resources"] for note in notes(r)]
    if gaps:
        out.append("\n" + msg("ms.data.not_consulted", lang) + "\n")
        out += [f"- {esc.md_code(path)}: {esc.md_text(note)}" for path, note in gaps]
    return "\n".join(out) + "\n"


def _sentence(text: str) -> str:
    text = cell(text).rstrip()
    return text if text.endswith((".", "?", "!")) else text + "."


# The lineage's own words in each edition (the message catalogs' ms.lineage.*).
LINEAGE_WORD_KEYS = ("rule", "computed", "inputs", "sources", "shown", "see_sources", "script", "inputs_t", "line")
LINEAGE_WORDS = {lang: {k: msg(f"ms.lineage.{k}", lang) for k in LINEAGE_WORD_KEYS} | {"rows": msg("ms.lineage.rows_label", lang)}
                 for lang in ("en", "vi")}


def label(key: str, entry: dict, lang: str) -> str:
    """What a number is, in the edition's language: the registry's label in English; in Vietnamese its data form
    rendered from the catalogs (analysis/reasons.py, label_text)."""
    if lang == "en":
        return entry["label"]
    return R.label_text(key, entry, lang)


# The lineage page's groups, in this order (each key by its first part; ms.lineage.group.*).
LINEAGE_GROUPS = ("printed", "trade", "fdi", "arms", "audit", "claim", "report", "fx")


def rule(entry: dict, lang: str) -> str:
    """A registry entry's rule in the edition's language, rendered from the catalogs (analysis/reasons.py, rule_text)."""
    return R.rule_text(entry, lang)


def tooltips(keys: list[str], numbers: dict, lang: str) -> str:
    """Each key's tooltip in the edition's language (what the number is, and its rule), as JSON: the number
    shortcode (manuscript/_extensions/registry/num.lua) gives a number's link this title in the Vietnamese
    edition, where the registry's own label and rule are English."""
    words = LINEAGE_WORDS[lang]["rule"]
    data = {k: f"{label(k, numbers[k], lang)}. {words}: {rule(numbers[k], lang)}" for k in sorted(keys)}
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=0) + "\n"


def read_rows(paths: list[str]) -> dict[str, tuple[list[str], list[tuple[int, dict]]]]:
    """Each input table (path as the registry names it) -> its header and its rows, each with the physical line
    it starts on (as an editor shows it, also after a quoted line break)."""
    import csv
    out = {}
    for path in paths:
        with open(path, encoding="utf-8", newline="") as f:
            reader = csv.reader(f)
            header = next(reader, [])
            rows, line = [], reader.line_num + 1
            for values in reader:
                rows.append((line, dict(zip(header, values))))
                line = reader.line_num + 1
        out[rel(Path(path)) if Path(path).is_absolute() else path] = (header, rows)
    return out


MAX_ROWS = 6  # more rows than this of one file are counted, not listed


def input_rows(key: str, entry: dict, tables: dict) -> list[tuple[str, list[str]]]:
    """The rows of the input tables a number comes from, as (file, ['12', '2, 2004', ...]): a printed number's or
    a claim's row by its id; a source's rows by the number's source ids, narrowed to the partner (or subject) and
    the year the key names, of every flow and measure (a number may combine them); a one-row table (a SIPRI or
    World Bank row) by its line and the year's column.  A table of sources (sources.csv) is not a row of data."""
    words = {w.lower() for w in re.split(r"[.]", key)} | {w.lower() for w in re.split(r"[._]", key)}
    ident = next((w for w in key.split(".") if re.fullmatch(r"[A-Z]{1,2}\d?-\d+", w)), None)
    year = next((w for w in reversed(key.split(".")) if re.fullmatch(r"(19|20)\d\d", w)), None)
    out = []
    for i in entry.get("inputs", []):
        path = i["path"]
        if path not in tables or path.endswith("sources.csv"):
            continue
        header, rows = tables[path]
        if "id" in header:
            found = [f"{line}" for line, r in rows if ident and r.get("id") == ident]
        elif "source_id" in header:
            # the source's rows for the partner (or subject) and year the key names, whatever their flow or measure:
            # a number may combine several of them (turnover = exports + imports)
            norm = lambda v: str(v).lower().replace(" ", "_")
            mine = [(line, r) for line, r in rows if r.get("source_id") in entry.get("sources", [])]
            for col in ("partner", "subject", "year"):
                if col in header and {norm(r[col]) for _, r in mine} & words:
                    mine = [(line, r) for line, r in mine if norm(r[col]) in words]
            found = [f"{line}" for line, _ in mine]
        elif len(rows) == 1:
            col = year if year and year in header else None
            found = [f"{rows[0][0]}" + (f", {col}" if col else "")]
        else:
            found = []
        if found:
            out.append((path, found))
    return out


def rows_words(rows: list[tuple[str, list[str]]], lang: str) -> str:
    """The rows in words: 'file, line 12; file, lines 3, 5' (columns kept: 'line 2, column 2004')."""
    parts_ = []
    for path, found in rows:
        if len(found) > MAX_ROWS:
            parts_.append(msg("ms.lineage.rows_many", lang, file=f"<code>{_h(path)}</code>", n=len(found)))
            continue
        lines = [msg("ms.lineage.line_column", lang, line=f.split(", ")[0], column=_h(f.split(", ")[1]))
                 if ", " in f else f for f in found]
        parts_.append(msgn("ms.lineage.rows", len(lines), lang, file=f"<code>{_h(path)}</code>", lines=", ".join(lines)))
    return "; ".join(parts_)


# Where each part of the manuscript is, as the rendered page's anchor: a 'Shown in' place links back there.
PLACE_ANCHOR = {"table1.md": "tbl-table1", "table2.md": "tbl-table2", "arms_periods.md": "tbl-arms-periods",
                "arms_claims.md": "tbl-arms-claims", "text_claims.md": "tbl-text-claims",
                "discrepancies.md": "sec-discrepancies", "audit.md": "tbl-audit", "data_availability.md": "sec-data-files",
                "rules.md": "sec-rules", "claims.md": "sec-claims-words", "report.md": "sec-report",
                "summary.md": "sec-summary", "abstract.md": "sec-abstract", "counts.md": "tbl-counts",
                "figure_table1.md": "fig-table1", "figure_arms.md": "fig-arms"}


def place_links(files: list[str], places: dict[str, str], page: str) -> str:
    """Each place a number is shown, as a link back to it on the edition's page (the text: the page itself)."""
    out = []
    for f in files:
        name = places.get(f, f)
        target = PLACE_ANCHOR.get(f.rsplit("/", 1)[-1])
        href = f"{page}#{target}" if target else page
        out.append(f'<a href="{_h(href)}">{_h(name)}</a>')
    return ", ".join(out)


def lineage_entries(keys: list[str], numbers: dict, where: dict[str, list[str]], sources: list[dict],
                    lang: str = "en", tables: dict | None = None,
                    places: dict[str, str] | None = None, page: str = "index.html") -> dict[str, str]:
    """Each key's lineage entry as HTML (the inside of its div): what it is, the rule, the function and line that
    computed it, the inputs with checksums and the rows it comes from, the sources (each linked to its entry in
    the edition's references), and each place it is shown (each a link back).  One text for the lineage page and
    the popovers."""
    publishers = {s["source_id"]: s["publisher"] for s in sources}
    entry_of = publications(sources)
    w, shown = LINEAGE_WORDS[lang], "display" if lang == "en" else "display_vi"
    tables, places = tables or {}, places or {}
    out = {}
    for key in sorted(keys):
        e = numbers[key]
        # the function that computed the number and its line (the registry's computed_by), else the step's script
        c = e.get("computed_by") or {}
        script = (f"<code>{_h(c['program'])}</code>, <code>{_h(c['function'])}()</code>, "
                  f"{w['line']} {int(c['line'])}" if c.get("function")
                  else f"<code>{_h(e['step'].replace('.', '/') + '.py')}</code>")
        inputs = "; ".join(f"<code>{_h(i['path'])}</code> (sha256 <code>{i['sha256'][:12]}</code>)"
                           for i in e["inputs"]) or "—"
        rows = rows_words(input_rows(key, e, tables), lang)
        srcs = "; ".join(
            f'<a href="{_h(page)}#ref-{_h(bib_key(entry_of[s]))}">{_h(publishers[s])}</a> ({_h(s)})' if s in entry_of
            else _h(f"{s} ({w['see_sources']})") for s in e["sources"]) or "—"
        shown_in = place_links(where[key], places, page) if isinstance(where[key], list) else _h(where[key])
        out[key] = (f'<p><strong><code>{_h(key)}</code></strong> = '
                    f'<span class="lineage-value">{_h(e[shown])}</span>. {_h(_sentence(label(key, e, lang)))}<br>\n'
                    f'{w["rule"]}: <span class="lineage-rule">{_h(_sentence(rule(e, lang)))}</span><br>\n'
                    f"{w['computed']} {script}; {w['inputs']}: {inputs}.<br>\n"
                    + (f"{w['rows']}: {rows}.<br>\n" if rows else "")
                    + f"{w['sources']}: {srcs}.<br>\n{w['shown']}: {shown_in}.</p>")
    return out


def lineage_part(entries: dict[str, str], lang: str = "en") -> str:
    """The body of the edition's lineage page (analysis/manuscript/lineage_page.py wraps it): a list of the groups,
    then every key its own entry, grouped by what it is (one heading per group, which the list leads to)."""
    groups: dict[str, list[str]] = {}
    for key in sorted(entries):
        groups.setdefault(key.split(".", 1)[0], []).append(key)
    names = {g: msg(f"ms.lineage.group.{g}", lang) for g in LINEAGE_GROUPS}
    order = sorted(groups, key=lambda h: (LINEAGE_GROUPS.index(h) if h in names else len(names), h))
    out = ['<nav class="lineage-groups"><ul>']
    out += [f'<li><a href="#lineage-group-{_h(head)}">{_h(names.get(head, head))}</a> ({len(groups[head])})</li>'
            for head in order]
    out.append("</ul></nav>")
    for head in order:
        out.append(f'<section id="lineage-group-{_h(head)}">\n<h2>{_h(names.get(head, head))}</h2>')
        out += [f'<div id="{anchor(k)}" class="lineage">{entries[k]}</div>' for k in groups[head]]
        out.append("</section>")
    return "\n".join(out) + "\n"


# The words the page's script (manuscript/popover.html) writes into the page, from the edition's catalog.
PAGE_WORDS = ("more", "scroll", "menu")


def lineage_data(entries: dict[str, str], lang: str = "en") -> str:
    """The popovers' data on the edition's main page: each entry's HTML by its link target's id, as JSON in
    a script element that the page does not display (the entries themselves are on the lineage page); and the
    words the page's script writes (a popover's link, a wide table's cue, the phone menu), from the catalog."""
    data = json.dumps({anchor(k): v for k, v in sorted(entries.items())}, ensure_ascii=False, sort_keys=True)
    data = esc.json_in_script(data)  # nothing in it may close the script element
    page = esc.json_in_script(json.dumps({w: msg(f"ms.page.{w}", lang) for w in PAGE_WORDS}, ensure_ascii=False,
                                         sort_keys=True))
    return (f'```{{=html}}\n<script type="application/json" id="lineage-data">{data}</script>\n'
            f'<script type="application/json" id="page-words">{page}</script>\n```\n')


def _h(text: str) -> str:
    return esc.html_text(text)


# A rule's varying parts: numbers (years, periods, sections) and quoted names (rows, columns).
_VARYING = re.compile(r"\d[\d,.]*(?:[–-]\d[\d,.]*)?|'[^']*'")


def _rule_pattern(rules: list[str]) -> str:
    """The rule a group of keys shares, with the parts that differ between them shown as '…'."""
    split = [_VARYING.split(r) for r in rules]
    found = [_VARYING.findall(r) for r in rules]
    shown = [f[0] if all(x == f[0] for x in f) else "…" for f in zip(*found)]
    return "".join(t + (shown[i] if i < len(shown) else "") for i, t in enumerate(split[0]))


def _typst_str(text: str) -> str:
    return esc.typst_string(text)


def lineage_typst(keys: list[str], numbers: dict, publishers: dict[str, str], lang: str = "en") -> str:
    """The PDF's lineage, a raw Typst block.  The keys with the same script, inputs and sources share
    one entry that names them once; in it, the keys with the same rule (up to its years, periods and
    quoted names) share one line, which lists each key with its value and its own link target (the id
    the shortcode links to)."""
    w, shown = LINEAGE_WORDS[lang], "display" if lang == "en" else "display_vi"
    groups: dict[tuple, dict[str, list[str]]] = {}
    for key in sorted(keys):
        e = numbers[key]
        c = e.get("computed_by") or {}
        # the function and line that computed the number, as the HTML lineage gives them (else the step's script)
        where = (f"{c['program']}, {c['function']}(), {w['line']} {int(c['line'])}" if c.get("function")
                 else e["step"].replace(".", "/") + ".py")
        sig = (where, tuple((i["path"], i["sha256"][:12]) for i in e["inputs"]), tuple(e["sources"]))
        groups.setdefault(sig, {}).setdefault(_VARYING.sub("…", rule(e, lang)), []).append(key)
    out = ["```{=typst}",
           "#let lineage-entry(script, inputs, sources, rules) = block(breakable: true, above: 0.8em, below: 0.8em, {",
           "  set text(size: 8.5pt)",
           "  set par(justify: false, leading: 0.5em, spacing: 0.45em)",
           f"  [*{w['script']}:* #raw(script). *{w['inputs_t']}:* ]",
           "  if inputs.len() == 0 [—] else { inputs.map(((p, h)) => [#raw(p) (sha256 #raw(h))]).join(\"; \") }",
           f"  [. *{w['sources']}:* ]",
           "  if sources.len() == 0 [—] else { sources.join(\"; \") }",
           "  [.]",
           "  for (rule, keys) in rules {",
           "    parbreak()",
           f"    [_{w['rule']}: #rule._ ]",
           "    keys.map(((k, v, id)) => [#box[#raw(k) = #v]#label(id)]).join([ · ])",
           "  }",
           "})"]
    for (step, inputs, srcs), rules in groups.items():
        lines = []
        for ks in rules.values():
            shared = _rule_pattern([rule(numbers[k], lang) for k in ks]).rstrip(".")
            lines.append(f"({_typst_str(shared)}, (" + "".join(
                f"({_typst_str(k)}, {_typst_str(numbers[k][shown])}, {_typst_str(anchor(k))}), " for k in ks) + ")), ")
        out.append("#lineage-entry(" + ", ".join([
            _typst_str(step),
            "(" + "".join(f"({_typst_str(p)}, {_typst_str(h)}), " for p, h in inputs) + ")",
            "(" + "".join(_typst_str(f"{s} ({publishers.get(s, w['see_sources'])})") + ", " for s in srcs) + ")",
            "(" + "".join(lines) + ")"]) + ")")
    out.append("```\n")
    return "\n".join(out)


# --- assembling --------------------------------------------------------------------

def parts(numbers: dict, audit: pd.DataFrame, t1: pd.DataFrame, t2: pd.DataFrame,
          raw_pkg: dict, pub_pkg: dict, lang: str = "en", sources: list[dict] | None = None) -> dict[str, str]:
    if lang == "vi":
        return {
            "abstract.md": abstract_part(numbers, audit, "vi"),
            "counts.md": counts_part(numbers, "vi"),
            "figure_table1.md": figure_table1_part(t1, audit, numbers, "vi"),
            "figure_arms.md": figure_arms_part(numbers, "vi"),
            "table1.md": table1_part(t1, audit, numbers, "vi", sources),
            "table2.md": table2_part(t2, audit, numbers, "vi"),
            "arms_periods.md": arms_periods_part(numbers, "vi"),
            "arms_claims.md": claims_part(audit, "arms", msg("ms.arms_claims.caption", "vi"), "tbl-arms-claims",
                                          numbers, "vi"),
            "text_claims.md": claims_part(audit, "text", msg("ms.text_claims.caption", "vi"),
                                          "tbl-text-claims", numbers, "vi"),
            "discrepancies.md": discrepancies_part(audit, numbers, "vi"),
            "audit.md": audit_part(audit, numbers, "vi"),
            "data_availability.md": data_statement(raw_pkg, pub_pkg, "vi"),
        }
    return {
        "abstract.md": abstract_part(numbers, audit),
        "counts.md": counts_part(numbers),
        "figure_table1.md": figure_table1_part(t1, audit, numbers),
        "figure_arms.md": figure_arms_part(numbers),
        "table1.md": table1_part(t1, audit, numbers, "en", sources),
        "table2.md": table2_part(t2, audit, numbers),
        "arms_periods.md": arms_periods_part(numbers),
        "arms_claims.md": claims_part(audit, "arms", msg("ms.arms_claims.caption", "en"), "tbl-arms-claims",
                                      numbers),
        "text_claims.md": claims_part(audit, "text", msg("ms.text_claims.caption", "en"),
                                      "tbl-text-claims", numbers),
        "discrepancies.md": discrepancies_part(audit),
        "audit.md": audit_part(audit, numbers),
        "data_availability.md": data_statement(raw_pkg, pub_pkg),
    }


def used_keys(texts: dict[str, str], numbers: dict, places: dict[str, str] = PLACES) -> dict[str, list[str]]:
    """Key -> the files that use it (each a key of `places`, which names it); a key the registry lacks is an
    error naming key and file."""
    where: dict[str, list[str]] = {}
    for name, text in texts.items():
        for key in keys_in(text):
            where.setdefault(key, [])
            if name not in where[key]:
                where[key].append(name)
    missing = sorted(k for k in where if k not in numbers)
    if missing:
        raise KeyError("; ".join(f"registry key {k!r} used in {', '.join(where[k])} is not in "
                                 f"data/derived/numbers.json" for k in missing))
    ids = {}
    for k in where:
        if anchor(k) in ids:
            raise ValueError(f"keys {k!r} and {ids[anchor(k)]!r} share the lineage id {anchor(k)}")
        ids[anchor(k)] = k
    return where


def render_digest(paths: list[Path], root: Path) -> str:
    """The digest of everything a render is made from: sha256 over the sorted lines
    `<path relative to root>  <sha256 of the file>`, one per file (the registry, every generated part,
    the .qmd sources, _quarto.yml, the extension, the css, the Typst header, the bibliography).
    Written into the rendered HTML and PDF, and compared with a fresh build by tests/test_shipped.py.
    Line endings count as LF, so that a checkout that turned them into CRLF has the same digest."""
    import hashlib
    def one(path: Path) -> str:
        data = Path(path).read_bytes().replace(b"\r\n", b"\n")
        name = Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
        return f"{name}  {hashlib.sha256(data).hexdigest()}\n"

    lines = sorted(one(p) for p in paths)
    return hashlib.sha256("".join(lines).encode("utf-8")).hexdigest()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--registry", required=True)
    ap.add_argument("--audit", required=True)
    ap.add_argument("--table1", required=True)
    ap.add_argument("--table2", required=True)
    ap.add_argument("--qmd", nargs="+", required=True, help="the manuscript sources whose keys need lineage")
    ap.add_argument("--qmd-vi", nargs="+", default=[],
                    help="the Vietnamese edition's sources whose keys need lineage (its parts go to OUTDIR/vi/)")
    ap.add_argument("--manifests", nargs=2, required=True, metavar=("RAW", "PUBLISHED"),
                    help="the data packages of the raw inputs and of the printed numbers")
    ap.add_argument("--sources", nargs="+", required=True, help="every raw folder's sources.csv")
    ap.add_argument("--rows", nargs="*", default=[], help="the input tables whose rows the lineage names (CSV)")
    ap.add_argument("--outdir", required=True)
    args = ap.parse_args(argv)
    numbers = read_json(args.registry)["numbers"]
    audit = pd.read_csv(args.audit, keep_default_na=False, dtype={"section": str})  # "1", never "1.0"
    sources = read_sources(args.sources)
    tables = (pd.read_csv(args.table1), pd.read_csv(args.table2))
    manifests = (read_json(args.manifests[0]), read_json(args.manifests[1]))
    out = Path(args.outdir)
    row_tables = read_rows(args.rows)
    editions = [("en", args.qmd, out, "_generated", PLACES, "index.html")]
    if args.qmd_vi:
        editions.append(("vi", args.qmd_vi, out / "vi", "_generated/vi", place_names("vi"), "vi.html"))
    keys = 0
    for lang, qmds, dest, prefix, places, page in editions:
        written = parts(numbers, audit, *tables, *manifests, lang, sources)
        texts = {rel(Path(q)) if Path(q).is_absolute() else q: Path(q).read_text(encoding="utf-8") for q in qmds}
        texts |= {f"{prefix}/{n}": t for n, t in written.items()}
        try:
            where = used_keys(texts, numbers, places)
        except (KeyError, ValueError) as err:
            print(f"manuscript: {err.args[0]}", file=sys.stderr)
            return 1
        entries = lineage_entries(list(where), numbers, where, sources, lang, row_tables, places, page)
        written["lineage.html"] = lineage_part(entries, lang)
        written["lineage_data.md"] = lineage_data(entries, lang)
        written["lineage_typst.md"] = lineage_typst(list(where), numbers, {s["source_id"]: s["publisher"]
                                                                            for s in sources}, lang)
        written["sources.bib"] = sources_bib(sources, lang)
        if lang != "en":
            written["tooltips.json"] = tooltips(list(where), numbers, lang)
        for name, text in written.items():
            write_text_atomic(dest / name, text)
        keys += len(where)
    print(f"wrote the parts of {len(editions)} editions, with {keys} registry keys in all, to {out}")
    return 0


if __name__ == "__main__":
    run(main)
