#!/usr/bin/env bash
# Fuzz the article reader/segmenter and the extractor with libFuzzer, each for a bounded time.
#   scripts/fuzz.sh [SECONDS_PER_TARGET]   (default 60)
# Seeds: the built-in articles and the bad-input fixtures. A crash leaves its input under
# fuzz/artifacts/TARGET/ and makes this script fail.
set -euo pipefail
secs="${1:-60}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if ! command -v cargo-fuzz >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi
# cargo-fuzz passes nightly-only flags (-Zsanitizer); the machine has one stable toolchain
export RUSTC_BOOTSTRAP=1
# sanitizer builds differ from the normal ones: their own target dir, outside the clone
export CARGO_TARGET_DIR="${VNKG_FUZZ_TARGET_DIR:-$HOME/.cache/vnkg/fuzz-target}"
mkdir -p "$CARGO_TARGET_DIR"
cd "$here/fuzz"
for target in read_segment extract; do
  seeds="corpus/$target"
  mkdir -p "$seeds"
  cp -n "$here"/data/articles/*.txt "$here"/tests/bad_input/*.txt "$seeds"/ 2>/dev/null || true
  echo "fuzzing $target for ${secs} s"
  log="$CARGO_TARGET_DIR/fuzz-$target.log"
  status=0
  cargo fuzz run --release "$target" "$seeds" -- \
    -max_total_time="$secs" -max_len=16384 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
    >"$log" 2>&1 || status=$?
  grep -E "^stat::(number_of_executed_units|peak_rss_mb)|^#[0-9]+ +DONE|SUMMARY|panicked|artifact_prefix|Test unit written" "$log" || true
  if [ "$status" -ne 0 ]; then
    tail -30 "$log" >&2
    echo "fuzz: $target failed (exit $status); crashing inputs, if any, in fuzz/artifacts/$target/" >&2
    exit 1
  fi
done
echo "fuzz: no crash"
