#!/usr/bin/env python3
"""Records the members (methods and properties) of Chilkat 11's classes into fixtures/members.json.

Run by hand, like record.py (it needs the commercial chilkat2 package):

    /tmp/ck/bin/python tests/chilkat_diff/record_members.py

scripts/compat_table.py reads the file to list, for each class libdpop offers, which of Chilkat's
members it has and which it leaves out.
"""

import inspect
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CLASSES = ["Global", "StringBuilder", "JsonObject", "JsonArray", "PrivateKey", "Http",
           "HttpRequest", "HttpResponse", "Rest"]


def members(cls) -> dict:
    found = {"methods": [], "properties": []}
    for name in sorted(dir(cls)):
        if name.startswith("_"):
            continue
        kind = type(inspect.getattr_static(cls, name)).__name__
        found["properties" if kind == "getset_descriptor" else "methods"].append(name)
    return found


def main() -> int:
    import chilkat2

    document = {"chilkat_version": chilkat2.Global().Version,
                "classes": {name: members(getattr(chilkat2, name)) for name in CLASSES}}
    path = HERE / "fixtures" / "members.json"
    lines = ["{", f' "chilkat_version": {json.dumps(document["chilkat_version"])},', ' "classes": {']
    for n, (name, found) in enumerate(document["classes"].items()):
        lines.append(f"  {json.dumps(name)}: {{")
        lines.append(f'   "methods": {json.dumps(found["methods"])},')
        lines.append(f'   "properties": {json.dumps(found["properties"])}')
        lines.append("  }" + ("," if n + 1 < len(document["classes"]) else ""))
    lines += [" }", "}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{path.relative_to(HERE)}: {sum(len(m['methods']) + len(m['properties']) for m in document['classes'].values())} members")
    return 0


if __name__ == "__main__":
    sys.exit(main())
