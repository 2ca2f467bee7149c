#!/usr/bin/env bash
# The whole test suite: machine set-up, the Python interop tools (venv kept outside the clone),
# then every Rust test in the release profile (the one the binary uses, so RocksDB compiles once).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/cargo-env.sh"
here="$vnkg_root"
cd "$here"
scripts/setup.sh --test

venv="${VNKG_VENV:-$HOME/.cache/vnkg/venv}"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c 'import rdflib, networkx, lxml, numpy, scipy, SPARQLWrapper, pyshacl, pyspark' >/dev/null 2>&1 || [ ! -x "$venv/bin/oxigraph" ]; then
  "$venv/bin/pip" install -q --disable-pip-version-check -r tests/requirements.txt
fi
if ! "$venv/bin/python" -c 'import nbclient, nbformat, pandas, matplotlib, ipykernel' >/dev/null 2>&1; then
  "$venv/bin/pip" install -q --disable-pip-version-check -r notebooks/requirements.txt
fi
export VNKG_PYTHON="$venv/bin/python"
# playwright-core drives Debian's chromium in the report's end-to-end test (never downloads a browser)
node_dir="${VNKG_NODE_DIR:-$HOME/.cache/vnkg/node}"
if command -v npm >/dev/null 2>&1 && [ ! -d "$node_dir/node_modules/playwright-core" ]; then
  mkdir -p "$node_dir"
  npm install --prefix "$node_dir" --no-audit --no-fund --silent playwright-core@1.65.1 >/dev/null
fi
export VNKG_NODE_MODULES="$node_dir/node_modules"

"$VNKG_PYTHON" tests/check_ontology.py "$here"
announce_first_build
# Style gates first (they fail fast): formatting, and clippy on the release profile the tests
# build anyway (same build-script outputs, so RocksDB is not compiled a second time).
if [ "$#" -eq 0 ]; then
  if cargo fmt --version >/dev/null 2>&1; then cargo fmt --check; else echo "skip: rustfmt not installed"; fi
  if cargo clippy --version >/dev/null 2>&1; then
    cargo clippy --release --all-targets --quiet -- -D warnings
  else
    echo "skip: clippy not installed"
  fi
fi
cargo test --release "$@"

# Benchmark smoke run: every benchmark path once on a tiny input, so none of them rots. The
# figures are meaningless at this size; benches/RESULTS.md has the real ones.
if [ "$#" -eq 0 ]; then
  echo "benchmark smoke run (benches/compare.sh and cargo bench on tiny inputs)"
  VNKG_BENCH_SMOKE=1 VNKG_BENCH_DIR="$(mktemp -d)" benches/compare.sh > /dev/null
  VNKG_BENCH_SIZES=300 VNKG_BENCH_MEASURES=pagerank,betweenness cargo bench --quiet --bench graph_centrality > /dev/null
  VNKG_BENCH_ARTICLES=5 cargo bench --quiet --bench extract -- --test > /dev/null
  echo "benchmark smoke run: ok"
fi
