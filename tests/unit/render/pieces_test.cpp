#include <hpdf_utils.h>
#include <zlib.h>

#include <catch2/catch.hpp>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "pdf_tools.h"
#include "render/deflater.h"
#include "render/draw.h"
#include "render/fonts.h"
#include "render/tagging.h"
#include "render/to_unicode.h"
#include "render/validate.h"
#include "render/xmp.h"

using clerk::Severity;
using clerk::layout::DocumentInfo;
using clerk::render::IdentityToUnicodeCMap;
using clerk::render::UndrawableText;
using clerk::test::Count;

TEST_CASE("The identity ToUnicode map covers the BMP but surrogates, 100 ranges a block at most") {
  std::string cmap = IdentityToUnicodeCMap();
  CHECK(Count(cmap, "beginbfrange") == 3);
  CHECK(cmap.find("100 beginbfrange\n<0000> <00FF> <0000>\n") != std::string::npos);
  CHECK(cmap.find("48 beginbfrange\n") != std::string::npos);
  CHECK(cmap.find("<D7FF>") != std::string::npos);
  CHECK(cmap.find("<D800>") == std::string::npos);
  CHECK(cmap.find("<DFFF>") == std::string::npos);
  CHECK(cmap.find("<E000> <E0FF> <E000>\n") != std::string::npos);
  CHECK(cmap.find("<FF00> <FFFF> <FF00>\nendbfrange\n") != std::string::npos);
  CHECK(cmap.find("cidrange") == std::string::npos);
  CHECK(cmap.find("1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n") !=
        std::string::npos);
  // Every range line maps a block of 256 codes, within one high byte, onto itself.
  std::istringstream lines(cmap);
  int ranges = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.size() != 20 || line[0] != '<') continue;
    ++ranges;
    INFO(line);
    CHECK(line.substr(1, 2) == line.substr(8, 2));
    CHECK(line.substr(1, 4) == line.substr(15, 4));
    CHECK(line.substr(3, 2) == "00");
    CHECK(line.substr(10, 2) == "FF");
  }
  CHECK(ranges == 256 - 8);
}

TEST_CASE("UndrawableText accepts what libharu draws and explains what it does not") {
  CHECK_FALSE(UndrawableText(""));
  CHECK_FALSE(UndrawableText("– ‘ ’ “ ” • £ é € ½ Ω"));
  CHECK_FALSE(UndrawableText("\xEF\xBF\xBF"));  // U+FFFF: the last code point of the BMP
  auto astral = UndrawableText("a 𝔸");
  REQUIRE(astral);
  CHECK(astral->severity == Severity::kWarning);
  CHECK(astral->phrase ==
        "has U+1D538 (𝔸), a character outside the Basic Multilingual Plane, which libharu prints "
        "as a space");
  auto control = UndrawableText("line\nbreak");
  REQUIRE(control);
  CHECK(control->severity == Severity::kError);
  CHECK(control->phrase == "has the control character U+000A, which cannot be printed");
  CHECK(UndrawableText("\xC2\x85")->phrase ==
        "has the control character U+0085, which cannot be printed");
  CHECK(UndrawableText("ab\xC3")->phrase == "is not valid UTF-8 (at byte 3)");
  CHECK(UndrawableText("\xC0\xAF")->phrase == "is not valid UTF-8 (at byte 1)");      // overlong
  CHECK(UndrawableText("\xED\xA0\x80")->phrase == "is not valid UTF-8 (at byte 1)");  // surrogate
  CHECK(UndrawableText("\xF4\x90\x80\x80")->phrase == "is not valid UTF-8 (at byte 1)");
  CHECK(UndrawableText("x\x80")->severity == Severity::kError);
}

TEST_CASE("The XMP packet agrees with the info dictionary and escapes what it holds") {
  DocumentInfo info;
  info.title = "Pupils <11> & \"progress\"";
  info.author = "Scrutiny Officer";
  info.subject = "";
  info.language = "en-GB";
  info.date = "2011-06-14";
  std::string xmp = clerk::render::XmpPacket(info);
  CHECK(xmp.find("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">Pupils &lt;11&gt; &amp; "
                 "&quot;progress&quot;</rdf:li></rdf:Alt></dc:title>") != std::string::npos);
  CHECK(xmp.find("<dc:creator><rdf:Seq><rdf:li>Scrutiny Officer</rdf:li></rdf:Seq>") !=
        std::string::npos);
  CHECK(xmp.find("dc:description") == std::string::npos);
  CHECK(xmp.find("pdf:Keywords") == std::string::npos);
  CHECK(xmp.find("<dc:language><rdf:Bag><rdf:li>en-GB</rdf:li></rdf:Bag></dc:language>") !=
        std::string::npos);
  CHECK(xmp.find("<xmp:CreateDate>2011-06-14T12:00:00</xmp:CreateDate>") != std::string::npos);
  CHECK(xmp.find("<xmp:CreatorTool>clerk " CLERK_VERSION "</xmp:CreatorTool>") !=
        std::string::npos);
  CHECK(xmp.rfind("<?xpacket begin=", 0) == 0);
  CHECK(xmp.find("<?xpacket end=\"r\"?>") != std::string::npos);
}

TEST_CASE("Every role has its standard PDF structure type") {
  using clerk::layout::Role;
  using clerk::render::StructureTypeName;
  CHECK(std::string(StructureTypeName(Role::kDocument)) == "Document");
  CHECK(std::string(StructureTypeName(Role::kH2)) == "H2");
  CHECK(std::string(StructureTypeName(Role::kLBody)) == "LBody");
  CHECK(std::string(StructureTypeName(Role::kTHead)) == "THead");
  CHECK(std::string(StructureTypeName(Role::kTD)) == "TD");
  CHECK(std::string(StructureTypeName(Role::kNote)) == "Note");
}

TEST_CASE("HexCodes writes each character's Unicode value as libharu's UTF-8 encoder did") {
  using clerk::render::HexCodes;
  CHECK(HexCodes("") == "");
  CHECK(HexCodes("Az 9") == "0041007A00200039");
  CHECK(HexCodes("£é–€\xEF\xBF\xBF") == "00A300E9201320ACFFFF");
  CHECK(HexCodes("a 𝔸") == "006100200020");  // outside the BMP: a space, as libharu draws it
  std::string appended = "<";
  clerk::render::AppendHexCodes("•", appended);
  CHECK(appended == "<2022");
}

namespace {

// `bytes` as a string, NULs and all.
std::string Bytes(std::initializer_list<int> bytes) {
  std::string text;
  for (int byte : bytes) text += static_cast<char>(byte);
  return text;
}

std::string LiteralCodes(std::string_view text) {
  std::string literal;
  clerk::render::AppendLiteralCodes(text, literal);
  return literal;
}

// The bytes a PDF reader takes from the inside of a literal string with only the escapes
// AppendLiteralCodes writes; "malformed" for any other backslash, or a raw CR or LF.
std::string ReadLiteral(std::string_view literal) {
  std::string bytes;
  for (size_t i = 0; i < literal.size(); ++i) {
    char byte = literal[i];
    if (byte == '\r' || byte == '\n' || byte == '(' || byte == ')') return "malformed";
    if (byte != '\\') {
      bytes += byte;
      continue;
    }
    if (++i == literal.size()) return "malformed";
    switch (literal[i]) {
      case '(':
      case ')':
      case '\\':
        bytes += literal[i];
        break;
      case 'r':
        bytes += '\r';
        break;
      case 'n':
        bytes += '\n';
        break;
      default:
        return "malformed";
    }
  }
  return bytes;
}

// The bytes that HexCodes' digits stand for.
std::string ReadHex(std::string_view hex) {
  std::string bytes;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    bytes += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
  }
  return bytes;
}

}  // namespace

TEST_CASE("AppendLiteralCodes writes the codes as a literal string's bytes, escaping five") {
  CHECK(LiteralCodes("") == "");
  CHECK(LiteralCodes("Az 9") == Bytes({0, 'A', 0, 'z', 0, ' ', 0, '9'}));
  // A NUL stands as it is, high bytes too.
  CHECK(LiteralCodes(std::string_view("\0", 1)) == Bytes({0, 0}));
  CHECK(LiteralCodes("£€\xEF\xBF\xBF") == Bytes({0, 0xA3, 0x20, 0xAC, 0xFF, 0xFF}));
  CHECK(LiteralCodes("a 𝔸") == Bytes({0, 'a', 0, ' ', 0, ' '}));  // beyond the BMP: a space
  // Parentheses and backslashes are escaped; CR and LF are written as \r and \n.
  CHECK(LiteralCodes("(") == Bytes({0, '\\', '('}));
  CHECK(LiteralCodes(")") == Bytes({0, '\\', ')'}));
  CHECK(LiteralCodes("\\") == Bytes({0, '\\', '\\'}));
  CHECK(LiteralCodes("\r") == Bytes({0, '\\', 'r'}));
  CHECK(LiteralCodes("\n") == Bytes({0, '\\', 'n'}));
  CHECK(LiteralCodes("\r\n") == Bytes({0, '\\', 'r', 0, '\\', 'n'}));
  CHECK(LiteralCodes("(a)") == Bytes({0, '\\', '(', 0, 'a', 0, '\\', ')'}));
  // Either byte of a longer character's code: U+0A28, U+0D5C, U+2029, U+5C0A, U+2829.
  CHECK(LiteralCodes("\u0A28") == Bytes({'\\', 'n', '\\', '('}));
  CHECK(LiteralCodes("\u0D5C") == Bytes({'\\', 'r', '\\', '\\'}));
  CHECK(LiteralCodes("\u2029") == Bytes({' ', '\\', ')'}));
  CHECK(LiteralCodes("\u5C0A") == Bytes({'\\', '\\', '\\', 'n'}));
  CHECK(LiteralCodes("\u2829") == Bytes({'\\', '(', '\\', ')'}));
  // Appended after what is there.
  std::string appended = "(";
  clerk::render::AppendLiteralCodes("•", appended);
  CHECK(appended == Bytes({'(', 0x20, 0x22}));
}

TEST_CASE("AppendLiteralCodes reads back as the codes HexCodes writes, for long text") {
  // Every ASCII byte, the escaped ones among them, and characters of two, three and four bytes.
  std::string text;
  for (int byte = 0; byte < 0x80; ++byte) text += static_cast<char>(byte);
  text += "£é–€•\u0A28\u0D5C\u2029\u5C0A\u2829𝔸\xEF\xBF\xBF";
  std::string long_text;
  while (long_text.size() < 100000) long_text += text;
  std::string literal = LiteralCodes(long_text);
  CHECK(ReadLiteral(literal) == ReadHex(clerk::render::HexCodes(long_text)));
  CHECK(literal.size() < 2 * ReadHex(clerk::render::HexCodes(long_text)).size());
}

TEST_CASE("AppendReal writes numbers as libharu does") {
  auto real = [](float value) {
    std::string out;
    clerk::render::AppendReal(value, out);
    return out;
  };
  CHECK(real(0) == "0");
  CHECK(real(12) == "12");
  CHECK(real(0.5f) == "0.5");
  CHECK(real(-3.25f) == "-3.25");
  CHECK(real(595.2756f) == "595.27557");  // the float nearest, to five decimals, as libharu
  CHECK(real(1e-7f) == "0");
  CHECK(real(-1e-7f) == "-0");
  CHECK(real(40000) == "32767");
  CHECK(real(-40000) == "-32767");
  // The same digits as HPDF_FToA for numbers of every size a page has, and for their edges.
  std::mt19937 random(2011);
  std::uniform_real_distribution<float> any(-1000, 1000);
  for (int i = 0; i < 200000; ++i) {
    float value = i < 100000 ? any(random) : static_cast<float>(i - 150000) / 64;
    char digits[32] = {};
    const char* end = HPDF_FToA(digits, value, digits + sizeof digits - 1);
    INFO(value);
    REQUIRE(real(value) == std::string(digits, static_cast<size_t>(end - digits)));
  }
}

TEST_CASE("Deflate writes the zlib format, which inflates to the bytes given") {
  std::string plain;
  for (int i = 0; i < 5000; ++i) plain += "BT /F1 12 Tf " + std::to_string(i % 97) + " 700 Td ET\n";
  std::string packed;
  REQUIRE(clerk::render::Deflate(plain, packed));
  CHECK(packed.size() < plain.size() / 4);
  std::string inflated(plain.size(), '\0');
  uLongf size = inflated.size();
  REQUIRE(uncompress(reinterpret_cast<Bytef*>(inflated.data()), &size,
                     reinterpret_cast<const Bytef*>(packed.data()), packed.size()) == Z_OK);
  CHECK(size == plain.size());
  CHECK(inflated == plain);
  // Through the second thread: the same bytes, whatever the order jobs finish in.
  clerk::render::Deflater deflater;
  auto first = deflater.Submit(plain);
  auto second = deflater.Submit("");
  REQUIRE(deflater.Wait(*second));
  REQUIRE(deflater.Wait(*first));
  CHECK(first->packed == packed);
  CHECK(first->plain.empty());
}

TEST_CASE("Deflater's jobs beyond those waiting are compressed too, each to Deflate's bytes") {
  // More jobs than may wait, submitted at once: Submit and Wait compress some on this thread.
  constexpr size_t kJobs = 4 * clerk::render::Deflater::kMaxWaiting + 3;
  std::vector<std::string> plains;
  for (size_t i = 0; i < kJobs; ++i) {
    std::string plain;
    for (size_t line = 0; line < 200 + 50 * i; ++line) {
      plain += std::to_string(i * line % 977) + " 700 Td\n";
    }
    plains.push_back(plain);
  }
  clerk::render::Deflater deflater;
  std::vector<std::shared_ptr<clerk::render::DeflateJob>> jobs;
  for (const std::string& plain : plains) jobs.push_back(deflater.Submit(plain));
  // The last first: the queued ones before it are compressed by either thread meanwhile.
  REQUIRE(deflater.Wait(*jobs.back()));
  for (size_t i = 0; i < kJobs; ++i) {
    INFO("job " << i);
    REQUIRE(deflater.Wait(*jobs[i]));
    std::string packed;
    REQUIRE(clerk::render::Deflate(plains[i], packed));
    CHECK(jobs[i]->packed == packed);
    CHECK(jobs[i]->plain.empty());
  }
}

TEST_CASE("CharactersOf lists each face's characters, spaces for those beyond the BMP") {
  using clerk::layout::FontStyle;
  using clerk::layout::TextRun;
  clerk::layout::LaidOutDocument document;
  document.families = {"sans", "serif"};
  document.pages.resize(2);
  auto run = [](FontStyle style, std::uint16_t family = 0) {
    TextRun made;
    made.style = style;
    made.family = family;
    return made;
  };
  clerk::layout::Page& first = document.pages[0];
  first.AddRun(run(FontStyle::kRegular), "ba");
  first.AddRun(run(FontStyle::kItalic), "");
  first.items.push_back(clerk::layout::Rule{});
  first.AddRun(run(FontStyle::kBold), "€b");
  first.AddRun(run(FontStyle::kBold, 1), "d");
  document.pages[1].AddRun(run(FontStyle::kRegular), "c😀");
  clerk::render::UsedCharacters used = clerk::render::CharactersOf(document);
  CHECK(used.families == document.families);
  REQUIRE(used.by_face.size() == 3);  // the italic run has no text
  CHECK(used.by_face.at({"sans", FontStyle::kRegular}) ==
        std::set<char16_t>{u' ', u'a', u'b', u'c'});
  CHECK(used.by_face.at({"sans", FontStyle::kBold}) == std::set<char16_t>{u'b', u'€'});
  CHECK(used.by_face.at({"serif", FontStyle::kBold}) == std::set<char16_t>{u'd'});
}
