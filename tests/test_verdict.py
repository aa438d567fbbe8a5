"""The verdict rules (analysis/audit/verdict.py) on constructed cases."""
import pytest

import math

from analysis.reasons import AUTHORITIES_VI, BASES_VI, GAPS_VI
from analysis.audit.verdict import (AUTHORITIES, BASES, COARSE_UNITS, GAPS, PASSING, VERDICTS, accepted_interval, authority, basis_of, close_enough, coarse, hedge, precision,
                              rounds_to, transcription_like, verdict, weakest)


def v(*a, **k):
    return verdict(*a, **k)[0]


def test_exact_match():
    assert v(205.2, 1, "approx", "USD bn", 205.2, 0.1) == "match"


def test_rounding_truncation_and_rounding_up():
    # 24.4551 rounds to 24.46, not to the printed 24.45: it agrees only within the source figures' rounding
    assert verdict(24.45, 2, "none", "%", 24.4551, 0.0002) == ("rounding",
                                                               "equal within the rounding of the source figures")
    assert verdict(24.46, 2, "none", "%", 24.4551, 0.0002) == ("rounding",
                                                               "equal after rounding to the printed precision")
    assert v(3.12, 2, "none", "USD bn", 3.1296, 0.0) == "rounding"      # truncation: 3.1296 -> 3.12
    assert v(5.7, 1, "none", "USD bn", 5.62, 0.0) == "rounding"         # rounding up: 5.6 < 5.62 <= 5.7
    # 'khoảng 4,59' against 4.6 +- 0.05: 4.6 itself rounds to 4.60, but 4.59 lies in 4.55-4.65
    assert verdict(4.59, 2, "approx", "USD bn", 4.6, 0.05) == ("rounding",
                                                               "equal within the rounding of the source figures")
    assert verdict(3.12, 2, "none", "USD bn", 3.1296, 0.0)[1] == "equal after truncation to the printed precision"
    # 'khoảng 60%' is a round figure (u = 10): 64.9 rounds to 60, 65.0 rounds to 70 (half away from zero)
    assert verdict(60, 0, "approx", "%", 64.9, 0.0)[1] == "equal after rounding to the printed precision"
    assert v(60, 0, "approx", "%", 65.0, 0.0) == "rounding"             # rounding up is not it, 65 > 60 + ...
    assert verdict(60, 0, "approx", "%", 65.0, 0.0)[1] != "equal after rounding to the printed precision"


def test_rounds_to_is_half_away_from_zero():
    assert rounds_to(1.215, 1.22, 0.01) and not rounds_to(1.2149, 1.22, 0.01)
    assert rounds_to(-8.05, -8.1, 0.1) and rounds_to(205.2, 205, 1) and not rounds_to(205.5, 205, 1)
    assert rounds_to(76.2, 80, 10) and not rounds_to(76.2, 60, 10)


def test_discrepancy():
    assert v(132.4, 1, "approx", "USD bn", 134.0, 1.0) == "discrepancy"
    assert v(13, 0, "approx", "USD bn", 15.0, 1.0) == "discrepancy"
    assert v(3.12, 2, "none", "USD bn", 3.1351, 0.0) == "discrepancy"   # truncation would give 3.13


def test_hedges_are_tested_as_the_bounds_they_state():
    # 'trên 132 tỷ' against 134 +- 1: 134 > 132, the bound is met (as 'trên 205' against 205.2 is)
    assert verdict(132, 0, "above", "USD bn", 134.0, 1.0) == ("within_bound", "above the stated bound")
    assert verdict(205, 0, "above", "USD bn", 205.2, 0.1) == ("within_bound", "above the stated bound")
    # 'khoảng 132' is a window, not a bound: 134 +- 1 is 2 away, more than 0.5 + 1
    assert v(132, 0, "approx", "USD bn", 134.0, 1.0) == "discrepancy"
    # 'hơn 80%' tests 80 itself, not a window around it: 92 is more than 80, 79.9 +- 0.05 is not
    assert v(80, 0, "above", "%", 92.0, 0.1) == "within_bound"
    assert verdict(80, 0, "above", "%", 79.9, 0.05) == ("discrepancy", "not above the stated bound")
    # 'vượt ngưỡng 1 tỷ': 0.974 rounds to 1 but is below the threshold
    assert v(1, 0, "above", "TIV bn", 0.974, 0.0005) == "discrepancy" and v(1, 0, "above", "TIV bn", 1.01, 0.0005) \
        == "within_bound"
    # 'hơn 26%' against 25.9 +- 0.3: 26 lies inside 25.6-26.2, so the data cannot show the bound is not met
    assert verdict(26, 0, "above", "% change", 25.9, 0.3) == (
        "within_bound", "above the stated bound within the uncertainty of the recomputed value")
    assert v(26, 0, "above", "% change", 25.9, 0.1) == "discrepancy"    # 25.8-26.0 never exceeds 26
    assert v(26, 0, "above", "% change", 26.0, 0.0) == "discrepancy"    # exactly 26 is not more than 26
    # 'gần 5,7' (at most): 5.6958 is below, 5.75 +- 0.01 is not, 5.705 +- 0.01 only within the uncertainty
    assert verdict(5.7, 1, "below", "USD bn", 5.6958, 0.0) == ("within_bound", "below the stated bound")
    assert v(5.7, 1, "below", "USD bn", 5.75, 0.01) == "discrepancy"
    assert verdict(5.7, 1, "below", "USD bn", 5.705, 0.01)[1].endswith("within the uncertainty of the recomputed value")
    # a bound accepts everything on its side, so it is never a coarse window
    assert accepted_interval(80, 0, "above", "%", 0.1) == (79.9, math.inf) and not coarse(80, 0, "above", "%", 0.1)


def test_round_figures_are_precise_to_their_last_nonzero_digit():
    assert precision(80, 0, "above", "%") == 10 and precision(60, 0, "approx", "%") == 10
    assert precision(80, 0, "none", "%") == 1          # unhedged: read at the last digit
    assert precision(10, 0, "above", "rank change") == 1 and precision(2020, 0, "approx", "year") == 1
    assert v(60, 0, "approx", "%", 76.2, 0.1) == "discrepancy"    # 'about 60%' accepts 55-65 only


def test_vocabularies_and_their_display_forms():
    assert BASES == ("independent", "mixed", "article_only")
    assert GAPS == ("source_not_consulted", "no_source_found", "not_measurable", "incomplete_data")
    assert AUTHORITIES == ("official", "secondary", "third_party_copy")
    for words, vi in ((BASES, BASES_VI), (GAPS, GAPS_VI), (AUTHORITIES, AUTHORITIES_VI)):
        assert set(vi) == set(words) and all(vi[w] and vi[w] != w for w in words)
    assert basis_of("internal") == "article_only" and basis_of("mixed") == "mixed" and basis_of("none") == ""


def test_authority_from_the_sources_metadata():
    gh = "https://github.com/someone/copy/blob/abc/file.csv"
    # an older grading of the figures (official_cited, press, low): the rule on the host the copy was read from
    assert authority({"authority": "press", "url": gh, "publisher": "Kaggle user x"}) == "third_party_copy"
    assert authority({"authority": "low", "url": "https://github.com/o/r", "publisher": "GitHub"}) == "secondary"
    for a in ("official_cited", "press", "low", ""):
        assert authority({"authority": a, "url": "https://vneconomy.vn/x.htm", "publisher": "VnEconomy"}) == "secondary"
    # the column may state the authority of the copy read directly: that wins over the rule
    assert authority({"authority": "third_party_copy", "url": "https://www.ecb.europa.eu/x", "publisher": "ECB"}) \
        == "third_party_copy"
    assert authority({"authority": "official", "url": "https://mpi.gov.vn/x", "publisher": "MPI"}) == "official"
    assert authority({"authority": "secondary", "url": gh, "publisher": "SIPRI"}) == "secondary"
    assert weakest(["official", "third_party_copy", "secondary"]) == "third_party_copy"
    assert weakest(["official", "secondary", ""]) == "secondary" and weakest([]) == ""


def test_internal_basis_is_consistent_not_a_match():
    assert v(4300.6, 1, "none", "USD mn", 4300.7, 0.55, basis="internal") == "consistent"
    assert v(9.39, 2, "above", "USD bn", 9.3952, 0.00005, basis="internal") == "consistent"
    assert v(9.39, 2, "above", "USD bn", 9.3952, 0.00005, basis="mixed") == "within_bound"
    assert v(9.5, 1, "none", "USD bn", 9.3952, 0.00005, basis="internal") == "discrepancy"   # still a discrepancy


def test_hedge_flag_is_separate_from_the_verdict():
    assert hedge("above", 26, 25.9) == "not_borne_out" and v(26, 0, "approx", "% change", 25.9, 0.3) == "rounding"
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


def test_a_hedged_source_figure_is_the_interval_its_words_state():
    from analysis.audit.verdict import agree, combine, stated_interval
    # 'hơn 132' (more than 132), written to the unit: the next rounding step is 1, so above 132 up to 133
    assert stated_interval(132, 0, "more_than") == (132, 133, 0.0)
    # 'gần 119' (nearly 119): 118 up to below 119; '15' exact: 15 with half a unit of rounding
    assert stated_interval(119, 0, "nearly") == (118, 119, 0.0)
    assert stated_interval(15, 0, "exact") == (15, 15, 0.5)
    # 'gần 1 tỷ' entered as 1000 mn USD: a single significant digit, read to a tenth of it: 900 up to below 1,000
    assert stated_interval(1000, 0, "nearly") == (900, 1000, 0.0)
    # 'khoảng 990' (about 990): a round figure, precise to its last non-zero digit (10): 990 with 5 of rounding
    assert stated_interval(990, 0, "about") == (990, 990, 5.0)
    # exports + imports of the US source: [118, 119) + 15 = [133, 134), with 0.5 of rounding: 132.5 to 134.5
    parts = combine([[1, 119, 0, "nearly"], [1, 15, 0, "exact"]])
    assert parts == (133, 134, 0.5)
    # the stated total, more than 132 (up to 133), and the parts share 132.5 to 133: 134 IS more than 132
    assert agree(parts, stated_interval(132, 0, "more_than"))
    # read as exact figures (132 ± 0.5 against 119 + 15 = 134 ± 1) they would not: the conclusion the hedges undo
    assert not agree((132, 132, 0.5), (134, 134, 1.0))
    # turnover − exports: (132, 133] − [118, 119) = 13 up to 15
    assert combine([[1, 132, 0, "more_than"], [-1, 119, 0, "nearly"]]) == (13, 15, 0.0)


def test_a_printed_figure_against_the_range_a_hedged_source_states():
    # 'khoảng 119' against 'gần 119' = [118, 119): a value of the range rounds to 119, but none is equal to it
    assert verdict(119, 0, "approx", "USD bn", 119, 0.0, stated=(118, 119)) == \
        ("rounding", "equal after rounding a value in the range the source states")
    # '~132,4' against 'gần 119' + 15 = [133, 134) ± 0.5: 132.4 is 0.6 below 133, more than 0.05 + 0.5 -> discrepancy
    assert verdict(132.4, 1, "approx", "USD bn", 134, 0.5, stated=(133, 134))[0] == "discrepancy"
    # the same printed figure against the stated total, 'hơn 132' = (132, 133]: 132.4 lies inside it
    assert verdict(132.4, 1, "approx", "USD bn", 132, 0.0, stated=(132, 133))[0] == "rounding"
    # 'trên 132' against [133, 134): every value of the range is above 132
    assert verdict(132, 0, "above", "USD bn", 134, 0.5, stated=(133, 134)) == ("within_bound", "above the stated bound")


def test_a_bound_equal_to_the_recomputed_value_is_not_reported_above_it():
    # 'hơn 26%' against +26% (± 0.5): equal to the bound; above it only within the rounding of 26
    assert v(26, 0, "above", "% change", 26, 0.5) == "within_bound"
    assert verdict(26, 0, "above", "% change", 26, 0.5)[1] == \
        "equal to the stated bound, above it only within the uncertainty of the recomputed value"
    assert hedge("above", 26, 26) == "at_bound" and hedge("below", 5.7, 5.7) == "at_bound"


def test_a_bound_met_has_its_own_verdict_not_rounding():
    # 'hơn 80%' against 88.5%: a bound, not a value; 88.5 > 80 meets it and nothing is rounded (issue 24)
    assert verdict(80, 0, "above", "%", 88.5, 0.05) == ("within_bound", "above the stated bound")
    # the same printed 80 with no hedge against 80.04: 80.04 rounded to the unit is 80 -> rounding
    assert verdict(80, 0, "none", "%", 80.04, 0.0) == ("rounding", "equal after rounding to the printed precision")
    # 'gần 80%' against 88.5%: nearly 80 means at most 80; 88.5 is not -> a discrepancy, not a bound met
    assert v(80, 0, "below", "%", 88.5, 0.05) == "discrepancy"
    # a bound met is a pass and counts as reproduced wherever a rounding does
    from analysis.audit.report import REPRODUCED
    assert "within_bound" in PASSING and "within_bound" in VERDICTS and "within_bound" in REPRODUCED
