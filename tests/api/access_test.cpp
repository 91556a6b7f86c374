// The access matrix: every API route of the router × every role → the expected status. A route
// added without a line here fails this test, so no route ships without an access rule.
// Objects addressed by {id} are the demo operator's own (its cohort, its site, the demo
// candidate who applied to it); write bodies are invalid on purpose ({"zz": 1}), so a permitted
// role gets 422 and nothing changes, while a refused role gets 403 (or 404 when it may not even
// see the object). DELETE runs last, dependent records first, roles in the order below, on the same objects.
#include <set>

#include "access_matrix.h"
#include "shared_programme.h"
#include "store/sql.h"
#include "web/router.h"

namespace jobintech::testing {

namespace {

const auto& kRoles = kMatrixRoles;
using Row = MatrixRow;

const std::map<std::string, Row>& expectations() {
  //                                                 steering employer candidate operator admin
  static const std::map<std::string, Row> m = {
      {"GET /api/v1/auth/me",                          {200, 200, 200, 200, 200}},
      {"POST /api/v1/auth/password",                   {422, 422, 422, 422, 422}},
      {"GET /api/v1/regions",                          {200, 200, 200, 200, 200}},
      {"GET /api/v1/regions/{code}",                   {200, 200, 200, 200, 200}},
      {"GET /api/v1/organisations",                    {200, 200, 200, 200, 200}},
      {"GET /api/v1/organisations/{id}",               {200, 200, 200, 200, 200}},
      {"POST /api/v1/organisations",                   {403, 403, 403, 403, 422}},
      {"PATCH /api/v1/organisations/{id}",             {403, 403, 403, 403, 422}},
      {"DELETE /api/v1/organisations/{id}",            {403, 403, 403, 403, 409}},
      {"GET /api/v1/sites",                            {200, 200, 200, 200, 200}},
      {"GET /api/v1/sites/{id}",                       {200, 200, 200, 200, 200}},
      {"POST /api/v1/sites",                           {403, 422, 403, 422, 422}},
      {"PATCH /api/v1/sites/{id}",                     {403, 403, 403, 422, 422}},
      {"DELETE /api/v1/sites/{id}",                    {403, 403, 403, 403, 409}},
      {"GET /api/v1/conventions",                      {200, 403, 403, 200, 200}},
      {"GET /api/v1/conventions/{id}",                 {200, 403, 403, 200, 200}},
      {"POST /api/v1/conventions",                     {403, 403, 403, 403, 422}},
      {"PATCH /api/v1/conventions/{id}",               {403, 403, 403, 403, 422}},
      {"DELETE /api/v1/conventions/{id}",              {403, 403, 403, 403, 204}},
      {"GET /api/v1/tracks",                           {200, 200, 200, 200, 200}},
      {"GET /api/v1/tracks/{id}",                      {200, 200, 200, 200, 200}},
      {"POST /api/v1/tracks",                          {403, 403, 403, 403, 422}},
      {"PATCH /api/v1/tracks/{id}",                    {403, 403, 403, 403, 422}},
      {"GET /api/v1/cohorts",                          {200, 200, 200, 200, 200}},
      {"GET /api/v1/cohorts/{id}",                     {200, 200, 200, 200, 200}},
      {"POST /api/v1/cohorts",                         {403, 403, 403, 422, 422}},
      {"PATCH /api/v1/cohorts/{id}",                   {403, 403, 403, 422, 422}},
      {"DELETE /api/v1/cohorts/{id}",                  {403, 403, 403, 409, 409}},
      {"GET /api/v1/candidates",                       {403, 403, 200, 200, 200}},
      {"GET /api/v1/candidates/{id}",                  {403, 403, 200, 200, 200}},
      {"POST /api/v1/candidates",                      {403, 403, 403, 422, 422}},
      {"PATCH /api/v1/candidates/{id}",                {403, 403, 422, 422, 422}},
      {"DELETE /api/v1/candidates/{id}",               {403, 403, 403, 403, 409}},
      {"GET /api/v1/applications",                     {403, 403, 200, 200, 200}},
      {"GET /api/v1/applications/{id}",                {403, 403, 200, 200, 200}},
      {"POST /api/v1/applications",                    {403, 403, 403, 422, 422}},
      {"PATCH /api/v1/applications/{id}",              {403, 403, 403, 422, 422}},
      {"DELETE /api/v1/applications/{id}",             {403, 403, 403, 204, 404}},
      {"GET /api/v1/rounds",                           {200, 403, 200, 200, 200}},
      {"GET /api/v1/rounds/{id}",                      {200, 403, 200, 200, 200}},
      {"POST /api/v1/rounds",                          {403, 403, 403, 403, 422}},
      {"PATCH /api/v1/rounds/{id}",                    {403, 403, 403, 403, 422}},
      {"DELETE /api/v1/rounds/{id}",                   {403, 403, 403, 403, 409}},
      {"GET /api/v1/rounds/{id}/choices",              {403, 403, 200, 403, 403}},
      {"PUT /api/v1/rounds/{id}/choices",              {403, 403, 422, 403, 403}},
      {"GET /api/v1/rounds/{id}/result",               {403, 403, 200, 403, 422}},
      {"POST /api/v1/rounds/{id}/offer/accept",        {403, 403, 409, 403, 403}},
      {"POST /api/v1/rounds/{id}/offer/decline",       {403, 403, 409, 403, 403}},
      {"GET /api/v1/rounds/{id}/runs",                 {200, 403, 403, 403, 200}},
      {"GET /api/v1/rounds/{id}/inputs/{file}",        {403, 403, 403, 403, 200}},
      {"POST /api/v1/rounds/{id}/runs",                {403, 403, 403, 403, 422}},
      {"POST /api/v1/runs/{id}/publish",               {403, 403, 403, 403, 200}},
      {"GET /api/v1/cohorts/{id}/admissions",          {403, 403, 403, 200, 200}},
      // Training (docs/training.md): the enrolment is the demo candidate's, graduated with a
      // certificate, in a cohort of the demo operator.
      {"GET /api/v1/cohorts/{id}/attendance",          {403, 403, 403, 200, 200}},
      {"PUT /api/v1/cohorts/{id}/attendance",          {403, 403, 403, 422, 422}},
      {"POST /api/v1/cohorts/{id}/attendance.csv",     {403, 403, 403, 422, 422}},
      {"GET /api/v1/enrolments/{id}/assessments",      {403, 403, 200, 200, 200}},
      {"PUT /api/v1/enrolments/{id}/assessments",      {403, 403, 403, 422, 422}},
      {"POST /api/v1/enrolments/{id}/certificate",     {403, 403, 403, 200, 200}},
      {"POST /api/v1/certificates/{id}/revoke",        {403, 403, 403, 422, 422}},
      // Outcomes: the enrolment is the demo candidate's (above); the placement is of a learner of
      // the demo operator; the target and the tranche belong to a convention it is party to.
      {"GET /api/v1/enrolments",                       {403, 403, 200, 200, 200}},
      {"GET /api/v1/enrolments/{id}",                  {403, 403, 200, 200, 200}},
      {"POST /api/v1/enrolments",                      {403, 403, 403, 422, 422}},
      {"PATCH /api/v1/enrolments/{id}",                {403, 403, 403, 422, 422}},
      {"DELETE /api/v1/enrolments/{id}",               {403, 403, 403, 403, 409}},
      {"GET /api/v1/placements",                       {403, 403, 200, 200, 200}},
      {"GET /api/v1/placements/{id}",                  {403, 403, 404, 200, 200}},
      {"POST /api/v1/placements",                      {403, 403, 403, 422, 422}},
      {"PATCH /api/v1/placements/{id}",                {403, 403, 404, 422, 422}},
      {"DELETE /api/v1/placements/{id}",               {403, 403, 404, 204, 404}},
      // Follow-ups of that placement: people's jobs, so not for steering; the candidate is not its learner.
      {"GET /api/v1/placements/{id}/followups",        {403, 403, 404, 200, 200}},
      {"PUT /api/v1/placements/{id}/followups/{months}", {403, 403, 404, 422, 422}},
      {"GET /api/v1/followups/due",                    {403, 403, 403, 200, 200}},
      {"GET /api/v1/targets",                          {200, 403, 403, 200, 200}},
      {"GET /api/v1/targets/{id}",                     {200, 403, 403, 200, 200}},
      {"POST /api/v1/targets",                         {403, 403, 403, 403, 422}},
      {"PATCH /api/v1/targets/{id}",                   {403, 403, 403, 403, 422}},
      {"DELETE /api/v1/targets/{id}",                  {403, 403, 403, 403, 204}},
      {"GET /api/v1/tranches",                         {200, 403, 403, 200, 200}},
      {"GET /api/v1/tranches/{id}",                    {200, 403, 403, 200, 200}},
      {"POST /api/v1/tranches",                        {403, 403, 403, 403, 422}},
      {"PATCH /api/v1/tranches/{id}",                  {403, 403, 403, 403, 422}},
      {"DELETE /api/v1/tranches/{id}",                 {403, 403, 403, 403, 204}},
      {"GET /api/v1/indicators",                       {200, 403, 403, 200, 200}},
      {"GET /api/v1/indicators/export",                {200, 403, 403, 200, 200}},
      {"GET /api/v1/indicators/open-data",             {200, 403, 403, 200, 200}},
      {"GET /api/v1/indicators/targets",               {200, 403, 403, 403, 200}},
      {"GET /api/v1/payments/statement",               {422, 403, 403, 422, 422}},
      {"POST /api/v1/imports/{kind}",                  {403, 403, 403, 422, 422}},
      {"GET /api/v1/exports/{kind}",                   {200, 200, 200, 200, 200}},
      {"GET /api/v1/offers",                           {200, 200, 200, 200, 200}},
      {"GET /api/v1/offers/{id}",                      {200, 200, 200, 200, 200}},
      {"GET /api/v1/jobs",                             {200, 200, 200, 200, 200}},
      {"GET /api/v1/jobs/{id}",                        {404, 404, 404, 200, 200}},  // the operator's own job
      {"POST /api/v1/offers",                          {403, 422, 403, 403, 422}},
      {"PATCH /api/v1/offers/{id}",                    {403, 422, 403, 403, 422}},
      {"DELETE /api/v1/offers/{id}",                   {403, 204, 404, 404, 404}},
      {"GET /api/v1/offers/{id}/matches",              {403, 200, 403, 403, 200}},
      {"POST /api/v1/offers/{id}/contacts",            {403, 422, 403, 403, 403}},
      {"POST /api/v1/offers/{id}/hires",               {403, 422, 403, 403, 403}},
      {"GET /api/v1/candidates/{id}/skills",           {403, 403, 200, 403, 200}},
      {"POST /api/v1/candidates/{id}/skills",          {403, 403, 422, 403, 403}},
      {"DELETE /api/v1/candidates/{id}/skills/{code}", {403, 403, 404, 403, 403}},
      {"GET /api/v1/candidates/{id}/consent",          {403, 403, 200, 403, 200}},
      {"PUT /api/v1/candidates/{id}/consent",          {403, 403, 422, 403, 403}},
      {"GET /api/v1/candidates/{id}/recommended-offers", {403, 403, 200, 403, 200}},
      {"GET /api/v1/contacts",                         {403, 200, 200, 403, 403}},
      {"POST /api/v1/contacts/{id}/answer",            {403, 403, 422, 403, 403}},
      {"GET /api/v1/supply-demand",                    {200, 403, 403, 403, 200}},
      // Privacy and security (docs/privacy.md, docs/security.md): the audit log is the admins';
      // a candidate's data and corrections are hers (an admin answers).
      {"GET /api/v1/audit",                            {403, 403, 403, 403, 200}},
      {"GET /api/v1/candidates/{id}/personal-data",    {403, 403, 200, 403, 200}},
      {"POST /api/v1/candidates/{id}/corrections",     {403, 403, 422, 403, 403}},
      {"GET /api/v1/corrections",                      {403, 403, 403, 403, 200}},
      {"POST /api/v1/corrections/{id}/answer",         {403, 403, 403, 403, 422}},
  };
  return m;
}

// Routes outside the matrix, each with the reason.
const std::set<std::string> kNotInMatrix = {
    "GET /healthz",               // public
    "POST /api/v1/auth/login",    // public
    "GET /api/v1/openapi.json",   // public
    "POST /api/v1/auth/logout",   // ends the session used by the matrix: tested in auth_test
    "POST /api/v1/auth/logout-all",  // the same, everywhere: tested in session_security_test
    "GET /api/v1/verify/{code}",  // public: a certificate's verification, tested in training_test
};

struct Targets {
  std::map<std::string, std::string> id;  // resource -> id of the operator's own object
};

Targets find_targets(ServedProgramme& p) {
  auto conn = p.db().connect();
  auto& sql = conn.session();
  auto one = [&](const std::string& q, store::Params params = {}) {
    auto v = store::fetch_one(sql, q, params);
    if (!v) throw std::runtime_error("no target for " + q);
    return core::to_text((*v)[0]);
  };
  const auto candidate = one("SELECT candidate_id FROM users WHERE email = 'candidat@jobintech.ma'");
  const auto operator_id = one("SELECT organisation_id FROM users WHERE email = 'operateur@jobintech.ma'");
  Targets t;
  t.id["organisations"] = operator_id;
  t.id["sites"] = one("SELECT s.id FROM sites s JOIN cohorts c ON c.site_id = s.id WHERE s.organisation_id = ? ORDER BY s.id LIMIT 1", {std::stoll(operator_id)});
  t.id["conventions"] = one("SELECT convention_id FROM convention_parties WHERE organisation_id = ? ORDER BY 1 LIMIT 1", {std::stoll(operator_id)});
  t.id["tracks"] = one("SELECT id FROM tracks ORDER BY id LIMIT 1");
  t.id["candidates"] = candidate;
  t.id["applications"] = one("SELECT a.id FROM applications a JOIN cohorts c ON c.id = a.cohort_id WHERE a.candidate_id = ? AND c.operator_id = ? LIMIT 1",
                             {std::stoll(candidate), std::stoll(operator_id)});
  t.id["cohorts"] = one("SELECT cohort_id FROM applications WHERE id = ?", {std::stoll(t.id["applications"])});
  t.id["rounds"] = one("SELECT id FROM admission_rounds WHERE status = 'closed' ORDER BY id LIMIT 1");
  t.id["enrolments"] = one("SELECT e.id FROM enrolments e JOIN cohorts c ON c.id = e.cohort_id WHERE e.candidate_id = ? AND c.operator_id = ? ORDER BY e.id LIMIT 1",
                           {std::stoll(candidate), std::stoll(operator_id)});
  t.id["certificates"] = one("SELECT f.id FROM certificates f JOIN enrolments e ON e.id = f.enrolment_id JOIN cohorts c ON c.id = e.cohort_id "
                             "WHERE c.operator_id = ? AND f.revoked_on IS NULL ORDER BY f.id LIMIT 1", {std::stoll(operator_id)});
  t.id["placements"] = one("SELECT p.id FROM placements p JOIN enrolments e ON e.candidate_id = p.candidate_id "
                           "JOIN cohorts c ON c.id = e.cohort_id WHERE c.operator_id = ? ORDER BY p.id LIMIT 1", {std::stoll(operator_id)});
  const auto shared_convention = one("SELECT convention_id FROM convention_parties WHERE organisation_id = ? ORDER BY 1 LIMIT 1",
                                     {std::stoll(operator_id)});
  t.id["targets"] = one("SELECT id FROM convention_targets WHERE convention_id = ? ORDER BY id LIMIT 1", {std::stoll(shared_convention)});
  t.id["tranches"] = one("SELECT id FROM payment_tranches WHERE convention_id = ? ORDER BY id LIMIT 1", {std::stoll(shared_convention)});
  t.id["runs"] = one("SELECT id FROM allocation_runs WHERE status = 'computed' ORDER BY id LIMIT 1");
  const auto employer_id = one("SELECT organisation_id FROM users WHERE email = 'employeur@jobintech.ma'");
  t.id["offers"] = one("SELECT id FROM job_offers WHERE employer_id = ? AND status = 'open' ORDER BY id LIMIT 1",
                       {std::stoll(employer_id)});
  // A contact request to the demo candidate, about the employer's offer.
  store::execute(sql, "INSERT INTO contact_requests (offer_id, candidate_id, status, created_at) VALUES (?, ?, 'pending', ?)",
                 {std::stoll(t.id["offers"]), std::stoll(candidate), std::string("2026-11-29T00:00:00Z")});
  // A finished import started by the operator's staff.
  store::execute(sql,
                 "INSERT INTO jobs (kind, lock_key, status, instance, user_id, actor, started_at, heartbeat_at) "
                 "SELECT 'import', 'import:candidates', 'succeeded', 'web-1:8081', id, email, ?, ? FROM users "
                 "WHERE email = 'operateur@jobintech.ma'",
                 {std::string("2026-11-29T00:00:00Z"), std::string("2026-11-29T00:00:00Z")});
  t.id["jobs"] = one("SELECT MAX(id) FROM jobs");
  store::execute(sql,
                 "INSERT INTO correction_requests (candidate_id, field, requested_value, created_at) "
                 "VALUES (?, 'phone', '0600000000', ?)",
                 {std::stoll(candidate), std::string("2026-11-29T00:00:00Z")});
  t.id["corrections"] = one("SELECT MAX(id) FROM correction_requests");
  t.id["contacts"] = one("SELECT id FROM contact_requests WHERE candidate_id = ? ORDER BY id DESC LIMIT 1",
                         {std::stoll(candidate)});
  return t;
}

std::string resource_of(const std::string& path) {
  auto rest = path.substr(std::string("/api/v1/").size());
  return rest.substr(0, rest.find('/'));
}

}  // namespace

TEST(AccessMatrix, EveryRouteHasARuleAndEveryRoleGetsIt) {
  ServedProgramme p;  // its own programme: DELETE rows change data
  const auto targets = find_targets(p);
  std::vector<const web::Route*> routes, deletes;
  for (const auto& r : p.server().router().routes()) {
    if (r.kind != web::Kind::api) continue;
    const std::string key = r.method + " " + r.path;
    if (kNotInMatrix.count(key)) continue;
    ASSERT_TRUE(expectations().count(key)) << "route without an access rule in the matrix: " << key;
    (r.method == "DELETE" ? deletes : routes).push_back(&r);
  }
  // Deletes last, dependent records first (routes are registered parents first).
  routes.insert(routes.end(), deletes.rbegin(), deletes.rend());
  std::size_t checked = 0;
  for (const auto* r : routes) {
    const std::string key = r->method + " " + r->path;
    std::string path = r->path;
    const auto resource = path.rfind("/api/v1/", 0) == 0 ? resource_of(path) : "";
    if (auto pos = path.find("{id}"); pos != std::string::npos) path.replace(pos, 4, targets.id.at(resource));
    if (auto pos = path.find("{code}"); pos != std::string::npos) path.replace(pos, 6, "12");
    if (auto pos = path.find("{kind}"); pos != std::string::npos) path.replace(pos, 6, "cohorts");
    if (auto pos = path.find("{file}"); pos != std::string::npos) path.replace(pos, 6, "candidates.csv");
    if (auto pos = path.find("{months}"); pos != std::string::npos) path.replace(pos, 8, "6");
    for (std::size_t i = 0; i < kRoles.size(); ++i) {
      const int status = probe(p, *r, path, kRoles[i]);
      ASSERT_NE(status, -1) << key;
      EXPECT_EQ(status, expectations().at(key)[i]) << key << " as " << kRoles[i];
      ++checked;
    }
  }
  EXPECT_GE(checked, expectations().size() * kRoles.size());
}

TEST(AccessMatrix, WithoutCredentialsEveryProtectedRouteIs401) {
  auto& p = programme();
  for (const auto& r : p.server().router().routes()) {
    if (r.kind != web::Kind::api || r.audience != web::Audience::signed_in) continue;
    std::string path = r.path;
    for (const char* param : {"{id}", "{code}", "{kind}", "{file}", "{months}"})
      if (auto pos = path.find(param); pos != std::string::npos) path.replace(pos, std::string(param).size(), "1");
    auto c = p.client();
    auto res = r.method == "GET" ? c.Get(path) : r.method == "POST" ? c.Post(path, "{}", "application/json")
             : r.method == "PUT"   ? c.Put(path, "{}", "application/json")
             : r.method == "PATCH" ? c.Patch(path, "{}", "application/json") : c.Delete(path);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 401) << r.method << " " << r.path;
  }
}

TEST(Scopes, OperatorsSeeOnlyTheirOwnCohortsAndTheirApplicants) {
  auto& p = programme();
  auto c = p.client();
  auto me = body(c.Get("/api/v1/auth/me", p.auth("operator")));
  const std::string own = me["organisation_code"];
  auto mine = body(c.Get("/api/v1/cohorts?limit=500", p.auth("operator")));
  ASSERT_GT(mine["total"].get<int>(), 0);
  for (const auto& cohort : mine["items"]) EXPECT_EQ(cohort["operator_code"], own);
  auto all = body(c.Get("/api/v1/cohorts?limit=1", p.auth("admin")));
  EXPECT_LT(mine["total"].get<int>(), all["total"].get<int>());

  // a foreign cohort is invisible (404), not just unwritable
  auto foreign = body(c.Get("/api/v1/cohorts?limit=500", p.auth("admin")));
  for (const auto& cohort : foreign["items"]) {
    if (cohort["operator_code"] == own) continue;
    const auto path = "/api/v1/cohorts/" + std::to_string(cohort["id"].get<int>());
    EXPECT_EQ(c.Get(path, p.auth("operator"))->status, 404);
    EXPECT_EQ(c.Patch(path, p.auth("operator"), R"({"capacity": 99})", "application/json")->status, 404);
    break;
  }
  // every candidate the operator sees applied to one of its cohorts
  auto candidates = body(c.Get("/api/v1/candidates?limit=50", p.auth("operator")));
  ASSERT_GT(candidates["total"].get<int>(), 0);
  auto everyone = body(c.Get("/api/v1/candidates?limit=1", p.auth("admin")));
  EXPECT_LT(candidates["total"].get<int>(), everyone["total"].get<int>());
  for (const auto& cand : candidates["items"]) {
    auto apps = body(c.Get("/api/v1/applications?candidate=" + std::to_string(cand["id"].get<int>()), p.auth("operator")));
    ASSERT_GT(apps["total"].get<int>(), 0);
    for (const auto& a : apps["items"]) EXPECT_EQ(a["operator_code"], own);
  }
}

TEST(Scopes, OperatorCannotMoveACohortToAnotherOperator) {
  auto& p = programme();
  auto c = p.client();
  auto mine = body(c.Get("/api/v1/cohorts?limit=1", p.auth("operator")))["items"][0];
  auto other = body(c.Get("/api/v1/organisations?kind=operator&limit=50", p.auth("admin")))["items"];
  std::string foreign;
  for (const auto& o : other)
    if (o["code"] != mine["operator_code"]) foreign = o["code"];
  auto res = c.Patch("/api/v1/cohorts/" + std::to_string(mine["id"].get<int>()), p.auth("operator"),
                     nlohmann::json{{"operator_code", foreign}}.dump(), "application/json");
  EXPECT_EQ(res->status, 403);
  auto again = body(c.Get("/api/v1/cohorts/" + std::to_string(mine["id"].get<int>()), p.auth("operator")));
  EXPECT_EQ(again["operator_code"], mine["operator_code"]);
}

TEST(Scopes, SteeringSeesAggregatesAndNoOnesRecord) {
  auto& p = programme();
  auto c = p.client();
  for (const char* resource : {"candidates", "applications", "enrolments", "placements"})
    EXPECT_EQ(c.Get(std::string("/api/v1/") + resource + "?limit=20", p.auth("steering"))->status, 403) << resource;
  for (const char* kind : {"candidates", "applications"})
    EXPECT_EQ(c.Get(std::string("/api/v1/exports/") + kind + "?format=csv", p.auth("steering"))->status, 403) << kind;
  EXPECT_EQ(c.Get("/candidates", p.auth("steering"))->status, 403) << "the page too";
  EXPECT_EQ(c.Get("/api/v1/indicators?as_of=2026-11-29", p.auth("steering"))->status, 200);
  EXPECT_EQ(c.Get("/", p.auth("steering"))->body.find("href=\"/candidates\""), std::string::npos)
      << "no link to the candidates";
}

TEST(Scopes, CandidatesSeeOnlyThemselves) {
  auto& p = programme();
  auto c = p.client();
  auto me = body(c.Get("/api/v1/auth/me", p.auth("candidate")));
  auto list = body(c.Get("/api/v1/candidates", p.auth("candidate")));
  ASSERT_EQ(list["total"], 1);
  EXPECT_EQ(list["items"][0]["id"], me["candidate_id"]);
  const int other = me["candidate_id"].get<int>() + 1;
  EXPECT_EQ(c.Get("/api/v1/candidates/" + std::to_string(other), p.auth("candidate"))->status, 404);
  auto upd = c.Patch("/api/v1/candidates/" + std::to_string(me["candidate_id"].get<int>()), p.auth("candidate"),
                     R"({"region_code": "12"})", "application/json");
  EXPECT_EQ(upd->status, 422);
  upd = c.Patch("/api/v1/candidates/" + std::to_string(me["candidate_id"].get<int>()), p.auth("candidate"),
                R"({"phone": "0699887766"})", "application/json");
  EXPECT_EQ(upd->status, 200);
  EXPECT_EQ(body(upd)["phone"], "+212699887766");
}

}  // namespace jobintech::testing
