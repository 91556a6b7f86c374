// The programme's resources, as the API, the imports and the pages see them.
#include "core/resource.h"

#include <algorithm>

namespace jobintech::core {

namespace {

using T = FieldType;

FieldSpec id() { return {.name = "id", .type = T::id, .writable = false}; }
FieldSpec stamp(const char* n) { return {.name = n, .type = T::timestamp, .writable = false}; }
FieldSpec version() { return {.name = "version", .type = T::integer, .writable = false}; }
FieldSpec shown(const char* n, FieldType t = T::text) { return {.name = n, .type = t, .writable = false}; }

void check_period(const Record& r, FieldErrors& errors) {
  auto s = r.find("start_date"), e = r.find("end_date");
  if (s == r.end() || e == r.end()) return;
  auto* a = std::get_if<std::string>(&s->second);
  auto* b = std::get_if<std::string>(&e->second);
  if (a && b && *b < *a) errors.push_back({"end_date", "end_before_start", {}});
}

std::string text_or_empty(const Record& r, const char* n) {
  auto it = r.find(n);
  if (it == r.end()) return "";
  auto* s = std::get_if<std::string>(&it->second);
  return s ? *s : "";
}

// Enrolled: no exit date. Left: an exit date; dropped out: a reason, and only then.
void check_enrolment(const Record& r, FieldErrors& errors) {
  const std::string status = text_or_empty(r, "status");
  const bool exit = !text_or_empty(r, "exit_date").empty(), reason = !text_or_empty(r, "dropout_reason").empty();
  if ((status.empty() || status == "enrolled") && exit) errors.push_back({"exit_date", "exit_date_while_enrolled", {}});
  if (!status.empty() && status != "enrolled" && !exit) errors.push_back({"exit_date", "exit_date_required", {}});
  if (status == "dropped_out" && !reason) errors.push_back({"dropout_reason", "dropout_reason_required", {}});
  if (status != "dropped_out" && reason) errors.push_back({"dropout_reason", "dropout_reason_only_when_dropped_out", {}});
}

const std::vector<std::string>* list_or_null(const Record& r, const char* n) {
  auto it = r.find(n);
  return it == r.end() ? nullptr : std::get_if<std::vector<std::string>>(&it->second);
}

// An offer names at least one skill, never the same one as required and nice to have, and a
// salary range that is a range.
void check_offer(const Record& r, FieldErrors& errors) {
  const auto* required = list_or_null(r, "required_skills");
  const auto* nice = list_or_null(r, "nice_skills");
  if ((!required || required->empty()) && (!nice || nice->empty()))
    errors.push_back({"required_skills", "offer_needs_skills", {}});
  if (required && nice)
    for (const auto& code : *required)
      if (std::find(nice->begin(), nice->end(), code) != nice->end())
        errors.push_back({"nice_skills", "skill_both_required_and_nice", {{"value", code}}});
  // Optional on create (one position, not remote), but never emptied afterwards.
  for (const char* n : {"positions", "remote"})
    if (auto it = r.find(n); it != r.end() && is_null(it->second)) errors.push_back({n, "required", {}});
  auto lo = r.find("salary_min_mad"), hi = r.find("salary_max_mad");
  if (lo != r.end() && hi != r.end()) {
    auto* a = std::get_if<double>(&lo->second);
    auto* b = std::get_if<double>(&hi->second);
    if (a && b && *b < *a) errors.push_back({"salary_max_mad", "salary_max_below_min", {}});
  }
}

std::int64_t int_or_zero(const Record& r, const char* n) {
  auto it = r.find(n);
  if (it == r.end()) return 0;
  auto* i = std::get_if<std::int64_t>(&it->second);
  return i ? *i : 0;
}

std::vector<ResourceSpec> build() {
  std::vector<ResourceSpec> all;

  all.push_back({
      .name = "regions", .singular = "region", .key = "code",
      .fields = {{.name = "code", .type = T::region, .writable = false},
                 shown("name_fr"), shown("name_ar"), shown("name_en"),
                 shown("population_share", T::decimal)},
      .filters = {}, .sortable = {"code", "name_fr"}, .deletable = false, .check_record = {}});

  all.push_back({
      .name = "organisations", .singular = "organisation", .key = "code",
      .fields = {id(),
                 {.name = "code", .type = T::code, .required = true},
                 {.name = "name", .type = T::text, .required = true, .max_length = 160},
                 {.name = "kind", .type = T::enumeration, .required = true,
                  .choices = {"ministry", "funder", "operator", "institution", "employer"}},
                 {.name = "region_code", .type = T::region},
                 // The profile employers keep up to date, and the person to contact there.
                 {.name = "description", .type = T::text, .max_length = 2000},
                 {.name = "website", .type = T::text, .max_length = 200},
                 {.name = "contact_name", .type = T::text, .personal = true, .max_length = 120},
                 {.name = "contact_email", .type = T::email, .personal = true},
                 {.name = "contact_phone", .type = T::phone, .personal = true},
                 stamp("created_at"), stamp("updated_at"), version()},
      .filters = {"kind", "region"}, .sortable = {"id", "code", "name", "kind"}, .deletable = true, .check_record = {}});

  all.push_back({
      .name = "sites", .singular = "site", .key = "code",
      .fields = {id(),
                 {.name = "code", .type = T::code, .required = true},
                 {.name = "name", .type = T::text, .required = true, .max_length = 160},
                 {.name = "organisation_code", .type = T::reference, .required = true, .references = "organisations"},
                 shown("organisation_name"),
                 {.name = "region_code", .type = T::region, .required = true},
                 {.name = "city", .type = T::text, .required = true, .max_length = 80},
                 stamp("created_at"), stamp("updated_at"), version()},
      .filters = {"region", "organisation"}, .sortable = {"id", "code", "name", "city", "region_code"},
      .deletable = true, .check_record = {}});

  all.push_back({
      .name = "conventions", .singular = "convention", .key = "code",
      .fields = {id(),
                 {.name = "code", .type = T::code, .required = true},
                 {.name = "title", .type = T::text, .required = true, .max_length = 240},
                 {.name = "start_date", .type = T::date, .required = true},
                 {.name = "end_date", .type = T::date, .required = true},
                 {.name = "learner_target", .type = T::integer, .min = 0, .max = 10'000'000},
                 {.name = "party_codes", .type = T::code_list, .references = "organisations"},
                 {.name = "region_codes", .type = T::code_list, .references = "regions"},
                 stamp("created_at"), stamp("updated_at"), version()},
      .filters = {"region", "organisation"}, .sortable = {"id", "code", "title", "start_date"},
      .deletable = true, .check_record = check_period});

  all.push_back({
      .name = "tracks", .singular = "track", .key = "code",
      .fields = {id(),
                 {.name = "code", .type = T::code, .required = true},
                 {.name = "name_fr", .type = T::text, .required = true, .max_length = 120},
                 {.name = "name_ar", .type = T::text, .required = true, .max_length = 120},
                 {.name = "name_en", .type = T::text, .required = true, .max_length = 120},
                 {.name = "duration_weeks", .type = T::integer, .required = true, .min = 1, .max = 104},
                 shown("skill_codes", T::code_list), version()},
      .filters = {}, .sortable = {"id", "code", "duration_weeks"}, .deletable = false, .check_record = {}});

  all.push_back({
      .name = "rounds", .singular = "round", .key = "code",
      .fields = {id(),
                 {.name = "code", .type = T::code, .required = true},
                 {.name = "name", .type = T::text, .required = true, .max_length = 160},
                 {.name = "opens_on", .type = T::date, .required = true},
                 {.name = "closes_on", .type = T::date, .required = true},
                 {.name = "max_choices", .type = T::integer, .min = 1, .max = 20},
                 {.name = "answer_days", .type = T::integer, .min = 1, .max = 60},
                 {.name = "min_age", .type = T::integer, .min = 14, .max = 99},
                 {.name = "max_age", .type = T::integer, .min = 14, .max = 99},
                 {.name = "min_education", .type = T::enumeration, .choices = {"bac", "bac2", "bac3", "bac5", "doctorate"}},
                 {.name = "precedence", .type = T::enumeration,
                  .choices = {"open,women,local", "open,local,women", "women,open,local", "women,local,open",
                              "local,open,women", "local,women,open"}},
                 {.name = "lottery_seed", .type = T::text, .writable = false, .generated = true},
                 {.name = "status", .type = T::enumeration, .choices = {"draft", "open", "closed", "finished"}},
                 stamp("created_at"), stamp("updated_at"), version()},
      .filters = {"status"}, .sortable = {"id", "code", "opens_on", "closes_on", "status"},
      .deletable = true,
      .check_record = [](const Record& r, FieldErrors& errors) {
        auto o = r.find("opens_on"), c = r.find("closes_on");
        if (o != r.end() && c != r.end()) {
          auto* a = std::get_if<std::string>(&o->second);
          auto* b = std::get_if<std::string>(&c->second);
          if (a && b && *b < *a) errors.push_back({"closes_on", "end_before_start", {}});
        }
        const auto lo = r.find("min_age"), hi = r.find("max_age");
        if (lo != r.end() && hi != r.end() && std::holds_alternative<std::int64_t>(lo->second) &&
            std::holds_alternative<std::int64_t>(hi->second) &&
            std::get<std::int64_t>(hi->second) < std::get<std::int64_t>(lo->second))
          errors.push_back({"max_age", "too_small", {{"min", std::to_string(std::get<std::int64_t>(lo->second))}}});
      },
      .transitions = {{"draft", {"open"}}, {"open", {"closed"}}, {"closed", {"open", "finished"}}, {"finished", {}}}});

  all.push_back({
      .name = "cohorts", .singular = "cohort", .key = "code",
      .fields = {id(),
                 {.name = "code", .type = T::code, .required = true},
                 {.name = "track_code", .type = T::reference, .required = true, .references = "tracks"},
                 {.name = "site_code", .type = T::reference, .required = true, .references = "sites"},
                 shown("site_name"), shown("region_code", T::region), shown("city"),
                 {.name = "operator_code", .type = T::reference, .required = true, .references = "organisations"},
                 shown("operator_name"),
                 {.name = "start_date", .type = T::date, .required = true},
                 {.name = "end_date", .type = T::date, .required = true},
                 {.name = "capacity", .type = T::integer, .required = true, .min = 1, .max = 10'000},
                 {.name = "reserved_women", .type = T::integer, .min = 0, .max = 10'000},
                 {.name = "reserved_local", .type = T::integer, .min = 0, .max = 10'000},
                 {.name = "status", .type = T::enumeration,
                  .choices = {"planned", "open", "selecting", "running", "closed"}},
                 {.name = "round_code", .type = T::reference, .references = "rounds"},
                 {.name = "admission_area", .type = T::enumeration, .choices = {"national", "regional"}},
                 {.name = "weight_test", .type = T::decimal, .min = 0, .max = 10},
                 {.name = "weight_interview", .type = T::decimal, .min = 0, .max = 10},
                 stamp("created_at"), stamp("updated_at"), version()},
      .filters = {"region", "organisation", "track", "status", "site", "round"},
      .sortable = {"id", "code", "start_date", "capacity", "status", "region_code"},
      .deletable = true,
      .check_record = [](const Record& r, FieldErrors& errors) {
        check_period(r, errors);
        if (int_or_zero(r, "reserved_women") + int_or_zero(r, "reserved_local") > int_or_zero(r, "capacity"))
          errors.push_back({"reserved_women", "reserves_exceed_capacity", {}});
      },
      .transitions = {{"planned", {"open"}}, {"open", {"selecting", "planned"}}, {"selecting", {"running"}},
                      {"running", {"closed"}}, {"closed", {}}}});

  all.push_back({
      .name = "candidates", .singular = "candidate", .key = "cin",
      .fields = {id(),
                 {.name = "cin", .type = T::cin, .required = true, .personal = true},
                 {.name = "first_name", .type = T::text, .required = true, .personal = true, .max_length = 80},
                 {.name = "last_name", .type = T::text, .required = true, .personal = true, .max_length = 80},
                 {.name = "gender", .type = T::enumeration, .required = true, .choices = {"F", "M"}},
                 {.name = "birth_date", .type = T::date, .required = true, .personal = true},
                 {.name = "region_code", .type = T::region, .required = true},
                 {.name = "email", .type = T::email, .personal = true},
                 {.name = "phone", .type = T::phone, .personal = true},
                 {.name = "education_level", .type = T::enumeration, .required = true,
                  .choices = {"bac", "bac2", "bac3", "bac5", "doctorate", "other"}},
                 stamp("created_at"), stamp("updated_at"), version()},
      .filters = {"region", "gender", "education_level", "organisation", "cohort"},
      .sortable = {"id", "last_name", "region_code", "birth_date"},
      .deletable = true,
      .check_record = [](const Record& r, FieldErrors& errors) {
        auto b = r.find("birth_date");
        if (b == r.end()) return;
        auto* s = std::get_if<std::string>(&b->second);
        if (s && (*s < "1940-01-01" || *s > "2015-12-31")) errors.push_back({"birth_date", "birth_date_range", {}});
      }});

  all.push_back({
      .name = "applications", .singular = "application", .key = "",
      .fields = {id(),
                 {.name = "candidate_id", .type = T::reference_id, .required = true, .references = "candidates"},
                 {.name = "cohort_code", .type = T::reference, .required = true, .references = "cohorts"},
                 shown("track_code"), shown("region_code", T::region), shown("operator_code"),
                 {.name = "rank", .type = T::integer, .required = true, .min = 1, .max = 20},
                 {.name = "score", .type = T::decimal, .min = 0, .max = 1000},
                 {.name = "test_score", .type = T::decimal, .min = 0, .max = 100},
                 {.name = "interview_score", .type = T::decimal, .min = 0, .max = 100},
                 shown("ineligible_reason"),
                 {.name = "status", .type = T::enumeration,
                  .choices = {"draft", "submitted", "eligible", "ineligible", "offered", "accepted", "declined", "expired"}},
                 stamp("created_at"), stamp("updated_at"), version()},
      .filters = {"cohort", "candidate", "status", "organisation", "track", "region"},
      .sortable = {"id", "rank", "score", "status"},
      .deletable = true, .check_record = {},
      .transitions = {{"draft", {"submitted"}}, {"submitted", {"eligible", "ineligible"}}, {"eligible", {"offered"}},
                      {"ineligible", {}}, {"offered", {"accepted", "declined", "expired"}}, {"accepted", {}},
                      {"declined", {}}, {"expired", {}}}});


  // A learner's place in a cohort: enrolled until they graduate, drop out (with a reason) or fail.
  all.push_back({
      .name = "enrolments", .singular = "enrolment", .key = "",
      .fields = {id(),
                 {.name = "candidate_id", .type = T::reference_id, .required = true, .references = "candidates"},
                 {.name = "first_name", .type = T::text, .writable = false, .personal = true},
                 {.name = "last_name", .type = T::text, .writable = false, .personal = true},
                 shown("gender"),
                 {.name = "cohort_code", .type = T::reference, .required = true, .references = "cohorts"},
                 shown("track_code"), shown("region_code", T::region), shown("operator_code"),
                 {.name = "status", .type = T::enumeration, .choices = {"enrolled", "graduated", "dropped_out", "failed"}},
                 {.name = "exit_date", .type = T::date},
                 {.name = "dropout_reason", .type = T::text, .max_length = 200},
                 stamp("created_at"), stamp("updated_at"), version()},
      .filters = {"cohort", "candidate", "status", "organisation", "track", "region"},
      .sortable = {"id", "status", "exit_date"},
      .deletable = true, .check_record = check_enrolment,
      .transitions = {{"enrolled", {"graduated", "dropped_out", "failed"}}, {"graduated", {}}, {"dropped_out", {}},
                      {"failed", {}}}});

  // A job held by a learner: qualifying for the insertion indicators unless an internship.
  all.push_back({
      .name = "placements", .singular = "placement", .key = "",
      .fields = {id(),
                 {.name = "candidate_id", .type = T::reference_id, .required = true, .references = "candidates"},
                 {.name = "first_name", .type = T::text, .writable = false, .personal = true},
                 {.name = "last_name", .type = T::text, .writable = false, .personal = true},
                 {.name = "employer_name", .type = T::text, .required = true, .max_length = 160},
                 {.name = "job_title", .type = T::text, .required = true, .max_length = 160},
                 {.name = "contract_type", .type = T::enumeration, .required = true,
                  .choices = {"cdi", "cdd", "freelance", "self_employed", "internship"}},
                 {.name = "start_date", .type = T::date, .required = true},
                 {.name = "end_date", .type = T::date},
                 {.name = "monthly_salary_mad", .type = T::decimal, .personal = true, .min = 0, .max = 10'000'000},
                 {.name = "evidence_note", .type = T::text, .max_length = 500},
                 stamp("created_at"), stamp("updated_at"), version()},
      .filters = {"candidate", "contract_type", "organisation"},
      .sortable = {"id", "start_date", "contract_type"},
      .deletable = true, .check_record = check_period});

  // A convention's learner target, for a region and a track or for all, over a period (empty:
  // the convention's).
  all.push_back({
      .name = "targets", .singular = "target", .key = "",
      .fields = {id(),
                 {.name = "convention_code", .type = T::reference, .required = true, .references = "conventions"},
                 {.name = "region_code", .type = T::region},
                 {.name = "track_code", .type = T::reference, .references = "tracks"},
                 {.name = "learners", .type = T::integer, .required = true, .min = 0, .max = 10'000'000},
                 {.name = "start_date", .type = T::date},
                 {.name = "end_date", .type = T::date}},
      .filters = {"convention", "region"}, .sortable = {"id", "learners"},
      .deletable = true, .check_record = check_period});

  // What a convention pays its operators per learner on each basis (docs/payments.md).
  all.push_back({
      .name = "tranches", .singular = "tranche", .key = "",
      .fields = {id(),
                 {.name = "convention_code", .type = T::reference, .required = true, .references = "conventions"},
                 {.name = "basis", .type = T::enumeration, .required = true,
                  .choices = {"enrolled", "certified", "inserted_6m"}},
                 {.name = "amount_mad", .type = T::decimal, .required = true, .min = 0, .max = 10'000'000}},
      .filters = {"convention"}, .sortable = {"id", "basis"},
      .deletable = true, .check_record = {}});

  // An employer's job offer: where, what contract, how many positions, and the skills it requires
  // or would like (docs/matching.md). Candidates see the open ones.
  all.push_back({
      .name = "offers", .singular = "offer", .key = "",
      .fields = {id(),
                 {.name = "employer_code", .type = T::reference, .required = true, .references = "organisations"},
                 shown("employer_name"),
                 {.name = "title", .type = T::text, .required = true, .max_length = 160},
                 {.name = "description", .type = T::text, .max_length = 4000},
                 {.name = "region_code", .type = T::region, .required = true},
                 {.name = "city", .type = T::text, .max_length = 80},
                 {.name = "remote", .type = T::integer, .min = 0, .max = 1},
                 {.name = "contract_type", .type = T::enumeration, .required = true,
                  .choices = {"cdi", "cdd", "freelance", "self_employed", "internship"}},
                 {.name = "positions", .type = T::integer, .min = 1, .max = 1000},
                 {.name = "salary_min_mad", .type = T::decimal, .min = 0, .max = 10'000'000},
                 {.name = "salary_max_mad", .type = T::decimal, .min = 0, .max = 10'000'000},
                 {.name = "start_date", .type = T::date},
                 {.name = "required_skills", .type = T::code_list, .references = "skills"},
                 {.name = "nice_skills", .type = T::code_list, .references = "skills"},
                 {.name = "status", .type = T::enumeration, .choices = {"open", "filled", "closed"}},
                 shown("hires", T::integer),
                 stamp("created_at"), stamp("updated_at"), version()},
      .filters = {"status", "region", "organisation", "skill", "contract_type"},
      .sortable = {"id", "title", "start_date", "status"},
      .deletable = true, .check_record = check_offer,
      .transitions = {{"open", {"filled", "closed"}}, {"filled", {"open", "closed"}}, {"closed", {"open"}}}});
  return all;
}

}  // namespace

const std::vector<ResourceSpec>& all_resources() {
  static const std::vector<ResourceSpec> resources = build();
  return resources;
}

}  // namespace jobintech::core
