#include "app/demo_demand.h"

#include <algorithm>
#include <map>
#include <random>

#include "store/bulk_upsert.h"
#include "store/sql.h"

namespace jobintech::app {

namespace {

// What each track's graduates are hired as.
const std::map<std::string, std::vector<std::string>> kTitles = {
    {"fullstack", {"Développeur·se full stack", "Développeur·se web"}},
    {"data", {"Analyste de données", "Ingénieur·e données"}},
    {"ai", {"Ingénieur·e IA", "Data scientist junior"}},
    {"cybersecurity", {"Analyste SOC", "Technicien·ne cybersécurité"}},
    {"sap", {"Consultant·e SAP junior"}},
    {"salesforce", {"Consultant·e Salesforce", "Administrateur·rice Salesforce"}},
    {"servicenow", {"Administrateur·rice ServiceNow", "Développeur·se ServiceNow"}},
};

}  // namespace

DemandReport generate_demand(store::Connection& conn, std::uint64_t seed, const core::Date& today,
                             std::int64_t demo_candidate_id) {
  auto& sql = conn.session();
  std::mt19937_64 rng(seed ^ 0x64656d616e64ULL);
  auto uniform = [&](std::int64_t lo, std::int64_t hi) { return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng); };
  auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; };
  auto pick = [&](const auto& v) -> const auto& { return v[static_cast<std::size_t>(uniform(0, std::ssize(v) - 1))]; };
  const auto today_day = core::days_from_civil(today);
  const auto date_of = [](std::int64_t day) { return core::format_date(core::civil_from_days(day)); };
  DemandReport report;

  struct Employer {
    std::string id, code, region;
  };
  std::vector<Employer> employers;
  for (auto& r : store::fetch_all(sql, "SELECT id, code, region_code FROM organisations WHERE kind = 'employer' ORDER BY id"))
    employers.push_back({store::as_text(r[0]), store::as_text(r[1]), store::as_text(r[2])});
  if (employers.empty()) return report;
  for (const auto& e : employers)
    store::execute(sql,
                   "UPDATE organisations SET description = ?, website = ?, contact_name = ?, contact_email = ? WHERE id = ?",
                   {std::string("Entreprise partenaire du programme JobInTech."), "https://www." + e.code + ".ma",
                    std::string("Service recrutement"), "recrutement@" + e.code + ".ma",
                    static_cast<std::int64_t>(std::stoll(e.id))});

  std::vector<std::pair<std::string, std::vector<std::string>>> tracks;
  for (auto& r : store::fetch_all(sql, "SELECT t.code, ts.skill_code FROM track_skills ts JOIN tracks t ON t.id = ts.track_id "
                                       "ORDER BY t.code, ts.skill_code")) {
    const auto code = store::as_text(r[0]);
    if (tracks.empty() || tracks.back().first != code) tracks.push_back({code, {}});
    tracks.back().second.push_back(store::as_text(r[1]));
  }
  std::vector<std::string> all_skills, professional;
  for (auto& r : store::fetch_all(sql, "SELECT code, skill_group FROM skills ORDER BY code")) {
    all_skills.push_back(store::as_text(r[0]));
    if (store::as_text(r[1]) == "professional") professional.push_back(store::as_text(r[0]));
  }
  const auto regions = store::fetch_all(sql, "SELECT code FROM regions ORDER BY code");

  // Graduates, to size the demand and to give consents and declared skills.
  struct Graduate {
    std::int64_t id;
    std::string exit_date;
  };
  std::vector<Graduate> graduates;
  for (auto& r : store::fetch_all(sql, "SELECT candidate_id, MAX(exit_date) FROM enrolments WHERE status = 'graduated' "
                                       "GROUP BY candidate_id ORDER BY candidate_id"))
    graduates.push_back({store::as_integer(r[0]), store::as_text(r[1])});

  // About one open position for every five graduates: offers of 1 to 4 positions.
  const std::size_t offer_count = std::clamp<std::size_t>(graduates.size() / 10, 24, 20'000);
  store::BulkUpsert offers(conn, "job_offers",
                           {"employer_id", "title", "description", "region_code", "city", "remote", "contract_type",
                            "positions", "salary_min_centimes", "salary_max_centimes", "start_date", "status"},
                           0);
  store::BulkUpsert required(conn, "offer_required_skills", {"offer_id", "skill_code"}, 2, false, false);
  store::BulkUpsert nice(conn, "offer_nice_skills", {"offer_id", "skill_code"}, 2, false, false);
  for (std::size_t i = 0; i < offer_count; ++i) {
    // The demo employer (the first) posts a few of them.
    const auto& employer = i < 3 ? employers.front() : pick(employers);
    const auto& [track, skills] = pick(tracks);
    auto titles = kTitles.find(track);
    const std::string title = titles == kTitles.end() ? "Profil numérique junior" : pick(titles->second);
    std::vector<std::string> pool = skills;
    std::shuffle(pool.begin(), pool.end(), rng);
    const auto n_required = std::min<std::size_t>(pool.size(), static_cast<std::size_t>(uniform(3, 5)));
    std::vector<std::string> req(pool.begin(), pool.begin() + static_cast<std::ptrdiff_t>(n_required));
    // One offer in three also requires a skill its track does not teach: the gaps the
    // supply-demand view shows, and where the next cohorts could open.
    if (chance(0.33)) {
      const auto& extra = pick(all_skills);
      if (std::find(pool.begin(), pool.end(), extra) == pool.end()) req.push_back(extra);
    }
    std::vector<std::string> want;
    for (std::size_t k = n_required; k < pool.size() && want.size() < static_cast<std::size_t>(uniform(1, 2)); ++k)
      want.push_back(pool[k]);
    const auto& soft = pick(professional);
    if (std::find(req.begin(), req.end(), soft) == req.end() && std::find(want.begin(), want.end(), soft) == want.end())
      want.push_back(soft);
    const std::string region = chance(0.75) ? employer.region : store::as_text(pick(regions)[0]);
    const auto salary = uniform(60, 120) * 10'000;  // 6,000 to 12,000 MAD a month
    const double roll = std::uniform_real_distribution<double>(0, 1)(rng);
    const std::string contract = roll < 0.5 ? "cdi" : roll < 0.85 ? "cdd" : "internship";
    const std::string status = i < 3 || chance(0.8) ? "open" : chance(0.5) ? "filled" : "closed";
    const auto id = offers.insert({employer.id, title, "Poste ouvert aux diplômé·es JobInTech (" + track + ").", region,
                                   std::nullopt, chance(0.15) ? "1" : "0", contract, std::to_string(uniform(1, 4)),
                                   std::to_string(salary), std::to_string(salary + uniform(20, 60) * 10'000),
                                   date_of(today_day + uniform(0, 60)), status});
    for (const auto& s : req) required.insert({std::to_string(id), s});
    for (const auto& s : want) nice.insert({std::to_string(id), s});
    ++report.offers;
  }

  // Three graduates in five agree to be seen by employers; one in four declares a few skills.
  store::BulkUpsert consents(conn, "consents", {"candidate_id", "purpose", "text_version", "given_at"}, 0, false, true);
  store::BulkUpsert declared(conn, "declared_skills", {"candidate_id", "skill_code", "declared_on"}, 2, false, false);
  for (const auto& g : graduates) {
    if (g.id == demo_candidate_id) continue;
    if (chance(0.6)) {
      consents.insert({std::to_string(g.id), "employer_visibility", "2026-11", g.exit_date + "T09:00:00Z"});
      ++report.consents;
    }
    if (chance(0.25)) {
      std::vector<std::string> chosen;
      for (auto n = uniform(1, 3); n > 0; --n) {
        const auto& s = chance(0.5) ? pick(professional) : pick(all_skills);
        if (std::find(chosen.begin(), chosen.end(), s) != chosen.end()) continue;
        chosen.push_back(s);
        declared.insert({std::to_string(g.id), s, g.exit_date});
        ++report.declared_skills;
      }
    }
  }
  return report;
}

}  // namespace jobintech::app
