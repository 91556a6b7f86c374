// The indicators over a national database ($JOBINTECH_BENCH_DB, made with `jobintech demo
// --candidates 1000000`: about 160,000 enrolments): reading the facts (every enrolment with its
// cohort and the learner's gender, every placement), computing the indicators grouped by region,
// and the funnel's counts. The HTTP figures (cold and warm cache) come from
// bench/indicators_load.py; see docs/performance.md.
#include <benchmark/benchmark.h>

#include <cstdlib>

#include "app/programme_setup.h"
#include "core/date.h"
#include "store/outcomes_repository.h"

using namespace jobintech;

namespace {

store::Database& database() {
  static std::unique_ptr<store::Database> db = [] {
    const char* path = std::getenv("JOBINTECH_BENCH_DB");
    if (!path) throw std::runtime_error("set JOBINTECH_BENCH_DB to a demo database");
    return app::open_database(path, 2);
  }();
  return *db;
}

void LoadFacts(benchmark::State& state) {
  auto conn = database().connect();
  std::size_t n = 0;
  for (auto _ : state) {
    auto facts = store::load_enrolment_facts(conn, {});
    n = facts.learners.size();
    benchmark::DoNotOptimize(facts);
  }
  state.counters["enrolments"] = static_cast<double>(n);
}
BENCHMARK(LoadFacts)->Unit(benchmark::kMillisecond);

void ComputeByRegion(benchmark::State& state) {
  auto conn = database().connect();
  const auto facts = store::load_enrolment_facts(conn, {});
  const auto as_of = static_cast<outcomes::Day>(core::days_from_civil(core::today_utc()));
  for (auto _ : state) {
    auto learners = facts.learners;
    std::map<std::int64_t, std::uint32_t> index;
    for (const auto& k : facts.keys) index.emplace(k[1], 0);
    std::uint32_t g = 0;
    for (auto& [key, i] : index) i = g++;
    for (std::size_t i = 0; i < learners.size(); ++i) learners[i].group = index[facts.keys[i][1]];
    auto out = outcomes::compute_indicators(learners, facts.placements, g, {.as_of = as_of});
    benchmark::DoNotOptimize(out);
  }
}
BENCHMARK(ComputeByRegion)->Unit(benchmark::kMillisecond);

void Funnel(benchmark::State& state) {
  auto conn = database().connect();
  for (auto _ : state) benchmark::DoNotOptimize(store::load_funnel(conn.session(), {}));
}
BENCHMARK(Funnel)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
