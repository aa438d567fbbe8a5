"""Claims in words: each judged by a stated rule from the raw data.

data/published/claims.csv transcribes the claims in words of sections 1 and 3.1-3.3
that the data can speak to: rankings of Vietnam's partners, the size of trade with
Russia, Russia's place among investors, the trend of arms imports, Russia's share of
them and the origin of Vietnam's equipment.  Each row names a test (TESTS) and its
parameters.  A test reads registry numbers computed from the raw data (never the
article's own figures), computes the deciding figures into the registry
(`claim.<id>.<name>`) and returns one of VERDICTS by the rule its docstring states.

Rankings use the partners the data hold and the rest of the world as a residual: the
residual (Vietnam's total − the listed partners) is all the trade of every partner not
listed, so if it is smaller than the subject's value no unlisted partner can outrank it.

Run on its own:  python -m analysis.claims --claims data/published/claims.csv \
    --checked data/derived/validated/published.json --registry data/derived/computed.json \
    --audit-numbers data/derived/numbers/audit.json --out data/derived/claims.csv \
    --out-numbers data/derived/numbers/claims.json --out-part manuscript/_generated/claims.md
"""
from __future__ import annotations

import argparse
import csv
import io
import re

from analysis import reasons as R
from analysis.article import TRADE_PARTNERS, TRADE_YEAR
from analysis.escape import md_cell
from analysis.io import read_json, rel, require_validated, run, sha256, write_json, write_text_atomic
from analysis.registry import Fragment, convert, display, shortcode

VERDICTS = ("holds", "partly holds", "does not hold", "not verifiable")
# The Vietnamese edition's words for the verdicts and for the measures a test names.
VERDICTS_VI = {"holds": "đúng", "partly holds": "đúng một phần", "does not hold": "không đúng",
               "not verifiable": "không kiểm chứng được"}
MEASURES_VI = {"turnover": "kim ngạch thương mại", "exports": "kim ngạch xuất khẩu", "imports": "kim ngạch nhập khẩu",
               "registered cumulative": "vốn đăng ký lũy kế", "registered total": "tổng vốn đăng ký",
               "current": "hiện hành"}
SLOT = re.compile(r"\{(\w+)\}")
COLUMNS = ("id", "section", "quote_vi", "gloss_en", "test", "params", "verdict", "rule", "finding", "rule_md",
           "finding_md", "rule_vi_md", "finding_vi_md", "keys")


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
        out[name] = value.split("|") if "|" in value or name in ("subjects", "positions", "others") else value
    return out


class Result:
    """The outcome of one test: verdict, deciding figures, the rule and the finding (sentences whose
    `{name}` slots are the figures, shown as display values or shortcodes), each written in English and
    in Vietnamese (rule_vi, finding_vi) with the same slots."""

    def __init__(self, rule: str, rule_vi: str):
        self.rule, self.finding, self.verdict, self.figures = rule, "", "not verifiable", {}
        self.rule_vi, self.finding_vi = rule_vi, ""

    def fig(self, name: str, value, unit: str, label: str, decimals: int = 1, sources=(), vi: str | None = None) -> str:
        """A deciding figure; `vi`, a word's Vietnamese form (a measure, a partner's name)."""
        self.figures[name] = {"value": value, "unit": unit, "label": label, "decimals": decimals,
                              "sources": sorted(set(sources))}
        if unit == "text":
            self.figures[name]["vi"] = vi if vi is not None else MEASURES_VI.get(str(value), str(value))
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
    return R.PARTNER_VI.get(name, name)


# --- the tests ---------------------------------------------------------------------

def t_rank(p: dict, numbers: dict, ctx: dict) -> Result:
    """The subjects hold the claimed positions among Vietnam's partners by `measure`: holds if they hold
    them among the partners in the data and the residual (total − listed partners) is smaller than each
    subject's value, so no partner outside the data can outrank them; partly holds if they hold them among
    the listed partners but the residual could hide a larger partner; does not hold if a listed partner
    already outranks a subject beyond its claimed position; not verifiable otherwise."""
    res = Result("holds if the subjects rank as claimed among the partners in the data and the rest of "
                 "Vietnam's {measure} ({residual}) is smaller than each subject's, so that no partner outside the "
                 "data can outrank them",
                 "đúng nếu các đối tác được nêu giữ đúng thứ hạng ấy trong số các đối tác có trong dữ liệu và phần "
                 "{measure} còn lại của Việt Nam ({residual}) nhỏ hơn giá trị của từng đối tác được nêu, để không đối "
                 "tác nào ngoài dữ liệu có thể vượt lên trên")
    m = p["measure"]
    listed = {s: _v(numbers, f"trade.{m}_{TRADE_YEAR}.{s}") for s in TRADE_PARTNERS}
    listed = {s: v for s, v in listed.items() if v is not None}
    total = _v(numbers, f"trade.{m}_{TRADE_YEAR}.world")
    keys = [f"trade.{m}_{TRADE_YEAR}.{s}" for s in listed] + [f"trade.{m}_{TRADE_YEAR}.world"]
    residual = total - sum(listed.values())
    res.fig("measure", m, "text", "Measure ranked")
    res.fig("residual", residual, "USD bn", f"Vietnam's {m} with partners not in the data (total − listed)", 2,
            _src(numbers, *keys))
    res.fig("listed", len(listed), "count", "Partners in the data with this measure", 0)
    ranks = {}
    for s in p["subjects"]:
        if s not in listed:
            return res
        ranks[s] = 1 + sum(1 for v in listed.values() if v > listed[s])
        res.fig(f"value_{s}", listed[s], "USD bn", f"{_name(s)}: {m}", 2, _src(numbers, f"trade.{m}_{TRADE_YEAR}.{s}"))
        res.fig(f"rank_{s}", ranks[s], "rank", f"{_name(s)}: rank among the partners in the data", 0)
    claimed = sorted(int(x) for x in p["positions"])
    got = sorted(ranks.values())
    res.finding = "; ".join(f"{_name(s)} ranks {{rank_{s}}} with {{value_{s}}}" for s in ranks) + \
        "; the rest of the world holds {residual}"
    res.finding_vi = "; ".join(f"{_name_vi(s)} đứng thứ {{rank_{s}}} với {{value_{s}}}" for s in ranks) + \
        "; phần còn lại của thế giới là {residual}"
    safe = all(residual < listed[s] for s in ranks)
    if got == claimed:
        res.verdict = "holds" if safe else "partly holds"
    elif any(r > max(claimed) for r in got):
        res.verdict = "does not hold"
    return res


def t_rank_at_least(p: dict, numbers: dict, ctx: dict) -> Result:
    """The subject is not among the leading partners (its rank is at least `rank`): holds if at least
    rank − 1 partners in the data are larger (partners outside the data can only push it further down);
    does not hold if fewer are larger and the residual is smaller than the subject's value; not verifiable
    otherwise."""
    res = Result("holds if at least {needed} partners in the data trade more with Vietnam than {subject_name}",
                 "đúng nếu có ít nhất {needed} đối tác trong dữ liệu buôn bán với Việt Nam nhiều hơn {subject_name}")
    m, s = p["measure"], p["subject"]
    listed = {x: _v(numbers, f"trade.{m}_{TRADE_YEAR}.{x}") for x in TRADE_PARTNERS}
    listed = {x: v for x, v in listed.items() if v is not None}
    res.fig("needed", int(p["rank"]) - 1, "count", "Partners that must be larger", 0)
    res.fig("subject_name", _name(s), "text", "Subject", vi=_name_vi(s))
    larger = sum(1 for v in listed.values() if v > listed[s])
    res.fig("larger", larger, "count", f"Partners in the data larger than {_name(s)}", 0)
    res.fig("value", listed[s], "USD bn", f"{_name(s)}: {m}", 2, _src(numbers, f"trade.{m}_{TRADE_YEAR}.{s}"))
    res.finding = "{larger} partners in the data are larger than {subject_name} ({value})"
    res.finding_vi = "{larger} đối tác trong dữ liệu lớn hơn {subject_name} ({value})"
    total = _v(numbers, f"trade.{m}_{TRADE_YEAR}.world")
    if larger >= int(p["rank"]) - 1:
        res.verdict = "holds"
    elif total - sum(listed.values()) < listed[s]:
        res.verdict = "does not hold"
    return res


def t_share_below(p: dict, numbers: dict, ctx: dict) -> Result:
    """The subject's share of Vietnam's total is 'very small': holds if below `threshold` percent, does not
    hold otherwise."""
    res = Result("holds if {subject_name}'s share of Vietnam's total {measure} is below {threshold}",
                 "đúng nếu tỷ trọng của {subject_name} trong tổng {measure} của Việt Nam thấp hơn {threshold}")
    m, s = p["measure"], p["subject"]
    k, kw = f"trade.{m}_{TRADE_YEAR}.{s}", f"trade.{m}_{TRADE_YEAR}.world"
    res.fig("subject_name", _name(s), "text", "Subject", vi=_name_vi(s))
    res.fig("measure", m, "text", "Measure")
    res.fig("threshold", float(p["threshold"]), "%", "Threshold of a 'very small' share", 0)
    share = 100 * _v(numbers, k) / _v(numbers, kw)
    res.fig("share", share, "%", f"{_name(s)}'s share of Vietnam's total {m}", 2, _src(numbers, k, kw))
    res.fig("value", _v(numbers, k), "USD bn", f"{_name(s)}: {m}", 2, _src(numbers, k))
    res.fig("total", _v(numbers, kw), "USD bn", f"Vietnam's total {m}", 2, _src(numbers, kw))
    res.finding = "{value} of {total} is {share}"
    res.finding_vi = "{value} trên tổng số {total}, tức {share}"
    res.verdict = "holds" if share < float(p["threshold"]) else "does not hold"
    return res


def t_exceeds(p: dict, numbers: dict, ctx: dict) -> Result:
    """Each subject's value far exceeds the base's: holds if each is at least `factor` times the base;
    partly holds if each exceeds the base but not all by the factor; does not hold otherwise."""
    res = Result("holds if each partner's {measure} is at least {factor} times {base_name}'s",
                 "đúng nếu {measure} của mỗi đối tác được nêu lớn gấp ít nhất {factor} lần của {base_name}")
    m, b = p["measure"], p["base"]
    base = _v(numbers, f"trade.{m}_{TRADE_YEAR}.{b}")
    res.fig("measure", m, "text", "Measure")
    res.fig("factor", float(p["factor"]), "ratio", "Factor that counts as 'far exceeds'", 0)
    res.fig("base_name", _name(b), "text", "Base partner", vi=_name_vi(b))
    res.fig("base", base, "USD bn", f"{_name(b)}: {m}", 2, _src(numbers, f"trade.{m}_{TRADE_YEAR}.{b}"))
    ratios = {}
    for s in p["subjects"]:
        v = _v(numbers, f"trade.{m}_{TRADE_YEAR}.{s}")
        ratios[s] = v / base
        res.fig(f"ratio_{s}", ratios[s], "ratio", f"{_name(s)} / {_name(b)}", 1)
    res.finding = "; ".join(f"{_name(s)}: {{ratio_{s}}} times" for s in ratios) + " {base_name}'s {base}"
    res.finding_vi = "; ".join(f"{_name_vi(s)}: gấp {{ratio_{s}}} lần" for s in ratios) + " mức {base} của {base_name}"
    f = float(p["factor"])
    res.verdict = ("holds" if all(r >= f for r in ratios.values()) else
                   "partly holds" if all(r > 1 for r in ratios.values()) else "does not hold")
    return res


def _fdi_rows(numbers: dict, partner: str, measure: str, period: str | None = None) -> list[str]:
    pre = f"fdi.raw.{partner}.{measure}."
    return sorted(k for k in numbers if k.startswith(pre) and (period is None or k[len(pre):].startswith(period + ".")))


def t_rank_above(p: dict, numbers: dict, ctx: dict) -> Result:
    """The partner is not in the top `threshold` investors: holds if every rank the data give for it is
    greater than the threshold; does not hold if any is at or within it; not verifiable without a rank."""
    res = Result("holds if every rank the data give {partner_name} among investors in Vietnam is worse than "
                 "{threshold}",
                 "đúng nếu mọi thứ hạng mà dữ liệu cho {partner_name} trong số các nhà đầu tư vào Việt Nam đều sau "
                 "vị trí thứ {threshold}")
    keys = _fdi_rows(numbers, p["partner"], p["measure"])
    res.fig("partner_name", p["partner"].title(), "text", "Partner", vi=_name_vi(p["partner"]))
    res.fig("threshold", int(p["threshold"]), "rank", "Rank that ends the top group", 0)
    if not keys:
        return res
    ranks = [numbers[k]["value"] for k in keys]
    res.fig("best", min(ranks), "rank", "Best rank in the data (cumulative registered capital)", 0, _src(numbers, *keys))
    res.fig("worst", max(ranks), "rank", "Worst rank in the data", 0, _src(numbers, *keys))
    res.fig("n", len(ranks), "count", "Ranks in the data", 0)
    res.finding = "the {n} ranks in the data run from {best} to {worst}"
    res.finding_vi = "{n} thứ hạng trong dữ liệu trải từ vị trí {best} đến vị trí {worst}"
    res.verdict = "holds" if min(ranks) > int(p["threshold"]) else "does not hold"
    return res


def t_below_each(p: dict, numbers: dict, ctx: dict) -> Result:
    """The partner's investment is among the lowest compared with the others: holds if the largest figure
    the data give for the partner (all years together) is below each other partner's figure for a single
    period; does not hold otherwise; not verifiable without the figures."""
    res = Result("holds if {partner_name}'s largest {measure} figure in the data ({subject}) is below every "
                 "listed partner's {others_measure} in one period alone",
                 "đúng nếu con số {measure} lớn nhất của {partner_name} trong dữ liệu ({subject}) nhỏ hơn {others_measure} "
                 "của từng đối tác được nêu chỉ trong một kỳ")
    keys = _fdi_rows(numbers, p["partner"], p["measure"])
    res.fig("partner_name", p["partner"].title(), "text", "Partner", vi=_name_vi(p["partner"]))
    res.fig("measure", p["measure"].replace("_", " "), "text", "Measure")
    res.fig("others_measure", p["others_measure"].replace("_", " "), "text", "Measure of the others")
    if not keys:
        return res
    subject = max(_v(numbers, k, "USD mn") for k in keys)
    res.fig("subject", subject, "USD mn", f"Largest {p['measure']} of {p['partner']} in the data", 0, _src(numbers, *keys))
    lows = []
    for o in p["others"]:
        ok = _fdi_rows(numbers, o, p["others_measure"], p["others_period"])
        if not ok:
            return res
        v = min(_v(numbers, k, "USD mn") for k in ok)
        lows.append(v)
        res.fig(f"other_{o}", v, "USD mn", f"{o.replace('_', ' ').title()}: {p['others_measure']} {p['others_period']}",
                0, _src(numbers, *ok))
    res.finding = "{subject} against " + ", ".join(f"{{other_{o}}}" for o in p["others"])
    res.finding_vi = "{subject} so với " + ", ".join(f"{{other_{o}}} ({_name_vi(o)})" for o in p["others"])
    res.verdict = "holds" if subject < min(lows) else "does not hold"
    return res


def _arms_release(numbers: dict, ctx: dict, years) -> str:
    """The article's release where it covers every year needed, else the current release."""
    r = ctx["release"]
    return r if all(f"arms.{r}.total.{y}" in numbers for y in years) else "current"


def t_trend_down(p: dict, numbers: dict, ctx: dict) -> Result:
    """Arms imports trend downwards over the years: holds if no year-on-year change is positive; partly
    holds if the least-squares slope is negative though some years rise; does not hold otherwise."""
    res = Result("holds if annual imports never rise from {first} to {last}; partly holds if the least-squares "
                 "slope is negative though some years rise",
                 "đúng nếu giá trị nhập khẩu hằng năm không tăng năm nào từ {first} đến {last}; đúng một phần nếu độ "
                 "dốc bình phương tối thiểu âm dù có năm tăng")
    years = range(int(p["first"]), int(p["last"]) + 1)
    rel_ = _arms_release(numbers, ctx, years)
    keys = [f"arms.{rel_}.total.{y}" for y in years]
    vals = [_v(numbers, k) for k in keys]
    res.fig("first", years[0], "year", "First year", 0)
    res.fig("last", years[-1], "year", "Last year", 0)
    res.fig("release", rel_, "text", "SIPRI release used")
    n = len(vals)
    xm, ym = sum(years) / n, sum(vals) / n
    slope = sum((x - xm) * (y - ym) for x, y in zip(years, vals)) / sum((x - xm) ** 2 for x in years)
    rises = sum(1 for a, b in zip(vals, vals[1:]) if b > a)
    res.fig("slope", slope, "TIV mn", "Least-squares slope of annual imports (TIV mn per year)", 1, _src(numbers, *keys))
    res.fig("rises", rises, "count", "Years in which imports rose", 0)
    res.fig("start", vals[0], "TIV mn", "Imports in the first year", 0, _src(numbers, keys[0]))
    res.fig("end", vals[-1], "TIV mn", "Imports in the last year", 0, _src(numbers, keys[-1]))
    res.finding = "in the {release} release imports go from {start} to {end}, slope {slope} a year, rising in {rises} years"
    res.finding_vi = ("theo phiên bản {release}, nhập khẩu đi từ {start} đến {end}, độ dốc {slope} mỗi năm, tăng trong "
                      "{rises} năm")
    res.verdict = "holds" if rises == 0 else "partly holds" if slope < 0 else "does not hold"
    return res


def t_low_after(p: dict, numbers: dict, ctx: dict) -> Result:
    """Arms imports are 'very low' in the years: holds if every year is below `fraction` percent of the
    annual mean of the reference period; partly holds if some are; does not hold if none is."""
    res = Result("holds if every year {first}–{last} is below {fraction} of the annual mean of {ref_first}–{ref_last}",
                 "đúng nếu mọi năm trong giai đoạn {first}–{last} đều thấp hơn {fraction} mức bình quân năm của giai "
                 "đoạn {ref_first}–{ref_last}")
    years, ref = range(int(p["first"]), int(p["last"]) + 1), range(int(p["ref_first"]), int(p["ref_last"]) + 1)
    rel_ = _arms_release(numbers, ctx, [*ref, *years])
    for n_ in ("first", "last", "ref_first", "ref_last"):
        res.fig(n_, int(p[n_]), "year", n_.replace("_", " "), 0)
    res.fig("fraction", float(p["fraction"]), "%", "Fraction of the reference mean that counts as 'very low'", 0)
    res.fig("release", rel_, "text", "SIPRI release used")
    refkeys = [f"arms.{rel_}.total.{y}" for y in ref]
    mean = sum(_v(numbers, k) for k in refkeys) / len(refkeys)
    res.fig("ref_mean", mean, "TIV mn", "Annual mean of the reference period", 0, _src(numbers, *refkeys))
    bound = mean * float(p["fraction"]) / 100
    res.fig("bound", bound, "TIV mn", "Bound for a 'very low' year", 0)
    keys = [f"arms.{rel_}.total.{y}" for y in years]
    low = sum(1 for k in keys if _v(numbers, k) < bound)
    res.fig("low", low, "count", "Years below the bound", 0)
    res.fig("n", len(keys), "count", "Years tested", 0)
    res.fig("highest", max(_v(numbers, k) for k in keys), "TIV mn", "Highest year tested", 0, _src(numbers, *keys))
    res.finding = "{low} of {n} years lie below {bound} in the {release} release; the highest is {highest}"
    res.finding_vi = "{low} trên {n} năm thấp hơn {bound} theo phiên bản {release}; năm cao nhất là {highest}"
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
    res = Result("holds if Russia's share {first}–{last} is below its share {ref_first}–{ref_last}",
                 "đúng nếu tỷ trọng của Nga giai đoạn {first}–{last} thấp hơn tỷ trọng giai đoạn {ref_first}–{ref_last}")
    years, ref = range(int(p["first"]), int(p["last"]) + 1), range(int(p["ref_first"]), int(p["ref_last"]) + 1)
    rel_ = _share_release(numbers, ctx, years, ref)
    for n_ in ("first", "last", "ref_first", "ref_last"):
        res.fig(n_, int(p[n_]), "year", n_.replace("_", " "), 0)
    res.fig("release", rel_, "text", "SIPRI release used")
    s, ks = russia_share(numbers, rel_, years)
    r, kr = russia_share(numbers, rel_, ref)
    res.fig("share", s, "%", "Russia's share in the years claimed", 1, _src(numbers, *ks))
    res.fig("ref_share", r, "%", "Russia's share in the reference period", 1, _src(numbers, *kr))
    res.finding = "{share} against {ref_share} in the {release} release"
    res.finding_vi = "{share} so với {ref_share} theo phiên bản {release}"
    res.verdict = "holds" if s < r else "does not hold"
    return res


def t_largest_supplier(p: dict, numbers: dict, ctx: dict) -> Result:
    """Russia was the largest supplier over the years: holds if Russia's deliveries exceed every other
    supplier's in the register (current release); does not hold otherwise."""
    res = Result("holds if Russia's deliveries {first}–{last} exceed every other supplier's in the SIPRI register",
                 "đúng nếu giá trị chuyển giao của Nga giai đoạn {first}–{last} lớn hơn của mọi nhà cung cấp khác "
                 "trong sổ đăng ký của SIPRI")
    years = range(int(p["first"]), int(p["last"]) + 1)
    res.fig("first", years[0], "year", "First year", 0)
    res.fig("last", years[-1], "year", "Last year", 0)
    sums: dict[str, float] = {}
    for k in numbers:
        if k.startswith("arms.current.supplier."):
            _, _, _, slug, y = k.split(".")
            if int(y) in years:
                sums[slug] = sums.get(slug, 0.0) + _v(numbers, k)
    if "russia" not in sums:
        return res
    others = sorted(((v, s) for s, v in sums.items() if s != "russia"), reverse=True)
    keys = [k for k in numbers if k.startswith("arms.current.supplier.")]
    res.fig("russia", sums["russia"], "TIV mn", "Russia's deliveries over the years", 0, _src(numbers, *keys))
    res.fig("second", others[0][0], "TIV mn", "The next-largest supplier's deliveries", 0, _src(numbers, *keys))
    res.fig("second_name", others[0][1].replace("_", " ").title(), "text", "The next-largest supplier",
            vi=_name_vi(others[0][1].replace("_", " ").title()))
    s, ks = russia_share(numbers, "current", years)
    res.fig("share", s, "%", "Russia's share of deliveries over the years", 1, _src(numbers, *ks))
    res.finding = "Russia {russia} ({share}); next {second_name} {second}"
    res.finding_vi = "Nga {russia} ({share}); đứng sau là {second_name} {second}"
    res.verdict = "holds" if sums["russia"] > others[0][0] else "does not hold"
    return res


def t_share_falls(p: dict, numbers: dict, ctx: dict) -> Result:
    """Diversification: Russia's share falls after the reference period: holds if it falls by at least
    `drop` percentage points; partly holds if it falls by less; does not hold if it does not fall."""
    res = Result("holds if Russia's share {first}–{last} has fallen by at least {drop} percentage points from its share "
                 "{ref_first}–{ref_last}",
                 "đúng nếu tỷ trọng của Nga giai đoạn {first}–{last} đã giảm ít nhất {drop} điểm phần trăm so với giai "
                 "đoạn {ref_first}–{ref_last}")
    years, ref = range(int(p["first"]), int(p["last"]) + 1), range(int(p["ref_first"]), int(p["ref_last"]) + 1)
    rel_ = _share_release(numbers, ctx, years, ref)
    for n_ in ("first", "last", "ref_first", "ref_last"):
        res.fig(n_, int(p[n_]), "year", n_.replace("_", " "), 0)
    res.fig("drop", float(p["drop"]), "ratio", "Fall, in percentage points, that counts as diversification", 0)
    res.fig("release", rel_, "text", "SIPRI release used")
    s, ks = russia_share(numbers, rel_, years)
    r, kr = russia_share(numbers, rel_, ref)
    res.fig("share", s, "%", "Russia's share after", 1, _src(numbers, *ks))
    res.fig("ref_share", r, "%", "Russia's share before", 1, _src(numbers, *kr))
    res.fig("change", s - r, "pp", "Change in Russia's share", 1)
    res.finding = "{ref_share} before, {share} after ({change}) in the {release} release"
    res.finding_vi = "trước {ref_share}, sau {share} ({change}) theo phiên bản {release}"
    res.verdict = "holds" if r - s >= float(p["drop"]) else "partly holds" if s < r else "does not hold"
    return res


def t_proxy_above(p: dict, numbers: dict, ctx: dict) -> Result:
    """A claim about the stock of equipment, which the data do not hold: partly holds if the proxy (the
    share of all deliveries since SIPRI's records begin from the Soviet Union and Russia) exceeds the
    threshold, as the stock itself is unverified; not verifiable otherwise."""
    res = Result("the stock of equipment is not in the data; partly holds if the Soviet Union's and Russia's share "
                 "of all deliveries {first}–{last} exceeds {threshold}",
                 "dữ liệu không có số trang bị đang sử dụng; đúng một phần nếu tỷ trọng của Liên Xô và Nga trong toàn "
                 "bộ giá trị chuyển giao giai đoạn {first}–{last} vượt {threshold}")
    res.fig("threshold", float(p["threshold"]), "%", "Share claimed", 0)
    for n_, k in (("share", "arms.r2022.origin_proxy.share"), ("first", "arms.r2022.origin_proxy.first_year"),
                  ("last", "arms.r2022.origin_proxy.last_year")):
        if k not in numbers:
            return res
        e = numbers[k]
        res.fig(n_, e["value"], e["unit"], e["label"], e["decimals"], e["sources"])
    res.finding = "the Soviet Union and Russia supplied {share} of deliveries {first}–{last} (r2022 release)"
    res.finding_vi = "Liên Xô và Nga cung cấp {share} giá trị chuyển giao giai đoạn {first}–{last} (phiên bản r2022)"
    res.verdict = "partly holds" if numbers["arms.r2022.origin_proxy.share"]["value"] > float(p["threshold"]) \
        else "not verifiable"
    return res


TESTS = {"rank": t_rank, "rank_at_least": t_rank_at_least, "share_below": t_share_below, "exceeds": t_exceeds,
         "rank_above": t_rank_above, "below_each": t_below_each, "trend_down": t_trend_down,
         "low_after": t_low_after, "share_lower": t_share_lower, "largest_supplier": t_largest_supplier,
         "share_falls": t_share_falls, "proxy_above": t_proxy_above}


def judge(claim: dict, numbers: dict, ctx: dict) -> Result:
    if claim["test"] not in TESTS:
        raise ValueError(f"claim {claim['id']}: unknown test {claim['test']!r}; known: {', '.join(TESTS)}")
    return TESTS[claim["test"]](parse_params(claim["params"]), numbers, ctx)


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


def judge_all(claims: list[dict], numbers: dict, ctx: dict, files: dict[str, str]) -> tuple[list[dict], Fragment]:
    frag = Fragment("analysis.claims", {rel(p): sha256(p) if p else "" for p in files.values()})
    ins = [rel(files["claims"]), rel(files["registry"])]
    rows = []
    for c in claims:
        res = judge(c, numbers, ctx)
        for name, f in res.figures.items():
            frag.add(f"claim.{c['id']}.{name}", f["value"], f["unit"], f"{c['id']}: {f['label']}",
                     f"test '{c['test']}' of analysis/claims.py", ins, f["sources"], decimals=f["decimals"],
                     shown_as_vi=f.get("vi"))
        frag.add(f"claim.{c['id']}.verdict", res.verdict, "text", f"Verdict on claim {c['id']}: {c['gloss_en']}",
                 f"{TESTS[c['test']].__doc__.split(':')[0].strip()} (analysis/claims.py, test '{c['test']}')", ins,
                 shown_as=res.verdict, shown_as_vi=VERDICTS_VI[res.verdict])
        rows.append({"id": c["id"], "section": c["section"], "quote_vi": c["quote_vi"], "gloss_en": c["gloss_en"],
                     "test": c["test"], "params": c["params"], "verdict": res.verdict,
                     "rule": fill(res.rule, c["id"], res.figures, "text"),
                     "finding": fill(res.finding, c["id"], res.figures, "text") if res.finding else "",
                     "rule_md": fill(res.rule, c["id"], res.figures, "md"),
                     "finding_md": fill(res.finding, c["id"], res.figures, "md") if res.finding else "",
                     "rule_vi_md": fill(res.rule_vi, c["id"], res.figures, "md"),
                     "finding_vi_md": fill(res.finding_vi, c["id"], res.figures, "md") if res.finding_vi else "",
                     "keys": ";".join(f"claim.{c['id']}.{n}" for n in res.figures)})
    frag.add("claim.count.all", len(rows), "count", "Claims in words judged", "rows of data/published/claims.csv",
             ins, decimals=0)
    for v in VERDICTS:
        frag.add(f"claim.count.{v.replace(' ', '_')}", sum(r["verdict"] == v for r in rows), "count",
                 f"Claims in words that {v}", "count of judged claims", ins, decimals=0)
    return rows, frag


def claims_part(table: list[dict], lang: str = "en") -> str:
    """The claims table of one edition: English (the article's words with a gloss) or Vietnamese."""
    def cell(t: str) -> str:
        return str(t).replace("|", "\\|").replace("\n", " ")
    if lang == "vi":
        # relative column widths (the dashes): the words get the room, not the ids
        widths = (6, 4, 24, 30, 24, 12)
        out = ["| Mã | § | Lời văn của bài báo | Quy tắc | Số liệu quyết định | Kết luận |",
               "|" + "|".join("-" * w for w in widths) + "|"]
        for r in table:
            out.append(f"| {r['id']} | {r['section']} | *{md_cell(r['quote_vi'])}* | {cell(r['rule_vi_md'])} | "
                       f"{cell(r['finding_vi_md']) or '—'} | {shortcode('claim.' + r['id'] + '.verdict')} |")
        return "\n".join(out) + ("\n\n: Các nhận định bằng lời của bài báo, mỗi nhận định được đánh giá theo một quy "
                                 "tắc nêu rõ, từ dữ liệu gốc (analysis/claims.py); mọi con số đều dẫn tới nguồn gốc "
                                 "của nó {#tbl-claims}\n")
    out = ["| ID | § | The article's words | Rule | Deciding figures | Verdict |", "|---|---|---|---|---|---|"]
    for r in table:
        out.append(f"| {r['id']} | {r['section']} | *{md_cell(r['quote_vi'])}* ({md_cell(r['gloss_en'])}) | "
                   f"{cell(r['rule_md'])} | {cell(r['finding_md']) or '—'} | {shortcode('claim.' + r['id'] + '.verdict')} |")
    return "\n".join(out) + ("\n\n: The article's claims in words, each judged by a stated rule from the raw data "
                             "(analysis/claims.py); every figure links to its lineage {#tbl-claims}\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Judge the article's claims in words")
    ap.add_argument("--claims", required=True)
    ap.add_argument("--checked", nargs="+", required=True, help="the input check that validated the claims")
    ap.add_argument("--registry", required=True, help="registry of the computed numbers")
    ap.add_argument("--audit-numbers", required=True, help="the audit's fragment (the SIPRI release the article used)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--out-numbers", required=True)
    ap.add_argument("--out-part", required=True)
    ap.add_argument("--out-part-vi", required=True, help="the claims table of the Vietnamese edition")
    args = ap.parse_args(argv)
    require_validated([args.claims], args.checked)
    claims = read_claims(args.claims)
    numbers = read_json(args.registry)["numbers"]
    ctx = {"release": read_json(args.audit_numbers)["numbers"]["audit.arms_release"]["value"]}
    table, frag = judge_all(claims, numbers, ctx, {"claims": args.claims, "registry": args.registry,
                                                    "audit": args.audit_numbers})
    write_text_atomic(args.out, to_csv(table))
    write_json(args.out_numbers, frag.to_json())
    write_text_atomic(args.out_part, claims_part(table))
    write_text_atomic(args.out_part_vi, claims_part(table, "vi"))
    return 0


if __name__ == "__main__":
    run(main)
