#include "app/access_policy.h"

namespace jobintech::app {

namespace {

constexpr Reach N = Reach::none, O = Reach::own, A = Reach::all;

Access read_only(Reach r, bool personal = false) { return {r, N, N, N, personal, true, {}}; }
Access full() { return {A, A, A, A, true, true, {}}; }

}  // namespace

Access access_for(const std::string& resource, Role role) {
  if (role == Role::admin) return full();
  const bool steering = role == Role::steering, op = role == Role::operator_staff, cand = role == Role::candidate;

  if (resource == "regions" || resource == "tracks") return read_only(A);
  if (resource == "organisations") {
    // An employer keeps its own profile and contact person up to date, and sees other employers'.
    if (role == Role::employer)
      return {A, N, O, N, true, true, {"name", "region_code", "description", "website", "contact_name", "contact_email", "contact_phone"}};
    return read_only(A);
  }
  if (resource == "offers") {
    // Employers post and manage their own offers; candidates see the open ones; the office,
    // steering and operators (who advise learners) see the demand.
    if (role == Role::employer) return {O, O, O, O, true, true, {}};
    if (cand) return read_only(O);
    return read_only(A);
  }
  // Rounds are public to every signed-in user: candidates apply to them, operators fill them.
  if (resource == "rounds") return role == Role::employer ? read_only(N) : cand ? read_only(O) : read_only(A);
  if (resource == "sites") {
    if (op) return {O, O, O, N, true, true, {}};
    // Employers keep their own sites (where their offers' jobs are) and see everyone's.
    if (role == Role::employer) return {A, O, O, N, true, true, {}};
    return read_only(A);
  }
  if (resource == "conventions") {
    if (steering) return read_only(A);
    if (op) return read_only(O);
    return read_only(N);
  }
  if (resource == "cohorts") {
    if (op) return {O, O, O, O, true, true, {}};
    return read_only(A);
  }
  // Steering (the ministry, the funder) sees the programme through aggregates only: indicators,
  // the dashboard, targets and payments; never a person's record (law 09-08: minimisation).
  if (steering && (resource == "candidates" || resource == "applications" || resource == "enrolments" ||
                   resource == "placements"))
    return read_only(N);
  if (resource == "candidates") {
    // An operator registers new candidates (they then apply to its cohorts) and manages those
    // who applied to its cohorts.
    if (op) return {O, A, O, N, true, false, {}};
    if (cand) return {O, N, O, N, true, true, {"email", "phone"}};
    return read_only(N);
  }
  if (resource == "applications") {
    if (op) return {O, O, O, O, true, true, {}};
    // Candidates read their applications; they choose cohorts through their round's form
    // (AdmissionService::submit_choices), which enforces its dates, K and eligibility.
    if (cand) return read_only(O);
    return read_only(N);
  }
  if (resource == "enrolments") {
    // An operator enrols learners in its own cohorts and records how they leave.
    if (op) return {O, O, O, N, true, true, {}};
    if (cand) return read_only(O);
    return read_only(N);
  }
  if (resource == "placements") {
    // An operator records the jobs of the learners of its cohorts.
    if (op) return {O, O, O, O, true, true, {}};
    if (cand) return read_only(O);
    return read_only(N);
  }
  if (resource == "targets" || resource == "tranches") {
    if (steering) return read_only(A);
    if (op) return read_only(O);
    return read_only(N);
  }
  return read_only(N);
}

store::Scope scope_for(const Actor& actor, Reach reach) {
  if (reach == Reach::all) return store::Scope::everything();
  if (reach == Reach::none) return store::Scope::nothing();
  if (actor.role == Role::candidate)
    return actor.candidate_id ? store::Scope{store::Scope::Kind::candidate, *actor.candidate_id} : store::Scope::nothing();
  return actor.organisation_id ? store::Scope{store::Scope::Kind::organisation, *actor.organisation_id}
                               : store::Scope::nothing();
}

}  // namespace jobintech::app
