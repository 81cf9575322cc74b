#!/usr/bin/env bash
# The Python package as users get it: builds the libdpop wheel from bindings/python (setuptools-rust
# compiles the release library into it), checks that it is platform-tagged and holds the library,
# installs it into a fresh venv, and runs bindings/python/examples/seed_flow.py there against the
# local servers with an empty environment (no DPOP_LIBRARY, no PYTHONPATH). Then checks that
# `pip install ./bindings/python` gives the same. Prints PASS/FAIL lines and
# `wheel: N passed, M failed`.
set -uo pipefail
cd "$(dirname "$0")/.."
out=$PWD/build/wheel
# setuptools builds in bindings/python/build; a stale copy there could slip into the wheel.
rm -rf "$out" bindings/python/build bindings/python/libdpop.egg-info
mkdir -p "$out"
passed=0 failed=0
check() {   # check NAME CMD...: PASS if CMD succeeds
    local name=$1; shift
    if "$@"; then echo "PASS $name"; passed=$((passed + 1)); else echo "FAIL $name"; failed=$((failed + 1)); fi
}
show() { sed 's/^/    /' "$1"; return 1; }
# venv DIR: a new virtual environment with nothing installed.
venv() { python3 -m venv "$1" && "$1/bin/pip" install -q --disable-pip-version-check --upgrade pip >/dev/null; }
# clean PYTHON ARGS...: runs PYTHON outside the repository with an empty environment.
clean() { (cd /tmp && env -i PATH=/usr/bin:/bin "$@"); }
library_path="import dpop, sys; sys.stdout.write(dpop.library_path)"

check "the wheel builds (pip wheel ./bindings/python)" eval 'venv "$out/build-venv" &&
    "$out/build-venv/bin/pip" wheel -q --disable-pip-version-check --no-deps -w "$out/dist" ./bindings/python >"$out/build.log" 2>&1 || show "$out/build.log"'
wheel=$(ls "$out"/dist/libdpop-*.whl 2>/dev/null | head -n 1)
check "it is platform-tagged (libdpop-VERSION-cp310-abi3-PLATFORM.whl): ${wheel##*/}" \
    eval '[[ "${wheel##*/}" =~ ^libdpop-[0-9.]+-cp310-abi3-linux_[a-z0-9_]+\.whl$ ]]'
check "it holds the library next to the package (dpop/libdpop.abi3.so)" \
    python3 -c 'import sys, zipfile; sys.exit("dpop/libdpop.abi3.so" not in zipfile.ZipFile(sys.argv[1]).namelist())' "$wheel"

check "it installs into a fresh venv" eval 'venv "$out/venv" && "$out/venv/bin/pip" install -q --disable-pip-version-check --no-index "$wheel"'
site=$("$out/venv/bin/python" -c "import sysconfig; print(sysconfig.get_paths()['purelib'])")
check "import dpop loads the library from the wheel, with no environment variable" \
    eval '[ "$(clean "$out/venv/bin/python" -c "$library_path")" = "$site/dpop/libdpop.abi3.so" ]'

openssl ecparam -genkey -name prime256v1 -noout -out "$out/key.pem"
seed() {
    field() { python3 -c "import json,os; print(json.loads(os.environ['DPOP_TEST_SERVERS'])['$1'])"; }
    clean "$out/venv/bin/python" "$PWD/bindings/python/examples/seed_flow.py" "$out/key.pem" \
        "$(field token_endpoint)" "$(field resource)" "$out/session.log" >"$out/seed.log" 2>&1
    grep -q "response status code = 200" "$out/seed.log" && grep -q '"ok":true' "$out/seed.log" &&
        grep -q "^DPoP: \*\*\*\*" "$out/session.log" || show "$out/seed.log"
}
export -f seed show clean; export out
check "the seed flow runs from the installed wheel against the local servers" tests/server/with-servers.sh bash -c seed

check "pip install ./bindings/python installs the library too" eval 'venv "$out/venv-source" &&
    "$out/venv-source/bin/pip" install -q --disable-pip-version-check ./bindings/python >"$out/install.log" 2>&1 &&
    clean "$out/venv-source/bin/python" -c "$library_path" | grep -q "/site-packages/dpop/libdpop.abi3.so$" || show "$out/install.log"'

echo "wheel: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
