// The matching engine at the programme's scale (docs/matching.md, docs/performance.md "Matching"):
//
// - the top 10 learners for each of 20,000 offers among 100,000 learners, on 1 and 2 threads, any
//   region and same region; the top 10 offers for each learner;
// - the web service's question: one learner against a board of 50,000 open offers (latency of
//   single queries: median and 99th percentile), and building that board;
// - for comparison, the textbook inverted index (skill -> learners, a byte counter per learner, a
//   list of the learners touched, the top k chosen among them) on the same 100k × 20k instance.
//
// The instances are the CSV files of bench/make_matching_csv.py read with app::load_match_files,
// the same `jobintech match` reads: $JOBINTECH_MATCH_DIR (default /tmp/jobintech-match-100k,
// generated with the script's defaults: 100,000 learners, 20,000 offers, seed 2026) and
// $JOBINTECH_MATCH_BOARD_DIR (default /tmp/jobintech-match-50k-offers: 2,000 learners, 50,000 offers,
// seed 7). Missing files are generated first (python3, about 4 s). Loading is outside the timings.
//
//   cmake --build build --target matching_bench && build/matching_bench [benchmark flags]
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "app/match_files.h"
#include "matching/batch.h"
#include "matching/offer_board.h"

using namespace jobintech;

namespace {

constexpr std::size_t kTop = 10;

double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

std::string directory(const char* variable, const char* fallback) {
  const char* value = std::getenv(variable);
  return value != nullptr && *value != '\0' ? value : fallback;
}

// The files in `dir`, generated with `arguments` when missing, then read as the command reads them.
const app::LoadedMatch& load(const std::string& dir, const std::string& arguments) {
  static std::map<std::string, std::unique_ptr<app::LoadedMatch>> loaded;
  auto& slot = loaded[dir];
  if (slot) return *slot;
  const std::filesystem::path learners = std::filesystem::path(dir) / "learners.csv";
  const std::filesystem::path offers = std::filesystem::path(dir) / "offers.csv";
  if (!std::filesystem::exists(learners) || !std::filesystem::exists(offers)) {
    const std::string command = std::string("python3 '") + JOBINTECH_SOURCE_DIR + "/bench/make_matching_csv.py' " +
                                arguments + " '" + dir + "'";
    std::fprintf(stderr, "generating: %s\n", command.c_str());
    if (std::system(command.c_str()) != 0) throw std::runtime_error("cannot generate " + dir);
  }
  slot = std::make_unique<app::LoadedMatch>(app::load_match_files({learners.string(), offers.string()}));
  if (!slot->issues.empty()) throw std::runtime_error("bad files in " + dir);
  return *slot;
}

const app::LoadedMatch& national() {
  return load(directory("JOBINTECH_MATCH_DIR", "/tmp/jobintech-match-100k"),
              "--learners 100000 --offers 20000 --seed 2026");
}
const app::LoadedMatch& open_offers() {
  return load(directory("JOBINTECH_MATCH_BOARD_DIR", "/tmp/jobintech-match-50k-offers"),
              "--learners 2000 --offers 50000 --seed 7");
}

void report(benchmark::State& state, const matching::BatchStats& stats, std::uint64_t rows) {
  state.counters["index_ms"] = stats.index_seconds * 1000.0;
  state.counters["match_ms"] = stats.match_seconds * 1000.0;
  state.counters["index_mb"] = static_cast<double>(stats.index_bytes) / (1024.0 * 1024.0);
  state.counters["positive_pairs"] = static_cast<double>(stats.positive_pairs);
  state.counters["rows"] = static_cast<double>(rows);
  state.counters["peak_rss_mb"] = peak_rss_mb();
}

std::uint64_t rows_of(const std::vector<std::vector<matching::Ranked>>& rankings) {
  std::uint64_t rows = 0;
  for (const auto& r : rankings) rows += r.size();
  return rows;
}

// state.range(0): threads; state.range(1): same region.
void BM_TopLearnersPerOffer(benchmark::State& state) {
  const app::LoadedMatch& in = national();
  matching::BatchStats stats;
  std::uint64_t rows = 0;
  for (auto _ : state) {
    auto result = matching::top_learners_per_offer(in.learners, in.offers, kTop, state.range(1) != 0,
                                                   static_cast<unsigned>(state.range(0)), &stats);
    rows = rows_of(result);
    benchmark::DoNotOptimize(result);
  }
  report(state, stats, rows);
}

void BM_TopOffersPerLearner(benchmark::State& state) {
  const app::LoadedMatch& in = national();
  matching::BatchStats stats;
  std::uint64_t rows = 0;
  for (auto _ : state) {
    auto result = matching::top_offers_per_learner(in.learners, in.offers, kTop, state.range(1) != 0,
                                                   static_cast<unsigned>(state.range(0)), &stats);
    rows = rows_of(result);
    benchmark::DoNotOptimize(result);
  }
  report(state, stats, rows);
}

double smallest(const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); }
double largest(const std::vector<double>& v) { return *std::max_element(v.begin(), v.end()); }

BENCHMARK(BM_TopLearnersPerOffer)
    ->ArgNames({"threads", "same_region"})
    ->Args({1, 0})
    ->Args({2, 0})
    ->Args({2, 1})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(1)
    ->Repetitions(5)
    ->ComputeStatistics("min", smallest)
    ->ComputeStatistics("max", largest)
    ->ReportAggregatesOnly(true);
BENCHMARK(BM_TopOffersPerLearner)
    ->ArgNames({"threads", "same_region"})
    ->Args({1, 0})
    ->Args({2, 0})
    ->Args({2, 1})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(1)
    ->Repetitions(3)
    ->ComputeStatistics("min", smallest)
    ->ComputeStatistics("max", largest)
    ->ReportAggregatesOnly(true);

// One learner at a time against 50,000 offers: each query timed on its own, learners in turn.
// state.range(0): k (0 for every offer scoring above 0); state.range(1): same region.
void BM_OneLearnerAgainstOffers(benchmark::State& state) {
  const app::LoadedMatch& in = open_offers();
  static const matching::OfferBoard board(open_offers().offers);
  const std::size_t k =
      state.range(0) == 0 ? std::numeric_limits<std::size_t>::max() : static_cast<std::size_t>(state.range(0));
  std::vector<double> microseconds;
  std::size_t next = 0;
  std::uint64_t found = 0;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    auto result = board.top_for_learner(in.learners[next], k, state.range(1) != 0);
    microseconds.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count());
    found += result.size();
    benchmark::DoNotOptimize(result);
    next = (next + 1) % in.learners.size();
  }
  std::sort(microseconds.begin(), microseconds.end());
  const auto at = [&](double q) { return microseconds[static_cast<std::size_t>(q * (microseconds.size() - 1))]; };
  state.counters["p50_us"] = at(0.5);
  state.counters["p99_us"] = at(0.99);
  state.counters["max_us"] = microseconds.back();
  state.counters["offers"] = static_cast<double>(board.size());
  state.counters["matches_per_query"] = static_cast<double>(found) / static_cast<double>(microseconds.size());
  state.counters["board_mb"] = static_cast<double>(board.memory_bytes()) / (1024.0 * 1024.0);
}
BENCHMARK(BM_OneLearnerAgainstOffers)
    ->ArgNames({"k", "same_region"})
    ->Args({10, 0})
    ->Args({10, 1})
    ->Args({0, 0})
    ->Unit(benchmark::kMicrosecond)
    ->Iterations(2000)
    ->Repetitions(5)
    ->ReportAggregatesOnly(true);

void BM_BuildOfferBoard(benchmark::State& state) {
  const app::LoadedMatch& in = open_offers();
  for (auto _ : state) {
    matching::OfferBoard board(in.offers);
    benchmark::DoNotOptimize(board);
  }
}
BENCHMARK(BM_BuildOfferBoard)->Unit(benchmark::kMillisecond)->Repetitions(5)->ReportAggregatesOnly(true);

// The textbook design, for comparison only (docs/matching.md, section 4): not used by the engine.
std::vector<std::vector<matching::Ranked>> postings_top_learners(const std::vector<matching::LearnerProfile>& learners,
                                                                 const std::vector<matching::OfferProfile>& offers,
                                                                 std::size_t k) {
  std::vector<std::vector<std::uint32_t>> holders;
  for (std::uint32_t i = 0; i < learners.size(); ++i) {
    for (matching::SkillId s : learners[i].skills) {
      if (s >= holders.size()) holders.resize(s + 1);
      holders[s].push_back(i);
    }
  }
  std::vector<std::uint8_t> numerator(learners.size(), 0);  // the bench's denominators are below 256
  std::vector<std::uint32_t> touched;
  std::vector<std::vector<matching::Ranked>> result(offers.size());
  for (std::size_t o = 0; o < offers.size(); ++o) {
    const auto add = [&](matching::SkillId s, std::uint8_t weight) {
      if (s >= holders.size()) return;
      for (std::uint32_t i : holders[s]) {
        if (numerator[i] == 0) touched.push_back(i);
        numerator[i] = static_cast<std::uint8_t>(numerator[i] + weight);
      }
    };
    for (matching::SkillId s : offers[o].required) add(s, 2);
    for (matching::SkillId s : offers[o].nice) add(s, 1);
    const auto better = [&](std::uint32_t a, std::uint32_t b) {
      return numerator[a] != numerator[b] ? numerator[a] > numerator[b] : a < b;
    };
    const std::size_t keep = std::min(k, touched.size());
    std::partial_sort(touched.begin(), touched.begin() + static_cast<std::ptrdiff_t>(keep), touched.end(), better);
    const double denominator = static_cast<double>(matching::score_denominator(offers[o]));
    for (std::size_t r = 0; r < keep; ++r)
      result[o].push_back(matching::Ranked{touched[r], numerator[touched[r]] / denominator});
    for (std::uint32_t i : touched) numerator[i] = 0;
    touched.clear();
  }
  return result;
}

void BM_PostingsBaseline(benchmark::State& state) {
  const app::LoadedMatch& in = national();
  const auto engine = matching::top_learners_per_offer(in.learners, in.offers, kTop, false, 2);
  bool same = false;
  for (auto _ : state) {
    auto result = postings_top_learners(in.learners, in.offers, kTop);
    same = result == engine;
    benchmark::DoNotOptimize(result);
  }
  state.counters["same_result"] = same ? 1 : 0;
}
BENCHMARK(BM_PostingsBaseline)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(1)
    ->Repetitions(3)
    ->ReportAggregatesOnly(true);

}  // namespace

BENCHMARK_MAIN();
