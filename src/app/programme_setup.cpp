#include "app/programme_setup.h"

#include <functional>
#include <map>
#include <stdexcept>

#include "app/paths.h"
#include "io/csv_reader.h"
#include "store/bulk_upsert.h"
#include "store/data_version.h"
#include "store/migrations.h"
#include "store/sql.h"
#include "store/transaction.h"

namespace jobintech::app {

namespace {

// Loads one reference file into a table; columns as in the file's header, the first key_count
// of them forming the key. `map` may rename a CSV column to a table column.
std::size_t load_reference(store::Connection& conn, const std::string& file, const std::string& table,
                           const std::vector<std::string>& csv_columns, const std::vector<std::string>& table_columns,
                           std::size_t key_count,
                           const std::function<std::optional<std::string>(std::size_t, const std::string&)>& convert = {}) {
  auto parsed = io::read_csv_file(file);
  if (!parsed.table || !parsed.errors.empty())
    throw std::runtime_error("reference file " + file + " is malformed at line " +
                             std::to_string(parsed.errors.empty() ? 0 : parsed.errors.front().line));
  std::vector<std::size_t> index;
  for (const auto& c : csv_columns) {
    auto i = parsed.table->column(c);
    if (!i) throw std::runtime_error("reference file " + file + " lacks column " + c);
    index.push_back(*i);
  }
  store::BulkUpsert writer(conn, table, table_columns, key_count, false, table == "tracks");
  std::size_t changed = 0;
  std::vector<std::optional<std::string>> values(csv_columns.size());
  for (const auto& row : parsed.table->rows) {
    for (std::size_t i = 0; i < index.size(); ++i) {
      values[i] = row.fields[index[i]];
      if (convert) values[i] = convert(i, row.fields[index[i]]);
      if (values[i] && values[i]->empty()) values[i].reset();
    }
    if (writer.upsert(values) != store::BulkUpsert::Result::unchanged) ++changed;
  }
  return changed;
}

// On PostgreSQL, instances starting together take turns to migrate (a session advisory lock);
// SQLite's write lock does the same for its processes.
class MigrationTurn {
 public:
  explicit MigrationTurn(store::Connection& conn) : conn_(conn) {
    if (conn_.backend() == store::Backend::postgresql) conn_.session() << "SELECT pg_advisory_lock(20260008)";
  }
  ~MigrationTurn() {
    try {
      if (conn_.backend() == store::Backend::postgresql) conn_.session() << "SELECT pg_advisory_unlock(20260008)";
    } catch (...) {
    }
  }
  MigrationTurn(const MigrationTurn&) = delete;
  MigrationTurn& operator=(const MigrationTurn&) = delete;

 private:
  store::Connection& conn_;
};

}  // namespace

std::unique_ptr<store::Database> open_database(const std::string& url, std::size_t pool_size) {
  if (url.empty()) throw std::runtime_error("no database given: use --db PATH or set JOBINTECH_DB");
  return std::make_unique<store::Database>(url, pool_size);
}

SetupReport prepare_database(store::Database& db) {
  SetupReport report;
  auto conn = db.connect();
  MigrationTurn turn(conn);
  report.migrations_applied = store::apply_migrations(conn, store::load_migrations(paths().migrations()));
  auto& sql = conn.session();
  const std::string data = paths().data();
  store::Transaction tx(sql);
  report.reference_rows_changed +=
      load_reference(conn, data + "/regions.csv", "regions", {"code", "name_fr", "name_ar", "name_en", "population_share"},
                     {"code", "name_fr", "name_ar", "name_en", "population_share"}, 1);
  report.reference_rows_changed +=
      load_reference(conn, data + "/tracks.csv", "tracks", {"code", "name_fr", "name_ar", "name_en", "duration_weeks"},
                     {"code", "name_fr", "name_ar", "name_en", "duration_weeks"}, 1);
  report.reference_rows_changed +=
      load_reference(conn, data + "/skills.csv", "skills", {"code", "name_fr", "name_ar", "name_en", "group", "synonyms"},
                     {"code", "name_fr", "name_ar", "name_en", "skill_group", "synonyms"}, 1);
  std::map<std::string, std::string> track_ids;
  for (auto& row : store::fetch_all(sql, "SELECT code, id FROM tracks")) track_ids[core::to_text(row[0])] = core::to_text(row[1]);
  report.reference_rows_changed += load_reference(
      conn, data + "/track_skills.csv", "track_skills", {"track_code", "skill_code"}, {"track_id", "skill_code"}, 2,
      [&](std::size_t i, const std::string& v) -> std::optional<std::string> {
        if (i != 0) return v;
        auto it = track_ids.find(v);
        if (it == track_ids.end()) throw std::runtime_error("track_skills.csv: unknown track " + v);
        return it->second;
      });
  if (report.reference_rows_changed > 0) {
    store::commit_write(sql, tx);
  } else {
    tx.commit();
  }
  return report;
}

bool database_has_programme_data(store::Database& db) {
  auto conn = db.connect();
  return store::fetch_integer(conn.session(), "SELECT COUNT(*) FROM organisations").value_or(0) > 0 ||
         store::fetch_integer(conn.session(), "SELECT COUNT(*) FROM candidates").value_or(0) > 0;
}

}  // namespace jobintech::app
