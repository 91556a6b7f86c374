#include "app/job_runner.h"

#include <unistd.h>

#include "core/date.h"

namespace jobintech::app {

void JobProgress::set(const std::string& phase, std::int64_t done, std::int64_t total) {
  std::lock_guard lock(mutex_);
  now_ = {phase, done, total};
}

void JobProgress::advance(std::int64_t done) {
  std::lock_guard lock(mutex_);
  now_.done = done;
}

JobProgress::Snapshot JobProgress::snapshot() const {
  std::lock_guard lock(mutex_);
  return now_;
}

std::string default_instance_name(int port) {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return std::string(host[0] ? host : "localhost") + ":" + std::to_string(port);
}

JobRunner::JobRunner(store::Database& db, std::string instance) : db_(db), instance_(std::move(instance)) {
  heart_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      wake_.wait_for(lock, kJobHeartbeatEvery, [this] { return stopping_; });
      if (stopping_) break;
      if (running_.empty()) continue;
      lock.unlock();
      beat();
      lock.lock();
    }
  });
}

JobRunner::~JobRunner() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  heart_.join();
}

void JobRunner::beat() {
  std::map<std::int64_t, std::shared_ptr<JobProgress>> jobs;
  {
    std::lock_guard lock(mutex_);
    jobs = running_;
  }
  try {
    auto conn = db_.connect();
    store::JobRepository repo(conn.session());
    const auto now = core::now_utc();
    for (const auto& [id, progress] : jobs) {
      const auto p = progress->snapshot();
      repo.heartbeat(id, p.phase, p.done, p.total, now);
    }
  } catch (const std::exception&) {
    // SQLite is busy with the job's own write: the next beat will do (kJobStaleAfter is 12 beats).
  }
}

std::size_t JobRunner::release_abandoned() {
  auto conn = db_.connect();
  return store::JobRepository(conn.session())
      .fail_abandoned_by(instance_, "interrupted: instance " + instance_ + " restarted", core::now_utc());
}

std::optional<std::int64_t> JobRunner::claim(const Actor& actor, const std::string& kind, const std::string& lock_key,
                                             std::optional<store::JobRow>& holder) {
  auto conn = db_.connect();
  store::JobRepository repo(conn.session());
  for (int attempt = 0; attempt < 2; ++attempt) {
    const auto now = core::now_utc();
    if (auto id = repo.claim(kind, lock_key, instance_, actor.user_id, actor.email, now)) return id;
    holder = repo.running(lock_key);
    if (!holder) continue;  // it ended meanwhile
    const auto stale_before = core::timestamp_after_seconds(-kJobStaleAfter.count());
    if (holder->heartbeat_at >= stale_before) return std::nullopt;
    repo.fail_stale(stale_before, "interrupted: no heartbeat from instance " + holder->instance, now);
  }
  return std::nullopt;
}

std::optional<JobRunner::Refusal> JobRunner::run(const Actor& actor, const std::string& kind,
                                                 const std::string& lock_key,
                                                 const std::function<Ending(JobProgress&)>& work,
                                                 std::int64_t* job_id) {
  std::optional<store::JobRow> holder;
  const auto id = claim(actor, kind, lock_key, holder);
  if (!id) return Refusal{holder.value_or(store::JobRow{})};
  if (job_id) *job_id = *id;
  auto progress = std::make_shared<JobProgress>();
  {
    std::lock_guard lock(mutex_);
    running_[*id] = progress;
  }
  auto end = [&](bool succeeded, const std::string& summary) {
    {
      std::lock_guard lock(mutex_);
      running_.erase(*id);
    }
    const auto p = progress->snapshot();
    auto conn = db_.connect();
    store::JobRepository(conn.session()).finish(*id, succeeded, summary, p.done, p.total, core::now_utc());
  };
  try {
    const Ending ending = work(*progress);
    end(ending.succeeded, ending.summary);
  } catch (const std::exception& e) {
    end(false, std::string("error: ") + e.what());
    throw;
  }
  return std::nullopt;
}

std::optional<store::JobRow> JobRunner::find(std::int64_t id) {
  std::optional<store::JobRow> row;
  {
    auto conn = db_.connect();
    row = store::JobRepository(conn.session()).find(id);
  }
  if (!row) return row;
  std::lock_guard lock(mutex_);
  if (auto it = running_.find(id); it != running_.end()) {
    const auto p = it->second->snapshot();
    row->phase = p.phase;
    row->done = p.done;
    row->total = p.total;
  }
  return row;
}

std::vector<store::JobRow> JobRunner::latest(std::size_t limit, std::optional<std::int64_t> user_id) {
  auto conn = db_.connect();
  return store::JobRepository(conn.session()).latest(limit, user_id);
}

}  // namespace jobintech::app
