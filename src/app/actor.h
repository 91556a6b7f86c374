// Actor: who is acting — a signed-in user with a role and, for operators, employers and
// candidates, the organisation or candidate record they act for; or the command line, which
// acts as the programme office. Plain data.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace jobintech::app {

enum class Role { admin, steering, operator_staff, employer, candidate };

std::string role_name(Role r);                             // "admin", "steering", "operator", ...
std::optional<Role> role_from_name(const std::string& n);  // inverse; nullopt if unknown

struct Actor {
  std::optional<std::int64_t> user_id;  // none for the command line
  std::string email = "cli";
  std::string display_name = "cli";
  Role role = Role::admin;
  std::optional<std::int64_t> organisation_id;
  std::optional<std::string> organisation_code;
  std::optional<std::int64_t> candidate_id;
  std::string locale = "fr";

  static Actor command_line() { return Actor{}; }
};

}  // namespace jobintech::app
