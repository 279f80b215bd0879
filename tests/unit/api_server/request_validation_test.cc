#include "api_server/request_validation.h"

#include <gtest/gtest.h>

#include "resources/mesh/mesh_type.h"

namespace meshplane {
namespace {

ResourceMeta Meta(const std::string& name, Labels labels = {}) {
  ResourceMeta m;
  m.name = name;
  m.labels = std::move(labels);
  return m;
}

PutRequestContext Context(const std::string& url_name, const std::string& body_type = "Mesh",
                          const std::string& mode = "zone") {
  return PutRequestContext{MeshType(), url_name, "", body_type, mode, "default"};
}

TEST(RequestValidationTest, AcceptsAConsistentRequest) {
  EXPECT_TRUE(ValidatePutRequest(Context("default"), Meta("default", {{"team", "core"}})).Ok());
}

TEST(RequestValidationTest, ReportsUrlMismatchesInKumasOrder) {
  ValidationError err = ValidatePutRequest(Context("a", "Dataplane"), Meta("b"));
  EXPECT_EQ(err.Violations(), (std::vector<Violation>{
                                  {"name", "name from the URL has to be the same as in body"},
                                  {"type", "type from the URL has to be the same as in body"},
                              }));
}

TEST(RequestValidationTest, ZoneModeLabelRules) {
  ValidationError err = ValidatePutRequest(
      Context("default"), Meta("default", {{"kuma.io/zone", "east"}, {"kuma.io/mesh", "other"}}));
  EXPECT_EQ(err.Violations(),
            (std::vector<Violation>{
                {"labels[\"kuma.io/zone\"]", "kuma.io/zone label should have default value"},
                {"labels[\"kuma.io/mesh\"]",
                 "kuma.io/mesh label must not differ from mesh set on resource"},
            }));
  // A resource that comes from the global control plane is not checked against the zone.
  EXPECT_TRUE(ValidatePutRequest(Context("default"), Meta("default", {{"kuma.io/origin", "global"},
                                                                      {"kuma.io/zone", "east"}}))
                  .Ok());
}

TEST(RequestValidationTest, GlobalModeRequiresGlobalOrigin) {
  ValidationError err = ValidatePutRequest(Context("default", "Mesh", "global"),
                                           Meta("default", {{"kuma.io/origin", "zone"}}));
  EXPECT_EQ(err.Violations(),
            (std::vector<Violation>{
                {"labels[\"kuma.io/origin\"]", "the origin label must be set to 'global'"}}));
}

TEST(RequestValidationTest, UnknownOriginComesBeforeTheModeRules) {
  ValidationError err = ValidatePutRequest(
      Context("default"), Meta("default", {{"kuma.io/origin", "other"}, {"kuma.io/zone", "x"}}));
  ASSERT_EQ(err.Violations().size(), 2u) << err.ToString();
  EXPECT_EQ(err.Violations()[0],
            (Violation{"labels[\"kuma.io/origin\"]", "unknown resource origin \"other\""}));
  EXPECT_EQ(err.Violations()[1].field, "labels[\"kuma.io/zone\"]");
}

TEST(RequestValidationTest, ImmutableLabelsCannotBeRemovedOrChanged) {
  ValidationError err =
      ValidateImmutableLabels({{"kuma.io/origin", "zone"}, {"kuma.io/zone", "east"}, {"team", "a"}},
                              {{"kuma.io/zone", "west"}});
  EXPECT_EQ(
      err.Violations(),
      (std::vector<Violation>{
          {"labels[\"kuma.io/origin\"]", "is immutable, cannot be removed (was \"zone\")"},
          {"labels[\"kuma.io/zone\"]", "is immutable, cannot be changed from \"east\" to \"west\""},
      }));
  EXPECT_TRUE(ValidateImmutableLabels({{"team", "a"}}, {}).Ok());
}

}  // namespace
}  // namespace meshplane
