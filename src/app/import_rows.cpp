#include "app/import_rows.h"

#include <algorithm>
#include <cmath>

#include "core/validation.h"
#include "store/resource_tables.h"
#include "store/sql.h"

namespace jobintech::app {

const std::vector<KindLayout>& kind_layouts() {
  static const std::vector<KindLayout> l = {
      {"organisations", "organisations", {"code", "name", "kind", "region_code"},
       {"description", "website", "contact_name", "contact_email", "contact_phone"}, {"code"}},
      {"sites", "sites", {"code", "name", "organisation_code", "region_code", "city"}, {}, {"code"}},
      {"cohorts", "cohorts",
       {"code", "track_code", "site_code", "operator_code", "start_date", "end_date", "capacity", "reserved_women", "reserved_local"},
       {"status"}, {"code"}},
      {"candidates", "candidates",
       {"cin", "first_name", "last_name", "gender", "birth_date", "region_code", "email", "phone", "education_level"},
       {}, {"cin"}},
      {"applications", "applications", {"cin", "cohort_code", "rank"}, {"score", "test_score", "interview_score", "status"},
       {"candidate_id", "cohort_id"}},
      {"enrolments", "enrolments", {"cin", "cohort_code", "status", "exit_date", "dropout_reason"}, {},
       {"candidate_id", "cohort_id"}},
      {"placements", "placements",
       {"cin", "employer_name", "job_title", "contract_type", "start_date", "end_date", "monthly_salary_mad"},
       {"evidence_note"}, {"candidate_id", "employer_name", "start_date"}},
  };
  return l;
}

const KindLayout* layout_of(const std::string& kind) {
  for (const auto& l : kind_layouts())
    if (l.kind == kind) return &l;
  return nullptr;
}

namespace {

// The table column a CSV column is written to (codes of other records become their ids).
std::string table_column(const std::string& kind, const std::string& csv_column) {
  if (csv_column == "cin") return kind == "candidates" ? "cin" : "candidate_id";
  if (csv_column == "monthly_salary_mad") return "monthly_salary_centimes";
  static const std::unordered_map<std::string, std::string> m = {{"organisation_code", "organisation_id"},
                                                                 {"track_code", "track_id"},
                                                                 {"site_code", "site_id"},
                                                                 {"operator_code", "operator_id"},
                                                                 {"cohort_code", "cohort_id"}};
  auto it = m.find(csv_column);
  return it == m.end() ? csv_column : it->second;
}

CodeTable load_codes(soci::session& sql, const std::string& table) {
  CodeTable l;
  const std::string extra = table == "organisations" ? ", kind" : table == "cohorts" ? ", operator_id"
                          : table == "sites" ? ", organisation_id" : "";
  for (auto& row : store::fetch_all(sql, "SELECT code, id" + extra + " FROM " + table)) {
    const auto code = core::to_text(row[0]);
    l.id[code] = std::get<std::int64_t>(row[1]);
    if (table == "organisations") l.kind[code] = core::to_text(row[2]);
    if (table == "cohorts" || table == "sites") l.owner[code] = std::get<std::int64_t>(row[2]);
  }
  return l;
}

template <typename Map>
auto find_or(const Map& m, const std::string& key, typename Map::mapped_type fallback) {
  auto it = m.find(key);
  return it == m.end() ? fallback : it->second;
}

}  // namespace

std::string key_text(const store::TextRow& values, std::size_t key_count) {
  std::string k;
  for (std::size_t i = 0; i < key_count; ++i) k += (values[i] ? *values[i] : "") + '\x1f';
  return k;
}

ImportContext load_import_context(soci::session& sql, const std::string& kind, const Actor& actor) {
  ImportContext c;
  const bool operator_staff = actor.role == Role::operator_staff;
  if (kind == "sites" || kind == "cohorts") c.organisations = load_codes(sql, "organisations");
  if (kind == "cohorts" || (kind == "sites" && operator_staff)) c.sites = load_codes(sql, "sites");
  if (kind == "cohorts") c.tracks = load_codes(sql, "tracks");
  if (kind == "cohorts" || kind == "applications" || kind == "enrolments") c.cohorts = load_codes(sql, "cohorts");
  const bool by_cin = kind == "applications" || kind == "enrolments" || kind == "placements";
  if (by_cin || (kind == "candidates" && operator_staff)) {
    for (auto& row : store::fetch_all(sql, "SELECT cin, id FROM candidates"))
      c.candidates_by_cin[core::to_text(row[0])] = std::get<std::int64_t>(row[1]);
  }
  if ((kind == "candidates" || kind == "placements") && operator_staff) {
    // Candidates who applied to the operator's cohorts (their records) or learn in them (their jobs).
    const std::string query = kind == "candidates"
        ? "SELECT a.candidate_id FROM applications a JOIN cohorts c ON c.id = a.cohort_id WHERE c.operator_id = ? "
          "UNION SELECT e.candidate_id FROM enrolments e JOIN cohorts c ON c.id = e.cohort_id WHERE c.operator_id = ?"
        : "SELECT e.candidate_id FROM enrolments e JOIN cohorts c ON c.id = e.cohort_id WHERE c.operator_id = ?";
    const std::int64_t own = actor.organisation_id.value_or(-1);
    const store::Params params = kind == "candidates" ? store::Params{own, own} : store::Params{own};
    for (auto& row : store::fetch_all(sql, query, params))
      c.candidates_in_scope.insert(std::get<std::int64_t>(row[0]));
  }
  return c;
}

RowChecker::RowChecker(const KindLayout& layout, const io::CsvTable& table, const std::vector<std::string>& columns,
                       const ImportContext& context, const Actor& actor)
    : layout_(layout), spec_(core::resource(layout.kind)), context_(context), actor_(actor) {
  // The key columns first, in the key's order, then the others.
  std::vector<std::string> ordered;
  for (const auto& k : layout.key)
    for (const auto& c : columns)
      if (table_column(layout.kind, c) == k) ordered.push_back(c);
  for (const auto& c : columns)
    if (std::find(layout.key.begin(), layout.key.end(), table_column(layout.kind, c)) == layout.key.end()) ordered.push_back(c);
  for (const auto& c : ordered) {
    Ref ref = c == "organisation_code" ? Ref::organisation : c == "operator_code" ? Ref::operator_org
            : c == "track_code" ? Ref::track : c == "site_code" ? Ref::site : c == "cohort_code" ? Ref::cohort : Ref::none;
    if (c == "cin" && layout.kind != "candidates") ref = Ref::candidate_by_cin;
    columns_.push_back({c, *table.column(c), ref == Ref::candidate_by_cin ? nullptr : spec_.field(c), ref,
                        store::resource_table(layout.kind).centimes.count(c) > 0});
    table_columns_.push_back(table_column(layout.kind, c));
  }
}

std::string RowChecker::text_of(const std::vector<std::string>& texts, const std::string& column) const {
  for (std::size_t i = 0; i < columns_.size(); ++i)
    if (columns_[i].name == column) return texts[i];
  return "";
}

void RowChecker::check(const io::CsvRow& row, store::TextRow& values, std::vector<ImportIssue>& issues) const {
  const std::size_t line = row.line;
  const std::size_t issues_before = issues.size();
  auto issue = [&](const std::string& column, std::string code, std::map<std::string, std::string> params = {}) {
    issues.push_back({line, column, {column, std::move(code), std::move(params)}});
  };
  std::vector<std::string> texts(columns_.size());  // normalised values; codes before they become ids
  core::Record checked;                              // what the cross-field checks read: dates and numbers
  core::Value value;
  values.assign(columns_.size(), std::nullopt);
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    const auto& c = columns_[i];
    const std::string& cell = row.fields[c.source];
    if (c.ref == Ref::candidate_by_cin) {
      auto cin = core::check_cin(cell);
      if (!cin.ok()) { issue(c.name, cin.error); continue; }
      auto it = context_.candidates_by_cin.find(cin.value);
      if (it == context_.candidates_by_cin.end()) { issue(c.name, "unknown_candidate", {{"value", cin.value}}); continue; }
      texts[i] = cin.value;
      values[i] = std::to_string(it->second);
      continue;
    }
    core::FieldError err;
    if (!core::parse_cell(*c.field, cell, value, err)) {
      issues.push_back({line, c.name, std::move(err)});
      continue;
    }
    if (core::is_null(value)) continue;
    if (spec_.check_record && (c.field->type == core::FieldType::date || c.field->type == core::FieldType::integer ||
                               c.field->type == core::FieldType::enumeration ||
                               (c.field->type == core::FieldType::text && !c.field->personal)))
      checked[c.name] = value;
    texts[i] = core::to_text(value);
    values[i] = texts[i];
    if (c.centimes) values[i] = std::to_string(std::llround(std::get<double>(value) * 100));
    if (c.ref == Ref::none) continue;
    const CodeTable& codes = c.ref == Ref::track ? context_.tracks : c.ref == Ref::site ? context_.sites
                           : c.ref == Ref::cohort ? context_.cohorts : context_.organisations;
    const std::string& code = texts[i];
    auto it = codes.id.find(code);
    if (it == codes.id.end()) { issue(c.name, "unknown_reference", {{"value", code}}); continue; }
    const std::string org_kind = find_or(codes.kind, code, std::string());
    if (c.ref == Ref::operator_org && org_kind != "operator") issue(c.name, "wrong_organisation_kind", {{"value", code}});
    if (c.ref == Ref::organisation && layout_.kind == "sites" && org_kind != "operator" && org_kind != "institution")
      issue(c.name, "wrong_organisation_kind", {{"value", code}});
    values[i] = std::to_string(it->second);
  }
  if (spec_.check_record && issues.size() == issues_before) {
    core::FieldErrors cross;
    spec_.check_record(checked, cross);
    for (auto& e : cross) issues.push_back({line, e.field, e});
  }
  if (issues.size() == issues_before && actor_.role == Role::operator_staff) check_reach(texts, line, issues);
}

// An operator's reach: its own sites, cohorts and applications; candidates who are new or who
// applied to its cohorts.
void RowChecker::check_reach(const std::vector<std::string>& texts, std::size_t line,
                             std::vector<ImportIssue>& issues) const {
  auto issue = [&](const std::string& column) { issues.push_back({line, column, {column, "outside_your_scope", {}}}); };
  const std::string own_code = actor_.organisation_code.value_or("");
  const std::int64_t own = actor_.organisation_id.value_or(-1);
  const auto& kind = layout_.kind;
  if (kind == "sites") {
    if (text_of(texts, "organisation_code") != own_code) issue("organisation_code");
    if (find_or(context_.sites.owner, text_of(texts, "code"), own) != own) issue("code");
  } else if (kind == "cohorts") {
    if (text_of(texts, "operator_code") != own_code) issue("operator_code");
    if (find_or(context_.cohorts.owner, text_of(texts, "code"), own) != own) issue("code");
  } else if (kind == "applications") {
    if (find_or(context_.cohorts.owner, text_of(texts, "cohort_code"), std::int64_t{-2}) != own) issue("cohort_code");
  } else if (kind == "enrolments") {
    if (find_or(context_.cohorts.owner, text_of(texts, "cohort_code"), std::int64_t{-2}) != own) issue("cohort_code");
  } else if (kind == "placements") {
    auto it = context_.candidates_by_cin.find(text_of(texts, "cin"));
    if (it == context_.candidates_by_cin.end() || !context_.candidates_in_scope.count(it->second)) issue("cin");
  } else if (kind == "candidates") {
    auto it = context_.candidates_by_cin.find(text_of(texts, "cin"));
    if (it != context_.candidates_by_cin.end() && !context_.candidates_in_scope.count(it->second)) issue("cin");
  }
}

}  // namespace jobintech::app
