"""The manuscript's own hand-written claims, checked against the registry before anything is rendered.

A sentence of the .qmd that states a count, a share, a cause, a direction or a class and is not
generated carries an assertion the build evaluates:

    [The ten printed values sum to more than the implied total.]{.vouch check="{fdi.a} > {fdi.b}"}

or, for a passage of several sentences, a div:

    ::: {.vouch check="{report.table2.class} != 'largely reproduced'"}
    ...
    :::

Quarto ignores the unknown class `vouch`: the sentence renders as it is.  A `vouch` written in any other
form (no check, another attribute first, single quotes) is refused, never skipped.  The `check` is an expression
over registry values, each written `{key}` as in the report's templates: numbers and quoted words,
comparisons (`<`, `<=`, `>`, `>=`, `==`, `!=`, `in`, `not in`), `and`, `or`, `not`, `+`, `-`, `*`, `/`,
tuples and `abs()`.  Nothing else is evaluated (the expression is parsed, never passed to eval).  A
threshold or any other number an assertion needs is a registry key too, never typed in the .qmd.

When an assertion no longer holds (or names a key the registry lacks, or cannot be parsed), the check
stops the build with one message per sentence naming the file, line and text, the expression and the
values it read.  Run on its own:

    python -m analysis.manuscript.assertions --registry data/derived/numbers.json \
        --qmd manuscript/index.qmd manuscript/index.vi.qmd --report data/derived/validated/manuscript_claims.json
"""
from __future__ import annotations

import argparse
import ast
import operator
import re
import sys
from dataclasses import dataclass

from analysis.io import read_json, rel, write_json

SPAN_END = re.compile(r"\]\{\.vouch\s+check=\"([^\"]*)\"\s*\}")
DIV = re.compile(r"^(:{3,})\s*\{\.vouch\s+check=\"([^\"]*)\"\s*\}\s*$", re.M)
KEY = re.compile(r"\{([A-Za-z0-9_.\-]+)\}")
SHORTCODE = re.compile(r"\{\{<\s*num\s+([^\s>]+)\s*>\}\}")


class AssertionFailed(Exception):
    pass


@dataclass
class Assertion:
    file: str
    line: int
    text: str
    check: str


def _span_start(text: str, end: int) -> int:
    """The '[' that opens the span whose ']' is at `end` (brackets inside it, e.g. citations, nest)."""
    depth = 0
    for i in range(end, -1, -1):
        if text[i] == "]":
            depth += 1
        elif text[i] == "[":
            depth -= 1
            if depth == 0:
                return i
    raise AssertionFailed("no opening '[' for the span")


def find(text: str, file: str) -> list[Assertion]:
    """Every assertion of a .qmd, with the line its sentence starts on and the sentence's text."""
    line_of = lambda pos: text.count("\n", 0, pos) + 1
    out = []
    for m in SPAN_END.finditer(text):
        try:
            start = _span_start(text, m.start())
        except AssertionFailed as err:
            raise AssertionFailed(f"{file}, line {line_of(m.start())}: {err}") from None
        out.append(Assertion(file, line_of(start), " ".join(text[start + 1:m.start()].split()), m.group(1)))
    read = [(m.start(), m.end()) for m in SPAN_END.finditer(text)] + [(m.start(), m.end()) for m in DIV.finditer(text)]
    for m in re.finditer(r"\.vouch\b", text):
        if not any(a <= m.start() < b for a, b in read):
            raise AssertionFailed(f"{file}, line {line_of(m.start())}: a `vouch` whose check cannot be read: write "
                                  '[sentence]{.vouch check="..."} or ::: {.vouch check="..."}')
    for m in DIV.finditer(text):
        close = re.compile(rf"^{m.group(1)}\s*$", re.M).search(text, m.end())
        body = text[m.end():close.start() if close else len(text)]
        out.append(Assertion(file, line_of(m.start()), " ".join(body.split()), m.group(2)))
    return sorted(out, key=lambda a: a.line)


BINARY = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}
COMPARE = {ast.Lt: operator.lt, ast.LtE: operator.le, ast.Gt: operator.gt, ast.GtE: operator.ge,
           ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.In: lambda a, b: a in b,
           ast.NotIn: lambda a, b: a not in b}


def evaluate(check: str, numbers: dict) -> tuple[bool, dict]:
    """The truth of an assertion and the registry values it read.  Raises AssertionFailed for an unknown
    key or an expression outside the small language above."""
    keys = []

    def slot(m):
        keys.append(m.group(1))
        return f"_k{len(keys) - 1}"
    source = KEY.sub(slot, check)
    missing = [k for k in keys if k not in numbers]
    if missing:
        raise AssertionFailed(f"the registry has no key {', '.join(missing)}")
    values = {f"_k{i}": numbers[k]["value"] for i, k in enumerate(keys)}
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError:
        raise AssertionFailed(f"cannot parse the check {check!r}") from None

    def ev(n):
        if isinstance(n, ast.Expression):
            return ev(n.body)
        if isinstance(n, ast.Constant) and isinstance(n.value, (int, float, str)) and not isinstance(n.value, bool):
            return n.value
        if isinstance(n, ast.Name) and n.id in values:
            return values[n.id]
        if isinstance(n, ast.Tuple):
            return tuple(ev(x) for x in n.elts)
        if isinstance(n, ast.BoolOp):
            vals = (ev(x) for x in n.values)
            return all(vals) if isinstance(n.op, ast.And) else any(vals)
        if isinstance(n, ast.UnaryOp) and isinstance(n.op, (ast.Not, ast.USub)):
            v = ev(n.operand)
            return (not v) if isinstance(n.op, ast.Not) else -v
        if isinstance(n, ast.BinOp) and type(n.op) in BINARY:
            return BINARY[type(n.op)](ev(n.left), ev(n.right))
        if isinstance(n, ast.Compare):
            left = ev(n.left)
            for op, right in zip(n.ops, n.comparators):
                if type(op) not in COMPARE:
                    break
                r = ev(right)
                if not COMPARE[type(op)](left, r):
                    return False
                left = r
            else:
                return True
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "abs" and len(n.args) == 1 \
                and not n.keywords:
            return abs(ev(n.args[0]))
        raise AssertionFailed(f"the check {check!r} uses something the assertions do not allow "
                              f"({type(n).__name__})")
    try:
        result = ev(tree)
    except TypeError as err:
        raise AssertionFailed(f"the check {check!r} compares values of different kinds ({err})") from None
    return bool(result), {k: numbers[k]["value"] for k in keys}


def check(assertions: list[Assertion], numbers: dict) -> tuple[list[dict], list[str]]:
    """Each assertion's outcome, and one message per assertion that does not hold."""
    results, failures = [], []
    for a in assertions:
        shown = a.text if len(a.text) <= 240 else a.text[:237] + "…"
        try:
            ok, read = evaluate(a.check, numbers)
        except AssertionFailed as err:
            failures.append(f"{a.file}, line {a.line}: the sentence “{shown}” cannot be checked: {err}")
            continue
        results.append({"file": a.file, "line": a.line, "text": a.text, "check": a.check, "values": read,
                        "holds": ok})
        if not ok:
            values = ", ".join(f"{k} = {v!r}" for k, v in read.items())
            failures.append(f"{a.file}, line {a.line}: the sentence “{shown}” no longer holds: "
                            f"{a.check} is false ({values})")
    return results, failures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Check the manuscript's assertions against the registry")
    ap.add_argument("--registry", required=True)
    ap.add_argument("--qmd", required=True, nargs="+")
    ap.add_argument("--report", required=True, help="every assertion with its outcome (JSON)")
    args = ap.parse_args(argv)
    numbers = read_json(args.registry)["numbers"]
    try:
        assertions = []
        for path in args.qmd:
            with open(path, encoding="utf-8") as f:
                assertions += find(f.read(), rel(path))
    except AssertionFailed as err:
        print(f"Manuscript assertion: {err}", file=sys.stderr)
        return 1
    results, failures = check(assertions, numbers)
    if failures:
        print("\n".join(f"Manuscript assertion: {m}" for m in failures), file=sys.stderr)
        return 1
    write_json(args.report, {"assertions": results})
    print(f"{len(results)} assertions of the manuscript hold")
    return 0


if __name__ == "__main__":
    from analysis.io import run  # the workflow's stamps: see analysis/io.py
    run(main)
