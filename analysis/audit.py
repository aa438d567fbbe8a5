"""The audit: one row per number the article prints, with a verdict by rule.

Each printed number names the registry key of its recomputed counterpart.  For
the arms passage the key contains `{release}`: SIPRI revises its history every
year, so the audit first finds the release the article's figures come from
(the one that reproduces most of them) and judges every arms figure against
it, reporting the current release alongside.

Run on its own:  python -m analysis.audit --published data/derived/published.csv \
    --fragments data/derived/numbers/arms.json data/derived/numbers/trade.json data/derived/numbers/fdi.json \
    --out data/derived/audit.csv --out-numbers data/derived/numbers/audit.json
"""
from __future__ import annotations

import argparse
import sys

import pandas as pd

from analysis.io import ROOT, read_json, rel, write_csv, write_json
from analysis.registry import Fragment, display
from analysis.verdict import BOUND_TOLERANCE, VERDICTS, close_enough, verdict

SCALE = {("USD bn", "USD mn"): 1e-3, ("USD mn", "USD bn"): 1e3, ("TIV bn", "TIV mn"): 1e-3,
         ("TIV mn", "TIV bn"): 1e3}
COMPATIBLE = {("%", "%"), ("% change", "% change"), ("rank change", "rank change"), ("year", "year"),
              ("count", "count"), ("rank", "rank"), ("USD bn", "USD bn"), ("USD mn", "USD mn"),
              ("TIV mn", "TIV mn"), ("TIV bn", "TIV bn")}
RELEASE_ORDER = ("current", "r2022", "r2020")
RULE_WORDS = {"equal": "equal", "bound 'more than' satisfied": "the 'more than' claim holds",
              "bound 'nearly' satisfied": "the 'nearly' claim holds",
              "equal after rounding to the printed precision": "equal after rounding",
              "equal after truncation to the printed precision": "equal after truncation (rounded down)"}


def convert(value: float, unit_from: str, unit_to: str) -> float:
    if (unit_to, unit_from) in SCALE:
        return value * SCALE[(unit_to, unit_from)]
    if (unit_from, unit_to) in COMPATIBLE:
        return value
    raise ValueError(f"cannot compare a {unit_from!r} registry value with a printed {unit_to!r}")


def merge(fragments: list[dict]) -> tuple[dict, dict, dict]:
    numbers, gaps, cands = {}, {}, {}
    for f in fragments:
        numbers.update(f["numbers"])
        gaps.update(f["gaps"])
        for k, v in f["candidates"].items():
            cands.setdefault(k, []).extend(v)
    return numbers, gaps, cands


def judge(row, key: str, numbers: dict, gaps: dict) -> dict:
    """Verdict of one printed number against one registry key."""
    if key in numbers:
        n = numbers[key]
        r = convert(n["value"], n["unit"], row["unit"])
        e = convert(n["uncertainty"], n["unit"], row["unit"])
        v, rule = verdict(row["printed_value"], int(row["printed_decimals"]), row["qualifier"], row["unit"], r, e)
        return {"key": key, "recomputed_value": r, "uncertainty": e, "verdict": v, "rule": rule,
                "basis": n["basis"], "sources": ";".join(n["sources"]), "entry": n}
    if key in gaps:
        v, rule = verdict(row["printed_value"], int(row["printed_decimals"]), row["qualifier"], row["unit"], None)
        return {"key": key, "recomputed_value": None, "uncertainty": None, "verdict": v, "rule": rule,
                "basis": "none", "sources": ";".join(gaps[key]["sources"]), "gap": gaps[key]["reason"]}
    raise KeyError(f"data/published/printed_numbers.csv names registry key {key!r}, which no step writes")


def article_release(published: pd.DataFrame, numbers: dict, gaps: dict) -> tuple[str, dict]:
    """The SIPRI release that reproduces most printed arms figures (ties: newest first)."""
    scores = {}
    for release in releases_present(numbers):
        ok = 0
        for _, row in published[published["recompute_key"].str.contains("{release}", regex=False)].iterrows():
            key = row["recompute_key"].replace("{release}", release)
            if key in numbers:
                ok += judge(row, key, numbers, gaps)["verdict"] == "match"
        scores[release] = ok
    best = max(RELEASE_ORDER, key=lambda r: (scores.get(r, -1), -RELEASE_ORDER.index(r)))
    return best, scores


def releases_present(numbers: dict) -> list[str]:
    return [r for r in RELEASE_ORDER if any(k.startswith(f"arms.{r}.") for k in numbers)]


def _shown(value, unit, decimals) -> str:
    return display(value, unit, max(decimals, 0))


def reason(row, res: dict, cands: list[dict], release_note: str = "") -> str:
    """Say in words what differs and the likeliest cause the data support."""
    unit, dec = row["unit"], int(row["printed_decimals"])
    printed = f"Printed {row['printed']}"
    if res["verdict"] == "not_verifiable":
        return f"{printed}; not independently verifiable: {res['gap']}."
    if res.get("recomputed_value") is None:  # impossible value without a recomputation
        text = f"{printed}: {res['rule']}."
    else:
        extra = 3 if (unit, res["entry"]["unit"]) in SCALE and SCALE[(unit, res["entry"]["unit"])] < 1 else 0
        shown = _shown(res["recomputed_value"], unit, max(dec, res["entry"]["decimals"] + extra))
        src = f" ({res['sources'].replace(';', ', ')})" if res["sources"] else ""
        basis = {"internal": " from the article's own figures", "mixed": " from the article's figures and raw data"}.get(
            res["basis"], "")
        text = f"{printed}; recomputed{basis}: {shown}{src}"
        if res["verdict"] in ("match", "rounding"):
            text += f": {RULE_WORDS.get(res['rule'], res['rule'])}"
        else:
            text += f": {res['rule']}" if res["rule"].startswith("impossible") else ""
            diff = row["printed_value"] - res["recomputed_value"]
            if res["recomputed_value"] and not res["rule"].startswith("impossible"):
                text += f" (printed − recomputed = {diff:+.{max(dec, 1)}f}, {100 * diff / abs(res['recomputed_value']):+.1f}%)"
        text += "."
    if res["verdict"] == "discrepancy":
        text += " " + explain(row, cands)
    elif row["qualifier"] == "above" and res.get("recomputed_value") is not None and res["recomputed_value"] < row["printed_value"]:
        text += " The hedge 'more than' is not borne out: the recomputed value is below the printed one."
    elif row["qualifier"] == "below" and res.get("recomputed_value") is not None and res["recomputed_value"] > row["printed_value"]:
        text += " The hedge 'nearly' is not borne out: the recomputed value is above the printed one."
    if release_note:
        text += " " + release_note
    return text.strip()


def explain(row, cands: list[dict]) -> str:
    unit, dec = row["unit"], int(row["printed_decimals"])
    usable = []
    for c in cands:
        try:
            v = convert(c["value"], c.get("unit", row["unit"]), unit)
            e = convert(c["uncertainty"], c.get("unit", row["unit"]), unit)
        except ValueError:
            continue
        usable.append((abs(row["printed_value"] - v), v, e, c))
    if not usable:
        return "No other figure in the data comes close."
    hits = [u for u in usable if close_enough(row["printed_value"], dec, u[1], u[2])]
    if hits:
        _, v, _, c = min(hits, key=lambda u: (u[0], u[3]["label"]))
        return f"Likeliest cause: the printed figure reproduces {c['label']} = {_shown(v, unit, max(dec, 2))}."
    _, v, _, c = min(usable, key=lambda u: (u[0], u[3]["label"]))
    rel_diff = 100 * (row["printed_value"] - v) / abs(v) if v else float("nan")
    return (f"No figure in the data reproduces it; the closest is {c['label']} = {_shown(v, unit, max(dec, 2))} "
            f"({rel_diff:+.1f}%).")


def audit(published: pd.DataFrame, fragments: list[dict]) -> tuple[pd.DataFrame, Fragment]:
    numbers, gaps, cands = merge(fragments)
    release, scores = article_release(published, numbers, gaps)
    rows = []
    for _, row in published.iterrows():
        key = row["recompute_key"]
        note = ""
        alt = None
        if "{release}" in key:
            tail = key.split("{release}.", 1)[1]
            used = key.replace("{release}", release)
            if used not in numbers and f"arms.current.{tail}" in numbers:
                note = f"The {release} release lacks this figure, so it is judged against the current release."
                used = f"arms.current.{tail}"
            res = judge(row, used, numbers, gaps)
            cur = f"arms.current.{tail}"
            if cur in numbers and used != cur:
                alt = judge(row, cur, numbers, gaps)
            c = [x for x in cands.get(f"arms.*.{tail}", []) if x["label"] != f"the {used.split('.')[1]} release"]
        else:
            res = judge(row, key, numbers, gaps)
            c = cands.get(key, [])
            c = [{**x, "unit": numbers.get(key, {}).get("unit", row["unit"])} for x in c]
        if "{release}" in key:
            c = [{**x, "unit": "TIV mn" if row["unit"] in ("TIV mn", "TIV bn") else row["unit"]} for x in c]
        location = "; ".join(x for x in [f"§{row['section']}", row["table"], row["row"] and f"row '{row['row']}'",
                                            row["column"] and f"column '{row['column']}'"] if x)
        rows.append({
            "id": row["id"], "result": row["result"], "item": row["item"], "location": location,
            "printed": row["printed"], "printed_value": row["printed_value"],
            "printed_decimals": row["printed_decimals"], "unit": row["unit"],
            "recomputed_value": None if res["recomputed_value"] is None else round(res["recomputed_value"], 6),
            "uncertainty": None if res["uncertainty"] is None else round(res["uncertainty"], 6),
            "verdict": res["verdict"], "rule": res["rule"], "basis": res["basis"],
            "reason": reason(row, res, c, note), "key": res["key"], "sources": res["sources"],
            "current_release_value": None if alt is None else round(alt["recomputed_value"], 6),
            "current_release_verdict": None if alt is None else alt["verdict"],
        })
    table = pd.DataFrame(rows)
    return table, summary(table, release, scores)


def summary(table: pd.DataFrame, release: str, scores: dict) -> Fragment:
    frag = Fragment("analysis.audit")
    ins = [rel(ROOT / "data" / "published" / "printed_numbers.csv")]
    for _, row in table.iterrows():
        frag.add(f"printed.{row['id']}", float(row["printed_value"]), row["unit"], f"{row['item']}, as printed",
                 f"printed in the article at {row['location']}; parsed by analysis/printed.py", ins,
                 decimals=int(row["printed_decimals"]), basis="internal", shown_as=row["printed"])
        frag.add(f"audit.verdict.{row['id']}", row["verdict"], "text", f"Verdict on {row['id']}: {row['item']}",
                 f"{row['rule']} (analysis/verdict.py); {row['reason']}", ins + ["data/derived/audit.csv"],
                 shown_as=row["verdict"].replace("_", " "))
    frag.add("audit.rule.bound_tolerance", 100 * BOUND_TOLERANCE, "%", "Tolerance of a bound claim",
             "a printed bound ('more than', 'nearly') is a match only if the recomputed value lies within this "
             "fraction of the printed value (analysis/verdict.py, BOUND_TOLERANCE)", ["analysis/verdict.py"], decimals=0)
    frag.add("audit.count.all", len(table), "count", "Printed numbers audited", "rows of the audit", ins, decimals=0)
    for v in VERDICTS:
        frag.add(f"audit.count.{v}", int((table["verdict"] == v).sum()), "count", f"Printed numbers judged '{v}'",
                 "count of audit rows with this verdict", ins, decimals=0)
        for result in ("table1", "table2", "arms", "text"):
            frag.add(f"audit.count.{result}.{v}", int(((table["verdict"] == v) & (table["result"] == result)).sum()),
                     "count", f"{result}: printed numbers judged '{v}'", "count of audit rows", ins, decimals=0)
    for result in ("table1", "table2", "arms", "text"):
        frag.add(f"audit.count.{result}.all", int((table["result"] == result).sum()), "count",
                 f"{result}: printed numbers audited", "count of audit rows", ins, decimals=0)
    frag.add("audit.arms_release", release, "text", "SIPRI release the article's arms figures come from",
             "the release whose values equal the most printed arms figures", ins)
    for r, s in scores.items():
        frag.add(f"audit.arms_release_matches.{r}", s, "count", f"Printed arms figures equal to the {r} release",
                 "count of exact matches", ins, decimals=0)
    return frag


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Audit every printed number")
    ap.add_argument("--published", required=True)
    ap.add_argument("--fragments", nargs="+", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--out-numbers", required=True)
    args = ap.parse_args(argv)
    published = pd.read_csv(args.published, keep_default_na=False,
                            dtype={"printed_value": float, "printed_decimals": int})
    table, frag = audit(published, [read_json(p) for p in args.fragments])
    write_csv(args.out, table)
    write_json(args.out_numbers, frag.to_json())
    return 0


if __name__ == "__main__":
    sys.exit(main())
