#!/usr/bin/env python3
"""Generates dpop/_ffi.py, the table of C prototypes and the error codes, from include/dpop.h.

    python3 bindings/python/gen_ffi.py          # rewrite dpop/_ffi.py
    python3 bindings/python/gen_ffi.py --check  # exit 1 if dpop/_ffi.py is out of date

The header is parsed by scripts/dpop_header.py: a prototype of any shape it does not know is an
error, so a header change the bindings do not know about cannot slip through.
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent / "scripts"))
import dpop_header  # noqa: E402

OUTPUT = HERE / "dpop" / "_ffi.py"


def parse(header: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Returns {function name: (C return type, C parameter types)} for every prototype."""
    return {
        f.name: (f.restype, tuple(ctype for ctype, _ in f.params))
        for f in dpop_header.parse(header)
    }


def render(header: str) -> str:
    """The text of dpop/_ffi.py for this header."""
    lines = [
        "# Generated from include/dpop.h by bindings/python/gen_ffi.py. Do not edit: run",
        "# `python3 bindings/python/gen_ffi.py` after changing the header.",
        '"""Every function of libdpop (name -> (C return type, C parameter types)) and its error codes."""',
        "",
        "import enum",
        "",
        "PROTOTYPES: dict[str, tuple[str, tuple[str, ...]]] = {",
    ]
    for name, (restype, argtypes) in parse(header).items():
        lines.append(f"    {name!r}: ({restype!r}, {argtypes!r}),")
    lines += [
        "}",
        "",
        "",
        "class ErrorCode(enum.IntEnum):",
        '    """Why the last method call failed (LastErrorCode): the DPOP_OK and DPOP_ERR_* codes of',
        '    dpop.h, whose numbers never change."""',
    ]
    for code in dpop_header.error_codes(header):
        lines += ["", f"    {code.short_name} = {code.value}", f"    {code.doc!r}"]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    expected = render(dpop_header.read())
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
