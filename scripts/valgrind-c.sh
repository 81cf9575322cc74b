#!/usr/bin/env bash
# Runs the C programs under valgrind memcheck against the debug library: the C API tests
# (tests/c/test_api.c: with use after Dispose, double Dispose, foreign and garbage handles, and
# strings read after lastErrorText), JsonObject views, JsonArray, StringBuilder and Global
# (tests/c/test_objects.c), the error codes (tests/c/test_error_codes.c), HttpRequest, Rest and
# the token/proof extension (tests/c/test_http_objects.c), the ABI abuse
# program (scripts/abi-abuse.sh; here its requests go to the local servers' echo resource, so
# responses are handled too) and the seed flow (bindings/c/examples/seed_flow.c) against the
# local servers. Fails on any memcheck error
# (invalid read or write, use of uninitialised memory, invalid free, ...), any definite leak, and
# any program failure.
#
# "possibly lost" and "still reachable" blocks are reported but accepted: they are Rust
# process-wide statics that live until exit (the token cache, the nonce store, rustls' root store
# and session cache), not leaks. scripts/valgrind.supp suppresses only memcheck's false reports
# inside ring's AES-GCM assembly on HTTPS connections (it says why).
#
# Needs valgrind, a C compiler, openssl, python3, Node.js and `npm ci --prefix tests/server`.
# Takes a few minutes (the abuse program sends 1 MiB strings through every function).
# Logs: build/valgrind-c/*.valgrind.log. Ends with "valgrind-c: N passed, M failed".
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "valgrind-c: valgrind is not installed (apt-get install valgrind)" >&2; exit 1; }
root=$PWD
out=$root/build/valgrind-c
rm -rf "$out" && mkdir -p "$out/run"

[ "${DPOP_SKIP_CARGO_BUILD:-}" = 1 ] || cargo build --quiet
DPOP_SKIP_CARGO_BUILD=1 scripts/abi-abuse.sh --build-only
cc_flags=(-std=c11 -Wall -Wextra -Werror -pedantic -g -Iinclude -Ltarget/debug -ldpop -Wl,-rpath,"$root/target/debug")
cc tests/c/test_api.c "${cc_flags[@]}" -o "$out/test_api"
cc tests/c/test_error_codes.c -pthread "${cc_flags[@]}" -o "$out/test_error_codes"
cc tests/c/test_objects.c "${cc_flags[@]}" -o "$out/test_objects"
cc tests/c/test_http_objects.c "${cc_flags[@]}" -o "$out/test_http_objects"
cc bindings/c/examples/seed_flow.c "${cc_flags[@]}" -o "$out/seed_flow"
openssl ecparam -genkey -name prime256v1 -noout -out "$out/key.pem"

# vg NAME PROGRAM [ARGS...]: runs PROGRAM under memcheck (output in $out/NAME.out) and appends
# "pass NAME" or "fail NAME" to $out/results.
vg() {
    local name=$1; shift
    local log="$out/$name.valgrind.log" status=0 errors suppressed definite possibly reachable
    valgrind --tool=memcheck --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=99 \
        --suppressions="$root/scripts/valgrind.supp" \
        --num-callers=40 --log-file="$log" "$@" > "$out/$name.out" 2>&1 || status=$?
    errors=$(sed -n 's/.*ERROR SUMMARY: \([0-9,]*\) errors.*/\1/p' "$log" | tail -n1)
    suppressed=$(sed -n 's/.*ERROR SUMMARY: .*(suppressed: \([0-9,]*\) from.*/\1/p' "$log" | tail -n1)
    definite=$(sed -n 's/.*definitely lost: \([0-9,]*\) bytes.*/\1/p' "$log" | tail -n1)
    possibly=$(sed -n 's/.*possibly lost: \([0-9,]*\) bytes.*/\1/p' "$log" | tail -n1)
    reachable=$(sed -n 's/.*still reachable: \([0-9,]*\) bytes.*/\1/p' "$log" | tail -n1)
    echo "valgrind-c: $name: exit $status, ${errors:-?} errors (${suppressed:-0} suppressed: ring's AES-GCM), definitely lost ${definite:-0} bytes" \
        "(possibly lost ${possibly:-0}, still reachable ${reachable:-0}: process-wide statics)"
    if [ "$status" -ne 0 ] || [ "${errors:-1}" != 0 ] || [ "${definite:-0}" != 0 ]; then
        echo "---- $name: output (tail) ----"; tail -n 30 "$out/$name.out"
        echo "---- $name: first errors from $log ----"
        grep -m 40 -A 25 -E "Invalid|uninitialised|definitely lost in|Mismatched|free\(\)|overlap|Process terminating" "$log" | head -n 150 || true
        echo "fail $name" >> "$out/results"
        return 1
    fi
    echo "pass $name" >> "$out/results"
}

servers_part() {
    field() { python3 -c "import json,os; print(json.loads(os.environ['DPOP_TEST_SERVERS'])['$1'])"; }
    # The abuse program writes files (WriteFile, ...) into its working directory.
    (cd "$out/run" && ABI_ABUSE_URL=$(field echo) vg abi_abuse "$root/build/abi-abuse/abi_abuse") || true
    vg test_error_codes "$out/test_error_codes" "$out" || true
    vg test_http_objects "$out/test_http_objects" || true
    if vg seed_flow "$out/seed_flow" "$out/key.pem" "$(field token_endpoint)" "$(field resource)" "$out/session.log"; then
        grep -q "response status code = 200" "$out/seed_flow.out" \
            || { echo "seed flow under valgrind did not get a 200:"; cat "$out/seed_flow.out"; echo "fail seed_flow (status)" >> "$out/results"; }
    fi
    ! grep -q '^fail' "$out/results"
}
export -f servers_part vg; export out root

vg test_api "$out/test_api" "$out" || true
vg test_objects "$out/test_objects" "$out" || true
tests/server/with-servers.sh bash -c servers_part || true

passed=$(grep -c '^pass' "$out/results" || true)
failed=$(grep -c '^fail' "$out/results" || true)
expected=6
if [ $((passed + failed)) -lt $expected ] && [ "$failed" -eq 0 ]; then
    echo "valgrind-c: only $passed of $expected programs ran (did the servers start?)" >&2
    failed=$((expected - passed))
fi
echo "valgrind-c: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
