#!/usr/bin/env python3
"""Replays the recorded Chilkat cases (fixtures/*.json) against libdpop and compares.

What libdpop must give for a step is what Chilkat gave, unless differences.json lists the step:
then it is what that file says, for the reason it names. The test suite uses this module
(tests/python/test_chilkat_diff.py for Python, gen_c.py for C); by hand:

    python3 tests/chilkat_diff/replay.py                        # report the steps that differ
    python3 tests/chilkat_diff/replay.py --summary              # the differences, per reason
    python3 tests/chilkat_diff/replay.py --update-differences   # write what libdpop gives now

--update-differences keeps the reason of every case already listed, lists new differing cases
with the reason "unexplained" (which the tests refuse until a reason is given), and drops cases
that no longer differ. It needs the dpop package (bindings/python) and DPOP_LIBRARY, or a
built target/debug/libdpop.so.
"""

import json
import os
import sys
from pathlib import Path
from typing import Any, Iterator

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
FIXTURES = HERE / "fixtures"
DIFFERENCES = HERE / "differences.json"
UNEXPLAINED = "unexplained"
#: What a step can observe (see runner.py).
FIELDS = ("ret", "ok")


def fixtures() -> dict[str, dict]:
    """{fixture name: its document} for every fixture file."""
    return {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in sorted(FIXTURES.glob("*.json"))}


def all_cases() -> Iterator[dict]:
    for document in fixtures().values():
        # members.json (Chilkat's member list, for the README's table) has no cases.
        yield from document.get("cases", [])


def differences() -> dict:
    return json.loads(DIFFERENCES.read_text(encoding="utf-8"))


def expected_steps(case: dict, listed: dict) -> list[dict]:
    """What libdpop must observe at each step of `case`: Chilkat's observation, with the
    fields differences.json lists for the case replaced."""
    overrides = listed.get("cases", {}).get(case["id"], {}).get("steps", {})
    expected = []
    for index, step in enumerate(case["steps"]):
        seen = {field: step[field] for field in FIELDS if field in step}
        seen.update(overrides.get(str(index), {}))
        expected.append(seen)
    return expected


def mismatches(expected: list[dict], observed: list[dict]) -> list[tuple[int, str, Any, Any]]:
    """(step, field, expected, observed) for every field that differs. Types count: True is not 1."""
    found = []
    for index, (want, got) in enumerate(zip(expected, observed)):
        for field in FIELDS:
            if field not in want:
                continue
            a, b = want[field], got.get(field)
            if a != b or type(a) is not type(b):
                found.append((index, field, a, b))
    return found


def chilkat_steps(case: dict) -> list[dict]:
    """Chilkat's observations alone (no differences applied)."""
    return expected_steps(case, {})


def import_dpop() -> Any:
    os.environ.setdefault("DPOP_LIBRARY", str(ROOT / "target" / "debug" / "libdpop.so"))
    sys.path.insert(0, str(ROOT / "bindings" / "python"))
    sys.path.insert(0, str(HERE))
    import dpop

    return dpop


def replay(module: Any) -> dict[str, list[dict]]:
    """{case id: libdpop's observations} for every case."""
    import runner

    return {case["id"]: runner.observe(module, case) for case in all_cases()}


def update_differences(observed: dict[str, list[dict]]) -> dict:
    """differences.json rewritten for what libdpop gives now."""
    old = differences() if DIFFERENCES.exists() else {"reasons": {}, "cases": {}}
    cases = {}
    for case in all_cases():
        diff = mismatches(chilkat_steps(case), observed[case["id"]])
        if not diff:
            continue
        steps: dict[str, dict] = {}
        for index, field, _, got in diff:
            steps.setdefault(str(index), {})[field] = got
        reason = old["cases"].get(case["id"], {}).get("reason", UNEXPLAINED)
        cases[case["id"]] = {"reason": reason, "steps": steps}
    return {"reasons": old["reasons"], "cases": cases}


def write_differences(document: dict) -> None:
    """Writes differences.json with one case per line block, steps on one line each, so that a
    review sees which steps changed."""
    lines = ["{", ' "reasons": {']
    reasons = list(document["reasons"].items())
    for n, (key, text) in enumerate(reasons):
        lines.append(f"  {json.dumps(key)}: {json.dumps(text, ensure_ascii=False)}{',' if n + 1 < len(reasons) else ''}")
    lines += [" },", ' "cases": {']
    cases = list(document["cases"].items())
    for n, (case_id, entry) in enumerate(cases):
        lines.append(f"  {json.dumps(case_id, ensure_ascii=False)}: {{\"reason\": {json.dumps(entry['reason'])}, \"steps\": {{")
        steps = list(entry["steps"].items())
        for m, (index, fields) in enumerate(steps):
            lines.append(f"   {json.dumps(index)}: {json.dumps(fields, ensure_ascii=False)}{',' if m + 1 < len(steps) else ''}")
        lines.append(f"  }}}}{',' if n + 1 < len(cases) else ''}")
    lines += [" }", "}"]
    DIFFERENCES.write_text("\n".join(lines) + "\n", encoding="utf-8")


def summary(document: dict) -> str:
    """The differences per reason: count and reason text, most frequent first."""
    counts: dict[str, int] = {}
    for entry in document["cases"].values():
        counts[entry["reason"]] = counts.get(entry["reason"], 0) + 1
    total = sum(1 for _ in all_cases())
    lines = [f"{len(document['cases'])} of {total} cases differ from Chilkat:"]
    for reason, count in sorted(counts.items(), key=lambda item: -item[1]):
        lines.append(f"{count:5d}  {reason}: {document['reasons'].get(reason, '(no text)')}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if "--summary" in argv:
        print(summary(differences()))
        return 0
    observed = replay(import_dpop())
    if "--update-differences" in argv:
        document = update_differences(observed)
        write_differences(document)
        print(summary(document))
        return 0
    listed = differences()
    failed = 0
    for case in all_cases():
        diff = mismatches(expected_steps(case, listed), observed[case["id"]])
        if diff:
            failed += 1
            for index, field, want, got in diff:
                print(f"{case['id']} step {index} {field}: expected {want!r}, libdpop gave {got!r}")
    print(f"chilkat-diff (Python): {failed} case(s) differ from the fixtures and differences.json")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
