"""The replication report's classification (analysis/report.py) on constructed audits."""
import pandas as pd
import pytest

from analysis import report


@pytest.mark.parametrize("share,cls", [(1.0, "fully reproduced"), (0.75, "largely reproduced"),
                                       (0.7499, "partially reproduced"), (0.25, "partially reproduced"),
                                       (0.2499, "not reproduced"), (None, "not verifiable")])
def test_classes_by_stated_thresholds(share, cls):
    assert report.classify(share) == cls


def test_tally_counts_only_independent_checks_and_half_of_partly_holding_claims():
    audit = pd.DataFrame({"result": ["table1"] * 5, "verdict": ["match", "rounding", "consistent", "discrepancy",
                                                                "not_verifiable"],
                          "category": ["reproduced", "reproduced", "self_consistent", "data_release", "not_verifiable"],
                          "coarse": ["True", "False", "True", "True", "False"]}).to_dict("records")
    claims = [{"verdict": v} for v in ("holds", "partly holds", "does not hold", "not verifiable")]
    t = report.tally(audit, claims)
    assert (t["table1"]["checkable"], t["table1"]["reproduced"], t["table1"]["class"]) == (3, 2, "partially reproduced")
    assert t["table1"]["coarse"] == 2 and t["table1"]["by_category"]["data_release"] == 1   # coarse among passing (match, consistent) only
    assert t["claims"]["reproduced"] == 1.5 and t["claims"]["checkable"] == 3
    assert t["overall"]["reproduced"] == 3.5 and t["overall"]["checkable"] == 6
    assert t["table2"]["class"] == "not verifiable"
