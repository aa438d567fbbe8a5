"""Parse numbers as the article prints them (Vietnamese conventions).

The article writes decimal commas ("205,2"), scale words ("tỷ" = billion,
"triệu" = million), direction arrows ("↑20,4%", "↓8,0%") and hedges ("~",
"khoảng", "hơn", "gần").  Turning these into values is code, not hand
conversion, so that every parsed value can be re-derived and tested.

The parser reads what a person reads, or refuses: the Unicode minus sign (U+2212)
is a minus; a non-breaking, narrow non-breaking, thin or figure space between
digit groups of three is a thousands separator, like the dot ("9 395,2"); an arrow
together with a sign ("↓-8,0%", "↑−3") is refused as a conflict, as is a doubled
sign; digits of other scripts (full-width, Arabic-Indic) are refused with the
character named, never read as digits (every digit class here is ASCII 0-9);
scientific notation is not Vietnamese notation and is refused.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Hedges: the claim a hedge makes about the true value relative to the printed one.
QUALIFIERS = {
    # lower bounds: the true value is at least the printed one
    "vượt ngưỡng": "above",
    "hơn": "above",
    "trên": "above",
    # upper bounds: the true value is at most the printed one
    "gần": "below",
    # approximations
    "khoảng": "approx",
    "~": "approx",
}
# Words that carry no numeric meaning but may precede a number in a quote.
NOISE = ("chỉ", "đạt", "là", "thứ")

SCALES = {"tỷ": ("bn", 1e3), "triệu": ("mn", 1.0)}
# Units the published table may declare, and the scale word each requires.
UNITS = {
    "USD bn": "tỷ",
    "USD mn": "triệu",
    "TIV bn": "tỷ",
    "TIV mn": "triệu",
    "%": None,
    "% change": None,
    "rank change": None,
    "rank": None,
    "count": None,
    "year": None,
}

_NUMBER = re.compile(r"^[+-]?([0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?:,([0-9]+))?$")
MINUS_SIGNS = "\u2212\u2012\u2013\ufe63\uff0d"  # minus sign, figure dash, en dash, small and full-width hyphen-minus
# Spaces a typesetter puts between digit groups: no-break, narrow no-break, thin and figure space.
GROUP_SPACES = "\u00a0\u202f\u2009\u2007"
_GROUPED = re.compile(f"(?<=[0-9])[{GROUP_SPACES}](?=[0-9]{{3}}(?![0-9]))")


class PrintedFormError(ValueError):
    """A printed form that cannot be read as a number in the declared unit."""


@dataclass(frozen=True)
class Printed:
    value: float
    unit: str
    decimals: int
    qualifier: str  # "none" | "approx" | "above" | "below"

    @property
    def resolution(self) -> float:
        """One unit in the last printed digit."""
        return 10.0 ** (-self.decimals)


def parse_number(token: str) -> tuple[float, int]:
    """'205,2' -> (205.2, 1); '38.418,1' -> (38418.1, 1); '-8' -> (-8.0, 0)."""
    m = _NUMBER.match(token)
    if not m:
        raise PrintedFormError(f"not a number in Vietnamese notation: {token!r}")
    integer, frac = m.group(1), m.group(2)
    sign = -1.0 if token.startswith("-") else 1.0
    digits = integer.replace(".", "")
    text = digits + ("." + frac if frac else "")
    return sign * float(text), len(frac or "")


def parse_printed(printed: str, unit: str) -> Printed:
    """Read one printed form in the unit the published table declares for it."""
    if unit not in UNITS:
        raise PrintedFormError(f"unknown unit {unit!r}; allowed: {sorted(UNITS)}")
    text = unicodedata.normalize("NFC", printed).strip()
    if not text:
        raise PrintedFormError("empty printed form")
    other = [c for c in dict.fromkeys(text) if c.isdigit() and not "0" <= c <= "9"]
    if other:
        named = ", ".join(f"{c!r} ({unicodedata.name(c, 'U+%04X' % ord(c))})" for c in other)
        raise PrintedFormError(f"{printed!r} has digits of another script ({named}); transcribe them as ASCII digits 0-9")
    text = _GROUPED.sub(".", text)  # '9 395,2' with a no-break or thin space between the groups = '9.395,2'
    text = "".join("-" if c in MINUS_SIGNS else c for c in text)
    qualifier = "none"
    lowered = text.lower()
    for word in sorted(QUALIFIERS, key=len, reverse=True):
        if lowered.startswith(word):
            qualifier = QUALIFIERS[word]
            text = text[len(word):].strip()
            lowered = text.lower()
            break
    for word in NOISE:
        if lowered.startswith(word + " "):
            text = text[len(word):].strip()
            lowered = text.lower()
    sign = 1.0
    arrow = text[:1] if text[:1] in ("↑", "↓") else ""
    if arrow:
        sign, text = (1.0 if arrow == "↑" else -1.0), text[1:].strip()
        if text[:1] in ("+", "-"):
            raise PrintedFormError(f"{printed!r} has both the arrow {arrow!r} and the sign {text[0]!r}: the direction "
                                   "is stated twice and may conflict; transcribe one of them")
    if re.match(r"[+-]\s*[+-]", text):
        raise PrintedFormError(f"{printed!r} has two signs")
    percent = text.endswith("%")
    if percent:
        text = text[:-1].strip()
    parts = text.split()
    if not parts:
        raise PrintedFormError(f"no number in {printed!r}")
    value, decimals = parse_number(parts[0])
    rest = [p for p in parts[1:]]
    scale_word = None
    if rest and rest[0] in SCALES:
        scale_word = rest.pop(0)
    if rest and rest[0] == "USD":
        rest.pop(0)
    if rest:
        raise PrintedFormError(f"unexpected words {' '.join(rest)!r} in {printed!r}")
    wanted = UNITS[unit]
    if unit in ("%", "% change") and not percent:
        raise PrintedFormError(f"{printed!r} lacks a % sign but the unit is {unit!r}")
    if percent and unit not in ("%", "% change"):
        raise PrintedFormError(f"{printed!r} is a percentage but the unit is {unit!r}")
    if scale_word is not None and wanted is not None and scale_word != wanted:
        raise PrintedFormError(f"scale word {scale_word!r} in {printed!r} contradicts unit {unit!r}")
    if scale_word is not None and wanted is None:
        raise PrintedFormError(f"scale word {scale_word!r} in {printed!r} but unit {unit!r} has no scale")
    if unit in ("year", "count", "rank") and decimals:
        raise PrintedFormError(f"{printed!r}: a {unit} cannot have decimals")
    return Printed(value=sign * value, unit=unit, decimals=decimals, qualifier=qualifier)
