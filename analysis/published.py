"""Read the numbers the article prints and parse each printed form.

Input: data/published/printed_numbers.csv (typed from the article, exactly as
printed).  Output: the same rows with the parsed value, unit, printed decimals
and hedge.  Each row must also fit the article's shape (analysis/article.py):
a known section, a table of the article with one of its rows and columns, a
result that agrees with the table, and a recompute_key the compute steps
promise (article.auditable_keys()).  A row that breaks any of these, or a form
that cannot be parsed, stops the workflow with the file, row, column and rule.

Run on its own (checks the data package of the printed numbers first, then parses):
    python -m analysis.published --manifest data/published/datapackage.json \
        --input data/published/printed_numbers.csv --report checked.json --out published.csv
"""
from __future__ import annotations

import argparse
import sys

import pandas as pd

from analysis import article
from analysis.io import rel, write_csv, write_json
from analysis.printed import PrintedFormError, parse_printed
from analysis.validate import Problem, ValidationError, validate_package

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


def parse_table(table: pd.DataFrame, name: str = "data/published/printed_numbers.csv") -> pd.DataFrame:
    """Add printed_value, printed_decimals and qualifier; raise ValidationError on an unreadable form
    or on a row that does not fit the article."""
    values, decimals, qualifiers, problems = [], [], [], []
    keys = article.auditable_keys()
    for i, row in enumerate(table.itertuples(index=False)):
        problems.extend(check_row(row, i + 2, name, keys))
        try:
            p = parse_printed(row.printed, row.unit)
        except PrintedFormError as exc:
            problems.append(Problem(name, i + 2, "printed", "printed form", str(exc)))
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


def load(path) -> pd.DataFrame:
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    return parse_table(table, rel(path))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Check and parse the article's printed numbers")
    ap.add_argument("--manifest", required=True, help="the data package of the printed numbers")
    ap.add_argument("--input", required=True, help="the printed numbers, as transcribed")
    ap.add_argument("--report", required=True, help="the check's report: what was validated, with checksums")
    ap.add_argument("--out", required=True, help="the printed numbers with their parsed values")
    args = ap.parse_args(argv)
    try:
        report = validate_package(args.manifest)
        parsed = load(args.input)
    except ValidationError as err:
        print(err, file=sys.stderr)
        for p in err.problems[1:20]:
            print(f"  also: {p}", file=sys.stderr)
        return 1
    write_json(args.report, {"validated": [report]})
    write_csv(args.out, parsed)
    return 0


if __name__ == "__main__":
    from analysis.io import run  # the workflow's stamps: see analysis/io.py
    run(main)
