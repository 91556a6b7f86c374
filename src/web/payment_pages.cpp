// The payment statement page (GET /payments, docs/payments.md): for one operator and one period,
// each line of each convention (basis, amount per learner, learners, total), the learners behind
// each line in a <details>, the grand total, and a link to the same statement as XLSX. It calls
// app::PaymentService::statement, as GET /api/v1/payments/statement does, so both show the same
// numbers and the same reader rules: the programme office chooses any operator, operator staff
// see their own (another's is a 403 page), steering (the ministry, the funder) chooses any
// operator and sees lines and totals without the learners. The period defaults to the current
// calendar year up to today (UTC). Bad parameters: the page with each wrong one named, 422.
// No script, no inline style.
#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "core/date.h"
#include "core/resource.h"
#include "web/page_builder.h"
#include "web/router.h"
#include "web/services.h"
#include "web/svg_chart.h"

namespace jobintech::web {

// An amount of integer centimes of MAD as the pages show it in a language: dirhams grouped by
// thousands as counts are, always two decimals after the language's separator, then the currency
// ("12 000,00 MAD" in French). Also used by the targets page for the tranches.
std::string money_text(std::int64_t centimes, const std::string& lang) {
  const auto magnitude = static_cast<std::int64_t>(std::llabs(centimes));
  std::string text = svg::format_count(magnitude / 100, lang);
  char cents[4];
  std::snprintf(cents, sizeof cents, "%02lld", static_cast<long long>(magnitude % 100));
  text += (lang == "en" ? "." : ",") + std::string(cents);
  if (centimes < 0) text = "-" + text;
  return app::Messages::global().text(lang, "payments.amount", {{"amount", text}});
}

namespace {

using nlohmann::json;

// The statement's parameters, as the page's form names them.
constexpr const char* kParams[] = {"operator", "from", "to"};

std::string query_string(const std::map<std::string, std::string>& params) {
  std::string q;
  for (const auto& [k, v] : params) q += (q.empty() ? "" : "&") + k + "=" + httplib::detail::encode_query_param(v);
  return q;
}

void statement_page(Services& s, const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
  PageBuilder b(s, req, ctx);
  const auto& actor = *ctx.actor;
  const auto& lang = ctx.lang;
  const auto& m = app::Messages::global();
  auto t = [&](const std::string& key, const std::map<std::string, std::string>& params = {}) {
    return m.text(lang, key, params);
  };
  const bool operator_staff = actor.role == app::Role::operator_staff;
  if (actor.role != app::Role::admin && actor.role != app::Role::steering && !operator_staff)
    return b.error_page(res, 403, "forbidden");

  // What the form shows: what was typed, or the defaults (this calendar year up to today; the
  // operator's own for its staff).
  const auto today = core::today_utc();
  std::map<std::string, std::string> values = {
      {"from", core::format_date({today.year, 1, 1})},
      {"to", core::format_date(today)},
      {"operator", operator_staff ? actor.organisation_code.value_or("") : ""}};
  bool asked = operator_staff;  // staff always see their statement; the others once they chose
  for (const char* k : kParams)
    if (req.has_param(k)) {
      values[k] = req.get_param_value(k);
      asked = true;
    }

  json page = b.base("payments");
  page["title"] = t("payments.title");
  json form = {{"from", values["from"]}, {"to", values["to"]}, {"operator_choice", !operator_staff}};
  if (!operator_staff) {
    auto out = s.resources.list(actor, core::resource("organisations"),
                                {{"kind", "operator"}, {"sort", "name"}, {"limit", "500"}});
    json operators = json::array();
    for (const auto& o : out.result.items) {
      const auto code = core::to_text(o.at("code"));
      operators.push_back(
          {{"value", code}, {"label", core::to_text(o.at("name"))}, {"selected", code == values["operator"]}});
    }
    form["operators"] = operators;
  }
  page["form"] = form;
  page["steering"] = actor.role == app::Role::steering;
  if (!asked) {
    page["choose"] = true;
    return b.render(res, "payments", page);
  }

  std::map<std::string, std::string> query;
  for (const char* k : kParams)
    if (!values[k].empty() || req.has_param(k)) query[k] = values[k];
  auto out = s.payments.statement(actor, query);
  if (out.kind == app::OutcomeKind::forbidden || out.kind == app::OutcomeKind::not_found)
    return b.error_page(res, status_of(out.kind), out.message_code.empty() ? "forbidden" : out.message_code);
  if (!out.ok()) {
    static const std::map<std::string, std::string> labels = {
        {"operator", "field.operator"}, {"from", "payments.from"}, {"to", "payments.to"}};
    json errors = json::array();
    for (const auto& e : out.errors) {
      auto it = labels.find(e.field);
      errors.push_back({{"field", e.field},
                        {"named", !e.field.empty()},
                        {"label", it == labels.end() ? e.field : t(it->second)},
                        {"message", m.error(lang, e)}});
    }
    if (errors.empty())
      errors.push_back({{"field", ""}, {"named", false}, {"label", ""}, {"message", t("error." + out.message_code)}});
    page["errors"] = errors;
    page["has_errors"] = true;
    res.status = 422;
    return b.render(res, "payments", page);
  }

  const auto& st = out.value;
  json lines = json::array();
  for (std::size_t i = 0; i < st.lines.size(); ++i) {
    const auto& l = st.lines[i];
    json learners = json::array();
    for (const auto& e : l.entries)
      learners.push_back({{"name", e.first_name + " " + e.last_name},
                          {"candidate_id", e.candidate_id},
                          {"cin", e.cin},
                          {"cohort", e.cohort_code},
                          {"date", e.on}});
    lines.push_back(
        {{"key", l.convention_code + ":" + l.basis},
         {"convention_code", l.convention_code},
         {"convention_title", l.convention_title},
         {"basis", l.basis},
         {"basis_label", t("basis." + l.basis)},
         {"amount", money_text(l.amount_centimes, lang)},
         {"learners", svg::format_count(l.learners, lang)},
         {"total", money_text(l.total_centimes, lang)},
         {"personal", st.personal && !learners.empty()},
         {"entries", learners},
         {"entries_summary", t("payments.learners_of_line", {{"count", svg::format_count(l.learners, lang)}})}});
  }
  const std::map<std::string, std::string> params = {{"operator", st.operator_code}, {"from", st.from}, {"to", st.to}};
  page["statement"] = {
      {"heading", t("payments.heading", {{"operator", st.operator_name}, {"from", st.from}, {"to", st.to}})},
      {"operator_code", st.operator_code},
      {"lines", lines},
      {"empty", lines.empty()},
      {"total", money_text(st.total_centimes, lang)},
      {"personal", st.personal},
      {"xlsx", "/api/v1/payments/statement?" + query_string(params) + "&format=xlsx"}};
  b.render(res, "payments", page);
}

}  // namespace

void register_payment_page_routes(Router& router, Services& s) {
  router.add({"GET", "/payments", Audience::signed_in, Kind::page,
              "An operator's payment statement as a page (?operator=&from=&to=): lines, learners, totals, XLSX link",
              "", [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                statement_page(s, req, res, ctx);
              }});
}

}  // namespace jobintech::web
