// The allocation engine at national scale: admission::allocate() on synthetic rounds of 10k, 100k and
// 1M candidates with 10 choices each and one 20-seat cohort per 200 candidates
// (bench/allocation_instance.h). Instances are generated outside the timed loop.
//
//   build/allocation_bench [benchmark flags]
//   build/allocation_bench --write-csv DIR --candidates N [--cohorts M] [--choices K] [--seed S]
//
// The second form writes the instance as the CSV files `jobintech allocate` reads and exits.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "admission/allocation.h"
#include "allocation_instance.h"

using namespace jobintech;

namespace {

constexpr std::uint64_t kSeed = 2026;
constexpr int kChoices = 10;
constexpr std::size_t kCandidatesPerCohort = 200;

double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

std::size_t instance_bytes(const admission::Instance& instance) {
  return instance.candidates.capacity() * sizeof(admission::Candidate) +
         instance.cohorts.capacity() * sizeof(admission::Cohort) +
         instance.choice_begin.capacity() * sizeof(std::uint32_t) +
         instance.choices.capacity() * sizeof(admission::Choice);
}

// One instance at a time, kept across repetitions of the same size.
const admission::Instance& instance_of(std::size_t candidates) {
  static std::unique_ptr<admission::Instance> instance;
  static std::size_t size = 0;
  if (!instance || size != candidates) {
    instance.reset();
    instance = std::make_unique<admission::Instance>(
        bench::make_allocation_instance(candidates, candidates / kCandidatesPerCohort, kChoices, kSeed));
    size = candidates;
  }
  return *instance;
}

void BM_Allocate(benchmark::State& state) {
  const auto& instance = instance_of(static_cast<std::size_t>(state.range(0)));
  std::uint64_t proposals = 0;
  std::uint64_t displacements = 0;
  std::int64_t assigned = 0;
  double engine_seconds = 0;
  for (auto _ : state) {
    auto result = admission::allocate(instance);
    proposals += result.stats.proposals;
    displacements += result.stats.displacements;
    engine_seconds += result.stats.engine_seconds;
    assigned = 0;
    for (const auto& a : result.assignments) assigned += a.cohort >= 0;
    benchmark::DoNotOptimize(result);
  }
  const auto iterations = static_cast<double>(state.iterations());
  state.counters["proposals"] = static_cast<double>(proposals) / iterations;
  state.counters["proposals_per_second"] =
      benchmark::Counter(static_cast<double>(proposals), benchmark::Counter::kIsRate);
  state.counters["displacements"] = static_cast<double>(displacements) / iterations;
  state.counters["assigned"] = static_cast<double>(assigned);
  state.counters["engine_ms"] = engine_seconds * 1000.0 / iterations;
  state.counters["instance_mb"] = static_cast<double>(instance_bytes(instance)) / (1024.0 * 1024.0);
  state.counters["peak_rss_mb"] = peak_rss_mb();
}
// The spread of the repetitions besides their mean and median: this machine's speed varies.
double smallest(const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); }
double largest(const std::vector<double>& v) { return *std::max_element(v.begin(), v.end()); }

BENCHMARK(BM_Allocate)
    ->Arg(10'000)
    ->Arg(100'000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Repetitions(5)
    ->ComputeStatistics("min", smallest)
    ->ComputeStatistics("max", largest)
    ->ReportAggregatesOnly(true);
BENCHMARK(BM_Allocate)
    ->Arg(1'000'000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(1)
    ->Repetitions(5)
    ->ComputeStatistics("min", smallest)
    ->ComputeStatistics("max", largest)
    ->ReportAggregatesOnly(true);

void BM_MakeInstance(benchmark::State& state) {
  const auto candidates = static_cast<std::size_t>(state.range(0));
  for (auto _ : state) {
    auto instance = bench::make_allocation_instance(candidates, candidates / kCandidatesPerCohort, kChoices, kSeed);
    benchmark::DoNotOptimize(instance);
  }
}
BENCHMARK(BM_MakeInstance)
    ->Arg(1'000'000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(1)
    ->Repetitions(3)
    ->ReportAggregatesOnly(true);

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// --write-csv DIR --candidates N [--cohorts M] [--choices K] [--seed S]
int write_csv(int argc, char** argv) {
  std::filesystem::path dir;
  std::size_t candidates = 0, cohorts = 0;
  int choices = kChoices;
  std::uint64_t seed = kSeed;
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag = argv[i];
    if (i + 1 >= argc) {
      std::fprintf(stderr, "%s needs a value\n", argv[i]);
      return 2;
    }
    const char* value = argv[++i];
    if (flag == "--write-csv") {
      dir = value;
    } else if (flag == "--candidates") {
      candidates = std::strtoull(value, nullptr, 10);
    } else if (flag == "--cohorts") {
      cohorts = std::strtoull(value, nullptr, 10);
    } else if (flag == "--choices") {
      choices = std::atoi(value);
    } else if (flag == "--seed") {
      seed = std::strtoull(value, nullptr, 10);
    } else {
      std::fprintf(stderr, "unknown option %s\n", argv[i - 1]);
      return 2;
    }
  }
  if (candidates == 0) {
    std::fprintf(stderr, "usage: %s --write-csv DIR --candidates N [--cohorts M] [--choices K] [--seed S]\n", argv[0]);
    return 2;
  }
  if (cohorts == 0) cohorts = std::max<std::size_t>(1, candidates / kCandidatesPerCohort);
  try {
    std::filesystem::create_directories(dir);
    auto start = std::chrono::steady_clock::now();
    const auto instance = bench::make_allocation_instance(candidates, cohorts, choices, seed);
    std::printf("generated %zu candidates, %zu cohorts, %zu applications in %.2f s\n", instance.candidates.size(),
                instance.cohorts.size(), instance.choices.size(), seconds_since(start));
    start = std::chrono::steady_clock::now();
    bench::write_allocation_csv(instance, dir);
    std::printf("wrote CSV files in %.2f s\n", seconds_since(start));
    for (const char* name : {"candidates.csv", "cohorts.csv", "applications.csv"}) {
      const auto path = dir / name;
      std::printf("  %s: %.1f MB\n", path.c_str(), static_cast<double>(std::filesystem::file_size(path)) / 1e6);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::string_view(argv[i]) == "--write-csv") return write_csv(argc, argv);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
