#include "app/training_service.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <set>

#include "app/credentials.h"
#include "core/date.h"
#include "core/validation.h"
#include "io/csv_reader.h"
#include "app/audit_entry.h"
#include "store/audit_log.h"
#include "store/data_version.h"
#include "store/sql.h"
#include "store/transaction.h"

namespace jobintech::app {

namespace {


// Why the actor may not work on this cohort's training, if she may not: an operator does not
// even learn that another operator's cohort exists.
std::optional<OutcomeKind> refusal(const Actor& actor, std::int64_t operator_id) {
  if (actor.role == Role::admin) return std::nullopt;
  if (actor.role == Role::operator_staff)
    return actor.organisation_id == operator_id ? std::nullopt : std::optional(OutcomeKind::not_found);
  return OutcomeKind::forbidden;
}

template <typename R>
R refused(OutcomeKind why) {
  return R::fail(why, why == OutcomeKind::forbidden ? "forbidden" : "not_found");
}

// Staff as above, and the learner herself, may read a learner's record.
std::optional<OutcomeKind> read_refusal(const Actor& actor, std::int64_t operator_id, std::int64_t candidate_id) {
  if (actor.role == Role::candidate)
    return actor.candidate_id == candidate_id ? std::nullopt : std::optional(OutcomeKind::not_found);
  return refusal(actor, operator_id);
}

CohortAttendance compute_attendance(store::TrainingRepository& repo, const store::TrainingCohortRow& cohort,
                                    std::optional<double> threshold) {
  CohortAttendance out;
  out.cohort = cohort;
  out.threshold = threshold;
  std::set<std::string> days;
  for (const auto& a : repo.attendance(cohort.id)) {
    days.insert(a.day);
    out.marks[a.enrolment_id][a.day] = a.present;
  }
  out.days.assign(days.begin(), days.end());
  for (auto& learner : repo.learners(cohort.id)) {
    LearnerAttendance l{.learner = std::move(learner)};
    if (auto it = out.marks.find(l.learner.enrolment_id); it != out.marks.end()) {
      l.days = static_cast<int>(it->second.size());
      l.present =
          static_cast<int>(std::count_if(it->second.begin(), it->second.end(), [](const auto& m) { return m.second; }));
    }
    if (l.days > 0) l.rate = static_cast<double>(l.present) / l.days;
    if (threshold && l.rate && *l.rate < *threshold && l.learner.status == "enrolled") out.below_threshold.push_back(l);
    out.learners.push_back(std::move(l));
  }
  return out;
}

std::vector<SkillAssessment> skill_states(const std::vector<store::SkillRow>& skills,
                                          const std::vector<store::AssessmentRow>& rows) {
  std::vector<SkillAssessment> out;
  for (const auto& skill : skills) {
    SkillAssessment s{.skill = skill, .state = "none"};
    for (const auto& r : rows) {
      if (r.skill_code != skill.code) continue;
      s.state = r.validated ? "validated" : "not_validated";
      s.assessed_on = r.assessed_on;
    }
    out.push_back(std::move(s));
  }
  return out;
}

// A session day must be a date within the cohort's dates and not after today.
void check_day(const std::string& day, const store::TrainingCohortRow& cohort, const std::string& field,
               core::FieldErrors& errors) {
  if (!core::parse_date(day)) {
    errors.push_back({field, "date_format", {}});
  } else if (day < cohort.start_date || day > cohort.end_date) {
    errors.push_back({field, "day_outside_cohort", {{"start", cohort.start_date}, {"end", cohort.end_date}}});
  } else if (day > core::today_text()) {
    errors.push_back({field, "day_in_future", {}});
  }
}

}  // namespace

std::string new_verification_code() {
  static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz234567";
  std::array<unsigned char, 16> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (unsigned char b : bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += kAlphabet[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (5 - bits)) & 31];
  return out;  // 26 characters
}

std::optional<bool> parse_presence(std::string_view text) {
  const std::string t = core::to_lower_ascii(core::trim(text));
  if (t == "1" || t == "oui" || t == "yes" || t == "vrai" || t == "true" || t == "o" || t == "y") return true;
  if (t == "0" || t == "non" || t == "no" || t == "faux" || t == "false" || t == "n") return false;
  return std::nullopt;
}

Result<store::TrainingCohortRow> TrainingService::cohort(const Actor& actor, std::int64_t cohort_id) {
  using R = Result<store::TrainingCohortRow>;
  if (!trains(actor)) return R::fail(OutcomeKind::forbidden, "forbidden");
  auto conn = db_.connect();
  store::TrainingRepository repo(conn.session());
  auto cohort = repo.cohort(cohort_id);
  if (!cohort) return R::fail(OutcomeKind::not_found, "not_found");
  if (auto why = refusal(actor, cohort->operator_id)) return refused<R>(*why);
  return {OutcomeKind::ok, *cohort, {}, ""};
}

Result<store::LearnerRow> TrainingService::learner(const Actor& actor, std::int64_t enrolment_id) {
  using R = Result<store::LearnerRow>;
  if (!trains(actor)) return R::fail(OutcomeKind::forbidden, "forbidden");
  auto conn = db_.connect();
  store::TrainingRepository repo(conn.session());
  auto learner = repo.learner(enrolment_id);
  if (!learner) return R::fail(OutcomeKind::not_found, "not_found");
  auto cohort = repo.cohort(learner->cohort_id);
  if (auto why = refusal(actor, cohort->operator_id)) return refused<R>(*why);
  return {OutcomeKind::ok, *learner, {}, ""};
}

Result<CohortAttendance> TrainingService::attendance(const Actor& actor, std::int64_t cohort_id,
                                                     std::optional<double> threshold) {
  using R = Result<CohortAttendance>;
  if (!trains(actor)) return R::fail(OutcomeKind::forbidden, "forbidden");
  auto conn = db_.connect();
  store::TrainingRepository repo(conn.session());
  auto cohort = repo.cohort(cohort_id);
  if (!cohort) return R::fail(OutcomeKind::not_found, "not_found");
  if (auto why = refusal(actor, cohort->operator_id)) return refused<R>(*why);
  return {OutcomeKind::ok, compute_attendance(repo, *cohort, threshold), {}, ""};
}

Result<CohortTraining> TrainingService::training(const Actor& actor, std::int64_t cohort_id, double threshold) {
  using R = Result<CohortTraining>;
  if (!trains(actor)) return R::fail(OutcomeKind::forbidden, "forbidden");
  auto conn = db_.connect();
  store::TrainingRepository repo(conn.session());
  auto cohort = repo.cohort(cohort_id);
  if (!cohort) return R::fail(OutcomeKind::not_found, "not_found");
  if (auto why = refusal(actor, cohort->operator_id)) return refused<R>(*why);
  R out;
  out.value.attendance = compute_attendance(repo, *cohort, threshold);
  out.value.skills = repo.track_skills(cohort->track_id);
  for (const auto& l : out.value.attendance.learners) {
    out.value.assessments[l.learner.enrolment_id] =
        skill_states(out.value.skills, repo.assessments(l.learner.enrolment_id));
  }
  return out;
}

Result<CohortAttendance> TrainingService::record_attendance(const Actor& actor, std::int64_t cohort_id,
                                                            const AttendanceSheet& sheet) {
  using R = Result<CohortAttendance>;
  if (!trains(actor)) return R::fail(OutcomeKind::forbidden, "forbidden");
  auto conn = db_.connect();
  auto& sql = conn.session();
  store::TrainingRepository repo(sql);
  store::Transaction tx(sql);
  auto cohort = repo.cohort(cohort_id);
  if (!cohort) return R::fail(OutcomeKind::not_found, "not_found");
  if (auto why = refusal(actor, cohort->operator_id)) return refused<R>(*why);

  core::FieldErrors errors;
  check_day(sheet.day, *cohort, "day", errors);
  std::set<std::int64_t> learners;
  for (const auto& l : repo.learners(cohort_id)) learners.insert(l.enrolment_id);
  if (sheet.present.empty() && sheet.absent.empty()) errors.push_back({"present", "required", {}});
  std::set<std::int64_t> seen_present, seen;
  for (const auto* list : {&sheet.present, &sheet.absent}) {
    const std::string name = list == &sheet.present ? "present" : "absent";
    for (std::size_t i = 0; i < list->size(); ++i) {
      const std::string field = name + "[" + std::to_string(i) + "]";
      const std::int64_t id = (*list)[i];
      if (!learners.count(id)) {
        errors.push_back({field, "not_in_cohort", {{"value", std::to_string(id)}}});
      } else if (list == &sheet.absent && seen_present.count(id)) {
        errors.push_back({field, "present_and_absent", {{"value", std::to_string(id)}}});
      } else if (!seen.insert(id).second) {
        errors.push_back({field, "duplicate", {}});
      } else if (list == &sheet.present) {
        seen_present.insert(id);
      }
    }
  }
  if (!errors.empty()) return R::fail(OutcomeKind::invalid, "invalid_input", std::move(errors));

  for (const auto id : sheet.present) repo.put_attendance(id, sheet.day, true);
  for (const auto id : sheet.absent) repo.put_attendance(id, sheet.day, false);
  const nlohmann::json detail = {{"day", sheet.day}, {"present", sheet.present}, {"absent", sheet.absent}};
  store::append_audit(sql, audit_entry(actor, "attendance", "cohorts", cohort_id, detail.dump()));
  store::commit_write(sql, tx);
  return {OutcomeKind::ok, compute_attendance(repo, *cohort, std::nullopt), {}, ""};
}

Result<ImportReport> TrainingService::import_attendance(const Actor& actor, std::int64_t cohort_id,
                                                        std::string_view bytes) {
  using R = Result<ImportReport>;
  if (!trains(actor)) return R::fail(OutcomeKind::forbidden, "forbidden");
  auto conn = db_.connect();
  auto& sql = conn.session();
  store::TrainingRepository repo(sql);
  store::Transaction tx(sql);  // rolls back unless committed below: nothing is half-written
  auto cohort = repo.cohort(cohort_id);
  if (!cohort) return R::fail(OutcomeKind::not_found, "not_found");
  if (auto why = refusal(actor, cohort->operator_id)) return refused<R>(*why);

  R out;
  out.kind = OutcomeKind::invalid;
  out.message_code = "import_rejected";
  ImportReport& report = out.value;
  report.kind = "attendance";
  auto parsed = io::parse_csv(bytes);
  if (parsed.table) {
    report.encoding = io::encoding_name(parsed.table->encoding);
    report.separator = std::string(1, parsed.table->separator);
  }
  for (const auto& e : parsed.errors)
    report.issues.push_back({e.line, "", {"", "csv_" + e.code, {{"detail", e.detail}}}});
  if (!parsed.table) return out;
  const auto& table = *parsed.table;
  report.rows = table.rows.size();
  std::array<std::size_t, 3> col{};
  const std::array<const char*, 3> names = {"cin", "day", "present"};
  for (std::size_t k = 0; k < names.size(); ++k) {
    auto c = table.column(names[k]);
    if (!c)
      report.issues.push_back({1, names[k], {names[k], "missing_column", {}}});
    else
      col[k] = *c;
  }
  for (const auto& h : table.header) {
    if (std::find_if(names.begin(), names.end(), [&](const char* n) { return h == n; }) == names.end())
      report.issues.push_back({1, h, {h, "unknown_column", {}}});
  }
  if (!report.issues.empty()) return out;
  if (report.rows == 0) {
    report.issues.push_back({0, "", {"", "no_rows", {}}});
    return out;
  }

  std::map<std::string, std::int64_t> by_cin;
  for (const auto& l : repo.learners(cohort_id)) by_cin[core::to_upper_ascii(l.cin)] = l.enrolment_id;
  std::map<std::int64_t, std::map<std::string, bool>> stored;
  for (const auto& a : repo.attendance(cohort_id)) stored[a.enrolment_id][a.day] = a.present;
  struct Line {
    std::int64_t enrolment_id;
    std::string day;
    bool present;
  };
  std::vector<Line> lines;
  std::map<std::pair<std::int64_t, std::string>, std::size_t> first_line;
  for (const auto& row : table.rows) {
    const std::size_t before = report.issues.size();
    const std::string cin = core::to_upper_ascii(core::trim(row.fields[col[0]]));
    std::optional<std::int64_t> enrolment;
    if (cin.empty()) {
      report.issues.push_back({row.line, "cin", {"cin", "required", {}}});
    } else if (auto it = by_cin.find(cin); it == by_cin.end()) {
      report.issues.push_back({row.line, "cin", {"cin", "not_a_learner_of_cohort", {{"value", cin}}}});
    } else {
      enrolment = it->second;
    }
    const std::string day_text = core::trim(row.fields[col[1]]);
    std::string day;
    if (day_text.empty()) {
      report.issues.push_back({row.line, "day", {"day", "required", {}}});
    } else if (auto d = core::parse_date(day_text, true); !d) {
      report.issues.push_back({row.line, "day", {"day", "date_format", {}}});
    } else {
      day = core::format_date(*d);
      core::FieldErrors e;
      check_day(day, *cohort, "day", e);
      for (auto& x : e) report.issues.push_back({row.line, "day", std::move(x)});
    }
    const auto present = parse_presence(row.fields[col[2]]);
    if (!present) report.issues.push_back({row.line, "present", {"present", "presence_format", {}}});
    if (report.issues.size() != before) continue;
    auto [it, inserted] = first_line.try_emplace({*enrolment, day}, row.line);
    if (!inserted) {
      report.issues.push_back({row.line, "day", {"day", "duplicate_in_file", {{"line", std::to_string(it->second)}}}});
      continue;
    }
    lines.push_back({*enrolment, day, *present});
  }
  if (!report.issues.empty()) return out;

  for (const auto& l : lines) {
    auto s = stored.find(l.enrolment_id);
    std::optional<bool> old;
    if (s != stored.end()) {
      if (auto d = s->second.find(l.day); d != s->second.end()) old = d->second;
    }
    if (!old)
      ++report.created;
    else if (*old != l.present)
      ++report.updated;
    else {
      ++report.unchanged;
      continue;
    }
    repo.put_attendance(l.enrolment_id, l.day, l.present);
  }
  store::append_audit(
      sql, audit_entry(actor, "import", "attendance", cohort_id,
                 "rows=" + std::to_string(report.rows) + " created=" + std::to_string(report.created) +
                     " updated=" + std::to_string(report.updated) + " unchanged=" + std::to_string(report.unchanged)));
  store::commit_write(sql, tx);
  report.applied = true;
  out.kind = OutcomeKind::ok;
  out.message_code.clear();
  return out;
}

Result<EnrolmentAssessments> TrainingService::assessments(const Actor& actor, std::int64_t enrolment_id) {
  using R = Result<EnrolmentAssessments>;
  if (!trains(actor) && actor.role != Role::candidate) return R::fail(OutcomeKind::forbidden, "forbidden");
  auto conn = db_.connect();
  store::TrainingRepository repo(conn.session());
  auto learner = repo.learner(enrolment_id);
  if (!learner) return R::fail(OutcomeKind::not_found, "not_found");
  auto cohort = repo.cohort(learner->cohort_id);
  if (auto why = read_refusal(actor, cohort->operator_id, learner->candidate_id)) return refused<R>(*why);
  R out;
  out.value.cohort = *cohort;
  out.value.learner = *learner;
  out.value.skills = skill_states(repo.track_skills(cohort->track_id), repo.assessments(enrolment_id));
  return out;
}

Result<EnrolmentAssessments> TrainingService::record_assessments(const Actor& actor, std::int64_t enrolment_id,
                                                                 const AssessmentSheet& sheet) {
  using R = Result<EnrolmentAssessments>;
  if (!trains(actor)) return R::fail(OutcomeKind::forbidden, "forbidden");
  {
    auto conn = db_.connect();
    auto& sql = conn.session();
    store::TrainingRepository repo(sql);
    store::Transaction tx(sql);
    auto learner = repo.learner(enrolment_id);
    if (!learner) return R::fail(OutcomeKind::not_found, "not_found");
    auto cohort = repo.cohort(learner->cohort_id);
    if (auto why = refusal(actor, cohort->operator_id)) return refused<R>(*why);
    core::FieldErrors errors;
    if (!core::parse_date(sheet.assessed_on))
      errors.push_back({"assessed_on", "date_format", {}});
    else if (sheet.assessed_on > core::today_text())
      errors.push_back({"assessed_on", "day_in_future", {}});
    if (sheet.skills.empty()) errors.push_back({"skills", "required", {}});
    std::set<std::string> track;
    for (const auto& s : repo.track_skills(cohort->track_id)) track.insert(s.code);
    std::set<std::string> seen;
    for (const auto& [code, validated] : sheet.skills) {
      if (!track.count(code)) {
        errors.push_back({"skills." + code, "skill_not_in_track", {{"value", code}, {"track", cohort->track_code}}});
      } else if (!seen.insert(code).second) {
        errors.push_back({"skills." + code, "duplicate", {}});
      }
    }
    if (!errors.empty()) return R::fail(OutcomeKind::invalid, "invalid_input", std::move(errors));
    const auto before = repo.assessments(enrolment_id);
    nlohmann::json before_json = nlohmann::json::object(), after_json = nlohmann::json::object();
    for (const auto& a : before)
      before_json[a.skill_code] = {{"validated", a.validated}, {"assessed_on", a.assessed_on}};
    for (const auto& [code, validated] : sheet.skills) {
      repo.put_assessment(enrolment_id, code, validated, sheet.assessed_on);
      after_json[code] = {{"validated", validated}, {"assessed_on", sheet.assessed_on}};
    }
    auto entry = audit_entry(actor, "assess", "enrolments", enrolment_id, "");
    entry.detail.reset();
    entry.before_json = before_json.dump();
    entry.after_json = after_json.dump();
    store::append_audit(sql, entry);
    store::commit_write(sql, tx);
  }
  return assessments(actor, enrolment_id);
}

std::vector<std::string> TrainingService::validated_skills(std::int64_t candidate_id) {
  auto conn = db_.connect();
  store::TrainingRepository repo(conn.session());
  return repo.validated_skills(candidate_id);
}

Result<store::CertificateRow> TrainingService::issue_certificate(const Actor& actor, std::int64_t enrolment_id) {
  using R = Result<store::CertificateRow>;
  if (!trains(actor)) return R::fail(OutcomeKind::forbidden, "forbidden");
  auto conn = db_.connect();
  auto& sql = conn.session();
  store::TrainingRepository repo(sql);
  {
    store::Transaction tx(sql);
    auto learner = repo.learner(enrolment_id);
    if (!learner) return R::fail(OutcomeKind::not_found, "not_found");
    auto cohort = repo.cohort(learner->cohort_id);
    if (auto why = refusal(actor, cohort->operator_id)) return refused<R>(*why);
    if (auto existing = repo.certificate_of_enrolment(enrolment_id)) return {OutcomeKind::ok, *existing, {}, ""};
    if (learner->status != "graduated" || learner->exit_date.empty())
      return R::fail(OutcomeKind::conflict, "not_graduated");
    try {
      const auto id = repo.insert_certificate(enrolment_id, new_verification_code(), core::today_text(), core::now_utc());
      store::append_audit(sql, audit_entry(actor, "issue", "certificates", id, "enrolment " + std::to_string(enrolment_id)));
      store::commit_write(sql, tx);
    } catch (const soci::soci_error& e) {
      // Two requests at once: the other one issued it; answer with that one.
      if (!store::is_unique_violation(e)) throw;
      tx.rollback();
      if (auto existing = repo.certificate_of_enrolment(enrolment_id)) return {OutcomeKind::ok, *existing, {}, ""};
      throw;
    }
  }
  return {OutcomeKind::created, *repo.certificate_of_enrolment(enrolment_id), {}, ""};
}

Result<store::CertificateRow> TrainingService::certificate(const Actor& actor, std::int64_t certificate_id) {
  using R = Result<store::CertificateRow>;
  if (!trains(actor) && actor.role != Role::candidate) return R::fail(OutcomeKind::forbidden, "forbidden");
  auto conn = db_.connect();
  store::TrainingRepository repo(conn.session());
  auto c = repo.certificate(certificate_id);
  if (!c) return R::fail(OutcomeKind::not_found, "not_found");
  if (auto why = read_refusal(actor, c->operator_id, c->candidate_id)) return refused<R>(*why);
  return {OutcomeKind::ok, *c, {}, ""};
}

Result<store::CertificateRow> TrainingService::certificate_of_enrolment(const Actor& actor, std::int64_t enrolment_id) {
  using R = Result<store::CertificateRow>;
  std::optional<store::CertificateRow> c;
  {
    auto conn = db_.connect();
    c = store::TrainingRepository(conn.session()).certificate_of_enrolment(enrolment_id);
  }
  if (!c) return R::fail(OutcomeKind::not_found, "not_found");
  return certificate(actor, c->id);
}

Result<store::CertificateRow> TrainingService::revoke_certificate(const Actor& actor, std::int64_t certificate_id,
                                                                  const std::string& reason) {
  using R = Result<store::CertificateRow>;
  if (!trains(actor)) return R::fail(OutcomeKind::forbidden, "forbidden");
  auto conn = db_.connect();
  auto& sql = conn.session();
  store::TrainingRepository repo(sql);
  store::Transaction tx(sql);
  auto c = repo.certificate(certificate_id);
  if (!c) return R::fail(OutcomeKind::not_found, "not_found");
  if (auto why = refusal(actor, c->operator_id)) return refused<R>(*why);
  auto text = core::check_text(reason, 200);
  if (!text.ok()) return R::fail(OutcomeKind::invalid, "invalid_input", {{"reason", text.error, {{"max", "200"}}}});
  if (!c->revoked_on.empty()) return R::fail(OutcomeKind::conflict, "certificate_already_revoked");
  repo.revoke_certificate(certificate_id, core::today_text(), text.value);
  auto entry = audit_entry(actor, "revoke", "certificates", certificate_id, text.value);
  store::append_audit(sql, entry);
  store::commit_write(sql, tx);
  return {OutcomeKind::ok, *repo.certificate(certificate_id), {}, ""};
}

Result<Verification> TrainingService::verify(const std::string& code) {
  using R = Result<Verification>;
  const std::string normalised = core::to_lower_ascii(core::trim(code));
  if (normalised.empty() || normalised.size() > 64) return R::fail(OutcomeKind::not_found, "certificate_unknown");
  auto conn = db_.connect();
  store::TrainingRepository repo(conn.session());
  auto c = repo.certificate_by_code(normalised);
  if (!c) return R::fail(OutcomeKind::not_found, "certificate_unknown");
  return {OutcomeKind::ok,
          Verification{.first_name = c->first_name,
                       .last_name = c->last_name,
                       .cohort_code = c->cohort_code,
                       .graduated_on = c->graduated_on,
                       .track_code = c->track_code,
                       .track_name_fr = c->track_name_fr,
                       .track_name_ar = c->track_name_ar,
                       .track_name_en = c->track_name_en,
                       .revoked_on = c->revoked_on},
          {},
          ""};
}

}  // namespace jobintech::app
