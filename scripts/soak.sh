#!/usr/bin/env bash
# The soak run (issue 15; not part of `make test`): 16 threads for 10 minutes against the local
# servers with 30 s tokens and the resource server's nonce rotating every 100 requests. Fails
# unless every request succeeded, one token was issued per lifetime, and RSS and open file
# descriptors stayed flat. BENCH_SOAK_SECONDS and BENCH_SOAK_THREADS change the defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
out=build/bench
mkdir -p "$out"
cargo build --release
scripts/link-soname.sh target/release
if [ ! -f tests/server/node_modules/.installed ] || [ tests/server/package-lock.json -nt tests/server/node_modules/.installed ]; then
    npm ci --prefix tests/server --no-audit --no-fund --loglevel=error
    touch tests/server/node_modules/.installed
fi
cc -O2 -std=c11 -Wall -Wextra -Werror -pthread -Iinclude benches/http_client.c -Ltarget/release -ldpop \
   -Wl,-rpath,"$PWD/target/release" -o "$out/http_client"
[ -f "$out/key.pem" ] || openssl ecparam -genkey -name prime256v1 -noout -out "$out/key.pem"
LIBDPOP_TEST_SERVER_QUIET=1 tests/server/with-servers.sh python3 benches/bench.py soak "$out"
