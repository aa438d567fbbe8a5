"""Vietnam's arms imports (SIPRI trend-indicator values), by release and supplier.

SIPRI revises its whole history every year, so a year's value depends on the
release.  Shares are always computed with numerator and denominator from the
same release; mixing releases can give impossible shares.

Releases kept apart:
- current: World Bank WDI copy of SIPRI totals, updated 2026-04-08 (data to 2024);
  supplier split from the SIPRI trade register generated 2025-01-03 (deliveries 2000-2023).
- r2022:   SIPRI importer table (third-party copy, evidently the 2022 update, totals to 2020)
  with SIPRI exporter tables for Russia and the Soviet Union generated 2022-07-28.
- r2020:   an older WDI copy (data to 2019), totals only.

Run on its own:  python -m analysis.arms --out-series data/derived/arms_series.csv \
                     --out-periods data/derived/arms_periods.csv --out-numbers data/derived/numbers/arms.json
"""
from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import pandas as pd

from analysis.io import ROOT, rel, write_csv, write_json
from analysis.registry import Fragment, decimals_of, half_unit

RAW = ROOT / "data" / "raw" / "arms"
FILES = {
    "wdi_2026": RAW / "wdi_2026-04-08_VNM_row.csv",
    "wdi_2020": RAW / "wdi_1745336_VNM_row.csv",
    "justin": RAW / "sipri_tiv_table_justin2028_VietNam_row.csv",
    "rus": RAW / "sipri_tiv_export_RUS_gen2022-07-28_VietNam_row.csv",
    "usr": RAW / "sipri_tiv_export_USR_gen2022-07-28_VietNam_row.csv",
    "register": RAW / "sipri_register_2025-01-03_VietNam_rows.csv",
}
RELEASES = {
    "current": "SIPRI data as carried by WDI 2026-04-08 (totals) and the SIPRI register of 2025-01-03 (suppliers)",
    "r2022": "SIPRI 2022 update: importer table (justin2028 copy) and exporter tables generated 2022-07-28",
    "r2020": "SIPRI data as carried by an older WDI release (about 2020)",
}
SOURCE_IDS = {
    "current": ["WDI_2026-04-08", "SIPRI_REG_2025-01-03"],
    "r2022": ["SIPRI_TIVTABLE_justin2028", "SIPRI_TIVEXP_RUS_2022-07-28", "SIPRI_TIVEXP_USR_2022-07-28"],
    "r2020": ["WDI_1745336"],
}
INPUTS = {
    "current": [FILES["wdi_2026"], FILES["register"]],
    "r2022": [FILES["justin"], FILES["rus"], FILES["usr"]],
    "r2020": [FILES["wdi_2020"]],
}
PERIODS = [(2001, 2010), (2011, 2016), (2017, 2023)]
FIVE_YEARS = [(1995, 1999), (2000, 2004), (2005, 2009), (2010, 2014), (2015, 2019), (2020, 2023)]
YEARS = range(1995, 2025)


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


def fragment(series: pd.DataFrame) -> Fragment:
    frag = Fragment("analysis.arms")
    lookup = cells(series)
    for release in RELEASES:
        ins = [rel(p) for p in INPUTS[release]]
        src = SOURCE_IDS[release]
        totals = series[(series["release"] == release) & (series["series"] == "total")]
        for _, row in totals.iterrows():
            y = int(row["year"])
            if y < 1995:
                continue
            frag.add(f"arms.{release}.total.{y}", float(row["tiv"]), "TIV mn",
                     f"Vietnam's arms imports {y}, {release} release", f"SIPRI TIV total for {y} in the {release} release"
                     + (" (WDI full units divided by 1,000,000)" if release != "r2022" else ""),
                     ins, src, decimals=0, uncertainty=float(row["uncertainty"]))
        for y in YEARS:
            if value(lookup, release, "russia", y) is None:
                continue
            r = value(lookup, release, "russia", y)
            frag.add(f"arms.{release}.russia.{y}", r[0], "TIV mn", f"Arms imports from Russia {y}, {release} release",
                     "sum of register deliveries from Russia" if release == "current" else "SIPRI exporter table, Russia",
                     ins, src, decimals=0 if release != "current" else 1, uncertainty=r[1])
            s = share(lookup, release, range(y, y + 1))
            if s is not None:
                frag.add(f"arms.{release}.russia_share.{y}", s[0], "%", f"Russia's share of arms imports {y}, {release} release",
                         "Russia / all suppliers, both from the same release", ins, src, decimals=0, uncertainty=s[1])
        for first, last in PERIODS:
            key = f"arms.{release}.p{first}_{last}"
            st = period_stats(series, release, first, last)
            label = f"{first}–{last}, {release} release"
            if st is None:
                for stat in ("min", "max", "min_year", "max_year", "sum", "russia_share"):
                    frag.gap(f"{key}.{stat}", f"{stat} {label}",
                             f"the {release} release does not cover every year {first}–{last}", ins, src)
                continue
            frag.add(f"{key}.min", st["min"][0], "TIV mn", f"Lowest annual arms imports {label}",
                     f"minimum of annual totals {first}–{last}", ins, src, decimals=0, uncertainty=st["min"][1])
            frag.add(f"{key}.min_year", st["min_year"], "year", f"Year of the lowest annual arms imports {label}",
                     "year of the minimum (earliest on ties)", ins, src, decimals=0)
            frag.add(f"{key}.max", st["max"][0], "TIV mn", f"Highest annual arms imports {label}",
                     f"maximum of annual totals {first}–{last}", ins, src, decimals=0, uncertainty=st["max"][1])
            frag.add(f"{key}.max_year", st["max_year"], "year", f"Year of the highest annual arms imports {label}",
                     "year of the maximum (earliest on ties)", ins, src, decimals=0)
            frag.add(f"{key}.sum", st["sum"][0], "TIV mn", f"Total arms imports {label}",
                     f"sum of annual totals {first}–{last}", ins, src, decimals=0, uncertainty=st["sum"][1])
            if st["russia_share"] is None:
                frag.gap(f"{key}.russia_share", f"Russia's share {label}",
                         f"the {release} release has no supplier split for every year {first}–{last}", ins, src)
            else:
                frag.add(f"{key}.russia_share", st["russia_share"][0], "%", f"Russia's share of arms imports {label}",
                         "sum of Russia's deliveries / sum of all deliveries over the period, same release",
                         ins, src, decimals=1, uncertainty=st["russia_share"][1])
        for first, last in FIVE_YEARS:
            s = share(lookup, release, range(first, last + 1))
            if s is not None:
                frag.add(f"arms.{release}.russia_share_5y.{first}_{last}", s[0], "%",
                         f"Russia's share of arms imports {first}–{last}, {release} release",
                         "Russia / all suppliers over the block of years, same release", ins, src,
                         decimals=1, uncertainty=s[1])
    s = share(lookup, "current", range(2017, 2022))
    frag.add("arms.current.russia_share.2017_2021", s[0], "%", "Russia's share of arms imports 2017–2021 (register)",
             "check against SIPRI's published 56% for 2017–21", [rel(FILES["register"])], ["SIPRI_REG_2025-01-03"],
             decimals=1, uncertainty=s[1])
    reg_tot = register_total(series)
    wdi = series[(series["release"] == "current") & (series["series"] == "total")].set_index("year")["tiv"]
    diffs = (reg_tot - wdi.reindex(reg_tot.index)).abs()
    frag.add("arms.check.register_vs_wdi_max_abs_diff", float(diffs.max()), "TIV mn",
             "Largest gap between the register sum and the WDI 2026 total, 2000–2023",
             "max over years of |register sum − WDI total|; under 0.5 means the two agree after rounding",
             [rel(FILES["register"]), rel(FILES["wdi_2026"])], SOURCE_IDS["current"], decimals=2)
    frag.add("arms.register.rows", int(len(pd.read_csv(FILES["register"]))), "count",
             "Rows of the SIPRI register read (deals × delivery years)", "count of rows with Recipient = Viet Nam",
             [rel(FILES["register"])], ["SIPRI_REG_2025-01-03"], decimals=0)
    frag.gap("arms.equipment_origin_share", "Share of Vietnam's military equipment of Soviet or Russian origin",
             "SIPRI TIV measures deliveries per year, not the stock of equipment in service; no inventory data were gathered",
             [], [])
    # single years inside a period, so the audit can tell when a printed range skips a year
    for release in RELEASES:
        for first, last in PERIODS:
            for y in range(first, last + 1):
                v = value(lookup, release, "total", y)
                if v is not None:
                    for stat in ("min", "max"):
                        frag.candidate(f"arms.*.p{first}_{last}.{stat}", f"the {y} total in the {release} release",
                                       v[0], v[1], SOURCE_IDS[release])
    # alternative releases, so the audit can say which release a printed figure comes from
    for release in RELEASES:
        for key in list(frag.numbers):
            if key.startswith(f"arms.{release}."):
                tail = key[len(f"arms.{release}."):]
                entry = frag.numbers[key]
                frag.candidate(f"arms.*.{tail}", f"the {release} release", entry["value"], entry["uncertainty"], entry["sources"])
    return frag


def load_series() -> pd.DataFrame:
    return release_series(read_wdi_row(FILES["wdi_2026"], 1960), read_wdi_row(FILES["wdi_2020"], 1960),
                          read_wide_row(FILES["justin"]), read_wide_row(FILES["rus"]), read_wide_row(FILES["usr"]),
                          read_register(FILES["register"]))


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
    ap.add_argument("--out-series", required=True)
    ap.add_argument("--out-periods", required=True)
    ap.add_argument("--out-numbers", required=True)
    args = ap.parse_args(argv)
    series = load_series()
    write_csv(args.out_series, wide_table(series))
    write_csv(args.out_periods, periods_table(series))
    write_json(args.out_numbers, fragment(series).to_json())
    return 0


if __name__ == "__main__":
    sys.exit(main())
