#include "io/csv_writer.h"

#include <gtest/gtest.h>

#include <sstream>

#include "io/csv_reader.h"

namespace jobintech::io {
namespace {

std::string write(const std::vector<std::vector<std::string>>& rows, CsvWriterOptions options = {}) {
  std::ostringstream out;
  CsvWriter writer(out, options);
  for (const auto& row : rows) writer.write_row(row);
  return out.str();
}

TEST(CsvWriter, DefaultsToBomSemicolonAndCrlf) {
  EXPECT_EQ(write({{"code", "ville"}, {"A", "Fès"}}), "\xEF\xBB\xBF" "code;ville\r\nA;Fès\r\n");
}

TEST(CsvWriter, BomIsWrittenEvenWithoutRows) { EXPECT_EQ(write({}), "\xEF\xBB\xBF"); }

TEST(CsvWriter, OptionsWithoutBomAndWithComma) {
  EXPECT_EQ(write({{"a", "b;c", "d,e"}}, {.separator = ',', .bom = false}), "a,b;c,\"d,e\"\r\n");
}

TEST(CsvWriter, QuotesSeparatorQuoteAndLineEnds) {
  EXPECT_EQ(write({{"x;y", "say \"hi\"", "two\nlines", "cr\rhere", "", "plain"}}, {.bom = false}),
            "\"x;y\";\"say \"\"hi\"\"\";\"two\nlines\";\"cr\rhere\";;plain\r\n");
}

TEST(CsvWriter, DefusesFormulas) {
  EXPECT_EQ(write({{"=1+1", "+cmd", "-2+3", "@SUM(A1)", "\t=1", "=\"x\""}}, {.bom = false}),
            "\"'=1+1\";\"'+cmd\";\"'-2+3\";\"'@SUM(A1)\";\"'\t=1\";\"'=\"\"x\"\"\"\r\n");
}

TEST(CsvWriter, LeavesPlainNumbersAlone) {
  EXPECT_EQ(write({{"-12", "-3,5", "+4.25", "-", "-1e5", "a=b"}}, {.bom = false}),
            "-12;-3,5;+4.25;\"'-\";\"'-1e5\";a=b\r\n");
}

TEST(CsvWriter, ArabicPassesThrough) {
  EXPECT_EQ(write({{"الدار البيضاء"}}, {.bom = false}), "الدار البيضاء\r\n");
}

TEST(CsvWriter, ReaderReadsBackWhatWriterWrote) {
  const std::vector<std::vector<std::string>> rows = {
      {"code", "note"}, {"A", "multi\nline; with \"quotes\""}, {"B", "الرباط"}};
  auto parsed = parse_csv(write(rows));
  ASSERT_TRUE(parsed.errors.empty());
  ASSERT_TRUE(parsed.table.has_value());
  EXPECT_EQ(parsed.table->encoding, Encoding::utf8_bom);
  EXPECT_EQ(parsed.table->separator, ';');
  ASSERT_EQ(parsed.table->rows.size(), 2u);
  EXPECT_EQ(parsed.table->rows[0].fields, rows[1]);
  EXPECT_EQ(parsed.table->rows[1].fields, rows[2]);
  EXPECT_EQ(parsed.table->rows[1].line, 4u);
}

}  // namespace
}  // namespace jobintech::io
