#!/usr/bin/env bash
# Abuses every function of the C ABI from C: NULL for each pointer argument, handles of another
# class, disposed and garbage handles, invalid UTF-8, 1 MiB strings, garbage after a NUL, extreme
# ints. The program is generated
# from include/dpop.h at each run (tests/c/abi_abuse/gen.py), so a new function is covered as soon
# as it is in the header. Ends with "abi-abuse: N passed, M failed"; exits non-zero on failure.
#
#   scripts/abi-abuse.sh               build the library (cargo build), then build and run
#   scripts/abi-abuse.sh --build-only  only build build/abi-abuse/abi_abuse (for valgrind-c.sh)
#
# Set ABI_ABUSE_URL to a live URL (e.g. the test servers' echo resource) to send the abused
# requests somewhere real; by default they go to a local port nobody listens on.
set -euo pipefail
cd "$(dirname "$0")/.."
out=build/abi-abuse
mkdir -p "$out"

[ "${DPOP_SKIP_CARGO_BUILD:-}" = 1 ] || cargo build --quiet
scripts/link-soname.sh target/debug
python3 tests/c/abi_abuse/gen.py include/dpop.h > "$out/abi_abuse.c.tmp"
mv "$out/abi_abuse.c.tmp" "$out/abi_abuse.c"
cc -std=c11 -Wall -Wextra -Werror -pedantic -g -Iinclude -Itests/c/abi_abuse \
    "$out/abi_abuse.c" tests/c/abi_abuse/harness.c \
    -Ltarget/debug -ldpop -Wl,-rpath,"$PWD/target/debug" -o "$out/abi_abuse"
[ "${1:-}" = --build-only ] && exit 0

# Relative paths the program writes (WriteFile, SavePkcs8PemFile, ...) land in a scratch directory.
rm -rf "$out/run" && mkdir -p "$out/run"
cd "$out/run"
exec ../abi_abuse
