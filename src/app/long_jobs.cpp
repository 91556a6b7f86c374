#include "app/long_jobs.h"

namespace jobintech::app {

namespace {

std::string run_summary(const Result<store::RunRow>& out) {
  return out.ok() ? "run " + std::to_string(out.value.id) : "refused: " + out.message_code;
}

}  // namespace

JobRefusal import_as_job(JobRunner& jobs, store::Database& db, const Actor& actor, const std::string& kind,
                         std::string_view bytes, ImportReport& report) {
  return jobs.run(actor, "import", "import:" + kind, [&](JobProgress& progress) {
    report = import_csv(db, actor, kind, bytes,
                        [&](const std::string& phase, std::int64_t done, std::int64_t total) {
                          progress.set(phase, done, total);
                        });
    if (!report.applied) {
      return JobRunner::Ending{false, "refused: " + std::to_string(report.issues.size()) + " errors"};
    }
    return JobRunner::Ending{true, "rows=" + std::to_string(report.rows) + " created=" + std::to_string(report.created) +
                                       " updated=" + std::to_string(report.updated) +
                                       " unchanged=" + std::to_string(report.unchanged)};
  });
}

JobRefusal allocation_run_as_job(JobRunner& jobs, AdmissionService& admission, const Actor& actor,
                                 std::int64_t round_id, const RunRequest& request, Result<store::RunRow>& out) {
  if (!AdmissionService::manages_rounds(actor)) {
    out = Result<store::RunRow>::fail(OutcomeKind::forbidden, "forbidden");
    return std::nullopt;
  }
  return jobs.run(actor, "allocation_run", "allocation", [&](JobProgress& progress) {
    progress.set("allocating", 0, 1);
    out = admission.run(actor, round_id, request);
    progress.set("done", 1, 1);
    return JobRunner::Ending{out.ok(), run_summary(out)};
  });
}

JobRefusal publication_as_job(JobRunner& jobs, AdmissionService& admission, const Actor& actor, std::int64_t run_id,
                              Result<store::RunRow>& out) {
  if (!AdmissionService::manages_rounds(actor)) {
    out = Result<store::RunRow>::fail(OutcomeKind::forbidden, "forbidden");
    return std::nullopt;
  }
  return jobs.run(actor, "publication", "allocation", [&](JobProgress& progress) {
    progress.set("publishing", 0, 1);
    out = admission.publish(actor, run_id);
    progress.set("done", 1, 1);
    return JobRunner::Ending{out.ok(), run_summary(out)};
  });
}

JobRefusal export_as_job(JobRunner& jobs, store::Database& db, const Actor& actor, const std::string& kind,
                         ExportTable& table, Outcome& out) {
  if (actor.role != Role::admin && actor.role != Role::steering) {
    out = export_records(db, actor, kind, table);
    return std::nullopt;
  }
  return jobs.run(actor, "export", "export:" + kind, [&](JobProgress& progress) {
    progress.set("reading", 0, 0);
    out = export_records(db, actor, kind, table);
    progress.set("done", static_cast<std::int64_t>(table.rows.size()), static_cast<std::int64_t>(table.rows.size()));
    return JobRunner::Ending{out.ok(), out.ok() ? "rows=" + std::to_string(table.rows.size()) : out.message_code};
  });
}

}  // namespace jobintech::app
