// `meshplane get dataplanes`, `get dataplane NAME`, `inspect dataplanes` and `get zoneegresses`
// against a real API server, through the real binary.
#include <gtest/gtest.h>

#include <regex>

#include "cli_fixture.h"

namespace meshplane {
namespace {

std::string MaskAges(const std::string& text) {
  static const std::regex kAge(R"(\b[0-9]+s\n)");
  return std::regex_replace(text, kAge, "<age>\n");
}

class CliDataplaneTest : public CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    CreateMesh(R"({"type":"Mesh","name":"default"})");
    CreateMesh(R"({"type":"Mesh","name":"other"})");
  }

  void Apply(const std::string& yaml) {
    CliRun run = Cli({"apply", "-f", WriteFile("r.yaml", yaml)});
    ASSERT_EQ(run.exit_code, 0) << run.err;
  }
};

TEST_F(CliDataplaneTest, GetDataplanesPrintsKumactlColumns) {
  Apply(R"(type: Dataplane
mesh: default
name: web-1
networking:
  address: 10.0.0.1
  advertisedAddress: 203.0.113.1
  inbound:
  - port: 8080
    tags: {kuma.io/service: web, version: v1}
  - port: 8081
    tags: {kuma.io/service: web-admin, version: v1}
)");
  Apply(R"(type: Dataplane
mesh: default
name: backend-1
networking:
  address: 10.0.0.2
  inbound:
  - port: 8080
    tags: {kuma.io/service: backend}
)");
  Apply(R"(type: Dataplane
mesh: other
name: web-1
networking:
  address: 10.0.0.3
  inbound:
  - port: 8080
    tags: {kuma.io/service: web}
)");

  CliRun run = Cli({"get", "dataplanes"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(MaskAges(run.out),
            "MESH      NAME        TAGS                                                            "
            "ADDRESS       AGE\n"
            "default   backend-1   kuma.io/service=backend kuma.io/zone=default                    "
            "10.0.0.2      <age>\n"
            "default   web-1       kuma.io/service=web,web-admin kuma.io/zone=default version=v1   "
            "203.0.113.1   <age>\n");

  run = Cli({"get", "dataplanes", "--tag", "kuma.io/service=admin"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("web-1"), std::string::npos);
  EXPECT_EQ(run.out.find("backend-1"), std::string::npos);

  run = Cli({"get", "dataplanes", "--mesh", "other", "-o", "json"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  Json list = Json::parse(run.out);
  EXPECT_EQ(list["total"], 1);
  EXPECT_EQ(list["items"][0]["networking"]["address"], "10.0.0.3");

  run = Cli({"get", "dataplanes", "--tag", "novalue"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err,
            "Error: invalid argument \"novalue\" for \"--tag\" flag: novalue must be formatted as "
            "key=value\n");
}

TEST_F(CliDataplaneTest, GetDataplaneShowsOneAndReportsMissingOnes) {
  Apply(R"(type: Dataplane
mesh: other
name: dp-1
networking:
  address: 10.0.0.3
  inbound:
  - port: 8080
    tags: {kuma.io/service: web}
)");
  CliRun run = Cli({"get", "dataplane", "dp-1", "--mesh", "other"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("other   dp-1   kuma.io/service=web kuma.io/zone=default   10.0.0.3"),
            std::string::npos)
      << run.out;
  run = Cli({"get", "dataplane", "dp-1"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err, "Error: No resources found in default mesh\n");
}

TEST_F(CliDataplaneTest, ApplyRejectedByMembershipShowsKumasMessage) {
  CreateMesh(R"({"type":"Mesh","name":"strict",
                 "constraints":{"dataplaneProxy":{"restrictions":[{"tags":{"legacy":"*"}}]}}})");
  CliRun run = Cli({"apply", "-f", WriteFile("dp.yaml", R"(type: Dataplane
mesh: strict
name: old-1
networking:
  address: 10.0.0.3
  inbound:
  - port: 8080
    tags: {kuma.io/service: web, legacy: "true"}
)")});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err,
            "Error: resource type=\"Dataplane\" mesh=\"strict\" name=\"old-1\": failed server "
            "side: Failed to create a resource (Resource is not valid);"
            "networking.inbound[0].tags=dataplane cannot be a member of mesh \"strict\" because "
            "its tags \"kuma.io/service=web kuma.io/zone=default legacy=true\" matches restricted "
            "tags \"legacy=*\" defined on the Mesh \n");
}

TEST_F(CliDataplaneTest, InspectDataplanesShowsOfflineUntilProxiesConnect) {
  Apply(R"(type: Dataplane
mesh: default
name: web-1
networking:
  address: 10.0.0.1
  inbound:
  - port: 8080
    tags: {kuma.io/service: web}
)");
  CliRun run = Cli({"inspect", "dataplanes"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out,
            "MESH      NAME    TAGS                                       STATUS    "
            "LAST CONNECTED AGO   LAST UPDATED AGO   TOTAL UPDATES   TOTAL ERRORS   "
            "CERT REGENERATED AGO   CERT EXPIRATION   CERT REGENERATIONS   KUMA-DP VERSION   "
            "ENVOY VERSION\n"
            "default   web-1   kuma.io/service=web kuma.io/zone=default   Offline   "
            "-                    -                  -               -              "
            "-                      -                 -                    -                 "
            "-\n");
  run = Cli({"inspect", "dataplanes", "--tag", "kuma.io/service=nothing"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out.find("web-1"), std::string::npos);
}

TEST_F(CliDataplaneTest, ZoneEgressesByEitherName) {
  Apply(R"(type: ZoneEgress
name: ze-1
networking:
  address: 192.168.0.1
  port: 10002
)");
  for (const char* arg : {"zoneegresses", "zone-egresses"}) {
    CliRun run = Cli({"get", arg});
    EXPECT_EQ(run.exit_code, 0) << run.err;
    EXPECT_EQ(MaskAges(run.out), "NAME   AGE\nze-1   <age>\n") << arg;
  }
  CliRun run = Cli({"get", "zone-egress", "ze-1", "-o", "yaml"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("port: 10002"), std::string::npos) << run.out;
  run = Cli({"delete", "zone-egress", "ze-1"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "deleted ZoneEgress \"ze-1\"\n");
}

}  // namespace
}  // namespace meshplane
