#include "io/xlsx_writer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

namespace jobintech::io {
namespace {

namespace fs = std::filesystem;

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class XlsxWriter : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("jobintech_xlsx_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                                        "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(XlsxWriter, WritesAZipWorkbook) {
  const auto path = dir_ / "cohorts.xlsx";
  XlsxWorkbook book(path.string());
  auto sheet = book.add_sheet("cohorts");
  book.write_header(sheet, {std::string("code"), std::string("ville"), std::string("capacité"), std::monostate{}});
  book.write_row(sheet, 1, {std::string("=HYPERLINK(\"x\")"), std::string("الرباط"), std::int64_t{25}, 71.5});
  book.write_row(sheet, 2, {std::string("B"), std::monostate{}, std::int64_t{9'007'199'254'740'993}, 0.0});
  EXPECT_FALSE(fs::exists(path));  // nothing appears before close()
  book.close();
  const std::string bytes = read_bytes(path);
  ASSERT_GT(bytes.size(), 4u);
  EXPECT_EQ(bytes.substr(0, 2), "PK");
  EXPECT_NE(bytes.find("xl/worksheets/sheet1.xml"), std::string::npos);
  book.close();  // a second close does nothing
}

TEST_F(XlsxWriter, DestroyedWithoutCloseWritesNothing) {
  const auto path = dir_ / "abandoned.xlsx";
  {
    XlsxWorkbook book(path.string());
    auto sheet = book.add_sheet("x");
    book.write_row(sheet, 0, {std::string("a")});
  }
  EXPECT_FALSE(fs::exists(path));
}

TEST_F(XlsxWriter, MissingDirectoryThrowsNamingTheFile) {
  const std::string path = (dir_ / "no-such-dir" / "export.xlsx").string();
  XlsxWorkbook book(path);
  book.add_sheet("x");
  try {
    book.close();
    FAIL() << "expected an exception";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
  }
}

TEST_F(XlsxWriter, RowPastExcelLimitThrows) {
  XlsxWorkbook book((dir_ / "big.xlsx").string());
  auto sheet = book.add_sheet("x");
  EXPECT_THROW(book.write_row(sheet, 1'048'576, {std::string("a")}), std::runtime_error);
}

TEST(XlsxSheetName, FollowsExcelRules) {
  EXPECT_EQ(sanitize_sheet_name("cohorts"), "cohorts");
  EXPECT_EQ(sanitize_sheet_name("a[b]:c*d?e/f\\g"), "a_b__c_d_e_f_g");
  EXPECT_EQ(sanitize_sheet_name("'quoted'"), "quoted");
  EXPECT_EQ(sanitize_sheet_name(""), "Sheet");
  EXPECT_EQ(sanitize_sheet_name("''"), "Sheet");
  EXPECT_EQ(sanitize_sheet_name("History"), "History_");
  EXPECT_EQ(sanitize_sheet_name(std::string(40, 'x')), std::string(31, 'x'));
  const std::string arabic = "المترشحون حسب الجهة والمسار التكويني";  // 36 characters
  const std::string cut = sanitize_sheet_name(arabic);
  EXPECT_EQ(cut, arabic.substr(0, cut.size()));
  EXPECT_EQ(cut, "المترشحون حسب الجهة والمسار الت");  // 31 characters, cut between letters
}

TEST_F(XlsxWriter, DuplicateSheetNamesAreNumbered) {
  XlsxWorkbook book((dir_ / "dup.xlsx").string());
  EXPECT_EQ(book.add_sheet("Cohorts").name(), "Cohorts");
  EXPECT_EQ(book.add_sheet("cohorts").name(), "cohorts (2)");
  EXPECT_EQ(book.add_sheet(std::string(31, 'y')).name(), std::string(31, 'y'));
  EXPECT_EQ(book.add_sheet(std::string(35, 'y')).name(), std::string(27, 'y') + " (2)");
  book.close();
}

}  // namespace
}  // namespace jobintech::io
