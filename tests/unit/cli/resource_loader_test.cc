#include "cli/resource_loader.h"

#include <gtest/gtest.h>

#include "mesh/v1alpha1/mesh.pb.h"

namespace meshplane {
namespace {

std::vector<LoadedDocument> Load(const std::vector<std::string>& docs,
                                 const TemplateVars& vars = {}) {
  return LoadDocuments(docs, vars, ResourceTypeRegistry::Builtin());
}

TEST(ResourceLoaderTest, LoadsUniversalShape) {
  auto loaded =
      Load({"type: Mesh\nname: demo\nlabels:\n  team: core\nmtls:\n"
            "  enabledBackend: ca-1\n  backends:\n  - name: ca-1\n    type: builtin\n"});
  ASSERT_EQ(loaded.size(), 1u);
  ASSERT_TRUE(loaded[0].ok()) << loaded[0].errors[0];
  const Resource& r = *loaded[0].resource;
  EXPECT_EQ(r.type().name, "Mesh");
  EXPECT_EQ(r.meta().name, "demo");
  EXPECT_EQ(r.meta().labels.at("team"), "core");
  EXPECT_EQ(r.SpecAs<kuma::mesh::v1alpha1::Mesh>().mtls().enabledbackend(), "ca-1");
  EXPECT_EQ(DescribeResource(r), R"(type="Mesh" mesh="" name="demo")");
}

TEST(ResourceLoaderTest, LoadsKubernetesShape) {
  auto loaded =
      Load({"apiVersion: kuma.io/v1alpha1\nkind: Mesh\nmetadata:\n  name: k8s-demo\n"
            "spec:\n  routing:\n    zoneEgress: false\n    localityAwareLoadBalancing: "
            "true\n"});
  ASSERT_TRUE(loaded[0].ok()) << loaded[0].errors[0];
  EXPECT_EQ(loaded[0].resource->meta().name, "k8s-demo");
  EXPECT_TRUE(loaded[0]
                  .resource->SpecAs<kuma::mesh::v1alpha1::Mesh>()
                  .routing()
                  .localityawareloadbalancing());
}

TEST(ResourceLoaderTest, ReportsEveryBadDocumentWithItsIndex) {
  auto loaded = Load({"type: Mesh\nname: good\n", "type: Mesh\nname: [unclosed\n",
                      "type: Foo\nname: x\n", "type: Mesh\n"});
  ASSERT_EQ(loaded.size(), 4u);
  EXPECT_TRUE(loaded[0].ok());
  ASSERT_EQ(loaded[1].errors.size(), 1u);
  EXPECT_EQ(loaded[1].errors[0].rfind(
                "resource[1]: failed to parse resource: invalid meta type: \"error converting "
                "YAML to JSON: ",
                0),
            0u)
      << loaded[1].errors[0];
  EXPECT_EQ(loaded[2].errors,
            std::vector<std::string>{"resource[2]: failed to parse resource: invalid resource type "
                                     "\"Foo\""});
  EXPECT_EQ(loaded[3].errors,
            std::vector<std::string>{"resource[3]: failed to read meta: name: cannot be empty"});
}

TEST(ResourceLoaderTest, SpecValidationFailsTheDocument) {
  auto loaded = Load({"type: Mesh\nname: demo\nmtls:\n  enabledBackend: missing\n"});
  ASSERT_FALSE(loaded[0].ok());
  EXPECT_EQ(loaded[0].errors,
            std::vector<std::string>{"resource[0]: failed to parse resource: "
                                     "mtls.enabledBackend: has to be set to one of the backends "
                                     "in the mesh"});
}

TEST(ResourceLoaderTest, UnknownFieldsAreWarnings) {
  auto loaded = Load({"type: Mesh\nname: demo\nfoo: bar\n"});
  ASSERT_TRUE(loaded[0].ok());
  EXPECT_EQ(loaded[0].warnings, std::vector<std::string>{"resource[0]: unknown field \"foo\""});
}

TEST(ResourceLoaderTest, WithoutVariablesTemplatesStayLiteral) {
  auto loaded = Load({"type: Mesh\nname: demo\nlabels:\n  note: \"{{keep}}\"\n"});
  ASSERT_TRUE(loaded[0].ok());
  EXPECT_EQ(loaded[0].resource->meta().labels.at("note"), "{{keep}}");
}

TEST(ResourceLoaderTest, VariablesAreRenderedBeforeParsing) {
  auto loaded = Load({"type: {{type}}\nname: {{name}}\nlabels:\n  note: \"{{keep}}\"\n"},
                     {{"type", "Mesh"}, {"name", "from-var"}});
  ASSERT_TRUE(loaded[0].ok()) << loaded[0].errors[0];
  EXPECT_EQ(loaded[0].resource->meta().name, "from-var");
  EXPECT_EQ(loaded[0].resource->meta().labels.at("note"), "");  // unknown variable
}

}  // namespace
}  // namespace meshplane
