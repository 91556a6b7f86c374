#!/usr/bin/env bash
# Times `jobintech allocate` end to end from CSV (read, engine, write) on a synthetic national round
# (bench/allocation_instance.h: N candidates × 10 choices, N/200 cohorts of 20 seats), RUNS times
# (default 5). Each run is the plain command, timed by /usr/bin/time -v (wall, peak RSS), then the
# same with --stats for its breakdown (read, engine, write, total as the program measures them; the
# wall time of that run also includes computing the input digest that --stats prints). Prints every
# run, then the medians and ranges.
# Usage: bench/run-allocate.sh [DIR] [N]   DIR keeps the CSV files and outputs (default: a temp dir).
# Environment: RUNS; JOBINTECH=path to time another build of the program; KEEP_CSV=1 to reuse the
# CSV files already in DIR.
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
program=${JOBINTECH:-build/jobintech}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "program: $program"
if [[ "${KEEP_CSV:-}" == 1 && -f "$work/candidates.csv" && -f "$work/cohorts.csv" && -f "$work/applications.csv" ]]; then
  echo "reusing the CSV files in $work"
else
  build/allocation_bench --write-csv "$work" --candidates "$n"
fi

# "Elapsed (wall clock) time (h:mm:ss or m:ss): 0:05.12" -> seconds; "Maximum resident set size
# (kbytes): 414816" -> MiB.
wall_of() { awk -F': ' '/Elapsed \(wall clock\)/ { k = split($2, p, ":"); s = 0; for (j = 1; j <= k; j++) s = s * 60 + p[j]; printf "%.2f", s }' "$1"; }
rss_of() { awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1"; }
stat_of() { awk -v key="$1:" '$1 == key { print $2 }' "$2"; }
allocate() {
  rm -rf "$work/out"
  if ! /usr/bin/time -v -o "$work/time" "$program" allocate --candidates "$work/candidates.csv" \
    --cohorts "$work/cohorts.csv" --applications "$work/applications.csv" --out "$work/out" "$@" \
    >/dev/null 2>"$work/stats"; then
    echo "run failed:" >&2
    cat "$work/stats" >&2
    exit 1
  fi
}

walls=() rsss=() reads=() engines=() writes=() totals=() rates=() stats_walls=()
for ((i = 1; i <= runs; i++)); do
  allocate
  wall=$(wall_of "$work/time")
  rss=$(rss_of "$work/time")
  allocate --stats
  read=$(stat_of read "$work/stats")
  engine=$(stat_of engine "$work/stats")
  write=$(stat_of write "$work/stats")
  total=$(stat_of total "$work/stats")
  rate=$(awk '$1 == "proposals:" { gsub(/\(/, "", $3); print $3 }' "$work/stats")
  stats_wall=$(wall_of "$work/time")
  echo "run $i: wall $wall s, peak RSS $rss MiB | --stats: read $read s, engine $engine s, write $write s," \
    "total $total s, $rate proposals/s, wall $stats_wall s"
  walls+=("$wall") rsss+=("$rss") reads+=("$read") engines+=("$engine") writes+=("$write") totals+=("$total")
  rates+=("$rate") stats_walls+=("$stats_wall")
done

# The median, then the range, each printed with FORMAT: summary %.2f 2.31 1.97 2.70 -> "2.31 (1.97–2.70)".
summary() {
  local format=$1
  shift
  printf '%s\n' "$@" | sort -g | awk -v f="$format" '{ v[NR] = $1 }
    END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf f " (" f "–" f ")", m, v[1], v[NR] }'
}
echo "medians of $runs runs (range):"
echo "  end to end: wall $(summary %.2f "${walls[@]}") s, peak RSS $(summary %.0f "${rsss[@]}") MiB"
echo "  --stats: read $(summary %.3f "${reads[@]}") s, engine $(summary %.3f "${engines[@]}") s," \
  "write $(summary %.3f "${writes[@]}") s, total $(summary %.3f "${totals[@]}") s"
echo "  proposals per second $(summary %.0f "${rates[@]}"), wall with --stats $(summary %.2f "${stats_walls[@]}") s"
echo "last run's --stats:"
sed 's/^/  /' "$work/stats"
