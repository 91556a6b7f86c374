// GenerationCache: results computed from the database, kept while the data they depend on is at
// the same version (the caller reads it: store/data_version.h, shared by every instance over the
// same database) and for at most a maximum age, a safety net for writes that bypass the version
// (a hand-made SQL fix). Concurrent requests for the same key share one load (single flight); a
// load that throws is not kept. At most 64 keys: past that the cache starts afresh.
// Thread-safe; values are shared and immutable.
#pragma once

#include <chrono>
#include <cstdint>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace jobintech::app {

template <typename T>
class GenerationCache {
 public:
  explicit GenerationCache(std::chrono::seconds max_age) : max_age_(max_age) {}

  // The value for `key` computed at data version `generation`, loaded if absent or stale.
  template <typename Load>
  std::shared_ptr<const T> get(const std::string& key, std::int64_t generation, Load load) {
    std::promise<std::shared_ptr<const T>> promise;
    std::shared_future<std::shared_ptr<const T>> future;
    bool load_here = false;
    {
      std::lock_guard lock(mutex_);
      auto it = entries_.find(key);
      if (it != entries_.end() && it->second.generation == generation &&
          std::chrono::steady_clock::now() - it->second.at <= max_age_) {
        future = it->second.value;
      } else {
        if (entries_.size() >= 64) entries_.clear();
        future = promise.get_future().share();
        entries_[key] = {future, generation, std::chrono::steady_clock::now()};
        load_here = true;
      }
    }
    if (load_here) {
      try {
        promise.set_value(std::make_shared<const T>(load()));
      } catch (...) {
        promise.set_exception(std::current_exception());
        std::lock_guard lock(mutex_);
        entries_.erase(key);
      }
    }
    return future.get();
  }

 private:
  struct Entry {
    std::shared_future<std::shared_ptr<const T>> value;
    std::int64_t generation;
    std::chrono::steady_clock::time_point at;
  };
  std::chrono::seconds max_age_;
  std::mutex mutex_;
  std::map<std::string, Entry> entries_;
};

}  // namespace jobintech::app
