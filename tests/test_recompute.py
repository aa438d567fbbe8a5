"""Recomputed values against expectations worked out by hand from the raw files.

Each expected number is written out as the arithmetic on the source figures
(values copied from data/raw, not from the code's output)."""
import csv

import pandas as pd
import pytest

from analysis import arms, fdi, trade
from analysis.audit import audit
from analysis.published import load as load_published
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def t1():
    return trade.table1(*trade.load()).set_index("partner_key")


def test_table1_rule_picks_vietnamese_full_year_figures(t1):
    assert t1.at["china", "turnover_usd_bn"] == pytest.approx(61.2 + 144.0)      # MOFA_DANTRI_20250829
    assert t1.at["united_states", "turnover_usd_bn"] == pytest.approx(119 + 15)  # MOF_TBTC_202504, stated 132
    assert t1.at["united_states", "stated_turnover_usd_bn"] == 132
    assert t1.at["south_korea", "turnover_usd_bn"] == pytest.approx(25.6 + 55.9)
    assert t1.at["japan", "turnover_usd_bn"] == pytest.approx(46.20)              # stated; imports derived
    assert t1.at["japan", "imports_usd_bn"] == pytest.approx(46.20 - 24.61)
    assert t1.at["singapore", "turnover_usd_bn"] == pytest.approx(5.16 + 5.37)
    assert t1.at["russia", "turnover_usd_bn"] == pytest.approx(4.6)               # VNS_20250920, latest official_cited
    assert t1.at["russia", "source_id"] == "VNS_20250920"
    assert t1.at["russia", "share_of_vietnam_total_pct"] == pytest.approx(100 * 4.6 / 786.29, abs=1e-4)


def test_singapore_mirror_uses_2024_average_ecb_cross_rate(t1):
    rows = list(csv.DictReader(open(ROOT / "data/raw/fx/ecb_eurofxref_2024_USD_SGD.csv")))
    rate = sum(float(r["SGD"]) / float(r["USD"]) for r in rows) / len(rows)
    assert len(rows) == 256 and 1.33 < rate < 1.34
    assert t1.at["singapore", "mirror_turnover_usd_bn"] == pytest.approx(31.67 / rate, abs=1e-4)
    assert t1.at["south_korea", "mirror_turnover_usd_bn"] == pytest.approx(28.4 + 58.3)


def test_russia_growth_takes_both_years_from_one_source():
    trade_df, _, sources, _ = trade.load()
    pct, _, sid = trade.growth_same_source(trade_df, sources, "Russia")
    assert sid == "SGT_EN_20250114" and pct == pytest.approx(100 * (4.57 / 3.63 - 1))


@pytest.fixture(scope="module")
def series():
    return arms.load_series()


def test_register_sums_by_hand(series):
    rows = list(csv.DictReader(open(ROOT / "data/raw/arms/sipri_register_2025-01-03_VietNam_rows.csv")))
    assert len(rows) == 192
    ru22 = sum(float(r["TIV delivery values"]) for r in rows if r["Delivery year"] == "2022" and r["Supplier"] == "Russia")
    all22 = sum(float(r["TIV delivery values"]) for r in rows if r["Delivery year"] == "2022")
    assert arms.share(series, "current", range(2022, 2023))[0] == pytest.approx(100 * ru22 / all22)
    # SIPRI's own 2017-21 figure, quoted in the press: Russia 56%
    assert arms.share(series, "current", range(2017, 2022))[0] == pytest.approx(55.8, abs=0.05)


def test_period_statistics_2022_release(series):
    st = arms.period_stats(series, "r2022", 2011, 2016)
    # justin2028 row: 2011..2016 = 1010, 780, 362, 1212, 855, 909
    assert (st["min"][0], st["min_year"], st["max"][0], st["max_year"]) == (362, 2013, 1212, 2014)
    assert st["sum"][0] == 1010 + 780 + 362 + 1212 + 855 + 909
    # Russia exporter table 2011..2016 = 974, 760, 313, 1056, 735, 702
    assert st["russia_share"][0] == pytest.approx(100 * (974 + 760 + 313 + 1056 + 735 + 702) / 5128)
    low = arms.period_stats(series, "r2022", 2001, 2010)
    assert (low["min"][0], low["min_year"], low["max"][0], low["max_year"]) == (8, 2007, 294, 2004)
    assert arms.period_stats(series, "r2022", 2017, 2023) is None  # that release ends in 2020


def test_wdi_values_are_divided_by_a_million(series):
    assert arms.value(series, "current", "total", 2011) == (1016.0, 0.5)
    assert arms.value(series, "r2020", "total", 2016) == (858.0, 0.5)


@pytest.fixture(scope="module")
def table2():
    published = load_published()
    data, sources = fdi.load()
    return fdi.table2(fdi.printed_table(published), data, sources).set_index("partner_key")


def test_table2_recomputations(table2):
    top10 = 9395.2 + 5695.8 + 5292.2 + 3731.8 + 3129.6 + 2062.9 + 1723.2 + 1153.6 + 1021.1 + 912.0
    assert table2.at["others", "value_2025_recomputed"] == pytest.approx(38418.1 - top10)
    assert table2.at["singapore", "share_pct"] == pytest.approx(100 * 9395.2 / 38418.1, abs=1e-5)
    assert table2.at["singapore", "yoy_recomputed"] == pytest.approx(100 * (9395.2 / 10210 - 1), abs=1e-5)
    assert table2.at["total", "yoy_recomputed"] == pytest.approx(100 * (38418.1 / 38230 - 1), abs=1e-5)
    assert table2.at["total", "implied_base_2024"] == pytest.approx(38418.1 / 1.409, abs=1e-3)
    assert table2.at["malaysia", "implied_rank_2024"] == 6 + 10
    assert table2.at["sweden", "implied_base_2024"] == pytest.approx(1021.1 / (1 + 905.87), abs=1e-5)


@pytest.fixture(scope="module")
def audited():
    published = load_published()
    series = arms.load_series()
    tr = trade.load()
    t1 = trade.table1(*tr)
    data, sources = fdi.load()
    printed = fdi.printed_table(published)
    t2 = fdi.table2(printed, data, sources)
    frags = [arms.fragment(series).to_json(),
             trade.fragment(t1, *tr, trade.candidates(tr[0], tr[1], tr[3])).to_json(),
             fdi.fragment(t2, printed, data, sources).to_json()]
    table, summary = audit(published, frags)
    return table.set_index("id"), summary


def test_audit_verdicts(audited):
    a, summary = audited
    assert summary.numbers["audit.arms_release"]["value"] == "r2022"
    expected = {"T1-01": "match", "T1-02": "discrepancy", "T1-05": "discrepancy", "T1-06": "match",
                "T2-32": "discrepancy", "T2-34": "discrepancy", "T2-31": "rounding", "T2-01": "not_verifiable",
                "A-06": "discrepancy", "A-09": "match", "A-12": "discrepancy", "X-10": "discrepancy",
                "X-27": "rounding", "X-18": "not_verifiable"}
    assert {k: a.at[k, "verdict"] for k in expected} == expected
    assert "Singapore-side" in a.at["T1-05", "reason"]
    assert "Jan–Oct" in a.at["T2-34", "reason"]
    assert "2012 total" in a.at["A-06", "reason"]
    assert "turnover − exports" in a.at["X-10", "reason"]
    assert a.at["A-09", "current_release_value"] == 869


def test_every_printed_number_gets_exactly_one_row(audited):
    a, summary = audited
    assert len(a) == len(load_published())
    counts = {k: summary.numbers[f"audit.count.{k}"]["value"] for k in ("match", "rounding", "discrepancy", "not_verifiable")}
    assert sum(counts.values()) == len(a)
