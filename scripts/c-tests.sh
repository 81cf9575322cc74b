#!/usr/bin/env bash
# Builds the C tests against include/dpop.h and the debug library with warnings as errors and
# runs the ABI tests; then installs the library into a scratch prefix, builds the seed flow the
# way a C program would (pkg-config), and runs it against the local servers.
set -euo pipefail
cd "$(dirname "$0")/.."
out=build/c-tests
mkdir -p "$out"
warnings=(-std=c11 -Wall -Wextra -Werror -pedantic)
cc tests/c/test_api.c "${warnings[@]}" -Iinclude -Ltarget/debug -ldpop -Wl,-rpath,"$PWD/target/debug" -o "$out/test_api"
"$out/test_api" "$out"

prefix="$PWD/$out/prefix"
make -s install PROFILE=debug PREFIX="$prefix" >/dev/null
cc bindings/c/examples/seed_flow.c "${warnings[@]}" $(PKG_CONFIG_PATH="$prefix/lib/pkgconfig" pkg-config --cflags --libs dpop) \
   -Wl,-rpath,"$prefix/lib" -o "$out/seed_flow"

openssl ecparam -genkey -name prime256v1 -noout -out "$out/key.pem"
seed() {
    field() { python3 -c "import json,os; print(json.loads(os.environ['DPOP_TEST_SERVERS'])['$1'])"; }
    rm -f "$out/session.log"
    "$out/seed_flow" "$out/key.pem" "$(field token_endpoint)" "$(field resource)" "$out/session.log" > "$out/seed.out"
    grep -q "response status code = 200" "$out/seed.out" || { cat "$out/seed.out"; echo "seed flow failed" >&2; exit 1; }
    grep -q '"ok":true' "$out/seed.out"
    # The log shows the token request and the API request, with every secret masked.
    grep -q "^POST /token HTTP/1.1" "$out/session.log" && grep -q "^GET /api/resource HTTP/1.1" "$out/session.log"
    grep -q "^DPoP: \*\*\*\*" "$out/session.log" && grep -q "^Authorization: \*\*\*\*" "$out/session.log"
    if grep -q "client_secret=secret" "$out/session.log"; then echo "client secret leaked into the session log" >&2; exit 1; fi
    echo "seed flow from C (installed with pkg-config): 1 passed, 0 failed"
}
export -f seed; export out
tests/server/with-servers.sh bash -c seed
