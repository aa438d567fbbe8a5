""""Computed by" names the code that computed each number: the function a step names (`by=`), with the line
it is defined on, or the function that wrote the entry; never a function that only records, merges or
dispatches numbers (registry.PLUMBING: a step's fragment(), the registry's add/gap, a main).  Checked on
constructed entries and on every key of a clean build's registry, against the code itself (ast)."""
import ast
import inspect
import json

import pytest

from analysis import reasons as R, registry
from analysis.registry import Fragment
from tests.conftest import ROOT


def _doubled(x: float) -> float:
    return 2 * x


def test_a_function_named_by_the_step_is_recorded_with_its_definition_line():
    frag = Fragment("test", {})
    frag.add("x.two", _doubled(1.0), "count", R.label("label.audit.count.all"), R.rule("rule.audit.rows"), [],
             by=_doubled)
    line = inspect.getsourcelines(_doubled)[1]
    assert frag.numbers["x.two"]["computed_by"] == {"program": "tests/test_computed_by.py", "function": "_doubled",
                                                    "line": line}
    frag.gap("x.gap", R.label("label.audit.count.all"), "why", by=_doubled)
    assert frag.gaps["x.gap"]["computed_by"]["function"] == "_doubled"


def test_a_plumbing_function_or_a_value_cannot_be_named():
    def fragment():
        return None
    frag = Fragment("test", {})
    with pytest.raises(ValueError, match="not a function that computes"):
        frag.add("x.one", 1.0, "count", R.label("label.audit.count.all"), R.rule("rule.audit.rows"), [], by=fragment)
    with pytest.raises(ValueError, match="not a function that computes"):
        frag.add("x.one", 1.0, "count", R.label("label.audit.count.all"), R.rule("rule.audit.rows"), [], by=1.0)


def _functions(program: str) -> dict[str, list[tuple[int, int]]]:
    """Every function and method of a program: name -> [(first line, last line)], decorators included."""
    tree = ast.parse((ROOT / program).read_text(encoding="utf-8"))
    out: dict[str, list[tuple[int, int]]] = {}
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            first = min([node.lineno] + [d.lineno for d in node.decorator_list])
            out.setdefault(node.name, []).append((first, node.end_lineno))
    return out


def test_every_key_names_the_function_that_computed_it(built):
    reg = json.loads((built / "data/derived/numbers.json").read_text(encoding="utf-8"))
    entries = {**reg["numbers"], **reg["gaps"]}
    assert len(entries) > 1000
    programs, plumbing, nowhere = {}, [], []
    for key, e in entries.items():
        c = e["computed_by"]
        if c["function"] in registry.PLUMBING or not c["function"]:
            plumbing.append((key, c["function"]))
            continue
        if c["program"] not in programs:  # each program parsed once (setdefault would parse it for every key)
            programs[c["program"]] = _functions(c["program"])
        spans = programs[c["program"]].get(c["function"], [])
        if not any(first <= c["line"] <= last for first, last in spans):  # the line lies in that function
            nowhere.append((key, c))
    assert plumbing == [], f"{len(plumbing)} keys name a plumbing function, e.g. {plumbing[:5]}"
    assert nowhere == [], f"{len(nowhere)} keys name a line outside the function they name, e.g. {nowhere[:3]}"
    # the steps' own modules are named, and more than their recording loops: the computations themselves
    functions = {(e["computed_by"]["program"], e["computed_by"]["function"]) for e in entries.values()}
    for expected in [("analysis/compute/arms.py", "period_stats"), ("analysis/compute/arms.py", "share"),
                     ("analysis/compute/trade.py", "table1"), ("analysis/compute/trade.py", "sgd_per_usd"),
                     ("analysis/compute/fdi.py", "table2"), ("analysis/audit/report.py", "tally")]:
        assert expected in functions, expected


def test_the_period_statistics_name_period_stats(built):
    reg = json.loads((built / "data/derived/numbers.json").read_text(encoding="utf-8"))["numbers"]
    from analysis.compute import arms
    line = inspect.getsourcelines(arms.period_stats)[1]
    for stat in ("min", "max", "min_year", "max_year", "sum", "russia_share"):
        assert reg[f"arms.current.p2001_2010.{stat}"]["computed_by"] == {
            "program": "analysis/compute/arms.py", "function": "period_stats", "line": line}, stat
    assert reg["trade.fx_sgd_per_usd_2024"]["computed_by"]["function"] == "sgd_per_usd"
