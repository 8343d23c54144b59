#include "auth/password_policy.hpp"

#include <gtest/gtest.h>

namespace sawt::auth {
namespace {

TEST(CommonPasswordsTest, ListedPasswordsMatchWhateverTheirCase) {
  EXPECT_TRUE(IsCommonPassword("password"));
  EXPECT_TRUE(IsCommonPassword("123456"));
  EXPECT_TRUE(IsCommonPassword("1234567890"));
  EXPECT_TRUE(IsCommonPassword("QwertyUiop"));
  EXPECT_TRUE(IsCommonPassword("PASSWORD123"));
}

TEST(CommonPasswordsTest, NotesAndOtherPasswordsDoNotMatch) {
  EXPECT_FALSE(IsCommonPassword("sawt-demo-2026"));
  EXPECT_FALSE(IsCommonPassword("correct horse battery staple"));
  EXPECT_FALSE(IsCommonPassword(""));
  EXPECT_FALSE(IsCommonPassword("# The most commonly used passwords: sawt refuses these (compared case-insensitively) as new passwords."));
}

}  // namespace
}  // namespace sawt::auth

namespace sawt::auth {
namespace {

TEST(PasswordPolicyTest, RefusesShortCommonAndLoginContainingPasswords) {
  EXPECT_EQ(CheckNewPassword("short", "ali", "password").error().key, "auth.weak_password");
  EXPECT_EQ(CheckNewPassword("          ", "ali", "password").error().key, "auth.weak_password");
  EXPECT_EQ(CheckNewPassword(std::string(257, 'x'), "ali", "password").error().key, "auth.weak_password");
  EXPECT_EQ(CheckNewPassword("Qwertyuiop", "ali", "password").error().key, "auth.common_password");
  auto with_login = CheckNewPassword("my-POLICE.Editor-pass", "police.editor", "new_password");
  EXPECT_EQ(with_login.error().key, "auth.password_contains_login");
  EXPECT_EQ(with_login.error().field, "new_password");
  EXPECT_TRUE(CheckNewPassword("a-sound-passphrase", "police.editor", "password"));
}

}  // namespace
}  // namespace sawt::auth
