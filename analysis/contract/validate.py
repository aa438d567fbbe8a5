"""Validate a Frictionless-style data package before anything is derived from it.

The package descriptor (datapackage.json) is the contract, written by
analysis/contract/manifest.py.  The checks, in the order they run:

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
   shares summing to at most 100, no part above its whole), all within the rounding
   of the printed figures.
   A case the source itself gets wrong is documented in the manifest's
   `x-exceptions` (the group it is in, named completely by `where`; the figures
   that break the rule, as printed, by `values`; the rule; the reason): it is a
   finding, listed in the report, not an error.  An exception excuses exactly that
   fact: another violation in its group, or a changed figure, is an error, and so
   is a documented exception that no longer occurs.

The descriptor is itself checked before any file is read (check_descriptor): every resource has a
unique name and a unique path confined to the package folder (no absolute path, no `..`, no NUL, no
brace, which Snakemake would read as a wildcard); every schema has fields of a type the validator
implements (string, integer, number, date, year), constraints of the right type and patterns that
compile; keys, rules and cross-checks name fields that exist.  A symlink whose target leaves the
folder is refused, and files inside a symlinked folder are listed like any other.

Limits, stated so that any input is answered in about linear time: a file above MAX_FILE_BYTES
(8 MiB) is refused unread, a cell above MAX_CELL_CHARS (10,000 characters) is refused, and every check
across rows uses hashing, not pairwise comparison.  Digits are ASCII only: a number written with
digits of another script (full-width, Arabic-Indic) is refused with the character named, and every
manifest pattern is matched with ASCII classes (a digit class means 0-9 only).  A number in scientific notation
(`1.5e3`) is refused: sources print plain figures, and the precision of a figure is read from its
decimals downstream.  Line endings are LF (or CRLF); a lone CR is refused.  Rows are named by the
physical line on which they start, as a text editor shows it, also after a quoted newline.

Cell checks run through pandera; file-level checks are plain Python.  Every
broken rule is one message `<file>, row <n>, column '<c>': <detail> [rule: <rule>]`
naming the file, the row (the line number in the file), the column and the rule;
the first one stops the workflow and no report is written.

Run on its own:  python -m analysis.contract.validate data/raw/datapackage.json [--only arms/] \
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
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.io import rel, write_json

HASH_FORM = re.compile(r"sha256:[0-9a-f]{64}")
MAX_FILE_BYTES = 8 * 2**20  # a raw or published file above this size is refused unread
MAX_CELL_CHARS = 10_000  # a cell longer than this is refused (the longest real cell, a quote, has about 300)
FIELD_TYPES = ("string", "integer", "number", "date", "year")  # the Table Schema types this validator implements
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

_INTEGER = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _is_integer(v: str) -> bool:
    return _INTEGER.fullmatch(v) is not None


def _is_number(v: str) -> bool:
    """A plain decimal in ASCII digits ('205.2', '-8', '.5'); no exponent, no other script's digits."""
    return _DECIMAL.fullmatch(v) is not None


def _is_date(v: str) -> bool:
    """ISO date that exists on the calendar (2024-02-30 does not)."""
    if _ISO_DATE.fullmatch(v) is None:
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
        rx = re.compile(cons["pattern"], re.ASCII)
        checks.append(("constraints.pattern", lambda v, r=rx: (not present(v)) or r.fullmatch(v) is not None))
    if numeric and "minimum" in cons:
        lo = cons["minimum"]
        checks.append(("constraints.minimum", lambda v, lo=lo: (x := _num(v)) is None or x >= lo))
    if numeric and "maximum" in cons:
        hi = cons["maximum"]
        checks.append(("constraints.maximum", lambda v, hi=hi: (x := _num(v)) is None or x <= hi))
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
        why = _why_not_number(str(value)) if isinstance(value, str) else ""
        return f"value {shown} is not of type {field.get('type')}" + (f": {why}" if why else "")
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


def foreign_digits(text: str) -> list[str]:
    """Digits of scripts other than ASCII in `text`, each named ('\uff12' -> 'FULLWIDTH DIGIT TWO')."""
    import unicodedata
    return [f"{c!r} ({unicodedata.name(c, 'U+%04X' % ord(c))})" for c in dict.fromkeys(text)
            if c.isdigit() and not ("0" <= c <= "9")]


def _why_not_number(v: str) -> str:
    """The reason a value that looks numeric is refused, so the message leads to the cause."""
    other = foreign_digits(v)
    if other:
        return f"it has digits of another script ({', '.join(other)}); write ASCII digits 0-9"
    if re.fullmatch(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)[eE][+-]?[0-9]+", v):
        return ("scientific notation is not accepted: write the figure as the source prints it, with its "
                "decimals (the decimals state its precision)")
    import unicodedata
    if v[:1] in "\u2212\u2012\u2013\ufe63\uff0d" and _DECIMAL.fullmatch(v[1:]):
        return f"it begins with {unicodedata.name(v[0])} (U+{ord(v[0]):04X}); a raw value's minus is the ASCII '-'"
    spaces = [c for c in dict.fromkeys(v) if c.isspace() or unicodedata.category(c) == "Zs"]
    if spaces and re.fullmatch(r"[0-9.,\s\u00a0\u202f\u2009\u2007+-]+", v):
        named = ", ".join(f"{unicodedata.name(c, 'SPACE')} (U+{ord(c):04X})" for c in spaces)
        return f"it has a space between its digits ({named}); raw values are written without thousands separators"
    if re.fullmatch(r"[+-]?[0-9]+,[0-9]+", v):
        return "it has a decimal comma; raw values use a decimal point, as the sources' files do"
    return ""


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


class CsvProblem(Exception):
    """A text that is not a CSV the checks can read: (line, rule, detail)."""

    def __init__(self, line: int | None, rule: str, detail: str, index: int | None = None):
        super().__init__(detail)
        self.line, self.rule, self.detail, self.index = line, rule, detail, index


def records(text: str) -> tuple[list[int], list[list[str]]]:
    """The CSV records of `text` and the physical line each starts on (1 = first line), as an editor
    numbers them, also after a quoted newline.  A lone CR, a cell above MAX_CELL_CHARS, a direction control or a
    lone surrogate in a cell, or a text the csv module cannot read raise CsvProblem with its line.  Every cell
    is in Unicode's composed form (NFC), so that a label typed decomposed (NFD) matches its composed form:
    normalised here, once, where the text is read."""
    lone_cr = re.search(r"\r(?!\n)", text)
    if lone_cr:
        line = text.count("\n", 0, lone_cr.start()) + 1
        raise CsvProblem(line, "line endings", "the line ends with a lone CR (carriage return without a line feed, "
                                               "as old Mac files have); save the file with LF line endings")
    reader = csv.reader(io.StringIO(text, newline=""))
    starts, rows, end = [], [], 0
    try:
        for row in reader:
            starts.append(end + 1)
            end = reader.line_num
            rows.append(row)
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise CsvProblem(end + 1, "cell size", f"a cell is longer than the csv module reads "
                                                   f"({csv.field_size_limit()} characters); the limit is "
                                                   f"{MAX_CELL_CHARS}") from None
        raise CsvProblem(end + 1, "csv", f"not readable as CSV: {exc}") from None
    for line, row in zip(starts, rows):
        for i, cell in enumerate(row):
            if len(cell) > MAX_CELL_CHARS:
                raise CsvProblem(line, "cell size", f"cell {i + 1} has {len(cell)} characters; the limit is "
                                                    f"{MAX_CELL_CHARS}", index=i)
    if UNSEEN.search(text):  # one search of the whole text; the cell is looked for only when there is one
        for line, row in zip(starts, rows):
            for i, cell in enumerate(row):
                why = unseen_problem(cell)
                if why:
                    raise CsvProblem(line, "text", why, index=i)
    if not unicodedata.is_normalized("NFC", text):
        rows = [[unicodedata.normalize("NFC", cell) for cell in row] for row in rows]
    return starts, rows


# Characters a text field may not hold: the controls that change the direction of the text around them (a
# right-to-left override shows a quote reversed) and lone surrogates (no UTF-8 file can hold one; JSON's \ud800
# escape can).
UNSEEN = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def unseen_problem(text: str) -> str | None:
    """Why a text field is refused (a direction control or a lone surrogate, named), or None."""
    m = UNSEEN.search(text)
    if m is None:
        return None
    c = m.group()
    if "\ud800" <= c <= "\udfff":
        return (f"the text holds a lone surrogate (U+{ord(c):04X}) at character {m.start() + 1}, which is no "
                "character: no UTF-8 file can hold it")
    return (f"the text holds {unicodedata.name(c)} (U+{ord(c):04X}) at character {m.start() + 1}, which changes "
            "the direction in which the text around it is shown: remove it")


def _split(text: str, header: bool) -> tuple[list[str] | None, list[int], list[list[str]]]:
    """(header, lines, rows): the data rows with the physical line each starts on."""
    lines, rows = records(text)
    if header:
        if not rows:
            return None, [], []
        return rows[0], lines[1:], rows[1:]
    return None, lines, rows


def _read_rows(path: Path, header: bool) -> tuple[list[str] | None, list[int], list[list[str]]]:
    return _split(path.read_text(encoding="utf-8"), header)


def _header(resource: dict) -> bool:
    return resource.get("dialect", {}).get("header", True)


def _frame(resource: dict, lines: list[int], rows: list[list[str]]) -> pd.DataFrame:
    """Rows as strings, indexed by the line number on which each starts in the file."""
    names = [f["name"] for f in resource["schema"]["fields"]]
    frame = pd.DataFrame(rows, columns=names, dtype=object)
    frame.index = pd.Index(lines, dtype="int64")
    return frame


def _load_table(resource: dict, base: Path) -> pd.DataFrame:
    _, lines, rows = _read_rows(base / resource["path"], _header(resource))
    return _frame(resource, lines, rows)


# --- 1-3: descriptor, listing, integrity ------------------------------------------

def read_descriptor(descriptor: Path) -> dict:
    """The descriptor as a dict, or ValidationError naming its line and column if it is not valid JSON,
    or naming the place in it (resources[i]...) of every entry the checks could not use."""
    name = rel(descriptor)
    if not descriptor.is_file():
        where = Path(descriptor).absolute()
        raise ValidationError([Problem(name, None, None, "package",
                                       f"descriptor is missing: no file at {where} (a relative path is read from "
                                       f"the working directory, {Path.cwd()}: run from the repository's folder, "
                                       "or give the full path)")])
    size = descriptor.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ValidationError([Problem(name, None, None, "package.size",
                                       f"descriptor has {size} bytes, above the limit of {MAX_FILE_BYTES}")])
    try:
        package = json.loads(descriptor.read_bytes().decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ValidationError([Problem(name, None, None, "package.json", f"descriptor is not UTF-8 ({exc.reason})")])
    except json.JSONDecodeError as exc:
        raise ValidationError([Problem(name, exc.lineno, str(exc.colno), "package.json",
                                       f"invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})")])
    except RecursionError:
        raise ValidationError([Problem(name, None, None, "package.json",
                                       "the JSON is nested too deeply to read; a descriptor is a few levels deep")])
    if not isinstance(package, dict) or not isinstance(package.get("resources"), list):
        raise ValidationError([Problem(name, None, None, "package.json", "the descriptor has no list 'resources'")])
    unseen = [Problem(name, None, place, "package.text", why) for place, why in _unseen_in(package, "")]
    if unseen:
        raise ValidationError(unseen)
    try:
        package = _nfc(package)
    except RecursionError:
        raise ValidationError([Problem(name, None, None, "package.json",
                                       "the JSON is nested too deeply to read; a descriptor is a few levels deep")])
    problems = check_descriptor(package, name)
    if problems:
        raise ValidationError(problems)
    return package


def _unseen_in(value, place: str):
    """(place, why) for every string of the descriptor (key or value) that holds a direction control or a lone
    surrogate; a place is named like the shape checks name it (`<resource name>.<key>...`)."""
    stack = [(value, place)]
    while stack:  # iterative: the descriptor's depth is bounded only by the JSON reader
        v, at = stack.pop()
        if isinstance(v, str):
            why = unseen_problem(v)
            if why:
                yield at or "descriptor", why
        elif isinstance(v, list):
            named = at == "resources"
            for i, x in reversed(list(enumerate(v))):
                own = x.get("name") if named and isinstance(x, dict) and isinstance(x.get("name"), str) \
                    and not unseen_problem(x["name"]) else None
                stack.append((x, own or f"{at}[{i}]"))
        elif isinstance(v, dict):
            for k, x in reversed(list(v.items())):
                where = f"{at}.{k}" if at else str(k)
                why = unseen_problem(str(k))
                if why:
                    yield where, f"the key {why.removeprefix('the text ')}"
                stack.append((x, where))


def _nfc(value, key: str = ""):
    """The descriptor with every name, label and text in Unicode's composed form (NFC), so that a field name
    or an allowed value typed decomposed matches the file's (whose cells are NFC too).  A `path` is kept as
    written: it is compared with the names on the disk, byte for byte."""
    if isinstance(value, str):
        return value if key == "path" else unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_nfc(x, key) for x in value]
    if isinstance(value, dict):
        return {unicodedata.normalize("NFC", k): _nfc(x, k) for k, x in value.items()}
    return value


# --- the descriptor's own shape: every entry the checks read, of the type they read ------------------

def _is_num(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and v == v and abs(v) != float("inf")


def _is_int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_scalar(v) -> bool:
    return isinstance(v, (str, int, float)) and not isinstance(v, bool)


def _one_of(v, allowed) -> bool:
    """v is a string among `allowed` (a value of the wrong type, even an unhashable one, is not)."""
    return isinstance(v, str) and v in allowed


def _names(v) -> list | None:
    """A field list as the Table Schema allows it (a name or a list of names), or None if it is neither."""
    if isinstance(v, str):
        return [v]
    if isinstance(v, list) and v and all(isinstance(x, str) for x in v):
        return v
    return None


def path_problem(path: str) -> str | None:
    """Why a resource path could leave its folder or trip the workflow, or None if it is a plain relative path."""
    if "\x00" in path:
        return "the path contains a NUL character"
    if any(ord(c) < 32 for c in path):
        return "the path contains a control character"
    if path.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", path):
        return "the path is absolute; it must be relative to the package folder"
    if "\\" in path:
        return "the path contains a backslash; use '/' between folders"
    parts = path.split("/")
    if ".." in parts:
        return "the path contains '..' and would leave the package folder"
    if "" in parts or "." in parts:
        return "the path has an empty or '.' segment; write it plainly (folder/file.csv)"
    if "{" in path or "}" in path:
        return ("the path contains a brace, which the workflow cannot take (Snakemake reads braces as "
                "wildcards); rename the file")
    return None


def _pattern_problem(pattern) -> str | None:
    if not isinstance(pattern, str):
        return f"a pattern must be a string, not {type(pattern).__name__}"
    try:
        re.compile(pattern, re.ASCII)
    except (re.error, RecursionError, OverflowError) as exc:
        return f"pattern {pattern!r} is not a valid regular expression ({exc})"
    return None


CROSS_KEYS = {  # what each kind of x-crossChecks reads: key -> 'field', 'fields', 'str', 'strs', 'num', 'where', 'ref'
    "parts_sum_to_total": {"group": "fields", "category": "field", "value": "field", "parts": "strs", "total": "str"},
    "part_at_most_total": {"group": "fields", "category": "field", "value": "field", "parts": "parts", "total": "str"},
    "sum_matches_reference": {"group": "field", "value": "field", "reference": "ref", "perRowRounding": "num"},
    "sum_at_most": {"group": "fields", "value": "field", "limit": "num"},
    "row_total": {"columns": "fields", "total": "field", "label": "field"},
    "row_at_most_row": {"columns": "fields", "label": "field", "part": "str", "whole": "str"},
    "row_at_most_reference": {"columns": "fields", "label": "field", "part": "str", "reference": "rowref"},
    "one_name_per_site": {"url": "field", "value": "field"},
}


def _check_resource_shape(r: dict, i: int, names: dict[str, list[str]]) -> list[tuple[str, str, str]]:
    """(place, rule, detail) for every entry of one resource the checks could not use."""
    out = []
    at = r["name"]  # the place of a problem: the resource's name (unique, checked first), then the key

    def bad(place: str, rule: str, detail: str) -> None:
        out.append((f"{at}.{place}" if place else at, rule, detail))

    if "bytes" in r and not (_is_int(r["bytes"]) and r["bytes"] >= 0):
        bad("bytes", "resource.bytes", f"'bytes' is {r['bytes']!r}; it must be a non-negative integer")
    if "dialect" in r and (not isinstance(r["dialect"], dict) or not isinstance(r["dialect"].get("header", True), bool)):
        bad("dialect", "resource.dialect", "'dialect' must be an object whose 'header' is true or false")
    if "format" in r and not isinstance(r["format"], str):
        bad("format", "resource.format", "'format' must be a string")
    for key in ("title", "description"):
        if key in r and not isinstance(r[key], str):
            bad(key, "resource.metadata", f"{key!r} must be a string")
    for key, why in _metadata_problems(r):
        bad(key, "resource.metadata", why)
    schema = r.get("schema")
    if schema is None:
        return out
    if not isinstance(schema, dict):
        bad("schema", "resource.schema", "'schema' must be an object with a list 'fields'")
        return out
    fields = schema.get("fields")
    if not isinstance(fields, list) or not fields:
        bad("schema", "resource.schema", "the schema has no fields: a Table Schema needs a non-empty list 'fields'")
        return out
    fnames: list[str] = []
    for j, f in enumerate(fields):
        place = f"schema.fields[{j}]"
        if not isinstance(f, dict) or not isinstance(f.get("name"), str) or not f["name"]:
            bad(place, "schema.fields", "every field needs a 'name' (a non-empty string)")
            continue
        if f["name"] in fnames:
            bad(place, "schema.fields unique", f"field name {f['name']!r} is used twice")
        fnames.append(f["name"])
        ftype = f.get("type", "string")
        if ftype not in FIELD_TYPES:
            bad(f"{place}.type", "schema.fields type",
                f"field {f['name']!r} has type {ftype!r}, which the validator does not implement "
                f"({', '.join(FIELD_TYPES)})")
        for key in ("x-label", "unit", "description"):
            if key in f and not isinstance(f[key], str):
                bad(f"{place}.{key}", "schema.fields", f"{key!r} of field {f['name']!r} must be a string")
        cons = f.get("constraints", {})
        if not isinstance(cons, dict):
            bad(f"{place}.constraints", "schema.constraints", "'constraints' must be an object")
            continue
        for key, v in cons.items():
            cplace = f"{place}.constraints.{key}"
            if key == "required" and not isinstance(v, bool):
                bad(cplace, "schema.constraints", f"'required' must be true or false, not {v!r}")
            elif key in ("minimum", "maximum") and not _is_num(v):
                bad(cplace, "schema.constraints", f"{key!r} of field {f['name']!r} must be a number, not {v!r}")
            elif key == "enum" and not (isinstance(v, list) and v and all(isinstance(x, (str, int, float)) for x in v)):
                bad(cplace, "schema.constraints", "'enum' must be a non-empty list of values")
            elif key == "pattern" and _pattern_problem(v):
                bad(cplace, "schema.constraints", _pattern_problem(v))
            elif key not in ("required", "minimum", "maximum", "enum", "pattern"):
                bad(cplace, "schema.constraints", f"constraint {key!r} is not implemented by the validator")
    known = set(fnames)

    def fields_ok(place: str, v, what: str) -> None:
        got = _names(v)
        if got is None:
            bad(place, what, "must name a field or a list of fields")
        elif set(got) - known:
            bad(place, what, f"names {', '.join(map(repr, sorted(set(got) - known)))}, not a field of this schema")

    if "primaryKey" in schema:
        fields_ok("schema.primaryKey", schema["primaryKey"], "schema.primaryKey")
    fks = schema.get("foreignKeys", [])
    if not isinstance(fks, list):
        bad("schema.foreignKeys", "schema.foreignKeys", "'foreignKeys' must be a list")
        fks = []
    for j, fk in enumerate(fks):
        place = f"schema.foreignKeys[{j}]"
        ref = fk.get("reference") if isinstance(fk, dict) else None
        if not isinstance(ref, dict) or not isinstance(ref.get("resource"), str) or _names(ref.get("fields")) is None:
            bad(place, "schema.foreignKeys", "a foreign key needs 'fields' and a 'reference' with 'resource' and 'fields'")
            continue
        fields_ok(f"{place}.fields", fk.get("fields"), "schema.foreignKeys")
        if ref["resource"] not in names:
            bad(f"{place}.reference.resource", "schema.foreignKeys", f"unknown resource {ref['resource']!r}")
        elif set(_names(ref["fields"])) - set(names[ref["resource"]]):
            bad(f"{place}.reference.fields", "schema.foreignKeys",
                f"{_names(ref['fields'])} are not all fields of resource {ref['resource']!r}")
        elif len(_names(ref["fields"])) != len(_names(fk.get("fields")) or []):
            bad(place, "schema.foreignKeys", "'fields' and 'reference.fields' differ in length")

    def rule_list(key: str) -> list:
        v = r.get(key, [])
        if not isinstance(v, list) or not all(isinstance(x, dict) for x in v):
            bad(key, key, f"{key!r} must be a list of objects")
            return []
        return v

    for j, rule in enumerate(rule_list("x-rowChecks")):
        place = f"x-rowChecks[{j}]"
        if not isinstance(rule.get("name"), str):
            bad(place, "x-rowChecks", "every row check needs a 'name'")
        fields_ok(place, rule.get("columns", rule.get("column")), "x-rowChecks")
        for key in ("minimum", "maximum"):
            if key in rule and not _is_num(rule[key]):
                bad(f"{place}.{key}", "x-rowChecks", f"{key!r} must be a number, not {rule[key]!r}")
        for key in ("where", "unless"):
            if key in rule:
                w = rule[key]
                if not isinstance(w, dict) or not _one_of(w.get("column"), known) or not isinstance(w.get("in"), list) \
                        or not all(_is_scalar(x) for x in w["in"]):
                    bad(f"{place}.{key}", "x-rowChecks", f"{key!r} needs a 'column' of this schema and a list 'in'")
    for j, req in enumerate(rule_list("x-requiredRows")):
        place = f"x-requiredRows[{j}]"
        where = req.get("where", {})
        if not isinstance(where, dict) or set(where) - known:
            bad(f"{place}.where", "x-requiredRows", "'where' must map fields of this schema to values")
        else:
            for col, want in where.items():
                if isinstance(want, dict):
                    why = _pattern_problem(want.get("pattern"))
                    if why:
                        bad(f"{place}.where.{col}", "x-requiredRows", why)
                elif not isinstance(want, (str, int, float)) or isinstance(want, bool):
                    bad(f"{place}.where.{col}", "x-requiredRows", f"the value of {col!r} must be a string or number")
        for key in ("minRows", "maxRows"):
            if key in req and not (_is_int(req[key]) and req[key] >= 0):
                bad(f"{place}.{key}", "x-requiredRows", f"{key!r} must be a non-negative integer, not {req[key]!r}")
        if not isinstance(req.get("for"), str):
            bad(f"{place}.for", "x-requiredRows", "every required-rows rule says whom it is 'for' (a string)")
    checks = rule_list("x-crossChecks")
    for j, chk in enumerate(checks):
        place = f"x-crossChecks[{j}]"
        kind = chk.get("kind")
        if not _one_of(kind, CROSS_KEYS):
            bad(f"{place}.kind", "x-crossChecks", f"kind {kind!r} is not implemented ({', '.join(CROSS_KEYS)})")
            continue
        if not isinstance(chk.get("name"), str):
            bad(f"{place}.name", "x-crossChecks", "every cross-check needs a 'name'")
        for key, how in CROSS_KEYS[kind].items():
            v = chk.get(key)
            if how in ("field", "fields"):
                got = _names(v)
                if got is None or (how == "field" and not isinstance(v, str)):
                    bad(f"{place}.{key}", "x-crossChecks", f"{key!r} must name {'a field' if how == 'field' else 'fields'}")
                elif set(got) - known:
                    bad(f"{place}.{key}", "x-crossChecks", f"{key!r} names {sorted(set(got) - known)}, not fields of this schema")
            elif how == "str" and not isinstance(v, str):
                bad(f"{place}.{key}", "x-crossChecks", f"{key!r} must be a string")
            elif how == "strs" and _names(v) is None:
                bad(f"{place}.{key}", "x-crossChecks", f"{key!r} must be a list of strings")
            elif how == "parts" and v != "*" and _names(v) is None:
                bad(f"{place}.{key}", "x-crossChecks", f"{key!r} must be a list of strings or '*'")
            elif how == "num" and not _is_num(v):
                bad(f"{place}.{key}", "x-crossChecks", f"{key!r} must be a number, not {v!r}")
            elif how == "rowref":
                if not isinstance(v, dict) or not _one_of(v.get("resource"), names) or not isinstance(v.get("label"), str) \
                        or not isinstance(v.get("whole"), str) or v["label"] not in names[v["resource"]]:
                    bad(f"{place}.{key}", "x-crossChecks", "'reference' needs a known 'resource', a 'label' field of it "
                                                           "and the 'whole' row's label")
            elif how == "ref":
                if not isinstance(v, dict) or not _one_of(v.get("resource"), names) or not _is_num(v.get("halfUnit")) \
                        or not _is_num(v.get("scale", 1)):
                    bad(f"{place}.{key}", "x-crossChecks", "'reference' needs a known 'resource', a number "
                                                           "'halfUnit' and (optionally) a number 'scale'")
        where = chk.get("where", {})
        if not isinstance(where, dict) or set(where) - known or any(
                isinstance(w, dict) and _pattern_problem(w.get("pattern")) for w in where.values()):
            bad(f"{place}.where", "x-crossChecks", "'where' must map fields of this schema to values or valid patterns")
    by_name = {c.get("name"): c for c in checks if isinstance(c.get("name"), str)}
    for j, e in enumerate(rule_list("x-exceptions")):
        place = f"x-exceptions[{j}]"
        if not _one_of(e.get("check"), by_name):
            bad(f"{place}.check", "x-exceptions", f"{e.get('check')!r} is not a cross-check of this resource")
        if not isinstance(e.get("where"), dict) or set(e["where"]) - known or \
                not all(_is_scalar(x) for x in e["where"].values()):
            bad(f"{place}.where", "x-exceptions", "'where' must map fields of this schema to values")
        elif _one_of(e.get("check"), by_name) and (need := _group_fields(by_name[e["check"]])) is not None \
                and set(e["where"]) != set(need):
            bad(f"{place}.where", "x-exceptions",
                f"'where' names {', '.join(sorted(e['where'], key=lambda c: need.index(c) if c in need else len(need))) or 'no field'}; a group of {e['check']!r} is named by "
                f"{', '.join(need)}: an exception names its group completely, so that it excuses one group only")
        values = e.get("values")
        if not isinstance(values, dict) or not values or not all(isinstance(k, str) and isinstance(x, str)
                                                                 for k, x in values.items()):
            bad(f"{place}.values", "x-exceptions", "every documented exception names the values it excuses ('values': "
                                                   "each figure as printed, by what it is), so that a changed value is "
                                                   "not excused")
        if not isinstance(e.get("reason"), str) or not e.get("reason"):
            bad(f"{place}.reason", "x-exceptions", "every documented exception gives its 'reason'")
    return out


def _group_fields(chk: dict) -> list[str] | None:
    """The fields that name one group of a cross-check (what its violations are keyed by), or None if the
    check's shape is not readable (refused on its own)."""
    kind = chk.get("kind")
    if kind in ("parts_sum_to_total", "part_at_most_total", "sum_at_most"):
        return _names(chk.get("group"))
    if kind == "sum_matches_reference":
        return [chk["group"]] if isinstance(chk.get("group"), str) else None
    if kind in ("row_total", "row_at_most_row", "row_at_most_reference"):
        return [chk["label"]] if isinstance(chk.get("label"), str) else None
    if kind == "one_name_per_site":
        return [chk["url"]] if isinstance(chk.get("url"), str) else None
    return None


def _field_names(r: dict) -> list[str]:
    """The field names of a resource's schema, as far as they can be read (for foreign keys into it)."""
    fields = r.get("schema", {}).get("fields") if isinstance(r.get("schema"), dict) else None
    return [f["name"] for f in fields if isinstance(f, dict) and isinstance(f.get("name"), str)] \
        if isinstance(fields, list) else []


def _metadata_problems(obj: dict) -> list[tuple[str, str]]:
    """The metadata the manuscript's data statement reads (licences, sources, gaps), of the shapes it reads."""
    out = []
    for key in ("licenses", "sources"):
        v = obj.get(key, [])
        if not isinstance(v, list) or not all(
                isinstance(x, dict) and isinstance(x.get("title", x.get("name")), str)
                and all(isinstance(x[k], str) for k in ("name", "title", "path") if k in x) for x in v):
            out.append((key, f"{key!r} must be a list of objects, each with a 'title' or 'name' (strings)"))
        elif not all(isinstance(x.get("x-title-vi", ""), str) for x in v):
            out.append((key, f"each of {key!r} may have an 'x-title-vi' (its title in Vietnamese), a string"))
    gaps = obj.get("x-not-consulted", [])
    if not isinstance(gaps, list) or not all(isinstance(x, str) for x in gaps):
        out.append(("x-not-consulted", "'x-not-consulted' must be a list of sentences (strings)"))
    # the Vietnamese edition's words beside the English ones: the same text in another language, so the same numbers
    if "x-title-vi" in obj:
        if not isinstance(obj["x-title-vi"], str) or not obj["x-title-vi"]:
            out.append(("x-title-vi", "'x-title-vi' must be a non-empty string (the title in Vietnamese)"))
        elif isinstance(obj.get("title"), str) and _digits(obj["x-title-vi"]) != _digits(obj["title"]):
            out.append(("x-title-vi", f"'x-title-vi' states the numbers {sorted(_digits(obj['x-title-vi']))}, "
                                      f"'title' {sorted(_digits(obj['title']))}: a translation states the same ones"))
    if "x-not-consulted-vi" in obj:
        vi = obj["x-not-consulted-vi"]
        if not isinstance(vi, list) or not all(isinstance(x, str) for x in vi) or not isinstance(gaps, list) \
                or len(vi) != len(gaps):
            out.append(("x-not-consulted-vi", "'x-not-consulted-vi' must be a list of sentences (strings), one for "
                                              "each note of 'x-not-consulted'"))
        else:
            for i, (en, tr) in enumerate(zip(gaps, vi)):
                if isinstance(en, str) and _digits(en) != _digits(tr):
                    out.append((f"x-not-consulted-vi[{i}]", f"note {i} states the numbers {sorted(_digits(tr))} in "
                                f"Vietnamese and {sorted(_digits(en))} in English: a translation states the same ones"))
    return out


def _digits(text: str) -> set[str]:
    """The runs of digits of a text (a number's groups and decimals, whatever its separators)."""
    return set(re.findall(r"\d+", text))


def check_descriptor(package: dict, name: str) -> list[Problem]:
    """The descriptor's own contract: names and paths present, unique and confined; schemas usable."""
    problems = [Problem(name, None, key, "package.metadata", why) for key, why in _metadata_problems(package)]
    resources = package["resources"]
    names = {r["name"]: _field_names(r) for r in resources if isinstance(r, dict) and isinstance(r.get("name"), str)}
    seen_names: dict[str, int] = {}
    seen_paths: dict[str, int] = {}
    for i, r in enumerate(resources):
        if not isinstance(r, dict) or not isinstance(r.get("path"), str) or not isinstance(r.get("name"), str) \
                or not r["name"] or not r["path"]:
            problems.append(Problem(name, None, f"resources[{i}]", "resource.path",
                                    "every resource needs a 'name' and a 'path' (non-empty strings)"))
            continue
        why = path_problem(r["path"])
        if why:
            problems.append(Problem(name, None, f"{r['name']}.path", "resource.path", f"{r['path']!r}: {why}"))
            continue
        if r["name"] in seen_names:
            problems.append(Problem(name, None, f"resources[{i}].name", "resource.name unique",
                                    f"name {r['name']!r} is also the name of resources[{seen_names[r['name']]}]; "
                                    "every resource needs its own name"))
        seen_names.setdefault(r["name"], i)
        if r["path"] in seen_paths:
            problems.append(Problem(name, None, f"resources[{i}].path", "resource.path unique",
                                    f"path {r['path']!r} is also the path of resources[{seen_paths[r['path']]}]; "
                                    "each file is described once"))
        seen_paths.setdefault(r["path"], i)
        if r["name"] in seen_names and seen_names[r["name"]] != i:
            continue  # the duplicate is refused above; its shape is named once the names are unique
        for place, rule, detail in _check_resource_shape(r, i, names):
            problems.append(Problem(name, None, place, rule, detail))
    return problems


def _in_scope(path: str, prefixes: list[str] | None) -> bool:
    return not prefixes or any(path.startswith(p) for p in prefixes)


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return True


def _own_name(path: Path) -> str:
    """A file's name as the package lists it: its folder from the repository root, then its own name,
    not resolved (a symbolic link is named where it is, not where it points)."""
    return f"{rel(path.parent)}/{path.name}"


def _walk(base: Path) -> tuple[list[Path], list[Path]]:
    """(files, links that leave base): every file under base, also inside symlinked folders that stay
    within it, and every symlink whose target is outside base.  A folder that links back to one of its
    own ancestors is not entered again."""
    real_base = base.resolve()
    files, leaving = [], []
    stack = [(base, frozenset())]
    while stack:
        folder, ancestors = stack.pop()
        real = folder.resolve()
        if real in ancestors:
            continue
        for entry in sorted(folder.iterdir()):
            if entry.is_symlink() and not _inside(entry.resolve(), real_base):
                leaving.append(entry)
            elif entry.is_dir():
                stack.append((entry, ancestors | {real}))
            elif entry.is_file():
                files.append(entry)
    return sorted(files), sorted(leaving)


def check_listing(package: dict, descriptor: Path, prefixes: list[str] | None = None) -> list[Problem]:
    """Every file under the package folder (but the descriptor) must be a resource; no symlink may lead
    out of the folder; no file name may hold a brace."""
    base = descriptor.parent
    listed = {r["path"] for r in package["resources"]}
    files, leaving = _walk(base)
    out = []
    for p in leaving:
        path = p.relative_to(base).as_posix()
        if _in_scope(path, prefixes):
            out.append(Problem(_own_name(p), None, None, "package.files symlink",
                               f"is a symbolic link to {p.resolve()}, outside the package folder {rel(base)}; "
                               "keep the data inside it"))
    for p in files:
        if p.resolve() == descriptor.resolve():
            continue
        path = p.relative_to(base).as_posix()
        if not _in_scope(path, prefixes):
            continue
        if "{" in path or "}" in path:
            out.append(Problem(_own_name(p), None, None, "package.files name",
                               "the file name contains a brace, which the workflow cannot take (Snakemake reads "
                               "braces as wildcards); rename the file"))
        elif path not in listed:
            out.append(Problem(_own_name(p), None, None, "package.files",
                               f"file is not listed in {rel(descriptor)}: describe it in analysis/contract/manifest.py and "
                               "regenerate the manifest (python -m analysis.contract.manifest), or remove it"))
    return out


def check_integrity(resource: dict, base: Path) -> list[Problem]:
    """The file exists and matches the recorded bytes and sha256; both must be recorded."""
    path = base / resource["path"]
    name = _own_name(path)
    if not _inside(path.resolve(), base.resolve()):
        return [Problem(name, None, None, "resource.path", f"the path leads to {path.resolve()}, outside the package "
                                                           f"folder {rel(base)} (through a symbolic link)")]
    if not path.is_file():
        return [Problem(name, None, None, "resource.path", "file is missing (the manifest lists it)")]
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return [Problem(name, None, None, "resource.size",
                        f"file has {size} bytes, above the limit of {MAX_FILE_BYTES} bytes (8 MiB) per file; "
                        "the inputs are extracts, not bulk downloads")]
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
                                "the manifest with python -m analysis.contract.manifest"))
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
    try:
        labels, lines, rows = _split(text, header)
    except CsvProblem as exc:
        column = None
        if exc.index is not None:
            column = f"header cell {exc.index + 1}" if header and exc.line == 1 else \
                expected_label(fields, exc.index) if exc.index < len(fields) else None
        return [Problem(name, exc.line, column, exc.rule, exc.detail)]
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
    for line, row in zip(lines, rows):
        if len(row) != len(fields):
            missing = expected_label(fields, len(row)) if len(row) < len(fields) else None
            problems.append(Problem(name, line, missing, "row length",
                                    f"row has {len(row)} cells, expected {len(fields)}"
                                    + (f"; it ends before column {missing!r}" if missing else "")))
    if problems:
        return problems
    frame = _frame(resource, lines, rows)
    checks = {n: _cell_checks(f) for n, f in zip(names, fields)}
    if not _all_cells_pass(frame, checks):
        problems.extend(_cell_failures(frame, checks, fields, name))
    pk = schema.get("primaryKey")
    pk = [pk] if isinstance(pk, str) else pk
    if pk:
        first_line: dict[tuple, int] = {}  # one pass with a hash: linear in the rows
        for line, values in zip(frame.index, frame[pk].itertuples(index=False, name=None)):
            first = first_line.setdefault(values, int(line))
            if first != line:
                shown = ", ".join(f"{k}={v!r}" for k, v in zip(pk, values))
                problems.append(Problem(name, int(line), ",".join(pk), "primaryKey",
                                        f"duplicate key ({shown}), first on line {first}"))
    if not problems:
        for rule in resource.get("x-rowChecks", []):
            problems.extend(_check_row_rule(rule, frame, name))
    order = {n: i for i, n in enumerate(names)}
    problems.sort(key=lambda p: (p.row or 0, order.get(p.column, -1)))
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
        cases = err.failure_cases
        by_name = dict(zip(names, fields))
        for col, check, index, value in zip(cases["column"], cases["check"], cases["index"], cases["failure_case"]):
            check = str(check)
            out.append(Problem(name, int(index) if pd.notna(index) else None, col, check,
                               _describe(check, by_name.get(col, {}), value)))
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
            mask &= frame[col].map(lambda v, rx=re.compile(want["pattern"], re.ASCII): rx.fullmatch(v) is not None)
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
    values: dict  # the printed values that break the rule, by what each is (an exception names exactly these)


def _fmt(x: float) -> str:
    return f"{x:.6g}"


def _cross_parts_total(chk: dict, frame: pd.DataFrame) -> list[Violation]:
    """Within each group, parts must add up to the stated total (kind 'parts_sum_to_total'), within the
    rounding of the printed figures."""
    cat, val, parts, total = chk["category"], chk["value"], chk["parts"], chk["total"]
    out = []
    for key, g in frame.groupby(chk["group"], sort=False):
        key = dict(zip(chk["group"], key if isinstance(key, tuple) else (key,)))
        by = {c: (int(line), g.at[line, val]) for line, c in zip(g.index, g[cat])}
        if total not in by or not all(p in by for p in parts):
            continue
        t_line, t_text = by[total]
        s = sum(float(by[p][1]) for p in parts)
        tol = sum(half_unit(by[p][1]) for p in parts) + half_unit(t_text)
        diff = abs(s - float(t_text))
        if diff > tol + 1e-9:
            terms = " + ".join(f"{p} {by[p][1]} (line {by[p][0]})" for p in parts)
            out.append(Violation(chk["name"], t_line, val, sorted([t_line] + [by[p][0] for p in parts]), key,
                                 f"{terms} = {_fmt(s)}, but {total} is {t_text}: they differ by {_fmt(diff)}, "
                                 f"more than the rounding of the three printed figures allows ({_fmt(tol)})",
                                 {c: by[c][1] for c in [total, *parts]}))
    return out


def _cross_part_at_most(chk: dict, frame: pd.DataFrame) -> list[Violation]:
    """No part may exceed its whole: within each group (of the rows matching `where`), every row whose
    category is one of `parts` ('*': any category but the total) is at most the largest stated total of
    the group, within the rounding of both printed figures.  A part above every stated total is an
    impossible value, refused like a malformed one."""
    cat, val, total = chk["category"], chk["value"], chk["total"]
    parts = chk["parts"]
    rows = frame[_matches(frame, chk.get("where", {}))]
    out = []
    for key, g in rows.groupby(chk["group"], sort=False):
        key = dict(zip(chk["group"], key if isinstance(key, tuple) else (key,)))
        totals = [(float(v), int(line), v) for line, v, c in zip(g.index, g[val], g[cat]) if c == total]
        if not totals:
            continue
        t_value, t_line, t_text = max(totals)
        for line, v, c in zip(g.index, g[val], g[cat]):
            if c == total or (parts != "*" and c not in parts):
                continue
            if float(v) > t_value + half_unit(v) + half_unit(t_text) + 1e-9:
                whole = "the largest stated " if len(totals) > 1 else ""
                out.append(Violation(chk["name"], int(line), val, sorted([int(line), t_line]), key,
                                     f"{c} {v} exceeds {whole}{total} {t_text} (line {t_line}) of the same "
                                     f"{', '.join(f'{k}={w!r}' for k, w in key.items())}: a part cannot be larger "
                                     "than its whole", {c: v, total: t_text}))
    return out


def _cross_row_at_most_row(chk: dict, frame: pd.DataFrame) -> list[Violation]:
    """In a wide table, the row labelled `part` is at most the row labelled `whole` in every column
    (e.g. one country's imports in a year at most the world's), within the rounding of both figures."""
    label, cols = chk["label"], chk["columns"]
    part = frame[frame[label] == chk["part"]]
    whole = frame[frame[label] == chk["whole"]]
    if part.empty or whole.empty:
        return []
    w_line = int(whole.index[0])
    return [Violation(chk["name"], line, col, [line, w_line], {label: chk["part"]},
                      f"{chk['part']} {v} exceeds {chk['whole']} {t} (line {w_line}) in column "
                      f"{col!r}: a part cannot be larger than its whole",
                      {"column": col, chk["part"]: v, chk["whole"]: t})
            for line, col, v, t in _parts_over_whole(part, whole, w_line, cols)]


def _parts_over_whole(part: pd.DataFrame, whole: pd.DataFrame, w_line: int, cols: list[str]):
    """(line, column, part value, whole value) of every cell of the part's rows larger than the whole's cell in
    the same column, beyond the rounding of both figures; empty cells are not compared."""
    for line in part.index:
        for col in cols:
            v, t = part.at[line, col], whole.at[w_line, col]
            if v != "" and t != "" and float(v) > float(t) + half_unit(v) + half_unit(t) + 1e-9:
                yield int(line), col, v, t


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
                                 f"{target['path']} has no value for {col} to check the sum against",
                                 {"sum": _fmt(s), "reference": ""}))
            continue
        want = float(ref_row[col]) * ref.get("scale", 1)
        tol = ref["halfUnit"] + chk["perRowRounding"] * len(lines)
        diff = abs(s - want)
        if diff > tol + 1e-9:
            out.append(Violation(chk["name"], lines[0], val, lines, {grp: col},
                                 f"the {len(lines)} rows with {grp}={col} (lines {', '.join(map(str, lines))}) sum to "
                                 f"{_fmt(s)}, but {target['path']} (column {col!r}) gives {_fmt(want)}: they differ by "
                                 f"{_fmt(diff)}, more than the rounding allows ({_fmt(tol)})",
                                 {"values": " + ".join(g[val]), "reference": ref_row[col]}))
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
                                 f"{chk['limit']} plus their rounding ({_fmt(tol)})", {"values": " + ".join(g[val])}))
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
                                 f"their rounding allows ({_fmt(tol)})", {"values": " + ".join(cells), total: t}))
    return out


def _cross_row_at_most_reference(chk: dict, frame: pd.DataFrame, tables: dict, package: dict) -> list[Violation]:
    """The row labelled `part` is at most the row labelled `reference.whole` of another resource in every
    column both have (e.g. Russia's deliveries to Viet Nam in a year at most Viet Nam's imports from all
    suppliers that year), within the rounding of both figures."""
    ref = chk["reference"]
    other = tables[ref["resource"]]
    target = next(r for r in package["resources"] if r["name"] == ref["resource"])
    whole = other[other[ref["label"]] == ref["whole"]]
    part = frame[frame[chk["label"]] == chk["part"]]
    if whole.empty or part.empty:
        return []
    w_line = int(whole.index[0])
    cols = [c for c in chk["columns"] if c in other.columns]
    return [Violation(chk["name"], line, col, [line], {chk["label"]: chk["part"]},
                      f"{chk['part']} {v} exceeds {ref['whole']} {t} in {target['path']} (line {w_line}) "
                      f"in column {col!r}: a part cannot be larger than its whole",
                      {"column": col, chk["part"]: v, ref["whole"]: t})
            for line, col, v, t in _parts_over_whole(part, whole, w_line, cols)]


# Hosts on which many publishers keep their files: there the site is the account (the URL's first path segment),
# or the whole host name where each customer has a host of its own (a CDN's).
SHARED_HOSTS = ("github.com",)
OWN_HOST_DOMAINS = ("cloudfront.net",)
# Second-level labels under which a country code registers names (thoidai.com.vn, chinadaily.com.cn).
_SECOND_LEVEL = ("com", "net", "org", "gov", "edu", "co", "ac")


def site(url: str) -> str:
    """The site a URL belongs to: its registered domain (the last two labels of the host, or three under a
    country's com/org/gov..., so that en.vneconomy.vn and vneconomy.vn are one site); on a host where many
    publishers keep files (github.com) the account as well.  '' for no URL."""
    from urllib.parse import urlsplit
    parts = urlsplit(url.strip())
    labels = parts.netloc.lower().split("@")[-1].split(":")[0].removeprefix("www.").split(".")
    if len(labels) < 2:
        return ""
    n = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 2
    host = ".".join(labels[-n:])
    if host in OWN_HOST_DOMAINS:
        return ".".join(labels)
    if host in SHARED_HOSTS:
        account = parts.path.strip("/").split("/")[0].lower()
        return f"{host}/{account}"
    return host


def one_name_per_site(rows: list[tuple[int, str, str]]) -> list[tuple[int, str, str, int, str]]:
    """(line, url, name) rows -> each row whose name differs from the first name given on its site:
    (line, site, name, first line, first name).  Two spellings of one publisher (VnEconomy English /
    VnEconomy; three forms of Thời báo Tài chính Việt Nam) are found by the site they share."""
    first: dict[str, tuple[int, str]] = {}
    out = []
    for line, url, name in rows:
        key = site(url)
        if not key:
            continue
        line0, name0 = first.setdefault(key, (line, name))
        if name != name0:
            out.append((line, key, name, line0, name0))
    return out


def _cross_one_name_per_site(chk: dict, frame: pd.DataFrame) -> list[Violation]:
    """Every source on one site names one publisher, spelled alike."""
    url, value = chk["url"], chk["value"]
    rows = [(int(line), frame.at[line, url], frame.at[line, value]) for line in frame.index]
    return [Violation(chk["name"], line, value, [line0, line], {url: key},
                      f"{value} {name!r} differs from {name0!r} on line {line0}, a source on the same site ({key}): "
                      "one publisher, one name (what the copy is goes in copy and copy_of)", {value: name})
            for line, key, name, line0, name0 in one_name_per_site(rows)]


def _cross_violations(chk: dict, frame: pd.DataFrame, tables: dict, package: dict) -> list[Violation]:
    kind = chk["kind"]
    if kind == "one_name_per_site":
        return _cross_one_name_per_site(chk, frame)
    if kind == "parts_sum_to_total":
        return _cross_parts_total(chk, frame)
    if kind == "part_at_most_total":
        return _cross_part_at_most(chk, frame)
    if kind == "row_at_most_row":
        return _cross_row_at_most_row(chk, frame)
    if kind == "row_at_most_reference":
        return _cross_row_at_most_reference(chk, frame, tables, package)
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


def _strs(d: dict) -> dict:
    return {str(k): str(v) for k, v in d.items()}


def _excused(exception: dict) -> dict:
    """The values an exception excuses ({} when it names none, which its shape check refuses)."""
    return exception.get("values") if isinstance(exception.get("values"), dict) else {}


def _show_values(values: dict, order: dict | None = None) -> str:
    """Figures by what they are, in the order of `order`'s keys (the manifest's JSON sorts its keys)."""
    keys = sorted(values, key=lambda k: list(order or values).index(k) if k in (order or values) else len(values))
    return ", ".join(f"{k} {values[k]}" for k in keys)


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
            key = {c: str(w) for c, w in v.key.items()}
            same_group = [i for i, e in enumerate(exceptions) if e["check"] == v.check and _strs(e["where"]) == key]
            hit = next((i for i in same_group if not used[i] and _strs(_excused(exceptions[i])) == v.values), None)
            if hit is None:
                detail = v.detail
                if same_group:  # the group has an exception, for other values: it excuses one known fact, not this
                    known = "; ".join(_show_values(_excused(exceptions[i]), v.values) for i in same_group)
                    detail += (f" (the documented exception for this group excuses {known}, not "
                               f"{_show_values(v.values)})")
                problems.append(Problem(name, v.row, v.column, f"x-crossChecks: {v.check}", detail))
            else:
                used[hit] = True
                findings.append({"file": name, "rows": v.lines, "column": v.column, "rule": f"x-crossChecks: {v.check}",
                                 "where": exceptions[hit]["where"], "values": exceptions[hit]["values"],
                                 "detail": v.detail, "reason": exceptions[hit]["reason"]})
    for e, u in zip(exceptions, used):
        if not u:
            problems.append(Problem(name, None, ",".join(_in_field_order(e["where"], frame)), "x-exceptions",
                                    f"the documented exception to {e['check']!r} for {_show_where(e['where'], frame)} no "
                                    "longer occurs; remove it from analysis/contract/manifest.py"))
    return problems, findings


# --- the package ----------------------------------------------------------------------------

def _referenced(resource: dict) -> list[str]:
    refs = [fk["reference"]["resource"] for fk in (resource.get("schema") or {}).get("foreignKeys", [])]
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


def print_problems(err: ValidationError, shown: int = 20) -> None:
    """The leading message (with the count) on the first line, then the next problems, then how many more."""
    print(err, file=sys.stderr)
    for p in err.problems[1:shown]:
        print(f"  also: {p}", file=sys.stderr)
    if len(err.problems) > shown:
        print(f"  ... and {len(err.problems) - shown} more", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("descriptors", nargs="+", help="datapackage.json files")
    ap.add_argument("--only", nargs="*", default=None, help="validate only resources whose path starts with these prefixes")
    ap.add_argument("--report", help="write a JSON report of what was validated (with the documented exceptions)")
    ap.add_argument("--list-exceptions", action="store_true",
                    help="print the documented exceptions (findings in the sources, not errors)")
    args = ap.parse_args(argv)
    reports = []
    for d in args.descriptors:
        try:
            reports.append(validate_package(d, args.only))
        except ValidationError as err:
            print_problems(err)
            return 1
        except Exception as exc:  # a case the checks do not foresee still ends in one line, not a traceback
            print(f"Invalid input: {rel(d)}: the validator stopped on {type(exc).__name__}: {exc} [rule: validator]",
                  file=sys.stderr)
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
