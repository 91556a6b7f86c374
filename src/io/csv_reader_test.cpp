#include "io/csv_reader.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace jobintech::io {
namespace {

using Fields = std::vector<std::string>;

CsvTable parse_ok(std::string_view bytes) {
  auto result = parse_csv(bytes);
  EXPECT_TRUE(result.errors.empty()) << result.errors.front().code << " line " << result.errors.front().line;
  EXPECT_TRUE(result.table.has_value());
  return result.table.value_or(CsvTable{});
}

TEST(CsvReader, DetectsSemicolon) {
  auto t = parse_ok("code;nom;score\nA1;Fès, Maroc;71,5\n");
  EXPECT_EQ(t.separator, ';');
  EXPECT_EQ(t.header, (Fields{"code", "nom", "score"}));
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0].fields, (Fields{"A1", "Fès, Maroc", "71,5"}));
  EXPECT_EQ(t.rows[0].line, 2u);
  EXPECT_EQ(t.encoding, Encoding::utf8);
}

TEST(CsvReader, DetectsComma) {
  auto t = parse_ok("code,name\nA1,x;y\n");
  EXPECT_EQ(t.separator, ',');
  EXPECT_EQ(t.rows[0].fields, (Fields{"A1", "x;y"}));
}

TEST(CsvReader, DetectsTab) {
  auto t = parse_ok("a\tb\n1\t2\n");
  EXPECT_EQ(t.separator, '\t');
  EXPECT_EQ(t.rows[0].fields, (Fields{"1", "2"}));
}

TEST(CsvReader, SeparatorsInsideQuotedHeaderAreNotCounted) {
  auto t = parse_ok("\"a;b;c\",d\n1,2\n");
  EXPECT_EQ(t.separator, ',');
  EXPECT_EQ(t.header, (Fields{"a;b;c", "d"}));
}

TEST(CsvReader, OneColumnFileDefaultsToSemicolon) {
  auto t = parse_ok("name\nBen Ali, Karim\n");
  EXPECT_EQ(t.separator, ';');
  EXPECT_EQ(t.rows[0].fields, (Fields{"Ben Ali, Karim"}));
}

TEST(CsvReader, HeaderIsTrimmedAndLowerCased) {
  auto t = parse_ok(" Code ;PRÉNOM\t;Nom\n1;2;3\n");
  EXPECT_EQ(t.header, (Fields{"code", "prénom", "nom"}));
  EXPECT_EQ(t.column("prénom"), 1u);
  EXPECT_EQ(t.column("NOM"), 2u);
  EXPECT_EQ(t.column("missing"), std::nullopt);
}

TEST(CsvReader, FieldsAreNotTrimmed) {
  auto t = parse_ok("a;b\n  x ; y\n");
  EXPECT_EQ(t.rows[0].fields, (Fields{"  x ", " y"}));
}

TEST(CsvReader, StripsUtf8Bom) {
  auto t = parse_ok("\xEF\xBB\xBF" "code;ville\nA;Fès\n");
  EXPECT_EQ(t.encoding, Encoding::utf8_bom);
  EXPECT_EQ(t.header[0], "code");
  EXPECT_EQ(t.rows[0].fields[1], "Fès");
}

TEST(CsvReader, ConvertsWindows1252) {
  auto t = parse_ok("ville;voisine\nF\xE8s;B\xE9ni\n");  // "Fès;Béni" as French Excel saves it
  EXPECT_EQ(t.encoding, Encoding::windows_1252);
  EXPECT_EQ(t.rows[0].fields, (Fields{"Fès", "Béni"}));
}

TEST(CsvReader, Windows1252HighControlRange) {
  EXPECT_EQ(windows_1252_to_utf8("\x80"), "€");
  EXPECT_EQ(windows_1252_to_utf8("l\x92\x9C" "uvre"), "l’œuvre");
  EXPECT_EQ(windows_1252_to_utf8("\x8C\x9F\x85"), "ŒŸ…");
  EXPECT_EQ(windows_1252_to_utf8("\x81\x8D\x8F\x90\x9D"), "\u0081\u008D\u008F\u0090\u009D");
  EXPECT_EQ(windows_1252_to_utf8("\xA0\xFF"), "\u00A0ÿ");
}

TEST(CsvReader, ValidatesUtf8Strictly) {
  EXPECT_TRUE(is_valid_utf8("plain ascii text, long enough for the fast path"));
  EXPECT_TRUE(is_valid_utf8("Fès الدار البيضاء 😀"));
  EXPECT_FALSE(is_valid_utf8("F\xE8s"));
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(is_valid_utf8("abc\xE2\x82"));       // truncated
}

TEST(CsvReader, ArabicPassesThroughUnchanged) {
  const std::string arabic = "الدار البيضاء";
  auto t = parse_ok("code;ville\nA;" + arabic + "\n");
  EXPECT_EQ(t.encoding, Encoding::utf8);
  EXPECT_EQ(t.rows[0].fields[1], arabic);
}

TEST(CsvReader, QuotedFieldsWithSeparatorsNewlinesAndQuotes) {
  auto t = parse_ok(
      "a;b;c\n"
      "\"x;y\";\"he said \"\"hi\"\"\";\"two\nlines\"\n"
      "\"three\r\nlines\nhere\";2;3\n"
      "last;\"\";z\n");
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[0].fields, (Fields{"x;y", "he said \"hi\"", "two\nlines"}));
  EXPECT_EQ(t.rows[0].line, 2u);
  EXPECT_EQ(t.rows[1].fields, (Fields{"three\r\nlines\nhere", "2", "3"}));
  EXPECT_EQ(t.rows[1].line, 4u);
  EXPECT_EQ(t.rows[2].fields, (Fields{"last", "", "z"}));
  EXPECT_EQ(t.rows[2].line, 7u);
}

TEST(CsvReader, LenientQuotesAsExcelReadsThem) {
  auto t = parse_ok("a;b\nO\"Brien;\"ab\"c\n");
  EXPECT_EQ(t.rows[0].fields, (Fields{"O\"Brien", "abc"}));
}

TEST(CsvReader, CrlfAndCrLineEnds) {
  auto crlf = parse_ok("a;b\r\n1;2\r\n3;4\r\n");
  ASSERT_EQ(crlf.rows.size(), 2u);
  EXPECT_EQ(crlf.rows[1].fields, (Fields{"3", "4"}));
  EXPECT_EQ(crlf.rows[1].line, 3u);
  auto cr = parse_ok("a;b\r1;2\r3;4");
  ASSERT_EQ(cr.rows.size(), 2u);
  EXPECT_EQ(cr.rows[1].fields, (Fields{"3", "4"}));
  EXPECT_EQ(cr.rows[1].line, 3u);
}

TEST(CsvReader, EmptyLinesAndTrailingLineEndsAreSkipped) {
  auto t = parse_ok("a;b\r\n1;2\r\n\r\n3;4\r\n;\r\n\r\n");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[1].line, 4u);
  EXPECT_EQ(parse_ok("a;b\n1;2").rows.size(), 1u);  // no final line end
}

TEST(CsvReader, HeaderOnlyHasNoRows) {
  auto t = parse_ok("a;b\n");
  EXPECT_EQ(t.header.size(), 2u);
  EXPECT_TRUE(t.rows.empty());
}

TEST(CsvReader, EmptyFile) {
  for (std::string_view bytes : {std::string_view(""), std::string_view("\xEF\xBB\xBF"), std::string_view("\r\n\n")}) {
    auto result = parse_csv(bytes);
    EXPECT_FALSE(result.table.has_value());
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_EQ(result.errors[0].code, "empty_file");
    EXPECT_EQ(result.errors[0].line, 0u);
  }
}

TEST(CsvReader, Utf16IsRefused) {
  auto result = parse_csv(std::string_view("\xFF\xFE" "a\0;\0b\0", 8));
  EXPECT_FALSE(result.table.has_value());
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].code, "unsupported_encoding");
}

TEST(CsvReader, UnterminatedQuoteReportsItsLine) {
  auto result = parse_csv("a;b\n1;2\n3;\"open\n4;5\n6;7\n");
  ASSERT_TRUE(result.table.has_value());
  EXPECT_EQ(result.table->rows.size(), 1u);  // the rows before it
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].code, "unterminated_quote");
  EXPECT_EQ(result.errors[0].line, 3u);
}

TEST(CsvReader, UnterminatedQuoteInHeader) {
  auto result = parse_csv("\"a;b\n1;2\n");
  EXPECT_FALSE(result.table.has_value());
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].code, "unterminated_quote");
  EXPECT_EQ(result.errors[0].line, 1u);
}

TEST(CsvReader, FieldCountErrorsListEachBadLine) {
  auto result = parse_csv("a;b;c\n1;2;3\n1;2\n\"multi\nline\";2;3\n1;2;3;4\n7;8;9\n");
  ASSERT_TRUE(result.table.has_value());
  ASSERT_EQ(result.errors.size(), 2u);
  EXPECT_EQ(result.errors[0].line, 3u);
  EXPECT_EQ(result.errors[0].code, "field_count");
  EXPECT_EQ(result.errors[0].detail, "expected 3, got 2");
  EXPECT_EQ(result.errors[1].line, 6u);
  EXPECT_EQ(result.errors[1].detail, "expected 3, got 4");
  // Only well-formed rows are kept, so every row can be indexed by the header.
  ASSERT_EQ(result.table->rows.size(), 3u);
  EXPECT_EQ(result.table->rows[1].line, 4u);
  EXPECT_EQ(result.table->rows[2].line, 7u);
}

TEST(CsvReader, DuplicateColumnIsReported) {
  auto result = parse_csv("code;Code;name\n1;2;3\n");
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].code, "duplicate_column");
  EXPECT_EQ(result.errors[0].line, 1u);
  EXPECT_EQ(result.table->column("code"), 0u);
}

TEST(CsvReader, EncodingNames) {
  EXPECT_STREQ(encoding_name(Encoding::utf8), "UTF-8");
  EXPECT_STREQ(encoding_name(Encoding::utf8_bom), "UTF-8 (BOM)");
  EXPECT_STREQ(encoding_name(Encoding::windows_1252), "Windows-1252");
}

TEST(CsvReader, ReadsFile) {
  const auto path = std::filesystem::temp_directory_path() / "jobintech_csv_reader_test.csv";
  {
    std::ofstream out(path, std::ios::binary);
    out << "code;ville\r\nA;F\xE8s\r\n";
  }
  auto result = read_csv_file(path.string());
  std::filesystem::remove(path);
  ASSERT_TRUE(result.table.has_value());
  EXPECT_EQ(result.table->encoding, Encoding::windows_1252);
  EXPECT_EQ(result.table->rows[0].fields[1], "Fès");
}

TEST(CsvReader, UnreadableFileThrowsNamingIt) {
  const std::string path = "/nonexistent-dir/missing.csv";
  try {
    read_csv_file(path);
    FAIL() << "expected an exception";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("cannot read " + path), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace jobintech::io
