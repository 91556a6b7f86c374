// The application services the HTTP handlers call, owned by the WebServer.
#pragma once

#include "app/admission_service.h"
#include "app/auth_service.h"
#include "app/importer.h"
#include "app/resource_service.h"
#include "store/database.h"
#include "web/templates.h"

namespace jobintech::web {

struct Services {
  store::Database& db;
  app::AuthService auth;
  app::ResourceService resources;
  Templates templates;
  app::AdmissionService admission;
};

class Router;
void register_api_routes(Router& router, Services& services);
void register_admission_api_routes(Router& router, Services& services);
void register_page_routes(Router& router, Services& services);
void register_admission_page_routes(Router& router, Services& services);
nlohmann::json openapi_document(const Router& router);
// An import report as the API answers it and the import page shows it.
nlohmann::json import_report_json(const app::ImportReport& report, const std::string& lang);

}  // namespace jobintech::web
