"""A replication report in the shape of the AEA Data Editor's reports, and the summary of findings.

For Table 1, Table 2, the arms series, the in-text figures and the claims in words it says what is
reproduced and, for what is not, the reason category from a fixed list (the audit's cause
categories).  Each result and the whole get a classification by the rule below; every count is a
registry key (`report.*`).

Classification, on independent evidence only.  A printed number is *checkable* when it was judged
against a source independent of the article (audit `basis` independent: verdict match, rounding or
discrepancy).  Numbers checked against the article's own value combined with an independent one
(`mixed`) or against the article's own figures only (`article_only`, verdict consistent) are counted
apart and never as reproduced; numbers that are not verifiable are counted by why (`gap`).  A claim in
words is checkable when it is decided on evidence (holds, partly holds, does not hold; a claim that
partly holds counts half); `not decided` claims are counted by why.  The reproduced share of the
checkable items gives the class:

- fully reproduced:     every checkable item reproduced (share = FULLY);
- largely reproduced:   share >= LARGELY;
- partially reproduced: share >= PARTIALLY;
- not reproduced:       share below PARTIALLY;
- not verifiable:       nothing checkable, or fewer than MIN_COVERAGE of the audited items checkable
                        (a share of a few items would speak for a result that was mostly not checked).

The printed numbers and the claims in words are classed apart, never pooled into one class or share; the
summary says for each what was checked independently and what was not before what reproduced.  A result
that cannot be classed shows how many of its items were checked and how, and which are wrong.

Sensitivity.  A row whose verdict would differ under another source or reading that the rules also
allow carries that verdict in `verdict_alt`; the arms rows carry their verdict in every SIPRI release and
in the Russia-alone reading.  The alternatives are taken as they move (`alternative_sets`): a release or
reading applies to every arms row at once, another figure of the data to every row judged against it at once.  A class is robust only
if no such alternative changes it, nor all of them taken together (`class_all_alt`); the report names each
alternative that changes it.  A class no alternative changes but a single item judged otherwise would is
*borderline* (the margin: how many reproduced items fewer or more would cross a threshold).

Written from one template in each language: data/derived/replication_report.md and
replication_report.vi.md (display values, with the computing environment read from the machine), the
manuscript's parts (each number a `{{<num key>}}` shortcode; the environment is left to the standalone
report, so the manuscript does not depend on the machine), and the manuscript's summary of findings
(manuscript/_generated/summary.md and vi/summary.md).
"""
from __future__ import annotations

import argparse
import importlib.metadata
import inspect
import platform
import re
from pathlib import Path

from analysis import reasons as R
from analysis import words
from analysis.article import RELEASES
from analysis.audit import claims as claims_module
from analysis.escape import md_text  # text from an input, as literal Markdown (table cells too)
from analysis.io import ROOT, read_csv_rows, read_json, rel, run, sha256, write_json, write_text_atomic
from analysis.registry import Fragment, shortcode
from analysis.words import msg
from analysis.audit.verdict import PASSING

FULLY, LARGELY, PARTIALLY = 1.0, 0.75, 0.25
# A result is classed only when at least this share of its audited items is checkable on independent evidence.
MIN_COVERAGE = 0.5
CLASSES = ("fully reproduced", "largely reproduced", "partially reproduced", "not reproduced", "not verifiable")
# The shared vocabularies (analysis/audit/verdict.py holds them once the audit writes them).
try:
    from analysis.audit.verdict import AUTHORITIES, BASES, GAPS
except ImportError:  # the audit does not write these columns yet: the agreed vocabularies
    BASES = ("independent", "mixed", "article_only")
    GAPS = ("source_not_consulted", "no_source_found", "not_measurable", "incomplete_data")
    AUTHORITIES = ("official", "secondary", "third_party_copy")
# A not-verifiable row whose audit gives no `gap` is counted as such, never guessed into a gap.
UNRECORDED = "unrecorded"
# Bases the audit wrote before the agreed vocabulary: the article's own figures, and none (not verifiable).
LEGACY_BASIS = {"internal": "article_only", "none": ""}
REPRODUCED = ("match", "rounding", "within_bound")  # a bound met counts as reproduced, as a rounding does
CLAIM_VERDICTS = ("holds", "partly holds", "does not hold", "not decided")

# The results of the printed numbers, in the order the report gives them; each one's title, the claims' and every
# word of the report are messages of the catalog (report.*), in both languages.
GROUPS = ("table1", "table2", "arms", "text")


def title(g: str, lang: str) -> str:
    """A result's title ('Table 1 (goods trade with six partners, 2024)'; 'claims': the claims in words)."""
    return msg(f"report.group.{g}", lang)


def gap_words(gap: str, lang: str) -> str:
    """Why a number or a claim is not verifiable, as the report's sentences say it (the gap, or unrecorded)."""
    return msg(f"report.gap.{gap}", lang)


def basis_word(basis: str, lang: str) -> str:
    """The basis of a check in a table cell ('—' for none; a basis the vocabulary does not know, by its code)."""
    if not basis:
        return "—"
    return msg(f"report.basis.{basis}", lang) if words.has(f"report.basis.{basis}", lang) else basis


# What the author is asked to do, by the cause category of a discrepancy (a claim that does not hold: "claim"), in
# the message catalog (report.request.*).  The evidence is the row's registry keys, never retyped.
REQUEST = {lang: words.section("report.request.", lang) for lang in ("en", "vi")}
SLOT = re.compile(r"\{([A-Za-z0-9_.\-]+)\}")


def row_category(r: dict, lang: str) -> str:
    """An item's reason category in words, wherever an item is listed: a figure that agrees with the article's own
    figures combined with a source is never counted as reproduced (the rules), so its category says it agrees."""
    if r["basis"] == "mixed" and r["category"] == "reproduced":
        return msg("report.findings.mixed_agree", lang)
    return category_word(r["category"], lang)


def class_word(c: str, lang: str) -> str:
    """A class ('fully reproduced') in the language (word.class.*)."""
    return msg(f"word.class.{c.replace(' ', '_')}", lang)


def category_word(c: str, lang: str = "en") -> str:
    """A cause category in words (report.category.*; a figure consistent only with the article's own figures: the
    verdict's own short label, whose meaning the rules and the glossary give); a category the list does not know
    yet is shown by its code."""
    if c == "self_consistent":
        return msg("word.verdict.consistent", lang)
    for prefix in ("report.category.", "word.category.", "word.cause."):
        if words.has(prefix + c, lang):
            return msg(prefix + c, lang)
    return c.replace("_", " ")


def classify(share: float | None, coverage: float | None = None) -> str:
    """The class of a reproduced share; 'not verifiable' when nothing, or too little (coverage below
    MIN_COVERAGE), could be checked on independent evidence."""
    if share is None or (coverage is not None and coverage < MIN_COVERAGE - 1e-12):
        return "not verifiable"
    if share >= FULLY - 1e-12:
        return "fully reproduced"
    if share >= LARGELY - 1e-12:
        return "largely reproduced"
    if share >= PARTIALLY - 1e-12:
        return "partially reproduced"
    return "not reproduced"


def _s(x) -> str:
    """A CSV cell as text ('' for an absent column or a missing value)."""
    return "" if x is None or (isinstance(x, float) and x != x) else str(x)


def audit_row(r: dict) -> dict:
    """An audit row with the agreed columns, read with defaults where the audit does not write them yet:
    the basis in the agreed words, a gap only for a not-verifiable row, an alternative only if it differs."""
    v = _s(r.get("verdict"))
    basis = _s(r.get("basis"))
    basis = LEGACY_BASIS.get(basis, basis)
    if v == "consistent":
        basis = "article_only"
    if v == "not_verifiable":
        basis = ""
    alt = _s(r.get("verdict_alt"))
    return {**r, "verdict": v, "basis": basis, "gap": (_s(r.get("gap")) or UNRECORDED) if v == "not_verifiable" else "",
            "authority": _s(r.get("authority")), "verdict_alt": "" if alt == v else alt,
            "alt_keys": _s(r.get("alt_keys")), "category": _s(r.get("category")), "coarse": _s(r.get("coarse"))}


def claim_row(c: dict) -> dict:
    """A claim with the agreed verdicts ('not verifiable' is now 'not decided') and columns."""
    v = _s(c.get("verdict"))
    v = "not decided" if v == "not verifiable" else v
    alt = _s(c.get("verdict_alt"))
    alt = "not decided" if alt == "not verifiable" else alt
    return {**c, "verdict": v, "gap": (_s(c.get("gap")) or UNRECORDED) if v == "not decided" else "",
            "authority": _s(c.get("authority")), "verdict_alt": "" if alt == v else alt,
            "alt_keys": _s(c.get("alt_keys")), "basis": _s(c.get("basis")), "judged_as": _s(c.get("judged_as"))}


def _share(t: dict) -> None:
    t["share"] = t["reproduced"] / t["checkable"] if t["checkable"] else None
    t["class"] = classify(t["share"], t["checkable"] / t["n"] if t.get("n") else None)


# the cause categories of a printed figure that is another figure of the same source, year and period than the one
# the rule recomputes (analysis/reasons.py, CAUSES)
SAME_SOURCE = ("stated_total_not_parts", "hedged_difference")


def tally(audit: list[dict], claims: list[dict]) -> dict:
    """Counts by result and overall.  For the printed numbers: n; on independent evidence reproduced,
    discrepancy and checkable; apart, mixed (agree, differ) and article_only; not_verifiable with its
    breakdown by gap; every discrepancy by reason category; coarse passing checks.  For the claims:
    holds, partly, does_not_hold, not_decided (by gap).  Then share and class."""
    audit, claims = [audit_row(r) for r in audit], [claim_row(c) for c in claims]
    out = {}
    for g in GROUPS:
        a = [r for r in audit if r.get("result") == g]
        count = lambda f: sum(1 for r in a if f(r))
        ind = lambda r: r["basis"] == "independent"
        rep = count(lambda r: ind(r) and r["verdict"] in REPRODUCED)
        dis = count(lambda r: ind(r) and r["verdict"] == "discrepancy")
        out[g] = {"n": len(a), "reproduced": float(rep), "discrepancy": dis, "checkable": rep + dis,
                  "discrepancy_all": count(lambda r: r["verdict"] == "discrepancy"),
                  # independent discrepancies whose printed figure is another figure of the same source (its stated
                  # total, a difference of its hedged figures): counted among the discrepancies, and said apart
                  "discrepancy_same_source": count(lambda r: ind(r) and r["verdict"] == "discrepancy"
                                                   and r["category"] in SAME_SOURCE),
                  "mixed": count(lambda r: r["basis"] == "mixed"),
                  "mixed_agree": count(lambda r: r["basis"] == "mixed" and r["verdict"] in PASSING),
                  "mixed_differ": count(lambda r: r["basis"] == "mixed" and r["verdict"] == "discrepancy"),
                  "article_only": count(lambda r: r["basis"] == "article_only"),
                  "article_only_differ": count(lambda r: r["basis"] == "article_only" and r["verdict"] == "discrepancy"),
                  "not_verifiable": count(lambda r: r["verdict"] == "not_verifiable"),
                  "gap": {x: count(lambda r: r["verdict"] == "not_verifiable" and r["gap"] == x)
                          for x in (*GAPS, UNRECORDED)},
                  "coarse": count(lambda r: r["coarse"] == "True" and r["verdict"] in PASSING),
                  # the weakest authority an independent or mixed verdict rests on
                  "authority": {x: count(lambda r: r["basis"] in ("independent", "mixed") and r["authority"] == x)
                                for x in AUTHORITIES},
                  "by_category": {c: count(lambda r: r["verdict"] == "discrepancy" and r["category"] == c)
                                  for c in sorted({*R.CATEGORIES, *(r["category"] for r in a)})}}
    # a claim judged as printed numbers (`judged_as`) is counted once, there, not again as a claim; a claim is
    # classed on independent evidence only, as a printed number is: one decided from the article's own text alone
    # (its reference list) is counted apart, never as decided
    # (`judged_as` an earlier claim: the same test on the same evidence, counted once, as that claim)
    ids = {c["id"] for c in claims}
    repeats = sum(1 for c in claims if c["judged_as"] and set(c["judged_as"].split(";")) <= ids)
    judged_twice = sum(1 for c in claims if c["judged_as"]) - repeats
    claims = [c for c in claims if not c["judged_as"]]
    ind = [c["verdict"] for c in claims if c["verdict"] != "not decided" and c["basis"] != "article_only"]
    own = [c["verdict"] for c in claims if c["verdict"] != "not decided" and c["basis"] == "article_only"]
    holds, partly, fails = (ind.count(x) for x in CLAIM_VERDICTS[:3])
    nd = sum(1 for c in claims if c["verdict"] == "not decided")
    out["claims"] = {"n": len(claims), "reproduced": holds + 0.5 * partly, "holds": holds, "partly": partly,
                     "does_not_hold": fails, "not_decided": nd, "checkable": holds + partly + fails,
                     "article_only": len(own), "article_only_differ": own.count("does not hold"),
                     "judged_as": judged_twice, "repeats": repeats,
                     "gap": {x: sum(1 for c in claims if c["verdict"] == "not decided" and c["gap"] == x)
                             for x in (*GAPS, UNRECORDED)}}
    for t in out.values():
        _share(t)
    numbers = [out[g] for g in GROUPS]
    out["numbers"] = {k: sum(t[k] for t in numbers) for k in numbers[0] if not isinstance(numbers[0][k], dict)
                      and k not in ("share", "class")}
    for k in ("gap", "by_category", "authority"):
        out["numbers"][k] = {x: sum(t[k].get(x, 0) for t in numbers) for x in numbers[0][k]}
    _share(out["numbers"])
    # printed numbers and claims in words are classed apart: no class, share or count pools the two kinds
    return out


def margins(reproduced: float, checkable: int, n: int | None = None, half: int = 0) -> tuple[int | None, int | None]:
    """How many checkable items judged otherwise change the class: down, reproduced items turned to not reproduced;
    up, the reverse; None when no such number exists (and always for a result too thinly checked to be classed).
    Items, not points: `half` of the checkable items count half (a claim that partly holds), and one of them judged
    otherwise moves the share by half an item, so the fewest items that cross a line are the whole ones first."""
    coverage = checkable / n if n else None
    cls = classify(reproduced / checkable if checkable else None, coverage)
    if cls == "not verifiable":
        return None, None
    whole = round(reproduced - 0.5 * half)  # items that count one (reproduced); the rest of `half` count a half
    none = checkable - whole - half  # items that count nothing (not reproduced)

    def first(steps: list[float]) -> int | None:
        share = reproduced
        for k, step in enumerate(steps, 1):
            share += step
            if classify(share / checkable) != cls:
                return k
        return None
    return first([-1.0] * whole + [-0.5] * half), first([1.0] * none + [0.5] * half)


def robustness(flips: bool, margin_down: int | None, margin_up: int | None) -> str:
    """'fragile' when a row judged under another allowed source or reading changes the class; else
    'borderline' when one item judged otherwise would; else 'robust'."""
    if flips:
        return "fragile"
    return "borderline" if 1 in (margin_down, margin_up) else "robust"


def _passes(v: str, kind: str) -> bool:
    return v in (PASSING if kind == "audit" else ("holds", "partly holds"))


def _matters(v: str, alt: str, kind: str) -> bool:
    """Does judging a row `alt` instead of `v` change what it counts for: pass or fail, or checkable or not?"""
    undecided = ("not_verifiable", "not decided", "not verifiable")
    return alt != v and (_passes(alt, kind) != _passes(v, kind) or (alt in undecided) != (v in undecided))


def _judged_otherwise(audit: list[dict], claims: list[dict], changes: list[tuple[str, int, str]]) -> tuple[list, list]:
    """The rows with some rows judged by another verdict ((kind, index, verdict) each).  A row that becomes
    judgeable keeps its basis, or is taken as independent when it had none (an alternative source is a source)."""
    audit, claims = list(audit), list(claims)
    for kind, i, v in changes:
        if kind == "audit":
            r = audit_row(audit[i])
            audit[i] = {**r, "verdict": v, "verdict_alt": "", "basis": r["basis"] or "independent"}
        else:
            c = claim_row(claims[i])
            claims[i] = {**c, "verdict": v, "verdict_alt": ""}
    return audit, claims


def alternative_sets(audit: list[dict], claims: list[dict]) -> list[dict]:
    """Every alternative the rules allow, as the rows it changes TOGETHER: each other SIPRI release (every arms
    row judged in it at once), the Russia-alone reading of the arms figures (every arms row at once), every row
    whose alternative is the same figure of the data (its registry key: rows that restate one number against one
    other source, say) at once, and, for a row whose alternative no other row shares (or a claim's other
    reading), that row alone.  A set keeps only the rows whose verdict it turns from pass to fail or back."""
    out = []
    arms = [(i, audit_row(r)) for i, r in enumerate(audit) if r.get("result") == "arms"]
    for name, col in [(f"release.{x}", f"verdict_{x}") for x in RELEASES] + [("reading.russia", "verdict_russia_used")]:
        changes = [("audit", i, _s(r.get(col))) for i, r in arms
                   if _s(r.get(col)) and r["verdict"] != "not_verifiable" and _matters(r["verdict"], _s(r.get(col)), "audit")]
        if changes:
            out.append({"name": name, "changes": changes, "ids": [audit[i]["id"] for _, i, _ in changes]})
    grouped = {i for x in out for _, i, _ in x["changes"]}
    # a row's own alternative is a figure of the data (its first alt key): every row judged against that same figure
    # (printed figures restating one number, say) changes with it; a row whose alternative names no key stands alone
    by_figure: dict[str, dict] = {}
    for i, r in enumerate(audit):
        r = audit_row(r)
        if r["verdict_alt"] and i not in grouped and _matters(r["verdict"], r["verdict_alt"], "audit"):
            k = r["alt_keys"].split(";")[0]
            a = by_figure.setdefault(k or f"row.{r['id']}", {"name": f"figure.{k}", "key": k, "changes": [], "ids": []})
            a["changes"].append(("audit", i, r["verdict_alt"]))
            a["ids"].append(r["id"])
    for a in by_figure.values():
        if len(a["ids"]) == 1:  # one row: named as its own alternative
            a = {"name": f"row.{a['ids'][0]}", "changes": a["changes"], "ids": a["ids"]}
        out.append(a)
    for i, c in enumerate(claims):
        c = claim_row(c)
        if c["verdict_alt"] and not c["judged_as"]:
            out.append({"name": f"row.{c['id']}", "changes": [("claims", i, c["verdict_alt"])], "ids": [c["id"]]})
    return out


CLASSED = (*GROUPS, "claims", "numbers")


def sensitivity(audit: list[dict], claims: list[dict]) -> dict:
    """For each result, the printed numbers and the claims: the rows with an alternative verdict (`alts`),
    those that alone change the class (`flips`), the coherent alternatives (`alternative_sets`) that change it
    (`sets`, each with the class it gives), the class with every alternative at once (`class_all_alt`),
    robust, borderline or fragile, and the margins.  A class is robust only if it survives every alternative the
    rules allow taken together."""
    base = tally(audit, claims)
    rows = [("audit", i, audit_row(r)) for i, r in enumerate(audit)] + \
           [("claims", i, claim_row(c)) for i, c in enumerate(claims)]
    rows = [x for x in rows if x[2]["verdict_alt"] and not x[2].get("judged_as")]
    out = {g: {"alts": [], "flips": [], "sets": []} for g in CLASSED}
    for kind, i, r in rows:
        t = tally(*_judged_otherwise(audit, claims, [(kind, i, r["verdict_alt"])]))
        g = r.get("result") if kind == "audit" else "claims"
        e = {"id": r["id"], "kind": kind, "group": g, "verdict": r["verdict"], "verdict_alt": r["verdict_alt"],
             "alt_keys": [k for k in r["alt_keys"].split(";") if k], "class": t[g]["class"],
             "numbers_class": t["numbers"]["class"]}
        for where, cls in ((g, t[g]["class"]),) + (("numbers", t["numbers"]["class"]),) * (kind == "audit"):
            out[where]["alts"].append(e)
            if cls != base[where]["class"]:
                out[where]["flips"].append(e)
    sets = alternative_sets(audit, claims)
    every: dict[tuple[str, int], str] = {}
    for a in sets:
        t = tally(*_judged_otherwise(audit, claims, a["changes"]))
        for g in CLASSED:
            if t[g]["class"] != base[g]["class"]:
                out[g]["sets"].append({**a, "class": t[g]["class"]})
        for kind, i, v in a["changes"]:
            every.setdefault((kind, i), v)
    t_all = tally(*_judged_otherwise(audit, claims, [(k, i, v) for (k, i), v in every.items()]))
    for g, x in out.items():
        x["class"], x["class_all_alt"] = base[g]["class"], t_all[g]["class"]
        x["margin_down"], x["margin_up"] = margins(base[g]["reproduced"], base[g]["checkable"], base[g]["n"],
                                                       base[g].get("partly", 0)) \
            if base[g]["checkable"] else (None, None)
        changed = bool(x["flips"] or x["sets"]) or x["class_all_alt"] != x["class"]
        x["robustness"] = robustness(changed, x["margin_down"], x["margin_up"])
    return out


SENSITIVITY = R.rule("rule.code", where="analysis/audit/report.py, sensitivity()")


def fragment(t: dict, sens: dict, files: dict[str, str]) -> Fragment:
    frag = Fragment("analysis.audit.report", {rel(p): sha256(p) for p in files.values()})
    ins = [rel(files["audit"]), rel(files["claims"])]
    for name, v in (("fully", FULLY), ("largely", LARGELY), ("partially", PARTIALLY)):
        frag.add(f"report.threshold.{name}", 100 * v, "%",
                 R.label("label.report.threshold", cls=R.code("class", name)),
                 R.rule("rule.code", where=f"analysis/audit/report.py, {name.upper()}"), ins, decimals=0, by=classify)
    frag.add("report.threshold.coverage", 100 * MIN_COVERAGE, "%", R.label("label.report.threshold_coverage"),
             R.rule("rule.code", where="analysis/audit/report.py, MIN_COVERAGE"), ins, decimals=0, by=classify)
    for g, x in t.items():
        for k, n in x.items():
            if isinstance(n, (int, float)) and not isinstance(n, bool) and k not in ("reproduced", "share"):
                frag.add(f"report.{g}.{k}", int(n), "count",
                         R.label(f"label.report.count.{k}", group=R.phrase(f"word.report_group.{g}")),
                         R.rule("rule.report.count_rows"), ins, decimals=0, by=tally)
        for k, sub in (("gap", "gap"), ("by_category", "cause"), ("authority", "authority")):
            for c, n in x.get(k, {}).items():
                frag.add(f"report.{g}.{sub}.{c}", n, "count",
                         R.label(f"label.report.rows.{sub}", group=R.code("group", g), code=R.code(sub, c)),
                         R.rule("rule.report.count_rows"), ins, decimals=0, by=tally)
        whole = float(x["reproduced"]).is_integer()
        frag.add(f"report.{g}.reproduced", x["reproduced"], "count" if whole else "ratio",
                 R.label("label.report.reproduced", group=R.code("group", g)), R.rule("rule.report.reproduced"), ins,
                 decimals=0 if whole else 1, by=tally)
        if x.get("n"):
            frag.add(f"report.{g}.coverage", 100 * x["checkable"] / x["n"], "%",
                     R.label("label.report.coverage", group=R.code("group", g)), R.rule("rule.report.coverage"), ins,
                     decimals=0, by=_share)
        if x["share"] is not None and x["class"] != "not verifiable":  # a result not classed shows no share
            frag.add(f"report.{g}.share", 100 * x["share"], "%",
                     R.label("label.report.share", group=R.code("group", g)),
                     R.rule("rule.report.share"), ins, decimals=0, by=_share)
        frag.add(f"report.{g}.class", x["class"], "text", R.label("label.report.class", group=R.code("group", g)),
                 R.rule("rule.code", where="analysis/audit/report.py, classify()"), ins,
                 shown_as=x["class"], shown_as_vi=class_word(x["class"], "vi"), by=classify)
    for g, x in sens.items():
        if x["class"] == "not verifiable":
            # a result that is not classed has no robustness; only a class the alternatives would give it is shown
            if x["class_all_alt"] != x["class"]:
                frag.add(f"report.{g}.class_all_alt", x["class_all_alt"], "text",
                         R.label("label.report.class_all_alt", group=R.code("group", g)), SENSITIVITY, ins,
                         shown_as=x["class_all_alt"], shown_as_vi=class_word(x["class_all_alt"], "vi"), by=sensitivity)
            continue
        frag.add(f"report.{g}.robustness", x["robustness"], "text",
                 R.label("label.report.robustness", group=R.code("group", g)), SENSITIVITY, ins,
                 shown_as=x["robustness"], shown_as_vi=msg(f"word.robustness.{x['robustness']}", "vi"), by=robustness)
        frag.add(f"report.{g}.class_all_alt", x["class_all_alt"], "text",
                 R.label("label.report.class_all_alt", group=R.code("group", g)), SENSITIVITY, ins,
                 shown_as=x["class_all_alt"], shown_as_vi=class_word(x["class_all_alt"], "vi"), by=sensitivity)
        shown = sensitivity_shown(g, x)
        if shown and not x["sets"] and x["class_all_alt"] == x["class"]:
            frag.add(f"report.{g}.alts", len(x["alts"]), "count",
                     R.label("label.report.alts", group=R.code("group", g)),
                     SENSITIVITY, ins, decimals=0, by=sensitivity)
        for a in x["sets"]:
            frag.add(f"report.altset.{a['name']}.class.{g}", a["class"], "text",
                     R.label("label.report.altset_class", group=R.code("group", g), alternative=_set_phrase(a)), SENSITIVITY, ins,
                     shown_as=a["class"], shown_as_vi=class_word(a["class"], "vi"), by=sensitivity)
            if f"report.altset.{a['name']}.n" not in frag.numbers:
                frag.add(f"report.altset.{a['name']}.n", len(a["changes"]), "count",
                         R.label("label.report.altset_n", alternative=_set_phrase(a)),
                         R.rule("rule.code", where="analysis/audit/report.py, alternative_sets()"), ins, decimals=0,
                         by=alternative_sets)
        for k in ("margin_down", "margin_up"):
            if x[k] is not None and shown:
                frag.add(f"report.{g}.{k}", x[k], "count", R.label(f"label.report.{k}", group=R.code("group", g)),
                         R.rule("rule.code", where="analysis/audit/report.py, margins()"), ins, decimals=0, by=margins)
    return frag


def rule_row(*widths: int) -> str:
    """A pipe table's separator whose dashes give the columns' relative widths (pandoc reads them as widths
    when a row is longer than a line, as a row of shortcodes is)."""
    return "|" + "|".join("-" * w for w in widths) + "|"


def _join(items: list[str], lang: str) -> str:
    """'a, b and c' in the language."""
    items = [x for x in items if x]
    if len(items) <= 1:
        return "".join(items)
    return msg("report.join", lang, rest=", ".join(items[:-1]), last=items[-1])


def where_computed(entry: dict | None, lang: str = "en") -> str:
    """'analysis/compute/trade.py, table1(), line 136': the code that computed the entry, as it recorded itself."""
    c = (entry or {}).get("computed_by") or {}
    if not c.get("program"):
        return "—"
    return msg("report.where_computed", lang, program=c["program"], function=c["function"], line=c["line"])


def _gap_clause(t: dict, g: str, lang: str) -> str:
    """'5 because …, 3 because …' for the non-zero gaps of a result (slots)."""
    return "; ".join(msg("report.gap_clause", lang, count=f"{{report.{g}.gap.{x}}}", why=gap_words(x, lang))
                     for x, n in t[g]["gap"].items() if n)


def _items(n: int, noun: str) -> str:
    return noun if n == 1 else noun + "s"


def sensitivity_shown(g: str, x: dict) -> bool:
    """Is the sensitivity sentence of a class written (so that only what is shown is registered)?  For the printed
    numbers and the claims when classed (the headline), and for a classed result that is not robust."""
    return x["class"] != "not verifiable" and (g in ("numbers", "claims") or x["robustness"] != "robust")


def _set_phrase(a: dict) -> dict:
    """An alternative as data for a label (`_set_name`'s words; a figure of the data named by the rows it concerns,
    a label holding no registry value)."""
    kind, _, what = a["name"].partition(".")
    if kind == "release":
        return R.phrase("report.altset.release", release=R.release(what))
    if kind == "reading":
        return R.phrase("report.altset.russia")
    if kind == "figure":
        return R.phrase("report.altset.figure_rows", ids=", ".join(a["ids"]))
    return R.phrase("report.altset.row", id=what)


def _set_name(a: dict, lang: str) -> str:
    """An alternative in words: a SIPRI release or reading applied to every arms figure, or one row's (as its label
    says it, `_set_phrase`); a figure of the data by its value, a registry slot the report's text fills."""
    if a["name"].startswith("figure."):
        return words.msg("report.altset.figure", lang, value=f"{{{a['key']}}}")
    return R.say(_set_phrase(a), lang)


def _alt_sentence(sens: dict, g: str, lang: str, scope: str = "") -> str:
    """The sensitivity of one class, in words with slots: robust, borderline or fragile; every alternative the
    rules allow that changes it, each applied to all the rows it concerns at once; the class with every
    alternative taken together; the margins."""
    x = sens[g]
    s = words.msg("report.robust.head", lang, robustness=f"{{report.{g}.robustness}}")
    if x["sets"]:
        s += " " + words.msg("report.robust.sets", lang, sets=_join([
            words.msgn("report.robust.set", len(a["changes"]), lang, alternative=_set_name(a, lang),
                       count=f"{{report.altset.{a['name']}.n}}",
                      ids=_join(a["ids"], lang), cls=f"{{report.altset.{a['name']}.class.{g}}}")
            for a in x["sets"]], lang))
    if x["class_all_alt"] != x["class"]:
        s += " " + words.msg("report.robust.together_changes", lang, cls=f"{{report.{g}.class_all_alt}}")
    elif not x["sets"]:
        s += " " + words.msg("report.robust.none", lang, n=f"{{report.{g}.alts}}", cls=f"{{report.{g}.class_all_alt}}")
    else:
        s += " " + words.msg("report.robust.together_same", lang, cls=f"{{report.{g}.class_all_alt}}")
    if x["margin_down"] is not None:
        s += " " + words.msg("report.margin.down", lang, k=f"{{report.{g}.margin_down}}")
    if x["margin_up"] is not None:
        s += " " + words.msg("report.margin.up", lang, k=f"{{report.{g}.margin_up}}")
    return s


def _headline(t: dict, sens: dict, lang: str) -> list[str]:
    """What was checked independently and what was not, then what reproduced: the printed numbers and the claims
    in words each on their own, never pooled."""
    out = []
    for g in ("numbers", "claims"):
        slots = {k: f"{{report.{g}.{k}}}" for k in ("n", "checkable", "coverage", "mixed", "article_only",
                                                     "not_verifiable", "reproduced", "share", "discrepancy",
                                                     "not_decided", "class", "article_only_differ", "judged_as",
                                                     "repeats", "discrepancy_same_source")}
        slots["threshold"] = "{report.threshold.coverage}"
        s = words.msg(f"report.headline.{g}.checked", lang, **slots)
        if t[g].get("discrepancy_same_source"):
            s += " " + words.msg("report.headline.numbers.same_source", lang, **slots)
        if t[g]["class"] == "not verifiable":
            s += " " + words.msg(f"report.headline.unclassed", lang, **slots)
            if sens[g]["class_all_alt"] != t[g]["class"]:
                s += " " + words.msg("report.robust.together_changes", lang, cls=f"{{report.{g}.class_all_alt}}")
        else:
            s += " " + words.msg(f"report.headline.{g}.class", lang, **slots) + " " + _alt_sentence(sens, g, lang)
        if g == "claims":  # what is counted apart, after the class it does not enter
            s += "".join(" " + words.msg(f"report.headline.claims.{k}", lang, **slots)
                         for k in ("article_only", "judged_as", "repeats") if t[g].get(k))
        out.append(s)
    out.append(words.msg("report.headline.apart", lang))
    return out


def _printed(r: dict, lang: str) -> str:
    """'printed {printed.T1-03}': an audit row's printed number, a slot."""
    return msg("report.printed", lang, value=f"{{printed.{r['id']}}}")


def _unclassed_line(t: dict, audit: list[dict], g: str, title: str, lang: str, sens: dict | None = None) -> str:
    """A result too thinly checked to be classed: how many of its items were checked and how, and which are wrong."""
    slots = {k: f"{{report.{g}.{k}}}" for k in ("n", "checkable", "reproduced", "discrepancy", "mixed", "mixed_agree",
                                                 "mixed_differ", "article_only", "article_only_differ",
                                                 "not_verifiable", "class")}
    s = f"*{title}*: " + words.msg("report.unclassed.how", lang, threshold="{report.threshold.coverage}", **slots)
    if sens is not None and sens[g]["class_all_alt"] != t[g]["class"]:
        s += " " + words.msg("report.robust.together_changes", lang, cls=f"{{report.{g}.class_all_alt}}")
    wrong = [r for r in (audit_row(r) for r in audit) if r.get("result") == g and r["verdict"] == "discrepancy"]
    if wrong:
        s += " " + words.msg("report.unclassed.wrong", lang, items="; ".join(
            f"{r['id']} ({_printed(r, lang)}, "
            + (words.msg("report.unclassed.impossible", lang) if _s(r.get("rule")).startswith("impossible")
               else category_word(r["category"], lang))
            + f"; {basis_word(r['basis'], lang)})" for r in wrong))
    return s


def classification_lines(t: dict, sens: dict, lang: str, audit: list[dict] | None = None) -> list[tuple[str, str]]:
    """The classification: the printed numbers and the claims each with what was checked, its class and its
    sensitivity; the table by result; the rule; each unclassed or not robust result on its own."""
    L = []
    add = lambda s="", kind="line": L.append((kind, s))
    for x in _headline(t, sens, lang):
        add(x)
        add()
    add(words.msg("report.table.head", lang))
    add(rule_row(24, 8, 12, 9, 7, 14, 14, 10))
    for g in (*GROUPS, "claims"):
        classed = t[g]["class"] != "not verifiable"
        cover = "{report.%s.checkable} ({report.%s.coverage})" % (g, g) if t[g]["n"] else "{report.%s.checkable}" % g
        # a result too thinly checked to be classed has no share, no class to be robust or fragile
        share = "{report.%s.share}" % g if classed and t[g]["share"] is not None else "—"
        all_alt = "{report.%s.class_all_alt}" % g if classed else "—"
        robust = "{report.%s.robustness}" % g if classed else "—"
        add(f"| {title(g, lang)} | {{report.{g}.n}} | {cover} | {{report.{g}.reproduced}} | {share} | {{report.{g}.class}} | "
            f"{all_alt} | {robust} |")
    add()
    add(words.msg("report.rule", lang, fully="{report.threshold.fully}", largely="{report.threshold.largely}",
                  partially="{report.threshold.partially}", coverage="{report.threshold.coverage}"))
    add()
    for g in (*GROUPS, "claims"):
        if t[g]["class"] == "not verifiable" and t[g]["n"]:
            add(_unclassed_line(t, audit or [], g, title(g, lang), lang, sens) if g != "claims" else
                f"*{title(g, lang)}*: " + words.msg("report.unclassed.claims", lang, n=f"{{report.{g}.n}}",
                                           checkable=f"{{report.{g}.checkable}}", threshold="{report.threshold.coverage}"))
            add()
        elif g != "claims" and sensitivity_shown(g, sens[g]):  # the claims' sentence is in the headline
            add(f"*{title(g, lang)}*: {{report.{g}.class}}. " + _alt_sentence(sens, g, lang))
            add()
    return L


def _authority_sentence(t: dict, lang: str) -> str:
    """How many verdicts checked against a source rest on each authority (empty when none is)."""
    found = [a for a in AUTHORITIES if t["numbers"]["authority"].get(a)]
    slots = [{"count": f"{{report.numbers.authority.{a}}}", "source": msg(f"report.authority_source.{a}", lang)}
             for a in found]
    parts = [msg("report.authority.first", lang, **s) for s in slots[:1]] + \
        [msg("report.authority.next", lang, **s) for s in slots[1:]]
    if not parts:
        return ""
    return " " + msg("report.authority.sentence", lang, parts=_join(parts, lang))


def _claims_sentence(t: dict, lang: str) -> str:
    """The claims' verdicts.  Why each undecided claim is undecided is said claim by claim (@sec-claims-words):
    the recorded gap kinds are too coarse to count by cause (a source found but incomplete is not 'no source')."""
    return msg("report.claims.sentence", lang, **{k: f"{{report.claims.{k}}}" for k in (
        "n", "holds", "partly", "does_not_hold", "article_only", "article_only_differ", "not_decided")})


def discrepancy_lines(t: dict, audit: list[dict], lang: str) -> list[tuple[str, str]]:
    """Each discrepancy under its cause category (the category the audit gives it, whatever it is)."""
    audit = [audit_row(r) for r in audit]
    dis = [r for r in audit if r["verdict"] == "discrepancy"]
    L = []
    if not dis:
        return L
    L.append(("line", msg("report.discrepancies.head", lang)))
    L.append(("line", ""))
    for c, n in t["numbers"]["by_category"].items():
        rows = [r for r in dis if r["category"] == c]
        if not rows:
            continue
        L.append(("line", f"- **{category_word(c, lang)}** ({{report.numbers.cause.{c}}}): " + "; ".join(
            f"{r['id']}, {md_text(R.item(r, lang))} ({_printed(r, lang)}"
            + ("" if r["basis"] == "independent" else f"; {basis_word(r['basis'], lang)}") + ")"
            for r in rows) + "."))
    L.append(("line", ""))
    return L


def detail_sentence(t: dict, lang: str) -> str:
    """The printed numbers' counts by basis in a paragraph (the standalone report's; the manuscript has them in
    its table of counts): what the numbers are, the mixed ones' verdicts, the gaps by why, the authorities."""
    detail = words.msg("report.numbers.detail", lang, n="{audit.count.all}", gaps=_gap_clause(t, "numbers", lang),
                       **{k: f"{{report.numbers.{k}}}" for k in ("mixed", "mixed_agree", "mixed_differ", "article_only",
                                                                 "not_verifiable")})
    return detail + _authority_sentence(t, lang)


def summary_lines(t: dict, sens: dict, audit: list[dict], lang: str) -> list[tuple[str, str]]:
    """The manuscript's summary of findings: every count, cause, direction and class from the data."""
    # what was checked independently and what was not, and the class of each kind, come first; the details after
    L = classification_lines(t, sens, lang, audit)
    # the counts by result and basis are the manuscript's table of counts (analysis/manuscript/parts.py,
    # counts_part), said once: here only what it does not show, the gaps by why and the sources' authority
    gaps = _gap_clause(t, "numbers", lang)
    detail = words.msg("report.numbers.gaps", lang, gaps=gaps) if gaps else ""
    L += [("line", (detail + _authority_sentence(t, lang)).strip()), ("line", "")]
    L += discrepancy_lines(t, audit, lang)
    L += [("line", _claims_sentence(t, lang)), ("line", "")]
    # each release by what it is (a dated id names a third party's copy of SIPRI's tables, not a SIPRI release)
    rel_counts = _join([msg("report.release_matches", lang, count=f"{{audit.arms_release_matches.{r}}}",
                            release=R.WORDS[lang].get(f"release.{r}", r)) for r in RELEASES], lang)
    # the one rule analysis/audit/numbers.py, article_release(), applies, said as @sec-rules says it
    L.append(("line", msg("report.arms_release", lang, release="{audit.arms_release}", counts=rel_counts)))
    L.append(("line", ""))
    return L


MACHINE = ("python", "implementation", "os", "machine")  # facts of the machine, kept apart: data/derived/machine.json


def environment(pyproject: str | Path) -> dict:
    """The computing environment the build runs in, read from the machine: Python, the operating system and
    the version installed of each package the project depends on (no host name, no time: a rebuild on one
    machine writes the same bytes)."""
    import tomllib
    with open(pyproject, "rb") as f:
        project = tomllib.load(f)["project"]
    names = sorted({re.split(r"[<>=!~ ;\[]", d, maxsplit=1)[0] for d in project.get("dependencies", [])} | {"numpy"})
    packages = {}
    for n in names:
        try:
            packages[n] = importlib.metadata.version(n)
        except importlib.metadata.PackageNotFoundError:
            packages[n] = None  # not installed: a fact, worded by each edition (environment_lines)
    return {"python": platform.python_version(), "implementation": platform.python_implementation(),
            "os": f"{platform.system()} {platform.release()}", "machine": platform.machine(), "packages": packages}


STEP_RULE = re.compile(r'^rule (\w+):\n(?:    """(.*?)"""\n)?(.*?)(?=^\S|\Z)', re.M | re.S)
STEP_PROGRAM = re.compile(r'step\("([\w.]+)')


def steps(snakefile_text: str) -> list[dict]:
    """The workflow's steps as the Snakefile states them: rule, program (analysis/<module>.py) and the first
    sentence of its docstring."""
    out = []
    for m in STEP_RULE.finditer(snakefile_text):
        prog = STEP_PROGRAM.search(m.group(3))
        doc = " ".join((m.group(2) or "").split())
        out.append({"rule": m.group(1), "program": f"analysis/{prog.group(1).replace('.', '/')}.py" if prog else "",
                    "doc": doc.split(". ")[0].rstrip(".") if doc else ""})
    return out


def read_sources(paths: list[str]) -> list[dict]:
    rows = []
    for p in paths:
        rows += [{**r, "file": rel(p)} for r in read_rows(p)]
    return rows


def rights_by_source(manifest: dict, lang: str = "en") -> dict[str, list[str]]:
    """Each source id -> the terms of use of the files that cite it (from the manifest; in Vietnamese the words
    the manifest gives beside the English ones, x-title-vi)."""
    out: dict[str, set] = {}
    for res in manifest.get("resources", []):
        terms = {(lang == "vi" and lic.get("x-title-vi")) or lic.get("title") or lic.get("name", "")
                 for lic in res.get("licenses", [])}
        for s in res.get("sources", []):
            if s.get("x-source-id"):
                out.setdefault(s["x-source-id"], set()).update(terms)
    return {k: sorted(v) for k, v in out.items()}


def data_lines(sources: list[dict], rights: dict, lang: str, form: str) -> list[tuple[str, str]]:
    # the manuscript states its data in its own appendix (@sec-data-files): the section is the standalone report's
    L = [("text", "## " + msg("report.data.head", lang)), ("text", "")]
    L.append(("text", msg("report.data.intro", lang)))
    L.append(("text", ""))
    L.append(("text", msg("report.data.table_head", lang)))
    L.append(("text", rule_row(14, 30, 30, 20, 8)))
    for s in sources:
        title = s.get("title", "")  # a title of ours (title_supplied) in square brackets, never as if published
        title = f"[{title}]" if s.get("title_supplied") == "yes" and title else f"“{title}”"
        cite = f"{s.get('publisher', '')}, {title}, {s.get('date', '')}"
        access = msg("report.data.access", lang, url=s.get("url", ""), file=s["file"])
        terms = "; ".join(rights.get(s.get("source_id", ""), [])) or "—"
        authority = R.AUTHORITIES_VI.get(s.get("authority", ""), s.get("authority", "")) if lang == "vi" \
            else s.get("authority", "")
        L.append(("text", f"| {md_text(s.get('source_id', ''))} | {md_text(cite)} | {md_text(access)} | {md_text(terms)} | "
                          f"{md_text(authority)} |"))
    L.append(("text", ""))
    return L


def environment_lines(env: dict, lang: str) -> list[tuple[str, str]]:
    L = [("line", "## " + msg("report.environment.head", lang)), ("line", "")]
    # the manuscript's: the pinned environment, independent of the machine (written by analysis/manuscript/render.py
    # from requirements.lock and the Quarto release); the standalone report's: where the build's facts are written
    L.append(("md", "{{< meta environment-vi >}}" if lang == "vi" else "{{< meta environment >}}"))
    L.append(("text", msg("report.environment.text", lang)))
    L.append(("text", ""))
    for n, v in env["packages"].items():
        shown = md_text(v) if v is not None else msg("report.environment.not_installed", lang)
        L.append(("text", f"- {md_text(n)} {shown}"))
    L.append(("line", ""))
    return L


def step_words(rule: str, lang: str) -> str:
    """What a rule of the Snakefile does (step.<rule>; English: the first sentence of the rule's docstring, kept
    the same), '' for a rule the catalogs do not describe (tests/test_vi_edition.py finds it)."""
    return msg(f"step.{rule}", lang) if words.has(f"step.{rule}", lang) else ""


def steps_lines(rules: list[dict], lang: str) -> list[tuple[str, str]]:
    L = [("line", "## " + msg("report.steps.head", lang)), ("line", "")]
    # no Vietnamese words in a code span: the PDF's monospace font lacks their letters
    L.append(("line", msg("report.steps.intro", lang)))
    L.append(("line", ""))
    L.append(("line", msg("report.steps.table_head", lang)))
    L.append(("line", rule_row(12, 12, 50)))
    for r in rules:
        if not r["program"]:
            continue
        L.append(("line", f"| `{r['rule']}` | `{r['program']}` | {md_text(step_words(r['rule'], lang)) or '—'} |"))
    L.append(("line", ""))
    return L


def findings_lines(t: dict, audit: list[dict], claims: list[dict], where: dict, lang: str,
                   numbers: dict | None = None) -> list[tuple[str, str]]:
    """Every printed number and claim.  The standalone report gives each item's verdict and reason category and the
    code that computed it (as it recorded itself); the manuscript's part gives what a reader needs (the item, the
    printed and the recomputed value, the verdict, the reason's category, the basis), each number and verdict a
    link to its lineage entry, which alone names the code (issue #24).  The reasons are the audit's, never copied."""
    L = [("line", "## " + msg("report.findings.head", lang)), ("line", "")]
    L.append(("md", msg("report.findings.lead", lang)))
    L.append(("text", msg("report.findings.reasons", lang)))
    L.append(("line", ""))
    L.append(("text", msg("report.standalone.categories", lang,
                          categories="; ".join(category_word(c, lang) for c in R.CATEGORIES))))
    L.append(("text", ""))
    audit = [audit_row(r) for r in audit]
    for g in GROUPS:
        L.append(("line", f"### {title(g, lang)}"))
        L.append(("line", ""))
        gaps = _gap_clause(t, g, lang)
        L.append(("line", msg("report.findings.group", lang, gaps=f" ({gaps})" if gaps else "", **{
            k: f"{{report.{g}.{k}}}" for k in ("n", "checkable", "reproduced", "discrepancy", "mixed", "article_only",
                                               "not_verifiable")})
                  + " " + msg("report.findings.classification", lang, cls=f"{{report.{g}.class}}")))
        L.append(("line", ""))
        rows = [r for r in audit if r.get("result") == g]
        # the standalone report stands alone: every item with its verdict and reason category
        L.append(("text", msg("report.findings.table_head", lang)))
        L.append(("text", rule_row(6, 24, 22, 10, 12, 11, 15)))
        for r in rows:
            authority = msg(f"report.authority_name.{r['authority']}", lang) \
                if words.has(f"report.authority_name.{r['authority']}", lang) else md_text(r["authority"])
            L.append(("text", f"| {r['id']} | {md_text(R.item(r, lang))} | {where_computed(where.get(r['id']), lang)} | "
                              f"{{audit.verdict.{r['id']}}} | {basis_word(r['basis'], lang)} | "
                              f"{authority or '—'} | {row_category(r, lang)} |"))
        # the manuscript's list: no code here (the lineage names it)
        L += [("md", line) for line in _item_table(rows, numbers or {}, lang)]
        L.append(("line", ""))
    L.append(("line", f"### {title('claims', lang)}"))
    L.append(("line", ""))
    L.append(("text", _claims_sentence(t, lang) + " "
              + msg("report.findings.classification", lang, cls="{report.claims.class}")))
    L.append(("md", msg("report.findings.claims", lang)))
    L.append(("line", ""))
    L.append(("text", msg("report.findings.claims_table_head", lang)))
    L.append(("text", rule_row(6, 8, 30, 12)))
    for c in claims:
        L.append(("text", f"| {c['id']} | §{md_text(c.get('section', ''))} | {where_computed(where.get(c['id']), lang)} | "
                          f"{{claim.{c['id']}.verdict}} |"))
    L += [("md", line) for line in _claim_table(claims, numbers or {}, lang)]
    L.append(("line", ""))
    return L


def _item_table(rows: list[dict], numbers: dict, lang: str) -> list[str]:
    """A group's printed numbers for the manuscript: ID, item, printed and recomputed value, reason category and basis.
    Each value is a registry slot, shown as a link to its lineage entry; a value the registry lacks (nothing to
    recompute from) is a dash.  The verdict is said once, in the table that shows the item: the ID links there."""
    head = [msg(f"report.findings.col.{c}", lang) for c in ("id", "item", "printed", "recomputed", "reason", "basis")]
    out = ["| " + " | ".join(head) + " |", rule_row(6, 24, 19, 16, 17, 12)]
    slot = lambda k: f"{{{k}}}" if k and k in numbers else "—"
    for r in rows:
        cat = row_category(r, lang)
        out.append(f"| [{r['id']}](#{R.verdict_anchor(r['id'])}) | {md_text(R.item(r, lang))} | "
                   f"{slot('printed.' + r['id'])} | {slot(r.get('key'))} | {cat} | {basis_word(r['basis'], lang)} |")
    return out


def _claim_table(claims: list[dict], numbers: dict, lang: str) -> list[str]:
    """The claims for the manuscript: ID (a link to its verdict in the claims table, where it is said once), the
    article's section and the basis."""
    head = [msg(f"report.findings.col.{c}", lang) for c in ("id", "section", "basis")]
    out = ["| " + " | ".join(head) + " |", rule_row(8, 10, 24)]
    for c in claims:
        basis = _s(c.get("basis"))
        out.append(f"| [{c['id']}](#{R.verdict_anchor(c['id'])}) | §{md_text(c.get('section', ''))} | "
                   f"{basis_word(basis, lang)} |")
    return out


def evidence_words(keys: list[str], numbers: dict, lang: str) -> str:
    """A request's evidence as a reader acts on it: what each number is, its value (a slot, which links to its
    lineage, where the registry key stays) and its sources (bracketed ids, which the manuscript cites)."""
    out = []
    for k in keys:
        if k not in numbers:
            continue
        e = numbers[k]
        kind = re.fullmatch(r"audit\.(diff|reldiff|closest_gap)\.[\w-]+", k)
        what = msg(f"ms.evidence.{kind.group(1)}", lang) if kind else \
            R.label_text(k, e, lang) if e.get("label") or "label_msg" in e else None  # else: the key
        srcs = e.get("sources") or []
        out.append(f"{md_text(what or k)}: {{{k}}}" + (f" [{', '.join(srcs)}]" if srcs else ""))
    return "; ".join(out) or "—"


def pointed_to(r: dict, rows: list[dict]) -> list[str]:
    """The article's figures a request may point a discrepancy to: the other printed figures of its series (the same
    registry key but its last part) whose checks pass on the recomputation's own period and base, and, for another
    source, with the same sources.  Empty where none does: the request then asks only what is true of the row."""
    series = _s(r.get("key")).rpartition(".")[0]
    same_source = r["category"] == "other_source_or_reporter"
    return [x["id"] for x in rows if x["id"] != r["id"] and series and _s(x.get("key")).rpartition(".")[0] == series
            and _passes(x["verdict"], "audit") and (not same_source or _s(x.get("sources")) == _s(r.get("sources")))]


def _request(r: dict, rows: list[dict], lang: str) -> str:
    """What the author is asked for one discrepancy, by its cause; 'or use …' only naming the figures it points to."""
    text = REQUEST[lang].get(r["category"], REQUEST[lang]["other"])
    ids = pointed_to(r, rows) if words.has(f"report.request_peers.{r['category']}") else []
    return text + (words.msg(f"report.request_peers.{r['category']}", lang, ids=_join(ids, lang)) if ids else "")


def requests_lines(audit: list[dict], claims: list[dict], numbers: dict, lang: str) -> list[tuple[str, str]]:
    """What the author is asked to correct: each discrepancy and each claim that does not (wholly) hold, with
    the registry keys of its evidence."""
    L = [("line", "## " + msg("report.requests.head", lang)), ("line", "")]
    evidence = lambda keys: msg("report.requests.evidence", lang, evidence=evidence_words(keys, numbers, lang))
    n = 0
    rows = [audit_row(r) for r in audit]
    for r in rows:
        if r["verdict"] != "discrepancy":
            continue
        n += 1
        keys = [k for k in _s(r.get("cited_keys")).split(";") if k]
        L.append(("line", f"{n}. **{r['id']}**, {md_text(R.item(r, lang))} ({_printed(r, lang)}; "
                          f"{category_word(r['category'], lang)}): "
                          f"{_request(r, rows, lang)}. {evidence(keys)}"))
    for c in (claim_row(c) for c in claims):
        if c["verdict"] not in ("does not hold", "partly holds"):
            continue
        n += 1
        keys = [k for k in _s(c.get("keys")).split(";") if k]
        L.append(("line", f"{n}. **{c['id']}** (§{md_text(c.get('section', ''))}, {{claim.{c['id']}.verdict}}): "
                          f"{REQUEST[lang]['claim']}. {evidence(keys)}"))
    if not n:
        L.append(("line", msg("report.requests.none", lang)))
    L.append(("line", ""))
    return L


def template(t: dict, sens: dict, audit: list[dict], claims: list[dict], where: dict, sources: list[dict],
             rights: dict, env: dict, rules: list[dict], numbers: dict, lang: str = "en") -> list[tuple[str, str]]:
    """The report as lines (kind, text with {key} slots): 'line' in every form, 'md' only in the manuscript's
    part, 'text' only in the standalone report."""
    L = [("line", "# " + msg("report.title", lang)), ("line", ""), ("line", msg("report.intro", lang)), ("line", ""),
         ("text", "## " + msg("report.summary.head", lang)), ("text", "")]
    # said once in the manuscript: its summary of findings gives the classification and its sensitivity
    L += [("text" if kind == "line" else kind, x) for kind, x in classification_lines(t, sens, lang, audit)]
    # the standalone report, read on its own, keeps in words the counts the manuscript's table of counts shows
    L += [("text", detail_sentence(t, lang)), ("text", "")]
    # (the manuscript gives the classification in its summary of findings: no pointer section here)
    L += data_lines(sources, rights, lang, "")
    L += environment_lines(env, lang)
    L += steps_lines(rules, lang)
    L += findings_lines(t, audit, claims, where, lang, numbers)
    L += requests_lines(audit, claims, numbers, lang)
    return L


def render(lines, numbers: dict, form: str, lang: str = "en") -> str:
    """Lines in words: `form` 'text' (display values; '@sec-…' references dropped) or 'md' (shortcodes)."""
    def fill(s: str) -> str:
        s = SLOT.sub(lambda m: shortcode(m.group(1)) if form == "md" else R.shown(numbers[m.group(1)], lang), s)
        where = msg("report.the_manuscript", lang)
        return s if form == "md" else re.sub(r"\s*\(@sec-[\w-]+\)|@sec-[\w-]+",
                                             lambda m: "" if m.group().strip().startswith("(") else where, s)
    out = [fill(x) for kind, x in lines if kind == "line" or (kind == "md") == (form == "md") and kind != "line"]
    return "\n".join(out).rstrip() + "\n"

def rules_part(numbers: dict, lang: str = "en") -> str:
    """The rules of the audit (report.rules, whose registry slots are left for `render`); the verdicts' labels are
    the ones their tables show (one text per meaning; its meaning follows it here and in the glossary)."""
    text = words.messages(lang)["report.rules"]
    for v in ("consistent", "within_bound"):
        text = text.replace(f"{{verdict_{v}}}", msg(f"word.verdict.{v}", lang))
    return render([("line", text)], numbers, "md", lang)


def manuscript_part(md: str) -> str:
    """The report as a part of the manuscript, which gives it its own heading: every heading one level down."""
    body = md.split("\n")[1:]
    return "\n".join("#" + x if x.startswith("#") else x for x in body).lstrip("\n")


read_rows = read_csv_rows


def computed_where(audit: list[dict], claims: list[dict], registry: dict, numbers: dict) -> dict[str, dict]:
    """Each audit row and claim -> the registry entry of what it is judged against (its key's, or its
    verdict's where the key has none), whose `computed_by` names the program, function and line."""
    entries = {**registry.get("gaps", {}), **numbers}
    out = {}
    for r in audit:
        out[r["id"]] = entries.get(_s(r.get("key"))) or entries.get(f"audit.verdict.{r['id']}")
    for c in claims:
        out[c["id"]] = claim_test_entry(_s(c.get("test"))) or entries.get(f"claim.{c['id']}.verdict")
    return out


def claim_test_entry(test: str) -> dict | None:
    """The function of analysis/audit/claims.py that judges a claim's test, and the line it starts on (every
    verdict is written to the registry by one loop; the test is what computed it)."""
    f = getattr(claims_module, "TESTS", {}).get(test)
    if f is None:
        return None
    try:
        line = inspect.getsourcelines(f)[1]
    except (OSError, TypeError):
        return None
    program = Path(inspect.getsourcefile(f)).resolve()
    try:
        program = program.relative_to(ROOT)
    except ValueError:
        return None
    return {"computed_by": {"program": program.as_posix(), "function": f.__name__, "line": line}}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Write the replication report and the summary of findings")
    ap.add_argument("--registry", required=True, help="the computed numbers (data/derived/computed.json)")
    ap.add_argument("--audit", required=True)
    ap.add_argument("--audit-numbers", required=True)
    ap.add_argument("--claims", required=True)
    ap.add_argument("--claims-numbers", required=True)
    ap.add_argument("--manifest", required=True, help="data/raw/datapackage.json (each file's terms of use)")
    ap.add_argument("--sources", required=True, nargs="+", help="each folder's sources.csv")
    ap.add_argument("--snakefile", required=True, nargs="+",
                    help="the workflow's files (the Snakefile and the rule files it includes), whose rules are the steps")
    ap.add_argument("--pyproject", required=True, help="the project's dependencies, whose versions are read")
    ap.add_argument("--out", required=True, help="the standalone report, English")
    ap.add_argument("--out-vi", required=True, help="the standalone report, Vietnamese")
    ap.add_argument("--out-env", required=True, help="the packages the build used (JSON)")
    ap.add_argument("--out-machine", required=True, help="the machine's facts: Python, system, processor (JSON)")
    ap.add_argument("--out-numbers", required=True)
    ap.add_argument("--out-part", required=True)
    ap.add_argument("--out-rules", required=True)
    ap.add_argument("--out-part-vi", required=True, help="the report part of the Vietnamese edition")
    ap.add_argument("--out-rules-vi", required=True, help="the rules part of the Vietnamese edition")
    ap.add_argument("--out-summary", required=True, help="the summary of findings, English")
    ap.add_argument("--out-summary-vi", required=True, help="the summary of findings, Vietnamese")
    args = ap.parse_args(argv)
    audit, claims = read_rows(args.audit), read_rows(args.claims)
    t, sens = tally(audit, claims), sensitivity(audit, claims)
    frag = fragment(t, sens, {"audit": args.audit, "claims": args.claims})
    registry = read_json(args.registry)
    numbers = {**registry["numbers"], **read_json(args.audit_numbers)["numbers"],
               **read_json(args.claims_numbers)["numbers"], **frag.numbers}
    where = computed_where(audit, claims, registry, numbers)
    sources, manifest = read_sources(args.sources), read_json(args.manifest)
    env = environment(args.pyproject)
    rules = steps("".join(Path(p).read_text(encoding="utf-8") for p in args.snakefile))
    for lang, out, part, rules_out, summary in (("en", args.out, args.out_part, args.out_rules, args.out_summary),
                                                ("vi", args.out_vi, args.out_part_vi, args.out_rules_vi,
                                                 args.out_summary_vi)):
        rights = rights_by_source(manifest, lang)
        lines = template(t, sens, audit, claims, where, sources, rights, env, rules, numbers, lang)
        write_text_atomic(out, render(lines, numbers, "text", lang))
        write_text_atomic(part, manuscript_part(render(lines, numbers, "md", lang)))
        write_text_atomic(rules_out, rules_part(numbers, lang))
        write_text_atomic(summary, render(summary_lines(t, sens, audit, lang), numbers, "md", lang))
    write_json(args.out_env, {k: v for k, v in env.items() if k not in MACHINE})
    write_json(args.out_machine, {k: env[k] for k in MACHINE})
    write_json(args.out_numbers, frag.to_json())
    return 0


if __name__ == "__main__":
    run(main)
