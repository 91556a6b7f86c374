// Fuzz target: `jobintech match` without its command line — app::load_match_files on two files cut
// from the input (learners.csv NUL offers.csv), then, when they load without issues, the batch
// matching both ways (matching::top_learners_per_offer, top_offers_per_learner) and
// app::write_matches.
//
// Checks the promises of app/match_files.h and matching/*.h: only the documented exception (none:
// the files exist); at most max_issues issues, each naming one of the two files and a line inside
// it; loaded profiles are valid for check_learner / check_offer, in strictly ascending id
// (id_before), with skill ids in code order and known regions; the rankings are exactly those of
// scoring every pair with matching::score() and sorting (higher score first, equal scores by lower
// index, no zero), with or without same_region, for a small k and for every match, on one thread or
// two; the count of positive pairs is right; write_matches writes one row per match.
//
// Inputs above 64 KiB are skipped; the brute-force comparison runs when learners × offers is at
// most 20,000.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "app/match_files.h"
#include "fuzz_check.h"
#include "matching/matching.h"

namespace {

using namespace jobintech;

constexpr std::size_t kMaxInput = 64 * 1024;
constexpr std::size_t kMaxIssues = 100;
constexpr std::size_t kMaxPairs = 20'000;

// The ranking of `count` candidates by score, computed the slow way.
template <typename Score, typename Eligible>
std::vector<matching::Ranked> brute_force(std::size_t count, std::size_t k, Score score, Eligible eligible) {
  std::vector<matching::Ranked> all;
  for (std::size_t i = 0; i < count; ++i) {
    if (!eligible(i)) continue;
    const double s = score(i);
    if (s > 0) all.push_back({static_cast<std::uint32_t>(i), s});
  }
  std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.score > b.score; });
  if (all.size() > k) all.resize(k);
  return all;
}

void check_rankings(const app::LoadedMatch& loaded, std::size_t k, bool same_region, unsigned threads) {
  const auto& learners = loaded.learners;
  const auto& offers = loaded.offers;
  matching::BatchStats by_offer_stats, by_learner_stats;
  const auto by_offer = matching::top_learners_per_offer(learners, offers, k, same_region, threads, &by_offer_stats);
  const auto by_learner = matching::top_offers_per_learner(learners, offers, k, same_region, threads, &by_learner_stats);
  FUZZ_CHECK(by_offer.size() == offers.size() && by_learner.size() == learners.size(), "one ranking per profile");
  if (learners.size() * offers.size() > kMaxPairs) return;

  std::uint64_t positive = 0;
  for (std::size_t o = 0; o < offers.size(); ++o) {
    const auto expected = brute_force(
        learners.size(), k, [&](std::size_t l) { return matching::score(learners[l], offers[o]); },
        [&](std::size_t l) { return !same_region || learners[l].region == offers[o].region; });
    FUZZ_CHECK(by_offer[o] == expected, "offer %zu (k %zu, same_region %d, %u threads): %zu learners, %zu expected",
               o, k, same_region, threads, by_offer[o].size(), expected.size());
    for (std::size_t l = 0; l < learners.size(); ++l)
      positive += (!same_region || learners[l].region == offers[o].region) && matching::score(learners[l], offers[o]) > 0;
  }
  for (std::size_t l = 0; l < learners.size(); ++l) {
    const auto expected = brute_force(
        offers.size(), k, [&](std::size_t o) { return matching::score(learners[l], offers[o]); },
        [&](std::size_t o) { return !same_region || learners[l].region == offers[o].region; });
    FUZZ_CHECK(by_learner[l] == expected, "learner %zu (k %zu, same_region %d, %u threads): %zu offers, %zu expected",
               l, k, same_region, threads, by_learner[l].size(), expected.size());
  }
  FUZZ_CHECK(by_offer_stats.positive_pairs == positive && by_learner_stats.positive_pairs == positive,
             "positive pairs: %llu and %llu counted, %llu expected",
             static_cast<unsigned long long>(by_offer_stats.positive_pairs),
             static_cast<unsigned long long>(by_learner_stats.positive_pairs), static_cast<unsigned long long>(positive));

  const std::string path = fuzz::scratch_directory() + "/matches.csv";
  std::size_t rows = 0;
  for (const auto& r : by_offer) rows += r.size();
  FUZZ_CHECK(app::write_matches(loaded, app::MatchDirection::learners, by_offer, path, true) == rows, "rows written");
  rows = 0;
  for (const auto& r : by_learner) rows += r.size();
  FUZZ_CHECK(app::write_matches(loaded, app::MatchDirection::offers, by_learner, path, false) == rows, "rows written");
}

template <typename Profile>
void check_ids(const std::vector<std::string>& ids, const std::vector<Profile>& profiles, const char* what) {
  FUZZ_CHECK(ids.size() == profiles.size(), "%s: one id per profile", what);
  for (std::size_t i = 1; i < ids.size(); ++i) {
    FUZZ_CHECK(app::id_before(ids[i - 1], ids[i]) && !app::id_before(ids[i], ids[i - 1]),
               "%s: ids %zu and %zu out of order", what, i - 1, i);
  }
  for (const std::string& id : ids) FUZZ_CHECK(!app::id_before(id, id), "%s: id_before is not strict", what);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > kMaxInput) return 0;
  const auto parts = fuzz::split_on_nul(std::string_view(reinterpret_cast<const char*>(data), size), 2);
  const app::MatchFiles files{fuzz::write_scratch_file("learners.csv", parts[0]),
                              fuzz::write_scratch_file("offers.csv", parts[1])};

  const app::LoadedMatch loaded = app::load_match_files(files, kMaxIssues);
  FUZZ_CHECK(loaded.issues.size() <= kMaxIssues, "%zu issues", loaded.issues.size());
  const std::size_t lines[2] = {fuzz::physical_lines(parts[0]), fuzz::physical_lines(parts[1])};
  for (const app::MatchInputIssue& issue : loaded.issues) {
    const std::size_t file = issue.file == "learners.csv" ? 0 : issue.file == "offers.csv" ? 1 : 2;
    FUZZ_CHECK(file < 2, "an issue in file \"%s\"", issue.file.c_str());
    // The reader counts lines in the file's text, after a BOM (which holds no line end).
    FUZZ_CHECK(issue.line <= lines[file], "%s: issue on line %zu of %zu", issue.file.c_str(), issue.line,
               lines[file]);
    FUZZ_CHECK(!issue.error.code.empty(), "an issue without a code");
  }
  if (!loaded.issues.empty()) return 0;

  check_ids(loaded.learner_ids, loaded.learners, "learners");
  check_ids(loaded.offer_ids, loaded.offers, "offers");
  for (std::size_t s = 1; s < loaded.skills.size(); ++s)
    FUZZ_CHECK(loaded.skills.code(s - 1) < loaded.skills.code(s), "skill ids not in code order");
  for (const auto& l : loaded.learners) {
    const std::string problem = matching::check_learner(l);
    FUZZ_CHECK(problem.empty(), "the loader gave an invalid learner: %s", problem.c_str());
    FUZZ_CHECK(l.region < loaded.region_codes.size(), "learner region");
    for (matching::SkillId s : l.skills) FUZZ_CHECK(s < loaded.skills.size(), "learner skill");
  }
  for (const auto& o : loaded.offers) {
    const std::string problem = matching::check_offer(o);
    FUZZ_CHECK(problem.empty(), "the loader gave an invalid offer: %s", problem.c_str());
    FUZZ_CHECK(o.region < loaded.region_codes.size(), "offer region");
    for (matching::SkillId s : o.required) FUZZ_CHECK(s < loaded.skills.size(), "offer skill");
    for (matching::SkillId s : o.nice) FUZZ_CHECK(s < loaded.skills.size(), "offer skill");
  }

  const std::size_t k = 1 + size % 4;
  check_rankings(loaded, k, false, 1);
  check_rankings(loaded, k, true, 2);
  check_rankings(loaded, std::numeric_limits<std::size_t>::max(), size % 2 == 0, 1);
  return 0;
}
