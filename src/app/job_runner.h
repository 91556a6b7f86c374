// JobRunner: runs the long operations — an allocation run, its publication, a large import, a
// national export — as jobs recorded in the database (store/job_repository.h), so that
//   - two jobs with the same lock key never run at once, whichever instances started them: the
//     second is refused with the running job's id;
//   - progress (phase, done of total) is visible from every instance while the job runs;
//   - a job whose instance stopped is marked failed: at once when that instance restarts under
//     the same name, or by anyone after kStaleAfter without a heartbeat. A job's work is one
//     transaction, so a failed job has written nothing and can simply be run again.
// Thread-safe. One runner per process; a background thread refreshes its jobs' heartbeats.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "app/actor.h"
#include "store/database.h"
#include "store/job_repository.h"

namespace jobintech::app {

inline constexpr std::chrono::seconds kJobHeartbeatEvery{5};
inline constexpr std::chrono::seconds kJobStaleAfter{60};

// What a running job tells the world about itself.
class JobProgress {
 public:
  void set(const std::string& phase, std::int64_t done, std::int64_t total);
  void advance(std::int64_t done);  // the same phase, further on
  struct Snapshot {
    std::string phase;
    std::int64_t done = 0, total = 0;
  };
  Snapshot snapshot() const;

 private:
  mutable std::mutex mutex_;
  Snapshot now_;
};

class JobRunner {
 public:
  // instance: this process's name among the instances ("host:port" by default); it must be the
  // same after a restart for the restart to release its jobs at once.
  JobRunner(store::Database& db, std::string instance);
  ~JobRunner();
  JobRunner(const JobRunner&) = delete;
  JobRunner& operator=(const JobRunner&) = delete;

  // Marks failed the jobs this instance left running before it restarted. Returns how many.
  std::size_t release_abandoned();

  struct Refusal {
    store::JobRow running;  // the job holding the lock
  };
  // Runs `work` as a job under `lock_key`; returns the refusal when another job holds it. The
  // job ends "succeeded" with work's summary, or "failed" with the exception's message (then
  // rethrown) or with the summary work returns through `failed` (a refused file, say).
  struct Ending {
    bool succeeded = true;
    std::string summary;
  };
  std::optional<Refusal> run(const Actor& actor, const std::string& kind, const std::string& lock_key,
                             const std::function<Ending(JobProgress&)>& work, std::int64_t* job_id = nullptr);

  // A job as stored, with the live progress when this process runs it.
  std::optional<store::JobRow> find(std::int64_t id);
  std::vector<store::JobRow> latest(std::size_t limit, std::optional<std::int64_t> user_id);
  const std::string& instance() const { return instance_; }
  // Names the instance once its port is known; before the first job.
  void set_instance(std::string instance) { instance_ = std::move(instance); }

 private:
  void beat();
  std::optional<std::int64_t> claim(const Actor& actor, const std::string& kind, const std::string& lock_key,
                                    std::optional<store::JobRow>& holder);

  store::Database& db_;
  std::string instance_;
  std::mutex mutex_;
  std::map<std::int64_t, std::shared_ptr<JobProgress>> running_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread heart_;
};

// The instance name used when none is given: the host's name and the port ("web-2:8081").
std::string default_instance_name(int port);

}  // namespace jobintech::app
