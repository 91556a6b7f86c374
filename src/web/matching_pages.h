// The pages of employers' demand and matching (docs/matching.md), and what their files share:
//  - web/offer_pages.cpp: an employer's offers, the offer form, an offer's page with its ranked
//    consenting graduates, contact requests and hires, and the employer's company profile;
//  - web/learner_matching_pages.cpp: the "Jobs" section of a learner's own page (her skills,
//    her consent to be seen by employers, the requests she received, the offers recommended to
//    her) and the forms it posts;
//  - web/supply_demand_pages.cpp: open positions against graduates per skill and region.
// Every page reads and writes through app::MatchingService and app::ResourceService, so it shows
// and does exactly what the API lets the same user see and do. Forms post back to pages, which
// answer 303 after a success and show the refused form again (422, or 409 for a conflict) with
// each message next to its field; nothing needs a script. Thread-safe: the skill catalogue is
// read once and never changes.
#pragma once

#include <httplib.h>

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/field_error.h"
#include "web/http_support.h"
#include "web/services.h"

namespace jobintech::web {

class Router;

// The candidate page's matching section for her and for the programme office (null for anyone
// else: the section is then left out, without an error). `refused` is what the candidate page
// received from a refused form; {"matching_refused": ...} is one of ours, anything else is ignored.
nlohmann::json matching_section(Services& s, const httplib::Request& req, const RequestContext& ctx,
                                std::int64_t candidate_id, const nlohmann::json& refused);

// The list of offers the user may read (GET /offers), filtered by the query's status and region,
// a page at a time; it is also an employer's home page.
void render_offers_list(Services& s, const httplib::Request& req, httplib::Response& res, const RequestContext& ctx);

// A skill of the catalogue (data/skills.csv, which programme setup loads into the skills table
// at every start, so the two never differ): its names and its group.
struct CatalogueSkill {
  std::string code, group, name_fr, name_ar, name_en;
  const std::string& name(const std::string& lang) const;
};

class SkillCatalogue {
 public:
  // Throws std::runtime_error when the file cannot be read.
  static const SkillCatalogue& global();

  const CatalogueSkill* find(const std::string& code) const;
  // The skill's name in the language, or the code itself when the catalogue does not know it.
  std::string name(const std::string& code, const std::string& lang) const;
  const std::vector<CatalogueSkill>& skills() const { return skills_; }  // by group, then as in the file
  const std::vector<std::string>& groups() const { return groups_; }     // in order of first appearance

 private:
  std::vector<CatalogueSkill> skills_;
  std::vector<std::string> groups_;
  std::map<std::string, std::size_t> by_code_;
};

// [{code, name}] for a list of codes, sorted by name in the language.
nlohmann::json skill_names(const std::vector<std::string>& codes, const std::string& lang);

// A score (0..1) as a whole percentage: "100 %".
std::string percent_text(double score, const std::string& lang);

// Refused fields for a form: {"errors": ["Field : message", ...], "has_errors", "fields": {name:
// message}}. Fields are named as field.NAME labels them (the name itself when there is no label).
nlohmann::json refusal_json(const core::FieldErrors& errors, const std::string& lang);

// A form field for a template: {"value", "invalid", "error"}.
nlohmann::json form_field(const std::string& value, const nlohmann::json& refusal, const std::string& name);

void register_offer_page_routes(Router& router, Services& s);
void register_learner_matching_page_routes(Router& router, Services& s);
void register_supply_demand_page_routes(Router& router, Services& s);

}  // namespace jobintech::web
