#!/usr/bin/env bash
# Times the bulk paths end to end with the Release binary: demo generation for N candidates and
# the import of N candidate rows into an empty database. Usage: bench/run-import-and-demo.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bin=build/jobintech

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
$bin migrate --db "$work/demo.db" >/dev/null
/usr/bin/time -f "demo --candidates $n: %e s, peak RSS %M KiB" $bin demo --db "$work/demo.db" --candidates "$n" >/dev/null
ls -l "$work/demo.db" | awk '{printf "demo database: %.0f MB\n", $5/1e6}'

bench/make_candidates_csv.py "$n" "$work/candidates.csv"
$bin migrate --db "$work/import.db" >/dev/null
/usr/bin/time -f "import of $n candidate rows: %e s, peak RSS %M KiB" $bin import --db "$work/import.db" --kind candidates "$work/candidates.csv"
/usr/bin/time -f "re-import of the same $n rows (all unchanged): %e s, peak RSS %M KiB" $bin import --db "$work/import.db" --kind candidates "$work/candidates.csv"
