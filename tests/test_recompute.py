"""Recomputed values against expectations worked out by hand from the raw files.

Each expected number is written out as the arithmetic on the source figures
(values copied from data/raw, not from the code's output)."""
import csv

import pytest

from analysis.compute import arms, fdi, trade
from analysis.audit.numbers import audit
from analysis.contract.published import load as load_published
from analysis.io import rel, sha256
from tests.conftest import ROOT

RAW = ROOT / "data" / "raw"
TRADE = {"trade": RAW / "trade/vietnam_trade_by_partner.csv", "local": RAW / "trade/partner_side_local_currency.csv",
         "sources": RAW / "trade/sources.csv", "fx": RAW / "fx/ecb_eurofxref_2024_USD_SGD.csv",
         "statements": RAW / "trade/published_statements.csv"}
FDI = {"fdi": RAW / "fdi/fdi_by_partner.csv", "sources": RAW / "fdi/sources.csv"}
ARMS = {"wdi_2026": RAW / "arms/wdi_2026-04-08_VNM_row.csv", "wdi_2020": RAW / "arms/wdi_1745336_VNM_row.csv",
        "sipri_table": RAW / "arms/sipri_tiv_table_justin2028_VietNam_row.csv",
        "sipri_rus": RAW / "arms/sipri_tiv_export_RUS_gen2022-07-28_VietNam_row.csv",
        "sipri_usr": RAW / "arms/sipri_tiv_export_USR_gen2022-07-28_VietNam_row.csv",
        "register": RAW / "arms/sipri_register_2025-01-03_VietNam_rows.csv",
        "statements": RAW / "arms/share_statements.csv", "sources": RAW / "arms/sources.csv"}


@pytest.fixture(scope="module")
def t1():
    return trade.table1(*trade.load(TRADE)).set_index("partner_key")


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
    trade_df, _, sources, _ = trade.load(TRADE)
    pct, _, sid = trade.growth_same_source(trade_df, sources, "Russia")
    assert sid == "SGT_EN_20250114" and pct == pytest.approx(100 * (4.57 / 3.63 - 1))


@pytest.fixture(scope="module")
def series():
    return arms.load_series(ARMS)


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
    published = load_published(ROOT / "data/published/printed_numbers.csv")
    data, sources = fdi.load(FDI)
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


def test_table2_other_partners_implied_cell_is_what_the_printed_change_implies(table2):
    """'Các đối tác khác' 4300,6 with ↓91976,4%: the 2024 value that change implies is 4300.6 / (1 - 919.764), a
    negative value (impossible), shown as such; the residual of the 2024 total (38.23 bn USD, S05) less the ten
    implied 2024 values is another quantity, kept under its own name, from which the change is recomputed."""
    assert table2.at["others", "implied_base_2024"] == pytest.approx(4300.6 / (1 - 919.764), abs=1e-6)
    assert table2.at["others", "implied_base_2024"] < 0
    ten = (9395.2 / 0.92 + 5695.8 / 1.204 + 5292.2 / 0.75 + 3731.8 / 1.066 + 3129.6 / 0.72 + 2062.9 / 11.14
           + 1723.2 / 0.827 + 1153.6 / 5.122 + 1021.1 / 906.87 + 912.0 / 1.556)
    assert table2.at["others", "residual_2024"] == pytest.approx(38230 - ten, abs=1e-3)
    assert table2.at["others", "yoy_recomputed"] == pytest.approx(100 * (4300.6 / (38230 - ten) - 1), abs=1e-4)


PUBLISHED = ROOT / "data/published/printed_numbers.csv"


def _hashes(files):
    return {rel(p): sha256(p) for p in files.values()}


@pytest.fixture(scope="module")
def audited(tmp_path_factory):
    import json

    from analysis.registry import build
    published = load_published(PUBLISHED)
    series = arms.load_series(ARMS)
    tr = trade.load(TRADE)
    t1 = trade.table1(*tr)
    data, sources = fdi.load(FDI)
    printed = fdi.printed_table(published)
    t2 = fdi.table2(printed, data, sources)
    fdi_files = FDI | {"printed": PUBLISHED}
    frags = [arms.fragment(series, ARMS, _hashes(ARMS)).to_json(),
             trade.fragment(t1, *tr, trade.candidates(tr[0], tr[1], tr[3]), TRADE, _hashes(TRADE)).to_json(),
             fdi.fragment(t2, printed, data, sources, fdi_files, _hashes(fdi_files)).to_json()]
    d = tmp_path_factory.mktemp("fragments")
    paths = []
    for i, f in enumerate(frags):
        (d / f"{i}.json").write_text(json.dumps(f), encoding="utf-8")
        paths.append(d / f"{i}.json")
    table, summary = audit(published, build(paths))
    return table.set_index("id"), summary


def test_audit_verdicts(audited):
    a, summary = audited
    # the release whose totals end in 2020, the last year the article prints a total for
    assert summary.numbers["audit.arms_release"]["value"] == "r2022"
    expected = {"T1-01": "match", "T1-02": "discrepancy", "T1-05": "discrepancy", "T1-06": "match",
                "T2-32": "discrepancy", "T2-34": "discrepancy", "T2-31": "consistent", "T2-01": "not_verifiable",
                "A-06": "discrepancy", "A-09": "match", "A-12": "discrepancy", "X-10": "discrepancy",
                "X-27": "consistent", "X-18": "not_verifiable", "X-03": "within_bound", "X-08": "discrepancy"}
    assert {k: a.at[k, "verdict"] for k in expected} == expected
    assert "Singapore-side" in a.at["T1-05", "reason"] and a.at["T1-05", "cause"] == "other_source_or_reporter"
    assert "Jan–Oct" in a.at["T2-34", "reason"]
    assert "2012 total" in a.at["A-06", "reason"]
    # 780 is 2012's total, a year inside the printed period 2011–2016 (r2022: 1010, 780, 362, 1212, 855, 909): no other
    # period or base is involved; the range leaves out 2013, the period's lowest (362)
    assert a.at["A-06", "cause"] == a.at["A-06", "category"] == "other_year_in_period"
    assert "the period's lowest is 362 mn TIV, in 2013" in a.at["A-06", "reason"]
    assert "period or base" not in a.at["A-06", "reason"] and "cơ sở tính khác" not in a.at["A-06", "reason_vi"]
    assert "mức thấp nhất của giai đoạn là 362 triệu TIV, vào năm 2013" in a.at["A-06", "reason_vi"]
    # 13 = the source's stated 132 − its 119 taken as exact, while the same source states imports of 15 (14.5 to 15.5).
    # Read as its words state them, 'hơn 132' − 'gần 119' is (132, 133] − [118, 119) = 13 to 15: it allows 13, so the
    # article's 13 is that subtraction (arithmetic on hedged figures), and the source does not disagree with itself
    # (13 to 15 overlaps 14.5 to 15.5).  132 − 119 = 13 is correct arithmetic: the cause is the difference of two
    # hedged figures taken where the source states the imports (15), never an error of arithmetic
    assert "turnover − exports" in a.at["X-10", "reason"] and a.at["X-10", "cause"] == "hedged_difference"
    assert a.at["X-10", "category"] == "hedged_difference" and "arithmetic" != a.at["X-10", "category"]
    assert "correct as arithmetic" in a.at["X-10", "reason"] and "imports 2024 (full year) as stated = 15 bn USD" \
        in a.at["X-10", "reason"]
    assert "allow the difference any value from 13.0 bn USD to 15.0 bn USD" in a.at["X-10", "reason"]
    assert "lỗi tính toán" not in a.at["X-10", "reason_vi"]
    assert a.at["A-09", "current_release_value"] == 869
    # X-27: Table 2's 3,129.6 mn USD / 1,000 = 3.1296 bn USD; 3.12 <= 3.1296 < 3.13 truncates to the printed 3,12,
    # while the display at the registry's two decimals, 3.13, would not: the reason shows the value the rule reads
    assert "as 3.1296 bn USD (shown rounded as 3.13 bn USD); equal after truncation" in a.at["X-27", "reason"]
    assert "3,1296 tỷ USD (làm tròn thành 3,13 tỷ USD)" in a.at["X-27", "reason_vi"]
    # 'trên 132' (section 1) states a bound, met by 'gần 119' + 15, which is [118, 119) + 15 ± 0.5 = 132.5 to 134.5,
    # all above 132; 'khoảng 132' (section 3.1) is a window [131.5, 132.5) that 133 to 134 with 0.5 of rounding
    # misses (the distance 1 is not below 0.5 + 0.5).  The source's total, 'hơn 132' = (132, 133], and its parts
    # (132.5 to 134.5) overlap on 132.5 to 133: the source does not disagree with itself, and the printed 132 and
    # 132.4 reproduce its stated total, the other base (Table 1 takes exports + imports)
    assert a.at["X-03", "rule"] == "above the stated bound" and a.at["X-03", "location"] == "§1"
    # of the same source (MOF_TBTC_202504), year and period: its stated total, not its parts' sum, never "a different
    # period or base"
    assert a.at["X-08", "cause"] == "stated_total_not_parts" and a.at["T1-02", "cause"] == "stated_total_not_parts"
    for rid in ("X-08", "T1-02"):
        assert "period or base" not in a.at[rid, "reason"] and "kỳ số liệu" not in a.at[rid, "reason_vi"]
        assert "the source's own stated total, turnover 2024 (full year) as stated = 132 bn USD [MOF_TBTC_202504]" \
            in a.at[rid, "reason"]
        assert "exports + imports 2024 (full year) = 134 bn USD [MOF_TBTC_202504]" in a.at[rid, "reason"]
    assert (a.at["T1-02", "stated_lo"], a.at["T1-02", "stated_hi"]) == (132.5, 134.5)
    # 'khoảng 132' covers [131.5, 132.5); the lowest value the source's words allow is 118 + 14.5 = 132.5, which
    # rounds to 133: the two only touch, and the reason says the discrepancy rests on that tie.  T1-02's window
    # [132.35, 132.45) is 0.05 short of 132.5: no tie
    assert "only touch" in a.at["X-08", "reason"] and "just below 132.5 bn USD" in a.at["X-08", "reason"]
    assert "rounds (half away from zero) to 133 bn USD" in a.at["X-08", "reason"]
    assert "only touch" not in a.at["T1-02", "reason"]
    assert "source_inconsistent" not in set(a["cause"])
    # 'khoảng 119' against 'gần 119' = [118, 119): a value of that range rounds to 119, never 'equal'
    assert a.at["X-09", "verdict"] == "rounding" and a.at["X-09", "rule"].startswith("equal after rounding a value in")
    # the arms figures are all-supplier totals, not Russia's: 855 in 2015 against Russia's 735 (exporter table)
    assert a.at["A-09", "reading"] == "all_suppliers" and a.at["A-09", "russia_key"] == "arms.r2022.russia.2015"
    # Russia's 'about 60%' in 2022: the register gives 76%; a published statement (Reuters, as copied on a
    # CloudFront page, citing SIPRI) gives about 60% for 2022, the same year, so it is the likeliest cause
    assert a.at["A-13", "verdict"] == "discrepancy" and a.at["A-13", "cause"] == "other_source_or_reporter"
    assert "REUTERS_CLOUDFRONT_202412" in a.at["A-13", "reason"] and "military purchases in 2022" in a.at["A-13", "reason"]
    # the second search: the 7-month total, the US-side rank and the stated growth now have a source
    assert (a.at["X-17", "recomputed_value"], a.at["X-17", "sources"]) == (24.09, "S23")
    assert (a.at["X-11", "recomputed_value"], a.at["X-11", "verdict"]) == (8, "match")
    assert a.at["X-05", "sources"] == "VNS_20250920" and a.at["X-05", "recomputed_value"] == 26
    assert a.at["T2-05", "sources"] == "S21" and a.at["T2-05", "basis"] == "mixed"
    # the equipment in service: SIPRI cannot measure it; the one stock estimate (60-70%) is cited, not judged, and
    # beside it the published shares of related measures reaching 2022, on both sides (issue 22, F8)
    assert a.at["A-14", "verdict"] == "not_verifiable" and "VOGON_20221226" in a.at["A-14", "reason"]
    assert set(a.at["A-14", "cited_keys"].split(";")) == {"arms.stated_share.military_assets.2022_2022.VOGON_20221226",
                                                         "arms.stated_share.military_assets.2022_2022.VOGON_20221226.high",
                                                         "arms.stated_share.arms_imports.1995_2023.AFP_MCEBISCOO_20241219",
                                                         "arms.stated_share.arms_needs.2022_2022.REUTERS_VNEXPRESS_20221208",
                                                         "arms.stated_share.military_purchases.2022_2022.REUTERS_CLOUDFRONT_202412"}
    # the US-side rank among export markets is still unsourced; the reason no longer says no US-side rank exists
    assert "export markets" in a.at["X-12", "reason"] and "hold no US-side" not in a.at["X-12", "reason"]


def test_every_printed_number_gets_exactly_one_row(audited):
    a, summary = audited
    assert len(a) == len(load_published(PUBLISHED))
    counts = {k: summary.numbers[f"audit.count.{k}"]["value"]
              for k in ("match", "rounding", "within_bound", "consistent", "discrepancy", "not_verifiable")}
    assert sum(counts.values()) == len(a)


def test_no_reason_types_a_number_that_is_not_a_cited_key(audited):
    """Rendered as Markdown, a reason holds no digit outside its shortcodes, except the years, dates, release
    ids, source ids and the audit's item ids (X-04: a printed figure of the article it names) that name what a
    figure is."""
    import json
    import re

    from analysis import reasons
    a, summary = audited
    for rid, r in a.iterrows():
        spec = json.loads(r["reason_spec"])
        keys = reasons.cited_keys(spec)
        assert ";".join(keys) == r["cited_keys"], rid
        md = reasons.render(spec, {k: {"value": 0, "unit": "count", "decimals": 0, "sources": []} for k in keys}, "en", "md")
        rest = re.sub(r"\{\{<.*?>\}\}|\b(19|20)\d\d(-\d\d){0,2}\b|\br20\d\d\b|\b[A-Z]\d?-\d{2}\b", "", md)
        assert not re.search(r"\d", rest), (rid, rest)
        assert "comes close" not in r["reason"]


def test_uncertainties_are_derived_not_typed():
    published = load_published(PUBLISHED)
    data, sources = fdi.load(FDI)
    printed = fdi.printed_table(published)
    files = FDI | {"printed": PUBLISHED}
    f = fdi.fragment(fdi.table2(printed, data, sources), printed, data, sources, files, _hashes(files)).numbers
    # the ten partner values and the total are printed to 0.1: others = total - ten carries 11 x 0.05
    assert f["fdi.value_2025.others"]["uncertainty"] == pytest.approx(11 * 0.05)
    # total change: 38418.1 / 38230 - 1, with 0.05 on the printed total and 5 (38.23 bn to 2 decimals) on 2024
    assert f["fdi.yoy.total"]["uncertainty"] == pytest.approx(100 * 38418.1 / 38230 * (0.05 / 38418.1 + 5 / 38230))
    tr = trade.load(TRADE)
    t = trade.fragment(trade.table1(*tr), *tr, trade.candidates(tr[0], tr[1], tr[3]), TRADE, _hashes(TRADE)).numbers
    # Japan's imports = turnover 46.20 - exports 24.61 (MOFA_DNTT_20250424): two half-units of 0.01
    assert t["trade.imports_2024.japan"]["uncertainty"] == pytest.approx(0.005 + 0.005)


# --- the second search: published rankings, 2024 FDI by partner, the 7-month total, Russia's stock, arms shares ---

def _trade_numbers():
    tr = trade.load(TRADE)
    return trade.fragment(trade.table1(*tr), *tr, trade.candidates(tr[0], tr[1], tr[3]), TRADE, _hashes(TRADE)).numbers


def test_published_ranks_follow_the_stated_rule():
    n = _trade_numbers()
    # US largest export market, 2024: MOF_TBTC_202504 (secondary, Apr 2025) and TRACUUQH_202411 (a repost,
    # third_party_copy) both say 1; both are 'currently' statements, so the stronger authority is cited
    assert (n["trade.rank_published.exports.2024.united_states"]["value"],
            n["trade.rank_published.exports.2024.united_states"]["sources"]) == (1, ["MOF_TBTC_202504"])
    assert n["trade.rank_stated.vietnam_partners.exports.2024.united_states.TRACUUQH_202411"]["value"] == 1
    # US second-largest trading partner, 2024: only the repost states it
    assert (n["trade.rank_published.turnover.2024.united_states"]["value"],
            n["trade.rank_published.turnover.2024.united_states"]["sources"]) == (2, ["TRACUUQH_202411"])
    # China: largest source of imports (Jan-Sep 2024, VnBusiness citing the GSO); largest partner and
    # second export market in 2023 (Doanh nghiệp & Tiếp thị citing customs); no 2024 statement of those two
    assert n["trade.rank_published.imports.2024.china"]["value"] == 1
    assert (n["trade.rank_published.turnover.2023.china"]["value"], n["trade.rank_published.exports.2023.china"]["value"]) == (1, 2)
    assert "trade.rank_published.exports.2024.china" not in n
    # Vietnam among the US's partners: 8th in 2024 (TBTCO); 7th in 2022, where the full-year statement
    # (VietnamPlus citing the US Census) outranks the 'currently' one (VCCI News), both 7
    assert (n["trade.us_partner_rank.2024"]["value"], n["trade.us_partner_rank.2024"]["sources"]) == (8, ["MOF_TBTC_202504"])
    assert n["trade.us_partner_rank.2022"]["sources"] == ["VNPLUS_EN_20230909"]


def test_stated_russia_growth_is_the_ambassadors_26_percent():
    n = _trade_numbers()
    g = n["trade.growth_stated_2024.russia"]
    # VNS 20 Sep 2025: 'up twenty-six per cent' -> 26, half a unit of its last digit
    assert (g["value"], g["uncertainty"], g["sources"]) == (26, 0.5, ["VNS_20250920"])
    # the growth computed from one source's two years stays: 4.57 / 3.63 - 1 (The Saigon Times estimate)
    assert n["trade.growth_2024.russia"]["value"] == pytest.approx(100 * (4.57 / 3.63 - 1))


def _fdi_numbers():
    published = load_published(PUBLISHED)
    data, sources = fdi.load(FDI)
    printed = fdi.printed_table(published)
    files = FDI | {"printed": PUBLISHED}
    return fdi.fragment(fdi.table2(printed, data, sources), printed, data, sources, files, _hashes(files))


def test_china_2024_base_and_ranks_2024():
    f = _fdi_numbers()
    n = f.numbers
    # Thời Đại: 'Năm 2024, Trung Quốc đứng thứ ba ... với 4,7 tỷ USD' -> 4,700 mn, one decimal of a bn: 50 mn
    assert (n["fdi.value_2024.china"]["value"], n["fdi.value_2024.china"]["uncertainty"]) == (4700, 50)
    yoy = 100 * (5695.8 / 4700 - 1)
    assert n["fdi.yoy.china"]["value"] == pytest.approx(yoy)
    assert n["fdi.yoy.china"]["uncertainty"] == pytest.approx((yoy + 100) * (0.05 / 5695.8 + 50 / 4700))
    assert n["fdi.yoy.china"]["basis"] == "mixed" and n["fdi.yoy.china"]["sources"] == ["S21"]
    # 2024 order (Bắc Giang/VNA: Singapore, Korea, then China, Hong Kong, Japan) -> ranks 1..5
    assert {p: n[f"fdi.rank_2024.{p}"]["value"] for p in ("singapore", "south_korea", "china", "hong_kong", "japan")} \
        == {"singapore": 1, "south_korea": 2, "china": 3, "hong_kong": 4, "japan": 5}
    # China: 3rd in 2024, 2nd in Table 2 -> up one place, resting on the source of the 2024 rank
    assert (n["fdi.rank_change.china"]["value"], n["fdi.rank_change.china"]["sources"]) == (1, ["S06"])
    assert "fdi.rank_2024.thailand" not in n


def test_seven_month_total_prefers_the_fia_attributed_figure():
    f = _fdi_numbers()
    n = f.numbers
    # Diễn đàn Doanh nghiệp (FIA): 24.09 bn, +27.3%; VnExpress (statistics office): 'hơn 24', +27.3%
    assert (n["fdi.total_7m_2025"]["value"], n["fdi.total_7m_2025"]["sources"]) == (24.09, ["S23"])
    assert n["fdi.total_7m_2025"]["uncertainty"] == pytest.approx(0.005)
    assert n["fdi.total_7m_2025_yoy"]["value"] == 27.3
    assert [c["key"] for c in f.candidates["fdi.total_7m_2025"]] == ["fdi.raw.total.registered_total.2025-07M.S22"]


def test_russia_cumulative_position_at_each_date():
    n = _fdi_numbers().numbers
    # end 2022 (VOH citing MPI): 164 projects, 965.8 mn, 27th of 140
    assert [n[f"fdi.russia_cumulative.2022_12_31.{m}"]["value"] for m in ("projects", "value", "rank", "partners")] \
        == [164, 965.8, 27, 140]
    # March 2023 (VnEconomy citing MoIT): 171 valid projects, 970 mn
    assert [n[f"fdi.russia_cumulative.2023_03.{m}"]["value"] for m in ("projects", "value")] == [171, 970]
    # April 2024: TASS 'around $985 million' (press) outranks the mirror's 'gần 1 tỷ' (low)
    assert (n["fdi.russia_cumulative.2024_04.value"]["value"], n["fdi.russia_cumulative.2024_04.value"]["sources"]) \
        == (985, ["S17"])
    # early November 2024 (tinmoi-247 repost): 199 projects, about 990 mn, 26th of 147
    assert [n[f"fdi.russia_cumulative.2024_11_early.{m}"]["value"] for m in ("projects", "value", "rank", "partners")] \
        == [199, 990, 26, 147]


def test_published_arms_share_statements():
    series = arms.load_series(ARMS)
    f = arms.fragment(series, ARMS, _hashes(ARMS))
    n = f.numbers
    # Reuters (CloudFront copy): 'approximately 60% of Vietnam's military purchases in 2022'
    assert (n["arms.stated_share.2022"]["value"], n["arms.stated_share.2022"]["sources"]) == (60, ["REUTERS_CLOUDFRONT_202412"])
    # AFP (repost) and here.news: more than 80% of arms imports 1995-2023
    assert n["arms.stated_share.arms_imports.1995_2023.AFP_MCEBISCOO_20241219"]["value"] == 80
    # Vogon/StartMag citing The Diplomat: '60-70% of Vietnam's military assets' -> the two ends
    base = "arms.stated_share.military_assets.2022_2022.VOGON_20221226"
    assert (n[base]["value"], n[base + ".high"]["value"]) == (60, 70)
    # Sputnik France: 90% 'in recent years' before January 2017
    assert n["arms.stated_share.arms_market.to_2016.SPUTNIK_FR_20170109"]["value"] == 90
    # offered to the cause search of the computed 2022 share, never mixed into it
    assert {"key": "arms.stated_share.2022", "kind": "other_source_or_reporter",
            "what": {"src": "stated", "measure": "military_purchases", "first": 2022, "last": 2022}} \
        in f.candidates["arms.*.russia_share.2022"]
    assert n["arms.current.russia_share.2022"]["value"] != 60


def test_numbers_resting_on_hedged_source_figures_record_them():
    """data/raw/trade: MOF_TBTC_202504 writes 'hơn 132' (turnover, more_than), 'gần 119' (exports, nearly) and 15
    (imports, exact); Table 1 takes exports + imports, so its US turnover rests on 119 (nearly) + 15 (exact), and the
    stated total is an alternative resting on 132 (more_than).  fdi: S06 gives Korea's 2024 total as 'nearly 7.06'
    bn, the base of Korea's change: 5,292.2 / [7,050, 7,060) − 1 = −25.04% to −24.93%."""
    from analysis.audit.verdict import stated_range
    n = _trade_numbers()
    assert n["trade.turnover_2024.united_states"]["stated"] == {"sum": [[1, 119.0, 0, "nearly"], [1, 15.0, 0, "exact"]]}
    assert n["trade.alt.united_states.turnover.2024.FY.MOF_TBTC_202504.stated"]["stated"] == \
        {"sum": [[1, 132.0, 0, "more_than"]]}
    assert stated_range(n["trade.turnover_2024.united_states"]) == (133, 134, 0.5)      # 132.5 to 134.5 with rounding
    # an entry resting on exact figures only records nothing: read as before
    assert "stated" not in n["trade.turnover_2024.china"]
    f = _fdi_numbers().numbers
    lo, hi, e = stated_range(f["fdi.yoy.south_korea"])
    assert (round(lo, 2), round(hi, 2), e) == (-25.04, -24.93, 0.0)


def test_a_tie_for_the_low_year_is_kept_not_resolved_to_the_first(series, audited):
    """Russia's deliveries 2001-2010 in the exporter table (sipri_tiv_export_RUS row, 2001..2010 = 89, 54, 2, 294,
    164, 16, 2, 164, 53, 149): the low, 2, is reached in 2003 and in 2007 alike; the register's Russia rows give
    1.75 in both years too.  The article prints 2007 (A-04): a tied year, so the Russia-alone reading reproduces
    it as well as the all-supplier total (8 in 2007, alone) does, and the reason says it is a tie."""
    frag = arms.fragment(series, ARMS, _hashes(ARMS))
    for release in ("r2022", "current"):
        base = f"arms.{release}.russia_p2001_2010.min_year"
        assert sorted(k for k in frag.numbers if k.startswith(base + ".tie.")) == [base + ".tie.2003", base + ".tie.2007"]
    # the all-supplier low (8 in 2007 in the 2022 table) is one year: no tie recorded
    assert not [k for k in frag.numbers if k.startswith("arms.r2022.p2001_2010.min_year.tie.")]
    a, _ = audited
    assert a.at["A-04", "reading"] == "both"
    assert a.at["A-04", "verdict_russia_used"] == "match" and a.at["A-04", "verdict_russia_current"] == "match"
    assert "tie" in a.at["A-04", "reason"] and "2003" in a.at["A-04", "reason"] and "2007" in a.at["A-04", "reason"]
    assert "gives 2003" not in a.at["A-04", "reason"]
    # A-03 (the 2001-2010 high, 2004: 294 alone) has no tie and is unchanged
    assert a.at["A-03", "reading"] == "both" and "tie" not in a.at["A-03", "reason"]


def test_the_stock_gap_cites_the_published_figures_on_both_sides_not_only_the_lower(audited):
    """A-14 ('hơn 80%' of equipment of Soviet or Russian origin) is not verifiable; its reason must not cite only the
    estimate below the printed figure (share_statements.csv: military assets 2022, 60 to 70%, VOGON_20221226) but
    every published statement of a related share for a span reaching 2022: arms imports 1995-2023 more than 80%
    (AFP_MCEBISCOO_20241219, HERENEWS_20241219), arms needs 2022 80% (REUTERS_VNEXPRESS_20221208), military
    purchases 2022 about 60% (REUTERS_CLOUDFRONT_202412)."""
    a, _ = audited
    r = a.at["A-14", "reason"]
    assert a.at["A-14", "verdict"] == "not_verifiable" and a.at["A-14", "gap"] == "not_measurable"
    for sid in ("VOGON_20221226", "REUTERS_VNEXPRESS_20221208", "REUTERS_CLOUDFRONT_202412"):
        assert sid in r, sid
    assert "AFP_MCEBISCOO_20241219" in r or "HERENEWS_20241219" in r
    assert "more than 80%" in r and "1995–2023" in r
    assert "2017–2021" not in r  # a span that ends before 2022 is not as recent as the estimate
    assert "hơn 80%" in a.at["A-14", "reason_vi"]
