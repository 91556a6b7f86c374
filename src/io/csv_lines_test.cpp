// CsvLines: records, physical lines and quoting as spreadsheets write them.
#include "io/csv_lines.h"

#include <gtest/gtest.h>

namespace jobintech::io {
namespace {

std::vector<std::vector<std::string>> all(CsvLines& lines, std::vector<std::size_t>* numbers = nullptr) {
  std::vector<std::vector<std::string>> rows;
  while (lines.next()) {
    rows.emplace_back(lines.fields().begin(), lines.fields().end());
    if (numbers) numbers->push_back(lines.line());
  }
  return rows;
}

TEST(CsvLines, PlainCommaFile) {
  CsvLines lines("a,b,c\n1,2,3\n4,,6");
  std::vector<std::size_t> numbers;
  const auto rows = all(lines, &numbers);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1], (std::vector<std::string>{"1", "2", "3"}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"4", "", "6"}));
  EXPECT_EQ(numbers, (std::vector<std::size_t>{1, 2, 3}));
  EXPECT_EQ(lines.separator(), ',');
}

TEST(CsvLines, ExcelSemicolonsBomCrlfAndBlankLines) {
  CsvLines lines(
      "\xEF\xBB\xBF"
      "id;score\r\n1;71,5\r\n\r\n;\r\n2;70\r\n");
  std::vector<std::size_t> numbers;
  const auto rows = all(lines, &numbers);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"id", "score"}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"1", "71,5"}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"2", "70"}));
  EXPECT_EQ(numbers, (std::vector<std::size_t>{1, 2, 5}));
  EXPECT_EQ(lines.separator(), ';');
}

TEST(CsvLines, QuotedFieldsWithSeparatorsQuotesAndLineBreaks) {
  CsvLines lines("name,note\n\"Ait, Said\",\"he said \"\"yes\"\"\"\n\"two\nlines\",x\nlast,row\n");
  std::vector<std::size_t> numbers;
  const auto rows = all(lines, &numbers);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[1], (std::vector<std::string>{"Ait, Said", "he said \"yes\""}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"two\nlines", "x"}));
  EXPECT_EQ(numbers, (std::vector<std::size_t>{1, 2, 3, 5}));
}

TEST(CsvLines, UnterminatedQuoteStopsWithItsLine) {
  CsvLines lines("a,b\n1,2\n\"open,3\n4,5\n");
  EXPECT_TRUE(lines.next());
  EXPECT_TRUE(lines.next());
  EXPECT_FALSE(lines.next());
  EXPECT_TRUE(lines.unterminated_quote());
  EXPECT_EQ(lines.line(), 3u);
}

TEST(CsvLines, EmptyInput) {
  CsvLines lines("");
  EXPECT_FALSE(lines.next());
  EXPECT_FALSE(lines.unterminated_quote());
}

}  // namespace
}  // namespace jobintech::io
