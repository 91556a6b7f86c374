#include "app/importer.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "app/access_policy.h"
#include "app/resource_service.h"
#include "core/resource.h"
#include "core/validation.h"
#include "io/csv_reader.h"
#include "store/audit_log.h"
#include "store/bulk_upsert.h"
#include "store/count_cache.h"
#include "store/sql.h"

namespace jobintech::app {

using store::TextRow;

namespace {

// How the columns of one import kind map to its table.
struct KindLayout {
  std::string kind;
  std::string table;
  std::vector<std::string> required;  // CSV columns that must be present
  std::vector<std::string> optional;  // CSV columns that may be present
  std::vector<std::string> key;       // table key columns
};

const std::vector<KindLayout>& layouts() {
  static const std::vector<KindLayout> l = {
      {"organisations", "organisations", {"code", "name", "kind", "region_code"}, {}, {"code"}},
      {"sites", "sites", {"code", "name", "organisation_code", "region_code", "city"}, {}, {"code"}},
      {"cohorts", "cohorts",
       {"code", "track_code", "site_code", "operator_code", "start_date", "end_date", "capacity", "reserved_women", "reserved_local"},
       {"status"}, {"code"}},
      {"candidates", "candidates",
       {"cin", "first_name", "last_name", "gender", "birth_date", "region_code", "email", "phone", "education_level"},
       {}, {"cin"}},
      {"applications", "applications", {"cin", "cohort_code", "rank", "score"}, {"status"}, {"candidate_id", "cohort_id"}},
  };
  return l;
}

const KindLayout* layout_of(const std::string& kind) {
  for (const auto& l : layouts())
    if (l.kind == kind) return &l;
  return nullptr;
}

// The table column a CSV column is written to (references become ids).
std::string table_column(const std::string& kind, const std::string& csv_column) {
  if (csv_column == "cin") return kind == "applications" ? "candidate_id" : "cin";
  static const std::map<std::string, std::string> m = {{"organisation_code", "organisation_id"},
                                                       {"track_code", "track_id"},
                                                       {"site_code", "site_id"},
                                                       {"operator_code", "operator_id"},
                                                       {"cohort_code", "cohort_id"}};
  auto it = m.find(csv_column);
  return it == m.end() ? csv_column : it->second;
}

struct Lookup {
  std::unordered_map<std::string, std::int64_t> id;
  std::unordered_map<std::string, std::string> kind;            // organisations: code -> kind
  std::unordered_map<std::string, std::int64_t> owner;          // cohorts: code -> operator id; sites -> org id
};

Lookup load_codes(soci::session& sql, const std::string& table) {
  Lookup l;
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

std::string key_text(const TextRow& values, std::size_t key_count) {
  std::string k;
  for (std::size_t i = 0; i < key_count; ++i) k += (values[i] ? *values[i] : "") + '\x1f';
  return k;
}

}  // namespace

const std::vector<std::string>& import_kinds() {
  static const std::vector<std::string> kinds = [] {
    std::vector<std::string> k;
    for (const auto& l : layouts()) k.push_back(l.kind);
    return k;
  }();
  return kinds;
}

std::vector<std::string> import_required_columns(const std::string& kind) {
  auto* l = layout_of(kind);
  return l ? l->required : std::vector<std::string>{};
}

std::vector<std::string> import_optional_columns(const std::string& kind) {
  auto* l = layout_of(kind);
  return l ? l->optional : std::vector<std::string>{};
}

ImportReport import_csv(store::Database& db, const Actor& actor, const std::string& kind, std::string_view bytes) {
  ImportReport report;
  report.kind = kind;
  const KindLayout* layout = layout_of(kind);
  if (!layout) {
    report.issues.push_back({0, "kind", {"kind", "not_in_choices", {}}});
    return report;
  }
  const bool admin = actor.role == Role::admin;
  const bool operator_staff = actor.role == Role::operator_staff;
  if (!admin && !(operator_staff && kind != "organisations")) {
    report.forbidden = true;
    return report;
  }

  auto parsed = io::parse_csv(bytes);
  if (parsed.table) {
    report.encoding = io::encoding_name(parsed.table->encoding);
    report.separator = std::string(1, parsed.table->separator);
  }
  for (const auto& e : parsed.errors) report.issues.push_back({e.line, "", {"", "csv_" + e.code, {{"detail", e.detail}}}});
  if (!parsed.table) return report;
  const auto& table = *parsed.table;
  report.rows = table.rows.size();

  // Header: every required column, no unknown column.
  std::vector<std::string> columns;  // the CSV columns used, in the layout's order
  for (const auto& c : layout->required) {
    if (!table.column(c)) report.issues.push_back({1, c, {c, "missing_column", {}}});
    else columns.push_back(c);
  }
  for (const auto& c : layout->optional)
    if (table.column(c)) columns.push_back(c);
  const auto& spec = core::resource(kind);
  for (const auto& h : table.header) {
    const bool known = std::find(layout->required.begin(), layout->required.end(), h) != layout->required.end() ||
                       std::find(layout->optional.begin(), layout->optional.end(), h) != layout->optional.end();
    // Read-only columns of an export (id, version, names shown beside codes) are ignored, so an
    // exported file can be edited and imported back.
    const auto* f = spec.field(h);
    if (!known && !(f && !f->writable)) report.issues.push_back({1, h, {h, "unknown_column", {}}});
  }
  if (!report.issues.empty()) return report;

  auto conn = db.connect();
  auto& sql = conn.session();
  store::BulkSession bulk(conn, table.rows.size());
  soci::transaction tx(sql);

  Lookup organisations, sites, tracks, cohorts;
  std::unordered_map<std::string, std::int64_t> candidates_by_cin;
  std::unordered_set<std::int64_t> candidates_in_scope;
  if (kind == "sites" || kind == "cohorts") organisations = load_codes(sql, "organisations");
  if (kind == "cohorts") {
    sites = load_codes(sql, "sites");
    tracks = load_codes(sql, "tracks");
  }
  if (kind == "cohorts" || kind == "applications") cohorts = load_codes(sql, "cohorts");
  if (kind == "sites" && operator_staff) sites = load_codes(sql, "sites");
  if (kind == "applications" || (kind == "candidates" && operator_staff)) {
    for (auto& row : store::fetch_all(sql, "SELECT cin, id FROM candidates"))
      candidates_by_cin[core::to_text(row[0])] = std::get<std::int64_t>(row[1]);
  }
  if (kind == "candidates" && operator_staff) {
    for (auto& row : store::fetch_all(sql, "SELECT DISTINCT a.candidate_id FROM applications a JOIN cohorts c ON c.id = a.cohort_id WHERE c.operator_id = ?",
                                      {actor.organisation_id.value_or(-1)}))
      candidates_in_scope.insert(std::get<std::int64_t>(row[0]));
  }
  const std::int64_t own = actor.organisation_id.value_or(-1);

  // Table columns: the key first, then the rest.
  std::vector<std::string> table_columns = layout->key;
  std::vector<std::string> ordered_csv;  // CSV column feeding each table column
  for (const auto& k : layout->key)
    for (const auto& c : columns)
      if (table_column(kind, c) == k) ordered_csv.push_back(c);
  for (const auto& c : columns) {
    if (std::find(layout->key.begin(), layout->key.end(), table_column(kind, c)) != layout->key.end()) continue;
    table_columns.push_back(table_column(kind, c));
    ordered_csv.push_back(c);
  }
  std::vector<std::size_t> source_index;
  for (const auto& c : ordered_csv) source_index.push_back(*table.column(c));

  std::vector<TextRow> rows;
  rows.reserve(table.rows.size());
  // What to do with each column, decided once: its field, and the table its code refers to.
  enum class Ref { none, candidate_by_cin, organisation, operator_org, track, site, cohort };
  struct ColumnPlan {
    std::string name;
    std::size_t source;
    const core::FieldSpec* field;
    Ref ref;
  };
  std::vector<ColumnPlan> plans;
  for (std::size_t i = 0; i < ordered_csv.size(); ++i) {
    const auto& c = ordered_csv[i];
    Ref ref = c == "organisation_code" ? Ref::organisation : c == "operator_code" ? Ref::operator_org
            : c == "track_code" ? Ref::track : c == "site_code" ? Ref::site : c == "cohort_code" ? Ref::cohort : Ref::none;
    if (c == "cin" && kind == "applications") ref = Ref::candidate_by_cin;
    plans.push_back({c, source_index[i], ref == Ref::candidate_by_cin ? nullptr : spec.field(c), ref});
  }
  auto plan_index = [&](const std::string& name) -> std::optional<std::size_t> {
    for (std::size_t i = 0; i < plans.size(); ++i)
      if (plans[i].name == name) return i;
    return std::nullopt;
  };

  std::unordered_map<std::string, std::size_t> seen;  // key -> line
  seen.reserve(table.rows.size());
  std::vector<std::string> texts(plans.size());  // normalised values, codes before they become ids
  core::Value value;
  for (const auto& csv_row : table.rows) {
    const std::size_t line = csv_row.line;
    const std::size_t issues_before = report.issues.size();
    auto issue = [&](const std::string& column, std::string code, std::map<std::string, std::string> params = {}) {
      report.issues.push_back({line, column, {column, std::move(code), std::move(params)}});
    };
    core::Record checked;  // the values the cross-field checks read (dates and numbers)
    TextRow values(plans.size());
    for (std::size_t i = 0; i < plans.size(); ++i) {
      const auto& p = plans[i];
      const std::string& cell = csv_row.fields[p.source];
      texts[i].clear();
      if (p.ref == Ref::candidate_by_cin) {
        auto cin = core::check_cin(cell);
        if (!cin.ok()) { issue(p.name, cin.error); continue; }
        auto it = candidates_by_cin.find(cin.value);
        if (it == candidates_by_cin.end()) { issue(p.name, "unknown_candidate", {{"value", cin.value}}); continue; }
        texts[i] = cin.value;
        values[i] = std::to_string(it->second);
        continue;
      }
      core::FieldError err;
      if (!core::parse_cell(*p.field, cell, value, err)) {
        report.issues.push_back({line, p.name, std::move(err)});
        continue;
      }
      if (core::is_null(value)) continue;
      if (spec.check_record && (p.field->type == core::FieldType::date || p.field->type == core::FieldType::integer))
        checked[p.name] = value;
      texts[i] = core::to_text(value);
      values[i] = texts[i];
      if (p.ref == Ref::none) continue;
      Lookup& l = p.ref == Ref::track ? tracks : p.ref == Ref::site ? sites : p.ref == Ref::cohort ? cohorts : organisations;
      const std::string& code = texts[i];
      auto it = l.id.find(code);
      if (it == l.id.end()) { issue(p.name, "unknown_reference", {{"value", code}}); continue; }
      if (p.ref == Ref::operator_org && l.kind[code] != "operator") issue(p.name, "wrong_organisation_kind", {{"value", code}});
      if (p.ref == Ref::organisation && kind == "sites" && l.kind[code] != "operator" && l.kind[code] != "institution")
        issue(p.name, "wrong_organisation_kind", {{"value", code}});
      values[i] = std::to_string(it->second);
    }
    if (spec.check_record && report.issues.size() == issues_before) {
      core::FieldErrors cross;
      spec.check_record(checked, cross);
      for (auto& e : cross) report.issues.push_back({line, e.field, e});
    }
    if (report.issues.size() > issues_before) continue;

    // The operator's reach: its own sites, cohorts and applications; candidates it manages.
    if (operator_staff) {
      auto value_of = [&](const std::string& col) {
        auto i = plan_index(col);
        return i ? texts[*i] : std::string();
      };
      if (kind == "sites" && value_of("organisation_code") != actor.organisation_code.value_or(""))
        issue("organisation_code", "outside_your_scope");
      if (kind == "sites" && sites.owner.count(value_of("code")) && sites.owner[value_of("code")] != own)
        issue("code", "outside_your_scope");
      if (kind == "cohorts" && value_of("operator_code") != actor.organisation_code.value_or(""))
        issue("operator_code", "outside_your_scope");
      if (kind == "cohorts" && cohorts.owner.count(value_of("code")) && cohorts.owner[value_of("code")] != own)
        issue("code", "outside_your_scope");
      if (kind == "applications" && cohorts.owner[value_of("cohort_code")] != own) issue("cohort_code", "outside_your_scope");
      if (kind == "candidates") {
        auto it = candidates_by_cin.find(value_of("cin"));
        if (it != candidates_by_cin.end() && !candidates_in_scope.count(it->second)) issue("cin", "outside_your_scope");
      }
    }
    const auto key = key_text(values, layout->key.size());
    if (auto [it, inserted] = seen.emplace(key, line); !inserted)
      issue(plans[0].name, "duplicate_in_file", {{"line", std::to_string(it->second)}});
    if (report.issues.size() > issues_before) continue;
    rows.push_back(std::move(values));
  }
  if (report.rows == 0) report.issues.push_back({0, "", {"", "no_rows", {}}});
  if (!report.issues.empty()) return report;  // the transaction rolls back: nothing written

  // The keys already stored: a row whose key is new is inserted without a lookup.
  std::unordered_set<std::string> stored_keys;
  {
    std::string key_columns;
    for (const auto& k : layout->key) key_columns += (key_columns.empty() ? "" : ", ") + k;
    for (auto& row : store::fetch_all(sql, "SELECT " + key_columns + " FROM " + layout->table)) {
      std::vector<std::optional<std::string>> key;
      for (auto& v : row) key.emplace_back(core::to_text(v));
      stored_keys.insert(key_text(key, key.size()));
    }
  }
  // A load larger than the table builds its secondary indexes once at the end instead.
  // Such a load is also written in key order: the unique index on the key then grows at its end
  // instead of at random places (a third less write time for a million candidates), so new ids
  // follow the key's order rather than the file's.
  std::optional<store::DeferredIndexes> deferred;
  if (rows.size() > stored_keys.size() + 10'000) {
    deferred.emplace(conn, std::vector<std::string>{layout->table});
    const std::size_t keys = layout->key.size();
    std::sort(rows.begin(), rows.end(), [keys](const TextRow& a, const TextRow& b) {
      for (std::size_t i = 0; i < keys; ++i)
        if (a[i] != b[i]) return a[i] < b[i];
      return false;
    });
  }

  store::BulkUpsert writer(conn, layout->table, table_columns, layout->key.size());
  std::vector<std::optional<std::string>> before;
  for (const auto& values : rows) {
    std::int64_t id = 0;
    const bool may_exist = stored_keys.count(key_text(values, layout->key.size())) > 0;
    switch (writer.upsert(values, &before, &id, may_exist)) {
      case store::BulkUpsert::Result::created: ++report.created; break;
      case store::BulkUpsert::Result::unchanged: ++report.unchanged; break;
      case store::BulkUpsert::Result::updated: {
        ++report.updated;
        core::Record b, a;
        for (std::size_t i = 0; i < table_columns.size(); ++i) {
          b[table_columns[i]] = before[i] ? core::Value(*before[i]) : core::Value();
          a[table_columns[i]] = values[i] ? core::Value(*values[i]) : core::Value();
        }
        store::append_audit(sql, {actor.user_id, actor.email, "update", kind, std::to_string(id), record_json(b),
                                  record_json(a), std::string("import")});
        break;
      }
    }
  }
  if (deferred) deferred->finish();
  store::append_audit(sql, {actor.user_id, actor.email, "import", kind, "", {}, {},
                            "rows=" + std::to_string(report.rows) + " created=" + std::to_string(report.created) +
                                " updated=" + std::to_string(report.updated) + " unchanged=" + std::to_string(report.unchanged)});
  tx.commit();
  store::note_write();
  report.applied = true;
  return report;
}

}  // namespace jobintech::app
