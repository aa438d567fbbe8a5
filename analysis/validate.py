"""Validate a Frictionless-style data package before anything is derived from it.

The package descriptor (datapackage.json) is the contract, written by
analysis/manifest.py.  The checks, in the order they run:

1. the descriptor: valid JSON (rule package.json) with a list of resources;
2. the listing: every file in the package folder (but the descriptor) is a
   resource, and every resource's file exists (package.files, resource.path);
3. integrity: every resource records `bytes` and a `hash` of the form
   sha256:<64 lowercase hex>, and the file matches both.  A file whose line
   endings a checkout turned into CRLF is recognised and named as such;
4. the Table Schema of every CSV (a CSV without one is an error): encoding,
   header, row length, types (a `date` must be a real calendar date),
   required, enum, pattern, minimum/maximum, primary keys, and the `x-rowChecks`
   (a range that applies to some rows only, e.g. a share between 0 and 100);
5. once every file passes 1-4: foreign keys, `x-requiredRows` (the rows each
   compute step reads, so a missing row stops here rather than crashes later)
   and `x-crossChecks` (parts against stated totals, sums against a reference,
   shares summing to at most 100), all within the rounding of the printed figures.
   A case the source itself gets wrong is documented in the manifest's
   `x-exceptions` (rows, rule, reason): it is a finding, listed in the report,
   not an error.  A documented exception that no longer occurs is an error.

Cell checks run through pandera; file-level checks are plain Python.  Every
broken rule is one message `<file>, row <n>, column '<c>': <detail> [rule: <rule>]`
naming the file, the row (the line number in the file), the column and the rule;
the first one stops the workflow and no report is written.

Run on its own:  python -m analysis.validate data/raw/datapackage.json [--only arms/] \
                     [--report out.json] [--list-exceptions]
"""
from __future__ import annotations

import argparse
import csv
import datetime
import hashlib
import io
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.io import rel, write_json

HASH_FORM = re.compile(r"sha256:[0-9a-f]{64}")
CRLF_FIX = ("line endings were converted to CRLF by the checkout; the manifest records the file with LF line "
            "endings, which match. Fix: run `git config core.autocrlf false` and check the data out again "
            "(`git rm -r --cached data && git reset --hard`), or keep the repository's .gitattributes "
            "(`data/** -text`), which stops git from converting data files")


@dataclass
class Problem:
    file: str
    row: int | None  # line number in the file (1 = first line); None for file-level problems
    column: str | None
    rule: str
    detail: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        return f"{', '.join(where)}: {self.detail} [rule: {self.rule}]"


class ValidationError(Exception):
    """Bad input: carries every problem found, the first one leads the message."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        head = str(problems[0])
        more = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
        super().__init__(f"Invalid input: {head}{more}")


def half_unit(text: str) -> float:
    """Half a unit in the last printed digit of a number as written ('144.0' -> 0.05, '132' -> 0.5)."""
    text = str(text).strip().lstrip("+-")
    decimals = len(text.split(".")[1]) if "." in text else 0
    return 0.5 * 10.0 ** (-decimals)


# --- cell-level predicates (one per Table Schema rule) -------------------------

def _is_integer(v: str) -> bool:
    return re.fullmatch(r"[+-]?\d+", v) is not None


def _is_number(v: str) -> bool:
    return re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", v) is not None


def _is_date(v: str) -> bool:
    """ISO date that exists on the calendar (2024-02-30 does not)."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v) is None:
        return False
    try:
        datetime.date.fromisoformat(v)
    except ValueError:
        return False
    return True


TYPE_CHECKS = {"integer": _is_integer, "number": _is_number, "date": _is_date, "year": _is_integer}


def _num(v: str) -> float | None:
    if v == "" or not _is_number(v):
        return None  # empty, or the type check reports it
    return float(v)


def _cell_checks(field: dict) -> list[tuple[str, object]]:
    """The cell checks of one field, (name, predicate), each named after the Table Schema rule it
    enforces; pandera runs them (see check_schema)."""
    checks: list[tuple[str, object]] = []
    ftype = field.get("type", "string")
    cons = field.get("constraints", {})

    def present(v: str) -> bool:
        return v != ""

    if cons.get("required"):
        checks.append(("constraints.required", present))
    if ftype in TYPE_CHECKS:
        pred = TYPE_CHECKS[ftype]
        checks.append((f"type {ftype}", lambda v, p=pred: (not present(v)) or p(v)))
    numeric = ftype in ("integer", "number", "year")
    if "enum" in cons:
        allowed = {str(x) for x in cons["enum"]}
        checks.append(("constraints.enum", lambda v, a=allowed: (not present(v)) or v in a))
    if "pattern" in cons:
        rx = re.compile(cons["pattern"])
        checks.append(("constraints.pattern", lambda v, r=rx: (not present(v)) or r.fullmatch(v) is not None))
    if numeric and "minimum" in cons:
        lo = cons["minimum"]
        checks.append(("constraints.minimum", lambda v, lo=lo: _num(v) is None or _num(v) >= lo))
    if numeric and "maximum" in cons:
        hi = cons["maximum"]
        checks.append(("constraints.maximum", lambda v, hi=hi: _num(v) is None or _num(v) <= hi))
    if "x-empty" in field:  # a column that must stay empty (e.g. the trailing comma of WDI rows)
        checks.append(("x-empty", lambda v: not present(v)))
    return checks


def _describe(check: str, field: dict, value) -> str:
    cons = field.get("constraints", {})
    shown = repr(value)
    unit = f" {field['unit']}" if field.get("unit") else ""
    if check == "type date":
        return f"value {shown} is not a real calendar date (YYYY-MM-DD)"
    if check.startswith("type"):
        return f"value {shown} is not of type {field.get('type')}"
    if check == "constraints.required":
        return "a value is required but the cell is empty"
    if check == "constraints.enum":
        return f"value {shown} is not one of the allowed values {cons.get('enum')}"
    if check == "constraints.minimum":
        return f"value {shown} is below the minimum {cons.get('minimum')}{unit}"
    if check == "constraints.maximum":
        return f"value {shown} is above the plausible maximum {cons.get('maximum')}{unit}"
    if check == "constraints.pattern":
        return f"value {shown} does not match {cons.get('pattern')!r}"
    if check == "x-empty":
        return f"value {shown} must be empty"
    return f"value {shown} fails {check}"


# --- reading ---------------------------------------------------------------------

def _decode(path: Path, fields: list[dict], header: bool) -> tuple[str | None, Problem | None]:
    """The file's text, or a problem naming the line and column of the first byte that is not UTF-8."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        line = data[:exc.start].count(b"\n") + 1
        prefix = data[line_start:exc.start].decode("utf-8", errors="replace")
        cells = next(csv.reader([prefix]), [""])
        index = max(len(cells) - 1, 0)
        if header and line == 1:
            column = f"header cell {index + 1}"
        else:
            column = fields[index].get("x-label", fields[index]["name"]) if index < len(fields) else None
        bad = data[exc.start:exc.end].hex(" ")
        return None, Problem(rel(path), line, column, "encoding utf-8",
                             f"byte(s) {bad} at offset {exc.start} are not UTF-8 ({exc.reason})")


def _split(text: str, header: bool) -> tuple[list[str] | None, list[list[str]]]:
    rows = list(csv.reader(io.StringIO(text)))
    if header:
        if not rows:
            return None, []
        return rows[0], rows[1:]
    return None, rows


def _read_rows(path: Path, header: bool) -> tuple[list[str] | None, list[list[str]]]:
    return _split(path.read_text(encoding="utf-8"), header)


def _header(resource: dict) -> bool:
    return resource.get("dialect", {}).get("header", True)


def _frame(resource: dict, rows: list[list[str]]) -> pd.DataFrame:
    """Rows as strings, indexed by their line number in the file."""
    names = [f["name"] for f in resource["schema"]["fields"]]
    offset = 2 if _header(resource) else 1
    frame = pd.DataFrame(rows, columns=names, dtype=object)
    frame.index = range(offset, offset + len(frame))
    return frame


def _load_table(resource: dict, base: Path) -> pd.DataFrame:
    _, rows = _read_rows(base / resource["path"], _header(resource))
    return _frame(resource, rows)


# --- 1-3: descriptor, listing, integrity ------------------------------------------

def read_descriptor(descriptor: Path) -> dict:
    """The descriptor as a dict, or ValidationError naming its line and column if it is not valid JSON."""
    name = rel(descriptor)
    if not descriptor.exists():
        raise ValidationError([Problem(name, None, None, "package", "descriptor is missing")])
    try:
        package = json.loads(descriptor.read_bytes().decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ValidationError([Problem(name, None, None, "package.json", f"descriptor is not UTF-8 ({exc.reason})")])
    except json.JSONDecodeError as exc:
        raise ValidationError([Problem(name, exc.lineno, str(exc.colno), "package.json",
                                       f"invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})")])
    if not isinstance(package, dict) or not isinstance(package.get("resources"), list):
        raise ValidationError([Problem(name, None, None, "package.json", "the descriptor has no list 'resources'")])
    problems = []
    for i, r in enumerate(package["resources"]):
        if not isinstance(r, dict) or not isinstance(r.get("path"), str) or not isinstance(r.get("name"), str):
            problems.append(Problem(name, None, f"resources[{i}]", "resource.path",
                                    "every resource needs a 'name' and a 'path' (strings)"))
    if problems:
        raise ValidationError(problems)
    return package


def _in_scope(path: str, prefixes: list[str] | None) -> bool:
    return not prefixes or any(path.startswith(p) for p in prefixes)


def check_listing(package: dict, descriptor: Path, prefixes: list[str] | None = None) -> list[Problem]:
    """Every file under the package folder (but the descriptor) must be a resource."""
    base = descriptor.parent
    listed = {r["path"] for r in package["resources"]}
    out = []
    for p in sorted(base.rglob("*")):
        if not p.is_file() or p.resolve() == descriptor.resolve():
            continue
        path = p.relative_to(base).as_posix()
        if path not in listed and _in_scope(path, prefixes):
            out.append(Problem(rel(p), None, None, "package.files",
                               f"file is not listed in {rel(descriptor)}: describe it in analysis/manifest.py and "
                               "regenerate the manifest (python -m analysis.manifest), or remove it"))
    return out


def check_integrity(resource: dict, base: Path) -> list[Problem]:
    """The file exists and matches the recorded bytes and sha256; both must be recorded."""
    path = base / resource["path"]
    name = rel(path)
    if not path.is_file():
        return [Problem(name, None, None, "resource.path", "file is missing (the manifest lists it)")]
    problems = []
    want_bytes, want_hash = resource.get("bytes"), resource.get("hash")
    if want_bytes is None:
        problems.append(Problem(name, None, None, "resource.bytes",
                                "the manifest records no 'bytes' for this file; every resource needs its size"))
    elif not isinstance(want_bytes, int) or isinstance(want_bytes, bool) or want_bytes < 0:
        problems.append(Problem(name, None, None, "resource.bytes",
                                f"'bytes' is {want_bytes!r}; it must be a non-negative integer"))
        want_bytes = None
    if want_hash is None:
        problems.append(Problem(name, None, None, "resource.hash",
                                "the manifest records no 'hash' for this file; every resource needs "
                                "'sha256:<64 lowercase hex>'"))
    elif not isinstance(want_hash, str) or not HASH_FORM.fullmatch(want_hash):
        algo = want_hash.partition(":")[0] if isinstance(want_hash, str) and ":" in want_hash else None
        why = f" (it names the algorithm {algo!r})" if algo and algo != "sha256" else ""
        problems.append(Problem(name, None, None, "resource.hash format",
                                f"hash {want_hash!r} is not in the form sha256:<64 lowercase hex>{why}; regenerate "
                                "the manifest with python -m analysis.manifest"))
        want_hash = None
    if problems:
        return problems
    data = path.read_bytes()
    got_hash = hashlib.sha256(data).hexdigest()
    want = want_hash.partition(":")[2]
    if len(data) == want_bytes and got_hash == want:
        return []
    if b"\r\n" in data:
        lf = data.replace(b"\r\n", b"\n")
        if len(lf) == want_bytes and hashlib.sha256(lf).hexdigest() == want:
            return [Problem(name, None, None, "resource.hash", CRLF_FIX)]
    if len(data) != want_bytes:
        problems.append(Problem(name, None, None, "resource.bytes",
                                f"file has {len(data)} bytes, the manifest records {want_bytes}"))
    if got_hash != want:
        problems.append(Problem(name, None, None, "resource.hash", f"sha256 is {got_hash}, the manifest records {want}"))
    return problems


def _is_tabular(resource: dict) -> bool:
    return resource.get("format") == "csv" or resource["path"].lower().endswith((".csv", ".tsv"))


# --- 4: one file against its Table Schema ---------------------------------------------

def check_schema(resource: dict, base: Path) -> list[Problem]:
    path = base / resource["path"]
    name = rel(path)
    schema = resource.get("schema")
    if not schema:
        if _is_tabular(resource):
            return [Problem(name, None, None, "resource.schema", "a CSV resource needs a Table Schema in the manifest")]
        return []
    fields = schema["fields"]
    header = _header(resource)
    text, bad = _decode(path, fields, header)
    if bad:
        return [bad]
    labels, rows = _split(text, header)
    offset = 2 if header else 1  # line number of the first data row
    names = [f["name"] for f in fields]
    if header:
        expected = [f.get("x-label", f["name"]) for f in fields]
        if labels is None:
            return [Problem(name, 1, None, "header", "file is empty; a header row is expected")]
        if labels != expected:
            for i, (want, got) in enumerate(zip(expected, labels)):
                if want != got:
                    return [Problem(name, 1, want, "header", f"header column {i + 1} is {got!r}, expected {want!r}")]
            return [Problem(name, 1, None, "header", f"header has {len(labels)} columns, expected {len(expected)}")]
    problems = []
    for i, row in enumerate(rows):
        if len(row) != len(fields):
            missing = expected_label(fields, len(row)) if len(row) < len(fields) else None
            problems.append(Problem(name, i + offset, missing, "row length",
                                    f"row has {len(row)} cells, expected {len(fields)}"
                                    + (f"; it ends before column {missing!r}" if missing else "")))
    if problems:
        return problems[:20]
    frame = _frame(resource, rows)
    checks = {n: _cell_checks(f) for n, f in zip(names, fields)}
    if not _all_cells_pass(frame, checks):
        problems.extend(_cell_failures(frame, checks, fields, name))
    pk = schema.get("primaryKey")
    pk = [pk] if isinstance(pk, str) else pk
    if pk:
        dup = frame.duplicated(subset=pk, keep="first")
        for line in frame.index[dup]:
            values = ", ".join(f"{k}={frame.at[line, k]!r}" for k in pk)
            first = frame.index[(frame[pk] == frame.loc[line, pk]).all(axis=1)][0]
            problems.append(Problem(name, int(line), ",".join(pk), "primaryKey",
                                    f"duplicate key ({values}), first on line {first}"))
    if not problems:
        for rule in resource.get("x-rowChecks", []):
            problems.extend(_check_row_rule(rule, frame, name))
    problems.sort(key=lambda p: (p.row or 0, names.index(p.column) if p.column in names else -1))
    return problems


def _all_cells_pass(frame: pd.DataFrame, checks: dict[str, list]) -> bool:
    """Every cell passes every check of its column: the usual case, answered with the same predicates
    but without importing pandera or paying its per-column cost (hundreds of year columns in the
    SIPRI and WDI rows)."""
    return all(all(map(fn, frame[col])) for col, cs in checks.items() for _, fn in cs)


def _cell_failures(frame: pd.DataFrame, checks: dict[str, list], fields: list[dict], name: str) -> list[Problem]:
    """Every failing cell, found and described by pandera (lazy validation collects them all)."""
    import pandera.pandas as pa

    names = [f["name"] for f in fields]
    columns = {col: pa.Column(object, checks=[pa.Check(fn, element_wise=True, name=check) for check, fn in cs],
                              nullable=False) for col, cs in checks.items()}
    try:
        pa.DataFrameSchema(columns, strict=True, ordered=True).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as err:
        out = []
        for _, case in err.failure_cases.iterrows():
            col = case.get("column")
            check = str(case.get("check"))
            field = fields[names.index(col)] if col in names else {}
            out.append(Problem(name, int(case["index"]) if pd.notna(case.get("index")) else None,
                               col, check, _describe(check, field, case.get("failure_case"))))
        return out
    return []


def expected_label(fields: list[dict], index: int) -> str:
    return fields[index].get("x-label", fields[index]["name"])


def _applies(rule: dict, frame: pd.DataFrame, line: int) -> bool:
    if "where" in rule and frame.at[line, rule["where"]["column"]] not in set(rule["where"]["in"]):
        return False
    if "unless" in rule and frame.at[line, rule["unless"]["column"]] in set(rule["unless"]["in"]):
        return False
    return True


def _check_row_rule(rule: dict, frame: pd.DataFrame, name: str) -> list[Problem]:
    """A minimum and/or maximum that applies only to some rows (where a column is, or is not, in a set)."""
    cols = rule.get("columns") or [rule["column"]]
    lo, hi = rule.get("minimum"), rule.get("maximum")
    out = []
    for line in frame.index:
        if not _applies(rule, frame, line):
            continue
        for col in cols:
            v = _num(frame.at[line, col])
            if v is None:
                continue
            if lo is not None and v < lo:
                out.append(Problem(name, int(line), col, f"x-rowChecks: {rule['name']}",
                                   f"value {frame.at[line, col]!r} is below the minimum {lo} ({rule['name']})"))
            elif hi is not None and v > hi:
                out.append(Problem(name, int(line), col, f"x-rowChecks: {rule['name']}",
                                   f"value {frame.at[line, col]!r} is above the plausible maximum {hi} ({rule['name']})"))
    return out


# --- 5: rules across rows and files ---------------------------------------------------------

def _check_foreign_key(fk: dict, frame: pd.DataFrame, name: str, tables: dict, package: dict) -> list[Problem]:
    fields = fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]]
    ref = fk["reference"]
    ref_fields = ref["fields"] if isinstance(ref["fields"], list) else [ref["fields"]]
    target = next((r for r in package["resources"] if r["name"] == ref["resource"]), None)
    if target is None or ref["resource"] not in tables:
        return [Problem(name, None, ",".join(fields), "foreignKeys", f"unknown resource {ref['resource']!r}")]
    known = set(map(tuple, tables[ref["resource"]][ref_fields].itertuples(index=False)))
    out = []
    for line, values in zip(frame.index, frame[fields].itertuples(index=False)):
        if tuple(values) not in known:
            out.append(Problem(name, int(line), ",".join(fields), "foreignKeys",
                               f"value {', '.join(map(repr, values))} is not in {target['path']}"))
    return out


def _matches(frame: pd.DataFrame, where: dict) -> pd.Series:
    mask = pd.Series(True, index=frame.index)
    for col, want in where.items():
        if isinstance(want, dict):
            mask &= frame[col].map(lambda v, rx=re.compile(want["pattern"]): rx.fullmatch(v) is not None)
        else:
            mask &= frame[col] == str(want)
    return mask


def _in_field_order(where: dict, frame: pd.DataFrame) -> list[str]:
    """The columns of a row rule in the order of the file (the manifest's JSON sorts keys)."""
    order = list(frame.columns)
    return sorted(where, key=lambda c: order.index(c) if c in order else len(order))


def _show_where(where: dict, frame: pd.DataFrame) -> str:
    return ", ".join(f"{c}={where[c]['pattern'] if isinstance(where[c], dict) else where[c]!r}"
                     for c in _in_field_order(where, frame))


def _check_required_rows(resource: dict, frame: pd.DataFrame, name: str) -> list[Problem]:
    """Rows a compute step reads: at least `minRows` (default 1), at most `maxRows`, matching `where`."""
    reqs = resource.get("x-requiredRows", [])
    if reqs and frame.empty:
        what = "a header but no data rows" if _header(resource) else "no rows"
        return [Problem(name, None, None, "x-requiredRows",
                        f"the file has {what}; {len(reqs)} row rule(s) apply, the first: {reqs[0]['for']}")]
    out = []
    for req in reqs:
        where = req.get("where", {})
        lines = list(frame.index[_matches(frame, where)])
        lo, hi = req.get("minRows", 1), req.get("maxRows")
        what = f"rows with {_show_where(where, frame)}" if where else "data rows"
        column = ",".join(_in_field_order(where, frame)) or None
        if len(lines) < lo:
            out.append(Problem(name, None, column, "x-requiredRows",
                               f"{len(lines)} {what}, at least {lo} required ({req['for']})"))
        elif hi is not None and len(lines) > hi:
            out.append(Problem(name, int(lines[hi]), column, "x-requiredRows",
                               f"{len(lines)} {what}, at most {hi} allowed ({req['for']})"))
    return out


@dataclass
class Violation:
    """A cross-row rule broken by some rows: an error unless documented in x-exceptions."""
    check: str
    row: int
    column: str
    lines: list[int]
    key: dict
    detail: str


def _fmt(x: float) -> str:
    return f"{x:.6g}"


def _cross_parts_total(chk: dict, frame: pd.DataFrame) -> list[Violation]:
    """Within each group, parts must add up to the stated total (kind 'parts_sum_to_total') or each
    part must not exceed it (kind 'part_at_most_total'), within the rounding of the printed figures."""
    cat, val, parts, total = chk["category"], chk["value"], chk["parts"], chk["total"]
    out = []
    for key, g in frame.groupby(chk["group"], sort=False):
        key = dict(zip(chk["group"], key if isinstance(key, tuple) else (key,)))
        by = {c: (int(line), g.at[line, val]) for line, c in zip(g.index, g[cat])}
        if total not in by:
            continue
        t_line, t_text = by[total]
        if chk["kind"] == "parts_sum_to_total":
            if not all(p in by for p in parts):
                continue
            s = sum(float(by[p][1]) for p in parts)
            tol = sum(half_unit(by[p][1]) for p in parts) + half_unit(t_text)
            diff = abs(s - float(t_text))
            if diff > tol + 1e-9:
                terms = " + ".join(f"{p} {by[p][1]} (line {by[p][0]})" for p in parts)
                out.append(Violation(chk["name"], t_line, val, sorted([t_line] + [by[p][0] for p in parts]), key,
                                     f"{terms} = {_fmt(s)}, but {total} is {t_text}: they differ by {_fmt(diff)}, "
                                     f"more than the rounding of the three printed figures allows ({_fmt(tol)})"))
        else:
            for p in parts:
                if p in by and float(by[p][1]) > float(t_text) + half_unit(by[p][1]) + half_unit(t_text) + 1e-9:
                    out.append(Violation(chk["name"], by[p][0], val, sorted([by[p][0], t_line]), key,
                                         f"{p} {by[p][1]} exceeds {total} {t_text} (line {t_line})"))
    return out


def _cross_sum_reference(chk: dict, frame: pd.DataFrame, tables: dict, package: dict) -> list[Violation]:
    """Sum of `value` per `group` against one row of another resource whose column is named by the group
    value (e.g. register deliveries per year against the WDI total of that year)."""
    ref = chk["reference"]
    target = next(r for r in package["resources"] if r["name"] == ref["resource"])
    ref_row = tables[ref["resource"]].iloc[0]
    val, grp = chk["value"], chk["group"]
    out = []
    for key, g in frame.groupby(grp, sort=True):
        col = str(key)
        lines = [int(x) for x in g.index]
        s = sum(float(v) for v in g[val])
        if col not in ref_row.index or ref_row[col] == "":
            out.append(Violation(chk["name"], lines[0], val, lines, {grp: col},
                                 f"{target['path']} has no value for {col} to check the sum against"))
            continue
        want = float(ref_row[col]) * ref.get("scale", 1)
        tol = ref["halfUnit"] + chk["perRowRounding"] * len(lines)
        diff = abs(s - want)
        if diff > tol + 1e-9:
            out.append(Violation(chk["name"], lines[0], val, lines, {grp: col},
                                 f"the {len(lines)} rows with {grp}={col} (lines {', '.join(map(str, lines))}) sum to "
                                 f"{_fmt(s)}, but {target['path']} (column {col!r}) gives {_fmt(want)}: they differ by "
                                 f"{_fmt(diff)}, more than the rounding allows ({_fmt(tol)})"))
    return out


def _cross_sum_at_most(chk: dict, frame: pd.DataFrame) -> list[Violation]:
    """Values of one group (e.g. the shares of one period, measure and source) add up to at most `limit`."""
    rows = frame[_matches(frame, chk.get("where", {}))]
    val = chk["value"]
    out = []
    for key, g in rows.groupby(chk["group"], sort=False):
        key = dict(zip(chk["group"], key if isinstance(key, tuple) else (key,)))
        lines = [int(x) for x in g.index]
        s = sum(float(v) for v in g[val])
        tol = sum(half_unit(v) for v in g[val])
        if s > chk["limit"] + tol + 1e-9:
            out.append(Violation(chk["name"], lines[0], val, lines, key,
                                 f"the values on lines {', '.join(map(str, lines))} add up to {_fmt(s)}, more than "
                                 f"{chk['limit']} plus their rounding ({_fmt(tol)})"))
    return out


def _cross_row_total(chk: dict, frame: pd.DataFrame) -> list[Violation]:
    """A row's stated total against the sum of its cells, within the rounding of every printed figure."""
    cols, total, label = chk["columns"], chk["total"], chk["label"]
    out = []
    for line in frame.index:
        cells = [frame.at[line, c] for c in cols if frame.at[line, c] != ""]
        t = frame.at[line, total]
        if t == "":
            continue
        s = sum(float(c) for c in cells)
        tol = sum(half_unit(c) for c in cells) + half_unit(t)
        if abs(s - float(t)) > tol + 1e-9:
            out.append(Violation(chk["name"], int(line), total, [int(line)], {label: frame.at[line, label]},
                                 f"the {len(cells)} yearly values sum to {_fmt(s)}, but {total} is {t}: more than "
                                 f"their rounding allows ({_fmt(tol)})"))
    return out


def _cross_violations(chk: dict, frame: pd.DataFrame, tables: dict, package: dict) -> list[Violation]:
    kind = chk["kind"]
    if kind in ("parts_sum_to_total", "part_at_most_total"):
        return _cross_parts_total(chk, frame)
    if kind == "sum_matches_reference":
        return _cross_sum_reference(chk, frame, tables, package)
    if kind == "sum_at_most":
        return _cross_sum_at_most(chk, frame)
    if kind == "row_total":
        return _cross_row_total(chk, frame)
    raise ValueError(f"unknown x-crossChecks kind {kind!r}")


def check_rows(resource: dict, tables: dict, package: dict, base: Path) -> list[Problem]:
    """Foreign keys and required rows of one resource."""
    name = rel(base / resource["path"])
    frame = tables[resource["name"]]
    problems: list[Problem] = []
    for fk in resource["schema"].get("foreignKeys", []):
        problems.extend(_check_foreign_key(fk, frame, name, tables, package))
    return problems + _check_required_rows(resource, frame, name)


def check_across(resource: dict, tables: dict, package: dict, base: Path) -> tuple[list[Problem], list[dict]]:
    """Cross-row checks of one resource, and their documented exceptions: (problems, findings)."""
    name = rel(base / resource["path"])
    frame = tables[resource["name"]]
    problems: list[Problem] = []
    exceptions = resource.get("x-exceptions", [])
    used = [False] * len(exceptions)
    findings = []
    for chk in resource.get("x-crossChecks", []):
        for v in _cross_violations(chk, frame, tables, package):
            hit = next((i for i, e in enumerate(exceptions) if e["check"] == v.check
                        and all(str(v.key.get(c)) == str(w) for c, w in e["where"].items())), None)
            if hit is None:
                problems.append(Problem(name, v.row, v.column, f"x-crossChecks: {v.check}", v.detail))
            else:
                used[hit] = True
                findings.append({"file": name, "rows": v.lines, "column": v.column, "rule": f"x-crossChecks: {v.check}",
                                 "where": exceptions[hit]["where"], "detail": v.detail,
                                 "reason": exceptions[hit]["reason"]})
    for e, u in zip(exceptions, used):
        if not u:
            problems.append(Problem(name, None, ",".join(_in_field_order(e["where"], frame)), "x-exceptions",
                                    f"the documented exception to {e['check']!r} for {_show_where(e['where'], frame)} no "
                                    "longer occurs; remove it from analysis/manifest.py"))
    return problems, findings


# --- the package ----------------------------------------------------------------------------

def _referenced(resource: dict) -> list[str]:
    refs = [fk["reference"]["resource"] for fk in resource.get("schema", {}).get("foreignKeys", [])]
    refs += [c["reference"]["resource"] for c in resource.get("x-crossChecks", []) if "reference" in c]
    return refs


def validate_resource(resource: dict, base: Path, package: dict) -> list[Problem]:
    """Integrity and Table Schema of one resource (checks 3-4)."""
    problems = check_integrity(resource, base)
    return problems or check_schema(resource, base)


def validate_package(descriptor: str | Path, prefixes: list[str] | None = None) -> dict:
    """Validate every resource (or those whose path starts with one of `prefixes`, plus the resources
    their foreign keys and cross-checks refer to); return a report, or raise ValidationError."""
    descriptor = Path(descriptor)
    package = read_descriptor(descriptor)
    base = descriptor.parent
    by_name = {r["name"]: r for r in package["resources"]}
    chosen = [r for r in package["resources"] if _in_scope(r["path"], prefixes)]
    if not chosen:
        raise ValidationError([Problem(rel(descriptor), None, None, "package", f"no resource matches {prefixes}")])
    names = [r["name"] for r in chosen]
    for r in chosen:
        names += [n for n in _referenced(r) if n in by_name and n not in names]
    problems = check_listing(package, descriptor, prefixes)
    report = {"package": rel(descriptor), "resources": []}
    for n in names:
        resource = by_name[n]
        found = validate_resource(resource, base, package)
        problems.extend(found)
        report["resources"].append({"name": n, "path": rel(base / resource["path"]),
                                    "sha256": str(resource.get("hash", "")).partition(":")[2], "valid": not found})
    if problems:
        raise ValidationError(problems)
    tables = {n: _load_table(by_name[n], base) for n in names if by_name[n].get("schema")}
    for n in names:
        if by_name[n].get("schema"):
            problems.extend(check_rows(by_name[n], tables, package, base))
    if problems:
        raise ValidationError(problems)
    findings = []
    for r in chosen:
        if r.get("schema"):
            found, seen = check_across(r, tables, package, base)
            problems.extend(found)
            findings.extend(seen)
    if problems:
        raise ValidationError(problems)
    report["exceptions"] = findings
    return report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("descriptors", nargs="+", help="datapackage.json files")
    ap.add_argument("--only", nargs="*", default=None, help="validate only resources whose path starts with these prefixes")
    ap.add_argument("--report", help="write a JSON report of what was validated (with the documented exceptions)")
    ap.add_argument("--list-exceptions", action="store_true",
                    help="print the documented exceptions (findings in the sources, not errors)")
    args = ap.parse_args(argv)
    reports = []
    try:
        for d in args.descriptors:
            reports.append(validate_package(d, args.only))
    except ValidationError as err:
        print(err, file=sys.stderr)
        for p in err.problems[1:20]:
            print(f"  also: {p}", file=sys.stderr)
        return 1
    if args.report:
        write_json(args.report, {"validated": reports})
    if args.list_exceptions:
        for rep in reports:
            for e in rep["exceptions"]:
                print(f"exception: {e['file']}, rows {', '.join(map(str, e['rows']))}, column {e['column']!r}: "
                      f"{e['detail']} [rule: {e['rule']}] -- documented: {e['reason']}")
    n = sum(len(rep["exceptions"]) for rep in reports)
    print(f"valid: {', '.join(args.descriptors)}" + (f" ({n} documented exception(s); see --list-exceptions)" if n else ""))
    return 0


if __name__ == "__main__":
    from analysis.io import run  # the workflow's stamps: see analysis/io.py
    run(main)
