// Result-based payments to training operators (docs/payments.md). A convention pays an amount per
// learner on each basis: enrolled (in a cohort starting in the period), certified (graduated in
// the period, certificate not revoked) and inserted at 6 months (exit + 6 months in the period,
// inserted as docs/indicators.md defines it). A learner is paid under the convention that covers
// her cohort: the operator is party to it, the cohort's region is one of its regions (or it has
// none) and the cohort starts within its dates; the most specific (fewest regions, then lowest
// id) when several do. Pure functions over plain data; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "outcomes/indicators.h"

namespace jobintech::outcomes {

enum class PaymentBasis : std::uint8_t { enrolled, certified, inserted_6m };
inline constexpr PaymentBasis kPaymentBases[] = {PaymentBasis::enrolled, PaymentBasis::certified, PaymentBasis::inserted_6m};
const char* basis_name(PaymentBasis b);

struct PaymentConvention {
  std::int64_t id = 0;
  Day start = 0, end = 0;
  std::vector<std::string> regions;  // empty: every region
  std::int64_t amount_centimes[3] = {-1, -1, -1};  // per basis; -1: no tranche
};

struct PaymentLearner {
  LearnerFact fact;
  std::string region;              // of the cohort's site
  bool certificate_revoked = false;
};

struct StatementEntry {
  std::size_t learner = 0;  // index in the learners given
  Day on = 0;               // the day the basis was met: cohort start, exit, or exit + 6 months
};

struct StatementLine {
  std::int64_t convention_id = 0;
  PaymentBasis basis = PaymentBasis::enrolled;
  std::int64_t amount_centimes = 0;  // per learner
  std::vector<StatementEntry> entries;
  std::int64_t total_centimes() const { return amount_centimes * static_cast<std::int64_t>(entries.size()); }
};

// The lines of one operator's statement for [from, to] (inclusive), by convention then basis;
// lines without learners are left out. conventions: those the operator is party to.
std::vector<StatementLine> compute_statement(const std::vector<PaymentLearner>& learners,
                                             const std::vector<PlacementFact>& placements,
                                             const std::vector<PaymentConvention>& conventions, Day from, Day to);

}  // namespace jobintech::outcomes
