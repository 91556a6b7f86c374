#include "app/resource_service.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "app/audit_entry.h"
#include "app/credentials.h"
#include "core/validation.h"
#include "store/audit_log.h"
#include "store/data_version.h"
#include "store/sql.h"
#include "store/transaction.h"

namespace jobintech::app {

namespace {

// A person's records: whoever reads them, but the person herself, is written in the audit log
// (law 09-08: the programme can say who saw whose data).
bool about_a_person(const std::string& resource) {
  return resource == "candidates" || resource == "applications" || resource == "enrolments" ||
         resource == "placements";
}

bool read_is_audited(const Actor& actor, const core::ResourceSpec& spec, const Access& access) {
  return access.personal_fields && about_a_person(spec.name) && actor.role != Role::candidate;
}

// Appends the audit entry and commits: the write and its line in the log stand or fall together.
void commit_audited(soci::session& sql, store::Transaction& tx, const store::AuditEntry& entry) {
  store::append_audit(sql, entry);
  store::commit_write(sql, tx, entry.entity);
}

// Validates the merged record (stored values overlaid with the update) across fields.
void check_merged(const core::ResourceSpec& spec, const core::Record& stored, const core::Record& changes,
                  core::FieldErrors& errors) {
  if (!spec.check_record) return;
  core::Record merged = stored;
  for (const auto& [k, v] : changes) merged[k] = v;
  spec.check_record(merged, errors);
}

bool only_allowed_fields(const Access& access, const core::Record& raw, core::FieldErrors& errors) {
  if (access.updatable_fields.empty()) return true;
  for (const auto& [name, _] : raw)
    if (std::find(access.updatable_fields.begin(), access.updatable_fields.end(), name) == access.updatable_fields.end())
      errors.push_back({name, "not_allowed_for_role", {}});
  return errors.empty();
}

}  // namespace

std::string record_json(const core::Record& record) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [k, v] : record) {
    std::visit(
        [&](const auto& x) {
          using X = std::decay_t<decltype(x)>;
          if constexpr (std::is_same_v<X, std::monostate>) j[k] = nullptr;
          else j[k] = x;
        },
        v);
  }
  return j.dump();
}

void hide_personal_fields(const core::ResourceSpec& spec, const Access& access, core::Record& record) {
  if (access.personal_fields) return;
  for (const auto& f : spec.fields)
    if (f.personal) record.erase(f.name);
}

ListOutcome ResourceService::list(const Actor& actor, const core::ResourceSpec& spec,
                                  const std::map<std::string, std::string>& params) {
  ListOutcome out;
  const Access access = access_for(spec.name, actor.role);
  if (access.read == Reach::none) {
    out.kind = OutcomeKind::forbidden;
    return out;
  }
  store::ListQuery q;
  for (const auto& [name, value] : params) {
    if (name == "limit" || name == "offset") {
      auto n = core::parse_integer(value);
      const long long lo = name == "limit" ? 1 : 0, hi = name == "limit" ? 500 : 100'000'000;
      if (!n || *n < lo || *n > hi) {
        out.errors.push_back({name, "out_of_range", {{"min", std::to_string(lo)}, {"max", std::to_string(hi)}}});
        continue;
      }
      (name == "limit" ? q.limit : q.offset) = static_cast<int>(*n);
    } else if (name == "q") {
      auto t = core::check_text(value, 100);
      if (!t.ok() && t.error != "required") out.errors.push_back({name, t.error, {}});
      else q.q = t.value;
    } else if (name == "sort") {
      std::string field = value;
      q.descending = !field.empty() && field[0] == '-';
      if (q.descending) field = field.substr(1);
      if (std::find(spec.sortable.begin(), spec.sortable.end(), field) == spec.sortable.end()) {
        out.errors.push_back({name, "not_sortable", {}});
        continue;
      }
      if (const auto* f = spec.field(field); f && f->personal && !access.personal_fields) {
        out.errors.push_back({name, "not_sortable", {}});
        continue;
      }
      q.sort = field;
    } else if (std::find(spec.filters.begin(), spec.filters.end(), name) != spec.filters.end()) {
      if (value.empty()) continue;
      if (!core::is_valid_utf8(value) || value.size() > 100) {
        out.errors.push_back({name, "invalid_filter", {}});
        continue;
      }
      if (name == "candidate" && !core::parse_integer(value)) {
        out.errors.push_back({name, "integer_format", {}});
        continue;
      }
      q.filters[name] = value;
    } else if (name != "lang") {
      out.errors.push_back({name, "unknown_parameter", {}});
    }
  }
  if (!q.q.empty() && !access.personal_fields && spec.name == "candidates") q.q.clear();  // no search on hidden fields
  if (!out.errors.empty()) {
    out.kind = OutcomeKind::invalid;
    return out;
  }
  auto conn = db_.connect();
  store::RecordRepository repo(conn.session(), spec);
  out.result = repo.list(q, scope_for(actor, access.read));
  for (auto& r : out.result.items) hide_personal_fields(spec, access, r);
  if (read_is_audited(actor, spec, access) && !out.result.items.empty()) {
    // One line per list shown: how many people, the first ids, and the search that found them.
    std::string detail = "rows=" + std::to_string(out.result.items.size()) + " ids=";
    for (std::size_t i = 0; i < out.result.items.size() && i < 25; ++i)
      detail += (i ? "," : "") + core::to_text(out.result.items[i]["id"]);
    for (const auto& [name, value] : params)
      if (name != "lang") detail += " " + name + "=" + value.substr(0, 100);
    store::append_audit(conn.session(), {actor.user_id, actor.email, "list", spec.name, "", {}, {}, detail});
  }
  return out;
}

Outcome ResourceService::get(const Actor& actor, const core::ResourceSpec& spec, std::int64_t id) {
  const Access access = access_for(spec.name, actor.role);
  if (access.read == Reach::none) return Outcome::fail(OutcomeKind::forbidden, "forbidden");
  auto conn = db_.connect();
  store::RecordRepository repo(conn.session(), spec);
  auto record = repo.get(id, scope_for(actor, access.read));
  if (!record) return Outcome::fail(OutcomeKind::not_found, "not_found");
  hide_personal_fields(spec, access, *record);
  if (read_is_audited(actor, spec, access))
    store::append_audit(conn.session(), {actor.user_id, actor.email, "read", spec.name, std::to_string(id), {}, {}, {}});
  return {OutcomeKind::ok, std::move(*record), {}, ""};
}

Outcome ResourceService::create(const Actor& actor, const core::ResourceSpec& spec, const core::Record& raw) {
  const Access access = access_for(spec.name, actor.role);
  if (access.create == Reach::none) return Outcome::fail(OutcomeKind::forbidden, "forbidden");
  if (core::FieldErrors limited; !only_allowed_fields(access, raw, limited)) return Outcome::invalid(std::move(limited));
  auto parsed = core::parse_input(spec, raw, core::InputMode::create, core::InputSource::json);
  if (spec.check_record) spec.check_record(parsed.values, parsed.errors);
  if (!parsed.errors.empty()) return Outcome::invalid(std::move(parsed.errors));
  for (const auto& field : spec.fields) {
    if (field.generated) parsed.values[field.name] = random_secret();
  }

  auto conn = db_.connect();
  auto& sql = conn.session();
  store::RecordRepository repo(sql, spec);
  store::Transaction tx(sql);
  core::FieldErrors errors;
  repo.check_references(parsed.values, errors);
  if (!errors.empty()) return Outcome::invalid(std::move(errors));
  if (!spec.key.empty()) {
    auto key = parsed.values.find(spec.key);
    if (key != parsed.values.end() && repo.id_by_key(core::to_text(key->second)))
      return {OutcomeKind::conflict, {}, {{spec.key, "duplicate", {}}}, "duplicate"};
  }
  std::int64_t id;
  try {
    id = repo.insert(parsed.values);
  } catch (const soci::soci_error& e) {
    if (store::is_unique_violation(e)) return Outcome::fail(OutcomeKind::conflict, "duplicate");
    throw;
  }
  const auto scope = access.create_checks_scope ? scope_for(actor, access.create) : store::Scope::everything();
  auto created = repo.get(id, scope);
  if (!created) return Outcome::fail(OutcomeKind::forbidden, "outside_your_scope");  // rolled back
  auto entry = audit_entry(actor, "create", spec.name, id);
  entry.after_json = record_json(*created);
  commit_audited(sql, tx, entry);
  hide_personal_fields(spec, access, *created);
  return {OutcomeKind::created, std::move(*created), {}, ""};
}

Outcome ResourceService::update(const Actor& actor, const core::ResourceSpec& spec, std::int64_t id,
                                const core::Record& raw, std::optional<std::int64_t> if_version) {
  const Access access = access_for(spec.name, actor.role);
  if (access.update == Reach::none) {
    if (access.read == Reach::none) return Outcome::fail(OutcomeKind::forbidden, "forbidden");
  }
  auto conn = db_.connect();
  auto& sql = conn.session();
  store::RecordRepository repo(sql, spec);
  store::Transaction tx(sql);
  auto before = repo.get(id, scope_for(actor, access.read));
  if (!before) return Outcome::fail(OutcomeKind::not_found, "not_found");
  if (access.update == Reach::none) return Outcome::fail(OutcomeKind::forbidden, "forbidden");
  if (!repo.get(id, scope_for(actor, access.update))) return Outcome::fail(OutcomeKind::forbidden, "forbidden");

  core::FieldErrors errors;
  if (!only_allowed_fields(access, raw, errors)) return Outcome::invalid(std::move(errors));
  auto parsed = core::parse_input(spec, raw, core::InputMode::update, core::InputSource::json);
  // A refused move along the lifecycle is a conflict (409), whatever else the body holds.
  if (auto status = parsed.values.find("status"); status != parsed.values.end() && before->count("status")) {
    const auto from = core::to_text(before->at("status")), to = core::to_text(status->second);
    if (!core::transition_allowed(spec, from, to))
      return {OutcomeKind::conflict, {}, {{"status", "transition_refused", {{"from", from}, {"to", to}}}}, "transition_refused"};
  }
  check_merged(spec, *before, parsed.values, parsed.errors);
  if (!parsed.errors.empty()) return Outcome::invalid(std::move(parsed.errors));
  repo.check_references(parsed.values, errors);
  if (!errors.empty()) return Outcome::invalid(std::move(errors));
  if (!spec.key.empty()) {
    auto key = parsed.values.find(spec.key);
    if (key != parsed.values.end()) {
      auto other = repo.id_by_key(core::to_text(key->second));
      if (other && *other != id) return {OutcomeKind::conflict, {}, {{spec.key, "duplicate", {}}}, "duplicate"};
    }
  }
  if (!repo.update(id, parsed.values, if_version)) return Outcome::fail(OutcomeKind::stale, "stale_version");
  auto after = repo.get(id, scope_for(actor, access.update));
  if (!after) return Outcome::fail(OutcomeKind::forbidden, "outside_your_scope");  // rolled back
  auto entry = audit_entry(actor, "update", spec.name, id);
  entry.before_json = record_json(*before);
  entry.after_json = record_json(*after);
  commit_audited(sql, tx, entry);
  hide_personal_fields(spec, access, *after);
  return {OutcomeKind::ok, std::move(*after), {}, ""};
}

Outcome ResourceService::remove(const Actor& actor, const core::ResourceSpec& spec, std::int64_t id) {
  const Access access = access_for(spec.name, actor.role);
  if (access.read == Reach::none) return Outcome::fail(OutcomeKind::forbidden, "forbidden");
  if (!spec.deletable) return Outcome::fail(OutcomeKind::forbidden, "forbidden");
  auto conn = db_.connect();
  auto& sql = conn.session();
  store::RecordRepository repo(sql, spec);
  store::Transaction tx(sql);
  auto before = repo.get(id, scope_for(actor, access.read));
  if (!before) return Outcome::fail(OutcomeKind::not_found, "not_found");
  if (access.remove == Reach::none || !repo.get(id, scope_for(actor, access.remove)))
    return Outcome::fail(OutcomeKind::forbidden, "forbidden");
  try {
    repo.remove(id);
  } catch (const soci::soci_error& e) {
    if (store::is_foreign_key_violation(e)) return Outcome::fail(OutcomeKind::conflict, "in_use");
    throw;
  }
  auto entry = audit_entry(actor, "delete", spec.name, id);
  entry.before_json = record_json(*before);
  commit_audited(sql, tx, entry);
  return {OutcomeKind::ok, std::move(*before), {}, ""};
}

}  // namespace jobintech::app
