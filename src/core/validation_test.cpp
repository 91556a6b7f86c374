#include "core/validation.h"

#include <gtest/gtest.h>

namespace jobintech::core {

TEST(Cin, AcceptsOneOrTwoLettersThenDigitsAndUpperCases) {
  EXPECT_EQ(check_cin("bk123456").value, "BK123456");
  EXPECT_EQ(check_cin(" A12345 ").value, "A12345");
  EXPECT_TRUE(check_cin("SL1").ok());
}

TEST(Cin, RefusesOtherShapes) {
  for (const char* bad : {"", "123456", "ABC12345", "BK", "B-12345", "BK123456789", "BK12a45"})
    EXPECT_EQ(check_cin(bad).error, "cin_format") << bad;
}

TEST(Phone, NormalisesMoroccanNumbers) {
  EXPECT_EQ(check_phone("0612345678").value, "+212612345678");
  EXPECT_EQ(check_phone("+212 6 12 34 56 78").value, "+212612345678");
  EXPECT_EQ(check_phone("06.12.34.56.78").value, "+212612345678");
  EXPECT_EQ(check_phone("00212712345678").value, "+212712345678");
}

TEST(Phone, RefusesWrongLengthsAndLetters) {
  for (const char* bad : {"061234567", "06123456789", "+33612345678", "06123456ab", ""})
    EXPECT_EQ(check_phone(bad).error, "phone_format") << bad;
}

TEST(Email, LowerCasesAndChecksShape) {
  EXPECT_EQ(check_email(" Salma.Idrissi@Example.MA ").value, "salma.idrissi@example.ma");
  for (const char* bad : {"salma", "salma@", "@example.ma", "a@b", "a b@c.ma", "a@@b.ma", "a@b..ma", "a@b.ma."})
    EXPECT_EQ(check_email(bad).error, "email_format") << bad;
}

TEST(Text, TrimsBoundsAndRefusesInvalidUtf8) {
  EXPECT_EQ(check_text("  Fès  ", 10).value, "Fès");
  EXPECT_EQ(check_text("\xC2\xA0" "Dakhla" "\xC2\xA0", 10).value, "Dakhla");  // no-break spaces
  EXPECT_EQ(check_text("   ", 10).error, "required");
  EXPECT_EQ(check_text("الداخلة", 7).value, "الداخلة");  // length in characters, not bytes
  EXPECT_EQ(check_text("الداخلة", 6).error, "too_long");
  EXPECT_EQ(check_text("\xC3\x28", 10).error, "invalid_utf8");
  EXPECT_EQ(check_text("a\x01" "b", 10).error, "control_characters");
}

TEST(Utf8, RejectsOverlongAndSurrogates) {
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));
  EXPECT_TRUE(is_valid_utf8("Béni Mellal — بني ملال"));
}

TEST(Numbers, DecimalCommaOnlyFromSpreadsheets) {
  EXPECT_DOUBLE_EQ(*parse_decimal("71,5", true), 71.5);
  EXPECT_FALSE(parse_decimal("71,5", false));
  EXPECT_DOUBLE_EQ(*parse_decimal("71.5", false), 71.5);
  EXPECT_FALSE(parse_decimal("7a", true));
  EXPECT_EQ(*parse_integer(" 42 "), 42);
  EXPECT_FALSE(parse_integer("4.2"));
}

TEST(Code, LowerCaseIdentifiers) {
  EXPECT_EQ(check_code("Dev-Front").value, "dev-front");
  EXPECT_EQ(check_code("-x").error, "code_format");
  EXPECT_EQ(check_code("a b").error, "code_format");
}

}  // namespace jobintech::core
