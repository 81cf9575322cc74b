#!/usr/bin/env python3
"""Checks the committed PureBasic modules against include/dpop.h (the PureBasic compiler does not
run here, so this is the test of the binding).

    python3 bindings/purebasic/check.py              # check bindings/purebasic
    python3 bindings/purebasic/check.py --self-test  # also prove that broken files are caught

Fails if a file differs from a fresh generation, if a C function is missing from the modules (the
library functions dpop_* from the loader's module Dpop) or a bound function is missing from dpop.h,
if a prototype, Declare or Procedure has the wrong arity, argument types or result type, if a
procedure calls its C function without first returning its failure value when the library lacks
the function (a null function pointer), if a constant of dpop.h (#DPOP_ERR_*, ...) is missing
from dpop.pbi or has another value there; and if a `Module::procedure(` call in examples/*.pb
names a procedure that does not exist or passes another number of arguments.
"""
import re
import shutil
import sys
import tempfile
from pathlib import Path

import generate

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent / "scripts"))
import dpop_header  # noqa: E402

# The type mapping, stated once more independently of the generator: C kind -> PureBasic type.
PROTO_ARG = {"int": "l", "str": "p-utf8", "handle": "i"}
PROTO_RET = {"void": "", "int": "l", "str": "i", "handle": "i"}
PROC = {"void": "", "int": "l", "str": "s", "handle": "i"}
# What a procedure returns, before calling its C function, when the library lacks the function.
MISSING_RESULT = {"void": "ProcedureReturn", "int": "ProcedureReturn 0", "str": 'ProcedureReturn ""', "handle": "ProcedureReturn 0"}
# Chilkat's PureBasic names that the brief and the seed spell out.
KNOWN_NAMES = {
    "CkHttp_getLastStatus": "ckLastStatus",
    "CkHttp_sessionLogFilename": "ckSessionLogFilename",
    "CkHttp_putSessionLogFilename": "setCkSessionLogFilename",
    "CkHttp_quickGetStr": "ckQuickGetStr",
    "CkHttp_SetDPoPKey": "ckSetDPoPKey",
    "CkHttp_putAuthToken": "setCkAuthToken",
    "CkHttp_getLastMethodSuccess": "ckLastMethodSuccess",
    "CkHttp_getLastErrorCode": "ckLastErrorCode",
    "dpop_version": "ckVersion",
    "CkJsonObject_emit": "ckEmit",
    "CkPrivateKey_LoadAnyFormatFile": "ckLoadAnyFormatFile",
}

SIG = r"(?:\.(?P<ret>[\w-]+))?\s+(?P<name>\w+)\((?P<params>.*)\)\s*$"
DECLARE_RE = re.compile(r"^\s*Declare" + SIG)
PROTO_RE = re.compile(r"^\s*PrototypeC" + SIG)
PROC_RE = re.compile(r"^\s*Procedure" + SIG)
GLOBAL_RE = re.compile(r'^\s*Global\s+(\w+)\.(\w+)\s*=\s*(?:Dpop::)?ckFunction\("(\w+)"\)\s*$')
CONSTANT_RE = re.compile(r"^#(DPOP_\w+) = (-?\d+)$", re.M)


def params_of(text):
    """"obj.i, url.s" -> [("obj", "i"), ("url", "s")]"""
    out = []
    for p in filter(None, (p.strip() for p in text.split(","))):
        name, _, typ = p.partition(".")
        out.append((name, typ))
    return out


def parse_module(text):
    """The Declares, prototypes, bindings and procedures of one generated .pb module."""
    mod = {"declares": {}, "protos": {}, "globals": {}, "procs": {}}
    m = re.search(r"^DeclareModule (\w+)$", text, re.M)
    mod["name"] = m[1] if m else None
    section, proc = None, None
    for line in text.splitlines():
        if re.match(r"^(DeclareModule|EndDeclareModule|Module|EndModule)\b", line):
            section = line.split()[0]
        elif proc is not None:
            if line.strip() == "EndProcedure":
                proc = None
            else:
                proc["body"].append(line.strip())
        elif section == "DeclareModule" and (m := DECLARE_RE.match(line)):
            mod["declares"][m["name"]] = (m["ret"] or "", params_of(m["params"]))
        elif section == "Module" and (m := PROTO_RE.match(line)):
            mod["protos"][m["name"]] = (m["ret"] or "", params_of(m["params"]))
        elif section == "Module" and (m := GLOBAL_RE.match(line)):
            mod["globals"][m[1]] = (m[2], m[3])
        elif section == "Module" and (m := PROC_RE.match(line)):
            proc = {"ret": m["ret"] or "", "params": params_of(m["params"]), "body": []}
            mod["procs"][m["name"]] = proc
    return mod


def call_args(text, open_paren):
    """Arguments of the call whose "(" is at open_paren: (list of argument texts, end index)."""
    depth, args, start, i, in_str = 0, [], open_paren + 1, open_paren, False
    while i < len(text):
        c = text[i]
        if c == '"':
            in_str = not in_str
        elif not in_str and c == "(":
            depth += 1
        elif not in_str and c == ")":
            depth -= 1
            if depth == 0:
                args = [a.strip() for a in args + [text[start:i]]]
                return ([] if args == [""] else args), i
        elif not in_str and c == "," and depth == 1:
            args.append(text[start:i])
            start = i + 1
        i += 1
    raise ValueError(f"unclosed call at {text[open_paren - 30:open_paren + 30]!r}")


def strip_pb_comments(text):
    """Drops ; comments (outside string literals) so that commented-out code is not checked."""
    out = []
    for line in text.splitlines():
        in_str = False
        for i, c in enumerate(line):
            if c == '"':
                in_str = not in_str
            elif c == ";" and not in_str:
                line = line[:i]
                break
        out.append(line)
    return "\n".join(out)


def check_function(f, mod, errors):
    where = f"{f.cname}:"
    n = len(f.params)
    # The C prototype and its binding.
    binding = mod["globals"].get(f.cname)
    if binding != (f"Proto_{f.cname}", f.cname):
        errors.append(f"{where} no `Global {f.cname}.Proto_{f.cname} = ...ckFunction(\"{f.cname}\")`")
    proto = mod["protos"].get(f"Proto_{f.cname}")
    if proto is None:
        errors.append(f"{where} no PrototypeC Proto_{f.cname}")
    else:
        ret, params = proto
        if len(params) != n:
            errors.append(f"{where} prototype arity {len(params)}, C has {n}")
        if ret != PROTO_RET[f.ret]:
            errors.append(f"{where} prototype result .{ret}, C {f.ret} needs .{PROTO_RET[f.ret]}")
        for (name, typ), p in zip(params, f.params):
            if typ != PROTO_ARG[p.kind]:
                errors.append(f"{where} prototype argument {name}.{typ}, C {p.kind} needs .{PROTO_ARG[p.kind]}")
    # The public procedure that calls it.
    callers = [name for name, proc in mod["procs"].items()
               if any(re.search(rf"\b{f.cname}\(", line) for line in proc["body"])]
    if len(callers) != 1:
        errors.append(f"{where} called by {len(callers)} procedures ({callers}), expected 1")
        return None
    name = callers[0]
    proc = mod["procs"][name]
    expected = KNOWN_NAMES.get(f.cname, generate.pb_name(f))
    if name != expected:
        errors.append(f"{where} procedure {name}, Chilkat's PureBasic name is {expected}")
    if len(proc["params"]) != n:
        errors.append(f"{where} {name} arity {len(proc['params'])}, C has {n}")
    if proc["ret"] != PROC[f.ret]:
        errors.append(f"{where} {name} result .{proc['ret']}, C {f.ret} needs .{PROC[f.ret]}")
    for (pname, typ), p in zip(proc["params"], f.params):
        if typ != PROC[p.kind]:
            errors.append(f"{where} {name} argument {pname}.{typ}, C {p.kind} needs .{PROC[p.kind]}")
    guard = [f"If {f.cname} = 0", MISSING_RESULT[f.ret], "EndIf"]
    if proc["body"][:3] != guard:
        errors.append(f"{where} {name} does not start with `{'; '.join(guard)}` (a missing function is a null pointer)")
    call_line = next(line for line in proc["body"] if re.search(rf"\b{f.cname}\(", line))
    args, _ = call_args(call_line, call_line.index(f"{f.cname}(") + len(f.cname))
    if args != [p for p, _ in proc["params"]]:
        errors.append(f"{where} {name} passes ({', '.join(args)}), expected its own arguments in order")
    reader = generate.string_reader(mod["name"])
    if f.ret == "str" and f"{reader}({f.cname}(" not in call_line:
        errors.append(f"{where} {name} must read the result with {reader} (PeekS UTF-8)")
    if mod["declares"].get(name) != (proc["ret"], proc["params"]):
        errors.append(f"{where} Declare of {name} differs from its Procedure")
    return name


def check_modules(pb_dir, functions, errors):
    """Checks every generated module against the header; returns {module: {procedure: arity}}."""
    api = {}
    by_class = {}
    for f in functions:
        by_class.setdefault(f.cls, []).append(f)
    # Each module file and the module it must declare: Ck<Class>.pb, and the loader's Dpop.
    modules = {path: path.stem for path in sorted(pb_dir.glob("Ck*.pb"))}
    loader = pb_dir / generate.LOADER
    if loader.exists():
        modules[loader] = generate.LOADER_MODULE
    for path, expected in modules.items():
        mod = parse_module(path.read_text())
        if mod["name"] != expected:
            errors.append(f"{path.name}: declares module {mod['name']}, expected {expected}")
        own = generate.LOADER_PROCEDURES if expected == generate.LOADER_MODULE else {}
        fns = by_class.get(expected, [])
        if not fns and not own:
            errors.append(f"{path.name}: no class {expected} in dpop.h")
        bound = {sym for _, sym in mod["globals"].values()}
        for sym in sorted(bound - {f.cname for f in fns}):
            errors.append(f"{path.name}: binds {sym}, which dpop.h does not declare")
        used = {check_function(f, mod, errors) for f in fns} | set(own)
        for extra in sorted(set(mod["procs"]) - used):
            errors.append(f"{path.name}: procedure {extra} wraps no function of dpop.h")
        for extra in sorted(set(mod["declares"]) - set(mod["procs"])):
            errors.append(f"{path.name}: Declare {extra} has no Procedure")
        api[mod["name"]] = {name: len(d[1]) for name, d in mod["declares"].items()}
    for cls in sorted(set(by_class) - set(modules.values())):
        errors.append(f"the module {cls} is missing: dpop.h declares {len(by_class[cls])} {cls} functions")
    return api


def check_constants(pb_dir, header_text, errors):
    """Every constant of dpop.h is a PureBasic constant of dpop.pbi with the same value."""
    loader = pb_dir / generate.LOADER
    defined = dict(CONSTANT_RE.findall(loader.read_text())) if loader.exists() else {}
    expected = {c.name: str(c.value) for c in dpop_header.constants(header_text)}
    for name, value in expected.items():
        if defined.get(name) != value:
            errors.append(f"{generate.LOADER}: #{name} is {defined.get(name, 'missing')}, dpop.h has {value}")
    for name in sorted(set(defined) - set(expected)):
        errors.append(f"{generate.LOADER}: #{name} is not a constant of dpop.h")
    return len(expected)


def check_examples(pb_dir, api, errors):
    count = 0
    for path in sorted((pb_dir / "examples").glob("*.pb")):
        text = strip_pb_comments(path.read_text())
        included = set()
        for inc in re.findall(r'^\s*X?IncludeFile\s+"([^"]+)"', text, re.M):
            target = (path.parent / inc).resolve()
            if not target.exists():
                errors.append(f"{path.name}: IncludeFile {inc!r} does not exist")
            included.add(target.stem)
        for m in re.finditer(r"\b(\w+)::(\w+)\s*\(", text):
            module, proc = m[1], m[2]
            args, _ = call_args(text, m.end() - 1)
            line = text.count("\n", 0, m.start()) + 1
            where = f"{path.name}:{line}: {module}::{proc}"
            count += 1
            if module not in api:
                errors.append(f"{where}: no module {module}")
            elif module not in included:
                errors.append(f"{where}: {module}.pb is not included")
            # PureBasic is case-insensitive.
            elif proc.lower() not in {p.lower() for p in api[module]}:
                errors.append(f"{where}: no such procedure")
            else:
                arity = next(a for p, a in api[module].items() if p.lower() == proc.lower())
                if arity != len(args):
                    errors.append(f"{where}: {len(args)} arguments, the procedure takes {arity}")
    return count


def check(pb_dir, header_text):
    """Returns (error messages, summary)."""
    errors = []
    functions = generate.parse_header(header_text)
    fresh = generate.generate(header_text)
    for name, text in fresh.items():
        path = pb_dir / name
        if not path.exists():
            errors.append(f"{name}: missing (run bindings/purebasic/generate.py)")
        elif path.read_text() != text:
            errors.append(f"{name}: differs from a fresh generation (run bindings/purebasic/generate.py)")
    for path in sorted(set(pb_dir.glob("*.pb")) | set(pb_dir.glob("*.pbi"))):
        if path.name not in fresh:
            errors.append(f"{path.name}: not generated from dpop.h")
    api = check_modules(pb_dir, functions, errors)
    constants = check_constants(pb_dir, header_text, errors)
    calls = check_examples(pb_dir, api, errors)
    return errors, f"{len(functions)} C functions, {constants} constants, {calls} example calls"


def self_test():
    """Breaks a copy of the bindings in the ways check() must catch; returns failures."""
    header = dpop_header.read()
    failures = []
    cases = []

    def expect(what, mutate, pattern, header_text=header):
        cases.append(what)
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            for name, text in generate.generate(header).items():
                (tmp / name).write_text(text)
            shutil.copytree(HERE / "examples", tmp / "examples")
            try:
                mutate(tmp)
            except LookupError as e:
                failures.append(f"self-test {what!r}: {e} is no longer in the generated files; update the self-test")
                return
            errors, _ = check(tmp, header_text)
            if "fresh generation" not in pattern:  # the semantic checks must catch it on their own
                errors = [e for e in errors if "fresh generation" not in e]
            if not any(re.search(pattern, e) for e in errors):
                failures.append(f"self-test {what!r}: no error matching {pattern!r} in {errors}")

    def edit(name, old, new, count=1):
        def mutate(d):
            text = (d / name).read_text()
            if old not in text:
                raise LookupError(f"{old!r} in {name}")
            (d / name).write_text(text.replace(old, new, count))
        return mutate

    def edit_all(name, old, new):
        return edit(name, old, new, -1)

    def drop_function(d):
        text = (d / "CkHttp.pb").read_text()
        text = "\n".join(line for line in text.splitlines() if "ClearHeaders" not in line)
        (d / "CkHttp.pb").write_text(re.sub(r"\n  Procedure ckClearHeaders.*?EndProcedure\n", "\n", text, flags=re.S))

    added = header.replace("#ifdef __cplusplus\n}", "int CkHttp_getMaxRetries(HCkHttp handle);\n\n#ifdef __cplusplus\n}")
    removed = header.replace("void CkHttp_ClearHeaders(HCkHttp handle);", "")
    added_constant = header.replace("#define DPOP_ERR_INTERNAL 15", "#define DPOP_ERR_INTERNAL 15\n\n/**\n * Quota.\n */\n#define DPOP_ERR_QUOTA 16")
    expect("hand edit", edit("CkHttp.pb", "EnableExplicit", "EnableExplicit ; edited"), r"CkHttp.pb: differs from a fresh generation")
    expect("prototype argument type", edit("CkHttp.pb", "url.p-utf8", "url.i"), r"prototype argument url\.i")
    expect("prototype result type", edit("CkHttp.pb", "PrototypeC.l Proto_CkHttp_getLastStatus", "PrototypeC.i Proto_CkHttp_getLastStatus"), r"prototype result")
    expect("procedure arity", edit_all("CkJsonObject.pb", "ckUpdateString(obj.i, path.s, value.s)", "ckUpdateString(obj.i, path.s)"), r"ckUpdateString arity 2")
    expect("procedure type", edit_all("CkHttp.pb", "ckLastStatus(obj.i)", "ckLastStatus(obj.s)"), r"ckLastStatus argument obj\.s")
    expect("procedure name", edit_all("CkHttp.pb", "ckLastStatus(", "ckGetLastStatus("), r"Chilkat's PureBasic name is ckLastStatus")
    expect("function missing from the module", drop_function, r"CkHttp_ClearHeaders: no .*Global")
    expect("new function in dpop.h", lambda d: None, r"CkHttp_getMaxRetries: no PrototypeC", added)
    expect("function missing from dpop.h", lambda d: None, r"binds CkHttp_ClearHeaders, which dpop.h does not declare", removed)
    expect("constant value", edit("dpop.pbi", "#DPOP_ERR_NETWORK = 8", "#DPOP_ERR_NETWORK = 9"), r"#DPOP_ERR_NETWORK is 9, dpop.h has 8")
    expect("constant missing", edit("dpop.pbi", "#DPOP_ERR_TIMEOUT = 10\n", ""), r"#DPOP_ERR_TIMEOUT is missing")
    expect("library function missing", edit("dpop.pbi", 'Global dpop_version.Proto_dpop_version = ckFunction("dpop_version")', ""), r"dpop_version: no .*Global")
    expect("procedure without the null pointer guard", edit("CkHttp.pb", "    If CkHttp_ClearHeaders = 0\n      ProcedureReturn\n    EndIf\n", ""), r"ckClearHeaders does not start with `If CkHttp_ClearHeaders = 0")
    expect("guard returning another value", edit("CkJsonObject.pb", "    If CkJsonObject_emit = 0\n      ProcedureReturn \"\"", "    If CkJsonObject_emit = 0\n      ProcedureReturn 0"), r"ckEmit does not start with")
    expect("library function reads its string", edit("dpop.pbi", "ProcedureReturn ckString(dpop_version())", "ProcedureReturn dpop_version()"), r"must read the result with ckString")
    expect("new constant in dpop.h", lambda d: None, r"#DPOP_ERR_QUOTA is missing", added_constant)
    expect("unknown example call", edit("examples/dpop_client_credentials.pb", "CkHttp::ckLastStatus(", "CkHttp::ckLastStatusCode("), r"ckLastStatusCode: no such procedure")
    expect("example arity", edit("examples/dpop_client_credentials.pb", 'ckUpdateString(json,"scope","api")', 'ckUpdateString(json,"scope")'), r"1 arguments|2 arguments")
    return failures, len(cases)


def main(argv):
    return dpop_header.report("purebasic", lambda: check(HERE, dpop_header.read()), self_test, argv)

if __name__ == "__main__":
    sys.exit(main(sys.argv))
