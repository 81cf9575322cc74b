#!/usr/bin/env bash
# The main job: the seed flow in C against a local oidc-provider that requires DPoP-bound tokens
# and a resource server that verifies every proof. Prints the status, the response and the
# session log (secrets masked).
set -euo pipefail
cd "$(dirname "$0")/.."
out=build/demo
mkdir -p "$out"
scripts/link-soname.sh target/release
[ -f "$out/ecc_privKey.pem" ] || openssl ecparam -genkey -name prime256v1 -noout -out "$out/ecc_privKey.pem"
cc -std=c11 -Wall -Wextra -Werror -Iinclude bindings/c/examples/seed_flow.c -Ltarget/release -ldpop \
   -Wl,-rpath,"$PWD/target/release" -o "$out/seed_flow"
rm -f "$out/session.log"
run() {
    field() { python3 -c "import json,os; print(json.loads(os.environ['DPOP_TEST_SERVERS'])['$1'])"; }
    "$out/seed_flow" "$out/ecc_privKey.pem" "$(field token_endpoint)" "$(field resource)" "$out/session.log"
    echo; echo "---- session log ($out/session.log) ----"; cat "$out/session.log"
}
export -f run; export out
tests/server/with-servers.sh bash -c run
