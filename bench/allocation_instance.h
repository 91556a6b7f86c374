// Synthetic national admission rounds for the allocation benchmark, and their CSV files for
// `jobintech allocate`.
//
// make_allocation_instance() builds a round shaped like the real programme: candidates and cohorts
// spread over Morocco's 12 regions by census population share (the shares of data/regions.csv;
// region index r is region code r + 1), about 40 % women, each cohort with 12 open seats, 4 for women
// and 4 for residents of its region. Each candidate ranks `choices` distinct cohorts: 60 % of her
// picks in her own region, the rest national, both weighted by a log-normal cohort popularity. Her
// score at a cohort is a normal ability (mean 55, sd 15) plus up to ±3 points of per-cohort noise,
// clamped to 0–100 and rounded to 0.1, so equal scores are common; the lottery is a random 48-bit
// integer; ids are 1..N. The same arguments always give the same instance, on any platform (own
// generator and normal sampler, no std:: distributions).
//
// write_allocation_csv() writes an instance as the three files the CLI reads: candidates.csv,
// cohorts.csv and applications.csv (header lines, ',' separators, '.' decimal point, LF).
//
// Header-only: benchmarks are the only users. Not thread-safe on a shared Instance being written.
#pragma once

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <numbers>
#include <stdexcept>
#include <string>
#include <vector>

#include "admission/allocation.h"

namespace jobintech::bench {

// Population shares of the 12 regions, codes 01..12, copied from data/regions.csv (2014 census).
inline constexpr std::array<double, 12> kRegionShares{0.105079, 0.068374, 0.125173, 0.135335, 0.074473, 0.202721,
                                                      0.133554, 0.048304, 0.079084, 0.012815, 0.010865, 0.004223};

namespace detail {

// xoshiro256** seeded through splitmix64: fast, and the same sequence everywhere.
class Random {
 public:
  explicit Random(std::uint64_t seed) {
    for (auto& word : state_) {
      seed += 0x9e3779b97f4a7c15ULL;
      std::uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
      word = z ^ (z >> 31);
    }
  }
  std::uint64_t next() {
    const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
    const std::uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return result;
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }  // [0, 1)
  std::uint64_t below(std::uint64_t n) { return static_cast<std::uint64_t>(uniform() * static_cast<double>(n)); }
  // Box-Muller; the second value of each pair is kept for the next call.
  double normal() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    const double u = 1.0 - uniform();  // (0, 1]: log is finite
    const double radius = std::sqrt(-2.0 * std::log(u));
    const double angle = 2.0 * std::numbers::pi * uniform();
    spare_ = radius * std::sin(angle);
    has_spare_ = true;
    return radius * std::cos(angle);
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::array<std::uint64_t, 4> state_{};
  double spare_ = 0;
  bool has_spare_ = false;
};

// Splits `total` items over the regions by share (largest remainder), at least one per region when
// there are enough items.
inline std::array<std::size_t, 12> apportion(std::size_t total) {
  std::array<std::size_t, 12> counts{};
  std::array<double, 12> remainder{};
  std::size_t given = 0;
  const std::size_t floor_each = total >= counts.size() ? 1 : 0;
  for (std::size_t r = 0; r < counts.size(); ++r) {
    const double exact = kRegionShares[r] * static_cast<double>(total);
    counts[r] = std::max(floor_each, static_cast<std::size_t>(exact));
    remainder[r] = exact - static_cast<double>(counts[r]);
    given += counts[r];
  }
  while (given < total) {
    const auto r = static_cast<std::size_t>(std::max_element(remainder.begin(), remainder.end()) - remainder.begin());
    ++counts[r];
    remainder[r] -= 1.0;
    ++given;
  }
  while (given > total) {  // only when the floor of one per region overshot
    const auto r = static_cast<std::size_t>(std::min_element(remainder.begin(), remainder.end()) - remainder.begin());
    if (counts[r] > floor_each) --counts[r], --given;
    remainder[r] += 1.0;
  }
  return counts;
}

}  // namespace detail

// A round of `candidates` candidates ranking `choices` cohorts each (fewer if there are fewer
// cohorts) among `cohorts` cohorts of 20 seats.
inline admission::Instance make_allocation_instance(std::size_t candidates, std::size_t cohorts, int choices,
                                                    std::uint64_t seed) {
  using admission::Score;
  if (cohorts == 0) throw std::invalid_argument("make_allocation_instance: no cohorts");
  detail::Random random(seed);
  admission::Instance instance;

  // Cohorts grouped by region, so a region's cohorts are one index range; popularity is log-normal
  // (a few cohorts, e.g. full-stack in Casablanca, draw many times the applicants of the median one).
  const auto cohorts_per_region = detail::apportion(cohorts);
  std::array<std::size_t, 13> region_begin{};
  for (std::size_t r = 0; r < 12; ++r) region_begin[r + 1] = region_begin[r] + cohorts_per_region[r];
  instance.cohorts.reserve(cohorts);
  std::vector<double> cumulative(cohorts);  // cumulative[i]: popularity of cohorts 0..i
  double sum = 0;
  for (std::size_t r = 0; r < 12; ++r) {
    for (std::size_t i = region_begin[r]; i < region_begin[r + 1]; ++i) {
      admission::Cohort cohort;
      cohort.region = static_cast<std::int32_t>(r);
      cohort.seats = {12, 4, 4};
      instance.cohorts.push_back(cohort);
      sum += std::exp(0.9 * random.normal());
      cumulative[i] = sum;
    }
  }
  // A cohort drawn by popularity among cohorts [begin, end).
  auto draw = [&](std::size_t begin, std::size_t end) {
    const double low = begin == 0 ? 0.0 : cumulative[begin - 1];
    const double target = low + random.uniform() * (cumulative[end - 1] - low);
    const auto it = std::upper_bound(cumulative.begin() + static_cast<std::ptrdiff_t>(begin),
                                     cumulative.begin() + static_cast<std::ptrdiff_t>(end), target);
    return std::min(static_cast<std::size_t>(it - cumulative.begin()), end - 1);
  };

  // Candidates' regions by share, in random order.
  std::array<double, 12> region_cumulative{};
  double share_sum = 0;
  for (std::size_t r = 0; r < 12; ++r) region_cumulative[r] = share_sum += kRegionShares[r];

  const std::size_t per_candidate = std::min(static_cast<std::size_t>(std::max(choices, 0)), cohorts);
  instance.candidates.resize(candidates);
  instance.choice_begin.resize(candidates + 1);
  instance.choices.resize(candidates * per_candidate);
  std::vector<std::int32_t> picked(per_candidate);
  constexpr Score kTenth = admission::kScoreScale / 10;

  for (std::size_t c = 0; c < candidates; ++c) {
    auto& candidate = instance.candidates[c];
    candidate.id = static_cast<std::int64_t>(c + 1);
    candidate.lottery = static_cast<std::int64_t>(random.next() >> 16);
    candidate.woman = random.uniform() < 0.40;
    const double where = random.uniform() * share_sum;
    const auto region = static_cast<std::size_t>(std::min<std::ptrdiff_t>(
        std::upper_bound(region_cumulative.begin(), region_cumulative.end(), where) - region_cumulative.begin(), 11));
    candidate.region = static_cast<std::int32_t>(region);
    const double ability = 55.0 + 15.0 * random.normal();
    const auto ability_tenths = static_cast<std::int64_t>(std::lround(std::clamp(ability, 0.0, 100.0) * 10));

    const std::size_t first = c * per_candidate;
    instance.choice_begin[c] = static_cast<std::uint32_t>(first);
    for (std::size_t k = 0; k < per_candidate; ++k) {
      const auto fresh = [&](std::size_t cohort) {
        const auto end = picked.begin() + static_cast<std::ptrdiff_t>(k);
        return std::find(picked.begin(), end, static_cast<std::int32_t>(cohort)) == end;
      };
      const bool local = random.uniform() < 0.60 && region_begin[region + 1] > region_begin[region];
      std::size_t cohort = local ? draw(region_begin[region], region_begin[region + 1]) : draw(0, cohorts);
      // A small region runs out of unpicked cohorts: look nationally after a few tries.
      for (int attempt = 1; attempt < 32 && !fresh(cohort); ++attempt) {
        cohort = local && attempt < 8 ? draw(region_begin[region], region_begin[region + 1]) : draw(0, cohorts);
      }
      while (!fresh(cohort)) cohort = (cohort + 1) % cohorts;  // tiny instances only
      picked[k] = static_cast<std::int32_t>(cohort);
      const auto noise = static_cast<std::int64_t>(random.below(61)) - 30;  // -3.0 .. +3.0 points
      const std::int64_t tenths = std::clamp<std::int64_t>(ability_tenths + noise, 0, 1000);
      instance.choices[first + k] = admission::Choice{static_cast<std::int32_t>(cohort), tenths * kTenth};
    }
  }
  instance.choice_begin[candidates] = static_cast<std::uint32_t>(instance.choices.size());
  return instance;
}

namespace detail {

// Appends text to a fixed buffer and writes it out in large blocks.
class BlockWriter {
 public:
  explicit BlockWriter(const std::filesystem::path& path) : path_(path), buffer_(kBlock + kSlack) {
    file_ = std::fopen(path.c_str(), "wb");
    if (!file_) throw std::runtime_error("cannot create " + path.string() + ": " + std::strerror(errno));
  }
  BlockWriter(const BlockWriter&) = delete;
  BlockWriter& operator=(const BlockWriter&) = delete;
  ~BlockWriter() {
    if (file_) std::fclose(file_);
  }
  // Room for one line: callers append at most kSlack bytes between calls.
  void reserve_line() {
    if (used_ >= kBlock) flush();
  }
  void text(std::string_view s) {
    std::memcpy(buffer_.data() + used_, s.data(), s.size());
    used_ += s.size();
  }
  void ch(char c) { buffer_[used_++] = c; }
  void integer(std::int64_t value) {
    used_ = static_cast<std::size_t>(std::to_chars(buffer_.data() + used_, buffer_.data() + buffer_.size(), value).ptr -
                                     buffer_.data());
  }
  void padded(std::int64_t value, int width) {  // zero-padded to at least `width` digits; value >= 0
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    for (auto n = end - digits; n < width; ++n) ch('0');
    text(std::string_view(digits, static_cast<std::size_t>(end - digits)));
  }
  // A score with one decimal when it has at most one ("71.5", "74.0"), else every decimal it has.
  void score(admission::Score value) {
    if (value < 0) ch('-'), value = -value;
    integer(value / admission::kScoreScale);
    std::int64_t fraction = value % admission::kScoreScale;
    ch('.');
    int digits = 6;
    while (digits > 1 && fraction % 10 == 0) fraction /= 10, --digits;
    padded(fraction, digits);
  }
  void close() {
    flush();
    const bool failed = std::fclose(file_) != 0;
    file_ = nullptr;
    if (failed) throw std::runtime_error("cannot write " + path_.string() + ": " + std::strerror(errno));
  }

 private:
  static constexpr std::size_t kBlock = 4 << 20;
  static constexpr std::size_t kSlack = 256;
  void flush() {
    if (used_ && std::fwrite(buffer_.data(), 1, used_, file_) != used_)
      throw std::runtime_error("cannot write " + path_.string() + ": " + std::strerror(errno));
    used_ = 0;
  }
  std::filesystem::path path_;
  std::vector<char> buffer_;
  std::size_t used_ = 0;
  std::FILE* file_ = nullptr;
};

inline void region_code(BlockWriter& out, std::int32_t region) { out.padded(region + 1, 2); }
inline void cohort_id(BlockWriter& out, std::size_t index) {
  out.ch('C');
  out.padded(static_cast<std::int64_t>(index + 1), 5);
}

}  // namespace detail

// Writes candidates.csv (candidate_id,region_code,gender,lottery), cohorts.csv
// (cohort_id,region_code,capacity,reserved_women,reserved_local; ids C00001..) and applications.csv
// (candidate_id,cohort_id,rank,score) into `dir`, which must exist. Region index r is written as
// code r + 1 on two digits ("01".."12"). Throws std::runtime_error on I/O failure.
inline void write_allocation_csv(const admission::Instance& instance, const std::filesystem::path& dir) {
  {
    detail::BlockWriter out(dir / "candidates.csv");
    out.text("candidate_id,region_code,gender,lottery\n");
    for (const auto& candidate : instance.candidates) {
      out.reserve_line();
      out.integer(candidate.id);
      out.ch(',');
      detail::region_code(out, candidate.region);
      out.text(candidate.woman ? ",F," : ",M,");
      out.integer(candidate.lottery);
      out.ch('\n');
    }
    out.close();
  }
  {
    detail::BlockWriter out(dir / "cohorts.csv");
    out.text("cohort_id,region_code,capacity,reserved_women,reserved_local\n");
    for (std::size_t i = 0; i < instance.cohorts.size(); ++i) {
      const auto& cohort = instance.cohorts[i];
      out.reserve_line();
      detail::cohort_id(out, i);
      out.ch(',');
      detail::region_code(out, cohort.region);
      out.ch(',');
      out.integer(cohort.capacity());
      out.ch(',');
      out.integer(cohort.seats[static_cast<std::size_t>(admission::SeatKind::women)]);
      out.ch(',');
      out.integer(cohort.seats[static_cast<std::size_t>(admission::SeatKind::local)]);
      out.ch('\n');
    }
    out.close();
  }
  {
    detail::BlockWriter out(dir / "applications.csv");
    out.text("candidate_id,cohort_id,rank,score\n");
    for (std::size_t c = 0; c < instance.candidates.size(); ++c) {
      const std::int64_t id = instance.candidates[c].id;
      for (std::uint32_t k = instance.choice_begin[c]; k < instance.choice_begin[c + 1]; ++k) {
        const auto& choice = instance.choices[k];
        out.reserve_line();
        out.integer(id);
        out.ch(',');
        detail::cohort_id(out, static_cast<std::size_t>(choice.cohort));
        out.ch(',');
        out.integer(static_cast<std::int64_t>(k - instance.choice_begin[c] + 1));
        out.ch(',');
        out.score(choice.score);
        out.ch('\n');
      }
    }
    out.close();
  }
}

}  // namespace jobintech::bench
