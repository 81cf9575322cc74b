#!/usr/bin/env python3
"""Generates the PureBasic modules (CkHttp.pb, CkHttpResponse.pb, CkJsonObject.pb, CkPrivateKey.pb)
and their loader dpop.pbi from include/dpop.h.

    python3 bindings/purebasic/generate.py            # rewrite the files next to this script
    python3 bindings/purebasic/generate.py OUT_DIR    # write them somewhere else

Procedure names follow Chilkat's PureBasic API: methods `ckName`, property getters `ckName`,
property setters `setCkName`. C `int` is `.l` everywhere, handles are `.i`, strings are `.s` in
the public procedures and `p-utf8` (arguments) / a pointer read with PeekS (results) in the
C prototypes. The library functions (`dpop_version`) are procedures of the loader's module Dpop
(`Dpop::ckVersion`), and the header's constants (`DPOP_ERR_NETWORK`, ...) are PureBasic constants
of the same name (`#DPOP_ERR_NETWORK`) defined by the loader.
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
DOC_RE = re.compile(r"/\*\*((?:(?!\*/).)*)\*/\s*^[^\n(;]*?\b(Ck\w+|dpop_\w+)\s*\(", re.S | re.M)

#: The module of the loader, which also holds the library functions (dpop_*).
LOADER_MODULE = "Dpop"
#: The loader's own procedures, which wrap no function of the header.
LOADER_PROCEDURES = {"ckLibrary": 0, "ckFunction": 1, "ckString": 1}


def parse_header(text):
    """Returns every function declared in dpop.h, in header order, with its doc comment."""
    docs = {name: doc for doc, name in DOC_RE.findall(text)}
    functions = []
    for f in dpop_header.parse(text):
        cls, _, member = f.name.partition("_")
        if not member:
            raise ValueError(f"{f.name} is not named Ck<Class>_<member> or dpop_<name>")
        params = [Param(c_kind(ctype), name, ctype) for ctype, name in f.params]
        doc = [re.sub(r"^\s*\* ?", "", line).rstrip() for line in docs.get(f.name, "").strip("\n").splitlines()]
        functions.append(Function(f.name, f.cls or LOADER_MODULE, member, c_kind(f.restype), f.restype, params,
                                  [d for d in doc if d.strip()]))
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


def string_reader(module):
    """How a module's procedures call the loader's ckString."""
    return "ckString" if module == LOADER_MODULE else f"{LOADER_MODULE}::ckString"


def classes(functions):
    out = {}
    for f in functions:
        out.setdefault(f.cls, []).append(f)
    for cls, fns in out.items():
        names = [f.pb_name for f in fns] + (list(LOADER_PROCEDURES) if cls == LOADER_MODULE else [])
        for what, names in (("C", [f.cname for f in fns]), ("PureBasic", names)):
            lowered = [n.lower() for n in names]
            dups = {n for n in lowered if lowered.count(n) > 1}
            if dups:
                raise ValueError(f"{cls}: {what} names collide (PureBasic is case-insensitive): {sorted(dups)}")
    return out


# A doc comment's sections start on lines of their own in the header.
SECTION_RE = re.compile(r"^(Returns|Fails|Blocks):")


def doc_comment(lines, names, indent):
    """A C doc comment as PureBasic comment lines: one paragraph per section (Returns:, ...),
    C names of functions and constants replaced by their PureBasic names."""
    paragraphs = []
    for line in lines:
        if SECTION_RE.match(line) or not paragraphs:
            paragraphs.append(line)
        else:
            paragraphs[-1] += " " + line
    out = []
    for paragraph in paragraphs:
        text = " ".join(paragraph.split())
        text = re.sub(r"`(Ck[A-Za-z]+_\w+)`", lambda m: f"`{names.get(m[1], m[1])}`", text)
        text = re.sub(r"\b(DPOP_\w+)", r"#\1", text)
        out += [f"{indent}; {line}" for line in textwrap.wrap(text, 96)]
    return out


def declarations(fns, names):
    """The Declare lines of the public procedures, each after its doc comment."""
    out = []
    for f in fns:
        out += ["", *doc_comment(f.doc, names, "  "), f"  Declare{PROC_TYPE[f.ret]} {f.pb_name}({signature(f, PROC_TYPE)})"]
    return out


def signature(f, types):
    return ", ".join(pb_var(p.name, i) + types[p.kind] for i, p in enumerate(f.params))


def implementations(module, fns):
    """The prototypes, function pointers and procedures of a module's functions."""
    out = [f"  PrototypeC{PROTO_RET[f.ret]} Proto_{f.cname}({signature(f, PROTO_ARG)})" for f in fns]
    out.append("")
    prefix = "" if module == LOADER_MODULE else f"{LOADER_MODULE}::"
    out += [f'  Global {f.cname}.Proto_{f.cname} = {prefix}ckFunction("{f.cname}")' for f in fns]
    for f in fns:
        call = f"{f.cname}({', '.join(pb_var(p.name, i) for i, p in enumerate(f.params))})"
        if f.ret == "str":
            call = f"{string_reader(module)}({call})"
        out += ["", f"  Procedure{PROC_TYPE[f.ret]} {f.pb_name}({signature(f, PROC_TYPE)})", *missing_guard(f)]
        out += [f"    ProcedureReturn {call}" if f.ret != "void" else f"    {call}", "  EndProcedure"]
    return out


#: What a procedure returns when its C function is missing: its failure value.
MISSING_RESULT = {"void": "", "int": " 0", "str": ' ""', "handle": " 0"}


def missing_guard(f):
    """The first lines of every procedure: a function the library could not be loaded for, or
    that an older library lacks, is a null pointer; calling it would jump to address 0."""
    return [f"    If {f.cname} = 0", f"      ProcedureReturn{MISSING_RESULT[f.ret]}", "    EndIf"]


def render_module(cls, fns, names):
    """names: {C name: "Module::procedure"}, to refer to PureBasic names in the comments."""
    out = [
        f"; {cls}.pb: PureBasic module for libdpop's {cls}, with Chilkat's PureBasic procedure names.",
        f"; Generated by bindings/purebasic/generate.py from include/dpop.h. Do not edit.",
        "; Rules [H] [E] [S] [R] [N] are stated at the top of dpop.h; strings returned here are copies.",
        "",
        f'XIncludeFile #PB_Compiler_FilePath + "{LOADER}"',
        "",
        f"DeclareModule {cls}",
        *declarations(fns, names),
        "",
        "EndDeclareModule",
        "",
        f"Module {cls}",
        "  EnableExplicit",
        "",
        *implementations(cls, fns),
        "",
        "EndModule",
        "",
    ]
    return "\n".join(out)


def render_loader(header_text, fns, names):
    """dpop.pbi: the header's constants, and the module Dpop that opens the library and holds
    the library functions."""
    constants = []
    for c in dpop_header.constants(header_text):
        constants += ["", *doc_comment([c.doc], names, ""), f"#{c.name} = {c.value}"]
    major = dpop_header.version(header_text)[0]
    return LOADER_TEXT.format(
        constants="\n".join(constants),
        declarations="\n".join(declarations(fns, names)),
        so_name=f"libdpop.so.{major}",
        implementations="\n".join(implementations(LOADER_MODULE, fns)),
    )


# The loader's fixed part; {constants}, {declarations}, {so_name} and {implementations} come from
# the header.
LOADER_TEXT = """\
; dpop.pbi: loads libdpop for the Ck*.pb modules (included by each of them), and defines the
; constants of dpop.h: #DPOP_OK and the error codes #DPOP_ERR_* that ckLastErrorCode returns,
; and the version #DPOP_VERSION_*.
; Generated by bindings/purebasic/generate.py from include/dpop.h. Do not edit.
; The library is dpop.dll, {so_name} (its name for programs, also when only the run-time
; package is installed) or libdpop.dylib, found by the system's library search, or the file
; named by the environment variable DPOP_LIBRARY.
{constants}

DeclareModule Dpop
  ; The library from OpenLibrary, or 0 if it could not be loaded.
  Declare.i ckLibrary()
  ; The address of the C function name in the library, or 0.
  Declare.i ckFunction(name.s)
  ; Copies a UTF-8 string returned by the library into a PureBasic string ("" for a null pointer).
  Declare.s ckString(*utf8)
{declarations}
EndDeclareModule

Module Dpop
  EnableExplicit

  CompilerSelect #PB_Compiler_OS
    CompilerCase #PB_OS_Windows
      #LibraryName = "dpop.dll"
    CompilerCase #PB_OS_Linux
      #LibraryName = "{so_name}"
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

{implementations}

EndModule
"""


def generate(header_text=None):
    """Returns {file name: content} for every generated file."""
    header_text = header_text if header_text is not None else dpop_header.read()
    functions = parse_header(header_text)
    names = {f.cname: f"{f.cls}::{f.pb_name}" for f in functions}
    by_module = classes(functions)
    files = {LOADER: render_loader(header_text, by_module.pop(LOADER_MODULE, []), names)}
    for cls, fns in by_module.items():
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
