from analysis.verdict import verdict


def v(*a, **k):
    return verdict(*a, **k)[0]


def test_exact_match():
    assert v(205.2, 1, "approx", "USD bn", 205.2, 0.1) == "match"


def test_rounding_and_truncation():
    assert v(24.45, 2, "none", "%", 24.4551, 0.0002) == "rounding"      # 24.4551 rounds to 24.46 but the
    assert v(3.12, 2, "none", "USD bn", 3.1296, 0.0) == "rounding"      # truncation clause: 3.1296 -> 3.12
    assert v(4.59, 2, "approx", "USD bn", 4.6, 0.05) == "rounding"      # source only has one decimal
    assert v(4300.6, 1, "none", "USD mn", 4300.7, 0.55) == "rounding"   # sum of 11 rounded figures


def test_discrepancy():
    assert v(132.4, 1, "approx", "USD bn", 134.0, 1.0) == "discrepancy"
    assert v(13, 0, "approx", "USD bn", 15.0, 1.0) == "discrepancy"
    assert v(3.12, 2, "none", "USD bn", 3.1351, 0.0) == "discrepancy"   # truncation would give 3.13


def test_bounds():
    assert v(132, 0, "above", "USD bn", 134.0, 1.0) == "match"          # 'more than 132' holds
    assert v(80, 0, "above", "%", 88.5, 0.1) == "match"
    assert v(80, 0, "above", "%", 70.0, 0.1) == "discrepancy"           # bound violated
    assert v(80, 0, "above", "%", 99.0, 0.1) == "discrepancy"           # true but far off: more than 15%
    assert v(5.7, 1, "below", "USD bn", 5.6958, 0.0) == "match"         # 'nearly 5.7'
    assert v(26, 0, "above", "% change", 25.9, 0.3) == "rounding"       # bound fails, rounding holds


def test_impossible_and_missing():
    assert v(-91976.4, 1, "none", "% change", -18.9, 0.7) == "discrepancy"
    assert verdict(-150, 0, "none", "% change", None)[1].startswith("impossible")
    assert v(113, 0, "none", "count", None) == "not_verifiable"
