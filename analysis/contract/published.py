"""Read the numbers the article prints and parse each printed form.

Input: data/published/printed_numbers.csv (typed from the article, exactly as
printed).  Output: the same rows with the parsed value, unit, printed decimals
and hedge.  Each row must also fit the article's shape (analysis/article.py):
a known section, a table of the article with one of its rows and columns, a
result that agrees with the table, and a recompute_key the compute steps
promise (article.auditable_keys()).  A row that breaks any of these, or a form
that cannot be parsed, stops the workflow with the file, row, column and rule.

The claims in words (data/published/claims.csv) are checked here too, before any
product is written: each names a section of the article, a test of
analysis/audit/claims.py and the parameters that test reads (PARAMS, below),
each of its kind: a partner the data hold, a year the arms data cover (and a
first year not after the last), a plain number, a rank.  Rows are named by the
physical line on which they start, as an editor shows it.

Run on its own (checks the data package of the printed numbers first, then parses):
    python -m analysis.contract.published --manifest data/published/datapackage.json \
        --input data/published/printed_numbers.csv --claims data/published/claims.csv \
        --report checked.json --out published.csv
"""
from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from pathlib import Path

import pandas as pd

from analysis import article
from analysis.io import rel, write_csv, write_json
from analysis.contract.printed import PrintedFormError, parse_printed
from analysis.contract.validate import CsvProblem, Problem, ValidationError, print_problems, records, validate_package

TABLE_RESULTS = {spec["result"] for spec in article.TABLES.values()}


def check_row(row, line: int, name: str, keys: set[str]) -> list[Problem]:
    """One printed number against the article's shape: section, table, row, column, result and key."""
    out = []

    def bad(column: str, rule: str, detail: str) -> None:
        out.append(Problem(name, line, column, rule, detail))

    if row.section not in article.SECTIONS:
        bad("section", "article.SECTIONS", f"section {row.section!r} is not a section of the article "
                                           f"({', '.join(article.SECTIONS)})")
    if row.table:
        spec = article.TABLES.get(row.table)
        if spec is None:
            bad("table", "article.TABLES", f"table {row.table!r} is not a table of the article ({', '.join(article.TABLES)})")
        else:
            if row.result != spec["result"]:
                bad("result", "article.TABLES result", f"result {row.result!r} contradicts table {row.table!r}, "
                                                       f"whose numbers are result {spec['result']!r}")
            if row.row not in spec["rows"]:
                bad("row", "article.TABLES rows", f"{row.row!r} is not a row of {row.table} ({', '.join(spec['rows'])})")
            column = row.column[:-len(article.SHIFTED)] if row.column.endswith(article.SHIFTED) else row.column
            if column not in spec["columns"]:
                bad("column", "article.TABLES columns",
                    f"{row.column!r} is not a column of {row.table} ({', '.join(spec['columns'])}; "
                    f"the suffix {article.SHIFTED!r} marks a value printed one column to the right)")
    else:
        if row.result in TABLE_RESULTS:
            bad("table", "article.TABLES result", f"result {row.result!r} is a table's, but the table is empty")
        for col in ("row", "column"):
            if getattr(row, col):
                bad(col, "article.TABLES", f"{col} {getattr(row, col)!r} given, but the number is not in a table")
    if row.recompute_key not in keys:
        bad("recompute_key", "article.auditable_keys",
            f"{row.recompute_key!r} is not a key the compute steps promise (analysis.article.auditable_keys())")
    return out


def parse_table(table: pd.DataFrame, name: str = "data/published/printed_numbers.csv",
                lines: list[int] | None = None) -> pd.DataFrame:
    """Add printed_value, printed_decimals and qualifier; raise ValidationError on an unreadable form
    or on a row that does not fit the article.  `lines`: the line each row starts on (default: one
    line per row after the header)."""
    values, decimals, qualifiers, problems = [], [], [], []
    keys = article.auditable_keys()
    lines = lines if lines is not None else list(range(2, 2 + len(table)))
    for line, row in zip(lines, table.itertuples(index=False)):
        problems.extend(check_row(row, line, name, keys))
        try:
            p = parse_printed(row.printed, row.unit)
        except PrintedFormError as exc:
            problems.append(Problem(name, line, "printed", "printed form", str(exc)))
            continue
        values.append(p.value)
        decimals.append(p.decimals)
        qualifiers.append(p.qualifier)
    if problems:
        order = list(table.columns)
        problems.sort(key=lambda p: (p.row, order.index(p.column) if p.column in order else len(order)))
        raise ValidationError(problems)
    out = table.copy()
    out["printed_value"] = values
    out["printed_decimals"] = decimals
    out["qualifier"] = qualifiers
    return out


def read_table(path) -> tuple[pd.DataFrame, list[int]]:
    """A transcribed CSV as strings, with the physical line each row starts on; ValidationError if the
    text is not a table (a lone CR, a cell too long, a row of the wrong length)."""
    name = rel(path)
    if not Path(path).is_file():
        raise ValidationError([Problem(name, None, None, "package", f"file is missing: no file at {Path(path).absolute()} "
                                                                    "(a relative path is read from the working directory)")])
    try:
        text = Path(path).read_bytes().decode("utf-8")
        starts, rows = records(text)
    except CsvProblem as exc:
        header = next(csv.reader(io.StringIO(text)), []) if exc.index is not None and exc.line != 1 else []
        column = header[exc.index] if exc.index is not None and exc.index < len(header) else None
        raise ValidationError([Problem(name, exc.line, column, exc.rule, exc.detail)]) from None
    except UnicodeDecodeError as exc:
        raise ValidationError([Problem(name, None, None, "encoding utf-8", f"not UTF-8 ({exc.reason})")]) from None
    if not rows:
        raise ValidationError([Problem(name, 1, None, "header", "file is empty; a header row is expected")])
    header, lines, body = rows[0], starts[1:], rows[1:]
    bad = [Problem(name, line, None, "row length", f"row has {len(r)} cells, expected {len(header)}")
           for line, r in zip(lines, body) if len(r) != len(header)]
    if bad:
        raise ValidationError(bad)
    return pd.DataFrame(body, columns=header, dtype=object), lines


def load(path) -> pd.DataFrame:
    table, lines = read_table(path)
    return parse_table(table, rel(path), lines)


# --- the claims in words --------------------------------------------------------------------------

_FDI_PERIOD = r"[0-9]{4}-[0-9]{2}M|cumulative-[0-9]{4}-[0-9]{2}(-[0-9]{2}|-early)?"
# The FDI measures a claim may compare (analysis/compute/fdi.py writes each partner's raw figures under them).
FDI_MEASURES = ("rank", "registered_total", "registered_cumulative", "registered_new", "projects", "share_pct")
FDI_PARTNER_SLUGS = tuple(dict.fromkeys([*article.FDI_PARTNERS, *article.TRADE_PARTNERS]))
TRADE_YEARS = range(2022, 2026)  # the years the trade data hold (the year range of data/raw/trade's schema)
ARMS_SERIES = ("russia",)  # the supplier series a claim about the arms passage may name


def _auditable_keys() -> set[str]:
    if not hasattr(_auditable_keys, "keys"):
        _auditable_keys.keys = article.auditable_keys()
    return _auditable_keys.keys


def _year_in(years: range):
    return lambda v: re.fullmatch(r"[0-9]{4}", v) is not None and int(v) in years


# kind -> (what it must be, test of one value, is it a list)
PARAM_KINDS = {
    "trade_partner": (f"a partner of Table 1 ({', '.join(article.TRADE_PARTNERS)})", article.TRADE_PARTNERS.__contains__, False),
    "trade_partners": (f"partners of Table 1 separated by '|' ({', '.join(article.TRADE_PARTNERS)})",
                       article.TRADE_PARTNERS.__contains__, True),
    "fdi_partner": (f"a partner of the FDI data ({', '.join(FDI_PARTNER_SLUGS)})", FDI_PARTNER_SLUGS.__contains__, False),
    "fdi_partners": (f"partners of the FDI data separated by '|' ({', '.join(FDI_PARTNER_SLUGS)})",
                     FDI_PARTNER_SLUGS.__contains__, True),
    "trade_measure": ("one of turnover, exports, imports", ("turnover", "exports", "imports").__contains__, False),
    "fdi_measure": (f"one of {', '.join(FDI_MEASURES)}", FDI_MEASURES.__contains__, False),
    "fdi_period": ("an FDI period (YYYY-nnM or cumulative-YYYY-MM)", lambda v: re.fullmatch(_FDI_PERIOD, v) is not None,
                   False),
    "arms_year": (f"a year the arms series covers ({article.ARMS_YEARS[0]}-{article.ARMS_YEARS[-1]})",
                  _year_in(article.ARMS_YEARS), False),
    "supplier_year": (f"a year the supplier split covers ({article.SUPPLIER_YEARS[0]}-{article.SUPPLIER_YEARS[-1]})",
                      _year_in(article.SUPPLIER_YEARS), False),
    "number": ("a plain non-negative number in ASCII digits (e.g. 10 or 2.5)",
               lambda v: re.fullmatch(r"[0-9]+(\.[0-9]+)?", v) is not None, False),
    # a line (one number) or a band of two, 'low|high' (analysis/audit/claims.py, t_exceeds)
    "factor": ("a plain non-negative number in ASCII digits, or two separated by '|' (a band)",
               lambda v: re.fullmatch(r"[0-9]+(\.[0-9]+)?", v) is not None, True),
    "rank": ("a rank, a whole number from 1", lambda v: re.fullmatch(r"[1-9][0-9]*", v) is not None, False),
    "trade_year": (f"a year the trade data hold ({TRADE_YEARS[0]}-{TRADE_YEARS[-1]})", _year_in(TRADE_YEARS), False),
    "arms_series": (f"one of {', '.join(ARMS_SERIES)}", ARMS_SERIES.__contains__, False),
    "unit_word": ("a unit or currency code in capitals (e.g. USD)", lambda v: re.fullmatch(r"[A-Z]{2,5}", v) is not None,
                  False),
    "registry_key": ("a registry key the compute steps promise (analysis.article.auditable_keys())",
                     lambda v: v in _auditable_keys(), False),
    # checked against the printed numbers' ids where they are known (check_claim's `printed_ids`)
    "printed_ids": ("ids of printed numbers separated by '|' (e.g. T1-01|X-02)",
                    lambda v: re.fullmatch(r"(T1|T2|A|X)-[0-9]{2}", v) is not None, True),
    "ranks": ("ranks (whole numbers from 1) separated by '|'", lambda v: re.fullmatch(r"[1-9][0-9]*", v) is not None, True),
    "year": ("a year from 1950 to 2025", _year_in(range(1950, 2026)), False),
    "years": ("years from 1950 to 2025 separated by '|'", _year_in(range(1950, 2026)), True),
    "month": ("a month, 1 to 12", lambda v: re.fullmatch(r"0?[1-9]|1[0-2]", v) is not None, False),
    "event": ("an event's name in data/raw/context/events.csv (lower-case letters, digits and '_')",
              lambda v: re.fullmatch(r"[a-z_0-9]+", v) is not None, False),
    "events": ("events' names separated by '|'", lambda v: re.fullmatch(r"[a-z_0-9]+", v) is not None, True),
    "place": ("a place (letters and spaces)", lambda v: re.fullmatch(r"[A-Za-z ]+", v) is not None, False),
    "span": ("soviet (the sentence also speaks of the decades before SIPRI's register)", ("soviet",).__contains__,
             False),
    "context_quantity": ("a quantity of data/raw/context/figures.csv (turnover, fdi_registered_total)",
                         ("turnover", "fdi_registered_total").__contains__, False),
    "context_period": ("a period of data/raw/context/figures.csv (FY, 7M)", ("FY", "7M").__contains__, False),
    "ref_number": ("a reference number of the article (1-99)", lambda v: re.fullmatch(r"[1-9][0-9]?", v) is not None,
                   False),
    "ref_numbers": ("reference numbers separated by '|'", lambda v: re.fullmatch(r"[1-9][0-9]?", v) is not None, True),
    "date": ("a date YYYY-MM-DD", lambda v: re.fullmatch(r"\d{4}-\d{2}-\d{2}", v) is not None, False),
    "cover": ("csp (the sentence names Vietnam's comprehensive strategic partners as a class)",
              ("csp",).__contains__, False),
    "untested": ("projects (a part the sentence also names that the test does not judge: the number of projects)",
                 ("projects",).__contains__, False),
}


# The tests a claim may name and the parameters each reads, checked with the claims before any product is
# written (check_claim below): name -> kind; a kind ending in '?' is optional.  The kinds and their vocabularies
# are PARAM_KINDS above: trade_partner(s) and fdi_partner(s) are partner slugs, trade_measure
# turnover/exports/imports, arms_year and supplier_year years the arms data cover, number a plain non-negative
# decimal, rank/ranks positive integers, fdi_period an FDI period.  Each test is a function of
# analysis/audit/claims.py (TESTS), which judges the claims; every test there has its spec here, and no other.
_SPAN = {"first": "arms_year", "last": "arms_year"}
_SUPPLIER_SPAN = {"first": "supplier_year", "last": "supplier_year"}
_SUPPLIER_REF = {"ref_first": "supplier_year", "ref_last": "supplier_year"}
PARAMS = {
    "rank": {"subjects": "trade_partners", "positions": "ranks", "measure": "trade_measure"},
    "rank_at_least": {"subject": "trade_partner", "measure": "trade_measure", "rank": "rank"},
    "share_below": {"subject": "trade_partner", "measure": "trade_measure", "threshold": "number"},
    "exceeds": {"subjects": "trade_partners", "base": "trade_partner", "measure": "trade_measure", "factor": "factor",
                "cover": "cover?"},
    "rank_above": {"partner": "fdi_partner", "measure": "fdi_measure", "threshold": "rank"},
    "below_each": {"partner": "fdi_partner", "measure": "fdi_measure", "others": "fdi_partners",
                   "others_measure": "fdi_measure", "others_period": "fdi_period", "untested": "untested?"},
    "trend_down": _SPAN,
    "low_after": {**_SPAN, "ref_first": "arms_year", "ref_last": "arms_year", "fraction": "number"},
    "share_lower": {**_SUPPLIER_SPAN, **_SUPPLIER_REF},
    "largest_supplier": {**_SUPPLIER_SPAN, "span": "span?"},
    "share_falls": {**_SUPPLIER_SPAN, **_SUPPLIER_REF, "drop": "number"},
    "proxy_above": {"threshold": "number"},
    "mean_ratio": {**_SPAN, "ref_first": "arms_year", "ref_last": "arms_year", "factor": "number"},
    "falls": {**_SPAN, "fraction": "number?", "through": "arms_year?"},
    "arms_reading": {"series": "arms_series"},
    "arms_unit": {"unit": "unit_word"},
    "top_group": {"subjects": "fdi_partners", "rank": "rank"},
    "grows": {"key": "registry_key"},
    "smaller_than": {"subjects": "trade_partners", "others": "trade_partners", "measure": "trade_measure"},
    "table_period": {"rows": "printed_ids", "partners": "trade_partners", "first": "trade_year", "last": "trade_year",
                     "measure": "trade_measure"},
    "printed_pass": {"printed": "printed_ids"},
    "grew_since": {"subject": "trade_partner", "first": "year"},
    "growth_notable": {"subject": "trade_partner", "ref_first": "year", "alt_first": "year"},
    "limited_slow": {"subject": "trade_partner", "threshold": "number", "base": "year"},
    "table_reporters": {"rows": "printed_ids", "partners": "trade_partners", "measure": "trade_measure"},
    "implied_ranks": {"partners": "fdi_partners", "ranks": "ranks", "values": "printed_ids", "changes": "printed_ids",
                      "rank_changes": "printed_ids", "period": "fdi_period"},
    "highest_since": {"key": "registry_key", "quantity": "context_quantity", "period": "context_period",
                      "year": "year", "span": "rank"},
    "distinct_refs": {"refs": "ref_numbers"},
    "ref_after": {"ref": "ref_number", "after": "date"},
    "event_date": {"event": "event", "subject": "trade_partner", "years": "years", "month": "month?",
                   "place": "place?", "context": "events?"},
}
# Every test also takes these (the printed numbers a claim quotes, judged once by the audit).
COMMON_PARAMS = {"printed": "printed_ids?"}


def parse_claim_params(text: str) -> tuple[dict[str, str], list[str]]:
    """'a=1; b=x|y' -> ({'a': '1', 'b': 'x|y'}, problems): the form 'name=value' separated by ';'."""
    out, problems = {}, []
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        if "=" not in part:
            problems.append(f"{part!r} has no '=': each parameter is written name=value, separated by '; '")
            continue
        key, value = (x.strip() for x in part.split("=", 1))
        if not re.fullmatch(r"[a-z_]+", key):
            problems.append(f"parameter name {key!r} is not lower-case letters and '_'")
        elif key in out:
            problems.append(f"parameter {key!r} is given twice")
        elif not value:
            problems.append(f"parameter {key!r} has no value")
        else:
            out[key] = value
    return out, problems


def check_claim(row: dict, line: int, name: str, printed_ids: set[str] | None = None) -> list[Problem]:
    """One claim against the article's sections, the tests of analysis/audit/claims.py and their parameters;
    `printed_ids`, the ids of the printed numbers, which a claim may quote (None: not checked)."""
    out = []

    def bad(column: str, rule: str, detail: str) -> None:
        out.append(Problem(name, line, column, rule, detail))

    if row["section"] not in article.SECTIONS:
        bad("section", "article.SECTIONS",
            f"section {row['section']!r} is not a section of the article ({', '.join(article.SECTIONS)})")
    test = row["test"]
    if test not in PARAMS:
        bad("test", "claims.TESTS", f"test {test!r} is not a test of analysis/audit/claims.py ({', '.join(sorted(PARAMS))})")
        return out
    spec = {**COMMON_PARAMS, **PARAMS[test]}
    params, form = parse_claim_params(row["params"])
    for why in form:
        bad("params", "claims.params form", why)
    required = {k for k, kind in spec.items() if not kind.endswith("?")}
    for k in sorted(set(params) - set(spec)):
        bad("params", "claims.PARAMS", f"test {test!r} takes no parameter {k!r} (it takes {', '.join(spec)})")
    for k in sorted(required - set(params)):
        bad("params", "claims.PARAMS", f"test {test!r} needs the parameter {k!r}")
    for k, value in params.items():
        if k not in spec:
            continue
        kind = spec[k].rstrip("?")
        what, ok, is_list = PARAM_KINDS[kind]
        items = value.split("|") if is_list else [value]
        wrong = [v for v in items if not ok(v.strip())]
        if not wrong and kind == "printed_ids" and printed_ids is not None:
            missing = [v for v in items if v.strip() not in printed_ids]
            if missing:
                bad("params", "claims.PARAMS printed_ids", f"{k}={value!r}: {', '.join(map(repr, missing))} is not the "
                                                           "id of a printed number (data/published/printed_numbers.csv)")
        if wrong:
            bad("params", f"claims.PARAMS {kind}", f"{k}={value!r}: {', '.join(map(repr, wrong))} is not {what}")
    good = {k: v for k, v in params.items() if k in spec and all(
        PARAM_KINDS[spec[k].rstrip('?')][1](x.strip()) for x in (v.split("|") if PARAM_KINDS[spec[k].rstrip('?')][2] else [v]))}
    for lo, hi in (("first", "last"), ("ref_first", "ref_last")):
        if lo in good and hi in good and int(good[lo]) > int(good[hi]):
            bad("params", "claims.PARAMS span", f"{lo}={good[lo]} is after {hi}={good[hi]}")
    if test == "exceeds" and "factor" in good and len(good["factor"].split("|")) > 2:
        bad("params", "claims.PARAMS factor", f"factor={good['factor']!r}: a band has two ends, low|high")
    if "positions" in good and "subjects" in good and \
            len(good["positions"].split("|")) != len(good["subjects"].split("|")):
        bad("params", "claims.PARAMS ranks", f"{len(good['subjects'].split('|'))} subject(s) but "
                                             f"{len(good['positions'].split('|'))} position(s)")
    return out


def load_claims(path, printed_ids: set[str] | None = None) -> pd.DataFrame:
    """The claims as transcribed, each checked (check_claim); ValidationError naming every bad row."""
    table, lines = read_table(path)
    name = rel(path)
    missing = [c for c in ("id", "section", "test", "params") if c not in table.columns]
    if missing:
        raise ValidationError([Problem(name, 1, missing[0], "header", f"the claims need a column {missing[0]!r}")])
    problems = []
    for line, row in zip(lines, table.to_dict("records")):
        problems.extend(check_claim(row, line, name, printed_ids))
    if problems:
        raise ValidationError(problems)
    return table


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Check and parse the article's printed numbers")
    ap.add_argument("--manifest", required=True, help="the data package of the printed numbers")
    ap.add_argument("--input", required=True, help="the printed numbers, as transcribed")
    ap.add_argument("--claims", help="the claims in words, as transcribed (checked, not rewritten)")
    ap.add_argument("--report", required=True, help="the check's report: what was validated, with checksums")
    ap.add_argument("--out", required=True, help="the printed numbers with their parsed values")
    args = ap.parse_args(argv)
    try:
        report = validate_package(args.manifest)
        parsed = load(args.input)
        if args.claims:
            load_claims(args.claims, set(parsed["id"]))
    except ValidationError as err:
        print_problems(err)
        return 1
    except Exception as exc:  # a case the checks do not foresee still ends in one line, not a traceback
        print(f"Invalid input: {rel(args.input)}: the check stopped on {type(exc).__name__}: {exc} [rule: validator]",
              file=sys.stderr)
        return 1
    write_json(args.report, {"validated": [report]})
    write_csv(args.out, parsed)
    return 0


if __name__ == "__main__":
    from analysis.io import run  # the workflow's stamps: see analysis/io.py
    run(main)
