"""The replication report (analysis/audit/report.py) on constructed audits, worked out by hand: the classes by their
thresholds, counting on independent evidence only, the gaps, the sensitivity, the summary's words."""
import inspect
import platform
import re

import pytest

from analysis import reasons as R
from analysis.audit import report
from analysis.registry import Fragment


def row(rid, verdict, basis="independent", result="table1", **kw):
    category = {"match": "reproduced", "rounding": "reproduced", "consistent": "self_consistent",
                "not_verifiable": "not_verifiable"}.get(verdict, "unexplained")
    return {"id": rid, "result": result, "item": f"item {rid}", "verdict": verdict, "basis": basis,
            "category": kw.pop("category", category), "coarse": "False", **kw}


@pytest.mark.parametrize("share,cls", [(1.0, "fully reproduced"), (0.75, "largely reproduced"),
                                       (0.7499, "partially reproduced"), (0.25, "partially reproduced"),
                                       (0.2499, "not reproduced"), (None, "not verifiable")])
def test_classes_by_stated_thresholds(share, cls):
    assert report.classify(share) == cls


def test_a_claim_undecided_for_incomplete_data_is_counted_under_that_gap_not_as_no_source():
    """Sources found but a year or partner missing (issue 22): its own gap, with words in both languages."""
    claims = [{"id": "C1", "verdict": "not decided", "gap": "incomplete_data"},
              {"id": "C2", "verdict": "not decided", "gap": "no_source_found"}, {"id": "C3", "verdict": "holds"}]
    c = report.tally([row("a", "match")], claims)["claims"]
    assert c["not_decided"] == 2 and c["gap"]["incomplete_data"] == 1 and c["gap"]["no_source_found"] == 1
    assert "sources were found" in report.gap_words("incomplete_data", "en")
    assert "đã tìm thấy nguồn" in report.gap_words("incomplete_data", "vi")


def test_a_claim_repeating_another_is_counted_once_apart_from_those_judged_as_printed_numbers():
    claims = [{"id": "C1", "verdict": "holds"}, {"id": "C2", "verdict": "holds", "judged_as": "C1"},
              {"id": "C3", "verdict": "holds", "judged_as": "X-1"}, {"id": "C4", "verdict": "does not hold"}]
    c = report.tally([row("a", "match")], claims)["claims"]
    # C2 repeats C1, C3 is printed number X-1: the tally holds C1 and C4 only, 1 of 2 hold
    assert (c["n"], c["repeats"], c["judged_as"], c["holds"], c["does_not_hold"]) == (2, 1, 1, 1, 1)


def test_only_independent_checks_count_mixed_and_article_only_apart_gaps_by_why():
    audit = [row("a", "match"), row("b", "rounding", coarse="True"), row("c", "discrepancy"),
             row("d", "match", "mixed"), row("e", "discrepancy", "mixed"),
             row("f", "consistent", "internal", coarse="True"),         # the audit's former word for article_only
             row("g", "not_verifiable", "none", gap="source_not_consulted"),
             row("h", "not_verifiable", "", gap="no_source_found"),
             row("i", "not_verifiable", "none")]                          # no gap recorded: never guessed
    claims = [{"id": "C1", "verdict": "holds"}, {"id": "C2", "verdict": "partly holds"},
              {"id": "C3", "verdict": "does not hold"}, {"id": "C4", "verdict": "not decided", "gap": "no_source_found"},
              {"id": "C5", "verdict": "not verifiable"}]                  # the former word: now 'not decided'
    t = report.tally(audit, claims)
    t1 = t["table1"]
    # independent: a, b reproduced, c not: 2 of 3 = 67%; but only 3 of the 9 audited are checkable (33%, under
    # the 50% coverage a class needs), so the table is not classed
    assert (t1["checkable"], t1["reproduced"], t1["discrepancy"]) == (3, 2, 1)
    assert t1["share"] == pytest.approx(2 / 3) and t1["class"] == "not verifiable"
    assert (t1["mixed"], t1["mixed_agree"], t1["mixed_differ"], t1["article_only"]) == (2, 1, 1, 1)
    assert t1["discrepancy_all"] == 2 and t1["by_category"]["unexplained"] == 2
    assert t1["not_verifiable"] == 3
    assert t1["gap"] == {"source_not_consulted": 1, "no_source_found": 1, "not_measurable": 0, "incomplete_data": 0,
                         "unrecorded": 1}
    assert t1["coarse"] == 2                                             # b and f: passing checks flagged coarse
    c = t["claims"]
    assert (c["reproduced"], c["checkable"], c["not_decided"]) == (1.5, 3, 2)
    assert c["gap"] == {"source_not_consulted": 0, "no_source_found": 1, "not_measurable": 0, "incomplete_data": 0,
                        "unrecorded": 1}
    # printed numbers and claims are never pooled: no overall share or class (2 + 1.5 of 3 + 3 would be a
    # percentage of two kinds of thing)
    assert "overall" not in t
    assert t["claims"]["class"] == "partially reproduced"                # 3 of 5 decided (60%): 1.5 / 3 = 50%
    assert t["numbers"]["gap"]["unrecorded"] == 1 and t["table2"]["class"] == "not verifiable"


def test_a_table_passing_only_on_the_articles_own_values_is_not_classified_reproduced():
    """Table 2 today: changes and ranks computed from the article's own values pass, its partner values cannot
    be checked: nothing independent is left, so it cannot be 'largely reproduced'."""
    audit = [row(f"m{i}", "match", "mixed", "table2") for i in range(5)] + \
            [row("r", "rounding", "mixed", "table2"), row("k", "consistent", "article_only", "table2")] + \
            [row(f"n{i}", "not_verifiable", "none", "table2", gap="source_not_consulted") for i in range(10)]
    t = report.tally(audit, [])["table2"]
    assert (t["checkable"], t["reproduced"], t["class"]) == (0, 0, "not verifiable")
    assert (t["mixed_agree"], t["article_only"], t["gap"]["source_not_consulted"]) == (6, 1, 10)


@pytest.mark.parametrize("share,coverage,cls", [(1.0, 0.5, "fully reproduced"),     # exactly half checked: classed
                                                  (1.0, 0.49, "not verifiable"),      # under half: not classed
                                                  (0.8, 1.0, "largely reproduced"), (0.8, None, "largely reproduced")])
def test_a_result_mostly_unchecked_is_not_classed(share, coverage, cls):
    assert report.classify(share, coverage) == cls


def test_one_independent_item_of_many_does_not_class_a_table():
    """Table 2 today: one partner value of 34 items checked independently, and it matches; the other items are
    checked on the article's own figures or not at all.  100% of 1 item must not read 'fully reproduced'."""
    audit = [row("one", "match", "independent", "table2")] + \
            [row(f"m{i}", "match", "mixed", "table2") for i in range(9)] + \
            [row(f"n{i}", "not_verifiable", "", "table2", gap="source_not_consulted") for i in range(24)]
    t = report.tally(audit, [])["table2"]
    assert (t["n"], t["checkable"], t["reproduced"], t["share"]) == (34, 1, 1, 1.0)
    assert t["class"] == "not verifiable"
    assert report.margins(t["reproduced"], t["checkable"], t["n"]) == (None, None)


@pytest.mark.parametrize("reproduced,checkable,expected", [(3, 4, (1, 1)),    # 75%: 2/4 partially, 4/4 fully
                                                          (0, 2, (None, 1)),  # 0%: nothing lower; 1/2 partially
                                                          (4, 4, (1, None)),  # 100%: 3/4 largely; nothing higher
                                                          (11, 15, (8, 1))])  # 73%: 3/15 = 20% is below 25%
def test_margins_count_the_items_to_the_next_threshold(reproduced, checkable, expected):
    assert report.margins(reproduced, checkable) == expected


def test_margins_count_claims_not_half_points():
    """The claims today: 27 hold, 4 partly hold (a half each), 4 do not hold: 29 of 35 = 82.9%, largely (>= 75%).
    Down: 0.75 x 35 = 26.25, so three claims that hold judged not to hold give 26/35 = 74.3%, partially (two give
    27/35 = 77.1%, still largely).  Up: fully needs 35 of 35, every one of the 8 claims not wholly holding judged
    to hold (4 x 1 + 4 x 0.5 = 6 points, but 8 claims); 7 give at most 34.5/35."""
    assert report.margins(29, 35, half=4) == (3, 8)
    # 4 claims all partly holding: 2/4 = 50%, partially; below 25% needs 3 of them judged not to hold (0.5/4 = 12.5%),
    # not 2 (1/4 = 25% is still partially); 75% needs 2 judged to hold (3/4)
    assert report.margins(2, 4, half=4) == (3, 2)


def test_sensitivity_names_the_rows_that_flip_a_class_just_under_the_line():
    # 11 of 15 independent reproduced: 73%, partially.  D1 judged 'rounding' elsewhere: 12/15 = 80%, largely.
    # D2 'not verifiable' under the other reading: 11/14 = 79%, largely.  M1 'discrepancy': 10/15, still
    # partially.  D3's alternative equals its verdict: no alternative at all.
    audit = [row(f"m{i}", "match") for i in range(10)] + [row("M1", "match", verdict_alt="discrepancy")] + \
            [row("D1", "discrepancy", verdict_alt="rounding", alt_keys="x.a;x.b"),
             row("D2", "discrepancy", verdict_alt="not_verifiable"), row("D3", "discrepancy", verdict_alt="discrepancy"),
             row("D4", "discrepancy")]
    s = report.sensitivity(audit, [])
    assert s["table1"]["class"] == "partially reproduced"
    assert [e["id"] for e in s["table1"]["alts"]] == ["M1", "D1", "D2"]
    assert [(e["id"], e["class"]) for e in s["table1"]["flips"]] == [("D1", "largely reproduced"),
                                                                     ("D2", "largely reproduced")]
    assert [e["id"] for e in s["numbers"]["flips"]] == ["D1", "D2"] and "overall" not in s
    assert s["table1"]["flips"][0]["alt_keys"] == ["x.a", "x.b"]
    # all three at once: 11 reproduced (−M1 + D1) of 14 (−D2) = 79%
    assert s["table1"]["class_all_alt"] == "largely reproduced"
    assert (s["table1"]["robustness"], s["table1"]["margin_down"], s["table1"]["margin_up"]) == ("fragile", 8, 1)
    assert s["arms"]["robustness"] == "robust" and s["arms"]["alts"] == []


def test_a_claim_judged_otherwise_flips_the_claims_and_a_not_verifiable_row_becomes_independent():
    claims = [{"id": "C1", "verdict": "holds"}, {"id": "C2", "verdict": "does not hold", "verdict_alt": "holds"}]
    audit = [row("N", "not_verifiable", "none", "arms", verdict_alt="match")]
    s = report.sensitivity(audit, claims)
    # claims 1/2 = 50% partially; C2 holding: 2/2 fully
    assert [(e["id"], e["class"]) for e in s["claims"]["flips"]] == [("C2", "fully reproduced")]
    # arms: nothing checkable (not verifiable); N matched on the other source: 1/1 fully
    assert [(e["id"], e["class"]) for e in s["arms"]["flips"]] == [("N", "fully reproduced")]
    assert "N" not in [e["id"] for e in s["claims"]["alts"]]


def test_summary_breaks_unverifiable_numbers_down_by_why_and_lists_each_discrepancy_under_its_own_cause():
    audit = [row("T1", "match"), row("T2", "discrepancy", category="unexplained"),
             row("T3", "discrepancy", category="other_source_or_reporter"),
             row("T4", "not_verifiable", "none", gap="source_not_consulted"),
             row("T5", "not_verifiable", "none", gap="not_measurable")]
    claims = [{"id": "C1", "verdict": "holds"}]
    t, s = report.tally(audit, claims), report.sensitivity(audit, claims)
    md = report.render(report.summary_lines(t, s, audit, "en"), {}, "md")
    assert ("{{<num report.numbers.gap.source_not_consulted>}} because the source behind them could not be "
            "consulted; {{<num report.numbers.gap.not_measurable>}} because the data do not measure") in md
    assert "no_source_found" not in md and "unrecorded" not in md           # only the gaps that occur
    assert "- **no cause found in the data** ({{<num report.numbers.cause.unexplained>}}): T2, item T2" in md
    assert "- **different source or reporter** ({{<num report.numbers.cause.other_source_or_reporter>}}): T3" in md
    assert "support" not in md                                                  # no blanket cause
    # the headline: each kind with what was checked independently and what was not, before what reproduced
    assert "report.overall" not in md
    head = md.index("**Printed numbers.**")
    assert head < md.index("{{<num report.numbers.checkable>}}") < md.index("{{<num report.numbers.not_verifiable>}}") \
        < md.index("{{<num report.numbers.reproduced>}}") and "**Claims in words.**" in md


def test_an_unknown_cause_category_is_shown_by_its_code_not_dropped():
    assert report.category_word("source_total_disagrees_with_parts") == "source total disagrees with parts"
    assert report.category_word("unexplained", "vi") == "dữ liệu không cho thấy nguyên nhân"


def test_requested_changes_list_each_discrepancy_and_failing_claim_with_its_evidence():
    audit = [row("T1", "match"), row("T2", "discrepancy", category="arithmetic", cited_keys="k.a;k.missing")]
    claims = [{"id": "C1", "verdict": "holds", "section": "3.1", "keys": "k.a"},
              {"id": "C2", "verdict": "does not hold", "section": "3.2", "keys": "k.b"}]
    lines = report.requests_lines(audit, claims, {"k.a": {}, "k.b": {}}, "en")
    text = [x for _, x in lines]
    assert text[2] == ("1. **T2**, item T2 (printed {printed.T2}; arithmetic): correct the arithmetic. "
                       "Evidence: k.a: {k.a}.")
    assert text[3] == "2. **C2** (§3.2, {claim.C2.verdict}): correct or qualify the statement. Evidence: k.b: {k.b}."
    # with the registry's label and sources: what the number is, its value, its sources (cited by the manuscript)
    audited = {"label": "Printed numbers audited", "label_msg": R.label("label.audit.count.all"),
               "sources": ["S1", "S2"]}
    lines = report.requests_lines(audit, [], {"k.a": audited}, "en")
    assert lines[2][1].endswith("Evidence: Printed numbers audited: {k.a} [S1, S2].")
    assert report.evidence_words(["k.a"], {"k.a": audited}, "vi") == "Số con số được in đã kiểm tra: {k.a} [S1, S2]"
    # a label written as prose (no data form) is refused, never shown as English in the Vietnamese edition
    with pytest.raises(ValueError, match="label_msg"):
        report.evidence_words(["k.a"], {"k.a": {"label": "Turnover 2024"}}, "vi")
    assert len([x for x in text if x[:1].isdigit()]) == 2


def test_the_registry_records_the_program_function_and_line_that_wrote_a_number(tmp_path):
    frag = Fragment("test", {})
    line = inspect.currentframe().f_lineno + 1
    frag.add("x.one", 1.0, "count", R.label("label.audit.count.all"), R.rule("rule.audit.rows"), [])
    assert frag.numbers["x.one"]["computed_by"] == {
        "program": "tests/test_report.py",
        "function": "test_the_registry_records_the_program_function_and_line_that_wrote_a_number", "line": line}
    assert report.where_computed(frag.numbers["x.one"]).endswith(f"line {line}")


def test_environment_is_read_from_the_machine_and_the_steps_from_the_snakefile(tmp_path):
    py = tmp_path / "pyproject.toml"
    py.write_text('[project]\nname = "x"\ndependencies = ["pandas>=2", "no-such-package-xyz==1"]\n')
    env = report.environment(py)
    assert env == report.environment(py)                                       # same machine, same facts
    assert env["python"] == platform.python_version()
    assert env["packages"]["no-such-package-xyz"] is None and "numpy" in env["packages"]
    # a package that is not installed is a fact (null), worded by each edition's catalog
    for lang, words in (("en", "not installed"), ("vi", "chưa được cài đặt")):
        shown = [text for kind, text in report.environment_lines(env, lang) if "no-such-package-xyz" in text]
        assert shown == [f"- no-such-package-xyz {words}"], (lang, shown)
    snake = ('rule a:\n    """Does A. Then more."""\n    shell:\n        step("alpha --x")\n\n\n'
             'rule b:\n    input:\n        "x"\n\n\n'
             'rule c:\n    """Does C."""\n    shell:\n        step("layer.gamma --y")\n')
    assert report.steps(snake) == [{"rule": "a", "program": "analysis/alpha.py", "doc": "Does A"},
                                   {"rule": "b", "program": "", "doc": ""},
                                   {"rule": "c", "program": "analysis/layer/gamma.py", "doc": "Does C"}]


def test_markdown_from_inputs_is_escaped():
    assert report.md_text("a|b *c* [d]") == r"a\|b \*c\* \[d\]"


def test_a_result_checked_on_few_items_says_so_and_weak_authority_is_counted():
    audit = [row("t", "rounding", result="table2", authority="third_party_copy"),
             row("s", "match", "mixed", "table2", authority="secondary")] + \
            [row(f"n{i}", "not_verifiable", "none", "table2", gap="source_not_consulted") for i in range(3)]
    t, s = report.tally(audit, []), report.sensitivity(audit, [])
    assert t["table2"]["authority"] == {"official": 0, "secondary": 1, "third_party_copy": 1}
    md = report.render(report.summary_lines(t, s, audit, "en"), {}, "md")
    # 1 of 5 checked independently (20%, under the coverage a class needs): not classed, and the summary says so,
    # with no robustness claimed for a class it does not have
    assert t["table2"]["class"] == "not verifiable"
    assert ("*Table 2 (registered foreign investment by partner, 2025)*: {{<num report.table2.class>}}: independent "
            "sources checked only {{<num report.table2.checkable>}} of its {{<num report.table2.n>}} items (fewer "
            "than {{<num report.threshold.coverage>}}), so the result is not classed. How its items were checked: "
            "{{<num report.table2.checkable>}} against sources independent of the article") in md
    # no share, no class under the alternatives, no robustness for a result that is not classed
    assert "| {{<num report.table2.reproduced>}} | — | {{<num report.table2.class>}} | — | — |" in md
    assert ("Of the verdicts checked against a source, {{<num report.numbers.authority.secondary>}} rest on a "
            "secondary source and {{<num report.numbers.authority.third_party_copy>}} on a third-party copy.") in md
    assert "*Table 1" not in md                                              # nothing checked there: no sentence


def test_a_claims_computed_by_is_the_function_of_its_test():
    source = (report.Path(report.__file__).parent / "claims.py").read_text(encoding="utf-8").splitlines()
    line = next(i for i, x in enumerate(source, 1) if x.startswith("def t_exceeds("))
    assert report.claim_test_entry("exceeds")["computed_by"] == {"program": "analysis/audit/claims.py",
                                                                  "function": "t_exceeds", "line": line}
    assert report.claim_test_entry("no_such_test") is None


@pytest.mark.parametrize("flips,down,up,expected", [(True, 5, 5, "fragile"), (False, 1, None, "borderline"),
                                                    (False, 4, 1, "borderline"), (False, 2, 3, "robust"),
                                                    (False, None, None, "robust")])
def test_robustness(flips, down, up, expected):
    assert report.robustness(flips, down, up) == expected


def test_rows_that_flip_a_class_the_same_way_are_named_together():
    # 3 of 4 reproduced: 75%, largely; any one of a, b judged a discrepancy elsewhere gives 2/4, partially
    audit = [row("a", "match", verdict_alt="discrepancy"), row("b", "rounding", verdict_alt="discrepancy"),
             row("c", "match"), row("d", "discrepancy")]
    t, s = report.tally(audit, []), report.sensitivity(audit, [])
    md = report.render(report.classification_lines(t, s, "en", audit), {}, "md")
    # each alternative is named; with both at once, 1 of 4 = 25%: still partially reproduced
    assert ("*Table 1 (goods trade with six partners, 2024)*: {{<num report.table1.class>}}. This class is "
            "**{{<num report.table1.robustness>}}**. Alternatives the rules allow change it: judging a under its other "
            "source or reading ({{<num report.altset.row.a.n>}} row: a) would make it "
            "{{<num report.altset.row.a.class.table1>}} and judging b under") in md
    assert s["table1"]["class_all_alt"] == "partially reproduced"


def test_alternatives_that_move_together_are_judged_together():
    """The arms figures judged in another SIPRI release: every arms row at once.  4 of 5 reproduced (80%, largely);
    in the current release A2, A3 and A4 fail: 1 of 5 (20%), not reproduced, though each alone (3 of 5, 60%) and
    the rows' own single alternatives only lower it to partially."""
    audit = [row("A1", "match", result="arms", verdict_current="match"),
             row("A2", "match", result="arms", verdict_current="discrepancy", verdict_alt="discrepancy"),
             row("A3", "rounding", result="arms", verdict_current="discrepancy"),
             row("A4", "match", result="arms", verdict_current="discrepancy"),
             row("A5", "discrepancy", result="arms", verdict_current="discrepancy")]
    s = report.sensitivity(audit, [])
    assert s["arms"]["class"] == "largely reproduced" and s["arms"]["robustness"] == "fragile"
    current = next(a for a in s["arms"]["sets"] if a["name"] == "release.current")
    assert current["ids"] == ["A2", "A3", "A4"] and current["class"] == "not reproduced"
    assert s["arms"]["class_all_alt"] == "not reproduced"
    md = report.render(report.classification_lines(report.tally(audit, []), s, "en", audit), {}, "md")
    assert "judging every arms figure in the current release ({{<num report.altset.release.current.n>}} rows " \
           "at once: A2, A3 and A4) would make it {{<num report.altset.release.current.class.arms>}}" in md


def test_a_request_never_claims_a_cause_its_row_does_not_have():
    audit = [row("S", "discrepancy", category="source_inconsistent"), row("N", "discrepancy", category="new_cause")]
    text = [x for _, x in report.requests_lines(audit, [], {}, "en")]
    assert "the source's total disagrees with its own parts" in text[2] and "none in the data" not in text[2]
    assert text[3].endswith("check the figure against its source. Evidence: —.")


def test_whatever_the_registry_computes_about_the_classification_is_shown(tmp_path):
    """Every class, class under the alternatives, robustness, margin, share and alternative the report registers is
    cited by the summary; a result that is not classed registers none of them (its share of 1 item would read as
    '100% reproduced')."""
    audit = [row("A1", "match", result="arms", verdict_current="match"),
             row("A2", "match", result="arms", verdict_current="discrepancy"),
             row("A3", "discrepancy", result="arms"), row("A4", "rounding", result="arms", verdict_current="discrepancy"),
             row("T", "match", result="table2")] + \
            [row(f"n{i}", "not_verifiable", "none", "table2", gap="source_not_consulted") for i in range(4)]
    claims = [{"id": "C1", "verdict": "holds"}, {"id": "C2", "verdict": "does not hold", "verdict_alt": "holds"}]
    files = {"audit": tmp_path / "a.csv", "claims": tmp_path / "c.csv"}
    for f in files.values():
        f.write_text("x\n", encoding="utf-8")
    t, s = report.tally(audit, claims), report.sensitivity(audit, claims)
    frag = report.fragment(t, s, {k: str(v) for k, v in files.items()})
    md = report.render(report.summary_lines(t, s, audit, "en"), {}, "md")
    about = [k for k in frag.numbers if k.startswith("report.altset.") or k.rsplit(".", 1)[-1] in
             ("class", "class_all_alt", "robustness", "alts", "margin_down", "margin_up", "share")]
    assert about and not [k for k in about if f"{{{{<num {k}>}}}}" not in md]
    # table 2: 1 of 5 checked independently: classed 'not verifiable', with no share, robustness or margins
    assert "report.table2.share" not in frag.numbers and "report.table2.robustness" not in frag.numbers
    # arms: 3 of 4 (75%, largely); in the current release A2 and A4 fail together: 1 of 4 (25%), partially
    assert frag.numbers["report.altset.release.current.class.arms"]["value"] == "partially reproduced"


def test_the_summary_says_the_counts_once_and_the_standalone_report_keeps_them():
    # the manuscript's table of counts shows each result's n, mixed agree/differ, article only, not verifiable;
    # its summary does not say them again in a paragraph, the standalone report (read on its own) does
    from analysis.manuscript.parts import counts_part
    audit = [row("a", "match"), row("b", "rounding", "mixed"), row("c", "discrepancy", "mixed"),
             row("d", "match", "article_only"), row("e", "not_verifiable", "none", gap="source_not_consulted")]
    t, s = report.tally(audit, []), report.sensitivity(audit, [])
    md = report.render(report.summary_lines(t, s, audit, "en"), {}, "md")
    repeated = ("mixed_agree", "mixed_differ", "article_only", "not_verifiable")
    # the headline says what was checked how (each count once); the paragraph that said them again is gone
    assert not [k for k in repeated if md.count(f"report.numbers.{k}>") > (k in ("article_only", "not_verifiable"))]
    assert "numbers are those of Table 1" not in md
    # what the table does not show stays: the gaps by why, here 1 because the source was not consulted
    assert "Of the printed numbers that cannot be checked (counted by result in the counts table, @tbl-counts), " \
           "{{<num report.numbers.gap.source_not_consulted>}}" \
           " because the source" in md
    numbers = {f"report.numbers.{k}": {"value": 1, "unit": "count", "decimals": 0} for k in repeated}
    assert all(f"report.numbers.{k} bare>" in counts_part(numbers) for k in repeated)
    standalone = report.template(t, s, audit, [], {}, [], {}, {"packages": {}}, [], {}, "en")
    text = "\n".join(x for kind, x in standalone if kind in ("text", "line"))
    assert all(f"{{report.numbers.{k}}}" in text for k in repeated)


def test_claims_are_classed_on_independent_evidence_and_counted_once():
    """By hand: C5 restates a printed number (judged_as) and is counted once, there, not here: 4 claims.  C3 is
    decided from the article's own text alone: counted apart, not decided.  Decided independently: C1 (holds)
    and C2 (partly, half): 1.5 of 2 = 75%, largely; 2 of 4 decided independently = 50%, enough to be classed."""
    claims = [{"id": "C1", "verdict": "holds", "basis": "independent"},
              {"id": "C2", "verdict": "partly holds", "basis": "independent"},
              {"id": "C3", "verdict": "does not hold", "basis": "article_only"},
              {"id": "C4", "verdict": "not decided", "gap": "no_source_found"},
              {"id": "C5", "verdict": "holds", "basis": "independent", "judged_as": "X-1", "verdict_alt": "does not hold"}]
    c = report.tally([], claims)["claims"]
    assert (c["n"], c["judged_as"], c["checkable"], c["reproduced"]) == (4, 1, 2, 1.5)
    assert (c["holds"], c["partly"], c["does_not_hold"], c["not_decided"]) == (1, 1, 0, 1)
    assert (c["article_only"], c["article_only_differ"]) == (1, 1)
    assert c["class"] == "largely reproduced"
    # C5's alternative is the printed number's, not the claims': it is no alternative of theirs
    assert report.sensitivity([], claims)["claims"]["alts"] == []
    md = report.render(report.classification_lines(report.tally([], claims), report.sensitivity([], claims), "en"),
                       {}, "md")
    assert "Claims that restate printed numbers ({{<num report.claims.judged_as>}}) are counted once" in md
    assert "counted apart, never as decided: {{<num report.claims.article_only>}}" in md
    vi = report.render(report.classification_lines(report.tally([], claims), report.sensitivity([], claims), "vi"),
                       {}, "md")
    assert "{{<num report.claims.judged_as>}}" in vi and "{{<num report.claims.article_only>}}" in vi


def test_one_row_is_not_rows_at_once():
    """The plural by the catalog's rule: one row is 'row', several 'rows at once'; Vietnamese has one form."""
    from analysis import words
    assert words.msgn("report.robust.set", 1, "en", alternative="x", count="1", ids="a", cls="c") == "x (1 row: a) would make it c"
    assert "rows at once" in words.msgn("report.robust.set", 2, "en", alternative="x", count="2", ids="a", cls="c")


def _products(root):
    """The products of the shared clean build (tests/conftest.py, `built`): never whatever the working tree holds."""
    import csv, json
    derived, generated = root / "data" / "derived", root / "manuscript" / "_generated"
    need = [derived / "claims.csv", derived / "audit.csv", derived / "numbers.json", generated / "abstract.md",
            generated / "summary.md", generated / "vi" / "abstract.md", generated / "vi" / "summary.md"]
    claims = list(csv.DictReader(open(need[0], encoding="utf-8")))
    audit = list(csv.DictReader(open(need[1], encoding="utf-8")))
    numbers = json.loads(need[2].read_text(encoding="utf-8"))["numbers"]
    return claims, audit, numbers, *(p.read_text(encoding="utf-8") for p in need[3:])


def test_the_products_claims_counts_worked_out_from_claims_csv(built):
    """From claims.csv by hand: drop the claims judged as printed numbers; a decided claim on the article's own text
    (basis article_only) is apart; the rest decided are independent.  The registry must say the same."""
    claims, _, numbers, *_ = _products(built)
    v = lambda k: numbers[f"report.claims.{k}"]["value"]
    once = [c for c in claims if not c["judged_as"]]
    decided = [c for c in once if c["verdict"] in ("holds", "partly holds", "does not hold")]
    ind = [c for c in decided if c["basis"] != "article_only"]
    own = [c for c in decided if c["basis"] == "article_only"]
    # judged as an earlier claim (the same test on the same evidence) or as printed numbers: counted apart, once
    repeat = [c for c in claims if c["judged_as"].startswith("C-")]
    assert v("repeats") == len(repeat) and v("judged_as") == len(claims) - len(once) - len(repeat)
    assert v("n") == len(once)
    assert v("checkable") == len(ind) and v("article_only") == len(own)
    assert v("article_only_differ") == sum(c["verdict"] == "does not hold" for c in own)
    assert v("not_decided") == sum(c["verdict"] == "not decided" for c in once)
    rep = sum(1.0 if c["verdict"] == "holds" else 0.5 if c["verdict"] == "partly holds" else 0 for c in ind)
    assert v("reproduced") == rep and abs(v("coverage") - 100 * len(ind) / len(once)) < 1e-9
    assert v("class") == report.classify(rep / len(ind), len(ind) / len(once))


def test_the_products_abstract_counts_and_lists_the_same_discrepancies(built):
    """The abstract's count of discrepancies checked independently is report.numbers.discrepancy, and its list is
    exactly audit.csv's discrepancies with basis independent; the others (article's own figures) in a sentence of
    their own, counted by their basis' key.  Worked out from audit.csv."""
    import re
    _, audit, numbers, abstract, summary, abstract_vi, summary_vi = _products(built)
    wrong = [r for r in audit if r["verdict"] == "discrepancy"]
    ind = {r["id"] for r in wrong if r["basis"] == "independent"}
    assert numbers["report.numbers.discrepancy"]["value"] == len(ind)
    for text in (abstract, abstract_vi):
        listed = lambda s: set(re.findall(r"printed\.([A-Z0-9-]+)>", s))
        by_key = [m for m in re.split(r"(?<=\.) (?=\S)", text) if "printed." in m]
        main = next(s for s in by_key if "report.numbers.discrepancy" in s)
        assert listed(main) == ind
        for b in ("mixed", "article_only"):
            others = {r["id"] for r in wrong if r["basis"] == b}
            s = [x for x in by_key if f"report.numbers.{b}_differ" in x]
            assert (listed(s[0]) if s else set()) == others
            if others:
                assert numbers[f"report.numbers.{b}_differ"]["value"] == len(others)
    # the printed numbers as a whole are not classed: never called 'not verifiable', as if none could be checked
    for text in (abstract, summary):
        assert "not classed as a whole" in text and "numbers.class>}}**" not in text.split("**Claims")[0]
    assert "không được xếp loại chung" in abstract_vi and "không được xếp loại chung" in summary_vi


def test_rows_that_use_the_same_alternative_figure_change_together():
    """Two printed figures that restate one number and share one alternative figure (X-01 and X-04, issue 22): judged
    under it they change together, as the arms rows do under a release.  8 text figures, 7 reproduced (87.5%,
    largely); x1 or x2 alone judged against K: 6 of 8 (75%), still largely; both at once: 5 of 8 (62.5%), partially.
    y (Table 1) has another alternative (K2) and is a set of its own; so is z, whose alternative names no key."""
    audit = [row("x1", "rounding", result="text", verdict_alt="discrepancy", alt_keys="K"),
             row("y", "discrepancy", verdict_alt="rounding", alt_keys="K2"),
             row("x2", "rounding", result="text", verdict_alt="discrepancy", alt_keys="K"),
             row("z", "discrepancy", verdict_alt="match"), row("d", "discrepancy", result="text")] + \
            [row(f"m{i}", "match", result="text") for i in range(5)]
    sets = report.alternative_sets(audit, [])
    assert [(a["name"], a["ids"]) for a in sets] == [("figure.K", ["x1", "x2"]), ("row.y", ["y"]), ("row.z", ["z"])]
    s = report.sensitivity(audit, [])
    text = s["text"]
    # no single row changes the text's class (6 of 8 is 75%, largely)
    assert text["class"] == "largely reproduced" and not text["flips"]
    assert [(a["name"], a["class"]) for a in text["sets"]] == [("figure.K", "partially reproduced")]
    assert text["robustness"] == "fragile"
    assert text["class_all_alt"] == "partially reproduced"
    md = report.render(report.classification_lines(report.tally(audit, []), s, "en", audit), {}, "md")
    assert ("judging against {{<num K>}} every printed figure for which the rules also allow it "
            "({{<num report.altset.figure.K.n>}} rows at once: x1 and x2) would make it "
            "{{<num report.altset.figure.K.class.text>}}") in md
    vi = report.render(report.classification_lines(report.tally(audit, []), s, "vi", audit), {}, "md")
    assert "đánh giá theo {{<num K>}} mọi con số được in" in vi and "x1 và x2" in vi


def test_a_request_names_the_articles_figures_it_points_to_or_none():
    """'use the one the rest of the article uses' (issue 22) is said only where the data show it: other printed
    figures of the same series (registry key but its last part) whose checks pass on the recomputation's period and
    base (for a source: with its sources), named; else the request asks only what is true of the row itself."""
    audit = [row("P", "discrepancy", key="s.total", category="other_period_or_base"),
             row("Q", "rounding", "mixed", key="s.a"), row("R", "match", key="s.b"),
             row("S", "discrepancy", key="s.c"),                                  # fails: not pointed to
             row("U", "match", key="t.x"),                                        # another series
             row("N", "discrepancy", key="u.total", category="other_period_or_base"),
             row("O", "discrepancy", key="t.y", sources="X", category="other_source_or_reporter"),
             row("V", "match", key="t.z", sources="X"), row("W", "match", key="t.w", sources="Y"),
             row("M", "discrepancy", key="v.y", sources="X", category="other_source_or_reporter")]
    lines = {x.split("**")[1]: x for _, x in report.requests_lines(audit, [], {}, "en") if x.count("**") >= 2}
    assert lines["P"].endswith(": say which period or base the figure takes (the figure of the data that reproduces "
                               "it is in the evidence), or use the period and base of the recomputation, on which "
                               "the checks of Q and R, the article's figures of the same series, pass. Evidence: —.")
    assert lines["N"].endswith(": say which period or base the figure takes (the figure of the data that reproduces "
                               "it is in the evidence). Evidence: —.")
    assert lines["O"].endswith(": state the source and reporter of the figure, or use the source of the "
                               "recomputation, with which the checks of V, the article's figures of the same series, "
                               "pass. Evidence: —.")
    assert lines["M"].endswith(": state the source and reporter of the figure. Evidence: —.")
    assert not [x for x in lines.values() if "the rest of the" in x]
    rows = [report.audit_row(r) for r in audit]
    vi = {r["id"]: report._request(r, rows, "vi") for r in rows if r["verdict"] == "discrepancy"}
    assert "các phép kiểm tra Q và R" in vi["P"] and vi["N"] == report.REQUEST["vi"]["other_period_or_base"]
    assert "các phép kiểm tra V," in vi["O"] and "phần còn lại" not in "".join(vi.values())


CODE = re.compile(r"analysis/|\w\.py\b|\b[A-Za-z_]\w*\(\)")  # a path of the package's code, a program, a function call


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_manuscripts_findings_name_no_code_and_the_standalone_report_does(lang):
    """Issue #24: the manuscript's findings list each item with its printed and recomputed value, reason category and
    basis, as registry slots, and its ID as a link to its verdict (said once, in the table that shows the item) (links to the lineage, which alone names the code); the standalone report,
    read without the lineage, keeps the program, function and line."""
    where = {"T1-01": {"computed_by": {"program": "analysis/compute/trade.py", "function": "table1", "line": 156}},
             "C-01": {"computed_by": {"program": "analysis/audit/claims.py", "function": "test_x", "line": 9}}}
    audit = [{"id": "T1-01", "result": "table1", "item": "Vietnam–China goods trade turnover", "key": "trade.x",
              "location": "§3.3; Bảng 1; row 'Việt Nam – Trung Quốc'; column 'Kim ngạch thương mại (USD)'",
              "verdict": "discrepancy", "basis": "independent", "category": "other_source_or_reporter",
              "authority": "secondary"}]
    claims = [{"id": "C-01", "section": "3.3", "basis": "independent"}]
    import collections
    entry = {"value": 1, "display": "1", "display_vi": "1", "unit": "count"}
    numbers = collections.defaultdict(lambda: entry)  # the counts the group sentences cite, whatever their value
    numbers.update({k: entry for k in ("printed.T1-01", "trade.x", "audit.verdict.T1-01", "claim.C-01.verdict")})
    t = {g: {"gap": {}} for g in report.GROUPS}
    lines = report.findings_lines(t, audit, claims, where, lang, numbers)
    md = report.render(lines, numbers, "md", lang)
    assert CODE.findall(md) == [], CODE.findall(md)
    row = next(x for x in md.splitlines() if x.startswith("| [T1-01](#verdict-T1-01) "))
    # the item, its printed and recomputed values as slots (each a link to its lineage entry), the reason's category
    # and the basis in the edition's words; the verdict is not repeated (it is said once, where the ID links)
    for part in ("{{<num printed.T1-01>}}", "{{<num trade.x>}}",
                 report.category_word("other_source_or_reporter", lang), report.basis_word("independent", lang)):
        assert part in row, (part, row)
    assert "audit.verdict" not in md and "claim.C-01.verdict" not in md
    assert next(x for x in md.splitlines() if x.startswith("| [C-01](#verdict-C-01) "))
    text = report.render(lines, numbers, "text", lang)
    assert "analysis/compute/trade.py" in text and "table1()" in text


def test_discrepancies_that_are_another_figure_of_the_same_source_are_counted_apart_in_the_prose():
    """A printed figure that is the source's own stated total (where the rule adds its parts), or lies within what
    its hedged figures allow, still differs from the figure the rule recomputes (the verdict stays), but the
    sentences that count the discrepancies say how many are of that kind (issue 22, F4)."""
    audit = [row("a", "match"), row("b", "discrepancy", category="stated_total_not_parts"),
             row("c", "discrepancy", category="hedged_difference"), row("d", "discrepancy"),
             row("e", "discrepancy", "mixed", category="stated_total_not_parts")]
    t = report.tally(audit, [{"id": "C1", "verdict": "holds"}])
    # independent discrepancies b, c, d: 3, of which b and c agree with another figure of the same source; e is
    # mixed and counted apart already
    assert t["table1"]["discrepancy"] == 3 and t["table1"]["discrepancy_same_source"] == 2
    assert t["numbers"]["discrepancy_same_source"] == 2
    claims = [{"id": "C1", "verdict": "holds"}]
    for lang in ("en", "vi"):
        head = " ".join(report._headline(t, report.sensitivity(audit, claims), lang))
        assert "{report.numbers.discrepancy_same_source}" in head
    # none of that kind: no sentence about it
    audit = [row("a", "match"), row("d", "discrepancy")]
    t = report.tally(audit, claims)
    assert "discrepancy_same_source" not in " ".join(report._headline(t, report.sensitivity(audit, claims), "en"))


def test_the_claims_title_names_every_section_the_claims_come_from():
    """C-33 is from §5 (data/published/claims.csv): a title naming only §1 and §3.1-3.3 is too narrow (issue 22,
    F11)."""
    import csv
    from tests.conftest import ROOT
    sections = {r["section"] for r in csv.DictReader(open(ROOT / "data/published/claims.csv", encoding="utf-8"))}
    assert "5" in sections
    for lang in ("en", "vi"):
        title = report.title("claims", lang)
        for s in sections:
            named = s in title if not s.startswith("3.") else "3.1–3.3" in title and s in ("3.1", "3.2", "3.3")
            assert named, (lang, s, title)


def test_a_figure_checked_with_the_articles_own_figures_and_a_source_is_not_called_reproduced_in_the_findings():
    """The rules never count such a figure as reproduced (issue 22, third re-check H5): its findings row says it
    agrees, on that basis, in both editions; an independent one keeps its category."""
    import collections
    loc = "§3.3; Bảng 2; row 'Trung Quốc'; column 'Tăng/Giảm so với cùng kỳ'"
    rows = [{"id": "M", "item": "m", "key": "k.m", "basis": "mixed", "category": "reproduced", "result": "table2",
             "location": loc, "section": "3.3"},
            {"id": "I", "item": "i", "key": "k.i", "basis": "independent", "category": "reproduced", "result": "table2",
             "location": loc, "section": "3.3"}]
    numbers = collections.defaultdict(dict)
    for lang in ("en", "vi"):
        out = report._item_table(rows, numbers, lang)
        m, i = (next(x for x in out if x.startswith(f"| [{r}]")) for r in ("M", "I"))
        assert report.msg("report.findings.mixed_agree", lang) in m and report.category_word("reproduced", lang) not in m
        assert report.category_word("reproduced", lang) in i


def test_the_standalone_reports_findings_say_the_same_category_as_the_manuscripts(built):
    """One statement, one judgement: the standalone report's table of every item words a figure checked with the
    article's own figures and a source as the manuscript's list does ('agrees …'), never 'reproduced'."""
    import csv
    rows = list(csv.DictReader(open(built / "data/derived/audit.csv", encoding="utf-8")))
    mixed = [r["id"] for r in rows if r["basis"] == "mixed" and r["category"] == "reproduced"]
    assert mixed, "the audit has no such figure: the test would show nothing"
    text = (built / "data/derived/replication_report.md").read_text(encoding="utf-8")
    agrees, reproduced = report.msg("report.findings.mixed_agree", "en"), report.category_word("reproduced", "en")
    for i in mixed:
        line = next(x for x in text.splitlines() if x.startswith(f"| {i} |"))
        assert line.rstrip(" |").endswith(agrees) and not line.rstrip(" |").endswith(reproduced), line
