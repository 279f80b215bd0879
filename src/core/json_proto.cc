#include "core/json_proto.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/reflection.h>
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/time_util.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

#include "core/go_duration.h"
#include "core/resource.h"

namespace meshplane {

namespace pb = google::protobuf;
using FD = pb::FieldDescriptor;

namespace {

std::string JsonTypeName(const Json& j) {
  switch (j.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::object:
      return "object";
    case Json::value_t::array:
      return "array";
    case Json::value_t::string:
      return "string";
    case Json::value_t::boolean:
      return "bool";
    case Json::value_t::number_float:
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
      return "number";
    default:
      return "value";
  }
}

Status Bad(const std::string& path, const std::string& msg) {
  return Status::BadRequest(path.empty() ? msg : path + ": " + msg);
}

// dump() for messages: never throws, even on strings that are not valid UTF-8.
std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

std::string Join(const std::string& path, const std::string& field) {
  return path.empty() ? field : path + "." + field;
}

bool IsWrapper(const pb::Descriptor* d) {
  const std::string& n = d->full_name();
  return n == "google.protobuf.BoolValue" || n == "google.protobuf.Int32Value" ||
         n == "google.protobuf.UInt32Value" || n == "google.protobuf.Int64Value" ||
         n == "google.protobuf.UInt64Value" || n == "google.protobuf.FloatValue" ||
         n == "google.protobuf.DoubleValue" || n == "google.protobuf.StringValue" ||
         n == "google.protobuf.BytesValue";
}

// Integral doubles are written as integers (100, not 100.0), as Go does.
Json DoubleToJson(double v) {
  if (std::isnan(v)) {
    return "NaN";
  }
  if (std::isinf(v)) {
    return v > 0 ? "Infinity" : "-Infinity";
  }
  if (std::trunc(v) == v && std::fabs(v) < 1e15) {
    return static_cast<int64_t>(v);
  }
  return v;
}

template <typename T>
bool ParseInteger(const Json& j, T* out) {
  if (j.is_number_integer() || j.is_number_unsigned()) {
    if (j.is_number_unsigned()) {
      uint64_t u = j.get<uint64_t>();
      if (u > static_cast<uint64_t>(std::numeric_limits<T>::max())) {
        return false;
      }
      *out = static_cast<T>(u);
      return true;
    }
    int64_t i = j.get<int64_t>();
    if constexpr (std::is_unsigned_v<T>) {
      if (i < 0 || static_cast<uint64_t>(i) > std::numeric_limits<T>::max()) {
        return false;
      }
    } else {
      if (i < std::numeric_limits<T>::min() || i > std::numeric_limits<T>::max()) {
        return false;
      }
    }
    *out = static_cast<T>(i);
    return true;
  }
  if (j.is_number_float()) {
    double d = j.get<double>();
    // Bounds as exact powers of two: (double)INT64_MAX rounds up to 2^63, which does not fit.
    const double upper = std::ldexp(1.0, std::numeric_limits<T>::digits);
    const double lower = std::is_signed_v<T> ? -upper : 0.0;
    if (!(std::trunc(d) == d && d >= lower && d < upper)) {
      return false;
    }
    *out = static_cast<T>(d);
    return true;
  }
  if (j.is_string()) {
    const std::string& s = j.get_ref<const std::string&>();
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
    return ec == std::errc() && ptr == s.data() + s.size() && !s.empty();
  }
  return false;
}

bool ParseDouble(const Json& j, double* out) {
  if (j.is_number()) {
    *out = j.get<double>();
    return true;
  }
  if (j.is_string()) {
    const std::string& s = j.get_ref<const std::string&>();
    if (s == "NaN") {
      *out = std::numeric_limits<double>::quiet_NaN();
      return true;
    }
    if (s == "Infinity") {
      *out = std::numeric_limits<double>::infinity();
      return true;
    }
    if (s == "-Infinity") {
      *out = -std::numeric_limits<double>::infinity();
      return true;
    }
    char* end = nullptr;
    *out = std::strtod(s.c_str(), &end);
    return !s.empty() && end == s.c_str() + s.size();
  }
  return false;
}

std::string Base64Encode(const std::string& in) {
  static const char* kTable = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  while (i + 2 < in.size()) {
    uint32_t n = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8) | uint8_t(in[i + 2]);
    out += kTable[(n >> 18) & 63];
    out += kTable[(n >> 12) & 63];
    out += kTable[(n >> 6) & 63];
    out += kTable[n & 63];
    i += 3;
  }
  if (i + 1 == in.size()) {
    uint32_t n = uint8_t(in[i]) << 16;
    out += kTable[(n >> 18) & 63];
    out += kTable[(n >> 12) & 63];
    out += "==";
  } else if (i + 2 == in.size()) {
    uint32_t n = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8);
    out += kTable[(n >> 18) & 63];
    out += kTable[(n >> 12) & 63];
    out += kTable[(n >> 6) & 63];
    out += '=';
  }
  return out;
}

// Accepts standard and URL-safe alphabets, with or without padding.
bool Base64Decode(const std::string& in, std::string* out) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+' || c == '-') return 62;
    if (c == '/' || c == '_') return 63;
    return -1;
  };
  out->clear();
  uint32_t buf = 0;
  int bits = 0;
  size_t i = 0;
  for (; i < in.size() && in[i] != '='; ++i) {
    int v = value(in[i]);
    if (v < 0) {
      return false;
    }
    buf = (buf << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out->push_back(static_cast<char>((buf >> bits) & 0xff));
    }
  }
  for (; i < in.size(); ++i) {
    if (in[i] != '=') {
      return false;
    }
  }
  return true;
}

Status DecodeValue(const Json& j, pb::Message* msg, const std::string& path);
Status DecodeMessage(const Json& j, pb::Message* msg, std::vector<std::string>* unknown,
                     const std::string& path);

Status DecodeStruct(const Json& j, pb::Message* msg, const std::string& path) {
  if (!j.is_object()) {
    return Bad(path, "expected an object, got " + JsonTypeName(j));
  }
  auto* s = static_cast<pb::Struct*>(msg);
  for (const auto& [k, v] : j.items()) {
    pb::Value value;
    MP_RETURN_IF_ERROR(DecodeValue(v, &value, Join(path, k)));
    (*s->mutable_fields())[k] = std::move(value);
  }
  return Status::Ok();
}

Status DecodeValue(const Json& j, pb::Message* msg, const std::string& path) {
  auto* v = static_cast<pb::Value*>(msg);
  switch (j.type()) {
    case Json::value_t::null:
      v->set_null_value(pb::NULL_VALUE);
      break;
    case Json::value_t::boolean:
      v->set_bool_value(j.get<bool>());
      break;
    case Json::value_t::number_float:
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
      v->set_number_value(j.get<double>());
      break;
    case Json::value_t::string:
      v->set_string_value(j.get<std::string>());
      break;
    case Json::value_t::object:
      return DecodeStruct(j, v->mutable_struct_value(), path);
    case Json::value_t::array: {
      auto* list = v->mutable_list_value();
      size_t i = 0;
      for (const auto& e : j) {
        MP_RETURN_IF_ERROR(
            DecodeValue(e, list->add_values(), path + "[" + std::to_string(i++) + "]"));
      }
      break;
    }
    default:
      return Bad(path, "unsupported JSON value");
  }
  return Status::Ok();
}

// Decodes a scalar (non-message) JSON value into field `f` of `msg`; `index` < 0 sets a
// singular field, otherwise the value is appended to a repeated one.
Status DecodeScalar(const Json& j, pb::Message* msg, const FD* f, const std::string& path) {
  const pb::Reflection* r = msg->GetReflection();
  bool rep = f->is_repeated();
  if (j.is_null()) {
    // Go's encoding/json leaves the zero value for null, so `tags: {a: }` holds "a": "".
    Json zero = f->cpp_type() == FD::CPPTYPE_BOOL     ? Json(false)
                : f->cpp_type() == FD::CPPTYPE_STRING ? Json("")
                                                      : Json(0);
    return DecodeScalar(zero, msg, f, path);
  }
  auto fail = [&](const std::string& what) {
    return Bad(path, "cannot decode " + JsonTypeName(j) + " as " + what);
  };
  switch (f->cpp_type()) {
    case FD::CPPTYPE_BOOL: {
      if (!j.is_boolean()) {
        return fail("bool");
      }
      rep ? r->AddBool(msg, f, j.get<bool>()) : r->SetBool(msg, f, j.get<bool>());
      break;
    }
    case FD::CPPTYPE_INT32: {
      int32_t v;
      if (!ParseInteger(j, &v)) return fail("int32");
      rep ? r->AddInt32(msg, f, v) : r->SetInt32(msg, f, v);
      break;
    }
    case FD::CPPTYPE_UINT32: {
      uint32_t v;
      if (!ParseInteger(j, &v)) return fail("uint32");
      rep ? r->AddUInt32(msg, f, v) : r->SetUInt32(msg, f, v);
      break;
    }
    case FD::CPPTYPE_INT64: {
      int64_t v;
      if (!ParseInteger(j, &v)) return fail("int64");
      rep ? r->AddInt64(msg, f, v) : r->SetInt64(msg, f, v);
      break;
    }
    case FD::CPPTYPE_UINT64: {
      uint64_t v;
      if (!ParseInteger(j, &v)) return fail("uint64");
      rep ? r->AddUInt64(msg, f, v) : r->SetUInt64(msg, f, v);
      break;
    }
    case FD::CPPTYPE_DOUBLE: {
      double v;
      if (!ParseDouble(j, &v)) return fail("double");
      rep ? r->AddDouble(msg, f, v) : r->SetDouble(msg, f, v);
      break;
    }
    case FD::CPPTYPE_FLOAT: {
      double v;
      if (!ParseDouble(j, &v)) return fail("float");
      rep ? r->AddFloat(msg, f, static_cast<float>(v)) : r->SetFloat(msg, f, static_cast<float>(v));
      break;
    }
    case FD::CPPTYPE_STRING: {
      if (!j.is_string()) {
        return fail(f->type() == FD::TYPE_BYTES ? "bytes (base64 string)" : "string");
      }
      std::string v = j.get<std::string>();
      if (f->type() == FD::TYPE_BYTES) {
        std::string decoded;
        if (!Base64Decode(v, &decoded)) {
          return Bad(path, "illegal base64 data");
        }
        v = std::move(decoded);
      }
      rep ? r->AddString(msg, f, std::move(v)) : r->SetString(msg, f, std::move(v));
      break;
    }
    case FD::CPPTYPE_ENUM: {
      int32_t number = 0;
      bool known = false;
      if (j.is_string()) {
        const pb::EnumValueDescriptor* ev = f->enum_type()->FindValueByName(j.get<std::string>());
        known = ev != nullptr;
        number = known ? ev->number() : 0;
      } else if (j.is_number_integer() || j.is_number_unsigned()) {
        // proto3 enums are open: a number without a name is kept (and written back as a
        // number), as Go's jsonpb does.
        known =
            ParseInteger(j, &number) && (f->file()->syntax() == pb::FileDescriptor::SYNTAX_PROTO3 ||
                                         f->enum_type()->FindValueByNumber(number) != nullptr);
      }
      if (!known) {
        return Bad(
            path, "unknown value " + GoQuote(Dump(j)) + " for enum " + f->enum_type()->full_name());
      }
      rep ? r->AddEnumValue(msg, f, number) : r->SetEnumValue(msg, f, number);
      break;
    }
    default:
      return Bad(path, "unsupported field type");
  }
  return Status::Ok();
}

// Decodes JSON into a message that may be a well-known type with a special JSON form.
Status DecodeAnyMessage(const Json& j, pb::Message* msg, std::vector<std::string>* unknown,
                        const std::string& path) {
  const pb::Descriptor* d = msg->GetDescriptor();
  const std::string& name = d->full_name();
  if (IsWrapper(d)) {
    if (j.is_null()) {
      return Status::Ok();
    }
    return DecodeScalar(j, msg, d->FindFieldByName("value"), path);
  }
  if (name == "google.protobuf.Struct") {
    return DecodeStruct(j, msg, path);
  }
  if (name == "google.protobuf.Value") {
    return DecodeValue(j, msg, path);
  }
  if (name == "google.protobuf.ListValue") {
    if (!j.is_array()) {
      return Bad(path, "expected an array, got " + JsonTypeName(j));
    }
    auto* list = static_cast<pb::ListValue*>(msg);
    size_t i = 0;
    for (const auto& e : j) {
      MP_RETURN_IF_ERROR(
          DecodeValue(e, list->add_values(), path + "[" + std::to_string(i++) + "]"));
    }
    return Status::Ok();
  }
  if (name == "google.protobuf.Duration") {
    if (!j.is_string()) {
      return Bad(path, "bad Duration: expected a string such as \"5s\", got " + JsonTypeName(j));
    }
    int64_t nanos = 0;
    std::string error;
    if (!ParseGoDuration(j.get<std::string>(), &nanos, &error)) {
      return Bad(path, "bad Duration: " + error);
    }
    const pb::Reflection* r = msg->GetReflection();
    r->SetInt64(msg, d->FindFieldByName("seconds"), nanos / 1000000000);
    r->SetInt32(msg, d->FindFieldByName("nanos"), static_cast<int32_t>(nanos % 1000000000));
    return Status::Ok();
  }
  if (name == "google.protobuf.Timestamp") {
    Timestamp t;
    if (!j.is_string() || !ParseRfc3339(j.get<std::string>(), &t)) {
      return Bad(path, "invalid RFC 3339 timestamp " + Dump(j));
    }
    // Floor division: Timestamp nanos are never negative, also before 1970.
    auto secs = std::chrono::floor<std::chrono::seconds>(t);
    const pb::Reflection* r = msg->GetReflection();
    r->SetInt64(msg, d->FindFieldByName("seconds"), secs.time_since_epoch().count());
    r->SetInt32(msg, d->FindFieldByName("nanos"), static_cast<int32_t>((t - secs).count()));
    return Status::Ok();
  }
  return DecodeMessage(j, msg, unknown, path);
}

Status DecodeField(const Json& j, pb::Message* msg, const FD* f, std::vector<std::string>* unknown,
                   const std::string& path) {
  const pb::Reflection* r = msg->GetReflection();
  if (f->is_map()) {
    if (!j.is_object()) {
      return Bad(path, "expected an object, got " + JsonTypeName(j));
    }
    const pb::Descriptor* entry = f->message_type();
    const FD* kf = entry->map_key();
    const FD* vf = entry->map_value();
    for (const auto& [k, v] : j.items()) {
      std::string item_path = path + "[" + GoQuote(k) + "]";
      pb::Message* e = r->AddMessage(msg, f);
      Json key = k;
      if (kf->cpp_type() == FD::CPPTYPE_BOOL) {
        if (k != "true" && k != "false") {
          return Bad(item_path, "invalid map key");
        }
        key = (k == "true");
      }
      MP_RETURN_IF_ERROR(DecodeScalar(key, e, kf, item_path));
      if (vf->cpp_type() == FD::CPPTYPE_MESSAGE) {
        MP_RETURN_IF_ERROR(
            DecodeAnyMessage(v, e->GetReflection()->MutableMessage(e, vf), unknown, item_path));
      } else {
        MP_RETURN_IF_ERROR(DecodeScalar(v, e, vf, item_path));
      }
    }
    return Status::Ok();
  }
  if (f->is_repeated()) {
    if (!j.is_array()) {
      return Bad(path, "expected an array, got " + JsonTypeName(j));
    }
    size_t i = 0;
    for (const auto& e : j) {
      std::string item_path = path + "[" + std::to_string(i++) + "]";
      if (f->cpp_type() == FD::CPPTYPE_MESSAGE) {
        MP_RETURN_IF_ERROR(DecodeAnyMessage(e, r->AddMessage(msg, f), unknown, item_path));
      } else {
        MP_RETURN_IF_ERROR(DecodeScalar(e, msg, f, item_path));
      }
    }
    return Status::Ok();
  }
  if (f->cpp_type() == FD::CPPTYPE_MESSAGE) {
    return DecodeAnyMessage(j, r->MutableMessage(msg, f), unknown, path);
  }
  return DecodeScalar(j, msg, f, path);
}

Status DecodeMessage(const Json& j, pb::Message* msg, std::vector<std::string>* unknown,
                     const std::string& path) {
  if (j.is_null()) {
    return Status::Ok();
  }
  if (!j.is_object()) {
    return Bad(path, "expected an object, got " + JsonTypeName(j));
  }
  const pb::Descriptor* d = msg->GetDescriptor();
  for (const auto& [key, value] : j.items()) {
    const FD* f = d->FindFieldByName(key);
    if (f == nullptr) {
      for (int i = 0; i < d->field_count() && f == nullptr; ++i) {
        if (d->field(i)->json_name() == key) {
          f = d->field(i);
        }
      }
    }
    std::string field_path = Join(path, key);
    if (f == nullptr) {
      if (unknown != nullptr) {
        unknown->push_back(field_path);
      }
      continue;
    }
    if (value.is_null()) {
      // `null` means unset, except for google.protobuf.Value where it is a value.
      if (f->cpp_type() == FD::CPPTYPE_MESSAGE &&
          f->message_type()->full_name() == "google.protobuf.Value" && !f->is_repeated()) {
        MP_RETURN_IF_ERROR(
            DecodeValue(value, msg->GetReflection()->MutableMessage(msg, f), field_path));
      }
      continue;
    }
    if (f->containing_oneof() != nullptr) {
      const FD* set = msg->GetReflection()->GetOneofFieldDescriptor(*msg, f->containing_oneof());
      if (set != nullptr && set != f) {
        return Bad(field_path, "only one of the fields of \"" + f->containing_oneof()->name() +
                                   "\" can be set (\"" + set->name() + "\" is already set)");
      }
    }
    MP_RETURN_IF_ERROR(DecodeField(value, msg, f, unknown, field_path));
  }
  return Status::Ok();
}

Json EncodeMessage(const pb::Message& msg);

Json EncodeValue(const pb::Value& v) {
  switch (v.kind_case()) {
    case pb::Value::kNullValue:
    case pb::Value::KIND_NOT_SET:
      return nullptr;
    case pb::Value::kNumberValue:
      return DoubleToJson(v.number_value());
    case pb::Value::kStringValue:
      return v.string_value();
    case pb::Value::kBoolValue:
      return v.bool_value();
    case pb::Value::kStructValue: {
      Json out = Json::object();
      std::vector<std::string> keys;
      for (const auto& [k, _] : v.struct_value().fields()) {
        keys.push_back(k);
      }
      std::sort(keys.begin(), keys.end());
      for (const auto& k : keys) {
        out[k] = EncodeValue(v.struct_value().fields().at(k));
      }
      return out;
    }
    case pb::Value::kListValue: {
      Json out = Json::array();
      for (const auto& e : v.list_value().values()) {
        out.push_back(EncodeValue(e));
      }
      return out;
    }
  }
  return nullptr;
}

Json EncodeScalar(const pb::Message& msg, const FD* f, int index) {
  const pb::Reflection* r = msg.GetReflection();
  bool rep = index >= 0;
  switch (f->cpp_type()) {
    case FD::CPPTYPE_BOOL:
      return rep ? r->GetRepeatedBool(msg, f, index) : r->GetBool(msg, f);
    case FD::CPPTYPE_INT32:
      return rep ? r->GetRepeatedInt32(msg, f, index) : r->GetInt32(msg, f);
    case FD::CPPTYPE_UINT32:
      return rep ? r->GetRepeatedUInt32(msg, f, index) : r->GetUInt32(msg, f);
    case FD::CPPTYPE_INT64:
      return std::to_string(rep ? r->GetRepeatedInt64(msg, f, index) : r->GetInt64(msg, f));
    case FD::CPPTYPE_UINT64:
      return std::to_string(rep ? r->GetRepeatedUInt64(msg, f, index) : r->GetUInt64(msg, f));
    case FD::CPPTYPE_DOUBLE:
      return DoubleToJson(rep ? r->GetRepeatedDouble(msg, f, index) : r->GetDouble(msg, f));
    case FD::CPPTYPE_FLOAT:
      return DoubleToJson(rep ? r->GetRepeatedFloat(msg, f, index) : r->GetFloat(msg, f));
    case FD::CPPTYPE_STRING: {
      std::string s = rep ? r->GetRepeatedString(msg, f, index) : r->GetString(msg, f);
      return f->type() == FD::TYPE_BYTES ? Base64Encode(s) : s;
    }
    case FD::CPPTYPE_ENUM: {
      int number = rep ? r->GetRepeatedEnumValue(msg, f, index) : r->GetEnumValue(msg, f);
      const pb::EnumValueDescriptor* ev = f->enum_type()->FindValueByNumber(number);
      return ev != nullptr ? Json(ev->name()) : Json(number);
    }
    default:
      return nullptr;
  }
}

Json EncodeAnyMessage(const pb::Message& msg) {
  const pb::Descriptor* d = msg.GetDescriptor();
  const std::string& name = d->full_name();
  if (IsWrapper(d)) {
    return EncodeScalar(msg, d->FindFieldByName("value"), -1);
  }
  if (name == "google.protobuf.Struct") {
    pb::Value v;
    v.mutable_struct_value()->CopyFrom(msg);
    return EncodeValue(v);
  }
  if (name == "google.protobuf.Value") {
    pb::Value v;
    v.CopyFrom(msg);
    return EncodeValue(v);
  }
  if (name == "google.protobuf.ListValue") {
    pb::Value v;
    v.mutable_list_value()->CopyFrom(msg);
    return EncodeValue(v);
  }
  if (name == "google.protobuf.Duration") {
    pb::Duration dur;
    dur.CopyFrom(msg);
    return pb::util::TimeUtil::ToString(dur);
  }
  if (name == "google.protobuf.Timestamp") {
    const pb::Reflection* r = msg.GetReflection();
    int64_t secs = r->GetInt64(msg, d->FindFieldByName("seconds"));
    int32_t nanos = r->GetInt32(msg, d->FindFieldByName("nanos"));
    return FormatRfc3339(Timestamp(std::chrono::seconds(secs) + std::chrono::nanoseconds(nanos)));
  }
  return EncodeMessage(msg);
}

Json EncodeMessage(const pb::Message& msg) {
  Json out = Json::object();
  const pb::Descriptor* d = msg.GetDescriptor();
  const pb::Reflection* r = msg.GetReflection();
  for (int i = 0; i < d->field_count(); ++i) {
    const FD* f = d->field(i);
    const std::string& key = f->name();
    if (f->is_map()) {
      int n = r->FieldSize(msg, f);
      if (n == 0) {
        continue;
      }
      const FD* kf = f->message_type()->map_key();
      const FD* vf = f->message_type()->map_value();
      std::vector<std::pair<std::string, const pb::Message*>> entries;
      for (int k = 0; k < n; ++k) {
        const pb::Message& e = r->GetRepeatedMessage(msg, f, k);
        Json kj = EncodeScalar(e, kf, -1);
        entries.emplace_back(kj.is_string() ? kj.get<std::string>() : kj.dump(), &e);
      }
      std::sort(entries.begin(), entries.end(),
                [](const auto& a, const auto& b) { return a.first < b.first; });
      Json obj = Json::object();
      for (const auto& [k, e] : entries) {
        obj[k] = vf->cpp_type() == FD::CPPTYPE_MESSAGE
                     ? EncodeAnyMessage(e->GetReflection()->GetMessage(*e, vf))
                     : EncodeScalar(*e, vf, -1);
      }
      out[key] = std::move(obj);
    } else if (f->is_repeated()) {
      int n = r->FieldSize(msg, f);
      if (n == 0) {
        continue;
      }
      Json arr = Json::array();
      for (int k = 0; k < n; ++k) {
        arr.push_back(f->cpp_type() == FD::CPPTYPE_MESSAGE
                          ? EncodeAnyMessage(r->GetRepeatedMessage(msg, f, k))
                          : EncodeScalar(msg, f, k));
      }
      out[key] = std::move(arr);
    } else if (f->cpp_type() == FD::CPPTYPE_MESSAGE) {
      if (r->HasField(msg, f)) {
        out[key] = EncodeAnyMessage(r->GetMessage(msg, f));
      }
    } else if (f->has_presence()) {
      if (r->HasField(msg, f)) {
        out[key] = EncodeScalar(msg, f, -1);
      }
    } else {
      Json v = EncodeScalar(msg, f, -1);
      bool is_zero = false;
      switch (f->cpp_type()) {
        case FD::CPPTYPE_BOOL:
          is_zero = !r->GetBool(msg, f);
          break;
        case FD::CPPTYPE_ENUM:
          is_zero = r->GetEnumValue(msg, f) == 0;
          break;
        case FD::CPPTYPE_STRING:
          is_zero = r->GetString(msg, f).empty();
          break;
        case FD::CPPTYPE_DOUBLE:
          is_zero = r->GetDouble(msg, f) == 0;
          break;
        case FD::CPPTYPE_FLOAT:
          is_zero = r->GetFloat(msg, f) == 0;
          break;
        case FD::CPPTYPE_INT32:
          is_zero = r->GetInt32(msg, f) == 0;
          break;
        case FD::CPPTYPE_UINT32:
          is_zero = r->GetUInt32(msg, f) == 0;
          break;
        case FD::CPPTYPE_INT64:
          is_zero = r->GetInt64(msg, f) == 0;
          break;
        case FD::CPPTYPE_UINT64:
          is_zero = r->GetUInt64(msg, f) == 0;
          break;
        default:
          break;
      }
      if (!is_zero) {
        out[key] = std::move(v);
      }
    }
  }
  return out;
}

}  // namespace

Status CheckJsonNesting(const Json& json) {
  // An explicit stack: the point is to be safe on documents too deep for recursion.
  std::vector<std::pair<const Json*, int>> stack = {{&json, 1}};
  while (!stack.empty()) {
    auto [j, depth] = stack.back();
    stack.pop_back();
    if (!j->is_structured()) {
      continue;
    }
    if (depth > kMaxJsonNestingDepth) {
      return Status::BadRequest("document nested too deeply (more than " +
                                std::to_string(kMaxJsonNestingDepth) + " levels)");
    }
    for (const auto& child : *j) {
      if (child.is_structured()) {
        stack.emplace_back(&child, depth + 1);
      }
    }
  }
  return Status::Ok();
}

Status JsonToMessage(const Json& json, pb::Message* msg, std::vector<std::string>* unknown_fields,
                     const std::string& path) {
  msg->Clear();
  // Bounds the recursion below (and protobuf's own over the decoded Struct values).
  MP_RETURN_IF_ERROR(CheckJsonNesting(json));
  return DecodeAnyMessage(json, msg, unknown_fields, path);
}

Json MessageToJson(const pb::Message& msg) { return EncodeAnyMessage(msg); }

Status StructToMessage(const pb::Message& structure, pb::Message* msg,
                       std::vector<std::string>* unknown_fields, const std::string& path) {
  return JsonToMessage(EncodeAnyMessage(structure), msg, unknown_fields, path);
}

void MessageToStruct(const pb::Message& msg, pb::Message* structure) {
  structure->Clear();
  Json j = EncodeMessage(msg);
  // Encoding a message always yields an object, which always decodes into a Struct.
  (void)DecodeStruct(j, structure, "");
}

}  // namespace meshplane
