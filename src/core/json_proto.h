// Reflection-driven conversion between JSON and protobuf messages, following the proto3 JSON
// mapping as Kuma's codec (Go jsonpb) applies it:
//  - input: field names as declared (or their json_name); `null` means unset; enums by name or
//    number; wrapper types as bare scalars; unknown fields are skipped and reported;
//  - output: declaration order, zero values omitted, present-but-empty messages kept as `{}`,
//    enums by name, 64-bit integers as strings, map and Struct keys sorted, integral doubles
//    written without a fraction.
#pragma once

#include <google/protobuf/message.h>

#include <string>
#include <vector>

#include "core/error.h"
#include "core/json.h"

namespace meshplane {

// Decodes `json` into `msg` (which is cleared first). Paths of unknown fields, such as
// `mtls.backends[0].foo`, are appended to `unknown_fields` when it is not null. A value of the
// wrong shape yields a kBadRequest Status whose message names the path, e.g.
// `mtls.backends[0].mode: unknown value "\"X\"" for enum
// kuma.mesh.v1alpha1.CertificateAuthorityBackend.Mode`.
Status JsonToMessage(const Json& json, google::protobuf::Message* msg,
                     std::vector<std::string>* unknown_fields, const std::string& path = "");

Json MessageToJson(const google::protobuf::Message& msg);

// The deepest nesting of objects and arrays accepted in a decoded document: far beyond any
// resource, and far from the stack limits of the recursive walks over documents and messages.
inline constexpr int kMaxJsonNestingDepth = 100;

// Fails with kBadRequest when `json` nests deeper than kMaxJsonNestingDepth. Iterative, so it is
// safe on any parsed document: call it before anything walks (or copies) a document recursively.
// JsonToMessage calls it itself.
Status CheckJsonNesting(const Json& json);

// Converts between a typed message and a google.protobuf.Struct (plugin `conf` fields).
// Unknown fields are reported as with JsonToMessage.
Status StructToMessage(const google::protobuf::Message& structure, google::protobuf::Message* msg,
                       std::vector<std::string>* unknown_fields, const std::string& path = "");
void MessageToStruct(const google::protobuf::Message& msg, google::protobuf::Message* structure);

}  // namespace meshplane
