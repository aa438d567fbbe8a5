"""Read the numbers the article prints and parse each printed form.

Input: data/published/printed_numbers.csv (typed from the article, exactly as
printed).  Output: the same rows with the parsed value, unit, printed decimals
and hedge.  A form that cannot be parsed stops the workflow with the file,
row, column and rule.

Run on its own:  python -m analysis.published --out data/derived/published.csv
"""
from __future__ import annotations

import argparse
import sys

import pandas as pd

from analysis.io import ROOT, rel, write_csv
from analysis.printed import PrintedFormError, parse_printed
from analysis.validate import Problem, ValidationError

PUBLISHED = ROOT / "data" / "published" / "printed_numbers.csv"


def parse_table(table: pd.DataFrame, name: str = rel(PUBLISHED)) -> pd.DataFrame:
    """Add printed_value, printed_decimals and qualifier; raise ValidationError on an unreadable form."""
    values, decimals, qualifiers, problems = [], [], [], []
    for i, row in enumerate(table.itertuples(index=False)):
        try:
            p = parse_printed(row.printed, row.unit)
        except PrintedFormError as exc:
            problems.append(Problem(name, i + 2, "printed", "printed form", str(exc)))
            continue
        values.append(p.value)
        decimals.append(p.decimals)
        qualifiers.append(p.qualifier)
    if problems:
        raise ValidationError(problems)
    out = table.copy()
    out["printed_value"] = values
    out["printed_decimals"] = decimals
    out["qualifier"] = qualifiers
    return out


def load(path=PUBLISHED) -> pd.DataFrame:
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    return parse_table(table, rel(path))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Parse the article's printed numbers")
    ap.add_argument("--input", default=str(PUBLISHED))
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    try:
        parsed = load(args.input)
    except ValidationError as err:
        print(err, file=sys.stderr)
        return 1
    write_csv(args.out, parsed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
