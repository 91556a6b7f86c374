// What the fuzz targets share: FUZZ_CHECK, which turns a broken promise of the code under test into
// a crash that libFuzzer keeps (it prints the condition and aborts), and a per-process scratch
// directory for the targets that must read files by path.
//
// Promises: FUZZ_CHECK never returns when its condition is false. scratch_directory() is created
// once per process (mkdtemp under $TMPDIR, else /dev/shm, else /tmp) and removed at normal exit; a process that
// crashes leaves it behind. Not thread-safe: libFuzzer calls a target from one thread.
#pragma once

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#define FUZZ_CHECK(condition, ...)                                                        \
  do {                                                                                    \
    if (!(condition)) {                                                                   \
      std::fprintf(stderr, "\nFUZZ_CHECK failed at %s:%d: %s\n  ", __FILE__, __LINE__, #condition); \
      std::fprintf(stderr, "" __VA_ARGS__);                                               \
      std::fprintf(stderr, "\n");                                                         \
      std::abort();                                                                       \
    }                                                                                     \
  } while (false)

namespace jobintech::fuzz {

inline const std::string& scratch_directory() {
  static const std::string directory = [] {
    // Memory rather than disk when there is a choice: the targets write files at every run.
    const char* tmpdir = std::getenv("TMPDIR");
    const std::string base = tmpdir != nullptr && *tmpdir != '\0'       ? tmpdir
                             : ::access("/dev/shm", W_OK | X_OK) == 0 ? "/dev/shm"
                                                                       : "/tmp";
    std::string pattern = base + "/jobintech-fuzz-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) {
      std::perror("mkdtemp");
      std::abort();
    }
    static std::string removed_at_exit;
    removed_at_exit = pattern;
    std::atexit([] {
      std::error_code ignored;
      std::filesystem::remove_all(removed_at_exit, ignored);
    });
    return pattern;
  }();
  return directory;
}

// Writes `bytes` to scratch_directory()/name and returns the path.
inline std::string write_scratch_file(const std::string& name, std::string_view bytes) {
  const std::string path = scratch_directory() + "/" + name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  FUZZ_CHECK(out.good(), "cannot write %s", path.c_str());
  return path;
}

// The input cut at its first `count - 1` NUL bytes into `count` parts (missing parts are empty):
// how one fuzz input carries several files.
inline std::vector<std::string_view> split_on_nul(std::string_view input, std::size_t count) {
  std::vector<std::string_view> parts;
  for (std::size_t i = 0; i + 1 < count; ++i) {
    const std::size_t nul = input.find('\0');
    if (nul == std::string_view::npos) break;
    parts.push_back(input.substr(0, nul));
    input.remove_prefix(nul + 1);
  }
  parts.push_back(input);
  while (parts.size() < count) parts.emplace_back();
  return parts;
}

inline std::size_t physical_lines(std::string_view text) {
  std::size_t lines = 1;
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) ++lines;
  return lines;
}

}  // namespace jobintech::fuzz
