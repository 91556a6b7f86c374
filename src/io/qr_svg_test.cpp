#include "io/qr_svg.h"

#include <gtest/gtest.h>

#include <regex>

namespace jobintech::io {

TEST(QrSvg, ShortTextIsVersionOneWithItsQuietZone) {
  auto qr = qr_svg("HELLO", "code");
  ASSERT_TRUE(qr);
  EXPECT_EQ(qr->version, 1);
  EXPECT_EQ(qr->modules, 21);  // 17 + 4 × version
  EXPECT_EQ(qr->svg.rfind("<svg ", 0), 0u);
  EXPECT_NE(qr->svg.find("viewBox=\"0 0 29 29\""), std::string::npos) << "21 modules and 4 on each side";
  EXPECT_NE(qr->svg.find("aria-label=\"code\""), std::string::npos);
  // The top-left finder pattern: its first row is a run of 7 dark modules at the quiet zone's corner.
  EXPECT_NE(qr->svg.find("d=\"M4 4h7v1h-7z"), std::string::npos) << qr->svg.substr(0, 300);
  // Every dark module is drawn once: the runs add up to the count.
  int drawn = 0;
  const std::regex run(R"(h(\d+)v1)");
  for (auto it = std::sregex_iterator(qr->svg.begin(), qr->svg.end(), run); it != std::sregex_iterator(); ++it)
    drawn += std::stoi((*it)[1]);
  EXPECT_EQ(drawn, qr->dark_modules);
  // Three finder patterns alone hold 3 × 33 dark modules.
  EXPECT_GT(qr->dark_modules, 99);
  EXPECT_LT(qr->dark_modules, 21 * 21);
}

TEST(QrSvg, AVerificationAddressFitsAVersionOfItsLength) {
  // 62 bytes is the 8-bit capacity of version 4 at level M; 63 needs version 5.
  const std::string url = "https://jobintech.ma/verify/" + std::string(34, 'k');
  ASSERT_EQ(url.size(), 62u);
  auto qr = qr_svg(url);
  ASSERT_TRUE(qr);
  EXPECT_EQ(qr->version, 4);
  EXPECT_EQ(qr->modules, 33);
  auto longer = qr_svg(url + "g");
  ASSERT_TRUE(longer);
  EXPECT_EQ(longer->version, 5);
  EXPECT_EQ(longer->modules, 37);
  EXPECT_EQ(qr->svg.find("aria-label"), std::string::npos);
}

TEST(QrSvg, LabelIsEscaped) {
  auto qr = qr_svg("x", "a \"b\" <c> & d");
  ASSERT_TRUE(qr);
  EXPECT_NE(qr->svg.find("aria-label=\"a &quot;b&quot; &lt;c&gt; &amp; d\""), std::string::npos);
}

}  // namespace jobintech::io
