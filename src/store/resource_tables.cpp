#include "store/resource_tables.h"

#include <stdexcept>

namespace jobintech::store {

namespace {

// "IN (subquery)" rather than a correlated EXISTS: SQLite builds the operator's few thousand
// candidate ids once and probes them, instead of running the subquery for each of a million rows.
const std::string kCandidateOfOperator =
    "x.id IN (SELECT a.candidate_id FROM applications a JOIN cohorts c ON c.id = a.cohort_id WHERE c.operator_id = ? "
    "UNION SELECT e.candidate_id FROM enrolments e JOIN cohorts c ON c.id = e.cohort_id WHERE c.operator_id = ?)";

// Learners of an operator: those enrolled in its cohorts.
const std::string kLearnerOfOperator =
    "x.candidate_id IN (SELECT e.candidate_id FROM enrolments e JOIN cohorts c ON c.id = e.cohort_id WHERE c.operator_id = ?)";

// Rows of a convention the organisation is party to.
const std::string kConventionOfParty =
    "EXISTS (SELECT 1 FROM convention_parties cp WHERE cp.convention_id = x.convention_id AND cp.organisation_id = ?)";

std::vector<ResourceTable> build() {
  std::vector<ResourceTable> t;

  t.push_back({.resource = "regions", .table = "regions", .from = "regions x",
               .select = {{"code", "x.code"}, {"name_fr", "x.name_fr"}, {"name_ar", "x.name_ar"},
                          {"name_en", "x.name_en"}, {"population_share", "x.population_share"}},
               .filters = {}, .search = {"x.name_fr", "x.name_en"}, .references = {}, .links = {},
               .organisation_scope = "", .candidate_scope = ""});

  t.push_back({.resource = "organisations", .table = "organisations", .from = "organisations x",
               .select = {{"id", "x.id"}, {"code", "x.code"}, {"name", "x.name"}, {"kind", "x.kind"},
                          {"region_code", "x.region_code"}, {"description", "x.description"},
                          {"website", "x.website"}, {"contact_name", "x.contact_name"},
                          {"contact_email", "x.contact_email"}, {"contact_phone", "x.contact_phone"},
                          {"created_at", "x.created_at"}, {"updated_at", "x.updated_at"}, {"version", "x.version"}},
               .filters = {{"kind", "x.kind = ?"}, {"region", "x.region_code = ?"}},
               .search = {"x.code", "x.name"}, .references = {}, .links = {},
               .organisation_scope = "x.id = ?", .candidate_scope = ""});

  t.push_back({.resource = "sites", .table = "sites",
               .from = "sites x JOIN organisations o ON o.id = x.organisation_id",
               .select = {{"id", "x.id"}, {"code", "x.code"}, {"name", "x.name"},
                          {"organisation_code", "o.code"}, {"organisation_name", "o.name"},
                          {"region_code", "x.region_code"}, {"city", "x.city"}, {"created_at", "x.created_at"},
                          {"updated_at", "x.updated_at"}, {"version", "x.version"}},
               .filters = {{"region", "x.region_code = ?"}, {"organisation", "o.code = ?"}},
               .search = {"x.code", "x.name", "x.city"},
               .references = {{"organisation_code", {"organisation_id", "organisations"}}}, .links = {},
               .organisation_scope = "x.organisation_id = ?", .candidate_scope = ""});

  t.push_back({.resource = "conventions", .table = "conventions", .from = "conventions x",
               .select = {{"id", "x.id"}, {"code", "x.code"}, {"title", "x.title"}, {"start_date", "x.start_date"},
                          {"end_date", "x.end_date"}, {"learner_target", "x.learner_target"},
                          {"created_at", "x.created_at"}, {"updated_at", "x.updated_at"}, {"version", "x.version"}},
               .filters = {{"region", "EXISTS (SELECT 1 FROM convention_regions cr WHERE cr.convention_id = x.id AND cr.region_code = ?)"},
                           {"organisation", "EXISTS (SELECT 1 FROM convention_parties cp JOIN organisations o ON o.id = cp.organisation_id WHERE cp.convention_id = x.id AND o.code = ?)"}},
               .search = {"x.code", "x.title"}, .references = {},
               .links = {{"party_codes", {"convention_parties", "convention_id", "organisation_id", "organisations"}},
                         {"region_codes", {"convention_regions", "convention_id", "region_code", "", "regions"}}},
               .organisation_scope = "EXISTS (SELECT 1 FROM convention_parties cp WHERE cp.convention_id = x.id AND cp.organisation_id = ?)",
               .candidate_scope = ""});

  t.push_back({.resource = "tracks", .table = "tracks", .from = "tracks x",
               .select = {{"id", "x.id"}, {"code", "x.code"}, {"name_fr", "x.name_fr"}, {"name_ar", "x.name_ar"},
                          {"name_en", "x.name_en"}, {"duration_weeks", "x.duration_weeks"}, {"version", "x.version"}},
               .filters = {}, .search = {"x.code", "x.name_fr", "x.name_en"}, .references = {},
               .links = {{"skill_codes", {"track_skills", "track_id", "skill_code", "", "skills"}}},
               .organisation_scope = "", .candidate_scope = ""});

  t.push_back({.resource = "rounds", .table = "admission_rounds", .from = "admission_rounds x",
               .select = {{"id", "x.id"}, {"code", "x.code"}, {"name", "x.name"}, {"opens_on", "x.opens_on"},
                          {"closes_on", "x.closes_on"}, {"max_choices", "x.max_choices"},
                          {"answer_days", "x.answer_days"}, {"min_age", "x.min_age"}, {"max_age", "x.max_age"},
                          {"min_education", "x.min_education"}, {"precedence", "x.precedence"},
                          {"lottery_seed", "x.lottery_seed"}, {"status", "x.status"},
                          {"created_at", "x.created_at"}, {"updated_at", "x.updated_at"}, {"version", "x.version"}},
               .filters = {{"status", "x.status = ?"}}, .search = {"x.code", "x.name"}, .references = {}, .links = {},
               // A candidate's "own" rounds are those announced: every round but drafts. The
               // candidate id is bound but plays no part.
               .organisation_scope = "", .candidate_scope = "x.status <> 'draft' AND ? > 0"});

  t.push_back({.resource = "cohorts", .table = "cohorts",
               .from = "cohorts x JOIN tracks t ON t.id = x.track_id JOIN sites s ON s.id = x.site_id "
                       "JOIN organisations o ON o.id = x.operator_id LEFT JOIN admission_rounds r ON r.id = x.round_id",
               .select = {{"id", "x.id"}, {"code", "x.code"}, {"track_code", "t.code"}, {"site_code", "s.code"},
                          {"site_name", "s.name"}, {"region_code", "s.region_code"}, {"city", "s.city"},
                          {"operator_code", "o.code"}, {"operator_name", "o.name"}, {"start_date", "x.start_date"},
                          {"end_date", "x.end_date"}, {"capacity", "x.capacity"},
                          {"reserved_women", "x.reserved_women"}, {"reserved_local", "x.reserved_local"},
                          {"status", "x.status"}, {"round_code", "r.code"}, {"admission_area", "x.admission_area"},
                          {"weight_test", "x.weight_test"}, {"weight_interview", "x.weight_interview"},
                          {"created_at", "x.created_at"}, {"updated_at", "x.updated_at"}, {"version", "x.version"}},
               .filters = {{"region", "s.region_code = ?"}, {"organisation", "o.code = ?"}, {"track", "t.code = ?"},
                           {"status", "x.status = ?"}, {"site", "s.code = ?"}, {"round", "r.code = ?"}},
               .search = {"x.code", "s.name", "s.city", "o.name"},
               .references = {{"track_code", {"track_id", "tracks"}}, {"site_code", {"site_id", "sites"}},
                              {"operator_code", {"operator_id", "organisations"}},
                              {"round_code", {"round_id", "admission_rounds"}}},
               .links = {}, .organisation_scope = "x.operator_id = ?", .candidate_scope = ""});

  t.push_back({.resource = "candidates", .table = "candidates", .from = "candidates x",
               .select = {{"id", "x.id"}, {"cin", "x.cin"}, {"first_name", "x.first_name"},
                          {"last_name", "x.last_name"}, {"gender", "x.gender"}, {"birth_date", "x.birth_date"},
                          {"region_code", "x.region_code"}, {"email", "x.email"}, {"phone", "x.phone"},
                          {"education_level", "x.education_level"}, {"created_at", "x.created_at"},
                          {"updated_at", "x.updated_at"}, {"version", "x.version"}},
               .filters = {{"region", "x.region_code = ?"}, {"gender", "x.gender = ?"},
                           {"education_level", "x.education_level = ?"},
                           {"organisation", "x.id IN (SELECT a.candidate_id FROM applications a JOIN cohorts c ON c.id = a.cohort_id JOIN organisations o ON o.id = c.operator_id WHERE o.code = ?)"},
                           {"cohort", "x.id IN (SELECT a.candidate_id FROM applications a JOIN cohorts c ON c.id = a.cohort_id WHERE c.code = ?)"}},
               .search = {"x.cin", "x.last_name", "x.first_name"}, .references = {}, .links = {},
               .organisation_scope = kCandidateOfOperator, .candidate_scope = "x.id = ?"});

  t.push_back({.resource = "applications", .table = "applications",
               .from = "applications x JOIN cohorts c ON c.id = x.cohort_id JOIN tracks t ON t.id = c.track_id "
                       "JOIN sites s ON s.id = c.site_id JOIN organisations o ON o.id = c.operator_id",
               .select = {{"id", "x.id"}, {"candidate_id", "x.candidate_id"}, {"cohort_code", "c.code"},
                          {"track_code", "t.code"}, {"region_code", "s.region_code"}, {"operator_code", "o.code"},
                          {"rank", "x.rank"}, {"score", "x.score"}, {"test_score", "x.test_score"},
                          {"interview_score", "x.interview_score"}, {"ineligible_reason", "x.ineligible_reason"},
                          {"status", "x.status"},
                          {"created_at", "x.created_at"}, {"updated_at", "x.updated_at"}, {"version", "x.version"}},
               .filters = {{"cohort", "c.code = ?"}, {"candidate", "x.candidate_id = ?"}, {"status", "x.status = ?"},
                           {"organisation", "o.code = ?"}, {"track", "t.code = ?"}, {"region", "s.region_code = ?"}},
               .search = {"c.code"},
               .references = {{"cohort_code", {"cohort_id", "cohorts"}}, {"candidate_id", {"candidate_id", "candidates"}}},
               .links = {}, .organisation_scope = "c.operator_id = ?", .candidate_scope = "x.candidate_id = ?"});

  t.push_back({.resource = "enrolments", .table = "enrolments",
               .from = "enrolments x JOIN candidates p ON p.id = x.candidate_id JOIN cohorts c ON c.id = x.cohort_id "
                       "JOIN tracks t ON t.id = c.track_id JOIN sites s ON s.id = c.site_id "
                       "JOIN organisations o ON o.id = c.operator_id",
               .select = {{"id", "x.id"}, {"candidate_id", "x.candidate_id"}, {"first_name", "p.first_name"},
                          {"last_name", "p.last_name"}, {"gender", "p.gender"}, {"cohort_code", "c.code"},
                          {"track_code", "t.code"}, {"region_code", "s.region_code"}, {"operator_code", "o.code"},
                          {"status", "x.status"}, {"exit_date", "x.exit_date"}, {"dropout_reason", "x.dropout_reason"},
                          {"created_at", "x.created_at"}, {"updated_at", "x.updated_at"}, {"version", "x.version"}},
               .filters = {{"cohort", "c.code = ?"}, {"candidate", "x.candidate_id = ?"}, {"status", "x.status = ?"},
                           {"organisation", "o.code = ?"}, {"track", "t.code = ?"}, {"region", "s.region_code = ?"}},
               .search = {"c.code", "p.last_name"},
               .references = {{"cohort_code", {"cohort_id", "cohorts"}}, {"candidate_id", {"candidate_id", "candidates"}}},
               .links = {}, .organisation_scope = "c.operator_id = ?", .candidate_scope = "x.candidate_id = ?"});

  t.push_back({.resource = "placements", .table = "placements",
               .from = "placements x JOIN candidates p ON p.id = x.candidate_id",
               .select = {{"id", "x.id"}, {"candidate_id", "x.candidate_id"}, {"first_name", "p.first_name"},
                          {"last_name", "p.last_name"}, {"employer_name", "x.employer_name"},
                          {"job_title", "x.job_title"}, {"contract_type", "x.contract_type"},
                          {"start_date", "x.start_date"}, {"end_date", "x.end_date"},
                          {"monthly_salary_mad", "x.monthly_salary_centimes / 100.0"},
                          {"evidence_note", "x.evidence_note"}, {"created_at", "x.created_at"},
                          {"updated_at", "x.updated_at"}, {"version", "x.version"}},
               .filters = {{"candidate", "x.candidate_id = ?"}, {"contract_type", "x.contract_type = ?"},
                           {"organisation", "x.candidate_id IN (SELECT e.candidate_id FROM enrolments e JOIN cohorts c ON c.id = e.cohort_id JOIN organisations o ON o.id = c.operator_id WHERE o.code = ?)"}},
               .search = {"x.employer_name", "x.job_title", "p.last_name"},
               .references = {{"candidate_id", {"candidate_id", "candidates"}}}, .links = {},
               .centimes = {{"monthly_salary_mad", "monthly_salary_centimes"}},
               .organisation_scope = kLearnerOfOperator, .candidate_scope = "x.candidate_id = ?"});

  t.push_back({.resource = "targets", .table = "convention_targets",
               .from = "convention_targets x JOIN conventions v ON v.id = x.convention_id LEFT JOIN tracks t ON t.id = x.track_id",
               .select = {{"id", "x.id"}, {"convention_code", "v.code"}, {"region_code", "x.region_code"},
                          {"track_code", "t.code"}, {"learners", "x.learners"}, {"start_date", "x.start_date"},
                          {"end_date", "x.end_date"}},
               .filters = {{"convention", "v.code = ?"}, {"region", "x.region_code = ?"}},
               .search = {"v.code", "v.title"},
               .references = {{"convention_code", {"convention_id", "conventions"}}, {"track_code", {"track_id", "tracks"}}},
               .links = {}, .organisation_scope = kConventionOfParty, .candidate_scope = ""});

  t.push_back({.resource = "tranches", .table = "payment_tranches",
               .from = "payment_tranches x JOIN conventions v ON v.id = x.convention_id",
               .select = {{"id", "x.id"}, {"convention_code", "v.code"}, {"basis", "x.basis"},
                          {"amount_mad", "x.amount_centimes / 100.0"}},
               .filters = {{"convention", "v.code = ?"}}, .search = {"v.code"},
               .references = {{"convention_code", {"convention_id", "conventions"}}}, .links = {},
               .centimes = {{"amount_mad", "amount_centimes"}},
               .organisation_scope = kConventionOfParty, .candidate_scope = ""});

  t.push_back({.resource = "offers", .table = "job_offers",
               .from = "job_offers x JOIN organisations o ON o.id = x.employer_id",
               .select = {{"id", "x.id"}, {"employer_code", "o.code"}, {"employer_name", "o.name"},
                          {"title", "x.title"}, {"description", "x.description"}, {"region_code", "x.region_code"},
                          {"city", "x.city"}, {"remote", "x.remote"}, {"contract_type", "x.contract_type"},
                          {"positions", "x.positions"}, {"salary_min_mad", "x.salary_min_centimes / 100.0"},
                          {"salary_max_mad", "x.salary_max_centimes / 100.0"}, {"start_date", "x.start_date"},
                          {"status", "x.status"},
                          {"hires", "(SELECT COUNT(*) FROM placements pl WHERE pl.offer_id = x.id)"},
                          {"created_at", "x.created_at"}, {"updated_at", "x.updated_at"}, {"version", "x.version"}},
               .filters = {{"status", "x.status = ?"}, {"region", "x.region_code = ?"}, {"organisation", "o.code = ?"},
                           {"contract_type", "x.contract_type = ?"},
                           {"skill", "x.id IN (SELECT u.offer_id FROM (SELECT offer_id, skill_code FROM offer_required_skills UNION ALL "
                                     "SELECT offer_id, skill_code FROM offer_nice_skills) u WHERE u.skill_code = ?)"}},
               .search = {"x.title", "o.name", "x.city"},
               .references = {{"employer_code", {"employer_id", "organisations"}}},
               .links = {{"required_skills", {"offer_required_skills", "offer_id", "skill_code", "", "skills"}},
                         {"nice_skills", {"offer_nice_skills", "offer_id", "skill_code", "", "skills"}}},
               .centimes = {{"salary_min_mad", "salary_min_centimes"}, {"salary_max_mad", "salary_max_centimes"}},
               .organisation_scope = "x.employer_id = ?",
               // Candidates see the open offers; the candidate id is bound but plays no part.
               .candidate_scope = "x.status = 'open' AND ? > 0"});
  return t;
}

}  // namespace

const ResourceTable& resource_table(std::string_view resource) {
  static const std::vector<ResourceTable> tables = build();
  for (const auto& t : tables)
    if (t.resource == resource) return t;
  throw std::logic_error("no table for resource " + std::string(resource));
}

}  // namespace jobintech::store
