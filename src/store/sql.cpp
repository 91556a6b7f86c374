#include "store/sql.h"

#include <deque>
#include <string_view>

namespace jobintech::store {

namespace {

// Holds bound values at stable addresses for the life of a statement.
struct Bindings {
  std::deque<std::string> texts;
  std::deque<long long> integers;
  std::deque<double> decimals;
  std::deque<soci::indicator> indicators;
};

std::string numbered_placeholders(const std::string& query) {
  std::string out;
  out.reserve(query.size() + 16);
  int n = 0;
  for (char c : query) {
    if (c == '?') out += ":p" + std::to_string(++n);
    else out += c;
  }
  return out;
}

void bind(soci::statement& st, Bindings& b, const Params& params) {
  for (const auto& p : params) {
    if (auto* i = std::get_if<std::int64_t>(&p)) {
      st.exchange(soci::use(b.integers.emplace_back(*i)));
    } else if (auto* d = std::get_if<double>(&p)) {
      st.exchange(soci::use(b.decimals.emplace_back(*d)));
    } else if (auto* s = std::get_if<std::string>(&p)) {
      st.exchange(soci::use(b.texts.emplace_back(*s)));
    } else if (auto* l = std::get_if<std::vector<std::string>>(&p)) {
      st.exchange(soci::use(b.texts.emplace_back(core::to_text(*l))));
    } else {
      b.indicators.push_back(soci::i_null);
      st.exchange(soci::use(b.texts.emplace_back(), b.indicators.back()));
    }
  }
}

core::Value value_at(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return std::monostate{};
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_string: return r.get<std::string>(i);
    case soci::dt_double: return r.get<double>(i);
    case soci::dt_integer: return static_cast<std::int64_t>(r.get<int>(i));
    case soci::dt_long_long: return static_cast<std::int64_t>(r.get<long long>(i));
    case soci::dt_unsigned_long_long: return static_cast<std::int64_t>(r.get<unsigned long long>(i));
    case soci::dt_date: {
      std::tm t = r.get<std::tm>(i);
      char buf[32];
      std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &t);
      return std::string(buf);
    }
    default: return r.get<std::string>(i);
  }
}

}  // namespace

std::vector<Row> fetch_all(soci::session& sql, const std::string& query, const Params& params) {
  Bindings b;
  soci::row row;
  soci::statement st(sql);
  st.exchange(soci::into(row));
  bind(st, b, params);
  st.alloc();
  st.prepare(numbered_placeholders(query));
  st.define_and_bind();
  std::vector<Row> rows;
  if (!st.execute(true)) return rows;
  do {
    Row out;
    out.reserve(row.size());
    for (std::size_t i = 0; i < row.size(); ++i) out.push_back(value_at(row, i));
    rows.push_back(std::move(out));
  } while (st.fetch());
  return rows;
}

std::optional<Row> fetch_one(soci::session& sql, const std::string& query, const Params& params) {
  auto rows = fetch_all(sql, query, params);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

long long execute(soci::session& sql, const std::string& query, const Params& params) {
  Bindings b;
  soci::statement st(sql);
  bind(st, b, params);
  st.alloc();
  st.prepare(numbered_placeholders(query));
  st.define_and_bind();
  st.execute(true);
  return st.get_affected_rows();
}

std::optional<std::int64_t> fetch_integer(soci::session& sql, const std::string& query, const Params& params) {
  auto row = fetch_one(sql, query, params);
  if (!row || row->empty()) return std::nullopt;
  const auto& v = (*row)[0];
  if (auto* i = std::get_if<std::int64_t>(&v)) return *i;
  if (auto* d = std::get_if<double>(&v)) return static_cast<std::int64_t>(*d);
  if (auto* s = std::get_if<std::string>(&v)) return std::stoll(*s);
  return std::nullopt;
}

bool is_unique_violation(const std::exception& e) {
  std::string_view m = e.what();
  return m.find("UNIQUE constraint failed") != std::string_view::npos ||
         m.find("duplicate key value") != std::string_view::npos;
}

bool is_foreign_key_violation(const std::exception& e) {
  std::string_view m = e.what();
  return m.find("FOREIGN KEY constraint failed") != std::string_view::npos ||
         m.find("violates foreign key constraint") != std::string_view::npos;
}

std::int64_t as_integer(const core::Value& v) {
  if (auto* i = std::get_if<std::int64_t>(&v)) return *i;
  if (auto* d = std::get_if<double>(&v)) return static_cast<std::int64_t>(*d);
  if (auto* s = std::get_if<std::string>(&v)) {
    try {
      return s->empty() ? 0 : std::stoll(*s);
    } catch (const std::exception&) {
      return 0;
    }
  }
  return 0;
}

std::optional<double> as_decimal(const core::Value& v) {
  if (auto* d = std::get_if<double>(&v)) return *d;
  if (auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  if (auto* s = std::get_if<std::string>(&v)) {
    try {
      return s->empty() ? std::nullopt : std::optional<double>(std::stod(*s));
    } catch (const std::exception&) {
      return std::nullopt;
    }
  }
  return std::nullopt;
}

std::string as_text(const core::Value& v) { return core::is_null(v) ? std::string() : core::to_text(v); }

}  // namespace jobintech::store
