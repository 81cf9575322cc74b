#!/usr/bin/env python3
"""Generates dpop/_ffi.py, the table of C prototypes, from include/dpop.h.

    python3 bindings/python/gen_ffi.py          # rewrite dpop/_ffi.py
    python3 bindings/python/gen_ffi.py --check  # exit 1 if dpop/_ffi.py is out of date

The header is written by cbindgen: every prototype is `TYPE NAME(PARAMS);`, possibly wrapped
over several lines, with TYPE one of `const char *`, `int`, `void` or a handle `HCk<Class>`.
A prototype of any other shape is an error, so a header change the bindings do not know about
cannot slip through.
"""

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
HEADER = HERE.parent.parent / "include" / "dpop.h"
OUTPUT = HERE / "dpop" / "_ffi.py"

C_TYPE = r"const char \*|int|void|HCk\w+"
PROTOTYPE = re.compile(rf"^({C_TYPE}) ?(Ck\w+)\((.*)\);$")
PARAMETER = re.compile(rf"^({C_TYPE}) ?\w+$")
COMMENTS = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)


def parse(header: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Returns {function name: (C return type, C parameter types)} for every prototype."""
    code = "\n".join(
        line
        for line in COMMENTS.sub("", header).splitlines()
        if not line.startswith("#") and line.strip() not in ('extern "C" {', "}")
    )
    prototypes = {}
    # Declarations end with ';'; a wrapped prototype is joined into one line.
    for declaration in code.split(";")[:-1]:
        line = " ".join(declaration.split()) + ";"
        if line.startswith("typedef "):
            continue
        match = PROTOTYPE.match(line)
        if not match:
            raise ValueError(f"unsupported declaration in the header: {line}")
        restype, name, params = match.groups()
        prototypes[name] = (restype, parse_parameters(name, params))
    if not prototypes:
        raise ValueError("no prototypes found in the header")
    return prototypes


def parse_parameters(function: str, params: str) -> tuple[str, ...]:
    if params == "void":
        return ()
    types = []
    for param in params.split(", "):
        match = PARAMETER.match(param)
        if not match or match.group(1) == "void":
            raise ValueError(f"unsupported parameter {param!r} of {function}")
        types.append(match.group(1))
    return tuple(types)


def render(header: str) -> str:
    """The text of dpop/_ffi.py for this header."""
    lines = [
        "# Generated from include/dpop.h by bindings/python/gen_ffi.py. Do not edit: run",
        "# `python3 bindings/python/gen_ffi.py` after changing the header.",
        '"""Every function of libdpop: name -> (C return type, C parameter types)."""',
        "",
        "PROTOTYPES: dict[str, tuple[str, tuple[str, ...]]] = {",
    ]
    for name, (restype, argtypes) in parse(header).items():
        lines.append(f"    {name!r}: ({restype!r}, {argtypes!r}),")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    expected = render(HEADER.read_text(encoding="utf-8"))
    if argv[1:] == ["--check"]:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != expected:
            print(f"{OUTPUT} is out of date: run python3 {Path(__file__).name}", file=sys.stderr)
            return 1
        return 0
    if argv[1:]:
        print(__doc__, file=sys.stderr)
        return 2
    OUTPUT.write_text(expected, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
