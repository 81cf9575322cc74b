#!/usr/bin/env python3
"""Packs the Windows kit, build/dist/libdpop-VERSION-windows.zip, from the DLLs that
scripts/windows-build.sh left in build/windows (x64 always, x86 when it was built) and the files of
the repository a Windows user needs. Prints the zip's contents, and fails when they differ from
the list in the README's "Windows" section (so the README cannot go stale).

    make dist-windows        # builds the DLLs first
"""

import re
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VERSION = re.search(r'^version = "([^"]+)"', (ROOT / "Cargo.toml").read_text(encoding="utf-8"), re.M).group(1)
TOP = f"libdpop-{VERSION}-windows"
ZIP = ROOT / "build" / "dist" / f"{TOP}.zip"
# Build folder (Rust's architecture name) -> kit folder (the name Windows users know).
ARCHES = {"x86_64": "x64", "i686": "x86"}


def contents() -> dict[str, Path]:
    """Path in the kit -> file to pack."""
    kit = {"README-windows.md": ROOT / "bindings/windows/README-windows.md"}
    # dpop.h and Chilkat's header names (C_CkHttp.h ...), so that a Chilkat C program compiles as it is.
    kit.update({f"include/{h.name}": h for h in sorted((ROOT / "include").glob("*.h"))})
    for arch, folder in ARCHES.items():
        built = ROOT / "build/windows" / arch
        if (built / "dpop.dll").is_file():
            kit.update({f"{folder}/{name}": built / name for name in ("dpop.dll", "dpop.lib", "dpop.def")})
    if "x64/dpop.dll" not in kit:
        sys.exit("dist-windows: build/windows/x86_64/dpop.dll is missing: run scripts/windows-build.sh")
    kit["c/seed_flow.c"] = ROOT / "bindings/c/examples/seed_flow.c"
    kit.update({f"c/{name}": ROOT / "bindings/windows" / name for name in ("utf8.manifest", "utf8.rc")})
    purebasic = ROOT / "bindings/purebasic"
    kit.update({f"purebasic/{p.name}": p for p in sorted([*purebasic.glob("*.pb"), *purebasic.glob("*.pbi")])})
    kit["purebasic/README.md"] = purebasic / "README.md"
    kit.update({f"purebasic/examples/{p.name}": p for p in sorted((purebasic / "examples").glob("*.pb"))})
    sqlserver = ROOT / "bindings/sqlserver"
    kit.update({f"sqlserver/{name}": sqlserver / name for name in ("LibDpop.cs", "DpopSql.cs", "install.sql", "README.md")})
    return kit


def readme_list() -> list[str]:
    """The kit's files as the README lists them: the paths on the indented lines after
    `libdpop-VERSION-windows/` (a `#` starts a comment)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"^libdpop-VERSION-windows/\n((?:  .*\n)+)", text, re.M)
    if not block:
        sys.exit("dist-windows: README.md has no `libdpop-VERSION-windows/` list of the kit")
    return [path for line in block.group(1).splitlines() for path in line.split("#")[0].split()]


def main() -> int:
    kit = contents()
    ZIP.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(ZIP, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, path in kit.items():
            archive.write(path, f"{TOP}/{name}")
    with zipfile.ZipFile(ZIP) as archive:
        packed = sorted(info.filename.removeprefix(f"{TOP}/") for info in archive.infolist())
        for info in archive.infolist():
            print(f"{info.file_size:>10}  {info.filename}")
    print(f"dist-windows: {ZIP.relative_to(ROOT)} ({ZIP.stat().st_size} bytes)")
    # x86 is in the README's list, but in the kit only when the 32-bit DLL was built.
    listed = sorted(name for name in readme_list() if not name.startswith("x86/") or "x86/dpop.dll" in kit)
    if packed != listed:
        print("FAIL the kit differs from the README's list:")
        print("    only in the kit: " + ", ".join(sorted(set(packed) - set(listed))))
        print("    only in the README: " + ", ".join(sorted(set(listed) - set(packed))))
        return 1
    print(f"PASS the kit's {len(packed)} files are the README's list")
    return 0


if __name__ == "__main__":
    sys.exit(main())
