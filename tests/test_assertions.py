"""The manuscript's hand-written claims (analysis/manuscript/assertions.py): found, evaluated, and a sentence that no longer
holds named by file, line and text."""
import json

import pytest

from analysis.manuscript import assertions as A
from tests.conftest import ROOT, pandoc_elements

TEXT = """# A section

Some prose without a check.
[The ten values [@fia, p. 3] sum to more than
the total.]{.vouch check="{a.sum} > {a.total}"} More prose.

::: {.vouch check="{r.class} != 'largely reproduced' and {r.n} in (1, 2)"}
A passage of two sentences. It states a class.
:::
"""


def reg(**values):
    return {k.replace("_", "."): {"value": v} for k, v in values.items()}


def test_spans_and_divs_are_found_with_their_line_and_text():
    found = A.find(TEXT, "m.qmd")
    assert [(a.line, a.text, a.check) for a in found] == [
        (4, "The ten values [@fia, p. 3] sum to more than the total.", "{a.sum} > {a.total}"),
        (7, "A passage of two sentences. It states a class.", "{r.class} != 'largely reproduced' and {r.n} in (1, 2)")]


def test_a_sentence_that_no_longer_holds_is_named_by_file_line_and_text():
    found = A.find(TEXT, "m.qmd")
    ok = reg(a_sum=5, a_total=4, r_class="partially reproduced", r_n=2)
    results, failures = A.check(found, ok)
    assert failures == [] and all(r["holds"] for r in results)
    _, failures = A.check(found, {**ok, **reg(a_sum=3, r_class="largely reproduced")})
    assert failures == [
        "m.qmd, line 4: the sentence “The ten values [@fia, p. 3] sum to more than the total.” no longer holds: "
        "{a.sum} > {a.total} is false (a.sum = 3, a.total = 4)",
        "m.qmd, line 7: the sentence “A passage of two sentences. It states a class.” no longer holds: "
        "{r.class} != 'largely reproduced' and {r.n} in (1, 2) is false (r.class = 'largely reproduced', r.n = 2)"]


@pytest.mark.parametrize("check,expected", [("{x} + 1 == 3", True), ("abs({x} - 5) <= 3", True),
                                            ("not {x} > 1", False), ("1 < {x} < 2", False), ("-{x} < 0", True),
                                            ("{x} / 4 == 0.5 or {x} == 0", True)])
def test_the_small_language(check, expected):
    assert A.evaluate(check, reg(x=2))[0] is expected


@pytest.mark.parametrize("check,message", [("{nope} > 1", "no key nope"),
                                           ("__import__('os').system('true')", "do not allow"),
                                           ("{x}.real > 1", "do not allow"), ("{x} >", "cannot parse"),
                                           ("{x} > 'a'", "different kinds")])
def test_anything_else_is_refused_not_evaluated(check, message):
    with pytest.raises(A.AssertionFailed, match=message):
        A.evaluate(check, reg(x=2))


def test_the_editions_assertions_fail_the_check_naming_the_sentence_when_a_number_changes(tmp_path, capsys):
    """The real .qmd files against a registry copy holding the keys their assertions read, made to hold
    and then changed: the check passes, then names the sentence of each edition."""
    qmd = [ROOT / "manuscript" / q for q in ("index.qmd", "index.vi.qmd")]
    found = [a for q in qmd for a in A.find(q.read_text(encoding="utf-8"), q.name)]
    assert {a.file for a in found} == {"index.qmd", "index.vi.qmd"}
    keys = sorted({k for a in found for k in A.KEY.findall(a.check)})
    numbers = {k: {"value": "not_verifiable" if k.startswith("audit.verdict.") else 1.0} for k in keys}
    numbers["fdi.implied_bases_sum_2024"]["value"] = 2.0            # more than the implied total: holds
    path = tmp_path / "numbers.json"
    path.write_text(json.dumps({"numbers": numbers}), encoding="utf-8")
    out = tmp_path / "report.json"
    args = ["--registry", str(path), "--qmd", *map(str, qmd), "--report", str(out)]
    assert A.main(args) == 0 and all(a["holds"] for a in json.loads(out.read_text())["assertions"])
    numbers["fdi.implied_bases_sum_2024"]["value"] = 0.5             # now less: the sentence is false
    path.write_text(json.dumps({"numbers": numbers}), encoding="utf-8")
    capsys.readouterr()
    assert A.main(args) == 1
    err = capsys.readouterr().err
    named = [x for x in err.splitlines() if "fdi.implied_bases_sum_2024 = 0.5" in x]
    assert len(named) == 2, err
    line_en = next(i for i, x in enumerate(qmd[0].read_text(encoding="utf-8").splitlines(), 1)
                   if "[Their implied 2024 values sum to" in x)
    assert f"index.qmd, line {line_en}: the sentence “Their implied 2024 values sum to" in named[0]
    assert "more than the 2024 total that the printed change of the total implies.” no longer holds" in named[0]
    assert "index.vi.qmd, line" in named[1] and "lớn hơn tổng vốn năm 2024" in named[1]


@pytest.mark.parametrize("qmd", ["index.qmd", "index.vi.qmd"])
def test_the_check_finds_every_vouch_span_and_div_pandoc_reads(qmd):
    """No assertion escapes the check by its spelling: what pandoc reads as a `vouch` span or div (with its
    `check`) is exactly what the check finds."""
    pypandoc = pytest.importorskip("pypandoc", reason="pypandoc (dev dependency) is needed to parse the .qmd")
    text = (ROOT / "manuscript" / qmd).read_text(encoding="utf-8")
    ast = json.loads(pypandoc.convert_text(text, "json", format="markdown"))
    seen = [dict(x["c"][0][2]).get("check") for x in pandoc_elements(ast["blocks"])
            if x.get("t") in ("Span", "Div") and "vouch" in x["c"][0][1]]
    assert seen and sorted(seen) == sorted(a.check for a in A.find(text, qmd))


@pytest.mark.parametrize("text", ["[x]{.vouch check='{a} > 1'}", "[x]{.vouch}", "[x]{#id .vouch check=\"{a} > 1\"}",
                                  "::: {.vouch chek=\"{a}\"}\nx\n:::"])
def test_a_vouch_whose_check_cannot_be_read_is_refused_not_skipped(text):
    with pytest.raises(A.AssertionFailed, match="m.qmd, line 1: a `vouch` whose check cannot be read"):
        A.find(text, "m.qmd")
