#include "core/resource.h"

#include <cstdio>
#include <ctime>
#include <limits>
#include <regex>

#include "core/resource_type.h"

namespace meshplane {

namespace {
std::unique_ptr<google::protobuf::Message> NewMessage(const google::protobuf::Descriptor* d) {
  if (d == nullptr) {
    return nullptr;
  }
  return std::unique_ptr<google::protobuf::Message>(
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(d)->New());
}

std::unique_ptr<google::protobuf::Message> CloneMessage(const google::protobuf::Message* m) {
  if (m == nullptr) {
    return nullptr;
  }
  std::unique_ptr<google::protobuf::Message> copy(m->New());
  copy->CopyFrom(*m);
  return copy;
}
}  // namespace

Resource::Resource(const ResourceTypeDescriptor& type)
    : type_(&type),
      spec_(NewMessage(type.spec_descriptor)),
      status_(NewMessage(type.status_descriptor)) {}

Resource::Resource(const Resource& other)
    : type_(other.type_),
      meta_(other.meta_),
      spec_(CloneMessage(other.spec_.get())),
      status_(CloneMessage(other.status_.get())) {}

Resource& Resource::operator=(const Resource& other) {
  if (this != &other) {
    type_ = other.type_;
    meta_ = other.meta_;
    spec_ = CloneMessage(other.spec_.get());
    status_ = CloneMessage(other.status_.get());
  }
  return *this;
}

std::string FormatRfc3339(Timestamp t) {
  auto secs = std::chrono::floor<std::chrono::seconds>(t);
  int64_t nanos = (t - secs).count();
  std::time_t tt = std::chrono::system_clock::to_time_t(secs);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[64];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm);
  std::string out = buf;
  if (nanos > 0) {
    char frac[32];
    std::snprintf(frac, sizeof(frac), ".%09lld", static_cast<long long>(nanos));
    std::string f = frac;
    while (f.back() == '0') {
      f.pop_back();
    }
    out += f;
  }
  out += "Z";
  return out;
}

bool ParseRfc3339(const std::string& s, Timestamp* out) {
  static const std::regex kRe(
      R"(^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$)");
  std::smatch m;
  if (!std::regex_match(s, m, kRe)) {
    return false;
  }
  std::tm tm{};
  tm.tm_year = std::stoi(m[1]) - 1900;
  tm.tm_mon = std::stoi(m[2]) - 1;
  tm.tm_mday = std::stoi(m[3]);
  tm.tm_hour = std::stoi(m[4]);
  tm.tm_min = std::stoi(m[5]);
  tm.tm_sec = std::stoi(m[6]);
  if (tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 ||
      tm.tm_sec > 60) {
    return false;
  }
  int64_t secs = timegm(&tm);
  int64_t nanos = 0;
  if (m[7].matched) {
    std::string frac = m[7].str().substr(1);
    frac.resize(9, '0');
    nanos = std::stoll(frac);
  }
  std::string zone = m[8];
  if (zone != "Z" && zone != "z") {
    int sign = zone[0] == '-' ? -1 : 1;
    int offset = std::stoi(zone.substr(1, 2)) * 3600 + std::stoi(zone.substr(4, 2)) * 60;
    secs -= sign * offset;
  }
  // Timestamp counts nanoseconds in an int64 (years 1678 to 2262); outside that range the
  // conversion would overflow.
  constexpr int64_t kMaxSeconds = std::numeric_limits<int64_t>::max() / 1000000000 - 1;
  if (secs > kMaxSeconds || secs < -kMaxSeconds) {
    return false;
  }
  *out = Timestamp(std::chrono::seconds(secs) + std::chrono::nanoseconds(nanos));
  return true;
}

Timestamp Now() { return std::chrono::time_point_cast<std::chrono::microseconds>(Clock::now()); }

}  // namespace meshplane
