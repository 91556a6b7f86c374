// The API test fixture: a fresh real database (a SQLite file, or a database on the PostgreSQL
// server of scripts/with-postgres), migrated and filled with a small demo data set, served by the
// real WebServer on a free loopback port, and a real HTTP client. One server per test suite (demo
// generation and argon2id logins are not free).
#pragma once

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <httplib.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "app/credentials.h"
#include "app/demo_generator.h"
#include "app/programme_setup.h"
#include "test_database.h"
#include "web/server.h"

namespace jobintech::testing {

// A WebServer over a database, serving from a thread of its own on a free loopback port, ready
// once /healthz answers, stopped when the object goes out of scope.
class ServingThread {
 public:
  explicit ServingThread(store::Database& db, web::ServerOptions options = {})
      : server_(db, std::move(options)), port_(server_.bind("127.0.0.1", 0)), thread_([this] { server_.run(); }) {
    httplib::Client probe("127.0.0.1", port_);
    for (int i = 0; i < 200 && !probe.Get("/healthz"); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ~ServingThread() {
    server_.stop();
    thread_.join();
  }
  ServingThread(const ServingThread&) = delete;
  ServingThread& operator=(const ServingThread&) = delete;

  int port() const { return port_; }
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(60, 0);
    return c;
  }
  const web::WebServer& server() const { return server_; }

 private:
  web::WebServer server_;
  int port_;
  std::thread thread_;
};

class ServedProgramme {
 public:
  explicit ServedProgramme(std::int64_t candidates = 400) {
    app::init_credentials();
    db_ = app::open_database(database_.url(), 8);
    app::prepare_database(*db_);
    app::generate_demo(*db_, {candidates, 7, "2026-11-29"});
    serving_ = std::make_unique<ServingThread>(*db_);
  }
  ~ServedProgramme() {
    serving_.reset();
    db_.reset();
  }

  httplib::Client client() const { return serving_->client(); }
  int port() const { return serving_->port(); }
  store::Database& db() { return *db_; }
  // What --db takes: the SQLite file's path or the postgresql:// URL.
  const std::string& db_url() const { return database_.url(); }
  const web::WebServer& server() const { return serving_->server(); }

  // Signs in a demo account by role; caches the token.
  std::string token(const std::string& role) {
    if (auto it = tokens_.find(role); it != tokens_.end()) return it->second;
    for (const auto& l : app::demo_logins()) {
      if (l.role != role) continue;
      auto c = client();
      auto res = c.Post("/api/v1/auth/login", nlohmann::json{{"email", l.email}, {"password", l.password}}.dump(),
                        "application/json");
      if (!res || res->status != 200) throw std::runtime_error("demo login failed for " + role);
      return tokens_[role] = nlohmann::json::parse(res->body)["token"].get<std::string>();
    }
    throw std::runtime_error("no demo login for " + role);
  }

  httplib::Headers auth(const std::string& role) { return {{"Authorization", "Bearer " + token(role)}}; }

 private:
  TestDatabase database_{"api"};
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<ServingThread> serving_;
  std::map<std::string, std::string> tokens_;
};

// A loopback port free at the time of asking, for a server process a test starts itself.
inline int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  int port = -1;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
    port = ntohs(addr.sin_port);
  ::close(fd);
  return port;
}

inline nlohmann::json body(const httplib::Result& r) { return nlohmann::json::parse(r->body, nullptr, false); }

}  // namespace jobintech::testing
