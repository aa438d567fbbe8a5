"""Verdict rules: did the article print the number the data give?

Let p be the printed value, d its printed decimals, r the recomputed value and
e the rounding uncertainty carried by r (half a unit in the last digit of
each source figure, propagated through sums and ratios).

The precision of a printed figure is one unit u in its last printed digit.  A
hedged whole number that ends in zeros ('khoảng 60%', 'hơn 80%') is a round
figure: its last significant digit is the last non-zero one (u = 10 for 60 and
80).  Unhedged figures, years, ranks and counts are read at their last digit.

A hedge that states a bound is tested as the bound it states; in order:

1. discrepancy     the printed value is impossible (a fall of more than the whole);
2. not_verifiable  no recomputed value exists (the source could not be consulted
                   or the data do not contain the quantity);
3. 'above' ('hơn', 'trên', 'vượt ngưỡng': more than p)
                   within_bound (bound met) when r > p; within_bound (bound met within
                   the uncertainty) when r <= p < r + e; discrepancy otherwise;
   'below' ('gần': nearly p, at most p)
                   within_bound (bound met) when r < p; within_bound (bound met within
                   the uncertainty) when r − e < p <= r; discrepancy otherwise.
                   Nothing is rounded in a bound test, so its pass has a word of its own;
                   it counts as reproduced exactly as a rounding does;
4. otherwise ('khoảng', '~' or no hedge: a window around p)
                   match       p equals r (to 1e-9);
                   rounding    r rounded to the printed precision u is p ('equal after
                               rounding'); or |p − r| < u/2 + e though r itself does not
                               round to p, so that a value within r's own rounding does
                               (equal within the rounding of the source figures); or p <= r < p + u (truncation); or p − u < r <= p
                               (rounding up);
                   discrepancy anything else.

A source figure that the source itself hedges (column `qualifier` of the raw files: 'hơn 132', 'gần 119')
is not a value but the interval its words state (`stated_interval`).  Let s be the next rounding step of
the figure v as written: one unit in its last significant digit (132 -> 1, 9.14 -> 0.01, 990 -> 10), a
tenth of it when it has a single significant digit ('gần 1 tỷ' -> 0.1 bn): a writer who rounds a value to
the digit printed says which way with the hedge.  Then

    exact ('đạt', no hedge)       v, with half a unit in its last digit of rounding (as any figure);
    about ('khoảng', 'around')    v, with s/2 of rounding;
    more_than ('hơn', 'trên')     the values above v up to v + s: (v, v + s];
    at_least                      [v, v + s];
    nearly ('gần')                the values below v down to v − s: [v − s, v);
    at_most                       [v − s, v].

A number computed from source figures (a sum, a difference) states the interval of those figures added
(`combine`): the bounds of the hedged ones, the rounding of the exact ones.  When a recomputed value
rests on a hedged figure, the clauses above read 'r' as that interval S (r is the figures as entered,
shown, but never equal to anything the source asserts exactly): no **match**; rounding when some value
of S rounded to the printed precision gives p ('equal after rounding a value in the range the source
states'), or is within the rounding of the exact figures, or truncates or rounds up to p; a bound 'more
than p' is met (within_bound) when all of S is above p, met within the range when some of it is.  Two statements of one
source (a total and the sum of its parts) agree when their intervals overlap: 'more than 132' and 'nearly
119' + 15 (132.5 to 134.5) do.

Intervals that only touch do not agree.  The window of values that round to p is half-open,
[p − u/2, p + u/2): rounding is half away from zero, so p + u/2 itself rounds to p + u.  When the lowest
value a recomputed figure allows (r − e, or the low end of S less e) is exactly p + u/2 ('khoảng 132',
[131.5, 132.5), against 'gần 119' + 15, 132.5 to 134.5), no value of it rounds to p: a discrepancy, decided
by that tie (`touching_edge` finds it, and the reason says so).  At the other end, p − u/2 rounds to p and
'rounding up' accepts it anyway.  (Two statements of one source, `agree`, are closed intervals: touching, they
share the edge, a value both allow.)

Then, whatever the verdict:
- a match, rounding or within_bound reached only from the article's own figures
  (registry basis 'internal') becomes **consistent**: consistent with the article's
  own figures, not independently verified.  It is counted apart from them;
- the hedge is reported on its own: 'more than p' is borne out when r >= p,
  'nearly p' when r <= p (flag `hedge`);
- the check is **coarse** when the interval of values it accepts is wider than
  COARSE_UNITS units of the printed last digit: such a check could not fail a
  misprint in the last digit, so a pass says little (flag `coarse`).

The same printed figure with the same hedge against the same recomputed value gets
the same verdict wherever it is printed (number or claim in words).

Vocabularies of the audit's columns (English identifiers; their display forms in both
languages are words of analysis/reasons.py, 'basis_of.*', 'gap.*', 'authority.*'): BASES (what the check rests on), GAPS (why a figure is not
verifiable: a gap in our evidence, never an error of the article), AUTHORITIES (the
weakest authority among the sources a verdict rests on, strongest first).
"""
from __future__ import annotations

import math

EXACT = 1e-9
COARSE_UNITS = 4  # a check accepting an interval wider than this many units of the printed last digit is coarse

VERDICTS = ("match", "rounding", "within_bound", "consistent", "discrepancy", "not_verifiable")
BASES = ("independent", "mixed", "article_only")
GAPS = ("source_not_consulted", "no_source_found", "not_measurable", "incomplete_data")
AUTHORITIES = ("official", "secondary", "third_party_copy")  # strongest first
# Hosts that serve copies of other publishers' files: a source read from one of them is a third party's copy
# unless its publisher is that host (documented metadata: the `url` column of data/raw/*/sources.csv).
REHOSTS = ("github.com", "raw.githubusercontent.com", "kaggle.com", "pypi.org", "files.pythonhosted.org")


def authority(meta: dict) -> str:
    """The authority of one source from its row of data/raw/*/sources.csv.  When its `authority` column holds
    one of AUTHORITIES (who published the copy that was read), that.  Otherwise (an older grading of the
    figures: official, official_cited, press, low) by rule: `third_party_copy` when its file was read from a
    host that serves copies of other publishers' files (REHOSTS) and the publisher is not that host;
    `official` when the column says official; `secondary` otherwise."""
    stated = str(meta.get("authority") or "").strip()
    if stated in AUTHORITIES:
        return stated
    from urllib.parse import urlparse
    host = urlparse(str(meta.get("url") or "")).netloc.lower().removeprefix("www.")
    publisher = str(meta.get("publisher") or "").lower()
    if host in REHOSTS and host.split(".")[-2] not in publisher:
        return "third_party_copy"
    return "official" if str(meta.get("authority") or "").strip() == "official" else "secondary"


def weakest(authorities) -> str:
    """The weakest of some authorities ('' when there are none)."""
    present = [a for a in authorities if a]
    return max(present, key=AUTHORITIES.index) if present else ""


def basis_of(registry_basis: str) -> str:
    """The audit's basis word for a registry entry's basis ('' when there is no recomputed value)."""
    return {"independent": "independent", "mixed": "mixed", "internal": "article_only"}.get(registry_basis, "")


def rounds_to(r: float, p: float, u: float) -> bool:
    """Does r, rounded half away from zero to the unit u, give p?  (Literally what 'equal after rounding to the
    printed precision' says.)"""
    q = abs(r) / u
    n = math.floor(q + 0.5 + 1e-9)
    return abs(math.copysign(n * u, r) - p) <= EXACT * max(1.0, abs(p))
PASSING = ("match", "rounding", "within_bound", "consistent")
HEDGED = ("approx", "above", "below")
WHOLE_UNITS = ("count", "year", "rank", "rank change")


def precision(printed: float, decimals: int, qualifier: str = "none", unit: str = "") -> float:
    """One unit in the last significant printed digit (see the module's rules)."""
    step = 10.0 ** (-decimals)
    if qualifier in HEDGED and decimals == 0 and unit not in WHOLE_UNITS and printed:
        n = abs(int(round(printed)))
        while n and n % 10 == 0:
            n //= 10
            step *= 10
    return step


def impossible(printed: float, unit: str) -> bool:
    return unit == "% change" and printed < -100


SOURCE_QUALIFIERS = ("exact", "about", "more_than", "nearly", "at_least", "at_most")


def hedge_step(value: float, decimals: int) -> float:
    """The next rounding step of a hedged source figure: one unit in its last significant digit; a tenth of
    the figure's own digit when it has a single significant one ('gần 1 tỷ' is read to 0.1 bn)."""
    step = 10.0 ** (-decimals)
    digits = f"{abs(value):.{decimals}f}".replace(".", "").lstrip("0")
    if decimals == 0:
        n = abs(int(round(value)))
        while n and n % 10 == 0:
            n //= 10
            step *= 10
        digits = str(n)
    return step / 10 if len(digits) == 1 else step


def stated_interval(value: float, decimals: int, qualifier: str) -> tuple[float, float, float]:
    """(lo, hi, e) of one source figure read as its words state it (the module's rules): the values the
    hedge allows, [lo, hi], and the rounding e around them (exact and about: lo = hi = value)."""
    v = float(value)
    if qualifier in ("exact", "", None):
        return v, v, 0.5 * 10.0 ** (-decimals)
    s = hedge_step(v, decimals)
    if qualifier == "about":
        return v, v, s / 2
    if qualifier in ("more_than", "at_least"):
        return v, v + s, 0.0
    if qualifier in ("nearly", "at_most"):
        return v - s, v, 0.0
    raise ValueError(f"unknown source qualifier {qualifier!r}; the rules know {SOURCE_QUALIFIERS}")


def combine(figures) -> tuple[float, float, float]:
    """The interval (lo, hi, e) of a signed sum of source figures, each [coefficient, value, decimals,
    qualifier]: bounds added (a negative coefficient swaps them), roundings added."""
    lo = hi = e = 0.0
    for coef, value, decimals, qualifier in figures:
        a, b, r = stated_interval(value, int(decimals), qualifier)
        lo, hi, e = lo + min(coef * a, coef * b), hi + max(coef * a, coef * b), e + abs(coef) * r
    return lo, hi, e


def stated_range(entry: dict | None) -> tuple[float, float, float] | None:
    """(lo, hi, e) of a registry entry computed from hedged source figures (its `stated` field, written by the
    compute step: {"sum": figures}, or {"ratio": [numerator figures, denominator figures], "times": k,
    "minus": m} for k × numerator / denominator − m); None when every figure it rests on is exact."""
    st = (entry or {}).get("stated")
    if not st:
        return None
    if "sum" in st:
        return combine(st["sum"])
    (nlo, nhi, ne), (dlo, dhi, de) = (combine(f) for f in st["ratio"])
    nlo, nhi, dlo, dhi = nlo - ne, nhi + ne, dlo - de, dhi + de
    if dlo <= 0:
        raise ValueError("a ratio of stated figures whose denominator may be zero")
    k, m = float(st.get("times", 1.0)), float(st.get("minus", 0.0))
    q = [k * n / d - m for n in (nlo, nhi) for d in (dlo, dhi)]
    return min(q), max(q), 0.0


def _overlaps(lo: float, hi: float, a: float, b: float) -> bool:
    """Do [lo, hi] and the half-open window [a, b) share a value (beyond the float tolerance)?"""
    return lo < b - EXACT and hi >= a - EXACT


def verdict(printed: float, decimals: int, qualifier: str, unit: str,
            recomputed: float | None, uncertainty: float = 0.0, basis: str = "independent",
            stated: tuple[float, float] | None = None) -> tuple[str, str]:
    """Return (verdict, rule) where rule names the clause that decided it.  `stated`: the interval (lo, hi) a
    hedged source states for the recomputed value (`stated_range`), with `uncertainty` the rounding of its
    exact figures; None when every figure is exact (the interval is the value itself)."""
    if impossible(printed, unit):
        return "discrepancy", "impossible: a fall of more than the whole"
    if recomputed is None:
        return "not_verifiable", "no recomputed value"
    p, r = float(printed), float(recomputed)
    e = abs(float(uncertainty or 0.0))
    u = precision(p, decimals, qualifier, unit)
    lo, hi = (float(stated[0]), float(stated[1])) if stated is not None else (r, r)
    gap = 0.0 if lo <= p <= hi else min(abs(p - lo), abs(p - hi))
    if qualifier == "above":
        if lo > p + EXACT * max(1.0, abs(p)):
            v, rule = "within_bound", "above the stated bound"
        elif hi + e > p + EXACT:
            v, rule = "within_bound", ("above the stated bound within the range the source states" if stated is not None
                                   and hi > p + EXACT else
                                   "equal to the stated bound, above it only within the uncertainty of the recomputed "
                                   "value" if abs(hi - p) <= EXACT * max(1.0, abs(p)) else
                                   "above the stated bound within the uncertainty of the recomputed value")
        else:
            return "discrepancy", "not above the stated bound"
    elif qualifier == "below":
        if hi < p - EXACT * max(1.0, abs(p)):
            v, rule = "within_bound", "below the stated bound"
        elif lo - e < p - EXACT:
            v, rule = "within_bound", ("below the stated bound within the range the source states" if stated is not None
                                   and lo < p - EXACT else
                                   "equal to the stated bound, below it only within the uncertainty of the recomputed "
                                   "value" if abs(lo - p) <= EXACT * max(1.0, abs(p)) else
                                   "below the stated bound within the uncertainty of the recomputed value")
        else:
            return "discrepancy", "not below the stated bound"
    elif stated is None and abs(p - r) <= EXACT * max(1.0, abs(r)):
        v, rule = "match", "equal"
    elif stated is None and rounds_to(r, p, u):
        v, rule = "rounding", "equal after rounding to the printed precision"
    elif stated is not None and _overlaps(lo, hi, p - u / 2, p + u / 2):
        v, rule = "rounding", "equal after rounding a value in the range the source states"
    elif e > 0 and gap < u / 2 + e - EXACT:
        # some value within r's own rounding (r ± e) rounds to p
        v, rule = "rounding", "equal within the rounding of the source figures"
    elif _overlaps(lo, hi, p, p + u) if stated is not None else (p <= r + EXACT and r < p + u):
        v, rule = "rounding", "equal after truncation to the printed precision"
    elif (_overlaps(lo, hi, p - u + EXACT, p + 2 * EXACT) if stated is not None else (p - u < r <= p + EXACT)):
        v, rule = "rounding", "equal after rounding up to the printed precision"
    else:
        return "discrepancy", "differs by more than rounding"
    if basis == "internal":
        return "consistent", rule + ", from the article's own figures"
    return v, rule


def touching_edge(printed: float, decimals: int, qualifier: str, unit: str, recomputed: float | None,
                  uncertainty: float = 0.0, stated: tuple[float, float] | None = None) -> float | None:
    """The value p + u/2 when a window check fails only because the lowest value the recomputed figure allows is
    exactly that upper edge of the printed figure's rounding window (intervals that touch: see the module's rules);
    None otherwise (a bound, no recomputed value, a pass, or a gap wider than a touch)."""
    if recomputed is None or qualifier in ("above", "below") or printed < 0:
        return None
    if verdict(printed, decimals, qualifier, unit, recomputed, uncertainty, "independent", stated)[0] != "discrepancy":
        return None
    edge = printed + precision(printed, decimals, qualifier, unit) / 2
    low = (stated[0] if stated is not None else recomputed) - abs(uncertainty or 0.0)
    return edge if abs(low - edge) <= EXACT * max(1.0, abs(edge)) else None


def accepted_interval(printed: float, decimals: int, qualifier: str, unit: str,
                      uncertainty: float) -> tuple[float, float]:
    """The recomputed values the rules would accept for this printed figure: for a bound, everything on its
    side of it (less the uncertainty; the other end infinite); otherwise rounding, truncation and rounding up
    together."""
    if qualifier == "above":
        return printed - uncertainty, math.inf
    if qualifier == "below":
        return -math.inf, printed + uncertainty
    u = precision(printed, decimals, qualifier, unit)
    half = u / 2 + uncertainty
    return min(printed - half, printed - u), max(printed + half, printed + u)


def coarse(printed: float, decimals: int, qualifier: str, unit: str, uncertainty: float) -> bool:
    """Is the check too coarse to fail a misprint in the last digit?  True when the accepted
    interval is wider than COARSE_UNITS units of the printed last digit.  A bound is tested as a bound,
    not as a window around a figure: never coarse."""
    if qualifier in ("above", "below"):
        return False
    lo, hi = accepted_interval(printed, decimals, qualifier, unit, uncertainty)
    return (hi - lo) > COARSE_UNITS * precision(printed, decimals, qualifier, unit) + EXACT


def hedge(qualifier: str, printed: float, recomputed: float | None, stated: tuple[float, float] | None = None) -> str:
    """'borne_out' or 'not_borne_out' for a bound ('more than', 'nearly'), 'at_bound' when the recomputed value
    equals the bound (neither above nor below it: 'more than 26' against 26); '' otherwise.  Against a hedged
    source (`stated`), borne out when some value the source allows is on the bound's side."""
    if recomputed is None or qualifier not in ("above", "below") or math.isnan(recomputed):
        return ""
    lo, hi = stated if stated is not None else (recomputed, recomputed)
    edge = hi if qualifier == "above" else lo
    if abs(edge - printed) <= EXACT * max(1.0, abs(printed)) and (stated is None or lo == hi):
        return "at_bound"
    ok = hi > printed if qualifier == "above" else lo < printed
    return "borne_out" if ok else "not_borne_out"


def close_enough(printed: float, decimals: int, value: float, uncertainty: float,
                 qualifier: str = "none", unit: str = "", stated: tuple[float, float] | None = None) -> bool:
    """Would `value` (an alternative figure) explain the printed figure?  The clauses of `verdict`, except
    that the rounding interval must hold the printed figure strictly inside: two intervals that only touch
    (printed 41 against a source's 42 ± 0.5) do not explain it.  A hedged alternative (`stated`) explains it
    when some value it allows does."""
    p, v = float(printed), float(value)
    u = precision(p, decimals, qualifier, unit)
    if stated is not None:
        lo, hi = stated
        gap = 0.0 if lo <= p <= hi else min(abs(p - lo), abs(p - hi))
        return (gap < u / 2 + uncertainty - EXACT or _overlaps(lo, hi, p, p + u)
                or _overlaps(lo, hi, p - u + EXACT, p + 2 * EXACT))
    return (abs(p - v) <= EXACT * max(1.0, abs(v)) or abs(p - v) < u / 2 + uncertainty - EXACT
            or (p <= v + EXACT and v < p + u) or (p - u < v <= p + EXACT))


def agree(a: tuple[float, float, float], b: tuple[float, float, float]) -> bool:
    """Do two statements of one quantity, each (lo, hi, e), allow a common value?  (A source's total and the sum
    of its parts: 'more than 132' and 'nearly 119' + 15 do.)"""
    return a[0] - a[2] <= b[1] + b[2] + EXACT and b[0] - b[2] <= a[1] + a[2] + EXACT


def transcription_like(printed: float, decimals: int, value: float) -> bool:
    """Is the printed figure `value` with one digit changed (other than the last, in a figure of at least
    three digits) or two adjacent digits swapped, both written to the printed decimals?  A change in the last
    digit is closeness, not a slip; in a one- or two-digit figure any change is a change of one digit."""
    a, b = f"{abs(printed):.{decimals}f}", f"{abs(value):.{decimals}f}"
    if len(a) != len(b) or a == b or (printed < 0) != (value < 0):
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    if len(diff) == 1:
        return diff[0] != len(a) - 1 and sum(c.isdigit() for c in a) >= 3
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]] \
        and "." not in (a[diff[0]], a[diff[1]])
