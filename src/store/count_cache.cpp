#include "store/count_cache.h"

#include <map>
#include <mutex>

namespace jobintech::store {

namespace {

struct Entry {
  std::int64_t count;
  std::uint64_t generation;
  std::chrono::steady_clock::time_point at;
};

std::mutex mutex;
std::uint64_t generation = 0;  // writes seen
std::map<std::string, Entry> entries;  // query and parameters -> count
std::map<std::string, std::uint64_t> kind_generations;  // kind -> writes of that kind
constexpr std::size_t kMaxEntries = 10'000;

}  // namespace

void note_write() {
  std::lock_guard lock(mutex);
  ++generation;
}

std::uint64_t write_generation() {
  std::lock_guard lock(mutex);
  return generation;
}

void note_write(const std::string& kind) {
  std::lock_guard lock(mutex);
  ++generation;
  ++kind_generations[kind];
}

std::uint64_t write_generation(const std::string& kind) {
  std::lock_guard lock(mutex);
  auto it = kind_generations.find(kind);
  return it == kind_generations.end() ? 0 : it->second;
}

std::optional<std::int64_t> cached_count(const std::string& key) {
  std::lock_guard lock(mutex);
  auto it = entries.find(key);
  if (it == entries.end()) return std::nullopt;
  if (it->second.generation != generation || std::chrono::steady_clock::now() - it->second.at > kCountMaxAge) {
    entries.erase(it);
    return std::nullopt;
  }
  return it->second.count;
}

void remember_count(const std::string& key, std::int64_t count) {
  std::lock_guard lock(mutex);
  if (entries.size() >= kMaxEntries) entries.clear();
  entries[key] = {count, generation, std::chrono::steady_clock::now()};
}

}  // namespace jobintech::store
