// Importer: loads a CSV file of one kind (organisations, sites, cohorts, candidates,
// applications) as operators' spreadsheets really are — UTF-8 with or without BOM or
// Windows-1252, ',' or ';', decimal commas, DD/MM/YYYY dates. All or nothing: the file is checked
// whole, every bad row reported with line, column and reason, and only a file without errors is
// written, in one transaction. Rows are upserts on the natural key (code, CIN; for applications
// candidate and cohort), so importing the same file twice changes nothing the second time.
// Thread-safe: each call leases its own connection.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.h"
#include "core/field_error.h"
#include "store/database.h"

namespace jobintech::app {

struct ImportIssue {
  std::size_t line = 0;  // 1-based line of the file (the header is line 1); 0: the whole file
  std::string column;    // column name, or "" for the row or file
  core::FieldError error;
};

struct ImportReport {
  std::string kind;
  std::string encoding;    // "UTF-8", "UTF-8 (BOM)", "Windows-1252"
  std::string separator;   // ";" or ","
  std::size_t rows = 0;
  std::size_t created = 0, updated = 0, unchanged = 0;
  std::vector<ImportIssue> issues;
  bool applied = false;    // true when the file was written
  bool forbidden = false;  // the actor may not import this kind
};

const std::vector<std::string>& import_kinds();
// The columns a kind requires, then those it accepts.
std::vector<std::string> import_required_columns(const std::string& kind);
std::vector<std::string> import_optional_columns(const std::string& kind);

// Told where an import stands: phase "checking" then "writing", rows done of total.
using ImportProgress = std::function<void(const std::string& phase, std::int64_t done, std::int64_t total)>;

ImportReport import_csv(store::Database& db, const Actor& actor, const std::string& kind, std::string_view bytes,
                        const ImportProgress& progress = {});

}  // namespace jobintech::app
