"""The audit: one row per number the article prints, with a verdict by rule and a structured reason.

Each printed number names the registry key of its recomputed counterpart.  For the
arms passage the key contains `{release}`: SIPRI revises its history every year.  The
release the article used is chosen by a rule that does not look at any verdict
(`article_release`): the release whose annual totals end in the last year for which the
article prints an annual total (if none ends there, the oldest release that covers it).
Every arms figure is also judged in every release (side by side) and in two readings:
all suppliers (what SIPRI's importer totals give) and Russia alone (what the article says).

Every row gets a cause code (analysis/reasons.py, CAUSES) and the registry keys its reason
cites; the reason is rendered from that structure in English and Vietnamese.  The
likeliest-cause search takes every alternative figure the compute steps registered for
the quantity (other sources, reporters, periods, windows of years, bases and releases).

Columns shared with the report (vocabularies in analysis/audit/verdict.py): `basis` (independent,
mixed, article_only), `gap` (why a number is not verifiable: source_not_consulted,
no_source_found, not_measurable, from the registry gap's structured reason), `authority`
(the weakest authority of the sources the verdict rests on, by `verdict.authority` from
data/raw/*/sources.csv), `verdict_alt` and `alt_keys` (the verdict under another release,
reading, source, reporter or base of the same quantity that the rules also allow, when it
would turn a pass into a failure or the reverse).  A source that states a figure its own
other figures of the same period contradict beyond rounding is a cause of its own
(`source_inconsistent`), found from the data.  So is a printed figure that is another figure of the same
source, year and period than the one the recomputation takes (`same_source_figure`): its stated total where the
rule adds its parts (`stated_total_not_parts`), or the difference of two of its hedged figures where it states the
figure itself (`hedged_difference`: correct arithmetic, not an error of it).  A printed flow that no source in the data
gives but that is the residual of two flows the article prints (imports = turnover − exports) is checked against the
article's own figures (`own_residuals`: consistent or not, never reproduced); a not-verifiable figure equal to a figure
its gap cites says so, as a fact.

Run on its own:  python -m analysis.audit.numbers --published data/derived/published.csv \
    --printed-source data/published/printed_numbers.csv --registry data/derived/computed.json \
    --out data/derived/audit.csv --out-numbers data/derived/numbers/audit.json \
    [--sources data/raw/*/sources.csv --checked data/derived/validated/raw.json]
"""
from __future__ import annotations

import argparse
import fnmatch
import json
import math
import re
from typing import TYPE_CHECKING

from analysis import reasons as R
from analysis.article import ARMS_STAT, RELEASES, arms_parts
from analysis.io import read_csv_rows, read_json, rel, require_validated, sha256, write_csv, write_json
from analysis.registry import Fragment, convert
from analysis.audit.verdict import (AUTHORITIES, BASES, COARSE_UNITS, EXACT, GAPS, PASSING, VERDICTS, accepted_interval,
                              agree, authority, basis_of, close_enough, coarse, hedge, impossible, precision,
                              stated_range, touching_edge, transcription_like, verdict, weakest)

if TYPE_CHECKING:  # pandas is imported where a table is read or made, so that importing the helpers is cheap
    import pandas as pd

RESULTS = ("table1", "table2", "arms", "text")
# a flow no source in the data gives, checked against the article's own figures as the residual of two it prints
# (the identity the compute step derives imports by: turnover − exports, rule.trade.imports_derived)
OWN_RESIDUAL = {"imports": ("turnover", "exports")}
# the order in which equally close alternatives are preferred as the likeliest cause
KIND_ORDER = ("data_release", "other_period_or_base", "other_year_in_period", "other_source_or_reporter", "arithmetic",
              "transcription")
# rules that read a recomputed value at more decimals than its rounded display shows (analysis/audit/numbers.py, unrounded)
UNROUNDED_RULES = ("equal after truncation to the printed precision", "equal after rounding up to the printed precision")
# The rules verdict() names (analysis/audit/verdict.py), by code: a passing rule is a word of the reasons (word.rule.*),
# every rule one of the registry's verdict rules (word.code.verdict_rule.*); and the suffix verdict() adds to a rule
# reached from the article's own figures.
VERDICT_RULES = {
    "equal": "equal", "equal after rounding to the printed precision": "rounding",
    "equal within the rounding of the source figures": "within",
    "equal after truncation to the printed precision": "truncation",
    "equal after rounding up to the printed precision": "rounding_up",
    "equal after rounding a value in the range the source states": "stated_range",
    "above the stated bound": "above", "below the stated bound": "below",
    "above the stated bound within the uncertainty of the recomputed value": "above_within",
    "below the stated bound within the uncertainty of the recomputed value": "below_within",
    "above the stated bound within the range the source states": "above_stated",
    "below the stated bound within the range the source states": "below_stated",
    "equal to the stated bound, above it only within the uncertainty of the recomputed value": "at_bound_above",
    "equal to the stated bound, below it only within the uncertainty of the recomputed value": "at_bound_below",
    "not above the stated bound": "not_above", "not below the stated bound": "not_below",
    "differs by more than rounding": "differs", "impossible: a fall of more than the whole": "impossible",
    "no recomputed value": "none"}
INTERNAL = ", from the article's own figures"


def in_unit(n: dict, unit: str) -> tuple[float, float, float, tuple[float, float] | None]:
    """(value, rounding, stated range or None) of a registry entry in the printed unit: a number resting on hedged
    source figures carries the interval their words state (analysis/audit/verdict.py, `stated_range`) and, as
    its rounding, only that of its exact figures."""
    r, e = convert(n["value"], n["unit"], unit), convert(n["uncertainty"], n["unit"], unit)
    st = stated_range(n) if isinstance(n.get("value"), (int, float)) else None
    if st is None:
        return r, e, None
    lo, hi, e2 = (convert(x, n["unit"], unit) for x in st)
    return r, e2, (lo, hi)


def read_sources(paths) -> dict[str, dict]:
    """source id -> its row of metadata, from the raw folders' sources.csv files."""
    out = {}
    for path in paths or []:
        for r in read_csv_rows(path):
            out[r["source_id"]] = r
    return out


def weak_marks(meta: dict[str, dict]) -> dict[str, str]:
    """source id -> why the references mark it weak ('low', 'copy'), for the weak ones only (R.weak_mark)."""
    return {sid: R.weak_mark(m) for sid, m in meta.items() if R.weak_mark(m)}


def authorities(meta: dict[str, dict]) -> dict[str, str]:
    """source id -> authority (analysis/audit/verdict.py, AUTHORITIES), by the rule `verdict.authority`."""
    return {sid: authority(m) for sid, m in meta.items()}


def inconsistent_pairs(alts: list[dict], numbers: dict) -> list[tuple[dict, dict]]:
    """Pairs (a figure a source states, the same figure derived from the same source's other figures of the
    same period: a sum of parts or a total less a part) that differ by more than the rounding of both: a source
    that disagrees with itself.  Found from the data (the alternatives' facets and sources), never from a
    typed id.  A hedged figure is the interval its words state: the two disagree only when their intervals
    share no value ('more than 132' against 'nearly 119' + 15 does not)."""
    out = []
    for a in alts:
        if a["what"].get("how") != "stated":
            continue
        for b in alts:
            fa, fb = dict(a["what"]), dict(b["what"])
            if fb.get("how") not in ("sum", "diff") or numbers[a["key"]]["sources"] != numbers[b["key"]]["sources"]:
                continue
            fa.pop("how"), fb.pop("how")
            if fa == fb and not agree(_interval(a), _interval(b)):
                out.append((a, b))
    return out


def _interval(a: dict) -> tuple[float, float, float]:
    """(lo, hi, rounding) of an alternative figure: its stated range, or its value."""
    lo, hi = a["stated"] if a.get("stated") else (a["value"], a["value"])
    return lo, hi, a["uncertainty"]


def tie_keys(key: str, numbers: dict) -> list[str]:
    """The years tied for a period's extreme beside `key` (analysis/compute/arms.py, `_ties`), by year; none
    without a tie."""
    return sorted((k for k in numbers if k.startswith(key + ".tie.")), key=lambda k: numbers[k]["value"])


def judge(row, key: str, numbers: dict, gaps: dict) -> dict:
    """Verdict of one printed number against one registry key.  When several years tie for the extreme the key
    names, a printed year that is one of them is judged against that year (`tie_key`), never against the first
    year silently; `ties` lists them all."""
    p, d, q, unit = float(row["printed_value"]), int(row["printed_decimals"]), row["qualifier"], row["unit"]
    if key in numbers:
        ties = tie_keys(key, numbers)
        hit = [k for k in ties if numbers[k]["value"] == p]
        n = numbers[hit[0]] if hit else numbers[key]
        r, e, st = in_unit(n, unit)
        v, rule = verdict(p, d, q, unit, r, e, n["basis"], st)
        return {"key": key, "recomputed_value": r, "uncertainty": e, "verdict": v, "rule": rule, "stated": st,
                "basis": n["basis"], "sources": ";".join(n["sources"]), "entry": n, "ties": ties,
                "tie_key": hit[0] if hit else ""}
    if key in gaps:
        v, rule = verdict(p, d, q, unit, None)
        return {"key": key, "recomputed_value": None, "uncertainty": None, "verdict": v, "rule": rule, "stated": None,
                "basis": "none", "sources": ";".join(gaps[key]["sources"]), "gap": gaps[key]}
    raise KeyError(f"data/published/printed_numbers.csv names registry key {key!r}, which no step writes")


def releases_present(numbers: dict) -> list[str]:
    return [r for r in RELEASES if f"arms.{r}.coverage.last_year" in numbers]


def article_release(published: pd.DataFrame, numbers: dict) -> tuple[str, dict]:
    """The SIPRI release the article used, by a rule that looks at coverage, not at verdicts: the release
    whose annual totals end in the last year for which the article prints an annual total; if none ends
    there, the oldest release that covers that year; if none covers it, the newest release."""
    years = [int(m.group(2)) for k in published["recompute_key"]
             if (m := ARMS_STAT.match(k.replace("{release}", "x"))) and m.group(1) == "total"]
    last = max(years) if years else None
    ends = {r: int(numbers[f"arms.{r}.coverage.last_year"]["value"]) for r in releases_present(numbers)}
    info = {"last_printed_year": last, "coverage_end": ends}
    if last is None or not ends:
        return (releases_present(numbers) or [RELEASES[0]])[0], info
    exact = [r for r, e in ends.items() if e == last]
    if exact:
        return exact[0], info
    covering = sorted((e, r) for r, e in ends.items() if e >= last)
    return (covering[0][1] if covering else releases_present(numbers)[0]), info


def russia_key(key: str) -> str | None:
    """The Russia-only counterpart of an all-supplier arms key ('arms.r2022.total.2015' ->
    'arms.r2022.russia.2015'); None for shares, which are Russia's by definition."""
    parts = key.split(".")
    if len(parts) == 4 and parts[2] == "total":
        return f"arms.{parts[1]}.russia.{parts[3]}"
    if len(parts) == 4 and parts[2].startswith("p") and parts[3] in ("min", "max", "sum", "min_year", "max_year"):
        return f"arms.{parts[1]}.russia_{parts[2]}.{parts[3]}"
    return None


def alternatives(row, key: str, recomputed: float | None, numbers: dict, candidates: dict,
                 keep_equal: bool = False) -> list[dict]:
    """Every registered alternative figure for the quantity judged against `key`, in the printed unit:
    exact-target lists first, then patterns; each alternative once; none equal to the recomputed value
    (unless `keep_equal`)."""
    targets = [key] if key in candidates else []
    targets += sorted(t for t in candidates if "*" in t and fnmatch.fnmatchcase(key, t))
    out, seen = [], {key}
    for t in targets:
        for c in candidates[t]:
            k = c["key"]
            if k in seen or k not in numbers:
                continue
            seen.add(k)
            n = numbers[k]
            try:
                v, e, st = in_unit(n, row["unit"])
            except ValueError:
                continue
            if not keep_equal and recomputed is not None and abs(v - recomputed) <= EXACT * max(1.0, abs(v)):
                continue
            out.append({"key": k, "kind": c["kind"], "what": c["what"], "value": v, "uncertainty": e, "stated": st})
    return out


def rate(unit: str) -> bool:
    """A percentage or a percentage change: its differences are told in percentage points."""
    return unit in ("%", "% change")


def same_quantity(row, alt: dict) -> bool:
    """Is an alternative a figure of the printed quantity's own year and span (another source, reporter,
    release or base of it), not of another year or part of a year?  Only such a figure is offered as the
    closest one: a closest match from another year would read as a near-miss of the same quantity."""
    key = row["recompute_key"]
    parts = arms_parts(key.replace("{release}", "x")) if "{release}" in key else {}
    year = parts.get("year") if parts else _year_of(key)
    f = alt["what"]
    if "year" in f and year is not None and int(f["year"]) != int(year):
        return False
    if parts and parts.get("period") and ("first" in f or "year" in f):
        first, last = parts["period"].split("-")
        if "year" in f or (int(f["first"]), int(f["last"])) != (int(first), int(last)):
            return False
    return f.get("period") in (None, "FY", "12M", "") or str(f.get("period", "")).endswith("-12M")


def same_source_figure(alt: dict, judged: list[dict], how: str, numbers: dict) -> dict | None:
    """Among the registered figures equal to the judged value (`judged`), the one computed as `how` ('sum' of parts,
    'stated') from the same sources as `alt`, for the same quantity, year, period and reporter (facets equal but
    `how`): the judged figure is then another figure of the same source as the one the article printed."""
    facets = {k: v for k, v in alt["what"].items() if k != "how"}
    for j in judged:
        if (j["what"].get("how") == how and {k: v for k, v in j["what"].items() if k != "how"} == facets
                and numbers[j["key"]]["sources"] == numbers[alt["key"]]["sources"]):
            return j
    return None


def likeliest(row, alts: list[dict]) -> tuple[str, dict | None]:
    """('hit', alt) when an alternative reproduces the printed figure (the closest; ties by KIND_ORDER and
    key, and the other kinds that also reproduce it are named in the reason); ('typo', alt) when one differs
    from it by a slip of one digit; ('closest', alt), the closest figure of the same quantity (its year and
    span, `same_quantity`), otherwise; ('none', None) when the data hold no such figure."""
    p, d, q, unit = float(row["printed_value"]), int(row["printed_decimals"]), row["qualifier"], row["unit"]
    order = lambda a: (abs(p - a["value"]), KIND_ORDER.index(a["kind"]) if a["kind"] in KIND_ORDER else 99, a["key"])
    hits = [a for a in alts if close_enough(p, d, a["value"], a["uncertainty"], q, unit, a.get("stated"))]
    if hits:
        return "hit", min(hits, key=order)
    # a slip is a misprint of the same quantity: only other sources, reporters and releases of it are tried
    typos = [a for a in alts if a["kind"] in ("data_release", "other_source_or_reporter")
             and transcription_like(p, d, a["value"])]
    if typos:
        return "typo", min(typos, key=order)
    same = [a for a in alts if same_quantity(row, a)]
    if same:
        return "closest", min(same, key=order)
    return "none", None


class Audit:
    """Builds the rows and the audit's own registry numbers together, so that every figure a reason
    cites is a registry key."""

    def __init__(self, registry: dict, files: dict[str, str], auth: dict[str, str] | None = None,
                 weak: dict[str, str] | None = None):
        self.numbers, self.gaps, self.cands = registry["numbers"], registry["gaps"], registry["candidates"]
        self.auth = auth or {}
        self.weak = weak or {}  # source id -> why the references mark it weak (weak_marks)
        self.own: dict[str, dict] = {}  # row id -> its check against the article's own figures (own_residuals)
        self.frag = Fragment("analysis.audit.numbers", {rel(p): sha256(p) if p else "" for p in files.values()})
        self.ins = [rel(files["printed"])]
        self.ins_reg = self.ins + [rel(files["registry"])] + [rel(p) for k, p in sorted(files.items())
                                                               if k.startswith("sources") and p]
        self.frag.add("audit.rule.coarse_units", COARSE_UNITS, "count", R.label("label.audit.coarse_units"),
                      R.rule("rule.audit.coarse_units"), self.ins, decimals=0, by=coarse)

    def all_numbers(self) -> dict:
        return {**self.numbers, **self.frag.numbers}

    def own_residuals(self, published: pd.DataFrame) -> None:
        """For a printed flow that no source in the data gives (a registry gap) and that is the residual of two other
        flows the article prints for the same partner and year (OWN_RESIDUAL): the article's own whole minus its own
        part, a number on the article alone (basis internal), each rounded by half a unit in its last printed digit.
        The whole and the part are the article's printings in the row's own section (its passage) where the key is
        printed there, else anywhere; those taken must print one value alike, in a window (no bound)."""
        rows = [r for _, r in published.iterrows()]
        for r in rows:
            m = re.fullmatch(r"trade\.(\w+?)_(\d{4})\.(\w+)", r["recompute_key"])
            if not m or m.group(1) not in OWN_RESIDUAL or r["recompute_key"] not in self.gaps:
                continue
            picked = []
            for flow in OWN_RESIDUAL[m.group(1)]:
                same = [x for x in rows if x["recompute_key"] == f"trade.{flow}_{m.group(2)}.{m.group(3)}"]
                same = [x for x in same if str(x["section"]) == str(r["section"])] or same
                if not same or len({float(x["printed_value"]) for x in same}) > 1 or \
                        any(x["qualifier"] not in ("none", "approx") or x["unit"] != r["unit"] for x in same):
                    break
                picked.append((flow, same[0]))
            if len(picked) < 2:
                continue
            (wf, w), (pf, pt) = picked
            half = lambda x: precision(float(x["printed_value"]), int(x["printed_decimals"]), x["qualifier"], x["unit"]) / 2
            k = f"audit.own.{r['id']}"
            self.frag.add(k, float(w["printed_value"]) - float(pt["printed_value"]), r["unit"],
                          R.label("label.audit.own_residual", id=r["id"], whole=R.word(f"flow.{wf}"),
                                  part=R.word(f"flow.{pf}")),
                          R.rule("rule.audit.own_residual", whole=R.word(f"flow.{wf}"), whole_id=w["id"],
                                 part=R.word(f"flow.{pf}"), part_id=pt["id"]),
                          self.ins, decimals=max(int(w["printed_decimals"]), int(pt["printed_decimals"])),
                          uncertainty=half(w) + half(pt), basis="internal", by=Audit.own_residuals)
            self.own[r["id"]] = {"key": k, "whole": (wf, w["id"]), "part": (pf, pt["id"])}

    def add(self, key, value, unit, label, rule, decimals, basis="internal"):
        self.frag.add(key, value, unit, label, rule, self.ins_reg, decimals=decimals, basis=basis)
        return R.key(key)

    def row(self, row, release: str) -> dict:
        rid, key0 = row["id"], row["recompute_key"]
        p, d, unit = float(row["printed_value"]), int(row["printed_decimals"]), row["unit"]
        arms = "{release}" in key0
        clauses, fallback = [], None
        key = key0.replace("{release}", release)
        cur_key = key0.replace("{release}", "current") if arms else ""
        if arms and key not in self.numbers and cur_key in self.numbers:
            fallback, key = release, cur_key
        own = self.own.get(rid)
        gap_why = self.gaps[key]["why"] if own else None
        printed_key = key  # the quantity the article prints (its label), whatever the row is judged against
        if own:  # no source gives it: judged against the article's own figures (own_residuals)
            key = own["key"]
        res = judge(row, key, self.all_numbers() if own else self.numbers, self.gaps)
        self.frag.add(f"printed.{rid}", p, unit, R.label("label.printed", item=R.printed_item(
                          {**row, "location": location(row), "key": printed_key})), printed_rule(row), self.ins,
                      decimals=d, basis="internal", shown_as=row["printed"])
        r, e, v, st = res["recomputed_value"], res["uncertainty"], res["verdict"], res["stated"]
        flags = {"coarse": False, "hedge": hedge(row["qualifier"], p, r, st), "reading": ""}
        lo = hi = None
        if r is not None:
            # a hedged source's range widens what the check accepts by half its width on either side of its middle
            e_eff = e + ((st[1] - st[0]) / 2 if st else 0.0)
            lo, hi = accepted_interval(p, d, row["qualifier"], unit, e_eff)
            flags["coarse"] = coarse(p, d, row["qualifier"], unit, e_eff)
        basis = R.word(f"basis.{res['basis']}") if res["basis"] != "none" else None  # none: not verifiable
        value = R.key(res.get("tie_key") or key, src=True)
        cause = "reproduced"
        if v == "not_verifiable":
            cause = "not_verifiable"
            clauses.append(R.clause("not_verifiable", why=R.nested(res["gap"].get("why") or [])))
            # a figure of the data the gap cites that the printed one equals is said, as a fact (no cause is drawn)
            for k in R.cited_keys({"clauses": res["gap"].get("why") or []}):
                cited = self.numbers.get(k)
                if cited and isinstance(cited.get("value"), (int, float)) and cited["unit"] == unit and \
                        verdict(p, d, row["qualifier"], unit, cited["value"], cited["uncertainty"])[0] == "match":
                    clauses.append(R.clause("printed_equals_cited", value=R.key(k, src=True)))
        elif v in PASSING:
            base = res["rule"].split(",")[0] if v == "consistent" else res["rule"]
            slots = {"value": value, "rule": R.word(f"rule.{VERDICT_RULES[base]}")} | (
                {} if v == "consistent" else {"basis": basis})
            template = "consistent" if v == "consistent" else "reproduced"
            cause = "self_consistent" if v == "consistent" else cause
            unrounded = self.unrounded(row, res) if base in UNROUNDED_RULES and st is None else None
            if unrounded:
                template, slots = template + "_unrounded", slots | {"unrounded": unrounded}
            clauses.append(R.clause(template, **slots))
            if own:
                (wf, wid), (pf, pid) = own["whole"], own["part"]
                clauses.append(R.clause("own_residual", whole=R.word(f"flow.{wf}"), whole_id=R.ident(wid),
                                        whole_value=R.key(f"printed.{wid}"), part=R.word(f"flow.{pf}"),
                                        part_id=R.ident(pid), part_value=R.key(f"printed.{pid}")))
                if gap_why:
                    clauses.append(R.clause("own_no_independent", why=R.nested(gap_why)))
        else:
            cause = self.discrepancy(row, res, clauses, basis, value)
        if st is not None:
            clauses.append(self.stated_clause(rid, res, unit, d))
        edge = touching_edge(p, d, row["qualifier"], unit, r, e, st) if v == "discrepancy" else None
        if edge is not None:
            # the discrepancy rests on a tie: say it (analysis/audit/verdict.py, intervals that only touch)
            u = precision(p, d, row["qualifier"], unit)
            clauses.append(R.clause("touch", edge=self.add(
                f"audit.touch_edge.{rid}", edge, unit, R.label("label.audit.touch_edge", id=rid),
                R.rule("rule.audit.touch_edge"), d + 1),
                next=self.add(f"audit.touch_next.{rid}", p + u, unit,
                              R.label("label.audit.touch_next", id=rid), R.rule("rule.audit.touch_next"), d)))
        # an item's basis is what its verdict rests on: a verdict reached from the article's figures combined with a
        # source that independent sources of the same quantity, stated directly, give alike rests on those sources
        alike = self.independent_alike(row, res) if res["basis"] == "mixed" else []
        if alike:  # said first: what the verdict rests on leads the reason
            clauses.insert(0, R.clause("independent_alike", values=R.nested([R.clause("value_src", value=R.key(k, src=True))
                                                                              for k in alike])))
        if flags["hedge"] == "not_borne_out":
            if cause == "reproduced":
                cause = "hedge_not_borne_out"
            side = "below" if row["qualifier"] == "above" else "above"
            clauses.append(R.clause("hedge", hedge=R.word(f"hedge.{row['qualifier']}"), side=R.word(f"side.{side}")))
        if flags["coarse"] and v in PASSING:
            clauses.append(R.clause("coarse",
                                    lo=self.add(f"audit.accept_lo.{rid}", lo, unit,
                                                R.label("label.audit.accept_lo", id=rid),
                                                R.rule("rule.audit.accept_lo"), d + 1),
                                    hi=self.add(f"audit.accept_hi.{rid}", hi, unit,
                                                R.label("label.audit.accept_hi", id=rid),
                                                R.rule("rule.audit.accept_hi"), d + 1),
                                    n=R.key("audit.rule.coarse_units")))
        if res.get("ties"):
            clauses.append(tie_clause(res))
        # a reading note the compute step wrote on the number (which of the sentence's readings it judges)
        clauses += (res.get("entry") or {}).get("note") or []
        extra = {}
        if arms:
            extra = self.arms(row, key, cur_key, release, fallback, res, clauses, flags)
        gap = R.gap_kind(res["gap"].get("why")) if v == "not_verifiable" else ""
        # a value impossible on its face is found wrong on the article alone: its verdict rests on no source's authority
        auth = "" if v == "not_verifiable" or impossible(p, unit) else \
            weakest(self.auth.get(s, "") for s in res["entry"]["sources"])
        # a source the references mark weak is said to be weak, with the references' reason, whatever its authority:
        # the reason and the reference list say the same of it, by one rule (R.weak_mark)
        weak = sorted({self.weak[s] for s in res["entry"]["sources"] if s in self.weak}) if auth else []
        if weak:
            clauses.append(R.clause("authority_weak", why=R.word(f"weak.{weak[0]}")))
        elif auth in ("secondary", "third_party_copy"):
            clauses.append(R.clause("authority", authority=R.word(f"authority.{auth}")))
        alt_v, alt_keys = self.alternative_verdict(row, res, extra)
        if alt_v and not arms and alt_keys[0] not in R.cited_keys({"clauses": clauses}):
            # the choice between figures the rules both allow is never silent when it changes the finding (the arms
            # rows say it per release and reading above; a figure the reason already names as the cause is not repeated)
            clauses.append(R.clause("alt_verdict", value=R.key(alt_keys[0], src=True),
                                    verdict=R.word(f"verdict.{alt_v}")))
        spec = R.spec(cause, clauses)
        self.frag.add(f"audit.verdict.{rid}", v, "text", R.label("label.audit.verdict", id=rid, item=R.printed_item(
                          {**row, "location": location(row), "key": printed_key})),
                      verdict_rule(res["rule"], cause), self.ins_reg,
                      shown_as=R.WORDS["en"][f"verdict.{v}"], shown_as_vi=R.WORDS["vi"][f"verdict.{v}"])
        if gap:
            self.frag.add(f"audit.gap.{rid}", gap, "text", R.label("label.audit.gap", id=rid),
                          R.rule("rule.audit.gap"), self.ins_reg,
                          shown_as=R.WORDS["en"][f"gap.{gap}"], shown_as_vi=R.WORDS["vi"][f"gap.{gap}"])
        parts = arms_parts(key) if arms else {}
        year = parts.get("year") if arms else _year_of(key)
        return {
            "id": rid, "result": row["result"], "item": row["item"], "location": location(row),
            "section": row["section"], "printed": row["printed"], "printed_value": p, "printed_decimals": d,
            "qualifier": row["qualifier"], "unit": unit, "key": key,
            # the quantity printed (its registry key), where the row is judged against another key (its own figures)
            "quantity_key": key0.replace("{release}", release) if own else "", "release": (fallback and "current") or
            (release if arms else ""), "measure": parts.get("measure", ""), "year": year,
            "period": parts.get("period", ""), "current_release_key": cur_key if arms and cur_key in self.numbers else "",
            "russia_key": extra.get("russia_key", ""),
            "recomputed_value": None if r is None else round(r, 6), "uncertainty": None if e is None else round(e, 6),
            "printed_value_key_unit": round(convert(p, unit, res["entry"]["unit"]), 6) if r is not None else None,
            "accepted_lo": None if lo is None or math.isinf(lo) else round(lo, 6),
            "accepted_hi": None if hi is None or math.isinf(hi) else round(hi, 6),
            "stated_lo": None if st is None else round(st[0] - e, 6), "stated_hi": None if st is None else round(st[1] + e, 6),
            # an item's basis is what its verdict rests on: a printed value impossible on its face rests on the article
            # alone; one judged alike by independent sources stated directly, on them
            "verdict": v, "rule": res["rule"], "gap": gap,
            "basis": "article_only" if impossible(p, unit) else "independent" if alike else basis_of(res["basis"]),
            "authority": weakest(self.auth.get(s, "") for k in alike for s in self.numbers[k]["sources"]) if alike else auth,
            "verdict_alt": alt_v, "alt_keys": ";".join(alt_keys), "coarse": flags["coarse"],
            "hedge": flags["hedge"], "reading": flags["reading"], "cause": cause, "category": R.CAUSES[cause],
            "sources": res["sources"],
            "current_release_value": extra.get("current_value"), "current_release_verdict": extra.get("current_verdict"),
            **{f"verdict_{x}": extra.get("by_release", {}).get(x) for x in RELEASES},
            "verdict_russia_used": extra.get("russia_used"), "verdict_russia_current": extra.get("russia_current"),
            "spec": spec,
        }

    def unrounded(self, row, res: dict) -> dict | None:
        """A registry key holding the recomputed value at the fewest decimals at which the rule its verdict states
        (truncation, rounding up) reads off the value shown as it reads off the value itself (3.1296 truncates to
        3.12; shown as 3.13 it would not); None when the registry's own display already does."""
        p, d, q, unit = float(row["printed_value"]), int(row["printed_decimals"]), row["qualifier"], row["unit"]
        r, e, n = res["recomputed_value"], res["uncertainty"], res["entry"]
        want = verdict(p, d, q, unit, r, e, n["basis"])
        shown = int(n.get("decimals", d))
        if verdict(p, d, q, unit, round(r, shown), e, n["basis"]) == want:
            return None
        k = next((k for k in range(shown + 1, shown + 7) if verdict(p, d, q, unit, round(r, k), e, n["basis"]) == want),
                 shown + 6)
        return self.add(f"audit.unrounded.{row['id']}", r, unit, R.label("label.audit.unrounded", id=row["id"]),
                        R.rule("rule.audit.unrounded"), k, basis=n["basis"])

    def independent_alike(self, row, res: dict) -> list[str]:
        """The keys of the independent sources that state the judged quantity directly (other sources of the same
        figure, registry basis independent) when each of them gives the verdict the row has, pass or fail; empty
        otherwise (none, or one that disagrees: that one is the row's alternative verdict)."""
        p, d, q, unit = float(row["printed_value"]), int(row["printed_decimals"]), row["qualifier"], row["unit"]
        alts = [a for a in alternatives(row, res["key"], res["recomputed_value"], self.numbers, self.cands, True)
                if a["kind"] == "other_source_or_reporter" and self.numbers[a["key"]]["basis"] == "independent"]
        if not alts:
            return []
        passes = res["verdict"] in PASSING
        same = all((verdict(p, d, q, unit, a["value"], a["uncertainty"], "independent", a.get("stated"))[0] in PASSING)
                   == passes for a in alts)
        return sorted(a["key"] for a in alts) if same else []

    def stated_clause(self, rid: str, res: dict, unit: str, d: int) -> list:
        """The hedges of the source figures a recomputed value rests on, and the range they state (registry keys)."""
        figures = res["entry"]["stated"].get("sum") or [f for part in res["entry"]["stated"]["ratio"] for f in part]
        hedges = sorted({f[3] for f in figures if f[3] != "exact"})
        lo, hi = res["stated"][0] - res["uncertainty"], res["stated"][1] + res["uncertainty"]
        return R.clause("stated_range", hedges=R.nested([R.clause("src_hedge", hedge=R.word(f"source_hedge.{h}"))
                                                         for h in hedges]),
                        lo=self.add(f"audit.stated_lo.{rid}", lo, unit, R.label("label.audit.stated_lo", id=rid),
                                    R.rule("rule.audit.stated_range"), d + 1, basis="independent"),
                        hi=self.add(f"audit.stated_hi.{rid}", hi, unit, R.label("label.audit.stated_hi", id=rid),
                                    R.rule("rule.audit.stated_range"), d + 1, basis="independent"))

    def discrepancy(self, row, res, clauses, basis, value) -> str:
        rid, p, d, unit = row["id"], float(row["printed_value"]), int(row["printed_decimals"]), row["unit"]
        r = res["recomputed_value"]
        bad = impossible(p, unit)
        if bad:
            clauses.append(R.clause("impossible"))
        if r is not None:
            if rate(unit) and not bad:
                # a rate's difference is told in percentage points: a relative difference of a rate (+40.9% against
                # +0.49% is "+8,212.6%") says nothing a reader can use
                diff = self.add(f"audit.diff.{rid}", p - r, "pp", R.label("label.audit.diff", id=rid),
                                R.rule("rule.audit.diff_pp"), max(d, 1))
                clauses.append(R.clause("diff_pp", basis=basis, value=value, diff=diff))
            elif r and not bad:
                diff = self.add(f"audit.diff.{rid}", p - r, unit, R.label("label.audit.diff", id=rid),
                                R.rule("rule.audit.diff"), max(d, 1))
                reldiff = self.add(f"audit.reldiff.{rid}", 100 * (p - r) / abs(r), "% change",
                                   R.label("label.audit.reldiff", id=rid),
                                   R.rule("rule.audit.reldiff", n=R.num(100)), 1)
                clauses.append(R.clause("diff", basis=basis, value=value, diff=diff, rel=reldiff))
            else:
                clauses.append(R.clause("diff_only", basis=basis, value=value))
        alts = alternatives(row, res["key"], r, self.numbers, self.cands)
        q = row["qualifier"]
        for total, parts in inconsistent_pairs(alternatives(row, res["key"], r, self.numbers, self.cands, True),
                                               self.numbers):
            hit = [x for x in (total, parts) if close_enough(p, d, x["value"], x["uncertainty"], q, unit, x.get("stated"))]
            if len(hit) == 1:
                clauses.append(R.clause("source_inconsistent", stated=R.key(total["key"], src=True),
                                        derived_what=R.what(**parts["what"]), derived=R.key(parts["key"], src=True),
                                        printed_as=R.word("si.stated" if hit[0] is total else "si.derived")))
                return "source_inconsistent"
        if r is not None and transcription_like(p, d, r):
            clauses.append(R.clause("typo", what=R.what(src="self"), value=R.key(res["key"], src=True)))
            return "transcription"
        how, alt = likeliest(row, alts)
        if how == "hit":
            cause, other = alt["kind"], None
            judged = [a for a in alternatives(row, res["key"], r, self.numbers, self.cands, True)
                      if r is not None and abs(a["value"] - r) <= EXACT * max(1.0, abs(r))]
            if alt["what"].get("how") == "stated":
                other = same_source_figure(alt, judged, "sum", self.numbers)
                cause = "stated_total_not_parts" if other else cause
            elif alt["what"].get("how") == "diff" and alt.get("stated"):
                other = same_source_figure(alt, judged, "stated", self.numbers)
                cause = "hedged_difference" if other else cause
            if cause == "stated_total_not_parts":
                clauses.append(R.clause("stated_total", what=R.what(**alt["what"]), value=R.key(alt["key"], src=True),
                                        parts_what=R.what(**other["what"]), parts=R.key(other["key"], src=True)))
            elif cause == "other_year_in_period" and f"{res['key']}_year" in self.numbers:
                # another year of the very period the row's figure spans: said so, with the year the printed figure
                # leaves out (the period's lowest or highest, the recomputed value)
                stat = res["key"].rpartition(".")[2]
                clauses.append(R.clause("other_year_in_period", cause=R.word("cause.other_year_in_period"),
                                        what=R.what(**alt["what"]),
                                        value=R.key(alt["key"], src=True), extreme=R.word(f"extreme.{stat}"),
                                        year=R.key(f"{res['key']}_year"), extreme_value=R.key(res["key"])))
            elif cause == "hedged_difference":
                clauses.append(R.clause("hedged_difference", what=R.what(**alt["what"]),
                                        value=R.key(alt["key"], src=True), stated_what=R.what(**other["what"]),
                                        stated=R.key(other["key"], src=True)))
            else:
                clauses.append(R.clause("hit", cause=R.word(f"cause.{alt['kind']}"), what=R.what(**alt["what"]),
                                        value=R.key(alt["key"], src=True)))
            self.alt_stated(rid, alt, unit, d, clauses, {"stated_total_not_parts": "alt_stated_total",
                                                         "hedged_difference": "alt_stated_difference"}.get(cause))
            # a tie between causes is said, never resolved silently: every other kind of figure that reproduces it
            # exactly as closely
            tie = abs(p - alt["value"])
            others = {a["kind"]: a for a in sorted(alts, key=lambda a: a["key"])
                      if a["kind"] != alt["kind"] and abs(abs(p - a["value"]) - tie) <= EXACT * max(1.0, abs(p))
                      and close_enough(p, d, a["value"], a["uncertainty"], q, unit, a.get("stated"))}
            if others:
                clauses.append(R.clause("also_hit", others=R.nested([
                    R.clause("also_hit_one", cause=R.word(f"cause.{a['kind']}"), what=R.what(**a["what"]),
                             value=R.key(a["key"], src=True)) for a in others.values()])))
            return cause
        if how == "typo":
            clauses.append(R.clause("typo", what=R.what(**alt["what"]), value=R.key(alt["key"], src=True)))
            return "transcription"
        if how == "closest":
            if rate(unit):
                gap = self.add(f"audit.closest_gap.{rid}", p - alt["value"], "pp",
                               R.label("label.audit.closest_gap_pp", id=rid), R.rule("rule.audit.closest_gap_pp"), 1)
            else:
                gap = self.add(f"audit.closest_gap.{rid}", 100 * (p - alt["value"]) / abs(alt["value"]) if alt["value"]
                               else 0.0, "% change", R.label("label.audit.closest_gap", id=rid),
                               R.rule("rule.audit.closest_gap", n=R.num(100)), 1)
            clauses.append(R.clause("closest", what=R.what(**alt["what"]), value=R.key(alt["key"], src=True), rel=gap))
            self.alt_stated(rid, alt, unit, d, clauses)
        else:
            clauses.append(R.clause("no_alternative_same" if alts else "no_alternative"))
        return "impossible_value" if bad else "unexplained"

    def alt_stated(self, rid: str, alt: dict, unit: str, d: int, clauses: list, template: str | None = None) -> None:
        """The range a hedged alternative's words state, when it is hedged (registry keys); `template` names the
        alternative when the sentence before it ends on another figure (a stated total, a difference)."""
        if not alt.get("stated"):
            return
        figures = self.numbers[alt["key"]]["stated"].get("sum") or [
            f for part in self.numbers[alt["key"]]["stated"]["ratio"] for f in part]
        lo, hi = alt["stated"][0] - alt["uncertainty"], alt["stated"][1] + alt["uncertainty"]
        rule = R.rule("rule.audit.alt_stated")
        clauses.append(R.clause(template or "alt_stated", hedges=R.nested([R.clause("src_hedge", hedge=R.word(f"source_hedge.{h}"))
                                                               for h in sorted({f[3] for f in figures} - {"exact"})]),
                                lo=self.add(f"audit.alt_lo.{rid}", lo, unit, R.label("label.audit.alt_lo", id=rid),
                                            rule, d + 1, basis="independent"),
                                hi=self.add(f"audit.alt_hi.{rid}", hi, unit, R.label("label.audit.alt_hi", id=rid),
                                            rule, d + 1, basis="independent")))

    def alternative_verdict(self, row, res, extra) -> tuple[str, list[str]]:
        """The verdict under another source or reading the rules also allow, and its keys: for the arms passage
        the other SIPRI releases, the Russia-alone reading and another source of the same figure; otherwise
        another source, reporter or base
        (stated total or sum of parts) for the same quantity, year and full period.  The first alternative (in
        that order, then by key) whose verdict passes where the row's fails or fails where it passes; empty when
        no allowed alternative changes whether the row passes."""
        v = res["verdict"]
        if v == "not_verifiable":
            return "", []
        p, d, q, unit = float(row["printed_value"]), int(row["printed_decimals"]), row["qualifier"], row["unit"]
        tried: list[tuple[str, list[str]]] = []
        if extra:
            tail = row["recompute_key"].split("{release}.", 1)[1]
            for x in RELEASES:
                k = f"arms.{x}.{tail}"
                if k != res["key"] and k in self.numbers:
                    tried.append((judge(row, k, self.numbers, self.gaps)["verdict"], [k]))
            rk = extra.get("russia_key")
            if rk:
                tried.append((extra["russia_used"], [rk]))
            # another source of the same figure (a published statement of the share, say)
            for a in alternatives(row, res["key"], res["recomputed_value"], self.numbers, self.cands):
                if a["kind"] == "other_source_or_reporter":
                    alt_v, _ = verdict(p, d, q, unit, a["value"], a["uncertainty"], self.numbers[a["key"]]["basis"],
                                       a.get("stated"))
                    tried.append((alt_v, [a["key"]]))
        else:
            year = _year_of(res["key"])
            for a in alternatives(row, res["key"], res["recomputed_value"], self.numbers, self.cands):
                f = a["what"]
                same = a["kind"] in ("data_release", "other_source_or_reporter") or (
                    year is not None and f.get("year") == year and f.get("period") in ("FY", "12M"))
                if same:
                    alt_v, _ = verdict(p, d, q, unit, a["value"], a["uncertainty"], self.numbers[a["key"]]["basis"],
                                       a.get("stated"))
                    tried.append((alt_v, [a["key"]]))
        flips = [t for t in tried if (t[0] in PASSING) != (v in PASSING)]
        return (flips or [("", [])])[0]

    def arms(self, row, key, cur_key, release, fallback, res, clauses, flags) -> dict:
        """The arms passage: the two readings (all suppliers, Russia alone) in the release used and the
        current release, and the verdict in every release side by side."""
        out = {"by_release": {}}
        tail = row["recompute_key"].split("{release}.", 1)[1]
        for x in RELEASES:
            k = f"arms.{x}.{tail}"
            if k in self.numbers:
                out["by_release"][x] = judge(row, k, self.numbers, self.gaps)["verdict"]
        rk = russia_key(key)
        head = [R.clause("usd_tiv")] if row["unit"].startswith("TIV") else []
        if rk is not None:
            out["russia_key"] = rk if rk in self.numbers else ""
            all_ok = reproduces(row, res)
            if rk in self.numbers:
                rus = judge(row, rk, self.numbers, self.gaps)
                out["russia_used"] = rus["verdict"]
                rus_ok = reproduces(row, rus)
                flags["reading"] = {(True, False): "all_suppliers", (False, True): "russia_only",
                                    (True, True): "both", (False, False): "neither"}[(all_ok, rus_ok)]
                template = {"all_suppliers": "reading_all", "russia_only": "reading_russia", "both": "reading_both",
                            "neither": "reading_none"}[flags["reading"]]
                head.append(R.clause(template, total=R.key(res.get("tie_key") or key),
                                     russia=R.key(rus.get("tie_key") or rk)))
                if rus.get("ties"):
                    head.append(tie_clause(rus))
            else:
                flags["reading"] = "all_suppliers" if all_ok else "neither"
                head.append(R.clause("reading_no_split"))
            crk = russia_key(cur_key)
            if crk in self.numbers:
                out["russia_current"] = judge(row, crk, self.numbers, self.gaps)["verdict"]
        if fallback:
            head.append(R.clause("release_fallback", release=R.release(fallback), current=R.release("current")))
        else:
            head.append(R.clause("release_rule", release=R.release(release)))
        clauses[:0] = head
        if cur_key in self.numbers and key != cur_key:
            cur = judge(row, cur_key, self.numbers, self.gaps)
            out["current_value"] = round(cur["recomputed_value"], 6)
            out["current_verdict"] = cur["verdict"]
            clauses.append(R.clause("current", current=R.ident("current"), value=R.key(cur_key),
                                    verdict=R.word(f"verdict.{cur['verdict']}")))
        return out


def tie_clause(res: dict) -> list:
    """A tie said: the years that tie for the extreme in the reading judged (all suppliers or Russia alone), and
    whether the printed year is one of them."""
    series = "russia" if ".russia_p" in res["key"] else "total"
    return R.clause("tie_in" if res.get("tie_key") else "tie_out", series=R.word(f"series.{series}"),
                    years=R.nested([R.clause("value_src", value=R.key(k)) for k in res["ties"]]))


def reproduces(row, res: dict) -> bool:
    """A reading reproduces a printed figure when its verdict passes and it does not contradict the hedge
    ('vượt ngưỡng 1 tỷ' is not reproduced by 974 mn, though 974 rounds to 1 bn)."""
    return res["verdict"] in PASSING and hedge(row["qualifier"], float(row["printed_value"]),
                                               res["recomputed_value"], res.get("stated")) != "not_borne_out"


def _year_of(key: str) -> int | None:
    m = re.search(r"_(\d{4})(?:\.|$)", key)
    return int(m.group(1)) if m else None




def verdict_rule(rule: str, cause: str) -> dict:
    """The registry rule of a verdict: the rule verdict() names (by its code: a rule it does not name stops the step)
    and the cause."""
    slots = {"rule": R.code("verdict_rule", VERDICT_RULES[rule.removesuffix(INTERNAL)]),
             "cause": R.code("cause", cause)}
    if rule.endswith(INTERNAL):
        return R.rule("rule.audit.verdict_internal", **slots)
    return R.rule("rule.audit.verdict", **slots)


def printed_rule(row) -> dict:
    """Where the article prints a number: its section, and its table, row and column as printed."""
    if row["table"] and row["row"] and row["column"]:
        return R.rule("rule.printed.cell", section=row["section"], table=row["table"], row=row["row"],
                      column=R.cell_column(row["column"]))
    if not (row["table"] or row["row"] or row["column"]):
        return R.rule("rule.printed.text", section=row["section"])
    raise ValueError(f"printed number {row['id']}: a table cell needs its table, row and column ({location(row)})")


def location(row) -> str:
    return "; ".join(x for x in [f"§{row['section']}", row["table"], row["row"] and f"row '{row['row']}'",
                                 row["column"] and f"column '{row['column']}'"] if x)


def audit(published: pd.DataFrame, registry: dict, files: dict[str, str] | None = None,
          auth: dict[str, str] | None = None, weak: dict[str, str] | None = None) -> tuple[pd.DataFrame, Fragment]:
    """Judge every printed number against the registry of computed numbers.  `files`: the printed
    transcription and the registry, path -> sha256, for the lineage of what this step writes; `auth`: source
    id -> authority (`authorities`); `weak`: source id -> why the references mark it weak (`weak_marks`)."""
    import pandas as pd  # here, not at the top: the claims and the report import this module's pandas-free helpers

    a = Audit(registry, files or {"printed": "", "registry": ""}, auth, weak)
    a.own_residuals(published)
    release, info = article_release(published, a.numbers)
    rows = [a.row(row, release) for _, row in published.iterrows()]
    numbers = a.all_numbers()
    for r in rows:
        spec = r.pop("spec")
        r["cited_keys"] = ";".join(R.cited_keys(spec))
        r["reason"] = R.render(spec, numbers, "en", "text")
        r["reason_vi"] = R.render(spec, numbers, "vi", "text")
        r["reason_spec"] = json.dumps(spec, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    table = pd.DataFrame(rows)
    summary(a, table, release, info)
    return table, a.frag


def summary(a: Audit, table: pd.DataFrame, release: str, info: dict) -> None:
    frag, ins = a.frag, a.ins
    rows = R.rule("rule.audit.count_rows")
    frag.add("audit.count.all", len(table), "count", R.label("label.audit.count.all"), R.rule("rule.audit.rows"), ins,
             decimals=0)
    for result in RESULTS:
        frag.add(f"audit.count.{result}.all", int((table["result"] == result).sum()), "count",
                 R.label("label.audit.count.group_all", group=R.code("group", result)), rows, ins, decimals=0)
    for v in VERDICTS:
        frag.add(f"audit.count.{v}", int((table["verdict"] == v).sum()), "count",
                 R.label("label.audit.count.verdict", verdict=R.code("verdict", v)),
                 R.rule("rule.audit.count_verdict"), ins, decimals=0)
        for result in RESULTS:
            frag.add(f"audit.count.{result}.{v}", int(((table["verdict"] == v) & (table["result"] == result)).sum()),
                     "count", R.label("label.audit.count.group_verdict", group=R.code("group", result),
                                      verdict=R.code("verdict", v)), rows, ins, decimals=0)
    for col, words in (("basis", BASES), ("gap", GAPS), ("authority", AUTHORITIES)):
        for w in words:
            frag.add(f"audit.count.{col}.{w}", int((table[col] == w).sum()), "count",
                     R.label(f"label.audit.count.{col}", code=R.code(col, w)), rows, ins, decimals=0)
    frag.add("audit.count.verdict_alt", int((table["verdict_alt"] != "").sum()), "count",
             R.label("label.audit.count.verdict_alt"), R.rule("rule.audit.count_verdict_alt"), ins, decimals=0)
    passing = table["verdict"].isin(PASSING)
    frag.add("audit.count.coarse", int((table["coarse"] & passing).sum()), "count",
             R.label("label.audit.count.coarse"), R.rule("rule.audit.count_coarse"), ins, decimals=0)
    frag.add("audit.count.hedge_not_borne_out", int((table["hedge"] == "not_borne_out").sum()), "count",
             R.label("label.audit.count.hedge_not_borne_out"), rows, ins, decimals=0)
    for c in R.CAUSES:
        frag.add(f"audit.count.cause.{c}", int((table["cause"] == c).sum()), "count",
                 R.label("label.audit.count.cause", code=R.code("cause", c)), rows, ins, decimals=0)
    for reading in ("all_suppliers", "russia_only", "both", "neither"):
        frag.add(f"audit.count.arms_reading.{reading}", int((table["reading"] == reading).sum()), "count",
                 R.label("label.audit.count.arms_reading", reading=R.code("reading", reading)), rows, ins, decimals=0)
    # shown as what it is: a dated id names a third party's copy of SIPRI's tables, not a release SIPRI published
    frag.add("audit.arms_release", release, "text", R.label("label.audit.arms_release"),
             R.rule("rule.audit.arms_release"), ins,
             shown_as=R.WORDS["en"].get(f"release.{release}", release),
             shown_as_vi=R.WORDS["vi"].get(f"release.{release}", release))
    if info["last_printed_year"] is not None:
        frag.add("audit.arms_release_rule.last_printed_year", info["last_printed_year"], "year",
                 R.label("label.audit.last_printed_year"), R.rule("rule.audit.last_printed_year"), ins, decimals=0)
    arms = table[table["result"] == "arms"]
    for x in RELEASES:
        col = arms[f"verdict_{x}"]
        frag.add(f"audit.arms_release_matches.{x}", int((col == "match").sum()), "count",
                 R.label("label.audit.arms_release_matches", release=R.release(x)),
                 R.rule("rule.audit.count_exact"), ins, decimals=0)
        for v in ("match", "rounding", "within_bound", "discrepancy"):
            frag.add(f"audit.count.arms.{x}.{v}", int((col == v).sum()), "count",
                     R.label("label.audit.count.arms_release", verdict=R.code("verdict", v),
                             release=R.release(x)),
                     rows, ins, decimals=0)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Audit every printed number")
    ap.add_argument("--published", required=True, help="parsed printed numbers (analysis.contract.published)")
    ap.add_argument("--printed-source", required=True, help="the transcription they were parsed from (for lineage)")
    ap.add_argument("--registry", required=True, help="registry of the computed numbers (analysis.registry)")
    ap.add_argument("--sources", nargs="*", default=[], help="the raw folders' sources.csv (each source's authority)")
    ap.add_argument("--checked", nargs="*", default=[], help="the input check that validated the sources files")
    ap.add_argument("--out", required=True)
    ap.add_argument("--out-numbers", required=True)
    args = ap.parse_args(argv)
    import pandas as pd

    published = pd.read_csv(args.published, keep_default_na=False,
                            dtype={"section": str, "printed_value": float, "printed_decimals": int})
    if args.sources:
        require_validated(list(args.sources), args.checked)
    files = {"printed": args.printed_source, "registry": args.registry} | {f"sources{i}": p for i, p in
                                                                            enumerate(args.sources)}
    meta = read_sources(args.sources)
    table, frag = audit(published, read_json(args.registry), files, authorities(meta), weak_marks(meta))
    write_csv(args.out, table)
    write_json(args.out_numbers, frag.to_json())
    return 0


if __name__ == "__main__":
    from analysis.io import run  # the workflow's stamps: see analysis/io.py
    run(main)
