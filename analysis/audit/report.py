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
reading applies to every arms row at once, another source of one figure to its row.  A class is robust only
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
from analysis.audit.claims import VERDICTS_VI as CLAIM_VERDICTS_VI_CLAIMS
from analysis.escape import md_text  # text from an input, as literal Markdown (table cells too)
from analysis.io import ROOT, read_csv_rows, read_json, rel, run, sha256, write_json, write_text_atomic
from analysis.registry import Fragment, shortcode
from analysis.words import msg
from analysis.audit.verdict import PASSING

FULLY, LARGELY, PARTIALLY = 1.0, 0.75, 0.25
# A result is classed only when at least this share of its audited items is checkable on independent evidence.
MIN_COVERAGE = 0.5
CLASSES = ("fully reproduced", "largely reproduced", "partially reproduced", "not reproduced", "not verifiable")
# the classes' and robustness's words in Vietnamese, from the message catalog (word.class.*, word.robustness.*)
CLASSES_VI = {c: R.WORDS["vi"][f"class.{c.replace(' ', '_')}"] for c in CLASSES}
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
CLAIM_VERDICTS_VI = {**CLAIM_VERDICTS_VI_CLAIMS, "not decided": "chưa phân định được"}
ROBUSTNESS_VI = {r: R.WORDS["vi"][f"robustness.{r}"] for r in ("robust", "borderline", "fragile")}

GROUPS = {"table1": "Table 1 (goods trade with six partners, 2024)",
          "table2": "Table 2 (registered foreign investment by partner, 2025)",
          "arms": "The arms-import series (section 3.1)",
          "text": "Figures in the text (sections 1 and 3)"}
GROUPS_VI = {"table1": "Bảng 1 (thương mại hàng hóa với sáu đối tác, 2024)",
             "table2": "Bảng 2 (vốn đầu tư nước ngoài đăng ký theo đối tác, 2025)",
             "arms": "Chuỗi số liệu nhập khẩu vũ khí (mục 3.1)",
             "text": "Các con số trong lời văn (mục 1 và 3)"}
CLAIMS_TITLE = {"en": "Claims in words (sections 1, 3.1–3.3 and 5)", "vi": "Các nhận định bằng lời (mục 1, 3.1–3.3 và 5)"}
CATEGORY_WORDS = {"transcription": "transcription", "other_source_or_reporter": "different source or reporter",
                  "other_period_or_base": "different period or base", "arithmetic": "arithmetic",
                  "data_release": "data release", "unexplained": "no cause found in the data",
                  "not_verifiable": "not verifiable", "reproduced": "reproduced"}
CATEGORY_WORDS_VI = {"transcription": "lỗi chép số", "other_source_or_reporter": "nguồn hoặc bên báo cáo khác",
                     "other_period_or_base": "kỳ số liệu hoặc cơ sở tính khác", "arithmetic": "lỗi tính toán",
                     "data_release": "phiên bản dữ liệu khác", "unexplained": "dữ liệu không cho thấy nguyên nhân",
                     "not_verifiable": "không kiểm chứng được",
                     "reproduced": "tái lập được"}
# a figure consistent only with the article's own figures: the verdict's own short label, whose meaning the rules
# and the glossary give (one text per meaning; a long label widened the report's table)
CATEGORY_WORDS["self_consistent"] = R.WORDS["en"]["verdict.consistent"]
CATEGORY_WORDS_VI["self_consistent"] = R.WORDS["vi"]["verdict.consistent"]
GAP_WORDS = {"en": {"source_not_consulted": "the source behind them could not be consulted",
                    "no_source_found": "no source for them was found",
                    "not_measurable": "the data do not measure the quantity they state",
                    "incomplete_data": "sources were found but the data lack a year, a partner or an occasion",
                    UNRECORDED: "the audit does not record why"},
             "vi": {"source_not_consulted": "không tiếp cận được nguồn gốc của chúng",
                    "no_source_found": "không tìm thấy nguồn nào cho chúng",
                    "not_measurable": "dữ liệu không đo lường đại lượng mà chúng nêu",
                    "incomplete_data": "đã tìm thấy nguồn nhưng dữ liệu thiếu một năm, một đối tác hoặc một sự kiện",
                    UNRECORDED: "quá trình kiểm tra không ghi lại lý do"}}
# What the author is asked to do, by the cause category of a discrepancy (a claim that does not hold: "claim"), in
# the message catalog (report.request.*).  The evidence is the row's registry keys, never retyped.
REQUEST = {lang: words.section("report.request.", lang) for lang in ("en", "vi")}
SLOT = re.compile(r"\{([A-Za-z0-9_.\-]+)\}")


def category_word(c: str, lang: str = "en") -> str:
    """A cause category in words; a category the list does not know yet is shown by its code."""
    words = CATEGORY_WORDS_VI if lang == "vi" else CATEGORY_WORDS
    return words.get(c) or R.WORDS[lang].get(f"category.{c}") or R.WORDS[lang].get(f"cause.{c}") or c.replace("_", " ")


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


def margins(reproduced: float, checkable: int, n: int | None = None) -> tuple[int | None, int | None]:
    """How many checkable items turned from reproduced to not (down) or the reverse (up) change the class;
    None when no such number exists (and always for a result too thinly checked to be classed)."""
    coverage = checkable / n if n else None
    cls = classify(reproduced / checkable if checkable else None, coverage)
    if cls == "not verifiable":
        return None, None
    down = next((k for k in range(1, int(reproduced) + 1) if classify((reproduced - k) / checkable) != cls), None)
    up = next((k for k in range(1, int(checkable - reproduced) + 1)
               if classify((reproduced + k) / checkable) != cls), None)
    return down, up


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
    row judged in it at once), the Russia-alone reading of the arms figures (every arms row at once), and, for
    a row whose alternative is another source or base of its own figure (or a claim's other reading), that row
    alone.  A set keeps only the rows whose verdict it turns from pass to fail or back."""
    out = []
    arms = [(i, audit_row(r)) for i, r in enumerate(audit) if r.get("result") == "arms"]
    for name, col in [(f"release.{x}", f"verdict_{x}") for x in RELEASES] + [("reading.russia", "verdict_russia_used")]:
        changes = [("audit", i, _s(r.get(col))) for i, r in arms
                   if _s(r.get(col)) and r["verdict"] != "not_verifiable" and _matters(r["verdict"], _s(r.get(col)), "audit")]
        if changes:
            out.append({"name": name, "changes": changes, "ids": [audit[i]["id"] for _, i, _ in changes]})
    grouped = {i for x in out for _, i, _ in x["changes"]}
    for i, r in enumerate(audit):
        r = audit_row(r)
        if r["verdict_alt"] and i not in grouped and _matters(r["verdict"], r["verdict_alt"], "audit"):
            out.append({"name": f"row.{r['id']}", "changes": [("audit", i, r["verdict_alt"])], "ids": [r["id"]]})
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
        x["margin_down"], x["margin_up"] = margins(base[g]["reproduced"], base[g]["checkable"], base[g]["n"]) \
            if base[g]["checkable"] else (None, None)
        changed = bool(x["flips"] or x["sets"]) or x["class_all_alt"] != x["class"]
        x["robustness"] = robustness(changed, x["margin_down"], x["margin_up"])
    return out


def fragment(t: dict, sens: dict, files: dict[str, str]) -> Fragment:
    frag = Fragment("analysis.audit.report", {rel(p): sha256(p) for p in files.values()})
    ins = [rel(files["audit"]), rel(files["claims"])]
    for name, v in (("fully", FULLY), ("largely", LARGELY), ("partially", PARTIALLY)):
        frag.add(f"report.threshold.{name}", 100 * v, "%", f"Reproduced share needed for '{name} reproduced'",
                 f"analysis/audit/report.py, {name.upper()}", ins, decimals=0, by=classify)
    frag.add("report.threshold.coverage", 100 * MIN_COVERAGE, "%",
             "Share of a result's audited items that must be checkable on independent evidence for it to be classed",
             "analysis/audit/report.py, MIN_COVERAGE", ins, decimals=0, by=classify)
    for g, x in t.items():
        for k, n in x.items():
            if isinstance(n, (int, float)) and not isinstance(n, bool) and k not in ("reproduced", "share"):
                frag.add(f"report.{g}.{k}", int(n), "count",
                         R.label(f"label.report.count.{k}", group=R.phrase(f"word.report_group.{g}")),
                         R.rule("rule.report.count_rows"), ins, decimals=0, by=tally)
        for k, sub in (("gap", "gap"), ("by_category", "cause"), ("authority", "authority")):
            for c, n in x.get(k, {}).items():
                frag.add(f"report.{g}.{sub}.{c}", n, "count", f"{g}: rows with {sub} '{c}'", "count of rows",
                         ins, decimals=0, by=tally)
        whole = float(x["reproduced"]).is_integer()
        frag.add(f"report.{g}.reproduced", x["reproduced"], "count" if whole else "ratio", f"{g}: reproduced",
                 "count of rows reproduced on independent evidence (a claim that partly holds counts half)", ins,
                 decimals=0 if whole else 1, by=tally)
        if x.get("n"):
            frag.add(f"report.{g}.coverage", 100 * x["checkable"] / x["n"], "%",
                     f"{g}: share of the audited items checkable on independent evidence", "checkable / audited", ins,
                     decimals=0, by=_share)
        if x["share"] is not None and x["class"] != "not verifiable":  # a result not classed shows no share
            frag.add(f"report.{g}.share", 100 * x["share"], "%", f"{g}: reproduced share of the checkable",
                     "reproduced / checkable", ins, decimals=0, by=_share)
        frag.add(f"report.{g}.class", x["class"], "text", f"{g}: classification",
                 "analysis/audit/report.py, classify()", ins, shown_as=x["class"], shown_as_vi=CLASSES_VI[x["class"]],
                 by=classify)
    for g, x in sens.items():
        if x["class"] == "not verifiable":
            # a result that is not classed has no robustness; only a class the alternatives would give it is shown
            if x["class_all_alt"] != x["class"]:
                frag.add(f"report.{g}.class_all_alt", x["class_all_alt"], "text",
                         f"{g}: class with every alternative verdict", "analysis/audit/report.py, sensitivity()", ins,
                         shown_as=x["class_all_alt"], shown_as_vi=CLASSES_VI[x["class_all_alt"]], by=sensitivity)
            continue
        frag.add(f"report.{g}.robustness", x["robustness"], "text",
                 f"{g}: robust, borderline or fragile under the alternatives",
                 "analysis/audit/report.py, sensitivity()", ins, shown_as=x["robustness"],
                 shown_as_vi=ROBUSTNESS_VI[x["robustness"]], by=robustness)
        frag.add(f"report.{g}.class_all_alt", x["class_all_alt"], "text", f"{g}: class with every alternative verdict",
                 "analysis/audit/report.py, sensitivity()", ins, shown_as=x["class_all_alt"],
                 shown_as_vi=CLASSES_VI[x["class_all_alt"]], by=sensitivity)
        shown = sensitivity_shown(g, x)
        if shown and not x["sets"] and x["class_all_alt"] == x["class"]:
            frag.add(f"report.{g}.alts", len(x["alts"]), "count", f"{g}: rows with an alternative verdict",
                     "analysis/audit/report.py, sensitivity()", ins, decimals=0, by=sensitivity)
        for a in x["sets"]:
            frag.add(f"report.altset.{a['name']}.class.{g}", a["class"], "text",
                     f"{g}: class with the alternative '{a['name']}' applied to all its rows at once",
                     "analysis/audit/report.py, sensitivity()", ins, shown_as=a["class"],
                     shown_as_vi=CLASSES_VI[a["class"]], by=sensitivity)
            if f"report.altset.{a['name']}.n" not in frag.numbers:
                frag.add(f"report.altset.{a['name']}.n", len(a["changes"]), "count",
                         f"Rows whose verdict the alternative '{a['name']}' changes", "analysis/audit/report.py, "
                         "alternative_sets()", ins, decimals=0, by=alternative_sets)
        for k in ("margin_down", "margin_up"):
            if x[k] is not None and shown:
                frag.add(f"report.{g}.{k}", x[k], "count", f"{g}: reproduced items {k[7:]} that change the class",
                         "analysis/audit/report.py, margins()", ins, decimals=0, by=margins)
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
    return ", ".join(items[:-1]) + (" và " if lang == "vi" else " and ") + items[-1]


def where_computed(entry: dict | None, lang: str = "en") -> str:
    """'analysis/compute/trade.py, table1(), line 136': the code that computed the entry, as it recorded itself."""
    c = (entry or {}).get("computed_by") or {}
    if not c.get("program"):
        return "—"
    return f"`{c['program']}`, `{c['function']}()`, {'dòng' if lang == 'vi' else 'line'} {c['line']}"


def _gap_clause(t: dict, g: str, lang: str) -> str:
    """'5 because …, 3 because …' for the non-zero gaps of a result (slots)."""
    because = " vì " if lang == "vi" else " because "
    return "; ".join(f"{{report.{g}.gap.{x}}}{because}{GAP_WORDS[lang][x]}" for x, n in t[g]["gap"].items() if n)


def _items(n: int, noun: str) -> str:
    return noun if n == 1 else noun + "s"


def sensitivity_shown(g: str, x: dict) -> bool:
    """Is the sensitivity sentence of a class written (so that only what is shown is registered)?  For the printed
    numbers and the claims when classed (the headline), and for a classed result that is not robust."""
    return x["class"] != "not verifiable" and (g in ("numbers", "claims") or x["robustness"] != "robust")


def _set_name(a: dict, lang: str) -> str:
    """An alternative in words: a SIPRI release or reading applied to every arms figure, or one row's."""
    kind, _, what = a["name"].partition(".")
    if kind == "release":
        return words.msg("report.altset.release", lang, release=R.release_word(what, lang))
    if kind == "reading":
        return words.msg("report.altset.russia", lang)
    return words.msg("report.altset.row", lang, id=what)


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
            f"{r['id']} ({'in' if lang == 'vi' else 'printed'} {{printed.{r['id']}}}, "
            + (words.msg("report.unclassed.impossible", lang) if _s(r.get("rule")).startswith("impossible")
               else category_word(r["category"], lang))
            + f"; {BASIS_WORDS[lang].get(r['basis'], r['basis'])})" for r in wrong))
    return s


def classification_lines(t: dict, sens: dict, lang: str, audit: list[dict] | None = None) -> list[tuple[str, str]]:
    """The classification: the printed numbers and the claims each with what was checked, its class and its
    sensitivity; the table by result; the rule; each unclassed or not robust result on its own."""
    vi = lang == "vi"
    groups = GROUPS_VI if vi else GROUPS
    L = []
    add = lambda s="", kind="line": L.append((kind, s))
    for x in _headline(t, sens, lang):
        add(x)
        add()
    add(words.msg("report.table.head", lang))
    add(rule_row(24, 8, 12, 9, 7, 14, 14, 10))
    for g, title in list(groups.items()) + [("claims", CLAIMS_TITLE[lang])]:
        classed = t[g]["class"] != "not verifiable"
        cover = "{report.%s.checkable} ({report.%s.coverage})" % (g, g) if t[g]["n"] else "{report.%s.checkable}" % g
        # a result too thinly checked to be classed has no share, no class to be robust or fragile
        share = "{report.%s.share}" % g if classed and t[g]["share"] is not None else "—"
        all_alt = "{report.%s.class_all_alt}" % g if classed else "—"
        robust = "{report.%s.robustness}" % g if classed else "—"
        add(f"| {title} | {{report.{g}.n}} | {cover} | {{report.{g}.reproduced}} | {share} | {{report.{g}.class}} | "
            f"{all_alt} | {robust} |")
    add()
    add(words.msg("report.rule", lang, fully="{report.threshold.fully}", largely="{report.threshold.largely}",
                  partially="{report.threshold.partially}", coverage="{report.threshold.coverage}"))
    add()
    for g, title in list(groups.items()) + [("claims", CLAIMS_TITLE[lang])]:
        if t[g]["class"] == "not verifiable" and t[g]["n"]:
            add(_unclassed_line(t, audit or [], g, title, lang, sens) if g != "claims" else
                f"*{title}*: " + words.msg("report.unclassed.claims", lang, n=f"{{report.{g}.n}}",
                                           checkable=f"{{report.{g}.checkable}}", threshold="{report.threshold.coverage}"))
            add()
        elif g != "claims" and sensitivity_shown(g, sens[g]):  # the claims' sentence is in the headline
            add(f"*{title}*: {{report.{g}.class}}. " + _alt_sentence(sens, g, lang))
            add()
    return L


AUTHORITY_WORDS = {"en": {"official": "an official source", "secondary": "a secondary source",
                          "third_party_copy": "a third-party copy"},
                   "vi": {"official": "một nguồn chính thức", "secondary": "một nguồn thứ cấp",
                          "third_party_copy": "một bản sao của bên thứ ba"}}


def _authority_sentence(t: dict, lang: str) -> str:
    """How many verdicts checked against a source rest on each authority (empty when none is)."""
    found = [(a, w) for a, w in AUTHORITY_WORDS[lang].items() if t["numbers"]["authority"].get(a)]
    parts = [f"{{report.numbers.authority.{a}}} " + ("dựa trên " if lang == "vi" else "rest on " if i == 0 else "on ")
             + w for i, (a, w) in enumerate(found)]
    if not parts:
        return ""
    return (" Trong các kết luận đối chiếu với nguồn, " if lang == "vi" else " Of the verdicts checked against a source, ") \
        + _join(parts, lang) + "."


def _claims_sentence(t: dict, lang: str) -> str:
    """The claims' verdicts.  Why each undecided claim is undecided is said claim by claim (@sec-claims-words):
    the recorded gap kinds are too coarse to count by cause (a source found but incomplete is not 'no source')."""
    if lang == "vi":
        return ("Trong {report.claims.n} nhận định bằng lời (@sec-claims-words), theo bằng chứng độc lập với bài báo, "
                "{report.claims.holds} đúng, {report.claims.partly} đúng một phần và {report.claims.does_not_hold} "
                "không đúng; {report.claims.article_only} chỉ được đối chiếu với chính văn bản của bài báo "
                "({report.claims.article_only_differ} không đúng) và {report.claims.not_decided} chưa phân định được "
                "(lý do của từng nhận định được nêu ở @sec-claims-words).")
    return ("Of the {report.claims.n} claims in words (@sec-claims-words), on evidence independent of the article "
            "{report.claims.holds} hold, {report.claims.partly} partly hold and {report.claims.does_not_hold} do not "
            "hold; {report.claims.article_only} were checked only against the article's own text "
            "({report.claims.article_only_differ} do not hold) and {report.claims.not_decided} are not decided "
            "(why, claim by claim, in @sec-claims-words).")


def discrepancy_lines(t: dict, audit: list[dict], lang: str) -> list[tuple[str, str]]:
    """Each discrepancy under its cause category (the category the audit gives it, whatever it is)."""
    vi = lang == "vi"
    audit = [audit_row(r) for r in audit]
    dis = [r for r in audit if r["verdict"] == "discrepancy"]
    L = []
    if not dis:
        return L
    L.append(("line", ("Các sai lệch, theo nhóm nguyên nhân mà quá trình kiểm tra tìm ra (@sec-discrepancies):" if vi
                       else "The discrepancies, by the cause category the audit finds (@sec-discrepancies):")))
    L.append(("line", ""))
    for c, n in t["numbers"]["by_category"].items():
        rows = [r for r in dis if r["category"] == c]
        if not rows:
            continue
        L.append(("line", f"- **{category_word(c, lang)}** ({{report.numbers.cause.{c}}}): " + "; ".join(
            f"{r['id']}, {md_text(R.item(r, lang))} ({'in' if vi else 'printed'} {{printed.{r['id']}}}"
            + ("" if r["basis"] == "independent" else f"; {BASIS_WORDS[lang].get(r['basis'], r['basis'])}") + ")"
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
    vi = lang == "vi"
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
    rel_counts = _join([f"{{audit.arms_release_matches.{r}}} " + (f"bằng phiên bản {R.WORDS[lang].get(f'release.{r}', r)}"
                                                                  if vi else f"equal the {R.WORDS[lang].get(f'release.{r}', r)} release")
                        for r in RELEASES], lang)
    # the one rule analysis/audit/numbers.py, article_release(), applies, said as @sec-rules says it
    L.append(("line", ("Các con số về vũ khí được đối chiếu với phiên bản **{audit.arms_release}** của số liệu SIPRI, được "
                       "chọn mà không xét kết luận nào: phiên bản có chuỗi tổng năm kết thúc vào năm cuối cùng mà bài báo "
                       "in số tổng năm (nếu không phiên bản nào kết thúc ở đó, thì phiên bản cũ nhất có năm đó; @sec-rules); "
                       "trong các giá trị vũ khí được in, " if vi else
                       "The arms figures are judged against the **{audit.arms_release}** release of SIPRI's data, chosen "
                       "without looking at any verdict: the release whose annual totals end in the last year for which the "
                       "article prints an annual total (if none ends there, the oldest release covering it; @sec-rules); "
                       "of the printed arms values, ") + rel_counts + "."))
    L.append(("line", ""))
    return L


AUTHORITY_NAMES = {"en": {"official": "official", "secondary": "secondary", "third_party_copy": "third-party copy"},
                   "vi": {"official": "chính thức", "secondary": "thứ cấp", "third_party_copy": "bản sao của bên thứ ba"}}
BASIS_WORDS = {"en": {"independent": "independent", "mixed": "mixed", "article_only": "article only", "": "—"},
               "vi": {"independent": "độc lập", "mixed": "kết hợp", "article_only": "chỉ số liệu của bài báo",
                      "": "—"}}


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
            packages[n] = "not installed"
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
    vi = lang == "vi"
    # the manuscript states its data in its own appendix (@sec-data-files): the section is the standalone report's
    L = [("text", "## Mô tả dữ liệu" if vi else "## Data description"), ("text", "")]
    L.append(("text", ("Mọi tệp đầu vào nằm trong `data/raw/`, được liệt kê với kích thước và mã sha256 trong "
                       "`data/raw/datapackage.json`. Các nguồn:" if vi else
                       "Every input is in `data/raw/`, listed with its bytes and sha256 in `data/raw/datapackage.json`. "
                       "The sources:")))
    L.append(("text", ""))
    L.append(("text", "| Nguồn | Trích dẫn | Tiếp cận | Quyền sử dụng | Thẩm quyền |" if vi else
              "| Source | Citation | Access | Rights | Authority |"))
    L.append(("text", rule_row(14, 30, 30, 20, 8)))
    for s in sources:
        cite = f"{s.get('publisher', '')}, “{s.get('title', '')}”, {s.get('date', '')}"
        access = f"{s.get('url', '')} ({'tệp' if vi else 'file'} {s['file']})"
        terms = "; ".join(rights.get(s.get("source_id", ""), [])) or "—"
        authority = R.AUTHORITIES_VI.get(s.get("authority", ""), s.get("authority", "")) if vi else s.get("authority", "")
        L.append(("text", f"| {md_text(s.get('source_id', ''))} | {md_text(cite)} | {md_text(access)} | {md_text(terms)} | "
                          f"{md_text(authority)} |"))
    L.append(("text", ""))
    return L


def environment_lines(env: dict, lang: str) -> list[tuple[str, str]]:
    vi = lang == "vi"
    L = [("line", "## Môi trường tính toán" if vi else "## Computing environment"), ("line", "")]
    # the manuscript's: the pinned environment, independent of the machine (written by analysis/manuscript/render.py
    # from requirements.lock and the Quarto release); the standalone report's: where the build's facts are written
    L.append(("md", "{{< meta environment-vi >}}" if vi else "{{< meta environment >}}"))
    L.append(("text", "Phiên bản các gói mà bản dựng dùng được ghi vào `data/derived/environment.json` và báo cáo độc "
                    "lập. Các thông tin về máy (Python, hệ điều hành, bộ xử lý) được ghi riêng vào "
                    "`data/derived/machine.json`, nằm ngoài cam kết về các byte giống hệt nhau; bản thảo không phụ "
                    "thuộc vào máy." if vi else
                    "The versions of the packages the build used are written to `data/derived/environment.json` and "
                    "the standalone report. The facts of the machine (Python, operating system, processor) are "
                    "written apart, to `data/derived/machine.json`, outside the promise of identical bytes; the "
                    "manuscript does not depend on the machine."))
    L.append(("text", ""))
    for n, v in env["packages"].items():
        L.append(("text", f"- {md_text(n)} {md_text(v)}"))
    L.append(("line", ""))
    return L


# What each rule of the Snakefile does, in the Vietnamese edition's words (the English edition reads the rules'
# docstrings).  Keyed by rule name: a rule of the Snakefile without an entry here fails tests/test_report.py.
STEPS_VI = {
    "all": "Toàn bộ quy trình: dữ liệu dẫn xuất và bản thảo đã kết xuất",
    "derived": "Mọi bước trừ kết xuất bản thảo (phần được đo thời gian chạy)",
    "validate_raw": "Kiểm tra từng tệp đầu vào theo bản kê khai: có trong danh sách, mã kiểm tra, lược đồ, giá trị "
                    "hợp lý, các dòng mà mỗi bước cần và các quy tắc giữa các dòng",
    "parse_published": "Kiểm tra các con số được in (gói dữ liệu, cách viết, vị trí trong bài báo) và các nhận định "
                       "bằng lời (mục, phép kiểm tra, tham số), rồi phân tích các con số được in",
    "compute_arms": "Chuỗi số liệu nhập khẩu vũ khí theo từng phiên bản dữ liệu SIPRI, các giai đoạn, tỷ trọng của "
                    "Nga và các tỷ trọng được công bố, ghi thành một phần của sổ đăng ký",
    "compute_trade": "Bảng 1: thương mại hàng hóa với từng đối tác, chọn giữa các nguồn theo một quy tắc nêu rõ; mọi "
                     "số liệu thay thế; số liệu phía đối tác quy đổi theo tỷ giá bình quân năm; các bảng xếp hạng "
                     "được công bố",
    "compute_fdi": "Bảng 2: tỷ trọng, giá trị năm trước mà mỗi mức tăng/giảm được in hàm ý, mức tăng/giảm và thứ "
                   "hạng, từ các giá trị được in cùng các tổng số và giá trị năm trước có nguồn; vốn đầu tư lũy kế "
                   "của Nga theo từng thời điểm",
    "build_computed_registry": "Gộp các con số tính được vào một sổ đăng ký cho phần kiểm tra đọc; dừng lại khi một "
                               "khóa đã hứa mà không được ghi",
    "audit_numbers": "Đánh giá từng con số được in theo một quy tắc nêu rõ, so với giá trị tính lại, kèm cơ sở đối "
                     "chiếu, mức tin cậy của nguồn, kết luận thay thế và lý do",
    "check_claims": "Đánh giá từng nhận định bằng lời theo một quy tắc nêu rõ, từ các con số tính được; ghi bảng "
                    "các nhận định",
    "write_report": "Báo cáo tái lập (theo khuôn của Ban biên tập dữ liệu AEA) bằng hai ngôn ngữ, các phần của bản "
                    "thảo và phần tóm tắt kết quả, mọi số đếm, nguyên nhân và xếp loại đều được sinh ra từ dữ liệu",
    "build_registry": "Mọi con số mà bản thảo có thể trình bày: số tính được, số của phần kiểm tra, của các nhận "
                      "định và của báo cáo",
    "check_manuscript_claims": "Đối chiếu từng câu khẳng định của hai bản với sổ đăng ký: một câu không còn đúng "
                               "dừng quy trình trước khi kết xuất, kèm tên tệp, dòng và nội dung câu",
    "plot_figures": "Các hình bằng ngôn ngữ của từng bản (bản tiếng Việt có hậu tố _vi), kèm các bản SVG mà bản thảo "
                    "hiển thị",
    "write_manuscript_parts": "Các phần được sinh ra của bản thảo ở cả hai bản: các bảng tái lập, bảng kiểm tra và "
                              "bảng nhận định, tuyên bố về dữ liệu, danh mục nguồn và nguồn gốc số liệu",
    "write_verdicts": "Mọi kết luận dưới dạng ClaimReview của schema.org về lời văn của bài báo, bằng ngôn ngữ của "
                      "từng bản: các tệp JSON-LD và phần đầu HTML mà mỗi bản nạp vào",
    "render_manuscript": "Bản thảo dạng HTML và PDF: hai tác vụ cho mỗi bản, chạy song song, và các trang nguồn gốc "
                         "số liệu của hai bản",
    "render_digest": "Mã băm của mọi thứ mà bước kết xuất đọc, ghi vào chỗ _quarto.yml nạp (thẻ meta của HTML, từ "
                     "khóa của PDF)",
    "render_html": "Kết xuất một tài liệu sang HTML trong bản sao riêng của thư mục bản thảo",
    "render_pdf": "Kết xuất một tài liệu sang PDF (Typst) trong bản sao riêng của thư mục bản thảo",
    "write_lineage_pages": "Nguồn gốc số liệu của mỗi bản thành một trang riêng: HTML thuần từ các mục nguồn gốc của "
                           "bản đó, kèm thông tin về bản dựng và mã băm của dữ liệu đầu vào của bước kết xuất, viết "
                           "không qua Quarto (nên không làm bước kết xuất lâu thêm)",
    "write_run_crate": "Gói mô tả lần chạy (RO-Crate 1.1): quy trình, mọi tệp đầu vào kèm mã kiểm tra và nguồn, mọi "
                       "sản phẩm, lần chạy và từng bước, phần mềm đã chạy",
    "deposit": "Tệp lưu trữ để nộp cho kho dữ liệu của tạp chí: mã nguồn, dữ liệu đầu vào, bản kết xuất đã phát "
               "hành, README, trích dẫn, giấy phép, tệp khóa phiên bản và gói mô tả lần chạy; không có sản phẩm "
               "dựng và không có .git",
    "verify": "So từng sản phẩm trong cây thư mục với một lần dựng lại sạch từ dữ liệu thô trong một bản sao tạm, "
              "từng byte một, và mã băm của bản kết xuất đã phát hành: nêu tên mọi tệp khác biệt",
}


def steps_lines(rules: list[dict], lang: str) -> list[tuple[str, str]]:
    vi = lang == "vi"
    L = [("line", "## Các bước của quy trình" if vi else "## The steps of the workflow"), ("line", "")]
    # no Vietnamese words in a code span: the PDF's monospace font lacks their letters
    L.append(("line", "Các quy tắc của `Snakefile`, theo thứ tự luồng dữ liệu; mỗi quy tắc chạy một chương trình và ghi "
                      "lệnh đã chạy vào thư mục `data/derived/logs/`, mỗi quy tắc một tệp `.log` mang tên của nó. "
                      "`snakemake -c2` chạy tất cả (các bước kết xuất chỉ khi đã cài Quarto); "
                      "`snakemake -c2 derived` chạy tất cả trừ các bước kết xuất bản thảo (`render_*`)." if vi else
                      "The rules of the `Snakefile`, in the order of the data flow; each runs one program and logs the "
                      "command that ran to `data/derived/logs/<rule>.log`. `snakemake -c2` runs them all (the render steps only where Quarto is installed); "
                      "`snakemake -c2 derived` runs all but the render's (`render_*`)."))
    L.append(("line", ""))
    L.append(("line", "| Quy tắc | Chương trình | Chức năng |" if vi else "| Rule | Program | What it does |"))
    L.append(("line", rule_row(12, 12, 50)))
    for r in rules:
        if not r["program"]:
            continue
        what = STEPS_VI.get(r["rule"], "") if vi else r["doc"]
        L.append(("line", f"| `{r['rule']}` | `{r['program']}` | {md_text(what) or '—'} |"))
    L.append(("line", ""))
    return L


def findings_lines(t: dict, audit: list[dict], claims: list[dict], where: dict, lang: str) -> list[tuple[str, str]]:
    """Every printed number and claim and the code that computed it (as it recorded itself).  The standalone
    report gives each item's verdict and reason category; the manuscript's part, whose tables show the verdicts,
    groups the items by that code with the basis of their checks.  The reasons are the audit's, never copied."""
    vi = lang == "vi"
    groups = GROUPS_VI if vi else GROUPS
    L = [("line", "## Kết quả theo từng mục" if vi else "## Findings for every item"), ("line", "")]
    L.append(("md", "Kết luận về từng mục nằm trong bảng trình bày mục đó (những mục còn lại ở @sec-every), lý do của "
                    "từng sai lệch ở @sec-discrepancies. Ở đây chỉ ghi đoạn mã đã tính ra từng mục và cơ sở của phép "
                    "kiểm tra." if vi else
                    "Each item's verdict is in the table that shows the item (the rest in @sec-every), and each "
                    "discrepancy's reason in @sec-discrepancies. Here are only the code that computed each item and "
                    "the basis of its check."))
    L.append(("text", "Lý do của từng kết luận nằm trong `data/derived/audit.csv` (cột `reason_vi`), theo mã." if vi else
              "Each verdict's reason is in `data/derived/audit.csv` (column `reason`), by id."))
    L.append(("line", ""))
    L.append(("text", ("Nhóm lý do được chọn từ một danh sách cố định (`analysis/reasons.py`): " if vi else
                       "The reason category is one of a fixed list (`analysis/reasons.py`): ")
              + "; ".join(category_word(c, lang) for c in R.CATEGORIES) + "."))
    L.append(("text", ""))
    audit = [audit_row(r) for r in audit]
    for g, title in groups.items():
        L.append(("line", f"### {title}"))
        L.append(("line", ""))
        gaps = _gap_clause(t, g, lang)
        if vi:
            L.append(("line", f"Số được kiểm tra {{report.{g}.n}}: đối chiếu với nguồn độc lập {{report.{g}.checkable}} "
                              f"(tái lập được {{report.{g}.reproduced}}, sai lệch {{report.{g}.discrepancy}}); kết hợp "
                              f"{{report.{g}.mixed}}; chỉ số liệu của bài báo {{report.{g}.article_only}}; không kiểm "
                              f"chứng được {{report.{g}.not_verifiable}}" + (f" ({gaps})" if gaps else "")
                              + f". Xếp loại: **{{report.{g}.class}}**."))
        else:
            L.append(("line", f"Audited {{report.{g}.n}}: checked against independent sources {{report.{g}.checkable}} "
                              f"(reproduced {{report.{g}.reproduced}}, discrepancies {{report.{g}.discrepancy}}); mixed "
                              f"{{report.{g}.mixed}}; article only {{report.{g}.article_only}}; not verifiable "
                              f"{{report.{g}.not_verifiable}}" + (f" ({gaps})" if gaps else "")
                              + f". Classification: **{{report.{g}.class}}**."))
        L.append(("line", ""))
        rows = [r for r in audit if r.get("result") == g]
        # the standalone report stands alone: every item with its verdict and reason category
        L.append(("text", "| Mã | Con số được in | Tính bởi | Kết luận | Cơ sở | Thẩm quyền | Nhóm lý do |" if vi else
                          "| ID | Printed number | Computed by | Verdict | Basis | Authority | Reason category |"))
        L.append(("text", rule_row(6, 24, 22, 10, 12, 11, 15)))
        for r in rows:
            L.append(("text", f"| {r['id']} | {md_text(R.item(r, lang))} | {where_computed(where.get(r['id']), lang)} | "
                              f"{{audit.verdict.{r['id']}}} | {BASIS_WORDS[lang].get(r['basis'], r['basis'])} | "
                              f"{AUTHORITY_NAMES[lang].get(r['authority'], md_text(r['authority'])) or '—'} | "
                              f"{category_word(r['category'], lang)} |"))
        # the manuscript shows each item's verdict and reason in its own table: here only the code and the basis
        L += [("md", line) for line in _by_code(rows, where, lang)]
        L.append(("line", ""))
    L.append(("line", f"### {CLAIMS_TITLE[lang]}"))
    L.append(("line", ""))
    L.append(("text", _claims_sentence(t, lang) + (" Xếp loại: **{report.claims.class}**." if vi else
                                                   " Classification: **{report.claims.class}**.")))
    L.append(("md", "Số nhận định theo kết luận và xếp loại: @sec-summary." if vi else
                    "The claims by verdict, and their class: @sec-summary."))
    L.append(("line", ""))
    L.append(("text", "| Mã | Mục | Tính bởi | Kết luận |" if vi else "| ID | Section | Computed by | Verdict |"))
    L.append(("text", rule_row(6, 8, 30, 12)))
    for c in claims:
        L.append(("text", f"| {c['id']} | §{md_text(c.get('section', ''))} | {where_computed(where.get(c['id']), lang)} | "
                          f"{{claim.{c['id']}.verdict}} |"))
    L += [("md", line) for line in _by_code(claims, where, lang, basis=False)]
    L.append(("line", ""))
    return L


def _by_code(rows: list[dict], where: dict, lang: str, basis: bool = True) -> list[str]:
    """The items of a group by the code that computed them (the program, function and line each recorded):
    one row a function, its items' ids and, for printed numbers, how many were checked on which basis.  The
    manuscript's part: each item's verdict and reason are in the manuscript's own tables, not repeated here."""
    vi = lang == "vi"
    by: dict[str, list[dict]] = {}
    for r in rows:
        by.setdefault(where_computed(where.get(r["id"]), lang), []).append(r)
    head = ("| Tính bởi | Các mục | Cơ sở |" if vi else "| Computed by | Items | Basis |") if basis else \
        ("| Tính bởi | Các nhận định |" if vi else "| Computed by | Claims |")
    out = [head, rule_row(30, 40, 20) if basis else rule_row(30, 50)]
    for code, items in by.items():
        ids = ", ".join(md_text(r["id"]) for r in items)
        if basis:
            counts: dict[str, int] = {}
            for r in items:
                word = BASIS_WORDS[lang].get(r.get("basis", ""), r.get("basis", "")) if r.get("basis") else \
                    ("chưa kiểm chứng được" if vi else "not verifiable")
                counts[word] = counts.get(word, 0) + 1
            out.append(f"| {code} | {ids} | " + "; ".join(f"{w}: {n}" for w, n in counts.items()) + " |")
        else:
            out.append(f"| {code} | {ids} |")
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


def requests_lines(audit: list[dict], claims: list[dict], numbers: dict, lang: str) -> list[tuple[str, str]]:
    """What the author is asked to correct: each discrepancy and each claim that does not (wholly) hold, with
    the registry keys of its evidence."""
    vi = lang == "vi"
    L = [("line", "## Đề nghị sửa đổi gửi tác giả" if vi else "## Requested changes for the author"), ("line", "")]
    evidence = lambda keys: evidence_words(keys, numbers, lang)
    n = 0
    for r in (audit_row(r) for r in audit):
        if r["verdict"] != "discrepancy":
            continue
        n += 1
        keys = [k for k in _s(r.get("cited_keys")).split(";") if k]
        L.append(("line", f"{n}. **{r['id']}**, {md_text(R.item(r, lang))} ({'in' if vi else 'printed'} "
                          f"{{printed.{r['id']}}}; {category_word(r['category'], lang)}): "
                          f"{REQUEST[lang].get(r['category'], REQUEST[lang]['other'])}. "
                          f"{'Bằng chứng' if vi else 'Evidence'}: {evidence(keys)}."))
    for c in (claim_row(c) for c in claims):
        if c["verdict"] not in ("does not hold", "partly holds"):
            continue
        n += 1
        keys = [k for k in _s(c.get("keys")).split(";") if k]
        L.append(("line", f"{n}. **{c['id']}** (§{md_text(c.get('section', ''))}, {{claim.{c['id']}.verdict}}): "
                          f"{REQUEST[lang]['claim']}. {'Bằng chứng' if vi else 'Evidence'}: {evidence(keys)}."))
    if not n:
        L.append(("line", "Không có." if vi else "None."))
    L.append(("line", ""))
    return L


def template(t: dict, sens: dict, audit: list[dict], claims: list[dict], where: dict, sources: list[dict],
             rights: dict, env: dict, rules: list[dict], numbers: dict, lang: str = "en") -> list[tuple[str, str]]:
    """The report as lines (kind, text with {key} slots): 'line' in every form, 'md' only in the manuscript's
    part, 'text' only in the standalone report."""
    vi = lang == "vi"
    L = []
    if vi:
        L += [("line", "# Báo cáo tái lập: Trần Thị Diễm Trâm (2026), *Quan hệ đối tác chiến lược toàn diện Việt Nam – "
                       "Nga*"), ("line", ""),
              ("line", "Báo cáo do quy trình (`analysis/audit/report.py`) viết theo khuôn mẫu các báo cáo tái lập của Biên tập "
                       "viên Dữ liệu AEA. Mọi con số đếm là một khóa trong sổ đăng ký."), ("line", ""),
              ("text", "## Tóm tắt và xếp loại"), ("text", "")]
    else:
        L += [("line", "# Replication report: Tran (2026), *The Vietnam–Russia Comprehensive Strategic Partnership*"),
              ("line", ""),
              ("line", "Written by the workflow (`analysis/audit/report.py`) in the shape of the AEA Data Editor's replication "
                       "reports. Every count is a registry key."), ("line", ""),
              ("text", "## Summary and classification"), ("text", "")]
    # said once in the manuscript: its summary of findings gives the classification and its sensitivity
    L += [("text" if kind == "line" else kind, x) for kind, x in classification_lines(t, sens, lang, audit)]
    # the standalone report, read on its own, keeps in words the counts the manuscript's table of counts shows
    L += [("text", detail_sentence(t, lang)), ("text", "")]
    # (the manuscript gives the classification in its summary of findings: no pointer section here)
    L += data_lines(sources, rights, lang, "")
    L += environment_lines(env, lang)
    L += steps_lines(rules, lang)
    L += findings_lines(t, audit, claims, where, lang)
    L += requests_lines(audit, claims, numbers, lang)
    return L


def render(lines, numbers: dict, form: str, lang: str = "en") -> str:
    """Lines in words: `form` 'text' (display values; '@sec-…' references dropped) or 'md' (shortcodes)."""
    def fill(s: str) -> str:
        s = SLOT.sub(lambda m: shortcode(m.group(1)) if form == "md" else R.shown(numbers[m.group(1)], lang), s)
        where = "bản thảo" if lang == "vi" else "the manuscript"
        return s if form == "md" else re.sub(r"\s*\(@sec-[\w-]+\)|@sec-[\w-]+",
                                             lambda m: "" if m.group().strip().startswith("(") else where, s)
    out = [fill(x) for kind, x in lines if kind == "line" or (kind == "md") == (form == "md") and kind != "line"]
    return "\n".join(out).rstrip() + "\n"

RULES = """\
Each printed number is compared with its recomputed counterpart (`analysis/audit/verdict.py`), and one rule judges each
kind of hedge wherever the figure is printed. The precision of a printed figure is one unit in its last printed
digit; a hedged whole number ending in zeros is a round figure, precise to its last non-zero digit. In order: a
figure is a **discrepancy** when it is impossible (a fall of more than the whole); **not verifiable** when no raw
source gives its counterpart. A hedge that states a bound is tested as that bound: *hơn*, *trên*, *vượt* ('more
than') pass, **within the stated bound**, when the recomputed value is above the printed one, or reaches it within
the rounding uncertainty of the source figures, and *gần* ('nearly') when it is below; nothing is rounded, and such a
pass counts as reproduced as a rounding does; anything else is a **discrepancy**. A
figure with *khoảng*, *~* or no hedge is a window: a **match** when the two are equal; a **rounding** difference
when the recomputed value, rounded to the printed precision, gives the printed one, or agrees with it within the
rounding of the source figures, or when truncating or rounding up gives it; a **discrepancy** otherwise. Each
reason says which of these holds. A match, rounding or bound met only from the article's own figures is reported as
**consistent**: consistent with the article's own figures, not independently verified, and counted apart. A check
is flagged **coarse** when the interval of values it accepts is wider than {audit.rule.coarse_units} units of the
printed last digit: such a check could not fail a misprint in the last digit ({audit.count.coarse} passing checks
are coarse); a bound is never coarse.

The SIPRI release the article used is chosen without looking at any verdict: the release whose annual totals end
in the last year for which the article prints an annual total ({audit.arms_release_rule.last_printed_year}),
or, if none ends there, the oldest release covering that year, here the **{audit.arms_release}** release; every arms figure is also judged in every release, side by side. The
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


RULES_VI = """\
Mỗi con số được in được so sánh với giá trị tính lại tương ứng (`analysis/audit/verdict.py`), và mỗi loại từ rào đón được
đánh giá theo một quy tắc duy nhất, ở bất cứ đâu con số xuất hiện. Độ chính xác của một con số được in là một đơn vị ở
chữ số cuối cùng được in; một số nguyên có từ rào đón và tận cùng bằng các chữ số 0 được coi là số tròn, chính xác đến
chữ số khác 0 cuối cùng. Xét lần lượt: một con số là **sai lệch** khi nó không thể có (một mức giảm lớn hơn toàn bộ giá
trị gốc); **không kiểm chứng được** khi không nguồn dữ liệu gốc nào cho giá trị đối chiếu. Từ rào đón nêu một giới hạn
được kiểm tra đúng như giới hạn ấy: *hơn*, *trên*, *vượt* đạt (**{verdict_within_bound}**) khi giá trị tính lại lớn
hơn con số in, hoặc chạm tới nó trong phạm vi sai số làm tròn của các số liệu nguồn, còn *gần* đạt khi giá trị tính lại
nhỏ hơn; không có gì được làm tròn, và kết quả đạt ấy được tính là tái lập được như khớp khi làm tròn; mọi trường hợp
khác là **sai lệch**. Con số đi với *khoảng*, *~* hoặc không có từ rào đón được xét theo một
khoảng: **khớp** khi hai giá trị bằng nhau; **khớp khi làm tròn** khi giá trị tính lại, làm tròn đến độ chính xác được
in, cho đúng con số in, hoặc trùng với nó trong phạm vi làm tròn của các số liệu nguồn, hoặc khi cắt bớt hay làm tròn
lên cho ra nó; **sai lệch** trong mọi trường hợp còn lại. Lý do đi kèm nói rõ trường hợp nào đúng. Một kết quả khớp,
khớp khi làm tròn hoặc nằm trong giới hạn được nêu chỉ đạt được từ chính các số liệu của bài báo được ghi là **{verdict_consistent}**: nó chỉ
nhất quán với chính các số liệu của bài báo, chưa được kiểm chứng độc lập, và được đếm riêng. Một phép kiểm tra bị đánh dấu là **thô** khi khoảng giá trị mà nó
chấp nhận rộng hơn {audit.rule.coarse_units} đơn vị của chữ số cuối được in: một phép kiểm tra như vậy không thể phát
hiện một lỗi in sai ở chữ số cuối ({audit.count.coarse} phép kiểm tra đạt là thô); một giới hạn không bao giờ bị coi
là thô.

Phiên bản dữ liệu SIPRI mà bài báo dùng được chọn mà không xét đến bất kỳ kết luận nào: đó là phiên bản có chuỗi tổng
hằng năm kết thúc vào năm cuối cùng mà bài báo in số tổng ({audit.arms_release_rule.last_printed_year}),
hoặc, nếu không phiên bản nào kết thúc ở đó, phiên bản cũ nhất có năm đó, ở đây là phiên bản **{audit.arms_release}**; mọi con số về vũ khí cũng được đánh giá song song theo từng phiên bản. Bài báo
trình bày các số liệu vũ khí như giá trị nhập khẩu từ Nga tính bằng đô la Mỹ, trong khi số liệu của SIPRI là giá trị
chỉ báo xu hướng (TIV); vì vậy mỗi con số được đánh giá theo hai cách đọc, tổng từ mọi nhà cung cấp và riêng Nga, và
lý do đi kèm cho biết cách đọc nào tái lập được con số (tổng từ mọi nhà cung cấp trong
{audit.count.arms_reading.all_suppliers} trường hợp, cả hai cách trong {audit.count.arms_reading.both}, riêng Nga
trong {audit.count.arms_reading.russia_only}, không cách nào trong {audit.count.arms_reading.neither}).

Với mỗi sai lệch, quá trình kiểm tra rà soát mọi số liệu thay thế mà dữ liệu có cho đại lượng ấy (nguồn và bên báo
cáo khác, kỳ số liệu và khoảng năm khác, cơ sở tính khác, phiên bản khác) và nêu số liệu tái lập được con số in như
nguyên nhân khả dĩ nhất; một con số chỉ khác cùng đại lượng ở một chữ số (không phải chữ số cuối) hoặc bị đảo hai chữ
số liền nhau được coi là lỗi chép số. Mỗi dòng kiểm tra mang một mã nguyên nhân và các khóa trong sổ đăng ký mà lý do
của nó viện dẫn.
"""




# the verdict's label is the one its tables show (one text per meaning; its meaning follows it here and in the glossary)
RULES_VI = RULES_VI.replace("{verdict_consistent}", R.WORDS["vi"]["verdict.consistent"]).replace(
    "{verdict_within_bound}", R.WORDS["vi"]["verdict.within_bound"])


def rules_part(numbers: dict, lang: str = "en") -> str:
    return render([("line", RULES_VI if lang == "vi" else RULES)], numbers, "md", lang)


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
