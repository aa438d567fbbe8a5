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

An assertion cannot hurt the build and cannot be vacuous.  Before anything is evaluated, a check is
bounded (MAX_CHECK_CHARS characters, MAX_NODES parts, MAX_DEPTH levels, numbers within ±MAX_MAGNITUDE);
arithmetic is on numbers only (no word is added or multiplied), and a division by zero or an overflow is a
named refusal.  A check reads at least one registry key and can be false: it is a comparison, or `and`,
`or`, `not` of comparisons, each reading a key (`1 == 1`, `... or 1` are refused); no comparison has the
same expression on both sides (`{x} == {x}`); and the values of its keys, perturbed, make it both true and
false (`{x} > 1 or {x} <= 1` is refused).  A `vouch` inside an HTML comment or a code block, which no
reader sees, is refused; a backslash-escaped bracket is a literal one, as pandoc reads it.

When an assertion no longer holds (or names a key the registry lacks, or cannot be parsed), the check
stops the build with one message per sentence naming the file, line and text, the expression and the
values it read.  Run on its own:

    python -m analysis.manuscript.assertions --registry data/derived/numbers.json \
        --qmd manuscript/index.qmd manuscript/index.vi.qmd --report data/derived/validated/manuscript_claims.json
"""
from __future__ import annotations

import argparse
import ast
import bisect
import itertools
import operator
import re
import sys
import unicodedata
from dataclasses import dataclass

from analysis.io import read_json, rel, write_json

SPAN_END = re.compile(r"\]\{\.vouch\s+check=\"([^\"]*)\"\s*\}")
DIV = re.compile(r"^(:{3,})\s*\{\.vouch\s+check=\"([^\"]*)\"\s*\}\s*$", re.M)
FENCE = re.compile(r"^(:{3,})\s*$", re.M)
KEY = re.compile(r"\{([A-Za-z0-9_.\-]+)\}")
SHORTCODE = re.compile(r"\{\{<\s*num\s+([^\s>]+)\s*>\}\}")
# What no reader sees: an HTML comment (to its end, or the text's end when it is not closed) and a fenced code
# block (pandoc reads no span or div inside either).  An assertion there would be counted but never shown.
HIDDEN = re.compile(r"<!--.*?(?:-->|\Z)|^(?P<fence>`{3,}|~{3,})[^\n]*\n.*?(?:^(?P=fence)[`~]*[ \t]*$|\Z)", re.S | re.M)
BRACKET = re.compile(r"\\.|[\[\]]", re.S)  # a backslash escape (a literal character for pandoc) or a bracket

# Bounds checked before anything is evaluated, so that no assertion can exhaust memory or the stack.
MAX_CHECK_CHARS = 2_000  # the longest real check has about 450 characters
MAX_NODES = 400          # syntax-tree nodes (a comparison of a key with a word counts 5)
MAX_DEPTH = 32           # nesting of the syntax tree
MAX_MAGNITUDE = 1e15     # a number typed in a check or read from the registry, and any result on the way


class AssertionFailed(Exception):
    pass


@dataclass
class Assertion:
    file: str
    line: int
    text: str
    check: str


class _Ranges:
    """Sorted, non-overlapping [start, end) ranges of a text, asked 'is this position inside one?' by bisection."""

    def __init__(self, ranges):
        self.ranges = sorted(ranges)
        self.starts = [a for a, _ in self.ranges]

    def __contains__(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.ranges[i][1]


def _openers(text: str) -> dict[int, int | None]:
    """The '[' that opens each ']' of the text (None when there is none), in one pass: brackets nest (a
    citation inside a span), and a backslash-escaped bracket is a literal character, as pandoc reads it."""
    stack, out = [], {}
    for m in BRACKET.finditer(text):
        c = m.group()
        if c == "[":
            stack.append(m.start())
        elif c == "]":
            out[m.start()] = stack.pop() if stack else None
    return out


def _plain(text: str) -> str:
    """A sentence on one line, its backslash escapes read as the characters they stand for (as pandoc shows them)."""
    return " ".join(re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text).split())


def find(text: str, file: str) -> list[Assertion]:
    """Every assertion of a .qmd, with the line its sentence starts on and the sentence's text.  Linear in
    the text: line numbers, brackets, hidden regions and closing fences are each found in one pass."""
    newlines = [m.start() for m in re.finditer("\n", text)]
    line_of = lambda pos: bisect.bisect_left(newlines, pos) + 1

    def refuse(pos: int, why: str):
        raise AssertionFailed(f"{file}, line {line_of(pos)}: {why}")
    hidden = _Ranges((m.start(), m.end()) for m in HIDDEN.finditer(text))
    openers = _openers(text)
    out, read = [], []
    for m in SPAN_END.finditer(text):
        if m.start() in hidden:
            refuse(m.start(), "a `vouch` inside an HTML comment or a code block, which no reader sees: an assertion "
                              "stands on a sentence the page shows; move it out or remove it")
        if m.start() not in openers:  # the ']' is itself escaped ('\]'): pandoc reads no span here
            refuse(m.start(), "the ']' before {.vouch ...} is escaped ('\\]'), so the sentence is no span and its "
                              "check would never be read: remove the backslash")
        start = openers[m.start()]
        if start is None:
            refuse(m.start(), "no opening '[' for the span (an escaped '\\[' is a literal bracket)")
        out.append(Assertion(file, line_of(start), _plain(text[start + 1:m.start()]), m.group(1)))
        read.append((m.start(), m.end()))
    closes: dict[str, list[int]] = {}
    for m in FENCE.finditer(text):
        closes.setdefault(m.group(1), []).append(m.start())
    for m in DIV.finditer(text):
        if m.start() in hidden:
            refuse(m.start(), "a `vouch` inside an HTML comment or a code block, which no reader sees: an assertion "
                              "stands on a passage the page shows; move it out or remove it")
        ends = closes.get(m.group(1), [])
        i = bisect.bisect_left(ends, m.end())
        if i == len(ends):
            refuse(m.start(), f"the `vouch` div has no closing fence ({m.group(1)}): close the passage it checks")
        out.append(Assertion(file, line_of(m.start()), _plain(text[m.end():ends[i]]), m.group(2)))
        read.append((m.start(), m.end()))
    readable = _Ranges(read)
    for m in re.finditer(r"\.vouch\b", text):
        if m.start() not in readable:
            if m.start() in hidden:
                refuse(m.start(), "a `vouch` inside an HTML comment or a code block, which no reader sees: an "
                                  "assertion stands on a sentence the page shows; move it out or remove it")
            refuse(m.start(), "a `vouch` whose check cannot be read: write "
                              '[sentence]{.vouch check="..."} or ::: {.vouch check="..."}')
    return sorted(out, key=lambda a: a.line)


BINARY = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}
COMPARE = {ast.Lt: operator.lt, ast.LtE: operator.le, ast.Gt: operator.gt, ast.GtE: operator.ge,
           ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.In: lambda a, b: a in b,
           ast.NotIn: lambda a, b: a not in b}
ORDER = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)
# A node that may hold a truth value: a comparison, and `and`, `or`, `not` of such.
LOGICAL = (ast.Compare, ast.BoolOp)


def _q(check: str) -> str:
    """A check as a message quotes it: on one line, and cut after 120 characters."""
    one = " ".join(check.split())
    return repr(one if len(one) <= 120 else one[:119] + "…")


def _short(v) -> str:
    text = repr(v)
    return text if len(text) <= 24 else f"{text[:12]}… ({len(text)} digits)"


def _is_number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _parse(check: str, source: str, slots: set[str]) -> ast.Expression:
    """The syntax tree of a check, refused (AssertionFailed) beyond the bounds before anything is evaluated."""
    if len(check) > MAX_CHECK_CHARS:
        raise AssertionFailed(f"the check has {len(check)} characters, more than the {MAX_CHECK_CHARS} an assertion "
                              "may have: split it into several sentences")
    try:
        tree = ast.parse(source, mode="eval")
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        raise AssertionFailed(f"cannot parse the check {_q(check)}") from None
    nodes, stack = 0, [(tree, 1)]
    while stack:  # iterative: the tree's depth is not yet known to be small
        node, depth = stack.pop()
        nodes += 1
        if nodes > MAX_NODES:
            raise AssertionFailed(f"the check {_q(check)} has more than {MAX_NODES} parts: split it into several "
                                  "sentences")
        if depth > MAX_DEPTH:
            raise AssertionFailed(f"the check {_q(check)} is nested more than {MAX_DEPTH} levels deep")
        if not _allowed(node, slots):
            raise AssertionFailed(f"the check {_q(check)} uses something the assertions do not allow "
                                  f"({type(node).__name__})")
        if isinstance(node, ast.Constant):
            v = node.value
            if _is_number(v) and not (abs(v) <= MAX_MAGNITUDE):  # also catches inf and nan
                raise AssertionFailed(f"the check {_q(check)} holds the number {_short(v)}, beyond ±{MAX_MAGNITUDE:g}")
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node)
                     if not (isinstance(node, ast.Call) and child is node.func))
    return tree


ALLOWED = (ast.Expression, ast.Tuple, ast.BoolOp, ast.And, ast.Or, ast.Not, ast.USub, ast.Add, ast.Sub, ast.Mult,
           ast.Div, ast.Load, *COMPARE)


def _allowed(node: ast.AST, slots: set[str]) -> bool:
    """A node of the small language: numbers, words, the keys' slots, tuples, the operators listed above and
    abs() of one argument."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, (int, float, str)) and not isinstance(node.value, bool)
    if isinstance(node, ast.Name):
        return node.id in slots
    if isinstance(node, ast.UnaryOp):
        return isinstance(node.op, (ast.Not, ast.USub))
    if isinstance(node, ast.BinOp):
        return type(node.op) in BINARY
    if isinstance(node, ast.Compare):
        return all(type(op) in COMPARE for op in node.ops)
    if isinstance(node, ast.Call):
        return isinstance(node.func, ast.Name) and node.func.id == "abs" and len(node.args) == 1 and not node.keywords
    return isinstance(node, ALLOWED)


def _reads_key(node: ast.AST, slots: set[str]) -> bool:
    return any(isinstance(n, ast.Name) and n.id in slots for n in ast.walk(node))


def _vacuous(tree: ast.Expression, slots: set[str], check: str, keys: list[str]) -> None:
    """Refuse a check that cannot be false whatever the registry holds, by its form: it must be a comparison or
    `and`/`or`/`not` of comparisons; every comparison reads a registry key and compares two different
    expressions (`{x} == {x}` is refused); no operand of `and`/`or`/`not` is a constant (`... or 1`)."""
    def walk(node):
        if isinstance(node, ast.BoolOp):
            for v in node.values:
                walk(v)
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            walk(node.operand)
        elif isinstance(node, ast.Compare):
            if not _reads_key(node, slots):
                raise AssertionFailed(f"the check {_q(check)} holds a comparison that reads no registry value "
                                      f"({_shown(node, keys)}): it is true or false whatever the data say")
            sides = [node.left, *node.comparators]
            for a, b in zip(sides, sides[1:]):
                if ast.dump(a) == ast.dump(b):
                    raise AssertionFailed(f"the check {_q(check)} compares {_shown(a, keys)} with itself: it is true "
                                          "or false whatever the data say")
        else:
            raise AssertionFailed(f"the check {_q(check)} is not a comparison: an assertion is a comparison, or "
                                  f"`and`, `or`, `not` of comparisons (found {_shown(node, keys)})")
    walk(tree.body)


def _shown(node: ast.AST, keys: list[str]) -> str:
    """A part of the check as written (its keys in braces again)."""
    return re.sub(r"\b_k(\d+)\b", lambda m: "{" + keys[int(m.group(1))] + "}", ast.unparse(node))


def _evaluator(check: str, keys: list[str]):
    """ev(tree, values): the value of a checked tree for the values of its slots; AssertionFailed for any
    arithmetic or type error (division by zero, overflow, arithmetic on words), named."""
    def num(v, node):
        if not _is_number(v):
            raise AssertionFailed(f"the check {_q(check)} does arithmetic on {v!r}, which is not a number "
                                  f"(in {_shown(node, keys)}): only numbers are added, subtracted, multiplied or divided")
        return v

    def bounded(v, node):
        if not (abs(v) <= MAX_MAGNITUDE ** 2):
            raise AssertionFailed(f"the check {_q(check)} overflows: {_shown(node, keys)} is beyond "
                                  f"±{MAX_MAGNITUDE ** 2:g}")
        return v

    def ev(n, values):
        if isinstance(n, ast.Expression):
            return ev(n.body, values)
        if isinstance(n, ast.Constant) and isinstance(n.value, (int, float, str)) and not isinstance(n.value, bool):
            return n.value
        if isinstance(n, ast.Name) and n.id in values:
            return values[n.id]
        if isinstance(n, ast.Tuple):
            return tuple(ev(x, values) for x in n.elts)
        if isinstance(n, ast.BoolOp):
            vals = [bool(ev(x, values)) for x in n.values]  # every operand evaluated: an error is never skipped
            return all(vals) if isinstance(n.op, ast.And) else any(vals)
        if isinstance(n, ast.UnaryOp) and isinstance(n.op, ast.Not):
            return not ev(n.operand, values)
        if isinstance(n, ast.UnaryOp) and isinstance(n.op, ast.USub):
            return -num(ev(n.operand, values), n)
        if isinstance(n, ast.BinOp) and type(n.op) in BINARY:
            left, right = num(ev(n.left, values), n), num(ev(n.right, values), n)
            if isinstance(n.op, ast.Div) and right == 0:
                raise AssertionFailed(f"the check {_q(check)} divides by zero ({_shown(n.right, keys)} is 0)")
            try:
                return bounded(BINARY[type(n.op)](left, right), n)
            except OverflowError:
                raise AssertionFailed(f"the check {_q(check)} overflows in {_shown(n, keys)}") from None
        if isinstance(n, ast.Compare):
            left, result = ev(n.left, values), True
            for op, right in zip(n.ops, n.comparators):
                if type(op) not in COMPARE:
                    break
                r = ev(right, values)
                if isinstance(op, ORDER) and not (_is_number(left) and _is_number(r)):
                    raise AssertionFailed(f"the check {_q(check)} compares values of different kinds ({left!r} and "
                                          f"{r!r}: only numbers are ordered)")
                if isinstance(op, (ast.In, ast.NotIn)) and not isinstance(r, tuple):
                    raise AssertionFailed(f"the check {_q(check)} uses `in` with {r!r}, which is not a list of "
                                          "values in parentheses")
                result = result and COMPARE[type(op)](left, r)  # every side evaluated, as above
                left = r
            else:
                return result
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "abs" and len(n.args) == 1 \
                and not n.keywords:
            return abs(num(ev(n.args[0], values), n))
        raise AssertionFailed(f"the check {_q(check)} uses something the assertions do not allow "
                              f"({type(n).__name__})")
    return ev


def _alternatives(value, words: list[str], numbers: list[float]) -> list:
    """Values a key could take to test whether a check depends on it: for a number, zero, its opposite, a
    little more and less, much more and less, and the numbers of the check, a little beside them and between
    them; for a word, the words of the check, an empty one and another."""
    if _is_number(value):
        near = [x + d for x in numbers for d in (0, -0.5, 0.5)] + [(a + b) / 2 for a, b in zip(numbers, numbers[1:])]
        return [value, 0, -value, value + 1, value - 1, value * 2, value / 2, -1, 1, MAX_MAGNITUDE / 2,
                -MAX_MAGNITUDE / 2, *near]
    return [value, *words, "", value + "\u2063other"]


def _falsifiable(tree, ev, slots: list[str], values: dict, check: str) -> None:
    """Refuse a check that the values of its keys cannot make both true and false (`{x} + 0 == {x}`,
    `{x} > 1 or {x} <= 1`): the keys are perturbed one at a time, then (few keys) all together."""
    outcomes = set()

    def attempt(assignment):
        try:
            outcomes.add(bool(ev(tree, assignment)))
        except AssertionFailed:
            pass  # a value that makes the check fail to evaluate says nothing about its dependence
        return len(outcomes) == 2
    consts = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)]
    words = sorted({c for c in consts if isinstance(c, str)})
    numbers = sorted({c for c in consts if _is_number(c)})
    options = {s: _alternatives(values[s], words, numbers) for s in slots}
    for s in slots:
        for v in options[s]:
            if attempt({**values, s: v}):
                return
    combos = 1
    for s in slots:
        combos *= len(options[s])
    if combos <= 5_000:
        for choice in itertools.product(*(options[s] for s in slots)):
            if attempt(dict(zip(slots, choice))):
                return
    raise AssertionFailed(f"the check {_q(check)} cannot be made {'false' if True in outcomes else 'true'} by any "
                          "value of the registry keys it reads that was tried: it does not test the data")


def evaluate(check: str, numbers: dict) -> tuple[bool, dict]:
    """The truth of an assertion and the registry values it read.  Raises AssertionFailed for an unknown
    key, an expression outside the small language above or beyond its bounds, an arithmetic error, or a
    check that is vacuous (no registry key read, a constant operand, a key against itself, a form the values
    of its keys cannot make false)."""
    keys: list[str] = []

    def slot(m):
        key = unicodedata.normalize("NFC", m.group(1))
        if key not in keys:
            keys.append(key)
        return f"_k{keys.index(key)}"
    source = KEY.sub(slot, check)
    slots = [f"_k{i}" for i in range(len(keys))]
    tree = _parse(check, source, set(slots))
    if not keys:
        raise AssertionFailed(f"the check {_q(check)} reads no registry value: an assertion tests the data, "
                              "written {key}")
    missing = [k for k in keys if k not in numbers]
    if missing:
        raise AssertionFailed(f"the registry has no key {', '.join(missing)}")
    values = {}
    for s, k in zip(slots, keys):
        v = numbers[k].get("value") if isinstance(numbers[k], dict) else None
        if not (isinstance(v, str) or (_is_number(v) and abs(v) <= MAX_MAGNITUDE)):
            raise AssertionFailed(f"the registry value of {k} is {v!r}, not a word or a number within "
                                  f"±{MAX_MAGNITUDE:g}")
        values[s] = v
    _vacuous(tree, set(slots), check, keys)
    ev = _evaluator(check, keys)
    try:
        result = bool(ev(tree, values))
    except TypeError as err:
        raise AssertionFailed(f"the check {_q(check)} compares values of different kinds ({err})") from None
    _falsifiable(tree, ev, slots, values, check)
    return result, {k: numbers[k]["value"] for k in keys}


def check(assertions: list[Assertion], numbers: dict) -> tuple[list[dict], list[str]]:
    """Each assertion's outcome, and one message per assertion that does not hold."""
    results, failures = [], []
    seen: dict[str, tuple | AssertionFailed] = {}  # the same check reads the same registry: evaluated once
    for a in assertions:
        shown = a.text if len(a.text) <= 240 else a.text[:237] + "…"
        if a.check not in seen:
            try:
                seen[a.check] = evaluate(a.check, numbers)
            except AssertionFailed as err:
                seen[a.check] = err
        outcome = seen[a.check]
        if isinstance(outcome, AssertionFailed):
            failures.append(f"{a.file}, line {a.line}: the sentence “{shown}” cannot be checked: {outcome}")
            continue
        ok, read = outcome
        results.append({"file": a.file, "line": a.line, "text": a.text, "check": a.check, "values": read,
                        "holds": ok})
        if not ok:
            values = ", ".join(f"{k} = {v!r}" for k, v in read.items())
            failures.append(f"{a.file}, line {a.line}: the sentence “{shown}” no longer holds: "
                            f"{' '.join(a.check.split())} is false ({values})")
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
