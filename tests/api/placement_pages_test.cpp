// Recording a placement from a learner's page, as the operator does it in the browser: the
// candidate page lists her jobs and offers the form; a good form is saved and answered with a
// redirect to her page (POST-redirect-GET); a bad salary or a missing job title brings the page
// back (422) naming the field, with nothing written; a candidate outside the operator's reach is
// refused (404 when it may not even see her, 403 when she only applied to its cohorts), and so
// are the roles that do not record jobs.
#include "api_fixture.h"
#include "store/sql.h"

namespace jobintech::testing {

namespace {

constexpr const char* kForm = "application/x-www-form-urlencoded";

class PlacementPages : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    p_ = new ServedProgramme();
    auto conn = p_->db().connect();
    auto& sql = conn.session();
    const auto one = [&](const std::string& q, store::Params params = {}) {
      auto v = store::fetch_integer(sql, q, params);
      if (!v) throw std::runtime_error("no row for " + q);
      return *v;
    };
    const auto op = one("SELECT organisation_id FROM users WHERE email = 'operateur@jobintech.ma'");
    const std::string learners =
        "SELECT e.candidate_id FROM enrolments e JOIN cohorts c ON c.id = e.cohort_id WHERE c.operator_id = ?";
    const std::string applicants =
        "SELECT a.candidate_id FROM applications a JOIN cohorts c ON c.id = a.cohort_id WHERE c.operator_id = ?";
    learner_ = one(learners + " ORDER BY e.id LIMIT 1", {op});
    second_learner_ = one(learners + " AND e.candidate_id <> ? ORDER BY e.id LIMIT 1", {op, learner_});
    applicant_ = one("SELECT x.candidate_id FROM (" + applicants + ") x WHERE x.candidate_id NOT IN (" + learners +
                         ") ORDER BY 1 LIMIT 1",
                     {op, op});
    outsider_ = one("SELECT id FROM candidates WHERE id NOT IN (" + applicants + ") AND id NOT IN (" + learners +
                        ") ORDER BY id LIMIT 1",
                    {op, op});
  }
  static void TearDownTestSuite() {
    delete p_;
    p_ = nullptr;
  }

  static std::string path(std::int64_t candidate) { return "/candidates/" + std::to_string(candidate) + "/placements"; }
  httplib::Result post(const std::string& role, std::int64_t candidate, const std::string& form) {
    return p_->client().Post(path(candidate), p_->auth(role), form, kForm);
  }
  std::int64_t scalar(const std::string& query, store::Params params = {}) {
    auto conn = p_->db().connect();
    return store::fetch_integer(conn.session(), query, params).value_or(-1);
  }
  std::int64_t placements() { return scalar("SELECT COUNT(*) FROM placements"); }

  static ServedProgramme* p_;
  static std::int64_t learner_, second_learner_, applicant_, outsider_;
};
ServedProgramme* PlacementPages::p_ = nullptr;
std::int64_t PlacementPages::learner_ = 0, PlacementPages::second_learner_ = 0, PlacementPages::applicant_ = 0,
             PlacementPages::outsider_ = 0;

TEST_F(PlacementPages, TheOperatorRecordsAJobForALearnerOfItsCohort) {
  const std::string page = "/candidates/" + std::to_string(learner_);
  auto r = p_->client().Get(page, p_->auth("operator"));
  ASSERT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("data-testid=\"candidate-placements\""), std::string::npos);
  EXPECT_NE(r->body.find("action=\"" + path(learner_) + "\""), std::string::npos) << "the form is offered";

  const auto before = placements();
  const std::string audited = "SELECT COUNT(*) FROM audit_log WHERE action = 'create' AND entity = 'placements'";
  const auto audited_before = scalar(audited);
  r = post("operator", learner_,
           "employer_name=Atlas+Soft&job_title=D%C3%A9veloppeuse+web&contract_type=cdi&start_date=2026-09-01"
           "&end_date=&monthly_salary_mad=8200&evidence_note=Contrat+sign%C3%A9");
  ASSERT_EQ(r->status, 303) << r->body.substr(0, 500);
  EXPECT_EQ(r->get_header_value("Location"), page + "?saved=placement#placements");
  EXPECT_EQ(placements(), before + 1);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM placements WHERE candidate_id = ? AND employer_name = 'Atlas Soft' AND "
                   "job_title = 'Développeuse web' AND contract_type = 'cdi' AND start_date = '2026-09-01' AND "
                   "end_date IS NULL AND monthly_salary_centimes = 820000",
                   {learner_}),
            1);
  EXPECT_EQ(scalar(audited), audited_before + 1) << "written through the audited use case";

  // The page it leads to lists the job and says it was saved.
  r = p_->client().Get(page + "?saved=placement", p_->auth("operator"));
  ASSERT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("data-testid=\"placement-saved\""), std::string::npos);
  EXPECT_NE(r->body.find("Développeuse web"), std::string::npos);
  EXPECT_NE(r->body.find("Atlas Soft"), std::string::npos);
  EXPECT_NE(r->body.find("data-contract=\"cdi\""), std::string::npos);

  // The programme office records one too; a salary with a decimal comma is read as French users type it.
  r = post("admin", second_learner_,
           "employer_name=Sahara+Data&job_title=Analyste&contract_type=internship&start_date=2026-10-01"
           "&end_date=2026-12-31&monthly_salary_mad=3000%2C50&evidence_note=");
  ASSERT_EQ(r->status, 303) << r->body.substr(0, 500);
  EXPECT_EQ(
      scalar("SELECT monthly_salary_centimes FROM placements WHERE candidate_id = ? AND employer_name = 'Sahara Data'",
             {second_learner_}),
      300050);
}

TEST_F(PlacementPages, ABadFormComesBackNamingTheFieldAndWritesNothing) {
  const auto before = placements();
  auto r = post("operator", learner_,
                "employer_name=Souss+Num%C3%A9rique&job_title=Analyste+SOC&contract_type=cdd&start_date=2026-10-01"
                "&end_date=&monthly_salary_mad=beaucoup&evidence_note=");
  ASSERT_EQ(r->status, 422) << r->body.substr(0, 500);
  EXPECT_NE(r->body.find("data-testid=\"placement-errors\""), std::string::npos);
  EXPECT_NE(r->body.find("Salaire mensuel (MAD) : "), std::string::npos) << "the field is named";
  EXPECT_NE(r->body.find("name=\"monthly_salary_mad\" value=\"beaucoup\""), std::string::npos)
      << "what was typed stays";
  EXPECT_NE(r->body.find("aria-invalid=\"true\""), std::string::npos);
  EXPECT_NE(r->body.find("value=\"Souss Numérique\""), std::string::npos);
  EXPECT_EQ(placements(), before);

  r = post("operator", learner_,
           "employer_name=Souss+Num%C3%A9rique&job_title=&contract_type=cdd&start_date=2026-10-01&end_date="
           "&monthly_salary_mad=7000&evidence_note=");
  ASSERT_EQ(r->status, 422) << r->body.substr(0, 500);
  EXPECT_NE(r->body.find("Intitulé du poste : "), std::string::npos) << "the field is named";
  EXPECT_EQ(placements(), before);

  // Checks across fields come back the same way; other languages name the field in theirs.
  r = p_->client().Post(path(learner_) + "?lang=en", p_->auth("operator"),
                        "employer_name=Souss&job_title=Analyste&contract_type=cdd&start_date=2026-10-01"
                        "&end_date=2026-09-01&monthly_salary_mad=&evidence_note=",
                        kForm);
  ASSERT_EQ(r->status, 422) << r->body.substr(0, 500);
  EXPECT_NE(r->body.find("End : "), std::string::npos);
  r = p_->client().Post(path(learner_) + "?lang=en", p_->auth("operator"),
                        "employer_name=Souss&job_title=Analyste&contract_type=apprenticeship&start_date=2026-10-01",
                        kForm);
  ASSERT_EQ(r->status, 422);
  EXPECT_NE(r->body.find("Contract : "), std::string::npos);
  EXPECT_EQ(placements(), before);
}

TEST_F(PlacementPages, OutsideTheOperatorsReachNothingIsWritten) {
  const auto before = placements();
  const std::string form =
      "employer_name=Atlas+Soft&job_title=Analyste&contract_type=cdi&start_date=2026-10-01&monthly_salary_mad=7000";
  EXPECT_EQ(post("operator", outsider_, form)->status, 404) << "a candidate it may not even see";
  EXPECT_EQ(post("operator", applicant_, form)->status, 403) << "applied to its cohorts, but not its learner";
  EXPECT_EQ(post("steering", learner_, form)->status, 403);
  EXPECT_EQ(post("employer", learner_, form)->status, 403);
  const auto as_candidate = post("candidate", learner_, form)->status;
  EXPECT_TRUE(as_candidate == 403 || as_candidate == 404) << as_candidate;
  EXPECT_EQ(placements(), before);

  // Only those who may record a job are offered the form.
  auto r = p_->client().Get("/candidates/" + std::to_string(applicant_), p_->auth("operator"));
  ASSERT_EQ(r->status, 200);
  EXPECT_EQ(r->body.find("data-testid=\"placement-form\""), std::string::npos);
  r = p_->client().Get("/candidates/" + std::to_string(learner_), p_->auth("steering"));
  EXPECT_EQ(r->status, 403) << "steering sees aggregates, no one's record";
}

}  // namespace

}  // namespace jobintech::testing
