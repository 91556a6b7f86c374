// A list over a national database: the candidates list (API use case and HTTP, page and JSON)
// on the database named by $JOBINTECH_BENCH_DB (made with `jobintech demo --candidates 1000000`).
// Measures server-side time of one list call: count + page + rendering.
#include <benchmark/benchmark.h>
#include <httplib.h>

#include <cstdlib>
#include <thread>

#include "app/auth_service.h"
#include "app/credentials.h"
#include "app/demo_generator.h"
#include "app/programme_setup.h"
#include "app/resource_service.h"
#include "core/resource.h"
#include "web/server.h"

using namespace jobintech;

namespace {

struct Bench {
  Bench() {
    const char* path = std::getenv("JOBINTECH_BENCH_DB");
    if (!path) throw std::runtime_error("set JOBINTECH_BENCH_DB to a demo database");
    app::init_credentials();
    db = app::open_database(path, 8);
    server = std::make_unique<web::WebServer>(*db);
    port = server->bind("127.0.0.1", 0);
    thread = std::thread([this] { server->run(); });
    app::AuthService auth(*db);
    token = auth.login("admin@jobintech.ma", "Demo-Admin-2026").token;
    operator_token = auth.login("operateur@jobintech.ma", "Demo-Operateur-2026").token;
  }
  ~Bench() {
    server->stop();
    thread.join();
  }
  std::unique_ptr<store::Database> db;
  std::unique_ptr<web::WebServer> server;
  std::thread thread;
  int port = 0;
  std::string token, operator_token;
};

Bench& bench() {
  static Bench b;
  return b;
}

void list_use_case(benchmark::State& state, std::map<std::string, std::string> params) {
  auto& b = bench();
  app::Actor admin;
  app::ResourceService service(*b.db);
  for (auto _ : state) {
    auto out = service.list(admin, core::resource("candidates"), params);
    benchmark::DoNotOptimize(out.result.total);
  }
}

void http_get(benchmark::State& state, const std::string& path, bool as_operator = false) {
  auto& b = bench();
  httplib::Client c("127.0.0.1", b.port);
  c.set_keep_alive(true);
  const httplib::Headers h = {{"Authorization", "Bearer " + (as_operator ? b.operator_token : b.token)}};
  for (auto _ : state) {
    auto res = c.Get(path, h);
    if (!res || res->status != 200) state.SkipWithError("request failed");
  }
}

}  // namespace

BENCHMARK_CAPTURE(list_use_case, first_page, {{"limit", "25"}})->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(list_use_case, page_1000, {{"limit", "25"}, {"offset", "25000"}})->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(list_use_case, region_12, {{"limit", "25"}, {"region", "12"}})->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(list_use_case, sorted_by_last_name, {{"limit", "25"}, {"sort", "last_name"}})->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(list_use_case, search_name, {{"limit", "25"}, {"q", "idrissi"}})->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(http_get, api_candidates, "/api/v1/candidates?limit=25")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(http_get, page_candidates, "/candidates")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(http_get, page_cohorts, "/cohorts")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(http_get, operator_candidates, "/api/v1/candidates?limit=25", true)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
