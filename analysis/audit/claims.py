"""Claims in words: each judged by a stated rule from the raw data.

data/published/claims.csv transcribes the claims in words of sections 1, 3.1-3.3 and 5
that the data can speak to: rankings of Vietnam's partners, the size and growth of trade
with Russia, Russia's place among investors, the trend of arms imports, Russia's share of
them and the origin of Vietnam's equipment, the dates of the events the article names, and
the article's references (one URL under two numbers, a page older than what it is cited
for).  Evidence beyond the tables' data (earlier years, partners, events) is in
data/raw/context; the reference list as printed is data/published/references.csv.  Vague
words are given a stated, falsifiable reading in the test's rule; where the article leaves
the reading open, the other reading's verdict is the claim's verdict_alt.  Each row names a test (TESTS) and its
parameters (their spec is the input contract's: analysis/contract/published.py, PARAMS).  A test reads registry numbers computed from the raw data (never the
article's own figures), computes the deciding figures into the registry
(`claim.<id>.<name>`) and returns one of VERDICTS by the rule its docstring states:
'partly holds' only when the evidence shows part true and part false, 'not decided' (with
its gap, analysis/audit/verdict.py GAPS) when the evidence cannot settle it, never a partial
verdict for want of data.  A statement that is also a printed number is judged once, by
the audit, and the claim carries that verdict (`printed=` names the printed numbers; see
`judge`); where the claim's verdict IS the audit's verdict (JUDGED_AS_PRINTED), the row's `judged_as`
names those printed numbers so that the roll-up counts the judgement once.  Each row also gets the weakest
authority of the sources its verdict rests on.

Rankings are settled by a published ranking (registry key
trade.rank_published.<measure>.<year>.<partner>) where one exists; otherwise by the
partners the data hold and the rest of the world as a residual: the residual (Vietnam's
total − the listed partners) is all the trade of every partner not listed, so if it is
smaller than the subject's value no unlisted partner can outrank it.

Run on its own:  python -m analysis.audit.claims --claims data/published/claims.csv \
    --checked data/derived/validated/published.json --registry data/derived/computed.json \
    --audit-numbers data/derived/numbers/audit.json --figures data/raw/context/figures.csv \
    --events data/raw/context/events.csv --references data/published/references.csv --out data/derived/claims.csv \
    --out-numbers data/derived/numbers/claims.json --out-part manuscript/_generated/claims.md
"""
from __future__ import annotations

import argparse
import csv
import io
import re

from analysis import reasons as R
from analysis import words
from analysis.audit.numbers import authorities, read_sources
from analysis.article import FDI_PARTNERS, RELEASES, TRADE_PARTNERS, TRADE_YEAR
from analysis.escape import md_cell
from analysis.registry import unit_suffix
from analysis.io import read_json, rel, require_validated, run, sha256, write_json, write_text_atomic
from analysis.registry import Fragment, convert, display, shortcode
from analysis.audit.verdict import GAPS, weakest

VERDICTS = ("holds", "partly holds", "does not hold", "not decided")
# A printed number's verdict as the verdict of a claim that states it (one statement, one judgement).
FROM_AUDIT = {"match": "holds", "rounding": "holds", "within_bound": "holds", "consistent": "holds", "discrepancy": "does not hold",
              "not_verifiable": "not decided"}


def verdict_word(verdict: str, lang: str) -> str:
    """A claim's verdict in the language (word.claim_verdict.*; 'not decided' is the audit's word.verdict.not_decided)."""
    if verdict == "not decided":
        return words.msg("word.verdict.not_decided", lang)
    return words.msg(f"word.claim_verdict.{verdict.replace(' ', '_')}", lang)


def measure_word(value, lang: str) -> str:
    """A measure or a release a test names, in the language (claim.measure.*); any other text figure as it is."""
    key = f"claim.measure.{str(value).replace(' ', '_')}"
    return words.msg(key, lang) if words.has(key, lang) else str(value)


SLOT = re.compile(r"\{(\w+)\}")
COLUMNS = ("id", "section", "quote_vi", "gloss_en", "test", "params", "verdict", "gap", "authority", "verdict_alt",
           "alt_keys", "printed_ids", "judged_as", "basis", "rule", "finding", "rule_md", "finding_md", "rule_vi_md", "finding_vi_md", "keys")


def read_claims(path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def to_csv(rows: list[dict]) -> str:
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return out.getvalue()


def parse_params(text: str) -> dict:
    """'subjects=a|b; factor=10' -> {'subjects': ['a', 'b'], 'factor': '10'} (lists where '|' appears)."""
    out = {}
    for part in filter(None, (p.strip() for p in text.split(";"))):
        name, value = (x.strip() for x in part.split("=", 1))
        out[name] = value.split("|") if "|" in value or name in ("subjects", "positions", "others", "rows", "partners",
                                                                  "printed", "ranks", "values", "changes",
                                                                  "rank_changes", "years", "context", "refs") else value
    return out


class Result:
    """The outcome of one test: verdict, deciding figures, the rule and the finding (sentences whose
    `{name}` slots are the figures, shown as display values or shortcodes), each written in English and
    in Vietnamese (rule_vi, finding_vi) with the same slots."""

    def __init__(self, rule: str, rule_vi: str):
        self.rule, self.finding, self.verdict, self.figures = rule, "", "not decided", {}
        self.rule_vi, self.finding_vi = rule_vi, ""
        # why not decided (analysis/audit/verdict.py, GAPS); the verdict under another source or reading, and its keys
        self.gap, self.verdict_alt, self.alt_keys = "no_source_found", "", []

    def fig(self, name: str, value, unit: str, label: dict, decimals: int = 1, sources=(), vi: str | None = None) -> str:
        """A deciding figure; `label`, what it is as data (`_lab`, or the label_msg of the registry entry it copies);
        `vi`, a word's Vietnamese form (a measure, a partner's name)."""
        self.figures[name] = {"value": value, "unit": unit, "label": label, "decimals": decimals,
                              "sources": sorted(set(sources))}
        if unit == "text":
            self.figures[name]["vi"] = vi if vi is not None else measure_word(value, "vi")
        return name


def _v(numbers: dict, key: str, unit: str | None = None):
    n = numbers.get(key)
    if n is None:
        return None
    return n["value"] if unit is None else convert(n["value"], n["unit"], unit)


def _src(numbers: dict, *keys: str) -> list[str]:
    return sorted({s for k in keys if k in numbers for s in numbers[k]["sources"]})


def _name(slug: str) -> str:
    return TRADE_PARTNERS[slug][0] if slug in TRADE_PARTNERS else slug


def _name_vi(slug_or_name: str) -> str:
    """A partner's Vietnamese name, as the article writes it (from its table rows)."""
    name = _name(slug_or_name.lower().replace(" ", "_")) if slug_or_name.lower().replace(" ", "_") in TRADE_PARTNERS \
        else slug_or_name
    return R.partner_name(name, "vi")


def _result(rule_id: str) -> Result:
    """A Result whose rule is a catalog message (analysis/words.py) in both languages, its slots left for `fill`."""
    return Result(words.msg(rule_id, "en"), words.msg(rule_id, "vi"))


def _say(res: Result, *ids_slots) -> None:
    """Set the finding from catalog messages joined by '; ': each item an id, or (id, {slot: text}) where a slot's
    text may itself name figure slots ('{value_x}') for `fill`."""
    for lang, attr in (("en", "finding"), ("vi", "finding_vi")):
        out = []
        for item in ids_slots:
            mid, slots = (item, {}) if isinstance(item, str) else item
            out.append(words.msg(mid, lang, **slots) if slots else words.msg(mid, lang))
        setattr(res, attr, "; ".join(out))


# --- the tests ---------------------------------------------------------------------

def published_rank(numbers: dict, measure: str, year: int, partner: str):
    """A published rank of `partner` among Vietnam's partners by `measure` in `year` (registry key
    trade.rank_published.<measure>.<year>.<partner>), or None."""
    v = _v(numbers, f"trade.rank_published.{measure}.{year}.{partner}")
    return None if v is None else int(v)


def t_rank(p: dict, numbers: dict, ctx: dict) -> Result:
    """The subjects hold the claimed positions among Vietnam's partners by `measure` in the data's year.
    Parameters: `subjects` (partner slugs, '|'-separated), `positions` (the claimed ranks, '|'-separated),
    `measure` (turnover, exports or imports).  A subject's rank is settled by a published ranking
    (trade.rank_published.<measure>.<year>.<subject>) when the registry has one; otherwise by the partners in
    the data when the rest of Vietnam's trade (total − listed partners) is smaller than the subject's value,
    so no partner outside the data can outrank it.  Holds if every subject's settled rank is as claimed; does
    not hold if a settled rank is not, or a listed partner already outranks a subject beyond its claimed
    position; not decided otherwise (gap: no published ranking and the rest of the world could hide a larger
    partner).  Never partly holds for want of data.  When not decided, the verdict under the latest earlier
    year's published ranking (a reading the rules allow for 'hiện là', currently) is the claim's verdict_alt."""
    res = _result("claim.rule.rank")
    m = p["measure"]
    listed = {s: _v(numbers, f"trade.{m}_{TRADE_YEAR}.{s}") for s in TRADE_PARTNERS}
    listed = {s: v for s, v in listed.items() if v is not None}
    total = _v(numbers, f"trade.{m}_{TRADE_YEAR}.world")
    keys = [f"trade.{m}_{TRADE_YEAR}.{s}" for s in listed] + [f"trade.{m}_{TRADE_YEAR}.world"]
    res.fig("measure", m, "text", _lab("measure_ranked"))
    residual = None if total is None else total - sum(listed.values())
    if residual is not None:
        res.fig("residual", residual, "USD bn", _lab(f"residual_{m}"), 2,
                _src(numbers, *keys))
    res.fig("listed", len(listed), "count", _lab("listed"), 0)
    claimed = [int(x) for x in p["positions"]]
    settled, data_rank, parts, parts_vi, missing = {}, {}, [], [], []
    want = dict(zip(p["subjects"], claimed))
    for s, _claimed in zip(p["subjects"], claimed):
        pub = published_rank(numbers, m, TRADE_YEAR, s)
        if pub is not None:
            pk = f"trade.rank_published.{m}.{TRADE_YEAR}.{s}"
            settled[s] = pub
            res.fig(f"published_{s}", pub, "rank",
                    _lab(f"published_rank_{m}", partner=R.partner(_name(s)), year=TRADE_YEAR), 0, _src(numbers, pk))
            for lang, out, name in (("en", parts, _name), ("vi", parts_vi, _name_vi)):
                out.append(words.msg("claim.rank.published", lang, name=name(s), rank=f"{{published_{s}}}"))
            continue
        if s not in listed:
            missing.append(s)
            continue
        data_rank[s] = 1 + sum(1 for v in listed.values() if v > listed[s])
        res.fig(f"value_{s}", listed[s], "USD bn", _lab(f"value_{m}", partner=R.partner(_name(s))), 2,
                _src(numbers, f"trade.{m}_{TRADE_YEAR}.{s}"))
        res.fig(f"rank_{s}", data_rank[s], "rank", _lab("data_rank", partner=R.partner(_name(s))), 0)
        for lang, out, name in (("en", parts, _name), ("vi", parts_vi, _name_vi)):
            out.append(words.msg("claim.rank.in_data", lang, name=name(s), rank=f"{{rank_{s}}}", value=f"{{value_{s}}}"))
        if residual is not None and residual < listed[s]:
            settled[s] = data_rank[s]
    # A published rank r of any partner in the data (an anchor) closes the set of partners above it: exactly r − 1
    # partners trade more.  When r − 1 partners in the data clearly trade more than the anchor (beyond both figures'
    # uncertainty) and no other partner in the data comes near it, those are all of them, and a subject among them
    # ranks by the data alone.
    unc = {x: float(numbers[f"trade.{m}_{TRADE_YEAR}.{x}"].get("uncertainty") or 0.0) for x in listed}

    def clearly_above(x, y):
        return listed[x] - unc[x] > listed[y] + unc[y]
    for a in sorted(listed):
        r = published_rank(numbers, m, TRADE_YEAR, a)
        if r is None:
            continue
        above = [x for x in listed if clearly_above(x, a)]
        near = [x for x in listed if x != a and x not in above and not clearly_above(a, x)]
        opened = [x for x in above if x in want and x not in settled]
        if len(above) != r - 1 or near or not opened:
            continue
        if f"published_{a}" not in res.figures:
            res.fig(f"published_{a}", r, "rank",
                    _lab(f"published_rank_{m}", partner=R.partner(_name(a)), year=TRADE_YEAR), 0,
                    _src(numbers, f"trade.rank_published.{m}.{TRADE_YEAR}.{a}"))
        res.fig(f"anchor_{a}", _name(a), "text", _lab("anchor"),
                vi=_name_vi(a))
        res.fig(f"above_{a}", len(above), "count", _lab("above"), 0)
        for lang, out in (("en", parts), ("vi", parts_vi)):
            out.append(words.msg("claim.rank.anchor", lang, anchor=f"{{anchor_{a}}}", above=f"{{above_{a}}}"))
        for x in opened:
            if any(not clearly_above(x, y) and not clearly_above(y, x) for y in above if y != x):
                continue
            settled[x] = 1 + sum(1 for y in above if clearly_above(y, x))
            res.fig(f"closed_{x}", settled[x], "rank", _lab("closed"), 0,
                    _src(numbers, f"trade.{m}_{TRADE_YEAR}.{x}", f"trade.{m}_{TRADE_YEAR}.{a}"))
            res.fig(f"closed_name_{x}", _name(x), "text", _lab("closed_name"), vi=_name_vi(x))
            for lang, out in (("en", parts), ("vi", parts_vi)):
                out.append(words.msg("claim.rank.closed", lang, name=f"{{closed_name_{x}}}", rank=f"{{closed_{x}}}"))
    if residual is not None:
        for lang, out in (("en", parts), ("vi", parts_vi)):
            out.append(words.msg("claim.rank.residual", lang, residual="{residual}"))
    # a rank in the data can only get worse once partners outside the data are counted
    beyond = [s for s, r in data_rank.items() if r > max(claimed)]
    wrong = [s for s, r in settled.items() if r != want[s]]
    if wrong or beyond:
        res.verdict = "does not hold"
    elif not missing and len(settled) == len(want):
        res.verdict = "holds"
    else:
        open_ = [s for s in want if s not in settled]
        # sources were found: the partners outside the data are what is missing (verdict.py, GAPS)
        res.gap = "incomplete_data"
        res.fig("open", ", ".join(_name(s) for s in open_), "text", _lab("open"),
                vi=", ".join(_name_vi(s) for s in open_))
        for lang, out in (("en", parts), ("vi", parts_vi)):
            out.append(words.msg("claim.rank.open", lang, open="{open}"))
    res.finding, res.finding_vi = "; ".join(parts), "; ".join(parts_vi)
    if res.verdict == "not decided":
        # another reading the rules allow: the latest earlier year's published ranking for the subjects left open
        earlier = {}
        for s in want:
            if s in settled:
                continue
            years = sorted(int(k.split(".")[3]) for k in numbers
                           if k.startswith(f"trade.rank_published.{m}.") and k.endswith(f".{s}")
                           and int(k.split(".")[3]) < TRADE_YEAR)
            if years:
                earlier[s] = f"trade.rank_published.{m}.{years[-1]}.{s}"
        if earlier and len(earlier) + len(settled) == len(want):
            ranks = settled | {s: int(_v(numbers, k)) for s, k in earlier.items()}
            res.verdict_alt = "holds" if all(ranks[s] == want[s] for s in want) else "does not hold"
            res.alt_keys = sorted(earlier.values())
    return res


def t_rank_at_least(p: dict, numbers: dict, ctx: dict) -> Result:
    """The subject is not among the leading partners (its rank is at least `rank`): holds if at least
    rank − 1 partners in the data are larger (partners outside the data can only push it further down);
    does not hold if fewer are larger and the residual is smaller than the subject's value; not decided
    otherwise (the rest of the world could hide larger partners)."""
    res = _result("claim.rule.rank_at_least")
    m, s = p["measure"], p["subject"]
    listed = {x: _v(numbers, f"trade.{m}_{TRADE_YEAR}.{x}") for x in TRADE_PARTNERS}
    listed = {x: v for x, v in listed.items() if v is not None}
    res.fig("needed", int(p["rank"]) - 1, "count", _lab("needed"), 0)
    res.fig("subject_name", _name(s), "text", _lab("subject"), vi=_name_vi(s))
    larger = sum(1 for v in listed.values() if v > listed[s])
    res.fig("larger", larger, "count", _lab("larger", partner=R.partner(_name(s))), 0)
    res.fig("value", listed[s], "USD bn", _lab(f"value_{m}", partner=R.partner(_name(s))), 2,
            _src(numbers, f"trade.{m}_{TRADE_YEAR}.{s}"))
    _say(res, "claim.finding.rank_at_least")
    total = _v(numbers, f"trade.{m}_{TRADE_YEAR}.world")
    if larger >= int(p["rank"]) - 1:
        res.verdict = "holds"
    elif total - sum(listed.values()) < listed[s]:
        res.verdict = "does not hold"
    return res


def t_share_below(p: dict, numbers: dict, ctx: dict) -> Result:
    """The subject's share of Vietnam's total is 'very small': holds if below `threshold` percent, does not
    hold otherwise."""
    res = _result("claim.rule.share_below")
    m, s = p["measure"], p["subject"]
    k, kw = f"trade.{m}_{TRADE_YEAR}.{s}", f"trade.{m}_{TRADE_YEAR}.world"
    res.fig("subject_name", _name(s), "text", _lab("subject"), vi=_name_vi(s))
    res.fig("measure", m, "text", _lab("measure"))
    res.fig("threshold", float(p["threshold"]), "%", _lab("threshold_very_small"), 0)
    share = 100 * _v(numbers, k) / _v(numbers, kw)
    res.fig("share", share, "%", _lab(f"share_of_total_{m}", partner=R.partner(_name(s))), 2, _src(numbers, k, kw))
    res.fig("value", _v(numbers, k), "USD bn", _lab(f"value_{m}", partner=R.partner(_name(s))), 2, _src(numbers, k))
    res.fig("total", _v(numbers, kw), "USD bn", _lab(f"total_{m}"), 2, _src(numbers, kw))
    _say(res, "claim.finding.share_below")
    res.verdict = "holds" if share < float(p["threshold"]) else "does not hold"
    return res


def t_exceeds(p: dict, numbers: dict, ctx: dict) -> Result:
    """Each subject's value far exceeds the base's: a subject passes if its ratio to the base is at least `factor`
    even at the ends of both figures' uncertainty, fails if it is below the factor at both ends, and is at the
    threshold otherwise (the figures' rounding cannot settle it).  Holds if every subject passes; does not hold if
    some subject does not exceed the base at all; partly holds if every subject exceeds the base but some fail the
    factor; not decided if none fails but some are at the threshold.  With `cover=csp` the sentence names Vietnam's
    comprehensive strategic partners as a class: the partners the events data list as such by the article's date,
    other than the base and the subjects, are the part the test leaves out (no figure in the data); then the
    claim cannot hold on the subjects alone and is not decided unless some subject fails."""
    cover = p.get("cover")
    # `factor` one number (a line), or a band 'low|high': the article draws no line for a comparative word, so one
    # band is read for every such word (data/published/claims.csv: C-01, C-16, C-29 read factor=2|10): a ratio is
    # far under every line in the band when it is at least `high`, under none when below `low`; between, the verdict
    # would rest on where the line is put, which the article does not say: not decided (gap not_measurable)
    fs = [float(x) for x in (p["factor"] if isinstance(p["factor"], list) else [p["factor"]])]
    f_lo, f_hi = min(fs), max(fs)
    banded = f_hi > f_lo
    res = _result(("claim.rule.exceeds_band" if banded else "claim.rule.exceeds") + ("_cover" if cover else ""))
    m, b = p["measure"], p["base"]
    bk = f"trade.{m}_{TRADE_YEAR}.{b}"
    base, ub = _v(numbers, bk), float(numbers[bk].get("uncertainty") or 0.0)
    res.fig("measure", m, "text", _lab("measure"))
    if banded:
        res.fig("factor_low", f_lo, "ratio", _lab("factor_low"), 0)
        res.fig("factor_high", f_hi, "ratio", _lab("factor_high"), 0)
    else:
        res.fig("factor", f_hi, "ratio", _lab("factor_far_exceeds"), 0)
    res.fig("base_name", _name(b), "text", _lab("base_partner"), vi=_name_vi(b))
    res.fig("base", base, "USD bn", _lab(f"value_{m}", partner=R.partner(_name(b))), 2, _src(numbers, bk))
    state, parts = {}, []
    for s_ in p["subjects"]:
        k = f"trade.{m}_{TRADE_YEAR}.{s_}"
        v, u = _v(numbers, k), float(numbers[k].get("uncertainty") or 0.0)
        r, lo, hi = v / base, (v - u) / (base + ub), (v + u) / (base - ub)
        res.fig(f"ratio_{s_}", r, "ratio", _lab("ratio", partner=R.partner(_name(s_)), base=R.partner(_name(b))), 1,
                _src(numbers, k, bk))
        state[s_] = ("pass" if lo >= f_hi else "fail" if hi < f_lo else "threshold", hi <= 1)
        if state[s_][0] == "threshold":
            res.fig(f"lo_{s_}", lo, "ratio", _lab("lo"), 2)
            res.fig(f"hi_{s_}", hi, "ratio", _lab("hi"), 2)
            parts.append(("claim.exceeds.band" if banded else "claim.exceeds.threshold",
                          {"name": _name(s_), "ratio": f"{{ratio_{s_}}}", "lo": f"{{lo_{s_}}}", "hi": f"{{hi_{s_}}}"}))
    left = []
    if cover == "csp":
        named = set(p["subjects"]) | {b}
        left = sorted({e["subject"] for e in ctx.get("events") or [] if e["event"] == "csp"
                       and e["date"] <= ARTICLE_RECEIVED} - {_name(x) for x in named})
        if left:
            res.fig("left_out", ", ".join(left), "text", _lab("left_out"),
                    sources=[e["source_id"] for e in ctx["events"] if e["event"] == "csp" and e["subject"] in left],
                    vi=", ".join(_country_vi(x) for x in left))
            parts.append("claim.exceeds.left_out")
    for lang, attr, name in (("en", "finding", _name), ("vi", "finding_vi", _name_vi)):
        items = "; ".join(words.msg("claim.exceeds.times", lang, name=name(s_), ratio=f"{{ratio_{s_}}}")
                          for s_ in p["subjects"])
        setattr(res, attr, words.msg("claim.exceeds.base", lang, items=items, base_name="{base_name}", base="{base}"))
    for item in parts:
        mid, slots = (item, {}) if isinstance(item, str) else item
        res.finding += "; " + (words.msg(mid, "en", **slots) if slots else words.msg(mid, "en"))
        slots_vi = {**slots, "name": _name_vi(slots["name"])} if slots else {}
        res.finding_vi += "; " + (words.msg(mid, "vi", **slots_vi) if slots else words.msg(mid, "vi"))
    kinds = [k for k, _ in state.values()]
    if any(below for _, below in state.values()):
        res.verdict = "does not hold"
    elif "fail" in kinds:
        res.verdict = "partly holds"
    elif "threshold" in kinds or left:
        res.verdict = "not decided"
        # partners without a figure: incomplete data; a ratio the band (or the figures' rounding) leaves open: no
        # measurement can settle where a word the article does not quantify draws its line
        res.gap = "incomplete_data" if left else "not_measurable"
    else:
        res.verdict = "holds"
    return res


def _fdi_rows(numbers: dict, partner: str, measure: str, period: str | None = None) -> list[str]:
    pre = f"fdi.raw.{partner}.{measure}."
    return sorted(k for k in numbers if k.startswith(pre) and (period is None or k[len(pre):].startswith(period + ".")))


def t_rank_above(p: dict, numbers: dict, ctx: dict) -> Result:
    """The partner is not in the top `threshold` investors: holds if every rank the data give for it is
    greater than the threshold; does not hold if any is at or within it; not decided without a rank."""
    res = _result("claim.rule.rank_above")
    keys = _fdi_rows(numbers, p["partner"], p["measure"])
    res.fig("partner_name", p["partner"].title(), "text", _lab("partner"), vi=_name_vi(p["partner"]))
    res.fig("threshold", int(p["threshold"]), "rank", _lab("top_rank"), 0)
    if not keys:
        return res
    ranks = [numbers[k]["value"] for k in keys]
    res.fig("best", min(ranks), "rank", _lab("best_rank"), 0, _src(numbers, *keys))
    res.fig("worst", max(ranks), "rank", _lab("worst_rank"), 0, _src(numbers, *keys))
    res.fig("n", len(ranks), "count", _lab("ranks_n"), 0)
    _say(res, "claim.finding.rank_above")
    res.verdict = "holds" if min(ranks) > int(p["threshold"]) else "does not hold"
    return res


def t_below_each(p: dict, numbers: dict, ctx: dict) -> Result:
    """The partner's investment is among the lowest compared with the others: holds if the largest figure
    the data give for the partner (all years together) is below each other partner's figure for a single
    period; does not hold otherwise; not decided without the figures.  `untested=projects`: the sentence also names
    the number of projects, which the test does not judge (the data hold no other partner's project count): the rule
    says the verdict covers the capital only."""
    res = _result("claim.rule.below_each")
    if p.get("untested"):
        res.rule += words.msg(f"claim.rule.untested.{p['untested']}", "en")
        res.rule_vi += words.msg(f"claim.rule.untested.{p['untested']}", "vi")
    keys = _fdi_rows(numbers, p["partner"], p["measure"])
    res.fig("partner_name", p["partner"].title(), "text", _lab("partner"), vi=_name_vi(p["partner"]))
    res.fig("measure", p["measure"].replace("_", " "), "text", _lab("measure"))
    res.fig("others_measure", p["others_measure"].replace("_", " "), "text", _lab("others_measure"))
    if not keys:
        return res
    subject = max(_v(numbers, k, "USD mn") for k in keys)
    largest = _lab("largest", measure=R.code("fdi_measure", p["measure"]),
                   partner=R.texts(en=p["partner"], vi=_name_vi(p["partner"])))
    res.fig("subject", subject, "USD mn", largest, 0, _src(numbers, *keys))
    lows = []
    for o in p["others"]:
        ok = _fdi_rows(numbers, o, p["others_measure"], p["others_period"])
        if not ok:
            return res
        v = min(_v(numbers, k, "USD mn") for k in ok)
        lows.append(v)
        res.fig(f"other_{o}", v, "USD mn", _lab("other_value", partner=R.partner(o.replace('_', ' ').title()),
                                       measure=R.code("fdi_measure", p["others_measure"]), period=p["others_period"]),
                0, _src(numbers, *ok))
    # each other partner's figure with its name, in both editions (the English one once gave the figures alone)
    for lang, attr, name in (("en", "finding", lambda o: o.replace("_", " ").title()), ("vi", "finding_vi", _name_vi)):
        others = ", ".join(words.msg("claim.below_each.other", lang, value=f"{{other_{o}}}", name=name(o))
                           for o in p["others"])
        setattr(res, attr, words.msg("claim.below_each.finding", lang, subject="{subject}", others=others))
    res.verdict = "holds" if subject < min(lows) else "does not hold"
    return res


def _arms_release(numbers: dict, ctx: dict, years) -> str:
    """The article's release where it covers every year needed, else the current release."""
    r = ctx["release"]
    return r if all(f"arms.{r}.total.{y}" in numbers for y in years) else "current"


def t_trend_down(p: dict, numbers: dict, ctx: dict) -> Result:
    """Arms imports trend downwards over the years: holds if no year-on-year change is positive; partly
    holds if the least-squares slope is negative though some years rise; does not hold otherwise."""
    res = _result("claim.rule.trend_down")
    years = range(int(p["first"]), int(p["last"]) + 1)
    rel_ = _arms_release(numbers, ctx, years)
    keys = [f"arms.{rel_}.total.{y}" for y in years]
    vals = [_v(numbers, k) for k in keys]
    res.fig("first", years[0], "year", _lab("first_year"), 0)
    res.fig("last", years[-1], "year", _lab("last_year"), 0)
    res.fig("release", R.release_word(rel_, "en"), "text", _lab("release_used"), vi=R.release_word(rel_, "vi"))
    n = len(vals)
    xm, ym = sum(years) / n, sum(vals) / n
    slope = sum((x - xm) * (y - ym) for x, y in zip(years, vals)) / sum((x - xm) ** 2 for x in years)
    rises = sum(1 for a, b in zip(vals, vals[1:]) if b > a)
    res.fig("slope", slope, "TIV mn", _lab("slope"), 1, _src(numbers, *keys))
    res.fig("rises", rises, "count", _lab("rose"), 0)
    res.fig("start", vals[0], "TIV mn", _lab("imports_first"), 0, _src(numbers, keys[0]))
    res.fig("end", vals[-1], "TIV mn", _lab("imports_last"), 0, _src(numbers, keys[-1]))
    _say(res, "claim.finding.trend_down")
    res.verdict = "holds" if rises == 0 else "partly holds" if slope < 0 else "does not hold"
    return res


def t_low_after(p: dict, numbers: dict, ctx: dict) -> Result:
    """Arms imports are 'very low' in the years: holds if every year is below `fraction` percent of the
    annual mean of the reference period; partly holds if some are; does not hold if none is."""
    res = _result("claim.rule.low_after")
    years, ref = range(int(p["first"]), int(p["last"]) + 1), range(int(p["ref_first"]), int(p["ref_last"]) + 1)
    rel_ = _arms_release(numbers, ctx, [*ref, *years])
    for n_ in ("first", "last", "ref_first", "ref_last"):
        res.fig(n_, int(p[n_]), "year", _lab(f"year_{n_}"), 0)
    res.fig("fraction", float(p["fraction"]), "%", _lab("fraction_very_low"), 0)
    res.fig("release", R.release_word(rel_, "en"), "text", _lab("release_used"), vi=R.release_word(rel_, "vi"))
    refkeys = [f"arms.{rel_}.total.{y}" for y in ref]
    mean = sum(_v(numbers, k) for k in refkeys) / len(refkeys)
    res.fig("ref_mean", mean, "TIV mn", _lab("ref_mean"), 0, _src(numbers, *refkeys))
    bound = mean * float(p["fraction"]) / 100
    res.fig("bound", bound, "TIV mn", _lab("bound_very_low"), 0)
    keys = [f"arms.{rel_}.total.{y}" for y in years]
    low = sum(1 for k in keys if _v(numbers, k) < bound)
    res.fig("low", low, "count", _lab("years_below"), 0)
    res.fig("n", len(keys), "count", _lab("years_tested"), 0)
    res.fig("highest", max(_v(numbers, k) for k in keys), "TIV mn", _lab("highest_tested"), 0, _src(numbers, *keys))
    _say(res, "claim.finding.low_after")
    res.verdict = "holds" if low == len(keys) else "partly holds" if low else "does not hold"
    return res


def russia_share(numbers: dict, release: str, years: range) -> tuple[float, list[str]] | None:
    """Russia's share (%) of deliveries over the years, numerator and denominator from one release: the
    register's suppliers for the current release, Russia's exporter table over the importer total for r2022."""
    num = den = 0.0
    keys = []
    for y in years:
        if release == "current":
            ks = [k for k in numbers if k.startswith("arms.current.supplier.") and k.endswith(f".{y}")]
            rk = f"arms.current.supplier.russia.{y}"
            num += _v(numbers, rk) or 0.0
            den += sum(_v(numbers, k) for k in ks)
            keys += ks
        else:
            rk, tk = f"arms.{release}.russia.{y}", f"arms.{release}.total.{y}"
            if rk not in numbers or tk not in numbers:
                return None
            num, den = num + _v(numbers, rk), den + _v(numbers, tk)
            keys += [rk, tk]
    return (100 * num / den, keys) if den else None


def _share_release(numbers: dict, ctx: dict, *windows: range) -> str:
    """The article's release where it gives Russia's share for every window, else the current release."""
    r = ctx["release"]
    return r if all(russia_share(numbers, r, w) is not None for w in windows) else "current"


def t_share_lower(p: dict, numbers: dict, ctx: dict) -> Result:
    """Russia's share in the years is lower than in the reference period: holds if lower, does not hold
    otherwise (both from one release)."""
    if p["first"] == p["last"]:  # one year: named as a year, not as the period "2022–2022"
        res = _result("claim.rule.share_lower_year")
    else:
        res = _result("claim.rule.share_lower")
    years, ref = range(int(p["first"]), int(p["last"]) + 1), range(int(p["ref_first"]), int(p["ref_last"]) + 1)
    rel_ = _share_release(numbers, ctx, years, ref)
    for n_ in ("first", "last", "ref_first", "ref_last"):
        res.fig(n_, int(p[n_]), "year", _lab(f"year_{n_}"), 0)
    res.fig("release", R.release_word(rel_, "en"), "text", _lab("release_used"), vi=R.release_word(rel_, "vi"))
    s, ks = russia_share(numbers, rel_, years)
    r, kr = russia_share(numbers, rel_, ref)
    res.fig("share", s, "%", _lab("russia_share_claimed"), 1, _src(numbers, *ks))
    res.fig("ref_share", r, "%", _lab("russia_share_ref"), 1, _src(numbers, *kr))
    _say(res, "claim.finding.share_lower")
    res.verdict = "holds" if s < r else "does not hold"
    return res


def t_largest_supplier(p: dict, numbers: dict, ctx: dict) -> Result:
    """Russia was the largest supplier over the years: holds if Russia's deliveries exceed every other
    supplier's in the register (current release); does not hold otherwise.  The register read starts with its
    first delivery year: the rule and the figures name the years it covers (`first`–`last`), never the years the
    sentence names when the register does not reach them.  The years before it (`early_first`–`early_last`) are
    judged on the exporter tables of a dated release, which give Russia's share of all deliveries but no other
    supplier's: more than half makes Russia the largest supplier there; half or less, or no table, leaves that part,
    and so the claim, not decided.  Largest in each part makes it largest over the whole span (each other
    supplier's sum is below Russia's in each part)."""
    want = range(int(p["first"]), int(p["last"]) + 1)
    keys = [k for k in numbers if k.startswith("arms.current.supplier.")]
    reg_first = min((int(k.rsplit(".", 1)[1]) for k in keys), default=want[0])
    years = range(max(want[0], reg_first), want[-1] + 1)
    res = _result("claim.rule.largest_supplier")
    res.fig("first", years[0] if years else want[0], "year", _lab("first_year"), 0)
    res.fig("last", years[-1] if years else want[-1], "year", _lab("last_year"), 0)
    sums: dict[str, float] = {}
    for k in keys:
        _, _, _, slug, y = k.split(".")
        if int(y) in years:
            sums[slug] = sums.get(slug, 0.0) + _v(numbers, k)
    if "russia" not in sums:
        return res
    others = sorted(((v, s) for s, v in sums.items() if s != "russia"), reverse=True)
    res.fig("russia", sums["russia"], "TIV mn", _lab("russia_deliveries"), 0, _src(numbers, *keys))
    res.fig("second", others[0][0], "TIV mn", _lab("second_deliveries"), 0, _src(numbers, *keys))
    res.fig("second_name", others[0][1].replace("_", " ").title(), "text", _lab("second_supplier"),
            vi=_name_vi(others[0][1].replace("_", " ").title()))
    s, ks = russia_share(numbers, "current", years)
    res.fig("share", s, "%", _lab("russia_share_deliveries"), 1, _src(numbers, *ks))
    _say(res, "claim.finding.largest_supplier")
    res.verdict = "holds" if sums["russia"] > others[0][0] else "does not hold"
    if want[0] < years[0]:
        a, b = want[0], years[0] - 1
        res.fig("early_first", a, "year", _lab("early_first"), 0)
        res.fig("early_last", b, "year", _lab("early_last"), 0)
        for lang, attr in (("en", "rule"), ("vi", "rule_vi")):
            setattr(res, attr, getattr(res, attr) + words.msg("claim.rule.largest_supplier_early", lang))
        tail = f"russia_share_w.{a}_{b}" if b > a else f"russia_share.{a}"
        found = [f"arms.{r}.{tail}" for r in RELEASES if r != "current" and f"arms.{r}.{tail}" in numbers]
        if not found:
            for lang, attr in (("en", "finding"), ("vi", "finding_vi")):
                setattr(res, attr, getattr(res, attr) + "; " + words.msg("claim.finding.largest_supplier_early_gap", lang))
            res.verdict = "not decided"
            return res
        k = found[0]
        rel_ = k.split(".")[1]
        res.fig("early_share", _v(numbers, k), "%", _lab("early_share"), 1, _src(numbers, k))
        res.fig("early_release", R.release_word(rel_, "en"), "text", _lab("early_release"),
                vi=R.release_word(rel_, "vi"))
        for lang, attr in (("en", "finding"), ("vi", "finding_vi")):
            setattr(res, attr, getattr(res, attr) + "; " + words.msg("claim.finding.largest_supplier_early", lang))
        early_ok = _v(numbers, k) > 50
        res.verdict = "holds" if res.verdict == "holds" and early_ok else "not decided"
        if res.verdict == "not decided":
            return res
    if p.get("span") == "soviet":
        # 'for many decades': the register read starts in 2000 (its first delivery year; the years before it are
        # judged above on the exporter tables); the decades before are judged on the r2022 release's exporter tables (the Soviet Union and Russia over all deliveries since SIPRI's records begin): a majority
        # of all deliveries over the span makes them its largest supplier taken together (not decade by decade)
        e = numbers.get("arms.r2022.origin_proxy.share")
        res.rule, res.rule_vi = res.rule + words.msg("claim.rule.largest_supplier_span", "en"), \
            res.rule_vi + words.msg("claim.rule.largest_supplier_span", "vi")
        if e is None:
            res.verdict = "not decided"
            return res
        for n_, k in (("long_share", "arms.r2022.origin_proxy.share"), ("long_first", "arms.r2022.origin_proxy.first_year"),
                      ("long_last", "arms.r2022.origin_proxy.last_year")):
            res.fig(n_, numbers[k]["value"], numbers[k]["unit"], numbers[k]["label_msg"], numbers[k]["decimals"],
                    numbers[k]["sources"])
        res.finding += "; " + words.msg("claim.finding.largest_supplier_span", "en")
        res.finding_vi += "; " + words.msg("claim.finding.largest_supplier_span", "vi")
        long_ok = numbers["arms.r2022.origin_proxy.share"]["value"] > 50
        res.verdict = ("holds" if res.verdict == "holds" and long_ok else
                       "does not hold" if res.verdict == "does not hold" and not long_ok else "partly holds")
    return res


def t_share_falls(p: dict, numbers: dict, ctx: dict) -> Result:
    """Diversification: Russia's share falls after the reference period: holds if it falls by at least
    `drop` percentage points; partly holds if it falls by less; does not hold if it does not fall."""
    res = _result("claim.rule.share_falls")
    years, ref = range(int(p["first"]), int(p["last"]) + 1), range(int(p["ref_first"]), int(p["ref_last"]) + 1)
    rel_ = _share_release(numbers, ctx, years, ref)
    for n_ in ("first", "last", "ref_first", "ref_last"):
        res.fig(n_, int(p[n_]), "year", _lab(f"year_{n_}"), 0)
    res.fig("drop", float(p["drop"]), "ratio", _lab("drop"), 0)
    res.fig("release", R.release_word(rel_, "en"), "text", _lab("release_used"), vi=R.release_word(rel_, "vi"))
    s, ks = russia_share(numbers, rel_, years)
    r, kr = russia_share(numbers, rel_, ref)
    res.fig("share", s, "%", _lab("russia_share_after"), 1, _src(numbers, *ks))
    res.fig("ref_share", r, "%", _lab("russia_share_before"), 1, _src(numbers, *kr))
    res.fig("change", s - r, "pp", _lab("russia_share_change"), 1)
    _say(res, "claim.finding.share_falls")
    res.verdict = "holds" if r - s >= float(p["drop"]) else "partly holds" if s < r else "does not hold"
    return res


def t_proxy_above(p: dict, numbers: dict, ctx: dict) -> Result:
    """A claim that is itself a printed number (the share of Vietnam's equipment of Soviet or Russian origin,
    'hơn 80%'): one statement, one judgement.  Parameters: `printed` (the id of the printed number in
    data/published/printed_numbers.csv that states it), `threshold` (the share claimed, %).  The verdict is the
    audit's on that printed number (match, rounding or consistent -> holds; discrepancy -> does not hold; not
    verifiable -> not decided, with the audit's gap).  The share of all deliveries since SIPRI's records begin
    from the Soviet Union and Russia is shown as context only: deliveries are not the stock in service."""
    res = _result("claim.rule.proxy_above")
    pid = p["printed"][0] if isinstance(p["printed"], list) else p["printed"]
    res.fig("threshold", float(p["threshold"]), "%", _lab("share_claimed"), 0)
    res.fig("printed", pid, "text", _lab("printed_stating"), vi=pid)
    for n_, k in (("share", "arms.r2022.origin_proxy.share"), ("first", "arms.r2022.origin_proxy.first_year"),
                  ("last", "arms.r2022.origin_proxy.last_year")):
        if k in numbers:
            e = numbers[k]
            res.fig(n_, e["value"], e["unit"], e["label_msg"], e["decimals"], e["sources"])
        else:
            res.fig(n_, "—", "text", _lab("key", key=k), vi="—")
    audit = ctx.get("audit") or {}
    v = audit.get(f"audit.verdict.{pid}")
    if v is None:
        raise ValueError(f"claim test 'proxy_above': the audit has no verdict on printed number {pid!r}")
    res.verdict = FROM_AUDIT[v["value"]]
    if res.verdict == "not decided":
        res.gap = audit[f"audit.gap.{pid}"]["value"]
    _say(res, "claim.finding.proxy_above")
    # beside the share of deliveries (above any share near 80%), the latest published estimate of the stock itself,
    # as the audit's reason on the printed number gives it: the two say the same context (analysis/compute/arms.py)
    stock = sorted((k for k in numbers if k.startswith("arms.stated_share.military_assets.") and k + ".high" in numbers),
                   key=lambda k: (k.split(".")[3].split("_")[-1], k))
    if stock:
        k = stock[-1]
        res.fig("stock_lo", numbers[k]["value"], "%", _lab("stock_lo"), numbers[k]["decimals"], numbers[k]["sources"])
        res.fig("stock_hi", numbers[k + ".high"]["value"], "%", _lab("stock_hi"), numbers[k + ".high"]["decimals"],
                numbers[k + ".high"]["sources"])
        res.fig("stock_year", int(k.split(".")[3].split("_")[-1]), "year", _lab("stock_year"), 0)
        for lang, attr in (("en", "finding"), ("vi", "finding_vi")):
            setattr(res, attr, getattr(res, attr) + "; " + words.msg("claim.finding.proxy_stock", lang))
    return res


def t_mean_ratio(p: dict, numbers: dict, ctx: dict) -> Result:
    """Arms imports surge: holds if the annual mean of `first`–`last` is at least `factor` times the annual
    mean of `ref_first`–`ref_last` (one release: the article's where it covers every year, else the current);
    partly holds if it is higher but by less; does not hold otherwise.  Parameters: first, last, ref_first,
    ref_last, factor."""
    res = _result("claim.rule.mean_ratio")
    years, ref = range(int(p["first"]), int(p["last"]) + 1), range(int(p["ref_first"]), int(p["ref_last"]) + 1)
    rel_ = _arms_release(numbers, ctx, [*ref, *years])
    for n_ in ("first", "last", "ref_first", "ref_last"):
        res.fig(n_, int(p[n_]), "year", _lab(f"year_{n_}"), 0)
    res.fig("factor", float(p["factor"]), "ratio", _lab("factor_surge"), 0)
    res.fig("release", R.release_word(rel_, "en"), "text", _lab("release_used"), vi=R.release_word(rel_, "vi"))
    keys = [f"arms.{rel_}.total.{y}" for y in years]
    refkeys = [f"arms.{rel_}.total.{y}" for y in ref]
    if not all(k in numbers for k in keys + refkeys):
        return res
    mean = sum(_v(numbers, k) for k in keys) / len(keys)
    ref_mean = sum(_v(numbers, k) for k in refkeys) / len(refkeys)
    res.fig("mean", mean, "TIV mn", _lab("mean_claimed"), 0, _src(numbers, *keys))
    res.fig("ref_mean", ref_mean, "TIV mn", _lab("ref_mean"), 0, _src(numbers, *refkeys))
    res.fig("ratio", mean / ref_mean, "ratio", _lab("mean_ratio"), 1)
    _say(res, "claim.finding.mean_ratio")
    f = float(p["factor"])
    res.verdict = "holds" if mean >= f * ref_mean else "partly holds" if mean > ref_mean else "does not hold"
    return res


def t_falls(p: dict, numbers: dict, ctx: dict) -> Result:
    """Arms imports fall from `first` to `last`: holds if the later year's total is lower (and, when `fraction`
    is given, at most `fraction` percent of the earlier: a sharp fall); partly holds if it is lower but not by
    that much; does not hold if it is not lower.  Parameters: first, last, fraction (optional)."""
    if p.get("through"):
        return _falls_through(p, numbers, ctx)
    frac = p.get("fraction")
    res = _result("claim.rule.falls_fraction") if frac else _result("claim.rule.falls")
    a, b = int(p["first"]), int(p["last"])
    rel_ = _arms_release(numbers, ctx, [a, b])
    res.fig("first", a, "year", _lab("earlier_year"), 0)
    res.fig("last", b, "year", _lab("later_year"), 0)
    res.fig("release", R.release_word(rel_, "en"), "text", _lab("release_used"), vi=R.release_word(rel_, "vi"))
    if frac:
        res.fig("fraction", float(frac), "%", _lab("sharp_fraction"), 0)
    ka, kb = f"arms.{rel_}.total.{a}", f"arms.{rel_}.total.{b}"
    if ka not in numbers or kb not in numbers:
        return res
    va, vb = _v(numbers, ka), _v(numbers, kb)
    res.fig("start", va, "TIV mn", _lab("imports_earlier"), 0, _src(numbers, ka))
    res.fig("end", vb, "TIV mn", _lab("imports_later"), 0, _src(numbers, kb))
    _say(res, "claim.finding.falls")
    sharp = frac is None or vb <= float(frac) / 100 * va
    res.verdict = ("holds" if vb < va and sharp else "partly holds" if vb < va else "does not hold")
    return res


def _falls_through(p: dict, numbers: dict, ctx: dict) -> Result:
    """'Kept falling (sharply) after `first`', tested on every year from `last` to `through`, not on one step:
    holds if every such year is at most `fraction` percent of `first`'s imports and none rises above the year
    before; does not hold if no year is below `first`'s; partly holds otherwise (some years fall, some do not).
    One release: the article's where it covers every year, else the current."""
    res = _result("claim.rule.falls_through")
    a, b, c = int(p["first"]), int(p["last"]), int(p["through"])
    frac = float(p.get("fraction") or 100)
    years = list(range(b, c + 1))
    rel_ = _arms_release(numbers, ctx, [a, *years])
    res.fig("first", a, "year", _lab("earlier_year"), 0)
    res.fig("last", b, "year", _lab("later_year"), 0)
    res.fig("through", c, "year", _lab("through"), 0)
    res.fig("fraction", frac, "%", _lab("sharp_fraction"), 0)
    res.fig("release", R.release_word(rel_, "en"), "text", _lab("release_used"), vi=R.release_word(rel_, "vi"))
    keys = [f"arms.{rel_}.total.{y}" for y in [a, *years]]
    if not all(k in numbers for k in keys):
        return res
    base = _v(numbers, keys[0])
    vals = [_v(numbers, k) for k in keys[1:]]
    sharp = sum(1 for v in vals if v <= frac / 100 * base)
    below = sum(1 for v in vals if v < base)
    rises = sum(1 for x, y in zip([base, *vals], vals) if y > x)
    res.fig("start", base, "TIV mn", _lab("imports_earlier"), 0, _src(numbers, keys[0]))
    res.fig("n", len(vals), "count", _lab("years_tested"), 0)
    res.fig("sharp", sharp, "count", _lab("sharp"), 0)
    res.fig("rises", rises, "count", _lab("rises"), 0)
    res.fig("highest", max(vals), "TIV mn", _lab("highest_tested"), 0, _src(numbers, *keys[1:]))
    _say(res, "claim.finding.falls_through")
    if sharp == len(vals) and rises == 0:
        res.verdict = "holds"
    elif below == 0:
        res.verdict = "does not hold"
    else:
        res.verdict = "partly holds"
    return res


def t_arms_reading(p: dict, numbers: dict, ctx: dict) -> Result:
    """The arms passage presents its figures as imports from Russia: holds if every printed arms figure the
    audit reproduces is reproduced by Russia's deliveries (alone or as well as by the all-supplier total);
    does not hold if none is and some are reproduced by all-supplier totals only; partly holds if both kinds
    occur.  Read from the audit's count of readings (analysis/audit/numbers.py).  Parameter: series (the supplier the
    text names; only 'russia', the reading the audit makes beside the all-supplier total)."""
    res = _result("claim.rule.arms_reading")
    if p.get("series") != "russia":
        raise ValueError(f"claim test 'arms_reading': series must be 'russia', not {p.get('series')!r}")
    audit = ctx.get("audit") or {}
    got = {}
    for r in ("all_suppliers", "russia_only", "both", "neither"):
        k = f"audit.count.arms_reading.{r}"
        if k not in audit:
            return res
        got[r] = int(audit[k]["value"])
        res.fig(r, got[r], "count", _lab("reading", reading=R.code("reading", r)), 0)
    _say(res, "claim.finding.arms_reading")
    russia = got["russia_only"] + got["both"]
    if got["all_suppliers"] == 0 and russia:
        res.verdict = "holds"
    elif got["all_suppliers"] and got["russia_only"] == 0:
        res.verdict = "does not hold"
    elif got["all_suppliers"]:
        res.verdict = "partly holds"
    return res


def t_arms_unit(p: dict, numbers: dict, ctx: dict) -> Result:
    """The arms passage gives its figures in US dollars: holds if the figures it is judged against (SIPRI's
    annual totals in the release the article used) are in the unit the text names; does not hold otherwise
    (SIPRI's trend-indicator values are a volume measure, not a price).  Parameter: unit (the currency the text
    names, e.g. USD)."""
    res = _result("claim.rule.arms_unit")
    res.fig("claimed", p["unit"], "text", _lab("unit_named"), vi=p["unit"])
    rel_ = ctx.get("release", "")
    keys = sorted(k for k in numbers if k.startswith(f"arms.{rel_}.total."))
    if not keys:
        return res
    unit = numbers[keys[0]]["unit"]
    res.fig("unit", unit, "text", _lab("unit_sipri"), vi=unit_suffix(unit, "vi").strip() or unit)
    res.fig("release", R.release_word(rel_, "en"), "text", _lab("release_used"), vi=R.release_word(rel_, "vi"))
    res.fig("n", len(keys), "count", _lab("annual_totals"), 0, _src(numbers, *keys))
    _say(res, "claim.finding.arms_unit")
    res.verdict = "holds" if unit.split()[0] == p["unit"] else "does not hold"
    return res


def t_top_group(p: dict, numbers: dict, ctx: dict) -> Result:
    """The subjects regularly lead Vietnam's investors: holds if, in every period for which the data rank
    them (at least two), each subject ranks within the top `rank`; does not hold if some subject ranks outside
    it in at least half the periods; partly holds otherwise; not decided with fewer than two ranked periods.
    Parameters: subjects, rank."""
    res = _result("claim.rule.top_group")
    top = int(p["rank"])
    res.fig("rank", top, "rank", _lab("group_size"), 0)
    ranks: dict[str, dict[str, float]] = {}
    keys = []
    for s in p["subjects"]:
        for k in _fdi_rows(numbers, s, "rank"):
            period = k.split(".")[4]
            if "cumulative" in period:
                continue
            ranks.setdefault(period, {})[s] = min(numbers[k]["value"], ranks.get(period, {}).get(s, 1e9))
            keys.append(k)
    periods = sorted(pp for pp, r in ranks.items() if set(r) == set(p["subjects"]))
    res.fig("periods", len(periods), "count", _lab("periods"), 0, _src(numbers, *keys))
    _say(res, "claim.finding.top_group")
    if not periods:
        return res
    worst = max(max(ranks[pp].values()) for pp in periods)
    res.fig("worst", worst, "rank", _lab("worst_in_periods"), 0, _src(numbers, *keys))
    for lang, attr in (("en", "finding"), ("vi", "finding_vi")):
        setattr(res, attr, getattr(res, attr) + "; " + words.msg("claim.finding.top_group_more", lang))
    if len(periods) < 2:
        res.gap = "incomplete_data"  # ranked, but in too few periods: the data lack the other periods
        return res
    out = {s: sum(1 for pp in periods if ranks[pp][s] > top) for s in p["subjects"]}
    if not any(out.values()):
        res.verdict = "holds"
    elif any(2 * n >= len(periods) for n in out.values()):
        res.verdict = "does not hold"
    else:
        res.verdict = "partly holds"
    return res


def t_grows(p: dict, numbers: dict, ctx: dict) -> Result:
    """A quantity grew: holds if the registry's growth figure `key` is above zero by more than its uncertainty;
    does not hold if it is below zero by more than its uncertainty; not decided otherwise.  Parameter: key."""
    res = _result("claim.rule.grows")
    k = p["key"]
    if k not in numbers:
        return res
    e = numbers[k]
    res.fig("growth", e["value"], e["unit"], e["label_msg"], e["decimals"], e["sources"])
    _say(res, "claim.finding.grows")
    u = float(e.get("uncertainty") or 0.0)
    res.verdict = ("holds" if e["value"] - u > 0 else "does not hold" if e["value"] + u < 0 else "not decided")
    return res


def t_smaller_than(p: dict, numbers: dict, ctx: dict) -> Result:
    """The subjects' trade with Vietnam is smaller than the others': holds if every subject's value by
    `measure` is below every other's; does not hold otherwise.  Parameters: subjects, others, measure."""
    res = _result("claim.rule.smaller_than")
    m = p["measure"]
    res.fig("measure", m, "text", _lab("measure"))
    vals = {}
    for s in [*p["subjects"], *p["others"]]:
        v = _v(numbers, f"trade.{m}_{TRADE_YEAR}.{s}")
        if v is None:
            return res
        vals[s] = v
        res.fig(f"value_{s}", v, "USD bn", _lab(f"value_{m}", partner=R.partner(_name(s))), 2,
                _src(numbers, f"trade.{m}_{TRADE_YEAR}.{s}"))
    for lang, attr, name in (("en", "finding", _name), ("vi", "finding_vi", _name_vi)):
        listed = {g: ", ".join(f"{name(s)} {{value_{s}}}" for s in p[g]) for g in ("subjects", "others")}
        setattr(res, attr, words.msg("claim.smaller_than.finding", lang, **listed))
    res.verdict = "holds" if max(vals[s] for s in p["subjects"]) < min(vals[s] for s in p["others"]) \
        else "does not hold"
    return res


_ALT = re.compile(r"^trade\.alt\.(?P<slug>[a-z_]+)\.(?P<flow>[a-z]+)\.(?P<year>\d{4})\.(?P<period>[^.]+)\.(?P<sid>[^.]+)\.")


def _table_hits(p: dict, numbers: dict, ctx: dict) -> list[tuple[str, list]]:
    """For each printed row of a table (`rows`, with the partners' slugs in `partners`), the full-year figures in
    the data that reproduce its value by the rounding rule of analysis/audit/verdict.py for an 'about' figure: the
    recomputed value and every full-year alternative, as (registry key, year, source ids)."""
    from analysis.audit.verdict import close_enough
    audit, m = ctx.get("audit") or {}, p["measure"]
    rows = p["rows"] if isinstance(p["rows"], list) else [p["rows"]]
    partners = p["partners"] if isinstance(p["partners"], list) else [p["partners"]]
    out = []
    for rid, slug in zip(rows, partners):
        pe = audit.get(f"printed.{rid}")
        if pe is None:
            raise ValueError(f"claim test on a table: the audit has no printed number {rid!r}")
        found = []
        main = f"trade.{m}_{TRADE_YEAR}.{slug}"
        if main in numbers:
            found.append((main, TRADE_YEAR, numbers[main]["sources"]))
        for k in numbers:
            g = _ALT.match(k)
            if g and g["slug"] == slug and g["flow"] == m and g["period"] == "FY":
                found.append((k, int(g["year"]), [g["sid"]]))
        hits = []
        for k, y, sids in found:
            e = numbers[k]
            value = convert(e["value"], e["unit"], pe["unit"])
            if close_enough(pe["value"], pe["decimals"], value, convert(e["uncertainty"], e["unit"], pe["unit"]),
                            "approx", pe["unit"]):
                hits.append((k, y, sids))
        out.append((rid, hits))
    return out


def t_table_period(p: dict, numbers: dict, ctx: dict) -> Result:
    """A table's label states the period of its values: for each printed row (`rows`, the printed ids, with
    the partners' slugs in `partners`), the figures in the data that reproduce the printed value (the
    recomputed value and every full-year alternative, each by the rounding rule of analysis/audit/verdict.py for an
    'about' figure) give the years the row can stand for.  Holds if those years lie in `first`–`last` and cover
    both ends; partly holds if they lie within it but cover only part of it; does not hold if some lie outside;
    not decided if no row is reproduced.  The reporters of the reproducing figures are stated (a label that
    names one period over figures from more than one reporter).  Parameters: rows, partners, first, last,
    measure."""
    res = _result("claim.rule.table_period")
    a, b = int(p["first"]), int(p["last"])
    res.fig("first", a, "year", _lab("label_first"), 0)
    res.fig("last", b, "year", _lab("label_last"), 0)
    meta = ctx.get("sources") or {}
    rows = p["rows"] if isinstance(p["rows"], list) else [p["rows"]]
    years, reporters, keys, reproduced = set(), set(), [], 0
    for rid, hits in _table_hits(p, numbers, ctx):
        for k, y, sids in hits:
            years.add(y)
            keys.append(k)
            reporters |= {meta.get(sid, {}).get("reporter", "") for sid in sids} - {""}
        reproduced += bool(hits)
    res.fig("rows", len(rows), "count", _lab("table_rows"), 0)
    res.fig("reproduced", reproduced, "count", _lab("rows_reproduced"), 0)
    res.fig("years", ", ".join(str(y) for y in sorted(years)) or "—", "text", _lab("reproducing_years"),
            sources=_src(numbers, *keys), vi=", ".join(str(y) for y in sorted(years)) or "—")
    res.fig("reporters", ", ".join(sorted(reporters)) or "—", "text", _lab("reproducing_reporters"),
            vi=", ".join(_name_vi(r) for r in sorted(reporters)) or "—")
    # not 'reproduced' as the audit says it: any full-year figure in the data counts here (a partner-side
    # figure or a source's own stated total too), since the question is which years the values can stand for
    _say(res, "claim.finding.table_period")
    if not years:
        return res
    if any(y < a or y > b for y in years):
        res.verdict = "does not hold"
    elif a in years and b in years:
        res.verdict = "holds"
    else:
        res.verdict = "partly holds"
    return res


def t_printed_pass(p: dict, numbers: dict, ctx: dict) -> Result:
    """A label or statement whose truth is that of printed numbers the audit judges (one statement, one
    judgement): holds if every one passes (match, rounding or consistent); does not hold if every judged one is
    a discrepancy; partly holds if some pass and some are discrepancies; not decided if none is judged.
    Parameter: printed (the ids)."""
    res = _result("claim.rule.printed_pass")
    ids = p["printed"] if isinstance(p["printed"], list) else [p["printed"]]
    res.fig("ids", ", ".join(ids), "text", _lab("printed_ids"), vi=", ".join(ids))
    audit = ctx.get("audit") or {}
    got = []
    for pid in ids:
        v = audit.get(f"audit.verdict.{pid}")
        if v is None:
            raise ValueError(f"claim test 'printed_pass': the audit has no verdict on printed number {pid!r}")
        got.append(FROM_AUDIT[v["value"]])
    res.fig("held", got.count("holds"), "count", _lab("printed_held"), 0)
    res.fig("failed", got.count("does not hold"), "count", _lab("printed_failed"), 0)
    _say(res, "claim.finding.printed_pass")
    judged = [g for g in got if g != "not decided"]
    if not judged:
        gaps = [audit.get(f"audit.gap.{pid}", {}).get("value") for pid in ids]
        res.gap = next((g for g in gaps if g), "no_source_found")
    elif all(g == "holds" for g in judged):
        res.verdict = "holds" if len(judged) == len(got) else "not decided"
    elif all(g == "does not hold" for g in judged):
        res.verdict = "does not hold"
    else:
        res.verdict = "partly holds"
    return res

# --- claims that need the context evidence (data/raw/context: earlier figures, partners, events) -------------------

# The article's date of receipt ("Ngày nhận bài: 02/3/2026"): what it calls current is current by then.
ARTICLE_RECEIVED = "2026-03-02"
# A hedged figure read as the interval it states: 'about' within 10% either way (the article's and the sources'
# round figures), 'more than' from the figure up to 10% above it, 'nearly' from 10% below up to the figure (a
# source that meant more would have named a larger round figure); an exact figure within half a unit of its last
# digit.
HEDGE_SPAN = 0.10


def _lab(key: str, **slots) -> dict:
    """A registry label of a figure as data: a message of the catalogs ('claim.label.*') and its slots, which each
    edition renders in its own words (analysis/reasons.py, `say`)."""
    return R.label(f"claim.label.{key}", **slots)


def _country_vi(name: str) -> str:
    return words.section("claim.country.", "vi").get(name.lower().replace(" ", "_")) or _name_vi(name)


def _interval(row: dict) -> tuple[float, float]:
    """A figure of data/raw/context/figures.csv as the interval its hedge states."""
    v = float(row["value"])
    text = str(row["value"])
    half = 0.5 * 10 ** -(len(text.split(".")[1]) if "." in text else 0)
    return {"exact": (v - half, v + half), "about": (v * (1 - HEDGE_SPAN), v * (1 + HEDGE_SPAN)),
            "more_than": (v, v * (1 + HEDGE_SPAN)), "nearly": (v * (1 - HEDGE_SPAN), v)}[row["hedge"]]


def _context(ctx: dict, quantity: str, subject: str, year: int, period: str = "FY") -> list[dict]:
    return [r for r in ctx.get("figures") or [] if r["quantity"] == quantity and r["subject"] == subject
            and int(r["year"]) == year and r["period"] == period]


def _turnover_series(numbers: dict, ctx: dict, slug: str) -> dict[int, list[tuple[float, float, list[str]]]]:
    """Every full-year figure of Vietnam's turnover with a partner: year -> [(low, high, sources)], from the context
    evidence and the trade data (each source's stated full-year figure, within half a unit of its last digit)."""
    name = _name(slug)
    out: dict[int, list] = {}
    for r in ctx.get("figures") or []:
        if r["quantity"] == "turnover" and r["subject"] == name and r["period"] == "FY":
            out.setdefault(int(r["year"]), []).append((*_interval(r), [r["source_id"]]))
    for k, e in numbers.items():
        g = _ALT.match(k)
        if g and g["slug"] == slug and g["flow"] == "turnover" and g["period"] == "FY" and k.endswith(".stated"):
            u = float(e.get("uncertainty") or 0.0)
            out.setdefault(int(g["year"]), []).append((e["value"] - u, e["value"] + u, e["sources"]))
    return out


def _stated(numbers: dict, ctx: dict, slug: str, year: int, series: dict) -> float:
    """A year's turnover as the sources state it (the mean of the stated figures, not of the intervals' ends)."""
    rows = _context(ctx, "turnover", _name(slug), year)
    if rows:
        return sum(float(r["value"]) for r in rows) / len(rows)
    return sum((x[0] + x[1]) / 2 for x in series[year]) / len(series[year])


def t_grew_since(p: dict, numbers: dict, ctx: dict) -> Result:
    """Trade has grown since a year (the FTA's first year, not one year's growth): holds if the data year's
    turnover is above the base year's at both ends of their uncertainty (a hedged source figure read as its
    interval); does not hold if below at both ends; not decided otherwise.  The lowest year in between that the
    data hold is stated (growth need not have been steady).  Parameters: subject, first."""
    res = _result("claim.rule.grew_since")
    slug, a = p["subject"], int(p["first"])
    key = f"trade.turnover_{TRADE_YEAR}.{slug}"
    series = _turnover_series(numbers, ctx, slug)
    res.fig("first", a, "year", _lab("first_year"), 0)
    res.fig("year", TRADE_YEAR, "year", _lab("data_year"), 0)
    if key not in numbers or a not in series:
        return res
    v, u = _v(numbers, key), float(numbers[key].get("uncertainty") or 0.0)
    lo, hi = min(x[0] for x in series[a]), max(x[1] for x in series[a])
    base_src = sorted({sid for x in series[a] for sid in x[2]})
    res.fig("latest", v, "USD bn", _lab("latest"), 2, _src(numbers, key))
    res.fig("base", _stated(numbers, ctx, slug, a, series), "USD bn", _lab("base"), 2, base_src)
    # not steadily if some year in between lies below an earlier year at both ends of their figures' intervals:
    # the largest such fall is stated
    spans = {y: (max(x[0] for x in vals), min(x[1] for x in vals)) for y, vals in series.items() if a <= y < TRADE_YEAR}
    falls = [(spans[e][0] - spans[y][1], e, y) for y in spans for e in spans if e < y and spans[y][1] < spans[e][0]]
    parts = ["claim.finding.grew_since"]
    if falls:
        _, peak_year, low_year = max(falls)
        stated = lambda y: _stated(numbers, ctx, slug, y, series)
        res.fig("peak", stated(peak_year), "USD bn", _lab("peak"), 2,
                sorted({sid for x in series[peak_year] for sid in x[2]}))
        res.fig("peak_year", peak_year, "year", _lab("peak_year"), 0)
        res.fig("low", stated(low_year), "USD bn", _lab("low"), 2,
                sorted({sid for x in series[low_year] for sid in x[2]}))
        res.fig("low_year", low_year, "year", _lab("low_year"), 0)
        parts.append("claim.finding.grew_since_low")
    _say(res, *parts)
    res.verdict = "holds" if v - u > hi else "does not hold" if v + u < lo else "not decided"
    return res


def _growths(series: dict, years) -> dict[int, tuple[float, float, list[str]]]:
    """Annual growth (%) for each year whose year before has a figure too: the lowest and highest the figures'
    intervals allow, over every pair of sources."""
    out = {}
    for y in years:
        if y in series and y - 1 in series:
            lows = [100 * (c[0] / d[1] - 1) for c in series[y] for d in series[y - 1]]
            highs = [100 * (c[1] / d[0] - 1) for c in series[y] for d in series[y - 1]]
            if lows and highs:
                out[y] = (min(lows), max(highs), sorted({sid for c in series[y] + series[y - 1] for sid in c[2]}))
    return out


def t_growth_notable(p: dict, numbers: dict, ctx: dict) -> Result:
    """A year's growth is 'notable compared with the previous period', made falsifiable: higher than every annual
    growth of the previous period that the data can compute (a year whose year before has a figure too), at both
    ends of the figures' uncertainty.  Holds if higher than all; does not hold if some earlier growth is higher at
    both ends; not decided otherwise or with no earlier growth.  The period is not named by the article: the main
    reading is the years from `ref_first`; the reading from `alt_first` (since the FTA) is the verdict_alt.
    Parameters: subject, ref_first, alt_first."""
    res = _result("claim.rule.growth_notable")
    slug = p["subject"]
    gk = f"trade.growth_{TRADE_YEAR}.{slug}"
    series = _turnover_series(numbers, ctx, slug)
    a, alt = int(p["ref_first"]), int(p["alt_first"])
    res.fig("ref_first", a, "year", _lab("ref_first"), 0)
    res.fig("alt_first", alt, "year", _lab("alt_first"), 0)
    res.fig("year", TRADE_YEAR, "year", _lab("data_year"), 0)
    if gk not in numbers:
        return res
    g, u = _v(numbers, gk), float(numbers[gk].get("uncertainty") or 0.0)
    res.fig("growth", g, "% change", _lab("growth"), 1, _src(numbers, gk))

    def judge_from(first: int) -> tuple[str, dict]:
        earlier = _growths(series, range(first + 1, TRADE_YEAR))
        if not earlier:
            return "not decided", earlier
        top_hi = max(x[1] for x in earlier.values())
        top_lo = max(x[0] for x in earlier.values())
        return ("holds" if g - u > top_hi else "does not hold" if g + u < top_lo else "not decided"), earlier
    res.verdict, main = judge_from(a)
    alt_v, alt_g = judge_from(alt)
    if main:
        res.fig("top", max(x[1] for x in main.values()), "% change", _lab("top"), 1,
                sorted({sid for x in main.values() for sid in x[2]}))
        res.fig("years", ", ".join(str(y) for y in sorted(main)), "text", _lab("years"),
                vi=", ".join(str(y) for y in sorted(main)))
    if alt_g:
        res.fig("alt_top", max(x[1] for x in alt_g.values()), "% change", _lab("alt_top"), 1,
                sorted({sid for x in alt_g.values() for sid in x[2]}))
        res.fig("alt_years", ", ".join(str(y) for y in sorted(alt_g)), "text", _lab("alt_years"),
                vi=", ".join(str(y) for y in sorted(alt_g)))
    _say(res, *(["claim.finding.growth_notable"] if main else []) +
         (["claim.finding.growth_notable_alt"] if alt_g else []))
    if alt_v != res.verdict and alt_g:
        res.verdict_alt, res.alt_keys = alt_v, ["claim.{id}.alt_top", "claim.{id}.alt_years"]
    return res


def t_limited_slow(p: dict, numbers: dict, ctx: dict) -> Result:
    """'Limited and slow to develop', made falsifiable in two parts: limited, the subject's share of Vietnam's
    trade in the data year is below `threshold` percent; slow, its trade grew by a smaller factor from `base`
    to the data year than Vietnam's total trade did (each base figure read as the interval its hedge states).
    Holds if both parts hold; does not hold if both fail; partly holds if one holds and the other fails; not
    decided if a part cannot be settled.  Parameters: subject, threshold, base."""
    res = _result("claim.rule.limited_slow")
    slug, thr, b = p["subject"], float(p["threshold"]), int(p["base"])
    res.fig("threshold", thr, "%", _lab("threshold"), 0)
    res.fig("base_year", b, "year", _lab("base_year"), 0)
    sk, tk, wk = f"trade.share_{TRADE_YEAR}.{slug}", f"trade.turnover_{TRADE_YEAR}.{slug}", \
        f"trade.turnover_{TRADE_YEAR}.world"
    sub, world = _context(ctx, "turnover", _name(slug), b), _context(ctx, "turnover", "World", b)
    if not all(k in numbers for k in (sk, tk, wk)) or not sub or not world:
        return res
    share, su = _v(numbers, sk), float(numbers[sk].get("uncertainty") or 0.0)
    res.fig("share", share, "%", _lab("share"), numbers[sk]["decimals"], _src(numbers, sk))
    limited = "holds" if share + su < thr else "does not hold" if share - su >= thr else "not decided"
    s_lo, s_hi = min(_interval(r)[0] for r in sub), max(_interval(r)[1] for r in sub)
    w_lo, w_hi = min(_interval(r)[0] for r in world), max(_interval(r)[1] for r in world)
    v, vu, t, tu = _v(numbers, tk), float(numbers[tk]["uncertainty"] or 0), _v(numbers, wk), \
        float(numbers[wk]["uncertainty"] or 0)
    f_sub_hi, f_sub_lo = (v + vu) / s_lo, (v - vu) / s_hi
    f_world_hi, f_world_lo = (t + tu) / w_lo, (t - tu) / w_hi
    res.fig("factor_subject", f_sub_hi, "ratio", _lab("factor_subject"), 2,
            _src(numbers, tk) + [r["source_id"] for r in sub])
    res.fig("factor_world", f_world_lo, "ratio", _lab("factor_world"), 2,
            _src(numbers, wk) + [r["source_id"] for r in world])
    slow = "holds" if f_sub_hi < f_world_lo else "does not hold" if f_sub_lo > f_world_hi else "not decided"
    res.fig("limited", limited, "text", _lab("limited"), vi=verdict_word(limited, "vi"))
    res.fig("slow", slow, "text", _lab("slow"), vi=verdict_word(slow, "vi"))
    _say(res, "claim.finding.limited_slow")
    both = {limited, slow}
    res.verdict = ("not decided" if "not decided" in both else "holds" if both == {"holds"} else
                   "does not hold" if both == {"does not hold"} else "partly holds")
    return res


def t_table_reporters(p: dict, numbers: dict, ctx: dict) -> Result:
    """A table put 'on the same axis of comparison': holds if one reporter's figures reproduce every row that some
    figure in the data reproduces (by the rounding rule for an 'about' figure); does not hold if those rows need
    the figures of more than one reporter (a row that only the partner's own statistics reproduce); not decided
    if no row is reproduced.  The rows no figure reproduces are stated as left out.  Parameters: rows, partners,
    measure."""
    res = _result("claim.rule.table_reporters")
    meta = ctx.get("sources") or {}
    per_row, keys = [], []
    for rid, hits in _table_hits(p, numbers, ctx):
        reps = {meta.get(sid, {}).get("reporter", "") for _, _, sids in hits for sid in sids} - {""}
        per_row.append((rid, reps))
        keys += [k for k, _, _ in hits]
    matched = [(rid, reps) for rid, reps in per_row if reps]
    res.fig("rows", len(per_row), "count", _lab("rows"), 0)
    res.fig("matched", len(matched), "count", _lab("matched"), 0, _src(numbers, *keys))
    if not matched:
        return res
    common = set.intersection(*(reps for _, reps in matched))
    every = sorted(set.union(*(reps for _, reps in matched)))
    res.fig("reporters", ", ".join(every), "text", _lab("reporters"), vi=", ".join(_name_vi(r) for r in every))
    # the reporter that reproduces the most rows; the rows it does not reproduce need another reporter's figures
    main = max(every, key=lambda r: (sum(r in reps for _, reps in matched), r == "Vietnam"))
    only = [f"{rid} ({', '.join(sorted(reps))})" for rid, reps in matched if main not in reps]
    only_vi = [f"{rid} ({', '.join(_name_vi(x) for x in sorted(reps))})" for rid, reps in matched if main not in reps]
    res.fig("main", main, "text", _lab("main_reporter"), vi=_name_vi(main))
    res.fig("only", ", ".join(only) or "—", "text", _lab("only"), vi=", ".join(only_vi) or "—")
    _say(res, "claim.finding.table_reporters")
    res.verdict = "holds" if common else "does not hold"
    return res


def t_implied_ranks(p: dict, numbers: dict, ctx: dict) -> Result:
    """A ranking table's ranks and rank changes against the order they imply: the printed ranks (`ranks`) must
    follow the printed values (`values`) from largest down; the previous period's ranks implied by the rank changes
    (`rank_changes`, '↑n' an improvement of n places) must be distinct and in the order of the previous period's
    values implied by the changes (`changes`, value / (1 + change)); and they must equal the previous period's
    ranks in the data where the data rank the partner.  Holds if every check that can be made agrees; does not
    hold if one disagrees.  The partners whose previous rank the data do not hold are stated as left out.
    Parameters: partners, ranks, values, changes, rank_changes, period (the previous period in the data)."""
    res = _result("claim.rule.implied_ranks")
    audit = ctx.get("audit") or {}
    slugs, ranks = p["partners"], [int(x) for x in p["ranks"]]

    def printed(pid):
        e = audit.get(f"printed.{pid}")
        if e is None:
            raise ValueError(f"claim test 'implied_ranks': the audit has no printed number {pid!r}")
        return float(e["value"])
    vals = [printed(x) for x in p["values"]]
    prev_vals = [v / (1 + printed(c) / 100) for v, c in zip(vals, p["changes"])]
    prev_ranks = [r + int(printed(c)) for r, c in zip(ranks, p["rank_changes"])]
    out_of_order = sum(1 for i in range(len(vals) - 1) if not (ranks[i] < ranks[i + 1] and vals[i] > vals[i + 1]))
    clashes = sum(1 for i in range(len(slugs)) for j in range(i + 1, len(slugs))
                  if (prev_ranks[i] < prev_ranks[j]) != (prev_vals[i] > prev_vals[j]) or prev_ranks[i] == prev_ranks[j])
    checked, agree, keys = 0, 0, []
    left = []
    for slug, r in zip(slugs, prev_ranks):
        ks = _fdi_rows(numbers, slug, "rank", p["period"])
        if not ks:
            left.append(slug)
            continue
        checked += 1
        keys += ks
        agree += all(int(numbers[k]["value"]) == r for k in ks)
    res.fig("n", len(slugs), "count", _lab("partners"), 0)
    res.fig("out_of_order", out_of_order, "count", _lab("out_of_order"), 0)
    res.fig("clashes", clashes, "count", _lab("clashes"), 0)
    res.fig("checked", checked, "count", _lab("checked"), 0, _src(numbers, *keys))
    res.fig("agree", agree, "count", _lab("agree"), 0, _src(numbers, *keys))
    res.fig("left_out", ", ".join(FDI_PARTNERS[x][0] for x in left) or "—", "text", _lab("ranks_left_out"),
            vi=", ".join(FDI_PARTNERS[x][1] if x != "british_virgin_islands" else _name_vi(FDI_PARTNERS[x][0])
                         for x in left) or "—")
    _say(res, "claim.finding.implied_ranks")
    res.verdict = "holds" if out_of_order == 0 and clashes == 0 and agree == checked else "does not hold"
    return res


def t_event_date(p: dict, numbers: dict, ctx: dict) -> Result:
    """A dated event (a visit, a meeting, a document, a partnership): holds if the events data date the event in
    every year claimed (`years`), in the month claimed if one is (`month`), at the place claimed if one is
    (`place`); does not hold if the data date the event and no date found is a year (or month) claimed; not
    decided if the event is not in the data, or is found only at another place than claimed (the data may miss
    another occasion).  When the event is not found, the events named in `context` are stated.  Parameters:
    event, subject, years, month, place, context (the last three optional)."""
    res = _result("claim.rule.event_date")
    rows = [e for e in ctx.get("events") or [] if e["event"] == p["event"] and e["subject"] == _name(p["subject"])]
    years = [int(y) for y in (p["years"] if isinstance(p["years"], list) else [p["years"]])]
    month = p.get("month")
    claimed = ", ".join(f"{y}-{month}" if month else str(y) for y in years)
    res.fig("claimed", claimed, "text", _lab("claimed"), vi=claimed)
    if not rows:
        ctx_rows = [e for e in ctx.get("events") or [] if e["event"] in (p.get("context") or [])]
        if ctx_rows:
            shown = ", ".join(f"{words.msg('claim.event.' + e['event'], 'en')} {e['date']}" for e in ctx_rows)
            shown_vi = ", ".join(f"{words.msg('claim.event.' + e['event'], 'vi')} {e['date']}" for e in ctx_rows)
            res.fig("context", shown, "text", _lab("context"), sources=[e["source_id"] for e in ctx_rows], vi=shown_vi)
            _say(res, "claim.finding.event_missing")
        return res
    dates = sorted({e["date"] for e in rows})
    res.fig("found", ", ".join(dates), "text", _lab("found"), sources=[e["source_id"] for e in rows],
            vi=", ".join(dates))
    places = sorted({e["place"] for e in rows if e["place"]})
    parts = ["claim.finding.event_found"]
    if places:
        res.fig("places", ", ".join(places), "text", _lab("places"),
                vi=", ".join(_place_vi(x) for x in places))
        parts.append("claim.finding.event_place")
    _say(res, *parts)

    def fits(d: str, y: int) -> bool:
        return d[:4] == str(y) and (not month or len(d) < 7 or d[5:7] == f"{int(month):02d}")
    dated = [e for e in rows if e["date_kind"] == "on"]
    if all(any(fits(e["date"], y) for e in rows) for y in years):
        wrong_place = p.get("place") and not any(p["place"].lower() == e["place"].lower() for e in rows)
        res.verdict = "not decided" if wrong_place else "holds"
        if wrong_place:
            # the sources found date it but give another place; an occasion they do not report is not in the data
            res.gap = "incomplete_data"
            _say(res, *parts, "claim.finding.event_other_place")
    elif dated and not any(fits(e["date"], y) for e in dated for y in years):
        res.verdict = "does not hold"
    return res


def t_highest_since(p: dict, numbers: dict, ctx: dict) -> Result:
    """'The highest in many years', made falsifiable: the registry figure `key` (period `period` of `year`) is above
    the same period's figure of each of the `span` years before it.  Holds if the data hold every one of those years
    and the figure is above each (each read as the interval its hedge states); does not hold if some year of the
    window is above it; not decided if years of the window are missing.  Parameters: key, quantity, period, year,
    span."""
    res = _result("claim.rule.highest_since")
    y, span = int(p["year"]), int(p["span"])
    res.fig("span", span, "count", _lab("span"), 0)
    res.fig("year", y, "year", _lab("data_year"), 0)
    if p["key"] not in numbers:
        return res
    v, u = _v(numbers, p["key"]), float(numbers[p["key"]].get("uncertainty") or 0.0)
    res.fig("value", v, numbers[p["key"]]["unit"], _lab("value"), numbers[p["key"]]["decimals"], _src(numbers, p["key"]))
    window = range(y - span, y)
    held = {r: _interval(row) for r in window for row in _context(ctx, p["quantity"], "World", r, p["period"])}
    rows = [row for r in window for row in _context(ctx, p["quantity"], "World", r, p["period"])]
    earlier = [row for row in ctx.get("figures") or [] if row["quantity"] == p["quantity"]
               and row["period"] == p["period"] and int(row["year"]) < y - span]
    missing = [str(r) for r in window if r not in held]
    res.fig("missing", ", ".join(missing) or "—", "text", _lab("missing"), vi=", ".join(missing) or "—")
    res.fig("held", len(held), "count", _lab("held"), 0, [r["source_id"] for r in rows])
    res.fig("below", sum(1 for _, hi in held.values() if hi < v - u), "count", _lab("below"), 0)
    parts = ["claim.finding.highest_since"]
    if earlier:
        shown = ", ".join(f"{row['year']}: {row['value']}" for row in earlier)
        res.fig("outside", shown, "text", _lab("outside"), sources=[row["source_id"] for row in earlier],
                vi=shown.replace(".", ","))
        parts.append("claim.finding.highest_since_outside")
    _say(res, *parts)
    if any(lo > v + u for lo, _ in held.values()):
        res.verdict = "does not hold"
    elif not missing and all(hi < v - u for _, hi in held.values()):
        res.verdict = "holds"
    elif missing:
        res.gap = "incomplete_data"  # the figure was found; years of the window are not in the data
    return res


def _refs(ctx: dict) -> dict[int, dict]:
    return {int(r["number"]): r for r in ctx.get("references") or []}


def t_distinct_refs(p: dict, numbers: dict, ctx: dict) -> Result:
    """A reference list cites distinct works under distinct numbers: holds if the references named (`refs`) give
    different URLs; does not hold if two give one URL (one page listed as two works, whatever their dates, authors
    or titles say); not decided if a reference named is not in the transcribed list or has no URL.  Read from
    data/published/references.csv, the article's list as printed.  Parameter: refs."""
    res = _result("claim.rule.distinct_refs")
    got = _refs(ctx)
    nums = [int(x) for x in (p["refs"] if isinstance(p["refs"], list) else [p["refs"]])]
    if any(x not in got or not got[x]["url"] for x in nums):
        return res
    shown = "; ".join(f"[{x}] {got[x]['date']}, {got[x]['authors']}" for x in nums)
    res.fig("refs", shown, "text", _lab("refs"), vi=shown)
    urls = {got[x]["url"] for x in nums}
    res.fig("urls", len(urls), "count", _lab("urls"), 0)
    _say(res, "claim.finding.distinct_refs")
    res.verdict = "holds" if len(urls) == len(nums) else "does not hold"
    return res


def t_ref_after(p: dict, numbers: dict, ctx: dict) -> Result:
    """A reference can report what it is cited for only if it was published after it happened: holds if the
    reference's date (as the article prints it) is after `after` (the last day of the period a figure covers, or an
    event's date); does not hold if it is dated before; not decided if the article gives only a year that does not
    settle it.  Parameters: ref, after."""
    res = _result("claim.rule.ref_after")
    got = _refs(ctx).get(int(p["ref"]))
    res.fig("after", p["after"], "text", _lab("after"), vi=p["after"])
    if got is None:
        return res
    res.fig("ref", f"[{got['number']}] {got['date']}", "text", _lab("ref"), vi=f"[{got['number']}] {got['date']}")
    _say(res, "claim.finding.ref_after")
    d, a = got["date"], p["after"]
    if len(d) == 10:
        res.verdict = "holds" if d > a else "does not hold"
    elif d[:4] < a[:4]:
        res.verdict = "does not hold"
    elif d[:4] > a[:4]:
        res.verdict = "holds"
    return res


def _place_vi(place: str) -> str:
    return words.section("claim.place.", "vi").get(place.lower().replace(" ", "_"), place)


# Tests whose verdict is the audit's verdict on the printed numbers the claim names (one statement, one judgement):
# the claims table shows them, the roll-up must not count them a second time (column judged_as).
JUDGED_AS_PRINTED = ("proxy_above", "printed_pass")
# Tests that read only the article itself (its reference list): a decided verdict is not an independent check.
ARTICLE_ONLY = ("distinct_refs", "ref_after")


TESTS = {"rank": t_rank, "rank_at_least": t_rank_at_least, "share_below": t_share_below, "exceeds": t_exceeds,
         "rank_above": t_rank_above, "below_each": t_below_each, "trend_down": t_trend_down,
         "low_after": t_low_after, "share_lower": t_share_lower, "largest_supplier": t_largest_supplier,
         "share_falls": t_share_falls, "proxy_above": t_proxy_above, "mean_ratio": t_mean_ratio, "falls": t_falls,
         "arms_reading": t_arms_reading, "arms_unit": t_arms_unit, "top_group": t_top_group, "grows": t_grows,
         "smaller_than": t_smaller_than, "table_period": t_table_period, "printed_pass": t_printed_pass,
         "grew_since": t_grew_since, "growth_notable": t_growth_notable, "limited_slow": t_limited_slow,
         "table_reporters": t_table_reporters, "implied_ranks": t_implied_ranks, "event_date": t_event_date,
         "highest_since": t_highest_since, "distinct_refs": t_distinct_refs, "ref_after": t_ref_after}
# The parameters each test reads are the input contract's (analysis/contract/published.py, PARAMS): the claims are
# checked against them before any product is written, and every test here has its spec there.


def test_summary(name: str, lang: str = "en") -> str:
    """A test's rule in one plain sentence for the lineage: the catalogs' claim.test.<name> (every test has one)."""
    return words.msg(f"claim.test.{name}", lang)


def judge(claim: dict, numbers: dict, ctx: dict) -> Result:
    """One claim by its test.  Every test also accepts the parameter `printed` (ids of printed numbers,
    '|'-separated): the figures the claim quotes are judged once, as those printed numbers, by the audit; the
    claim's finding cites their verdicts and does not judge them again."""
    if claim["test"] not in TESTS:
        raise ValueError(f"claim {claim['id']}: unknown test {claim['test']!r}; known: {', '.join(TESTS)}")
    params = parse_params(claim["params"])
    res = TESTS[claim["test"]](params, numbers, ctx)
    quoted = params.get("printed")
    quoted = [] if quoted is None else [quoted] if isinstance(quoted, str) else list(quoted)
    res.printed_ids = quoted
    if quoted and claim["test"] not in ("proxy_above", "printed_pass"):
        audit = ctx.get("audit") or {}
        for pid in quoted:
            if f"audit.verdict.{pid}" not in audit:
                raise ValueError(f"claim {claim['id']}: the audit has no verdict on printed number {pid!r}")
        slots = [f"quoted_{i}" for i in range(len(quoted))]
        for sl, pid in zip(slots, quoted):
            res.fig(sl, pid, "text", _lab("printed_quoted"), vi=pid)
        sep = "; " if res.finding else ""
        quoted_slots = ", ".join("{" + sl + "}" for sl in slots)
        res.finding += sep + words.msg("claim.finding.quoted", "en", quoted=quoted_slots)
        res.finding_vi += sep + words.msg("claim.finding.quoted", "vi", quoted=quoted_slots)
    if res.verdict != "not decided":
        res.gap = ""
    return res


def alternative(claim: dict, res: Result, numbers: dict, ctx: dict) -> Result | None:
    """The claim judged under another SIPRI release the rules also allow (a test whose figures name the
    release it used): the first release, in RELEASES order, under which the test uses another release and
    reaches another verdict; None when there is none."""
    if "release" not in res.figures:
        return None
    for r in RELEASES:
        if r == res.figures["release"]["value"]:
            continue
        try:
            alt = judge(claim, numbers, ctx | {"release": r})
        except (KeyError, TypeError, ValueError, ZeroDivisionError):
            continue
        if alt.figures.get("release", {}).get("value") == r and alt.verdict != res.verdict:
            return alt
    return None


def claim_authority(res: Result, auth: dict[str, str]) -> str:
    """The weakest authority among the sources of the figures a verdict rests on ('' when not decided)."""
    if res.verdict == "not decided":
        return ""
    return weakest(auth.get(s, "") for f in res.figures.values() for s in f["sources"])


def fill(sentence: str, cid: str, figures: dict, form: str, lang: str = "en") -> str:
    """A rule or finding with its `{name}` slots as display values (text) or shortcodes (md)."""
    def one(m):
        f = figures[m.group(1)]
        if form == "md":
            return shortcode(f"claim.{cid}.{m.group(1)}")
        if lang == "vi" and "vi" in f:
            return f["vi"]
        return display(f["value"], f["unit"], f["decimals"], lang)
    return SLOT.sub(one, sentence)


def judge_all(claims: list[dict], numbers: dict, ctx: dict, files: dict[str, str],
              auth: dict[str, str] | None = None) -> tuple[list[dict], Fragment]:
    """`auth`: source id -> authority (analysis.audit.numbers.authorities)."""
    frag = Fragment("analysis.audit.claims", {rel(p): sha256(p) if p else "" for p in files.values()})
    ins = [rel(files["claims"]), rel(files["registry"])]
    rows = []
    # a claim that runs an earlier claim's test with the same parameters (its `printed` aside) on the same evidence
    # is the same judgement: marked `judged_as` that claim, for the roll-up to count it once
    seen: dict[tuple, str] = {}
    for c in claims:
        res = judge(c, numbers, ctx)
        same = (c["test"], tuple(sorted((k, str(v)) for k, v in parse_params(c["params"]).items() if k != "printed")))
        repeats = seen.setdefault(same, c["id"])
        repeats = "" if repeats == c["id"] else repeats
        res.alt_keys = [k.replace("{id}", c["id"]) for k in res.alt_keys]
        test = TESTS[c["test"]]  # what computed the claim's figures and verdict (judge() checked the name)
        alt = alternative(c, res, numbers, ctx)
        if alt is not None:
            res.verdict_alt = alt.verdict
            res.alt_keys = [f"claim.{c['id']}.alt.{name}" for name in alt.figures]
            for name, f in alt.figures.items():
                frag.add(f"claim.{c['id']}.alt.{name}", f["value"], f["unit"],
                         R.label("label.claim.alt_figure", id=c["id"],
                                 release=R.release(alt.figures["release"]["value"]), what=f["label"]),
                         R.rule("rule.claim.test_alt", test=c["test"]), ins, f["sources"],
                         decimals=f["decimals"], shown_as_vi=f.get("vi"), by=test)
        authority = claim_authority(res, auth or {})
        for name, f in res.figures.items():
            frag.add(f"claim.{c['id']}.{name}", f["value"], f["unit"], R.label("label.claim.figure", id=c["id"],
                                                                                   what=f["label"]),
                     R.rule("rule.claim.test", test=c["test"]), ins, f["sources"], decimals=f["decimals"],
                     shown_as_vi=f.get("vi"), by=test)
        frag.add(f"claim.{c['id']}.verdict", res.verdict, "text",
                 R.label("label.claim.verdict", id=c["id"], claim=R.texts(en=c["gloss_en"], vi=c["quote_vi"])),
                 R.rule("rule.claim.verdict", summary=R.phrase(f"claim.test.{c['test']}"), test=c["test"]), ins,
                 shown_as=res.verdict, shown_as_vi=verdict_word(res.verdict, "vi"), by=test)
        if res.gap:
            frag.add(f"claim.{c['id']}.gap", res.gap, "text", R.label("label.claim.gap", id=c["id"]),
                     R.rule("rule.claim.gap"), ins, shown_as=R.WORDS["en"][f"gap.{res.gap}"],
                     shown_as_vi=R.WORDS["vi"][f"gap.{res.gap}"], by=test)
        rows.append({"id": c["id"], "section": c["section"], "quote_vi": c["quote_vi"], "gloss_en": c["gloss_en"],
                     "test": c["test"], "params": c["params"], "verdict": res.verdict, "gap": res.gap,
                     "authority": authority, "verdict_alt": res.verdict_alt, "alt_keys": ";".join(res.alt_keys),
                     "printed_ids": ";".join(res.printed_ids),
                     # a claim whose verdict IS the audit's verdict on printed numbers: judged once, counted once
                     # (the roll-up counts it with the printed numbers, not again as a claim)
                     "judged_as": ";".join(res.printed_ids) if c["test"] in JUDGED_AS_PRINTED else repeats,
                     # what a decided verdict rests on: a source outside the article, or the article alone (its own
                     # reference list or figures; not an independent check, for the roll-up to count apart)
                     "basis": "" if res.verdict == "not decided" else
                     "article_only" if c["test"] in ARTICLE_ONLY else "independent",
                     "rule": fill(res.rule, c["id"], res.figures, "text"),
                     "finding": fill(res.finding, c["id"], res.figures, "text") if res.finding else "",
                     "rule_md": fill(res.rule, c["id"], res.figures, "md"),
                     "finding_md": fill(res.finding, c["id"], res.figures, "md") if res.finding else "",
                     "rule_vi_md": fill(res.rule_vi, c["id"], res.figures, "md"),
                     "finding_vi_md": fill(res.finding_vi, c["id"], res.figures, "md") if res.finding_vi else "",
                     "keys": ";".join(f"claim.{c['id']}.{n}" for n in res.figures)})
    _counts(frag, rows, ins)
    return rows, frag


def _counts(frag: Fragment, rows: list[dict], ins: list[str]) -> None:
    """The claims judged, in all, by verdict and, for those not decided, by gap."""
    judged = R.rule("rule.claim.count")
    frag.add("claim.count.all", len(rows), "count", R.label("label.claim.count.all"), R.rule("rule.claim.rows"),
             ins, decimals=0)
    for v in VERDICTS:
        frag.add(f"claim.count.{v.replace(' ', '_')}", sum(r["verdict"] == v for r in rows), "count",
                 R.label("label.claim.count.verdict", verdict=R.code("claim_verdict", v.replace(" ", "_"))), judged,
                 ins, decimals=0)
    for g in GAPS:
        frag.add(f"claim.count.gap.{g}", sum(r["gap"] == g for r in rows), "count",
                 R.label("label.claim.count.gap", gap=R.code("gap", g)), judged, ins, decimals=0)


def claims_part(table: list[dict], lang: str = "en") -> str:
    """The claims table of one edition: English (the article's words with a gloss) or Vietnamese."""
    def cell(t: str) -> str:
        return str(t).replace("|", "\\|").replace("\n", " ")
    # relative column widths (the dashes), the same in both editions: the words get the room, not the ids;
    # every column left-aligned (a cell of text read from its start, never centred)
    rule = "|" + "|".join(":" + "-" * w for w in (6, 4, 24, 30, 24, 12)) + "|"
    caption = "\n\n: " + words.msg("claim.table.caption", lang) + " {#tbl-claims}\n"
    if lang == "vi":
        out = [words.msg("claim.table.head", lang), rule]
        for r in table:
            out.append(f"| {r['id']} | {r['section']} | *{md_cell(r['quote_vi'])}* | {cell(r['rule_vi_md'])} | "
                       f"{cell(r['finding_vi_md']) or '—'} | {R.verdict_cell(r['id'], 'claim.' + r['id'] + '.verdict')} |")
        return "\n".join(out) + caption
    out = [words.msg("claim.table.head", lang), rule]
    for r in table:
        out.append(f"| {r['id']} | {r['section']} | *{md_cell(r['quote_vi'])}* ({md_cell(r['gloss_en'])}) | "
                   f"{cell(r['rule_md'])} | {cell(r['finding_md']) or '—'} | {R.verdict_cell(r['id'], 'claim.' + r['id'] + '.verdict')} |")
    return "\n".join(out) + caption


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Judge the article's claims in words")
    ap.add_argument("--claims", required=True)
    ap.add_argument("--checked", nargs="+", required=True, help="the input check that validated the claims")
    ap.add_argument("--registry", required=True, help="registry of the computed numbers")
    ap.add_argument("--audit-numbers", required=True, help="the audit's fragment (the SIPRI release the article used)")
    ap.add_argument("--sources", nargs="*", default=[], help="the raw folders' sources.csv (each source's authority)")
    ap.add_argument("--figures", help="data/raw/context/figures.csv: earlier figures the claims need")
    ap.add_argument("--events", help="data/raw/context/events.csv: dated events and partnerships")
    ap.add_argument("--references", help="data/published/references.csv: the article's reference list")
    ap.add_argument("--out", required=True)
    ap.add_argument("--out-numbers", required=True)
    ap.add_argument("--out-part", required=True)
    ap.add_argument("--out-part-vi", required=True, help="the claims table of the Vietnamese edition")
    args = ap.parse_args(argv)
    context = [x for x in (args.figures, args.events, args.references) if x]
    require_validated([args.claims, *args.sources, *context], args.checked)
    claims = read_claims(args.claims)
    numbers = read_json(args.registry)["numbers"]
    audit = read_json(args.audit_numbers)["numbers"]
    meta = read_sources(args.sources)
    ctx = {"release": audit["audit.arms_release"]["value"], "audit": audit, "sources": meta,
           "figures": read_claims(args.figures) if args.figures else [],
           "events": read_claims(args.events) if args.events else [],
           "references": read_claims(args.references) if args.references else []}
    files = {"claims": args.claims, "registry": args.registry, "audit": args.audit_numbers} | {
        f"sources{i}": p for i, p in enumerate(args.sources)} | {f"context{i}": p for i, p in enumerate(context)}
    table, frag = judge_all(claims, numbers, ctx, files, authorities(meta))
    write_text_atomic(args.out, to_csv(table))
    write_json(args.out_numbers, frag.to_json())
    write_text_atomic(args.out_part, claims_part(table))
    write_text_atomic(args.out_part_vi, claims_part(table, "vi"))
    return 0


if __name__ == "__main__":
    run(main)
