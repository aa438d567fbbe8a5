import pytest

from analysis.contract.printed import PrintedFormError, parse_number, parse_printed


@pytest.mark.parametrize("printed,unit,value,decimals,qualifier", [
    ("~205,2 tỷ USD", "USD bn", 205.2, 1, "approx"),
    ("khoảng 4,59 tỷ USD", "USD bn", 4.59, 2, "approx"),
    ("trên 132 tỷ USD", "USD bn", 132.0, 0, "above"),
    ("gần 5,7 tỷ USD", "USD bn", 5.7, 1, "below"),
    ("vượt ngưỡng 1 tỷ USD", "TIV bn", 1.0, 0, "above"),
    ("chỉ 41 triệu USD", "TIV mn", 41.0, 0, "none"),
    ("↓8,0%", "% change", -8.0, 1, "none"),
    ("↑90587,0%", "% change", 90587.0, 1, "none"),
    ("↓91976,4%", "% change", -91976.4, 1, "none"),
    ("↑0", "rank change", 0.0, 0, "none"),
    ("↓1", "rank change", -1.0, 0, "none"),
    ("9395,2", "USD mn", 9395.2, 1, "none"),
    ("hơn 80%", "%", 80.0, 0, "above"),
    ("24,45%", "%", 24.45, 2, "none"),
    ("2004", "year", 2004.0, 0, "none"),
])
def test_printed_forms(printed, unit, value, decimals, qualifier):
    p = parse_printed(printed, unit)
    assert p.value == pytest.approx(value)
    assert (p.decimals, p.qualifier) == (decimals, qualifier)


def test_thousands_dots_and_decimal_comma():
    assert parse_number("38.418,1") == (38418.1, 1)
    assert parse_number("38418,1") == (38418.1, 1)


@pytest.mark.parametrize("printed,unit", [
    ("205.2 tỷ USD", "USD bn"),        # English decimal point is not Vietnamese notation
    ("205,2 triệu USD", "USD bn"),     # scale word contradicts the unit
    ("8,0", "% change"),               # a change without its % sign
    ("12%", "USD mn"),                 # a percentage declared as money
    ("abc", "count"),
    ("", "count"),
    ("2004,5", "year"),
    ("5 tỷ USD", "furlongs"),          # unknown unit
    ("5 tỷ USD đô", "USD bn"),         # trailing words
])
def test_unparseable_forms_raise(printed, unit):
    with pytest.raises(PrintedFormError):
        parse_printed(printed, unit)


# --- read as a person reads it, or refused ------------------------------------------------------------

@pytest.mark.parametrize("printed,unit,value,decimals", [
    ("9\u00a0395,2", "USD mn", 9395.2, 1),            # no-break space between the thousands
    ("38\u202f418,1 tỷ USD", "USD bn", 38418.1, 1),   # narrow no-break space
    ("9\u2009395,2", "USD mn", 9395.2, 1),            # thin space
    ("1\u00a0234\u00a0567", "count", 1234567.0, 0),   # two groups
    ("\u22128,0%", "% change", -8.0, 1),              # the minus sign U+2212
    ("\u22121", "rank change", -1.0, 0),
    ("205,2\u00a0tỷ USD", "USD bn", 205.2, 1),        # a no-break space before the scale word is a space
])
def test_typographic_spaces_and_the_minus_sign_are_read(printed, unit, value, decimals):
    p = parse_printed(printed, unit)
    assert (p.value, p.decimals) == (pytest.approx(value), decimals)


@pytest.mark.parametrize("printed,unit,words", [
    ("↓-8,0%", "% change", "both the arrow"),          # a fall stated twice: which sign is meant?
    ("↓\u22128,0%", "% change", "both the arrow"),
    ("↑-8,0%", "% change", "both the arrow"),           # a rise with a minus: a conflict
    ("↑+3", "rank change", "both the arrow"),
    ("--5", "count", "two signs"),
    ("-\u22125", "count", "two signs"),
    ("２０５,2 tỷ USD", "USD bn", "FULLWIDTH DIGIT TWO"),
    ("٢٠٥ tỷ USD", "USD bn", "ARABIC-INDIC DIGIT TWO"),
    ("۲۰۵ tỷ USD", "USD bn", "EXTENDED ARABIC-INDIC DIGIT TWO"),
    ("1,5e3", "USD mn", "not a number"),                # scientific notation is not how the article prints
    ("1,5E3 tỷ USD", "USD bn", "not a number"),
    ("12\u00a034", "count", "unexpected words"),       # a group of two digits is not a thousands group
])
def test_conflicting_signs_other_scripts_and_exponents_are_refused(printed, unit, words):
    with pytest.raises(PrintedFormError) as exc:
        parse_printed(printed, unit)
    assert words in str(exc.value)
