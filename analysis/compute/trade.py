"""Table 1: Vietnam's 2024 goods trade with six partners, from Vietnamese figures.

Which published figure a cell uses is decided by a stated rule, never by
deleting rows from the raw data.  For each partner, among the 2024 figures:

1. full year over part year (period FY; forecasts and year-to-date figures are out);
2. Vietnamese statistics over partner-side (mirror) statistics;
3. higher standing first: official > official_cited > press > low;
4. a source giving both exports and imports over one giving less;
5. final over unknown over preliminary over estimate;
6. the latest publication; then the source id, so ties break the same way every run.

Turnover is exports + imports when the chosen source gives both; otherwise the
turnover the source states.  A figure the source hedges ('hơn 132', column `qualifier`) is
entered as written; each number computed from hedged figures records them (`stated` in its
registry entry: coefficient, value, decimals, qualifier), and the audit reads them as the
intervals their words state (analysis/audit/verdict.py).  Growth rates take both years from one source.
Mirror figures (South Korea's KITA, Singapore's statistics converted at the
2024 average ECB cross rate) are shown beside the Vietnamese ones.

Published rankings (a partner's place among Vietnam's partners, Vietnam's place
among the US's partners) and a stated growth rate are statements, not data: each
is registered with its source, and where several sources state a rank for the same
partner, measure and year, the one the audit cites is chosen by a stated rule
(full year over "currently" over part year; then the stronger authority of the copy
read; then the latest publication; then the source id).

Run on its own:
    python -m analysis.compute.trade --checked data/derived/validated/trade.json \
        --trade data/raw/trade/vietnam_trade_by_partner.csv --local data/raw/trade/partner_side_local_currency.csv \
        --sources data/raw/trade/sources.csv --fx data/raw/fx/ecb_eurofxref_2024_USD_SGD.csv \
        --statements data/raw/trade/published_statements.csv \
        --out-table t1.csv --out-candidates c.csv --out-numbers n.json
"""
from __future__ import annotations

import argparse

import pandas as pd

from analysis import reasons
from analysis.article import TRADE_PARTNERS, TRADE_YEAR
from analysis.io import rel, require_validated, run, write_csv, write_json
from analysis.registry import Fragment, decimals_of, half_unit

ROLES = ("trade", "local", "sources", "fx", "statements")  # the raw files, by role; their paths come from the rule
PARTNERS = {slug: english for slug, (english, _) in TRADE_PARTNERS.items()}
STANDING = {"official": 0, "official_cited": 1, "press": 2, "low": 3}
AUTHORITY = {"official": 0, "secondary": 1, "third_party_copy": 2}  # of the copy read, strongest first
STATEMENT_PERIOD = {"FY": 0, "current": 1, "10M": 2, "9M": 3}  # full year, stated as current, part year
STATUS = {"final": 0, "unknown": 1, "preliminary": 2, "estimate": 3, "forecast": 4}
FX_SOURCE = ["ECB_EUROFXREF_2024"]  # the source id of data/raw/fx (its sources.csv)


def load(files: dict[str, str]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    trade = pd.read_csv(files["trade"], dtype=str, keep_default_na=False)
    trade["decimals"] = trade["value_usd_bn"].map(decimals_of)
    trade["value"] = trade["value_usd_bn"].astype(float)
    trade["year"] = trade["year"].astype(int)
    local = pd.read_csv(files["local"], dtype=str, keep_default_na=False)
    local["decimals"] = local["value"].map(decimals_of)
    local["value"] = local["value"].astype(float)
    local["year"] = local["year"].astype(int)
    sources = pd.read_csv(files["sources"], dtype=str, keep_default_na=False)
    fx = pd.read_csv(files["fx"], dtype={"Date": str, "USD": float, "SGD": float})
    return trade, local, sources, fx


def load_statements(path) -> pd.DataFrame:
    """Published rankings and stated growth rates (data/raw/trade/published_statements.csv), values as written."""
    st = pd.read_csv(path, dtype=str, keep_default_na=False)
    st["decimals"] = st["value"].map(decimals_of)
    st["value"] = st["value"].astype(float)
    st["year"] = st["year"].astype(int)
    return st


def subject_slug(name: str) -> str:
    """'United States' -> 'united_states' (the partner slugs of Table 1)."""
    return "".join(c if c.isalnum() else "_" for c in name.lower())


def published_ranks(statements: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The rank the audit cites for each (among, measure, year, subject), by the stated rule: a full-year
    statement over one stated as current over a part-year one; then the stronger authority of the copy
    read; then the latest publication; then the source id.  Every other statement stays in the registry."""
    meta = sources.set_index("source_id")
    ranks = statements[statements["unit"] == "rank"].copy()
    ranks["order"] = [(STATEMENT_PERIOD[r["period"]], AUTHORITY[meta.at[r["source_id"], "authority"]],
                       _neg_date(meta.at[r["source_id"], "date"]), r["source_id"]) for _, r in ranks.iterrows()]
    ranks = ranks.sort_values("order", kind="stable")
    return ranks.groupby(["among", "measure", "year", "subject"], sort=True).head(1).drop(columns="order") \
        .sort_values(["among", "measure", "year", "subject"]).reset_index(drop=True)


def sgd_per_usd(fx: pd.DataFrame) -> float:
    """2024 average of the daily SGD-per-USD cross rate (SGD per EUR / USD per EUR)."""
    return float((fx["SGD"] / fx["USD"]).mean())


def rank_sources(rows: pd.DataFrame, sources: pd.DataFrame) -> list[str]:
    """Order the sources of `rows` by the selection rule (best first)."""
    meta = sources.set_index("source_id")
    keys = []
    for sid, grp in rows.groupby("source_id"):
        m = meta.loc[sid]
        flows = set(grp["flow"])
        complete = 0 if {"exports", "imports"} <= flows else 1
        keys.append((0 if m["reporter"] == "Vietnam" else 1, STANDING[m["standing"]], complete,
                     STATUS[m["status"]], _neg_date(m["date"]), sid))
    return [k[-1] for k in sorted(keys)]


def _neg_date(date: str) -> tuple:
    """Sort key putting later dates first; a partial date ranks as its earliest day."""
    parts = [int(p) for p in date.split("-")] if date else [0]
    parts += [0] * (3 - len(parts))
    return tuple(-p for p in parts)


def pick(trade: pd.DataFrame, sources: pd.DataFrame, partner: str, year: int = 2024) -> pd.DataFrame:
    """Rows of the chosen source for a partner's full-year Vietnamese figures."""
    vn = set(sources.loc[sources["reporter"] == "Vietnam", "source_id"])
    rows = trade[(trade["partner"] == partner) & (trade["year"] == year) & (trade["period"] == "FY")
                 & trade["source_id"].isin(vn)]
    if rows.empty:
        return rows
    best = rank_sources(rows, sources)[0]
    return rows[rows["source_id"] == best]


def hedged(frag: Fragment, key: str, rows: pd.DataFrame, signs: dict[str, int]) -> None:
    """Record on `key` the source figures it is computed from (`signs`: flow -> +1 or −1 within one source's
    `rows`) when any of them is hedged, so that the audit reads them as the intervals they state."""
    figures = [[sign, float(r["value"]), int(r["decimals"]), str(r.get("qualifier", "exact") or "exact")]
               for flow, sign in signs.items() for _, r in rows[rows["flow"] == flow].iterrows()]
    if any(f[3] != "exact" for f in figures):
        frag.numbers[key]["stated"] = {"sum": figures}


def hedged_ratio(frag: Fragment, key: str, num: tuple[pd.DataFrame, dict], den: tuple[pd.DataFrame, dict],
                 times: float = 100.0, minus: float = 0.0) -> None:
    """Record on `key`, a ratio of source figures (times × numerator / denominator − minus), the figures of both
    when any is hedged (see `hedged`)."""
    parts = [[[sign, float(r["value"]), int(r["decimals"]), str(r.get("qualifier", "exact") or "exact")]
              for flow, sign in signs.items() for _, r in rows[rows["flow"] == flow].iterrows()] for rows, signs in (num, den)]
    if any(f[3] != "exact" for part in parts for f in part):
        frag.numbers[key]["stated"] = {"ratio": parts, "times": times, "minus": minus}


def flows_of(rows: pd.DataFrame) -> dict:
    """{flow: (value, uncertainty)} of one source's rows."""
    return {r["flow"]: (r["value"], half_unit(r["decimals"])) for _, r in rows.iterrows()}


def table1(trade: pd.DataFrame, local: pd.DataFrame, sources: pd.DataFrame, fx: pd.DataFrame) -> pd.DataFrame:
    rate = sgd_per_usd(fx)
    world = flows_of(pick(trade, sources, "World"))
    out = []
    for slug, partner in PARTNERS.items():
        rows = pick(trade, sources, partner)
        f = flows_of(rows)
        sid = rows["source_id"].iloc[0]
        exports, imports, stated = f.get("exports"), f.get("imports"), f.get("turnover")
        basis = "stated"
        if exports and imports:
            turnover = (exports[0] + imports[0], exports[1] + imports[1])
            basis = "exports + imports"
        else:
            turnover = stated
            if stated and exports and not imports:
                imports = (stated[0] - exports[0], stated[1] + exports[1])
        mirror = _mirror(trade, local, sources, partner, rate)
        out.append({
            "partner_key": slug, "partner": partner, "source_id": sid, "decimals": int(rows["decimals"].max()),
            "exports_usd_bn": exports[0] if exports else None,
            "imports_usd_bn": imports[0] if imports else None,
            "imports_derived": bool(imports) and "imports" not in f,
            "turnover_usd_bn": round(turnover[0], 6), "turnover_uncertainty": round(turnover[1], 6),
            "turnover_basis": basis,
            "stated_turnover_usd_bn": stated[0] if stated else None,
            "share_of_vietnam_total_pct": round(100 * turnover[0] / world["turnover"][0], 4),
            "mirror_turnover_usd_bn": None if mirror is None else round(mirror[0], 4),
            "mirror_source_id": None if mirror is None else mirror[2],
        })
    return pd.DataFrame(out)


def _mirror(trade, local, sources, partner, rate):
    """Partner-side 2024 full-year turnover in USD bn: (value, uncertainty, source_id) or None."""
    partner_side = set(sources.loc[sources["reporter"] != "Vietnam", "source_id"])
    rows = trade[(trade["partner"] == partner) & (trade["year"] == 2024) & (trade["period"] == "FY")
                 & trade["source_id"].isin(partner_side)]
    if not rows.empty:
        sid = rank_sources(rows, sources)[0]
        f = flows_of(rows[rows["source_id"] == sid])
        if "exports" in f and "imports" in f:
            return f["exports"][0] + f["imports"][0], f["exports"][1] + f["imports"][1], sid
        return f["turnover"][0], f["turnover"][1], sid
    loc = local[(local["partner"] == partner) & (local["year"] == 2024) & (local["period"] == "FY")
                & (local["flow"] == "turnover") & (local["currency"] == "SGD")]
    if not loc.empty:
        r = loc.iloc[0]
        return r["value"] / rate, half_unit(r["decimals"]) / rate, r["source_id"]
    return None


def growth_same_source(trade: pd.DataFrame, sources: pd.DataFrame, partner: str) -> tuple[float, float, str] | None:
    """2024-on-2023 growth of turnover (%), both years from the best source that gives both."""
    tv = trade[(trade["partner"] == partner) & (trade["period"] == "FY") & (trade["flow"] == "turnover")]
    both = [sid for sid, g in tv.groupby("source_id") if {2023, 2024} <= set(g["year"])]
    if not both:
        return None
    sid = rank_sources(tv[tv["source_id"].isin(both)], sources)[0]
    g = tv[tv["source_id"] == sid].set_index("year")
    v24, v23 = g.at[2024, "value"], g.at[2023, "value"]
    e24, e23 = half_unit(g.at[2024, "decimals"]), half_unit(g.at[2023, "decimals"])
    pct = 100 * (v24 / v23 - 1)
    return pct, 100 * (v24 / v23) * (e24 / v24 + e23 / v23), sid


def candidates(trade: pd.DataFrame, local: pd.DataFrame, fx: pd.DataFrame) -> pd.DataFrame:
    """Every figure in the data a printed number might have come from: stated values, sums of
    exports and imports within one source, turnover − exports, and local-currency figures converted
    to USD.  Each row keeps its facets (year, period, how it was obtained) so that a reason can say
    what it is in either language."""
    rows = []
    for (partner, year, period, sid), g in trade.groupby(["partner", "year", "period", "source_id"]):
        f = flows_of(g)
        dec = dict(zip(g["flow"], g["decimals"]))
        for flow, (v, e) in f.items():
            rows.append((partner, flow, v, e, int(dec[flow]), year, period, "stated", "", None, sid))
        if "exports" in f and "imports" in f:
            rows.append((partner, "turnover", f["exports"][0] + f["imports"][0], f["exports"][1] + f["imports"][1],
                         int(max(dec["exports"], dec["imports"])), year, period, "sum", "", None, sid))
        if "turnover" in f and "exports" in f:
            rows.append((partner, "imports", f["turnover"][0] - f["exports"][0], f["turnover"][1] + f["exports"][1],
                         int(max(dec["turnover"], dec["exports"])), year, period, "diff", "", None, sid))
    rate = sgd_per_usd(fx)
    for _, r in local.iterrows():
        rows.append((r["partner"], r["flow"], r["value"] / rate, half_unit(r["decimals"]) / rate, int(r["decimals"]),
                     int(r["year"]), r["period"], "converted", r["reporter"], r["value"], r["source_id"]))
    out = pd.DataFrame(rows, columns=["partner", "flow", "value_usd_bn", "uncertainty", "decimals", "year", "period",
                                      "how", "reporter", "local_value", "source_id"])
    out["description"] = [reasons.say(alt_label(r), "en") for _, r in out.iterrows()]
    return out.sort_values(["partner", "flow", "value_usd_bn", "source_id", "description"]).reset_index(drop=True)


def alt_label(c) -> dict:
    """An alternative figure's label as data (analysis/reasons.py, phrase), from its facets: the partner, flow,
    year, period, how it was obtained and, for a converted one, the reporter and the figure as published."""
    slots = {"partner": reasons.partner(c["partner"]), "year": int(c["year"]),
             "period": reasons.word(f"period.{c['period']}")}
    if c["how"] == "converted":
        return reasons.label("label.trade.alt.converted", **slots, flow=reasons.word(f"flow.{c['flow']}"),
                             reporter=reasons.partner(c["reporter"]), local=reasons.num(float(c["local_value"])),
                             rate_year=TRADE_YEAR)
    if c["how"] == "stated":
        return reasons.label("label.trade.alt.stated", **slots, flow=reasons.word(f"flow.{c['flow']}"))
    return reasons.label(f"label.trade.alt.{c['how']}", **slots)


def candidate_kind(c: pd.Series, chosen: str, reporter: str) -> str:
    """The cause an alternative figure would point to, relative to the source the Table 1 rule chose."""
    if reporter != "Vietnam":
        return "other_source_or_reporter"
    if int(c["year"]) != TRADE_YEAR or c["period"] != "FY":
        return "other_period_or_base"
    if c["source_id"] != chosen:
        return "other_source_or_reporter"
    return "arithmetic" if c["how"] == "diff" else "other_period_or_base"


def fragment(t1: pd.DataFrame, trade: pd.DataFrame, local: pd.DataFrame, sources: pd.DataFrame,
             fx: pd.DataFrame, cands: pd.DataFrame, files: dict[str, str], hashes: dict[str, str],
             statements: pd.DataFrame | None = None) -> Fragment:
    """`files`: role -> path read; `hashes`: path -> sha256 (as validated); `statements`: the published
    rankings and growth rates (read from `files['statements']` when not given)."""
    frag = Fragment("analysis.compute.trade", hashes)
    path = {role: rel(p) for role, p in files.items()}
    ins = [path["trade"], path["sources"]]
    rate = sgd_per_usd(fx)
    frag.add("trade.fx_sgd_per_usd_2024", rate, "SGD per USD", reasons.label("label.trade.fx_sgd_per_usd", year=TRADE_YEAR),
             reasons.rule("rule.trade.fx_mean", year=TRADE_YEAR), [path["fx"]],
             FX_SOURCE, decimals=4, by=sgd_per_usd)
    wf, wsid = _world(frag, trade, sources, ins)
    for _, r in t1.iterrows():
        p, name, sid = r["partner_key"], r["partner"], r["source_id"]
        who = {"partner": reasons.partner(name), "year": TRADE_YEAR}
        frag.add(f"trade.turnover_2024.{p}", float(r["turnover_usd_bn"]), "USD bn",
                 reasons.label("label.trade.turnover", **who),
                 reasons.rule("rule.trade.turnover_sum", table=1) if r["turnover_basis"] != "stated"
                 else reasons.rule("rule.trade.turnover_stated", table=1),
                 ins, [sid], decimals=int(r["decimals"]), uncertainty=float(r["turnover_uncertainty"]), by=table1)
        chosen = trade[(trade["source_id"] == sid) & (trade["partner"] == name) & (trade["year"] == TRADE_YEAR)
                       & (trade["period"] == "FY")]
        hedged(frag, f"trade.turnover_2024.{p}", chosen,
               {"turnover": 1} if r["turnover_basis"] == "stated" else {"exports": 1, "imports": 1})
        frag.add(f"trade.source_2024.{p}", sid, "text", reasons.label("label.trade.source", **who),
                 reasons.rule("rule.trade.selection", table=1), ins, [sid], by=pick)
        if pd.notna(r["stated_turnover_usd_bn"]):
            st = trade[(trade["source_id"] == sid) & (trade["partner"] == name) & (trade["flow"] == "turnover")
                       & (trade["year"] == TRADE_YEAR) & (trade["period"] == "FY")]
            frag.add(f"trade.stated_turnover_2024.{p}", float(r["stated_turnover_usd_bn"]), "USD bn",
                     reasons.label("label.trade.stated_turnover", **who), reasons.rule("rule.trade.stated_value"), ins, [sid],
                     decimals=2, uncertainty=half_unit(int(st["decimals"].iloc[0])), by=table1)
            hedged(frag, f"trade.stated_turnover_2024.{p}", chosen, {"turnover": 1})
        # the part-year turnover the data hold for the year: a gap in the split says it, not only that none was found
        half = trade[(trade["partner"] == name) & (trade["flow"] == "turnover") & (trade["year"] == TRADE_YEAR)
                     & (trade["period"] == "H1")]
        if len(half) and (pd.isna(r["exports_usd_bn"]) or pd.isna(r["imports_usd_bn"])):
            h = half.iloc[0]
            frag.add(f"trade.turnover_h1_2024.{p}", float(h["value"]), "USD bn",
                     reasons.label("label.trade.turnover_h1", **who), reasons.rule("rule.trade.stated_value"), ins,
                     [h["source_id"]], decimals=int(h["decimals"]), by=table1)
        for flow in ("exports", "imports"):
            v = r[f"{flow}_usd_bn"]
            if pd.isna(v):
                why = [reasons.clause("g_no_flow", flow=reasons.word(f"flow.{flow}"),
                                      dir=reasons.word(f"flow.dir.{flow}"), partner=reasons.partner(name))]
                if len(half):
                    why.append(reasons.clause("half_year_turnover",
                                              value=reasons.key(f"trade.turnover_h1_2024.{p}", src=True)))
                reasons.gap(frag, f"trade.{flow}_2024.{p}", reasons.label(f"label.trade.{flow}", **who), why,
                            ins, [], by=table1)
            else:
                derived = flow == "imports" and bool(r["imports_derived"])
                sub = trade[(trade["source_id"] == sid) & (trade["partner"] == name) & (trade["year"] == TRADE_YEAR)
                            & (trade["period"] == "FY")].set_index("flow")["decimals"]
                # stated: half a unit in its last digit; turnover − exports: the two rounding errors added
                e = (half_unit(int(sub["turnover"])) + half_unit(int(sub["exports"])) if derived
                     else half_unit(int(sub[flow])))
                frag.add(f"trade.{flow}_2024.{p}", float(v), "USD bn", reasons.label(f"label.trade.{flow}", **who),
                         reasons.rule("rule.trade.imports_derived" if derived else f"rule.trade.{flow}_stated"),
                         ins, [sid], decimals=2, uncertainty=e, by=table1)
                hedged(frag, f"trade.{flow}_2024.{p}", chosen, {"turnover": 1, "exports": -1} if derived else {flow: 1})
        share_pct = float(r["share_of_vietnam_total_pct"])
        e_share = share_pct * (float(r["turnover_uncertainty"]) / float(r["turnover_usd_bn"])
                               + wf["turnover"][1] / wf["turnover"][0])
        frag.add(f"trade.share_2024.{p}", share_pct, "%",
                 reasons.label("label.trade.share", **who), reasons.rule("rule.trade.share", n=reasons.num(100)),
                 ins, [sid, wsid], decimals=1, uncertainty=e_share, by=table1)
        world_rows = trade[(trade["source_id"] == wsid) & (trade["partner"] == "World") & (trade["year"] == TRADE_YEAR)
                           & (trade["period"] == "FY")]
        hedged_ratio(frag, f"trade.share_2024.{p}",
                     (chosen, {"turnover": 1} if r["turnover_basis"] == "stated" else {"exports": 1, "imports": 1}),
                     (world_rows, {"turnover": 1}))
        if pd.notna(r["mirror_turnover_usd_bn"]):
            converted = r["mirror_source_id"] in set(local["source_id"])
            mins = ins + ([path["local"], path["fx"]] if converted else [])
            frag.add(f"trade.mirror_turnover_2024.{p}", float(r["mirror_turnover_usd_bn"]), "USD bn",
                     reasons.label("label.trade.mirror", **who), reasons.rule("rule.trade.mirror", year=TRADE_YEAR),
                     mins, [r["mirror_source_id"]] + (FX_SOURCE if converted else []),
                     decimals=2, by=_mirror)
    g = growth_same_source(trade, sources, "Russia")
    frag.add("trade.growth_2024.russia", g[0], "% change",
             reasons.label("label.trade.growth", partner=reasons.partner("Russia"), year=2024, base=2023),
             reasons.rule("rule.trade.growth", year=2024, base=2023, n=reasons.num(1)), ins, [g[2]], decimals=1,
             uncertainty=g[1],
             by=growth_same_source)
    tv = trade[(trade["partner"] == "Russia") & (trade["period"] == "FY") & (trade["source_id"] == g[2])]
    hedged_ratio(frag, "trade.growth_2024.russia", (tv[tv["year"] == TRADE_YEAR], {"turnover": 1}),
                 (tv[tv["year"] == TRADE_YEAR - 1], {"turnover": 1}), minus=100.0)
    if statements is None:
        statements = load_statements(files["statements"])
    _statements(frag, statements, sources, [path["statements"], path["sources"]])
    _candidates(frag, t1, cands, sources, local, wsid, ins, path, trade)
    return frag


def _world(frag: Fragment, trade: pd.DataFrame, sources: pd.DataFrame, ins: list[str]) -> tuple[dict, str]:
    """Vietnam's total goods trade, exports and imports (turnover − exports) of 2024 from the best-ranked
    source; returns its flows and its id."""
    world = pick(trade, sources, "World")
    wf = flows_of(world)
    wsid = world["source_id"].iloc[0]
    stated, year = reasons.rule("rule.trade.world_stated"), TRADE_YEAR
    frag.add("trade.turnover_2024.world", wf["turnover"][0], "USD bn",
             reasons.label("label.trade.world_turnover", year=year), stated, ins, [wsid], decimals=2,
             uncertainty=wf["turnover"][1])
    frag.add("trade.exports_2024.world", wf["exports"][0], "USD bn", reasons.label("label.trade.world_exports", year=year),
             stated, ins, [wsid], decimals=2, uncertainty=wf["exports"][1])
    frag.add("trade.imports_2024.world", wf["turnover"][0] - wf["exports"][0], "USD bn",
             reasons.label("label.trade.world_imports", year=year), reasons.rule("rule.trade.world_imports"), ins,
             [wsid], decimals=2, uncertainty=wf["turnover"][1] + wf["exports"][1])
    for k, signs in (("turnover", {"turnover": 1}), ("exports", {"exports": 1}), ("imports", {"turnover": 1, "exports": -1})):
        hedged(frag, f"trade.{k}_2024.world", world, signs)
    return wf, wsid


def rank_slots(r: pd.Series) -> dict:
    """The slots of a published rank's label: whose rank, among whose partners, by what, when (the words in
    the catalogs: word.among.*, word.rank_measure.*, word.statement_period.*)."""
    return {"subject": reasons.partner(r["subject"]), "among": reasons.word(f"among.{r['among']}"),
            "measure": reasons.word(f"rank_measure.{r['measure']}"), "year": int(r["year"]),
            "period": reasons.word(f"statement_period.{r['period']}")}


def _statements(frag: Fragment, statements: pd.DataFrame, sources: pd.DataFrame, ins: list[str]) -> None:
    """Every published rank as its own number (trade.rank_stated.*), the rank the rule chooses for each
    partner, measure and year (trade.rank_published.*, trade.us_partner_rank.*), the stated growth of
    Vietnam-Russia trade (trade.growth_stated_2024.russia), and the gap of the one rank no source gives."""
    for _, r in statements[statements["unit"] == "rank"].iterrows():
        slug, sid = subject_slug(r["subject"]), r["source_id"]
        frag.add(f"trade.rank_stated.{r['among']}.{r['measure']}.{r['year']}.{slug}.{sid}", int(r["value"]), "rank",
                 reasons.label("label.trade.rank_stated", **rank_slots(r), source=sid),
                 reasons.rule("rule.trade.rank_stated"), ins, [sid], decimals=0)
    for _, r in published_ranks(statements, sources).iterrows():
        slug, sid, year = subject_slug(r["subject"]), r["source_id"], r["year"]
        rule = reasons.rule("rule.trade.rank_chosen")
        if r["among"] == "us_partners":
            if r["subject"] != "Vietnam" or r["measure"] != "turnover":
                continue
            frag.add(f"trade.us_partner_rank.{year}", int(r["value"]), "rank",
                     reasons.label("label.trade.rank", **rank_slots(r)), rule, ins, [sid], decimals=0)
            # the article's clause ends 'của Hoa Kỳ tại khu vực ASEAN' after both ranks: this one is judged among all
            # the US's partners, as the source gives it, and the reason says so (the ASEAN reading is not judged)
            frag.numbers[f"trade.us_partner_rank.{year}"]["note"] = [reasons.clause("note_rank_all_partners")]
        else:
            frag.add(f"trade.rank_published.{r['measure']}.{year}.{slug}", int(r["value"]), "rank",
                     reasons.label("label.trade.rank", **rank_slots(r)), rule, ins, [sid], decimals=0)
    growth = statements[(statements["unit"] == "pct_change") & (statements["subject"] == "Russia")
                        & (statements["year"] == TRADE_YEAR) & (statements["period"] == "FY")]
    if not growth.empty:
        meta = sources.set_index("source_id")
        g = min((r for _, r in growth.iterrows()),
                key=lambda r: (AUTHORITY[meta.at[r["source_id"], "authority"]], _neg_date(meta.at[r["source_id"], "date"]),
                               r["source_id"]))
        frag.add(f"trade.growth_stated_{TRADE_YEAR}.russia", float(g["value"]), "% change",
                 reasons.label("label.trade.growth_stated", partner=reasons.partner("Russia"), year=TRADE_YEAR,
                               base=TRADE_YEAR - 1),
                 reasons.rule("rule.trade.growth_stated"), ins,
                 [g["source_id"]], decimals=int(g["decimals"]), uncertainty=half_unit(int(g["decimals"])))
    # no source ranks Vietnam among the US's export markets
    reasons.gap(frag, "trade.rank_of_vietnam_among_us_export_markets", reasons.label("label.trade.rank_us_export_markets"),
                [reasons.clause("g_no_us_export_rank")], [], [])


def _candidates(frag: Fragment, t1: pd.DataFrame, cands: pd.DataFrame, sources: pd.DataFrame, local: pd.DataFrame,
                wsid: str, ins: list[str], path: dict, trade: pd.DataFrame) -> None:
    """Every alternative figure as a registry number (trade.alt.*), offered to the likeliest-cause search
    of the printed number of the same partner and flow, with the cause it would point to."""
    reporter = dict(zip(sources["source_id"], sources["reporter"])) | dict(zip(local["source_id"], local["reporter"]))
    chosen = dict(zip(t1["partner"], t1["source_id"])) | {"World": wsid}
    fx_ins = [path["local"], path["fx"]]
    for _, c in cands.iterrows():
        slug = next((k for k, v in PARTNERS.items() if v == c["partner"]), "world" if c["partner"] == "World" else None)
        if slug is None:
            continue
        sid, how = c["source_id"], c["how"]
        alt = f"trade.alt.{slug}.{c['flow']}.{c['year']}.{c['period']}.{sid}.{how}"
        if alt in frag.numbers:
            continue
        frag.add(alt, float(c["value_usd_bn"]), "USD bn", alt_label(c), reasons.rule("rule.trade.alt"),
                 ins + (fx_ins if how == "converted" else []), [sid] + (FX_SOURCE if how == "converted" else []),
                 decimals=max(int(c["decimals"]), 2 if how == "converted" else 0), uncertainty=float(c["uncertainty"]))
        if how != "converted":
            rows = trade[(trade["source_id"] == sid) & (trade["partner"] == c["partner"]) & (trade["year"] == int(c["year"]))
                         & (trade["period"] == c["period"])]
            hedged(frag, alt, rows, {"stated": {c["flow"]: 1}, "sum": {"exports": 1, "imports": 1},
                                     "diff": {"turnover": 1, "exports": -1}}[how])
        rep = reporter.get(sid, "Vietnam")
        facets = {"src": "trade", "flow": c["flow"], "year": int(c["year"]), "period": c["period"],
                  "how": "stated" if how == "converted" else how, "reporter": rep}
        if how == "converted":
            facets["converted"] = 1
        reasons.candidate(frag, f"trade.{c['flow']}_2024.{slug}", alt,
                          candidate_kind(c, chosen.get(c["partner"], ""), rep), facets)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Table 1: Vietnam's 2024 goods trade with six partners")
    ap.add_argument("--checked", nargs="+", required=True, help="input-check reports that validated the raw files")
    for role in ROLES:
        ap.add_argument(f"--{role}", required=True)
    ap.add_argument("--out-table", required=True)
    ap.add_argument("--out-candidates", required=True)
    ap.add_argument("--out-numbers", required=True)
    args = ap.parse_args(argv)
    files = {role: getattr(args, role) for role in ROLES}
    hashes = require_validated(list(files.values()), args.checked)
    trade, local, sources, fx = load(files)
    statements = load_statements(files["statements"])
    t1 = table1(trade, local, sources, fx)
    cands = candidates(trade, local, fx)
    write_csv(args.out_table, t1)
    write_csv(args.out_candidates, cands)
    write_json(args.out_numbers, fragment(t1, trade, local, sources, fx, cands, files, hashes, statements).to_json())
    return 0


if __name__ == "__main__":
    run(main)
