#!/usr/bin/env bash
# Performance benchmark: builds the release library, starts the local servers (tests/server) and
# prints one table:
#   1. DPoP proofs/s and us/proof (benches/proof.rs) vs `openssl speed ecdsap256` sign/s, and the
#      same for the other key types (ecdsap384, ecdsap521, rsa2048, ed25519);
#   2. client CPU ms per request with a cached token over keep-alive (getrusage of the client
#      process only) from C (benches/http_client.c), Python ctypes (`dpop`) and
#      requests-oauth2client (installed into build/bench-venv from benches/requirements.txt);
#   3. tokens issued (the AS's counter) for many short-lived Http objects in one process;
#   4. VmRSS before and after BENCH_REQUESTS requests in one C process; libdpop.so size;
#   8. 50 starts of the C seed flow (bindings/c/examples/seed_flow.c) with and without the token
#      cache file (DPOP_TOKEN_CACHE): tokens issued and wall time per run.
#
# Usage: scripts/bench.sh
#   BENCH_REQUESTS=100000     requests in the RSS run (the longest part: about a minute per 50k here)
#   BENCH_CPU_REQUESTS=5000   requests in the C and Python dpop CPU runs
#   BENCH_PY_REQUESTS=2000    requests in the requests-oauth2client run
#   BENCH_HTTP_OBJECTS=100    short-lived Http objects in the token-count run
# Needs Rust, a C compiler, Node.js 20+ with npm, Python 3 with venv, openssl, and PyPI access on
# the first run. Results (JSON) stay in build/bench/. Run it on a quiet machine: the load average
# is printed with the table.
set -euo pipefail
cd "$(dirname "$0")/.."
out=build/bench
venv=build/bench-venv
mkdir -p "$out"
say() { echo "[bench] $*" >&2; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

load_start=$(load)
case "${load_start%% *}" in
    0.*) ;;
    *) say "warning: load average is $load_start: other work on this machine will add noise" ;;
esac

say "cargo build --release"
cargo build --release
lib=target/release/libdpop.so
scripts/link-soname.sh target/release

say "dependencies: test servers (npm), requests-oauth2client (build/bench-venv)"
if [ ! -f tests/server/node_modules/.installed ] || [ tests/server/package-lock.json -nt tests/server/node_modules/.installed ]; then
    npm ci --prefix tests/server --no-audit --no-fund --loglevel=error
    touch tests/server/node_modules/.installed
fi
if [ ! -f "$venv/.installed" ] || [ benches/requirements.txt -nt "$venv/.installed" ]; then
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install -q --disable-pip-version-check -r benches/requirements.txt
    touch "$venv/.installed"
fi

say "building benches/http_client.c and bindings/c/examples/seed_flow.c"
cc -O2 -std=c11 -Wall -Wextra -Werror -pthread -Iinclude benches/http_client.c -L"$(dirname "$lib")" -ldpop \
   -Wl,-rpath,"$PWD/$(dirname "$lib")" -o "$out/http_client"
cc -O2 -std=c11 -Wall -Wextra -Werror -Iinclude bindings/c/examples/seed_flow.c -L"$(dirname "$lib")" -ldpop \
   -Wl,-rpath,"$PWD/$(dirname "$lib")" -o "$out/seed_flow"
[ -f "$out/key.pem" ] || openssl ecparam -genkey -name prime256v1 -noout -out "$out/key.pem"

say "1/4 DPoP proofs (benches/proof.rs, about 30 s)"
BENCH_PROOF_OUT="$out/proof.json" cargo test --release --bench proof -- --ignored --nocapture --exact proof_throughput >&2

say "1/4 openssl speed -seconds 2 ecdsap256 ecdsap384 ecdsap521 rsa2048 ed25519 (about 30 s)"
openssl speed -seconds 2 ecdsap256 ecdsap384 ecdsap521 rsa2048 ed25519 2>/dev/null | tee "$out/openssl.txt" >&2
python3 benches/bench.py openssl "$out"

say "2-4/4 clients against the local servers"
export DPOP_LIBRARY="$PWD/$lib" BENCH_PYTHON="$PWD/$venv/bin/python" LIBDPOP_TEST_SERVER_QUIET=1
tests/server/with-servers.sh python3 benches/bench.py clients "$out"

# The machine, for the table.
python3 - "$out/machine.json" <<EOF
import json, sys
json.dump({
    "date": "$(date -u '+%Y-%m-%d %H:%M UTC')",
    "nproc": "$(nproc)",
    "cpu": "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')",
    "kernel": "$(uname -sr)",
    "rustc": "$(rustc --version)",
    "openssl": "$(openssl version)",
    "load_start": "$load_start",
    "load_end": "$(load)",
    "lib_bytes": $(stat -c %s "$lib"),
    "lib_path": "$lib",
}, open(sys.argv[1], "w"))
EOF
python3 benches/bench.py report "$out"
