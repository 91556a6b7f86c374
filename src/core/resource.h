// ResourceSpec: what the programme's records look like from outside — their fields, types, limits,
// which are personal data, which filters and sorts a list accepts. One specification per resource
// (organisations, sites, conventions, tracks, cohorts, candidates, applications) drives input
// validation, the JSON shape, the CSV import columns, the OpenAPI document and the privacy rule
// that steering users never see personal fields. Pure data and pure functions; thread-safe.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/field_error.h"
#include "core/value.h"

namespace jobintech::core {

enum class FieldType {
  id,           // integer key, assigned by the database
  text,         // trimmed UTF-8, bounded length
  code,         // [a-z0-9._-], lower case: the natural key of reference data
  integer,
  decimal,
  date,         // YYYY-MM-DD (DD/MM/YYYY accepted from spreadsheets)
  timestamp,    // read-only ISO 8601 UTC
  enumeration,  // one of `choices`
  region,       // a region code "01".."12"
  reference,    // the code of another resource's record (track_code, site_code...)
  reference_id, // the id of another resource's record (candidate_id)
  code_list,    // a list of codes of another resource (a convention's parties)
  cin,
  phone,
  email,
};

struct FieldSpec {
  std::string name;
  FieldType type = FieldType::text;
  bool required = false;   // must be given on create
  bool writable = true;    // accepted in create and update bodies and imports
  bool personal = false;   // personal data: hidden from steering users
  bool generated = false;  // filled on create with a random secret (e.g. a round's lottery seed)
  std::size_t max_length = 200;
  std::vector<std::string> choices;  // enumeration values
  std::string references;            // reference, reference_id, code_list: the resource referred to
  std::optional<long long> min, max; // integer and decimal bounds
};

struct ResourceSpec {
  std::string name;                   // plural, as in the API path: "cohorts"
  std::string singular;               // "cohort"
  std::string key;                    // natural key for upserts: "code", "cin" (empty: none)
  std::vector<FieldSpec> fields;      // in output order; "id" first
  std::vector<std::string> filters;   // query parameters a list accepts: "region", "track"...
  std::vector<std::string> sortable;  // fields a list may sort on
  bool deletable = false;
  // Checks across fields on the merged record (after update); appends to errors.
  std::function<void(const Record&, FieldErrors&)> check_record;
  // The lifecycle: for a status field, the statuses each status may move to (an update to any
  // other is refused with 409). Empty: no lifecycle.
  std::map<std::string, std::vector<std::string>> transitions;

  const FieldSpec* field(std::string_view name) const;
};

enum class InputMode { create, update };
enum class InputSource { json, spreadsheet };

struct ParsedInput {
  Record values;       // normalised values of the fields given
  FieldErrors errors;  // every problem found, by field
};

// Validates raw input (JSON-decoded values, or CSV texts when source is spreadsheet): rejects
// unknown and read-only fields, checks types, formats and bounds, normalises (trim, case), and on
// create reports missing required fields. Empty text from a spreadsheet counts as absent.
ParsedInput parse_input(const ResourceSpec& spec, const Record& raw, InputMode mode, InputSource source);

// Validates one spreadsheet cell for a field (the import's fast path, same rules as parse_input):
// an empty cell is null, or the error "required". Returns false and fills err on failure.
bool parse_cell(const FieldSpec& field, std::string_view text, Value& out, FieldError& err);

// True when a record in status `from` may move to `to` (same status: true).
bool transition_allowed(const ResourceSpec& spec, const std::string& from, const std::string& to);

// The programme's resources.
const std::vector<ResourceSpec>& all_resources();
const ResourceSpec* find_resource(std::string_view name);
const ResourceSpec& resource(std::string_view name);  // throws std::logic_error if unknown

std::string_view field_type_name(FieldType t);

}  // namespace jobintech::core
