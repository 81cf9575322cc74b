#!/usr/bin/env bash
# Tests the Windows DLLs of scripts/windows-build.sh (release, as shipped) under Wine:
#   - the export table of each DLL against include/dpop.h and the SQL Server and PureBasic
#     bindings (scripts/windows_exports.py);
#   - the crate's Rust unit tests built for Windows (scripts/windows-unit-tests.sh);
#   - C programs compiled with mingw-w64 (-Werror) and linked with the import library dpop.lib,
#     run under Wine against the local test servers (nonces required at both servers):
#     tests/c/test_api.c; tests/c/chilkat_bool.c (Chilkat's BOOL, TRUE and FALSE with windows.h
#     included before and after the C_Ck*.h headers); bindings/c/examples/seed_flow.c with a key
#     file and a session log under C:\ in a folder whose name has spaces and non-ASCII letters;
#     HTTPS with TrustedCaFile, a missing TrustedCaFile, SSL_CERT_FILE, and the Windows
#     certificate store (tests/windows/https_check.c, tests/windows/root_store.c).
# Each architecture gets a fresh Wine prefix in build/wine-ARCH. The programs carry the UTF-8
# manifest bindings/windows/utf8.manifest (their argv is UTF-8, as libdpop wants). Wine 8 has no
# bcryptprimitives.dll!ProcessPrng, which Rust's std imports: the stand-in
# tests/windows/bcryptprimitives.c is put next to the test programs (a fixture, never shipped).
# An architecture Wine cannot run here (32-bit without Debian's wine32) is reported as NOT RUN.
# Prints PASS/FAIL lines and `windows: N passed, M failed`; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
out=build/windows-test
export WINEDEBUG=-all,err+module    # quiet, except why a program or DLL could not be loaded
export WINEDLLOVERRIDES="mscoree,mshtml="    # no Mono or Gecko installer prompts
# Wine passes the environment on; these would make libdpop read a PEM file instead of the store.
unset SSL_CERT_FILE SSL_CERT_DIR
passed=0 failed=0

check() {   # check NAME CMD...: PASS if CMD succeeds
    local name=$1; shift
    if "$@"; then echo "PASS $name"; passed=$((passed + 1)); else echo "FAIL $name"; failed=$((failed + 1)); fi
}
error_code() { sed -n "s/^#define $1 \([0-9]*\)$/\1/p" include/dpop.h; }

# run LOG PROGRAM ARGS...: runs a test program under Wine with its output in LOG (Windows line
# ends made Unix ones).
run() {
    local log=$1; shift
    wine "$@" 2>&1 | tr -d '\r' >"$log"
}
# shows LOG and returns 1, for the && chains below
show() { sed 's/^/    /' "$1"; return 1; }
# add_counts LOG NAME: adds the last "N passed, M failed[, K skipped]" line of LOG to ours, and
# shows LOG's FAIL and NOT RUN lines with the indented lines below them.
add_counts() {
    local counts
    counts=$(sed -n 's/^\(.*: \)\{0,1\}\([0-9]*\) passed, \([0-9]*\) failed\(, [0-9]* skipped\)\{0,1\}$/\2 \3/p' "$1" | tail -n 1)
    if [ -z "$counts" ]; then
        check "$2: ran to the end" show "$1"
        return
    fi
    awk '/^(FAIL|NOT RUN)/ { shown = 1; print "    " $0; next } /^    / { if (shown) print "    " $0; next } { shown = 0 }' "$1"
    echo "$2: $(sed -n 's/^\(.*: \)\{0,1\}\([0-9]* passed, [0-9]* failed.*\)$/\2/p' "$1" | tail -n 1)"
    passed=$((passed + ${counts% *})) failed=$((failed + ${counts#* }))
}

field() { python3 -c "import json,os; print(json.loads(os.environ['DPOP_TEST_SERVERS'])['$1'])"; }
# admin PATH [BODY]: the test servers' admin API (GET, or POST with BODY).
admin() {
    python3 - "$(field admin)/$1" "$@" <<'EOF'
import sys, urllib.request
body = sys.argv[3].encode() if len(sys.argv) > 3 else None
print(urllib.request.urlopen(urllib.request.Request(sys.argv[1], data=body, method="POST" if body is not None else "GET")).read().decode())
EOF
}
# token and API exchanges since the last reset: "NONCE_CHALLENGES_AS NONCE_CHALLENGES_RS TOKENS API_SUCCESSES"
exchanges() {
    admin stats | python3 -c 'import json,sys; s=json.load(sys.stdin); print(s["as"]["dpop"]["errors"].get("use_dpop_nonce", 0), s["rs"]["nonce_challenges"], s["as"]["dpop"]["tokens_issued"], s["rs"]["successes"])'
}

# The checks under Wine for one architecture; runs inside tests/server/with-servers.sh.
wine_checks() {
    local arch=$1 bin=$out/$1 logs=$out/$1/logs
    export WINEPREFIX=$PWD/build/wine-$arch
    local tls io
    tls=$(error_code DPOP_ERR_TLS) io=$(error_code DPOP_ERR_IO)
    # A folder with a space, German, Russian and Japanese letters; C:\ is $WINEPREFIX/drive_c.
    local folder='libdpop tests\Schlüssel ключ 鍵'
    local win="C:\\$folder" unix="$WINEPREFIX/drive_c/${folder//\\//}"
    mkdir -p "$unix" "$logs"
    openssl ecparam -genkey -name prime256v1 -noout -out "$unix/ecc_privKey.pem" 2>/dev/null
    cp "$(field ca_file)" "$unix/test CA é.pem"
    local key="$win\\ecc_privKey.pem" ca="$win\\test CA é.pem"

    # 1. The C API tests; the key they save goes into the non-ASCII folder.
    run "$logs/test_api.log" "$bin/test_api.exe" "$win"
    add_counts "$logs/test_api.log" "$arch: tests/c/test_api.c under Wine"
    check "$arch: SavePkcs8PemFile wrote C:\\$folder\\c_test_key.pem" test -s "$unix/c_test_key.pem"
    # BOOL, TRUE and FALSE of the C_Ck*.h headers with windows.h included before and after them.
    run "$logs/chilkat_bool_first.log" "$bin/chilkat_bool_first.exe"
    add_counts "$logs/chilkat_bool_first.log" "$arch: tests/c/chilkat_bool.c, windows.h first, under Wine"
    run "$logs/chilkat_bool_last.log" "$bin/chilkat_bool_last.exe"
    add_counts "$logs/chilkat_bool_last.log" "$arch: tests/c/chilkat_bool.c, windows.h last, under Wine"

    # 2. The seed flow over HTTP; both servers demand a nonce first.
    admin reset '{}' >/dev/null
    local log="$win\\session log é.txt"
    run "$logs/seed.log" "$bin/seed_flow.exe" "$key" "$(field token_endpoint)" "$(field resource)" "$log"
    check "$arch: seed flow, key and session log in C:\\$folder: 200" \
        eval 'grep -q "response status code = 200" "$logs/seed.log" && grep -q "\"ok\":true" "$logs/seed.log" || show "$logs/seed.log"'
    check "$arch: nonces at both ends: 1 use_dpop_nonce from the AS, 1 from the API, 1 token, 1 success" \
        eval '[ "$(exchanges)" = "1 1 1 1" ] || { echo "    got: $(exchanges)"; false; }'
    local unix_log="$unix/session log é.txt"
    check "$arch: session log written, both requests in it, secrets masked" \
        eval 'grep -q "^POST /token HTTP/1.1" "$unix_log" && grep -q "^GET /api/resource HTTP/1.1" "$unix_log" &&
              grep -q "^DPoP: \*\*\*\*" "$unix_log" && grep -q "^Authorization: \*\*\*\*" "$unix_log" && ! grep -q "client_secret=secret" "$unix_log"'

    # 3. HTTPS. The test CA is in no Windows store yet.
    run "$logs/https-untrusted.log" "$bin/https_check.exe" "$(field resource_https)"
    check "$arch: HTTPS to a server from an unknown CA fails with DPOP_ERR_TLS" \
        eval 'grep -q "^status 0 code $tls$" "$logs/https-untrusted.log" || show "$logs/https-untrusted.log"'
    run "$logs/https-ca-file.log" "$bin/https_check.exe" "$(field resource_https)" "$ca" "$key" "$(field token_endpoint_https)"
    check "$arch: HTTPS seed flow (token endpoint and API) with TrustedCaFile C:\\$folder\\test CA é.pem: 200" \
        eval 'grep -q "^status 200 code 0$" "$logs/https-ca-file.log" && grep -q "\"tls\":true" "$logs/https-ca-file.log" || show "$logs/https-ca-file.log"'
    run "$logs/https-ca-missing.log" "$bin/https_check.exe" "$(field resource_https)" 'C:\no such folder\ca.pem'
    check "$arch: a missing TrustedCaFile fails with DPOP_ERR_IO and names the file" \
        eval 'grep -q "^status 0 code $io$" "$logs/https-ca-missing.log" && grep -qF "C:\\no such folder\\ca.pem" "$logs/https-ca-missing.log" || show "$logs/https-ca-missing.log"'
    SSL_CERT_FILE="$ca" run "$logs/https-ssl-cert-file.log" "$bin/https_check.exe" "$(field resource_https)"
    check "$arch: SSL_CERT_FILE replaces the Windows store (the CA in it is trusted)" \
        eval 'grep -q "^status 401 code" "$logs/https-ssl-cert-file.log" || show "$logs/https-ssl-cert-file.log"'

    # 4. The Windows certificate store: the CA goes into LocalMachine\Root (certutil -addstore Root).
    run "$logs/root-store.log" "$bin/root_store.exe" "$ca"
    run "$logs/https-store.log" "$bin/https_check.exe" "$(field resource_https)" "" "$key" "$(field token_endpoint_https)"
    check "$arch: HTTPS seed flow trusting a CA from the Windows store (LocalMachine\\Root), no TrustedCaFile: 200" \
        eval 'grep -q "^status 200 code 0$" "$logs/https-store.log" || { show "$logs/root-store.log"; show "$logs/https-store.log"; }'
    echo "windows-test-counts $passed $failed"
}

# compile ARCH: the test programs and the ProcessPrng stand-in into $out/ARCH.
compile() {
    local arch=$1 bin=$out/$1 cc=$1-w64-mingw32-gcc lib=build/windows/$1
    local cflags=(-std=c11 -Wall -Wextra -Werror -pedantic -Iinclude)
    mkdir -p "$bin"
    cp "$lib/dpop.dll" "$bin/"
    "$1-w64-mingw32-windres" bindings/windows/utf8.rc -O coff -o "$bin/utf8.o" &&
    "$cc" -shared -O2 -Wall -Wextra -Werror -Wl,--kill-at tests/windows/bcryptprimitives.c -ladvapi32 -o "$bin/bcryptprimitives.dll" &&
    "$cc" "${cflags[@]}" tests/c/test_api.c "$bin/utf8.o" -L"$lib" -l:dpop.lib -o "$bin/test_api.exe" &&
    "$cc" "${cflags[@]/-std=c11/-std=c99}" -DWINDOWS_H_FIRST tests/c/chilkat_bool.c -L"$lib" -l:dpop.lib -o "$bin/chilkat_bool_first.exe" &&
    "$cc" "${cflags[@]/-std=c11/-std=c99}" -DWINDOWS_H_LAST tests/c/chilkat_bool.c -L"$lib" -l:dpop.lib -o "$bin/chilkat_bool_last.exe" &&
    "$cc" "${cflags[@]}" bindings/c/examples/seed_flow.c "$bin/utf8.o" -L"$lib" -l:dpop.lib -o "$bin/seed_flow.exe" &&
    "$cc" "${cflags[@]}" tests/windows/https_check.c "$bin/utf8.o" -L"$lib" -l:dpop.lib -o "$bin/https_check.exe" &&
    "$cc" "${cflags[@]}" tests/windows/root_store.c "$bin/utf8.o" -lcrypt32 -o "$bin/root_store.exe"
}

if [ "${1:-}" = --wine-checks ]; then
    wine_checks "$2"
    exit 0
fi

mkdir -p "$out"
arches=() dlls=()
for dll in build/windows/*/dpop.dll; do [ -e "$dll" ] && arches+=("$(basename "$(dirname "$dll")")") dlls+=("$dll"); done
[ ${#arches[@]} -gt 0 ] || { echo "windows-test: no DLL in build/windows: run scripts/windows-build.sh" >&2; exit 1; }
python3 scripts/windows_exports.py --self-test "${dlls[@]}" >"$out/exports.log" 2>&1
add_counts "$out/exports.log" "export tables of ${dlls[*]} (scripts/windows_exports.py)"
command -v wine >/dev/null || { echo "windows-test: NOT RUN under Wine: wine is not installed (scripts/windows-deps.sh installs it)"; failed=$((failed + 1)); }

wine_version=$(wine --version 2>/dev/null)
for arch in "${arches[@]}"; do
    command -v wine >/dev/null || break
    check "$arch: test programs compile with mingw-w64 against dpop.h and link with dpop.lib" compile "$arch" || continue
    export WINEPREFIX=$PWD/build/wine-$arch
    rm -rf "$WINEPREFIX"
    wineboot --init >"$out/wineboot-$arch.log" 2>&1
    # Whether Wine can run this architecture at all: root_store.exe without arguments exits 2.
    wine "$out/$arch/root_store.exe" >"$out/probe-$arch.log" 2>&1
    if [ $? -ne 2 ]; then
        echo "NOT RUN $arch under Wine: $wine_version cannot start $arch programs here$(
            [ "$arch" = i686 ] && echo " (Debian's 32-bit Wine, wine32:i386, is not installed: see scripts/windows-deps.sh)"):"
        sed 's/^/    /' "$out/probe-$arch.log" | head -n 5
        wineserver -k 2>/dev/null
        # Only 32-bit Wine may be missing: without x86_64 nothing of the DLL would have run.
        [ "$arch" = x86_64 ] && failed=$((failed + 1))
        continue
    fi
    echo "-- $arch under $wine_version"
    scripts/windows-unit-tests.sh "$arch" "$out/$arch" >"$out/unit-$arch.log" 2>&1
    add_counts "$out/unit-$arch.log" "$arch: the crate's Rust unit tests (cargo test --lib) under Wine"
    tests/server/with-servers.sh "$0" --wine-checks "$arch" | tee "$out/checks-$arch.log" | grep -v '^windows-test-counts '
    counts=$(sed -n 's/^windows-test-counts //p' "$out/checks-$arch.log")
    [ -n "$counts" ] || counts="0 1"   # the servers or the script itself failed
    passed=$((passed + ${counts% *})) failed=$((failed + ${counts#* }))
    wineserver -k 2>/dev/null
done

echo "windows: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
