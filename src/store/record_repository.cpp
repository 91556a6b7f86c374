#include "store/record_repository.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/date.h"
#include "store/count_cache.h"
#include "store/resource_tables.h"
#include "store/sql.h"

namespace jobintech::store {

namespace {

// Coerces a database value to the field's declared type (SQLite may return any storage class).
core::Value as_field_type(const core::FieldSpec& f, core::Value v) {
  if (core::is_null(v)) return v;
  switch (f.type) {
    case core::FieldType::id:
    case core::FieldType::integer:
    case core::FieldType::reference_id:
      if (auto* d = std::get_if<double>(&v)) return static_cast<std::int64_t>(*d);
      if (auto* s = std::get_if<std::string>(&v)) return static_cast<std::int64_t>(std::stoll(*s));
      return v;
    case core::FieldType::decimal:
      if (auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
      if (auto* s = std::get_if<std::string>(&v)) return std::stod(*s);
      return v;
    default:
      if (auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
      return v;
  }
}

void append_scope(const ResourceTable& t, const Scope& scope, std::string& where, Params& params) {
  switch (scope.kind) {
    case Scope::Kind::all: return;
    case Scope::Kind::none: where += " AND 1 = 0"; return;
    case Scope::Kind::organisation:
      if (t.organisation_scope.empty()) { where += " AND 1 = 0"; return; }
      where += " AND " + t.organisation_scope;
      // A scope predicate may name the organisation more than once.
      for (char c : t.organisation_scope)
        if (c == '?') params.push_back(scope.id);
      return;
    case Scope::Kind::candidate:
      if (t.candidate_scope.empty()) { where += " AND 1 = 0"; return; }
      where += " AND " + t.candidate_scope;
      params.push_back(scope.id);
      return;
  }
}

}  // namespace

RecordRepository::RecordRepository(soci::session& sql, const core::ResourceSpec& spec) : sql_(sql), spec_(spec) {}

std::string RecordRepository::select_list() const {
  const auto& t = resource_table(spec_.name);
  std::string s;
  for (const auto& f : spec_.fields) {
    if (f.type == core::FieldType::code_list) continue;
    s += (s.empty() ? "" : ", ") + t.select.at(f.name);
  }
  return s;
}

ListResult RecordRepository::list(const ListQuery& query, const Scope& scope) {
  const auto& t = resource_table(spec_.name);
  std::string where = "1 = 1";
  Params params;
  append_scope(t, scope, where, params);
  for (const auto& [name, value] : query.filters) {
    auto it = t.filters.find(name);
    if (it == t.filters.end()) throw std::logic_error("unknown filter " + name);
    where += " AND " + it->second;
    if (name == "candidate") params.push_back(static_cast<std::int64_t>(std::stoll(value)));
    else params.push_back(value);
  }
  if (!query.q.empty() && !t.search.empty()) {
    std::string pattern = "%";
    for (char c : query.q) {
      if (c == '%' || c == '_' || c == '\\') pattern += '\\';
      pattern += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    pattern += "%";
    std::string any;
    for (const auto& col : t.search) {
      any += (any.empty() ? "" : " OR ") + ("lower(" + col + ") LIKE ? ESCAPE '\\'");
      params.push_back(pattern);
    }
    where += " AND (" + any + ")";
  }

  ListResult result;
  if (query.with_total) {
    const std::string count_sql = "SELECT COUNT(*) FROM " + t.from + " WHERE " + where;
    std::string key = count_sql;
    for (const auto& p : params) key += '\x1f' + core::to_text(p);
    if (auto cached = cached_count(key)) {
      result.total = *cached;
    } else {
      result.total = fetch_integer(sql_, count_sql, params).value_or(0);
      remember_count(key, result.total);
    }
  }

  std::string order = t.select.at(std::find(spec_.sortable.begin(), spec_.sortable.end(), query.sort) != spec_.sortable.end()
                                      ? query.sort : spec_.sortable.front());
  order += query.descending ? " DESC" : " ASC";
  if (spec_.field("id") && query.sort != "id") order += ", x.id ASC";
  Params page = params;
  page.push_back(static_cast<std::int64_t>(query.limit));
  page.push_back(static_cast<std::int64_t>(query.offset));
  auto rows = fetch_all(sql_, "SELECT " + select_list() + " FROM " + t.from + " WHERE " + where + " ORDER BY " + order +
                                  " LIMIT ? OFFSET ?", page);
  for (auto& row : rows) {
    core::Record r;
    std::size_t i = 0;
    for (const auto& f : spec_.fields) {
      if (f.type == core::FieldType::code_list) continue;
      r[f.name] = as_field_type(f, std::move(row[i++]));
    }
    if (!t.links.empty() && spec_.field("id")) read_links(r, std::get<std::int64_t>(r["id"]));
    result.items.push_back(std::move(r));
  }
  if (!query.with_total) result.total = static_cast<std::int64_t>(result.items.size());
  return result;
}

std::optional<core::Record> RecordRepository::get(std::int64_t id, const Scope& scope) {
  const auto& t = resource_table(spec_.name);
  std::string where = "x.id = ?";
  Params params{id};
  append_scope(t, scope, where, params);
  auto row = fetch_one(sql_, "SELECT " + select_list() + " FROM " + t.from + " WHERE " + where, params);
  if (!row) return std::nullopt;
  core::Record r;
  std::size_t i = 0;
  for (const auto& f : spec_.fields) {
    if (f.type == core::FieldType::code_list) continue;
    r[f.name] = as_field_type(f, std::move((*row)[i++]));
  }
  if (!t.links.empty()) read_links(r, id);
  return r;
}

std::optional<core::Record> RecordRepository::get_by_key(const std::string& key_value, const Scope& scope) {
  auto id = id_by_key(key_value);
  if (!id) return std::nullopt;
  return get(*id, scope);
}

std::optional<std::int64_t> RecordRepository::id_by_key(const std::string& key_value) {
  if (spec_.key.empty()) return std::nullopt;
  const auto& t = resource_table(spec_.name);
  return fetch_integer(sql_, "SELECT id FROM " + t.table + " WHERE " + spec_.key + " = ?", {key_value});
}

std::optional<std::int64_t> RecordRepository::resolve(const std::string& table, const std::string& code) {
  auto& cache = resolved_[table];
  if (auto it = cache.find(code); it != cache.end()) return it->second;
  auto id = fetch_integer(sql_, "SELECT id FROM " + table + " WHERE code = ?", {code});
  if (id) cache[code] = *id;
  return id;
}

void RecordRepository::check_references(const core::Record& values, core::FieldErrors& errors) {
  const auto& t = resource_table(spec_.name);
  for (const auto& [name, value] : values) {
    if (core::is_null(value)) continue;
    if (auto ref = t.references.find(name); ref != t.references.end()) {
      if (auto* code = std::get_if<std::string>(&value)) {
        if (!resolve(ref->second.second, *code)) errors.push_back({name, "unknown_reference", {{"value", *code}}});
      } else if (auto* id = std::get_if<std::int64_t>(&value)) {
        if (!fetch_integer(sql_, "SELECT id FROM " + ref->second.second + " WHERE id = ?", {*id}))
          errors.push_back({name, "unknown_reference", {{"value", std::to_string(*id)}}});
      }
    }
    if (auto link = t.links.find(name); link != t.links.end()) {
      for (const auto& code : std::get<std::vector<std::string>>(value)) {
        const bool known = link->second.ref_table.empty()
                               ? fetch_integer(sql_, "SELECT COUNT(*) FROM " + link->second.code_table + " WHERE code = ?", {code}).value_or(0) > 0
                               : resolve(link->second.ref_table, code).has_value();
        if (!known) errors.push_back({name, "unknown_reference", {{"value", code}}});
      }
    }
    const auto* f = spec_.field(name);
    if (f && f->type == core::FieldType::region) {
      if (!fetch_integer(sql_, "SELECT COUNT(*) FROM regions WHERE code = ?", {value}).value_or(0))
        errors.push_back({name, "region_unknown", {}});
    }
  }
}

std::vector<std::pair<std::string, core::Value>> RecordRepository::column_values(const core::Record& values) {
  const auto& t = resource_table(spec_.name);
  std::vector<std::pair<std::string, core::Value>> out;
  for (const auto& [name, value] : values) {
    if (t.links.count(name)) continue;  // written to their link tables
    if (auto money = t.centimes.find(name); money != t.centimes.end()) {
      const auto* mad = std::get_if<double>(&value);
      out.emplace_back(money->second, mad ? core::Value(static_cast<std::int64_t>(std::llround(*mad * 100))) : value);
      continue;
    }
    auto ref = t.references.find(name);
    if (ref == t.references.end()) out.emplace_back(name, value);
    else if (auto* code = std::get_if<std::string>(&value)) out.emplace_back(ref->second.first, *resolve(ref->second.second, *code));
    else out.emplace_back(ref->second.first, value);
  }
  return out;
}

std::int64_t RecordRepository::insert(const core::Record& values) {
  const auto& t = resource_table(spec_.name);
  std::string columns, marks;
  Params params;
  auto add = [&](const std::string& column, core::Value v) {
    columns += (columns.empty() ? "" : ", ") + column;
    marks += marks.empty() ? "?" : ", ?";
    params.push_back(std::move(v));
  };
  for (auto& [column, value] : column_values(values)) add(column, std::move(value));
  const std::string now = core::now_utc();
  if (spec_.field("created_at")) {
    add("created_at", now);
    add("updated_at", now);
  }
  note_write(spec_.name);
  auto id = fetch_integer(sql_, "INSERT INTO " + t.table + " (" + columns + ") VALUES (" + marks + ") RETURNING id", params);
  if (!id) throw std::runtime_error("insert into " + t.table + " returned no id");
  write_links(*id, values);
  return *id;
}

bool RecordRepository::update(std::int64_t id, const core::Record& values, std::optional<std::int64_t> expected_version) {
  const auto& t = resource_table(spec_.name);
  std::string sets;
  Params params;
  auto add = [&](const std::string& column, core::Value v) {
    sets += (sets.empty() ? "" : ", ") + column + " = ?";
    params.push_back(std::move(v));
  };
  for (auto& [column, value] : column_values(values)) add(column, std::move(value));
  if (spec_.field("updated_at")) add("updated_at", core::now_utc());
  if (spec_.field("version")) sets += (sets.empty() ? "" : ", ") + std::string("version = version + 1");
  if (sets.empty()) return fetch_integer(sql_, "SELECT id FROM " + t.table + " WHERE id = ?", {id}).has_value();
  std::string where = " WHERE id = ?";
  params.push_back(id);
  if (expected_version) {
    where += " AND version = ?";
    params.push_back(*expected_version);
  }
  note_write(spec_.name);
  const bool changed = execute(sql_, "UPDATE " + t.table + " SET " + sets + where, params) > 0;
  if (changed) write_links(id, values);
  return changed;
}

bool RecordRepository::remove(std::int64_t id) {
  const auto& t = resource_table(spec_.name);
  note_write(spec_.name);
  return execute(sql_, "DELETE FROM " + t.table + " WHERE id = ?", {id}) > 0;
}

void RecordRepository::read_links(core::Record& record, std::int64_t id) {
  const auto& t = resource_table(spec_.name);
  for (const auto& [field, link] : t.links) {
    std::vector<std::string> codes;
    const std::string q =
        link.ref_table.empty()
            ? "SELECT l." + link.value_column + " FROM " + link.table + " l WHERE l." + link.owner_column + " = ? ORDER BY 1"
            : "SELECT r.code FROM " + link.table + " l JOIN " + link.ref_table + " r ON r.id = l." + link.value_column +
                  " WHERE l." + link.owner_column + " = ? ORDER BY 1";
    for (auto& row : fetch_all(sql_, q, {id})) codes.push_back(core::to_text(row[0]));
    record[field] = std::move(codes);
  }
}

void RecordRepository::write_links(std::int64_t id, const core::Record& values) {
  const auto& t = resource_table(spec_.name);
  for (const auto& [field, link] : t.links) {
    auto it = values.find(field);
    if (it == values.end()) continue;
    execute(sql_, "DELETE FROM " + link.table + " WHERE " + link.owner_column + " = ?", {id});
    if (core::is_null(it->second)) continue;
    for (const auto& code : std::get<std::vector<std::string>>(it->second)) {
      core::Value v = code;
      if (!link.ref_table.empty()) v = *resolve(link.ref_table, code);
      execute(sql_, "INSERT INTO " + link.table + " (" + link.owner_column + ", " + link.value_column + ") VALUES (?, ?)",
              {id, v});
    }
  }
}

}  // namespace jobintech::store
