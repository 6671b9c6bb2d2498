// libFuzzer target for the text path: decoding, cleaning, layout
// detection, parsing and fact extraction must survive any bytes.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "model/json.h"
#include "packet/parser.h"
#include "text/decode.h"
#include "text/source_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  sagsspor::text::Decoded decoded;
  std::string error;
  if (!sagsspor::text::DecodeText(bytes, &decoded, &error)) return 0;
  sagsspor::text::RawText raw;
  raw.source.sha256 = std::string(64, '0');
  raw.pages = sagsspor::text::SplitPages(decoded.utf8);
  sagsspor::model::Packet packet = sagsspor::packet::ParsePacket(raw);
  // Serialising touches every field the parser filled.
  (void)sagsspor::model::ToJson(packet).dump();
  return 0;
}
