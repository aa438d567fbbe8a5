"""A replication report in the shape of the AEA Data Editor's reports.

For Table 1, Table 2, the arms series, the in-text figures and the claims in words it
says what is reproduced and, for what is not, the reason category (transcription, a
different source or reporter, a different period or base, arithmetic, a different data
release, not verifiable).  Each result and the whole get a classification by the rule
below; every count is a registry key (`report.*`).

Classification.  A printed number is *checkable* when the data give an independent
counterpart (verdict match, rounding or discrepancy); figures judged only against the
article's own figures (consistent) and not verifiable ones are reported but do not
count.  A claim in words is checkable unless not verifiable; one that partly holds
counts half.  The reproduced share of the checkable ones gives the class:

- fully reproduced:     every checkable figure reproduced (share = FULLY);
- largely reproduced:   share >= LARGELY;
- partially reproduced: share >= PARTIALLY;
- not reproduced:       share below PARTIALLY;
- not verifiable:       nothing checkable.

Written twice from one template: data/derived/replication_report.md (plain text, display
values) and manuscript/_generated/report.md (each number a `{{< num key >}}` shortcode).

Run on its own:  python -m analysis.report --registry data/derived/computed.json \
    --audit data/derived/audit.csv --audit-numbers data/derived/numbers/audit.json \
    --claims data/derived/claims.csv --claims-numbers data/derived/numbers/claims.json \
    --out data/derived/replication_report.md --out-numbers data/derived/numbers/report.json \
    --out-part manuscript/_generated/report.md
"""
from __future__ import annotations

import argparse
import csv
import json
import re

from analysis import reasons as R
from analysis.article import RELEASES
from analysis.io import read_json, rel, run, sha256, write_json, write_text_atomic
from analysis.registry import Fragment, shortcode
from analysis.verdict import PASSING

FULLY, LARGELY, PARTIALLY = 1.0, 0.75, 0.25
CLASSES = ("fully reproduced", "largely reproduced", "partially reproduced", "not reproduced", "not verifiable")
GROUPS = {"table1": "Table 1 (goods trade with six partners, 2024)",
          "table2": "Table 2 (registered foreign investment by partner, 2025)",
          "arms": "The arms-import series (section 3.1)",
          "text": "Figures in the text (sections 1 and 3)"}
CATEGORY_WORDS = {"transcription": "transcription", "other_source_or_reporter": "different source or reporter",
                  "other_period_or_base": "different period or base", "arithmetic": "arithmetic",
                  "data_release": "data release", "unexplained": "no cause found in the data",
                  "not_verifiable": "not verifiable", "self_consistent": "consistent with the article's own figures only",
                  "reproduced": "reproduced"}
SLOT = re.compile(r"\{([a-z0-9_.\-]+)\}")


def classify(share: float | None) -> str:
    if share is None:
        return "not verifiable"
    if share >= FULLY - 1e-12:
        return "fully reproduced"
    if share >= LARGELY:
        return "largely reproduced"
    if share >= PARTIALLY:
        return "partially reproduced"
    return "not reproduced"


def tally(audit: list[dict], claims: list[dict]) -> dict:
    """Counts by group: n, reproduced, consistent, discrepancy, not_verifiable, checkable, share, class, and
    discrepancies by reason category."""
    out = {}
    for g in GROUPS:
        a = [r for r in audit if r["result"] == g]
        count = lambda f: sum(1 for r in a if f(r))
        rep = count(lambda r: r["verdict"] in ("match", "rounding"))
        dis = count(lambda r: r["verdict"] == "discrepancy")
        out[g] = {"n": len(a), "reproduced": float(rep), "consistent": count(lambda r: r["verdict"] == "consistent"),
                  "discrepancy": dis, "not_verifiable": count(lambda r: r["verdict"] == "not_verifiable"),
                  "checkable": rep + dis,
                  "coarse": count(lambda r: str(r["coarse"]) == "True" and r["verdict"] in PASSING),
                  "by_category": {c: count(lambda r: r["verdict"] == "discrepancy" and r["category"] == c)
                                  for c in R.CATEGORIES}}
    v = [c["verdict"] for c in claims]
    holds, partly, fails, nv = (v.count(x) for x in ("holds", "partly holds", "does not hold", "not verifiable"))
    out["claims"] = {"n": len(claims), "reproduced": holds + 0.5 * partly, "holds": holds, "partly": partly,
                     "does_not_hold": fails, "not_verifiable": nv, "checkable": holds + partly + fails}
    for g, t in out.items():
        t["share"] = t["reproduced"] / t["checkable"] if t["checkable"] else None
        t["class"] = classify(t["share"])
    rep = sum(t["reproduced"] for t in out.values())
    chk = sum(t["checkable"] for t in out.values())
    out["overall"] = {"n": sum(t["n"] for t in out.values()), "reproduced": rep, "checkable": chk,
                      "share": rep / chk if chk else None}
    out["overall"]["class"] = classify(out["overall"]["share"])
    return out


def fragment(t: dict, files: dict[str, str]) -> Fragment:
    frag = Fragment("analysis.report", {rel(p): sha256(p) for p in files.values()})
    ins = [rel(files["audit"]), rel(files["claims"])]
    for name, v in (("fully", FULLY), ("largely", LARGELY), ("partially", PARTIALLY)):
        frag.add(f"report.threshold.{name}", 100 * v, "%", f"Reproduced share needed for '{name} reproduced'",
                 f"analysis/report.py, {name.upper()}", ins, decimals=0)
    for g, x in t.items():
        for k in ("n", "checkable", "discrepancy", "not_verifiable", "consistent", "coarse", "holds", "partly",
                  "does_not_hold"):
            if k in x:
                frag.add(f"report.{g}.{k}", int(x[k]), "count", f"{g}: {k.replace('_', ' ')}", "count of rows",
                         ins, decimals=0)
        frag.add(f"report.{g}.reproduced", x["reproduced"], "count" if float(x["reproduced"]).is_integer() else "ratio",
                 f"{g}: reproduced",
                 "count of rows reproduced (a claim that partly holds counts half)", ins,
                 decimals=0 if float(x["reproduced"]).is_integer() else 1)
        if x["share"] is not None:
            frag.add(f"report.{g}.share", 100 * x["share"], "%", f"{g}: reproduced share of the checkable",
                     "reproduced / checkable", ins, decimals=0)
        frag.add(f"report.{g}.class", x["class"], "text", f"{g}: classification",
                 "analysis/report.py, classify()", ins, shown_as=x["class"])
        for c, n in x.get("by_category", {}).items():
            frag.add(f"report.{g}.cause.{c}", n, "count", f"{g}: discrepancies with reason '{c}'", "count of rows",
                     ins, decimals=0)
    return frag


def template(t: dict, audit: list[dict], claims: list[dict]) -> list[tuple[str, object]]:
    """The report as lines: ('line', text with {key} slots) or ('reason', reason spec) items."""
    L = []
    add = lambda s="": L.append(("line", s))
    add("# Replication report: Tran (2026), *The Vietnam–Russia Comprehensive Strategic Partnership*")
    add()
    add("Written by the workflow (`analysis/report.py`) in the shape of the AEA Data Editor's replication reports. "
        "Every count below is a registry key; the reasons are built from the audit's structured data.")
    add()
    add("## Summary")
    add()
    add("Overall the article is **{report.overall.class}**: {report.overall.reproduced} of {report.overall.checkable} "
        "independently checkable printed numbers and claims in words ({report.overall.share}) are reproduced "
        "(a claim that partly holds counts half).")
    add()
    add("| Result | Audited | Checkable | Reproduced | Share | Classification |")
    add("|---|---|---|---|---|---|")
    for g, title in list(GROUPS.items()) + [("claims", "Claims in words (sections 1 and 3.1–3.3)")]:
        share = "{report.%s.share}" % g if t[g]["share"] is not None else "—"
        add(f"| {title} | {{report.{g}.n}} | {{report.{g}.checkable}} | {{report.{g}.reproduced}} | {share} | "
            f"{{report.{g}.class}} |")
    add()
    add("## Classification rule")
    add()
    add("A printed number is checkable when the raw data give an independent counterpart (verdict match, rounding "
        "or discrepancy). Numbers checked only against the article's own figures (verdict consistent) and numbers "
        "that are not verifiable are reported but not counted. A claim in words is checkable unless not "
        "verifiable; one that partly holds counts half. A result is *fully reproduced* when the reproduced share "
        "of its checkable items is {report.threshold.fully}, *largely reproduced* from {report.threshold.largely}, "
        "*partially reproduced* from {report.threshold.partially}, and *not reproduced* below that.")
    add()
    for g, title in GROUPS.items():
        x = t[g]
        add(f"## {title}")
        add()
        add(f"Audited {{report.{g}.n}}: reproduced {{report.{g}.reproduced}}, consistent with the article's own "
            f"figures only {{report.{g}.consistent}}, discrepancies {{report.{g}.discrepancy}}, not verifiable "
            f"{{report.{g}.not_verifiable}}; passing checks flagged coarse {{report.{g}.coarse}}. "
            f"Classification: **{{report.{g}.class}}**.")
        add()
        if g == "arms":
            add("Side by side, against each SIPRI release: " + "; ".join(
                f"{r}: match {{audit.count.arms.{r}.match}}, rounding {{audit.count.arms.{r}.rounding}}, discrepancy "
                f"{{audit.count.arms.{r}.discrepancy}}" for r in RELEASES) + ". The release used is "
                "**{audit.arms_release}**, chosen by coverage (its totals end in {audit.arms_release_rule.last_printed_year}, "
                "the last year the article prints a total for), not by these counts.")
            add()
        cats = [c for c, n in x["by_category"].items() if n]
        if cats:
            add("Discrepancies by reason category: " + "; ".join(
                f"{CATEGORY_WORDS[c]} {{report.{g}.cause.{c}}}" for c in cats) + ".")
            add()
            for a in (r for r in audit if r["result"] == g and r["verdict"] == "discrepancy"):
                L.append(("item", (a["id"], a["item"], CATEGORY_WORDS[a["category"]], json.loads(a["reason_spec"]))))
            add()
    add("## Claims in words")
    add()
    add("Judged {report.claims.n}: holds {report.claims.holds}, partly holds {report.claims.partly}, does not hold "
        "{report.claims.does_not_hold}, not verifiable {report.claims.not_verifiable}. Classification: "
        "**{report.claims.class}**.")
    add()
    for c in claims:
        L.append(("claim", c))
    add()
    return L


def render(lines, numbers: dict, form: str) -> str:
    def fill(s: str) -> str:
        return SLOT.sub(lambda m: shortcode(m.group(1)) if form == "md" else R.shown(numbers[m.group(1)], "en"), s)
    out = []
    for kind, x in lines:
        if kind == "line":
            out.append(fill(x))
        elif kind == "item":
            rid, item, cat, spec = x
            out.append(f"- **{rid}**, {item} ({cat}): {R.render(spec, numbers, 'en', form)}")
        else:
            c = x
            verdict = shortcode(f"claim.{c['id']}.verdict") if form == "md" else c["verdict"]
            finding = c["finding_md"] if form == "md" else c["finding"]
            rule = c["rule_md"] if form == "md" else c["rule"]
            out.append(f"- **{c['id']}** (§{c['section']}), *{c['quote_vi']}* ({c['gloss_en']}): **{verdict}**. "
                       f"Rule: {rule}. Finding: {finding or '—'}.")
    return "\n".join(out).rstrip() + "\n"


RULES = """\
Each printed number is compared with its recomputed counterpart (`analysis/verdict.py`) by one rule, whatever its
hedge (*khoảng*, *~*, *hơn*, *trên*, *vượt*, *gần* or none). The precision of a printed figure is one unit in
its last printed digit; a hedged whole number ending in zeros is a round figure,
precise to its last non-zero digit. In order: a figure is a **discrepancy** when it is impossible (a fall of more
than the whole); **not verifiable** when no raw source gives its counterpart; a **match** when the two are equal;
a **rounding** difference when they agree after rounding, truncating ('more than') or rounding up ('nearly') to
the printed precision, allowing for the rounding uncertainty of the source figures; and a **discrepancy**
otherwise. A match or rounding reached only from the article's own figures is reported as **consistent**:
consistent with the article's own figures, not independently verified, and counted apart. The hedge itself is
checked separately ('more than' is borne out when the recomputed value is at least the printed one): it never
changes the tolerance, so the same printed figure gets the same verdict wherever it is printed. A check is
flagged **coarse** when the interval of values it accepts is wider than {audit.rule.coarse_units} units of the
printed last digit: such a check could not fail a misprint in the last digit
({audit.count.coarse} passing checks are coarse).

The SIPRI release the article used is chosen without looking at any verdict: the release whose annual totals end
in the last year for which the article prints an annual total ({audit.arms_release_rule.last_printed_year}),
here the **{audit.arms_release}** release; every arms figure is also judged in every release, side by side. The
article presents its arms figures as imports from Russia in US dollars; SIPRI's figures are trend-indicator
values, so each is judged in two readings, all suppliers and Russia alone, and its reason says which reproduces it
(all suppliers in {audit.count.arms_reading.all_suppliers} cases, both in {audit.count.arms_reading.both},
Russia alone in {audit.count.arms_reading.russia_only}, neither in {audit.count.arms_reading.neither}).

For each discrepancy the audit searches every alternative figure the data hold for the quantity (other sources
and reporters, other periods and windows of years, other bases and other releases) and names the one that
reproduces it as the likeliest cause; a figure that differs from the same quantity by one digit (not the last)
or by two swapped digits is a transcription slip. Each row carries a cause code and the registry keys its
reason cites.
"""


def rules_part(numbers: dict) -> str:
    return render([("line", RULES)], numbers, "md")


def read_rows(path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Write the replication report")
    ap.add_argument("--registry", required=True)
    ap.add_argument("--audit", required=True)
    ap.add_argument("--audit-numbers", required=True)
    ap.add_argument("--claims", required=True)
    ap.add_argument("--claims-numbers", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--out-numbers", required=True)
    ap.add_argument("--out-part", required=True)
    ap.add_argument("--out-rules", required=True)
    args = ap.parse_args(argv)
    audit, claims = read_rows(args.audit), read_rows(args.claims)
    t = tally(audit, claims)
    frag = fragment(t, {"audit": args.audit, "claims": args.claims})
    numbers = {**read_json(args.registry)["numbers"], **read_json(args.audit_numbers)["numbers"],
               **read_json(args.claims_numbers)["numbers"], **frag.numbers}
    lines = template(t, audit, claims)
    write_text_atomic(args.out, render(lines, numbers, "text"))
    md = render(lines, numbers, "md")
    body = md.split("\n")[1:]  # the manuscript gives the report its own heading
    write_text_atomic(args.out_part, "\n".join("#" + x if x.startswith("#") else x for x in body).lstrip("\n"))
    write_text_atomic(args.out_rules, rules_part(numbers))
    write_json(args.out_numbers, frag.to_json())
    return 0


if __name__ == "__main__":
    run(main)
