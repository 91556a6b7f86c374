// TopK: the k best matches seen so far, by exact fraction then lower index. Internal to the
// matching engine.
//
// Promises: ranked() gives the same list whatever order candidates were offered in: the k best
// under (numerator/denominator descending, index ascending), fractions compared exactly by cross
// multiplication. When k covers every possible candidate it keeps them all without a heap.
//
// Expects: denominators greater than 0. One TopK per query; not thread-safe.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>
#include <vector>

#include "matching/score.h"

namespace jobintech::matching::detail {

struct Candidate {
  std::uint32_t numerator = 0;
  std::uint32_t denominator = 1;
  std::uint32_t index = 0;
};

// a ranks before b.
inline bool better(const Candidate& a, const Candidate& b) {
  const std::uint64_t left = std::uint64_t{a.numerator} * b.denominator;
  const std::uint64_t right = std::uint64_t{b.numerator} * a.denominator;
  return left != right ? left > right : a.index < b.index;
}
struct Better {
  bool operator()(const Candidate& a, const Candidate& b) const { return better(a, b); }
};

class TopK {
 public:
  // `possible`: how many candidates could be offered at most (the size of the search); when k is at
  // least that, every candidate is kept.
  TopK(std::size_t k, std::size_t possible) : k_(k), keep_all_(k >= possible) {
    if (!keep_all_) heap_.reserve(k);
  }

  bool full() const { return !keep_all_ && heap_.size() >= k_; }
  // The k-th best so far: only when full().
  const Candidate& worst() const { return heap_.front(); }
  // Changes each time worst() does: lets a caller keep thresholds derived from it.
  std::uint64_t version() const { return version_; }

  void offer(const Candidate& c) {
    if (k_ == 0) return;
    if (keep_all_) {
      heap_.push_back(c);
    } else if (heap_.size() < k_) {
      heap_.push_back(c);
      std::push_heap(heap_.begin(), heap_.end(), Better{});  // the worst on top
      if (heap_.size() == k_) ++version_;
    } else if (better(c, heap_.front())) {
      std::pop_heap(heap_.begin(), heap_.end(), Better{});
      heap_.back() = c;
      std::push_heap(heap_.begin(), heap_.end(), Better{});
      ++version_;
    }
  }

  // Best first, with scores as doubles.
  std::vector<Ranked> ranked() {
    std::vector<Ranked> out;
    out.reserve(heap_.size());
    if (heap_.size() > 64 && keys_are_exact()) {
      // Long lists (every match of a learner: tens of thousands) are sorted on 64-bit integers: the
      // score as the fixed-point fraction floor(numerator·2^31/denominator), which is exact for
      // denominators up to 2^15 (distinct fractions differ by at least 2^-30), then the index,
      // with a radix sort: every match of a learner against 50,000 offers (29,000 of them) went
      // from 3.1 to 1.3 ms (docs/performance.md, "Matching").
      std::vector<std::pair<std::uint64_t, std::uint32_t>> keys;  // key, position in heap_
      keys.reserve(heap_.size());
      for (std::uint32_t i = 0; i < heap_.size(); ++i) {
        const Candidate& c = heap_[i];
        const std::uint64_t fixed = (std::uint64_t{c.numerator} << 31) / c.denominator;  // at most 2^31
        keys.emplace_back(((std::uint64_t{1} << 31) - fixed) << 32 | c.index, i);
      }
      radix_sort(keys);
      for (const auto& key : keys) {
        const Candidate& c = heap_[key.second];
        out.push_back(Ranked{c.index, score_of(c.numerator, c.denominator)});
      }
      return out;
    }
    std::sort(heap_.begin(), heap_.end(), Better{});
    for (const Candidate& c : heap_) out.push_back(Ranked{c.index, score_of(c.numerator, c.denominator)});
    return out;
  }

 private:
  // Least significant byte first, skipping the bytes that are the same in every key.
  static void radix_sort(std::vector<std::pair<std::uint64_t, std::uint32_t>>& keys) {
    std::uint64_t all_ones = ~std::uint64_t{0}, any_one = 0;
    for (const auto& k : keys) {
      all_ones &= k.first;
      any_one |= k.first;
    }
    std::vector<std::pair<std::uint64_t, std::uint32_t>> other(keys.size());
    for (int shift = 0; shift < 64; shift += 8) {
      if ((((all_ones ^ any_one) >> shift) & 0xFF) == 0) continue;  // this byte never differs
      std::array<std::size_t, 257> start{};
      for (const auto& k : keys) ++start[((k.first >> shift) & 0xFF) + 1];
      for (std::size_t b = 0; b < 256; ++b) start[b + 1] += start[b];
      for (const auto& k : keys) other[start[(k.first >> shift) & 0xFF]++] = k;
      keys.swap(other);
    }
  }

  bool keys_are_exact() const {
    return std::all_of(heap_.begin(), heap_.end(), [](const Candidate& c) { return c.denominator <= (1U << 15); });
  }

  std::size_t k_;
  bool keep_all_;
  std::uint64_t version_ = 0;
  std::vector<Candidate> heap_;
};

// Of the positions of a word tied with the worst of a full top, those that would enter it: every
// one when the tie is not `exact` (the tied value scores above the worst), otherwise those before
// the worst's index. `word_index` gives the word's 64 indexes, ascending (padding last, as the
// largest).
inline std::uint64_t entering_ties(bool exact, const TopK& top, const std::uint32_t* word_index) {
  if (!exact) return ~std::uint64_t{0};
  const std::uint32_t worst = top.worst().index;
  if (word_index[0] >= worst) return 0;
  const auto before = static_cast<int>(std::lower_bound(word_index, word_index + 64, worst) - word_index);
  return before == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << before) - 1;
}

}  // namespace jobintech::matching::detail
