#include "matching/offer_board.h"

#include <algorithm>
#include <array>
#include <bit>
#include <numeric>
#include <stdexcept>
#include <tuple>

#include "matching/bit_slices.h"
#include "matching/top_k.h"

namespace jobintech::matching {

namespace {

using detail::Block;
using detail::Candidate;
using detail::Cell;
using detail::kBlockWords;
using detail::TopK;

// Which numerators of a denominator can enter the top k: those above `value`, and those equal to it
// either always (not `exact`: value/denominator is above the worst of the top) or when the
// position's index is lower than the worst's (`exact`: a tie).
struct Threshold {
  std::uint64_t version;
  std::uint32_t value;
  bool exact;
};

// What a search reads: the words of the learner's skills over the search's range (for each skill,
// blocks of required then nice words), the offer at each position and the denominator of each word.
struct Search {
  std::uint32_t first_word = 0;
  std::uint32_t end_word = 0;
  std::vector<const std::uint64_t*> pairs;
  std::vector<std::uint64_t> scratch;  // sparse columns' words
  const std::uint32_t* index = nullptr;
  const std::uint8_t* denominator = nullptr;                // by word; 0 for padding words
  const std::uint8_t* uniform = nullptr;                    // by block: 1 when its four words share a denominator
  const std::vector<std::uint8_t>* denominators = nullptr;  // every denominator of the board
};

// The smallest numerator v with v/denominator at least the worst of the top, and whether equal.
JOBINTECH_INLINE const Threshold& threshold_for(std::array<Threshold, 256>& cache, const TopK& top,
                                                std::uint32_t denominator) {
  Threshold& t = cache[denominator];
  if (t.version != top.version()) {
    const Candidate& worst = top.worst();
    const std::uint64_t scaled = std::uint64_t{worst.numerator} * denominator;
    t.value = static_cast<std::uint32_t>((scaled + worst.denominator - 1) / worst.denominator);
    t.exact = std::uint64_t{t.value} * worst.denominator == scaled;
    t.version = top.version();
  }
  return t;
}

// Offers the candidates of word `lane` of the block (offers of one denominator, ascending index) to
// the top. Whenever the top's worst changes, what remains of the word is compared with it again, so
// once the top is full every offer passed to it enters it.
template <int Bits>
JOBINTECH_INLINE void offer_word(const detail::Slices<Bits>& s, std::uint32_t lane, std::uint64_t remaining,
                                 std::uint32_t denominator, const std::uint32_t* word_index,
                                 std::array<Threshold, 256>& thresholds, TopK& top) {
  std::uint64_t filtered = ~std::uint64_t{0};
  while (remaining != 0) {
    if (top.full() && top.version() != filtered) {
      filtered = top.version();
      const Threshold& t = threshold_for(thresholds, top, denominator);
      std::uint64_t greater = 0, equal = 0;
      s.compare(lane, t.value, greater, equal);
      remaining &= greater | (equal & detail::entering_ties(t.exact, top, word_index));
      continue;
    }
    const int bit = std::countr_zero(remaining);
    remaining &= remaining - 1;
    top.offer(Candidate{s.value(lane, bit), denominator, word_index[bit]});
  }
}

// Numerators of the offers of the range, 256 at a time, offered to `top` whenever they can enter
// it. A word holds offers of one cell (one denominator), in ascending index.
template <int Bits>
JOBINTECH_INLINE void scan(const Search& search, TopK& top, std::uint64_t& positive) {
  std::array<Threshold, 256> thresholds;  // by denominator; only the board's are used
  for (std::uint8_t d : *search.denominators) thresholds[d].version = ~std::uint64_t{0};
  for (std::uint32_t w = search.first_word; w < search.end_word; w += kBlockWords) {
    const std::size_t at = 2 * std::size_t{w - search.first_word};
    detail::Slices<Bits> s;
    Block required, nice;
    for (const std::uint64_t* words : search.pairs) {
      detail::load(required, words + at);
      detail::load(nice, words + at + kBlockWords);
      s.add_pair(required, nice);
    }
    Block candidates;
    s.nonzero(candidates);
    if (!detail::any(candidates)) continue;
    positive += detail::count_ones(candidates);
    if (top.full() && search.uniform[w / kBlockWords]) {  // most blocks stop here once the top is good
      const Threshold& t = threshold_for(thresholds, top, search.denominator[w]);
      Block greater, equal;
      s.compare(t.value, greater, equal);
      candidates = greater | equal;
      if (!detail::any(candidates)) continue;
    }
    const std::uint32_t* block_index = search.index + std::size_t{w} * 64;
    for (std::uint32_t j = 0; j < kBlockWords; ++j) {
      if (candidates[j] != 0)
        offer_word(s, j, candidates[j], search.denominator[w + j], block_index + 64 * j, thresholds, top);
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

}  // namespace

OfferBoard::OfferBoard(std::span<const OfferProfile> offers) : size_(offers.size()) {
  SkillId skills = 0;
  std::vector<std::uint32_t> order;
  order.reserve(offers.size());
  for (std::size_t i = 0; i < offers.size(); ++i) {
    const OfferProfile& o = offers[i];
    if (const std::string problem = check_offer(o); !problem.empty())
      throw std::invalid_argument("offer " + std::to_string(i) + ": " + problem);
    if (!o.required.empty()) skills = std::max(skills, o.required.back() + 1);
    if (!o.nice.empty()) skills = std::max(skills, o.nice.back() + 1);
    const std::uint32_t denominator = score_denominator(o);
    if (denominator == 0) continue;  // scores 0 for everybody
    if (denominator >> detail::kMaxSliceBits) {
      heavy_.push_back(HeavyOffer{static_cast<std::uint32_t>(i), o});
      continue;
    }
    order.push_back(static_cast<std::uint32_t>(i));
  }
  // By region, then denominator, then index.
  const auto key = [&](std::uint32_t i) { return std::make_tuple(offers[i].region, score_denominator(offers[i]), i); };
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return key(a) < key(b); });
  std::uint32_t word = 0;
  std::uint32_t largest = 1;
  for (std::size_t at = 0; at < order.size();) {
    const RegionId region = offers[order[at]].region;
    const std::uint32_t denominator = score_denominator(offers[order[at]]);
    std::size_t end = at;
    while (end < order.size() && offers[order[end]].region == region &&
           score_denominator(offers[order[end]]) == denominator)
      ++end;
    const auto count = static_cast<std::uint32_t>(end - at);
    if (regions_.empty() || regions_.back().region != region) {
      word = (word + kBlockWords - 1) / kBlockWords * kBlockWords;  // a region starts a block
      const auto cell = static_cast<std::uint32_t>(cells_.size());
      regions_.push_back(RegionCells{region, cell, cell});
    }
    cells_.push_back(Cell{region, denominator, word, word + (count + 63) / 64});
    regions_.back().end_cell = static_cast<std::uint32_t>(cells_.size());
    largest = std::max(largest, denominator);
    index_.resize(std::size_t{cells_.back().end_word} * 64, detail::kPadding);
    word_denominator_.resize(cells_.back().end_word, static_cast<std::uint8_t>(denominator));
    for (std::uint32_t i = 0; i < count; ++i) index_[word * 64 + i] = order[at + i];
    word = cells_.back().end_word;
    at = end;
  }
  word = (word + kBlockWords - 1) / kBlockWords * kBlockWords;
  index_.resize(std::size_t{word} * 64, detail::kPadding);
  word_denominator_.resize(word, 0);
  // Padding words (to the end of a region's last block) belong to no cell.
  for (RegionCells& r : regions_) {
    const std::uint32_t last = cells_[r.end_cell - 1].end_word;
    const std::uint32_t block_end = (last + kBlockWords - 1) / kBlockWords * kBlockWords;
    std::fill(word_denominator_.begin() + last, word_denominator_.begin() + block_end, 0);
  }
  uniform_.assign(word / kBlockWords, 0);
  for (std::uint32_t b = 0; b < word / kBlockWords; ++b) {
    const auto* d = word_denominator_.data() + std::size_t{b} * kBlockWords;
    uniform_[b] = d[0] != 0 && d[0] == d[1] && d[0] == d[2] && d[0] == d[3] ? 1 : 0;
  }
  for (const Cell& c : cells_)
    if (std::find(denominators_.begin(), denominators_.end(), c.denominator) == denominators_.end())
      denominators_.push_back(static_cast<std::uint8_t>(c.denominator));
  bits_ = detail::bits_for(largest);
  columns_.build(skills, word, [&](auto&& visit) {
    for (std::uint32_t position = 0; position < index_.size(); ++position) {
      if (index_[position] == detail::kPadding) continue;
      for (SkillId s : offers[index_[position]].required) visit(s, position, 0);
      for (SkillId s : offers[index_[position]].nice) visit(s, position, 1);
    }
  });
}

std::size_t OfferBoard::memory_bytes() const {
  std::size_t heavy = heavy_.capacity() * sizeof(HeavyOffer);
  for (const HeavyOffer& h : heavy_)
    heavy += (h.profile.required.capacity() + h.profile.nice.capacity()) * sizeof(SkillId);
  return columns_.bytes() + index_.capacity() * sizeof(std::uint32_t) + cells_.capacity() * sizeof(Cell) +
         regions_.capacity() * sizeof(RegionCells) + word_denominator_.capacity() + uniform_.capacity() + heavy;
}

std::vector<Ranked> OfferBoard::top_for_learner(const LearnerProfile& learner, std::size_t k, bool same_region,
                                                std::uint64_t* positive) const {
  std::uint64_t positives = 0;
  std::span<const Cell> cells = cells_;
  if (same_region) {
    const auto found = std::lower_bound(regions_.begin(), regions_.end(), learner.region,
                                        [](const RegionCells& r, RegionId region) { return r.region < region; });
    cells = found == regions_.end() || found->region != learner.region
                ? std::span<const Cell>()
                : std::span<const Cell>(cells_).subspan(found->first_cell, found->end_cell - found->first_cell);
  }
  Search search;
  if (!cells.empty()) {
    search.first_word = cells.front().first_word;  // starts a block
    search.end_word = (cells.back().end_word + kBlockWords - 1) / kBlockWords * kBlockWords;
  }
  TopK top(k, heavy_.size() + (std::size_t{search.end_word} - search.first_word) * 64);
  if (!cells.empty() && k > 0 && !learner.skills.empty()) {
    std::size_t sparse = 0;
    for (SkillId skill : learner.skills) sparse += columns_.stored_dense(skill) ? 0 : 1;
    search.scratch.reserve(sparse * 2 * (std::size_t{search.end_word} - search.first_word));
    for (SkillId skill : learner.skills)
      if (const std::uint64_t* words = columns_.words(skill, search.first_word, search.end_word, search.scratch))
        search.pairs.push_back(words);
    search.index = index_.data();
    search.denominator = word_denominator_.data();
    search.uniform = uniform_.data();
    search.denominators = &denominators_;
    scan_with_bits(bits_, search, top, positives);
  }
  for (const HeavyOffer& h : heavy_) {
    if (same_region && h.profile.region != learner.region) continue;
    const std::uint32_t numerator = score_numerator(learner, h.profile);
    if (numerator == 0) continue;
    ++positives;
    top.offer(Candidate{numerator, score_denominator(h.profile), h.index});
  }
  if (positive != nullptr) *positive = positives;
  return top.ranked();
}

}  // namespace jobintech::matching
