// The access matrix, continued (docs/security.md): (1) every API route that addresses an object,
// for every role, on an object that is NOT the role's own — another operator's cohort, another
// candidate, another employer's offer... — expects the status below (404 where even its existence
// is hidden, 403 where the role may not act at all); (2) every page route × every role, on the
// user's own objects; (3) every page route that addresses an object, on another's object. All are
// generated from the router: a route added without a line here fails the build. Unexpected
// statuses are printed as the line to write, for review.
#include <gtest/gtest.h>

#include <sstream>

#include "access_matrix.h"
#include "shared_programme.h"
#include "store/sql.h"
#include "web/router.h"

namespace jobintech::testing {

namespace {

const auto& kRoles = kMatrixRoles;
using Row = MatrixRow;

// API routes with {id}, on a foreign object: steering, employer, candidate, operator, admin.
// Reviewed: where an operator, a candidate or an employer reaches only her own, another's is 404
// (not even its existence shows). 200 remains only where the object is public to the role
// (regions, tracks, organisations and sites without their personal fields, open offers, rounds)
// or the role is national (admin; steering on conventions, targets, tranches). 422 to a candidate
// answering another's contact request: her body is refused before any lookup, whatever the id.
const std::map<std::string, Row>& foreign_expectations() {
  static const std::map<std::string, Row> m = {
      {"GET /api/v1/organisations/{id}", {200, 200, 200, 200, 200}},
      {"PATCH /api/v1/organisations/{id}", {403, 403, 403, 403, 422}},
      {"GET /api/v1/sites/{id}", {200, 200, 200, 404, 200}},
      {"PATCH /api/v1/sites/{id}", {403, 403, 403, 404, 422}},
      {"GET /api/v1/conventions/{id}", {200, 403, 403, 404, 200}},
      {"PATCH /api/v1/conventions/{id}", {403, 403, 403, 404, 422}},
      {"GET /api/v1/tracks/{id}", {200, 200, 200, 200, 200}},
      {"PATCH /api/v1/tracks/{id}", {403, 403, 403, 403, 422}},
      {"GET /api/v1/rounds/{id}", {200, 403, 200, 200, 200}},
      {"PATCH /api/v1/rounds/{id}", {403, 403, 403, 403, 422}},
      {"GET /api/v1/cohorts/{id}", {200, 200, 200, 404, 200}},
      {"PATCH /api/v1/cohorts/{id}", {403, 403, 403, 404, 422}},
      {"GET /api/v1/candidates/{id}", {403, 403, 404, 404, 200}},
      {"PATCH /api/v1/candidates/{id}", {403, 403, 404, 404, 422}},
      {"GET /api/v1/applications/{id}", {403, 403, 404, 404, 200}},
      {"PATCH /api/v1/applications/{id}", {403, 403, 404, 404, 422}},
      {"GET /api/v1/enrolments/{id}", {403, 403, 404, 404, 200}},
      {"PATCH /api/v1/enrolments/{id}", {403, 403, 404, 404, 422}},
      {"GET /api/v1/placements/{id}", {403, 403, 404, 404, 200}},
      {"PATCH /api/v1/placements/{id}", {403, 403, 404, 404, 422}},
      {"GET /api/v1/targets/{id}", {200, 403, 403, 404, 200}},
      {"PATCH /api/v1/targets/{id}", {403, 403, 403, 404, 422}},
      {"GET /api/v1/tranches/{id}", {200, 403, 403, 404, 200}},
      {"PATCH /api/v1/tranches/{id}", {403, 403, 403, 404, 422}},
      {"GET /api/v1/offers/{id}", {200, 404, 200, 200, 200}},
      {"PATCH /api/v1/offers/{id}", {403, 404, 403, 403, 422}},
      {"GET /api/v1/rounds/{id}/choices", {403, 403, 200, 403, 403}},
      {"PUT /api/v1/rounds/{id}/choices", {403, 403, 422, 403, 403}},
      {"GET /api/v1/rounds/{id}/result", {403, 403, 200, 403, 422}},
      {"POST /api/v1/rounds/{id}/offer/accept", {403, 403, 409, 403, 403}},
      {"POST /api/v1/rounds/{id}/offer/decline", {403, 403, 409, 403, 403}},
      {"GET /api/v1/rounds/{id}/runs", {200, 403, 403, 403, 200}},
      {"POST /api/v1/rounds/{id}/runs", {403, 403, 403, 403, 422}},
      {"GET /api/v1/rounds/{id}/inputs/{file}", {403, 403, 403, 403, 200}},
      {"POST /api/v1/runs/{id}/publish", {403, 403, 403, 403, 200}},
      {"GET /api/v1/cohorts/{id}/admissions", {403, 403, 403, 404, 200}},
      {"GET /api/v1/jobs/{id}", {404, 404, 404, 404, 200}},
      {"GET /api/v1/cohorts/{id}/attendance", {403, 403, 403, 404, 200}},
      {"PUT /api/v1/cohorts/{id}/attendance", {403, 403, 403, 404, 422}},
      {"POST /api/v1/cohorts/{id}/attendance.csv", {403, 403, 403, 404, 422}},
      {"GET /api/v1/enrolments/{id}/assessments", {403, 403, 404, 404, 200}},
      {"PUT /api/v1/enrolments/{id}/assessments", {403, 403, 403, 404, 422}},
      {"POST /api/v1/enrolments/{id}/certificate", {403, 403, 403, 404, 200}},
      {"POST /api/v1/certificates/{id}/revoke", {403, 403, 403, 404, 422}},
      {"GET /api/v1/placements/{id}/followups", {403, 403, 404, 404, 200}},
      {"PUT /api/v1/placements/{id}/followups/{months}", {403, 403, 404, 404, 422}},
      {"GET /api/v1/offers/{id}/matches", {403, 404, 403, 403, 200}},
      {"POST /api/v1/offers/{id}/contacts", {403, 404, 403, 403, 403}},
      {"POST /api/v1/offers/{id}/hires", {403, 404, 403, 403, 403}},
      {"GET /api/v1/candidates/{id}/skills", {403, 403, 404, 403, 200}},
      {"POST /api/v1/candidates/{id}/skills", {403, 403, 404, 403, 403}},
      {"GET /api/v1/candidates/{id}/consent", {403, 403, 404, 403, 200}},
      {"PUT /api/v1/candidates/{id}/consent", {403, 403, 404, 403, 403}},
      {"GET /api/v1/candidates/{id}/recommended-offers", {403, 403, 404, 403, 200}},
      {"POST /api/v1/contacts/{id}/answer", {403, 403, 422, 403, 403}},
      {"GET /api/v1/candidates/{id}/personal-data", {403, 403, 404, 403, 200}},
      {"POST /api/v1/candidates/{id}/corrections", {403, 403, 404, 403, 403}},
      {"POST /api/v1/corrections/{id}/answer", {403, 403, 403, 403, 422}},
      {"DELETE /api/v1/candidates/{id}/skills/{code}", {403, 403, 404, 403, 403}},
      {"DELETE /api/v1/offers/{id}", {403, 404, 403, 403, 204}},
      {"DELETE /api/v1/tranches/{id}", {403, 403, 403, 404, 204}},
      {"DELETE /api/v1/targets/{id}", {403, 403, 403, 404, 204}},
      {"DELETE /api/v1/placements/{id}", {403, 403, 404, 404, 204}},
      {"DELETE /api/v1/enrolments/{id}", {403, 403, 404, 404, 409}},
      {"DELETE /api/v1/applications/{id}", {403, 403, 404, 404, 204}},
      {"DELETE /api/v1/candidates/{id}", {403, 403, 404, 404, 409}},
      {"DELETE /api/v1/cohorts/{id}", {403, 403, 403, 404, 409}},
      {"DELETE /api/v1/rounds/{id}", {403, 403, 403, 403, 409}},
      {"DELETE /api/v1/conventions/{id}", {403, 403, 403, 404, 204}},
      {"DELETE /api/v1/sites/{id}", {403, 403, 403, 404, 409}},
      {"DELETE /api/v1/organisations/{id}", {403, 403, 403, 403, 409}},
  };
  return m;
}

// Page routes, on the user's own objects (303: sent on, to the sign-in or back to the page).
const std::map<std::string, Row>& page_expectations() {
  static const std::map<std::string, Row> m = {
      {"GET /login",                                   {200, 200, 200, 200, 200}},
      {"POST /login", {401, 401, 401, 401, 401}},
      {"GET /lang/{code}", {303, 303, 303, 303, 303}},
      {"GET /admission", {200, 403, 200, 200, 200}},
      {"GET /rounds/{id}/apply", {403, 403, 200, 403, 403}},
      {"POST /rounds/{id}/apply", {403, 403, 422, 403, 403}},
      {"GET /rounds/{id}/result", {403, 403, 200, 403, 422}},
      {"POST /rounds/{id}/answer", {403, 403, 409, 403, 403}},
      {"GET /rounds", {200, 403, 200, 200, 200}},
      {"POST /rounds", {403, 403, 403, 403, 422}},
      {"GET /rounds/{id}", {200, 403, 200, 200, 200}},
      {"POST /rounds/{id}/status", {403, 403, 403, 403, 303}},
      {"POST /rounds/{id}/runs", {403, 403, 403, 403, 303}},
      {"POST /runs/{id}/publish", {403, 403, 403, 403, 409}},
      {"GET /cohorts/{id}/admissions", {403, 403, 403, 200, 200}},
      {"POST /cohorts/{id}/scores", {403, 403, 403, 303, 303}},
      {"GET /", {200, 200, 303, 200, 200}},
      {"GET /cohorts", {200, 200, 200, 200, 200}},
      {"GET /candidates", {403, 403, 200, 200, 200}},
      {"GET /candidates/{id}", {403, 403, 200, 200, 200}},
      {"GET /import", {403, 403, 403, 200, 200}},
      {"POST /import", {403, 403, 403, 422, 422}},
      {"POST /candidates/{id}/placements", {403, 403, 403, 422, 422}},
      {"GET /cohorts/{id}/training", {403, 403, 403, 200, 200}},
      {"POST /cohorts/{id}/training/attendance", {403, 403, 403, 422, 422}},
      {"POST /cohorts/{id}/training/attendance.csv", {403, 403, 403, 422, 422}},
      {"POST /enrolments/{id}/status", {403, 403, 403, 303, 303}},
      {"POST /enrolments/{id}/assessments", {403, 403, 403, 422, 422}},
      {"POST /enrolments/{id}/certificate", {403, 403, 403, 303, 303}},
      {"GET /certificates/{id}", {403, 403, 200, 200, 200}},
      {"POST /certificates/{id}/revoke", {403, 403, 403, 422, 422}},
      {"GET /verify/{code}", {200, 200, 200, 200, 200}},
      {"GET /payments", {200, 403, 403, 200, 200}},
      {"GET /targets", {200, 403, 403, 403, 200}},
      {"POST /targets", {403, 403, 403, 403, 422}},
      {"POST /tranches", {403, 403, 403, 403, 422}},
      {"POST /placements/{id}/followups", {403, 403, 404, 422, 422}},
      {"GET /followups", {403, 403, 403, 200, 200}},
      {"GET /offers", {200, 200, 200, 200, 200}},
      {"GET /offers/new", {403, 200, 403, 403, 403}},
      {"POST /offers", {403, 422, 403, 403, 403}},
      {"GET /offers/{id}", {200, 200, 200, 200, 200}},
      {"POST /offers/{id}/status", {403, 422, 403, 403, 422}},
      {"POST /offers/{id}/contacts", {403, 422, 403, 403, 403}},
      {"POST /offers/{id}/hires", {403, 422, 403, 403, 403}},
      {"POST /candidates/{id}/skills", {403, 403, 422, 403, 403}},
      {"POST /candidates/{id}/skills/remove", {403, 403, 404, 403, 403}},
      {"POST /candidates/{id}/consent", {403, 403, 422, 403, 403}},
      {"POST /candidates/{id}/contacts", {403, 403, 422, 403, 403}},
      {"GET /supply-demand", {200, 403, 403, 403, 200}},
      {"GET /organisation", {403, 200, 403, 403, 403}},
      {"POST /organisation", {403, 422, 403, 403, 403}},
      {"GET /account", {200, 200, 200, 200, 200}},
      {"POST /account/password", {422, 422, 422, 422, 422}},
      {"POST /account/second-factor", {422, 422, 422, 422, 422}},
      {"GET /audit", {403, 403, 403, 403, 200}},
      {"GET /corrections", {403, 403, 403, 403, 200}},
      {"POST /corrections/{id}/answer", {403, 403, 403, 403, 422}},
      {"GET /candidates/{id}/personal-data", {403, 403, 200, 403, 200}},
      {"POST /candidates/{id}/corrections", {403, 403, 422, 403, 403}},
  };
  return m;
}

// Page routes with {id}, on a foreign object (the same objects as above: another operator's
// cohort, learner and enrolment, another candidate, another employer's open offer). Reviewed:
// as in the API, an operator, a candidate or an employer gets 404 for another's object; rounds
// and runs are national, so they answer as on one's own (page_expectations below); a candidate
// gets 404, not 403, for the learner's forms on another's page (consent was 403: mended).
const std::map<std::string, Row>& foreign_page_expectations() {
  static const std::map<std::string, Row> m = {
      {"GET /rounds/{id}/apply", {403, 403, 200, 403, 403}},
      {"POST /rounds/{id}/apply", {403, 403, 422, 403, 403}},
      {"GET /rounds/{id}/result", {403, 403, 200, 403, 422}},
      {"POST /rounds/{id}/answer", {403, 403, 409, 403, 403}},
      {"GET /rounds/{id}", {200, 403, 200, 200, 200}},
      {"POST /rounds/{id}/status", {403, 403, 403, 403, 303}},
      {"POST /rounds/{id}/runs", {403, 403, 403, 403, 303}},
      {"POST /runs/{id}/publish", {403, 403, 403, 403, 409}},
      {"GET /cohorts/{id}/admissions", {403, 403, 403, 404, 200}},
      {"POST /cohorts/{id}/scores", {403, 403, 403, 404, 303}},
      {"GET /candidates/{id}", {403, 403, 404, 404, 200}},
      {"POST /candidates/{id}/placements", {403, 403, 404, 404, 422}},
      {"GET /cohorts/{id}/training", {403, 403, 403, 404, 200}},
      {"POST /cohorts/{id}/training/attendance", {403, 403, 403, 404, 422}},
      {"POST /cohorts/{id}/training/attendance.csv", {403, 403, 403, 404, 422}},
      {"POST /enrolments/{id}/status", {403, 403, 403, 404, 303}},
      {"POST /enrolments/{id}/assessments", {403, 403, 403, 404, 422}},
      {"POST /enrolments/{id}/certificate", {403, 403, 403, 404, 303}},
      {"GET /certificates/{id}", {403, 403, 404, 404, 200}},
      {"POST /certificates/{id}/revoke", {403, 403, 403, 404, 422}},
      {"POST /placements/{id}/followups", {403, 403, 404, 404, 422}},
      {"GET /offers/{id}", {200, 404, 200, 200, 200}},
      {"POST /offers/{id}/status", {403, 404, 403, 403, 422}},
      {"POST /offers/{id}/contacts", {403, 404, 403, 403, 403}},
      {"POST /offers/{id}/hires", {403, 404, 403, 403, 403}},
      {"POST /candidates/{id}/skills", {403, 403, 404, 403, 403}},
      {"POST /candidates/{id}/skills/remove", {403, 403, 404, 403, 403}},
      {"POST /candidates/{id}/consent", {403, 403, 404, 403, 403}},
      {"POST /candidates/{id}/contacts", {403, 403, 404, 403, 403}},
      {"POST /corrections/{id}/answer", {403, 403, 403, 403, 422}},
      {"GET /candidates/{id}/personal-data", {403, 403, 404, 403, 200}},
      {"POST /candidates/{id}/corrections", {403, 403, 404, 403, 403}},
  };
  return m;
}

std::string one(ServedProgramme& p, const std::string& q, const store::Params& params = {}) {
  auto conn = p.db().connect();
  auto v = store::fetch_one(conn.session(), q, params);
  if (!v) throw std::runtime_error("no target for " + q);
  return core::to_text((*v)[0]);
}

// Objects that belong to none of the demo users: another operator's, another candidate's...
std::map<std::string, std::string> foreign_targets(ServedProgramme& p) {
  const auto candidate = one(p, "SELECT candidate_id FROM users WHERE email = 'candidat@jobintech.ma'");
  const auto op = one(p, "SELECT organisation_id FROM users WHERE email = 'operateur@jobintech.ma'");
  const auto employer = one(p, "SELECT organisation_id FROM users WHERE email = 'employeur@jobintech.ma'");
  const auto admin = one(p, "SELECT id FROM users WHERE email = 'admin@jobintech.ma'");
  const store::Params mine = {std::stoll(op), std::stoll(candidate)};
  std::map<std::string, std::string> t;
  t["organisations"] = one(p, "SELECT id FROM organisations WHERE kind = 'operator' AND id <> ? ORDER BY id LIMIT 1", {std::stoll(op)});
  const store::Params other = {std::stoll(t["organisations"])};
  t["sites"] = one(p, "SELECT id FROM sites WHERE organisation_id = ? ORDER BY id LIMIT 1", other);
  t["conventions"] = one(p, "SELECT id FROM conventions WHERE id NOT IN (SELECT convention_id FROM convention_parties "
                            "WHERE organisation_id = ?) ORDER BY id LIMIT 1", {std::stoll(op)});
  t["tracks"] = one(p, "SELECT id FROM tracks ORDER BY id DESC LIMIT 1");
  // A candidate who applied only to other operators' cohorts, and her application, enrolment...
  const auto stranger = one(p,
      "SELECT a.candidate_id FROM applications a JOIN cohorts c ON c.id = a.cohort_id WHERE c.operator_id <> ? "
      "AND a.candidate_id <> ? AND a.candidate_id NOT IN (SELECT a2.candidate_id FROM applications a2 "
      "JOIN cohorts c2 ON c2.id = a2.cohort_id WHERE c2.operator_id = ?) "
      "AND a.candidate_id IN (SELECT candidate_id FROM placements) ORDER BY a.candidate_id LIMIT 1",
      {std::stoll(op), std::stoll(candidate), std::stoll(op)});
  t["candidates"] = stranger;
  t["applications"] = one(p, "SELECT id FROM applications WHERE candidate_id = ? ORDER BY id LIMIT 1", {std::stoll(stranger)});
  t["cohorts"] = one(p, "SELECT cohort_id FROM applications WHERE id = ?", {std::stoll(t["applications"])});
  t["rounds"] = one(p, "SELECT id FROM admission_rounds ORDER BY id DESC LIMIT 1");
  t["runs"] = one(p, "SELECT id FROM allocation_runs ORDER BY id DESC LIMIT 1");
  t["enrolments"] = one(p, "SELECT e.id FROM enrolments e JOIN cohorts c ON c.id = e.cohort_id WHERE c.operator_id <> ? "
                           "AND e.candidate_id <> ? ORDER BY e.id LIMIT 1", mine);
  t["placements"] = one(p, "SELECT id FROM placements WHERE candidate_id = ? ORDER BY id LIMIT 1", {std::stoll(stranger)});
  t["targets"] = one(p, "SELECT id FROM convention_targets WHERE convention_id = ? ORDER BY id LIMIT 1", {std::stoll(t["conventions"])});
  t["tranches"] = one(p, "SELECT id FROM payment_tranches WHERE convention_id = ? ORDER BY id LIMIT 1", {std::stoll(t["conventions"])});
  t["offers"] = one(p, "SELECT id FROM job_offers WHERE employer_id <> ? AND status = 'open' ORDER BY id LIMIT 1", {std::stoll(employer)});
  auto conn = p.db().connect();
  auto& sql = conn.session();
  const std::string at = "2026-11-29T00:00:00Z";
  store::execute(sql, "INSERT INTO contact_requests (offer_id, candidate_id, status, created_at) VALUES (?, ?, 'pending', ?)",
                 {std::stoll(t["offers"]), std::stoll(stranger), at});
  t["contacts"] = core::to_text((*store::fetch_one(sql, "SELECT MAX(id) FROM contact_requests"))[0]);
  store::execute(sql,
                 "INSERT INTO jobs (kind, lock_key, status, instance, user_id, actor, started_at, heartbeat_at) "
                 "VALUES ('import', 'import:cohorts', 'succeeded', 'web-2:8081', ?, 'admin@jobintech.ma', ?, ?)",
                 {std::stoll(admin), at, at});
  t["jobs"] = core::to_text((*store::fetch_one(sql, "SELECT MAX(id) FROM jobs"))[0]);
  store::execute(sql, "INSERT INTO correction_requests (candidate_id, field, requested_value, created_at) VALUES (?, 'phone', '0600000001', ?)",
                 {std::stoll(stranger), at});
  t["corrections"] = core::to_text((*store::fetch_one(sql, "SELECT MAX(id) FROM correction_requests"))[0]);
  // A certificate of another operator's learner (the small demo may have none).
  store::execute(sql, "INSERT INTO certificates (enrolment_id, code, issued_on, created_at) VALUES (?, 'foreigncertificate0001', '2026-06-30', ?)",
                 {std::stoll(t["enrolments"]), at});
  t["certificates"] = core::to_text((*store::fetch_one(sql, "SELECT MAX(id) FROM certificates"))[0]);
  return t;
}

std::string resource_of(const std::string& path) {
  auto rest = path.substr(path.find('/', 1) == std::string::npos ? 1 : (path.rfind("/api/v1/", 0) == 0 ? 8 : 1));
  return rest.substr(0, rest.find('/'));
}

std::string fill(std::string path, const std::map<std::string, std::string>& ids, const std::string& code) {
  const auto resource = resource_of(path);
  if (auto pos = path.find("{id}"); pos != std::string::npos) path.replace(pos, 4, ids.at(resource));
  if (auto pos = path.find("{code}"); pos != std::string::npos) path.replace(pos, 6, code);
  if (auto pos = path.find("{kind}"); pos != std::string::npos) path.replace(pos, 6, "cohorts");
  if (auto pos = path.find("{file}"); pos != std::string::npos) path.replace(pos, 6, "candidates.csv");
  if (auto pos = path.find("{months}"); pos != std::string::npos) path.replace(pos, 8, "6");
  return path;
}

// Runs the routes (deletes last) and compares; prints the line to write for each route that differs.
void check(ServedProgramme& p, const std::vector<const web::Route*>& routes, const std::map<std::string, Row>& expected,
           const std::map<std::string, std::string>& ids, const std::string& code) {
  std::vector<const web::Route*> ordered, deletes;
  for (const auto* r : routes) (r->method == "DELETE" ? deletes : ordered).push_back(r);
  ordered.insert(ordered.end(), deletes.rbegin(), deletes.rend());
  std::ostringstream to_write;
  for (const auto* r : ordered) {
    const std::string key = r->method + " " + r->path;
    const auto path = fill(r->path, ids, code);
    Row got{};
    for (std::size_t i = 0; i < kRoles.size(); ++i) got[i] = probe(p, *r, path, kRoles[i]);
    auto it = expected.find(key);
    if (it == expected.end() || it->second != got) {
      to_write << "      {\"" << key << "\", {" << got[0] << ", " << got[1] << ", " << got[2] << ", " << got[3] << ", "
               << got[4] << "}},\n";
      ADD_FAILURE() << (it == expected.end() ? "route without an access rule: " : "unexpected statuses: ") << key
                    << " on " << path;
    }
  }
  if (!to_write.str().empty()) std::cout << "---- as found:\n" << to_write.str();
}

}  // namespace

TEST(AccessMatrix, ObjectsOfOthersAreOutOfEveryRolesReach) {
  ServedProgramme p;  // its own programme: DELETE rows change data
  const auto ids = foreign_targets(p);
  std::vector<const web::Route*> routes;
  for (const auto& r : p.server().router().routes())
    if (r.kind == web::Kind::api && r.path.find("{id}") != std::string::npos && r.path != "/api/v1/auth/logout")
      routes.push_back(&r);
  ASSERT_GE(routes.size(), 50u);
  check(p, routes, foreign_expectations(), ids, "12");
}

TEST(AccessMatrix, PagesOfOthersObjectsAreOutOfEveryRolesReach) {
  ServedProgramme p;
  const auto ids = foreign_targets(p);
  std::vector<const web::Route*> routes;
  for (const auto& r : p.server().router().routes())
    if (r.kind == web::Kind::page && r.path.find("{id}") != std::string::npos) routes.push_back(&r);
  ASSERT_GE(routes.size(), 25u);
  check(p, routes, foreign_page_expectations(), ids, "foreigncertificate0001");
}

TEST(AccessMatrix, EveryPageRouteHasARuleAndEveryRoleGetsIt) {
  ServedProgramme p;
  auto conn_ids = [&] {
    std::map<std::string, std::string> t;
    t["candidates"] = one(p, "SELECT candidate_id FROM users WHERE email = 'candidat@jobintech.ma'");
    const auto op = one(p, "SELECT organisation_id FROM users WHERE email = 'operateur@jobintech.ma'");
    t["cohorts"] = one(p, "SELECT a.cohort_id FROM applications a JOIN cohorts c ON c.id = a.cohort_id WHERE a.candidate_id = ? "
                          "AND c.operator_id = ? LIMIT 1", {std::stoll(t["candidates"]), std::stoll(op)});
    t["rounds"] = one(p, "SELECT id FROM admission_rounds WHERE status = 'closed' ORDER BY id LIMIT 1");
    t["runs"] = one(p, "SELECT id FROM allocation_runs WHERE status = 'computed' ORDER BY id LIMIT 1");
    t["enrolments"] = one(p, "SELECT e.id FROM enrolments e JOIN cohorts c ON c.id = e.cohort_id WHERE e.candidate_id = ? "
                             "AND c.operator_id = ? ORDER BY e.id LIMIT 1", {std::stoll(t["candidates"]), std::stoll(op)});
    t["certificates"] = one(p, "SELECT id FROM certificates WHERE enrolment_id = ?", {std::stoll(t["enrolments"])});
    t["placements"] = one(p, "SELECT p.id FROM placements p JOIN enrolments e ON e.candidate_id = p.candidate_id "
                             "JOIN cohorts c ON c.id = e.cohort_id WHERE c.operator_id = ? ORDER BY p.id LIMIT 1", {std::stoll(op)});
    const auto employer = one(p, "SELECT organisation_id FROM users WHERE email = 'employeur@jobintech.ma'");
    t["offers"] = one(p, "SELECT id FROM job_offers WHERE employer_id = ? AND status = 'open' ORDER BY id LIMIT 1", {std::stoll(employer)});
    {
      auto conn = p.db().connect();
      store::execute(conn.session(), "INSERT INTO correction_requests (candidate_id, field, requested_value, created_at) "
                                     "VALUES (?, 'phone', '0600000000', '2026-11-29T00:00:00Z')",
                     {std::stoll(t["candidates"])});
    }
    t["corrections"] = one(p, "SELECT MAX(id) FROM correction_requests");
    return t;
  };
  const auto ids = conn_ids();
  const auto code = one(p, "SELECT code FROM certificates WHERE id = ?", {std::stoll(ids.at("certificates"))});
  std::vector<const web::Route*> routes;
  for (const auto& r : p.server().router().routes())
    if (r.kind == web::Kind::page && r.path != "/logout" && r.path != "/account/logout-all") routes.push_back(&r);
  ASSERT_GE(routes.size(), 40u);
  check(p, routes, page_expectations(), ids, code);
}

}  // namespace jobintech::testing
