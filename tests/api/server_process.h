// A real `jobintech serve` process for tests that need several instances or a crash: started
// with fork/exec on a free loopback port, ready once /healthz answers, killed (SIGKILL) when the
// object goes out of scope unless stopped before — so a failed assertion leaves no process behind.
#pragma once

#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "api_fixture.h"

namespace jobintech::testing {

class ServerProcess {
 public:
  ServerProcess(std::string db_url, std::string instance, int port = free_port())
      : db_url_(std::move(db_url)), instance_(std::move(instance)), port_(port) {
    start();
  }
  ~ServerProcess() { kill_now(); }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  void start() {
    pid_ = fork();
    if (pid_ == 0) {
      const std::string p = std::to_string(port_);
      execl(JOBINTECH_BINARY, JOBINTECH_BINARY, "serve", "--db", db_url_.c_str(), "--port", p.c_str(), "--instance",
            instance_.c_str(), "--quiet", static_cast<char*>(nullptr));
      _exit(127);
    }
    httplib::Client probe("127.0.0.1", port_);
    for (int i = 0; i < 1200; ++i) {
      if (auto r = probe.Get("/healthz"); r && r->status == 200) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    kill_now();
    throw std::runtime_error("jobintech serve did not answer on port " + std::to_string(port_));
  }
  // kill -9: the process gets no chance to clean up.
  void kill_now() { stop(SIGKILL); }
  void stop(int signal = SIGTERM) {
    if (pid_ <= 0) return;
    ::kill(pid_, signal);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

  int port() const { return port_; }
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(300, 0);
    return c;
  }

 private:
  std::string db_url_, instance_;
  int port_;
  pid_t pid_ = -1;
};

}  // namespace jobintech::testing
