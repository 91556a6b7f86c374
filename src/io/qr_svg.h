// QR codes as inline SVG, generated on the server with libqrencode: what a printed certificate
// carries so that anyone can open its public verification page with a phone. The SVG is one
// <path> of dark modules (horizontal runs merged) on a white square with the quiet zone the
// standard asks for (4 modules); it scales to any size and prints sharply. Pure function,
// thread-safe (libqrencode keeps no shared state for 8-bit encoding).
#pragma once

#include <optional>
#include <string>

namespace jobintech::io {

struct QrSvg {
  std::string svg;       // <svg ...>...</svg>, for inline use in HTML
  int version = 0;       // QR version chosen (1..40)
  int modules = 0;       // modules per side: 17 + 4 × version
  int dark_modules = 0;  // how many modules are dark
};

// Encodes `text` as 8-bit data with error correction level M (15 %: survives a crease or a stain).
// `label` becomes the SVG's accessible name. Returns nullopt if the text does not fit a QR code.
std::optional<QrSvg> qr_svg(const std::string& text, const std::string& label = "");

}  // namespace jobintech::io
