// WebServer: the HTTP face of jobintech — the JSON API under /api/v1, the pages, static files,
// /healthz — over cpp-httplib's thread pool. It owns the services the handlers call. Errors
// escaping a handler are logged with the request id and answered 500 without detail; bodies
// over the limit are answered 413. start/stop are safe from another thread.
#pragma once

#include <memory>
#include <string>

#include "store/database.h"

namespace jobintech::web {

struct ServerOptions {
  // This instance's name among several behind a load balancer (jobs it ran are released at once
  // when it restarts under the same name); default "host:port", set when bind() is called.
  std::string instance;
  // Dashboards and indicators read here (a read replica); nullptr: the main database.
  store::Database* read_db = nullptr;
};

class WebServer {
 public:
  explicit WebServer(store::Database& db, ServerOptions options = {});
  ~WebServer();

  // Binds; port 0 picks a free port. Returns the port bound, or -1.
  int bind(const std::string& host, int port);
  void run();   // serves until stop()
  void stop();

  const class Router& router() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jobintech::web
