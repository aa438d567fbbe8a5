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
                   rounding (bound met) when r > p; rounding (bound met within the
                   uncertainty) when r <= p < r + e; discrepancy otherwise;
   'below' ('gần': nearly p, at most p)
                   rounding (bound met) when r < p; rounding (bound met within the
                   uncertainty) when r − e < p <= r; discrepancy otherwise;
4. otherwise ('khoảng', '~' or no hedge: a window around p)
                   match       p equals r (to 1e-9);
                   rounding    r rounded to the printed precision u is p ('equal after
                               rounding'); or |p − r| < u/2 + e though r itself does not
                               round to p, so that a value within r's own rounding does
                               (equal within the rounding of the source figures); or p <= r < p + u (truncation); or p − u < r <= p
                               (rounding up);
                   discrepancy anything else.

Then, whatever the verdict:
- a match or rounding reached only from the article's own figures (registry
  basis 'internal') becomes **consistent**: consistent with the article's own
  figures, not independently verified.  It is counted apart from match and rounding;
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

VERDICTS = ("match", "rounding", "consistent", "discrepancy", "not_verifiable")
BASES = ("independent", "mixed", "article_only")
GAPS = ("source_not_consulted", "no_source_found", "not_measurable")
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
    e = abs(float(uncertainty or 0.0))
    u = precision(p, decimals, qualifier, unit)
    if qualifier == "above":
        if r > p + EXACT * max(1.0, abs(p)):
            v, rule = "rounding", "above the stated bound"
        elif r + e > p + EXACT:
            v, rule = "rounding", "above the stated bound within the uncertainty of the recomputed value"
        else:
            return "discrepancy", "not above the stated bound"
    elif qualifier == "below":
        if r < p - EXACT * max(1.0, abs(p)):
            v, rule = "rounding", "below the stated bound"
        elif r - e < p - EXACT:
            v, rule = "rounding", "below the stated bound within the uncertainty of the recomputed value"
        else:
            return "discrepancy", "not below the stated bound"
    elif abs(p - r) <= EXACT * max(1.0, abs(r)):
        v, rule = "match", "equal"
    elif rounds_to(r, p, u):
        v, rule = "rounding", "equal after rounding to the printed precision"
    elif e > 0 and abs(p - r) < u / 2 + e - EXACT:
        # some value within r's own rounding (r ± e) rounds to p
        v, rule = "rounding", "equal within the rounding of the source figures"
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
