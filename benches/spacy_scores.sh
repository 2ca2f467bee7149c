#!/usr/bin/env bash
# Generic-NER anchor: how spaCy's French NER (fr_core_news_sm, fr_core_news_md) scores on the
# project's gold annotations, next to vnkg itself, with the project's own scorer (`vnkg eval`).
# Why: vnkg's F1 means little without a generic baseline measured the same way; this makes the
# comparison one reproducible command instead of hand-run steps.
#
#   benches/spacy_scores.sh [VNKG_BIN]      (default target/release/vnkg; does not build it)
#
# Sets: tests/gold/batch-b (the 32 real articles b01-b32) and all 45 gold files (tests/gold +
# batch-b; `vnkg eval` takes one --gold dir, so the 45 are symlinked into a temp dir; their
# `article` paths are relative to the repo root, which is the working directory here).
# spaCy runs once per model on the 45 articles (benches/spacy_baseline.py, full default
# pipeline); the 32-article scores read the same prediction files (spaCy handles each document
# on its own, so the predictions do not depend on the set). Scoring is at the PER/ORG/LOC level
# (`vnkg eval --predictions`); vnkg's own figures are the same coarse tables of `vnkg eval`.
# Python: ${VNKG_PYTHON:-~/.cache/vnkg/venv/bin/python}; if spaCy or a model is missing it runs
# `pip install -r benches/spacy_requirements.txt` into that environment, and installs nothing else.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VNKG=${1:-$ROOT/target/release/vnkg}
[[ $VNKG == */* ]] && VNKG=$(realpath -m "$VNKG")
PY=${VNKG_PYTHON:-$HOME/.cache/vnkg/venv/bin/python}
MODELS=(fr_core_news_sm fr_core_news_md)
cd "$ROOT"
command -v "$VNKG" >/dev/null || { echo "no vnkg binary $VNKG (build it or pass VNKG_BIN)" >&2; exit 1; }

if ! "$PY" -c 'import importlib, sys; [importlib.import_module(m) for m in sys.argv[1:]]' \
    spacy "${MODELS[@]}" 2>/dev/null; then
  "$PY" -m pip install -q -r benches/spacy_requirements.txt
fi

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
mkdir "$T/gold-all"
ln -s "$ROOT"/tests/gold/*.json "$ROOT"/tests/gold/batch-b/*.json "$T/gold-all/"

start=$SECONDS
for m in "${MODELS[@]}"; do   # one summary line per model (NER time, label counts) on stderr
  "$PY" benches/spacy_baseline.py --gold "$T/gold-all" --out "$T/pred-$m" --model "$m"
done
for set in batch-b all; do
  gold=tests/gold/batch-b; [[ $set == all ]] && gold=$T/gold-all
  "$VNKG" eval --gold "$gold" --format json > "$T/$set-vnkg.json"
  for m in "${MODELS[@]}"; do
    "$VNKG" eval --gold "$gold" --predictions "$T/pred-$m" --format json > "$T/$set-$m.json"
  done
done

# One table per set: per class, each tool's exact-span and overlapping-span tp/fp/fn, P, R, F1.
"$PY" - "$T" vnkg "${MODELS[@]}" <<'EOF'
import json, sys
t, tools = sys.argv[1], sys.argv[2:]
for set_, label in (("batch-b", "tests/gold/batch-b"), ("all", "tests/gold + batch-b")):
    r = {k: json.load(open(f"{t}/{set_}-{k}.json")) for k in tools}
    print(f"\n== {label}: {r[tools[0]]['articles']} articles ==")
    print(f"{'class':<5} {'tool':<16}|{'exact span':^37}|{'overlapping span':^37}")
    print(f"{'':<22}|" + f"{'tp':>5}{'fp':>5}{'fn':>5}{'P':>7}{'R':>7}{'F1':>7} |" * 2)
    for c in ("PER", "ORG", "LOC", "ALL"):
        for k in tools:
            row = f"{c if k == tools[0] else '':<5} {k:<16}|"
            for kind in ("coarse_exact", "coarse_overlap"):
                s = r[k][kind][c]
                row += f"{s['tp']:>5}{s['fp']:>5}{s['fn']:>5}{s['precision']:>7.3f}{s['recall']:>7.3f}{s['f1']:>7.3f} |"
            print(row)
EOF
echo
echo "wall time (spaCy runs + scoring): $((SECONDS - start)) s; vnkg: $VNKG"
