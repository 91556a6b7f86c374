// jobintech: the command line. Every command takes --db (or JOBINTECH_DB) and prints one clear
// line on stderr and exits non-zero when it fails.
#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <thread>

#include "admission/allocation.h"
#include "admission/instance_text.h"
#include "app/allocation_files.h"
#include "app/auth_service.h"
#include "app/account_service.h"
#include "app/backup.h"
#include "app/credentials.h"
#include "app/demo_generator.h"
#include "app/exporter.h"
#include "app/importer.h"
#include "app/long_jobs.h"
#include "app/match_files.h"
#include "app/messages.h"
#include "app/programme_setup.h"
#include "app/retention.h"
#include "matching/batch.h"
#include "web/server.h"

using namespace jobintech;

namespace {

web::WebServer* running_server = nullptr;

void on_signal(int) {
  if (running_server) running_server->stop();
}

std::string database_url(const std::string& given) {
  if (!given.empty()) return given;
  const char* env = std::getenv("JOBINTECH_DB");
  return env ? env : "";
}

void add_db_option(CLI::App* cmd, std::string& db) {
  cmd->add_option("--db", db, "SQLite file or postgresql:// URL (default: $JOBINTECH_DB)");
}

void print_logins(const std::vector<app::DemoLogin>& logins) {
  std::cout << "Demo logins (password after the e-mail):\n";
  for (const auto& l : logins)
    std::cout << "  " << l.role << std::string(10 - std::min<std::size_t>(9, l.role.size()), ' ') << l.email << "  "
              << l.password << (l.organisation.empty() ? "" : "  (" + l.organisation + ")") << "\n";
}

std::string describe(const app::ImportIssue& i, const std::string& lang) {
  std::ostringstream s;
  const auto& m = app::Messages::global();
  s << (i.line ? m.text(lang, "import.line", {{"line", std::to_string(i.line)}}) : m.text(lang, "import.file"));
  if (!i.column.empty()) s << ", " << m.text(lang, "import.column", {{"column", i.column}});
  s << " : " << m.error(lang, i.error);
  return s.str();
}

std::string describe(const app::AllocationInputIssue& i, const std::string& lang) {
  const auto& m = app::Messages::global();
  std::ostringstream s;
  s << i.file << ": " << (i.line ? m.text(lang, "import.line", {{"line", std::to_string(i.line)}}) : m.text(lang, "import.file"));
  if (!i.error.field.empty()) s << ", " << m.text(lang, "import.column", {{"column", i.error.field}});
  s << " : " << m.error(lang, i.error);
  return s.str();
}

double peak_memory_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

// `jobintech allocate`: the standalone, auditable allocation from three CSV files.
int run_allocate(const app::AllocationFiles& files, const std::string& precedence_text, const std::string& out,
                 bool stats, const std::string& requested_lang) {
  const auto& m = app::Messages::global();
  const std::string lang = app::Messages::normalise_language(requested_lang);
  const auto precedence = admission::parse_precedence(precedence_text);
  if (!precedence) {
    std::cerr << "jobintech: " << m.text(lang, "allocate.bad_precedence", {{"value", precedence_text}}) << "\n";
    return 2;
  }
  const auto started = std::chrono::steady_clock::now();
  const app::LoadedAllocation loaded = app::load_allocation_files(files, *precedence);
  if (!loaded.issues.empty()) {
    for (const auto& issue : loaded.issues) std::cerr << describe(issue, lang) << "\n";
    std::cerr << m.text(lang, "allocate.rejected", {{"errors", std::to_string(loaded.issues.size())}}) << "\n";
    return 1;
  }
  const admission::AllocationResult result = admission::allocate(loaded.instance);
  const auto written = std::chrono::steady_clock::now();
  app::write_allocation_results(loaded, result, out);
  const auto done = std::chrono::steady_clock::now();
  std::size_t assigned = 0;
  for (const auto& a : result.assignments) assigned += a.cohort >= 0 ? 1 : 0;
  std::cout << m.text(lang, "allocate.done", {{"assigned", std::to_string(assigned)},
                                             {"candidates", std::to_string(result.assignments.size())},
                                             {"directory", out}})
            << "\n";
  if (stats) {
    const auto seconds = [](auto a, auto b) { return std::chrono::duration<double>(b - a).count(); };
    const double engine = result.stats.engine_seconds;
    std::cerr << std::fixed << std::setprecision(3) << "read: " << loaded.read_seconds << " s\n"
              << "engine: " << engine << " s\n"
              << "proposals: " << result.stats.proposals << " ("
              << std::setprecision(0) << (engine > 0 ? result.stats.proposals / engine : 0) << " per second)\n"
              << "rejections: " << result.stats.rejections << "\n"
              << std::setprecision(3) << "write: " << seconds(written, done) << " s\n"
              << "total: " << seconds(started, done) << " s\n"
              << std::setprecision(1) << "peak memory: " << peak_memory_mib() << " MiB\n"
              << "input digest: "
              << app::sha256_hex(admission::canonical_input(loaded.instance, {loaded.cohort_ids, loaded.region_codes}))
              << "\n";
  }
  return 0;
}

std::string describe(const app::MatchInputIssue& i, const std::string& lang) {
  const auto& m = app::Messages::global();
  std::ostringstream s;
  s << i.file << ": " << (i.line ? m.text(lang, "import.line", {{"line", std::to_string(i.line)}}) : m.text(lang, "import.file"));
  if (!i.error.field.empty()) s << ", " << m.text(lang, "import.column", {{"column", i.error.field}});
  s << " : " << (i.error.code.starts_with("match.") ? m.text(lang, i.error.code, i.error.params) : m.error(lang, i.error));
  return s.str();
}

struct MatchOptions {
  app::MatchFiles files;
  std::size_t top = 10;
  std::string direction;
  std::string out;
  bool same_region = false;
  unsigned threads = 0;
  bool explain = false;
  bool stats = false;
};

// `jobintech match`: the top learners for each offer, or the top offers for each learner, from two
// CSV files (docs/matching.md).
int run_match(const MatchOptions& o, const std::string& requested_lang) {
  const auto& m = app::Messages::global();
  const std::string lang = app::Messages::normalise_language(requested_lang);
  const auto started = std::chrono::steady_clock::now();
  const app::LoadedMatch loaded = app::load_match_files(o.files);
  if (!loaded.issues.empty()) {
    for (const auto& issue : loaded.issues) std::cerr << describe(issue, lang) << "\n";
    std::cerr << m.text(lang, "match.rejected", {{"errors", std::to_string(loaded.issues.size())}}) << "\n";
    return 1;
  }
  const bool per_offer = o.direction == "learners";  // the top learners for each offer
  matching::BatchStats engine;
  const auto rankings =
      per_offer ? matching::top_learners_per_offer(loaded.learners, loaded.offers, o.top, o.same_region, o.threads, &engine)
                : matching::top_offers_per_learner(loaded.learners, loaded.offers, o.top, o.same_region, o.threads, &engine);
  const auto writing = std::chrono::steady_clock::now();
  const std::size_t rows = app::write_matches(
      loaded, per_offer ? app::MatchDirection::learners : app::MatchDirection::offers, rankings, o.out, o.explain);
  const auto done = std::chrono::steady_clock::now();
  std::cout << m.text(lang, per_offer ? "match.done_learners" : "match.done_offers",
                      {{"top", std::to_string(o.top)},
                       {"learners", std::to_string(loaded.learners.size())},
                       {"offers", std::to_string(loaded.offers.size())},
                       {"rows", std::to_string(rows)},
                       {"file", o.out}})
            << "\n";
  if (o.stats) {
    const auto seconds = [](auto a, auto b) { return std::chrono::duration<double>(b - a).count(); };
    std::cerr << std::fixed << std::setprecision(3) << "read: " << loaded.read_seconds << " s\n"
              << "index: " << engine.index_seconds << " s (" << std::setprecision(1)
              << static_cast<double>(engine.index_bytes) / (1024.0 * 1024.0) << " MiB)\n"
              << std::setprecision(3) << "matching: " << engine.match_seconds << " s ("
              << std::max(1U, o.threads) << " threads)\n"
              << "write: " << seconds(writing, done) << " s\n"
              << "total: " << seconds(started, done) << " s\n"
              << "pairs with score > 0: " << engine.positive_pairs << "\n"
              << "rows: " << rows << "\n"
              << std::setprecision(1) << "peak memory: " << peak_memory_mib() << " MiB\n";
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"jobintech — the software of a national training-to-employment programme in digital skills"};
  cli.require_subcommand(1);
  spdlog::set_level(spdlog::level::warn);

  std::string db;
  std::string host = "127.0.0.1";
  int port = 8080;
  bool quiet = false;
  auto* serve = cli.add_subcommand("serve", "Serve the web application and the API");
  add_db_option(serve, db);
  serve->add_option("--host", host, "Address to listen on");
  serve->add_option("--port", port, "Port to listen on (0: any free port)")->check(CLI::Range(0, 65535));
  serve->add_flag("--quiet", quiet, "Do not log each request");
  web::ServerOptions server_options;
  std::string read_db;
  serve->add_option("--instance", server_options.instance,
                    "This instance's name among several (default: host:port); keep it across restarts");
  serve->add_option("--read-db", read_db,
                    "Where dashboards and indicators read: a read replica's postgresql:// URL (default: "
                    "$JOBINTECH_READ_DB, else --db)");

  auto* migrate = cli.add_subcommand("migrate", "Apply the database migrations and load the reference data");
  add_db_option(migrate, db);

  std::int64_t candidates = 20'000;
  std::uint64_t seed = 2026;
  bool if_empty = false;
  auto* demo = cli.add_subcommand("demo", "Write the demo data set (deterministic by --seed) into an empty database");
  add_db_option(demo, db);
  demo->add_option("--candidates", candidates, "Number of candidates")->check(CLI::Range(0, 5'000'000));
  demo->add_option("--seed", seed, "Random seed");
  demo->add_flag("--if-empty", if_empty, "Do nothing (and succeed) when the database already holds data");

  auto* user = cli.add_subcommand("user", "Manage user accounts");
  user->require_subcommand(1);
  std::string email, role, organisation, display_name;
  bool password_stdin = false;
  auto* user_add = user->add_subcommand("add", "Add a user; the password is read from standard input");
  add_db_option(user_add, db);
  user_add->add_option("--email", email, "E-mail address (the login)")->required();
  user_add->add_option("--role", role, "admin, steering, operator, employer or candidate")->required();
  user_add->add_option("--organisation", organisation, "Organisation code (operators and employers)");
  user_add->add_option("--name", display_name, "Name shown on pages");
  user_add->add_flag("--password-stdin", password_stdin, "Read the password from standard input")->required();
  auto* user_second_factor_off = user->add_subcommand(
      "second-factor-off", "Remove a user's second factor (a lost phone) and end her sessions; written to the audit log");
  add_db_option(user_second_factor_off, db);
  user_second_factor_off->add_option("--email", email, "E-mail address (the login)")->required();

  std::string kind, file, format = "csv", out, lang = "fr";
  auto* import = cli.add_subcommand("import", "Import a CSV file, all or nothing, with a report");
  add_db_option(import, db);
  import->add_option("--kind", kind, "organisations, sites, cohorts, candidates or applications")->required();
  import->add_option("file", file, "The CSV file")->required();
  import->add_option("--lang", lang, "Language of the report: fr, ar or en");

  auto* exp = cli.add_subcommand("export", "Export records to CSV or XLSX");
  add_db_option(exp, db);
  exp->add_option("--kind", kind, "regions, organisations, sites, conventions, tracks, cohorts, candidates, applications")->required();
  exp->add_option("--format", format, "csv or xlsx")->check(CLI::IsMember({"csv", "xlsx"}));
  exp->add_option("--out", out, "Output file")->required();

  app::AllocationFiles allocation_files;
  std::string precedence = "open,women,local";
  bool stats = false;
  auto* allocate = cli.add_subcommand("allocate", "Allocate seats from CSV files, without a database (docs/allocation.md)");
  allocate->add_option("--candidates", allocation_files.candidates, "candidate_id,region_code,gender,lottery")->required();
  allocate->add_option("--cohorts", allocation_files.cohorts, "cohort_id,region_code,capacity,reserved_women,reserved_local")->required();
  allocate->add_option("--applications", allocation_files.applications, "candidate_id,cohort_id,rank,score")->required();
  allocate->add_option("--out", out, "Folder for assignments.csv and cutoffs.csv")->required();
  allocate->add_option("--precedence", precedence, "Order in which seat kinds are filled");
  allocate->add_flag("--stats", stats, "Print engine time, proposals and peak memory on stderr");
  allocate->add_option("--lang", lang, "Language of the messages: fr, ar or en");

  MatchOptions match_options;
  match_options.threads = std::max(1U, std::thread::hardware_concurrency());
  auto* match = cli.add_subcommand("match", "Match learners and job offers from CSV files, without a database (docs/matching.md)");
  match->add_option("--learners", match_options.files.learners, "learner_id,region_code,skills")->required();
  match->add_option("--offers", match_options.files.offers, "offer_id,region_code,required,nice")->required();
  match->add_option("--top", match_options.top, "How many matches for each offer or learner")->required()->check(CLI::PositiveNumber);
  match->add_option("--direction", match_options.direction, "learners: the top learners for each offer; offers: the top offers for each learner")
      ->required()
      ->check(CLI::IsMember({"learners", "offers"}));
  match->add_option("--out", match_options.out, "The matches.csv file to write")->required();
  match->add_flag("--same-region", match_options.same_region, "Only match learners and offers of the same region");
  match->add_option("--threads", match_options.threads, "Threads (default: the number of cores)")->check(CLI::Range(1U, 1024U));
  match->add_flag("--explain", match_options.explain, "Add the required skills matched and missing and the nice-to-have matched");
  match->add_flag("--stats", match_options.stats, "Print read, index, matching and write times and peak memory on stderr");
  match->add_option("--lang", lang, "Language of the messages: fr, ar or en");

  std::string backup_file;
  auto* backup = cli.add_subcommand("backup", "Back the database up while it is in use (SQLite backup API, or pg_dump)");
  add_db_option(backup, db);
  backup->add_option("--out", backup_file, "The backup file to write")->required();
  auto* restore = cli.add_subcommand(
      "restore", "Restore a backup file into a database no server is writing to (all or nothing)");
  add_db_option(restore, db);
  restore->add_option("--from", backup_file, "The backup file (from jobintech backup)")->required()->check(CLI::ExistingFile);

  int retention_months = app::kDefaultRetentionMonths;
  std::string retention_today;
  bool dry_run = false;
  auto* retention = cli.add_subcommand(
      "retention", "Anonymise the candidates whose last activity is older than the retention period (docs/privacy.md)");
  add_db_option(retention, db);
  retention->add_option("--months", retention_months, "The retention period, in months after the last activity")
      ->capture_default_str()
      ->check(CLI::Range(1, 1200));
  retention->add_option("--today", retention_today, "Count the period back from this date (default: today)");
  retention->add_flag("--dry-run", dry_run, "Only count the candidates that would be anonymised");

  CLI11_PARSE(cli, argc, argv);

  if (backup->parsed() || restore->parsed()) {
    try {
      if (restore->parsed()) {
        app::restore_database(backup_file, database_url(db));
        std::cout << "restored " << backup_file << " into " << database_url(db) << "\n";
        return 0;
      }
      const auto r = app::backup_database(database_url(db), backup_file);
      std::cout << "backup (" << r.kind << "): " << backup_file << ", " << r.bytes << " bytes\n";
      return 0;
    } catch (const std::exception& e) {
      std::cerr << "jobintech: " << e.what() << "\n";
      return 1;
    }
  }

  if (allocate->parsed()) {
    try {
      return run_allocate(allocation_files, precedence, out, stats, lang);
    } catch (const std::exception& e) {
      std::cerr << "jobintech: " << e.what() << "\n";
      return 1;
    }
  }

  if (match->parsed()) {
    try {
      return run_match(match_options, lang);
    } catch (const std::exception& e) {
      std::cerr << "jobintech: " << e.what() << "\n";
      return 1;
    }
  }

  try {
    app::init_credentials();
    auto database = app::open_database(database_url(db), serve->parsed() ? 16 : 2);

    if (migrate->parsed()) {
      auto r = app::prepare_database(*database);
      std::cout << "migrations applied: " << r.migrations_applied.size() << ", reference rows changed: "
                << r.reference_rows_changed << "\n";
      return 0;
    }
    app::prepare_database(*database);

    if (serve->parsed()) {
      if (!quiet) spdlog::set_level(spdlog::level::info);
      if (read_db.empty() && std::getenv("JOBINTECH_READ_DB")) read_db = std::getenv("JOBINTECH_READ_DB");
      std::unique_ptr<store::Database> replica;
      if (!read_db.empty()) {
        replica = app::open_database(read_db, 8);
        server_options.read_db = replica.get();
      }
      web::WebServer server(*database, server_options);
      const int bound = server.bind(host, port);
      if (bound < 0) throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(port));
      running_server = &server;
      std::signal(SIGINT, on_signal);
      std::signal(SIGTERM, on_signal);
      std::cout << "jobintech serving on http://" << host << ":" << bound << "/" << std::endl;
      server.run();
      running_server = nullptr;
      return 0;
    }
    if (demo->parsed()) {
      if (if_empty && app::database_has_programme_data(*database)) {
        std::cout << "The database already holds data: demo skipped.\n";
        print_logins(app::demo_logins());
        return 0;
      }
      auto r = app::generate_demo(*database, {candidates, seed, ""});
      std::cout << "Demo data: " << r.organisations << " organisations, " << r.sites << " sites, " << r.conventions
                << " conventions, " << r.cohorts << " cohorts, " << r.candidates << " candidates, " << r.applications
                << " applications, " << r.enrolments << " enrolments, " << r.placements << " placements, " << r.offers
                << " job offers, " << r.consents << " learners visible to employers.\n";
      print_logins(r.logins);
      return 0;
    }
    if (retention->parsed()) {
      const auto r = app::apply_retention(*database, retention_months, retention_today, dry_run);
      std::cout << (dry_run ? "would anonymise " : "anonymised ") << r.anonymised
                << " candidate(s) without activity since " << r.cutoff;
      if (!dry_run)
        std::cout << "; " << r.accounts << " account(s) closed; " << r.sessions_purged << " ended session(s) and "
                  << r.sign_in_failures_purged << " old failed sign-in counter(s) deleted";
      std::cout << "\n";
      return 0;
    }
    if (user_second_factor_off->parsed()) {
      if (!app::remove_second_factor_by_command_line(*database, email))
        throw std::runtime_error("no user with e-mail " + email);
      std::cout << "second factor removed and sessions ended for " << email << "\n";
      return 0;
    }
    if (user_add->parsed()) {
      std::string password;
      std::getline(std::cin, password);
      auto r = app::add_user(*database, email, role, organisation, password, display_name);
      if (!r.ok()) {
        const auto& m = app::Messages::global();
        std::string why = r.errors.empty() ? m.text("fr", "error." + r.message_code)
                                           : r.errors.front().field + ": " + m.error("fr", r.errors.front());
        throw std::runtime_error("user not added: " + why);
      }
      std::cout << "user " << core::to_text(r.record["email"]) << " added (" << core::to_text(r.record["role"]) << ")\n";
      return 0;
    }
    if (import->parsed()) {
      std::ifstream in(file, std::ios::binary);
      if (!in) throw std::runtime_error("cannot read " + file);
      std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      app::JobRunner jobs(*database, "cli:" + app::default_instance_name(::getpid()));
      app::ImportReport report;
      const auto& m = app::Messages::global();
      lang = app::Messages::normalise_language(lang);
      if (auto refusal = app::import_as_job(jobs, *database, app::Actor::command_line(), kind, bytes, report)) {
        std::cerr << file << ": " << m.text(lang, "error.job_running") << " (job " << refusal->running.id << ", "
                  << refusal->running.instance << ")\n";
        return 1;
      }
      if (!report.encoding.empty())
        std::cout << m.text(lang, "import.detected", {{"encoding", report.encoding}, {"separator", report.separator}}) << "\n";
      if (report.applied) {
        std::cout << m.text(lang, "import.applied", {{"rows", std::to_string(report.rows)},
                                                     {"created", std::to_string(report.created)},
                                                     {"updated", std::to_string(report.updated)},
                                                     {"unchanged", std::to_string(report.unchanged)}})
                  << "\n";
        return 0;
      }
      for (const auto& i : report.issues) std::cerr << file << ": " << describe(i, lang) << "\n";
      std::cerr << m.text(lang, "import.rejected", {{"errors", std::to_string(report.issues.size())}}) << "\n";
      return 1;
    }
    if (exp->parsed()) {
      app::ExportTable table;
      auto r = app::export_records(*database, app::Actor::command_line(), kind, table);
      if (!r.ok()) throw std::runtime_error("unknown export kind: " + kind);
      if (format == "csv") {
        std::ofstream o(out, std::ios::binary);
        if (!o) throw std::runtime_error("cannot write " + out);
        o << app::export_csv(table);
        if (!o) throw std::runtime_error("cannot write " + out);
      } else {
        app::export_xlsx(table, out);
      }
      std::cout << table.rows.size() << " " << kind << " exported to " << out << "\n";
      return 0;
    }
  } catch (const std::exception& e) {
    std::cerr << "jobintech: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
