#!/usr/bin/env python3
"""Generates the PureBasic modules (CkHttp.pb, CkHttpResponse.pb, CkJsonObject.pb, CkPrivateKey.pb)
and their loader dpop.pbi from include/dpop.h.

    python3 bindings/purebasic/generate.py            # rewrite the files next to this script
    python3 bindings/purebasic/generate.py OUT_DIR    # write them somewhere else

Procedure names follow Chilkat's PureBasic API: methods `ckName`, property getters `ckName`,
property setters `setCkName`. C `int` is `.l` everywhere, handles are `.i`, strings are `.s` in
the public procedures and `p-utf8` (arguments) / a pointer read with PeekS (results) in the
C prototypes.
"""
import re
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent / "scripts"))
import dpop_header  # noqa: E402

LOADER = "dpop.pbi"

# C type -> kind; every other type dpop_header accepts is a handle `HCk<Class>`.
C_KINDS = {"void": "void", "int": "int", "const char *": "str"}

# kind -> PureBasic type suffix in the C prototype (argument, result) and the public procedure.
PROTO_ARG = {"int": ".l", "str": ".p-utf8", "handle": ".i"}
PROTO_RET = {"void": "", "int": ".l", "str": ".i", "handle": ".i"}
PROC_TYPE = {"void": "", "int": ".l", "str": ".s", "handle": ".i"}

# PureBasic keywords that cannot be variable names (case-insensitive), renamed with a trailing _.
PB_KEYWORDS = {
    "and", "array", "break", "case", "continue", "data", "declare", "default", "define", "dim",
    "else", "end", "enumeration", "for", "global", "gosub", "goto", "if", "list", "map", "module",
    "next", "not", "or", "protected", "read", "repeat", "restore", "return", "select", "shared",
    "static", "step", "structure", "swap", "to", "until", "wend", "while", "with", "xor",
}


@dataclass
class Param:
    kind: str  # void, int, str or handle
    name: str
    ctype: str  # as in C: "const char *", "HCkHttp"


@dataclass
class Function:
    cname: str
    cls: str  # CkHttp
    member: str  # quickGetStr
    ret: str  # kind
    ret_ctype: str
    params: list  # [Param]; params[0] is the object's own handle unless it is a Create
    doc: list  # comment lines

    @property
    def pb_name(self):
        return pb_name(self)


def c_kind(ctype):
    return C_KINDS.get(ctype, "handle")


# The doc comment right before a prototype: (text between /** and */, function name).
DOC_RE = re.compile(r"/\*\*((?:(?!\*/).)*)\*/\s*^[^\n(;]*?\b(Ck\w+)\s*\(", re.S | re.M)


def parse_header(text):
    """Returns every function declared in dpop.h, in header order, with its doc comment."""
    docs = {name: doc for doc, name in DOC_RE.findall(text)}
    functions = []
    for f in dpop_header.parse(text):
        cls, _, member = f.name.partition("_")
        if not member:
            raise ValueError(f"{f.name} is not named Ck<Class>_<member>")
        params = [Param(c_kind(ctype), name, ctype) for ctype, name in f.params]
        doc = [re.sub(r"^\s*\* ?", "", line).rstrip() for line in docs.get(f.name, "").strip("\n").splitlines()]
        functions.append(Function(f.name, cls, member, c_kind(f.restype), f.restype, params, [d for d in doc if d.strip()]))
    return functions


def pb_name(f):
    """Chilkat's PureBasic name for a C function (see the module docstring)."""
    m = f.member
    if f.ret == "str":  # string properties and string-returning methods: authToken, getJwk, emit
        return "ck" + m[0].upper() + m[1:]
    if re.match(r"get[A-Z]", m) and f.ret == "int" and len(f.params) == 1:  # getLastStatus
        return "ck" + m[3:]
    if re.match(r"put[A-Z]", m):  # putAuthToken
        return "setCk" + m[3:]
    return "ck" + m[0].upper() + m[1:]  # Create, SetDPoPKey, UpdateString


def pb_var(name, position):
    if position == 0 and name == "handle":
        return "obj"
    return name + "_" if name.lower() in PB_KEYWORDS else name


def classes(functions):
    out = {}
    for f in functions:
        out.setdefault(f.cls, []).append(f)
    for cls, fns in out.items():
        for what, names in (("C", [f.cname for f in fns]), ("PureBasic", [f.pb_name for f in fns])):
            lowered = [n.lower() for n in names]
            dups = {n for n in lowered if lowered.count(n) > 1}
            if dups:
                raise ValueError(f"{cls}: {what} names collide (PureBasic is case-insensitive): {sorted(dups)}")
    return out


def render_module(cls, fns, names):
    """names: {C name: "Module::procedure"}, to refer to PureBasic names in the comments."""

    def doc(lines):
        # PureBasic copies string results, so the C lifetime rules do not apply.
        text = re.sub(r"\s*(The string is owned|Owned) by the handle[^.]*\.", "", " ".join(lines))
        text = re.sub(r"`(Ck[A-Za-z]+_\w+)`", lambda m: f"`{names.get(m[1], m[1])}`", text)
        return textwrap.wrap(text, 96)

    def sig(f, types):
        return ", ".join(pb_var(p.name, i) + types[p.kind] for i, p in enumerate(f.params))

    out = [
        f"; {cls}.pb: PureBasic module for libdpop's {cls}, with Chilkat's PureBasic procedure names.",
        f"; Generated by bindings/purebasic/generate.py from include/dpop.h. Do not edit.",
        "",
        f'XIncludeFile #PB_Compiler_FilePath + "{LOADER}"',
        "",
        f"DeclareModule {cls}",
    ]
    for f in fns:
        out += ["", *(f"  ; {d}" for d in doc(f.doc)), f"  Declare{PROC_TYPE[f.ret]} {f.pb_name}({sig(f, PROC_TYPE)})"]
    out += ["", "EndDeclareModule", "", f"Module {cls}", "  EnableExplicit", ""]
    for f in fns:
        out.append(f"  PrototypeC{PROTO_RET[f.ret]} Proto_{f.cname}({sig(f, PROTO_ARG)})")
    out.append("")
    for f in fns:
        out.append(f'  Global {f.cname}.Proto_{f.cname} = Dpop::ckFunction("{f.cname}")')
    for f in fns:
        call = f"{f.cname}({', '.join(pb_var(p.name, i) for i, p in enumerate(f.params))})"
        if f.ret == "str":
            call = f"Dpop::ckString({call})"
        out += ["", f"  Procedure{PROC_TYPE[f.ret]} {f.pb_name}({sig(f, PROC_TYPE)})"]
        if not f.params:  # Create: 0 when the library could not be loaded, as when out of memory
            out += [f"    If {f.cname} = 0", "      ProcedureReturn 0", "    EndIf"]
        out += [f"    ProcedureReturn {call}" if f.ret != "void" else f"    {call}", "  EndProcedure"]
    out += ["", "EndModule", ""]
    return "\n".join(out)


LOADER_TEXT = """\
; dpop.pbi: loads libdpop for the Ck*.pb modules (included by each of them).
; Generated by bindings/purebasic/generate.py. Do not edit.
; The library is dpop.dll, libdpop.so or libdpop.dylib, found by the system's library search,
; or the file named by the environment variable DPOP_LIBRARY.

DeclareModule Dpop
  ; The library from OpenLibrary, or 0 if it could not be loaded.
  Declare.i ckLibrary()
  ; The address of the C function name in the library, or 0.
  Declare.i ckFunction(name.s)
  ; Copies a UTF-8 string returned by the library into a PureBasic string ("" for a null pointer).
  Declare.s ckString(*utf8)
EndDeclareModule

Module Dpop
  EnableExplicit

  CompilerSelect #PB_Compiler_OS
    CompilerCase #PB_OS_Windows
      #LibraryName = "dpop.dll"
    CompilerCase #PB_OS_Linux
      #LibraryName = "libdpop.so"
    CompilerCase #PB_OS_MacOS
      #LibraryName = "libdpop.dylib"
    CompilerDefault
      CompilerError "libdpop supports Windows, Linux and macOS"
  CompilerEndSelect

  Global libraryFile.s = GetEnvironmentVariable("DPOP_LIBRARY")
  If libraryFile = ""
    libraryFile = #LibraryName
  EndIf
  Global library.i = OpenLibrary(#PB_Any, libraryFile)

  Procedure.i ckLibrary()
    ProcedureReturn library
  EndProcedure

  Procedure.i ckFunction(name.s)
    If library = 0
      ProcedureReturn 0
    EndIf
    ProcedureReturn GetFunction(library, name)
  EndProcedure

  Procedure.s ckString(*utf8)
    If *utf8 = 0
      ProcedureReturn ""
    EndIf
    ProcedureReturn PeekS(*utf8, -1, #PB_UTF8)
  EndProcedure

EndModule
"""


def generate(header_text=None):
    """Returns {file name: content} for every generated file."""
    functions = parse_header(header_text if header_text is not None else dpop_header.read())
    names = {f.cname: f"{f.cls}::{f.pb_name}" for f in functions}
    files = {LOADER: LOADER_TEXT}
    for cls, fns in classes(functions).items():
        files[f"{cls}.pb"] = render_module(cls, fns, names)
    return files


def main(argv):
    out_dir = Path(argv[1]) if len(argv) > 1 else HERE
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, text in generate().items():
        (out_dir / name).write_text(text)
        print(f"wrote {out_dir / name}")


if __name__ == "__main__":
    main(sys.argv)
