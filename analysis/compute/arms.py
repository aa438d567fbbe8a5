"""Vietnam's arms imports (SIPRI trend-indicator values), by release and supplier.

SIPRI revises its whole history every year, so a year's value depends on the
release.  Shares are always computed with numerator and denominator from the
same release; mixing releases can give impossible shares.

Releases kept apart:
- current: World Bank WDI copy of SIPRI totals, updated 2026-04-08 (data to 2024);
  supplier split from the SIPRI trade register generated 2025-01-03 (deliveries 2000-2023).
- r2022:   a third party's compilation of SIPRI's importer TIV tables (a Kaggle user's dataset, created
  2023-03-03; the SIPRI release it copies is not stated, probably that of 2022; totals to 2020) with
  SIPRI exporter tables for Russia and the Soviet Union generated 2022-07-28 (read from a third party's
  copy).  The id is this package's label for that vintage, not a release SIPRI published under the name;
  its short word (the catalogs' word.release.r2022, "≈2022") is explained once, where the manuscript
  introduces the releases (its section Data and sources).
- r2020:   an older WDI copy (data to 2019; its vintage inferred), totals only.

Published statements of Russia's share (news reports citing SIPRI or others) are
kept apart from the series: each is registered with its measure, period and
source (arms.stated_share.*), never mixed into a computed share.

Run on its own (the files in the order of the `Snakefile`'s rule compute_arms):
    python -m analysis.compute.arms --checked data/derived/validated/arms.json \
        --wdi-2026 data/raw/arms/wdi_2026-04-08_VNM_row.csv --wdi-2020 data/raw/arms/wdi_1745336_VNM_row.csv \
        --sipri-table data/raw/arms/sipri_tiv_table_justin2028_VietNam_row.csv \
        --sipri-rus data/raw/arms/sipri_tiv_export_RUS_gen2022-07-28_VietNam_row.csv \
        --sipri-usr data/raw/arms/sipri_tiv_export_USR_gen2022-07-28_VietNam_row.csv \
        --register data/raw/arms/sipri_register_2025-01-03_VietNam_rows.csv \
        --statements data/raw/arms/share_statements.csv --sources data/raw/arms/sources.csv \
        --out-series s.csv --out-periods p.csv --out-numbers n.json
"""
from __future__ import annotations

import argparse
import csv
from pathlib import Path

import pandas as pd

from analysis.article import ARMS_PERIODS, ARMS_YEARS, FIVE_YEAR_BLOCKS
from analysis.io import rel, require_validated, run, write_csv, write_json
from analysis import reasons
from analysis.registry import Fragment, decimals_of, half_unit

# The raw files, by role; their paths come from the command line (the rule).
ROLES = ("wdi_2026", "wdi_2020", "sipri_table", "sipri_rus", "sipri_usr", "register", "statements", "sources")
RELEASES = {
    "current": "SIPRI data as carried by WDI 2026-04-08 (totals) and the SIPRI register of 2025-01-03 (suppliers)",
    "r2022": "a third party's compilation of SIPRI's importer TIV tables (justin2028, vintage uncertain, probably "
             "2022) and SIPRI exporter tables generated 2022-07-28 (third-party copies)",
    "r2020": "SIPRI data as carried by an older WDI release (about 2020)",
}
SOURCE_IDS = {
    "current": ["WDI_2026-04-08", "SIPRI_REG_2025-01-03"],
    "r2022": ["SIPRI_TIVTABLE_justin2028", "SIPRI_TIVEXP_RUS_2022-07-28", "SIPRI_TIVEXP_USR_2022-07-28"],
    "r2020": ["WDI_1745336"],
}
ROLES_OF = {"current": ("wdi_2026", "register"), "r2022": ("sipri_table", "sipri_rus", "sipri_usr"),
            "r2020": ("wdi_2020",)}
PERIODS, FIVE_YEARS, YEARS = ARMS_PERIODS, FIVE_YEAR_BLOCKS, ARMS_YEARS
WINDOW_MAX = 10  # Russia's share is registered for every window of 2 to 10 consecutive years


# --- readers (raw file -> tidy Series/DataFrame with values as written) -------

def read_wdi_row(path: Path, first_year: int) -> pd.DataFrame:
    """Headerless WDI row: 4 label cells, one cell per year from `first_year`, a trailing empty cell."""
    with open(path, encoding="utf-8") as f:
        row = next(csv.reader(f))
    cells = row[4:-1]
    out = [(first_year + i, float(c) / 1e6, 0) for i, c in enumerate(cells) if c != ""]
    return pd.DataFrame(out, columns=["year", "tiv", "decimals"])


def read_wide_row(path: Path, label: str = "Viet Nam") -> pd.DataFrame:
    """SIPRI wide tables: header of years, one row per country; keep the row named `label`."""
    with open(path, encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    row = next(r for r in rows[1:] if r[0] == label)
    out = [(int(h), float(c), decimals_of(c)) for h, c in zip(header[1:], row[1:]) if h.isdigit() and c != ""]
    return pd.DataFrame(out, columns=["year", "tiv", "decimals"])


def read_register(path: Path) -> pd.DataFrame:
    reg = pd.read_csv(path, dtype=str, keep_default_na=False)
    return pd.DataFrame({"year": reg["Delivery year"].astype(int), "supplier": reg["Supplier"],
                         "tiv": reg["TIV delivery values"].astype(float),
                         "decimals": reg["TIV delivery values"].map(decimals_of)})


# --- pure computations ---------------------------------------------------------

def release_series(wdi_2026: pd.DataFrame, wdi_2020: pd.DataFrame, justin: pd.DataFrame,
                   rus: pd.DataFrame, usr: pd.DataFrame, register: pd.DataFrame) -> pd.DataFrame:
    """Long table: year, release, series (total|russia|soviet_union|other), tiv, uncertainty."""
    parts = []

    def add(df: pd.DataFrame, release: str, series: str) -> None:
        d = df[["year", "tiv"]].copy()
        d["uncertainty"] = df["decimals"].map(half_unit)
        d["release"], d["series"] = release, series
        parts.append(d)

    add(wdi_2026, "current", "total")
    reg = register.copy()
    reg["group"] = (reg["supplier"] == "Russia").map({True: "russia", False: "other"})
    by = reg.groupby(["year", "group"], as_index=False).agg(tiv=("tiv", "sum"))
    for group in ("russia", "other"):
        d = by[by["group"] == group][["year", "tiv"]]
        d = d.set_index("year").reindex(range(2000, 2024), fill_value=0.0).reset_index()
        d["decimals"] = 2
        add(d, "current", group)
    add(justin, "r2022", "total")
    add(rus, "r2022", "russia")
    add(usr, "r2022", "soviet_union")
    add(wdi_2020, "r2020", "total")
    out = pd.concat(parts, ignore_index=True)
    out["year"] = out["year"].astype(int)
    return out.sort_values(["release", "series", "year"]).reset_index(drop=True)


def register_total(series: pd.DataFrame) -> pd.Series:
    cur = series[(series["release"] == "current") & series["series"].isin(["russia", "other"])]
    return cur.groupby("year")["tiv"].sum()


Cells = dict  # (release, series, year) -> (tiv, uncertainty)


def cells(series: pd.DataFrame | Cells) -> Cells:
    """The long series as a lookup table, built in one pass: the registry asks for hundreds of
    single values, and a boolean filter per value made this step the slowest of the build."""
    if isinstance(series, dict):
        return series
    out: Cells = {}
    for r, n, y, t, u in zip(series["release"], series["series"], series["year"], series["tiv"], series["uncertainty"]):
        out.setdefault((r, n, int(y)), (float(t), float(u)))
    return out


def value(series: pd.DataFrame | Cells, release: str, name: str, year: int) -> tuple[float, float] | None:
    return cells(series).get((release, name, year))


def share(series: pd.DataFrame | Cells, release: str, years: range) -> tuple[float, float] | None:
    """Russia's share (%) of the release's total over `years`, both terms from the same release.

    For the current release the denominator is the register sum (Russia + others), so
    numerator and denominator come from the same file."""
    series = cells(series)
    num = den = e_num = e_den = 0.0
    for y in years:
        r = value(series, release, "russia", y)
        if release == "current":
            o = value(series, release, "other", y)
            if r is None or o is None:
                return None
            t = (r[0] + o[0], r[1] + o[1])
        else:
            t = value(series, release, "total", y)
        if r is None or t is None:
            return None
        num, e_num, den, e_den = num + r[0], e_num + r[1], den + t[0], e_den + t[1]
    if den == 0:
        return None
    s = 100 * num / den
    e = s * ((e_num / num if num else 0) + e_den / den)
    return s, e


def tied_years(pairs, extreme: float) -> list[int]:
    """Every year whose value, as published, equals the period's extreme: more than one is a tie, which no rule
    resolves (the earliest year is the key's value only so that it has one; the audit judges a printed year against
    every tied year, analysis/audit/numbers.py, `judge`)."""
    return sorted(int(y) for y, v in pairs if float(v) == extreme)


def _ties(frag: Fragment, key: str, years: list[int], label: dict, ins: list[str], src, by=None) -> None:
    """Each year of a tie for a period's extreme as its own registry number, `<key>.tie.<year>` (none without a
    tie)."""
    if len(years) < 2:
        return
    for y in years:
        frag.add(f"{key}.tie.{y}", y, "year", reasons.label("label.arms.tied_year", year=y, what=label),
                 reasons.rule("rule.arms.tied_year"), ins, src, decimals=0, by=by)


def period_stats(series: pd.DataFrame, release: str, first: int, last: int) -> dict | None:
    """Min and max (with years), sum and Russia's share over a period; None unless every year is covered."""
    tot = series[(series["release"] == release) & (series["series"] == "total")
                 & series["year"].between(first, last)].sort_values("year")
    if len(tot) != last - first + 1:
        return None
    lo = tot.loc[tot["tiv"].idxmin()]  # idxmin/idxmax take the earliest year on ties
    hi = tot.loc[tot["tiv"].idxmax()]
    out = {"min": (float(lo["tiv"]), float(lo["uncertainty"])), "min_year": int(lo["year"]),
           "max": (float(hi["tiv"]), float(hi["uncertainty"])), "max_year": int(hi["year"]),
           "min_years": tied_years(zip(tot["year"], tot["tiv"]), float(lo["tiv"])),
           "max_years": tied_years(zip(tot["year"], tot["tiv"]), float(hi["tiv"])),
           "sum": (float(tot["tiv"].sum()), float(tot["uncertainty"].sum()))}
    out["russia_share"] = share(cells(series), release, range(first, last + 1))
    return out


def wide_table(series: pd.DataFrame) -> pd.DataFrame:
    """The published arms series: one row per year 1995-2024, columns per release and supplier."""
    table = pd.DataFrame({"year": list(YEARS)})
    for release, name in [("current", "total"), ("current", "russia"), ("current", "other"),
                          ("r2022", "total"), ("r2022", "russia"), ("r2020", "total")]:
        d = series[(series["release"] == release) & (series["series"] == name)].set_index("year")["tiv"]
        table[f"{name}_{release}"] = table["year"].map(d)
    reg = table["russia_current"] + table["other_current"]
    table["russia_share_pct_current"] = (100 * table["russia_current"] / reg).round(2)
    table["russia_share_pct_r2022"] = (100 * table["russia_r2022"] / table["total_r2022"]).round(2)
    return table


def fragment(series: pd.DataFrame, files: dict[str, str], hashes: dict[str, str],
             statements: pd.DataFrame | None = None, sources: pd.DataFrame | None = None) -> Fragment:
    """`files`: role -> path read; `hashes`: path -> sha256 (as validated); `statements`, `sources`: the
    published share statements and the arms sources (read from `files` when not given)."""
    frag = Fragment("analysis.compute.arms", hashes)
    path = {role: rel(p) for role, p in files.items()}
    lookup = cells(series)
    for release in RELEASES:
        ins = [path[r] for r in ROLES_OF[release]]
        src = SOURCE_IDS[release]
        totals = series[(series["release"] == release) & (series["series"] == "total")]
        for _, row in totals.iterrows():
            y = int(row["year"])
            if y < 1995:
                continue
            rel_ = reasons.release(release)
            frag.add(f"arms.{release}.total.{y}", float(row["tiv"]), "TIV mn",
                     reasons.label("label.arms.total", year=y, release=rel_),
                     reasons.rule("rule.arms.total", year=y, release=rel_) if release == "r2022"
                     else reasons.rule("rule.arms.total_wdi", year=y, release=rel_, n=reasons.num(1_000_000)),
                     ins, src, decimals=0, uncertainty=float(row["uncertainty"]), by=release_series)
        for y in YEARS:
            if value(lookup, release, "russia", y) is None:
                continue
            r = value(lookup, release, "russia", y)
            frag.add(f"arms.{release}.russia.{y}", r[0], "TIV mn",
                     reasons.label("label.arms.russia", year=y, release=reasons.release(release)),
                     reasons.rule("rule.arms.russia_register") if release == "current"
                     else reasons.rule("rule.arms.russia_exporter"),
                     ins, src, decimals=0 if release != "current" else 1, uncertainty=r[1], by=release_series)
            s = share(lookup, release, range(y, y + 1))
            if s is not None:
                frag.add(f"arms.{release}.russia_share.{y}", s[0], "%",
                         reasons.label("label.arms.russia_share", years=y, release=reasons.release(release)),
                         reasons.rule("rule.arms.russia_share"), ins, src, decimals=0, uncertainty=s[1],
                         by=share)
        for first, last in PERIODS:
            key = f"arms.{release}.p{first}_{last}"
            st = period_stats(series, release, first, last)
            span = {"first": first, "last": last, "release": reasons.release(release)}
            if st is None:
                for stat in ("min", "max", "min_year", "max_year", "sum", "russia_share"):
                    reasons.gap(frag, f"{key}.{stat}",
                                reasons.label("label.arms.period_gap", stat=reasons.word(f"arms_stat.{stat}"), **span),
                                [reasons.clause("g_coverage", release=reasons.ident(release))], ins, src,
                                by=period_stats)
                continue
            for end in ("min", "max"):  # the period's lowest and highest year, and every year tied with it
                year_label = reasons.label(f"label.arms.{end}_year", **span)
                frag.add(f"{key}.{end}", st[end][0], "TIV mn", reasons.label(f"label.arms.{end}", **span),
                         reasons.rule(f"rule.arms.{end}", first=first, last=last), ins, src, decimals=0,
                         uncertainty=st[end][1], by=period_stats)
                frag.add(f"{key}.{end}_year", st[f"{end}_year"], "year", year_label,
                         reasons.rule(f"rule.arms.{end}_year"), ins, src, decimals=0, by=period_stats)
                _ties(frag, f"{key}.{end}_year", st[f"{end}_years"], year_label, ins, src, by=period_stats)
            frag.add(f"{key}.sum", st["sum"][0], "TIV mn", reasons.label("label.arms.sum", **span),
                     reasons.rule("rule.arms.sum", first=first, last=last), ins, src, decimals=0, uncertainty=st["sum"][1], by=period_stats)
            if st["russia_share"] is None:
                reasons.gap(frag, f"{key}.russia_share", reasons.label("label.arms.period_share_gap", **span),
                            [reasons.clause("g_no_split", release=reasons.ident(release))], ins, src,
                            by=period_stats)
            else:
                frag.add(f"{key}.russia_share", st["russia_share"][0], "%", reasons.label("label.arms.period_share", **span),
                         reasons.rule("rule.arms.period_share"),
                         ins, src, decimals=1, uncertainty=st["russia_share"][1], by=period_stats)
        for first, last in FIVE_YEARS:
            s = share(lookup, release, range(first, last + 1))
            if s is not None:
                frag.add(f"arms.{release}.russia_share_5y.{first}_{last}", s[0], "%",
                         reasons.label("label.arms.russia_share", years=f"{first}–{last}", release=reasons.release(release)),
                         reasons.rule("rule.arms.block_share"), ins, src,
                         decimals=1, uncertainty=s[1], by=share)
    s = share(lookup, "current", range(2017, 2022))
    frag.add("arms.current.russia_share.2017_2021", s[0], "%",
             reasons.label("label.arms.share_register", first=2017, last=2021),
             reasons.rule("rule.arms.share_check", n=reasons.num(56), years="2017–21"), [path["register"]], ["SIPRI_REG_2025-01-03"],
             decimals=1, uncertainty=s[1], by=share)
    _register_checks(frag, series, path, files)
    _readings_and_windows(frag, series, lookup, path, files)
    _coverage_and_origin(frag, series, lookup, path)
    if statements is None:
        statements = load_statements(files["statements"])
    if sources is None:
        sources = pd.read_csv(files["sources"], dtype=str, keep_default_na=False)
    st_ins = [path["statements"], path["sources"]]
    _stated_shares(frag, statements, sources, st_ins)
    _equipment_origin(frag, statements, st_ins)
    _candidates(frag, lookup)
    return frag


def _register_checks(frag: Fragment, series: pd.DataFrame, path: dict, files: dict) -> None:
    """The register against the WDI total (its largest yearly gap) and the number of register rows read."""
    reg_tot = register_total(series)
    wdi = series[(series["release"] == "current") & (series["series"] == "total")].set_index("year")["tiv"]
    diffs = (reg_tot - wdi.reindex(reg_tot.index)).abs()
    frag.add("arms.check.register_vs_wdi_max_abs_diff", float(diffs.max()), "TIV mn",
             reasons.label("label.arms.register_vs_wdi", wdi=2026, first=2000, last=2023),
             reasons.rule("rule.arms.register_vs_wdi", n=reasons.num(0.5)),
             [path["register"], path["wdi_2026"]], SOURCE_IDS["current"], decimals=2)
    frag.add("arms.register.rows", int(len(pd.read_csv(files["register"]))), "count",
             reasons.label("label.arms.register_rows"), reasons.rule("rule.arms.register_rows"),
             [path["register"]], ["SIPRI_REG_2025-01-03"], decimals=0)


def _equipment_origin(frag: Fragment, statements: pd.DataFrame, st_ins: list[str]) -> None:
    """The share of equipment of Soviet or Russian origin: a gap, whose reason cites the latest stated
    range of the stock where a source gives one (_stated_shares registers it)."""
    assets = statements[(statements["measure"] == "military_assets") & (statements["qualifier"] == "range")]
    if not assets.empty:
        a = assets.sort_values(["last_year", "source_id"]).iloc[-1]  # the latest estimate of the stock
        k = stated_key(a)
        # beside it, every published statement of a related share whose span reaches the estimate's year, whichever
        # side of any printed figure it falls (a gap cites its context on both sides, never the lower estimate alone);
        # one statement a second source repeats word for word is cited once, from the first source by id
        related, seen = [], set()
        for _, r in statements.sort_values(["measure", "first_year", "source_id"]).iterrows():
            same = (r["measure"], r["first_year"], r["last_year"], r["value"], r["qualifier"])
            if r["measure"] == "military_assets" or r["qualifier"] == "range" or same in seen \
                    or int(r["last_year"]) < int(a["last_year"]):
                continue
            seen.add(same)
            span = f"{r['first_year']}–{r['last_year']}" if r["first_year"] and r["first_year"] != r["last_year"] \
                else r["last_year"]
            related.append(reasons.clause(f"stated_other.{r['qualifier']}", measure=reasons.word(f"stated.{r['measure']}"),
                                          span=reasons.ident(span), value=reasons.key(stated_key(r), src=True)))
        why = [reasons.clause("g_stock_stated", year=reasons.ident(a["last_year"]), lo=reasons.key(k, src=True),
                              hi=reasons.key(k + ".high"))]
        if related:
            why.append(reasons.clause("stock_context", year=reasons.ident(a["last_year"]),
                                      items=reasons.nested(related)))
        reasons.gap(frag, "arms.equipment_origin_share", reasons.label("label.arms.equipment_origin"), why, st_ins,
                    sorted({s for c in why for kk in reasons.cited_keys({"clauses": [c]}) for s in frag.numbers[kk]["sources"]}))
    else:
        reasons.gap(frag, "arms.equipment_origin_share", reasons.label("label.arms.equipment_origin"),
                    [reasons.clause("g_stock")], [], [])


AUTHORITY = {"official": 0, "secondary": 1, "third_party_copy": 2}  # of the copy read, strongest first


def load_statements(path) -> pd.DataFrame:
    """Published statements of Russia's share (data/raw/arms/share_statements.csv), values as written."""
    st = pd.read_csv(path, dtype=str, keep_default_na=False)
    st["decimals"] = st["value"].map(decimals_of)
    return st


def stated_key(r: pd.Series) -> str:
    """arms.stated_share.<measure>.<first>_<last>.<source> ('to_<last>' when the statement gives no first year)."""
    span = f"{r['first_year']}_{r['last_year']}" if r["first_year"] else f"to_{r['last_year']}"
    return f"arms.stated_share.{r['measure']}.{span}.{r['source_id']}"


def _stated_shares(frag: Fragment, statements: pd.DataFrame, sources: pd.DataFrame, ins: list[str]) -> list[str]:
    """Every published statement of Russia's (or the Soviet Union's) share as its own number, with its measure,
    period, hedge and source; a range is two numbers (its ends).  The statement for 2022 alone on imports or
    purchases (the article's 'about 60%' of 2022) is arms.stated_share.2022, chosen by the stronger authority
    of the copy read, then the latest, then the source id, and offered to the cause search of the computed
    2022 share."""
    meta = sources.set_index("source_id")
    keys = []
    for _, r in statements.iterrows():
        k, sid = stated_key(r), r["source_id"]
        span = f"{r['first_year']}–{r['last_year']}" if r["first_year"] and r["first_year"] != r["last_year"] \
            else (r["last_year"] if r["first_year"] else reasons.phrase("word.stated_span.recent", last=r["last_year"]))
        what = {"what": reasons.word(f"stated.{r['measure']}"), "span": span}
        dec = int(r["decimals"])
        if r["qualifier"] == "range":
            frag.add(k, float(r["value"]), "%", reasons.label("label.arms.stated_low", **what),
                     reasons.rule("rule.arms.stated_low"), ins, [sid], decimals=dec, uncertainty=half_unit(dec))
            frag.add(k + ".high", float(r["value_high"]), "%",
                     reasons.label("label.arms.stated_high", **what), reasons.rule("rule.arms.stated_high"), ins, [sid], decimals=decimals_of(r["value_high"]),
                     uncertainty=half_unit(decimals_of(r["value_high"])))
            keys += [k, k + ".high"]
        else:
            stated = reasons.phrase(f"word.qualifier.{r['qualifier']}", value=r["value"])  # the value as written
            frag.add(k, float(r["value"]), "%", reasons.label("label.arms.stated", **what, stated=stated),
                     reasons.rule("rule.arms.stated"),
                     ins, [sid], decimals=dec, uncertainty=half_unit(dec))
            keys.append(k)
    y22 = statements[(statements["first_year"] == "2022") & (statements["last_year"] == "2022")
                     & statements["measure"].isin(["arms_imports", "military_purchases"])]
    if not y22.empty:
        b = min((r for _, r in y22.iterrows()), key=lambda r: (
            AUTHORITY[meta.at[r["source_id"], "authority"]],
            tuple(-int(x) for x in (meta.at[r["source_id"], "date"] or "0").split("-")), r["source_id"]))
        n = frag.numbers[stated_key(b)]
        frag.add("arms.stated_share.2022", n["value"], "%", reasons.label("label.arms.stated_2022", year=2022),
                 reasons.rule("rule.arms.stated_2022", year=2022), ins, n["sources"], decimals=n["decimals"], uncertainty=n["uncertainty"])
        reasons.candidate(frag, "arms.*.russia_share.2022", "arms.stated_share.2022", "other_source_or_reporter",
                          {"src": "stated", "measure": b["measure"], "first": 2022, "last": 2022})
        keys.append("arms.stated_share.2022")
    return keys


def _ins(path: dict, release: str) -> list[str]:
    return [path[r] for r in ROLES_OF[release]]


def supplier_slug(name: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in name.lower()).strip("_")


def _readings_and_windows(frag: Fragment, series: pd.DataFrame, lookup: Cells, path: dict, files: dict) -> None:
    """The Russia-only reading of every period statistic, Russia's share over every window of years
    (for the likeliest-cause search), and each register supplier's deliveries by year (for the claims)."""
    for release in ("current", "r2022"):
        ins, src = _ins(path, release), SOURCE_IDS[release]
        for first, last in PERIODS:
            rus = [(y, value(lookup, release, "russia", y)) for y in range(first, last + 1)]
            if any(v is None for _, v in rus):
                continue
            base = f"arms.{release}.russia_p{first}_{last}"
            span = {"first": first, "last": last, "release": reasons.release(release)}
            only = {"first": first, "last": last}
            lo = min(rus, key=lambda t: (t[1][0], t[0]))
            hi = max(rus, key=lambda t: (t[1][0], -t[0]))
            frag.add(f"{base}.min", lo[1][0], "TIV mn", reasons.label("label.arms.russia_only.min", **span),
                     reasons.rule("rule.arms.russia_only.min", **only), ins, src, decimals=0, uncertainty=lo[1][1])
            frag.add(f"{base}.min_year", lo[0], "year", reasons.label("label.arms.russia_only.min_year", **span),
                     reasons.rule("rule.arms.min_year"), ins, src, decimals=0)
            _ties(frag, f"{base}.min_year", tied_years(((y, v[0]) for y, v in rus), lo[1][0]),
                  reasons.label("label.arms.russia_only.min_year", **span), ins, src)
            frag.add(f"{base}.max", hi[1][0], "TIV mn", reasons.label("label.arms.russia_only.max", **span),
                     reasons.rule("rule.arms.russia_only.max", **only), ins, src, decimals=0, uncertainty=hi[1][1])
            frag.add(f"{base}.max_year", hi[0], "year", reasons.label("label.arms.russia_only.max_year", **span),
                     reasons.rule("rule.arms.max_year"), ins, src, decimals=0)
            _ties(frag, f"{base}.max_year", tied_years(((y, v[0]) for y, v in rus), hi[1][0]),
                  reasons.label("label.arms.russia_only.max_year", **span), ins, src)
            frag.add(f"{base}.sum", sum(v[0] for _, v in rus), "TIV mn", reasons.label("label.arms.russia_only.sum", **span),
                     reasons.rule("rule.arms.russia_only.sum", **only), ins, src, decimals=0,
                     uncertainty=sum(v[1] for _, v in rus))
        years = sorted(y for (r, n, y) in lookup if r == release and n == "russia")
        for first in years:
            for last in range(first + 1, first + WINDOW_MAX):
                s = share(lookup, release, range(first, last + 1))
                if s is None:
                    continue
                frag.add(f"arms.{release}.russia_share_w.{first}_{last}", s[0], "%",
                         reasons.label("label.arms.russia_share", years=f"{first}–{last}", release=reasons.release(release)),
                         reasons.rule("rule.arms.window_share"), ins, src,
                         decimals=1, uncertainty=s[1])
    reg = read_register(files["register"])
    by = reg.groupby(["supplier", "year"], as_index=False).agg(tiv=("tiv", "sum"), decimals=("decimals", "max"),
                                                                 rows=("tiv", "size"))
    for _, r in by.sort_values(["supplier", "year"]).iterrows():
        frag.add(f"arms.current.supplier.{supplier_slug(r['supplier'])}.{int(r['year'])}", float(r["tiv"]), "TIV mn",
                 reasons.label("label.arms.supplier", supplier=reasons.partner(r["supplier"]), year=int(r["year"])),
                 reasons.rule("rule.arms.supplier"), [path["register"]],
                 ["SIPRI_REG_2025-01-03"], decimals=1, uncertainty=int(r["rows"]) * half_unit(int(r["decimals"])))


def _coverage_and_origin(frag: Fragment, series: pd.DataFrame, lookup: Cells, path: dict) -> None:
    """Each release's coverage (first and last year of its annual totals), and the share of all
    deliveries from the Soviet Union and Russia (a proxy for the origin of the equipment in service)."""
    for release in RELEASES:
        years = sorted(y for (r, n, y) in lookup if r == release and n == "total")
        ins, src = _ins(path, release), SOURCE_IDS[release]
        frag.add(f"arms.{release}.coverage.first_year", years[0], "year",
                 reasons.label("label.arms.coverage_first", release=reasons.release(release)),
                 reasons.rule("rule.arms.coverage_first"), ins, src, decimals=0)
        frag.add(f"arms.{release}.coverage.last_year", years[-1], "year",
                 reasons.label("label.arms.coverage_last", release=reasons.release(release)),
                 reasons.rule("rule.arms.coverage_last"), ins, src, decimals=0)
    years = sorted(y for (r, n, y) in lookup if r == "r2022" and n == "total")
    tot = sum(lookup[("r2022", "total", y)][0] for y in years)
    sov = sum(lookup.get(("r2022", s, y), (0.0, 0.0))[0] for y in years for s in ("soviet_union", "russia"))
    e = sum(lookup.get(("r2022", s, y), (0.0, 0.0))[1] for y in years for s in ("soviet_union", "russia", "total"))
    ins, src = _ins(path, "r2022"), SOURCE_IDS["r2022"]
    frag.add("arms.r2022.origin_proxy.share", 100 * sov / tot, "%",
             reasons.label("label.arms.origin_share", release=reasons.release("r2022")),
             reasons.rule("rule.arms.origin_share"), ins, src, decimals=1, uncertainty=100 * sov / tot * e / tot)
    frag.add("arms.r2022.origin_proxy.first_year", years[0], "year", reasons.label("label.arms.origin_first"),
             reasons.rule("rule.arms.origin_first", release=reasons.release("r2022")), ins, src, decimals=0)
    frag.add("arms.r2022.origin_proxy.last_year", years[-1], "year", reasons.label("label.arms.origin_last"),
             reasons.rule("rule.arms.origin_last", release=reasons.release("r2022")), ins, src, decimals=0)


def _candidates(frag: Fragment, lookup: Cells) -> None:
    """Alternative figures for the likeliest-cause search, each a registry number: the same quantity in
    the other releases (data_release); every other year's total and Russia's share in every other year and window
    of years (other_period_or_base); every single year inside a period, for the period's lowest or highest
    (other_year_in_period: the same period and base, another year of it)."""
    keys = list(frag.numbers)
    for key in keys:
        if not key.startswith(tuple(f"arms.{r}." for r in RELEASES)):
            continue
        release, tail = key.split(".", 2)[1:]
        if tail.startswith(("coverage.", "origin_proxy.", "supplier.", "russia_share_w.", "russia_p")) or ".tie." in tail:
            continue
        reasons.candidate(frag, f"arms.*.{tail}", key, "data_release", {"src": "arms", "release": release, "same": 1})
    for (release, name, y) in sorted(lookup):
        if name == "total" and y in YEARS and f"arms.{release}.total.{y}" in frag.numbers:
            reasons.candidate(frag, "arms.*.total.*", f"arms.{release}.total.{y}", "other_period_or_base",
                              {"src": "arms", "release": release, "series": "total", "year": y})
    for first, last in PERIODS:
        for stat in ("min", "max"):
            for (release, name, y) in sorted(lookup):
                if name == "total" and first <= y <= last and f"arms.{release}.total.{y}" in frag.numbers:
                    reasons.candidate(frag, f"arms.*.p{first}_{last}.{stat}", f"arms.{release}.total.{y}",
                                      "other_year_in_period", {"src": "arms", "release": release, "series": "total",
                                                               "year": y})
    for key in keys:
        parts = key.split(".")
        if len(parts) == 4 and parts[2] in ("russia_share", "russia_share_5y", "russia_share_w") and parts[0] == "arms":
            span = parts[3].split("_")
            facets = {"src": "arms", "release": parts[1], "series": "russia_share"}
            facets |= {"year": int(span[0])} if len(span) == 1 else {"first": int(span[0]), "last": int(span[1])}
            for target in ("arms.*.russia_share.*", "arms.*.p*.russia_share"):
                reasons.candidate(frag, target, key, "other_period_or_base", facets)


def load_series(files: dict[str, str]) -> pd.DataFrame:
    return release_series(read_wdi_row(files["wdi_2026"], 1960), read_wdi_row(files["wdi_2020"], 1960),
                          read_wide_row(files["sipri_table"]), read_wide_row(files["sipri_rus"]),
                          read_wide_row(files["sipri_usr"]), read_register(files["register"]))


def periods_table(series: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for release in RELEASES:
        for first, last in PERIODS:
            st = period_stats(series, release, first, last)
            if st is None:
                continue
            rows.append({"release": release, "period": f"{first}-{last}", "min": st["min"][0], "min_year": st["min_year"],
                         "max": st["max"][0], "max_year": st["max_year"], "sum": st["sum"][0],
                         "russia_share_pct": None if st["russia_share"] is None else round(st["russia_share"][0], 2)})
    return pd.DataFrame(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Arms-import series by release and supplier")
    ap.add_argument("--checked", nargs="+", required=True, help="input-check reports that validated the raw files")
    for role in ROLES:
        ap.add_argument(f"--{role.replace('_', '-')}", required=True)
    ap.add_argument("--out-series", required=True)
    ap.add_argument("--out-periods", required=True)
    ap.add_argument("--out-numbers", required=True)
    args = ap.parse_args(argv)
    files = {role: getattr(args, role) for role in ROLES}
    hashes = require_validated(list(files.values()), args.checked)
    series = load_series(files)
    statements = load_statements(files["statements"])
    sources = pd.read_csv(files["sources"], dtype=str, keep_default_na=False)
    write_csv(args.out_series, wide_table(series))
    write_csv(args.out_periods, periods_table(series))
    write_json(args.out_numbers, fragment(series, files, hashes, statements, sources).to_json())
    return 0


if __name__ == "__main__":
    run(main)
