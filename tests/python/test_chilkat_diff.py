"""The differential harness (tests/chilkat_diff): every case recorded from Chilkat 11.6.1 is
replayed through the dpop package and must give what Chilkat gave, or what differences.json
says libdpop gives instead, for a reason it states."""

import sys

import pytest

import dpop
from conftest import ROOT

sys.path.insert(0, str(ROOT / "tests" / "chilkat_diff"))
import replay  # noqa: E402
import runner  # noqa: E402

CASES = list(replay.all_cases())
LISTED = replay.differences()


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case_gives_what_chilkat_gives_or_the_listed_difference(case):
    observed = runner.observe(dpop, case)
    diff = replay.mismatches(replay.expected_steps(case, LISTED), observed)
    assert not diff, "\n".join(
        f"step {index} {case['steps'][index].get('do') or case['steps'][index].get('get')} {field}: "
        f"expected {want!r}, libdpop gave {got!r}"
        for index, field, want, got in diff
    )


def test_the_table_is_broad():
    per_class = {}
    for case in CASES:
        per_class[case["class"]] = per_class.get(case["class"], 0) + 1
    assert per_class["JsonObject"] >= 1000 and per_class["JsonArray"] >= 200, per_class
    assert per_class["StringBuilder"] >= 100 and per_class["Global"] >= 3, per_class


def test_every_listed_difference_has_a_stated_reason_and_a_case():
    ids = {case["id"] for case in CASES}
    reasons = LISTED["reasons"]
    used = set()
    for case_id, entry in LISTED["cases"].items():
        assert case_id in ids, f"differences.json lists {case_id}, which no fixture has"
        assert entry["reason"] in reasons, f"{case_id}: reason {entry['reason']!r} is not explained"
        used.add(entry["reason"])
        steps = len(next(c for c in CASES if c["id"] == case_id)["steps"])
        assert all(0 <= int(index) < steps for index in entry["steps"]), case_id
    assert used == set(reasons), f"reasons no case uses: {sorted(set(reasons) - used)}"
    assert replay.UNEXPLAINED not in reasons
