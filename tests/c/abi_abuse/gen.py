#!/usr/bin/env python3
"""Generates the C ABI abuse program from include/dpop.h, so every exported function is covered
without anyone listing it.

    python3 tests/c/abi_abuse/gen.py [HEADER] > build/abi-abuse/abi_abuse.c

The output is compiled together with tests/c/abi_abuse/harness.c (see scripts/abi-abuse.sh). It
is generated at test time and never committed, so it cannot go stale when the header changes.

For every function the program makes one "case" per (argument, abuse) pair, each on fresh
objects: NULL, a live handle of each other class, a disposed handle of its own class, a garbage
number and a pointer to memory that is no handle for each handle argument; NULL, five kinds of
invalid UTF-8, "", three 1 MiB strings and a valid value followed by a NUL and garbage for each
string argument; INT_MIN, -1 and INT_MAX for each int argument; plus one baseline call with
valid arguments. What is checked is in harness.c; the error codes it accepts (DPOP_OK and the
DPOP_ERR_* of the header) are written into the program from the header too.

`parse` is shared with tests/python/test_abi_abuse.py. The header is parsed by
scripts/dpop_header.py, which accepts exactly the prototype shapes cbindgen writes for src/ffi;
anything else is an error, so a new kind of argument cannot slip through untested.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "scripts"))
import dpop_header  # noqa: E402

#: Valid values for string arguments, by argument name; anything not listed gets DEFAULT_STRING.
#: `url` arguments get ABUSE_URL (the C program takes $ABI_ABUSE_URL instead when it is set): a
#: local port nobody listens on, so requests fail fast. Relative paths land in the working
#: directory, which the runners make a scratch directory.
VALID_STRINGS = {
    "path": "abi-abuse.out",
    "password": "",
    "curve": "P-256",
    "hashAlg": "SHA256",
    "json": '{"a":1}',
    "jsonText": '{"a":1}',
    "textData": "text",
    "numericStr": "3.25",
    "verb": "POST",
    "contentType": "application/json",
    "charset": "utf-8",
    "headerFieldName": "X-Abi",
    "headerFieldValue": "v",
    "fieldName": "Content-Type",
    "name": "a",
}
DEFAULT_STRING = "abi"
ABUSE_URL = "http://127.0.0.1:1/abi-abuse"


def valid_string(name: str) -> str:
    """The valid value of a string argument called `name`."""
    return ABUSE_URL if name == "url" else VALID_STRINGS.get(name, DEFAULT_STRING)


@dataclass(frozen=True)
class Param:
    ctype: str
    name: str

    @property
    def kind(self) -> str:
        if self.ctype == "const char *":
            return "string"
        if self.ctype == "int":
            return "int"
        return "handle"

    @property
    def handle_class(self) -> str:
        """`HCkHttp` -> `CkHttp`."""
        return self.ctype[1:]


@dataclass(frozen=True)
class Function:
    restype: str
    name: str
    params: tuple[Param, ...]

    @property
    def cls(self) -> str:
        """The class prefix: `CkHttp_quickGetStr` -> `CkHttp`."""
        return self.name.split("_", 1)[0]

    @property
    def member(self) -> str:
        return self.name.split("_", 1)[1] if "_" in self.name else self.name

    @property
    def has_self(self) -> bool:
        """The first argument is a handle of the function's own class."""
        return bool(self.params) and self.params[0].ctype == "H" + self.cls

    @property
    def is_create(self) -> bool:
        return not self.params and self.restype == "H" + self.cls

    @property
    def is_dispose(self) -> bool:
        return self.member == "Dispose" and self.has_self and len(self.params) == 1

    @property
    def is_method(self) -> bool:
        """Takes arguments besides its own handle (a method or a property setter, which report
        LastMethodSuccess and LastErrorText), as opposed to a plain property getter."""
        return self.has_self and len(self.params) > 1 and not self.is_dispose


def parse(header: str) -> list[Function]:
    """Every prototype of the header, in order."""
    return [
        Function(f.restype, f.name, tuple(Param(ctype, name) for ctype, name in f.params))
        for f in dpop_header.parse(header)
    ]


def classes(functions: list[Function]) -> list[str]:
    """Every class with a handle type: each must have Create, Dispose, getLastMethodSuccess,
    getLastErrorCode and lastErrorText with the usual shapes."""
    by_name = {f.name: f for f in functions}
    found = []
    for f in functions:
        types = [p.ctype for p in f.params] + [f.restype]
        for t in types:
            if t.startswith("HCk") and t[1:] not in found:
                found.append(t[1:])
    for cls in found:
        expected = {
            f"{cls}_Create": ("H" + cls, ()),
            f"{cls}_Dispose": ("void", ("H" + cls,)),
            f"{cls}_getLastMethodSuccess": ("int", ("H" + cls,)),
            f"{cls}_getLastErrorCode": ("int", ("H" + cls,)),
            f"{cls}_lastErrorText": ("const char *", ("H" + cls,)),
        }
        for name, (restype, argtypes) in expected.items():
            f = by_name.get(name)
            if f is None or f.restype != restype or tuple(p.ctype for p in f.params) != argtypes:
                raise ValueError(f"class {cls} has no {restype} {name}({', '.join(argtypes)})")
    return found


def variants(param: Param) -> list[str]:
    """The harness's abuse kinds (enum Variant in harness.h) that apply to an argument."""
    if param.kind == "handle":
        return ["V_NULL", "V_FOREIGN", "V_DISPOSED", "V_GARBAGE", "V_WILD"]
    if param.kind == "int":
        return ["V_INT_MIN", "V_INT_NEG1", "V_INT_MAX"]
    return [
        "V_NULL", "V_BAD_UTF8_LONE", "V_BAD_UTF8_TRUNCATED", "V_BAD_UTF8_SURROGATE",
        "V_BAD_UTF8_OVERLONG", "V_BAD_UTF8_TOO_BIG", "V_EMPTY", "V_BIG_PLAIN", "V_BIG_NESTED",
        "V_BIG_PATH", "V_NUL_GARBAGE",
    ]


def c_string(s: str) -> str:
    if any(not (0x20 <= ord(ch) < 0x7F) for ch in s):
        raise ValueError(f"only printable ASCII in generated C strings: {s!r}")
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render(functions: list[Function], error_codes: list[str]) -> str:
    """The program for these functions; `error_codes` are the names of every DPOP_OK and
    DPOP_ERR_* macro of the header."""
    cls_list = classes(functions)
    class_id = {c: i for i, c in enumerate(cls_list)}
    out = [
        "/* Generated from include/dpop.h by tests/c/abi_abuse/gen.py at test time. Do not edit. */",
        "#include <stddef.h>",
        '#include "dpop.h"',
        '#include "harness.h"',
        "",
        "/* Classes: how to make and free a live handle of each. */",
    ]
    for c in cls_list:
        out += [
            f"static void *new_{c}(void) {{ return {c}_Create(); }}",
            f"static void free_{c}(void *h) {{ {c}_Dispose((H{c})h); }}",
            f"static int lms_{c}(void *h) {{ return {c}_getLastMethodSuccess((H{c})h); }}",
            f"static int code_{c}(void *h) {{ return {c}_getLastErrorCode((H{c})h); }}",
            f"static const char *err_{c}(void *h) {{ return {c}_lastErrorText((H{c})h); }}",
        ]
    out.append("const ClassInfo CLASSES[] = {")
    for c in cls_list:
        out.append(f"    {{{c_string(c)}, new_{c}, free_{c}, lms_{c}, code_{c}, err_{c}}},")
    out += ["};", f"const int CLASS_COUNT = {len(cls_list)};", ""]
    out += ["const int ERROR_CODES[] = {" + ", ".join(error_codes) + "};", f"const int ERROR_CODE_COUNT = {len(error_codes)};", ""]
    out += [f"const char ABUSE_URL_DEFAULT[] = {c_string(ABUSE_URL)};", ""]

    for f in functions:
        out += render_case(f, class_id)

    out.append("const FunctionInfo FUNCTIONS[] = {")
    for f in functions:
        params = ", ".join(
            f"{{{c_string(p.name)}, {'P_' + p.kind.upper()}}}" for p in f.params
        ) or "{NULL, P_INT}"
        var_rows = ["{" + ", ".join(variants(p)) + ", V_END}" for p in f.params]
        out.append(
            f"    {{{c_string(f.name)}, case_{f.name}, {len(f.params)}, {int(f.is_method)}, "
            f"{int(f.has_self)}, {int(f.is_create)}, {int(f.is_dispose)}, "
            f"{class_id[f.cls] if f.cls in class_id else -1},"
        )
        out.append(f"     (const ParamInfo[]){{{params}}},")
        out.append(f"     (const Variant *const[]){{{', '.join('(const Variant[])' + r for r in var_rows) or 'NULL'}}}}},")
    out += ["};", f"const int FUNCTION_COUNT = {len(functions)};", ""]
    return "\n".join(out) + "\n"


def render_case(f: Function, class_id: dict[str, int]) -> list[str]:
    """`static void case_NAME(Case *c)`: builds the arguments for the case, calls NAME, and hands
    the result to the harness (which then reads LastMethodSuccess / LastErrorText itself)."""
    lines = [f"static void case_{f.name}(Case *c) {{"]
    args = []
    for i, p in enumerate(f.params):
        var = f"a{i}"
        if p.kind == "handle":
            if p.handle_class not in class_id:
                raise ValueError(f"{f.name}: unknown handle type {p.ctype}")
            lines.append(f"    {p.ctype} {var} = arg_handle(c, {i}, {class_id[p.handle_class]});")
        elif p.kind == "int":
            lines.append(f"    int {var} = arg_int(c, {i}, 0);")
        else:
            valid = "abuse_url()" if p.name == "url" else c_string(valid_string(p.name))
            lines.append(f"    const char *{var} = arg_string(c, {i}, {valid});")
        args.append(var)
    call = f"{f.name}({', '.join(args)})"
    if f.restype == "void":
        lines.append(f"    {call};")
        lines.append("    result_void(c);")
    elif f.restype == "int":
        lines.append(f"    int r = {call};")
        lines.append("    result_int(c, r);")
    elif f.restype == "const char *":
        lines.append(f"    const char *r = {call};")
        lines.append("    result_string(c, r);")
    else:
        ret_cls = f.restype[1:]
        if ret_cls not in class_id:
            raise ValueError(f"{f.name}: unknown return type {f.restype}")
        lines.append(f"    {f.restype} r = {call};")
        lines.append("    result_handle(c, r != NULL);")
        lines.append(f"    if (r != NULL) {ret_cls}_Dispose(r);")
    if f.is_dispose:
        lines.append("    consumed(c, 0);")
    lines += ["}", ""]
    return lines


def main(argv: list[str]) -> int:
    header = Path(argv[1]) if len(argv) > 1 else dpop_header.HEADER
    try:
        text = header.read_text(encoding="utf-8")
        sys.stdout.write(render(parse(text), [c.name for c in dpop_header.error_codes(text)]))
    except ValueError as e:
        print(f"gen.py: {header}: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
