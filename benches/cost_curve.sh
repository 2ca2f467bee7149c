#!/usr/bin/env bash
# The build's cost curve (issue 21): per size, `vnkg build --no-analytics` (query-ready: the
# loader's runs merged) against pyoxigraph bulk-loading the same quads from N-Quads and merging
# them (`bulk_load` + `optimize`), interleaved A/B in the same run; quads per article (article
# and teaser graphs), bytes on disk per article, peak RSS. Prints one Markdown table.
#
#   benches/cost_curve.sh                          # 1000 10000
#   VNKG_SIZES="1000 10000 100000" VNKG_ROUNDS=1 benches/cost_curve.sh
#
# VNKG_ROUNDS (default 2) A/B rounds per size. Needs pyoxigraph in the venv
# (benches/requirements.txt) and GNU time for peak memory. Disk: about 2.5x the store size at
# the largest N (the vnkg store, the N-Quads file, the pyoxigraph store).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/cargo-env.sh
PY="${VNKG_PYTHON:-$HOME/.cache/vnkg/venv/bin/python}"
WORK="${VNKG_BENCH_DIR:-${TMPDIR:-/tmp}/vnkg-cost}"
SIZES="${VNKG_SIZES:-1000 10000}"
ROUNDS="${VNKG_ROUNDS:-2}"
cargo build --release --quiet
BIN="$CARGO_TARGET_DIR/release/vnkg"
mkdir -p "$WORK"

# seconds and peak RSS (MB) of a command: "secs rss"
measure() {
  local t0 t1
  t0=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$WORK/time.txt" "$@"
  t1=$(date +%s.%N)
  echo "$(awk "BEGIN { print $t1 - $t0 }") $(( $(tail -1 "$WORK/time.txt") / 1024 ))"
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(uname -sr), $(date -u +%FT%TZ)"
echo
echo "| articles | round | vnkg build, query-ready (s) | peak RSS (MB) | pyoxigraph load + optimize (s) | article quads | per article | store bytes per article | pyoxigraph bytes per article |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for N in $SIZES; do
  C="$WORK/corpus-$N"
  rm -rf "$C"
  "$BIN" gen-corpus --articles "$N" --seed 7 --out "$C" > /dev/null
  rm -f "$C/expected.jsonl"
  cp data/articles/*.txt "$C/"
  A=$(find "$C" -name '*.txt' | wc -l)
  NQ="$WORK/graph-$N.nq"
  "$BIN" extract --format nquads "$C" > "$NQ"
  sync
  for R in $(seq 1 "$ROUNDS"); do
    S="$WORK/store-$N"; P="$WORK/py-$N"
    rm -rf "$S" "$P"; sync
    read -r TB RSS < <(measure sh -c "'$BIN' build '$C' --store '$S' --no-analytics > '$WORK/build-$N.txt'")
    Q=$("$BIN" query --store "$S" --format csv -e 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "https://w3id.org/vnkg/graph/article/") || STRSTARTS(STR(?g), "https://w3id.org/vnkg/graph/story/")) }' | sed -n 2p | tr -d '\r')
    DISK=$(du -sb "$S" | cut -f1)
    PYOUT=$("$PY" - "$NQ" "$P" <<'PYEOF'
import sys, time
import pyoxigraph as ox
t = time.perf_counter()
store = ox.Store(sys.argv[2])
store.bulk_load(path=sys.argv[1], format=ox.RdfFormat.N_QUADS)
store.flush()
store.optimize()
print(f"{time.perf_counter() - t:.1f}")
PYEOF
)
    PDISK=$(du -sb "$P" | cut -f1)
    rm -rf "$P"
    awk -v n="$A" -v r="$R" -v tb="$TB" -v rss="$RSS" -v tp="$PYOUT" -v q="$Q" -v d="$DISK" -v pd="$PDISK" \
      'BEGIN { printf "| %d | %d | %.1f | %d | %.1f | %d | %.0f | %.0f | %.0f |\n", n, r, tb, rss, tp, q, q / n, d / n, pd / n }'
  done
done
echo
echo "(the last size's vnkg store is left at $WORK/store-N for the query benchmark:"
echo " VNKG_BENCH_STORE=$WORK/store-N cargo bench --bench queries)"
