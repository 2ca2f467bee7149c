#!/usr/bin/env bash
# Cross-tool benchmark: each vnkg figure next to its anchor, measured in the same run, on the
# same generated corpus. Prints one Markdown table per size (paste into benches/RESULTS.md).
#
#   benches/compare.sh                     # sizes 1000 and 10000
#   VNKG_SIZES="1000 10000 100000" benches/compare.sh
#   VNKG_BENCH_SMOKE=1 benches/compare.sh  # tiny corpus, every path once (the test suite does this)
#
# Anchors (skipped, and said so, when their Python packages are missing):
#   extraction: spaCy fr_core_news_sm NER on the same text (benches/spacy_requirements.txt)
#   loading:    pyoxigraph bulk-loading the N-Quads `vnkg extract --format nquads` writes
# Needs: the release binary (built here), GNU time (/usr/bin/time) for peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/cargo-env.sh
PY="${VNKG_PYTHON:-$HOME/.cache/vnkg/venv/bin/python}"
[ -x "$PY" ] || PY=python3
WORK="${VNKG_BENCH_DIR:-${TMPDIR:-/tmp}/vnkg-bench}"
SIZES="${VNKG_SIZES:-1000 10000}"
RUNS="${VNKG_QUERY_RUNS:-20}"
SPACY_SAMPLE=200
if [ -n "${VNKG_BENCH_SMOKE:-}" ]; then SIZES=20; RUNS=2; SPACY_SAMPLE=5; fi

cargo build --release --quiet
BIN="$CARGO_TARGET_DIR/release/vnkg"
mkdir -p "$WORK"
TIME=/usr/bin/time
[ -x "$TIME" ] || TIME=""

# seconds and peak RSS (MB) of a command: "secs rss"
measure() {
  local out="$WORK/time.txt"
  local t0 t1
  t0=$(date +%s.%N)
  if [ -n "$TIME" ]; then "$TIME" -f "%M" -o "$out" "$@"; else "$@"; echo 0 > "$out"; fi
  t1=$(date +%s.%N)
  echo "$(calc "$t1 - $t0") $(( $(tail -1 "$out") / 1024 ))"
}

calc() { awk "BEGIN { print $1 }"; }
ratio() { "$PY" -c "import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); print(f'{a/b:.1f}×' if b > 0 else 'n/a')" "$1" "$2"; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(uname -sr)"
for N in $SIZES; do
  C="$WORK/corpus-$N"; S="$WORK/store-$N"; NQ="$WORK/graph-$N.nq"
  rm -rf "$C" "$S" "$WORK/py-$N"
  "$BIN" gen-corpus --articles "$N" --seed 7 --out "$C" 2>/dev/null
  # the new files' write-back must not run during the timings below
  sync
  # the articles' bytes (du would add the directory's own size, 2 % at 10^4)
  MB=$(find "$C" -name '*.txt' -printf '%s\n' | awk '{s += $1} END {print s / 1e6}')
  echo
  echo "### $N articles ($MB MB of text)"
  echo
  echo "| measure | vnkg | anchor | ratio |"
  echo "|---|---:|---:|---:|"

  # extraction: one core (best of 3, start-up included), all cores; spaCy on a sample of the
  # same files (best of 3, model loading excluded)
  T1=$(for _ in 1 2 3; do measure sh -c "RAYON_NUM_THREADS=1 '$BIN' extract '$C' > /dev/null"; done | sort -n | head -1 | cut -d' ' -f1)
  read -r TA _ < <(measure sh -c "'$BIN' extract '$C' > /dev/null")
  # start-up (gazetteer automaton, pattern compilation): one article, best of 3
  T0=$(for _ in 1 2 3; do measure sh -c "RAYON_NUM_THREADS=1 '$BIN' extract '$C/gen_0000000.txt' > /dev/null"; done | sort -n | head -1 | cut -d' ' -f1)
  X1=$(calc "$MB / $T1"); XA=$(calc "$MB / $TA"); XS=$(awk "BEGIN { d = $T1 - $T0; if (d > 0) printf \"%.2f\", $MB / d; else print \"n/a\" }")
  SP=$("$PY" - "$C" "$SPACY_SAMPLE" <<'PYEOF' 2>/dev/null || echo "n/a"
import sys, time, pathlib
import spacy
nlp = spacy.load("fr_core_news_sm")
files = sorted(pathlib.Path(sys.argv[1]).glob("*.txt"))[: int(sys.argv[2])]
texts = [f.read_text() for f in files]
dt = float("inf")
for _ in range(3):
    t = time.perf_counter()
    for doc in nlp.pipe(texts):
        [e.label_ for e in doc.ents]
    dt = min(dt, time.perf_counter() - t)
print(f"{sum(len(x.encode()) for x in texts) / 1e6 / dt:.4f}")
PYEOF
)
  printf "| extraction, 1 core (MB/s) | %.2f | spaCy %s | %s |\n" "$X1" "$SP" "$( [ "$SP" = n/a ] && echo n/a || ratio "$X1" "$SP")"
  printf "| extraction, 1 core, start-up (%.0f ms) excluded as spaCy's model load is (MB/s) | %s | spaCy %s | %s |\n" "$(calc "$T0 * 1000")" "$XS" "$SP" "$( [ "$SP" = n/a ] || [ "$XS" = n/a ] && echo n/a || ratio "$XS" "$SP")"
  printf "| extraction, %s cores (MB/s) | %.2f | | |\n" "$(nproc)" "$XA"
  printf "| extraction (articles/s, all cores) | %.0f | | |\n" "$(calc "$N / $TA")"

  # build (bulk load, no analytics) vs pyoxigraph bulk-loading the same N-Quads, on equal
  # footing twice: until the data is committed (both leave the loader's sorted runs unmerged:
  # `--no-compact`, pyoxigraph's bulk_load + flush), and query-ready (both merge them:
  # vnkg's default build, pyoxigraph's optimize()).
  # the built-in articles go in too: the parameterised queries (one article, one actor, one
  # place) name entities from them, so each query returns rows at every size
  read -r TN _ < <(measure sh -c "'$BIN' build '$C' data/articles --store '$S-nc' --no-analytics --no-compact > '$WORK/build-nc-$N.txt'")
  rm -rf "$S-nc"
  read -r TB RSS < <(measure sh -c "'$BIN' build '$C' data/articles --store '$S' --no-analytics > '$WORK/build-$N.txt'")
  Q=$(grep -o '([0-9]* quads)' "$WORK/build-$N.txt" | tr -dc 0-9)
  "$BIN" extract --format nquads "$C" data/articles > "$NQ"
  NQQ=$(wc -l < "$NQ")
  # a command substitution, not `read < <(...)`: that returned on the printed line while Python
  # was still closing the store, and the `rm` below raced its last writes
  PYOUT=$("$PY" - "$NQ" "$WORK/py-$N" <<'PYEOF' 2>/dev/null || echo "n/a n/a"
import sys, time
import pyoxigraph as ox
t = time.perf_counter()
store = ox.Store(sys.argv[2])
store.bulk_load(path=sys.argv[1], format=ox.RdfFormat.N_QUADS)
store.flush()
loaded = time.perf_counter() - t
store.optimize()
print(f"{loaded:.3f} {time.perf_counter() - t:.3f}")
PYEOF
)
  read -r PYT PYO <<< "$PYOUT"
  rm -rf "$WORK/py-$N"
  printf "| build, committed, runs unmerged (s) | %.1f | | |\n" "$TN"
  printf "| build, query-ready (s) | %.1f | | |\n" "$TB"
  if [ "$PYT" = n/a ]; then
    printf "| load (quads/s) | %.0f | pyoxigraph n/a | n/a |\n" "$(calc "$Q / $TB")"
  else
    printf "| load until committed (quads/s; vnkg = whole build, --no-compact) | %.0f | pyoxigraph bulk_load %.0f | %s |\n" "$(calc "$Q / $TN")" "$(calc "$NQQ / $PYT")" "$(ratio "$(calc "$Q / $TN")" "$(calc "$NQQ / $PYT")")"
    printf "| load, query-ready (quads/s; vnkg = whole build) | %.0f | pyoxigraph bulk_load + optimize %.0f | %s |\n" "$(calc "$Q / $TB")" "$(calc "$NQQ / $PYO")" "$(ratio "$(calc "$Q / $TB")" "$(calc "$NQQ / $PYO")")"
  fi
  printf "| build peak RSS (MB) | %s | | |\n" "$RSS"
  printf "| quads in store | %s | | |\n" "$Q"

  # output check: share of the generator's entities the extractor found
  REC=$("$PY" - "$C" "$BIN" <<'PYEOF' 2>/dev/null || echo "n/a"
import json, subprocess, sys, pathlib, unicodedata
def fold(s):
    return "".join(c for c in unicodedata.normalize("NFD", s.lower()) if not unicodedata.combining(c))
c, binary = pathlib.Path(sys.argv[1]), sys.argv[2]
exp = [json.loads(l) for l in (c / "expected.jsonl").read_text().splitlines()][:200]
files = [str(c / e["file"]) for e in exp]
found = {}
for line in subprocess.run([binary, "extract", *files], capture_output=True, text=True).stdout.splitlines():
    d = json.loads(line)
    if d.get("type") == "mention":
        found.setdefault(d["article"], set()).update({(d["class"], fold(d["label"])), (d["class"], fold(d["surface"]))})
hit = tot = 0
for e in exp:
    got = found.get(e["file"][:-4].replace("_", "-"), set())
    for x in e["entities"]:
        tot += 1
        hit += (x["class"], fold(x["name"])) in got
print(f"{hit / tot:.3f}")
PYEOF
)
  printf "| expected entities found (recall, first 200 files) | %s | | |\n" "$REC"

  echo
  echo "Queries (\`queries/\`, $RUNS runs each, cancelled after ${VNKG_BENCH_QUERY_TIMEOUT:-30} s):"
  echo
  VNKG_BENCH_STORE="$S" VNKG_BENCH_RUNS=$RUNS cargo bench --quiet --bench queries 2>/dev/null
done
echo
echo "PageRank and betweenness against networkx and igraph: cargo bench --bench graph_centrality"
