"""Parses include/dpop.h, for the scripts that generate or check code from it.

The header is written by cbindgen from src/ffi: every prototype is `TYPE NAME(TYPE NAME, ...);`
(or `TYPE NAME(void);`), possibly wrapped over several lines, with TYPE one of `const char *`,
`int`, `void` or a handle `HCk<Class>`, and NAME either a method `Ck<Class>_<member>` or a library
function `dpop_<name>`. Its constants are `#define DPOP_<NAME> <integer>`, each after a doc
comment: the error codes DPOP_OK and DPOP_ERR_* and the version DPOP_VERSION_*. A declaration or
#define of any other shape is an error, so a header change the scripts do not know about cannot
slip through.
"""

import re
from pathlib import Path
from typing import Callable, NamedTuple

HEADER = Path(__file__).resolve().parent.parent / "include" / "dpop.h"

C_TYPE = r"const char \*|int|void|HCk\w+"
PROTOTYPE = re.compile(rf"^({C_TYPE}) ?(Ck\w+|dpop_\w+)\((.*)\);$")
PARAMETER = re.compile(rf"^({C_TYPE}) ?(\w+)$")
COMMENTS = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)
#: The preprocessor lines cbindgen writes besides the constants: the include guard and the
#: C++ `extern "C"` wrapper.
DIRECTIVES = re.compile(r"^#(ifndef DPOP_H|define DPOP_H|ifdef __cplusplus|endif\b.*)$")
CONSTANT = re.compile(r"^#define (DPOP_[A-Z0-9_]+) (-?\d+)$")
# A constant with the doc comment right before it.
DOCUMENTED_CONSTANT = re.compile(r"/\*\*((?:(?!\*/).)*)\*/\s*#define (DPOP_\w+) ", re.S)
ERROR_CODE = re.compile(r"^DPOP_(OK|ERR_[A-Z0-9_]+)$")
VERSION_PARTS = ("DPOP_VERSION_MAJOR", "DPOP_VERSION_MINOR", "DPOP_VERSION_PATCH")


class Function(NamedTuple):
    restype: str
    name: str
    params: tuple[tuple[str, str], ...]  # (C type, name) of each parameter

    @property
    def cls(self) -> str | None:
        """`CkHttp` for the method `CkHttp_quickGetStr`; None for a library function (`dpop_version`)."""
        return None if self.name.startswith("dpop_") else self.name.split("_", 1)[0]


class Constant(NamedTuple):
    name: str  # DPOP_ERR_NETWORK
    value: int
    doc: str  # its doc comment as one line of text

    @property
    def short_name(self) -> str:
        """The name without its family prefix: NETWORK for DPOP_ERR_NETWORK, OK for DPOP_OK."""
        return re.sub(r"^DPOP_(ERR_|VERSION_)?", "", self.name)


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


def constants(header: str) -> list[Constant]:
    """Every `#define DPOP_<NAME> <integer>` of the header, in order, with its doc comment."""
    docs = {name: " ".join(re.sub(r"^\s*\* ?", "", line).strip() for line in doc.strip().splitlines())
            for doc, name in DOCUMENTED_CONSTANT.findall(header)}
    result = []
    for line in header.splitlines():
        line = line.strip()
        if not line.startswith("#") or DIRECTIVES.match(line):
            continue
        match = CONSTANT.match(line)
        if not match:
            raise ValueError(f"unsupported preprocessor line in the header: {line}")
        name, value = match[1], int(match[2])
        if not docs.get(name):
            raise ValueError(f"{name} has no doc comment in the header")
        result.append(Constant(name, value, docs[name]))
    names = [c.name for c in result]
    if len(set(names)) != len(names):
        raise ValueError("a constant is defined more than once in the header")
    return result


def error_codes(header: str) -> list[Constant]:
    """DPOP_OK and the DPOP_ERR_* codes, in header order: 0 first, every number distinct."""
    codes = [c for c in constants(header) if ERROR_CODE.match(c.name)]
    if not codes or (codes[0].name, codes[0].value) != ("DPOP_OK", 0):
        raise ValueError("the first error code of the header must be DPOP_OK 0")
    values = [c.value for c in codes]
    if len(set(values)) != len(values):
        raise ValueError(f"error codes share a number: {values}")
    return codes


def version(header: str) -> tuple[int, int, int]:
    """(DPOP_VERSION_MAJOR, DPOP_VERSION_MINOR, DPOP_VERSION_PATCH) of the header."""
    values = {c.name: c.value for c in constants(header)}
    missing = [name for name in VERSION_PARTS if name not in values]
    if missing:
        raise ValueError(f"the header does not define {', '.join(missing)}")
    major, minor, patch = (values[name] for name in VERSION_PARTS)
    return major, minor, patch


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
