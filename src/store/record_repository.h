// RecordRepository: reads and writes the records of one resource (core/resource.h) through the
// SQL fragments of store/resource_tables. Every list and read is restricted by a Scope; every
// value is bound, never spliced. Codes of referenced records (track_code...) are resolved to ids
// here. Works on the caller's session and inside the caller's transaction; not thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/field_error.h"
#include "core/resource.h"
#include "core/value.h"

namespace jobintech::store {

// Which records a user may see: all, those of an organisation, those of one candidate, or none.
struct Scope {
  enum class Kind { all, organisation, candidate, none };
  Kind kind = Kind::all;
  std::int64_t id = 0;
  static Scope everything() { return {}; }
  static Scope nothing() { return {Kind::none, 0}; }
};

struct ListQuery {
  std::map<std::string, std::string> filters;  // filter name -> value
  std::string q;                               // free text, matched as a substring
  std::string sort = "id";                     // a sortable field
  bool descending = false;
  int limit = 50;
  int offset = 0;
  bool with_total = true;
};

struct ListResult {
  std::vector<core::Record> items;
  std::int64_t total = 0;
};

class RecordRepository {
 public:
  RecordRepository(soci::session& sql, const core::ResourceSpec& spec);

  ListResult list(const ListQuery& query, const Scope& scope);
  std::optional<core::Record> get(std::int64_t id, const Scope& scope);
  std::optional<core::Record> get_by_key(const std::string& key_value, const Scope& scope);
  std::optional<std::int64_t> id_by_key(const std::string& key_value);

  // Checks that every referenced code exists; appends field errors for those that do not.
  void check_references(const core::Record& values, core::FieldErrors& errors);
  // Inserts (values already validated and references checked); returns the new id.
  std::int64_t insert(const core::Record& values);
  // Updates the given fields, bumps version and updated_at. expected_version: refuse (return
  // false) if the stored version differs. Returns false if no such record.
  bool update(std::int64_t id, const core::Record& values, std::optional<std::int64_t> expected_version = {});
  bool remove(std::int64_t id);

 private:
  std::optional<std::int64_t> resolve(const std::string& table, const std::string& code);
  // The table's columns and values for these fields: codes of referenced records become ids.
  std::vector<std::pair<std::string, core::Value>> column_values(const core::Record& values);
  std::string select_list() const;
  void read_links(core::Record& record, std::int64_t id);
  void write_links(std::int64_t id, const core::Record& values);

  soci::session& sql_;
  const core::ResourceSpec& spec_;
  std::map<std::string, std::map<std::string, std::int64_t>> resolved_;  // table -> code -> id
};

}  // namespace jobintech::store
