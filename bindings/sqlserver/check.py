#!/usr/bin/env python3
"""Static checks of the SQL Server binding (no SQL Server runs here):

- LibDpop.cs against include/dpop.h: every P/Invoke declaration names a function of dpop.h with the
  same arity and matching types, every DllImport is Cdecl, and every handle type has a SafeHandle
  whose ReleaseHandle calls its Dispose (LibDpop.cs declares only what it uses); its enum ErrorCode
  is the header's DPOP_OK and DPOP_ERR_* codes (DPOP_ERR_NOT_FOUND = 6 -> NotFound = 6), in order,
  and so is the list of codes that install.sql documents for @errorCode;
- install.sql against DpopSql.cs: every CREATE FUNCTION/PROCEDURE ... EXTERNAL NAME names a public
  static method with the same parameters (count, names, SQL types, OUTPUT as out) and result.

    python3 bindings/sqlserver/check.py [--self-test]   # --self-test: broken copies must fail
"""
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent / "scripts"))
import dpop_header  # noqa: E402

SOURCE = HERE / "LibDpop.cs"
ENTRY_POINTS = HERE / "DpopSql.cs"
INSTALL = HERE / "install.sql"
EXTERN_RE = re.compile(r"\[DllImport\((?P<attr>[^)]*)\)\]\s*internal static extern (?P<ret>[\w\[\]]+) (?P<name>(?:Ck|dpop_)\w+)\((?P<params>[^)]*)\);")
ENUM_RE = re.compile(r"public enum ErrorCode\s*{(?P<body>[^}]*)}")
ENUM_MEMBER_RE = re.compile(r"^\s*(\w+) = (-?\d+),?\s*$", re.M)
INSTALL_CODE_RE = re.compile(r"^--\s+(\d+) = (DPOP_\w+)$", re.M)


def safe_handle(ctype):
    """HCkHttp -> HttpHandle"""
    return ctype[3:] + "Handle"


def expected(ctype, is_result, is_dispose):
    if ctype.startswith("HCk"):
        return "IntPtr" if is_dispose else safe_handle(ctype)
    return {"void": "void", "int": "int", "const char *": "IntPtr" if is_result else "byte[]"}[ctype]


def check_pinvoke(source, header_text):
    errors = []
    functions = {f.name: f for f in dpop_header.parse(header_text)}
    externs = list(EXTERN_RE.finditer(source))
    if len(externs) != source.count("static extern"):
        errors.append("some `static extern` declarations do not parse; keep one per line")
    for m in externs:
        name, f = m["name"], functions.get(m["name"])
        if f is None:
            errors.append(f"{name}: not in dpop.h")
            continue
        if "CallingConvention = Cdecl" not in m["attr"]:
            errors.append(f"{name}: DllImport without CallingConvention = Cdecl")
        dispose = name.endswith("_Dispose")
        if m["ret"] != expected(f.restype, True, dispose):
            errors.append(f"{name}: returns {m['ret']}, C {f.restype} needs {expected(f.restype, True, dispose)}")
        params = [p.split() for p in m["params"].split(",") if p.strip()]
        if len(params) != len(f.params):
            errors.append(f"{name}: {len(params)} arguments, C has {len(f.params)}")
        for (typ, pname), (ctype, _) in zip(params, f.params):
            want = expected(ctype, False, dispose)
            if typ != want:
                errors.append(f"{name}: argument {pname} is {typ}, C {ctype} needs {want}")
    for ctype in sorted({ctype for f in functions.values() for ctype, _ in f.params if ctype.startswith("HCk")}):
        cls = ctype[1:]
        release = re.search(rf"class {safe_handle(ctype)} : DpopHandle\s*{{.*?ReleaseHandle\(\)\s*{{\s*Native\.(\w+)\(handle\)", source, re.S)
        if not release or release[1] != f"{cls}_Dispose":
            errors.append(f"no SafeHandle {safe_handle(ctype)} whose ReleaseHandle calls {cls}_Dispose")
    return errors, len(externs)


def enum_member(short_name):
    """The C# name of an error code: NOT_FOUND -> NotFound."""
    return "".join(word.capitalize() for word in short_name.split("_"))


def check_error_codes(source, install_sql, header_text):
    """enum ErrorCode of LibDpop.cs and the codes install.sql lists, against dpop.h."""
    codes = dpop_header.error_codes(header_text)
    errors = []
    enum = ENUM_RE.search(source)
    members = [(name, int(value)) for name, value in ENUM_MEMBER_RE.findall(enum["body"])] if enum else []
    expected = [(enum_member(c.short_name), c.value) for c in codes]
    if members != expected:
        errors.append(f"LibDpop.cs: enum ErrorCode is {members}, dpop.h has {expected}")
    listed = [(int(value), name) for value, name in INSTALL_CODE_RE.findall(install_sql)]
    if listed != [(c.value, c.name) for c in codes]:
        errors.append(f"install.sql: the @errorCode list is {listed}, dpop.h has {[(c.value, c.name) for c in codes]}")
    return errors, len(codes)


SQL_TYPES = {"nvarchar": "SqlString", "int": "SqlInt32"}
EXTERNAL_RE = re.compile(
    r"CREATE (?P<what>FUNCTION|PROCEDURE) dbo\.(?P<name>\w+)\s*\(?(?P<params>.*?)\)?\s*"
    r"(?:RETURNS (?P<returns>\w+)(?:\([\w ]+\))?\s*)?AS EXTERNAL NAME (?P<assembly>\w+)\.\[(?P<cls>[\w.]+)\]\.(?P<method>\w+);",
    re.S)
SQL_PARAM_RE = re.compile(r"@(?P<name>\w+)\s+(?P<type>\w+)(?:\([\w ]+\))?(?P<output>\s+OUTPUT)?")


def csharp_method(source, cls, method):
    """(result type, [(modifier, type, name)]) of `public static` method in class cls (Namespace.Class)."""
    namespace, _, name = cls.rpartition(".")
    if not re.search(rf"namespace {re.escape(namespace)}\b", source) or not re.search(rf"\bclass {name}\b", source):
        return None
    m = re.search(rf"public static (\w+) {method}\(", source)
    if not m:
        return None
    depth, i = 1, m.end()
    while depth:
        depth += {"(": 1, ")": -1}.get(source[i], 0)
        i += 1
    params = []
    for p in filter(None, (p.strip() for p in source[m.end():i - 1].split(","))):
        words = re.sub(r"\[[^\]]*\]", "", p).split()  # drop [SqlFacet(...)]
        params.append((words[0] if len(words) == 3 else "", words[-2], words[-1]))
    return m[1], params


def check_install(install_sql, entry_points):
    errors = []
    creates = list(EXTERNAL_RE.finditer(install_sql))
    if len(creates) != len(re.findall(r"EXTERNAL NAME", install_sql)):
        errors.append("install.sql: some CREATE ... EXTERNAL NAME statements do not parse")
    assemblies = set(re.findall(r"CREATE ASSEMBLY (\w+)", install_sql))
    for c in creates:
        where = f"install.sql: dbo.{c['name']}"
        if c["assembly"] not in assemblies:
            errors.append(f"{where}: assembly {c['assembly']} is not created")
        method = csharp_method(entry_points, c["cls"], c["method"])
        if method is None:
            errors.append(f"{where}: no public static {c['cls']}.{c['method']} in DpopSql.cs")
            continue
        result, cs_params = method
        want_result = SQL_TYPES.get((c["returns"] or "").lower(), "?") if c["what"] == "FUNCTION" else "void"
        if result != want_result:
            errors.append(f"{where}: {c['method']} returns {result}, expected {want_result}")
        sql_params = list(SQL_PARAM_RE.finditer(c["params"]))
        if len(sql_params) != len(cs_params):
            errors.append(f"{where}: {len(sql_params)} parameters, {c['method']} has {len(cs_params)}")
        for sp, (modifier, typ, name) in zip(sql_params, cs_params):
            if sp["name"].lower() != name.lower():
                errors.append(f"{where}: parameter @{sp['name']} is {name} in C#")
            if SQL_TYPES.get(sp["type"].lower()) != typ:
                errors.append(f"{where}: @{sp['name']} {sp['type']} needs {SQL_TYPES.get(sp['type'].lower())}, C# has {typ}")
            if bool(sp["output"]) != (modifier in ("out", "ref")):
                errors.append(f"{where}: @{sp['name']} OUTPUT must be an out parameter in C# and only then")
    return errors, len(creates)


def check(sources, header_text):
    """sources: {"LibDpop.cs": text, "DpopSql.cs": text, "install.sql": text}."""
    errors, externs = check_pinvoke(sources["LibDpop.cs"], header_text)
    install_errors, creates = check_install(sources["install.sql"], sources["DpopSql.cs"])
    code_errors, codes = check_error_codes(sources["LibDpop.cs"], sources["install.sql"], header_text)
    summary = f"{externs} P/Invoke declarations, {creates} CREATE ... EXTERNAL NAME, {codes} error codes"
    return errors + install_errors + code_errors, summary


# --self-test: each edit of a source must produce an error matching the pattern.
MUTATIONS = [
    ("LibDpop.cs", "IntPtr CkHttp_quickGetStr(HttpHandle handle, byte[] url)", "IntPtr CkHttp_quickGetStr(HttpHandle handle, string url)", r"argument url is string"),
    ("LibDpop.cs", "int CkHttp_getLastStatus(HttpHandle handle)", "int CkHttp_getLastStatus(JsonObjectHandle handle)", r"needs HttpHandle"),
    ("LibDpop.cs", "int CkHttp_getLastStatus(HttpHandle handle)", "IntPtr CkHttp_getLastStatus(HttpHandle handle)", r"returns IntPtr"),
    ("LibDpop.cs", "CkHttp_SetDPoPKey(HttpHandle handle, PrivateKeyHandle privKey)", "CkHttp_SetDPoPKey(HttpHandle handle)", r"1 arguments, C has 2"),
    ("LibDpop.cs", "Native.CkHttp_Dispose(handle)", "Native.CkJsonObject_Dispose(handle)", r"HttpHandle whose ReleaseHandle"),
    ("LibDpop.cs", "CallingConvention = Cdecl)] internal static extern int CkHttp_getLastStatus",
     "CallingConvention = CallingConvention.StdCall)] internal static extern int CkHttp_getLastStatus", r"without CallingConvention = Cdecl"),
    ("LibDpop.cs", "CkHttp_lastErrorText(HttpHandle", "CkHttp_lastErrorTxt(HttpHandle", r"CkHttp_lastErrorTxt: not in dpop.h"),
    ("install.sql", "[LibDpop.DpopSql].DpopGet;", "[LibDpop.DpopSql].DpopGetBody;", r"no public static LibDpop.DpopSql.DpopGetBody"),
    ("install.sql", "@status int OUTPUT", "@status int", r"@status OUTPUT must be an out"),
    ("install.sql", "@errorCode int OUTPUT\n", "@errorCode int OUTPUT, @extra int\n", r"9 parameters, DpopRequest has 8"),
    ("DpopSql.cs", ",\n            out SqlInt32 errorCode)", ")", r"8 parameters, DpopRequest has 7"),
    ("LibDpop.cs", "Network = 8,", "Network = 9,", r"enum ErrorCode is .*\('Network', 9\)"),
    ("LibDpop.cs", "        NotFound = 6,\n", "", r"enum ErrorCode is"),
    ("install.sql", "--    8 = DPOP_ERR_NETWORK", "--    8 = DPOP_ERR_NET", r"the @errorCode list is"),
    ("LibDpop.cs", "IntPtr dpop_version()", "IntPtr dpop_version(int x)", r"dpop_version: 1 arguments, C has 0"),
    ("DpopSql.cs", "out SqlInt32 status", "out SqlString status", r"@status int needs SqlInt32"),
    ("DpopSql.cs", "public static SqlString DpopGet(", "public static string DpopGet(", r"DpopGet returns string"),
]


def self_test(sources, header_text):
    failures = []
    for name, old, new, pattern in MUTATIONS:
        if old not in sources[name]:
            failures.append(f"self-test: {old!r} is no longer in {name}; update MUTATIONS")
            continue
        errors, _ = check(dict(sources, **{name: sources[name].replace(old, new, 1)}), header_text)
        if not any(re.search(pattern, e) for e in errors):
            failures.append(f"self-test: replacing {old!r} in {name} gave {errors}, nothing matching {pattern!r}")
    return failures, len(MUTATIONS)


def main():
    sources = {p.name: p.read_text() for p in (SOURCE, ENTRY_POINTS, INSTALL)}
    header = dpop_header.read()
    return dpop_header.report("sqlserver", lambda: check(sources, header), lambda: self_test(sources, header), sys.argv)

if __name__ == "__main__":
    sys.exit(main())
