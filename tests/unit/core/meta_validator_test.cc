#include "core/meta_validator.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "resources/mesh/mesh_type.h"

namespace meshplane {
namespace {

constexpr const char* kRfc1123Message =
    "invalid characters. A lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
    "characters, '-' or '.', and must start and end with an alphanumeric character";
constexpr const char* kLegacyMeshMessage =
    "invalid characters. Valid characters are numbers, lowercase latin letters and '-', '_', '.' "
    "symbols.";
constexpr const char* kNamePartMessage =
    "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end "
    "with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for "
    "validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
constexpr const char* kLabelValueMessage =
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or "
    "'.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  "
    "or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
constexpr const char* kPrefixMessage =
    "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
    "characters, '-' or '.', and must start and end with an alphanumeric character (e.g. "
    "'example.com', regex used for validation is "
    "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
constexpr const char* kDns1035Message =
    "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an "
    "alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', "
    "regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

// A mesh-scoped kind, for the `mesh` rules.
ResourceTypeDescriptor MeshScopedType() {
  ResourceTypeDescriptor d;
  d.name = "Dataplane";
  d.scope = ResourceScope::kMesh;
  return d;
}

struct MetaCase {
  std::string name;
  bool mesh_scoped;
  std::string resource_name;
  std::string mesh;
  std::vector<Violation> want;
};

void PrintTo(const MetaCase& c, std::ostream* os) { *os << c.name; }

class MetaValidatorTest : public ::testing::TestWithParam<MetaCase> {};

TEST_P(MetaValidatorTest, ChecksNameAndMesh) {
  const MetaCase& c = GetParam();
  ResourceTypeDescriptor scoped = MeshScopedType();
  const ResourceTypeDescriptor& type = c.mesh_scoped ? scoped : MeshType();
  EXPECT_EQ(ValidateMeta(type, c.resource_name, c.mesh).Violations(), c.want);
}

INSTANTIATE_TEST_SUITE_P(
    MetaName, MetaValidatorTest,
    ::testing::Values(MetaCase{"Simple", false, "default", "", {}},
                      MetaCase{"DotsAreASubdomain", false, "aa.a", "", {}},
                      MetaCase{"DigitsFirst", false, "1mesh", "", {}},
                      MetaCase{"Longest", false, std::string(253, 'a'), "", {}},
                      MetaCase{"Empty", false, "", "", {{"name", "cannot be empty"}}},
                      MetaCase{"TooLong",
                               false,
                               std::string(254, 'a'),
                               "",
                               {{"name", "value length must less or equal 253"}}},
                      MetaCase{"TooLongWinsOverCharacters",
                               false,
                               std::string(254, 'A'),
                               "",
                               {{"name", "value length must less or equal 253"}}},
                      MetaCase{"UpperCase", false, "Default", "", {{"name", kRfc1123Message}}},
                      MetaCase{"Underscore", false, "my_mesh", "", {{"name", kRfc1123Message}}},
                      MetaCase{"LeadingDash", false, "-mesh", "", {{"name", kRfc1123Message}}},
                      MetaCase{"TrailingDot", false, "mesh.", "", {{"name", kRfc1123Message}}},
                      MetaCase{"DoubleDot", false, "a..b", "", {{"name", kRfc1123Message}}},
                      MetaCase{"TrailingNewline", false, "mesh\n", "", {{"name", kRfc1123Message}}},
                      MetaCase{"GlobalKindIgnoresMesh", false, "default", "Not Valid", {}}),
    [](const auto& info) { return info.param.name; });

INSTANTIATE_TEST_SUITE_P(
    MetaMesh, MetaValidatorTest,
    ::testing::Values(MetaCase{"Valid", true, "dp-1", "default", {}},
                      MetaCase{"LegacyUnderscoreIsAllowed", true, "dp-1", "my_mesh", {}},
                      MetaCase{"Empty", true, "dp-1", "", {{"mesh", "cannot be empty"}}},
                      MetaCase{
                          "UpperCase", true, "dp-1", "Default", {{"mesh", kLegacyMeshMessage}}},
                      MetaCase{"TooLong",
                               true,
                               "dp-1",
                               std::string(254, 'm'),
                               {{"mesh", "value length must less or equal 253"}}},
                      MetaCase{"NameBeforeMesh",
                               true,
                               "DP",
                               "",
                               {{"name", kRfc1123Message}, {"mesh", "cannot be empty"}}}),
    [](const auto& info) { return info.param.name; });

struct LabelCase {
  std::string name;
  Labels labels;
  std::vector<Violation> want;
};

void PrintTo(const LabelCase& c, std::ostream* os) { *os << c.name; }

class LabelValidatorTest : public ::testing::TestWithParam<LabelCase> {};

TEST_P(LabelValidatorTest, ChecksKubernetesLabelSyntaxAndOrigin) {
  const LabelCase& c = GetParam();
  EXPECT_EQ(ValidateLabels(c.labels).Violations(), c.want);
}

INSTANTIATE_TEST_SUITE_P(
    LabelSyntax, LabelValidatorTest,
    ::testing::Values(
        LabelCase{"None", {}, {}},
        LabelCase{"Valid",
                  {{"team", "core"},
                   {"kuma.io/origin", "zone"},
                   {"kuma.io/zone", "zone-1"},
                   {"k8s.kuma.io/namespace", "kuma-demo"},
                   {"Example.Key_1", "My.Value-2_x"},
                   {"empty-value", ""},
                   {"kuma.io/display-name", std::string(63, 'x')}},
                  {}},
        LabelCase{"GlobalOrigin", {{"kuma.io/origin", "global"}}, {}},
        LabelCase{"UnknownOrigin",
                  {{"kuma.io/origin", "federated"}},
                  {{"labels[\"kuma.io/origin\"]", "unknown resource origin \"federated\""}}},
        LabelCase{"EmptyOrigin",
                  {{"kuma.io/origin", ""}},
                  {{"labels[\"kuma.io/origin\"]", "unknown resource origin \"\""}}},
        LabelCase{"OriginFirstWhateverTheKeyOrder",
                  {{"a b", "x"}, {"kuma.io/origin", "Zone!"}},
                  {{"labels[\"kuma.io/origin\"]", "unknown resource origin \"Zone!\""},
                   {"labels[\"a b\"]", kNamePartMessage},
                   {"labels[\"kuma.io/origin\"]", kLabelValueMessage}}},
        LabelCase{"KeyWithSpace", {{"my key", "v"}}, {{"labels[\"my key\"]", kNamePartMessage}}},
        LabelCase{"KeyEndingWithDash", {{"team-", "v"}}, {{"labels[\"team-\"]", kNamePartMessage}}},
        LabelCase{"KeyNameTooLong",
                  {{std::string(64, 'k'), "v"}},
                  {{"labels[\"" + std::string(64, 'k') + "\"]",
                    "name part must be no more than 63 characters"}}},
        LabelCase{"EmptyPrefix",
                  {{"/team", "v"}},
                  {{"labels[\"/team\"]", "prefix part must be non-empty"}}},
        LabelCase{"InvalidPrefix",
                  {{"Kuma.io/team", "v"}},
                  {{"labels[\"Kuma.io/team\"]", kPrefixMessage}}},
        LabelCase{"PrefixTooLong",
                  {{std::string(254, 'p') + "/team", "v"}},
                  {{"labels[\"" + std::string(254, 'p') + "/team\"]",
                    "prefix part must be no more than 253 characters"}}},
        LabelCase{"EmptyNamePart",
                  {{"kuma.io/", "v"}},
                  {{"labels[\"kuma.io/\"]", "name part must be non-empty"},
                   {"labels[\"kuma.io/\"]", kNamePartMessage}}},
        LabelCase{
            "TwoSlashes",
            {{"a/b/c", "v"}},
            {{"labels[\"a/b/c\"]",
              "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and "
              "must start and end with an alphanumeric character (e.g. 'MyName',  or "
              "'my.name',  or '123-abc', regex used for validation is "
              "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain "
              "prefix and '/' (e.g. 'example.com/MyName')"}}},
        LabelCase{
            "ValueWithSpace", {{"team", "core team"}}, {{"labels[\"team\"]", kLabelValueMessage}}},
        LabelCase{"ValueTooLong",
                  {{"team", std::string(64, 'v')}},
                  {{"labels[\"team\"]", "must be no more than 63 characters"}}},
        LabelCase{"KeyErrorsBeforeValueErrors",
                  {{"bad key", "bad value"}},
                  {{"labels[\"bad key\"]", kNamePartMessage},
                   {"labels[\"bad key\"]", kLabelValueMessage}}},
        LabelCase{"KeysInSortedOrder",
                  {{"z!", "v"}, {"a!", "v"}},
                  {{"labels[\"a!\"]", kNamePartMessage}, {"labels[\"z!\"]", kNamePartMessage}}},
        LabelCase{"KeyIsGoQuoted", {{"a\"b", "v"}}, {{"labels[\"a\\\"b\"]", kNamePartMessage}}}),
    [](const auto& info) { return info.param.name; });

Resource MeshNamed(const std::string& name, const Labels& labels = {}) {
  Resource r(MeshType());
  r.meta().name = name;
  r.meta().labels = labels;
  return r;
}

TEST(MetaNameDeprecationTest, GoldenForDottedName) {
  EXPECT_EQ(NameDeprecationWarnings(MeshNamed("aa.a")),
            std::vector<std::string>{
                "Invalid Mesh resource name: 'aa.a'. It does not conform to the DNS format (RFC "
                "1035). This is deprecated. Errors: a DNS-1035 label must consist of lower case "
                "alphanumeric characters or '-', start with an alphabetic character, and end with "
                "an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for "
                "validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"});
}

TEST(MetaNameDeprecationTest, NoWarningForADns1035Label) {
  EXPECT_TRUE(NameDeprecationWarnings(MeshNamed("default")).empty());
  EXPECT_TRUE(NameDeprecationWarnings(MeshNamed("a")).empty());
  EXPECT_TRUE(NameDeprecationWarnings(MeshNamed("mesh-1")).empty());
  EXPECT_TRUE(NameDeprecationWarnings(MeshNamed(std::string(63, 'm'))).empty());
}

TEST(MetaNameDeprecationTest, LeadingDigitIsNotADns1035Label) {
  std::vector<std::string> w = NameDeprecationWarnings(MeshNamed("1mesh"));
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0],
            "Invalid Mesh resource name: '1mesh'. It does not conform to the DNS format "
            "(RFC 1035). This is deprecated. Errors: " +
                std::string(kDns1035Message));
}

TEST(MetaNameDeprecationTest, BothErrorsJoinedBySemicolon) {
  std::string name = std::string(63, 'a') + ".b";
  std::vector<std::string> w = NameDeprecationWarnings(MeshNamed(name));
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0], "Invalid Mesh resource name: '" + name +
                      "'. It does not conform to the DNS format (RFC 1035). This is deprecated. "
                      "Errors: must be no more than 63 characters; " +
                      kDns1035Message);
}

TEST(MetaNameDeprecationTest, DisplayNameLabelIsUsedInsteadOfTheName) {
  std::vector<std::string> w =
      NameDeprecationWarnings(MeshNamed("valid-name", {{"kuma.io/display-name", "aa.a"}}));
  ASSERT_EQ(w.size(), 1u);
  EXPECT_NE(w[0].find("Invalid Mesh resource name: 'aa.a'."), std::string::npos) << w[0];
  EXPECT_TRUE(
      NameDeprecationWarnings(MeshNamed("aa.a", {{"kuma.io/display-name", "good"}})).empty());
}

TEST(MetaNameDeprecationTest, UsesTheKindsName) {
  ResourceTypeDescriptor type = MeshScopedType();
  Resource r(type);
  r.meta().name = "dp.1";
  std::vector<std::string> w = NameDeprecationWarnings(r);
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0].rfind("Invalid Dataplane resource name: 'dp.1'.", 0), 0u) << w[0];
}

TEST(MetaNameDeprecationTest, MeshKindReportsItsWarnings) {
  Resource r = MeshNamed("aa.a");
  ASSERT_TRUE(MeshType().deprecations);
  EXPECT_EQ(MeshType().deprecations(r), NameDeprecationWarnings(r));
}

}  // namespace
}  // namespace meshplane
