// Running SQL with a list of parameters known only at run time, over SOCI, on both backends.
// Queries are written with '?' placeholders (never inside string literals); values are always
// bound, never spliced into the text. Not thread-safe per session (one session per thread).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/value.h"

namespace jobintech::store {

using Params = std::vector<core::Value>;
using Row = std::vector<core::Value>;

std::vector<Row> fetch_all(soci::session& sql, const std::string& query, const Params& params = {});
std::optional<Row> fetch_one(soci::session& sql, const std::string& query, const Params& params = {});
// Returns the number of rows changed.
long long execute(soci::session& sql, const std::string& query, const Params& params = {});
// A single integer result (COUNT(*), RETURNING id...); nullopt when there is no row or it is null.
std::optional<std::int64_t> fetch_integer(soci::session& sql, const std::string& query, const Params& params = {});

// Values as the backends return them (SQLite gives untyped expressions as text): an integer, a
// decimal, or a text; null and unparsable values give 0, nullopt or "".
std::int64_t as_integer(const core::Value& v);
std::optional<double> as_decimal(const core::Value& v);
std::string as_text(const core::Value& v);

// True when the error is a unique-constraint violation (SQLite or PostgreSQL).
bool is_unique_violation(const std::exception& e);
bool is_foreign_key_violation(const std::exception& e);

}  // namespace jobintech::store
