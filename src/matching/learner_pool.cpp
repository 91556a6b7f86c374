#include "matching/learner_pool.h"

#include <algorithm>
#include <bit>
#include <numeric>
#include <stdexcept>

#include "matching/bit_slices.h"
#include "matching/top_k.h"

namespace jobintech::matching {

namespace {

using detail::Block;
using detail::Candidate;
using detail::Cell;
using detail::kBlockWords;
using detail::TopK;

// What a search reads: the words of the offer's skills over the search's range (required ones,
// weight 2, apart from nice ones, weight 1), and the learner at each position.
struct Search {
  std::uint32_t first_word = 0;
  std::uint32_t end_word = 0;
  std::uint32_t denominator = 0;
  std::vector<const std::uint64_t*> required, nice;
  std::vector<std::uint64_t> scratch;  // sparse columns' words
  const std::uint32_t* index = nullptr;
};

// Numerators of the learners of the range, 256 at a time, offered to `top` whenever they can enter
// it. Within a word, learners are in ascending index (a word never spans two regions), so once the
// top is full a learner tied with its worst enters only if she comes before the worst's index.
template <int Bits>
JOBINTECH_INLINE void scan(const Search& search, TopK& top, std::uint64_t& positive) {
  for (std::uint32_t w = search.first_word; w < search.end_word; w += kBlockWords) {
    const std::size_t at = w - search.first_word;
    detail::Slices<Bits> s;
    Block x;
    if constexpr (Bits > 1) {
      for (const std::uint64_t* words : search.required) {
        detail::load(x, words + at);
        s.template add<1>(x);
      }
    }
    for (const std::uint64_t* words : search.nice) {
      detail::load(x, words + at);
      s.template add<0>(x);
    }
    Block candidates;
    s.nonzero(candidates);
    if (!detail::any(candidates)) continue;
    positive += detail::count_ones(candidates);
    if (top.full()) {  // most blocks stop here once the top holds good learners
      Block greater, equal;
      s.compare(top.worst().numerator, greater, equal);
      candidates = greater | equal;
      if (!detail::any(candidates)) continue;
    }
    for (std::uint32_t j = 0; j < kBlockWords; ++j) {
      const std::uint32_t* word_index = search.index + (std::size_t{w} + j) * 64;
      // Whenever the top's worst changes, what remains of the word is compared with it again, so
      // once the top is full every learner passed to it enters it.
      std::uint64_t remaining = candidates[j];
      std::uint64_t filtered = ~std::uint64_t{0};
      while (remaining != 0) {
        if (top.full() && top.version() != filtered) {
          filtered = top.version();
          std::uint64_t greater = 0, equal = 0;
          s.compare(j, top.worst().numerator, greater, equal);
          remaining &= greater | (equal & detail::entering_ties(true, top, word_index));
          continue;
        }
        const int bit = std::countr_zero(remaining);
        remaining &= remaining - 1;
        top.offer(Candidate{s.value(j, bit), search.denominator, word_index[bit]});
      }
    }
  }
}

JOBINTECH_MATCHING_CLONES
void scan_with_bits(int bits, const Search& search, TopK& top, std::uint64_t& positive) {
  switch (bits) {
    case 1:
      return scan<1>(search, top, positive);
    case 2:
      return scan<2>(search, top, positive);
    case 3:
      return scan<3>(search, top, positive);
    case 4:
      return scan<4>(search, top, positive);
    case 5:
      return scan<5>(search, top, positive);
    case 6:
      return scan<6>(search, top, positive);
    case 7:
      return scan<7>(search, top, positive);
    default:
      return scan<8>(search, top, positive);
  }
}

// Offers heavier than the bit-sliced counters hold (denominator above 255): plain counting.
void count_plainly(const Search& search, const OfferProfile& offer, const detail::SkillColumns<1>& columns, TopK& top,
                   std::uint64_t& positive) {
  const std::size_t words = search.end_word - search.first_word;
  std::vector<std::uint32_t> numerator(words * 64, 0);
  std::vector<std::uint64_t> scratch;
  const auto add = [&](SkillId skill, std::uint32_t weight) {
    scratch.clear();
    scratch.reserve(words);
    const std::uint64_t* column = columns.words(skill, search.first_word, search.end_word, scratch);
    if (column == nullptr) return;
    for (std::size_t w = 0; w < words; ++w)
      for (std::uint64_t x = column[w]; x != 0; x &= x - 1)
        numerator[w * 64 + static_cast<std::size_t>(std::countr_zero(x))] += weight;
  };
  for (SkillId s : offer.required) add(s, 2);
  for (SkillId s : offer.nice) add(s, 1);
  const std::uint32_t* index = search.index + std::size_t{search.first_word} * 64;
  for (std::size_t p = 0; p < numerator.size(); ++p) {
    if (numerator[p] == 0) continue;
    ++positive;
    top.offer(Candidate{numerator[p], search.denominator, index[p]});
  }
}

}  // namespace

LearnerPool::LearnerPool(std::span<const LearnerProfile> learners) : size_(learners.size()) {
  SkillId skills = 0;
  for (std::size_t i = 0; i < learners.size(); ++i) {
    if (const std::string problem = check_learner(learners[i]); !problem.empty())
      throw std::invalid_argument("learner " + std::to_string(i) + ": " + problem);
    if (!learners[i].skills.empty()) skills = std::max(skills, learners[i].skills.back() + 1);
  }
  // By region, then index: a stable sort of the indexes by region.
  std::vector<std::uint32_t> order(learners.size());
  std::iota(order.begin(), order.end(), 0U);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return learners[a].region < learners[b].region; });
  std::uint32_t word = 0;
  for (std::size_t at = 0; at < order.size();) {
    const RegionId region = learners[order[at]].region;
    std::size_t end = at;
    while (end < order.size() && learners[order[end]].region == region) ++end;
    const auto count = static_cast<std::uint32_t>(end - at);
    const std::uint32_t blocks = (count + detail::kBlockPositions - 1) / detail::kBlockPositions;
    cells_.push_back(Cell{region, 0, word, word + blocks * kBlockWords});
    index_.resize(std::size_t{cells_.back().end_word} * 64, detail::kPadding);
    for (std::uint32_t i = 0; i < count; ++i) index_[word * 64 + i] = order[at + i];
    word = cells_.back().end_word;
    at = end;
  }
  columns_.build(skills, word, [&](auto&& visit) {
    for (std::uint32_t position = 0; position < index_.size(); ++position) {
      if (index_[position] == detail::kPadding) continue;
      for (SkillId s : learners[index_[position]].skills) visit(s, position, 0);
    }
  });
}

std::size_t LearnerPool::memory_bytes() const {
  return columns_.bytes() + index_.capacity() * sizeof(std::uint32_t) + cells_.capacity() * sizeof(detail::Cell);
}

std::span<const Cell> LearnerPool::scope(const OfferProfile& offer, bool same_region) const {
  if (!same_region) return cells_;
  const auto found = std::lower_bound(cells_.begin(), cells_.end(), offer.region,
                                      [](const Cell& c, RegionId r) { return c.region < r; });
  if (found == cells_.end() || found->region != offer.region) return {};
  return {&*found, 1};
}

std::vector<Ranked> LearnerPool::top_for_offer(const OfferProfile& offer, std::size_t k, bool same_region,
                                               std::uint64_t* positive) const {
  std::uint64_t positives = 0;
  const std::span<const Cell> cells = scope(offer, same_region);
  Search search;
  search.denominator = score_denominator(offer);
  if (search.denominator == 0 || k == 0 || cells.empty()) {
    if (positive != nullptr) *positive = 0;
    return {};
  }
  search.first_word = cells.front().first_word;
  search.end_word = cells.back().end_word;
  search.index = index_.data();
  TopK top(k, (std::size_t{search.end_word} - search.first_word) * 64);
  if (search.denominator >> detail::kMaxSliceBits) {
    count_plainly(search, offer, columns_, top, positives);
  } else {
    std::size_t sparse = 0;
    for (SkillId s : offer.required) sparse += columns_.stored_dense(s) ? 0 : 1;
    for (SkillId s : offer.nice) sparse += columns_.stored_dense(s) ? 0 : 1;
    search.scratch.reserve(sparse * (std::size_t{search.end_word} - search.first_word));
    for (SkillId s : offer.required)
      if (const std::uint64_t* words = columns_.words(s, search.first_word, search.end_word, search.scratch))
        search.required.push_back(words);
    for (SkillId s : offer.nice)
      if (const std::uint64_t* words = columns_.words(s, search.first_word, search.end_word, search.scratch))
        search.nice.push_back(words);
    scan_with_bits(detail::bits_for(search.denominator), search, top, positives);
  }
  if (positive != nullptr) *positive = positives;
  return top.ranked();
}

}  // namespace jobintech::matching
