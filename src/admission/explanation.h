// Why a cohort did not take a candidate: for each of its seat kinds, the last score admitted and
// where she stood against it. In a stable assignment a cohort ranked above the one she obtained
// refused her on every seat kind, so each kind has one of these standings. Pure.
#pragma once

#include <array>
#include <optional>
#include <vector>

#include "admission/allocation.h"

namespace jobintech::admission {

enum class Standing {
  below,     // her score was lower than the last admitted with her priority
  tie_lost,  // equal score, lost on the lottery number
  reserved,  // every seat went to someone with the priority she lacks (women, residents)
  changed,   // her score now beats the cut-off: the scores changed after the run
};
const char* standing_name(Standing standing);  // "below", "tie_lost", "reserved", "changed"

struct SeatExplanation {
  SeatKind seat = SeatKind::open;
  std::int32_t seats = 0;
  std::int32_t filled = 0;
  std::optional<Score> last_admitted;  // lowest score admitted on this kind
  std::optional<Score> compared_with;  // the score she had to beat (with or without the priority)
  bool priority = false;               // she had this kind's priority
  Standing standing = Standing::below;
};

// One entry per seat kind the cohort has (seats > 0), in precedence order.
std::vector<SeatExplanation> explain_refusal(Score score, bool woman, bool resident, const Cohort& cohort,
                                             const std::array<SeatCutoff, kSeatKinds>& cutoffs,
                                             const Precedence& precedence);

}  // namespace jobintech::admission
