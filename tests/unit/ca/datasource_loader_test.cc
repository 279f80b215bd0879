#include "ca/datasource_loader.h"

#include <gtest/gtest.h>

#include "ca/datasource_validator.h"
#include "core/json_proto.h"
#include "unit/ca/test_pki.h"
#include "unit/ca/test_printers.h"

namespace meshplane {
namespace {

using kuma::system::v1alpha1::DataSource;

DataSource Source(const char* json) {
  DataSource source;
  Status st = JsonToMessage(Json::parse(json), &source, nullptr);
  EXPECT_TRUE(st.ok()) << st.message();
  return source;
}

TEST(DataSourceLoaderTest, LoadsInlineBytesAndInlineString) {
  DataSourceLoader loader(MissingSecretLookup());
  auto inline_bytes = loader.Load("default", Source(R"({"inline": "aGVsbG8="})"));
  ASSERT_TRUE(inline_bytes.ok()) << inline_bytes.status().message();
  EXPECT_EQ(*inline_bytes, "hello");
  auto inline_string = loader.Load("default", Source(R"({"inlineString": "-----BEGIN"})"));
  ASSERT_TRUE(inline_string.ok());
  EXPECT_EQ(*inline_string, "-----BEGIN");
}

TEST(DataSourceLoaderTest, LoadsFile) {
  test_pki::TempDir dir;
  std::string path = dir.WriteFile("ca.pem", std::string("line1\nline2\0tail", 16));
  DataSourceLoader loader(MissingSecretLookup());
  DataSource source;
  source.set_file(path);
  auto data = loader.Load("default", source);
  ASSERT_TRUE(data.ok()) << data.status().message();
  EXPECT_EQ(*data, std::string("line1\nline2\0tail", 16));
}

TEST(DataSourceLoaderTest, MissingFileHasGoText) {
  test_pki::TempDir dir;
  DataSourceLoader loader(MissingSecretLookup());
  DataSource source;
  source.set_file(dir.path() + "/missing.pem");
  auto data = loader.Load("default", source);
  ASSERT_FALSE(data.ok());
  EXPECT_EQ(data.status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(data.status().message(),
            "could not load data: open " + dir.path() + "/missing.pem: no such file or directory");
}

TEST(DataSourceLoaderTest, DirectoryFailsAtRead) {
  test_pki::TempDir dir;
  DataSourceLoader loader(MissingSecretLookup());
  DataSource source;
  source.set_file(dir.path());
  auto data = loader.Load("default", source);
  ASSERT_FALSE(data.ok());
  EXPECT_EQ(data.status().message(),
            "could not load data: read " + dir.path() + ": is a directory");
}

TEST(DataSourceLoaderTest, MissingSecretHasKumaText) {
  DataSourceLoader loader(MissingSecretLookup());
  auto data = loader.Load("demo", Source(R"({"secret": "ca-cert"})"));
  ASSERT_FALSE(data.ok());
  EXPECT_EQ(data.status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(data.status().message(),
            R"(could not load data: resource not found: type="Secret" name="ca-cert" mesh="demo")");
}

TEST(DataSourceLoaderTest, SecretsComeFromTheLookupInTheGivenMesh) {
  std::string asked_mesh;
  DataSourceLoader loader(
      [&](const std::string& mesh, const std::string& name) -> Result<std::string> {
        asked_mesh = mesh;
        if (name == "ca-cert") {
          return std::string("secret bytes");
        }
        return SecretNotFound(mesh, name);
      });
  auto data = loader.Load("demo", Source(R"({"secret": "ca-cert"})"));
  ASSERT_TRUE(data.ok());
  EXPECT_EQ(*data, "secret bytes");
  EXPECT_EQ(asked_mesh, "demo");
}

TEST(DataSourceLoaderTest, LookupFailuresKeepTheirCode) {
  DataSourceLoader loader([](const std::string&, const std::string&) -> Result<std::string> {
    return Status::Unavailable("database is locked");
  });
  auto data = loader.Load("demo", Source(R"({"secret": "ca-cert"})"));
  ASSERT_FALSE(data.ok());
  EXPECT_EQ(data.status().code(), ErrorCode::kUnavailable);
  EXPECT_EQ(data.status().message(), "could not load data: database is locked");
}

TEST(DataSourceLoaderTest, UnsetSourceIsUnsupported) {
  DataSourceLoader loader(MissingSecretLookup());
  auto data = loader.Load("demo", DataSource());
  ASSERT_FALSE(data.ok());
  EXPECT_EQ(data.status().message(), "unsupported type of the DataSource");
}

std::vector<Violation> Violations(const char* json) {
  return ValidateDataSource(Source(json)).Violations();
}

TEST(DataSourceValidatorTest, KumaShapeRules) {
  EXPECT_EQ(Violations("{}"),
            (std::vector<Violation>{
                {"", "data source has to be chosen. Available sources: secret, file, inline"}}));
  EXPECT_EQ(Violations(R"({"secret": null})"),
            (std::vector<Violation>{
                {"", "data source has to be chosen. Available sources: secret, file, inline"}}));
  EXPECT_EQ(Violations(R"({"secret": ""})"),
            (std::vector<Violation>{{"secret", "cannot be empty"}}));
  EXPECT_EQ(Violations(R"({"file": ""})"), (std::vector<Violation>{{"file", "cannot be empty"}}));
  EXPECT_EQ(Violations(R"({"inline": ""})"),
            (std::vector<Violation>{{"inline", "cannot be empty"}}));
  // An empty inlineString passes here; it fails later as material.
  EXPECT_TRUE(Violations(R"({"inlineString": ""})").empty());
  EXPECT_TRUE(Violations(R"({"secret": "s"})").empty());
  EXPECT_TRUE(Violations(R"({"file": "/f"})").empty());
  EXPECT_TRUE(Violations(R"({"inline": "eA=="})").empty());
}

}  // namespace
}  // namespace meshplane
