#!/usr/bin/env bash
# Soak run of `jobintech serve` on loopback: one instance over a fresh SQLite file with demo data,
# under bench/load/mix.lua's API mix for a long time (wrk, in consecutive segments), while a sampler
# records the process's memory, threads and open files and the database's size every 15 s. Answers
# "does it stay up, stay flat and keep answering?", not "how fast?" (that is bench/load/run-load.sh).
# Builds nothing; every process it starts is stopped on exit.
#
#   bench/soak/run-soak.sh                             one hour, 5-minute segments
#   DURATION=600 SEGMENT=60 bench/soak/run-soak.sh     a short one
#
# Environment: JOBINTECH_BINARY (build/jobintech), DURATION (3600 s; also 90m, 2h), SEGMENT (300 s,
# the first is the warm-up), CANDIDATES (20000), CONNECTIONS (16), THREADS (2), TIMEOUT (10s),
# JIT_MIX (weights, see bench/load/mix.lua), APPLY_COHORTS (10 new cohorts per segment: mix.lua
# restarts its (candidate, cohort) pairs with every wrk run), SAMPLE_EVERY (15 s), SERVE_ARGS (extra
# `serve` options, e.g. --quiet; none by default, as in run-load.sh), SETTLE (5 s of rest after each
# segment before its end sample), OUT (the results folder; default a new /tmp/jobintech-soak.XXXXXX,
# kept), KEEP_WORK=1 (keep the temp folder with the database; it is always kept after a failure).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
mix="$root/bench/load/mix.lua"
# shellcheck source=../lib.sh
. "$root/bench/lib.sh"

die() { echo "run-soak: $*" >&2; exit 2; }

# seconds TEXT: 3600, 3600s, 60m or 1h as a number of seconds.
seconds() {
  case $1 in
    *[!0-9smh]* | "" | [smh]*) return 1 ;;
    *h) echo $(( ${1%h} * 3600 )) ;;
    *m) echo $(( ${1%m} * 60 )) ;;
    *s) echo $(( ${1%s} )) ;;
    *) echo $(( $1 )) ;;
  esac
}

bin=${JOBINTECH_BINARY:-$root/build/jobintech}
[[ "$bin" = /* ]] || bin="$PWD/$bin"
duration=$(seconds "${DURATION:-3600}") || die "DURATION must be seconds (3600, 90m, 2h), not '${DURATION:-}'"
segment=$(seconds "${SEGMENT:-300}") || die "SEGMENT must be seconds (300, 5m), not '${SEGMENT:-}'"
every=$(seconds "${SAMPLE_EVERY:-15}") || die "SAMPLE_EVERY must be seconds, not '${SAMPLE_EVERY:-}'"
settle=$(seconds "${SETTLE:-5}") || die "SETTLE must be seconds, not '${SETTLE:-}'"
[ "$duration" -gt 0 ] && [ "$segment" -gt 0 ] && [ "$every" -gt 0 ] || die "DURATION, SEGMENT and SAMPLE_EVERY must be > 0"
candidates=${CANDIDATES:-20000}
connections=${CONNECTIONS:-16}
threads=${THREADS:-2}
timeout=${TIMEOUT:-10s}
apply_cohorts=${APPLY_COHORTS:-10}
read -r -a serve_args <<<"${SERVE_ARGS:-}"

# --- processes started here, stopped on any exit ---
pids=()          # the server, the sampler
wrk_pid=""
server_pid=""
cleanup() {
  local status=$?
  if [ -n "$wrk_pid" ]; then kill -TERM "$wrk_pid" 2>/dev/null || true; wait "$wrk_pid" 2>/dev/null || true; fi
  stop_processes
  if [ -n "${owns_work:-}" ]; then
    # Kept after a failure: the database is there.
    if [ -n "${KEEP_WORK:-}" ] || [ "$status" -ne 0 ]; then echo "run-soak: kept $work" >&2; else rm -rf "$work"; fi
  fi
  [ -n "${OUT:-}" ] && echo "run-soak: results in $OUT" >&2
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# alive: the server process exists and is not a zombie.
alive() {
  kill -0 "$server_pid" 2>/dev/null && ! grep -q '^State:[[:space:]]*Z' "/proc/$server_pid/status" 2>/dev/null
}

# prepare BASE: the candidates' ids and the first cohort, once (bench/lib.sh), exported for mix.lua.
prepare() {
  sign_in "$1"
  candidate_range "$1"
  cohort_model=$(first_cohort "$1")
  export JIT_THREADS=$threads
}

# new_cohorts BASE SEGMENT: a fresh admin token (a session ends 12 hours after sign-in,
# src/app/auth_service.h, and a soak may last longer) and APPLY_COHORTS new cohorts for this
# segment's applications: mix.lua starts again from the first (candidate, cohort) pair in every wrk
# run, so the cohorts of an earlier segment would only give 409 duplicate.
new_cohorts() {
  sign_in "$1"
  add_cohorts "$1" "soak-$$-s$2" "$cohort_model"
}

# sample SEGMENT WHEN: one row of samples.csv, also left in last_row (false when the server is
# gone). WHEN: start (before the load); load or rest (the sampler, while wrk runs or not: between
# segments); segment-end (SETTLE s after wrk).
sample() {
  local st rss hwm thr fds dbs wals now
  st=$(cat "/proc/$server_pid/status" 2>/dev/null) || return 1
  rss=$(awk '$1 == "VmRSS:" { print $2 }' <<<"$st")
  hwm=$(awk '$1 == "VmHWM:" { print $2 }' <<<"$st")
  thr=$(awk '$1 == "Threads:" { print $2 }' <<<"$st")
  [ -n "$rss" ] || return 1   # a zombie has no memory lines
  fds=$( (ls "/proc/$server_pid/fd" 2>/dev/null || true) | wc -l)
  dbs=$(stat -c %s "$db" 2>/dev/null || echo 0)
  wals=$(stat -c %s "$db-wal" 2>/dev/null || echo 0)
  now=$(date +%s)
  last_row="$now,$((now - t0)),$1,$rss,$hwm,$thr,$fds,$dbs,$wals,$2"
  echo "$last_row" >>"$OUT/samples.csv"
}

# phase SEGMENT rest|load: what the sampler labels its samples with (written whole, never half).
phase() { echo "$1 $2" >"$work/segment.new" && mv "$work/segment.new" "$work/segment"; }

# sampler: every SAMPLE_EVERY seconds, a row of samples.csv with the current segment and phase
# (read from $work/segment). When the server is gone it stops the running wrk (no point loading a
# dead port).
sampler() {
  trap - EXIT INT TERM
  local next=$(( $(date +%s) + every )) cur ph
  while :; do
    while [ "$(date +%s)" -lt "$next" ]; do sleep 1; done
    next=$((next + every))
    read -r cur ph <"$work/segment" || true
    if ! alive || ! sample "$cur" "$ph"; then
      : >"$work/server-gone"
      [ -s "$work/wrk.pid" ] && kill -TERM "$(cat "$work/wrk.pid")" 2>/dev/null
      exit 0
    fi
  done
}

# --- checks, set-up ---
[ -x "$bin" ] || die "no jobintech binary at $bin (build it, or set JOBINTECH_BINARY)"
[ -r "$mix" ] || die "missing $mix"
for tool in wrk curl python3; do
  command -v "$tool" >/dev/null || die "$tool not found (run scripts/install-deps)"
done

if [ -n "${OUT:-}" ]; then
  mkdir -p "$OUT" && OUT=$(cd "$OUT" && pwd)
  [ -z "$(ls -A "$OUT")" ] || die "OUT=$OUT is not empty"
else
  OUT=$(mktemp -d /tmp/jobintech-soak.XXXXXX)
fi
work=$(mktemp -d /tmp/jobintech-soak-db.XXXXXX)
owns_work=1
db="$work/soak.db"
nseg=$(( (duration + segment - 1) / segment ))
echo "run-soak: results in $OUT"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); binary $bin"
echo "plan: $duration s of load in $nseg segment(s) of $segment s (the first is the warm-up), wrk -t$threads" \
  "-c$connections --timeout $timeout -s bench/load/mix.lua, mix ${JIT_MIX:-login=5,cohorts=30,candidate=30,indicators=15,apply=20}," \
  "$candidates candidates, a sample every $every s"

"$bin" migrate --db "$db" >"$OUT/migrate.log" 2>&1 || die "migrate failed (see $OUT/migrate.log)"
echo "demo data, $candidates candidates, into SQLite ..."
"$bin" demo --db "$db" --candidates "$candidates" >"$OUT/demo.log" 2>&1 || die "demo failed (see $OUT/demo.log)"
port=$(free_port)
base="http://127.0.0.1:$port"
start_serve "$db" "$port" "$OUT/serve.log"
echo "server: pid $server_pid, $base, log $OUT/serve.log"
prepare "$base"

echo "epoch,elapsed_s,segment,rss_kb,hwm_kb,threads,fds,db_bytes,wal_bytes,when" >"$OUT/samples.csv"
echo "segment,seconds,requests,rps,p50_ms,p99_ms,non2xx,unexpected_non2xx,connect_errors,read_errors,write_errors,timeout_errors,rss_kb,fds,threads,rss_min_kb,rss_max_kb" \
  >"$OUT/segments.csv"
echo "segment,kind,sent,ok,refused" >"$OUT/kinds.csv"
echo "segment,status,code,count" >"$OUT/statuses.csv"
phase 0 rest
t0=$(date +%s)
sample 0 start || die "cannot read /proc/$server_pid/status"
sampler &
sampler_pid=$!
pids+=("$sampler_pid")

# --- the segments ---
done_s=0
seg=0
died=""
reused=0
while [ "$done_s" -lt "$duration" ]; do
  seg=$((seg + 1))
  secs=$segment
  if [ $((duration - done_s)) -lt "$secs" ]; then secs=$((duration - done_s)); fi
  phase "$seg" rest
  alive || { died=$seg; break; }
  new_cohorts "$base" "$seg"
  out="$OUT/wrk-$(printf '%02d' "$seg").txt"
  echo "wrk -t$threads -c$connections -d${secs}s --timeout $timeout --latency -s $mix $base" >"$out"
  phase "$seg" load
  wrk -t"$threads" -c"$connections" -d"${secs}s" --timeout "$timeout" --latency -s "$mix" "$base" >>"$out" 2>&1 &
  wrk_pid=$!
  echo "$wrk_pid" >"$work/wrk.pid"
  wrk_rc=0
  wait "$wrk_pid" || wrk_rc=$?
  wrk_pid=""
  : >"$work/wrk.pid"
  phase "$seg" rest
  done_s=$((done_s + secs))
  if [ -e "$work/server-gone" ] || ! alive; then died=$seg; break; fi
  # The requests in flight when wrk stopped (a sign-in takes seconds under load) end, and wrk's
  # connections close: the segment-end sample is the server at rest, comparable from segment to
  # segment and with the start.
  sleep "$settle"
  line=$(grep '^JIT-SUMMARY' "$out") || die "wrk (exit $wrk_rc) printed no summary in segment $seg (see $out)"
  v() { printf '%s\n' "$line" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
  # wrk's own lines (absent when zero); mix.lua's table: the "other" row's refused are the
  # non-2xx that no kind of the mix explains.
  non2xx=$(sed -n 's/^ *Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p' "$out")
  read -r e_connect e_read e_write e_timeout < <(
    sed -n 's/^ *Socket errors: connect \([0-9]*\), read \([0-9]*\), write \([0-9]*\), timeout \([0-9]*\).*/\1 \2 \3 \4/p' "$out"
    echo 0 0 0 0) || true
  unexpected=$(awk '$1 == "other" && NF == 3 { print $3 }' "$out")
  awk -v s="$seg" '$1 ~ /^(login|cohorts|candidate|indicators|apply)$/ && NF == 4 { print s "," $1 "," $2 "," $3 "," $4 }
                   $1 == "other" && NF == 3 { print s ",other,," $2 "," $3 }' "$out" >>"$OUT/kinds.csv"
  sed -n 's/^ *non-2xx by status and problem code: //p' "$out" | tr ',' '\n' |
    awk -v s="$seg" 'NF == 3 { sub(/^x/, "", $3); print s "," $1 "," $2 "," $3 }' >>"$OUT/statuses.csv"
  r=$(sed -n 's/^ *WARNING: \([0-9]*\) applications reused.*/\1/p' "$out")
  reused=$((reused + ${r:-0}))
  sample "$seg" segment-end || { died=$seg; break; }
  IFS=, read -r _ _ _ rss _ thr fds _ _ <<<"$last_row"
  # The segment's lowest and highest RSS sampled under load: sign-ins (argon2id, 64 MiB each) make
  # RSS swing with how many were running at the instant of a sample.
  range=$(awk -F, -v s="$seg" '$3 == s && $10 == "load" { if (!n++ || $4 < lo) lo = $4; if ($4 > hi) hi = $4 } END { print lo "," hi }' "$OUT/samples.csv")
  echo "$seg,$secs,$(v requests),$(v rps),$(v p50_ms),$(v p99_ms),${non2xx:-0},${unexpected:-0},$e_connect,$e_read,$e_write,$e_timeout,$rss,$fds,$thr,$range" \
    >>"$OUT/segments.csv"
  printf 'segment %d/%d%s: %s requests, %s req/s, p50 %s ms, p99 %s ms, non-2xx %s (unexpected %s), socket errors %s, RSS %d MB, fds %s, threads %s\n' \
    "$seg" "$nseg" "$([ "$seg" -eq 1 ] && echo ' (warm-up)')" "$(v requests)" "$(v rps)" "$(v p50_ms)" "$(v p99_ms)" \
    "${non2xx:-0}" "${unexpected:-0}" "$(v socket_errors)" $((rss / 1024)) "$fds" "$thr"
  if [ -n "$r" ]; then echo "  WARNING: $r applications reused a (candidate, cohort) pair (409 duplicate): raise APPLY_COHORTS"; fi
done
t_end=$(date +%s)
kill -TERM "$sampler_pid" 2>/dev/null || true
wait "$sampler_pid" 2>/dev/null || true
pids=("$server_pid")

# --- the end: alive, /healthz ---
health="-"
if [ -z "$died" ] && alive; then
  health=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$base/healthz" || true)
fi
if [ -n "$died" ] || ! alive; then
  died=${died:-$seg}
  server_rc=0
  wait "$server_pid" || server_rc=$?
  echo "run-soak: the server died during segment $died (exit status $server_rc); last lines of $OUT/serve.log:" >&2
  tail -5 "$OUT/serve.log" >&2
fi

# --- summary ---
{
  echo "=================== soak summary ==================="
  echo "binary $bin; $candidates candidates; wrk -t$threads -c$connections --timeout $timeout; mix ${JIT_MIX:-login=5,cohorts=30,candidate=30,indicators=15,apply=20}"
  awk -F, -v wall=$((t_end - t0)) '
    NR == 1 { next }
    {
      n++; secs += $2; req += $3; non2xx += $7; unexp += $8; sock += $9 + $10 + $11 + $12
      if ($1 == 1) warm_rss = $13
      else {
        if (!after++) { first = $4; p99min = $6; p99max = $6 }
        if ($6 + 0 < p99min + 0) p99min = $6
        if ($6 + 0 > p99max + 0) p99max = $6
        last = $4
      }
    }
    END {
      printf "duration            %d s of load in %d segment(s) completed, %d s wall clock\n", secs, n, wall
      printf "requests            %d\n", req
      printf "mean req/s          %.1f\n", secs ? req / secs : 0
      if (after) printf "req/s after warm-up first segment %s, last %s; p99 per segment %s .. %s ms\n", first, last, p99min, p99max
      printf "errors              %d (unexpected non-2xx %d + socket errors %d); non-2xx in all %d\n", unexp + sock, unexp, sock, non2xx
    }' "$OUT/segments.csv"
  statuses=$(awk -F, 'NR > 1 { n[$2 " " $3] += $4 } END { for (k in n) print k " x" n[k] }' "$OUT/statuses.csv" | sort | paste -sd, - | sed 's/,/, /g')
  echo "non-2xx by status   ${statuses:-none}"
  if [ "$reused" -gt 0 ]; then echo "WARNING             $reused applications reused a (candidate, cohort) pair"; fi
  awk -F, '
    # lsq(name): least-squares slope of RSS over time, in MB/hour, with its standard error.
    function lsq(name,   k, cxx, cxy, cyy, slope, res, se) {
      k = n[name]
      if (k < 2) return ""
      cxx = sxx[name] - sx[name] ^ 2 / k; cxy = sxy[name] - sx[name] * sy[name] / k; cyy = syy[name] - sy[name] ^ 2 / k
      if (cxx <= 0) return ""
      slope = cxy / cxx   # kB per second
      res = cyy - slope * cxy
      se = k > 2 && res > 0 ? sqrt(res / (k - 2) / cxx) : 0
      return sprintf("%+.1f MB/hour +- %.1f (%+.1f %% of RSS after warm-up per hour; %d samples over %d s)",
                     slope * 3600 / 1024, se * 3600 / 1024, warm ? 100 * slope * 3600 / warm : 0, k, span[name])
    }
    function add(name, x, y) {
      if (!n[name]++) { x0[name] = x; y0[name] = y }
      x -= x0[name]; y -= y0[name]   # relative to the first point: no loss of precision
      sx[name] += x; sy[name] += y; sxx[name] += x * x; sxy[name] += x * y; syy[name] += y * y; span[name] = x
    }
    NR == 1 { next }
    FNR == NR {   # segments.csv
      if ($1 == 1) warm = $13
      if ($1 >= 2) { if (!floor2) floor2 = $16; floorN = $16; segN = $1 }
      next
    }
    FNR == 1 { next }
    {             # samples.csv
      if ($10 == "start") { rss0 = $4; fds0 = $7; thr0 = $6 }
      if ($4 > max) max = $4
      hwm = $5; db = $8; wal = $9
      if ($10 == "segment-end") { ends++; end_rss = $4; fds1 = $7; thr1 = $6; add("settled", $2, $4) }
      if ($3 >= 2) add("all", $2, $4)
    }
    END {
      mb = 1024
      printf "RSS                 start %.1f MB (before the load), after warm-up %s, max %.1f MB, end %s; VmHWM %.1f MB\n",
        rss0 / mb, warm ? sprintf("%.1f MB", warm / mb) : "-", max / mb, ends ? sprintf("%.1f MB", end_rss / mb) : "-", hwm / mb
      all = lsq("all"); settled = lsq("settled")
      printf "RSS growth          %s\n", all != "" ? all " [least squares, all samples after warm-up]" : "- (fewer than 2 samples after warm-up)"
      printf "RSS growth at rest  %s\n", settled != "" ? settled " [least squares, segment ends from the warm-up on]" : "- (fewer than 2 segments completed)"
      if (floor2) printf "RSS under load      lowest sample of segment 2 %.1f MB, of segment %d %.1f MB\n", floor2 / mb, segN, floorN / mb
      printf "fds                 start %d, end %s\n", fds0, ends ? fds1 : "-"
      printf "threads             start %d, end %s\n", thr0, ends ? thr1 : "-"
      printf "database            %.1f MB, -wal %.1f MB at end\n", db / 1048576, wal / 1048576
    }' "$OUT/segments.csv" "$OUT/samples.csv"
  logged=$(awk '$3 == "[info]" && NF == 6 && $6 >= 500 { n++ } END { print n + 0 }' "$OUT/serve.log")
  logerr=$(grep -c '^\[[^]]*\] \[\(error\|critical\)\]' "$OUT/serve.log" || true)
  echo "server log          $logged answers 5xx, $logerr error lines ($OUT/serve.log)"
  if [ -n "$died" ]; then echo "server              DIED during segment $died"
  else echo "server              alive at the end (pid $server_pid), /healthz $health"; fi
} | tee "$OUT/summary.txt"

errors=$(awk -F, 'NR > 1 { e += $8 + $9 + $10 + $11 + $12 } END { print e + 0 }' "$OUT/segments.csv")
verdict=0
[ -n "$died" ] && verdict=1
[ "$health" = 200 ] || verdict=1
[ "$errors" -eq 0 ] || verdict=1
if [ "$verdict" -eq 0 ]; then echo "result              PASS" | tee -a "$OUT/summary.txt"
else echo "result              FAIL (unexpected errors: $errors; server died: ${died:-no}; /healthz: $health)" | tee -a "$OUT/summary.txt"; fi
exit "$verdict"
