// Batch matching: the top k learners for every offer, or the top k offers for every learner, on
// several threads (what `jobintech match` runs; docs/matching.md).
//
// Promises: the same result as asking a LearnerPool (an OfferBoard) for each offer (learner) in
// turn, whatever the number of threads: each thread takes chunks of the outer loop and writes only
// the results of its chunks. Result i belongs to offer (learner) i of the input.
//
// Expects: valid profiles (std::invalid_argument otherwise, as the pool and board throw). An
// exception in a worker thread (std::bad_alloc) is rethrown to the caller once every thread has
// stopped. Pure: no shared state, so batches may run concurrently.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "matching/score.h"

namespace jobintech::matching {

struct BatchStats {
  double index_seconds = 0;          // building the pool or board
  double match_seconds = 0;          // every search, all threads together (wall time)
  std::uint64_t positive_pairs = 0;  // (learner, offer) pairs searched with a score above 0
  std::size_t index_bytes = 0;       // memory held by the pool or board
};

// threads: at least 1 is used.
std::vector<std::vector<Ranked>> top_learners_per_offer(std::span<const LearnerProfile> learners,
                                                        std::span<const OfferProfile> offers, std::size_t k,
                                                        bool same_region, unsigned threads,
                                                        BatchStats* stats = nullptr);
std::vector<std::vector<Ranked>> top_offers_per_learner(std::span<const LearnerProfile> learners,
                                                        std::span<const OfferProfile> offers, std::size_t k,
                                                        bool same_region, unsigned threads,
                                                        BatchStats* stats = nullptr);

}  // namespace jobintech::matching
