"""The verdict rules (analysis/verdict.py) on constructed cases."""
import pytest

from analysis.verdict import (COARSE_UNITS, accepted_interval, close_enough, coarse, hedge, precision,
                              transcription_like, verdict)


def v(*a, **k):
    return verdict(*a, **k)[0]


def test_exact_match():
    assert v(205.2, 1, "approx", "USD bn", 205.2, 0.1) == "match"


def test_rounding_truncation_and_rounding_up():
    assert v(24.45, 2, "none", "%", 24.4551, 0.0002) == "rounding"      # within half a unit + e
    assert v(3.12, 2, "none", "USD bn", 3.1296, 0.0) == "rounding"      # truncation: 3.1296 -> 3.12
    assert v(5.7, 1, "below", "USD bn", 5.6958, 0.0) == "rounding"      # 'nearly 5.7': rounding
    assert v(5.7, 1, "none", "USD bn", 5.62, 0.0) == "rounding"         # rounding up: 5.6 < 5.62 <= 5.7
    assert v(4.59, 2, "approx", "USD bn", 4.6, 0.05) == "rounding"      # the source has one decimal only
    assert verdict(3.12, 2, "none", "USD bn", 3.1296, 0.0)[1] == "equal after truncation to the printed precision"


def test_discrepancy():
    assert v(132.4, 1, "approx", "USD bn", 134.0, 1.0) == "discrepancy"
    assert v(13, 0, "approx", "USD bn", 15.0, 1.0) == "discrepancy"
    assert v(3.12, 2, "none", "USD bn", 3.1351, 0.0) == "discrepancy"   # truncation would give 3.13


def test_one_rule_whatever_the_hedge():
    # the same printed 132 against the same recomputed 134 +- 1 gets one verdict, 'trên' or 'khoảng'
    assert {v(132, 0, q, "USD bn", 134.0, 1.0) for q in ("above", "approx", "none", "below")} == {"discrepancy"}
    # and 205 against 205.2 +- 0.1 passes under every hedge
    assert {v(205, 0, q, "USD bn", 205.2, 0.1) for q in ("above", "approx", "none")} == {"rounding"}


def test_round_figures_are_precise_to_their_last_nonzero_digit():
    assert precision(80, 0, "above", "%") == 10 and precision(60, 0, "approx", "%") == 10
    assert precision(80, 0, "none", "%") == 1          # unhedged: read at the last digit
    assert precision(10, 0, "above", "rank change") == 1 and precision(2020, 0, "approx", "year") == 1
    assert v(80, 0, "above", "%", 88.5, 0.1) == "rounding"        # 'more than 80%': 80 <= 88.5 < 90
    assert v(80, 0, "above", "%", 92.0, 0.1) == "discrepancy"     # beyond the round figure's precision
    assert v(60, 0, "approx", "%", 76.2, 0.1) == "discrepancy"    # 'about 60%' accepts 55-65 only


def test_internal_basis_is_consistent_not_a_match():
    assert v(4300.6, 1, "none", "USD mn", 4300.7, 0.55, basis="internal") == "consistent"
    assert v(9.39, 2, "above", "USD bn", 9.3952, 0.00005, basis="internal") == "consistent"
    assert v(9.39, 2, "above", "USD bn", 9.3952, 0.00005, basis="mixed") == "rounding"
    assert v(9.5, 1, "none", "USD bn", 9.3952, 0.00005, basis="internal") == "discrepancy"   # still a discrepancy


def test_hedge_flag_is_separate_from_the_verdict():
    assert hedge("above", 26, 25.9) == "not_borne_out" and v(26, 0, "above", "% change", 25.9, 0.3) == "rounding"
    assert hedge("above", 132, 134) == "borne_out"
    assert hedge("below", 5.7, 5.6958) == "borne_out" and hedge("below", 5.7, 5.75) == "not_borne_out"
    assert hedge("approx", 5.7, 9.0) == "" and hedge("above", 5.7, None) == ""


def test_coarse_flag():
    # Japan's change in Table 2: 6.6% against 6.62 +- 1.52 accepts about 5.0% to 8.2%
    lo, hi = accepted_interval(6.6, 1, "none", "% change", 1.524612)
    assert lo == pytest.approx(6.6 - 0.05 - 1.524612) and hi == pytest.approx(6.6 + 0.05 + 1.524612)
    assert coarse(6.6, 1, "none", "% change", 1.524612)
    # a precise check: 786 against 786.29 +- 0.005 accepts 785-787, 2 units, under COARSE_UNITS
    assert not coarse(786, 0, "approx", "USD bn", 0.005)
    # the boundary: the accepted width is max(2u, u + 2e); coarse when above COARSE_UNITS units
    u = 1.0
    e_edge = (COARSE_UNITS * u - u) / 2
    assert not coarse(100, 0, "none", "count", e_edge) and coarse(100, 0, "none", "count", e_edge + 0.01)


def test_impossible_and_missing():
    assert v(-91976.4, 1, "none", "% change", -18.9, 0.7) == "discrepancy"
    assert verdict(-150, 0, "none", "% change", None)[1].startswith("impossible")
    assert v(113, 0, "none", "count", None) == "not_verifiable"


def test_alternatives_must_hold_the_printed_figure_strictly_inside():
    assert not close_enough(41, 0, 42.0, 0.5)          # 41.5 is where the intervals only touch
    assert close_enough(41, 0, 41.4, 0.5) and close_enough(132.4, 1, 132.0, 0.5)
    assert close_enough(60, 0, 59.87, 0.1, "approx", "%")   # a round figure: 55-65


def test_transcription_slips():
    assert transcription_like(35.8, 1, 53.8)           # two adjacent digits swapped
    assert not transcription_like(35.8, 1, 38.5)       # digits on either side of the decimal point are not adjacent
    assert transcription_like(141, 0, 161)             # one digit changed, not the last
    assert not transcription_like(41, 0, 61) and not transcription_like(5.0, 1, 7.0)   # too few digits to tell
    assert not transcription_like(41, 0, 42)           # the last digit: closeness, not a slip
    assert not transcription_like(79.7, 1, 79.43)      # 79.4: last digit
    assert not transcription_like(35.8, 1, 46.2) and not transcription_like(100, 0, 1000)
