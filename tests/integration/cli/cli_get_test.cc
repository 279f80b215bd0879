#include <gtest/gtest.h>

#include <regex>
#include <sstream>

#include "cli_fixture.h"
#include "core/yaml_json.h"

namespace meshplane {
namespace {

// Replaces the AGE column (the last one) of every row but the header with "<age>" after
// checking that it is a fresh age such as "0s" or "3s".
std::string WithAgesMasked(const std::string& table) {
  static const std::regex kAge(R"(\b[0-9]+s$)");
  std::string out;
  std::istringstream in(table);
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (!header && !line.empty() && line.rfind("Rerun", 0) != 0) {
      EXPECT_TRUE(std::regex_search(line, kAge)) << line;
      line = std::regex_replace(line, kAge, "<age>");
    }
    header = false;
    out += line + "\n";
  }
  return out;
}

TEST_F(CliTest, GetMeshesPrintsKumactlTable) {
  CreateMesh(R"({"type":"Mesh","name":"default"})");
  CreateMesh(R"({"type":"Mesh","name":"secure-and-local",
                 "mtls":{"enabledBackend":"ca-1","backends":[{"name":"ca-1","type":"builtin"}]},
                 "routing":{"localityAwareLoadBalancing":true,"zoneEgress":true}})");
  CliRun run = Cli({"get", "meshes"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(WithAgesMasked(run.out),
            "NAME               mTLS           LOCALITY   ZONEEGRESS   AGE\n"
            "default            off            off        off          <age>\n"
            "secure-and-local   builtin/ca-1   on         on           <age>\n");
}

TEST_F(CliTest, GetMeshesWithNoMeshesPrintsTheHeader) {
  CliRun run = Cli({"get", "meshes"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "NAME   mTLS   LOCALITY   ZONEEGRESS   AGE\n");
}

TEST_F(CliTest, GetMeshesPaginates) {
  for (const char* name : {"a", "b", "c"}) {
    CreateMesh(std::string(R"({"type":"Mesh","name":")") + name + "\"}");
  }
  CliRun run = Cli({"get", "meshes", "--size", "2"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(WithAgesMasked(run.out),
            "NAME   mTLS   LOCALITY   ZONEEGRESS   AGE\n"
            "a      off    off        off          <age>\n"
            "b      off    off        off          <age>\n"
            "\n"
            "Rerun command with --offset=2 argument to retrieve more resources\n");

  run = Cli({"get", "meshes", "--size", "2", "--offset", "2"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(WithAgesMasked(run.out),
            "NAME   mTLS   LOCALITY   ZONEEGRESS   AGE\n"
            "c      off    off        off          <age>\n");
}

TEST_F(CliTest, GetMeshesJsonAndYamlAreTheRestList) {
  CreateMesh(R"({"type":"Mesh","name":"demo","routing":{"zoneEgress":false,
                 "localityAwareLoadBalancing":true}})");
  CliRun json_run = Cli({"get", "meshes", "-o", "json"});
  EXPECT_EQ(json_run.exit_code, 0) << json_run.err;
  Json list = Json::parse(json_run.out);
  EXPECT_EQ(list["total"], 1);
  EXPECT_TRUE(list["next"].is_null());
  ASSERT_EQ(list["items"].size(), 1u);
  EXPECT_EQ(list["items"][0]["name"], "demo");
  EXPECT_EQ(list["items"][0]["kri"], "kri_m____demo_");
  EXPECT_EQ(list["items"][0]["routing"]["localityAwareLoadBalancing"], true);
  // Two-space indentation, keys in the server's order.
  EXPECT_EQ(json_run.out.rfind("{\n  \"total\": 1,\n  \"items\": [\n", 0), 0u) << json_run.out;

  CliRun yaml_run = Cli({"get", "meshes", "--output", "yaml"});
  EXPECT_EQ(yaml_run.exit_code, 0) << yaml_run.err;
  EXPECT_EQ(yaml_run.out.rfind("items:\n- creationTime: ", 0), 0u) << yaml_run.out;
  EXPECT_NE(yaml_run.out.find("\nnext: null\ntotal: 1\n"), std::string::npos) << yaml_run.out;
  auto parsed = YamlToJson(yaml_run.out);
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  // Same content; YAML sorts the keys.
  EXPECT_EQ(nlohmann::json::parse((*parsed)["items"][0].dump()),
            nlohmann::json::parse(list["items"][0].dump()));
}

TEST_F(CliTest, GetMeshPrintsOneResource) {
  CreateMesh(R"({"type":"Mesh","name":"demo","labels":{"team":"core"},
                 "mtls":{"enabledBackend":"ca-1","backends":[{"name":"ca-1","type":"builtin"}]}})");
  CliRun run = Cli({"get", "mesh", "demo"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(WithAgesMasked(run.out),
            "NAME   mTLS           LOCALITY   ZONEEGRESS   AGE\n"
            "demo   builtin/ca-1   off        off          <age>\n");

  run = Cli({"get", "mesh", "demo", "-o", "yaml"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  // Meta first (sorted), then the spec.
  std::regex layout(
      "creationTime: \"?[0-9TZ:.-]+\"?\nkri: kri_m____demo_\nlabels:\n  team: core\n"
      "modificationTime: \"?[0-9TZ:.-]+\"?\nname: demo\ntype: Mesh\nmtls:\n  backends:\n"
      "  - name: ca-1\n    type: builtin\n  enabledBackend: ca-1\n");
  EXPECT_TRUE(std::regex_match(run.out, layout)) << run.out;

  run = Cli({"get", "mesh", "demo", "-o", "json"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  Json mesh = Json::parse(run.out);
  EXPECT_EQ(mesh["type"], "Mesh");
  EXPECT_EQ(mesh["labels"]["team"], "core");
  EXPECT_EQ(mesh["mtls"]["enabledBackend"], "ca-1");
}

TEST_F(CliTest, GetMissingMesh) {
  CliRun run = Cli({"get", "mesh", "nope"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err, "Error: No resources found\n");
}

TEST_F(CliTest, GetReportsServerErrors) {
  CliRun run = Cli({"get", "meshes", "--size", "5000"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err,
            "Error: failed to list Mesh: Could not retrieve resources (Invalid page size);"
            "size=invalid page size of 5000. Maximum page size is 1000 \n");
}

TEST_F(CliTest, GetRejectsUnknownKindsAndFormats) {
  CliRun run = Cli({"get", "widgets"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err,
            "Error: unknown command \"widgets\" for \"meshplane get\"; see 'meshplane get "
            "--help'\n");

  run = Cli({"get", "mesh", "a", "b"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err, "Error: unexpected argument \"b\" for \"meshplane get mesh\"\n");

  run = Cli({"get", "mesh"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("NAME is required"), std::string::npos) << run.err;

  run = Cli({"get", "meshes", "-o", "xml"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err, "Error: unknown output format \"xml\"\n");
}

TEST_F(CliTest, ApiUrlFromTheEnvironment) {
  CreateMesh(R"({"type":"Mesh","name":"via-env"})");
  CliRun run = RunProcess({"get", "meshes", "-o", "json"}, "", {"MESHPLANE_API_URL=" + api_url_});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("\"via-env\""), std::string::npos) << run.out;
}

TEST_F(CliTest, UnreachableServer) {
  CliRun run = RunProcess({"get", "meshes", "--api-url", UnreachableUrl()});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err.rfind("Error: failed to list Mesh: ", 0), 0u) << run.err;
}

TEST_F(CliTest, VersionPrintsClientAndServer) {
  CliRun run = Cli({"version"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out.rfind(std::string("Client: meshplane ") + MESHPLANE_VERSION + "\nServer: ", 0),
            0u)
      << run.out;
  EXPECT_EQ(run.err, "");

  run = RunProcess({"version", "--api-url", UnreachableUrl()});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out, std::string("Client: meshplane ") + MESHPLANE_VERSION + "\n");
  EXPECT_EQ(run.err.rfind("Unable to connect to control plane: ", 0), 0u) << run.err;
}

}  // namespace
}  // namespace meshplane
