// LearnerPool: the learners, indexed once, to find the best learners for any job offer
// (docs/matching.md, section 4).
//
// Promises: top_for_offer() gives the k learners with the highest score for the offer, equal
// scores by lower index, never a learner scoring 0; with same_region, only learners of the offer's
// region. The result is exact (the same as scoring every learner with score() and sorting) and
// does not depend on anything but the pool and the offer.
//
// How: learners are grouped by region, in ascending index within a region, 64 to a machine word;
// for each skill the pool keeps which learners hold it as words of bits. For an offer, the
// numerators 2·|R ∩ S| + |N ∩ S| of 256 learners at a time are summed in bit-sliced counters from the
// words of the offer's skills, compared with the current k-th best, and only learners that can
// enter the top k are looked at one by one. The denominator is the same for every learner, so
// ranking is by numerator.
//
// Expects: learners valid for check_learner() (the constructor throws std::invalid_argument
// otherwise) with skill ids from a SkillDictionary (dense: the pool allocates one column per id up
// to the largest). Immutable once built; top_for_offer() keeps its state on the stack, so any number
// of threads may call it at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "matching/score.h"
#include "matching/skill_columns.h"

namespace jobintech::matching {

class LearnerPool {
 public:
  explicit LearnerPool(std::span<const LearnerProfile> learners);

  // The k best learners for `offer`, best first; k = SIZE_MAX for every learner scoring above 0.
  // `positive`, when given, receives how many learners of the search score above 0.
  std::vector<Ranked> top_for_offer(const OfferProfile& offer, std::size_t k, bool same_region,
                                    std::uint64_t* positive = nullptr) const;

  std::size_t size() const { return size_; }
  std::size_t memory_bytes() const;

 private:
  // The cells (one per region) a search covers: all, or the offer's region only.
  std::span<const detail::Cell> scope(const OfferProfile& offer, bool same_region) const;

  std::size_t size_ = 0;
  std::vector<detail::Cell> cells_;   // by region
  std::vector<std::uint32_t> index_;  // position -> learner index, kPadding for padding
  detail::SkillColumns<1> columns_;
};

}  // namespace jobintech::matching
