#include <gtest/gtest.h>

#include "cli_fixture.h"
#include "http/http_server.h"
#include "mesh/v1alpha1/mesh.pb.h"

namespace meshplane {
namespace {

using kuma::mesh::v1alpha1::Mesh;

const Mesh& SpecOf(const Resource& r) { return r.SpecAs<Mesh>(); }

// Kuma quotes timestamp-like strings in YAML; whether JsonToYaml does is not this test's
// concern, so compare without those quotes.
std::string WithoutTimeQuotes(std::string text) {
  const std::string quoted = "\"0001-01-01T00:00:00Z\"";
  for (size_t p; (p = text.find(quoted)) != std::string::npos;) {
    text.replace(p, quoted.size(), "0001-01-01T00:00:00Z");
  }
  return text;
}

TEST_F(CliTest, ApplyCreatesThenUpdates) {
  std::string file = WriteFile("demo.yaml", "type: Mesh\nname: demo\n");
  CliRun run = Cli({"apply", "-f", file});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "resource type=\"Mesh\" mesh=\"\" name=\"demo\" Created\n");
  EXPECT_EQ(run.err, "");
  ASSERT_TRUE(StoredMesh("demo").has_value());
  EXPECT_FALSE(SpecOf(*StoredMesh("demo")).routing().localityawareloadbalancing());

  file = WriteFile("demo.yaml",
                   "type: Mesh\nname: demo\nlabels:\n  team: core\nrouting:\n"
                   "  localityAwareLoadBalancing: true\n");
  run = Cli({"apply", "-f", file});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "resource type=\"Mesh\" mesh=\"\" name=\"demo\" Updated\n");
  auto stored = StoredMesh("demo");
  ASSERT_TRUE(stored.has_value());
  EXPECT_TRUE(SpecOf(*stored).routing().localityawareloadbalancing());
  EXPECT_EQ(stored->meta().labels.at("team"), "core");
}

TEST_F(CliTest, ApplyMultipleDocumentsFromStdinInOrder) {
  CliRun run = Cli({"apply", "-f", "-"},
                   "# meshes for the demo\n"
                   "type: Mesh\nname: first\n"
                   "---\n"
                   "# a comment-only document is skipped\n"
                   "---\n"
                   "type: Mesh\nname: second\n");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out,
            "resource type=\"Mesh\" mesh=\"\" name=\"first\" Created\n"
            "resource type=\"Mesh\" mesh=\"\" name=\"second\" Created\n");
  EXPECT_TRUE(StoredMesh("first").has_value());
  EXPECT_TRUE(StoredMesh("second").has_value());
}

TEST_F(CliTest, ApplyDirectoryAppliesItsManifestsInNameOrder) {
  WriteFile("dir/02-b.yml", "type: Mesh\nname: b\n");
  WriteFile("dir/01-a.yaml", "type: Mesh\nname: a\n");
  WriteFile("dir/README.md", "type: Mesh\nname: ignored\n");
  CliRun run = Cli({"apply", "-f", (tmp_ / "dir").string()});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out,
            "resource type=\"Mesh\" mesh=\"\" name=\"a\" Created\n"
            "resource type=\"Mesh\" mesh=\"\" name=\"b\" Created\n");
  EXPECT_FALSE(StoredMesh("ignored").has_value());
}

TEST_F(CliTest, ApplyKubernetesShape) {
  CliRun run = Cli({"apply", "-f", "-"},
                   "apiVersion: kuma.io/v1alpha1\n"
                   "kind: Mesh\n"
                   "metadata:\n"
                   "  name: from-k8s\n"
                   "spec:\n"
                   "  mtls:\n"
                   "    enabledBackend: ca-1\n"
                   "    backends:\n"
                   "    - name: ca-1\n"
                   "      type: builtin\n");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "resource type=\"Mesh\" mesh=\"\" name=\"from-k8s\" Created\n");
  auto stored = StoredMesh("from-k8s");
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(SpecOf(*stored).mtls().enabledbackend(), "ca-1");
}

TEST_F(CliTest, ApplyFromUrl) {
  HttpServerOptions options;
  options.address = "127.0.0.1";
  HttpServer files(options, [](const HttpServerRequest& req) {
    if (req.path == "/mesh.yaml") {
      return HttpServerResponse::Text(200, "type: Mesh\nname: from-url\n");
    }
    return HttpServerResponse::Text(404, "not found");
  });
  ASSERT_TRUE(files.Start().ok());
  const std::string base = "http://127.0.0.1:" + std::to_string(files.port());

  CliRun run = Cli({"apply", "-f", base + "/mesh.yaml"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "resource type=\"Mesh\" mesh=\"\" name=\"from-url\" Created\n");

  run = Cli({"apply", "-f", base + "/missing.yaml"});
  EXPECT_NE(run.exit_code, 0);
  EXPECT_EQ(run.err,
            "Error: error while retrieving URL " + base + "/missing.yaml: HTTP status 404\n");
  files.Shutdown(std::chrono::milliseconds(500));
}

TEST_F(CliTest, ApplyRendersVariables) {
  // skipCreatingInitialPolicies holds free-form strings, so it shows the rendering as is.
  const std::string tmpl =
      "type: {{type}}\n"
      "name: {{name}}\n"
      "labels:\n"
      "  zone: \"{{zone.name}}\"\n"
      "skipCreatingInitialPolicies:\n"
      "- \"{{note}}\"\n"
      "- \"{{{note}}}\"\n"
      "- \"{{&note}}\"\n"
      "- \"[{{nope}}]\"\n";
  CliRun run = Cli({"apply", "-f", WriteFile("t.yaml", tmpl), "-v", "type=Mesh", "--var",
                    "name=templated", "-v", "note=<a&b>", "-v", "zone.name=eu-1"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "resource type=\"Mesh\" mesh=\"\" name=\"templated\" Created\n");
  auto stored = StoredMesh("templated");
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->meta().labels.at("zone"), "eu-1");
  const auto& skip = SpecOf(*stored).skipcreatinginitialpolicies();
  ASSERT_EQ(skip.size(), 4);
  EXPECT_EQ(skip[0], "&lt;a&amp;b&gt;");
  EXPECT_EQ(skip[1], "<a&b>");
  EXPECT_EQ(skip[2], "<a&b>");
  EXPECT_EQ(skip[3], "[]");
}

TEST_F(CliTest, ApplyWithoutVariablesLeavesBracesAlone) {
  CliRun run = Cli({"apply", "-f", "-"},
                   "type: Mesh\nname: literal\nskipCreatingInitialPolicies:\n- \"{{name}}\"\n");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  auto stored = StoredMesh("literal");
  ASSERT_TRUE(stored.has_value());
  ASSERT_EQ(SpecOf(*stored).skipcreatinginitialpolicies_size(), 1);
  EXPECT_EQ(SpecOf(*stored).skipcreatinginitialpolicies(0), "{{name}}");
}

TEST_F(CliTest, DryRunPrintsResourcesWithoutContactingTheServer) {
  CliRun run = RunProcess(
      {"apply", "--dry-run", "-f", "-", "-v", "backend=ca-1", "--api-url", UnreachableUrl()},
      "type: Mesh\n"
      "name: dry\n"
      "mtls:\n"
      "  enabledBackend: {{backend}}\n"
      "  backends:\n"
      "  - name: {{backend}}\n"
      "    type: builtin\n"
      "---\n"
      "apiVersion: kuma.io/v1alpha1\n"
      "kind: Mesh\n"
      "metadata:\n"
      "  name: dry-k8s\n");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(WithoutTimeQuotes(run.out),
            "creationTime: 0001-01-01T00:00:00Z\n"
            "kri: kri_m____dry_\n"
            "modificationTime: 0001-01-01T00:00:00Z\n"
            "name: dry\n"
            "type: Mesh\n"
            "mtls:\n"
            "  backends:\n"
            "  - name: ca-1\n"
            "    type: builtin\n"
            "  enabledBackend: ca-1\n"
            "---\n"
            "creationTime: 0001-01-01T00:00:00Z\n"
            "kri: kri_m____dry-k8s_\n"
            "modificationTime: 0001-01-01T00:00:00Z\n"
            "name: dry-k8s\n"
            "type: Mesh\n");
  EXPECT_EQ(run.err, "");
  EXPECT_FALSE(StoredMesh("dry").has_value());
}

TEST_F(CliTest, ValidationFailureAppliesNothing) {
  CliRun run = Cli({"apply", "-f", "-"},
                   "type: Mesh\nname: good\n"
                   "---\n"
                   "type: Mesh\nname: bad-spec\nmtls:\n  enabledBackend: missing\n"
                   "---\n"
                   "type: Foo\nname: x\n"
                   "---\n"
                   "type: Mesh\nname: Not_Valid\n");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err,
            "resource[1]: failed to parse resource: mtls.enabledBackend: has to be set to one of "
            "the backends in the mesh\n"
            "resource[2]: failed to parse resource: invalid resource type \"Foo\"\n"
            "resource[3]: failed to read meta: name: invalid characters. A lowercase RFC 1123 "
            "subdomain must consist of lower case alphanumeric characters, '-' or '.', and must "
            "start and end with an alphanumeric character\n"
            "Error: failed to validate some resources\n");
  EXPECT_FALSE(StoredMesh("good").has_value());
}

TEST_F(CliTest, FirstServerErrorStopsTheRunInKumasFormat) {
  const std::string long_name(64, 'a');
  CliRun run =
      Cli({"apply", "-f", "-"}, "type: Mesh\nname: applied\n---\ntype: Mesh\nname: " + long_name +
                                    "\n---\ntype: Mesh\nname: never-reached\n");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "resource type=\"Mesh\" mesh=\"\" name=\"applied\" Created\n");
  EXPECT_EQ(run.err, "Error: resource type=\"Mesh\" mesh=\"\" name=\"" + long_name +
                         "\": failed server side: Failed to create a resource (Resource is not "
                         "valid);name=cannot be longer than 63 characters \n");
  EXPECT_TRUE(StoredMesh("applied").has_value());
  EXPECT_FALSE(StoredMesh("never-reached").has_value());
}

TEST_F(CliTest, UpdateRejectedByTheServer) {
  CreateMesh(R"({"type":"Mesh","name":"secure","mtls":{"enabledBackend":"ca-1",
                 "backends":[{"name":"ca-1","type":"builtin"}]}})");
  CliRun run = Cli({"apply", "-f", "-"},
                   "type: Mesh\nname: secure\nmtls:\n  enabledBackend: ca-2\n  backends:\n"
                   "  - name: ca-2\n    type: builtin\n");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err,
            "Error: resource type=\"Mesh\" mesh=\"\" name=\"secure\": failed server side: Failed "
            "to update a resource (Resource is not valid);mtls.enabledBackend=Changing CA when "
            "mTLS is enabled is forbidden. Disable mTLS first and then change the CA \n");
}

TEST_F(CliTest, ServerAndClientWarningsGoToStderr) {
  CliRun run = Cli({"apply", "-f", "-"}, "type: Mesh\nname: aa.a\nunknownKey: 1\n");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "resource type=\"Mesh\" mesh=\"\" name=\"aa.a\" Created\n");
  EXPECT_EQ(run.err,
            "Warning: resource[0]: unknown field \"unknownKey\"\n"
            "Warning: Invalid Mesh resource name: 'aa.a'. It does not conform to the DNS format "
            "(RFC 1035). This is deprecated. Errors: a DNS-1035 label must consist of lower case "
            "alphanumeric characters or '-', start with an alphabetic character, and end with an "
            "alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is "
            "'[a-z]([-a-z0-9]*[a-z0-9])?')\n");
}

TEST_F(CliTest, ApplyInputErrors) {
  CliRun run = Cli({"apply", "-f", "-"}, "");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err, "Error: no resource(s) passed to apply\n");

  const std::string missing = (std::filesystem::temp_directory_path() / "no-such-mesh.yaml");
  run = Cli({"apply", "-f", missing});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err, "Error: error while opening provided file: open " + missing +
                         ": no such file or directory\n");

  run = Cli({"apply"});
  EXPECT_NE(run.exit_code, 0);
  EXPECT_NE(run.err.find("--file is required"), std::string::npos) << run.err;
}

TEST_F(CliTest, ApplyToAnUnreachableServer) {
  CliRun run =
      RunProcess({"apply", "-f", "-", "--api-url", UnreachableUrl()}, "type: Mesh\nname: x\n");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err.rfind("Error: resource type=\"Mesh\" mesh=\"\" name=\"x\": ", 0), 0u)
      << run.err;
}

}  // namespace
}  // namespace meshplane
