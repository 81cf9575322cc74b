#!/usr/bin/env bash
# Tests the PureBasic and SQL Server bindings:
#   1. PureBasic: the modules match a fresh generation from include/dpop.h, cover every function
#      with the right arity and types, and the example's calls exist (no PureBasic compiler here).
#   2. SQL Server: LibDpop.cs and install.sql agree with dpop.h and DpopSql.cs; the assembly and a
#      test harness compile with Mono's mcs (installed with apt-get if missing); the harness calls
#      the SQL entry points against the local authorization and resource servers.
# Also: the README's compatibility table matches the header, and the Rust code is as rustfmt
# (rustfmt.toml) formats it.
# Prints PASS/FAIL lines and `bindings: N passed, M failed`; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
out=build/bindings
mkdir -p "$out"
passed=0 failed=0

# step NAME CMD...: runs CMD with its output in $out/NAME.log; counts the PASS/FAIL lines it
# prints, or the step itself when it prints none.
step() {
    local name=$1; shift
    local log="$out/$name.log"
    "$@" >"$log" 2>&1
    local rc=$? p f
    p=$(grep -c '^PASS' "$log"); f=$(grep -c '^FAIL' "$log")
    grep -E '^(PASS|FAIL)' "$log"
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        f=1; echo "FAIL $name (exit $rc):"; tail -n 30 "$log" | sed 's/^/    /'
    elif [ "$rc" -eq 0 ] && [ "$p" -eq 0 ]; then
        p=1; echo "PASS $name"
    fi
    passed=$((passed + p)) failed=$((failed + f))
    return "$rc"
}

install_mono() {
    local sudo=; [ "$(id -u)" -eq 0 ] || sudo=sudo
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq && $sudo apt-get install -y -qq mono-mcs mono-runtime libmono-system-data4.0-cil
}

harness() {
    local keys=$out/keys name
    mkdir -p "$keys"
    for name in key key-other key-concurrent; do
        openssl ecparam -genkey -name prime256v1 -noout -out "$keys/$name.pem" || return
    done
    openssl ecparam -genkey -name prime256v1 -noout |
        openssl pkcs8 -topk8 -v2 aes-256-cbc -passout pass:harness-pw -out "$keys/key-enc.pem" || return
    LD_LIBRARY_PATH="$PWD/target/debug${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
        tests/server/with-servers.sh mono "$out/Harness.exe" "$keys" "$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)"
}

step compat-table python3 scripts/compat_table.py --check
step rust-format cargo fmt --all --check
step purebasic python3 bindings/purebasic/check.py --self-test
step sqlserver-static python3 bindings/sqlserver/check.py --self-test

command -v mcs >/dev/null && command -v mono >/dev/null || step install-mono install_mono
if step library cargo build --quiet &&
   { [ -d tests/server/node_modules ] || step npm-ci npm ci --prefix tests/server --no-audit --no-fund --loglevel=error; } &&
   step compile-assembly mcs -warnaserror -target:library -r:System.Data -out:"$out/LibDpopSql.dll" \
        bindings/sqlserver/LibDpop.cs bindings/sqlserver/DpopSql.cs &&
   step compile-harness mcs -warnaserror -r:System.Data -r:"$out/LibDpopSql.dll" -out:"$out/Harness.exe" \
        bindings/sqlserver/tests/Harness.cs; then
    echo "    LibDpopSql.dll SHA-512 (sys.sp_add_trusted_assembly): 0x$(sha512sum "$out/LibDpopSql.dll" | cut -c1-128)"
    step sqlserver-harness harness
    grep '^  1,000 calls' "$out/sqlserver-harness.log"
fi

echo "bindings: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
