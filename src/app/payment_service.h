// PaymentService: result-based payments to training operators (docs/payments.md). A statement
// lists, for one operator and period, each tranche line of each convention it is party to (per
// learner enrolled, certified, inserted at 6 months), every learner behind each line, and the
// totals. The programme office reads any operator's statement; an operator reads its own;
// the funder and the ministry (steering) read the lines and totals without the learners' names.
// Reading a statement with names is written to the audit log. Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "app/actor.h"
#include "app/exporter.h"
#include "app/outcome.h"
#include "store/database.h"

namespace jobintech::app {

struct StatementLearnerView {
  std::int64_t enrolment_id = 0, candidate_id = 0;
  std::string cin, first_name, last_name, cohort_code, on;  // on: the day the basis was met
};

struct StatementLineView {
  std::string convention_code, convention_title, basis;
  std::int64_t amount_centimes = 0, learners = 0, total_centimes = 0;
  std::vector<StatementLearnerView> entries;  // empty for steering
};

struct Statement {
  std::string operator_code, operator_name, from, to;
  bool personal = false;  // entries carry names and CINs
  std::vector<StatementLineView> lines;
  std::int64_t total_centimes = 0;
};

class PaymentService {
 public:
  explicit PaymentService(store::Database& db) : db_(db) {}

  // query: operator (code; operators: their own by default), from, to (YYYY-MM-DD, required).
  Result<Statement> statement(const Actor& actor, const std::map<std::string, std::string>& query);

 private:
  store::Database& db_;
};

// The statement as a workbook: a summary sheet, then one sheet per line with its learners.
std::vector<ExportTable> statement_tables(const Statement& s);

}  // namespace jobintech::app
