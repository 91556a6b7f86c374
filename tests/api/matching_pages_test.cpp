// Employers' demand and matching on pages, as their users live them in the browser (the forms
// post back to pages): an employer posts an offer through its form (303 to the offer), and a bad
// form (no title, a skill both required and nice to have, a maximum salary below the minimum)
// comes back 422 naming each field, with nothing written; the demo graduate gives her consent and
// declares a skill on her own page; the employer's offer page ranks her with the required skills
// she misses, without her CIN, birth date, e-mail or last name until she accepts its contact
// request; then the hire form records her placement (read back through the API). Steering opens
// the supply-demand page, an employer is refused it; the employer keeps its company profile; the
// pages also read in Arabic, right to left.
#include <set>

#include "api_fixture.h"
#include "store/sql.h"

namespace jobintech::testing {

namespace {

constexpr const char* kForm = "application/x-www-form-urlencoded";

std::string form(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [k, v] : fields) out += (out.empty() ? "" : "&") + k + "=" + httplib::detail::encode_query_param(v);
  return out;
}

bool has(const std::string& body, const std::string& text) { return body.find(text) != std::string::npos; }

class MatchingPages : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    p_ = new ServedProgramme();
    auto conn = p_->db().connect();
    auto& sql = conn.session();
    candidate_ = store::fetch_integer(sql, "SELECT candidate_id FROM users WHERE email = 'candidat@jobintech.ma'").value();
    employer_ = store::fetch_integer(sql, "SELECT organisation_id FROM users WHERE email = 'employeur@jobintech.ma'").value();
    auto who = store::fetch_one(sql, "SELECT cin, birth_date, email, first_name, last_name, phone FROM candidates WHERE id = ?",
                                {candidate_});
    cin_ = store::as_text((*who)[0]);
    birth_date_ = store::as_text((*who)[1]);
    email_ = store::as_text((*who)[2]);
    first_name_ = store::as_text((*who)[3]);
    last_name_ = store::as_text((*who)[4]);
  }
  static void TearDownTestSuite() {
    delete p_;
    p_ = nullptr;
  }

  httplib::Result post(const std::string& role, const std::string& path, const std::string& body) {
    return p_->client().Post(path, p_->auth(role), body, kForm);
  }
  httplib::Result get(const std::string& role, const std::string& path) { return p_->client().Get(path, p_->auth(role)); }
  std::int64_t scalar(const std::string& query, store::Params params = {}) {
    auto conn = p_->db().connect();
    return store::fetch_integer(conn.session(), query, params).value_or(-1);
  }
  static std::int64_t id_from(const std::string& location, const std::string& prefix) {
    EXPECT_EQ(location.rfind(prefix, 0), 0u) << location;
    return std::stoll(location.substr(prefix.size()));
  }
  // The demo graduate's skills, through the API, as she reads them.
  std::vector<std::string> skills_of_candidate(bool validated) {
    auto r = get("candidate", "/api/v1/candidates/" + std::to_string(candidate_) + "/skills");
    EXPECT_EQ(r->status, 200);
    std::vector<std::string> out;
    const auto items = body(r)["items"];
    for (const auto& s : items)
      if ((s["source"] == "validated") == validated) out.push_back(s["code"].get<std::string>());
    return out;
  }
  std::string candidate_page() { return "/candidates/" + std::to_string(candidate_); }

  static ServedProgramme* p_;
  static std::int64_t candidate_, employer_;
  static std::string cin_, birth_date_, email_, first_name_, last_name_;
};
ServedProgramme* MatchingPages::p_ = nullptr;
std::int64_t MatchingPages::candidate_ = 0, MatchingPages::employer_ = 0;
std::string MatchingPages::cin_, MatchingPages::birth_date_, MatchingPages::email_, MatchingPages::first_name_,
    MatchingPages::last_name_;

const std::vector<std::pair<std::string, std::string>> kGoodOffer = {
    {"title", "Développeuse IA"},     {"description", "Équipe produit à Casablanca."},
    {"region_code", "06"},            {"city", "Casablanca"},
    {"contract_type", "cdi"},         {"positions", "2"},
    {"salary_min_mad", "9000"},       {"salary_max_mad", "13000"},
    {"start_date", "2027-01-04"},     {"required_skills", "python"},
    {"required_skills", "sql"},       {"nice_skills", "docker"}};

TEST_F(MatchingPages, AnEmployerPostsAnOfferThroughItsFormAndMovesItAlongItsLifecycle) {
  auto r = get("employer", "/offers/new");
  ASSERT_EQ(r->status, 200);
  EXPECT_TRUE(has(r->body, "data-testid=\"offer-form\""));
  EXPECT_TRUE(has(r->body, "<fieldset class=\"skill-group\" data-group=\"ai\">")) << "skills grouped by skill group";
  EXPECT_TRUE(has(r->body, "name=\"required_skills\" value=\"python\""));
  EXPECT_TRUE(has(r->body, "name=\"nice_skills\" value=\"python\""));
  EXPECT_TRUE(has(r->body, ">Grands modèles de langage (LLM)<")) << "skills named, not coded";

  const auto offers_before = scalar("SELECT COUNT(*) FROM job_offers");
  r = post("employer", "/offers", form(kGoodOffer));
  ASSERT_EQ(r->status, 303) << r->body.substr(0, 800);
  const auto location = r->get_header_value("Location");
  const auto id = id_from(location, "/offers/");
  EXPECT_TRUE(has(location, "?saved=created"));
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM job_offers"), offers_before + 1);
  EXPECT_EQ(scalar("SELECT employer_id FROM job_offers WHERE id = ?", {id}), employer_) << "its own organisation's offer";
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'create' AND entity = 'offers' AND entity_id = ?", {id}), 1);

  auto api = body(get("employer", "/api/v1/offers/" + std::to_string(id)));
  EXPECT_EQ(api["title"], "Développeuse IA");
  EXPECT_EQ(api["required_skills"], nlohmann::json::array({"python", "sql"}));
  EXPECT_EQ(api["nice_skills"], nlohmann::json::array({"docker"}));
  EXPECT_EQ(api["positions"], 2);
  EXPECT_EQ(api["status"], "open");

  r = get("employer", location);
  ASSERT_EQ(r->status, 200);
  EXPECT_TRUE(has(r->body, "data-testid=\"offer-saved\""));
  EXPECT_TRUE(has(r->body, "9\u202f000 – 13\u202f000 MAD"));
  EXPECT_TRUE(has(r->body, "data-testid=\"status-form\""));
  EXPECT_TRUE(has(r->body, "data-testid=\"ranked\""));

  // The list: its offers with hires against positions.
  r = get("employer", "/offers");
  ASSERT_EQ(r->status, 200);
  EXPECT_TRUE(has(r->body, "<tr data-offer=\"" + std::to_string(id) + "\" data-status=\"open\">"));
  EXPECT_TRUE(has(r->body, "data-testid=\"new-offer\""));
  // The home page of an employer lists its offers.
  r = get("employer", "/");
  ASSERT_EQ(r->status, 200);
  EXPECT_TRUE(has(r->body, "<tr data-offer=\"" + std::to_string(id) + "\" data-status=\"open\">"));

  // Closed, then a move the lifecycle refuses (closed → filled): 409, named on the page.
  const std::string status_path = "/offers/" + std::to_string(id) + "/status";
  r = post("employer", status_path, "status=closed");
  ASSERT_EQ(r->status, 303);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM job_offers WHERE id = ? AND status = 'closed'", {id}), 1);
  r = post("employer", status_path, "status=filled");
  ASSERT_EQ(r->status, 409) << r->body.substr(0, 500);
  EXPECT_TRUE(has(r->body, "data-testid=\"status-errors\""));
  EXPECT_TRUE(has(r->body, "« Fermée »"));
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM job_offers WHERE id = ? AND status = 'closed'", {id}), 1);
  r = post("employer", status_path, "status=");
  ASSERT_EQ(r->status, 422);
  EXPECT_TRUE(has(r->body, "Statut : Ce champ est obligatoire."));
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM job_offers WHERE id = ? AND status = 'closed'", {id}), 1);
  // Steering reads offers but neither changes them nor sees the ranked graduates.
  r = get("steering", "/offers/" + std::to_string(id));
  ASSERT_EQ(r->status, 200);
  EXPECT_FALSE(has(r->body, "data-testid=\"status-form\""));
  EXPECT_FALSE(has(r->body, "data-testid=\"ranked\""));
  EXPECT_EQ(post("steering", status_path, "status=open")->status, 403);
  EXPECT_EQ(post("steering", "/offers", form(kGoodOffer))->status, 403);
  EXPECT_EQ(get("operator", "/offers/new")->status, 403);
}

TEST_F(MatchingPages, ABadOfferFormComesBackNamingEachFieldAndWritesNothing) {
  const auto offers_before = scalar("SELECT COUNT(*) FROM job_offers");
  const auto audit_before = scalar("SELECT COUNT(*) FROM audit_log");
  auto r = post("employer", "/offers",
                form({{"title", ""},
                      {"region_code", "06"},
                      {"city", "Rabat"},
                      {"contract_type", "cdd"},
                      {"positions", "1"},
                      {"salary_min_mad", "12000"},
                      {"salary_max_mad", "8000"},
                      {"required_skills", "python"},
                      {"required_skills", "sql"},
                      {"nice_skills", "python"}}));
  ASSERT_EQ(r->status, 422) << r->body.substr(0, 500);
  EXPECT_TRUE(has(r->body, "data-testid=\"offer-errors\""));
  EXPECT_TRUE(has(r->body, "Intitulé : Ce champ est obligatoire."));
  EXPECT_TRUE(has(r->body, "Compétences souhaitées : La compétence « Python » est à la fois requise et souhaitée"));
  EXPECT_TRUE(has(r->body, "Salaire mensuel maximum (MAD) : Le salaire maximum est inférieur au salaire minimum."));
  // Next to each field, and what was typed stays.
  EXPECT_TRUE(has(r->body, "data-error-for=\"title\""));
  EXPECT_TRUE(has(r->body, "data-error-for=\"nice_skills\""));
  EXPECT_TRUE(has(r->body, "data-error-for=\"salary_max_mad\""));
  EXPECT_TRUE(has(r->body, "<tr data-skill=\"python\" class=\"both\" aria-invalid=\"true\">"));
  EXPECT_TRUE(has(r->body, "name=\"required_skills\" value=\"sql\" aria-label=\"Requise : SQL\" checked"));
  EXPECT_TRUE(has(r->body, "name=\"city\" value=\"Rabat\""));
  EXPECT_TRUE(has(r->body, "name=\"salary_min_mad\" value=\"12000\""));
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM job_offers"), offers_before);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit_log"), audit_before);

  // No skill at all; a region and a start date that are not ones; in English.
  r = p_->client().Post("/offers?lang=en", p_->auth("employer"),
                        form({{"title", "Analyst"}, {"region_code", "13"}, {"contract_type", "cdi"}, {"start_date", "soon"}}),
                        kForm);
  ASSERT_EQ(r->status, 422);
  EXPECT_TRUE(has(r->body, "Required skills : Choose at least one skill, required or nice to have."));
  EXPECT_TRUE(has(r->body, "data-error-for=\"region_code\""));
  EXPECT_TRUE(has(r->body, "data-error-for=\"start_date\""));
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM job_offers"), offers_before);
}

TEST_F(MatchingPages, TheGraduateConsentsDeclaresASkillIsRankedContactedAndHired) {
  // Her page: the section, her validated skills, the consent text and its version, no consent yet.
  auto r = get("candidate", candidate_page());
  ASSERT_EQ(r->status, 200);
  EXPECT_TRUE(has(r->body, "data-testid=\"candidate-matching\""));
  EXPECT_TRUE(has(r->body, "data-testid=\"consent-give\""));
  EXPECT_TRUE(has(r->body, "data-version=\"2026-11\""));
  EXPECT_TRUE(has(r->body, "Seul·e·s les diplômé·e·s sont montré·e·s aux employeurs."));
  const auto validated = skills_of_candidate(true);
  ASSERT_GE(validated.size(), 3u) << "the demo graduate has validated skills";

  // She gives her consent and declares a skill she does not hold.
  r = post("candidate", candidate_page() + "/consent", "visible=1");
  ASSERT_EQ(r->status, 303);
  EXPECT_EQ(r->get_header_value("Location"), candidate_page() + "?saved=matching_consent_given#consent");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM consents WHERE candidate_id = ? AND withdrawn_at IS NULL AND text_version = "
                   "'2026-11'",
                   {candidate_}),
            1);
  const std::set<std::string> held(validated.begin(), validated.end());
  std::string declared, missing;
  for (const char* c : {"terraform", "kubernetes", "ansible", "jenkins", "gitlab-ci", "grafana"}) {
    if (held.count(c)) continue;
    if (declared.empty()) declared = c;
    else if (missing.empty()) missing = c;
  }
  ASSERT_FALSE(missing.empty());
  r = post("candidate", candidate_page() + "/skills", "skill_code=" + declared);
  ASSERT_EQ(r->status, 303);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM declared_skills WHERE candidate_id = ? AND skill_code = ?", {candidate_, declared}), 1);
  r = get("candidate", candidate_page() + "?saved=matching_declared");
  EXPECT_TRUE(has(r->body, "data-testid=\"matching-saved\""));
  EXPECT_TRUE(has(r->body, "data-testid=\"consent-given\""));
  EXPECT_TRUE(has(r->body, "<li data-skill=\"" + declared + "\"><span class=\"skill skill-declared\">"));
  // A skill outside the catalogue: refused on her page, nothing written.
  const auto declared_before = scalar("SELECT COUNT(*) FROM declared_skills");
  r = post("candidate", candidate_page() + "/skills", "skill_code=telepathy");
  ASSERT_EQ(r->status, 422);
  EXPECT_TRUE(has(r->body, "data-testid=\"declare-errors\""));
  EXPECT_TRUE(has(r->body, "Compétence : Référence inconnue : telepathy."));
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM declared_skills"), declared_before);
  // Nobody else writes her skills or her consent.
  EXPECT_EQ(post("admin", candidate_page() + "/consent", "visible=0")->status, 403);
  EXPECT_EQ(post("employer", candidate_page() + "/skills", "skill_code=" + missing)->status, 403);

  // The employer posts an offer requiring three of her validated skills, the one she declared and
  // one she lacks.
  std::vector<std::pair<std::string, std::string>> offer = {
      {"title", "Ingénieur·e MLOps"}, {"region_code", "06"}, {"contract_type", "cdi"}, {"positions", "1"},
      {"required_skills", validated[0]}, {"required_skills", validated[1]}, {"required_skills", validated[2]},
      {"required_skills", declared},     {"required_skills", missing}};
  r = post("employer", "/offers", form(offer));
  ASSERT_EQ(r->status, 303) << r->body.substr(0, 800);
  const auto offer_id = id_from(r->get_header_value("Location"), "/offers/");
  const std::string offer_page = "/offers/" + std::to_string(offer_id);

  // Ranked first (she holds four of the five required skills), her missing skill named, nothing
  // that identifies her.
  r = get("employer", offer_page);
  ASSERT_EQ(r->status, 200);
  const auto at = r->body.find("data-candidate=\"" + std::to_string(candidate_) + "\"");
  ASSERT_NE(at, std::string::npos) << "she is ranked";
  const auto row = r->body.substr(at, r->body.find("</li>", at) - at);
  EXPECT_TRUE(has(row, "data-score=\"80\"")) << row;
  EXPECT_TRUE(has(row, ">" + first_name_ + " " + last_name_.substr(0, 1) + ".<"));
  EXPECT_TRUE(has(row, "class=\"skill skill-missing\" data-skill=\"" + missing + "\""));
  EXPECT_TRUE(has(row, "class=\"skill skill-ok\" data-skill=\"" + declared + "\""));
  EXPECT_TRUE(has(row, "data-testid=\"contact-form\""));
  for (const auto& secret : {cin_, birth_date_, email_, last_name_})
    EXPECT_FALSE(has(r->body, secret)) << "the offer page shows " << secret << " before she accepts";
  // Same region only keeps her only if she lives there (or the offer is remote).
  r = get("employer", offer_page + "?same_region=1");
  ASSERT_EQ(r->status, 200);
  const bool in_region = scalar("SELECT COUNT(*) FROM candidates WHERE id = ? AND region_code = '06'", {candidate_}) == 1;
  EXPECT_EQ(has(r->body, "data-candidate=\"" + std::to_string(candidate_) + "\""), in_region);

  // No hire before she accepts; the employer asks her once.
  const std::string hire_form = form({{"candidate_id", std::to_string(candidate_)}, {"start_date", "2026-12-01"},
                                      {"contract_type", ""}, {"monthly_salary_mad", "9500"}});
  r = post("employer", offer_page + "/hires", hire_form);
  EXPECT_EQ(r->status, 404) << "no contact request yet";
  r = post("employer", offer_page + "/contacts",
           form({{"candidate_id", std::to_string(candidate_)}, {"message", "Votre profil nous intéresse."}}));
  ASSERT_EQ(r->status, 303);
  EXPECT_EQ(r->get_header_value("Location"),
            offer_page + "?saved=contact#learner-" + std::to_string(candidate_));
  r = post("employer", offer_page + "/contacts", form({{"candidate_id", std::to_string(candidate_)}, {"message", ""}}));
  ASSERT_EQ(r->status, 409);
  EXPECT_TRUE(has(r->body, "Une demande de contact a déjà été envoyée"));
  r = post("employer", offer_page + "/hires", hire_form);
  ASSERT_EQ(r->status, 409);
  EXPECT_TRUE(has(r->body, "data-testid=\"learner-errors\""));
  EXPECT_TRUE(has(r->body, "acceptation de la demande de contact"));
  r = get("employer", offer_page);
  EXPECT_TRUE(has(r->body, "data-contact=\"pending\""));
  EXPECT_FALSE(has(r->body, email_));

  // She accepts from her page.
  r = get("candidate", candidate_page());
  const auto request_id = scalar("SELECT id FROM contact_requests WHERE offer_id = ? AND candidate_id = ?", {offer_id, candidate_});
  EXPECT_TRUE(has(r->body, "<li data-request=\"" + std::to_string(request_id) + "\" data-status=\"pending\">"));
  EXPECT_TRUE(has(r->body, "Votre profil nous intéresse."));
  EXPECT_TRUE(has(r->body, "data-testid=\"accept-form\""));
  r = post("candidate", candidate_page() + "/contacts", form({{"request_id", std::to_string(request_id)}, {"accept", "1"}}));
  ASSERT_EQ(r->status, 303);
  EXPECT_EQ(r->get_header_value("Location"), candidate_page() + "?saved=matching_contact_accepted#contacts");
  r = post("candidate", candidate_page() + "/contacts", form({{"request_id", std::to_string(request_id)}, {"accept", "0"}}));
  ASSERT_EQ(r->status, 409);
  EXPECT_TRUE(has(r->body, "Vous avez déjà répondu à cette demande de contact."));

  // Now the employer sees her name, e-mail and phone (never her CIN or birth date), and hires her.
  r = get("employer", offer_page);
  EXPECT_TRUE(has(r->body, first_name_ + " " + last_name_));
  EXPECT_TRUE(has(r->body, email_));
  EXPECT_TRUE(has(r->body, "data-testid=\"contact-details\""));
  EXPECT_FALSE(has(r->body, cin_));
  EXPECT_FALSE(has(r->body, birth_date_));
  EXPECT_TRUE(has(r->body, "data-testid=\"hire-form\""));
  EXPECT_TRUE(has(r->body, "<option value=\"cdi\" selected>")) << "the offer's contract by default";
  r = post("employer", offer_page + "/hires",
           form({{"candidate_id", std::to_string(candidate_)}, {"start_date", "plus tard"}, {"contract_type", "cdi"},
                 {"monthly_salary_mad", "9500"}}));
  ASSERT_EQ(r->status, 422);
  EXPECT_TRUE(has(r->body, "Début : Date invalide"));
  const auto placements_before = scalar("SELECT COUNT(*) FROM placements");
  r = post("employer", offer_page + "/hires",
           form({{"candidate_id", std::to_string(candidate_)}, {"start_date", "2026-12-01"}, {"contract_type", "cdi"},
                 {"monthly_salary_mad", "9500,50"}}));
  ASSERT_EQ(r->status, 303) << r->body.substr(0, 800);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM placements"), placements_before + 1);
  auto placements = body(get("admin", "/api/v1/placements?candidate=" + std::to_string(candidate_)));
  bool found = false;
  for (const auto& pl : placements["items"])
    if (pl["job_title"] == "Ingénieur·e MLOps" && pl["start_date"] == "2026-12-01" && pl["contract_type"] == "cdi") {
      found = true;
      EXPECT_EQ(pl["employer_name"], "Atlas Soft Services");
      EXPECT_DOUBLE_EQ(pl["monthly_salary_mad"].get<double>(), 9500.5);
    }
  EXPECT_TRUE(found) << placements.dump();
  r = get("employer", offer_page);
  EXPECT_TRUE(has(r->body, "data-hired=\"true\""));
  EXPECT_FALSE(has(r->body, "data-testid=\"hire-form\""));
  EXPECT_TRUE(has(r->body, "<bdi dir=\"ltr\" data-testid=\"hires\">1 / 1</bdi>"));
  EXPECT_TRUE(has(r->body, "data-status=\"filled\"")) << "its one position is filled";

  // In Arabic, right to left, both pages.
  r = get("employer", offer_page + "?lang=ar");
  ASSERT_EQ(r->status, 200);
  EXPECT_TRUE(has(r->body, "dir=\"rtl\""));
  EXPECT_TRUE(has(r->body, "الخريجون المطابقون للعرض"));
  r = get("candidate", candidate_page() + "?lang=ar");
  EXPECT_TRUE(has(r->body, "dir=\"rtl\""));
  EXPECT_TRUE(has(r->body, "الظهور لدى المشغلين"));

  // She withdraws her consent; she is no longer ranked.
  r = post("candidate", candidate_page() + "/consent", "visible=0");
  ASSERT_EQ(r->status, 303);
  r = get("employer", offer_page);
  EXPECT_FALSE(has(r->body, "data-candidate=\"" + std::to_string(candidate_) + "\""));
}

TEST_F(MatchingPages, TheSectionIsHersAndTheOfficesOnly) {
  auto r = get("admin", candidate_page());
  ASSERT_EQ(r->status, 200);
  EXPECT_TRUE(has(r->body, "data-testid=\"candidate-matching\""));
  EXPECT_FALSE(has(r->body, "data-testid=\"consent-form\"")) << "only she gives or withdraws it";
  EXPECT_FALSE(has(r->body, "data-testid=\"declare-form\""));
  r = get("operator", candidate_page());
  ASSERT_EQ(r->status, 200);
  EXPECT_FALSE(has(r->body, "data-testid=\"candidate-matching\""));
  EXPECT_EQ(get("steering", candidate_page())->status, 403) << "steering sees no one's record";
}

TEST_F(MatchingPages, SupplyAndDemandIsForTheOfficeAndSteering) {
  auto r = get("steering", "/supply-demand");
  ASSERT_EQ(r->status, 200);
  EXPECT_TRUE(has(r->body, "data-testid=\"by-skill\""));
  EXPECT_TRUE(has(r->body, "data-testid=\"by-region\""));
  EXPECT_TRUE(has(r->body, "class=\"gap-bar\"")) << "the gaps are drawn";
  EXPECT_TRUE(has(r->body, "<svg")) << "the chart of the largest gaps";
  EXPECT_TRUE(has(r->body, "href=\"/supply-demand\" data-nav=\"supply_demand\"")) << "in steering's navigation";
  EXPECT_EQ(get("admin", "/supply-demand?region=06")->status, 200);
  r = get("steering", "/supply-demand?region=99");
  EXPECT_EQ(r->status, 422);
  EXPECT_TRUE(has(r->body, "data-testid=\"filter-errors\""));
  EXPECT_EQ(get("employer", "/supply-demand")->status, 403);
  EXPECT_EQ(get("operator", "/supply-demand")->status, 403);
  EXPECT_EQ(get("candidate", "/supply-demand")->status, 403);
  r = get("steering", "/supply-demand?lang=ar");
  ASSERT_EQ(r->status, 200);
  EXPECT_TRUE(has(r->body, "dir=\"rtl\""));
}

TEST_F(MatchingPages, TheEmployerKeepsItsCompanyProfile) {
  auto r = get("employer", "/organisation");
  ASSERT_EQ(r->status, 200);
  EXPECT_TRUE(has(r->body, "data-testid=\"profile-form\""));
  EXPECT_TRUE(has(r->body, "href=\"/organisation\" data-nav=\"organisation\""));
  const std::vector<std::pair<std::string, std::string>> good = {
      {"name", "Atlas Soft Services"}, {"region_code", "06"}, {"description", "Éditeur de logiciels."},
      {"website", "https://atlas-soft.ma"}, {"contact_name", "Nadia Berrada"},
      {"contact_email", "rh@atlas-soft.ma"}, {"contact_phone", "0612345678"}};
  auto bad = good;
  bad[5].second = "pas-une-adresse";
  r = post("employer", "/organisation", form(bad));
  ASSERT_EQ(r->status, 422);
  EXPECT_TRUE(has(r->body, "E-mail de contact : Adresse e-mail invalide."));
  EXPECT_TRUE(has(r->body, "value=\"pas-une-adresse\""));
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM organisations WHERE id = ? AND contact_name = 'Nadia Berrada'", {employer_}), 0);
  r = post("employer", "/organisation", form(good));
  ASSERT_EQ(r->status, 303);
  EXPECT_EQ(r->get_header_value("Location"), "/organisation?saved=profile");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM organisations WHERE id = ? AND contact_name = 'Nadia Berrada' AND "
                   "contact_email = 'rh@atlas-soft.ma' AND website = 'https://atlas-soft.ma'",
                   {employer_}),
            1);
  EXPECT_EQ(get("steering", "/organisation")->status, 403);
  EXPECT_EQ(post("candidate", "/organisation", form(good))->status, 403);
}

}  // namespace

}  // namespace jobintech::testing
