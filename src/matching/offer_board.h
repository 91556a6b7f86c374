// OfferBoard: the open job offers, indexed once, to find the best offers for any learner
// (docs/matching.md, section 4). The web service keeps one and asks it for each learner.
//
// Promises: top_for_learner() gives the k offers with the highest score for the learner, equal
// scores by lower index, never an offer scoring 0 (an offer without skills scores 0 for everybody);
// with same_region, only offers of the learner's region. The result is exact (the same as scoring
// every offer with score() and sorting) and depends on nothing but the board and the learner.
//
// How: offers are grouped in cells of one region and one denominator 2·|R| + |N|, 64 to a machine
// word; for each skill the board keeps which offers require it and which would like it, as words
// of bits. For a learner, the numerators of 256 offers at a time are summed in bit-sliced counters
// from the words of her skills. Within a cell the denominator is fixed, so "can this offer enter
// the top k" is a comparison of numerators with one threshold per cell (per word where a block of
// four words spans cells), and only offers that pass are looked at one by one. Offers with a
// denominator above 255 (more than 127 required skills, say) are scored one by one.
//
// Expects: offers valid for check_offer() (the constructor throws std::invalid_argument
// otherwise) with skill ids from a SkillDictionary. Immutable once built; top_for_learner() keeps its
// state on the stack, so any number of threads may call it at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "matching/score.h"
#include "matching/skill_columns.h"

namespace jobintech::matching {

class OfferBoard {
 public:
  explicit OfferBoard(std::span<const OfferProfile> offers);

  // The k best offers for `learner`, best first. `positive`, when given, receives how many offers
  // of the search score above 0.
  std::vector<Ranked> top_for_learner(const LearnerProfile& learner, std::size_t k, bool same_region,
                                      std::uint64_t* positive = nullptr) const;
  // Every offer scoring above 0, best first.
  std::vector<Ranked> all_for_learner(const LearnerProfile& learner, bool same_region) const {
    return top_for_learner(learner, std::numeric_limits<std::size_t>::max(), same_region);
  }

  std::size_t size() const { return size_; }
  std::size_t memory_bytes() const;

 private:
  struct RegionCells {
    RegionId region = 0;
    std::uint32_t first_cell = 0;
    std::uint32_t end_cell = 0;
  };
  // An offer with a denominator too large for the bit-sliced counters.
  struct HeavyOffer {
    std::uint32_t index = 0;
    OfferProfile profile;
  };

  std::size_t size_ = 0;
  int bits_ = 1;                                // of the largest denominator among the cells
  std::vector<detail::Cell> cells_;             // by region, then denominator
  std::vector<RegionCells> regions_;            // by region
  std::vector<std::uint32_t> index_;            // position -> offer index, kPadding for padding
  std::vector<std::uint8_t> word_denominator_;  // by word: its cell's denominator, 0 for padding
  std::vector<std::uint8_t> uniform_;           // by block of 4 words: 1 when they share a denominator
  std::vector<std::uint8_t> denominators_;      // every cell's, once
  std::vector<HeavyOffer> heavy_;               // by index
  detail::SkillColumns<2> columns_;             // lane 0: required, lane 1: nice-to-have
};

}  // namespace jobintech::matching
