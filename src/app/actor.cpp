#include "app/actor.h"

namespace jobintech::app {

std::string role_name(Role r) {
  switch (r) {
    case Role::admin: return "admin";
    case Role::steering: return "steering";
    case Role::operator_staff: return "operator";
    case Role::employer: return "employer";
    case Role::candidate: return "candidate";
  }
  return "candidate";
}

std::optional<Role> role_from_name(const std::string& n) {
  for (Role r : {Role::admin, Role::steering, Role::operator_staff, Role::employer, Role::candidate})
    if (role_name(r) == n) return r;
  return std::nullopt;
}

}  // namespace jobintech::app
