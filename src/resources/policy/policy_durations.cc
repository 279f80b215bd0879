#include "resources/policy/policy_durations.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/reflection.h>

#include <set>
#include <string>

#include "core/go_duration.h"

namespace meshplane {

namespace {

namespace pb = google::protobuf;

// Every one of these names is a metav1.Duration wherever it appears in the policy kinds served.
bool IsDurationField(const pb::FieldDescriptor* f) {
  static const auto* names = new std::set<std::string>{
      "connectionTimeout",     "idleTimeout",       "requestTimeout",
      "streamIdleTimeout",     "maxStreamDuration", "maxConnectionDuration",
      "requestHeadersTimeout", "perTryTimeout",     "baseInterval",
      "maxInterval",           "interval",          "baseEjectionTime"};
  return f->cpp_type() == pb::FieldDescriptor::CPPTYPE_STRING && !f->is_repeated() &&
         names->count(f->name()) > 0;
}

}  // namespace

void CanonicalizePolicyDurations(pb::Message& spec) {
  const pb::Reflection* r = spec.GetReflection();
  std::vector<const pb::FieldDescriptor*> fields;
  r->ListFields(spec, &fields);
  for (const pb::FieldDescriptor* f : fields) {
    if (IsDurationField(f)) {
      if (auto canonical = CanonicalGoDuration(r->GetString(spec, f))) {
        r->SetString(&spec, f, *canonical);
      }
    } else if (f->cpp_type() == pb::FieldDescriptor::CPPTYPE_MESSAGE && !f->is_map()) {
      if (f->is_repeated()) {
        for (int i = 0; i < r->FieldSize(spec, f); ++i) {
          CanonicalizePolicyDurations(*r->MutableRepeatedMessage(&spec, f, i));
        }
      } else {
        CanonicalizePolicyDurations(*r->MutableMessage(&spec, f));
      }
    }
  }
}

}  // namespace meshplane
