// The access rules of the programme: for each resource and role, how far a user reaches when
// reading, creating, updating and deleting (nothing, their own records, or everything), and
// whether personal fields are shown. Steering users see no one's record, only aggregates; operators reach
// their own organisation's sites, cohorts, applications and the candidates who applied to them;
// candidates reach their own record. Pure data; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "app/actor.h"
#include "store/record_repository.h"

namespace jobintech::app {

enum class Reach { none, own, all };

struct Access {
  Reach read = Reach::none;
  Reach create = Reach::none;
  Reach update = Reach::none;
  Reach remove = Reach::none;
  bool personal_fields = false;              // personal fields visible
  bool create_checks_scope = true;           // a created record must fall inside the user's reach
  std::vector<std::string> updatable_fields; // if not empty, the only fields this role may set (create and update)
};

Access access_for(const std::string& resource, Role role);

// The store scope that "own" means for this actor (organisation or candidate), or everything for
// Reach::all, or nothing.
store::Scope scope_for(const Actor& actor, Reach reach);

}  // namespace jobintech::app
