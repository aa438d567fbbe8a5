import pytest

from analysis.printed import PrintedFormError, parse_number, parse_printed


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
