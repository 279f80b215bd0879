#include "core/resource_codec.h"

#include "core/json_proto.h"

namespace meshplane {

namespace {

const char* kMetaKeys[] = {"type", "mesh", "name", "labels", "creationTime", "modificationTime",
                           "kri"};

bool IsMetaKey(const std::string& k) {
  for (const char* m : kMetaKeys) {
    if (k == m) {
      return true;
    }
  }
  return false;
}

std::string GoTypeOf(const Json& j) {
  if (j.is_null()) return "null";
  if (j.is_number()) return "number";
  if (j.is_boolean()) return "bool";
  if (j.is_array()) return "array";
  if (j.is_object()) return "object";
  return "string";
}

Status StringField(const Json& doc, const char* key, const char* go_field, std::string* out) {
  auto it = doc.find(key);
  if (it == doc.end() || it->is_null()) {
    return Status::Ok();
  }
  if (!it->is_string()) {
    return Status::BadRequest("json: cannot unmarshal " + GoTypeOf(*it) + " into Go struct field " +
                              go_field + " of type string");
  }
  *out = it->get<std::string>();
  return Status::Ok();
}

Status LabelsField(const Json& labels, const char* go_field, Labels* out) {
  if (labels.is_null()) {
    return Status::Ok();
  }
  if (!labels.is_object()) {
    return Status::BadRequest("json: cannot unmarshal " + GoTypeOf(labels) +
                              " into Go struct field " + go_field + " of type map[string]string");
  }
  for (const auto& [k, v] : labels.items()) {
    if (v.is_null()) {
      (*out)[k] = "";  // Go leaves the zero value for null
      continue;
    }
    if (!v.is_string()) {
      return Status::BadRequest("json: cannot unmarshal " + GoTypeOf(v) + " into Go struct field " +
                                go_field + " of type string");
    }
    (*out)[k] = v.get<std::string>();
  }
  return Status::Ok();
}

Status TimeField(const Json& doc, const char* key, Timestamp* out) {
  auto it = doc.find(key);
  if (it == doc.end() || it->is_null()) {
    return Status::Ok();
  }
  if (!it->is_string() || !ParseRfc3339(it->get<std::string>(), out)) {
    return Status::BadRequest("parsing time " +
                              it->dump(-1, ' ', false, Json::error_handler_t::replace) +
                              " as \"2006-01-02T15:04:05Z07:00\"");
  }
  return Status::Ok();
}

void AddUnknownWarnings(const std::vector<std::string>& unknown, std::vector<std::string>* out) {
  for (const auto& u : unknown) {
    out->push_back(UnknownFieldWarning(u));
  }
}

}  // namespace

std::string UnknownFieldWarning(const std::string& path) {
  return "unknown field " + GoQuote(path);
}

Result<DecodedResource> DecodeUniversal(const Json& doc, const ResourceTypeDescriptor& type) {
  // Before the spec fields are copied: copying recurses.
  MP_RETURN_IF_ERROR(CheckJsonNesting(doc));
  if (!doc.is_object()) {
    return Status::BadRequest("json: cannot unmarshal " + GoTypeOf(doc) +
                              " into Go value of type rest.Resource");
  }
  DecodedResource out{Resource(type), {}};
  ResourceMeta& meta = out.resource.meta();
  MP_RETURN_IF_ERROR(StringField(doc, "name", "ResourceMeta.name", &meta.name));
  if (type.IsMeshScoped()) {
    MP_RETURN_IF_ERROR(StringField(doc, "mesh", "ResourceMeta.mesh", &meta.mesh));
  }
  if (auto it = doc.find("labels"); it != doc.end()) {
    MP_RETURN_IF_ERROR(LabelsField(*it, "ResourceMeta.labels", &meta.labels));
  }
  MP_RETURN_IF_ERROR(TimeField(doc, "creationTime", &meta.creation_time));
  MP_RETURN_IF_ERROR(TimeField(doc, "modificationTime", &meta.modification_time));
  {
    std::string ignored;
    MP_RETURN_IF_ERROR(StringField(doc, "type", "ResourceMeta.type", &ignored));
  }

  std::vector<std::string> unknown;
  if (type.spec_at_top_level) {
    Json spec = Json::object();
    for (const auto& [k, v] : doc.items()) {
      if (!IsMetaKey(k)) {
        spec[k] = v;
      }
    }
    MP_RETURN_IF_ERROR(JsonToMessage(spec, &out.resource.spec(), &unknown));
  } else {
    for (const auto& [k, v] : doc.items()) {
      if (!IsMetaKey(k) && k != "spec" && k != "status") {
        unknown.push_back(k);
      }
    }
    if (auto it = doc.find("spec"); it != doc.end()) {
      MP_RETURN_IF_ERROR(JsonToMessage(*it, &out.resource.spec(), &unknown, "spec"));
    }
    // Status is computed by the control plane: accepted on input and ignored.
  }
  AddUnknownWarnings(unknown, &out.warnings);
  return out;
}

Result<DecodedResource> DecodeKubernetes(const Json& doc, const ResourceTypeDescriptor& type) {
  MP_RETURN_IF_ERROR(CheckJsonNesting(doc));
  if (!doc.is_object()) {
    return Status::BadRequest("expected an object");
  }
  if (type.decode_kubernetes) {
    std::vector<std::string> warnings;
    auto decoded = type.decode_kubernetes(doc, &warnings);
    if (!decoded.ok()) {
      return decoded.status();
    }
    return DecodedResource{std::move(decoded).value(), std::move(warnings)};
  }
  DecodedResource out{Resource(type), {}};
  ResourceMeta& meta = out.resource.meta();
  auto md = doc.find("metadata");
  if (md != doc.end() && !md->is_null()) {
    if (!md->is_object()) {
      return Status::BadRequest("metadata: expected an object, got " + GoTypeOf(*md));
    }
    MP_RETURN_IF_ERROR(StringField(*md, "name", "ObjectMeta.name", &meta.name));
    if (auto it = md->find("labels"); it != md->end()) {
      MP_RETURN_IF_ERROR(LabelsField(*it, "ObjectMeta.labels", &meta.labels));
    }
  }
  if (type.IsMeshScoped()) {
    if (type.spec_at_top_level) {
      MP_RETURN_IF_ERROR(StringField(doc, "mesh", "mesh", &meta.mesh));
    } else if (auto it = meta.labels.find("kuma.io/mesh"); it != meta.labels.end()) {
      meta.mesh = it->second;
    }
    if (meta.mesh.empty()) {
      meta.mesh = "default";
    }
  }
  std::vector<std::string> unknown;
  for (const auto& [k, v] : doc.items()) {
    if (k != "apiVersion" && k != "kind" && k != "metadata" && k != "spec" && k != "mesh" &&
        k != "status") {
      unknown.push_back(k);
    }
  }
  if (auto it = doc.find("spec"); it != doc.end()) {
    MP_RETURN_IF_ERROR(JsonToMessage(*it, &out.resource.spec(), &unknown, "spec"));
  }
  AddUnknownWarnings(unknown, &out.warnings);
  return out;
}

Result<DecodedResource> DecodeResource(const Json& doc, const ResourceTypeRegistry& registry) {
  if (!doc.is_object()) {
    return Status::BadRequest("a resource must be an object, got " + GoTypeOf(doc));
  }
  if (doc.contains("apiVersion") || doc.contains("kind")) {
    std::string kind;
    MP_RETURN_IF_ERROR(StringField(doc, "kind", "TypeMeta.kind", &kind));
    const ResourceTypeDescriptor* type = registry.FindByName(kind);
    if (type == nullptr) {
      return Status::BadRequest("invalid resource type " + GoQuote(kind));
    }
    return DecodeKubernetes(doc, *type);
  }
  std::string type_name;
  MP_RETURN_IF_ERROR(StringField(doc, "type", "ResourceMeta.type", &type_name));
  const ResourceTypeDescriptor* type = registry.FindByName(type_name);
  if (type == nullptr) {
    return Status::BadRequest("invalid resource type " + GoQuote(type_name));
  }
  return DecodeUniversal(doc, *type);
}

std::string Kri(const Resource& r) {
  const auto& t = r.type();
  if (t.short_name.empty()) {
    return "";
  }
  const auto& labels = r.meta().labels;
  auto label = [&](const char* k) {
    auto it = labels.find(k);
    return it == labels.end() ? std::string() : it->second;
  };
  std::string name = label("kuma.io/display-name");
  if (name.empty()) {
    name = r.meta().name;
  }
  return "kri_" + t.short_name + "_" + r.meta().mesh + "_" + label("kuma.io/zone") + "_" +
         label("k8s.kuma.io/namespace") + "_" + name + "_";
}

Json EncodeUniversal(const Resource& r) {
  Json out = Json::object();
  const auto& meta = r.meta();
  out["type"] = r.type().name;
  if (r.type().IsMeshScoped() && !meta.mesh.empty()) {
    out["mesh"] = meta.mesh;
  }
  out["name"] = meta.name;
  out["creationTime"] = FormatRfc3339(meta.creation_time);
  out["modificationTime"] = FormatRfc3339(meta.modification_time);
  if (!meta.labels.empty()) {
    Json labels = Json::object();
    for (const auto& [k, v] : meta.labels) {
      labels[k] = v;
    }
    out["labels"] = std::move(labels);
  }
  std::string kri = Kri(r);
  if (!kri.empty()) {
    out["kri"] = kri;
  }
  Json spec = MessageToJson(r.spec());
  if (r.type().spec_at_top_level) {
    for (auto& [k, v] : spec.items()) {
      out[k] = v;
    }
  } else {
    out["spec"] = std::move(spec);
    if (r.status() != nullptr) {
      out["status"] = MessageToJson(*r.status());
    }
  }
  return out;
}

Json EncodeKubernetes(const Resource& r) {
  if (r.type().encode_kubernetes) {
    return r.type().encode_kubernetes(r);
  }
  Json out = Json::object();
  out["apiVersion"] = r.type().k8s_api_version;
  out["kind"] = r.type().name;
  if (r.type().IsMeshScoped() && r.type().spec_at_top_level) {
    out["mesh"] = r.meta().mesh;
  }
  Json md = Json::object();
  md["name"] = r.meta().name;
  // Kubernetes timestamps have second precision.
  md["creationTimestamp"] =
      FormatRfc3339(std::chrono::time_point_cast<std::chrono::seconds>(r.meta().creation_time));
  out["metadata"] = std::move(md);
  out["spec"] = MessageToJson(r.spec());
  return out;
}

}  // namespace meshplane
