#include "app/payment_service.h"

#include "core/date.h"
#include "store/audit_log.h"
#include "store/outcomes_repository.h"

namespace jobintech::app {

namespace {

std::string date_text(outcomes::Day d) { return core::format_date(core::civil_from_days(d)); }

}  // namespace

Result<Statement> PaymentService::statement(const Actor& actor, const std::map<std::string, std::string>& query) {
  using R = Result<Statement>;
  const bool office = actor.role == Role::admin, steering = actor.role == Role::steering,
             op = actor.role == Role::operator_staff;
  if (!office && !steering && !op) return R::fail(OutcomeKind::forbidden, "not_allowed_for_role");
  core::FieldErrors errors;
  auto get = [&](const char* name) {
    auto it = query.find(name);
    return it == query.end() ? std::string() : it->second;
  };
  for (const auto& [key, value] : query)
    if (key != "operator" && key != "from" && key != "to" && key != "format" && key != "lang")
      errors.push_back({key, "unknown_parameter", {}});
  std::string operator_code = get("operator");
  if (op) {
    if (operator_code.empty()) operator_code = actor.organisation_code.value_or("");
    if (operator_code != actor.organisation_code.value_or("")) return R::fail(OutcomeKind::forbidden, "outside_your_scope");
  }
  if (operator_code.empty()) errors.push_back({"operator", "required", {}});
  std::optional<core::Date> from, to;
  for (const char* name : {"from", "to"}) {
    const auto text = get(name);
    auto d = core::parse_date(text);
    if (text.empty()) errors.push_back({name, "required", {}});
    else if (!d) errors.push_back({name, "date_format", {}});
    (std::string(name) == "from" ? from : to) = d;
  }
  if (from && to && *to < *from) errors.push_back({"to", "end_before_start", {}});
  if (!errors.empty()) return R::fail(OutcomeKind::invalid, "invalid_parameters", errors);

  auto conn = db_.connect();
  auto& sql = conn.session();
  auto data = store::load_payment_data(conn, operator_code);
  if (!data) return R::fail(OutcomeKind::invalid, "invalid_parameters", {{"operator", "unknown_reference", {{"value", operator_code}}}});
  const auto lines = outcomes::compute_statement(data->learners, data->placements, data->conventions,
                                                 static_cast<outcomes::Day>(core::days_from_civil(*from)),
                                                 static_cast<outcomes::Day>(core::days_from_civil(*to)));
  Statement s;
  s.operator_code = data->operator_code;
  s.operator_name = data->operator_name;
  s.from = core::format_date(*from);
  s.to = core::format_date(*to);
  s.personal = !steering;
  for (const auto& line : lines) {
    StatementLineView v;
    v.convention_code = data->convention_names[line.convention_id].first;
    v.convention_title = data->convention_names[line.convention_id].second;
    v.basis = outcomes::basis_name(line.basis);
    v.amount_centimes = line.amount_centimes;
    v.learners = static_cast<std::int64_t>(line.entries.size());
    v.total_centimes = line.total_centimes();
    s.total_centimes += v.total_centimes;
    if (s.personal)
      for (const auto& e : line.entries) {
        const auto& r = data->rows[e.learner];
        v.entries.push_back({r.enrolment_id, r.candidate_id, r.cin, r.first_name, r.last_name, r.cohort_code, date_text(e.on)});
      }
    s.lines.push_back(std::move(v));
  }
  if (s.personal) {
    // A statement with names is personal data leaving the platform's pages: audited.
    store::append_audit(sql, {actor.user_id, actor.email, "read", "payment_statements", s.operator_code, {}, {},
                              "from=" + s.from + " to=" + s.to});
  }
  R r;
  r.value = std::move(s);
  return r;
}

std::vector<ExportTable> statement_tables(const Statement& s) {
  std::vector<ExportTable> tables;
  ExportTable summary;
  summary.kind = "summary";
  summary.header = {"operator_code", "from", "to", "convention_code", "basis", "amount_mad", "learners", "total_mad"};
  for (const auto& l : s.lines)
    summary.rows.push_back({s.operator_code, s.from, s.to, l.convention_code, l.basis, l.amount_centimes / 100.0,
                            l.learners, l.total_centimes / 100.0});
  summary.rows.push_back({s.operator_code, s.from, s.to, std::string("total"), core::Value(), core::Value(), core::Value(),
                          s.total_centimes / 100.0});
  tables.push_back(std::move(summary));
  if (!s.personal) return tables;
  for (const auto& l : s.lines) {
    ExportTable t;
    t.kind = l.convention_code.substr(0, 18) + " " + l.basis;
    t.header = {"enrolment_id", "candidate_id", "cin", "last_name", "first_name", "cohort_code", "date", "amount_mad"};
    for (const auto& e : l.entries)
      t.rows.push_back({e.enrolment_id, e.candidate_id, e.cin, e.last_name, e.first_name, e.cohort_code, e.on,
                        l.amount_centimes / 100.0});
    tables.push_back(std::move(t));
  }
  return tables;
}

}  // namespace jobintech::app
