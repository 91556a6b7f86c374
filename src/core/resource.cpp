#include "core/resource.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/date.h"
#include "core/validation.h"

namespace jobintech::core {

const FieldSpec* ResourceSpec::field(std::string_view n) const {
  for (const auto& f : fields)
    if (f.name == n) return &f;
  return nullptr;
}

std::string to_text(const Value& v) {
  struct {
    std::string operator()(std::monostate) const { return ""; }
    std::string operator()(std::int64_t i) const { return std::to_string(i); }
    std::string operator()(double d) const {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.10g", d);
      return buf;
    }
    std::string operator()(const std::string& s) const { return s; }
    std::string operator()(const std::vector<std::string>& l) const {
      std::string r;
      for (const auto& s : l) r += (r.empty() ? "" : ";") + s;
      return r;
    }
  } visitor;
  return std::visit(visitor, v);
}

std::string_view field_type_name(FieldType t) {
  switch (t) {
    case FieldType::id: return "id";
    case FieldType::text: return "text";
    case FieldType::code: return "code";
    case FieldType::integer: return "integer";
    case FieldType::decimal: return "decimal";
    case FieldType::date: return "date";
    case FieldType::timestamp: return "timestamp";
    case FieldType::enumeration: return "enumeration";
    case FieldType::region: return "region";
    case FieldType::reference: return "reference";
    case FieldType::reference_id: return "reference_id";
    case FieldType::code_list: return "code_list";
    case FieldType::cin: return "cin";
    case FieldType::phone: return "phone";
    case FieldType::email: return "email";
  }
  return "text";
}

namespace {

// Returns the value for the field, or sets error (a message code) and returns nullopt.
std::optional<Value> parse_field(const FieldSpec& f, const Value& raw, InputSource source, FieldError& err) {
  const bool sheet = source == InputSource::spreadsheet;
  auto fail = [&](std::string code) -> std::optional<Value> {
    err.code = std::move(code);
    return std::nullopt;
  };
  const std::string* text = std::get_if<std::string>(&raw);

  switch (f.type) {
    case FieldType::integer:
    case FieldType::reference_id: {
      long long v;
      if (auto* i = std::get_if<std::int64_t>(&raw)) v = *i;
      else if (text && sheet) {
        auto p = parse_integer(*text);
        if (!p) return fail("integer_format");
        v = *p;
      } else return fail("integer_format");
      if (f.min && v < *f.min) { err.params["min"] = std::to_string(*f.min); return fail("too_small"); }
      if (f.max && v > *f.max) { err.params["max"] = std::to_string(*f.max); return fail("too_large"); }
      return Value{static_cast<std::int64_t>(v)};
    }
    case FieldType::decimal: {
      double v;
      if (auto* d = std::get_if<double>(&raw)) v = *d;
      else if (auto* i = std::get_if<std::int64_t>(&raw)) v = static_cast<double>(*i);
      else if (text && sheet) {
        auto p = parse_decimal(*text, true);
        if (!p) return fail("decimal_format");
        v = *p;
      } else return fail("decimal_format");
      if (!std::isfinite(v)) return fail("decimal_format");
      if (f.min && v < static_cast<double>(*f.min)) { err.params["min"] = std::to_string(*f.min); return fail("too_small"); }
      if (f.max && v > static_cast<double>(*f.max)) { err.params["max"] = std::to_string(*f.max); return fail("too_large"); }
      return Value{v};
    }
    case FieldType::code_list: {
      std::vector<std::string> items;
      if (auto* l = std::get_if<std::vector<std::string>>(&raw)) items = *l;
      else if (text && sheet) {
        std::string cur;
        for (char c : *text + "|") {
          if (c == '|' || c == ',') { if (!trim(cur).empty()) items.push_back(trim(cur)); cur.clear(); }
          else cur += c;
        }
      } else return fail("list_format");
      std::vector<std::string> out;
      for (const auto& item : items) {
        auto c = check_code(item);
        if (!c.ok()) return fail(c.error);
        out.push_back(c.value);
      }
      std::sort(out.begin(), out.end());
      out.erase(std::unique(out.begin(), out.end()), out.end());
      return Value{std::move(out)};
    }
    default: break;
  }

  if (!text) return fail("text_expected");
  Checked c;
  switch (f.type) {
    case FieldType::text: c = check_text(*text, f.max_length); break;
    case FieldType::code:
    case FieldType::reference: c = check_code(*text); break;
    case FieldType::cin: c = check_cin(*text); break;
    case FieldType::phone: c = check_phone(*text); break;
    case FieldType::email: c = check_email(*text); break;
    case FieldType::region: {
      std::string t = trim(*text);
      if (t.size() == 1 && t[0] >= '1' && t[0] <= '9') t = "0" + t;  // Excel drops the leading zero
      auto n = parse_integer(t);
      if (t.size() != 2 || !n || *n < 1 || *n > 12) return fail("region_unknown");
      c.value = t;
      break;
    }
    case FieldType::date: {
      auto d = parse_date(trim(*text), sheet);
      if (!d) return fail("date_format");
      c.value = format_date(*d);
      break;
    }
    case FieldType::enumeration: {
      std::string t = trim(*text);
      if (f.name != "gender") t = to_lower_ascii(t);
      else t = to_upper_ascii(t);
      bool found = false;
      for (const auto& ch : f.choices) found = found || ch == t;
      if (!found) {
        std::string list;
        for (const auto& ch : f.choices) list += (list.empty() ? "" : ", ") + ch;
        err.params["choices"] = list;
        return fail("not_in_choices");
      }
      c.value = t;
      break;
    }
    default: return fail("read_only");
  }
  if (!c.ok()) {
    if (c.error == "too_long") err.params["max"] = std::to_string(f.max_length);
    return fail(c.error);
  }
  return Value{std::move(c.value)};
}

}  // namespace

ParsedInput parse_input(const ResourceSpec& spec, const Record& raw, InputMode mode, InputSource source) {
  ParsedInput out;
  for (const auto& [name, value] : raw) {
    const FieldSpec* f = spec.field(name);
    if (!f) { out.errors.push_back({name, "unknown_field", {}}); continue; }
    if (!f->writable) { out.errors.push_back({name, "read_only", {}}); continue; }
    const bool empty_text = std::holds_alternative<std::string>(value) && trim(std::get<std::string>(value)).empty();
    if (is_null(value) || (empty_text && (source == InputSource::spreadsheet || !f->required))) {
      if (f->required) out.errors.push_back({name, "required", {}});
      else out.values[name] = std::monostate{};
      continue;
    }
    FieldError err{name, "", {}};
    if (auto v = parse_field(*f, value, source, err)) out.values[name] = std::move(*v);
    else out.errors.push_back(std::move(err));
  }
  if (mode == InputMode::create) {
    for (const auto& f : spec.fields)
      if (f.required && !raw.count(f.name)) out.errors.push_back({f.name, "required", {}});
  }
  return out;
}

bool parse_cell(const FieldSpec& field, std::string_view text, Value& out, FieldError& err) {
  err.field = field.name;
  if (trim(text).empty()) {
    if (field.required) {
      err.code = "required";
      return false;
    }
    out = std::monostate{};
    return true;
  }
  auto v = parse_field(field, Value{std::string(text)}, InputSource::spreadsheet, err);
  if (!v) return false;
  out = std::move(*v);
  return true;
}

bool transition_allowed(const ResourceSpec& spec, const std::string& from, const std::string& to) {
  if (spec.transitions.empty() || from == to) return true;
  auto it = spec.transitions.find(from);
  return it != spec.transitions.end() && std::find(it->second.begin(), it->second.end(), to) != it->second.end();
}

const ResourceSpec* find_resource(std::string_view name) {
  for (const auto& r : all_resources())
    if (r.name == name) return &r;
  return nullptr;
}

const ResourceSpec& resource(std::string_view name) {
  if (auto* r = find_resource(name)) return *r;
  throw std::logic_error("unknown resource " + std::string(name));
}

}  // namespace jobintech::core
