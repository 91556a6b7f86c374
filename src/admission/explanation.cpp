#include "admission/explanation.h"

namespace jobintech::admission {

const char* standing_name(Standing standing) {
  switch (standing) {
    case Standing::below:
      return "below";
    case Standing::tie_lost:
      return "tie_lost";
    case Standing::reserved:
      return "reserved";
    case Standing::changed:
      return "changed";
  }
  return "below";
}

std::vector<SeatExplanation> explain_refusal(Score score, bool woman, bool resident, const Cohort& cohort,
                                             const std::array<SeatCutoff, kSeatKinds>& cutoffs,
                                             const Precedence& precedence) {
  std::vector<SeatExplanation> out;
  for (SeatKind kind : precedence) {
    const auto k = static_cast<std::size_t>(kind);
    if (cohort.seats[k] == 0) continue;
    const SeatCutoff& cutoff = cutoffs[k];
    SeatExplanation e{.seat = kind,
                      .seats = cohort.seats[k],
                      .filled = cutoff.filled,
                      .last_admitted = cutoff.last_score,
                      .priority = kind == SeatKind::open || (kind == SeatKind::women && woman) ||
                                  (kind == SeatKind::local && resident)};
    // Under the kind's priority the worst holder is the last one with the priority if every
    // holder has it, otherwise the last one without it (who came after all with it).
    const bool all_with_priority = cutoff.filled_with_priority == cutoff.filled;
    if (!e.priority && all_with_priority) {
      e.standing = Standing::reserved;
      out.push_back(e);
      continue;
    }
    e.compared_with = all_with_priority ? cutoff.last_priority_score : cutoff.last_other_score;
    if (!e.compared_with || cutoff.filled < cohort.seats[k] || score > *e.compared_with) {
      e.standing = Standing::changed;
    } else {
      e.standing = score == *e.compared_with ? Standing::tie_lost : Standing::below;
    }
    out.push_back(e);
  }
  return out;
}

}  // namespace jobintech::admission
