// Value: one field of a record as it travels between the layers (web, app, store, io), without
// JSON and without SQL. A value is null, an integer, a decimal, a text, or a list of texts.
// Plain data; copyable; no thread-safety concerns.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace jobintech::core {

using Value = std::variant<std::monostate, std::int64_t, double, std::string, std::vector<std::string>>;

inline bool is_null(const Value& v) { return std::holds_alternative<std::monostate>(v); }

// A record by field name. Field order for output comes from the resource's specification.
using Record = std::map<std::string, Value>;

// Text form of a scalar value (lists joined with ';'), as written to CSV.
std::string to_text(const Value& v);

}  // namespace jobintech::core
