"""Verdict rules: did the article print the number the data give?

Let p be the printed value, d its printed decimals, r the recomputed value and
e the rounding uncertainty carried by r (half a unit in the last digit of
each source figure, propagated through sums and ratios).

The precision of a printed figure is one unit u in its last printed digit.  A
hedged whole number that ends in zeros ('khoảng 60%', 'hơn 80%') is a round
figure: its last significant digit is the last non-zero one (u = 10 for 60 and
80).  Unhedged figures, years, ranks and counts are read at their last digit.

One rule for every hedge ('khoảng', '~', 'hơn', 'trên', 'vượt', 'gần' or none);
in order:

1. discrepancy     the printed value is impossible (a fall of more than the whole);
2. not_verifiable  no recomputed value exists (the source could not be consulted
                   or the data do not contain the quantity);
3. match           p equals r (to 1e-9);
4. rounding        |p − r| <= u/2 + e (rounding), or p <= r < p + u (truncation:
                   what 'more than p' says), or p − u < r <= p (rounding up: what
                   'nearly p' says);
5. discrepancy     anything else.

Then, whatever the verdict:
- a match or rounding reached only from the article's own figures (registry
  basis 'internal') becomes **consistent**: consistent with the article's own
  figures, not independently verified.  It is counted apart from match and rounding;
- the hedge is checked on its own: 'more than p' is borne out when r >= p,
  'nearly p' when r <= p (flag `hedge`);
- the check is **coarse** when the interval of values it accepts is wider than
  COARSE_UNITS units of the printed last digit: such a check could not fail a
  misprint in the last digit, so a pass says little (flag `coarse`).

The hedge changes neither the tolerance nor the verdict: the same printed figure
against the same recomputed value gets the same verdict wherever it is printed.
"""
from __future__ import annotations

import math

EXACT = 1e-9
COARSE_UNITS = 4  # a check accepting an interval wider than this many units of the printed last digit is coarse

VERDICTS = ("match", "rounding", "consistent", "discrepancy", "not_verifiable")
PASSING = ("match", "rounding", "consistent")
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


def verdict(printed: float, decimals: int, qualifier: str, unit: str,
            recomputed: float | None, uncertainty: float = 0.0, basis: str = "independent") -> tuple[str, str]:
    """Return (verdict, rule) where rule names the clause that decided it."""
    if impossible(printed, unit):
        return "discrepancy", "impossible: a fall of more than the whole"
    if recomputed is None:
        return "not_verifiable", "no recomputed value"
    p, r = float(printed), float(recomputed)
    u = precision(p, decimals, qualifier, unit)
    if abs(p - r) <= EXACT * max(1.0, abs(r)):
        v, rule = "match", "equal"
    elif abs(p - r) <= u / 2 + uncertainty + EXACT:
        v, rule = "rounding", "equal after rounding to the printed precision"
    elif p <= r + EXACT and r < p + u:
        v, rule = "rounding", "equal after truncation to the printed precision"
    elif p - u < r <= p + EXACT:
        v, rule = "rounding", "equal after rounding up to the printed precision"
    else:
        return "discrepancy", "differs by more than rounding"
    if basis == "internal":
        return "consistent", rule + ", from the article's own figures"
    return v, rule


def accepted_interval(printed: float, decimals: int, qualifier: str, unit: str,
                      uncertainty: float) -> tuple[float, float]:
    """The recomputed values the rules would accept for this printed figure (rounding, truncation
    and rounding up together)."""
    u = precision(printed, decimals, qualifier, unit)
    half = u / 2 + uncertainty
    return min(printed - half, printed - u), max(printed + half, printed + u)


def coarse(printed: float, decimals: int, qualifier: str, unit: str, uncertainty: float) -> bool:
    """Is the check too coarse to fail a misprint in the last digit?  True when the accepted
    interval is wider than COARSE_UNITS units of the printed last digit."""
    lo, hi = accepted_interval(printed, decimals, qualifier, unit, uncertainty)
    return (hi - lo) > COARSE_UNITS * precision(printed, decimals, qualifier, unit) + EXACT


def hedge(qualifier: str, printed: float, recomputed: float | None) -> str:
    """'borne_out' or 'not_borne_out' for a bound ('more than', 'nearly'); '' otherwise."""
    if recomputed is None or qualifier not in ("above", "below") or math.isnan(recomputed):
        return ""
    ok = recomputed >= printed - EXACT if qualifier == "above" else recomputed <= printed + EXACT
    return "borne_out" if ok else "not_borne_out"


def close_enough(printed: float, decimals: int, value: float, uncertainty: float,
                 qualifier: str = "none", unit: str = "") -> bool:
    """Would `value` (an alternative figure) explain the printed figure?  The clauses of `verdict`, except
    that the rounding interval must hold the printed figure strictly inside: two intervals that only touch
    (printed 41 against a source's 42 ± 0.5) do not explain it."""
    p, v = float(printed), float(value)
    u = precision(p, decimals, qualifier, unit)
    return (abs(p - v) <= EXACT * max(1.0, abs(v)) or abs(p - v) < u / 2 + uncertainty - EXACT
            or (p <= v + EXACT and v < p + u) or (p - u < v <= p + EXACT))


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
