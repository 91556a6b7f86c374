// Runs the real jobintech binary as a user does from a shell, for the command-line tests.
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace jobintech::test {

struct CommandResult {
  int status;
  std::string out;  // stdout and stderr together
};

// `args` are appended to the binary's path as they are; `input`, if any, is fed on stdin.
inline CommandResult run_command(const std::string& args, const std::string& input = "") {
  std::string cmd = std::string(JOBINTECH_BINARY) + " " + args + " 2>&1";
  if (!input.empty()) cmd = "printf '%s\\n' '" + input + "' | " + cmd;
  std::array<char, 4096> buf{};
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  while (p && fgets(buf.data(), buf.size(), p)) out += buf.data();
  const int rc = p ? pclose(p) : -1;
  return {WIFEXITED(rc) ? WEXITSTATUS(rc) : -1, out};
}

}  // namespace jobintech::test
