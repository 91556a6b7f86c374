// JobRepository: the rows of the jobs table (migration 0008) — claiming a lock key, progress and
// heartbeat, the end of a job, and marking failed the jobs whose instance stopped. Every call is
// its own short statement outside the caller's transactions, so progress shows to other
// instances while the job's work is still uncommitted.
// Not thread-safe (one session per thread).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

namespace jobintech::store {

struct JobRow {
  std::int64_t id = 0;
  std::string kind, lock_key, status, instance;
  std::optional<std::int64_t> user_id;
  std::string actor, phase;
  std::int64_t done = 0, total = 0;
  std::string started_at, heartbeat_at, finished_at, outcome;
};

class JobRepository {
 public:
  explicit JobRepository(soci::session& sql) : sql_(sql) {}

  // Inserts a running job; nullopt when another job holds the lock key (the unique index).
  std::optional<std::int64_t> claim(const std::string& kind, const std::string& lock_key, const std::string& instance,
                                    std::optional<std::int64_t> user_id, const std::string& actor,
                                    const std::string& now);
  std::optional<JobRow> running(const std::string& lock_key);
  std::optional<JobRow> find(std::int64_t id);
  // The latest jobs, newest first; of one user when user_id is given.
  std::vector<JobRow> latest(std::size_t limit, std::optional<std::int64_t> user_id);

  void heartbeat(std::int64_t id, const std::string& phase, std::int64_t done, std::int64_t total,
                 const std::string& now);
  void finish(std::int64_t id, bool succeeded, const std::string& outcome, std::int64_t done, std::int64_t total,
              const std::string& now);
  // Marks failed the running jobs of `instance` (it restarted), or those whose heartbeat is older
  // than `stale_before`; returns how many.
  std::size_t fail_abandoned_by(const std::string& instance, const std::string& reason, const std::string& now);
  std::size_t fail_stale(const std::string& stale_before, const std::string& reason, const std::string& now);

 private:
  soci::session& sql_;
};

}  // namespace jobintech::store
