#!/usr/bin/env bash
# Builds dpop.dll for Windows with the mingw-w64 cross toolchain, in release (what ships), into
# build/windows/ARCH/: dpop.dll, dpop.def (every function of include/dpop.h) and dpop.lib (the
# import library made from it with dlltool, for MSVC, PureBasic ImportC and mingw alike).
# x86_64 always; i686 (32-bit) too when its Rust target and i686-w64-mingw32-gcc are installed,
# else it says what is missing. Needs: gcc-mingw-w64-x86-64 [gcc-mingw-w64-i686],
# `rustup target add x86_64-pc-windows-gnu [i686-pc-windows-gnu]` (.ci/run installs them).
set -euo pipefail
cd "$(dirname "$0")/.."

installed_targets=$(rustup target list --installed 2>/dev/null || true)
# have ARCH: whether ARCH's Rust target and mingw C compiler are installed (says which is not).
have() {
    local missing=()
    grep -qx "$1-pc-windows-gnu" <<<"$installed_targets" || missing+=("rustup target add $1-pc-windows-gnu")
    command -v "$1-w64-mingw32-gcc" >/dev/null || missing+=("apt-get install gcc-mingw-w64-${1//_/-}")
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "windows-build: $1 not built; missing: $(IFS=';'; echo "${missing[*]}")" >&2
    return 1
}

have x86_64 || exit 1
arches=(x86_64)
have i686 && arches+=(i686)

for arch in "${arches[@]}"; do
    out=build/windows/$arch
    mkdir -p "$out"
    cargo build --release --quiet --target "$arch-pc-windows-gnu"
    cp "target/$arch-pc-windows-gnu/release/dpop.dll" "$out/dpop.dll"
    python3 scripts/windows_exports.py --def "$out/dpop.def"
    machine=$([ "$arch" = x86_64 ] && echo i386:x86-64 || echo i386)
    "$arch-w64-mingw32-dlltool" --machine "$machine" --input-def "$out/dpop.def" --dllname dpop.dll --output-lib "$out/dpop.lib"
    echo "windows-build: $out/dpop.dll ($(stat -c %s "$out/dpop.dll") bytes), dpop.def, dpop.lib"
done
