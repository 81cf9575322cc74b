"""Parses the prototypes of include/dpop.h, for the scripts that generate or check code from it.

The header is written by cbindgen from src/ffi: every prototype is `TYPE NAME(TYPE NAME, ...);`
(or `TYPE NAME(void);`), possibly wrapped over several lines, with TYPE one of `const char *`,
`int`, `void` or a handle `HCk<Class>`. A declaration of any other shape is an error, so a header
change the scripts do not know about cannot slip through.
"""

import re
from pathlib import Path
from typing import Callable, NamedTuple

HEADER = Path(__file__).resolve().parent.parent / "include" / "dpop.h"

C_TYPE = r"const char \*|int|void|HCk\w+"
PROTOTYPE = re.compile(rf"^({C_TYPE}) ?(Ck\w+)\((.*)\);$")
PARAMETER = re.compile(rf"^({C_TYPE}) ?(\w+)$")
COMMENTS = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)


class Function(NamedTuple):
    restype: str
    name: str
    params: tuple[tuple[str, str], ...]  # (C type, name) of each parameter


def read() -> str:
    """The text of include/dpop.h."""
    return HEADER.read_text(encoding="utf-8")


def parse(header: str) -> list[Function]:
    """Every prototype of the header, in order."""
    code = "\n".join(
        line
        for line in COMMENTS.sub("", header).splitlines()
        if not line.lstrip().startswith("#") and line.strip() not in ('extern "C" {', "}")
    )
    functions = []
    # Declarations end with ';'; a wrapped prototype is joined into one line.
    for declaration in code.split(";")[:-1]:
        line = " ".join(declaration.split()) + ";"
        if line.startswith("typedef "):
            continue
        match = PROTOTYPE.match(line)
        if not match:
            raise ValueError(f"unsupported declaration in the header: {line}")
        restype, name, params = match.groups()
        functions.append(Function(restype, name, parse_parameters(name, params)))
    if not functions:
        raise ValueError("no prototypes found in the header")
    names = [f.name for f in functions]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise ValueError(f"declared more than once in the header: {', '.join(duplicates)}")
    return functions


def parse_parameters(function: str, params: str) -> tuple[tuple[str, str], ...]:
    if params == "void":
        return ()
    result = []
    for param in params.split(","):
        match = PARAMETER.match(param.strip())
        if not match or match.group(1) == "void":
            raise ValueError(f"unsupported parameter {param.strip()!r} of {function}")
        result.append((match.group(1), match.group(2)))
    return tuple(result)


def report(name: str, check: Callable[[], tuple[list[str], str]], self_test: Callable[[], tuple[list[str], int]], argv: list[str]) -> int:
    """Runs a binding check (and with --self-test its broken copies), prints one line per error
    and a PASS/FAIL summary, and returns the exit status."""
    errors, summary = check()
    if "--self-test" in argv:
        failures, cases = self_test()
        errors += failures
        summary += f", {cases - len(failures)} of {cases} broken copies caught"
    for e in errors:
        print(f"FAIL {e}")
    print(f"{'FAIL' if errors else 'PASS'} {name} check: {summary}, {len(errors)} errors")
    return 1 if errors else 0
