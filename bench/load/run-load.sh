#!/usr/bin/env bash
# Load test of `jobintech serve` on loopback: wrk sends a weighted mix of API calls (bench/load/mix.lua:
# login, cohort list, a candidate, indicators, an application recorded by the office) to
#   sqlite    one instance over a fresh SQLite file with demo data, wrk straight at it;
#   postgres  two instances over one fresh PostgreSQL 15 database (scripts/with-postgres), nginx in
#             front (scripts/start-nginx, deploy/nginx/test.conf.template), wrk at nginx;
# and prints a summary per scenario. Builds nothing; every process it starts is stopped on exit.
#
#   bench/load/run-load.sh                     both scenarios, 30 s each
#   DURATION=15s SCENARIOS=sqlite bench/load/run-load.sh
#
# Environment: JOBINTECH_BINARY (build/jobintech), DURATION (30s), CANDIDATES (20000),
# CONNECTIONS (64), THREADS (2), TIMEOUT (10s: wrk's default 2 s would drop slow answers from the
# latencies), SCENARIOS ("sqlite postgres"), JIT_MIX (weights, see mix.lua), APPLY_COHORTS (10 new
# cohorts: applications get distinct (candidate, cohort) pairs), SERVE_ARGS (extra `serve` options,
# e.g. --quiet; the per-path counts need the request log), KEEP_WORK=1 (keep the temp folder; it is
# always kept after a failure).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
here="$root/bench/load"
# shellcheck source=../lib.sh
. "$root/bench/lib.sh"

die() { echo "run-load: $*" >&2; exit 2; }

bin=${JOBINTECH_BINARY:-$root/build/jobintech}
[[ "$bin" = /* ]] || bin="$PWD/$bin"
duration=${DURATION:-30s}
candidates=${CANDIDATES:-20000}
connections=${CONNECTIONS:-64}
threads=${THREADS:-2}
timeout=${TIMEOUT:-10s}
apply_cohorts=${APPLY_COHORTS:-10}
read -r -a serve_args <<<"${SERVE_ARGS:-}"

# --- processes started here, stopped on any exit ---
pids=()
nginx_dir=""
cleanup() {
  local status=$?
  if [ -n "$nginx_dir" ]; then "$root/scripts/start-nginx" --stop "$nginx_dir" >/dev/null 2>&1 || true; fi
  stop_processes
  if [ -n "${owns_work:-}" ]; then
    # Kept after a failure: the logs named in the message are there.
    if [ -n "${KEEP_WORK:-}" ] || [ "$status" -ne 0 ]; then echo "run-load: kept $work" >&2; else rm -rf "$work"; fi
  fi
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# prepare BASE: the admin's token, the candidates' ids, and APPLY_COHORTS new cohorts for the
# applications (bench/lib.sh); exported for mix.lua.
prepare() {
  local first
  sign_in "$1"
  candidate_range "$1"
  first=$(first_cohort "$1")
  add_cohorts "$1" "load-$$" "$first"
  export JIT_THREADS=$threads
}

# by_path LOG SINCE FORMAT: the answers logged since wrk started, by kind and status. FORMAT is
# "serve" ("[YYYY-MM-DD hh:mm:ss.mmm] [info] METHOD PATH STATUS", local time; SINCE the same) or
# "nginx" (test.conf.template's `timed`: "$msec addr "METHOD PATH PROTO" STATUS ..."; SINCE in seconds).
by_path() {
  awk -v since="$2" -v fmt="$3" '
    fmt == "serve" { if ($3 != "[info]" || NF != 6 || substr($0, 2, 23) < since) next; m = $4; p = $5; s = $6 }
    fmt == "nginx" {
      if ($1 + 0 < since + 0) next
      m = substr($3, 2); p = $4; s = $6
      if (match($0, /upstream=[^ ,]+/)) up[substr($0, RSTART + 9, RLENGTH - 9)]++
    }
    {
      sub(/\?.*/, "", p)
      k = "other"
      if (m == "POST" && p == "/api/v1/auth/login") k = "login"
      else if (m == "GET" && p == "/api/v1/cohorts") k = "cohorts"
      else if (m == "GET" && p ~ /^\/api\/v1\/candidates\/[0-9]+$/) k = "candidate"
      else if (m == "GET" && p == "/api/v1/indicators") k = "indicators"
      else if (m == "POST" && p == "/api/v1/applications") k = "apply"
      n[k " " s]++
    }
    END {
      for (x in n) print "  " x " x" n[x] | "sort"
      close("sort")
      for (u in up) printf "  answered by %s: %d\n", u, up[u]
    }' "$1"
}

# run_wrk NAME BASE LOG FORMAT TITLE: the load, then the summary block (also kept in $work/summary.txt).
run_wrk() {
  local name=$1 base=$2 log=$3 format=$4 title=$5 since out counts
  sleep 0.3   # the server logs a request after answering it: let the set-up's last lines land first
  if [ "$format" = serve ]; then since=$(date '+%Y-%m-%d %H:%M:%S.%3N'); else since=$(date +%s.%3N); fi
  out="$work/wrk-$name.txt"
  echo "--- $name: wrk -t$threads -c$connections -d$duration --timeout $timeout --latency -s mix.lua $base"
  wrk -t"$threads" -c"$connections" -d"$duration" --timeout "$timeout" --latency -s "$here/mix.lua" "$base" | tee "$out"
  sleep 1   # requests in flight when wrk stopped are still answered and logged
  local line
  line=$(grep '^JIT-SUMMARY' "$out") || die "wrk printed no summary (see $out)"
  v() { printf '%s\n' "$line" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
  {
    echo "=== $name: $title ==="
    echo "wrk -t$threads -c$connections -d$duration --timeout $timeout, mix ${JIT_MIX:-login=5,cohorts=30,candidate=30,indicators=15,apply=20}, $candidates candidates"
    echo "requests      $(v requests) in $duration"
    echo "requests/s    $(v rps)"
    echo "latency p50   $(v p50_ms) ms"
    echo "latency p90   $(v p90_ms) ms"
    echo "latency p99   $(v p99_ms) ms (max $(v max_ms) ms)"
    echo "non-2xx       $(v non2xx)"
    echo "socket errors $(v socket_errors) (connect $(v connect), read $(v read), write $(v write), timeout $(v timeout))"
    echo "answers by kind and status, from the $format log (exact by path; counts the requests in flight when wrk stopped too, as 499 in nginx's):"
    counts=$(by_path "$log" "$since" "$format")
    echo "${counts:-  (nothing logged: the request log is off, e.g. SERVE_ARGS=--quiet)}"
    echo "answers as wrk saw them (kind read from the answer's shape, see mix.lua):"
    sed -n '/^Answers by kind/,/^JIT-SUMMARY/p' "$out" | sed -e '1d' -e '/^JIT-SUMMARY/d'
    echo
  } | tee -a "$work/summary.txt"
}

# --- scenario b, inside scripts/with-postgres (which exports JOBINTECH_TEST_POSTGRES) ---
if [ "${1:-}" = "--inside-postgres" ]; then
  work=$2
  [ -n "${JOBINTECH_TEST_POSTGRES:-}" ] || die "JOBINTECH_TEST_POSTGRES is not set (run through scripts/with-postgres)"
  db="jit_load"
  psql "$JOBINTECH_TEST_POSTGRES" -v ON_ERROR_STOP=1 -qc "CREATE DATABASE $db" >/dev/null ||
    die "cannot create the database $db"
  url="${JOBINTECH_TEST_POSTGRES%/*}/$db"
  "$bin" migrate --db "$url" >"$work/pg-migrate.log" 2>&1 || die "migrate failed (see $work/pg-migrate.log)"
  echo "demo data, $candidates candidates, into PostgreSQL ..."
  "$bin" demo --db "$url" --candidates "$candidates" >"$work/pg-demo.log" 2>&1 || die "demo failed (see $work/pg-demo.log)"
  p1=$(free_port); p2=$(free_port)
  start_serve "$url" "$p1" "$work/pg-serve-1.log"
  start_serve "$url" "$p2" "$work/pg-serve-2.log"
  nginx_port=$(free_port)
  nginx_dir="$work/nginx"
  "$root/scripts/start-nginx" "$nginx_port" "$nginx_dir" "$p1" "$p2" >/dev/null
  base="http://127.0.0.1:$nginx_port"
  prepare "$base"
  run_wrk postgres "$base" "$nginx_dir/logs/access.log" nginx \
    "2 x jobintech serve (PostgreSQL 15) behind nginx (2 workers, least_conn)"
  exit 0
fi

# --- checks, then scenario a and scenario b ---
[ -x "$bin" ] || die "no jobintech binary at $bin (build it, or set JOBINTECH_BINARY)"
for tool in wrk curl python3; do
  command -v "$tool" >/dev/null || die "$tool not found (run scripts/install-deps)"
done
scenarios=${SCENARIOS:-sqlite postgres}
for s in $scenarios; do
  case $s in
    sqlite) ;;
    postgres)
      command -v psql >/dev/null || die "psql not found (apt-get install postgresql-15)"
      [ -x "$root/scripts/with-postgres" ] || die "missing scripts/with-postgres"
      command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || die "nginx not found (run scripts/install-deps)" ;;
    *) die "unknown scenario '$s' in SCENARIOS (sqlite, postgres)" ;;
  esac
done

work=$(mktemp -d /tmp/jobintech-load.XXXXXX)
owns_work=1
chmod 755 "$work"   # nginx's workers (nobody, when run as root) write below it
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); binary $bin; work folder $work"

for s in $scenarios; do
  if [ "$s" = sqlite ]; then
    db="$work/load.db"
    "$bin" migrate --db "$db" >"$work/sqlite-migrate.log" 2>&1 || die "migrate failed (see $work/sqlite-migrate.log)"
    echo "demo data, $candidates candidates, into SQLite ..."
    "$bin" demo --db "$db" --candidates "$candidates" >"$work/sqlite-demo.log" 2>&1 ||
      die "demo failed (see $work/sqlite-demo.log)"
    port=$(free_port)
    start_serve "$db" "$port" "$work/sqlite-serve.log"
    prepare "http://127.0.0.1:$port"
    run_wrk sqlite "http://127.0.0.1:$port" "$work/sqlite-serve.log" serve "1 x jobintech serve (SQLite), no proxy"
    # Stop it before the next scenario: it must not share the cores.
    for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
    pids=()
  else
    JOBINTECH_BINARY="$bin" "$root/scripts/with-postgres" "$here/run-load.sh" --inside-postgres "$work" ||
      die "the postgres scenario failed"
  fi
done

echo "=================== summary ==================="
cat "$work/summary.txt"
