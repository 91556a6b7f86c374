// The programme's long operations run as jobs (app/job_runner.h), one place for the API, the
// pages and the command line:
//   - an import of a kind: lock "import:KIND" (two files of one kind never interleave);
//   - an allocation run or a publication: lock "allocation" (one at a time nationally: they read
//     and rewrite the same applications);
//   - a national export (admin or steering, every record of a kind): lock "export:KIND".
// Each returns the refusal when the lock is held, else fills the operation's own result.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "app/admission_service.h"
#include "app/exporter.h"
#include "app/importer.h"
#include "app/job_runner.h"

namespace jobintech::app {

using JobRefusal = std::optional<JobRunner::Refusal>;

JobRefusal import_as_job(JobRunner& jobs, store::Database& db, const Actor& actor, const std::string& kind,
                         std::string_view bytes, ImportReport& report);
JobRefusal allocation_run_as_job(JobRunner& jobs, AdmissionService& admission, const Actor& actor,
                                 std::int64_t round_id, const RunRequest& request, Result<store::RunRow>& out);
JobRefusal publication_as_job(JobRunner& jobs, AdmissionService& admission, const Actor& actor, std::int64_t run_id,
                              Result<store::RunRow>& out);
// Only national exports (admin, steering) are jobs; an operator's export of her own records runs
// at once.
JobRefusal export_as_job(JobRunner& jobs, store::Database& db, const Actor& actor, const std::string& kind,
                         ExportTable& table, Outcome& out);

}  // namespace jobintech::app
