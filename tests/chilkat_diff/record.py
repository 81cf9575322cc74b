#!/usr/bin/env python3
"""Records what Chilkat 11.x does for every case of cases.py into fixtures/<name>.json.

Run by hand (it needs the commercial chilkat2 package, in trial mode), never in CI:

    python3 -m venv /tmp/ck && /tmp/ck/bin/pip install chilkat2
    /tmp/ck/bin/python tests/chilkat_diff/record.py            # every fixture
    /tmp/ck/bin/python tests/chilkat_diff/record.py jsonarray  # only these

Each fixture holds its cases with the observed results ("ret", "ok") merged into the steps,
and the Chilkat version that produced them. Then run `replay.py --update-differences` to see
what changed for libdpop.
"""

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import cases  # noqa: E402
import runner  # noqa: E402


def record(module, fixture_cases: list[dict]) -> list[dict]:
    recorded = []
    for c in fixture_cases:
        observed = runner.observe(module, c)
        steps = [{**s, **seen} for s, seen in zip(c["steps"], observed)]
        recorded.append({**c, "steps": steps})
    return recorded


def render(version: str, recorded: list[dict]) -> str:
    """The fixture file: JSON with one step per line, so that a review of a new recording sees
    which results changed."""
    lines = ["{", f' "chilkat_version": {json.dumps(version)},', ' "cases": [']
    for n, c in enumerate(recorded):
        head = {key: value for key, value in c.items() if key != "steps"}
        lines.append(f"  {json.dumps(head, ensure_ascii=False)[:-1]}, \"steps\": [")
        steps = [f"   {json.dumps(step, ensure_ascii=False)}" for step in c["steps"]]
        lines.append(",\n".join(steps))
        lines.append("  ]}" + ("," if n + 1 < len(recorded) else ""))
    lines += [" ]", "}"]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    import chilkat2

    glob = chilkat2.Global()
    if not glob.UnlockBundle("Anything for 30-day trial"):
        print(glob.LastErrorText, file=sys.stderr)
        return 1
    wanted = argv[1:]
    for name, fixture_cases in cases.cases_by_fixture().items():
        if wanted and name not in wanted:
            continue
        path = HERE / "fixtures" / f"{name}.json"
        path.write_text(render(glob.Version, record(chilkat2, fixture_cases)), encoding="utf-8")
        print(f"{path.relative_to(HERE)}: {len(fixture_cases)} cases")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
