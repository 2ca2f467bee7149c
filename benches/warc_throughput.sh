#!/usr/bin/env bash
# WARC reading throughput against plain-text reading, one core, on the same generated articles:
# N articles (default 10^4) from `vnkg gen-corpus`, as text files and as a gzipped web archive
# of news pages (benches/make_warc.py). Each side runs `vnkg extract` (text only, and the full
# JSON Lines extraction) pinned to one core; runs are interleaved A/B, ROUNDS times (the VM
# drifts). Prints MB/s of input (the archive's uncompressed HTML for WARC).
#
#   benches/warc_throughput.sh [N] [ROUNDS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
vnkg="${VNKG_BIN:-${CARGO_TARGET_DIR:-$here/target}/release/vnkg}"
n="${1:-10000}"
rounds="${2:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$vnkg" gen-corpus --articles "$n" --seed 7 --out "$work/txt" > /dev/null
rm -f "$work/txt/expected.jsonl"
python3 "$here/benches/make_warc.py" "$work/txt" "$work/crawl.warc.gz"
txt_mb=$(du -sb "$work/txt" | awk '{print $1/1e6}')
warc_mb=$(python3 -c "import gzip,sys; print(len(gzip.open(sys.argv[1]).read())/1e6)" "$work/crawl.warc.gz")
gz_mb=$(du -b "$work/crawl.warc.gz" | awk '{print $1/1e6}')
echo "articles $n: text files $txt_mb MB; archive $warc_mb MB uncompressed ($gz_mb MB gzipped)"
one() { # label format input MB
  local s e
  s=$(date +%s.%N)
  taskset -c 1 env RAYON_NUM_THREADS=1 "$vnkg" extract --format "$2" "$3" > /dev/null
  e=$(date +%s.%N)
  python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); print(f'  {sys.argv[3]:<24} {s:7.2f} s  {float(sys.argv[4])/s:7.2f} MB/s')" "$s" "$e" "$1" "$4"
}
for r in $(seq "$rounds"); do
  echo "round $r"
  one "text files, read only" text "$work/txt" "$txt_mb"
  one "WARC, read only" text "$work/crawl.warc.gz" "$warc_mb"
  one "text files, extract" jsonl "$work/txt" "$txt_mb"
  one "WARC, extract" jsonl "$work/crawl.warc.gz" "$warc_mb"
done
