#include "store/job_repository.h"

#include "store/sql.h"

namespace jobintech::store {

namespace {

constexpr const char* kColumns =
    "id, kind, lock_key, status, instance, user_id, actor, phase, done, total, started_at, heartbeat_at, "
    "finished_at, outcome";

JobRow job_from(const Row& r) {
  JobRow j;
  j.id = as_integer(r[0]);
  j.kind = as_text(r[1]);
  j.lock_key = as_text(r[2]);
  j.status = as_text(r[3]);
  j.instance = as_text(r[4]);
  if (!std::holds_alternative<std::monostate>(r[5])) j.user_id = as_integer(r[5]);
  j.actor = as_text(r[6]);
  j.phase = as_text(r[7]);
  j.done = as_integer(r[8]);
  j.total = as_integer(r[9]);
  j.started_at = as_text(r[10]);
  j.heartbeat_at = as_text(r[11]);
  j.finished_at = as_text(r[12]);
  j.outcome = as_text(r[13]);
  return j;
}

}  // namespace

std::optional<std::int64_t> JobRepository::claim(const std::string& kind, const std::string& lock_key,
                                                  const std::string& instance, std::optional<std::int64_t> user_id,
                                                  const std::string& actor, const std::string& now) {
  try {
    return fetch_integer(sql_,
                         "INSERT INTO jobs (kind, lock_key, status, instance, user_id, actor, started_at, heartbeat_at) "
                         "VALUES (?, ?, 'running', ?, ?, ?, ?, ?) RETURNING id",
                         {kind, lock_key, instance, user_id ? core::Value(*user_id) : core::Value(), actor, now, now});
  } catch (const std::exception& e) {
    if (is_unique_violation(e)) return std::nullopt;
    throw;
  }
}

std::optional<JobRow> JobRepository::running(const std::string& lock_key) {
  auto row = fetch_one(sql_, std::string("SELECT ") + kColumns + " FROM jobs WHERE lock_key = ? AND status = 'running'",
                       {lock_key});
  if (!row) return std::nullopt;
  return job_from(*row);
}

std::optional<JobRow> JobRepository::find(std::int64_t id) {
  auto row = fetch_one(sql_, std::string("SELECT ") + kColumns + " FROM jobs WHERE id = ?", {id});
  if (!row) return std::nullopt;
  return job_from(*row);
}

std::vector<JobRow> JobRepository::latest(std::size_t limit, std::optional<std::int64_t> user_id) {
  std::vector<JobRow> out;
  const std::string query = std::string("SELECT ") + kColumns + " FROM jobs" + (user_id ? " WHERE user_id = ?" : "") +
                            " ORDER BY id DESC LIMIT ?";
  Params params;
  if (user_id) params.push_back(*user_id);
  params.push_back(static_cast<std::int64_t>(limit));
  for (const auto& r : fetch_all(sql_, query, params)) out.push_back(job_from(r));
  return out;
}

void JobRepository::heartbeat(std::int64_t id, const std::string& phase, std::int64_t done, std::int64_t total,
                              const std::string& now) {
  execute(sql_, "UPDATE jobs SET phase = ?, done = ?, total = ?, heartbeat_at = ? WHERE id = ? AND status = 'running'",
          {phase, done, total, now, id});
}

void JobRepository::finish(std::int64_t id, bool succeeded, const std::string& outcome, std::int64_t done,
                           std::int64_t total, const std::string& now) {
  execute(sql_,
          "UPDATE jobs SET status = ?, outcome = ?, done = ?, total = ?, finished_at = ?, heartbeat_at = ? "
          "WHERE id = ? AND status = 'running'",
          {std::string(succeeded ? "succeeded" : "failed"), outcome, done, total, now, now, id});
}

std::size_t JobRepository::fail_abandoned_by(const std::string& instance, const std::string& reason,
                                             const std::string& now) {
  return static_cast<std::size_t>(
      execute(sql_, "UPDATE jobs SET status = 'failed', outcome = ?, finished_at = ? WHERE status = 'running' AND instance = ?",
              {reason, now, instance}));
}

std::size_t JobRepository::fail_stale(const std::string& stale_before, const std::string& reason,
                                      const std::string& now) {
  return static_cast<std::size_t>(execute(
      sql_, "UPDATE jobs SET status = 'failed', outcome = ?, finished_at = ? WHERE status = 'running' AND heartbeat_at < ?",
      {reason, now, stale_before}));
}

}  // namespace jobintech::store
