#include "outcomes/payments.h"

#include <algorithm>
#include <map>

#include "core/date.h"

namespace jobintech::outcomes {

const char* basis_name(PaymentBasis b) {
  switch (b) {
    case PaymentBasis::enrolled: return "enrolled";
    case PaymentBasis::certified: return "certified";
    case PaymentBasis::inserted_6m: return "inserted_6m";
  }
  return "";
}

namespace {

const PaymentConvention* covering(const std::vector<const PaymentConvention*>& ordered, const PaymentLearner& l) {
  for (const auto* c : ordered) {
    if (l.fact.cohort_start < c->start || l.fact.cohort_start > c->end) continue;
    if (!c->regions.empty() && std::find(c->regions.begin(), c->regions.end(), l.region) == c->regions.end()) continue;
    return c;
  }
  return nullptr;
}

}  // namespace

std::vector<StatementLine> compute_statement(const std::vector<PaymentLearner>& learners,
                                             const std::vector<PlacementFact>& placements,
                                             const std::vector<PaymentConvention>& conventions, Day from, Day to) {
  std::vector<const PaymentConvention*> ordered;
  for (const auto& c : conventions) ordered.push_back(&c);
  // The most specific first: fewest regions (a national convention, with none, last), then lowest id.
  auto specificity = [](const PaymentConvention* c) {
    return std::pair(c->regions.empty() ? std::size_t(-1) : c->regions.size(), c->id);
  };
  std::sort(ordered.begin(), ordered.end(), [&](const auto* a, const auto* b) { return specificity(a) < specificity(b); });
  std::map<std::pair<std::int64_t, int>, StatementLine> lines;
  auto add = [&](const PaymentConvention& c, PaymentBasis basis, std::size_t learner, Day on) {
    const auto amount = c.amount_centimes[static_cast<int>(basis)];
    if (amount < 0 || on < from || on > to) return;
    auto& line = lines[{c.id, static_cast<int>(basis)}];
    line.convention_id = c.id;
    line.basis = basis;
    line.amount_centimes = amount;
    line.entries.push_back({learner, on});
  };
  for (std::size_t i = 0; i < learners.size(); ++i) {
    const auto& l = learners[i];
    const auto* c = covering(ordered, l);
    if (!c) continue;
    add(*c, PaymentBasis::enrolled, i, l.fact.cohort_start);
    if (l.fact.status != EnrolmentStatus::graduated || l.fact.exit == kNoDay) continue;
    if (!l.certificate_revoked) add(*c, PaymentBasis::certified, i, l.fact.exit);
    const Day established = static_cast<Day>(
        core::days_from_civil(core::add_months(core::civil_from_days(l.fact.exit), 6)));
    if (established < from || established > to) continue;
    const auto outcome = evaluate_learner(
        l.fact,
        std::span<const PlacementFact>(placements.data() + l.fact.placements_begin,
                                       l.fact.placements_end - l.fact.placements_begin),
        established);
    if (outcome.inserted_6m) add(*c, PaymentBasis::inserted_6m, i, established);
  }
  std::vector<StatementLine> out;
  for (auto& [key, line] : lines) out.push_back(std::move(line));
  return out;
}

}  // namespace jobintech::outcomes
