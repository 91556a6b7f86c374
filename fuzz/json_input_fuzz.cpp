// Fuzz target: the decoding of JSON request bodies into records, as the web layer does it for every
// resource (web/http_support.cpp json_body, web/api_routes.cpp record_body): nlohmann::json::parse
// without exceptions, web::json_to_record, then core::parse_input for every resource of
// core::all_resources() in create and update modes, from JSON and, with the same values as texts,
// from a spreadsheet (with core::parse_cell, the import's fast path); and the single-value checks
// of core/validation.h and core/date.h on every text and on the raw bytes.
//
// Checks: nothing throws; a body is either a record or field errors with the documented codes;
// parse_input keeps only writable fields it was given, each with the value type of its field,
// in valid UTF-8, and normalising is idempotent (the normalised record parses to itself without
// error); the answer built from it serialises (dump() would throw on invalid UTF-8); parse_cell
// agrees with parse_input; every check_* result that is ok is in the documented form and checks
// to itself; dates format and parse back to themselves.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/date.h"
#include "core/resource.h"
#include "core/validation.h"
#include "fuzz_check.h"
#include "web/json_records.h"

namespace {

using namespace jobintech;

bool only(std::string_view s, bool (*allowed)(char)) { return std::all_of(s.begin(), s.end(), allowed); }
bool digit(char c) { return c >= '0' && c <= '9'; }

void check_validators(std::string_view raw) {
  const std::string trimmed = core::trim(raw);
  FUZZ_CHECK(core::trim(trimmed) == trimmed, "trim is not idempotent");
  if (core::is_valid_utf8(raw)) FUZZ_CHECK(core::is_valid_utf8(trimmed), "trim broke UTF-8");

  for (std::size_t max_length : {1U, 80U, 200U}) {
    const core::Checked c = core::check_text(raw, max_length);
    if (!c.ok()) continue;
    FUZZ_CHECK(core::is_valid_utf8(c.value) && !c.value.empty() && core::utf8_length(c.value) <= max_length,
               "check_text accepted a bad text");
    for (unsigned char ch : c.value) FUZZ_CHECK(ch >= 0x20 || ch == '\n' || ch == '\t', "control character kept");
    FUZZ_CHECK(core::check_text(c.value, max_length).value == c.value, "check_text is not idempotent");
  }
  if (const core::Checked c = core::check_cin(raw); c.ok()) {
    const std::size_t letters = c.value.find_first_of("0123456789");
    FUZZ_CHECK(letters >= 1 && letters <= 2 && c.value.size() - letters >= 1 && c.value.size() - letters <= 8 &&
                   only(std::string_view(c.value).substr(0, letters), [](char x) { return x >= 'A' && x <= 'Z'; }) &&
                   only(std::string_view(c.value).substr(letters), digit),
               "check_cin accepted \"%s\"", c.value.c_str());
    FUZZ_CHECK(core::check_cin(c.value).value == c.value, "check_cin is not idempotent");
  }
  if (const core::Checked c = core::check_phone(raw); c.ok()) {
    FUZZ_CHECK(c.value.size() == 13 && c.value.starts_with("+212") && only(std::string_view(c.value).substr(4), digit),
               "check_phone gave \"%s\"", c.value.c_str());
    FUZZ_CHECK(core::check_phone(c.value).value == c.value, "check_phone is not idempotent");
  }
  if (const core::Checked c = core::check_email(raw); c.ok()) {
    FUZZ_CHECK(c.value.size() <= 254 && std::count(c.value.begin(), c.value.end(), '@') == 1,
               "check_email accepted \"%s\"", c.value.c_str());
    FUZZ_CHECK(core::check_email(c.value).value == c.value, "check_email is not idempotent");
  }
  if (const core::Checked c = core::check_code(raw); c.ok()) {
    const auto code_char = [](char x) {
      return (x >= 'a' && x <= 'z') || (x >= '0' && x <= '9') || x == '.' || x == '_' || x == '-';
    };
    FUZZ_CHECK(!c.value.empty() && c.value.size() <= 64 && only(c.value, code_char) &&
                   ((c.value[0] >= 'a' && c.value[0] <= 'z') || digit(c.value[0])),
               "check_code accepted \"%s\"", c.value.c_str());
    FUZZ_CHECK(core::check_code(c.value).value == c.value, "check_code is not idempotent");
  }
  for (bool sheet : {false, true}) {
    if (const auto d = core::parse_decimal(raw, sheet); d && std::isfinite(*d)) {
      const auto again = core::parse_decimal(std::to_string(*d), false);
      FUZZ_CHECK(again.has_value(), "parse_decimal refuses its own value");
    }
    if (const auto d = core::parse_date(raw, sheet)) {
      FUZZ_CHECK(core::is_valid_date(d->year, d->month, d->day), "parse_date gave an invalid date");
      const std::string text = core::format_date(*d);
      FUZZ_CHECK(core::parse_date(text, false) == d, "date %s does not parse back", text.c_str());
      FUZZ_CHECK(core::civil_from_days(core::days_from_civil(*d)) == *d, "days_from_civil does not invert");
    }
  }
  if (const auto i = core::parse_integer(raw)) {
    FUZZ_CHECK(core::parse_integer(std::to_string(*i)) == i, "parse_integer does not read its own %lld", *i);
  }
  (void)core::parse_timestamp(raw);
}

// The JSON a record would be answered with, serialised as the server does.
void check_serialises(const core::ResourceSpec& spec, const core::ParsedInput& parsed) {
  const std::string body = web::record_to_json(spec, parsed.values).dump();
  nlohmann::json problems = nlohmann::json::array();
  for (const core::FieldError& e : parsed.errors) problems.push_back({{"field", e.field}, {"code", e.code}, {"params", e.params}});
  (void)problems.dump();
  FUZZ_CHECK(!body.empty(), "empty answer");
}

void check_values(const core::ResourceSpec& spec, const core::Record& raw, const core::ParsedInput& parsed) {
  for (const auto& [name, value] : parsed.values) {
    const core::FieldSpec* f = spec.field(name);
    FUZZ_CHECK(f != nullptr && f->writable && raw.count(name) == 1, "%s: value for field %s that was not given",
               spec.name.c_str(), name.c_str());
    for (const core::FieldError& e : parsed.errors)
      FUZZ_CHECK(e.field != name, "%s: field %s has both a value and an error", spec.name.c_str(), name.c_str());
    if (core::is_null(value)) {
      FUZZ_CHECK(!f->required, "%s: required field %s null", spec.name.c_str(), name.c_str());
      continue;
    }
    switch (f->type) {
      case core::FieldType::integer:
      case core::FieldType::reference_id: {
        const auto* i = std::get_if<std::int64_t>(&value);
        FUZZ_CHECK(i && (!f->min || *i >= *f->min) && (!f->max || *i <= *f->max), "%s.%s: bad integer",
                   spec.name.c_str(), name.c_str());
        break;
      }
      case core::FieldType::decimal: {
        const auto* d = std::get_if<double>(&value);
        FUZZ_CHECK(d && std::isfinite(*d) && (!f->min || *d >= static_cast<double>(*f->min)) &&
                       (!f->max || *d <= static_cast<double>(*f->max)),
                   "%s.%s: bad decimal", spec.name.c_str(), name.c_str());
        break;
      }
      case core::FieldType::code_list: {
        const auto* l = std::get_if<std::vector<std::string>>(&value);
        FUZZ_CHECK(l && std::is_sorted(l->begin(), l->end()) && std::adjacent_find(l->begin(), l->end()) == l->end(),
                   "%s.%s: list not sorted and unique", spec.name.c_str(), name.c_str());
        for (const std::string& code : *l) FUZZ_CHECK(core::check_code(code).value == code, "bad code in list");
        break;
      }
      case core::FieldType::enumeration: {
        const auto* s = std::get_if<std::string>(&value);
        FUZZ_CHECK(s && std::find(f->choices.begin(), f->choices.end(), *s) != f->choices.end(),
                   "%s.%s: not one of the choices", spec.name.c_str(), name.c_str());
        break;
      }
      default: {
        const auto* s = std::get_if<std::string>(&value);
        FUZZ_CHECK(s && core::is_valid_utf8(*s), "%s.%s: not a UTF-8 text", spec.name.c_str(), name.c_str());
      }
    }
  }
  for (const core::FieldError& e : parsed.errors) FUZZ_CHECK(!e.code.empty(), "an error without a code");
}

void check_resource(const core::ResourceSpec& spec, const core::Record& raw) {
  for (core::InputMode mode : {core::InputMode::create, core::InputMode::update}) {
    const core::ParsedInput parsed = core::parse_input(spec, raw, mode, core::InputSource::json);
    check_values(spec, raw, parsed);
    check_serialises(spec, parsed);
    if (spec.check_record) {
      core::FieldErrors errors;
      spec.check_record(parsed.values, errors);
    }
    // Normalising twice changes nothing.
    const core::ParsedInput again = core::parse_input(spec, parsed.values, core::InputMode::update, core::InputSource::json);
    FUZZ_CHECK(again.errors.empty(), "%s: the normalised record is refused (%s: %s)", spec.name.c_str(),
               again.errors.front().field.c_str(), again.errors.front().code.c_str());
    FUZZ_CHECK(again.values == parsed.values, "%s: normalising is not idempotent", spec.name.c_str());
  }
  if (!spec.transitions.empty()) {
    if (auto it = raw.find("status"); it != raw.end())
      if (const auto* to = std::get_if<std::string>(&it->second))
        for (const auto& [from, _] : spec.transitions) (void)core::transition_allowed(spec, from, *to);
  }

  // The same values as a spreadsheet would give them: texts.
  core::Record sheet;
  for (const auto& [name, value] : raw) sheet[name] = core::to_text(value);
  const core::ParsedInput imported = core::parse_input(spec, sheet, core::InputMode::update, core::InputSource::spreadsheet);
  check_values(spec, sheet, imported);
  (void)core::parse_input(spec, sheet, core::InputMode::create, core::InputSource::spreadsheet);
  for (const auto& [name, value] : sheet) {
    const core::FieldSpec* f = spec.field(name);
    if (f == nullptr || !f->writable) continue;
    core::Value cell;
    core::FieldError error;
    const bool ok = core::parse_cell(*f, std::get<std::string>(value), cell, error);
    const auto found = imported.values.find(name);
    FUZZ_CHECK(ok == (found != imported.values.end()), "%s.%s: parse_cell says %d, parse_input disagrees",
               spec.name.c_str(), name.c_str(), ok);
    if (ok) FUZZ_CHECK(cell == found->second, "%s.%s: parse_cell and parse_input differ", spec.name.c_str(), name.c_str());
  }
}

void collect_texts(const nlohmann::json& j, std::vector<std::string>& out, int depth = 0) {
  if (out.size() > 64 || depth > 8) return;
  if (j.is_string()) out.push_back(j.get<std::string>());
  else if (j.is_object())
    for (auto it = j.begin(); it != j.end(); ++it) {
      out.push_back(it.key());
      collect_texts(it.value(), out, depth + 1);
    }
  else if (j.is_array())
    for (const auto& item : j) collect_texts(item, out, depth + 1);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 64 * 1024) return 0;  // request bodies are small; big ones only slow the search
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  check_validators(bytes);

  const nlohmann::json body = nlohmann::json::parse(bytes.begin(), bytes.end(), nullptr, false);
  if (body.is_discarded()) return 0;
  std::vector<std::string> texts;
  collect_texts(body, texts);
  for (const std::string& t : texts) check_validators(t);
  if (!body.is_object()) return 0;  // answered 400 malformed_json, as json_body() does

  core::FieldErrors errors;
  const std::optional<core::Record> raw = web::json_to_record(body, errors);
  if (!raw) {
    FUZZ_CHECK(!errors.empty(), "json_to_record refused without an error");
    for (const core::FieldError& e : errors)
      FUZZ_CHECK(e.code == "list_format" || e.code == "type_mismatch", "json_to_record error %s", e.code.c_str());
    return 0;
  }
  FUZZ_CHECK(errors.empty() && raw->size() == body.size(), "json_to_record lost fields");
  for (const core::ResourceSpec& spec : core::all_resources()) check_resource(spec, *raw);
  return 0;
}
