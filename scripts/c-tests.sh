#!/usr/bin/env bash
# Builds the C tests against include/dpop.h and the debug library with warnings as errors and
# runs them: the ABI rules without servers (tests/c/test_api.c), JsonObject, JsonArray,
# StringBuilder and Global through Chilkat's header names (tests/c/test_objects.c), BOOL, TRUE and
# FALSE of those headers in C99, C11 and C++ (tests/c/chilkat_bool.c), the replay of
# the cases recorded from Chilkat (tests/chilkat_diff, the Http ones against a scripted server),
# then against the local servers the error codes (tests/c/test_error_codes.c), HttpRequest,
# HttpResponse, Rest and the token/proof extension (tests/c/test_http_objects.c) and the Okta
# example transliterated to C (tests/c/seed_okta.c). Checks the library's SONAME and that
# the programs ask for it. Then installs the library into a scratch prefix (`make install`), checks
# the installed files and links, builds the seed flow the way a C program would (pkg-config), and
# runs it against the local servers.
set -euo pipefail
cd "$(dirname "$0")/.."
out=build/c-tests
mkdir -p "$out"
scripts/link-soname.sh target/debug
warnings=(-std=c11 -Wall -Wextra -Werror -pedantic)
debug_lib=(-Iinclude -Ltarget/debug -ldpop -Wl,-rpath,"$PWD/target/debug")
cc tests/c/test_api.c "${warnings[@]}" "${debug_lib[@]}" -o "$out/test_api"
cc tests/c/test_error_codes.c "${warnings[@]}" -pthread "${debug_lib[@]}" -o "$out/test_error_codes"
cc tests/c/test_http_objects.c "${warnings[@]}" "${debug_lib[@]}" -o "$out/test_http_objects"
cc tests/c/seed_okta.c "${warnings[@]}" "${debug_lib[@]}" -o "$out/seed_okta"
"$out/test_api" "$out"

# Every class has its header under Chilkat's name (C_CkX.h); test_objects.c includes them all.
for class in $(sed -n 's/^typedef struct \(Ck[A-Za-z]*\) Ck[A-Za-z]*;$/\1/p' include/dpop.h); do
    grep -q '#include "dpop.h"' "include/C_$class.h" || { echo "include/C_$class.h is missing" >&2; exit 1; }
    grep -q "<C_$class.h>" tests/c/test_objects.c || { echo "tests/c/test_objects.c does not include C_$class.h" >&2; exit 1; }
done
cc tests/c/test_objects.c "${warnings[@]}" "${debug_lib[@]}" -o "$out/test_objects"
"$out/test_objects" "$out"

# A program written as Chilkat's C samples are, with BOOL, TRUE and FALSE from C_Ck*.h: as C99,
# C11 and C++.
cc tests/c/chilkat_bool.c "${warnings[@]/-std=c11/-std=c99}" "${debug_lib[@]}" -o "$out/chilkat_bool_c99"
cc tests/c/chilkat_bool.c "${warnings[@]}" "${debug_lib[@]}" -o "$out/chilkat_bool_c11"
c++ -x c++ tests/c/chilkat_bool.c "${warnings[@]/-std=c11/-std=c++11}" "${debug_lib[@]}" -o "$out/chilkat_bool_cpp"
for program in chilkat_bool_c99 chilkat_bool_c11 chilkat_bool_cpp; do "$out/$program"; done

# The differential cases recorded from Chilkat (tests/chilkat_diff), replayed through the C ABI;
# the Http cases talk to the scripted server, which serves until its stdin closes.
python3 tests/chilkat_diff/gen_c.py > "$out/chilkat_diff.c"
cc "$out/chilkat_diff.c" "${warnings[@]}" "${debug_lib[@]}" -o "$out/chilkat_diff"
coproc SCRIPTED { exec python3 tests/chilkat_diff/http_server.py; }
read -r scripted_base <&"${SCRIPTED[0]}"
CHILKAT_DIFF_BASE=$scripted_base "$out/chilkat_diff" | tail -n 20
exec {SCRIPTED[1]}>&-
wait "$SCRIPTED_PID"

# The SONAME names the major version (build.rs), and programs linked with -ldpop record it.
major=$(sed -n 's/^version = "\([0-9]*\)\..*"/\1/p' Cargo.toml | head -n 1)
soname() { readelf -d "$1" | sed -n 's/.*Library soname: \[\(.*\)\]$/\1/p'; }
needed() { readelf -d "$1" | sed -n 's/.*Shared library: \[\(libdpop[^]]*\)\]$/\1/p'; }
expected=0
expect() { # expect WHAT ACTUAL EXPECTED
    if [ "$2" != "$3" ]; then echo "FAIL $1: '$2', expected '$3'" >&2; exit 1; fi
    expected=$((expected + 1))
}
expect "SONAME of target/debug/libdpop.so" "$(soname target/debug/libdpop.so)" "libdpop.so.$major"
expect "libdpop needed by test_api" "$(needed "$out/test_api")" "libdpop.so.$major"

prefix="$PWD/$out/prefix"
rm -rf "$prefix"
make -s install PROFILE=debug PREFIX="$prefix" >/dev/null
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
expect "installed libdpop.so" "$(readlink "$prefix/lib/libdpop.so")" "libdpop.so.$major"
expect "installed libdpop.so.$major" "$(readlink "$prefix/lib/libdpop.so.$major")" "libdpop.so.$version"
expect "SONAME of the installed library" "$(soname "$prefix/lib/libdpop.so.$version")" "libdpop.so.$major"
cc bindings/c/examples/seed_flow.c "${warnings[@]}" $(PKG_CONFIG_PATH="$prefix/lib/pkgconfig" pkg-config --cflags --libs dpop) \
   -Wl,-rpath,"$prefix/lib" -o "$out/seed_flow"
expect "libdpop needed by seed_flow" "$(needed "$out/seed_flow")" "libdpop.so.$major"
echo "SONAME libdpop.so.$major, installed as libdpop.so.$version with its links: $expected passed, 0 failed"

openssl ecparam -genkey -name prime256v1 -noout -out "$out/key.pem"
servers_part() {
    field() { python3 -c "import json,os; print(json.loads(os.environ['DPOP_TEST_SERVERS'])['$1'])"; }
    "$out/test_error_codes" "$out"
    "$out/test_http_objects"
    # The Okta example with client_secret_basic through Login and Password.
    "$out/seed_okta" "$(field bearer_token_endpoint)" m2m.bearer.basic secret api > "$out/seed_okta.out" \
        || { cat "$out/seed_okta.out"; echo "the Okta example failed" >&2; exit 1; }
    grep -q "Response Status Code = 200" "$out/seed_okta.out" && grep -q "token_type = Bearer, expires_in = 3600, scope = api" "$out/seed_okta.out"
    echo "Okta example from C (C_Ck*.h): 1 passed, 0 failed"
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
export -f servers_part; export out
tests/server/with-servers.sh bash -c servers_part
