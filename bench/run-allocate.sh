#!/usr/bin/env bash
# Times `jobintech allocate` end to end from CSV (read, engine, write) on a synthetic national round
# (bench/allocation_instance.h: N candidates × 10 choices, N/200 cohorts of 20 seats), RUNS times
# (default 5), and prints each run's wall time and peak RSS, then the medians.
# Usage: bench/run-allocate.sh [DIR] [N]   DIR keeps the CSV files and outputs (default: a temp dir).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${2:-1000000}
runs=${RUNS:-5}
if [[ -n "${1:-}" ]]; then
  work=$1
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi

[[ -f build/CMakeCache.txt ]] || cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build --target jobintech allocation_bench -j "$(nproc)" >/dev/null

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
build/allocation_bench --write-csv "$work" --candidates "$n"

walls=()
rsss=()
for ((i = 1; i <= runs; i++)); do
  rm -rf "$work/out"
  if ! /usr/bin/time -v -o "$work/time.$i" build/jobintech allocate --candidates "$work/candidates.csv" \
    --cohorts "$work/cohorts.csv" --applications "$work/applications.csv" --out "$work/out" --stats \
    >/dev/null 2>"$work/stats.$i"; then
    echo "run $i failed:" >&2
    cat "$work/stats.$i" >&2
    exit 1
  fi
  # "Elapsed (wall clock) time (h:mm:ss or m:ss): 0:05.12" -> seconds
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { k = split($2, p, ":"); s = 0; for (j = 1; j <= k; j++) s = s * 60 + p[j]; printf "%.2f", s }' "$work/time.$i")
  rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$work/time.$i")
  engine=$(awk '/^engine:/ { print $2 }' "$work/stats.$i")
  proposals=$(awk '/^proposals:/ { print $2, $3, $4, $5 }' "$work/stats.$i")
  echo "run $i: wall $wall s, peak RSS $rss MiB, engine ${engine:-?} s, proposals ${proposals:-?}"
  walls+=("$wall")
  rsss+=("$rss")
done

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo "median of $runs runs: wall $(median "${walls[@]}") s, peak RSS $(median "${rsss[@]}") MiB"
echo "last run's --stats:"
sed 's/^/  /' "$work/stats.$runs"
