#include "core/yaml_json.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace meshplane {
namespace {

Json Yaml(const std::string& text) {
  auto j = YamlToJson(text);
  EXPECT_TRUE(j.ok()) << j.status().message();
  return j.ok() ? j.value() : Json();
}

// The value of `v` in the one-key document `v: <scalar>`.
Json Scalar(const std::string& scalar) { return Yaml("v: " + scalar)["v"]; }

std::string YamlError(const std::string& text) {
  auto j = YamlToJson(text);
  EXPECT_FALSE(j.ok()) << text;
  EXPECT_EQ(j.status().code(), ErrorCode::kBadRequest);
  return j.status().message();
}

TEST(YamlJsonTest, BooleansFollowYaml11) {
  for (const char* t : {"yes", "Yes", "YES", "y", "Y", "on", "On", "ON", "true", "True", "TRUE"}) {
    EXPECT_EQ(Scalar(t), Json(true)) << t;
  }
  for (const char* f : {"no", "No", "NO", "n", "N", "off", "Off", "OFF", "false", "False"}) {
    EXPECT_EQ(Scalar(f), Json(false)) << f;
  }
  for (const char* s : {"yEs", "tRue", "enabled", "nope", "\"yes\"", "'on'", "!!str true"}) {
    EXPECT_TRUE(Scalar(s).is_string()) << s;
  }
}

TEST(YamlJsonTest, NullsFollowYaml11) {
  for (const char* n : {"~", "null", "Null", "NULL", ""}) {
    EXPECT_TRUE(Scalar(n).is_null()) << n;
  }
  EXPECT_EQ(Scalar("\"null\""), Json("null"));
  EXPECT_EQ(Scalar("nULL"), Json("nULL"));
  EXPECT_TRUE(Yaml("").is_null());
  EXPECT_TRUE(Yaml("# only a comment\n").is_null());
}

TEST(YamlJsonTest, NumbersFollowGoYamlV2) {
  EXPECT_EQ(Scalar("5670"), Json(5670));
  EXPECT_TRUE(Scalar("5670").is_number_integer());
  EXPECT_EQ(Scalar("-12"), Json(-12));
  EXPECT_EQ(Scalar("+12"), Json(12));
  EXPECT_EQ(Scalar("1_000"), Json(1000));
  EXPECT_EQ(Scalar("0x1F"), Json(31));
  EXPECT_EQ(Scalar("-0x1F"), Json(-31));
  EXPECT_EQ(Scalar("017"), Json(15));  // YAML 1.1 octal
  EXPECT_EQ(Scalar("0o17"), Json(15));
  EXPECT_EQ(Scalar("0b101"), Json(5));
  EXPECT_EQ(Scalar("-9223372036854775808"), Json(INT64_MIN));
  EXPECT_EQ(Scalar("18446744073709551615"), Json(UINT64_MAX));
  EXPECT_TRUE(Scalar("18446744073709551615").is_number_unsigned());
  // Too big for 64 bits: a float, as in Go.
  EXPECT_TRUE(Scalar("18446744073709551616").is_number_float());
  EXPECT_TRUE(Scalar("-9223372036854775809").is_number_float());
  // "08" is not octal; go-yaml reads it as the float 8.
  EXPECT_EQ(Scalar("08"), Json(8.0));

  EXPECT_EQ(Scalar("99.9"), Json(99.9));
  EXPECT_EQ(Scalar("1e3"), Json(1000.0));
  EXPECT_TRUE(Scalar("1e3").is_number_float());
  EXPECT_EQ(Scalar(".5"), Json(0.5));
  EXPECT_EQ(Scalar("-.5e1"), Json(-5.0));
  EXPECT_EQ(Scalar("1."), Json(1.0));

  // go-yaml drops every underscore before trying a float.
  EXPECT_EQ(Scalar("1_000.5_"), Json(1000.5));

  for (const char* s : {"1.2.3", "0x", "1e", "12abc", "0xZZ", "1e999", "0x1FFFFFFFFFFFFFFFFF",
                        "10s", "1:30", "1,000", "2025-01-01", ".", "+", "._5", "0b2"}) {
    EXPECT_EQ(Scalar(s), Json(s)) << s;
    EXPECT_EQ(Scalar(std::string("\"") + s + "\""), Json(s)) << s;
  }
}

TEST(YamlJsonTest, QuotedScalarsStayStrings) {
  EXPECT_EQ(Scalar("\"123\""), Json("123"));
  EXPECT_EQ(Scalar("'123'"), Json("123"));
  EXPECT_EQ(Scalar("\"true\""), Json("true"));
  EXPECT_EQ(Scalar("!!str 5"), Json("5"));
  EXPECT_EQ(Scalar("|\n  line1\n  line2\n"), Json("line1\nline2\n"));
  EXPECT_EQ(Scalar("\"tab\\there\""), Json("tab\there"));
}

TEST(YamlJsonTest, NonFiniteFloatsAreRejectedAsJsonCannotHoldThem) {
  EXPECT_EQ(YamlError("sampling: .inf"),
            "error converting YAML to JSON: json: unsupported value: +Inf");
  EXPECT_EQ(YamlError("sampling: -.Inf"),
            "error converting YAML to JSON: json: unsupported value: -Inf");
  EXPECT_EQ(YamlError("sampling: .nan"),
            "error converting YAML to JSON: json: unsupported value: NaN");
  EXPECT_EQ(Scalar("\".inf\""), Json(".inf"));
}

TEST(YamlJsonTest, MapKeysBecomeStringsAsSigsYaml) {
  Json j = Yaml("1: a\ntrue: b\nyes: c\n1.5: d\n\"2\": e\n0x10: f\n1e6: g\n");
  EXPECT_EQ(j.dump(), R"({"1":"a","true":"c","1.5":"d","2":"e","16":"f","1e+06":"g"})");
  EXPECT_NE(YamlError("~: a").find("unsupported map key"), std::string::npos);
  EXPECT_NE(YamlError("? [a, b]\n: c\n").find("invalid map key"), std::string::npos);
}

TEST(YamlJsonTest, AnchorsAliasesAndMergeKeys) {
  Json j = Yaml(
      "base: &base {a: 1, b: 2}\n"
      "other: &other {b: 3, c: 4}\n"
      "one:\n  <<: *base\n  b: 9\n"
      "two:\n  <<: [*base, *other]\n"
      "list: [*base]\n");
  EXPECT_EQ(j["one"].dump(), R"({"a":1,"b":9})");
  EXPECT_EQ(j["two"]["b"], 2);  // earlier maps win
  EXPECT_EQ(j["two"]["c"], 4);
  EXPECT_EQ(j["list"][0]["a"], 1);
  EXPECT_EQ(Yaml("\"<<\": x")["<<"], "x");  // a quoted key is just a key
  EXPECT_NE(YamlError("a:\n  <<: 5\n").find("map merge requires map"), std::string::npos);
}

TEST(YamlJsonTest, AliasBombsAreRejected) {
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  std::string prev = "a";
  for (char c = 'b'; c <= 'j'; ++c) {
    std::string name(1, c);
    bomb += name + ": &" + name + " [";
    for (int i = 0; i < 10; ++i) {
      bomb += (i ? ", *" : "*") + prev;
    }
    bomb += "]\n";
    prev = name;
  }
  EXPECT_EQ(YamlError(bomb),
            "error converting YAML to JSON: yaml: document contains excessive aliasing");
}

TEST(YamlJsonTest, MalformedYamlIsABadRequestWithTheParserMessage) {
  std::string msg = YamlError("mtls:\n  enabledBackend: [a\n");
  EXPECT_EQ(msg.rfind("error converting YAML to JSON: yaml-cpp: error at line", 0), 0u) << msg;
  msg = YamlError("a: b: c");
  EXPECT_NE(msg.find("yaml-cpp"), std::string::npos) << msg;
  msg = YamlError("a: *undefined");
  EXPECT_NE(msg.find("yaml-cpp"), std::string::npos) << msg;
}

TEST(YamlJsonTest, InvalidUtf8AndControlCharactersAreRejectedAsGoYamlDoes) {
  EXPECT_EQ(YamlError("name: \xff\n"),
            "error converting YAML to JSON: yaml: invalid leading UTF-8 octet");
  EXPECT_EQ(YamlError("name: \xc3\n"),
            "error converting YAML to JSON: yaml: invalid trailing UTF-8 octet");
  EXPECT_EQ(YamlError("name: \xc0\x80\n"),
            "error converting YAML to JSON: yaml: invalid length of a UTF-8 sequence");
  EXPECT_EQ(YamlError(std::string("name: a\0b\n", 10)),
            "error converting YAML to JSON: yaml: control characters are not allowed");
  EXPECT_EQ(YamlError("name: a\x7f\n"),
            "error converting YAML to JSON: yaml: control characters are not allowed");
  EXPECT_EQ(Yaml("\xef\xbb\xbfname: ok\n")["name"], "ok");  // a leading BOM is fine
  EXPECT_EQ(Yaml("name: \"caf\xc3\xa9 \xe2\x9c\x93\"\n")["name"], "caf\xc3\xa9 \xe2\x9c\x93");
}

TEST(YamlJsonTest, DeepNestingIsRejectedWithoutCrashing) {
  for (const std::string& deep : {std::string(100000, '['), std::string(50000, '{'),
                                  std::string(5000, '[') + std::string(5000, ']'), [] {
                                    std::string s;
                                    for (int i = 0; i < 3000; ++i) {
                                      s += "- ";
                                    }
                                    return s + "x\n";
                                  }()}) {
    auto j = YamlToJson(deep);
    EXPECT_FALSE(j.ok());
    EXPECT_EQ(j.status().code(), ErrorCode::kBadRequest);
  }
  // 100 levels are fine.
  EXPECT_TRUE(YamlToJson(std::string(100, '[') + std::string(100, ']')).ok());
  auto deep = YamlToJson(std::string(101, '[') + std::string(101, ']'));
  ASSERT_FALSE(deep.ok());
  EXPECT_EQ(deep.status().message(),
            "error converting YAML to JSON: document nested too deeply (more than 100 levels)");
}

TEST(YamlJsonTest, SplitsDocumentsAndDropsEmptyOnes) {
  auto docs = SplitYamlDocuments(
      "---\n"
      "type: Mesh\nname: a\n"
      "---   \n"
      "# just a comment\n\n"
      "--- \r\n"
      "\n"
      "---\n"
      "type: Mesh\nname: b\n"
      "--- # trailing comment\n"
      "type: Mesh\nname: c\n"
      "---\n");
  ASSERT_EQ(docs.size(), 3u);
  EXPECT_EQ(Yaml(docs[0])["name"], "a");
  EXPECT_EQ(Yaml(docs[1])["name"], "b");
  EXPECT_EQ(Yaml(docs[2])["name"], "c");
  // `---foo` and an indented `---` are content, not separators.
  EXPECT_EQ(SplitYamlDocuments("a: ---foo\nb: |\n  ---\n").size(), 1u);
  EXPECT_EQ(SplitYamlDocuments("---\nname: x\n").size(), 1u);
  EXPECT_EQ(SplitYamlDocuments("--- {name: x}\n")[0], "{name: x}\n");
  EXPECT_TRUE(SplitYamlDocuments("").empty());
  EXPECT_TRUE(SplitYamlDocuments("---\n---\n# c\n").empty());
}

TEST(YamlJsonTest, DocumentsToJsonNamesTheFailingDocument) {
  auto all = YamlDocumentsToJson("name: a\n---\nname: b\n");
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[1]["name"], "b");
  auto bad = YamlDocumentsToJson("name: a\n---\nname: [b\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message().rfind("document 1: error converting YAML to JSON:", 0), 0u)
      << bad.status().message();
}

TEST(YamlJsonTest, JsonToYamlReadsBackToTheSameJson) {
  Json j = Json::object();
  std::vector<std::string> tricky = {
      "true",        "123",          "",      "a: b",   "- x",      "x\ny", "yes",  "~",     "null",
      "1e3",         "0x10",         " lead", "trail ", "#c",       "a #b", "end:", "[x]",   "{x}",
      "*a",          "&a",           "!t",    "%p",     "@a",       "`b",   "'q'",  "\"q\"", "\\",
      "caf\xc3\xa9", "\xe2\x80\xa8", "\t",    "\x7f",   "\xc2\x85", "...",  "---",  "<<",    ".inf",
      ".nan",        "08",           "1_000", "+1",     "-.5",      "=",    "? x",  "|",     ">",
      "a\r\nb"};
  for (size_t i = 0; i < tricky.size(); ++i) {
    j["k" + std::to_string(i)] = tricky[i];
    j[tricky[i]] = i;  // as a key too
  }
  j["list"] = tricky;
  j["numbers"] = Json::array({0, -1, 18446744073709551615ULL, 1.5, 1e20, -2.5e-7, 100.0});
  j["flags"] = Json::array({true, false, nullptr});
  std::string yaml = JsonToYaml(j);
  auto back = YamlToJson(yaml);
  ASSERT_TRUE(back.ok()) << back.status().message() << "\n" << yaml;
  EXPECT_EQ(*back, j) << yaml;
}

TEST(YamlJsonTest, JsonToYamlLaysOutListsOfMapsCompactly) {
  Json j = Json::parse(R"({"type": "Mesh", "name": "default", "mtls": {"enabledBackend": "ca-1",
    "backends": [{"name": "ca-1", "type": "builtin", "conf": {"caCert": {"RSAbits": 2048}}},
                 {"name": "ca-2", "tags": ["a", "b"]}]}, "empty": {}, "none": [],
    "nested": [[1, 2], [], {}]})");
  EXPECT_EQ(JsonToYaml(j),
            "type: Mesh\n"
            "name: default\n"
            "mtls:\n"
            "  enabledBackend: ca-1\n"
            "  backends:\n"
            "  - name: ca-1\n"
            "    type: builtin\n"
            "    conf:\n"
            "      caCert:\n"
            "        RSAbits: 2048\n"
            "  - name: ca-2\n"
            "    tags:\n"
            "    - a\n"
            "    - b\n"
            "empty: {}\n"
            "none: []\n"
            "nested:\n"
            "-\n"
            "  - 1\n"
            "  - 2\n"
            "- []\n"
            "- {}\n");
  EXPECT_EQ(JsonToYaml(Json::object()), "{}\n");
  EXPECT_EQ(JsonToYaml(Json("yes")), "\"yes\"\n");
}

}  // namespace
}  // namespace meshplane
