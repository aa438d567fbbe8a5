"""Table 2: foreign investment registered in Vietnam in 2025, by partner.

The FIA's partner table for 12 months of 2025 could not be consulted; only the
article prints it.  So the partner values themselves are not independently
verifiable, and this step recomputes what can be recomputed:

- Others = total − the ten partners (the article's own figures);
- each partner's share of the total;
- year-on-year change where the raw data hold the partner's 2024 value
  (FIA headline measure, total registered capital);
- the 2024 base each printed change implies (value / (1 + change)), and from the
  implied bases the change for Others and for the total;
- rank changes where the 2024 ranks are known;
- the January-July 2025 total and its change, and Russia's cumulative position
  (projects, capital, rank) at each date a source gives.

Where several sources give the same figure, `best` chooses by a stated rule
(FIA-attributed first, then the higher standing, then the more precise, then the
latest); every figure stays in the registry as fdi.raw.*.

Run on its own:
    python -m analysis.compute.fdi --checked data/derived/validated/fdi.json --fdi data/raw/fdi/fdi_by_partner.csv \
        --sources data/raw/fdi/sources.csv --published data/derived/published.csv \
        --printed-source data/published/printed_numbers.csv --out-table t2.csv --out-numbers n.json
"""
from __future__ import annotations

import argparse

import pandas as pd

from analysis import reasons
from analysis.article import FDI_OTHER_ROWS, FDI_PARTNERS
from analysis.io import rel, require_validated, run, write_csv, write_json
from analysis.registry import Fragment, decimals_of, half_unit

ROLES = ("fdi", "sources")  # the raw files, by role; their paths come from the rule
KEYS = {row: slug for slug, (_, row, _) in FDI_PARTNERS.items()}
RAW_NAMES = {slug: raw for slug, (_, _, raw) in FDI_PARTNERS.items() if raw}
ENGLISH = {slug: english for slug, (english, *_) in (FDI_PARTNERS | FDI_OTHER_ROWS).items()}
STANDING = {"official": 0, "official_cited": 1, "press": 2, "low": 3}


def period_phrase(period: str) -> dict:
    """A raw period id ('2024-07M': January to July 2024; 'cumulative-<date>') as a phrase of the catalogs."""
    if period.startswith("cumulative-"):
        return reasons.phrase("word.fdi_period.cumulative", date=period.removeprefix("cumulative-"))
    year, months = period.removesuffix("M").split("-")
    return reasons.phrase("word.fdi_period.months", year=int(year), months=int(months))


def who(k: str) -> dict:
    """A Table 2 row's partner (its English name, named in each language by analysis/reasons.py)."""
    return reasons.partner(ENGLISH[k])


def load(files: dict[str, str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    fdi = pd.read_csv(files["fdi"], dtype=str, keep_default_na=False)
    fdi["decimals"] = fdi["value"].map(decimals_of)
    fdi["value"] = fdi["value"].astype(float)
    # express money in USD millions, keeping the rounding of the figure as published
    scale = fdi["unit"].map({"bn_USD": 1000.0, "mn_USD": 1.0}).fillna(1.0)
    fdi["uncertainty"] = fdi["decimals"].map(half_unit) * scale
    fdi["value_mn"] = fdi["value"] * scale
    sources = pd.read_csv(files["sources"], dtype=str, keep_default_na=False)
    return fdi, sources


def stated_figure(r: pd.Series, scale: float | None = None) -> list | None:
    """A raw figure the source hedges ('trên 38,4', column `qualifier`) as [coefficient, value, decimals,
    qualifier], in USD mn for money (or `scale`), for the audit to read as the interval its words state
    (analysis/audit/verdict.py); None for an exact figure."""
    q = str(r.get("qualifier", "exact") or "exact")
    if q == "exact":
        return None
    k = scale if scale is not None else {"bn_USD": 1000.0}.get(r["unit"], 1.0)
    return [k, float(r["value"]), int(r["decimals"]), q]


def mark_stated(frag: Fragment, key: str, stated: dict | None) -> None:
    """Record on `key` the hedged figures it rests on (see stated_figure)."""
    if stated:
        frag.numbers[key]["stated"] = stated


def best(rows: pd.DataFrame, sources: pd.DataFrame) -> pd.Series:
    """One figure among several for the same quantity: FIA-attributed and highest standing first,
    then the most precise (more decimals), then the latest, then the source id."""
    meta = sources.set_index("source_id")
    def key(r):
        m = meta.loc[r["source_id"]]
        return (0 if m["cites"] == "FIA" else 1, STANDING[m["standing"]], -r["decimals"],
                tuple(-int(x) for x in (m["date"] or "0").split("-")), r["source_id"])
    return min((r for _, r in rows.iterrows()), key=key)


def printed_table(published: pd.DataFrame) -> pd.DataFrame:
    """The article's Table 2 as parsed values: one row per partner (plus others and total)."""
    t2 = published[published["result"] == "table2"]
    rows = []
    for row_name, g in t2.groupby("row", sort=False):
        key = KEYS.get(row_name, "others" if row_name == "Các đối tác khác" else "total")
        get = lambda unit: g.loc[g["unit"] == unit, "printed_value"].astype(float)
        v, c, r = get("USD mn"), get("% change"), get("rank change")
        dec = lambda unit: int(g.loc[g["unit"] == unit, "printed_decimals"].astype(int).max()) if (g["unit"] == unit).any() else 0
        rows.append({"partner_key": key, "value_2025": v.iloc[0], "yoy_printed": c.iloc[0] if len(c) else None,
                     "rank_change_printed": r.iloc[0] if len(r) else None,
                     "value_decimals": dec("USD mn"), "yoy_decimals": dec("% change")})
    out = pd.DataFrame(rows)
    out["rank_2025"] = [i + 1 if k in KEYS.values() else None for i, k in enumerate(out["partner_key"])]
    return out


def table2(printed: pd.DataFrame, fdi: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    top = printed[printed["rank_2025"].notna()].copy()
    total_2025 = float(printed.loc[printed["partner_key"] == "total", "value_2025"].iloc[0])
    total_2024 = best(fdi[(fdi["partner"] == "Total") & (fdi["period"] == "2024-12M") & (fdi["measure"] == "registered_total")], sources)
    top["share_pct"] = 100 * top["value_2025"] / total_2025
    top["implied_base_2024"] = top["value_2025"] / (1 + top["yoy_printed"] / 100)
    top["implied_rank_2024"] = top["rank_2025"] + top["rank_change_printed"]  # ↑n: n places higher than in 2024
    known_v, known_e, known_src, known_r, known_rsrc = [], [], [], [], []
    for key in top["partner_key"]:
        name = RAW_NAMES.get(key)
        v = fdi[(fdi["partner"] == name) & (fdi["period"] == "2024-12M") & (fdi["measure"] == "registered_total")]
        r = fdi[(fdi["partner"] == name) & (fdi["period"] == "2024-12M") & (fdi["measure"] == "rank")]
        b = best(v, sources) if not v.empty else None
        known_v.append(None if b is None else b["value_mn"])
        known_e.append(None if b is None else b["uncertainty"])
        known_src.append(None if b is None else b["source_id"])
        known_r.append(None if r.empty else float(best(r, sources)["value"]))
        known_rsrc.append(None if r.empty else best(r, sources)["source_id"])
    top["value_2024_known"] = known_v
    top["value_2024_uncertainty"] = known_e
    top["value_2024_source"] = known_src
    top["yoy_recomputed"] = 100 * (top["value_2025"] / top["value_2024_known"] - 1)
    top["rank_2024_known"] = known_r
    top["rank_2024_source"] = known_rsrc
    top["rank_change_recomputed"] = top["rank_2024_known"] - top["rank_2025"]
    others = printed[printed["partner_key"] == "others"].iloc[0]
    total = printed[printed["partner_key"] == "total"].iloc[0]
    # the other partners' 2024 value the printed change implies (as for each partner: negative when the printed fall
    # exceeds the whole, and shown so), and apart from it the residual of the 2024 total less the ten implied 2024
    # values, from which their change is recomputed
    others_base = total_2024["value_mn"] - top["implied_base_2024"].sum()
    rest = pd.DataFrame([
        {"partner_key": "others", "value_2025": others["value_2025"], "yoy_printed": others["yoy_printed"],
         "share_pct": 100 * others["value_2025"] / total_2025,
         "implied_base_2024": others["value_2025"] / (1 + others["yoy_printed"] / 100), "residual_2024": others_base,
         "value_2025_recomputed": total_2025 - top["value_2025"].sum(),
         "yoy_recomputed": 100 * (others["value_2025"] / others_base - 1),
         "value_decimals": others["value_decimals"], "yoy_decimals": others["yoy_decimals"]},
        {"partner_key": "total", "value_2025": total["value_2025"], "yoy_printed": total["yoy_printed"],
         "share_pct": 100.0, "implied_base_2024": total["value_2025"] / (1 + total["yoy_printed"] / 100),
         "value_2024_known": total_2024["value_mn"], "value_2024_source": total_2024["source_id"],
         "yoy_recomputed": 100 * (total["value_2025"] / total_2024["value_mn"] - 1),
         "value_decimals": total["value_decimals"], "yoy_decimals": total["yoy_decimals"]},
    ])
    out = pd.concat([top, rest], ignore_index=True)
    out.insert(1, "partner", out["partner_key"].map(ENGLISH))
    return out.round(6)


def table2_checks(t2: pd.DataFrame, fdi: pd.DataFrame) -> dict:
    """Table 2 against itself and the raw data: the sum of the ten partners' values and the rest of the
    total, the partners whose 2024 rank the raw data hold, the sum of the implied 2024 values, and the
    adjacent pairs (by implied 2024 rank) whose implied 2024 value increases."""
    top = t2[t2["rank_2025"].notna()]
    total_2025 = float(t2[t2["partner_key"] == "total"].iloc[0]["value_2025"])
    order = top.sort_values("implied_rank_2024")["implied_base_2024"].tolist()
    return {"top10_sum": float(top["value_2025"].sum()), "others": total_2025 - float(top["value_2025"].sum()),
            "known_ranks": int(fdi[(fdi["period"] == "2024-12M") & (fdi["measure"] == "rank")]["partner"].nunique()),
            "implied_bases_sum": float(top["implied_base_2024"].sum()),
            "order_violations": sum(1 for a, b in zip(order, order[1:]) if b > a)}


def fragment(t2: pd.DataFrame, printed: pd.DataFrame, fdi: pd.DataFrame, sources: pd.DataFrame,
             files: dict[str, str], hashes: dict[str, str]) -> Fragment:
    """`files`: role -> path read (with `printed`: the article's numbers as transcribed); `hashes`: path -> sha256.

    Every uncertainty is derived: half a unit in the last printed (or published) digit of each figure,
    propagated through sums (added) and ratios (relative errors added)."""
    frag = Fragment("analysis.compute.fdi", hashes)
    raw_ins = [rel(files["fdi"]), rel(files["sources"])]
    pub_ins = [rel(files["printed"])]
    _raw_numbers(frag, fdi, raw_ins)
    top = t2[t2["rank_2025"].notna()]
    total = t2[t2["partner_key"] == "total"].iloc[0]
    others = t2[t2["partner_key"] == "others"].iloc[0]
    hu = lambda r, col: half_unit(int(r[col]))  # half a unit in the printed last digit
    total_2025, e_total_2025 = float(total["value_2025"]), hu(total, "value_decimals")
    fia_total = best(fdi[(fdi["partner"] == "Total") & (fdi["period"] == "2025-12M") & (fdi["measure"] == "registered_total")], sources)
    frag.add("fdi.value_2025.total", fia_total["value_mn"], "USD mn", reasons.label("label.fdi.total", year=2025),
             reasons.rule("rule.fdi.fia_total", months=12, n=reasons.num(1000)), raw_ins, [fia_total["source_id"]], decimals=0,
             uncertainty=fia_total["uncertainty"], by=best)
    checks = table2_checks(t2, fdi)
    e_top = float(sum(hu(r, "value_decimals") for _, r in top.iterrows()))
    frag.add("fdi.top10_sum_2025", checks["top10_sum"], "USD mn", reasons.label("label.fdi.top10_sum", table=2),
             reasons.rule("rule.fdi.top10_sum"), pub_ins, [], decimals=1, uncertainty=e_top, basis="internal",
             by=table2_checks)
    frag.add("fdi.value_2025.others", checks["others"], "USD mn",
             reasons.label("label.fdi.others", year=2025), reasons.rule("rule.fdi.others", table=2),
             pub_ins, [], decimals=1, uncertainty=e_top + e_total_2025, basis="internal", by=table2_checks)
    frag.add("fdi.known_ranks_2024", checks["known_ranks"], "count", reasons.label("label.fdi.known_ranks", year=2024),
             reasons.rule("rule.fdi.known_ranks", year=2024), raw_ins, [], decimals=0, by=table2_checks)
    e_bases = 0.0
    for _, r in top.iterrows():
        k, name = r["partner_key"], ENGLISH[r["partner_key"]]
        ev, ec = hu(r, "value_decimals"), hu(r, "yoy_decimals")
        reasons.gap(frag, f"fdi.value_2025.{k}", reasons.label("label.fdi.value", partner=who(k), year=2025),
                    [reasons.clause("g_fia_table")], pub_ins, [], by=table2)
        frag.add(f"fdi.table_value.{k}", r["value_2025"] / 1000, "USD bn", reasons.label("label.fdi.table_value", partner=who(k), year=2025, table=2),
                 reasons.rule("rule.fdi.table_value", table=2, n=reasons.num(1000)), pub_ins, [], decimals=2, uncertainty=ev / 1000, basis="internal",
                 by=printed_table)
        e_share = r["share_pct"] * (ev / r["value_2025"] + e_total_2025 / total_2025)
        frag.add(f"fdi.share.{k}", r["share_pct"], "%", reasons.label("label.fdi.share", partner=who(k), year=2025),
                 reasons.rule("rule.fdi.share", table=2, n=reasons.num(100)), pub_ins, [], decimals=2, uncertainty=e_share, basis="internal",
                 by=table2)
        e_base = r["implied_base_2024"] * (ev / r["value_2025"] + ec / (100 + r["yoy_printed"]))
        e_bases += e_base
        frag.add(f"fdi.implied_base_2024.{k}", r["implied_base_2024"], "USD mn", reasons.label("label.fdi.implied_base", partner=who(k), year=2024),
                 reasons.rule("rule.fdi.implied_base", table=2, one=reasons.num(1), n=reasons.num(100)), pub_ins, [], decimals=1, uncertainty=e_base, basis="internal",
                 by=table2)
        frag.add(f"fdi.implied_rank_2024.{k}", r["implied_rank_2024"], "rank", reasons.label("label.fdi.implied_rank", partner=who(k), year=2024),
                 reasons.rule("rule.fdi.implied_rank", year=2025, table=2), pub_ins, [], decimals=0, basis="internal", by=table2)
        if pd.notna(r["value_2024_known"]):
            e = abs(r["yoy_recomputed"] + 100) * (ev / r["value_2025"] + r["value_2024_uncertainty"] / r["value_2024_known"])
            frag.add(f"fdi.value_2024.{k}", r["value_2024_known"], "USD mn", reasons.label("label.fdi.value", partner=who(k), year=2024),
                     reasons.rule("rule.fdi.fia_headline", year=2024), raw_ins, [r["value_2024_source"]],
                     decimals=0, uncertainty=r["value_2024_uncertainty"], by=table2)
            frag.add(f"fdi.yoy.{k}", r["yoy_recomputed"], "% change", reasons.label("label.fdi.yoy", partner=who(k), year=2025, base=2024),
                     reasons.rule("rule.fdi.yoy", table=2, base=2024, n=reasons.num(1)), raw_ins + pub_ins, [r["value_2024_source"]],
                     decimals=1, uncertainty=e, basis="mixed", by=table2)
            base = fdi[(fdi["partner"] == RAW_NAMES.get(k)) & (fdi["period"] == "2024-12M")
                       & (fdi["measure"] == "registered_total") & (fdi["source_id"] == r["value_2024_source"])].iloc[0]
            fig = stated_figure(base)
            if fig:
                mark_stated(frag, f"fdi.value_2024.{k}", {"sum": [fig]})
                mark_stated(frag, f"fdi.yoy.{k}", {"ratio": [[[1, float(r["value_2025"]), int(r["value_decimals"]), "exact"]],
                                                             [fig]], "times": 100, "minus": 100})
        else:
            reasons.gap(frag, f"fdi.yoy.{k}", reasons.label("label.fdi.yoy", partner=who(k), year=2025, base=2024),
                        [reasons.clause("g_no_base", partner=reasons.partner(RAW_NAMES.get(k) or name),
                                        implied=reasons.key(f"fdi.implied_base_2024.{k}"))], pub_ins, [], by=table2)
        if pd.notna(r["rank_2024_known"]):
            frag.add(f"fdi.rank_change.{k}", r["rank_change_recomputed"], "rank change", reasons.label("label.fdi.rank_change", partner=who(k), year=2025, base=2024),
                     reasons.rule("rule.fdi.rank_change", base=2024, year=2025, table=2), raw_ins + pub_ins, [r["rank_2024_source"]],
                     decimals=0, basis="mixed", by=table2)
        else:
            reasons.gap(frag, f"fdi.rank_change.{k}", reasons.label("label.fdi.rank_change", partner=who(k), year=2025,
                                                                     base=2024),
                        [reasons.clause("g_no_rank", partner=reasons.partner(RAW_NAMES.get(k) or name),
                                        n=reasons.key("fdi.known_ranks_2024"))], pub_ins, [], by=table2)
    t24 = best(fdi[(fdi["partner"] == "Total") & (fdi["period"] == "2024-12M") & (fdi["measure"] == "registered_total")], sources)
    t24_v, t24_e = float(t24["value_mn"]), float(t24["uncertainty"])
    frag.add("fdi.value_2024.total", t24_v, "USD mn", reasons.label("label.fdi.total", year=2024),
             reasons.rule("rule.fdi.fia_report", year=2024), raw_ins, [t24["source_id"]], decimals=0, uncertainty=t24_e, by=best)
    e_total_yoy = hu(total, "yoy_decimals")
    frag.add("fdi.implied_base_2024.total", total["implied_base_2024"], "USD mn", reasons.label("label.fdi.implied_base", partner=who("total"), year=2024),
             reasons.rule("rule.fdi.implied_base_total", table=2, one=reasons.num(1), n=reasons.num(100)), pub_ins, [], decimals=1, basis="internal", by=table2,
             uncertainty=total["implied_base_2024"] * (e_total_2025 / total_2025 + e_total_yoy / (100 + total["yoy_printed"])))
    frag.add("fdi.implied_bases_sum_2024", checks["implied_bases_sum"], "USD mn",
             reasons.label("label.fdi.implied_bases_sum", year=2024),
             reasons.rule("rule.fdi.implied_bases_sum", one=reasons.num(1)), pub_ins, [], decimals=1,
             basis="internal", uncertainty=e_bases, by=table2_checks)
    e_others_base = t24_e + e_bases
    e_v, e_c = hu(others, "value_decimals"), hu(others, "yoy_decimals")
    frag.add("fdi.implied_base_2024.others", others["implied_base_2024"], "USD mn",
             reasons.label("label.fdi.implied_base", partner=who("others"), year=2024),
             reasons.rule("rule.fdi.implied_base", table=2, one=reasons.num(1), n=reasons.num(100)), pub_ins, [],
             decimals=1, basis="internal", by=table2,
             uncertainty=abs(others["implied_base_2024"]) * (e_v / others["value_2025"]
                                                             + e_c / abs(100 + others["yoy_printed"])))
    frag.add("fdi.residual_2024.others", others["residual_2024"], "USD mn",
             reasons.label("label.fdi.implied_base_others", year=2024),
             reasons.rule("rule.fdi.implied_base_others", year=2024), raw_ins + pub_ins, [t24["source_id"]],
             decimals=1, basis="mixed", uncertainty=e_others_base, by=table2)
    ratio = others["value_2025"] / others["residual_2024"]
    frag.add("fdi.yoy.others", others["yoy_recomputed"], "% change", reasons.label("label.fdi.yoy", partner=who("others"), year=2025, base=2024),
             reasons.rule("rule.fdi.yoy_others", year=2025, base=2024, n=reasons.num(1)), raw_ins + pub_ins, [t24["source_id"]],
             decimals=1, basis="mixed", by=table2,
             uncertainty=100 * abs(ratio) * (hu(others, "value_decimals") / others["value_2025"]
                                             + e_others_base / abs(others["residual_2024"])))
    frag.add("fdi.yoy.total", total["yoy_recomputed"], "% change", reasons.label("label.fdi.yoy", partner=who("total"), year=2025, base=2024),
             reasons.rule("rule.fdi.yoy_total", table=2, base=2024, n=reasons.num(1)), raw_ins + pub_ins, [t24["source_id"]], decimals=2, basis="mixed", by=table2,
             uncertainty=100 * total_2025 / t24_v * (e_total_2025 / total_2025 + t24_e / t24_v))
    frag.add("fdi.check.implied_rank_order_violations", checks["order_violations"], "count",
             reasons.label("label.fdi.order_violations", year=2024), reasons.rule("rule.fdi.order_violations", year=2024), pub_ins, [], decimals=0,
             basis="internal", by=table2_checks)
    _ranks_2024(frag, fdi, sources, raw_ins)
    _candidates(frag, t2, fdi, total_2025, e_total_2025, raw_ins, pub_ins, hu)
    _seven_months(frag, fdi, sources, raw_ins)
    _russia_cumulative(frag, fdi, sources, raw_ins)
    _text_gaps(frag, fdi, sources, raw_ins)
    return frag


def raw_key(r: pd.Series) -> str:
    """The registry key of one raw figure: fdi.raw.<partner>.<measure>.<period>.<source>."""
    slug = "".join(c if c.isalnum() else "_" for c in r["partner"].lower())
    return f"fdi.raw.{slug}.{r['measure']}.{r['period']}.{r['source_id']}"


RAW_UNITS = {"bn_USD": "USD bn", "mn_USD": "USD mn", "pct": "%", "count": "count", "rank": "rank",
             "places_up": "rank change"}


def _raw_numbers(frag: Fragment, fdi: pd.DataFrame, ins: list[str]) -> None:
    """Every raw figure as a registry number, in its published unit and precision, so that a reason or a
    claim can cite it by key."""
    for _, r in fdi.iterrows():
        unit = RAW_UNITS[r["unit"]]
        frag.add(raw_key(r), float(r["value"]), unit,
                 reasons.label("label.fdi.raw", partner=reasons.partner(r["partner"]),
                               measure=reasons.word(f"fdi_measure.{r['measure']}"), period=period_phrase(r["period"])),
                 reasons.rule("rule.fdi.as_published"), ins, [r["source_id"]], decimals=int(r["decimals"]),
                 uncertainty=half_unit(int(r["decimals"])) if unit.startswith("USD") or unit == "%" else 0.0)
        fig = stated_figure(r, 1.0)
        mark_stated(frag, raw_key(r), {"sum": [fig]} if fig else None)


def _candidates(frag, t2, fdi, total_2025, e_total_2025, raw_ins, pub_ins, hu) -> None:
    """Alternative figures as registry numbers (fdi.alt.*), offered to the likeliest-cause search."""
    total = t2[t2["partner_key"] == "total"].iloc[0]
    top = t2[t2["rank_2025"].notna()]
    for _, r in fdi[(fdi["partner"] == "Total") & (fdi["measure"] == "registered_total") & fdi["period"].str.startswith("2024")].iterrows():
        alt = f"fdi.alt.total_yoy.{r['period']}.{r['source_id']}"
        v = 100 * (total_2025 / r["value_mn"] - 1)
        frag.add(alt, v, "% change", reasons.label("label.fdi.alt.total_yoy", year=2025, period=period_phrase(r["period"]),
                                                   source=r["source_id"], n=reasons.num(1)),
                 reasons.rule("rule.fdi.alt.total_yoy", table=2, base=2024, n=reasons.num(1)), raw_ins + pub_ins, [r["source_id"]],
                 decimals=2, uncertainty=100 * total_2025 / r["value_mn"] * (e_total_2025 / total_2025 + r["uncertainty"] / r["value_mn"]),
                 basis="mixed")
        fig = stated_figure(r)
        if fig:
            mark_stated(frag, alt, {"ratio": [[[1, total_2025, int(total["value_decimals"]), "exact"]], [fig]],
                                    "times": 100, "minus": 100})
        reasons.candidate(frag, "fdi.yoy.total", alt,
                          "other_source_or_reporter" if r["period"] == "2024-12M" else "other_period_or_base",
                          {"src": "fdi", "what": "total_yoy", "period": r["period"]})
    for _, p in top.iterrows():
        k, name = p["partner_key"], RAW_NAMES.get(p["partner_key"])
        rows = fdi[(fdi["partner"] == name) & (fdi["measure"] == "registered_total") & fdi["period"].str.startswith("2024")]
        for _, r in rows.iterrows():
            alt = f"fdi.alt.yoy.{k}.{r['period']}.{r['source_id']}"
            v = 100 * (p["value_2025"] / r["value_mn"] - 1)
            frag.add(alt, v, "% change", reasons.label("label.fdi.alt.yoy", partner=who(k), year=2025,
                                                       period=period_phrase(r["period"]), source=r["source_id"],
                                                       n=reasons.num(1)),
                     reasons.rule("rule.fdi.alt.yoy", table=2, base=2024, n=reasons.num(1)), raw_ins + pub_ins, [r["source_id"]],
                     decimals=2, basis="mixed",
                     uncertainty=100 * p["value_2025"] / r["value_mn"] * (hu(p, "value_decimals") / p["value_2025"]
                                                                         + r["uncertainty"] / r["value_mn"]))
            fig = stated_figure(r)
            if fig:
                mark_stated(frag, alt, {"ratio": [[[1, float(p["value_2025"]), int(p["value_decimals"]), "exact"]], [fig]],
                                        "times": 100, "minus": 100})
            reasons.candidate(frag, f"fdi.yoy.{k}", alt,
                              "other_source_or_reporter" if r["period"] == "2024-12M" else "other_period_or_base",
                              {"src": "fdi", "what": "partner_yoy", "partner": name, "period": r["period"]})
    for _, r in fdi[(fdi["partner"] == "Total") & (fdi["measure"] == "registered_total") & (fdi["period"] == "2025-12M")].iterrows():
        reasons.candidate(frag, "fdi.value_2025.total", raw_key(r), "other_source_or_reporter",
                          {"src": "fdi", "what": "period_value", "period": r["period"]})
    # the year's change as the sources state it, independent of the article's figures
    for _, r in fdi[(fdi["partner"] == "Total") & (fdi["measure"] == "registered_total_yoy_pct")
                    & (fdi["period"] == "2025-12M")].iterrows():
        alt = f"fdi.alt.total_yoy_stated.{r['source_id']}"
        frag.add(alt, float(r["value"]), "% change", reasons.label("label.fdi.alt.total_yoy_stated", partner=who("total"),
                                                                  year=2025, base=2024),
                 reasons.rule("rule.fdi.alt.total_yoy_stated"), raw_ins, [r["source_id"]], decimals=int(r["decimals"]),
                 uncertainty=half_unit(int(r["decimals"])))
        fig = stated_figure(r, 1.0)
        mark_stated(frag, alt, {"sum": [fig]} if fig else None)
        reasons.candidate(frag, "fdi.yoy.total", alt, "other_source_or_reporter",
                          {"src": "fdi", "what": "period_value", "period": r["period"]})
    pct_sum = float(top["yoy_printed"].sum())
    e_pct = float(sum(hu(r, "yoy_decimals") for _, r in t2.iterrows() if pd.notna(r["yoy_printed"])))
    frag.add("fdi.alt.others_yoy.pct_subtract", float(total["yoy_printed"]) - pct_sum, "% change",
             reasons.label("label.fdi.alt.pct_subtract"), reasons.rule("rule.fdi.alt.pct_subtract"), pub_ins, [], decimals=1, uncertainty=e_pct, basis="internal")
    reasons.candidate(frag, "fdi.yoy.others", "fdi.alt.others_yoy.pct_subtract", "arithmetic",
                      {"src": "fdi", "what": "pct_subtract"})


def _ranks_2024(frag: Fragment, fdi: pd.DataFrame, sources: pd.DataFrame, ins: list[str]) -> None:
    """Each Table 2 partner's 2024 rank where a source gives it (fdi.rank_2024.<partner>), best by the rule."""
    for k, name in RAW_NAMES.items():
        r = fdi[(fdi["partner"] == name) & (fdi["period"] == "2024-12M") & (fdi["measure"] == "rank")]
        if r.empty:
            continue
        b = best(r, sources)
        frag.add(f"fdi.rank_2024.{k}", int(b["value"]), "rank", reasons.label("label.fdi.rank", partner=who(k), year=2024),
                 reasons.rule("rule.fdi.rank_best", year=2024), ins, [b["source_id"]], decimals=0)


def _seven_months(frag: Fragment, fdi: pd.DataFrame, sources: pd.DataFrame, ins: list[str]) -> None:
    """Registered FDI in January-July 2025 and its change on January-July 2024, best by the rule; every
    other source's figure is offered as an alternative."""
    for key, measure, unit, label in (
            ("fdi.total_7m_2025", "registered_total", "USD bn", reasons.label("label.fdi.total_7m", year=2025)),
            ("fdi.total_7m_2025_yoy", "registered_total_yoy_pct", "% change",
             reasons.label("label.fdi.total_7m_yoy", year=2025, base=2024))):
        rows = fdi[(fdi["partner"] == "Total") & (fdi["period"] == "2025-07M") & (fdi["measure"] == measure)]
        b = best(rows, sources)
        frag.add(key, float(b["value"]), unit, label, reasons.rule("rule.fdi.total_7m"), ins, [b["source_id"]], decimals=int(b["decimals"]), uncertainty=half_unit(int(b["decimals"])))
        fig = stated_figure(b, 1.0)
        mark_stated(frag, key, {"sum": [fig]} if fig else None)
        for _, r in rows[rows["source_id"] != b["source_id"]].iterrows():
            reasons.candidate(frag, key, raw_key(r), "other_source_or_reporter",
                              {"src": "fdi", "what": "period_value", "period": r["period"]})


# Russia's cumulative measures: the key's name and the unit (their words: the catalogs' word.fdi_cumulative.*)
RUSSIA_MEASURES = {"projects": ("projects", "count"), "registered_cumulative": ("value", "USD mn"),
                   "rank": ("rank", "rank"), "partners_total": ("partners", "count")}


def _russia_cumulative(frag: Fragment, fdi: pd.DataFrame, sources: pd.DataFrame, ins: list[str]) -> None:
    """Russia's cumulative position at each date a source gives (fdi.russia_cumulative.<date>.<measure>):
    projects, capital, rank and the number of investing partners, best by the rule at each date."""
    rus = fdi[(fdi["partner"] == "Russia") & fdi["period"].str.startswith("cumulative-")]
    for (period, measure), rows in rus.groupby(["period", "measure"], sort=True):
        name, unit = RUSSIA_MEASURES[measure]
        b = best(rows, sources)
        date = period.removeprefix("cumulative-")
        frag.add(f"fdi.russia_cumulative.{date.replace('-', '_')}.{name}", float(b["value"]) if unit == "USD mn"
                 else int(b["value"]), unit,
                 reasons.label("label.fdi.russia_cumulative", partner=reasons.partner("Russia"),
                               measure=reasons.word(f"fdi_cumulative.{measure}"), date=date),
                 reasons.rule("rule.fdi.cumulative_best"), ins, [b["source_id"]],
                 decimals=int(b["decimals"]), uncertainty=half_unit(int(b["decimals"])) if unit == "USD mn" else 0.0)
        fig = stated_figure(b, 1.0) if unit == "USD mn" else None
        mark_stated(frag, f"fdi.russia_cumulative.{date.replace('-', '_')}.{name}", {"sum": [fig]} if fig else None)


def _text_gaps(frag: Fragment, fdi: pd.DataFrame, sources: pd.DataFrame, ins: list[str]) -> None:
    """The in-text figures the data cannot recompute, each with its reason citing raw figures by key."""
    def row(partner, period, measure):
        r = fdi[(fdi["partner"] == partner) & (fdi["period"] == period) & (fdi["measure"] == measure)]
        return best(r, sources) if not r.empty else None

    def cite(r):
        return reasons.key(raw_key(r), src=True), reasons.what(src="fdi", what="period_value", period=r["period"])

    def srcs(*rs):
        return [r["source_id"] for r in rs]

    for key, measure, label in (("fdi.russia_cumulative_projects", "projects", reasons.label("label.fdi.russia_projects")),
                                ("fdi.russia_cumulative_value", "registered_cumulative",
                                 reasons.label("label.fdi.russia_value"))):
        # every date the data give, in order (the figure of the best source at each): the nearest dates on either
        # side of the article's figure are among them, never left out of the span
        periods = sorted(fdi.loc[(fdi["partner"] == "Russia") & (fdi["measure"] == measure), "period"].unique())
        rows = [row("Russia", period, measure) for period in periods]
        reasons.gap(frag, key, label, [reasons.clause("g_source_not_found_all", points=reasons.nested(
            [reasons.clause("point", value=cite(r)[0], what=cite(r)[1]) for r in rows]))], ins, srcs(*rows))
    n25, n24 = row("Total", "2025-12M", "partners_with_new_projects"), row("Total", "2024-12M", "partners_investing")
    reasons.gap(frag, "fdi.partners_2025", reasons.label("label.fdi.partners", year=2025),
                [reasons.clause("g_report_not_consulted", a=cite(n25)[0], b=cite(n24)[0])], ins, srcs(n25, n24))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Table 2: registered FDI by partner, 2025")
    ap.add_argument("--checked", nargs="+", required=True, help="input-check reports that validated the raw files")
    for role in ROLES:
        ap.add_argument(f"--{role}", required=True)
    ap.add_argument("--published", required=True, help="parsed printed numbers (analysis.contract.published)")
    ap.add_argument("--printed-source", required=True, help="the transcription they were parsed from (for lineage)")
    ap.add_argument("--out-table", required=True)
    ap.add_argument("--out-numbers", required=True)
    args = ap.parse_args(argv)
    files = {role: getattr(args, role) for role in ROLES}
    hashes = require_validated([*files.values(), args.printed_source], args.checked)
    fdi, sources = load(files)
    printed = printed_table(pd.read_csv(args.published, dtype={"printed_value": float}, keep_default_na=False))
    t2 = table2(printed, fdi, sources)
    write_csv(args.out_table, t2)
    write_json(args.out_numbers, fragment(t2, printed, fdi, sources, files | {"printed": args.printed_source},
                                          hashes).to_json())
    return 0


if __name__ == "__main__":
    run(main)
