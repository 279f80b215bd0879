#include "resources/secret/secret_k8s_codec.h"

#include "core/json_proto.h"
#include "core/resource_codec.h"
#include "core/validation.h"
#include "resources/secret/secret_type.h"

namespace meshplane {

namespace {

constexpr const char* kMeshLabel = "kuma.io/mesh";

Status StringAt(const Json& doc, const char* key, const std::string& path, std::string* out) {
  auto it = doc.find(key);
  if (it == doc.end() || it->is_null()) {
    return Status::Ok();
  }
  if (!it->is_string()) {
    return Status::BadRequest(path + ": expected a string");
  }
  *out = it->get<std::string>();
  return Status::Ok();
}

}  // namespace

Json EncodeKubernetesSecret(const Resource& secret) {
  const bool global = !secret.type().IsMeshScoped();
  Json out = Json::object();
  out["apiVersion"] = "v1";
  out["kind"] = "Secret";
  Json md = Json::object();
  md["name"] = secret.meta().name;
  md["creationTimestamp"] = FormatRfc3339(
      std::chrono::time_point_cast<std::chrono::seconds>(secret.meta().creation_time));
  Json labels = Json::object();
  for (const auto& [k, v] : secret.meta().labels) {
    labels[k] = v;
  }
  if (!global) {
    labels[kMeshLabel] = secret.meta().mesh;
  }
  if (!labels.empty()) {
    md["labels"] = std::move(labels);
  }
  out["metadata"] = std::move(md);
  Json spec = MessageToJson(secret.spec());
  out["data"] = Json{{"value", spec.contains("data") ? spec["data"] : Json("")}};
  out["type"] = global ? kK8sGlobalSecretType : kK8sSecretType;
  return out;
}

Result<Resource> DecodeKubernetesSecret(const Json& doc, const std::string& default_kind,
                                        std::vector<std::string>* warnings) {
  std::string k8s_type;
  MP_RETURN_IF_ERROR(StringAt(doc, "type", "type", &k8s_type));
  const ResourceTypeDescriptor* kind = nullptr;
  if (k8s_type.empty()) {
    kind = default_kind == kGlobalSecretTypeName ? &GlobalSecretType() : &SecretType();
  } else if (k8s_type == kK8sSecretType) {
    kind = &SecretType();
  } else if (k8s_type == kK8sGlobalSecretType) {
    kind = &GlobalSecretType();
  } else {
    return Status::BadRequest("unsupported Secret type " + GoQuote(k8s_type) + ": expected " +
                              GoQuote(kK8sSecretType) + " or " + GoQuote(kK8sGlobalSecretType));
  }

  Resource out(*kind);
  ResourceMeta& meta = out.meta();
  if (auto md = doc.find("metadata"); md != doc.end() && !md->is_null()) {
    if (!md->is_object()) {
      return Status::BadRequest("metadata: expected an object");
    }
    MP_RETURN_IF_ERROR(StringAt(*md, "name", "metadata.name", &meta.name));
    if (auto labels = md->find("labels"); labels != md->end() && !labels->is_null()) {
      if (!labels->is_object()) {
        return Status::BadRequest("metadata.labels: expected an object");
      }
      for (const auto& [k, v] : labels->items()) {
        if (!v.is_string()) {
          return Status::BadRequest("metadata.labels: expected string values");
        }
        meta.labels[k] = v.get<std::string>();
      }
    }
  }

  ValidationError err;
  auto mesh_label = meta.labels.find(kMeshLabel);
  if (kind->IsMeshScoped()) {
    meta.mesh = mesh_label == meta.labels.end() ? "default" : mesh_label->second;
  } else if (mesh_label != meta.labels.end()) {
    err.AddViolation(PathBuilder::RootedAt("metadata").Field("labels").Key(kMeshLabel).String(),
                     "mesh cannot be set on global secret");
  }
  if (mesh_label != meta.labels.end()) {
    meta.labels.erase(mesh_label);
  }

  std::string value;
  if (auto data = doc.find("data"); data != doc.end() && !data->is_null()) {
    if (!data->is_object()) {
      return Status::BadRequest("data: expected an object");
    }
    MP_RETURN_IF_ERROR(StringAt(*data, "value", "data.value", &value));
    for (const auto& [k, v] : data->items()) {
      if (k != "value") {
        warnings->push_back(UnknownFieldWarning("data." + k));
      }
    }
  }
  if (value.empty()) {
    err.AddViolation("data.value", "cannot be empty.");
  }
  if (err.HasViolations()) {
    return Status::Invalid(std::move(err));
  }
  Status st = JsonToMessage(Json{{"data", value}}, &out.spec(), nullptr);
  if (!st.ok()) {
    return Status(st.code(), "data.value: " + st.message());
  }

  for (const auto& [k, v] : doc.items()) {
    if (k != "apiVersion" && k != "kind" && k != "metadata" && k != "type" && k != "data") {
      warnings->push_back(UnknownFieldWarning(k));
    }
  }
  return out;
}

}  // namespace meshplane
