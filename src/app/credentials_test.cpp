#include "app/credentials.h"

#include <gtest/gtest.h>

namespace jobintech::app {

TEST(PasswordPolicy, NamesWhatIsWrong) {
  EXPECT_EQ(check_password_policy("Demo-Admin-2026"), "");
  EXPECT_EQ(check_password_policy("kasbah tamuda ifrane"), "") << "a passphrase needs no digit or capital";
  EXPECT_EQ(check_password_policy("كلمة سر طويلة جدا"), "") << "Arabic counts in characters, not bytes";
  EXPECT_EQ(check_password_policy("short"), "password_too_short");
  EXPECT_EQ(check_password_policy(std::string(129, 'x') + "abcd"), "too_long");
  EXPECT_EQ(check_password_policy("aaaaabbbbbaaaa"), "password_too_simple");
  EXPECT_EQ(check_password_policy("AzertyUIOP"), "password_too_common");
  EXPECT_EQ(check_password_policy("MotDePasse123"), "password_too_common");
  EXPECT_EQ(check_password_policy(std::string("abcdefghij\xff")), "invalid_utf8");
}

}  // namespace jobintech::app
