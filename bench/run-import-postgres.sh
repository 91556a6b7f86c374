#!/usr/bin/env bash
# Times `jobintech import --kind candidates` of N rows into an empty PostgreSQL database (COPY for
# the new rows), then (unless REIMPORT=0) the same file again (every row looked up, unchanged), on
# a throw-away PostgreSQL 15 started by scripts/with-postgres. Usage: bench/run-import-postgres.sh [N]
# Note: with-postgres runs the server with fsync=off (a test server); a production server syncs
# its WAL at commit, which adds the time to write the table once more to disk.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
bin=${JOBINTECH_BINARY:-build/jobintech}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
bench/make_candidates_csv.py "$n" "$work/candidates.csv"
export bin n work REIMPORT=${REIMPORT:-1}
scripts/with-postgres bash -c '
  url="${JOBINTECH_TEST_POSTGRES%/postgres}/bench_import"
  psql -q "$JOBINTECH_TEST_POSTGRES" -c "CREATE DATABASE bench_import"
  $bin migrate --db "$url" >/dev/null
  /usr/bin/time -f "import of $n candidate rows into PostgreSQL: %e s, peak RSS %M KiB" \
    $bin import --db "$url" --kind candidates "$work/candidates.csv"
  if [ "$REIMPORT" != 0 ]; then
    /usr/bin/time -f "re-import of the same $n rows (all unchanged): %e s, peak RSS %M KiB" \
      $bin import --db "$url" --kind candidates "$work/candidates.csv"
  fi
  psql -qtA "$url" -c "SELECT COUNT(*) || '\'' candidates stored'\'' FROM candidates"
'
