"""Verdict rules: did the article print the number the data give?

Let p be the printed value, d its printed decimals, r the recomputed value and
e the rounding uncertainty carried by r (half a unit in the last digit of
each source figure, propagated through sums and ratios).  In order:

1. not_verifiable  no recomputed value exists (the source could not be consulted
                   or the data do not contain the quantity);
2. discrepancy     the printed value is impossible (a fall of more than 100%);
3. match           p equals r (to 1e-9), or the printed hedge is a bound
                   ("hơn/trên/vượt" = more than, "gần" = nearly) that r satisfies
                   while lying within 15% of p;
4. rounding        |p − r| <= half a unit in p's last digit + e (rounding), or
                   p <= r < p + one unit in p's last digit (truncation);
5. discrepancy     anything else.
"""
from __future__ import annotations

BOUND_TOLERANCE = 0.15  # a bound claim is 'match' only if r is within 15% of the printed value
EXACT = 1e-9

VERDICTS = ("match", "rounding", "discrepancy", "not_verifiable")


def verdict(printed: float, decimals: int, qualifier: str, unit: str,
            recomputed: float | None, uncertainty: float = 0.0) -> tuple[str, str]:
    """Return (verdict, rule) where rule names the clause that decided it."""
    if unit == "% change" and printed < -100:
        return "discrepancy", "impossible: a fall of more than 100%"
    if recomputed is None:
        return "not_verifiable", "no recomputed value"
    p, r = float(printed), float(recomputed)
    unit_step = 10.0 ** (-decimals)
    if abs(p - r) <= EXACT * max(1.0, abs(r)):
        return "match", "equal"
    if qualifier == "above" and r >= p and r <= p * (1 + BOUND_TOLERANCE):
        return "match", "bound 'more than' satisfied"
    if qualifier == "below" and r <= p and r >= p * (1 - BOUND_TOLERANCE):
        return "match", "bound 'nearly' satisfied"
    if abs(p - r) <= unit_step / 2 + uncertainty + EXACT:
        return "rounding", "equal after rounding to the printed precision"
    if p <= r + EXACT and r < p + unit_step:
        return "rounding", "equal after truncation to the printed precision"
    return "discrepancy", "differs by more than rounding"


def close_enough(printed: float, decimals: int, value: float, uncertainty: float) -> bool:
    """Would `value` explain the printed figure under the rounding rule?"""
    v, _ = verdict(printed, decimals, "none", "", value, uncertainty)
    return v in ("match", "rounding")
