#include <gtest/gtest.h>

#include "cli_fixture.h"

namespace meshplane {
namespace {

TEST_F(CliTest, DeleteMesh) {
  CreateMesh(R"({"type":"Mesh","name":"doomed"})");
  CliRun run = Cli({"delete", "mesh", "doomed"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "deleted Mesh \"doomed\"\n");
  EXPECT_FALSE(StoredMesh("doomed").has_value());

  run = Cli({"delete", "mesh", "doomed"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err, "Error: there is no Mesh with name \"doomed\"\n");
}

TEST_F(CliTest, DeleteUnknownType) {
  CliRun run = Cli({"delete", "widget", "x"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err.rfind("Error: unknown TYPE: widget. Allowed values: ", 0), 0u) << run.err;
  EXPECT_NE(run.err.find("mesh"), std::string::npos) << run.err;
}

class ReadOnlyCliTest : public CliTest {
 protected:
  void SetUp() override {
    ApiServerOptions options;
    options.read_only = true;
    StartServer(options);
  }
};

TEST_F(ReadOnlyCliTest, DeleteRefusedByTheServer) {
  CreateMesh(R"({"type":"Mesh","name":"kept"})");
  CliRun run = Cli({"delete", "mesh", "kept"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err.rfind("Error: failed to delete Mesh with the name \"kept\": ", 0), 0u)
      << run.err;
  EXPECT_NE(run.err.find("On zone control plane you can only modify zone resources"),
            std::string::npos)
      << run.err;
  EXPECT_TRUE(StoredMesh("kept").has_value());
}

TEST_F(CliTest, ValidateIsOfflineAndReportsEveryDocument) {
  const std::string input =
      "type: Mesh\nname: good\nextra: 1\n"
      "---\n"
      "type: Mesh\nname: bad\nmtls:\n  enabledBackend: missing\n"
      "---\n"
      "apiVersion: kuma.io/v1alpha1\nkind: Mesh\nmetadata:\n  name: k8s-good\n";
  CliRun run = RunProcess({"validate", "-f", "-", "--api-url", UnreachableUrl()}, input);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out,
            "resource[0] type=\"Mesh\" name=\"good\": valid\n"
            "resource[2] type=\"Mesh\" name=\"k8s-good\": valid\n");
  EXPECT_EQ(run.err,
            "Warning: resource[0]: unknown field \"extra\"\n"
            "resource[1]: failed to parse resource: mtls.enabledBackend: has to be set to one of "
            "the backends in the mesh\n"
            "Error: failed to validate some resources\n");
}

TEST_F(CliTest, ValidateSucceedsWhenEverythingIsValid) {
  std::string file = WriteFile("ok.yaml", "type: Mesh\nname: {{name}}\n");
  CliRun run = RunProcess({"validate", "-f", file, "-v", "name=ok", "--api-url", UnreachableUrl()});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "resource[0] type=\"Mesh\" name=\"ok\": valid\n");
  EXPECT_EQ(run.err, "");
  EXPECT_FALSE(StoredMesh("ok").has_value());
}

}  // namespace
}  // namespace meshplane
