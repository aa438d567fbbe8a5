"""The audit's rules on hand-made registries (not the real data): verdicts, cause codes, cited keys,
the likeliest-cause search, the SIPRI release rule and the two readings of the arms figures."""
import json
import math

import pandas as pd
import pytest

from analysis.audit import numbers as A
from analysis import reasons as R


def n(value, unit="USD bn", decimals=1, uncertainty=0.05, basis="independent", sources=("S1",)):
    return {"value": value, "unit": unit, "decimals": decimals, "uncertainty": uncertainty, "basis": basis,
            "sources": list(sources), "label": "x"}


def row(rid, key, printed, value, decimals=1, qualifier="none", unit="USD bn", result="text", section="3.1"):
    return {"id": rid, "result": result, "section": section, "table": "", "row": "", "column": "", "item": f"item {rid}",
            "printed": printed, "unit": unit, "recompute_key": key, "context": "", "printed_value": value,
            "printed_decimals": decimals, "qualifier": qualifier}


def run(rows, numbers, gaps=None, candidates=None):
    table, frag = A.audit(pd.DataFrame(rows), {"numbers": numbers, "gaps": gaps or {}, "candidates": candidates or {}})
    return table.set_index("id"), frag


def test_match_rounding_and_their_cause():
    t, _ = run([row("X-1", "k.a", "10,0", 10.0), row("X-2", "k.b", "khoảng 10", 10.0, 0, "approx")],
               {"k.a": n(10.0), "k.b": n(10.3, decimals=1)})
    assert t.at["X-1", "verdict"] == "match" and t.at["X-1", "cause"] == "reproduced"
    assert t.at["X-2", "verdict"] == "rounding" and t.at["X-2", "cited_keys"] == "k.b"
    assert t.at["X-1", "reason"] == "Recomputed from data independent of the article: 10.0 bn USD [S1]; equal."


def test_internal_figures_get_their_own_verdict_and_count():
    t, frag = run([row("X-1", "k.a", "10,0", 10.0)], {"k.a": n(10.02, basis="internal")})
    assert t.at["X-1", "verdict"] == "consistent" and t.at["X-1", "cause"] == "self_consistent"
    assert t.at["X-1", "reason"].startswith("Consistent with the article's own figures, not independently verified")
    assert frag.numbers["audit.count.consistent"]["value"] == 1 and frag.numbers["audit.count.rounding"]["value"] == 0


def test_a_candidate_that_reproduces_the_figure_names_the_cause_and_is_cited():
    cands = {"k.a": [{"key": "alt.other_reporter", "kind": "other_source_or_reporter",
                      "what": {"src": "trade", "flow": "turnover", "year": 2024, "period": "FY", "how": "stated",
                               "reporter": "Singapore"}},
                     {"key": "alt.far", "kind": "other_period_or_base",
                      "what": {"src": "trade", "flow": "turnover", "year": 2023, "period": "FY", "how": "stated",
                               "reporter": "Vietnam"}}]}
    t, frag = run([row("X-1", "k.a", "23,7", 23.7)], {"k.a": n(10.5), "alt.other_reporter": n(23.71, decimals=2,
                  uncertainty=0.005, sources=("S2",)), "alt.far": n(30.0)}, candidates=cands)
    assert t.at["X-1", "verdict"] == "discrepancy" and t.at["X-1", "cause"] == "other_source_or_reporter"
    assert t.at["X-1", "cited_keys"].split(";") == ["audit.diff.X-1", "audit.reldiff.X-1", "k.a", "alt.other_reporter"]
    assert "Singapore-side = 23.71 bn USD [S2]" in t.at["X-1", "reason"]
    assert "phía Singapore" in t.at["X-1", "reason_vi"]
    assert frag.numbers["audit.diff.X-1"]["value"] == pytest.approx(13.2)


def test_no_alternative_is_not_reported_as_nothing_coming_close():
    t, _ = run([row("X-1", "k.a", "5,0", 5.0)], {"k.a": n(7.0)})
    assert t.at["X-1", "cause"] == "unexplained"
    assert "no other figure for this quantity" in t.at["X-1", "reason"]
    assert "closest" not in t.at["X-1", "reason"] and "comes close" not in t.at["X-1", "reason"]


def test_closest_alternative_is_cited_with_its_gap_as_a_registry_key():
    cands = {"k.*": [{"key": "alt.y", "kind": "other_period_or_base",
                      "what": {"src": "arms", "release": "r1", "series": "total", "year": 2001}}]}
    t, frag = run([row("X-1", "k.a", "5,0", 5.0)], {"k.a": n(7.0), "alt.y": n(5.5)}, candidates=cands)
    assert t.at["X-1", "cause"] == "unexplained" and "audit.closest_gap.X-1" in t.at["X-1", "cited_keys"]
    assert frag.numbers["audit.closest_gap.X-1"]["value"] == pytest.approx(100 * (5.0 - 5.5) / 5.5)


def test_a_slip_of_digits_is_a_transcription():
    t, _ = run([row("X-1", "k.a", "53,8", 53.8)], {"k.a": n(35.8)})   # 35.8 with its first two digits swapped
    assert t.at["X-1", "cause"] == "transcription" and "one digit changed or two adjacent digits swapped" in t.at["X-1", "reason"]


def test_impossible_value_and_its_arithmetic_origin():
    cands = {"k.a": [{"key": "alt.sub", "kind": "arithmetic", "what": {"src": "fdi", "what": "pct_subtract"}}]}
    t, _ = run([row("T-1", "k.a", "↓500,0%", -500.0, unit="% change")],
               {"k.a": n(-18.9, unit="% change"), "alt.sub": n(-500.0, unit="% change")}, candidates=cands)
    assert t.at["T-1", "verdict"] == "discrepancy" and t.at["T-1", "cause"] == "arithmetic"
    t, _ = run([row("T-1", "k.a", "↓500,0%", -500.0, unit="% change")], {"k.a": n(-18.9, unit="% change")})
    assert t.at["T-1", "cause"] == "impossible_value" and "impossible" in t.at["T-1", "reason"]
    # impossible on its face: the verdict rests on the article alone, so on no source's authority (the source of
    # the value recomputed beside it is not what the verdict rests on)
    table, _ = A.audit(pd.DataFrame([row("T-1", "k.a", "↓500,0%", -500.0, unit="% change")]),
                       {"numbers": {"k.a": n(-18.9, unit="% change", sources=("COPY",))}, "gaps": {}, "candidates": {}},
                       None, {"COPY": "third_party_copy"})
    t = table.set_index("id")
    assert t.at["T-1", "basis"] == "article_only" and t.at["T-1", "authority"] == ""
    assert "authority" not in t.at["T-1", "reason"]


def test_not_verifiable_renders_the_structured_gap():
    gaps = {"k.g": {"sources": [], "reason": "…", "why": [R.clause("g_no_rank", partner=R.partner("Taiwan"),
                                                                   n=R.key("k.n"))]}}
    t, _ = run([row("X-1", "k.g", "4", 4, 0, unit="rank")], {"k.n": n(5, unit="count", decimals=0)}, gaps)
    assert t.at["X-1", "verdict"] == "not_verifiable" and t.at["X-1", "cause"] == "not_verifiable"
    assert t.at["X-1", "cited_keys"] == "k.n"
    assert t.at["X-1", "reason_vi"] == ("Không thể kiểm chứng độc lập: dữ liệu không có thứ hạng năm gốc của Đài Loan "
                                         "(chỉ biết 5 đối tác đứng đầu).")


def test_hedge_not_borne_out_and_coarse_checks_are_stated():
    t, frag = run([row("X-1", "k.a", "hơn 26%", 26.0, 0, "above", "% change"),
                   row("X-2", "k.b", "khoảng 4,59 tỷ USD", 4.59, 2, "approx")],
                  {"k.a": n(25.9, unit="% change", uncertainty=0.3), "k.b": n(4.6, uncertainty=0.05)})
    assert t.at["X-1", "cause"] == "hedge_not_borne_out" and t.at["X-1", "hedge"] == "not_borne_out"
    assert "The hedge 'more than' is not borne out" in t.at["X-1", "reason"]
    assert bool(t.at["X-2", "coarse"]) and "audit.accept_lo.X-2" in t.at["X-2", "cited_keys"]
    assert "from 4.535 bn USD to 4.645 bn USD" in t.at["X-2", "reason"]
    assert frag.numbers["audit.count.coarse"]["value"] == 1


def arms_registry(last_r1=2020, last_r2=2024):
    nums = {"arms.r1.coverage.last_year": n(last_r1, "year", 0), "arms.r2.coverage.last_year": n(last_r2, "year", 0)}
    for r, vals in (("r1", {2015: 855, 2020: 32}), ("r2", {2015: 869, 2020: 41})):
        for y, v in vals.items():
            nums[f"arms.{r}.total.{y}"] = n(v, "TIV mn", 0, 0.5)
            nums[f"arms.{r}.russia.{y}"] = n(v * 0.8, "TIV mn", 0, 0.5)
    return nums


def test_release_rule_looks_at_coverage_not_at_verdicts(monkeypatch):
    monkeypatch.setattr(A, "RELEASES", ("r2", "r1"))
    rows = [row("A-1", "arms.{release}.total.2015", "855 triệu USD", 855, 0, unit="TIV mn", result="arms"),
            row("A-2", "arms.{release}.total.2020", "41 triệu USD", 41, 0, unit="TIV mn", result="arms")]
    # r1 ends in 2020, the last year printed: it is chosen although r2 reproduces as many figures
    t, frag = run(rows, arms_registry())
    assert frag.numbers["audit.arms_release"]["value"] == "r1"
    assert t.at["A-1", "verdict"] == "match" and t.at["A-2", "verdict"] == "discrepancy"
    assert t.at["A-2", "verdict_r2"] == "match" and t.at["A-1", "verdict_r2"] == "discrepancy"
    # no release ends in 2020: the oldest that covers it
    t, frag = run(rows, arms_registry(2021, 2024))
    assert frag.numbers["audit.arms_release"]["value"] == "r1"


def test_every_arms_reason_says_which_reading_reproduces_it(monkeypatch):
    monkeypatch.setattr(A, "RELEASES", ("r2", "r1"))
    nums = arms_registry()
    nums["arms.r1.russia.2015"] = n(735, "TIV mn", 0, 0.5)
    nums["arms.r1.russia.2020"] = n(41, "TIV mn", 0, 0.5)
    rows = [row("A-1", "arms.{release}.total.2015", "855 triệu USD", 855, 0, unit="TIV mn", result="arms"),
            row("A-2", "arms.{release}.total.2020", "41 triệu USD", 41, 0, unit="TIV mn", result="arms")]
    t, _ = run(rows, nums)
    assert t.at["A-1", "reading"] == "all_suppliers" and t.at["A-2", "reading"] == "russia_only"
    assert "The all-supplier total reproduces the printed figure; Russia alone gives 735 mn TIV" in t.at["A-1", "reason"]
    assert "Russia alone reproduces the printed figure" in t.at["A-2", "reason"]
    assert "imports from Russia in US dollars" in t.at["A-1", "reason"]
    assert t.at["A-1", "russia_key"] == "arms.r1.russia.2015" and t.at["A-1", "current_release_key"] == ""
    assert t.at["A-1", "year"] == 2015 and t.at["A-1", "measure"] == "total"


def test_sections_are_read_as_strings(tmp_path):
    rows = [row("X-1", "k.a", "10,0", 10.0, section="1"), row("X-2", "k.a", "10,0", 10.0, section="3.1")]
    pub = tmp_path / "published.csv"
    pd.DataFrame(rows).to_csv(pub, index=False)
    reg = tmp_path / "computed.json"
    reg.write_text(json.dumps({"numbers": {"k.a": n(10.0)}, "gaps": {}, "candidates": {}}))
    out = tmp_path / "audit.csv"
    assert A.main(["--published", str(pub), "--printed-source", str(pub), "--registry", str(reg), "--out", str(out),
                   "--out-numbers", str(tmp_path / "audit.json")]) == 0
    assert pd.read_csv(out)["location"].tolist() == ["§1", "§3.1"]


def trade_alt(year=2024, period="FY", how="stated", flow="turnover"):
    return {"src": "trade", "flow": flow, "year": year, "period": period, "how": how, "reporter": "Vietnam"}


def test_a_source_whose_total_disagrees_with_its_parts_is_a_cause_of_its_own():
    # one source, one period: it states a total of 132 (+-0.5) while its parts add up to 119 + 15 = 134 (+-1);
    # |134 - 132| = 2 > 0.5 + 1.  The printed 132.4 is the stated total; the recomputed value is the sum.
    cands = {"k.t_2024": [{"key": "alt.stated", "kind": "other_period_or_base", "what": trade_alt()},
                     {"key": "alt.sum", "kind": "other_period_or_base", "what": trade_alt(how="sum")}]}
    nums = {"k.t_2024": n(134.0, decimals=0, uncertainty=1.0, sources=("M",)),
            "alt.stated": n(132.0, decimals=0, uncertainty=0.5, sources=("M",)),
            "alt.sum": n(134.0, decimals=0, uncertainty=1.0, sources=("M",))}
    t, frag = run([row("X-1", "k.t_2024", "~132,4 tỷ USD", 132.4, 1, "approx")], nums, candidates=cands)
    assert t.at["X-1", "verdict"] == "discrepancy" and t.at["X-1", "cause"] == "source_inconsistent"
    assert t.at["X-1", "category"] == "source_inconsistent"
    assert "the source disagrees with itself: it states 132 bn USD [M]" in t.at["X-1", "reason"]
    assert "exports + imports 2024 (full year) = 134 bn USD [M]" in t.at["X-1", "reason"]
    assert "the printed figure reproduces the figure it states" in t.at["X-1", "reason"]
    assert "nguồn tự mâu thuẫn" in t.at["X-1", "reason_vi"]
    assert "a different period or base" not in t.at["X-1", "reason"]
    assert frag.numbers["audit.count.cause.source_inconsistent"]["value"] == 1
    # the stated total is the reading that passes: the verdict under it is the row's alternative
    assert t.at["X-1", "verdict_alt"] == "rounding" and t.at["X-1", "alt_keys"] == "alt.stated"


def test_a_total_and_parts_that_agree_within_rounding_are_no_inconsistency():
    # 100.62 stated against 88.05 + 12.57 = 100.62: the same; and two different sources are never compared
    cands = {"k.t_2024": [{"key": "alt.stated", "kind": "other_period_or_base", "what": trade_alt()},
                     {"key": "alt.sum", "kind": "other_period_or_base", "what": trade_alt(how="sum")},
                     {"key": "alt.other", "kind": "other_source_or_reporter", "what": trade_alt(how="sum")}]}
    nums = {"k.t_2024": n(134.0, decimals=0, uncertainty=1.0, sources=("M",)),
            "alt.stated": n(133.5, decimals=1, uncertainty=0.05, sources=("M",)),
            "alt.sum": n(134.0, decimals=0, uncertainty=1.0, sources=("M",)),
            "alt.other": n(129.0, decimals=0, uncertainty=1.0, sources=("N",))}
    t, _ = run([row("X-1", "k.t_2024", "~129,0 tỷ USD", 129.0, 1, "approx")], nums, candidates=cands)
    assert t.at["X-1", "cause"] == "other_source_or_reporter"


def test_gap_basis_and_authority_columns():
    gaps = {"k.fia": {"sources": [], "why": [R.clause("g_fia_table")]},
            "k.stock": {"sources": [], "why": [R.clause("g_stock")]},
            "k.flow": {"sources": [], "why": [R.clause("g_no_flow", flow=R.word("flow.exports"),
                                                         dir=R.word("flow.dir.exports"), partner=R.partner("Russia"))]}}
    nums = {"k.a": n(10.0, sources=("OFF", "PRESS")), "k.b": n(10.0, basis="internal", sources=()),
            "k.c": n(10.0, basis="mixed", sources=("COPY",))}
    rows = [row("X-1", "k.fia", "1", 1, 0), row("X-2", "k.stock", "2", 2, 0), row("X-3", "k.flow", "3", 3, 0),
            row("X-4", "k.a", "10,0", 10.0), row("X-5", "k.b", "10,0", 10.0), row("X-6", "k.c", "10,0", 10.0)]
    auth = {"OFF": "official", "PRESS": "secondary", "COPY": "third_party_copy"}
    table, frag = A.audit(pd.DataFrame(rows), {"numbers": nums, "gaps": gaps, "candidates": {}}, None, auth)
    t = table.set_index("id")
    assert t["gap"].tolist() == ["source_not_consulted", "not_measurable", "no_source_found", "", "", ""]
    assert t["basis"].tolist() == ["", "", "", "independent", "article_only", "mixed"]
    assert t["authority"].tolist() == ["", "", "", "secondary", "", "third_party_copy"]
    assert "The verdict rests on a source whose authority is a third party's copy" in t.at["X-6", "reason"]
    assert "authority" not in t.at["X-5", "reason"]
    assert frag.numbers["audit.gap.X-2"]["value"] == "not_measurable"
    assert frag.numbers["audit.count.gap.source_not_consulted"]["value"] == 1
    assert frag.numbers["audit.count.authority.third_party_copy"]["value"] == 1
    assert frag.numbers["audit.count.basis.article_only"]["value"] == 1


def test_a_reason_resting_on_a_source_the_references_mark_weak_says_so_by_the_references_rule():
    """T2-11 rests on S07 alone, a press report whose figures come from an interviewee (sources.csv standing=low):
    the reference list marks it 'Weak source: figures of low standing', so its reason must not call it 'a report
    citing an official source'.  One rule (R.weak_mark) for both: standing low, or an aggregator's or unnamed copy."""
    from analysis.manuscript import parts
    meta = {"LOW": {"standing": "low", "copy": "own"}, "AGG": {"standing": "", "copy": "aggregator"},
            "OK": {"standing": "", "copy": "own"}}
    assert A.weak_marks(meta) == {"LOW": "low", "AGG": "copy"}
    assert [parts.weak(meta[k]) for k in ("LOW", "AGG", "OK")] == [True, True, False]
    nums = {"k.a": n(10.0, sources=("LOW",)), "k.b": n(10.0, sources=("AGG",)), "k.c": n(10.0, sources=("OK",))}
    rows = [row("X-1", "k.a", "10,0", 10.0), row("X-2", "k.b", "10,0", 10.0), row("X-3", "k.c", "10,0", 10.0)]
    auth = {"LOW": "secondary", "AGG": "secondary", "OK": "secondary"}
    table, _ = A.audit(pd.DataFrame(rows), {"numbers": nums, "gaps": {}, "candidates": {}}, None, auth,
                       A.weak_marks(meta))
    t = table.set_index("id")
    assert "the references mark weak: its figures are of low standing" in t.at["X-1", "reason"]
    assert "citing an official source" not in t.at["X-1", "reason"]
    assert "the references mark weak: the copy read is an aggregator's repost" in t.at["X-2", "reason"]
    assert "nguồn yếu" in t.at["X-1", "reason_vi"] and "dẫn nguồn chính thức" not in t.at["X-1", "reason_vi"]
    # a source not marked weak keeps its authority's words; the column is unchanged either way
    assert "whose authority is secondary" in t.at["X-3", "reason"] and "weak" not in t.at["X-3", "reason"]
    assert t["authority"].tolist() == ["secondary"] * 3


def test_verdict_alt_names_the_reading_that_changes_the_verdict(monkeypatch):
    monkeypatch.setattr(A, "RELEASES", ("r2", "r1"))
    nums = arms_registry()
    nums["arms.r1.russia.2015"] = n(735, "TIV mn", 0, 0.5)
    rows = [row("A-1", "arms.{release}.total.2015", "855 triệu USD", 855, 0, unit="TIV mn", result="arms"),
            row("A-2", "arms.{release}.total.2020", "41 triệu USD", 41, 0, unit="TIV mn", result="arms")]
    t, frag = run(rows, nums)
    # A-1 matches r1's 855; r2 gives 869 (a discrepancy): the other release is the first alternative that flips it
    assert t.at["A-1", "verdict"] == "match" and t.at["A-1", "verdict_alt"] == "discrepancy"
    assert t.at["A-1", "alt_keys"] == "arms.r2.total.2015"
    # A-2 is a discrepancy in r1 (32) and a match in r2 (41)
    assert t.at["A-2", "verdict_alt"] == "match" and t.at["A-2", "alt_keys"] == "arms.r2.total.2020"
    assert frag.numbers["audit.count.verdict_alt"]["value"] == 2
    # an arms figure that another source of the same figure reproduces (a published statement of a share)
    nums = arms_registry()
    nums["arms.r1.russia_share.2020"] = n(76.0, "%", 0, 0.05)
    nums["arms.stated.2020"] = n(60.0, "%", 0, 0.5)
    cands = {"arms.*.russia_share.2020": [{"key": "arms.stated.2020", "kind": "other_source_or_reporter",
                                           "what": {"src": "arms", "release": "r1", "series": "russia_share",
                                                    "year": 2020}}]}
    t, _ = run([row("A-3", "arms.{release}.russia_share.2020", "khoảng 60%", 60, 0, "approx", "%", "arms"),
                row("A-1", "arms.{release}.total.2015", "855 triệu USD", 855, 0, unit="TIV mn", result="arms")],
               nums, candidates=cands)
    assert t.at["A-3", "verdict"] == "discrepancy" and t.at["A-3", "verdict_alt"] == "match"
    assert t.at["A-3", "alt_keys"] == "arms.stated.2020"
    # an alternative that passes as the row passes changes nothing: no verdict_alt
    cands = {"k.a_2024": [{"key": "alt.b", "kind": "other_source_or_reporter", "what": trade_alt()},
                          {"key": "alt.9m", "kind": "other_period_or_base", "what": trade_alt(period="9M")}]}
    t, _ = run([row("X-1", "k.a_2024", "10,0", 10.0)], {"k.a_2024": n(10.0), "alt.b": n(10.04), "alt.9m": n(7.0)},
               candidates=cands)
    assert t.at["X-1", "verdict_alt"] == "" and t.at["X-1", "alt_keys"] == ""    # nine months is another quantity
    # the same figure from another source that fails where the row passes is its alternative
    t, _ = run([row("X-1", "k.a_2024", "10,0", 10.0)], {"k.a_2024": n(10.0), "alt.b": n(11.0), "alt.9m": n(10.0)},
               candidates=cands)
    assert t.at["X-1", "verdict_alt"] == "discrepancy" and t.at["X-1", "alt_keys"] == "alt.b"


def test_bounds_in_the_audit_pass_on_the_bound_and_report_it():
    t, _ = run([row("X-1", "k.a", "trên 132 tỷ USD", 132, 0, "above"), row("X-2", "k.b", "hơn 80%", 80, 0, "above", "%"),
                row("X-3", "k.c", "vượt ngưỡng 1 tỷ USD", 1, 0, "above", "TIV bn")],
               {"k.a": n(134.0, decimals=0, uncertainty=1.0), "k.b": n(92.0, "%", 1, 0.1),
                "k.c": n(0.974, "TIV bn", 3, 0.0005)})
    # a bound met is its own verdict: nothing was rounded (134 and 92 are simply above 132 and 80)
    assert t.at["X-1", "verdict"] == "within_bound" and t.at["X-1", "reason"].endswith("above the stated bound.")
    assert t.at["X-2", "verdict"] == "within_bound" and not bool(t.at["X-2", "coarse"])
    assert pd.isna(t.at["X-2", "accepted_hi"]) and t.at["X-2", "accepted_lo"] == pytest.approx(79.9)
    assert t.at["X-3", "verdict"] == "discrepancy" and t.at["X-3", "rule"] == "not above the stated bound"


@pytest.fixture(scope="module")
def fresh_audit(built):
    """The audit of a fresh build in a temporary copy (never a stale local one): the suite's shared build."""
    return pd.read_csv(built / "data/derived/audit.csv", keep_default_na=False, dtype={"section": str})


def test_every_rounding_reason_is_literally_true_of_its_numbers(fresh_audit):
    """'equal after rounding to the printed precision' only where the recomputed value, rounded half away from
    zero to one unit of the printed precision, is the printed value; 'within the rounding of the source
    figures' only where it is not, yet lies within half a unit plus its uncertainty; a bound only where the
    recomputed value lies on the stated side."""
    from analysis.audit.verdict import precision
    checked = 0
    for _, r in fresh_audit.iterrows():
        if r["recomputed_value"] == "":
            continue
        p, x, e = float(r["printed_value"]), float(r["recomputed_value"]), float(r["uncertainty"])
        u = precision(p, int(r["printed_decimals"]), r["qualifier"], r["unit"])
        rounded = math.floor(abs(x) / u + 0.5 + 1e-9) * u * (1 if x >= 0 else -1)
        rule = r["rule"].split(",")[0]
        if rule == "equal after rounding to the printed precision":
            assert abs(rounded - p) < 1e-6 * max(1, abs(p)), r["id"]
            checked += 1
        elif rule == "equal within the rounding of the source figures":
            assert abs(rounded - p) > 1e-6 * max(1, abs(p)) and abs(p - x) < u / 2 + e, r["id"]
            checked += 1
        elif rule == "above the stated bound":
            assert r["qualifier"] == "above" and x > p, r["id"]
        elif rule == "below the stated bound":
            assert r["qualifier"] == "below" and x < p, r["id"]
        elif rule == "equal":
            assert abs(x - p) < 1e-6 * max(1, abs(p)), r["id"]
        if "equal after rounding to the printed precision" in r["reason"]:
            assert rule == "equal after rounding to the printed precision", r["id"]
    assert checked >= 5
    # the new columns hold their vocabularies only
    from analysis.audit.verdict import AUTHORITIES, BASES, GAPS
    assert set(fresh_audit["basis"]) <= set(BASES) | {""} and set(fresh_audit["gap"]) <= set(GAPS) | {""}
    assert set(fresh_audit["authority"]) <= set(AUTHORITIES) | {""}
    nv = fresh_audit["verdict"] == "not_verifiable"
    assert (fresh_audit.loc[nv, "gap"] != "").all() and (fresh_audit.loc[~nv, "gap"] == "").all()


def test_a_rate_differs_in_percentage_points_never_relatively():
    # printed +40.9% against +0.49%: 40.9 − 0.49 = 40.41 pp; a relative difference (+8,247%) would say nothing usable
    t, frag = run([row("X-1", "k.a", "↑40,9%", 40.9, 1, "none", "% change")], {"k.a": n(0.49, "% change", 2, 0.005)})
    assert t.at["X-1", "verdict"] == "discrepancy" and "+40.4 pp" in t.at["X-1", "reason"]
    assert "audit.reldiff.X-1" not in frag.numbers and "(+" not in t.at["X-1", "reason"].split("pp")[1][:3]


def test_the_closest_figure_is_one_of_the_same_year_never_another_years():
    yr = lambda y, period="FY": {"src": "trade", "flow": "turnover", "year": y, "period": period, "how": "stated",
                                 "reporter": "Vietnam"}
    cands = {"trade.turnover_2024.x": [{"key": "alt.2023", "kind": "other_period_or_base", "what": yr(2023)},
                                       {"key": "alt.10m", "kind": "other_period_or_base", "what": yr(2024, "10M")},
                                       {"key": "alt.2024", "kind": "other_source_or_reporter", "what": yr(2024)}]}
    nums = {"trade.turnover_2024.x": n(81.5), "alt.2023": n(79.43, decimals=2), "alt.10m": n(79.0),
            "alt.2024": n(86.7)}
    # printed 79.7: 2023's 79.43 (0.27 away) and Jan-Oct's 79.0 are nearer than 2024's 86.7, but not the same quantity
    t, _ = run([row("T1-03", "trade.turnover_2024.x", "~79,7", 79.7, 1, "approx")], nums, candidates=cands)
    assert "alt.2024" in t.at["T1-03", "cited_keys"] and "alt.2023" not in t.at["T1-03", "cited_keys"]
    # with no figure of the same year, none is offered as the closest
    cands["trade.turnover_2024.x"] = cands["trade.turnover_2024.x"][:2]
    t, _ = run([row("T1-03", "trade.turnover_2024.x", "~79,7", 79.7, 1, "approx")], nums, candidates=cands)
    assert "closest" not in t.at["T1-03", "reason"] and "same year" in t.at["T1-03", "reason"]


def test_a_tie_between_causes_is_said():
    what = {"src": "trade", "flow": "turnover", "year": 2024, "period": "FY", "how": "stated", "reporter": "Vietnam"}
    cands = {"k.a": [{"key": "alt.a", "kind": "other_source_or_reporter", "what": what},
                     {"key": "alt.b", "kind": "other_period_or_base", "what": {**what, "how": "sum"}}]}
    # both alternatives are 23.7 exactly: the first kind in KIND_ORDER is named, and the other is said as well
    t, _ = run([row("X-1", "k.a", "23,7", 23.7)], {"k.a": n(10.5), "alt.a": n(23.7), "alt.b": n(23.7)}, candidates=cands)
    assert t.at["X-1", "cause"] == "other_period_or_base" and "as well" in t.at["X-1", "reason"]
    assert "alt.a" in t.at["X-1", "cited_keys"]


def test_a_verdict_resting_on_independent_sources_alone_has_that_basis():
    # the change recomputed from the article's total and a source's 2024 total (mixed) is +0.49%; three sources state
    # +0.5% directly, and +40.9% differs from each by more than rounding: the verdict rests on them (independent)
    cands = {"k.a": [{"key": f"alt.s{i}", "kind": "other_source_or_reporter",
                      "what": {"src": "fdi", "what": "period_value", "period": "2025-12M"}} for i in (1, 2, 4)]}
    nums = {"k.a": n(0.49, "% change", 2, 0.005, basis="mixed")} | {f"alt.s{i}": n(0.5, "% change", 1, 0.05,
                                                                            sources=(f"S0{i}",)) for i in (1, 2, 4)}
    t, _ = run([row("T2-34", "k.a", "↑40,9%", 40.9, 1, "none", "% change", "table2")], nums, candidates=cands)
    assert t.at["T2-34", "basis"] == "independent" and "[S01]" in t.at["T2-34", "reason"]
    # the reason leads with what the verdict rests on (issue 22, F14): the independent figures first, the mixed
    # recomputation after
    assert t.at["T2-34", "reason"].startswith("Independent sources state the figure directly")
    assert t.at["T2-34", "reason_vi"].startswith("Các nguồn độc lập nêu trực tiếp con số này")
    # one source that would pass it: the verdict does not rest on them alone, the basis stays mixed
    nums["alt.s4"] = n(40.9, "% change", 1, 0.05)
    t, _ = run([row("T2-34", "k.a", "↑40,9%", 40.9, 1, "none", "% change", "table2")], nums, candidates=cands)
    assert t.at["T2-34", "basis"] == "mixed"


def test_a_source_whose_hedged_total_fits_its_parts_does_not_disagree_with_itself():
    # 'hơn 132' (132, 133] and 'gần 119' + 15 = 132.5 to 134.5 share 132.5 to 133 (worked out in test_verdict.py)
    what = {"src": "trade", "flow": "turnover", "year": 2024, "period": "FY", "reporter": "Vietnam"}
    cands = {"k.a": [{"key": "alt.stated", "kind": "other_period_or_base", "what": {**what, "how": "stated"}},
                     {"key": "alt.sum", "kind": "other_period_or_base", "what": {**what, "how": "sum"}}]}
    hedged = lambda figs: {"stated": {"sum": figs}}
    nums = {"k.a": {**n(134.0, decimals=0, uncertainty=1.0), **hedged([[1, 119, 0, "nearly"], [1, 15, 0, "exact"]])},
            "alt.sum": {**n(134.0, decimals=0, uncertainty=1.0), **hedged([[1, 119, 0, "nearly"], [1, 15, 0, "exact"]])},
            "alt.stated": {**n(132.0, decimals=0, uncertainty=0.5), **hedged([[1, 132, 0, "more_than"]])}}
    t, _ = run([row("X-08", "k.a", "khoảng 132", 132.0, 0, "approx")], nums, candidates=cands)
    assert t.at["X-08", "cause"] != "source_inconsistent" and "disagrees" not in t.at["X-08", "reason"]
    assert "132.0 bn USD to 133.0 bn USD" in t.at["X-08", "reason"]  # the range 'more than 132' states
    # the printed figure is the same source's stated total (both sources S1, same year, period and reporter), while
    # the recomputation takes the sum of its parts: a cause of its own, said as such, with its own request
    assert t.at["X-08", "cause"] == t.at["X-08", "category"] == "stated_total_not_parts"
    assert "the source's own stated total, turnover 2024 (full year) as stated = 132 bn USD [S1], not the sum of its " \
           "parts that the recomputation takes, exports + imports 2024 (full year) = 134 bn USD [S1]" \
        in t.at["X-08", "reason"]
    assert "period or base" not in t.at["X-08", "reason"] and "tổng số do chính nguồn nêu" in t.at["X-08", "reason_vi"]
    # 'khoảng 132' covers [131.5, 132.5); 'gần 119' + 15 allows [118, 119) + 15 ± 0.5, lowest 132.5: the two touch
    assert "only touch" in t.at["X-08", "reason"] and "just below 132.5 bn USD" in t.at["X-08", "reason"]
    assert "to 133 bn USD" in t.at["X-08", "reason"] and "chỉ chạm nhau" in t.at["X-08", "reason_vi"]
    # the same total from another source is no longer the same source's other figure: the candidate's own kind
    other = {**nums, "alt.stated": {**nums["alt.stated"], "sources": ["S2"]}}
    t2, _ = run([row("X-08", "k.a", "khoảng 132", 132.0, 0, "approx")], other, candidates=cands)
    assert t2.at["X-08", "cause"] == "other_period_or_base"
    # the same figures entered as exact: 132 ± 0.5 against 134 ± 1 share no value, the source disagrees with itself
    for k in nums:
        nums[k].pop("stated")
    t, _ = run([row("X-08", "k.a", "khoảng 132", 132.0, 0, "approx")], nums, candidates=cands)
    assert t.at["X-08", "cause"] == "source_inconsistent"


def test_a_choice_between_allowed_figures_that_changes_the_verdict_is_said_in_the_reason():
    # printed 'khoảng 4,59' (window ±0.005 + source rounding 0.05 around 4.6 passes); another source of the same
    # year states 4.57 (± 0.005): |4.59 − 4.57| = 0.02 > 0.005 + 0.005, so judged against it the verdict fails
    what = {"src": "trade", "flow": "turnover", "year": 2024, "period": "FY", "how": "stated", "reporter": "Vietnam"}
    cands = {"trade.turnover_2024.russia": [{"key": "alt.sgt", "kind": "other_source_or_reporter", "what": what}]}
    t, _ = run([row("X-01", "trade.turnover_2024.russia", "khoảng 4,59", 4.59, 2, "approx")],
               {"trade.turnover_2024.russia": n(4.6), "alt.sgt": n(4.57, decimals=2, uncertainty=0.005,
                                                                       sources=("SGT",))}, candidates=cands)
    assert t.at["X-01", "verdict"] == "rounding" and t.at["X-01", "verdict_alt"] == "discrepancy"
    assert "Judged instead against 4.57 bn USD [SGT]" in t.at["X-01", "reason"] and "changes the finding" in \
        t.at["X-01", "reason"]


def test_a_difference_of_two_hedged_figures_is_not_an_error_of_arithmetic():
    # the source states turnover 'hơn 132' (132, 133], exports 'gần 119' [118, 119) and imports 15 (± 0.5).  The
    # printed 'khoảng 13' is 132 − 119, correct arithmetic; the words allow that difference 132 − 119 = 13 up to
    # 133 − 118 = 15.  The recomputation takes the stated imports, 15: 13's window [12.5, 13.5) misses 14.5 to 15.5
    what = {"src": "trade", "flow": "imports", "year": 2024, "period": "FY", "reporter": "Vietnam"}
    cands = {"k.imp": [{"key": "alt.diff", "kind": "arithmetic", "what": {**what, "how": "diff"}},
                       {"key": "alt.stated", "kind": "other_period_or_base", "what": {**what, "how": "stated"}}]}
    nums = {"k.imp": n(15.0, decimals=0, uncertainty=0.5),
            "alt.stated": n(15.0, decimals=0, uncertainty=0.5),
            "alt.diff": {**n(13.0, decimals=0, uncertainty=0.0),
                         "stated": {"sum": [[1, 132, 0, "more_than"], [-1, 119, 0, "nearly"]]}}}
    t, _ = run([row("X-10", "k.imp", "khoảng 13", 13.0, 0, "approx")], nums, candidates=cands)
    assert t.at["X-10", "verdict"] == "discrepancy"
    assert t.at["X-10", "cause"] == t.at["X-10", "category"] == "hedged_difference"
    assert "correct as arithmetic" in t.at["X-10", "reason"] and "imports 2024 (full year) as stated = 15 bn USD [S1]" \
        in t.at["X-10", "reason"]
    assert "allow the difference any value from 13.0 bn USD to 15.0 bn USD" in t.at["X-10", "reason"]
    assert "lỗi tính toán" not in t.at["X-10", "reason_vi"] and "phép trừ đúng" in t.at["X-10", "reason_vi"]
    # the same difference from another source's figures is not the same source's other figure: the candidate's kind
    nums["alt.diff"]["sources"] = ["S2"]
    t, _ = run([row("X-10", "k.imp", "khoảng 13", 13.0, 0, "approx")], nums, candidates=cands)
    assert t.at["X-10", "cause"] == "arithmetic"
    # and of exact figures (13 ± 1 against 15 ± 0.5, no value shared): the source disagrees with itself
    nums["alt.diff"] = n(13.0, decimals=0, uncertainty=1.0)
    t, _ = run([row("X-10", "k.imp", "khoảng 13", 13.0, 0, "approx")], nums, candidates=cands)
    assert t.at["X-10", "cause"] == "source_inconsistent"


def test_the_closest_figure_is_named_as_the_closest_other_one_of_the_same_year_and_period():
    # printed 79.7 against the recomputed 81.5; the one other 2024 full-year figure is 86.7: it is the closest *other*
    # figure (the recomputed 81.5 is nearer), and the sentence says for which year and period it was looked for
    yr = {"src": "trade", "flow": "turnover", "year": 2024, "period": "FY", "how": "stated", "reporter": "Vietnam"}
    cands = {"trade.turnover_2024.x": [{"key": "alt.2024", "kind": "other_source_or_reporter", "what": yr}]}
    t, _ = run([row("T1-03", "trade.turnover_2024.x", "~79,7", 79.7, 1, "approx")],
               {"trade.turnover_2024.x": n(81.5), "alt.2024": n(86.7)}, candidates=cands)
    assert "the closest other figure for the same year and period is turnover 2024 (full year)" in \
        t.at["T1-03", "reason"]
    assert "số liệu khác gần nhất cho cùng năm và cùng kỳ" in t.at["T1-03", "reason_vi"]
    assert "the closest is" not in t.at["T1-03", "reason"]


def test_truncation_is_shown_on_the_value_it_reads():
    # 3.1296 (two decimals in the registry: shown 3.13) against the printed 3,12: 3.12 <= 3.1296 < 3.13 truncates;
    # 3.13 and 3.130 would not, 3.1296 does: four decimals
    t, frag = run([row("X-27", "k.a", "3,12", 3.12, 2)], {"k.a": n(3.1296, decimals=2, uncertainty=5e-05,
                                                                   basis="internal", sources=())})
    assert t.at["X-27", "rule"].startswith("equal after truncation")
    assert "as 3.1296 bn USD (shown rounded as 3.13 bn USD); equal after truncation" in t.at["X-27", "reason"]
    assert frag.numbers["audit.unrounded.X-27"]["decimals"] == 4
    # rounding up to the printed 10,0 (u = 0.1) accepts 9.9 < r <= 10.0.  9.94 shown at its two decimals reads as it
    # is: no extra value.  9.93 shown at one decimal is 9.9, which it does not accept: shown at two, 9.93
    t, frag = run([row("X-1", "k.a", "10,0", 10.0)], {"k.a": n(9.94, decimals=2, uncertainty=0.0)})
    assert t.at["X-1", "rule"] == "equal after rounding up to the printed precision"
    assert "audit.unrounded.X-1" not in frag.numbers and "shown rounded" not in t.at["X-1", "reason"]
    t, frag = run([row("X-1", "k.a", "10,0", 10.0)], {"k.a": n(9.93, decimals=1, uncertainty=0.0)})
    assert t.at["X-1", "rule"] == "equal after rounding up to the printed precision"
    assert "Recomputed from data independent of the article: 9.93 bn USD (shown rounded as 9.9 bn USD [S1]); equal " \
           "after rounding up" in t.at["X-1", "reason"]


def test_touching_ranges_do_not_agree_and_the_tie_is_found():
    from analysis.audit.verdict import touching_edge, verdict
    # 'khoảng 132' (u = 1): [131.5, 132.5); stated 133 to 134 with 0.5 of rounding: lowest 132.5 = the edge
    assert verdict(132, 0, "approx", "USD bn", 134, 0.5, "independent", (133, 134))[0] == "discrepancy"
    assert touching_edge(132, 0, "approx", "USD bn", 134, 0.5, (133, 134)) == 132.5
    # 0.01 more of rounding and the ranges overlap: a pass, no tie
    assert verdict(132, 0, "approx", "USD bn", 134, 0.51, "independent", (133, 134))[0] == "rounding"
    assert touching_edge(132, 0, "approx", "USD bn", 134, 0.51, (133, 134)) is None
    # '~132,4' (u = 0.1): [132.35, 132.45), 0.05 short of 132.5: a gap, not a tie
    assert touching_edge(132.4, 1, "approx", "USD bn", 134, 0.5, (133, 134)) is None


def russia_split(exports_printed=("khoảng 2,34 tỷ USD", 2.34, "approx")):
    """The article's Russia passage (issue 22): the 2024 turnover printed twice (§1, §3.1), exports and imports that no
    source in the data gives, and the first half's turnover the data do hold."""
    why = lambda flow, d: [R.clause("g_no_flow", flow=R.word(f"flow.{flow}"), dir=R.word(f"flow.dir.{flow}"),
                                    partner=R.partner("Russia")),
                           R.clause("half_year_turnover", value=R.key("trade.turnover_h1_2024.russia", src=True))]
    gaps = {f"trade.{f}_2024.russia": {"sources": [], "reason": "…", "why": why(f, None)} for f in ("exports", "imports")}
    numbers = {"trade.turnover_2024.russia": n(4.6),
               "trade.turnover_h1_2024.russia": n(2.34, decimals=2, uncertainty=0.0, sources=("NHANDAN",))}
    ep, ev, eq = exports_printed
    rows = [row("T1-6", "trade.turnover_2024.russia", "~4,6 tỷ USD", 4.6, 1, "approx", result="table1", section="3.3"),
            row("X-1", "trade.turnover_2024.russia", "khoảng 4,59 tỷ USD", 4.59, 2, "approx", section="1"),
            row("X-4", "trade.turnover_2024.russia", "khoảng 4,59 tỷ USD", 4.59, 2, "approx"),
            row("X-6", "trade.exports_2024.russia", ep, ev, 2, eq),
            row("X-7", "trade.imports_2024.russia", "2,25 tỷ USD", 2.25, 2)]
    return rows, numbers, gaps


def test_imports_no_source_gives_are_checked_against_the_articles_own_turnover_minus_its_exports():
    """2.25 = 4.59 − 2.34, the article's own printed turnover (X-4, in the same section, §3.1; Table 1 prints it as
    4.6 in §3.3, X-1 as 4.59 in §1) minus its
    printed exports (X-6): consistent, on the article alone, never reproduced; each part rounds by half a unit in its
    last printed digit, 0.005 + 0.005 = 0.01."""
    rows, numbers, gaps = russia_split()
    t, frag = run(rows, numbers, gaps)
    x = t.loc["X-7"]
    assert (x["verdict"], x["basis"], x["cause"], x["gap"]) == ("consistent", "article_only", "self_consistent", "")
    assert x["recomputed_value"] == pytest.approx(2.25) and x["uncertainty"] == pytest.approx(0.01)
    assert frag.numbers[x["key"]]["basis"] == "internal"
    assert x["reason"] == (
        "Consistent with the article's own figures, not independently verified: recomputed from the article's own "
        "figures as 2.25 bn USD; equal. That figure is the article's turnover as printed at X-4 (khoảng 4,59 tỷ USD) "
        "minus its exports as printed at X-6 (khoảng 2,34 tỷ USD). No independent check is possible: no source in "
        "the data gives Vietnam's imports from Russia for the year; the data hold the turnover of the year's first "
        "half, 2.34 bn USD [NHANDAN], not its split into exports and imports.")
    assert x["reason_vi"].startswith("Nhất quán với chính các số liệu của bài báo") and \
        "kim ngạch của bài báo in ở X-4 (khoảng 4,59 tỷ USD) trừ đi xuất khẩu của bài báo in ở X-6" in x["reason_vi"]
    # the exports stay not verifiable: the data give no full-year split; its printed figure equals the first half's
    # turnover the data hold, which is said as a fact, with no cause
    e = t.loc["X-6"]
    assert (e["verdict"], e["gap"]) == ("not_verifiable", "no_source_found")
    assert e["reason"] == (
        "Not independently verifiable: no source in the data gives Vietnam's exports to Russia for the year; the data "
        "hold the turnover of the year's first half, 2.34 bn USD [NHANDAN], not its split into exports and imports. "
        "The printed figure equals 2.34 bn USD [NHANDAN], cited above.")
    assert e["reason_vi"].endswith("Con số in ra bằng 2,34 tỷ USD [NHANDAN], số liệu đã nêu ở trên.")


def test_no_own_difference_without_a_printed_part_and_no_equality_said_when_there_is_none():
    # exports printed as a bound ('more than 2.3') give no difference: the imports stay not verifiable, and 2.3 is
    # not equal to the first half's 2.34, so nothing is said of it
    rows, numbers, gaps = russia_split(("hơn 2,3 tỷ USD", 2.3, "above"))
    t, _ = run(rows, numbers, gaps)
    assert t.at["X-7", "verdict"] == "not_verifiable" and t.at["X-7", "key"] == "trade.imports_2024.russia"
    assert "equals" not in t.at["X-6", "reason"] and "equals" not in t.at["X-7", "reason"]


def test_a_tied_year_reproduces_the_printed_year_only_if_it_is_one_of_the_tied(monkeypatch):
    """Years tied for a period's low: a reading reproduces the printed year when it is one of them (never by
    taking the first silently), and the reason says it is a tie; a year outside the tie stays a discrepancy."""
    monkeypatch.setattr(A, "RELEASES", ("r1",))
    nums = {"arms.r1.coverage.last_year": n(2010, "year", 0)}
    nums["arms.r1.p2001_2010.min_year"] = n(2007, "year", 0, 0)
    nums["arms.r1.russia_p2001_2010.min_year"] = n(2003, "year", 0, 0)
    for y in (2003, 2007):
        nums[f"arms.r1.russia_p2001_2010.min_year.tie.{y}"] = n(y, "year", 0, 0)
    rows = [row("A-1", "arms.{release}.p2001_2010.min_year", "2007", 2007, 0, unit="year", result="arms"),
            row("A-2", "arms.{release}.p2001_2010.min_year", "2005", 2005, 0, unit="year", result="arms")]
    t, _ = run(rows, nums)
    assert t.at["A-1", "reading"] == "both" and t.at["A-1", "verdict_russia_used"] == "match"
    assert "2003; 2007" in t.at["A-1", "reason"] and "tie" in t.at["A-1", "reason"]
    assert "Russia alone (2007)" in t.at["A-1", "reason"]
    assert t.at["A-2", "reading"] == "neither" and t.at["A-2", "verdict_russia_used"] == "discrepancy"
    assert "2003; 2007" in t.at["A-2", "reason"]


def test_a_reading_note_on_a_registry_number_is_said_in_every_reason_judged_against_it():
    """X-11 (rank 8) and X-12 (rank 4) come from one clause ending 'của Hoa Kỳ tại khu vực ASEAN': X-12's reason says
    'in ASEAN' makes its rank ambiguous, so X-11's must say which reading it judges (issue 22, F15)."""
    nums = {"k.rank": {**n(8, "rank", 0, 0), "note": [R.clause("note_rank_all_partners")]}}
    t, _ = run([row("X-1", "k.rank", "thứ 8", 8, 0, unit="rank")], nums)
    assert t.at["X-1", "verdict"] == "match"
    assert "all the US's trading partners" in t.at["X-1", "reason"] and "ASEAN" in t.at["X-1", "reason"]
    assert "ASEAN" in t.at["X-1", "reason_vi"]
