// Two stateless instances behind nginx (deploy/nginx/test.conf.template, started by
// scripts/start-nginx), over the suite's database — SQLite in one run, PostgreSQL in the other:
// a session opened on one instance works on the other and through nginx, which spreads requests
// over both; concurrent read-modify-write updates of one record through both never lose an
// update (If-Match on the version, 412 on a stale write, retried by the client).
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "server_process.h"
#include "shared_programme.h"

using jobintech::testing::body;
using jobintech::testing::programme;
using jobintech::testing::ServerProcess;

namespace {

// nginx in a folder of its own, stopped at the end.
class Nginx {
 public:
  Nginx(const std::vector<int>& upstreams) : port_(jobintech::testing::free_port()) {
    dir_ = std::filesystem::temp_directory_path() / ("jobintech-nginx-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::string cmd = std::string(JOBINTECH_SOURCE_DIR) + "/scripts/start-nginx " + std::to_string(port_) + " " +
                      dir_.string();
    for (int p : upstreams) cmd += " " + std::to_string(p);
    started_ = std::system((cmd + " >/dev/null").c_str()) == 0;
  }
  ~Nginx() {
    std::system((std::string(JOBINTECH_SOURCE_DIR) + "/scripts/start-nginx --stop " + dir_.string() + " >/dev/null").c_str());
    std::filesystem::remove_all(dir_);
  }
  bool started() const { return started_; }
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(60, 0);
    return c;
  }
  std::string access_log() const {
    std::ifstream in(dir_ / "logs" / "access.log");
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }

 private:
  int port_;
  std::filesystem::path dir_;
  bool started_ = false;
};

struct Cluster {
  ServerProcess web1{programme().db_url(), "web-1"};
  ServerProcess web2{programme().db_url(), "web-2"};
  Nginx nginx{{web1.port(), web2.port()}};
};


httplib::Headers bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

// One cluster for the suite, stopped when the suite ends.
class ScaleOut : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { cluster_ = std::make_unique<Cluster>(); }
  static void TearDownTestSuite() { cluster_.reset(); }
  static Cluster& cluster() { return *cluster_; }
  static std::unique_ptr<Cluster> cluster_;
};
std::unique_ptr<Cluster> ScaleOut::cluster_;

}  // namespace

TEST_F(ScaleOut, ASessionOpenedOnOneInstanceWorksOnTheOtherAndThroughNginx) {
  auto& c = cluster();
  ASSERT_TRUE(c.nginx.started()) << "scripts/start-nginx failed (is nginx installed? scripts/install-deps)";
  auto login = c.web1.client().Post("/api/v1/auth/login",
                                    R"({"email":"admin@jobintech.ma","password":"Demo-Admin-2026"})", "application/json");
  ASSERT_EQ(login->status, 200);
  const std::string token = body(login)["token"];
  auto me = c.web2.client().Get("/api/v1/auth/me", bearer(token));
  ASSERT_EQ(me->status, 200) << me->body;
  EXPECT_EQ(body(me)["email"], "admin@jobintech.ma");

  auto through = c.nginx.client();
  for (int i = 0; i < 20; ++i) {
    auto r = through.Get("/api/v1/auth/me", bearer(token));
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << "request " << i;
  }
  // nginx spread them over both instances.
  const auto log = c.nginx.access_log();
  EXPECT_NE(log.find("upstream=127.0.0.1:" + std::to_string(c.web1.port())), std::string::npos) << log;
  EXPECT_NE(log.find("upstream=127.0.0.1:" + std::to_string(c.web2.port())), std::string::npos) << log;

  // Signing out on one instance ends the session on the other.
  auto out = c.web2.client().Post("/api/v1/auth/logout", bearer(token), "", "application/json");
  EXPECT_LT(out->status, 300) << out->body;
  EXPECT_EQ(c.web1.client().Get("/api/v1/auth/me", bearer(token))->status, 401);
}

TEST_F(ScaleOut, AStaleWriteOnTheOtherInstanceIs412) {
  auto& c = cluster();
  const auto token = programme().token("admin");
  auto created = programme().client().Post(
      "/api/v1/organisations", bearer(token),
      R"({"code":"scale-stale","name":"Avant","kind":"employer","region_code":"01"})", "application/json");
  ASSERT_EQ(created->status, 201) << created->body;
  const std::string path = "/api/v1/organisations/" + std::to_string(body(created)["id"].get<std::int64_t>());
  const auto etag = c.web1.client().Get(path, bearer(token))->get_header_value("ETag");
  ASSERT_FALSE(etag.empty());

  auto headers = bearer(token);
  headers.emplace("If-Match", etag);
  auto first = c.web1.client().Patch(path, headers, R"({"name":"Premier"})", "application/json");
  ASSERT_EQ(first->status, 200) << first->body;
  auto second = c.web2.client().Patch(path, headers, R"({"name":"Second"})", "application/json");
  EXPECT_EQ(second->status, 412) << second->body;
  EXPECT_EQ(body(c.web2.client().Get(path, bearer(token)))["name"], "Premier");
}

TEST_F(ScaleOut, ConcurrentUpdatesThroughBothInstancesNeverLoseOne) {
  auto& c = cluster();
  ASSERT_TRUE(c.nginx.started());
  const auto token = programme().token("admin");
  auto created = programme().client().Post(
      "/api/v1/organisations", bearer(token),
      R"({"code":"scale-counter","name":"0","kind":"employer","region_code":"01"})", "application/json");
  ASSERT_EQ(created->status, 201) << created->body;
  const std::string path = "/api/v1/organisations/" + std::to_string(body(created)["id"].get<std::int64_t>());

  // Each writer adds one to the name, read-modify-write with If-Match, retrying after a 412:
  // half of them straight at each instance, half through nginx.
  constexpr int kWriters = 4, kIncrements = 8;
  std::atomic<int> stale{0}, failures{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      auto client = w == 0 ? c.web1.client() : w == 1 ? c.web2.client() : c.nginx.client();
      for (int i = 0; i < kIncrements; ++i) {
        for (int attempt = 0; attempt < 200; ++attempt) {
          auto got = client.Get(path, bearer(token));
          if (!got || got->status != 200) {
            ++failures;
            return;
          }
          const int n = std::stoi(body(got)["name"].get<std::string>());
          auto headers = bearer(token);
          headers.emplace("If-Match", got->get_header_value("ETag"));
          auto put = client.Patch(path, headers, "{\"name\":\"" + std::to_string(n + 1) + "\"}", "application/json");
          if (put && put->status == 200) break;
          if (put && put->status == 412) {
            ++stale;
            continue;
          }
          ++failures;
          return;
        }
      }
    });
  }
  for (auto& t : writers) t.join();
  EXPECT_EQ(failures.load(), 0);
  std::cout << "stale writes refused and retried: " << stale.load() << "\n";
  EXPECT_EQ(body(programme().client().Get(path, bearer(token)))["name"], std::to_string(kWriters * kIncrements))
      << stale.load() << " stale writes were refused and retried";
}
