// Exporter: the records of one kind that the actor may see, as a table, written to CSV (UTF-8
// with BOM and ';', for Excel) or XLSX. Personal fields are left out for those who may not see
// them; an export containing personal data is written to the audit log. Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "app/actor.h"
#include "app/outcome.h"
#include "core/value.h"
#include "store/database.h"

namespace jobintech::app {

struct ExportTable {
  std::string kind;
  std::vector<std::string> header;
  std::vector<std::vector<core::Value>> rows;
};

const std::vector<std::string>& export_kinds();
// Fills table; returns forbidden or not_found (unknown kind) outcomes.
Outcome export_records(store::Database& db, const Actor& actor, const std::string& kind, ExportTable& table);
std::string export_csv(const ExportTable& table);
void export_xlsx(const ExportTable& table, const std::string& path);  // throws on I/O failure
std::string export_xlsx_bytes(const ExportTable& table);               // the workbook's bytes
// A workbook with one sheet per table, named by its kind.
void export_xlsx(const std::vector<ExportTable>& tables, const std::string& path);
std::string export_xlsx_bytes(const std::vector<ExportTable>& tables);

}  // namespace jobintech::app
