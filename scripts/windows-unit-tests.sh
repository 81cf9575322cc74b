#!/usr/bin/env bash
# The crate's Rust unit tests (`cargo test --lib`) compiled for ARCH-pc-windows-gnu and run under
# Wine, with the ProcessPrng stand-in next to the test program (see scripts/windows-test.sh, which
# calls this with WINEPREFIX set). A test that fails under Wine is a real failure unless it also
# fails on Linux with an empty PATH: then it needs a Linux program (the openssl CLI makes test keys)
# that a Windows program cannot start, and it is reported as not run.
# usage: windows-unit-tests.sh ARCH FIXTURE_DIR; prints `ARCH: ...: N passed, M failed, K skipped`.
set -uo pipefail
cd "$(dirname "$0")/.."
arch=$1 fixtures=$2
out=build/windows-test/$arch/unit
mkdir -p "$out"

# test_program [cargo args...]: the path of the lib's test program cargo builds.
test_program() {
    cargo test --lib --no-run --quiet --message-format=json "$@" |
        python3 -c 'import json,sys; print(next(m["executable"] for m in map(json.loads, sys.stdin) if m.get("executable") and m["target"]["src_path"].endswith("lib.rs")))'
}
windows_tests=$(test_program --target "$arch-pc-windows-gnu") || { echo "FAIL $arch: Rust unit tests do not build for Windows"; exit 0; }
cp "$fixtures/bcryptprimitives.dll" "$(dirname "$windows_tests")/"

wine "$windows_tests" --test-threads 2 2>&1 | tr -d '\r' >"$out/wine.log"
mapfile -t failed_under_wine < <(sed -n '/^failures:$/,/^test result/s/^    \([a-z_:0-9]*\)$/\1/p' "$out/wine.log")
total=$(sed -n 's/^test result: [A-Za-z]*\. \([0-9]*\) passed; \([0-9]*\) failed.*/\1 \2/p' "$out/wine.log")
if [ -z "$total" ]; then
    echo "FAIL $arch: Rust unit tests under Wine did not finish:"; tail -n 20 "$out/wine.log" | sed 's/^/    /'
    exit 0
fi

real=() needs_linux=()
if [ ${#failed_under_wine[@]} -gt 0 ]; then
    linux_tests=$(test_program)
    for name in "${failed_under_wine[@]}"; do
        if env -i PATH=/nonexistent "$linux_tests" --exact "$name" >"$out/linux-no-path.log" 2>&1; then
            real+=("$name")
        else
            needs_linux+=("$name")
        fi
    done
fi
for name in "${real[@]}"; do
    echo "FAIL $arch: $name (under Wine):"
    sed -n "/^---- $name stdout ----$/,/^$/p" "$out/wine.log" | sed 's/^/    /'
done
[ ${#needs_linux[@]} -eq 0 ] || echo "NOT RUN under Wine (they need a Linux program, e.g. openssl): ${needs_linux[*]}"
echo "$arch: Rust unit tests under Wine: ${total% *} passed, ${#real[@]} failed, ${#needs_linux[@]} skipped"
