// The cost of a login: argon2id verification with the parameters in app/credentials.h, and the
// token hash that every authenticated request pays.
#include <benchmark/benchmark.h>

#include "app/credentials.h"

using namespace jobintech;

static void BM_Argon2idVerify(benchmark::State& state) {
  app::init_credentials();
  const auto hash = app::hash_password("Demo-Admin-2026");
  for (auto _ : state) benchmark::DoNotOptimize(app::verify_password(hash, "Demo-Admin-2026"));
}
BENCHMARK(BM_Argon2idVerify)->Unit(benchmark::kMillisecond)->Repetitions(5)->ReportAggregatesOnly(true);

static void BM_TokenHash(benchmark::State& state) {
  app::init_credentials();
  const auto token = app::new_token();
  for (auto _ : state) benchmark::DoNotOptimize(app::token_hash(token));
}
BENCHMARK(BM_TokenHash);

BENCHMARK_MAIN();
