#include "app/importer.h"

#include <algorithm>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "app/import_rows.h"
#include "app/resource_service.h"
#include "core/resource.h"
#include "io/csv_reader.h"
#include "store/audit_log.h"
#include "store/data_version.h"
#include "store/bulk_upsert.h"
#include "store/sql.h"
#include "store/transaction.h"

namespace jobintech::app {

using store::TextRow;

namespace {

// The header: every required column present, no unknown column. Returns the columns used.
std::vector<std::string> check_header(const KindLayout& layout, const io::CsvTable& table, ImportReport& report) {
  std::vector<std::string> columns;
  for (const auto& c : layout.required) {
    if (!table.column(c)) report.issues.push_back({1, c, {c, "missing_column", {}}});
    else columns.push_back(c);
  }
  for (const auto& c : layout.optional)
    if (table.column(c)) columns.push_back(c);
  const auto& spec = core::resource(layout.kind);
  for (const auto& h : table.header) {
    const bool known = std::find(layout.required.begin(), layout.required.end(), h) != layout.required.end() ||
                       std::find(layout.optional.begin(), layout.optional.end(), h) != layout.optional.end();
    // Read-only columns of an export (id, version, names shown beside codes) are ignored, so an
    // exported file can be edited and imported back.
    const auto* f = spec.field(h);
    if (!known && !(f && !f->writable)) report.issues.push_back({1, h, {h, "unknown_column", {}}});
  }
  return columns;
}

// Checks every row, on every core for large files; the good rows (with their lines) and the
// issues come back in file order.
std::vector<TextRow> check_rows(const RowChecker& checker, const io::CsvTable& table, std::vector<std::size_t>& lines,
                                std::vector<ImportIssue>& issues) {
  const std::size_t n = table.rows.size();
  const std::size_t threads = n < 20'000 ? 1 : std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::vector<TextRow>> rows(threads);
  std::vector<std::vector<std::size_t>> row_lines(threads);
  std::vector<std::vector<ImportIssue>> found(threads);
  std::vector<std::thread> workers;
  for (std::size_t t = 0; t < threads; ++t) {
    const std::size_t begin = n * t / threads, end = n * (t + 1) / threads;
    auto work = [&, t, begin, end] {
      rows[t].reserve(end - begin);
      TextRow values;
      for (std::size_t r = begin; r < end; ++r) {
        const std::size_t before = found[t].size();
        checker.check(table.rows[r], values, found[t]);
        if (found[t].size() != before) continue;
        rows[t].push_back(std::move(values));
        row_lines[t].push_back(table.rows[r].line);
      }
    };
    if (threads == 1) work();
    else workers.emplace_back(work);
  }
  for (auto& w : workers) w.join();
  std::vector<TextRow> all;
  all.reserve(n);
  for (std::size_t t = 0; t < threads; ++t) {
    std::move(rows[t].begin(), rows[t].end(), std::back_inserter(all));
    lines.insert(lines.end(), row_lines[t].begin(), row_lines[t].end());
    std::move(found[t].begin(), found[t].end(), std::back_inserter(issues));
  }
  return all;
}

// A key may appear once in a file: later lines repeating it are errors naming the first.
void check_duplicates(const std::vector<TextRow>& rows, const std::vector<std::size_t>& lines, const KindLayout& layout,
                      const std::string& first_column, std::vector<ImportIssue>& issues) {
  std::unordered_map<std::string, std::size_t> seen;
  seen.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const std::size_t line = lines[i];
    if (auto [it, inserted] = seen.emplace(key_text(rows[i], layout.key.size()), line); !inserted)
      issues.push_back({line, first_column, {first_column, "duplicate_in_file", {{"line", std::to_string(it->second)}}}});
  }
}

std::unordered_set<std::string> stored_keys(soci::session& sql, const KindLayout& layout) {
  std::string key_columns;
  for (const auto& k : layout.key) key_columns += (key_columns.empty() ? "" : ", ") + k;
  std::unordered_set<std::string> keys;
  for (auto& row : store::fetch_all(sql, "SELECT " + key_columns + " FROM " + layout.table)) {
    TextRow key;
    for (auto& v : row) key.emplace_back(core::to_text(v));
    keys.insert(key_text(key, key.size()));
  }
  return keys;
}

// A status column moves a stored record only along its lifecycle (an enrolment leaves "enrolled"
// once, and never comes back).
void check_transitions(soci::session& sql, const KindLayout& layout, const std::vector<std::string>& table_columns,
                       const std::vector<TextRow>& rows, const std::vector<std::size_t>& lines,
                       std::vector<ImportIssue>& issues) {
  const auto& spec = core::resource(layout.kind);
  const auto status = std::find(table_columns.begin(), table_columns.end(), "status");
  if (spec.transitions.empty() || status == table_columns.end()) return;
  const std::size_t column = static_cast<std::size_t>(status - table_columns.begin());
  std::string key_columns;
  for (const auto& k : layout.key) key_columns += k + ", ";
  std::unordered_map<std::string, std::string> stored;
  for (auto& row : store::fetch_all(sql, "SELECT " + key_columns + "status FROM " + layout.table)) {
    TextRow key;
    for (std::size_t i = 0; i < layout.key.size(); ++i) key.emplace_back(core::to_text(row[i]));
    stored[key_text(key, key.size())] = core::to_text(row.back());
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    auto it = stored.find(key_text(rows[i], layout.key.size()));
    if (it == stored.end() || !rows[i][column]) continue;
    if (!core::transition_allowed(spec, it->second, *rows[i][column]))
      issues.push_back({lines[i], "status", {"status", "transition_refused", {{"from", it->second}, {"to", *rows[i][column]}}}});
  }
}

// Writes the checked rows; the caller commits.
void write_rows(store::Connection& conn, const Actor& actor, const KindLayout& layout,
                const std::vector<std::string>& table_columns, std::vector<TextRow>& rows, ImportReport& report,
                const ImportProgress& progress) {
  auto& sql = conn.session();
  // A row whose key is not stored yet is inserted without a lookup.
  const auto stored = stored_keys(sql, layout);
  // A load larger than the table builds its secondary indexes once at the end instead, and is
  // written in key order: the unique index on the key then grows at its end instead of at random
  // places (a third less write time for a million candidates), so new ids follow the key's order.
  std::optional<store::DeferredIndexes> deferred;
  if (rows.size() > stored.size() + 10'000) {
    deferred.emplace(conn, std::vector<std::string>{layout.table});
    const std::size_t keys = layout.key.size();
    std::sort(rows.begin(), rows.end(), [keys](const TextRow& a, const TextRow& b) {
      for (std::size_t i = 0; i < keys; ++i)
        if (a[i] != b[i]) return a[i] < b[i];
      return false;
    });
  }
  store::BulkUpsert writer(conn, layout.table, table_columns, layout.key.size());
  TextRow before;
  const auto total = static_cast<std::int64_t>(rows.size());
  std::int64_t done = 0;
  for (const auto& values : rows) {
    if (progress && ++done % 10'000 == 0) progress("writing", done, total);
    std::int64_t id = 0;
    if (!stored.count(key_text(values, layout.key.size()))) {
      writer.insert_later(values);
      ++report.created;
      continue;
    }
    switch (writer.upsert(values, &before, &id)) {
      case store::BulkUpsert::Result::created: ++report.created; break;
      case store::BulkUpsert::Result::unchanged: ++report.unchanged; break;
      case store::BulkUpsert::Result::updated: {
        ++report.updated;
        core::Record b, a;
        for (std::size_t i = 0; i < table_columns.size(); ++i) {
          b[table_columns[i]] = before[i] ? core::Value(*before[i]) : core::Value();
          a[table_columns[i]] = values[i] ? core::Value(*values[i]) : core::Value();
        }
        store::append_audit(sql, {actor.user_id, actor.email, "update", layout.kind, std::to_string(id), record_json(b),
                                  record_json(a), std::string("import")});
        break;
      }
    }
  }
  writer.flush();
  if (deferred) deferred->finish();
}

}  // namespace

const std::vector<std::string>& import_kinds() {
  static const std::vector<std::string> kinds = [] {
    std::vector<std::string> k;
    for (const auto& l : kind_layouts()) k.push_back(l.kind);
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

ImportReport import_csv(store::Database& db, const Actor& actor, const std::string& kind, std::string_view bytes,
                        const ImportProgress& progress) {
  ImportReport report;
  report.kind = kind;
  const KindLayout* layout = layout_of(kind);
  if (!layout) {
    report.issues.push_back({0, "kind", {"kind", "not_in_choices", {}}});
    return report;
  }
  const bool may_import = actor.role == Role::admin || (actor.role == Role::operator_staff && kind != "organisations");
  if (!may_import) {
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
  const auto columns = check_header(*layout, table, report);
  if (!report.issues.empty()) return report;
  if (report.rows == 0) {
    report.issues.push_back({0, "", {"", "no_rows", {}}});
    return report;
  }

  const auto total = static_cast<std::int64_t>(report.rows);
  if (progress) progress("checking", 0, total);
  auto conn = db.connect();
  auto& sql = conn.session();
  store::BulkSession bulk(conn, table.rows.size());
  store::Transaction tx(sql);  // rolls back unless committed below: nothing is half-written
  const auto context = load_import_context(sql, kind, actor);
  const RowChecker checker(*layout, table, columns, context, actor);
  std::vector<std::size_t> lines;
  auto rows = check_rows(checker, table, lines, report.issues);
  check_duplicates(rows, lines, *layout, columns.front(), report.issues);
  check_transitions(sql, *layout, checker.table_columns(), rows, lines, report.issues);
  std::stable_sort(report.issues.begin(), report.issues.end(), [](const auto& a, const auto& b) { return a.line < b.line; });
  if (!report.issues.empty()) return report;

  if (progress) progress("writing", 0, total);
  write_rows(conn, actor, *layout, checker.table_columns(), rows, report, progress);
  store::append_audit(sql, {actor.user_id, actor.email, "import", kind, "", {}, {},
                            "rows=" + std::to_string(report.rows) + " created=" + std::to_string(report.created) +
                                " updated=" + std::to_string(report.updated) + " unchanged=" + std::to_string(report.unchanged)});
  store::commit_write(sql, tx);
  if (progress) progress("done", total, total);
  report.applied = true;
  return report;
}

}  // namespace jobintech::app
