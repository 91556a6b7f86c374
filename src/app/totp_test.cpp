#include "app/totp.h"

#include <gtest/gtest.h>

namespace jobintech::app {

// RFC 6238, appendix B: the SHA-1 secret "12345678901234567890" is GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ
// in base32; the RFC prints 8 digits, the 6-digit codes are their last six.
constexpr const char* kRfcSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

TEST(Totp, MatchesTheVectorsOfRfc6238) {
  EXPECT_EQ(totp_code(kRfcSecret, 59 / 30), "287082");
  EXPECT_EQ(totp_code(kRfcSecret, 1111111109 / 30), "081804");
  EXPECT_EQ(totp_code(kRfcSecret, 1234567890 / 30), "005924");
  EXPECT_EQ(totp_code(kRfcSecret, 2000000000 / 30), "279037");
  EXPECT_EQ(totp_code("gezdgnbvgy3tqojq gezdgnbvgy3tqojq", 59 / 30), "287082") << "case and spaces ignored";
}

TEST(Totp, AcceptsOneStepOfDriftAndEachCodeOnce) {
  const std::int64_t now = 1'800'000'000;
  const auto code = totp_code(kRfcSecret, now / 30 - 1);
  const auto step = totp_match(kRfcSecret, code, now);
  ASSERT_TRUE(step);
  EXPECT_EQ(*step, now / 30 - 1);
  EXPECT_FALSE(totp_match(kRfcSecret, code, now, *step)) << "replayed";
  EXPECT_FALSE(totp_match(kRfcSecret, totp_code(kRfcSecret, now / 30 - 2), now)) << "a minute old";
  EXPECT_FALSE(totp_match(kRfcSecret, "12345", now));
  EXPECT_FALSE(totp_match(kRfcSecret, "abcdef", now));
  EXPECT_FALSE(totp_match("not base32!", "123456", now));
}

TEST(Totp, NewSecretsAreBase32Of160BitsAndDiffer) {
  const auto a = new_totp_secret(), b = new_totp_secret();
  EXPECT_EQ(a.size(), 32u);
  EXPECT_NE(a, b);
  EXPECT_EQ(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"), std::string::npos);
  EXPECT_EQ(totp_code(a, 1).size(), 6u);
  EXPECT_EQ(totp_uri("JobInTech", "a b@x.ma", a).rfind("otpauth://totp/JobInTech:a%20b%40x.ma?secret=" + a, 0), 0u);
}

}  // namespace jobintech::app
