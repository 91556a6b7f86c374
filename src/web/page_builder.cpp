#include "web/page_builder.h"

#include <algorithm>

#include "app/access_policy.h"
#include "core/resource.h"

namespace jobintech::web {

bool is_local_path(const std::string& p) {
  return !p.empty() && p[0] == '/' && (p.size() == 1 || (p[1] != '/' && p[1] != '\\'));
}

std::string url_with(const httplib::Request& req, const std::map<std::string, std::string>& changes) {
  std::map<std::string, std::string> params;
  for (const auto& [k, v] : req.params) params[k] = v;
  for (const auto& [k, v] : changes) {
    if (v.empty())
      params.erase(k);
    else
      params[k] = v;
  }
  std::string q;
  for (const auto& [k, v] : params) q += (q.empty() ? "?" : "&") + k + "=" + httplib::detail::encode_query_param(v);
  return req.path + q;
}

std::string localized_name(const core::Record& r, const std::string& lang) {
  auto it = r.find("name_" + lang);
  return it == r.end() ? core::to_text(r.at("name_fr")) : core::to_text(it->second);
}

nlohmann::json PageBuilder::base(const std::string& active) const {
  const auto& m = app::Messages::global();
  nlohmann::json j;
  j["title"] = m.text(ctx_.lang, "nav." + active);
  j["request_path"] = req_.path;
  nlohmann::json langs = nlohmann::json::array();
  for (const auto& l : app::kLanguages)
    langs.push_back(
        {{"code", l},
         {"label", m.text(l, "language.name")},
         {"current", l == ctx_.lang},
         {"href", "/lang/" + l + "?next=" + httplib::detail::encode_query_param(url_with(req_, {{"lang", ""}}))}});
  j["languages"] = langs;
  if (ctx_.actor) {
    const auto& a = *ctx_.actor;
    if (!ctx_.token.empty()) j["csrf"] = csrf_token(ctx_.token);  // forms' anti-forgery field
    j["user"] = {{"name", a.display_name}, {"role", m.text(ctx_.lang, "role." + app::role_name(a.role))}};
    nlohmann::json nav = nlohmann::json::array();
    auto add = [&](const std::string& key, const std::string& href) {
      nav.push_back(
          {{"label", m.text(ctx_.lang, "nav." + key)}, {"href", href}, {"active", key == active}, {"key", key}});
    };
    add("home", "/");
    if (a.role == app::Role::candidate) {
      if (a.candidate_id) add("my_record", "/candidates/" + std::to_string(*a.candidate_id));
      if (a.candidate_id) add("my_data", "/candidates/" + std::to_string(*a.candidate_id) + "/personal-data");
      add("admission", "/admission");
      add("cohorts", "/cohorts");
    } else if (a.role == app::Role::employer) {
      add("offers", "/offers");
      add("organisation", "/organisation");
    } else {
      add("cohorts", "/cohorts");
      if (a.role != app::Role::steering) add("candidates", "/candidates");  // steering: aggregates only
      add("rounds", "/rounds");
      if (a.role == app::Role::admin || a.role == app::Role::operator_staff) add("import", "/import");
      if (a.role == app::Role::admin || a.role == app::Role::operator_staff) add("followups", "/followups");
      if (a.role != app::Role::operator_staff) add("targets", "/targets");
      add("payments", "/payments");
      if (a.role == app::Role::admin || a.role == app::Role::steering) {
        add("offers", "/offers");
        add("supply_demand", "/supply-demand");
        if (a.role == app::Role::admin) add("corrections", "/corrections");
        if (a.role == app::Role::admin) add("audit", "/audit");
      }
    }
    j["nav"] = nav;
  }
  return j;
}

std::vector<core::Record> PageBuilder::all(const std::string& resource) const {
  auto out = s_.resources.list(*ctx_.actor, core::resource(resource), {{"limit", "500"}});
  return out.result.items;
}

nlohmann::json PageBuilder::region_options(const std::string& selected) const {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& r : all("regions")) {
    const auto code = core::to_text(r.at("code"));
    list.push_back(
        {{"value", code}, {"label", code + " · " + localized_name(r, ctx_.lang)}, {"selected", code == selected}});
  }
  return list;
}

std::map<std::string, std::string> PageBuilder::region_names() const {
  std::map<std::string, std::string> names;
  for (const auto& r : all("regions")) names[core::to_text(r.at("code"))] = localized_name(r, ctx_.lang);
  return names;
}

nlohmann::json PageBuilder::choice_options(const std::string& resource, const std::string& field,
                                           const std::string& selected) const {
  const auto& m = app::Messages::global();
  nlohmann::json list = nlohmann::json::array();
  for (const auto& c : core::resource(resource).field(field)->choices)
    list.push_back({{"value", c}, {"label", m.text(ctx_.lang, field + "." + c)}, {"selected", c == selected}});
  return list;
}

bool PageBuilder::list(const std::string& resource, const std::vector<std::string>& filters, nlohmann::json& page,
                       store::ListResult& result, httplib::Response& res) const {
  std::map<std::string, std::string> params{{"limit", std::to_string(kPageSize)}};
  for (const auto& f : filters)
    if (req_.has_param(f) && !req_.get_param_value(f).empty()) params[f] = req_.get_param_value(f);
  if (req_.has_param("q") && !req_.get_param_value("q").empty()) params["q"] = req_.get_param_value("q");
  long long p = 1;
  if (req_.has_param("page")) {
    try {
      p = std::max(1LL, std::stoll(req_.get_param_value("page")));
    } catch (...) {
      p = 1;
    }
  }
  params["offset"] = std::to_string((p - 1) * kPageSize);
  auto out = s_.resources.list(*ctx_.actor, core::resource(resource), params);
  if (out.kind == app::OutcomeKind::forbidden) {
    error_page(res, 403, "forbidden");
    return false;
  }
  if (out.kind != app::OutcomeKind::ok) {
    const auto& m = app::Messages::global();
    nlohmann::json errors = nlohmann::json::array();
    for (const auto& e : out.errors) errors.push_back({{"field", e.field}, {"message", m.error(ctx_.lang, e)}});
    page["filter_errors"] = errors;
    params = {{"limit", std::to_string(kPageSize)}};
    p = 1;
    out = s_.resources.list(*ctx_.actor, core::resource(resource), params);
  }
  result = std::move(out.result);
  const long long total = result.total;
  const long long first = total == 0 ? 0 : (p - 1) * kPageSize + 1;
  const long long last = std::min<long long>(total, p * kPageSize);
  page["q"] = req_.has_param("q") ? req_.get_param_value("q") : "";
  page["pagination"] = {{"summary", app::Messages::global().text(ctx_.lang, "list.range",
                                                                 {{"first", std::to_string(first)},
                                                                  {"last", std::to_string(last)},
                                                                  {"total", std::to_string(total)}})},
                        {"has_previous", p > 1},
                        {"has_next", last < total},
                        {"previous", url_with(req_, {{"page", std::to_string(p - 1)}})},
                        {"next", url_with(req_, {{"page", std::to_string(p + 1)}})}};
  page["empty"] = result.items.empty();
  return true;
}

void PageBuilder::error_page(httplib::Response& res, int status, const std::string& code) const {
  nlohmann::json page = base("home");
  const auto& m = app::Messages::global();
  page["status"] = status;
  page["message"] = m.text(ctx_.lang, "error." + code);
  page["title"] = m.text(ctx_.lang, "problem." + std::to_string(status));
  res.status = status;
  res.set_content(s_.templates.page("error", page, ctx_.lang), "text/html; charset=utf-8");
}

void PageBuilder::render(httplib::Response& res, const std::string& name, const nlohmann::json& page) const {
  res.set_content(s_.templates.page(name, page, ctx_.lang), "text/html; charset=utf-8");
}

}  // namespace jobintech::web
