"""Validate a Frictionless-style data package before anything is derived from it.

The package descriptor (datapackage.json) is the contract: every resource must
exist, match its recorded size and sha256, carry the expected header, and pass
its Table Schema (types, required, enum, minimum/maximum, pattern, primary and
foreign keys).  Cell checks run through pandera; file-level checks are plain
Python.  The first broken rule stops the workflow with one message that names
the file, the row (the line number in the file), the column and the rule.

Run on its own:  python -m analysis.validate data/raw/datapackage.json
"""
from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from analysis.io import read_json, sha256, write_json, rel


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


# --- cell-level predicates (one per Table Schema rule) -------------------------

def _is_integer(v: str) -> bool:
    return re.fullmatch(r"[+-]?\d+", v) is not None


def _is_number(v: str) -> bool:
    return re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", v) is not None


def _is_date(v: str) -> bool:
    return re.fullmatch(r"\d{4}-\d{2}-\d{2}", v) is not None


TYPE_CHECKS = {"integer": _is_integer, "number": _is_number, "date": _is_date, "year": _is_integer}


def _cell_checks(field: dict) -> list[pa.Check]:
    """pandera checks for one field; each is named after the Table Schema rule it enforces."""
    missing = {""}
    checks: list[pa.Check] = []
    ftype = field.get("type", "string")
    cons = field.get("constraints", {})

    def present(v: str) -> bool:
        return v not in missing

    if cons.get("required"):
        checks.append(pa.Check(present, element_wise=True, name="constraints.required"))
    if ftype in TYPE_CHECKS:
        pred = TYPE_CHECKS[ftype]
        checks.append(pa.Check(lambda v, p=pred: (not present(v)) or p(v), element_wise=True,
                               name=f"type {ftype}"))
    numeric = ftype in ("integer", "number", "year")

    def num(v: str) -> float | None:
        if not present(v):
            return None
        try:
            return float(v)
        except ValueError:
            return None  # the type check reports it

    if "enum" in cons:
        allowed = {str(x) for x in cons["enum"]}
        checks.append(pa.Check(lambda v, a=allowed: (not present(v)) or v in a, element_wise=True,
                               name="constraints.enum"))
    if "pattern" in cons:
        rx = re.compile(cons["pattern"])
        checks.append(pa.Check(lambda v, r=rx: (not present(v)) or r.fullmatch(v) is not None,
                               element_wise=True, name="constraints.pattern"))
    if numeric and "minimum" in cons:
        lo = cons["minimum"]
        checks.append(pa.Check(lambda v, lo=lo: num(v) is None or num(v) >= lo, element_wise=True,
                               name="constraints.minimum"))
    if numeric and "maximum" in cons:
        hi = cons["maximum"]
        checks.append(pa.Check(lambda v, hi=hi: num(v) is None or num(v) <= hi, element_wise=True,
                               name="constraints.maximum"))
    if "x-empty" in field:  # a column that must stay empty (e.g. the trailing comma of WDI rows)
        checks.append(pa.Check(lambda v: not present(v), element_wise=True, name="x-empty"))
    return checks


def _read_rows(path: Path, header: bool) -> tuple[list[str] | None, list[list[str]]]:
    text = path.read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    if header:
        if not rows:
            return None, []
        return rows[0], rows[1:]
    return None, rows


def validate_resource(resource: dict, base: Path, package: dict) -> list[Problem]:
    path = base / resource["path"]
    name = rel(path)
    if not path.exists():
        return [Problem(name, None, None, "resource.path", "file is missing")]
    problems: list[Problem] = []
    size = path.stat().st_size
    if "bytes" in resource and size != resource["bytes"]:
        problems.append(Problem(name, None, None, "resource.bytes",
                                f"file has {size} bytes, the manifest records {resource['bytes']}"))
    if "hash" in resource:
        algo, _, want = resource["hash"].partition(":")
        got = sha256(path)
        if algo != "sha256" or got != want:
            problems.append(Problem(name, None, None, "resource.hash",
                                    f"sha256 is {got}, the manifest records {want}"))
    if problems:
        return problems
    schema = resource.get("schema")
    if not schema:
        return []
    fields = schema["fields"]
    header = resource.get("dialect", {}).get("header", True)
    try:
        labels, rows = _read_rows(path, header)
    except UnicodeDecodeError as exc:
        return [Problem(name, None, None, "encoding utf-8", f"file is not UTF-8 ({exc.reason})")]
    offset = 2 if header else 1  # line number of the first data row
    names = [f["name"] for f in fields]
    if header:
        expected = [f.get("x-label", f["name"]) for f in fields]
        if labels is None:
            return [Problem(name, 1, None, "header", "file is empty; a header row is expected")]
        if labels != expected:
            for i, (want, got) in enumerate(zip(expected, labels)):
                if want != got:
                    return [Problem(name, 1, want, "header",
                                    f"header column {i + 1} is {got!r}, expected {want!r}")]
            return [Problem(name, 1, None, "header",
                            f"header has {len(labels)} columns, expected {len(expected)}")]
    for i, row in enumerate(rows):
        if len(row) != len(fields):
            problems.append(Problem(name, i + offset, None, "row length",
                                    f"row has {len(row)} cells, expected {len(fields)}"))
    if problems:
        return problems[:20]
    frame = pd.DataFrame(rows, columns=names, dtype=object)
    frame.index = range(offset, offset + len(frame))
    columns = {n: pa.Column(object, checks=_cell_checks(f), nullable=False)
               for n, f in zip(names, fields)}
    pk = schema.get("primaryKey")
    pk = [pk] if isinstance(pk, str) else pk
    df_schema = pa.DataFrameSchema(columns, strict=True, ordered=True)
    try:
        df_schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as err:
        fc = err.failure_cases
        for _, case in fc.iterrows():
            col = case.get("column")
            check = str(case.get("check"))
            field = fields[names.index(col)] if col in names else {}
            problems.append(Problem(name, int(case["index"]) if pd.notna(case.get("index")) else None,
                                    col, check, _describe(check, field, case.get("failure_case"))))
    if pk:
        dup = frame.duplicated(subset=pk, keep="first")
        for line in frame.index[dup]:
            values = ", ".join(f"{k}={frame.at[line, k]!r}" for k in pk)
            problems.append(Problem(name, int(line), ",".join(pk), "primaryKey",
                                    f"duplicate key ({values})"))
    for fk in schema.get("foreignKeys", []):
        problems.extend(_check_foreign_key(fk, frame, name, base, package))
    for rule in resource.get("x-rowChecks", []):
        problems.extend(_check_row_rule(rule, frame, name))
    problems.sort(key=lambda p: (p.row or 0, names.index(p.column) if p.column in names else -1))
    return problems


def _describe(check: str, field: dict, value) -> str:
    cons = field.get("constraints", {})
    shown = repr(value)
    if check.startswith("type"):
        return f"value {shown} is not of type {field.get('type')}"
    if check == "constraints.required":
        return "a value is required but the cell is empty"
    if check == "constraints.enum":
        return f"value {shown} is not one of the allowed values {cons.get('enum')}"
    if check == "constraints.minimum":
        return f"value {shown} is below the minimum {cons.get('minimum')}"
    if check == "constraints.maximum":
        return f"value {shown} is above the maximum {cons.get('maximum')}"
    if check == "constraints.pattern":
        return f"value {shown} does not match {cons.get('pattern')!r}"
    if check == "x-empty":
        return f"value {shown} must be empty"
    return f"value {shown} fails {check}"


def _load_table(resource: dict, base: Path) -> pd.DataFrame:
    header = resource.get("dialect", {}).get("header", True)
    _, rows = _read_rows(base / resource["path"], header)
    return pd.DataFrame(rows, columns=[f["name"] for f in resource["schema"]["fields"]], dtype=object)


def _check_foreign_key(fk: dict, frame: pd.DataFrame, name: str, base: Path, package: dict) -> list[Problem]:
    fields = fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]]
    ref = fk["reference"]
    ref_fields = ref["fields"] if isinstance(ref["fields"], list) else [ref["fields"]]
    target = next((r for r in package["resources"] if r["name"] == ref["resource"]), None)
    if target is None:
        return [Problem(name, None, None, "foreignKeys", f"unknown resource {ref['resource']!r}")]
    known = set(map(tuple, _load_table(target, base)[ref_fields].itertuples(index=False)))
    out = []
    for line, values in zip(frame.index, frame[fields].itertuples(index=False)):
        if tuple(values) not in known:
            out.append(Problem(name, int(line), ",".join(fields), "foreignKeys",
                               f"value {', '.join(map(repr, values))} is not in {target['path']}"))
    return out


def _check_row_rule(rule: dict, frame: pd.DataFrame, name: str) -> list[Problem]:
    """A minimum that applies only where another column is not in a set (e.g. value >= 0 unless a %)."""
    col, lo = rule["column"], rule["minimum"]
    other, exempt = rule["unless"]["column"], set(rule["unless"]["in"])
    out = []
    for line in frame.index:
        if frame.at[line, other] in exempt:
            continue
        v = frame.at[line, col]
        if _is_number(v) and float(v) < lo:
            out.append(Problem(name, int(line), col, rule["name"],
                               f"value {v!r} is below the minimum {lo} ({rule['name']})"))
    return out


def validate_package(descriptor: str | Path, prefixes: list[str] | None = None) -> dict:
    """Validate every resource (or those whose path starts with one of `prefixes`, plus the
    resources their foreign keys point to); return a small report, or raise ValidationError."""
    descriptor = Path(descriptor)
    if not descriptor.exists():
        raise ValidationError([Problem(rel(descriptor), None, None, "package", "descriptor is missing")])
    package = read_json(descriptor)
    base = descriptor.parent
    problems: list[Problem] = []
    report = {"package": rel(descriptor), "resources": []}
    chosen = [r for r in package["resources"] if not prefixes or any(r["path"].startswith(p) for p in prefixes)]
    if not chosen:
        raise ValidationError([Problem(rel(descriptor), None, None, "package", f"no resource matches {prefixes}")])
    for resource in chosen:
        found = validate_resource(resource, base, package)
        problems.extend(found)
        report["resources"].append({"name": resource["name"], "path": rel(base / resource["path"]),
                                    "sha256": resource.get("hash", "").partition(":")[2],
                                    "valid": not found})
    if problems:
        raise ValidationError(problems)
    return report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("descriptors", nargs="+", help="datapackage.json files")
    ap.add_argument("--only", nargs="*", default=None, help="validate only resources whose path starts with these prefixes")
    ap.add_argument("--report", help="write a JSON report of what was validated")
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
    print(f"valid: {', '.join(args.descriptors)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
