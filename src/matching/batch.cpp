#include "matching/batch.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>

#include "matching/learner_pool.h"
#include "matching/offer_board.h"

namespace jobintech::matching {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// Runs search(i, positive) for i in [0, n) on `threads` threads, taking chunks of consecutive i
// from a shared counter (searches differ in cost, so fixed shares would leave a thread idle).
// Returns the sum of the positives.
template <typename Search>
std::uint64_t run_on_threads(std::size_t n, unsigned threads, Search&& search) {
  const std::size_t workers = std::max<std::size_t>(1, std::min<std::size_t>(threads, (n + 63) / 64));
  const std::size_t chunk = std::clamp<std::size_t>(n / (workers * 32), 1, 256);
  std::atomic<std::size_t> next{0};
  std::atomic<std::uint64_t> positives{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  const auto work = [&] {
    std::uint64_t mine = 0;
    try {
      for (std::size_t begin = next.fetch_add(chunk); begin < n; begin = next.fetch_add(chunk)) {
        const std::size_t end = std::min(n, begin + chunk);
        for (std::size_t i = begin; i < end; ++i) {
          std::uint64_t positive = 0;
          search(i, positive);
          mine += positive;
        }
      }
    } catch (...) {
      const std::lock_guard<std::mutex> lock(failure_mutex);
      if (!failure) failure = std::current_exception();
      next.store(n);  // the others stop at their next chunk
    }
    positives += mine;
  };
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < workers; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
  return positives.load();
}

}  // namespace

std::vector<std::vector<Ranked>> top_learners_per_offer(std::span<const LearnerProfile> learners,
                                                        std::span<const OfferProfile> offers, std::size_t k,
                                                        bool same_region, unsigned threads, BatchStats* stats) {
  auto started = Clock::now();
  const LearnerPool pool(learners);
  for (std::size_t i = 0; i < offers.size(); ++i) {
    if (const std::string problem = check_offer(offers[i]); !problem.empty())
      throw std::invalid_argument("offer " + std::to_string(i) + ": " + problem);
  }
  const double index_seconds = seconds_since(started);
  started = Clock::now();
  std::vector<std::vector<Ranked>> result(offers.size());
  const std::uint64_t positives = run_on_threads(offers.size(), threads, [&](std::size_t i, std::uint64_t& positive) {
    result[i] = pool.top_for_offer(offers[i], k, same_region, &positive);
  });
  if (stats != nullptr) *stats = BatchStats{index_seconds, seconds_since(started), positives, pool.memory_bytes()};
  return result;
}

std::vector<std::vector<Ranked>> top_offers_per_learner(std::span<const LearnerProfile> learners,
                                                        std::span<const OfferProfile> offers, std::size_t k,
                                                        bool same_region, unsigned threads, BatchStats* stats) {
  auto started = Clock::now();
  const OfferBoard board(offers);
  for (std::size_t i = 0; i < learners.size(); ++i) {
    if (const std::string problem = check_learner(learners[i]); !problem.empty())
      throw std::invalid_argument("learner " + std::to_string(i) + ": " + problem);
  }
  const double index_seconds = seconds_since(started);
  started = Clock::now();
  std::vector<std::vector<Ranked>> result(learners.size());
  const std::uint64_t positives = run_on_threads(learners.size(), threads, [&](std::size_t i, std::uint64_t& positive) {
    result[i] = board.top_for_learner(learners[i], k, same_region, &positive);
  });
  if (stats != nullptr) *stats = BatchStats{index_seconds, seconds_since(started), positives, board.memory_bytes()};
  return result;
}

}  // namespace jobintech::matching
