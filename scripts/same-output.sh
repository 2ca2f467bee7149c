#!/usr/bin/env bash
# Checks that a refactoring changed nothing a user sees: `vnkg extract` (JSON Lines and
# N-Quads) of the built-in corpus, the shared real articles and a generated 10^3 corpus must
# be byte-identical to what commit BASE writes (the run's own timestamp aside).
#
#   scripts/same-output.sh BASE        # e.g. scripts/same-output.sh d970f55
#   VNKG_BASE_BIN=path/to/vnkg scripts/same-output.sh BASE   # BASE's binary, already built
#
# BASE is built once in a git worktree with the same target directory (only the vnkg crate
# compiles again, not RocksDB); its outputs are cached in ~/.cache/vnkg/same-output/COMMIT.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/cargo-env.sh"
cd "$vnkg_root"
base=$(git rev-parse --verify "${1:?usage: scripts/same-output.sh BASE}^{commit}")
cache="$HOME/.cache/vnkg/same-output/$base"
work=$(mktemp -d)
trap 'rm -rf "$work"; git worktree remove --force "$work/base" 2>/dev/null || true' EXIT

# the inputs: what users have (built-in, real articles) and volume (generated), as BASE has
# them, so that articles added since do not show up as differences
inputs=(data/articles tests/fixtures/corpus tests/fixtures/unseen)
mkdir -p "$work/in"
git archive "$base" "${inputs[@]}" | tar -x -C "$work/in"

# Writes every output of binary $1 into directory $2.
outputs() {
  local bin=$1 out=$2
  mkdir -p "$out"
  "$bin" gen-corpus --articles 1000 --seed 7 --out "$out/gen" 2>/dev/null
  for fmt in jsonl nquads; do
    (cd "$work/in" && "$bin" extract --format "$fmt" "${inputs[@]}") > "$out/real.$fmt"
    # relative, so that the articles' source paths are the same in both runs
    (cd "$out" && "$bin" extract --format "$fmt" gen > "gen.$fmt")
  done
  # the run's timestamp (dcterms:modified and the like) is the one thing meant to differ
  sed -i -E 's/"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z"\^\^<http:\/\/www.w3.org\/2001\/XMLSchema#dateTime>/"NOW"/g' \
    "$out"/*.nquads
}

if [ ! -f "$cache/done" ] && [ -n "${VNKG_BASE_BIN:-}" ]; then
  rm -rf "$cache"
  outputs "$VNKG_BASE_BIN" "$cache"
  touch "$cache/done"
elif [ ! -f "$cache/done" ]; then
  echo "same-output: building $base in a worktree" >&2
  git worktree add --detach "$work/base" "$base" >/dev/null 2>&1
  (cd "$work/base" && cargo build --release --quiet --bin vnkg)
  cp "$CARGO_TARGET_DIR/release/vnkg" "$work/vnkg-base"
  rm -rf "$cache"
  outputs "$work/vnkg-base" "$cache"
  touch "$cache/done"
  # the worktree's build replaced target/release/vnkg: make cargo write ours again
  touch src/lib.rs
fi

cargo build --release --quiet --bin vnkg
outputs "$CARGO_TARGET_DIR/release/vnkg" "$work/now"
status=0
for f in gen/expected.jsonl real.jsonl real.nquads gen.jsonl gen.nquads; do
  if cmp -s "$cache/$f" "$work/now/$f"; then
    echo "same    $f ($(wc -l < "$work/now/$f") lines)"
  else
    echo "DIFFERS $f"
    diff "$cache/$f" "$work/now/$f" | head -20
    status=1
  fi
done
if ! diff -r -q "$cache/gen" "$work/now/gen" >/dev/null; then
  echo "DIFFERS gen-corpus articles"
  status=1
fi
exit $status
