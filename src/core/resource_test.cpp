#include "core/resource.h"

#include <gtest/gtest.h>

namespace jobintech::core {

namespace {
bool has_error(const FieldErrors& errors, const std::string& field, const std::string& code) {
  for (const auto& e : errors)
    if (e.field == field && e.code == code) return true;
  return false;
}
}  // namespace

TEST(ParseInput, CandidateFromSpreadsheetNormalises) {
  Record raw{{"cin", std::string("bk123456")}, {"first_name", std::string(" Salma ")},
             {"last_name", std::string("Idrissi")}, {"gender", std::string("f")},
             {"birth_date", std::string("03/04/2001")}, {"region_code", std::string("6")},
             {"email", std::string("")}, {"phone", std::string("0612345678")},
             {"education_level", std::string("BAC3")}};
  auto p = parse_input(resource("candidates"), raw, InputMode::create, InputSource::spreadsheet);
  ASSERT_TRUE(p.errors.empty()) << p.errors.front().field << " " << p.errors.front().code;
  EXPECT_EQ(std::get<std::string>(p.values["cin"]), "BK123456");
  EXPECT_EQ(std::get<std::string>(p.values["first_name"]), "Salma");
  EXPECT_EQ(std::get<std::string>(p.values["gender"]), "F");
  EXPECT_EQ(std::get<std::string>(p.values["birth_date"]), "2001-04-03");
  EXPECT_EQ(std::get<std::string>(p.values["region_code"]), "06");
  EXPECT_TRUE(is_null(p.values["email"]));
  EXPECT_EQ(std::get<std::string>(p.values["education_level"]), "bac3");
}

TEST(ParseInput, ReportsEveryBadFieldByName) {
  Record raw{{"cin", std::string("123")}, {"gender", std::string("X")}, {"birth_date", std::string("2001-02-30")},
             {"nickname", std::string("x")}, {"region_code", std::string("13")}};
  auto p = parse_input(resource("candidates"), raw, InputMode::create, InputSource::json);
  EXPECT_TRUE(has_error(p.errors, "cin", "cin_format"));
  EXPECT_TRUE(has_error(p.errors, "gender", "not_in_choices"));
  EXPECT_TRUE(has_error(p.errors, "birth_date", "date_format"));
  EXPECT_TRUE(has_error(p.errors, "nickname", "unknown_field"));
  EXPECT_TRUE(has_error(p.errors, "region_code", "region_unknown"));
  EXPECT_TRUE(has_error(p.errors, "first_name", "required"));
  EXPECT_TRUE(has_error(p.errors, "education_level", "required"));
}

TEST(ParseInput, JsonIsStrictAboutTypes) {
  auto p = parse_input(resource("cohorts"), {{"capacity", std::string("20")}}, InputMode::update, InputSource::json);
  EXPECT_TRUE(has_error(p.errors, "capacity", "integer_format"));
  p = parse_input(resource("cohorts"), {{"capacity", std::int64_t{0}}}, InputMode::update, InputSource::json);
  EXPECT_TRUE(has_error(p.errors, "capacity", "too_small"));
  p = parse_input(resource("cohorts"), {{"id", std::int64_t{3}}}, InputMode::update, InputSource::json);
  EXPECT_TRUE(has_error(p.errors, "id", "read_only"));
}

TEST(ParseInput, CohortReservesMayNotExceedCapacity) {
  const auto& spec = resource("cohorts");
  FieldErrors errors;
  spec.check_record({{"capacity", std::int64_t{20}}, {"reserved_women", std::int64_t{15}}, {"reserved_local", std::int64_t{6}},
                     {"start_date", std::string("2025-01-01")}, {"end_date", std::string("2024-12-31")}},
                    errors);
  EXPECT_TRUE(has_error(errors, "reserved_women", "reserves_exceed_capacity"));
  EXPECT_TRUE(has_error(errors, "end_date", "end_before_start"));
}

TEST(Resources, PersonalFieldsAreMarked) {
  const auto& c = resource("candidates");
  for (const char* f : {"cin", "first_name", "last_name", "birth_date", "email", "phone"}) EXPECT_TRUE(c.field(f)->personal) << f;
  for (const char* f : {"gender", "region_code", "education_level"}) EXPECT_FALSE(c.field(f)->personal) << f;
}

}  // namespace jobintech::core
