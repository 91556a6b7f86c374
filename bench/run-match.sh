#!/usr/bin/env bash
# Times `jobintech match` end to end from CSV (read both files, index, match, write matches.csv) on
# the files of bench/make_matching_csv.py (default 100,000 learners × 20,000 offers), RUNS times
# (default 5), each run timed by /usr/bin/time -v (wall, peak RSS) with --stats for its breakdown
# (read, index, matching, write, total as the program measures them). Prints every run, then the
# medians and ranges.
# Usage: bench/run-match.sh [DIR] [LEARNERS] [OFFERS]   DIR keeps the CSV files and matches.csv
#        (default: a temp dir; files already in DIR with these sizes are reused).
# Environment: RUNS; DIRECTION (learners or offers, default learners); TOP (default 10); THREADS
# (default: the command's, the number of cores); EXTRA (more options, e.g. --same-region);
# JOBINTECH=path to time another build of the program.
set -euo pipefail
cd "$(dirname "$0")/.."
learners=${2:-100000}
offers=${3:-20000}
runs=${RUNS:-5}
direction=${DIRECTION:-learners}
top=${TOP:-10}
if [[ -n "${1:-}" ]]; then
  work=$1
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi

[[ -f build/CMakeCache.txt ]] || cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build --target jobintech -j "$(nproc)" >/dev/null
program=${JOBINTECH:-build/jobintech}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "program: $program"
sizes="$work/sizes"
if [[ -f "$work/learners.csv" && -f "$work/offers.csv" && -f "$sizes" && "$(cat "$sizes")" == "$learners $offers" ]]; then
  echo "reusing the CSV files in $work"
else
  python3 bench/make_matching_csv.py --learners "$learners" --offers "$offers" "$work"
  echo "$learners $offers" >"$sizes"
fi
for name in learners.csv offers.csv; do
  awk -v n="$name" -v b="$(stat -c %s "$work/$name")" 'BEGIN { printf "  %s: %.1f MB\n", n, b / 1e6 }'
done
threads_option=()
[[ -n "${THREADS:-}" ]] && threads_option=(--threads "$THREADS")
# shellcheck disable=SC2206
extra=(${EXTRA:-})
echo "command: match --top $top --direction $direction ${threads_option[*]} ${extra[*]} --stats"

# "Elapsed (wall clock) time (h:mm:ss or m:ss): 0:05.12" -> seconds; "Maximum resident set size
# (kbytes): 414816" -> MiB.
wall_of() { awk -F': ' '/Elapsed \(wall clock\)/ { k = split($2, p, ":"); s = 0; for (j = 1; j <= k; j++) s = s * 60 + p[j]; printf "%.2f", s }' "$1"; }
rss_of() { awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1"; }
stat_of() { awk -v key="$1:" '$1 == key { print $2 }' "$2"; }

walls=() rsss=() reads=() indexes=() matchings=() writes=() totals=()
for ((i = 1; i <= runs; i++)); do
  rm -f "$work/matches.csv"
  if ! /usr/bin/time -v -o "$work/time" "$program" match --learners "$work/learners.csv" --offers "$work/offers.csv" \
    --top "$top" --direction "$direction" --out "$work/matches.csv" "${threads_option[@]}" "${extra[@]}" --stats \
    >/dev/null 2>"$work/stats"; then
    echo "run failed:" >&2
    cat "$work/stats" >&2
    exit 1
  fi
  wall=$(wall_of "$work/time")
  rss=$(rss_of "$work/time")
  read=$(stat_of read "$work/stats")
  index=$(stat_of index "$work/stats")
  matching=$(stat_of matching "$work/stats")
  write=$(stat_of write "$work/stats")
  total=$(stat_of total "$work/stats")
  echo "run $i: wall $wall s, peak RSS $rss MiB | read $read s, index $index s, matching $matching s," \
    "write $write s, total $total s"
  walls+=("$wall") rsss+=("$rss") reads+=("$read") indexes+=("$index") matchings+=("$matching")
  writes+=("$write") totals+=("$total")
done

# The median, then the range, each printed with FORMAT: summary %.2f 2.31 1.97 2.70 -> "2.31 (1.97–2.70)".
summary() {
  local format=$1
  shift
  printf '%s\n' "$@" | sort -g | awk -v f="$format" '{ v[NR] = $1 }
    END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf f " (" f "–" f ")", m, v[1], v[NR] }'
}
echo "medians of $runs runs (range), load average before the last run: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "  end to end: wall $(summary %.2f "${walls[@]}") s, peak RSS $(summary %.0f "${rsss[@]}") MiB"
echo "  read $(summary %.3f "${reads[@]}") s, index $(summary %.3f "${indexes[@]}") s," \
  "matching $(summary %.3f "${matchings[@]}") s, write $(summary %.3f "${writes[@]}") s," \
  "total $(summary %.3f "${totals[@]}") s"
echo "last run's --stats:"
sed 's/^/  /' "$work/stats"
