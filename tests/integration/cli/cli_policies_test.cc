// Policies end to end: the real CLI binary against the real REST API.
#include <gtest/gtest.h>

#include "cli_fixture.h"

namespace meshplane {
namespace {

constexpr const char* kAllowFrontend = R"(type: MeshTrafficPermission
mesh: demo
name: allow-frontend
spec:
  targetRef:
    kind: MeshService
    name: backend
  from:
    - targetRef:
        kind: MeshSubset
        tags:
          kuma.io/service: frontend
      default:
        action: Allow
)";

TEST_F(CliTest, NewMeshComesWithItsInitialPolicies) {
  CreateMesh(R"({"type":"Mesh","name":"demo"})");
  CliRun run = Cli({"get", "meshretries", "--mesh", "demo"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("mesh-retry-all-demo"), std::string::npos) << run.out;

  run = Cli({"get", "meshtimeouts", "--mesh", "demo", "-o", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  Json list = Json::parse(run.out);
  ASSERT_EQ(list["items"].size(), 2u) << run.out;
  EXPECT_EQ(list["items"][0]["name"], "mesh-gateways-timeout-all-demo");
  EXPECT_EQ(list["items"][1]["name"], "mesh-timeout-all-demo");
  EXPECT_EQ(list["items"][1]["spec"]["from"][0]["default"]["idleTimeout"], "2h0m0s");

  run = Cli({"get", "meshcircuitbreaker", "mesh-circuit-breaker-all-demo", "--mesh", "demo", "-o",
             "yaml"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("maxConnections: 1024"), std::string::npos) << run.out;
}

TEST_F(CliTest, ApplyGetAndDeleteMeshTrafficPermission) {
  CreateMesh(R"({"type":"Mesh","name":"demo"})");
  CliRun run = Cli({"apply", "-f", "-"}, kAllowFrontend);
  ASSERT_EQ(run.exit_code, 0) << run.err;

  run = Cli({"get", "meshtrafficpermissions", "--mesh", "demo"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("allow-frontend"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("MeshService"), std::string::npos) << run.out;

  run = Cli({"get", "meshtrafficpermission", "allow-frontend", "--mesh", "demo", "-o", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  Json mtp = Json::parse(run.out);
  EXPECT_EQ(mtp["spec"]["from"][0]["default"]["action"], "Allow");
  EXPECT_EQ(mtp["spec"]["from"][0]["targetRef"]["tags"]["kuma.io/service"], "frontend");

  // The same name in another mesh is another resource.
  CreateMesh(R"({"type":"Mesh","name":"other"})");
  std::string other = kAllowFrontend;
  other.replace(other.find("mesh: demo"), 10, "mesh: other");
  run = Cli({"apply", "-f", "-"}, other);
  ASSERT_EQ(run.exit_code, 0) << run.err;

  run = Cli({"delete", "meshtrafficpermission", "allow-frontend", "--mesh", "demo"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  run = Cli({"get", "meshtrafficpermission", "allow-frontend", "--mesh", "demo"});
  EXPECT_EQ(run.exit_code, 1);
  run = Cli({"get", "meshtrafficpermission", "allow-frontend", "--mesh", "other"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
}

TEST_F(CliTest, InvalidMeshTrafficPermissionIsRefusedWithItsFieldPath) {
  CreateMesh(R"({"type":"Mesh","name":"demo"})");
  std::string bad = kAllowFrontend;
  bad.replace(bad.find("action: Allow"), 13, "action: Maybe");
  CliRun run = Cli({"apply", "-f", "-"}, bad);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("spec.from[0].default.action"), std::string::npos) << run.err;
  run = Cli({"get", "meshtrafficpermissions", "--mesh", "demo", "-o", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(Json::parse(run.out)["items"].empty()) << run.out;
}

TEST_F(CliTest, SkippedInitialPoliciesAreNotCreated) {
  CreateMesh(R"({"type":"Mesh","name":"lean","skipCreatingInitialPolicies":["*"]})");
  for (const char* kind : {"meshretries", "meshtimeouts", "meshcircuitbreakers"}) {
    CliRun run = Cli({"get", kind, "--mesh", "lean", "-o", "json"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    EXPECT_TRUE(Json::parse(run.out)["items"].empty()) << kind << ": " << run.out;
  }
  // The signing key is created even then.
  CliRun run = Cli({"get", "secrets", "--mesh", "lean"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("dataplane-token-signing-key-lean-1"), std::string::npos) << run.out;
}

}  // namespace
}  // namespace meshplane
