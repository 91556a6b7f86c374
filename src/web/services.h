// The application services the HTTP handlers call, owned by the WebServer.
#pragma once

#include "app/account_service.h"
#include "app/admission_service.h"
#include "app/auth_service.h"
#include "app/followup_service.h"
#include "app/importer.h"
#include "app/indicator_service.h"
#include "app/job_runner.h"
#include "app/matching_service.h"
#include "app/payment_service.h"
#include "app/personal_data.h"
#include "app/resource_service.h"
#include "app/training_service.h"
#include "store/database.h"
#include "web/templates.h"

namespace jobintech::web {

struct Services {
  store::Database& db;
  // Where dashboards and indicators read: a read replica when one is configured, else db.
  store::Database& read_db;
  app::JobRunner& jobs;
  app::AuthService auth;
  app::ResourceService resources;
  Templates templates;
  app::AdmissionService admission;
  app::TrainingService training;
  app::IndicatorService indicators;
  app::PaymentService payments;
  app::FollowupService followups;
  app::MatchingService matching;
  app::AccountService account;
  app::PersonalDataService personal_data;
};

class Router;
void register_api_routes(Router& router, Services& services);
void register_admission_api_routes(Router& router, Services& services);
void register_page_routes(Router& router, Services& services);
void register_admission_page_routes(Router& router, Services& services);
void register_placement_page_routes(Router& router, Services& services);  // a learner's jobs on her page
// Attendance, assessments, certificates and their public verification (docs/training.md).
void register_training_api_routes(Router& router, Services& services);
void register_training_page_routes(Router& router, Services& services);
// Indicators, targets, their exports, and operator payment statements (docs/indicators.md, docs/payments.md).
void register_outcome_api_routes(Router& router, Services& services);
// The steering dashboard: the home page of the programme office and the ministry.
void register_dashboard_page_routes(Router& router, Services& services);
void register_payment_page_routes(Router& router, Services& services);  // GET /payments: an operator's statement
void register_target_page_routes(Router& router, Services& services);   // /targets: targets vs achieved, tranches
// Placement follow-ups at 3, 6 and 12 months, and those due (docs/training.md).
void register_followup_api_routes(Router& router, Services& services);
void register_followup_page_routes(Router& router, Services& services);
// Employers' demand and matching: ranked learners, contacts, hires, skills, consent (docs/matching.md).
void register_matching_api_routes(Router& router, Services& services);
void register_matching_page_routes(Router& router, Services& services);
// One's own account: password, sessions (sign out everywhere), second factor (docs/security.md).
void register_account_routes(Router& router, Services& services);
// The audit log searched by admins: GET /api/v1/audit and /audit (docs/security.md).
void register_audit_routes(Router& router, Services& services);
// A candidate's data: read, download (JSON), ask for a correction; admins answer (docs/privacy.md).
void register_privacy_routes(Router& router, Services& services);
nlohmann::json openapi_document(const Router& router);
// The long jobs: GET /api/v1/jobs and /api/v1/jobs/{id} (docs/deployment.md).
void register_job_api_routes(Router& router, Services& services);
// A job as the API shows it, and the 409 answered when a job with the same lock is running.
nlohmann::json job_json(const store::JobRow& job);
struct RequestContext;
void send_job_refusal(httplib::Response& res, const RequestContext& ctx, const app::JobRunner::Refusal& refusal);
// An import report as the API answers it and the import page shows it.
nlohmann::json import_report_json(const app::ImportReport& report, const std::string& lang);

}  // namespace jobintech::web
