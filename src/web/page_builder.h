// PageBuilder: what every server-rendered page shares — the layout's data (title, languages,
// the signed-in user and the navigation for her role), option lists for filters, the paginated
// list call, and error pages. One per request; not shared between threads.
#pragma once

#include <httplib.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/value.h"
#include "store/record_repository.h"
#include "web/http_support.h"
#include "web/services.h"

namespace jobintech::web {

inline constexpr int kPageSize = 25;

// A path on this site ("/x", not "//host" or "/\\host"): safe to redirect to.
bool is_local_path(const std::string& p);
// The current URL with some query parameters changed (an empty value removes one).
std::string url_with(const httplib::Request& req, const std::map<std::string, std::string>& changes);
// name_fr, name_ar or name_en of a record, French when the language has none.
std::string localized_name(const core::Record& r, const std::string& lang);

class PageBuilder {
 public:
  PageBuilder(Services& s, const httplib::Request& req, const RequestContext& ctx) : s_(s), req_(req), ctx_(ctx) {}

  nlohmann::json base(const std::string& active) const;
  std::vector<core::Record> all(const std::string& resource) const;
  nlohmann::json region_options(const std::string& selected) const;
  std::map<std::string, std::string> region_names() const;
  nlohmann::json choice_options(const std::string& resource, const std::string& field,
                                const std::string& selected) const;
  // Pagination and the list call shared by the list pages. Returns false if it answered already.
  bool list(const std::string& resource, const std::vector<std::string>& filters, nlohmann::json& page,
            store::ListResult& result, httplib::Response& res) const;
  void error_page(httplib::Response& res, int status, const std::string& code) const;
  void render(httplib::Response& res, const std::string& name, const nlohmann::json& page) const;

 private:
  Services& s_;
  const httplib::Request& req_;
  const RequestContext& ctx_;
};

}  // namespace jobintech::web
