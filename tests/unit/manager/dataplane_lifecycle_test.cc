#include "manager/dataplane_lifecycle.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/json_proto.h"
#include "core/yaml_json.h"
#include "manager/dataplane_membership.h"
#include "manager/mesh_lifecycle.h"
#include "mesh/v1alpha1/dataplane.pb.h"
#include "resources/dataplane/dataplane_helpers.h"
#include "resources/dataplane/dataplane_type.h"
#include "resources/mesh/mesh_type.h"
#include "store/store_factory.h"
#include "unit/resources/mesh/mesh_yaml.h"

namespace meshplane {
namespace {

using kuma::mesh::v1alpha1::Dataplane;
using kuma::mesh::v1alpha1::Mesh;

template <typename T>
void FromYaml(const std::string& yaml, T* msg) {
  Result<Json> json = YamlToJson(testing::Dedent(yaml));
  ASSERT_TRUE(json.ok()) << json.status().message();
  if (json->is_null()) {
    return;
  }
  Status st = JsonToMessage(*json, msg, nullptr);
  ASSERT_TRUE(st.ok()) << st.message() << "\n" << yaml;
}

Resource DataplaneResource(const std::string& mesh, const std::string& name,
                           const std::string& yaml) {
  Resource r(DataplaneType());
  r.meta().mesh = mesh;
  r.meta().name = name;
  FromYaml(yaml, &r.SpecAs<Dataplane>());
  return r;
}

constexpr const char* kTwoInbounds = R"(
  networking:
    address: 10.0.0.1
    inbound:
    - port: 80
      tags: {kuma.io/service: web, team: a, cloud: aws}
    - port: 81
      tags: {kuma.io/service: web-admin, team: a}
)";

constexpr const char* kGateway = R"(
  networking:
    address: 10.0.0.1
    gateway:
      tags: {kuma.io/service: edge, team: gw}
)";

// ---------------------------------------------------------------------------------------------
// Membership, as a table over the rules of a mesh and the tags of a proxy.
struct MembershipCase {
  std::string name;
  std::string mesh_yaml;
  std::string dp_yaml;
  std::vector<Violation> want;
};

void PrintTo(const MembershipCase& c, std::ostream* os) { *os << c.name; }

class MembershipTest : public ::testing::TestWithParam<MembershipCase> {};

TEST_P(MembershipTest, AllowsOrRejectsWithKumasMessage) {
  const MembershipCase& c = GetParam();
  Mesh mesh;
  FromYaml(c.mesh_yaml, &mesh);
  Dataplane dp;
  FromYaml(c.dp_yaml, &dp);
  ValidationError err = CheckMembership("demo", mesh, dp);
  EXPECT_EQ(err.Violations(), c.want);
}

std::string Requirement(const std::string& tags) {
  return "dataplane cannot be a member of mesh \"demo\" because its tags \"" + tags +
         "\" does not fulfill any requirements defined on the Mesh";
}
std::string Restriction(const std::string& tags, const std::string& rule) {
  return "dataplane cannot be a member of mesh \"demo\" because its tags \"" + tags +
         "\" matches restricted tags \"" + rule + "\" defined on the Mesh";
}

constexpr const char* kInbound0 = "networking.inbound[0].tags";
constexpr const char* kInbound1 = "networking.inbound[1].tags";
constexpr const char* kGatewayTags = "networking.gateway.tags";
const std::string kWebTags = "cloud=aws kuma.io/service=web team=a";
const std::string kAdminTags = "kuma.io/service=web-admin team=a";

INSTANTIATE_TEST_SUITE_P(
    Membership, MembershipTest,
    ::testing::Values(
        MembershipCase{"NoConstraints", "", kTwoInbounds, {}},
        MembershipCase{"EmptyConstraints", "constraints: {dataplaneProxy: {}}", kTwoInbounds, {}},
        MembershipCase{"RequirementMetByEveryInbound",
                       "constraints: {dataplaneProxy: {requirements: [{tags: {team: a}}]}}",
                       kTwoInbounds,
                       {}},
        MembershipCase{"RequirementValueDiffers",
                       "constraints: {dataplaneProxy: {requirements: [{tags: {team: b}}]}}",
                       kTwoInbounds,
                       {{kInbound0, Requirement(kWebTags)}}},
        MembershipCase{"RequirementMissedBySecondInbound",
                       "constraints: {dataplaneProxy: {requirements: [{tags: {cloud: '*'}}]}}",
                       kTwoInbounds,
                       {{kInbound1, Requirement(kAdminTags)}}},
        MembershipCase{"RequirementsAreOred",
                       R"(
          constraints:
            dataplaneProxy:
              requirements: [{tags: {cloud: '*'}}, {tags: {kuma.io/service: web-admin}}]
        )",
                       kTwoInbounds,
                       {}},
        MembershipCase{"TagsOfARuleAreAnded",
                       R"(
          constraints:
            dataplaneProxy:
              requirements: [{tags: {team: a, cloud: '*'}}]
        )",
                       kTwoInbounds,
                       {{kInbound1, Requirement(kAdminTags)}}},
        MembershipCase{"WildcardNeedsANonEmptyValue",
                       "constraints: {dataplaneProxy: {requirements: [{tags: {team: '*'}}]}}",
                       R"(
          networking:
            address: 10.0.0.1
            inbound: [{port: 80, tags: {kuma.io/service: web, team: ""}}]
        )",
                       {{kInbound0, Requirement("kuma.io/service=web team=")}}},
        MembershipCase{"RestrictionMatches",
                       "constraints: {dataplaneProxy: {restrictions: [{tags: {cloud: aws}}]}}",
                       kTwoInbounds,
                       {{kInbound0, Restriction(kWebTags, "cloud=aws")}}},
        MembershipCase{"RestrictionWildcard",
                       R"(
          constraints:
            dataplaneProxy:
              restrictions: [{tags: {legacy: '*'}}, {tags: {team: a, kuma.io/service: web-admin}}]
        )",
                       kTwoInbounds,
                       {{kInbound1, Restriction(kAdminTags, "kuma.io/service=web-admin team=a")}}},
        MembershipCase{"RestrictionWinsOverRequirement",
                       R"(
          constraints:
            dataplaneProxy:
              requirements: [{tags: {team: a}}]
              restrictions: [{tags: {team: a}}]
        )",
                       kTwoInbounds,
                       {{kInbound0, Restriction(kWebTags, "team=a")}}},
        MembershipCase{"RequirementCheckedBeforeRestrictionOfSameInbound",
                       R"(
          constraints:
            dataplaneProxy:
              requirements: [{tags: {team: z}}]
              restrictions: [{tags: {team: a}}]
        )",
                       kTwoInbounds,
                       {{kInbound0, Requirement(kWebTags)}}},
        MembershipCase{"GatewayTagsAreChecked",
                       "constraints: {dataplaneProxy: {requirements: [{tags: {team: a}}]}}",
                       kGateway,
                       {{kGatewayTags, Requirement("kuma.io/service=edge team=gw")}}},
        MembershipCase{"GatewayRestricted",
                       "constraints: {dataplaneProxy: {restrictions: [{tags: {team: gw}}]}}",
                       kGateway,
                       {{kGatewayTags, Restriction("kuma.io/service=edge team=gw", "team=gw")}}},
        MembershipCase{"TaglessInboundNeverMeetsARequirement",
                       "constraints: {dataplaneProxy: {requirements: [{tags: {team: '*'}}]}}",
                       R"(
          networking:
            address: 10.0.0.1
            inbound: [{port: 80}]
        )",
                       {{kInbound0, Requirement("")}}},
        MembershipCase{"TaglessInboundPassesRestrictions",
                       "constraints: {dataplaneProxy: {restrictions: [{tags: {team: '*'}}]}}",
                       R"(
          networking:
            address: 10.0.0.1
            inbound: [{port: 80}]
        )",
                       {}},
        MembershipCase{"NoInboundAndNoGatewayIsAlwaysAllowed",
                       "constraints: {dataplaneProxy: {requirements: [{tags: {team: x}}]}}",
                       R"(
          networking:
            address: 10.0.0.1
            listeners: [{type: ZoneIngress, port: 10001}]
        )",
                       {}}),
    [](const auto& info) { return info.param.name; });

// ---------------------------------------------------------------------------------------------
// The manager rules, through the real ResourceManager over in-memory SQLite.
class DataplaneLifecycleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = OpenResourceStore(StoreOptions{"memory", ""});
    ASSERT_TRUE(store.ok()) << store.status().message();
    store_ = std::move(store).value();
    manager_ = std::make_unique<ResourceManager>(*store_, ResourceTypeRegistry::Builtin());
    RegisterMeshLifecycle(*manager_);
    RegisterDataplaneLifecycle(*manager_, "east");
  }

  void CreateMesh(const std::string& name, const std::string& yaml = "") {
    Resource mesh(MeshType());
    mesh.meta().name = name;
    FromYaml(yaml, &mesh.SpecAs<Mesh>());
    Status st = manager_->Create(mesh);
    ASSERT_TRUE(st.ok()) << st.message();
  }

  Resource Stored(const std::string& mesh, const std::string& name) {
    auto r = manager_->Get(DataplaneType(), {mesh, name});
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? *r : Resource(DataplaneType());
  }

  std::unique_ptr<ResourceStore> store_;
  std::unique_ptr<ResourceManager> manager_;
};

TEST_F(DataplaneLifecycleTest, CreateInAMissingMeshIsMeshNotFound) {
  Resource dp = DataplaneResource("nope", "dp-1", kTwoInbounds);
  Status st = manager_->Create(dp);
  EXPECT_EQ(st.code(), ErrorCode::kMeshNotFound);
  EXPECT_EQ(st.message(), "mesh of name nope is not found");
}

TEST_F(DataplaneLifecycleTest, ZoneTagIsWrittenOverEveryInboundAndTheGateway) {
  CreateMesh("demo");
  Resource dp = DataplaneResource("demo", "dp-1", R"(
    networking:
      address: 10.0.0.1
      inbound:
      - {port: 80, tags: {kuma.io/service: web, kuma.io/zone: west}}
      - {port: 81}
  )");
  ASSERT_TRUE(manager_->Create(dp).ok());
  Resource gw = DataplaneResource("demo", "gw-1", kGateway);
  ASSERT_TRUE(manager_->Create(gw).ok());

  const Resource stored = Stored("demo", "dp-1");
  const auto& inbound = stored.SpecAs<Dataplane>().networking().inbound();
  EXPECT_EQ(inbound[0].tags().at("kuma.io/zone"), "east");  // the user's value is overwritten
  EXPECT_EQ(inbound[1].tags().at("kuma.io/zone"), "east");  // tagless inbounds get it too
  EXPECT_EQ(inbound[1].tags().size(), 1u);
  EXPECT_EQ(
      Stored("demo", "gw-1").SpecAs<Dataplane>().networking().gateway().tags().at("kuma.io/zone"),
      "east");
}

TEST_F(DataplaneLifecycleTest, ExclusiveMeshServicesModeLeavesTaglessInboundsUntagged) {
  CreateMesh("demo", "meshServices: {mode: Exclusive}");
  Resource dp = DataplaneResource("demo", "dp-1", R"(
    networking:
      address: 10.0.0.1
      inbound: [{port: 80}, {port: 81, tags: {kuma.io/service: web}}]
  )");
  ASSERT_TRUE(manager_->Create(dp).ok());
  const Resource stored = Stored("demo", "dp-1");
  const auto& inbound = stored.SpecAs<Dataplane>().networking().inbound();
  EXPECT_TRUE(inbound[0].tags().empty());
  EXPECT_EQ(inbound[1].tags().at("kuma.io/zone"), "east");
}

TEST_F(DataplaneLifecycleTest, ZoneTagIsWrittenOnUpdateToo) {
  CreateMesh("demo");
  Resource dp = DataplaneResource("demo", "dp-1", kTwoInbounds);
  ASSERT_TRUE(manager_->Create(dp).ok());
  Resource next = DataplaneResource("demo", "dp-1", R"(
    networking:
      address: 10.0.0.2
      inbound: [{port: 90, tags: {kuma.io/service: web}}]
  )");
  ASSERT_TRUE(manager_->Update(next).ok());
  EXPECT_EQ(
      Stored("demo", "dp-1").SpecAs<Dataplane>().networking().inbound(0).tags().at("kuma.io/zone"),
      "east");
}

TEST_F(DataplaneLifecycleTest, ServiceProbeMarksInboundNotReadyOnCreateOnly) {
  CreateMesh("demo");
  Resource dp = DataplaneResource("demo", "dp-1", R"(
    networking:
      address: 10.0.0.1
      inbound:
      - {port: 80, tags: {kuma.io/service: web}, serviceProbe: {tcp: {}}}
      - {port: 81, tags: {kuma.io/service: web}}
  )");
  ASSERT_TRUE(manager_->Create(dp).ok());
  Resource stored = Stored("demo", "dp-1");
  const auto& inbound = stored.SpecAs<Dataplane>().networking().inbound();
  EXPECT_EQ(inbound[0].state(), Dataplane::Networking::Inbound::NotReady);
  ASSERT_TRUE(inbound[0].has_health());
  EXPECT_FALSE(inbound[0].health().ready());
  EXPECT_EQ(inbound[1].state(), Dataplane::Networking::Inbound::Ready);
  EXPECT_FALSE(inbound[1].has_health());

  // A health checker reporting readiness through an update is not reset.
  auto* first = stored.SpecAs<Dataplane>().mutable_networking()->mutable_inbound(0);
  first->set_state(Dataplane::Networking::Inbound::Ready);
  first->mutable_health()->set_ready(true);
  ASSERT_TRUE(manager_->Update(stored).ok());
  EXPECT_EQ(Stored("demo", "dp-1").SpecAs<Dataplane>().networking().inbound(0).state(),
            Dataplane::Networking::Inbound::Ready);
}

TEST_F(DataplaneLifecycleTest, LabelsAreComputedAsOnAZoneControlPlane) {
  CreateMesh("demo");
  Resource dp = DataplaneResource("demo", "dp-1", kTwoInbounds);
  dp.meta().labels = {{"team", "a"}};
  ASSERT_TRUE(manager_->Create(dp).ok());
  EXPECT_EQ(Stored("demo", "dp-1").meta().labels, (Labels{{"team", "a"},
                                                          {"kuma.io/mesh", "demo"},
                                                          {"kuma.io/origin", "zone"},
                                                          {"kuma.io/zone", "east"},
                                                          {"kuma.io/env", "universal"},
                                                          {"kuma.io/proxy-type", "sidecar"}}));

  Resource gw = DataplaneResource("demo", "gw-1", R"(
    networking:
      address: 10.0.0.1
      gateway: {type: BUILTIN, tags: {kuma.io/service: edge}}
  )");
  ASSERT_TRUE(manager_->Create(gw).ok());
  EXPECT_EQ(Stored("demo", "gw-1").meta().labels.at("kuma.io/proxy-type"), "gateway");

  Resource zp = DataplaneResource("demo", "zp-1", R"(
    networking:
      address: 10.0.0.1
      listeners: [{type: ZoneIngress, port: 10001}]
  )");
  ASSERT_TRUE(manager_->Create(zp).ok());
  EXPECT_EQ(Stored("demo", "zp-1").meta().labels.at("kuma.io/listener-zoneingress"), "enabled");
  EXPECT_EQ(Stored("demo", "zp-1").meta().labels.count("kuma.io/listener-zoneegress"), 0u);
}

TEST_F(DataplaneLifecycleTest, MembershipRejectsWithAValidationErrorAndStoresNothing) {
  CreateMesh("demo", "constraints: {dataplaneProxy: {requirements: [{tags: {team: b}}]}}");
  Resource dp = DataplaneResource("demo", "dp-1", kTwoInbounds);
  Status st = manager_->Create(dp);
  ASSERT_EQ(st.code(), ErrorCode::kValidation) << st.message();
  EXPECT_EQ(st.validation().Violations(),
            (std::vector<Violation>{{kInbound0, [] {
                                       return "dataplane cannot be a member of mesh \"demo\" "
                                              "because its tags \"" +
                                              std::string(
                                                  "cloud=aws kuma.io/service=web "
                                                  "kuma.io/zone=east team=a") +
                                              "\" does not fulfill any requirements defined on "
                                              "the Mesh";
                                     }()}}));
  EXPECT_TRUE(manager_->Get(DataplaneType(), {"demo", "dp-1"}).status().IsNotFound());
}

TEST_F(DataplaneLifecycleTest, ZoneRuleWorksThroughTheInjectedTag) {
  CreateMesh("east-only",
             "constraints: {dataplaneProxy: {requirements: [{tags: {kuma.io/zone: east}}]}}");
  CreateMesh("west-only",
             "constraints: {dataplaneProxy: {requirements: [{tags: {kuma.io/zone: west}}]}}");
  Resource east = DataplaneResource("east-only", "dp-1", kTwoInbounds);
  EXPECT_TRUE(manager_->Create(east).ok());
  Resource west = DataplaneResource("west-only", "dp-1", kTwoInbounds);
  EXPECT_EQ(manager_->Create(west).code(), ErrorCode::kValidation);
}

TEST_F(DataplaneLifecycleTest, MembershipIsCheckedOnUpdate) {
  CreateMesh("demo", "constraints: {dataplaneProxy: {restrictions: [{tags: {legacy: '*'}}]}}");
  Resource dp = DataplaneResource("demo", "dp-1", kTwoInbounds);
  ASSERT_TRUE(manager_->Create(dp).ok());
  Resource next = DataplaneResource("demo", "dp-1", R"(
    networking:
      address: 10.0.0.1
      inbound: [{port: 80, tags: {kuma.io/service: web, legacy: "yes"}}]
  )");
  Status st = manager_->Update(next);
  ASSERT_EQ(st.code(), ErrorCode::kValidation);
  EXPECT_EQ(st.validation().Violations()[0].message,
            "dataplane cannot be a member of mesh \"demo\" because its tags \"kuma.io/service=web "
            "kuma.io/zone=east legacy=yes\" matches restricted tags \"legacy=*\" defined on the "
            "Mesh");
  // The stored proxy is unchanged.
  EXPECT_EQ(Stored("demo", "dp-1").SpecAs<Dataplane>().networking().inbound_size(), 2);
}

TEST_F(DataplaneLifecycleTest, MeshDeleteIsRefusedWhileDataplanesExist) {
  CreateMesh("demo");
  CreateMesh("other");
  Resource dp = DataplaneResource("demo", "dp-1", kTwoInbounds);
  ASSERT_TRUE(manager_->Create(dp).ok());
  Resource in_other = DataplaneResource("other", "dp-1", kTwoInbounds);
  ASSERT_TRUE(manager_->Create(in_other).ok());

  Status st = manager_->Delete(MeshType(), {"", "demo"});
  ASSERT_EQ(st.code(), ErrorCode::kValidation);
  EXPECT_EQ(st.validation().Violations(),
            (std::vector<Violation>{
                {"mesh", "unable to delete mesh, there are still some dataplanes attached"}}));

  ASSERT_TRUE(manager_->Delete(DataplaneType(), {"demo", "dp-1"}).ok());
  EXPECT_TRUE(manager_->Delete(MeshType(), {"", "demo"}).ok());
  // The same name in the other mesh was never touched.
  EXPECT_TRUE(manager_->Get(DataplaneType(), {"other", "dp-1"}).ok());
  EXPECT_EQ(manager_->Delete(MeshType(), {"", "other"}).code(), ErrorCode::kValidation);
}

TEST_F(DataplaneLifecycleTest, SameNameInTwoMeshesAreTwoProxies) {
  CreateMesh("a");
  CreateMesh("b");
  Resource in_a = DataplaneResource("a", "dp-1", kTwoInbounds);
  Resource in_b = DataplaneResource("b", "dp-1", kGateway);
  ASSERT_TRUE(manager_->Create(in_a).ok());
  ASSERT_TRUE(manager_->Create(in_b).ok());
  ListOptions only_a;
  only_a.mesh = "a";
  auto list = manager_->List(DataplaneType(), only_a);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->total, 1);
  EXPECT_EQ(list->items[0].meta().mesh, "a");
  EXPECT_EQ(list->items[0].SpecAs<Dataplane>().networking().inbound_size(), 2);
  ASSERT_TRUE(manager_->Delete(DataplaneType(), {"a", "dp-1"}).ok());
  EXPECT_TRUE(manager_->Get(DataplaneType(), {"b", "dp-1"}).ok());
}

// ---------------------------------------------------------------------------------------------
// Helpers other parts rely on.
TEST(DataplaneHelpersTest, TagSetIsTheUnionOfInboundAndGatewayTags) {
  Dataplane dp;
  FromYaml(R"(
    networking:
      address: 10.0.0.1
      inbound:
      - {port: 80, tags: {kuma.io/service: web, version: v1}}
      - {port: 81, tags: {kuma.io/service: web-admin, version: v1}}
  )",
           &dp);
  TagSet tags = DataplaneTagSet(dp);
  EXPECT_EQ(tags, (TagSet{{"kuma.io/service", {"web", "web-admin"}}, {"version", {"v1"}}}));
  EXPECT_EQ(FormatTags(tags), "kuma.io/service=web,web-admin version=v1");
  EXPECT_EQ(DataplaneSingleValueTagSets(dp).size(), 2u);
}

TEST(DataplaneHelpersTest, IdentityTagsFallBackToTheWorkloadLabel) {
  Resource with_service = DataplaneResource("m", "dp-1", kTwoInbounds);
  auto tags = DataplaneIdentityTags(with_service);
  ASSERT_TRUE(tags.ok());
  EXPECT_EQ(tags->at("kuma.io/service"), (std::set<std::string>{"web", "web-admin"}));

  Resource tagless = DataplaneResource("m", "dp-2", R"(
    networking: {address: 10.0.0.1, inbound: [{port: 80}]}
  )");
  tagless.meta().labels["kuma.io/workload"] = "payments";
  tags = DataplaneIdentityTags(tagless);
  ASSERT_TRUE(tags.ok());
  EXPECT_EQ(*tags, (TagSet{{"kuma.io/service", {"payments"}}}));

  tagless.meta().labels.clear();
  tags = DataplaneIdentityTags(tagless);
  ASSERT_FALSE(tags.ok());
  EXPECT_EQ(tags.status().message(),
            "dataplane \"dp-2\" has no kuma.io/service tag and no kuma.io/workload label, "
            "cannot derive mTLS identity");
}

TEST(DataplaneHelpersTest, FuzzyTagMatchIsSubstringPerInboundOrGateway) {
  Dataplane dp;
  FromYaml(kTwoInbounds, &dp);
  EXPECT_TRUE(DataplaneMatchesTagsFuzzy(dp, {{"kuma.io/service", "web"}}));
  EXPECT_TRUE(DataplaneMatchesTagsFuzzy(dp, {{"kuma.io/service", "adm"}}));
  EXPECT_TRUE(DataplaneMatchesTagsFuzzy(dp, {{"cloud", "*"}}));
  // Both tags must be on the same inbound.
  EXPECT_FALSE(DataplaneMatchesTagsFuzzy(dp, {{"kuma.io/service", "admin"}, {"cloud", "aws"}}));
  EXPECT_FALSE(DataplaneMatchesTagsFuzzy(dp, {{"missing", "*"}}));
}

}  // namespace
}  // namespace meshplane
