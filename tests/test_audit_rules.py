"""The audit's rules on hand-made registries (not the real data): verdicts, cause codes, cited keys,
the likeliest-cause search, the SIPRI release rule and the two readings of the arms figures."""
import json

import pandas as pd
import pytest

from analysis import audit as A
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
    assert t.at["X-1", "reason"] == "Recomputed: 10.0 bn USD [S1]; equal."


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
