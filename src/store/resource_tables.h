// How each resource of core/resource.h lives in SQL: its table, the joins that give the fields
// shown with it (a cohort's region comes from its site), the predicate of each list filter, the
// columns searched by q, and the predicates that restrict a user to their own organisation's or
// their own records. The only place where a resource's SQL fragments are written.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace jobintech::store {

// A field stored in a link table: one row per listed code.
struct LinkList {
  std::string table;         // convention_parties
  std::string owner_column;  // convention_id
  std::string value_column;  // organisation_id
  std::string ref_table;     // organisations: value_column holds ref_table.id, looked up by code; empty: holds the code
  std::string code_table;    // when ref_table is empty: the table whose `code` column lists the valid codes
};

struct ResourceTable {
  std::string resource;  // "cohorts"
  std::string table;     // "cohorts"; its alias in `from` is always x
  std::string from;      // "cohorts x JOIN sites s ON s.id = x.site_id ..."
  std::map<std::string, std::string> select;                              // field -> SQL expression
  std::map<std::string, std::string> filters;                             // filter -> predicate with one '?'
  std::vector<std::string> search;                                        // expressions matched by q
  std::map<std::string, std::pair<std::string, std::string>> references;  // field -> (column, referenced table)
  std::map<std::string, LinkList> links;                                  // code_list fields
  std::map<std::string, std::string> centimes;  // amounts in MAD (decimal fields) stored as integer centimes: field -> column
  std::string organisation_scope;  // predicate with '?' = the user's organisation id
  std::string candidate_scope;     // predicate with '?' = the user's candidate id
};

const ResourceTable& resource_table(std::string_view resource);

}  // namespace jobintech::store
