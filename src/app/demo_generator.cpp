#include "app/demo_generator.h"

#include "app/admission_service.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <stdexcept>

#include "app/auth_service.h"
#include "app/demo_demand.h"
#include "app/training_service.h"
#include "app/paths.h"
#include "app/programme_setup.h"
#include "core/date.h"
#include "io/csv_reader.h"
#include "store/audit_log.h"
#include "store/data_version.h"
#include "store/bulk_upsert.h"
#include "store/sql.h"
#include "store/transaction.h"

namespace jobintech::app {

namespace {

using Text = std::optional<std::string>;
using Rows = std::vector<std::vector<std::string>>;

// Reads a data/demo file into rows of the named columns.
Rows read_list(const std::string& name, const std::vector<std::string>& columns) {
  const auto file = paths().data() + "/demo/" + name;
  auto parsed = io::read_csv_file(file);
  if (!parsed.table || !parsed.errors.empty()) throw std::runtime_error("demo data file " + file + " is malformed");
  std::vector<std::size_t> index;
  for (const auto& c : columns) {
    auto i = parsed.table->column(c);
    if (!i) throw std::runtime_error("demo data file " + file + " lacks column " + c);
    index.push_back(*i);
  }
  Rows rows;
  for (const auto& r : parsed.table->rows) {
    std::vector<std::string> out;
    for (auto i : index) out.push_back(r.fields[i]);
    rows.push_back(std::move(out));
  }
  if (rows.empty()) throw std::runtime_error("demo data file " + file + " is empty");
  return rows;
}

std::string ascii_slug(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c)) out += static_cast<char>(std::tolower(c));
    else if ((c == ' ' || c == '-') && !out.empty() && out.back() != '-') out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "x" : out;
}

// First letters of national ID numbers, by region of issue (as on Moroccan CINs).
const std::map<std::string, std::vector<std::string>> kCinPrefixes = {
    {"01", {"K", "KB", "L", "LB"}}, {"02", {"F", "FA", "FB"}},  {"03", {"C", "CD", "D", "DA"}},
    {"04", {"A", "AB", "AE", "G"}}, {"05", {"I", "IA", "Q"}},   {"06", {"B", "BE", "BH", "BK", "BJ"}},
    {"07", {"E", "EE", "H"}},       {"08", {"U", "UA", "P"}},   {"09", {"J", "JA", "JB", "JC"}},
    {"10", {"JY", "JT"}},           {"11", {"SH", "SJ"}},       {"12", {"SL", "SK"}}};

struct Cohort {
  std::int64_t id;
  std::string region;
  std::string status;
  std::string start;
  std::string end;
  std::int64_t track_id;
  int capacity;
  int enrolled = 0;
};

// A learner placed in a cohort by the demo, and how the training ended.
struct DemoEnrolment {
  std::int64_t candidate_id;
  std::size_t cohort;  // index in the cohort list
};

// Rows written many at a time: kept alive here until their writer has flushed them.
class RowBatch {
 public:
  explicit RowBatch(store::BulkUpsert& writer) : writer_(writer) {}
  void add(store::TextRow row) {
    rows_.push_back(std::move(row));
    if (rows_.size() == 2048) flush();
  }
  void flush() {
    for (const auto& r : rows_) writer_.insert_later(r);
    writer_.flush();
    rows_.clear();
  }

 private:
  store::BulkUpsert& writer_;
  std::vector<store::TextRow> rows_;
};

// How the demo's learners fare: in closed cohorts three in four graduate, the others drop out or
// fail; about three graduates in four find a qualifying job within six months (the pilot's 73 %),
// some during training; running cohorts have their last three weeks of attendance; graduates
// have their skills assessed. A generator of its own keeps the earlier data as it was.
void generate_outcomes(store::Connection& conn, std::uint64_t seed, const core::Date& today,
                       const std::vector<Cohort>& cohorts, const std::vector<DemoEnrolment>& enrolled,
                       const std::vector<std::pair<std::int64_t, std::string>>& employers, DemoReport& report) {
  auto& sql = conn.session();
  std::mt19937_64 rng(seed ^ 0x6f7574636f6d6573ULL);
  auto uniform = [&](std::int64_t lo, std::int64_t hi) { return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng); };
  auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; };
  const auto today_day = core::days_from_civil(today);
  const auto date_of = [](std::int64_t day) { return core::format_date(core::civil_from_days(day)); };
  const auto day_of = [](const std::string& text) { return core::days_from_civil(*core::parse_date(text)); };

  std::map<std::int64_t, std::vector<std::string>> skills_of_track;
  for (auto& row : store::fetch_all(sql, "SELECT track_id, skill_code FROM track_skills ORDER BY 1, 2"))
    skills_of_track[store::as_integer(row[0])].push_back(store::as_text(row[1]));
  static const std::vector<std::string> kReasons = {"Emploi trouvé avant la fin", "Raisons familiales",
                                                    "Déménagement", "Rythme trop intense", "Raisons de santé"};
  static const std::vector<std::string> kTitles = {"Développeur·se web", "Développeur·se back-end", "Analyste de données",
                                                   "Ingénieur·e données", "Analyste SOC", "Consultant·e SAP",
                                                   "Consultant·e Salesforce", "Administrateur·rice ServiceNow",
                                                   "Technicien·ne support applicatif"};
  static const std::vector<std::pair<std::string, double>> kContracts = {
      {"cdi", 0.45}, {"cdd", 0.35}, {"freelance", 0.10}, {"self_employed", 0.10}};

  store::DeferredIndexes deferred(conn, {"enrolments", "placements", "attendance", "assessments"});
  store::BulkUpsert enrolments(conn, "enrolments", {"candidate_id", "cohort_id", "status", "exit_date", "dropout_reason"}, 2);
  store::BulkUpsert attendance_writer(conn, "attendance", {"enrolment_id", "day", "present"}, 2, false, false);
  store::BulkUpsert assessment_writer(conn, "assessments", {"enrolment_id", "skill_code", "validated", "assessed_on"}, 2,
                                      false, false);
  store::BulkUpsert placement_writer(conn, "placements",
                                     {"candidate_id", "employer_id", "employer_name", "job_title", "contract_type",
                                      "start_date", "end_date", "monthly_salary_centimes", "evidence_note"}, 3);
  RowBatch attendance(attendance_writer), assessments(assessment_writer), placements(placement_writer);
  using Text = std::optional<std::string>;
  for (const auto& e : enrolled) {
    const auto& c = cohorts[e.cohort];
    const auto start = day_of(c.start), end = day_of(c.end);
    std::string status = "enrolled";
    Text exit, reason;
    if (c.status == "closed") {
      const double r = std::uniform_real_distribution<double>(0, 1)(rng);
      status = r < 0.76 ? "graduated" : r < 0.90 ? "dropped_out" : "failed";
      exit = date_of(status == "dropped_out" ? uniform(start + 7, std::max(start + 7, end - 7)) : end);
    } else if (chance(0.05) && today_day > start + 7) {
      status = "dropped_out";
      exit = date_of(uniform(start + 7, today_day - 1));
    }
    if (status == "dropped_out") reason = kReasons[uniform(0, kReasons.size() - 1)];
    const auto enrolment_id = enrolments.insert({std::to_string(e.candidate_id), std::to_string(c.id), status, exit, reason});
    ++report.enrolments;

    if (status == "enrolled" && c.status == "running") {
      // The last fifteen session days (weekdays) until today; most learners come nearly always.
      const double presence = chance(0.85) ? 0.9 + 0.1 * std::uniform_real_distribution<double>(0, 1)(rng)
                                           : 0.5 + 0.3 * std::uniform_real_distribution<double>(0, 1)(rng);
      int days = 0;
      for (auto d = std::min<std::int64_t>(today_day, end); d >= start && days < 15; --d) {
        const auto weekday = (d + 4) % 7;  // 0 = Sunday (1970-01-01 was a Thursday)
        if (weekday == 0 || weekday == 6) continue;
        attendance.add({std::to_string(enrolment_id), date_of(d), chance(presence) ? "1" : "0"});
        ++days;
      }
    }
    if (status != "graduated") continue;
    for (const auto& skill : skills_of_track[c.track_id])
      assessments.add({std::to_string(enrolment_id), skill, chance(0.85) ? "1" : "0", *exit});
    const auto exit_day = day_of(*exit);
    auto add_job = [&](const std::string& contract, std::int64_t from, std::size_t employer) {
      if (from > today_day) return;  // not yet
      const auto& [employer_id, employer_name] = employers[employer % employers.size()];
      Text until;
      if (contract == "cdd" && chance(0.5)) until = date_of(from + uniform(180, 540));
      if (contract == "internship") until = date_of(from + uniform(60, 180));
      Text salary;
      if (chance(0.9)) {
        const double mad = std::clamp(std::normal_distribution<double>(contract == "internship" ? 3000 : 7500, 2000)(rng),
                                      2000.0, 30000.0);
        salary = std::to_string(static_cast<std::int64_t>(std::round(mad / 100)) * 100 * 100);
      }
      placements.add({std::to_string(e.candidate_id), std::to_string(employer_id), employer_name,
                               kTitles[uniform(0, kTitles.size() - 1)], contract, date_of(from), until, salary,
                               std::string("Contrat de travail vu par l'opérateur")});
      ++report.placements;
    };
    const std::size_t employer = static_cast<std::size_t>(uniform(0, 1'000'000));
    if (employers.empty()) continue;
    if (chance(0.08)) add_job("internship", exit_day + uniform(0, 30), employer + 1);
    if (!chance(0.78)) continue;
    const double when = std::uniform_real_distribution<double>(0, 1)(rng);
    const std::int64_t offset = when < 0.2 ? uniform(-60, -1) : when < 0.8 ? uniform(0, 120) : uniform(121, 240);
    double pick = std::uniform_real_distribution<double>(0, 1)(rng);
    std::string contract = kContracts.back().first;
    for (const auto& [name, share] : kContracts) {
      if (pick < share) { contract = name; break; }
      pick -= share;
    }
    add_job(contract, std::max<std::int64_t>(start + 1, exit_day + offset), employer);
  }
  placements.flush();
  attendance.flush();
  assessments.flush();
  deferred.finish();
}

}  // namespace

const std::vector<DemoLogin>& demo_logins() {
  static const std::vector<DemoLogin> logins = {
      {"admin", "admin@jobintech.ma", "Demo-Admin-2026", ""},
      {"steering", "pilotage@jobintech.ma", "Demo-Pilotage-2026", "mtnra"},
      {"operator", "operateur@jobintech.ma", "Demo-Operateur-2026", ""},
      {"employer", "employeur@jobintech.ma", "Demo-Employeur-2026", ""},
      {"candidate", "candidat@jobintech.ma", "Demo-Candidat-2026", ""},
  };
  return logins;
}

DemoReport generate_demo(store::Database& db, const DemoOptions& options) {
  if (options.candidates < 0 || options.candidates > 5'000'000)
    throw std::runtime_error("--candidates must be between 0 and 5000000");
  if (database_has_programme_data(db)) throw std::runtime_error("the database already holds programme data");
  const auto regions = read_list("../regions.csv", {"code", "population_share"});
  const auto first_names = read_list("first_names.csv", {"name", "gender"});
  const auto last_names = read_list("last_names.csv", {"name"});
  const auto operators = read_list("operators.csv", {"code", "name", "region_code"});
  const auto institutions = read_list("institutions.csv", {"code", "name", "region_code"});
  const auto employers = read_list("employers.csv", {"code", "name", "region_code"});
  const auto site_list = read_list("sites.csv", {"code", "name", "organisation_code", "region_code", "city"});
  const core::Date today = options.today.empty() ? core::today_utc()
                                                 : core::parse_date(options.today).value_or(core::today_utc());

  std::mt19937_64 rng(options.seed);
  auto uniform = [&](std::int64_t lo, std::int64_t hi) { return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng); };
  auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; };

  DemoReport report;
  auto conn = db.connect();
  auto& sql = conn.session();
  store::Transaction tx(sql);

  // Organisations: the programme's partners, operators, institutions, employers.
  store::BulkUpsert orgs(conn, "organisations", {"code", "name", "kind", "region_code"}, 1);
  std::map<std::string, std::int64_t> org_id;
  std::map<std::string, std::string> org_kind;
  auto add_org = [&](const std::string& code, const std::string& name, const std::string& kind, Text region) {
    org_id[code] = orgs.insert({code, name, kind, std::move(region)});
    org_kind[code] = kind;
    ++report.organisations;
  };
  add_org("mtnra", "Ministère de la Transition Numérique et de la Réforme de l'Administration", "ministry", std::string("04"));
  add_org("cdg", "Caisse de Dépôt et de Gestion", "funder", std::string("04"));
  add_org("mnc", "Maroc Numeric Cluster", "institution", std::string("06"));
  for (const auto& o : operators) add_org(o[0], o[1], "operator", o[2]);
  for (const auto& o : institutions) add_org(o[0], o[1], "institution", o[2]);
  for (const auto& o : employers) add_org(o[0], o[1], "employer", o[2]);

  // Sites.
  store::BulkUpsert sites(conn, "sites", {"code", "name", "organisation_id", "region_code", "city"}, 1);
  struct Site {
    std::int64_t id;
    std::string code, region, organisation;
  };
  std::vector<Site> site_rows;
  for (const auto& s : site_list) {
    auto org = org_id.find(s[2]);
    if (org == org_id.end()) throw std::runtime_error("demo site " + s[0] + " names an unknown organisation " + s[2]);
    site_rows.push_back({sites.insert({s[0], s[1], std::to_string(org->second), s[3], s[4]}), s[0], s[3], s[2]});
    ++report.sites;
  }

  // Conventions: the national generalisation, the pilot, and the Dakhla agreement.
  store::BulkUpsert conventions(conn, "conventions", {"code", "title", "start_date", "end_date", "learner_target"}, 1);
  auto add_convention = [&](const std::string& code, const std::string& title, const std::string& start,
                            const std::string& end, int target, const std::vector<std::string>& parties,
                            const std::vector<std::string>& region_codes) {
    const auto id = conventions.insert({code, title, start, end, std::to_string(target)});
    for (const auto& p : parties)
      if (org_id.count(p))
        store::execute(sql, "INSERT INTO convention_parties (convention_id, organisation_id, role) VALUES (?, ?, ?)",
                       {id, org_id[p], org_kind[p]});
    for (const auto& r : region_codes)
      store::execute(sql, "INSERT INTO convention_regions (convention_id, region_code) VALUES (?, ?)", {id, r});
    store::execute(sql, "INSERT INTO convention_targets (convention_id, learners) VALUES (?, ?)",
                   {id, static_cast<std::int64_t>(target)});
    // Result-based payments: per learner enrolled, certified and inserted at 6 months (MAD).
    const std::int64_t scale = code == "jit-est-dakhla" ? 5 : code == "jit-pilote-2023" ? 3 : 4;
    for (const auto& [basis, amount] : std::vector<std::pair<std::string, std::int64_t>>{
             {"enrolled", scale * 1000}, {"certified", scale * 2000}, {"inserted_6m", scale * 3000}})
      store::execute(sql, "INSERT INTO payment_tranches (convention_id, basis, amount_centimes) VALUES (?, ?, ?)",
                     {id, basis, amount * 100});
    ++report.conventions;
  };
  std::vector<std::string> all_regions;
  for (const auto& r : regions) all_regions.push_back(r[0]);
  std::vector<std::string> national_parties = {"mtnra", "cdg", "mnc"};
  for (const auto& o : operators) national_parties.push_back(o[0]);
  add_convention("jit-pilote-2023", "JobInTech — phase pilote Casablanca-Rabat", "2023-06-01", "2024-06-30", 1000,
                 {"mtnra", "cdg", "mnc"}, {"04", "06"});
  add_convention("jit-national-2024-2026", "JobInTech — généralisation nationale 2024-2026", "2024-01-01", "2026-12-31",
                 15000, national_parties, all_regions);
  // The national target shared between the regions by population.
  const auto national = store::fetch_integer(sql, "SELECT id FROM conventions WHERE code = 'jit-national-2024-2026'");
  for (const auto& r : regions)
    store::execute(sql, "INSERT INTO convention_targets (convention_id, region_code, learners) VALUES (?, ?, ?)",
                   {*national, r[0], static_cast<std::int64_t>(std::llround(15000 * std::stod(r[1])))});
  add_convention("jit-est-dakhla", "Convention JobInTech — EST Dakhla (Université Ibn Zohr)", "2025-01-01", "2026-12-31",
                 120, {"mtnra", "mnc", "est-dakhla", "uiz"}, {"12"});

  // Cohorts: every site runs several cohorts between 2024 and 2026, in every track.
  std::vector<std::pair<std::int64_t, std::int64_t>> tracks;  // id, weeks
  for (auto& row : store::fetch_all(sql, "SELECT id, duration_weeks FROM tracks ORDER BY id"))
    tracks.emplace_back(std::get<std::int64_t>(row[0]), std::get<std::int64_t>(row[1]));
  if (tracks.empty()) throw std::runtime_error("no tracks: run migrate first");
  std::vector<std::string> operator_codes;
  for (const auto& o : operators) operator_codes.push_back(o[0]);
  // Two admission rounds: one open now, for the cohorts starting in 45 to 120 days; one closed
  // ten days ago, for the cohorts starting within 45 days, waiting for its allocation.
  store::BulkUpsert rounds(conn, "admission_rounds",
                           {"code", "name", "opens_on", "closes_on", "max_choices", "answer_days", "min_age", "max_age",
                            "precedence", "lottery_seed", "status"}, 1);
  const auto day = [&](int offset) { return core::format_date(core::civil_from_days(core::days_from_civil(today) + offset)); };
  const auto seed_text = [&] {
    char hex[33];
    std::snprintf(hex, sizeof hex, "%016llx%016llx", static_cast<unsigned long long>(rng()),
                  static_cast<unsigned long long>(rng()));
    return std::string(hex);
  };
  const auto open_round = rounds.insert({"appel-" + std::to_string(today.year + 1) + "-printemps",
                                         "Appel à candidatures — cohortes du printemps " + std::to_string(today.year + 1),
                                         day(-20), day(20), "5", "7", "18", "35", "open,women,local", seed_text(), "open"});
  const auto closed_round = rounds.insert({"appel-" + std::to_string(today.year) + "-hiver",
                                           "Appel à candidatures — cohortes de l'hiver " + std::to_string(today.year),
                                           day(-60), day(-10), "5", "7", "18", "35", "open,women,local", seed_text(),
                                           "closed"});
  rounds.flush();
  store::BulkUpsert cohorts(conn, "cohorts",
                            {"code", "track_id", "site_id", "operator_id", "start_date", "end_date", "capacity",
                             "reserved_women", "reserved_local", "status", "round_id", "admission_area"}, 1);
  std::vector<Cohort> cohort_rows;
  std::size_t track_turn = 0;
  for (const auto& site : site_rows) {
    const std::string op = org_kind[site.organisation] == "operator" ? site.organisation
                                                                      : operator_codes[uniform(0, operator_codes.size() - 1)];
    // Larger demos run more cohorts: about 150,000 learners for a million candidates.
    const int count = static_cast<int>(uniform(3, 6)) + static_cast<int>(options.candidates / 12'000);
    for (int k = 0; k < count; ++k) {
      const auto& track = tracks[track_turn++ % tracks.size()];
      int year = 2024 + k % 3;
      core::Date start{year, static_cast<int>(uniform(0, 1) ? 3 : 10), static_cast<int>(uniform(1, 20))};
      if (k == count - 1) {
        // Each site's last cohort starts soon after today: it is being selected in one of the rounds.
        start = core::civil_from_days(core::days_from_civil(today) + static_cast<std::int64_t>(uniform(20, 110)));
        year = start.year;
      }
      const core::Date end = core::civil_from_days(core::days_from_civil(start) + track.second * 7 - 3);
      std::string status = "planned";
      if (end < today) status = "closed";
      else if (start <= today) status = "running";
      else if (core::days_from_civil(start) - core::days_from_civil(today) < 45) status = "selecting";
      else if (core::days_from_civil(start) - core::days_from_civil(today) < 120) status = "open";
      const int capacity = static_cast<int>(uniform(2, 4)) * 10;
      const std::string code = site.code.substr(site.code.rfind("site-", 0) == 0 ? 5 : 0) + "-" + std::to_string(year) + "-" +
                               std::to_string(k + 1);
      const Text round = status == "open"        ? Text(std::to_string(open_round))
                         : status == "selecting" ? Text(std::to_string(closed_round))
                                                 : Text();
      // The southern regions' cohorts are reserved to their residents, as the EST Dakhla convention intends.
      const bool regional = site.region == "11" || site.region == "12";
      const auto id = cohorts.insert({code, std::to_string(track.first), std::to_string(site.id), std::to_string(org_id[op]),
                                      core::format_date(start), core::format_date(end), std::to_string(capacity),
                                      std::to_string(capacity / 5), std::to_string(capacity / 5), status, round,
                                      regional ? "regional" : "national"});
      cohort_rows.push_back({id, site.region, status, core::format_date(start), core::format_date(end), track.first,
                             capacity});
      ++report.cohorts;
    }
  }
  std::map<std::string, std::vector<std::size_t>> cohorts_by_region;
  for (std::size_t i = 0; i < cohort_rows.size(); ++i) cohorts_by_region[cohort_rows[i].region].push_back(i);

  // Candidates, with regions following population shares, and their ranked applications.
  std::vector<double> shares;
  for (const auto& r : regions) shares.push_back(std::stod(r[1]));
  std::discrete_distribution<std::size_t> pick_region(shares.begin(), shares.end());
  std::vector<std::size_t> women, men;
  for (std::size_t i = 0; i < first_names.size(); ++i) (first_names[i][1] == "F" ? women : men).push_back(i);
  static const std::vector<std::string> kEducation = {"bac", "bac2", "bac3", "bac3", "bac5", "bac5", "doctorate", "other"};
  store::DeferredIndexes deferred(conn, {"candidates", "applications"});
  store::BulkUpsert candidates(conn, "candidates",
                               {"cin", "first_name", "last_name", "gender", "birth_date", "region_code", "email", "phone",
                                "education_level"}, 1);
  store::BulkUpsert applications(conn, "applications", {"candidate_id", "cohort_id", "rank", "score", "status"}, 2);
  std::int64_t first_candidate_id = 0;
  std::vector<DemoEnrolment> enrolled;
  // A multiplicative permutation of 1..10^6 per prefix keeps CIN numbers unique and unordered.
  for (std::int64_t i = 0; i < options.candidates; ++i) {
    const auto& region = regions[pick_region(rng)][0];
    const bool woman = chance(0.46);
    const auto& first = first_names[woman ? women[uniform(0, women.size() - 1)] : men[uniform(0, men.size() - 1)]][0];
    const auto& last = last_names[uniform(0, last_names.size() - 1)][0];
    const auto& prefixes = kCinPrefixes.at(region);
    const std::int64_t number = (i * 7'919 + 104'729) % 10'000'000 + (i / 10'000'000) * 10'000'000;
    char cin[24];
    std::snprintf(cin, sizeof cin, "%s%07lld", prefixes[i % prefixes.size()].c_str(), static_cast<long long>(number));
    // Aged 20 to 34 at the end of 2026: the age range of the demo rounds (18 to 35).
    const core::Date birth{static_cast<int>(uniform(1992, 2006)), static_cast<int>(uniform(1, 12)), static_cast<int>(uniform(1, 28))};
    char phone[24];
    std::snprintf(phone, sizeof phone, "+212%d%08lld", chance(0.7) ? 6 : 7, static_cast<long long>(uniform(0, 99'999'999)));
    const std::string email = ascii_slug(first) + "." + ascii_slug(last) + std::to_string(i) + "@example.ma";
    const auto id = candidates.insert({std::string(cin), first, last, woman ? "F" : "M", core::format_date(birth), region,
                                       chance(0.9) ? Text(email) : Text(), chance(0.95) ? Text(phone) : Text(),
                                       kEducation[uniform(0, kEducation.size() - 1)]});
    if (i == 0) first_candidate_id = id;
    ++report.candidates;

    const auto choices = static_cast<int>(uniform(1, 3));
    std::vector<std::size_t> chosen;
    for (int r = 0; r < choices; ++r) {
      const auto& local = cohorts_by_region[region];
      const std::size_t c = (!local.empty() && chance(0.75)) ? local[uniform(0, local.size() - 1)]
                                                             : static_cast<std::size_t>(uniform(0, cohort_rows.size() - 1));
      if (std::find(chosen.begin(), chosen.end(), c) != chosen.end()) continue;
      chosen.push_back(c);
      const auto& cohort = cohort_rows[c];
      std::string status = "submitted";
      if (cohort.status == "closed" || cohort.status == "running") status = chance(0.3) ? "accepted" : chance(0.5) ? "declined" : "expired";
      if (status == "accepted") {
        // An accepted offer is a seat: within the cohort's capacity, one cohort per learner.
        auto& c = cohort_rows[chosen.back()];
        const bool already = !enrolled.empty() && enrolled.back().candidate_id == id;  // a candidate's rows are consecutive
        if (c.enrolled < c.capacity && !already) {
          ++c.enrolled;
          enrolled.push_back({id, chosen.back()});
        } else {
          status = "declined";
        }
      }
      else if (cohort.status == "selecting") status = "eligible";
      char score[32];
      std::snprintf(score, sizeof score, "%.1f", std::round(std::normal_distribution<double>(65, 12)(rng) * 10) / 10);
      const double s = std::clamp(std::stod(score), 0.0, 100.0);
      std::snprintf(score, sizeof score, "%.1f", s);
      applications.insert({std::to_string(id), std::to_string(cohort.id), std::to_string(chosen.size()), std::string(score), status});
      ++report.applications;
    }
  }

  // One demo account per role; the operator is the one with the most cohorts.
  auto busiest = store::fetch_one(sql,
                                  "SELECT o.code FROM cohorts c JOIN organisations o ON o.id = c.operator_id "
                                  "GROUP BY o.code ORDER BY COUNT(*) DESC, o.code LIMIT 1");
  if (first_candidate_id) {
    // The demo candidate applies to one cohort of the demo operator, so both see each other.
    auto op_cohort = store::fetch_integer(sql,
                                          "SELECT c.id FROM cohorts c JOIN organisations o ON o.id = c.operator_id "
                                          "WHERE o.code = ? ORDER BY c.start_date DESC LIMIT 1",
                                          {busiest ? core::to_text((*busiest)[0]) : std::string()});
    if (op_cohort && !store::fetch_integer(sql, "SELECT id FROM applications WHERE candidate_id = ? AND cohort_id = ?",
                                           {first_candidate_id, *op_cohort}))
      applications.insert({std::to_string(first_candidate_id), std::to_string(*op_cohort), "4", "72.5", "submitted"});
  }
  deferred.finish();
  std::vector<std::pair<std::int64_t, std::string>> employer_list;
  for (const auto& e : employers) employer_list.emplace_back(org_id[e[0]], e[1]);
  generate_outcomes(conn, options.seed, today, cohort_rows, enrolled, employer_list, report);
  if (first_candidate_id && busiest) {
    // The demo candidate graduated from one of the demo operator's past cohorts: her certificate
    // can be shown and verified.
    auto past = store::fetch_one(sql,
                                 "SELECT c.id, c.end_date FROM cohorts c JOIN organisations o ON o.id = c.operator_id "
                                 "WHERE o.code = ? AND c.status = 'closed' ORDER BY c.end_date DESC, c.id LIMIT 1",
                                 {core::to_text((*busiest)[0])});
    if (past && !store::fetch_integer(sql, "SELECT id FROM enrolments WHERE candidate_id = ? AND cohort_id = ?",
                                      {first_candidate_id, (*past)[0]})) {
      const auto now = core::now_utc();
      const auto enrolment = store::fetch_integer(
          sql,
          "INSERT INTO enrolments (candidate_id, cohort_id, status, exit_date, created_at, updated_at) "
          "VALUES (?, ?, 'graduated', ?, ?, ?) RETURNING id",
          {first_candidate_id, (*past)[0], (*past)[1], now, now});
      store::execute(sql,
                     "INSERT INTO certificates (enrolment_id, code, issued_on, created_at) VALUES (?, ?, ?, ?)",
                     {*enrolment, new_verification_code(), (*past)[1], now});
      ++report.enrolments;
    }
  }
  const auto demand = generate_demand(conn, options.seed, today, first_candidate_id);
  report.offers = demand.offers;
  report.consents = demand.consents;
  store::append_audit(sql, {std::nullopt, "cli", "create", "demo", "",  {}, {},
                             "seed=" + std::to_string(options.seed) + " candidates=" + std::to_string(options.candidates)});
  store::commit_write(sql, tx);

  for (auto login : demo_logins()) {
    if (login.role == "operator" && busiest) login.organisation = core::to_text((*busiest)[0]);
    if (login.role == "employer" && !employers.empty()) login.organisation = employers.front()[0];
    std::optional<std::int64_t> candidate;
    if (login.role == "candidate") {
      if (!first_candidate_id) continue;
      candidate = first_candidate_id;
    }
    const std::string name = login.role == "admin" ? "Bureau du programme" : login.role == "steering" ? "Pilotage ministère"
                           : login.role == "operator" ? "Opérateur démo" : login.role == "employer" ? "Employeur démo"
                                                                                                    : "Candidat démo";
    auto out = add_user(db, login.email, login.role, login.organisation, login.password, name, candidate);
    if (!out.ok()) throw std::runtime_error("cannot create demo user " + login.email);
    report.logins.push_back(login);
  }
  // The closed round's allocation is computed, waiting for the programme office to publish it.
  AdmissionService(db).run(Actor::command_line(), closed_round, RunRequest{});
  return report;
}

}  // namespace jobintech::app
