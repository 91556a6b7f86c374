// The OpenAPI 3 document, generated from the router's table and the resource specifications.
#include "core/resource.h"
#include "web/router.h"
#include "web/services.h"

namespace jobintech::web {

namespace {

nlohmann::json field_schema(const core::FieldSpec& f) {
  using T = core::FieldType;
  nlohmann::json s;
  switch (f.type) {
    case T::id:
    case T::integer:
    case T::reference_id: s = {{"type", "integer"}}; break;
    case T::decimal: s = {{"type", "number"}}; break;
    case T::date: s = {{"type", "string"}, {"format", "date"}}; break;
    case T::timestamp: s = {{"type", "string"}, {"format", "date-time"}}; break;
    case T::enumeration: s = {{"type", "string"}, {"enum", f.choices}}; break;
    case T::region: s = {{"type", "string"}, {"pattern", "^(0[1-9]|1[0-2])$"}}; break;
    case T::code_list: s = {{"type", "array"}, {"items", {{"type", "string"}}}}; break;
    case T::cin: s = {{"type", "string"}, {"pattern", "^[A-Z]{1,2}[0-9]{1,8}$"}}; break;
    case T::phone: s = {{"type", "string"}, {"description", "+212 or 0 followed by 9 digits"}}; break;
    case T::email: s = {{"type", "string"}, {"format", "email"}}; break;
    default: s = {{"type", "string"}, {"maxLength", f.max_length}}; break;
  }
  if (!f.writable) s["readOnly"] = true;
  if (f.personal) s["x-personal-data"] = true;
  if (f.min) s["minimum"] = *f.min;
  if (f.max) s["maximum"] = *f.max;
  if (!f.references.empty()) s["x-references"] = f.references;
  return s;
}

nlohmann::json resource_schema(const core::ResourceSpec& spec) {
  nlohmann::json props = nlohmann::json::object();
  nlohmann::json required = nlohmann::json::array();
  for (const auto& f : spec.fields) {
    props[f.name] = field_schema(f);
    if (f.required) required.push_back(f.name);
  }
  nlohmann::json s = {{"type", "object"}, {"properties", props}, {"additionalProperties", false}};
  if (!required.empty()) s["required"] = required;
  return s;
}

}  // namespace

nlohmann::json openapi_document(const Router& router) {
  nlohmann::json paths = nlohmann::json::object();
  nlohmann::json schemas = nlohmann::json::object();
  schemas["Problem"] = {{"type", "object"},
                        {"properties",
                         {{"type", {{"type", "string"}}},
                          {"title", {{"type", "string"}}},
                          {"status", {{"type", "integer"}}},
                          {"detail", {{"type", "string"}}},
                          {"errors", {{"type", "array"}, {"items", {{"type", "object"}}}}}}}};
  for (const auto& spec : core::all_resources()) schemas[spec.singular] = resource_schema(spec);

  for (const auto& r : router.routes()) {
    if (r.kind != Kind::api) continue;
    nlohmann::json op = {{"summary", r.summary}, {"operationId", r.method + " " + r.path}};
    nlohmann::json params = nlohmann::json::array();
    for (std::size_t i = r.path.find('{'); i != std::string::npos; i = r.path.find('{', i + 1)) {
      const auto name = r.path.substr(i + 1, r.path.find('}', i) - i - 1);
      params.push_back({{"name", name}, {"in", "path"}, {"required", true},
                        {"schema", {{"type", name == "id" ? "integer" : "string"}}}});
    }
    const core::ResourceSpec* spec = r.resource.empty() ? nullptr : core::find_resource(r.resource);
    if (spec && r.method == "GET" && r.path.find('{') == std::string::npos) {
      for (const char* p : {"limit", "offset"})
        params.push_back({{"name", p}, {"in", "query"}, {"schema", {{"type", "integer"}}}});
      params.push_back({{"name", "q"}, {"in", "query"}, {"schema", {{"type", "string"}}}});
      params.push_back({{"name", "sort"}, {"in", "query"}, {"description", "a field, '-' first for descending"},
                        {"schema", {{"type", "string"}, {"enum", spec->sortable}}}});
      for (const auto& f : spec->filters) params.push_back({{"name", f}, {"in", "query"}, {"schema", {{"type", "string"}}}});
    }
    if (!params.empty()) op["parameters"] = params;
    nlohmann::json ok;
    if (spec) {
      const nlohmann::json ref = {{"$ref", "#/components/schemas/" + spec->singular}};
      if (r.method == "POST" || r.method == "PUT" || r.method == "PATCH")
        op["requestBody"] = {{"required", true}, {"content", {{"application/json", {{"schema", ref}}}}}};
      if (r.method == "GET" && r.path.find('{') == std::string::npos)
        ok = {{"type", "object"},
              {"properties", {{"items", {{"type", "array"}, {"items", ref}}}, {"total", {{"type", "integer"}}}}}};
      else
        ok = ref;
    }
    const std::string success = r.method == "POST" && spec ? "201" : r.method == "DELETE" ? "204" : "200";
    op["responses"][success] = {{"description", "success"}};
    if (!ok.is_null()) op["responses"][success]["content"] = {{"application/json", {{"schema", ok}}}};
    const nlohmann::json problem = {
        {"description", "problem"},
        {"content", {{"application/problem+json", {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}}}};
    for (const char* status : {"400", "401", "403", "404", "409", "412", "413", "422"}) op["responses"][status] = problem;
    if (r.audience == Audience::signed_in) op["security"] = nlohmann::json::array({{{"bearer", nlohmann::json::array()}}});
    std::string method = r.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(c));
    paths[r.path][method] = op;
  }
  return {{"openapi", "3.0.3"},
          {"info", {{"title", "jobintech API"}, {"version", JOBINTECH_VERSION}}},
          {"paths", paths},
          {"components",
           {{"schemas", schemas},
            {"securitySchemes",
             {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}},
              {"cookie", {{"type", "apiKey"}, {"in", "cookie"}, {"name", kSessionCookie}}}}}}}};
}

}  // namespace jobintech::web
