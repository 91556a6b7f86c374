// The row-by-row part of an import: how the columns of each kind map to its table, the reference
// data a file's codes are checked against, and the check of one CSV row into the texts written
// to the table. A RowChecker is read-only once built, so rows can be checked on several threads.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "app/actor.h"
#include "app/importer.h"
#include "core/resource.h"
#include "io/csv_reader.h"
#include "store/bulk_upsert.h"

namespace jobintech::app {

// How the columns of one import kind map to its table.
struct KindLayout {
  std::string kind;
  std::string table;
  std::vector<std::string> required;  // CSV columns that must be present
  std::vector<std::string> optional;  // CSV columns that may be present
  std::vector<std::string> key;       // table key columns
};

const std::vector<KindLayout>& kind_layouts();
const KindLayout* layout_of(const std::string& kind);

// Codes of one table, with what the checks need beside the id.
struct CodeTable {
  std::unordered_map<std::string, std::int64_t> id;
  std::unordered_map<std::string, std::string> kind;    // organisations: code -> kind
  std::unordered_map<std::string, std::int64_t> owner;  // cohorts: operator id; sites: organisation id
};

// The stored data a file is checked against: codes of referenced records, and the operator's
// reach. Loaded once per import, inside its transaction.
struct ImportContext {
  CodeTable organisations, sites, tracks, cohorts;
  std::unordered_map<std::string, std::int64_t> candidates_by_cin;
  std::unordered_set<std::int64_t> candidates_in_scope;  // operators: those who applied to its cohorts
};

ImportContext load_import_context(soci::session& sql, const std::string& kind, const Actor& actor);

// The text that identifies a row by its key columns (the first key_count values).
std::string key_text(const store::TextRow& values, std::size_t key_count);

class RowChecker {
 public:
  // columns: the CSV columns the file has, in the layout's order. Fills table_columns (key first).
  RowChecker(const KindLayout& layout, const io::CsvTable& table, const std::vector<std::string>& columns,
             const ImportContext& context, const Actor& actor);

  const std::vector<std::string>& table_columns() const { return table_columns_; }
  // Checks one row: fills values (one per table column) or appends issues.
  void check(const io::CsvRow& row, store::TextRow& values, std::vector<ImportIssue>& issues) const;

 private:
  enum class Ref { none, candidate_by_cin, organisation, operator_org, track, site, cohort };
  struct Column {
    std::string name;
    std::size_t source;
    const core::FieldSpec* field;
    Ref ref;
    bool centimes;  // an amount in MAD written to the table in centimes
  };
  void check_reach(const std::vector<std::string>& texts, std::size_t line, std::vector<ImportIssue>& issues) const;
  std::string text_of(const std::vector<std::string>& texts, const std::string& column) const;

  const KindLayout& layout_;
  const core::ResourceSpec& spec_;
  const ImportContext& context_;
  const Actor& actor_;
  std::vector<Column> columns_;
  std::vector<std::string> table_columns_;
};

}  // namespace jobintech::app
