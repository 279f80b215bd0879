#include "core/resource_codec.h"

#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "mesh/v1alpha1/mesh.pb.h"
#include "resources/mesh/mesh_type.h"

namespace meshplane {
namespace {

using kuma::mesh::v1alpha1::Mesh;

std::vector<std::string> Keys(const Json& j) {
  std::vector<std::string> keys;
  for (const auto& [k, _] : j.items()) {
    keys.push_back(k);
  }
  return keys;
}

Timestamp At(const std::string& rfc3339) {
  Timestamp t;
  EXPECT_TRUE(ParseRfc3339(rfc3339, &t)) << rfc3339;
  return t;
}

Resource SampleMesh() {
  Resource r(MeshType());
  r.meta().name = "default";
  r.meta().creation_time = At("2025-01-02T03:04:05Z");
  r.meta().modification_time = At("2025-01-02T03:04:06.5Z");
  r.SpecAs<Mesh>().mutable_mtls()->set_enabledbackend("ca-1");
  r.SpecAs<Mesh>().mutable_meshservices()->set_mode(Mesh::MeshServices::Exclusive);
  return r;
}

// A mesh-scoped kind with the new-style shape (spec nested under `spec:`).
const ResourceTypeDescriptor& NestedSpecType() {
  static const ResourceTypeRegistry* registry = [] {
    auto* reg = new ResourceTypeRegistry();
    ResourceTypeDescriptor d;
    d.name = "MeshThing";
    d.plural_path = "meshthings";
    d.cli_singular = "meshthing";
    d.cli_plural = "meshthings";
    d.short_name = "mt";
    d.scope = ResourceScope::kMesh;
    d.spec_at_top_level = false;
    d.spec_descriptor = Mesh::descriptor();
    reg->Register(std::move(d));
    return reg;
  }();
  return *registry->FindByName("MeshThing");
}

TEST(ResourceCodecTest, UniversalPutsMetaFirstInKumaOrder) {
  Resource r = SampleMesh();
  r.meta().labels = {{"team", "core"}, {"env", "prod"}};
  Json out = EncodeUniversal(r);
  EXPECT_EQ(Keys(out), (std::vector<std::string>{"type", "name", "creationTime", "modificationTime",
                                                 "labels", "kri", "mtls", "meshServices"}));
  EXPECT_EQ(out["type"], "Mesh");
  EXPECT_EQ(out["creationTime"], "2025-01-02T03:04:05Z");
  EXPECT_EQ(out["modificationTime"], "2025-01-02T03:04:06.5Z");
  EXPECT_EQ(out["labels"].dump(), R"({"env":"prod","team":"core"})");
  EXPECT_EQ(out["kri"], "kri_m____default_");
  EXPECT_EQ(out["meshServices"].dump(), R"({"mode":"Exclusive"})");
}

TEST(ResourceCodecTest, UniversalOmitsEmptyLabelsMeshAndSpec) {
  Resource r(MeshType());
  r.meta().name = "empty";
  r.meta().mesh = "ignored-for-global-kinds";
  Json out = EncodeUniversal(r);
  EXPECT_EQ(Keys(out),
            (std::vector<std::string>{"type", "name", "creationTime", "modificationTime", "kri"}));
}

TEST(ResourceCodecTest, MeshScopedKindsCarryMeshAfterType) {
  Resource r(NestedSpecType());
  r.meta().mesh = "default";
  r.meta().name = "thing";
  r.SpecAs<Mesh>().mutable_routing()->set_zoneegress(true);
  Json out = EncodeUniversal(r);
  EXPECT_EQ(Keys(out), (std::vector<std::string>{"type", "mesh", "name", "creationTime",
                                                 "modificationTime", "kri", "spec"}));
  EXPECT_EQ(out["kri"], "kri_mt_default___thing_");
  EXPECT_EQ(out["spec"].dump(), R"({"routing":{"zoneEgress":true}})");
}

TEST(ResourceCodecTest, KriUsesZoneNamespaceAndDisplayNameLabels) {
  Resource r = SampleMesh();
  EXPECT_EQ(Kri(r), "kri_m____default_");
  r.meta().labels = {{"kuma.io/display-name", "shown"},
                     {"kuma.io/zone", "zone-1"},
                     {"k8s.kuma.io/namespace", "kuma-system"}};
  EXPECT_EQ(Kri(r), "kri_m__zone-1_kuma-system_shown_");
}

TEST(ResourceCodecTest, TimesAreRfc3339WithTrimmedFraction) {
  Resource r = SampleMesh();
  r.meta().creation_time = At("2025-01-02T03:04:05.123456789Z");
  r.meta().modification_time = At("2025-01-02T05:04:05.120+02:00");
  Json out = EncodeUniversal(r);
  EXPECT_EQ(out["creationTime"], "2025-01-02T03:04:05.123456789Z");
  EXPECT_EQ(out["modificationTime"], "2025-01-02T03:04:05.12Z");
}

TEST(ResourceCodecTest, UniversalRoundTrips) {
  Resource r = SampleMesh();
  r.meta().labels = {{"team", "core"}};
  auto decoded = DecodeUniversal(EncodeUniversal(r), MeshType());
  ASSERT_TRUE(decoded.ok()) << decoded.status().message();
  const Resource& back = decoded->resource;
  EXPECT_EQ(back.meta().name, "default");
  EXPECT_EQ(back.meta().labels, r.meta().labels);
  EXPECT_EQ(back.meta().creation_time, r.meta().creation_time);
  EXPECT_EQ(back.meta().modification_time, r.meta().modification_time);
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(back.spec(), r.spec()));
  EXPECT_TRUE(decoded->warnings.empty());
}

TEST(ResourceCodecTest, UniversalIgnoresKriAndMeshOfGlobalKinds) {
  auto decoded = DecodeUniversal(
      Json::parse(R"({"type": "Mesh", "name": "m", "mesh": "other", "kri": "kri_x"})"), MeshType());
  ASSERT_TRUE(decoded.ok()) << decoded.status().message();
  EXPECT_EQ(decoded->resource.meta().mesh, "");
  EXPECT_TRUE(decoded->warnings.empty());
  EXPECT_EQ(EncodeUniversal(decoded->resource)["kri"], "kri_m____m_");
}

TEST(ResourceCodecTest, NonStringNameFailsLikeGo) {
  auto decoded = DecodeUniversal(Json::parse(R"({"type": "Mesh", "name": 5})"), MeshType());
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.status().code(), ErrorCode::kBadRequest);
  EXPECT_EQ(decoded.status().message(),
            "json: cannot unmarshal number into Go struct field ResourceMeta.name of type string");
  decoded = DecodeUniversal(Json::parse(R"({"type": "Mesh", "name": "m", "labels": {"a": true}})"),
                            MeshType());
  EXPECT_EQ(decoded.status().message(),
            "json: cannot unmarshal bool into Go struct field ResourceMeta.labels of type string");
  decoded =
      DecodeUniversal(Json::parse(R"({"type": "Mesh", "name": "m", "labels": []})"), MeshType());
  EXPECT_EQ(decoded.status().message(),
            "json: cannot unmarshal array into Go struct field ResourceMeta.labels of type "
            "map[string]string");
  decoded = DecodeUniversal(Json::parse("[]"), MeshType());
  EXPECT_EQ(decoded.status().code(), ErrorCode::kBadRequest);
  // null is Go's zero value, for meta fields as for labels.
  decoded = DecodeUniversal(
      Json::parse(R"({"type": "Mesh", "name": null, "labels": {"a": null, "b": "x"}})"),
      MeshType());
  ASSERT_TRUE(decoded.ok()) << decoded.status().message();
  EXPECT_EQ(decoded->resource.meta().name, "");
  EXPECT_EQ(decoded->resource.meta().labels, (Labels{{"a", ""}, {"b", "x"}}));
}

TEST(ResourceCodecTest, TimesMustBeRfc3339WhenPresent) {
  auto decoded = DecodeUniversal(
      Json::parse(R"({"type": "Mesh", "name": "m", "creationTime": "yesterday"})"), MeshType());
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.status().message().rfind(R"(parsing time "yesterday")", 0), 0u)
      << decoded.status().message();
  // Valid RFC 3339 beyond what a nanosecond int64 holds is refused, not wrapped around.
  decoded = DecodeUniversal(
      Json::parse(R"({"type": "Mesh", "name": "m", "creationTime": "9999-12-31T23:59:59Z"})"),
      MeshType());
  EXPECT_FALSE(decoded.ok());
  decoded = DecodeUniversal(Json::parse(R"({"type": "Mesh", "name": "m", "creationTime": null,
                      "modificationTime": "2025-01-01T00:00:00.5-01:30"})"),
                            MeshType());
  ASSERT_TRUE(decoded.ok()) << decoded.status().message();
  EXPECT_EQ(FormatRfc3339(decoded->resource.meta().modification_time), "2025-01-01T01:30:00.5Z");
}

TEST(ResourceCodecTest, UnknownFieldsBecomeWarnings) {
  auto decoded = DecodeUniversal(
      Json::parse(R"({"type": "Mesh", "name": "m", "mtls": {"foo": 1, "backends": [{"bar": 2}]},
                      "foo": 2})"),
      MeshType());
  ASSERT_TRUE(decoded.ok()) << decoded.status().message();
  EXPECT_EQ(decoded->warnings, (std::vector<std::string>{R"(unknown field "mtls.foo")",
                                                         R"(unknown field "mtls.backends[0].bar")",
                                                         R"(unknown field "foo")"}));
  EXPECT_EQ(UnknownFieldWarning(R"(tags["a"])"), R"(unknown field "tags[\"a\"]")");
}

TEST(ResourceCodecTest, NestedSpecShapeReportsTopLevelAndSpecUnknowns) {
  auto decoded =
      DecodeUniversal(Json::parse(R"({"type": "MeshThing", "mesh": "m1", "name": "t", "foo": 1,
                      "spec": {"routing": {"zoneEgress": true}, "bar": 2}, "status": {"x": 1}})"),
                      NestedSpecType());
  ASSERT_TRUE(decoded.ok()) << decoded.status().message();
  EXPECT_EQ(decoded->resource.meta().mesh, "m1");
  EXPECT_TRUE(decoded->resource.SpecAs<Mesh>().routing().zoneegress());
  EXPECT_EQ(decoded->warnings,
            (std::vector<std::string>{R"(unknown field "foo")", R"(unknown field "spec.bar")"}));
}

TEST(ResourceCodecTest, DecodeResourcePicksTheShapeAndType) {
  const auto& registry = ResourceTypeRegistry::Builtin();
  auto universal = DecodeResource(
      Json::parse(R"({"type": "Mesh", "name": "u", "routing": {"zoneEgress": true}})"), registry);
  ASSERT_TRUE(universal.ok()) << universal.status().message();
  EXPECT_EQ(universal->resource.type().name, "Mesh");
  EXPECT_EQ(universal->resource.meta().name, "u");
  EXPECT_TRUE(universal->resource.SpecAs<Mesh>().routing().zoneegress());

  auto k8s = DecodeResource(Json::parse(R"({"apiVersion": "kuma.io/v1alpha1", "kind": "Mesh",
                                           "metadata": {"name": "k"},
                                           "spec": {"routing": {"zoneEgress": true}}})"),
                            registry);
  ASSERT_TRUE(k8s.ok()) << k8s.status().message();
  EXPECT_EQ(k8s->resource.meta().name, "k");
  EXPECT_TRUE(k8s->resource.SpecAs<Mesh>().routing().zoneegress());

  for (const char* doc : {R"({"type": "Foo", "name": "x"})", R"({"kind": "Foo"})",
                          R"({"apiVersion": "kuma.io/v1alpha1", "kind": "Foo"})"}) {
    auto bad = DecodeResource(Json::parse(doc), registry);
    ASSERT_FALSE(bad.ok()) << doc;
    EXPECT_EQ(bad.status().code(), ErrorCode::kBadRequest);
    EXPECT_EQ(bad.status().message(), R"(invalid resource type "Foo")") << doc;
  }
  EXPECT_EQ(DecodeResource(Json::parse(R"({"name": "x"})"), registry).status().message(),
            R"(invalid resource type "")");
  EXPECT_EQ(DecodeResource(Json::parse(R"({"type": 1})"), registry).status().code(),
            ErrorCode::kBadRequest);
  EXPECT_EQ(DecodeResource(Json::parse(R"("Mesh")"), registry).status().code(),
            ErrorCode::kBadRequest);
  EXPECT_EQ(DecodeResource(Json(), registry).status().message(),
            "a resource must be an object, got null");
}

TEST(ResourceCodecTest, KubernetesShapeIn) {
  auto decoded = DecodeResource(
      Json::parse(R"({"apiVersion": "kuma.io/v1alpha1", "kind": "Mesh", "extra": true,
                      "metadata": {"name": "default", "labels": {"team": "core"},
                                   "creationTimestamp": null},
                      "spec": {"mtls": {"enabledBackend": "ca-1"}, "foo": 1}})"),
      ResourceTypeRegistry::Builtin());
  ASSERT_TRUE(decoded.ok()) << decoded.status().message();
  EXPECT_EQ(decoded->resource.meta().name, "default");
  EXPECT_EQ(decoded->resource.meta().mesh, "");
  EXPECT_EQ(decoded->resource.meta().labels, (Labels{{"team", "core"}}));
  EXPECT_EQ(decoded->resource.SpecAs<Mesh>().mtls().enabledbackend(), "ca-1");
  EXPECT_EQ(decoded->warnings,
            (std::vector<std::string>{R"(unknown field "extra")", R"(unknown field "spec.foo")"}));
  auto bad = DecodeKubernetes(Json::parse(R"({"kind": "Mesh", "metadata": "x"})"), MeshType());
  EXPECT_EQ(bad.status().code(), ErrorCode::kBadRequest);
  bad = DecodeKubernetes(Json::parse(R"({"kind": "Mesh", "metadata": {"name": 1}})"), MeshType());
  EXPECT_EQ(bad.status().message(),
            "json: cannot unmarshal number into Go struct field ObjectMeta.name of type string");
}

TEST(ResourceCodecTest, KubernetesShapeOutDropsLabelsAndSubSecondTime) {
  Resource r = SampleMesh();
  r.meta().labels = {{"team", "core"}};
  r.meta().creation_time = At("2025-01-02T03:04:05.75Z");
  EXPECT_EQ(
      EncodeKubernetes(r).dump(),
      R"({"apiVersion":"kuma.io/v1alpha1","kind":"Mesh","metadata":{"name":"default",)"
      R"("creationTimestamp":"2025-01-02T03:04:05Z"},"spec":{"mtls":{"enabledBackend":"ca-1"},)"
      R"("meshServices":{"mode":"Exclusive"}}})");
  // And what it writes reads back.
  auto back = DecodeResource(EncodeKubernetes(r), ResourceTypeRegistry::Builtin());
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(back->resource.spec(), r.spec()));
  EXPECT_TRUE(back->warnings.empty());
}

TEST(ResourceCodecTest, DeeplyNestedDocumentsAreRejected) {
  Json doc = Json::parse(R"({"type": "Mesh", "name": "m"})");
  doc["foo"] = Json::parse(std::string(200000, '[') + std::string(200000, ']'));
  auto decoded = DecodeUniversal(doc, MeshType());
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.status().code(), ErrorCode::kBadRequest);
  EXPECT_EQ(DecodeResource(doc, ResourceTypeRegistry::Builtin()).status().code(),
            ErrorCode::kBadRequest);
  Json k8s = Json::parse(R"({"apiVersion": "kuma.io/v1alpha1", "kind": "Mesh"})");
  k8s["spec"] = Json::parse(std::string(200000, '[') + std::string(200000, ']'));
  EXPECT_EQ(DecodeResource(k8s, ResourceTypeRegistry::Builtin()).status().code(),
            ErrorCode::kBadRequest);
}

}  // namespace
}  // namespace meshplane
