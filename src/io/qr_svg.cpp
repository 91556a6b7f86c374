#include "io/qr_svg.h"

#include <qrencode.h>

#include <memory>

namespace jobintech::io {

namespace {

constexpr int kQuietZone = 4;

std::string escape_xml(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace

std::optional<QrSvg> qr_svg(const std::string& text, const std::string& label) {
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeData(static_cast<int>(text.size()), reinterpret_cast<const unsigned char*>(text.data()), 0,
                        QR_ECLEVEL_M),
      &QRcode_free);
  if (!code) return std::nullopt;
  QrSvg out;
  out.version = code->version;
  out.modules = code->width;
  const int n = code->width, side = n + 2 * kQuietZone;
  std::string path;
  for (int y = 0; y < n; ++y) {
    for (int x = 0; x < n;) {
      // Bit 0 of each byte is the module's colour (1: dark); the other bits describe its role.
      if (!(code->data[y * n + x] & 1)) {
        ++x;
        continue;
      }
      int run = 0;
      while (x + run < n && (code->data[y * n + x + run] & 1)) ++run;
      out.dark_modules += run;
      path += "M" + std::to_string(x + kQuietZone) + " " + std::to_string(y + kQuietZone) + "h" + std::to_string(run) +
              "v1h-" + std::to_string(run) + "z";
      x += run;
    }
  }
  const std::string s = std::to_string(side);
  out.svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + s + " " + s +
            "\" shape-rendering=\"crispEdges\" role=\"img\"" +
            (label.empty() ? std::string() : " aria-label=\"" + escape_xml(label) + "\"") + "><rect width=\"" + s +
            "\" height=\"" + s + "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
  return out;
}

}  // namespace jobintech::io
