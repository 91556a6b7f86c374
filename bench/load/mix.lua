-- wrk script: a weighted mix of jobintech API calls, every one of them valid, with a count of the
-- answers by kind. Run by bench/load/run-load.sh, which prepares the database and sets:
--   JIT_TOKEN           a session token of the programme office (admin), used by every call but login
--   JIT_CAND_MIN/MAX    the range of candidate ids
--   JIT_APPLY_COHORTS   comma-separated codes of cohorts made for this run, with no application yet
--   JIT_MIX             weights, default "login=5,cohorts=30,candidate=30,indicators=15,apply=20"
-- Kinds:
--   login       POST /api/v1/auth/login, the five demo accounts in turn
--   cohorts     GET  /api/v1/cohorts?limit=20&offset=20k (the first 17 pages)
--   candidate   GET  /api/v1/candidates/{id}, id drawn in JIT_CAND_MIN..MAX
--   indicators  GET  /api/v1/indicators
--   apply       POST /api/v1/applications {candidate_id, cohort_code, rank}: the office records an
--               application; (candidate, cohort) must be new (else 409 duplicate), so each request
--               takes the next pair of candidate x JIT_APPLY_COHORTS, the threads interleaved
-- wrk tells response() nothing of the request it answers (many connections per thread), so an
-- answer's kind is read from its shape: 2xx answers are recognised exactly (a token, a Location of
-- an application, a list, a record with a CIN, indicators); a refusal by its status and problem code
-- where only one kind can give it (401 bad_credentials: login, 409 duplicate: apply, 404 not_found:
-- candidate), else it is counted under "other". run-load.sh also counts from the server's or
-- nginx's log, which knows the path.

local kinds = { "login", "cohorts", "candidate", "indicators", "apply" }

local function env_number(name)
  local v = tonumber(os.getenv(name) or "")
  if not v then error("mix.lua: environment variable " .. name .. " is missing or not a number") end
  return v
end

local function parse_mix(text)
  local weights, total = {}, 0
  for _, k in ipairs(kinds) do weights[k] = 0 end
  for name, w in string.gmatch(text, "(%a+)=(%d+)") do
    if weights[name] == nil then error("mix.lua: unknown kind in JIT_MIX: " .. name) end
    weights[name] = tonumber(w)
    total = total + tonumber(w)
  end
  if total == 0 then error("mix.lua: JIT_MIX has no positive weight: " .. text) end
  return weights
end

-- Main state: one entry per thread, read back in done().
local threads = {}
local thread_count = 0

function setup(thread)
  thread:set("tid", thread_count)
  thread_count = thread_count + 1
  table.insert(threads, thread)
end

-- Thread state.
local token, cand_min, cand_count, apply_cohorts, sequence, position, applied, nthreads
local logins = {
  { "admin@jobintech.ma", "Demo-Admin-2026" },
  { "pilotage@jobintech.ma", "Demo-Pilotage-2026" },
  { "operateur@jobintech.ma", "Demo-Operateur-2026" },
  { "employeur@jobintech.ma", "Demo-Employeur-2026" },
  { "candidat@jobintech.ma", "Demo-Candidat-2026" },
}
stats = {}   -- global: thread:get("stats") in done()

local function bump(key)
  stats[key] = (stats[key] or 0) + 1
end

function init(args)
  token = os.getenv("JIT_TOKEN") or error("mix.lua: JIT_TOKEN is missing")
  cand_min = env_number("JIT_CAND_MIN")
  cand_count = env_number("JIT_CAND_MAX") - cand_min + 1
  apply_cohorts = {}
  for code in string.gmatch(os.getenv("JIT_APPLY_COHORTS") or "", "[^,]+") do table.insert(apply_cohorts, code) end
  nthreads = env_number("JIT_THREADS")
  local weights = parse_mix(os.getenv("JIT_MIX") or "login=5,cohorts=30,candidate=30,indicators=15,apply=20")
  if weights.apply > 0 and #apply_cohorts == 0 then error("mix.lua: JIT_APPLY_COHORTS is empty") end
  -- An exact mix: a sequence holding each kind weight times, shuffled, walked round and round.
  math.randomseed(1000 + tid)
  sequence = {}
  for _, k in ipairs(kinds) do
    for _ = 1, weights[k] do table.insert(sequence, k) end
  end
  for i = #sequence, 2, -1 do
    local j = math.random(i)
    sequence[i], sequence[j] = sequence[j], sequence[i]
  end
  position = 0
  applied = 0
end

local function api_headers(json)
  local h = { ["Authorization"] = "Bearer " .. token }
  if json then h["Content-Type"] = "application/json" end
  return h
end

function request()
  position = position % #sequence + 1
  local kind = sequence[position]
  bump(kind .. ".sent")
  if kind == "login" then
    local a = logins[(position % #logins) + 1]
    return wrk.format("POST", "/api/v1/auth/login", { ["Content-Type"] = "application/json" },
      string.format('{"email":"%s","password":"%s"}', a[1], a[2]))
  elseif kind == "cohorts" then
    return wrk.format("GET", "/api/v1/cohorts?limit=20&offset=" .. (20 * math.random(0, 16)), api_headers(false))
  elseif kind == "candidate" then
    return wrk.format("GET", "/api/v1/candidates/" .. (cand_min + math.random(0, cand_count - 1)), api_headers(false))
  elseif kind == "indicators" then
    return wrk.format("GET", "/api/v1/indicators", api_headers(false))
  else
    -- Pair number applied * nthreads + tid: threads never share a pair.
    local pair = applied * nthreads + tid
    applied = applied + 1
    local cohort = math.floor(pair / cand_count) + 1
    if cohort > #apply_cohorts then
      bump("apply.pairs_exhausted")
      cohort = (cohort - 1) % #apply_cohorts + 1
    end
    return wrk.format("POST", "/api/v1/applications", api_headers(true),
      string.format('{"candidate_id":%d,"cohort_code":"%s","rank":1}',
        cand_min + pair % cand_count, apply_cohorts[cohort]))
  end
end

local function problem_code(body)
  return string.match(body or "", '"code":"([^"]*)"') or "-"
end

function response(status, headers, body)
  if status >= 200 and status < 300 then
    local location = headers["Location"] or ""
    if string.find(location, "^/api/v1/applications/") then bump("apply.ok")
    elseif string.find(body, '^{"token":') then bump("login.ok")
    elseif string.find(body, '^{"items":') then bump("cohorts.ok")
    elseif string.find(body, '^{"as_of":') then bump("indicators.ok")
    elseif string.find(body, '"cin":', 1, true) then bump("candidate.ok")
    else bump("other.ok") end
    return
  end
  local code = problem_code(body)
  local key = status .. " " .. code
  if key == "401 bad_credentials" then bump("login.refused")
  elseif key == "409 duplicate" then bump("apply.refused")
  elseif key == "404 not_found" then bump("candidate.refused")
  else bump("other.refused") end
  bump("status." .. key)
end

function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("stats")) do total[k] = (total[k] or 0) + v end
  end
  local function n(k) return total[k] or 0 end
  io.write("\nAnswers by kind (sent: requests made; ok: 2xx; refused: non-2xx this kind alone can give):\n")
  io.write(string.format("  %-11s %9s %9s %9s\n", "kind", "sent", "ok", "refused"))
  for _, k in ipairs(kinds) do
    io.write(string.format("  %-11s %9d %9d %9d\n", k, n(k .. ".sent"), n(k .. ".ok"), n(k .. ".refused")))
  end
  io.write(string.format("  %-11s %9s %9d %9d\n", "other", "", n("other.ok"), n("other.refused")))
  local statuses = {}
  for k, v in pairs(total) do
    local s = string.match(k, "^status%.(.*)$")
    if s then table.insert(statuses, string.format("%s x%d", s, v)) end
  end
  table.sort(statuses)
  if #statuses > 0 then io.write("  non-2xx by status and problem code: " .. table.concat(statuses, ", ") .. "\n") end
  if n("apply.pairs_exhausted") > 0 then
    io.write(string.format("  WARNING: %d applications reused a (candidate, cohort) pair: raise APPLY_COHORTS\n",
      n("apply.pairs_exhausted")))
  end
  local non2xx = 0
  for k, v in pairs(total) do
    if string.match(k, "%.refused$") then non2xx = non2xx + v end
  end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  -- One line for run-load.sh to read.
  io.write(string.format("JIT-SUMMARY requests=%d rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d " ..
    "socket_errors=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, non2xx,
    e.connect + e.read + e.write + e.timeout, e.connect, e.read, e.write, e.timeout))
end
