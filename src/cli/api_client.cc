#include "cli/api_client.h"

#include <cctype>
#include <exception>

#include "http/query_string.h"

namespace meshplane {

namespace {

bool IsUnreserved(unsigned char c) {
  return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

std::string PercentEncode(const std::string& s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (IsUnreserved(c)) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

std::string PercentDecode(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else if (s[i] == '+') {
      out += ' ';
    } else {
      out += s[i];
    }
  }
  return out;
}

ErrorCode CodeForHttpStatus(int status) {
  switch (status) {
    case 400:
      return ErrorCode::kBadRequest;
    case 403:
      return ErrorCode::kAccessDenied;
    case 404:
      return ErrorCode::kNotFound;
    case 405:
      return ErrorCode::kMethodNotAllowed;
    case 409:
      return ErrorCode::kConflict;
    case 503:
      return ErrorCode::kUnavailable;
    default:
      return ErrorCode::kInternal;
  }
}

Status FailedResponse(const HttpResponse& response) {
  return Status(CodeForHttpStatus(response.status), ApiErrorText(response.status, response.body));
}

Result<Json> ParseJsonBody(const HttpResponse& response) {
  Json body = Json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) {
    return Status::Internal("the server answered with a body that is not JSON: " +
                            response.body.substr(0, 200));
  }
  return body;
}

std::string StringMember(const Json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_string()) {
    return "";
  }
  return it->get<std::string>();
}

}  // namespace

std::string ApiErrorText(int status, const std::string& body) {
  Json err = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  // kumactl treats a body with a title as Kuma's error type (types.Error).
  if (err.is_object() && !StringMember(err, "title").empty()) {
    std::string text = StringMember(err, "title") + " (" + StringMember(err, "detail") + ")";
    if (auto params = err.find("invalid_parameters"); params != err.end() && params->is_array()) {
      for (const auto& p : *params) {
        if (p.is_object()) {
          text += ";" + StringMember(p, "field") + "=" + StringMember(p, "reason") + " ";
        }
      }
    }
    return text;
  }
  if (status == 405) {
    return body;
  }
  return "(" + std::to_string(status) + "): " + body;
}

std::vector<std::string> ParseWarningHeader(const std::string& value) {
  // warning-value = warn-code SP warn-agent SP quoted-string [ SP warn-date ]
  std::vector<std::string> out;
  size_t i = 0;
  auto skip_spaces = [&] {
    while (i < value.size() && (value[i] == ' ' || value[i] == '\t')) {
      ++i;
    }
  };
  while (true) {
    skip_spaces();
    if (i >= value.size()) {
      break;
    }
    // warn-code: three digits.
    if (i + 3 >= value.size() || !std::isdigit(static_cast<unsigned char>(value[i])) ||
        !std::isdigit(static_cast<unsigned char>(value[i + 1])) ||
        !std::isdigit(static_cast<unsigned char>(value[i + 2])) || value[i + 3] != ' ') {
      return {value};
    }
    i += 4;
    // warn-agent: a token up to the next space.
    size_t agent_end = value.find(' ', i);
    if (agent_end == std::string::npos || agent_end == i) {
      return {value};
    }
    i = agent_end + 1;
    if (i >= value.size() || value[i] != '"') {
      return {value};
    }
    ++i;
    std::string text;
    bool closed = false;
    while (i < value.size()) {
      char c = value[i++];
      if (c == '\\' && i < value.size()) {
        text += value[i++];
      } else if (c == '"') {
        closed = true;
        break;
      } else {
        text += c;
      }
    }
    if (!closed) {
      return {value};
    }
    out.push_back(std::move(text));
    skip_spaces();
    // Optional quoted warn-date.
    if (i < value.size() && value[i] == '"') {
      size_t date_end = value.find('"', i + 1);
      if (date_end == std::string::npos) {
        return {value};
      }
      i = date_end + 1;
      skip_spaces();
    }
    if (i < value.size()) {
      if (value[i] != ',') {
        return {value};
      }
      ++i;
    }
  }
  return out;
}

std::string OffsetOfNextUrl(const std::string& next_url) {
  size_t q = next_url.find('?');
  if (q == std::string::npos) {
    return "";
  }
  std::string query = next_url.substr(q + 1);
  size_t fragment = query.find('#');
  if (fragment != std::string::npos) {
    query.resize(fragment);
  }
  size_t start = 0;
  while (start <= query.size()) {
    size_t end = query.find('&', start);
    if (end == std::string::npos) {
      end = query.size();
    }
    std::string pair = query.substr(start, end - start);
    size_t eq = pair.find('=');
    if (PercentDecode(pair.substr(0, eq)) == "offset") {
      return eq == std::string::npos ? "" : PercentDecode(pair.substr(eq + 1));
    }
    start = end + 1;
  }
  return "";
}

Result<std::unique_ptr<ApiClient>> ApiClient::Create(const std::string& base_url) {
  std::string url = base_url;
  while (!url.empty() && url.back() == '/') {
    url.pop_back();
  }
  if (url.rfind("http://", 0) != 0 || url.size() == std::string("http://").size()) {
    return Status::InvalidArgument("invalid API server URL " + GoQuote(base_url) +
                                   ": only http://HOST[:PORT] URLs are supported");
  }
  try {
    return std::unique_ptr<ApiClient>(new ApiClient(std::make_unique<HttpClient>(url)));
  } catch (const std::exception& e) {
    return Status::InvalidArgument("invalid API server URL " + GoQuote(base_url) + ": " + e.what());
  }
}

std::string ApiClient::ItemPath(const ResourceTypeDescriptor& type, const std::string& mesh,
                                const std::string& name) {
  return ListPath(type, mesh) + "/" + PercentEncode(name);
}

std::string ApiClient::ListPath(const ResourceTypeDescriptor& type, const std::string& mesh) {
  if (type.IsMeshScoped()) {
    return "/meshes/" + PercentEncode(mesh) + "/" + type.plural_path;
  }
  return "/" + type.plural_path;
}

Result<HttpResponse> ApiClient::Send(const std::string& method, const std::string& target,
                                     const std::string& body) {
  std::map<std::string, std::string> headers = {{"Accept", "application/json"}};
  if (!body.empty()) {
    headers["Content-Type"] = "application/json";
  }
  return http_->Request(method, target, body, headers);
}

Result<Json> ApiClient::Index() {
  auto response = Send("GET", "/");
  if (!response.ok()) {
    return response.status();
  }
  if (response->status != 200) {
    return FailedResponse(*response);
  }
  return ParseJsonBody(*response);
}

Result<Json> ApiClient::Get(const ResourceTypeDescriptor& type, const std::string& mesh,
                            const std::string& name) {
  auto response = Send("GET", ItemPath(type, mesh, name));
  if (!response.ok()) {
    return response.status();
  }
  if (response->status != 200) {
    return FailedResponse(*response);
  }
  return ParseJsonBody(*response);
}

Result<Json> ApiClient::MeshMtls(const std::string& mesh) {
  auto response = Send("GET", "/meshes/" + PercentEncode(mesh) + "/mtls");
  if (!response.ok()) {
    return response.status();
  }
  if (response->status != 200) {
    return FailedResponse(*response);
  }
  return ParseJsonBody(*response);
}

Result<ListPage> ApiClient::List(const ResourceTypeDescriptor& type, const std::string& mesh,
                                 int64_t size, const std::string& offset,
                                 const std::vector<std::pair<std::string, std::string>>& filters) {
  std::string target = ListPath(type, mesh);
  std::vector<std::pair<std::string, std::string>> params = filters;
  if (!offset.empty()) {
    params.emplace_back("offset", offset);
  }
  if (size != 0) {
    params.emplace_back("size", std::to_string(size));
  }
  std::string raw;
  for (const auto& [key, value] : params) {
    raw += (raw.empty() ? "" : "&") + QueryEscape(key) + "=" + QueryEscape(value);
  }
  // Keys in sorted order, as Go's url.Values.Encode writes them.
  std::string query = QueryParams::Parse(raw).Encode();
  if (!query.empty()) {
    target += "?" + query;
  }
  auto response = Send("GET", target);
  if (!response.ok()) {
    return response.status();
  }
  if (response->status != 200) {
    return FailedResponse(*response);
  }
  auto body = ParseJsonBody(*response);
  if (!body.ok()) {
    return body.status();
  }
  ListPage page;
  page.body = std::move(body).value();
  if (page.body.is_object()) {
    page.next_offset = OffsetOfNextUrl(StringMember(page.body, "next"));
  }
  return page;
}

Result<PutOutcome> ApiClient::Put(const ResourceTypeDescriptor& type, const std::string& mesh,
                                  const std::string& name, const Json& body) {
  auto response = Send("PUT", ItemPath(type, mesh, name),
                       body.dump(-1, ' ', false, Json::error_handler_t::replace));
  if (!response.ok()) {
    return response.status();
  }
  if (response->status != 200 && response->status != 201) {
    return FailedResponse(*response);
  }
  PutOutcome outcome;
  outcome.created = response->status == 201;
  Json answer = Json::parse(response->body, nullptr, /*allow_exceptions=*/false);
  if (answer.is_object()) {
    if (auto w = answer.find("warnings"); w != answer.end() && w->is_array()) {
      for (const auto& text : *w) {
        if (text.is_string()) {
          outcome.warnings.push_back(text.get<std::string>());
        }
      }
    }
  }
  if (auto h = response->headers.find("warning"); h != response->headers.end()) {
    for (auto& text : ParseWarningHeader(h->second)) {
      outcome.warnings.push_back(std::move(text));
    }
  }
  return outcome;
}

Status ApiClient::Delete(const ResourceTypeDescriptor& type, const std::string& mesh,
                         const std::string& name) {
  auto response = Send("DELETE", ItemPath(type, mesh, name));
  if (!response.ok()) {
    return response.status();
  }
  if (response->status != 200) {
    return FailedResponse(*response);
  }
  return Status::Ok();
}

}  // namespace meshplane
