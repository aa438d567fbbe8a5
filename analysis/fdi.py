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
- rank changes where the 2024 ranks are known.

Run on its own:  python -m analysis.fdi --published data/derived/published.csv \
                     --out-table data/derived/table2.csv --out-numbers data/derived/numbers/fdi.json
"""
from __future__ import annotations

import argparse
import sys

import pandas as pd

from analysis.io import ROOT, rel, write_csv, write_json
from analysis.registry import Fragment, decimals_of, half_unit

RAW = ROOT / "data" / "raw" / "fdi"
FILES = {"fdi": RAW / "fdi_by_partner.csv", "sources": RAW / "sources.csv"}
PUBLISHED_CSV = rel(ROOT / "data" / "published" / "printed_numbers.csv")
KEYS = {"Singapore": "singapore", "Trung Quốc": "china", "Hàn Quốc": "south_korea", "Nhật Bản": "japan",
        "Hồng Kông": "hong_kong", "Malaysia": "malaysia", "Đài Loan": "taiwan", "Thái Lan": "thailand",
        "Thụy Điển": "sweden", "BritishVirginIslands": "british_virgin_islands"}
RAW_NAMES = {"singapore": "Singapore", "china": "China", "south_korea": "South Korea", "japan": "Japan",
             "hong_kong": "Hong Kong", "malaysia": "Malaysia", "taiwan": "Taiwan", "sweden": "Sweden"}
ENGLISH = {"singapore": "Singapore", "china": "China", "south_korea": "South Korea", "japan": "Japan",
           "hong_kong": "Hong Kong", "malaysia": "Malaysia", "taiwan": "Taiwan", "thailand": "Thailand",
           "sweden": "Sweden", "british_virgin_islands": "British Virgin Islands", "others": "Other partners",
           "total": "Total"}
AUTHORITY = {"official": 0, "official_cited": 1, "press": 2, "low": 3}
PERIOD_WORDS = {"12M": "full year", "11M": "Jan–Nov", "10M": "Jan–Oct", "07M": "Jan–Jul", "06M": "Jan–Jun", "04M": "Jan–Apr"}


def load() -> tuple[pd.DataFrame, pd.DataFrame]:
    fdi = pd.read_csv(FILES["fdi"], dtype=str, keep_default_na=False)
    fdi["decimals"] = fdi["value"].map(decimals_of)
    fdi["value"] = fdi["value"].astype(float)
    # express money in USD millions, keeping the rounding of the figure as published
    scale = fdi["unit"].map({"bn_USD": 1000.0, "mn_USD": 1.0}).fillna(1.0)
    fdi["uncertainty"] = fdi["decimals"].map(half_unit) * scale
    fdi["value_mn"] = fdi["value"] * scale
    sources = pd.read_csv(FILES["sources"], dtype=str, keep_default_na=False)
    return fdi, sources


def best(rows: pd.DataFrame, sources: pd.DataFrame) -> pd.Series:
    """One figure among several for the same quantity: FIA-attributed and most authoritative first,
    then the most precise (more decimals), then the latest, then the source id."""
    meta = sources.set_index("source_id")
    def key(r):
        m = meta.loc[r["source_id"]]
        return (0 if m["cites"] == "FIA" else 1, AUTHORITY[m["authority"]], -r["decimals"],
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
        rows.append({"partner_key": key, "value_2025": v.iloc[0], "yoy_printed": c.iloc[0] if len(c) else None,
                     "rank_change_printed": r.iloc[0] if len(r) else None})
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
    known_v, known_e, known_src, known_r = [], [], [], []
    for key in top["partner_key"]:
        name = RAW_NAMES.get(key)
        v = fdi[(fdi["partner"] == name) & (fdi["period"] == "2024-12M") & (fdi["measure"] == "registered_total")]
        r = fdi[(fdi["partner"] == name) & (fdi["period"] == "2024-12M") & (fdi["measure"] == "rank")]
        b = best(v, sources) if not v.empty else None
        known_v.append(None if b is None else b["value_mn"])
        known_e.append(None if b is None else b["uncertainty"])
        known_src.append(None if b is None else b["source_id"])
        known_r.append(None if r.empty else float(best(r, sources)["value"]))
    top["value_2024_known"] = known_v
    top["value_2024_uncertainty"] = known_e
    top["value_2024_source"] = known_src
    top["yoy_recomputed"] = 100 * (top["value_2025"] / top["value_2024_known"] - 1)
    top["rank_2024_known"] = known_r
    top["rank_change_recomputed"] = top["rank_2024_known"] - top["rank_2025"]
    others = printed[printed["partner_key"] == "others"].iloc[0]
    total = printed[printed["partner_key"] == "total"].iloc[0]
    others_base = total_2024["value_mn"] - top["implied_base_2024"].sum()
    rest = pd.DataFrame([
        {"partner_key": "others", "value_2025": others["value_2025"], "yoy_printed": others["yoy_printed"],
         "share_pct": 100 * others["value_2025"] / total_2025, "implied_base_2024": others_base,
         "value_2025_recomputed": total_2025 - top["value_2025"].sum(),
         "yoy_recomputed": 100 * (others["value_2025"] / others_base - 1)},
        {"partner_key": "total", "value_2025": total["value_2025"], "yoy_printed": total["yoy_printed"],
         "share_pct": 100.0, "implied_base_2024": total["value_2025"] / (1 + total["yoy_printed"] / 100),
         "value_2024_known": total_2024["value_mn"], "value_2024_source": total_2024["source_id"],
         "yoy_recomputed": 100 * (total["value_2025"] / total_2024["value_mn"] - 1)},
    ])
    out = pd.concat([top, rest], ignore_index=True)
    out.insert(1, "partner", out["partner_key"].map(ENGLISH))
    return out.round(6)


def fragment(t2: pd.DataFrame, printed: pd.DataFrame, fdi: pd.DataFrame, sources: pd.DataFrame) -> Fragment:
    frag = Fragment("analysis.fdi")
    raw_ins = [rel(FILES["fdi"]), rel(FILES["sources"])]
    pub_ins = [PUBLISHED_CSV]
    top = t2[t2["rank_2025"].notna()]
    n_top = len(top)
    total_2025 = float(t2.loc[t2["partner_key"] == "total", "value_2025"].iloc[0])
    fia_total = best(fdi[(fdi["partner"] == "Total") & (fdi["period"] == "2025-12M") & (fdi["measure"] == "registered_total")], sources)
    frag.add("fdi.value_2025.total", fia_total["value_mn"], "USD mn", "Total registered foreign investment, 2025",
             "FIA-attributed 12-month total (bn USD × 1,000)", raw_ins, [fia_total["source_id"]], decimals=0,
             uncertainty=fia_total["uncertainty"])
    frag.add("fdi.top10_sum_2025", float(top["value_2025"].sum()), "USD mn", "Sum of the ten partners in Table 2",
             "sum of the article's ten partner values", pub_ins, [], decimals=1, uncertainty=n_top * 0.05, basis="internal")
    frag.add("fdi.value_2025.others", total_2025 - float(top["value_2025"].sum()), "USD mn",
             "Other partners, 2025 (total − ten partners)", "Table 2 total − sum of the ten partner values",
             pub_ins, [], decimals=1, uncertainty=(n_top + 1) * 0.05, basis="internal")
    for _, r in top.iterrows():
        k, name = r["partner_key"], ENGLISH[r["partner_key"]]
        frag.gap(f"fdi.value_2025.{k}", f"{name}: registered capital 2025",
                 "the FIA's 2025 partner table could not be consulted; only the article prints this value", pub_ins, [])
        frag.add(f"fdi.table_value.{k}", r["value_2025"] / 1000, "USD bn", f"{name}: registered capital 2025 as in Table 2",
                 "Table 2 value (mn USD) / 1,000", pub_ins, [], decimals=2, uncertainty=0.00005, basis="internal")
        e_share = r["share_pct"] * (0.05 / r["value_2025"] + 0.05 / total_2025)
        frag.add(f"fdi.share.{k}", r["share_pct"], "%", f"{name}: share of total registered capital 2025",
                 "Table 2 value / Table 2 total × 100", pub_ins, [], decimals=2, uncertainty=e_share, basis="internal")
        frag.add(f"fdi.implied_base_2024.{k}", r["implied_base_2024"], "USD mn", f"{name}: 2024 value implied by the printed change",
                 "Table 2 value / (1 + printed change / 100)", pub_ins, [], decimals=1, basis="internal")
        frag.add(f"fdi.implied_rank_2024.{k}", r["implied_rank_2024"], "rank", f"{name}: 2024 rank implied by the printed rank change",
                 "2025 position in Table 2 − printed rank change", pub_ins, [], decimals=0, basis="internal")
        if pd.notna(r["value_2024_known"]):
            e = abs(r["yoy_recomputed"] + 100) * (0.05 / r["value_2025"] + r["value_2024_uncertainty"] / r["value_2024_known"])
            frag.add(f"fdi.value_2024.{k}", r["value_2024_known"], "USD mn", f"{name}: registered capital 2024",
                     "FIA headline measure for 2024 from the best-ranked source", raw_ins, [r["value_2024_source"]],
                     decimals=0, uncertainty=r["value_2024_uncertainty"])
            frag.add(f"fdi.yoy.{k}", r["yoy_recomputed"], "% change", f"{name}: change 2025 on 2024",
                     "Table 2 value / 2024 value from the raw data − 1", raw_ins + pub_ins, [r["value_2024_source"]],
                     decimals=1, uncertainty=e, basis="mixed")
        else:
            frag.gap(f"fdi.yoy.{k}", f"{name}: change 2025 on 2024",
                     f"the data hold no 2024 value for {name}; the printed change implies a 2024 value of "
                     f"{r['implied_base_2024']:,.1f} mn USD", pub_ins, [])
        if pd.notna(r["rank_2024_known"]):
            frag.add(f"fdi.rank_change.{k}", r["rank_change_recomputed"], "rank change", f"{name}: rank change 2025 on 2024",
                     "2024 rank from the raw data − 2025 position in Table 2", raw_ins + pub_ins, [], decimals=0, basis="mixed")
        else:
            frag.gap(f"fdi.rank_change.{k}", f"{name}: rank change 2025 on 2024",
                     f"the data hold no 2024 rank for {name} (only the top five are known)", pub_ins, [])
    others = t2[t2["partner_key"] == "others"].iloc[0]
    total = t2[t2["partner_key"] == "total"].iloc[0]
    frag.add("fdi.value_2024.total", total["value_2024_known"], "USD mn", "Total registered foreign investment, 2024",
             "FIA report for 2024", raw_ins, [total["value_2024_source"]], decimals=0, uncertainty=5)
    frag.add("fdi.implied_base_2024.total", total["implied_base_2024"], "USD mn", "Total: 2024 value implied by the printed change",
             "Table 2 total / (1 + printed change / 100)", pub_ins, [], decimals=1, basis="internal")
    frag.add("fdi.implied_bases_sum_2024", float(top["implied_base_2024"].sum()), "USD mn",
             "Sum of the ten partners' implied 2024 values", "sum of value / (1 + printed change)", pub_ins, [], decimals=1,
             basis="internal")
    frag.add("fdi.implied_base_2024.others", others["implied_base_2024"], "USD mn",
             "Other partners: 2024 value implied by the 2024 total and the ten implied bases",
             "2024 total (raw) − sum of the ten implied 2024 values", raw_ins + pub_ins, [total["value_2024_source"]],
             decimals=1, basis="mixed")
    frag.add("fdi.yoy.others", others["yoy_recomputed"], "% change", "Other partners: change 2025 on 2024",
             "Others 2025 / (2024 total − ten implied 2024 values) − 1", raw_ins + pub_ins, [total["value_2024_source"]],
             decimals=1, uncertainty=abs(others["yoy_recomputed"]) * 0.01 + 0.5, basis="mixed")
    frag.add("fdi.yoy.total", total["yoy_recomputed"], "% change", "Total: change 2025 on 2024",
             "Table 2 total / 2024 total (raw) − 1", raw_ins + pub_ins, [total["value_2024_source"]], decimals=2,
             uncertainty=0.02, basis="mixed")
    order = top.sort_values("implied_rank_2024")["implied_base_2024"].tolist()
    frag.add("fdi.check.implied_rank_order_violations", sum(1 for a, b in zip(order, order[1:]) if b > a), "count",
             "Pairs of partners whose implied 2024 values contradict their implied 2024 ranks",
             "count of adjacent pairs (by implied 2024 rank) whose implied 2024 value increases", pub_ins, [], decimals=0,
             basis="internal")
    # candidate explanations for printed figures
    for _, r in fdi[(fdi["partner"] == "Total") & (fdi["measure"] == "registered_total") & fdi["period"].str.startswith("2024")].iterrows():
        months = r["period"].split("-")[1]
        frag.candidate("fdi.yoy.total", f"2025 total over the 2024 {PERIOD_WORDS.get(months, months)} total "
                       f"({r['value']:g} bn USD) [{r['source_id']}]", 100 * (total_2025 / r["value_mn"] - 1),
                       100 * total_2025 / r["value_mn"] * r["uncertainty"] / r["value_mn"], [r["source_id"]])
    pct_sum = float(top["yoy_printed"].sum())
    frag.candidate("fdi.yoy.others", "printed total change − sum of the ten printed partner changes "
                   "(percentages subtracted as if they added up)", float(total["yoy_printed"]) - pct_sum,
                   (n_top + 1) * 0.05, [])
    _text_gaps(frag, fdi, raw_ins)
    return frag


def _text_gaps(frag: Fragment, fdi: pd.DataFrame, ins: list[str]) -> None:
    def val(partner, period, measure):
        r = fdi[(fdi["partner"] == partner) & (fdi["period"] == period) & (fdi["measure"] == measure)]
        return r.iloc[0] if not r.empty else None
    h1, m10 = val("Total", "2025-06M", "registered_total"), val("Total", "2025-10M", "registered_total")
    frag.gap("fdi.total_7m_2025", "Registered FDI, January–July 2025",
             f"no January–July 2025 total in the data; it lies between the January–June figure ({h1['value']:g} bn USD, "
             f"{h1['source_id']}) and the January–October figure ({m10['value']:g} bn USD, {m10['source_id']})",
             ins, [h1["source_id"], m10["source_id"]])
    p22 = val("Russia", "cumulative-2022-12-31", "projects")
    p24 = val("Russia", "cumulative-2024-04", "projects")
    v22 = val("Russia", "cumulative-2022-12-31", "registered_cumulative")
    frag.gap("fdi.russia_cumulative_projects", "Russia's FDI projects in Vietnam (cumulative)",
             f"the article's source for this count was not found; the data give {int(p22['value'])} projects at end-2022 "
             f"({p22['source_id']}) and {int(p24['value'])} in April 2024 ({p24['source_id']})", ins,
             [p22["source_id"], p24["source_id"]])
    frag.gap("fdi.russia_cumulative_value", "Russia's registered FDI in Vietnam (cumulative)",
             f"the article's source for this value was not found; the data give {v22['value']:g} mn USD at end-2022 "
             f"({v22['source_id']}) and about 985 mn USD in April 2024 (S17)", ins, [v22["source_id"], "S17"])
    n24 = val("Total", "2024-12M", "partners_investing")
    n25 = val("Total", "2025-12M", "partners_with_new_projects")
    frag.gap("fdi.partners_2025", "Countries and territories investing in Vietnam, 2025",
             f"the FIA report was not consulted; the data give {int(n25['value'])} partners with new projects in 2025 "
             f"({n25['source_id']}) and {int(n24['value'])} investing partners in 2024 ({n24['source_id']})",
             ins, [n25["source_id"], n24["source_id"]])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Table 2: registered FDI by partner, 2025")
    ap.add_argument("--published", required=True, help="parsed printed numbers (analysis.published)")
    ap.add_argument("--out-table", required=True)
    ap.add_argument("--out-numbers", required=True)
    args = ap.parse_args(argv)
    fdi, sources = load()
    printed = printed_table(pd.read_csv(args.published, dtype={"printed_value": float}, keep_default_na=False))
    t2 = table2(printed, fdi, sources)
    write_csv(args.out_table, t2)
    write_json(args.out_numbers, fragment(t2, printed, fdi, sources).to_json())
    return 0


if __name__ == "__main__":
    sys.exit(main())
