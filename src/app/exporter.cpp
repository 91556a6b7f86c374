#include "app/exporter.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/access_policy.h"
#include "app/resource_service.h"
#include "core/resource.h"
#include "io/csv_writer.h"
#include "io/xlsx_writer.h"
#include "store/audit_log.h"
#include "store/record_repository.h"

namespace jobintech::app {

const std::vector<std::string>& export_kinds() {
  static const std::vector<std::string> kinds = {"regions", "organisations", "sites", "conventions", "tracks",
                                                 "cohorts", "candidates", "applications"};
  return kinds;
}

Outcome export_records(store::Database& db, const Actor& actor, const std::string& kind, ExportTable& table) {
  const auto* spec = core::find_resource(kind);
  if (!spec || std::find(export_kinds().begin(), export_kinds().end(), kind) == export_kinds().end())
    return Outcome::fail(OutcomeKind::not_found, "unknown_export_kind");
  const Access access = access_for(kind, actor.role);
  if (access.read == Reach::none) return Outcome::fail(OutcomeKind::forbidden, "forbidden");

  auto conn = db.connect();
  store::RecordRepository repo(conn.session(), *spec);
  store::ListQuery q;
  q.limit = 100'000'000;
  q.with_total = false;
  q.sort = spec->sortable.front();
  auto result = repo.list(q, scope_for(actor, access.read));

  table.kind = kind;
  bool personal = false;
  for (const auto& f : spec->fields) {
    if (f.personal && !access.personal_fields) continue;
    personal = personal || f.personal;
    table.header.push_back(f.name);
  }
  table.rows.reserve(result.items.size());
  for (auto& r : result.items) {
    std::vector<core::Value> row;
    row.reserve(table.header.size());
    for (const auto& name : table.header) row.push_back(std::move(r[name]));
    table.rows.push_back(std::move(row));
  }
  if (personal) {
    store::append_audit(conn.session(), {actor.user_id, actor.email, "export", kind, "", {}, {},
                                         "rows=" + std::to_string(table.rows.size()) + " personal_data"});
  }
  return {};
}

std::string export_csv(const ExportTable& table) {
  std::ostringstream out;
  io::CsvWriter writer(out);
  writer.write_row(table.header);
  std::vector<std::string> cells;
  for (const auto& row : table.rows) {
    cells.clear();
    for (const auto& v : row) cells.push_back(core::to_text(v));
    writer.write_row(cells);
  }
  return out.str();
}

void export_xlsx(const std::vector<ExportTable>& tables, const std::string& path) {
  io::XlsxWorkbook book(path);
  std::vector<io::XlsxCell> cells;
  for (const auto& table : tables) {
    auto sheet = book.add_sheet(table.kind);
    cells.clear();
    for (const auto& h : table.header) cells.emplace_back(h);
    book.write_header(sheet, cells);
    std::uint32_t r = 1;
    for (const auto& row : table.rows) {
      cells.clear();
      for (const auto& v : row) {
        if (auto* i = std::get_if<std::int64_t>(&v)) cells.emplace_back(*i);
        else if (auto* d = std::get_if<double>(&v)) cells.emplace_back(*d);
        else if (core::is_null(v)) cells.emplace_back(std::monostate{});
        else cells.emplace_back(core::to_text(v));
      }
      book.write_row(sheet, r++, cells);
    }
  }
  book.close();
}

void export_xlsx(const ExportTable& table, const std::string& path) { export_xlsx(std::vector<ExportTable>{table}, path); }

std::string export_xlsx_bytes(const std::vector<ExportTable>& tables) {
  // libxlsxwriter writes to a file: a private temporary one, read back and removed.
  char path[] = "/tmp/jobintech-export-XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) throw std::runtime_error("cannot create a temporary file for an XLSX export");
  close(fd);
  try {
    export_xlsx(tables, path);
  } catch (...) {
    std::filesystem::remove(path);
    throw;
  }
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::filesystem::remove(path);
  return bytes;
}

std::string export_xlsx_bytes(const ExportTable& table) { return export_xlsx_bytes(std::vector<ExportTable>{table}); }

}  // namespace jobintech::app
