#include "cli/resource_output.h"

#include <gtest/gtest.h>

#include "resources/mesh/mesh_type.h"

namespace meshplane {
namespace {

TEST(ResourceOutputTest, SingleResourcePrintsSortedMetaThenSortedSpec) {
  Json mesh = Json::parse(R"({
    "type": "Mesh", "name": "demo",
    "labels": {"team": "core", "env": "prod"},
    "kri": "kri_m____demo_",
    "routing": {"zoneEgress": true, "localityAwareLoadBalancing": true},
    "mtls": {"enabledBackend": "ca-1", "backends": [{"type": "builtin", "name": "ca-1"}]}
  })");
  EXPECT_EQ(ResourceYaml(mesh, MeshType()),
            "kri: kri_m____demo_\n"
            "labels:\n"
            "  env: prod\n"
            "  team: core\n"
            "name: demo\n"
            "type: Mesh\n"
            "mtls:\n"
            "  backends:\n"
            "  - name: ca-1\n"
            "    type: builtin\n"
            "  enabledBackend: ca-1\n"
            "routing:\n"
            "  localityAwareLoadBalancing: true\n"
            "  zoneEgress: true\n");
}

TEST(ResourceOutputTest, EmptySpecPrintsOnlyTheMeta) {
  Json mesh = Json::parse(R"({"type": "Mesh", "name": "demo"})");
  EXPECT_EQ(ResourceYaml(mesh, MeshType()), "name: demo\ntype: Mesh\n");
}

TEST(ResourceOutputTest, ListsAreSortedThroughout) {
  Json list = Json::parse(R"({"total": 1, "items": [{"type": "Mesh", "name": "a"}],
                              "next": null})");
  EXPECT_EQ(SortedYaml(list),
            "items:\n"
            "- name: a\n"
            "  type: Mesh\n"
            "next: null\n"
            "total: 1\n");
}

TEST(ResourceOutputTest, JsonKeepsServerOrderWithTwoSpaceIndent) {
  Json v = Json::parse(R"({"total": 0, "items": [], "next": null})");
  EXPECT_EQ(JsonText(v), "{\n  \"total\": 0,\n  \"items\": [],\n  \"next\": null\n}\n");
}

TEST(ResourceOutputTest, ParsesOutputFormats) {
  OutputFormat f;
  EXPECT_TRUE(ParseOutputFormat("yaml", &f));
  EXPECT_EQ(f, OutputFormat::kYaml);
  EXPECT_TRUE(ParseOutputFormat("wide", &f));
  EXPECT_EQ(f, OutputFormat::kWide);
  EXPECT_FALSE(ParseOutputFormat("xml", &f));
}

}  // namespace
}  // namespace meshplane
