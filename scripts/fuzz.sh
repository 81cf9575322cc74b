#!/usr/bin/env bash
# Runs every cargo-fuzz target in fuzz/ for a while and fails on any crash, hang or OOM.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     (default: 30 seconds, every target)
#
# FUZZ_SEED picks libFuzzer's seed (default 1, so a CI failure repeats; 0 = random).
# Needs the nightly toolchain (`cargo +nightly`); installs cargo-fuzz if it is missing. Builds
# all targets once (AddressSanitizer; FUZZ_SANITIZER=none builds without), then runs each one
# on a copy of its seed corpus (fuzz/corpus/<target>/) in a temp dir, so the repository is
# never modified. Crash inputs are printed as base64 and kept, with the logs, in that temp dir.
# Ends with the line `fuzz: N passed, M failed`.
set -euo pipefail
cd "$(dirname "$0")/.."

# The cargo-fuzz release known to build with this project's toolchains.
CARGO_FUZZ_VERSION=0.13.2
SECONDS_PER_TARGET=${1:-30}
shift || true
SANITIZER=${FUZZ_SANITIZER:-address}
# A fixed seed makes a failing CI run repeatable; FUZZ_SEED=0 lets libFuzzer pick one (long runs).
SEED=${FUZZ_SEED:-1}

if ! [[ $SECONDS_PER_TARGET =~ ^[1-9][0-9]*$ ]]; then
    echo "usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]" >&2
    exit 2
fi
if ! cargo +nightly --version >/dev/null 2>&1; then
    echo "fuzz: the nightly toolchain is required (rustup toolchain install nightly)" >&2
    exit 1
fi
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz: installing cargo-fuzz $CARGO_FUZZ_VERSION"
    cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
fi

if [ $# -gt 0 ]; then
    targets=("$@")
else
    mapfile -t targets < <(cargo +nightly fuzz list)
fi

echo "fuzz: building ${#targets[@]} targets (sanitizer: $SANITIZER)"
build_args=(--sanitizer "$SANITIZER")
if [ ${#targets[@]} -eq 1 ]; then
    build_args+=("${targets[0]}") # `cargo fuzz build` takes one target, or none for all
fi
cargo +nightly fuzz build "${build_args[@]}"
host=$(rustc +nightly -vV | sed -n 's/^host: //p')
bin_dir="fuzz/target/$host/release"

work=$(mktemp -d "${TMPDIR:-/tmp}/dpop-fuzz.XXXXXX")
passed=0
failed=0
failed_names=()
for target in "${targets[@]}"; do
    if [ ! -x "$bin_dir/$target" ]; then
        echo "FAIL $target: no fuzz target binary $bin_dir/$target"
        failed=$((failed + 1))
        failed_names+=("$target")
        continue
    fi
    corpus="$work/corpus/$target"
    artifacts="$work/artifacts/$target"
    log="$work/$target.log"
    mkdir -p "$corpus" "$artifacts"
    if [ -d "fuzz/corpus/$target" ]; then
        cp -R "fuzz/corpus/$target/." "$corpus/"
    fi
    status=0
    "$bin_dir/$target" "$corpus" \
        -max_total_time="$SECONDS_PER_TARGET" -seed="$SEED" -rss_limit_mb=2048 -timeout=10 -max_len=65536 \
        -print_final_stats=1 -artifact_prefix="$artifacts/" >"$log" 2>&1 || status=$?
    # The last status line ("#N DONE cov: .. ft: .. corp: ..") and libFuzzer's final stats.
    summary=$(grep -E '^#[0-9]+' "$log" | tail -n 1 | sed -E 's/^#([0-9]+)[[:space:]]+[A-Z]+[[:space:]]+/\1 runs, /; s/[[:space:]]+lim:.*//' || true)
    summary=${summary:-stopped while loading the seed corpus}
    rate=$(sed -n 's/^stat::average_exec_per_sec:[[:space:]]*//p' "$log" | tail -n 1)
    rss=$(sed -n 's/^stat::peak_rss_mb:[[:space:]]*//p' "$log" | tail -n 1)
    crashes=$(find "$artifacts" -type f | sort)
    if [ "$status" -eq 0 ] && [ -z "$crashes" ]; then
        echo "PASS $target: $summary; ${rate:-?} exec/s; peak rss ${rss:-?} MB"
        passed=$((passed + 1))
    else
        echo "FAIL $target (libFuzzer exit $status): $summary"
        grep -E 'panicked at|ERROR: libFuzzer|ERROR: AddressSanitizer|SUMMARY:|timeout|out-of-memory' "$log" | head -n 8 | sed 's/^/    /' || true
        grep -A 3 'panicked at' "$log" | sed -n '2,4p' | sed 's/^/    /' || true
        for crash in $crashes; do
            echo "    input $(basename "$crash") ($(wc -c <"$crash") bytes), base64:"
            if [ "$(wc -c <"$crash")" -le 8192 ]; then
                base64 -w 0 "$crash" | sed 's/^/    /'
                echo
            else
                echo "    (too long to print: see $crash)"
            fi
            echo "    reproduce: cargo +nightly fuzz run $target <file with that input>"
        done
        echo "    log: $log"
        failed=$((failed + 1))
        failed_names+=("$target")
    fi
done

if [ "$failed" -eq 0 ]; then
    rm -rf "$work"
else
    echo "fuzz: failing targets: ${failed_names[*]}; logs and inputs kept in $work"
fi
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
