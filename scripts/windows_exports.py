#!/usr/bin/env python3
"""The Windows DLL against include/dpop.h and the bindings that load it by name.

    python3 scripts/windows_exports.py --def OUT.def                # writes the module definition
    python3 scripts/windows_exports.py [--self-test] build/windows/*/dpop.dll   # checks each DLL

The .def lists every function the header declares, so an import library made from it (dpop.lib)
links exactly the header. For each DLL the check fails unless: it calls itself dpop.dll; it is
the machine type its folder names; its export table is exactly the header's functions (every
Ck* and dpop_* function, nothing else, no stdcall `@N` or `_` decoration); the SQL Server
assembly's P/Invoke library name resolves to dpop.dll and each DllImport'ed function is exported;
and PureBasic's dpop.pbi opens dpop.dll on Windows and each function it looks up is exported.
--self-test also feeds the check broken header lists, which it must notice. Prints PASS/FAIL
lines and `windows exports: N passed, M failed`.
"""

import re
import sys
from pathlib import Path

import pe_exports

ROOT = Path(__file__).resolve().parent.parent
HEADER = ROOT / "include" / "dpop.h"
SQLSERVER = ROOT / "bindings" / "sqlserver" / "LibDpop.cs"
PUREBASIC = ROOT / "bindings" / "purebasic"
DLL_NAME = "dpop.dll"

COMMENTS = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)
# Outside comments and preprocessor lines, the header's only `identifier(` are its prototypes.
DECLARED = re.compile(r"\b([A-Za-z_]\w*)\s*\(")
UNDECORATED = re.compile(r"^(Ck[A-Za-z]+_[A-Za-z0-9]+|dpop_[a-z0-9_]+)$")


def header_functions(header: str) -> list[str]:
    code = "\n".join(line for line in COMMENTS.sub("", header).splitlines() if not line.lstrip().startswith("#"))
    return DECLARED.findall(code)


def write_def(path: Path, functions: list[str]) -> None:
    path.write_text(f"LIBRARY {DLL_NAME}\nEXPORTS\n" + "".join(f"    {name}\n" for name in functions), encoding="ascii")


def sqlserver_imports(source: str) -> tuple[str, list[str]]:
    """The library name of LibDpop.cs's DllImports and the functions they import."""
    library = re.search(r'const string Lib = "([^"]+)";', source)
    return (library.group(1) if library else ""), re.findall(r"\[DllImport\(Lib\b[^\]]*\)\][^;]*?\b(\w+)\(", source)


def windows_file_name(library: str) -> str:
    """The file LoadLibrary looks for: Windows appends .dll to a name without an extension."""
    return library if "." in library else library + ".dll"


def purebasic_imports() -> tuple[str, list[str]]:
    """The library dpop.pbi opens on Windows and the functions the modules look up."""
    pbi = (PUREBASIC / "dpop.pbi").read_text(encoding="utf-8")
    windows = re.search(r'#PB_OS_Windows\s+#LibraryName = "([^"]+)"', pbi)
    names = sorted({name for module in PUREBASIC.glob("*.pb") for name in re.findall(r'ckFunction\("(\w+)"\)', module.read_text(encoding="utf-8"))})
    return (windows.group(1) if windows else ""), names


def check(dll: Path, declared: list[str]) -> list[tuple[str, list[str]]]:
    """(check name, errors) for one DLL."""
    exports = pe_exports.read(dll)
    exported = set(exports.names)
    results = []

    errors = [] if exports.dll_name == DLL_NAME else [f"the DLL calls itself {exports.dll_name!r}, not {DLL_NAME}"]
    if exports.machine != dll.parent.name:
        errors.append(f"machine type {exports.machine}, but it is in the {dll.parent.name} folder")
    results.append(("identity", errors))

    errors = [f"{name}: declared in dpop.h, not exported" for name in declared if name not in exported]
    errors += [f"{name}: exported, not declared in dpop.h" for name in sorted(exported - set(declared))]
    errors += [f"{name}: decorated or not a libdpop name" for name in exports.names if not UNDECORATED.match(name)]
    results.append((f"export table = dpop.h ({len(declared)} functions)", errors))

    library, imported = sqlserver_imports(SQLSERVER.read_text(encoding="utf-8"))
    errors = [] if windows_file_name(library) == DLL_NAME else [f"DllImport library {library!r} loads {windows_file_name(library)}"]
    errors += ["no DllImport found"] if not imported else []
    errors += [f"{name}: P/Invoke'd, not exported" for name in imported if name not in exported]
    results.append((f"SQL Server P/Invoke ({len(imported)} functions)", errors))

    library, looked_up = purebasic_imports()
    errors = [] if library == DLL_NAME else [f"dpop.pbi opens {library!r} on Windows"]
    errors += ["no GetFunction name found"] if not looked_up else []
    errors += [f"{name}: looked up by PureBasic, not exported" for name in looked_up if name not in exported]
    results.append((f"PureBasic OpenLibrary/GetFunction ({len(looked_up)} functions)", errors))
    return results


def self_test(dll: Path, declared: list[str]) -> list[str]:
    """What the check failed to notice in broken copies of the header's list (none, if it works)."""
    broken = {
        "a header function the DLL does not export": declared + ["CkHttp_NotExported"],
        "an export the header does not declare": declared[1:],
    }
    return [f"{what} went unnoticed" for what, functions in broken.items() if not any(errors for _, errors in check(dll, functions))]


def main(argv: list[str]) -> int:
    declared = header_functions(HEADER.read_text(encoding="utf-8"))
    if argv[:1] == ["--def"]:
        write_def(Path(argv[1]), declared)
        return 0
    with_self_test = argv[:1] == ["--self-test"]
    dlls = [Path(arg) for arg in argv[with_self_test:]]
    passed = failed = 0
    for dll in dlls:
        results = check(dll, declared)
        if with_self_test:
            results.append(("self-test: broken header lists are noticed", self_test(dll, declared)))
        for name, errors in results:
            print(f"{'FAIL' if errors else 'PASS'} {dll}: {name}")
            for error in errors:
                print(f"    {error}")
            passed, failed = passed + (not errors), failed + bool(errors)
    print(f"windows exports: {passed} passed, {failed} failed")
    return 1 if failed or not dlls else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
