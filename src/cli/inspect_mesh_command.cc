// `meshplane inspect mesh NAME`: the mesh's mTLS backends and the CA certificate each one uses,
// read from the control plane's `GET /meshes/{mesh}/mtls` (a meshplane extension).
#include <CLI/CLI.hpp>

#include <memory>

#include "cli/commands.h"
#include "cli/resource_output.h"
#include "cli/table_printer.h"

namespace meshplane {

namespace {

struct InspectOptions {
  std::string name;
  std::string output = "table";
};

std::string Text(const Json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Table MtlsTable(const Json& body) {
  Table table;
  table.headers = {
      "BACKEND", "TYPE", "MODE", "ENABLED", "CA SUBJECT", "NOT AFTER", "SHA-256 FINGERPRINT"};
  const Json backends = body.value("backends", Json::array());
  for (const Json& b : backends) {
    std::vector<std::string> row = {Text(b, "name"), Text(b, "type"), Text(b, "mode"),
                                    b.value("enabled", false) ? "yes" : "no"};
    if (auto ca = b.find("ca"); ca != b.end() && ca->is_object()) {
      row.push_back(Text(*ca, "subject"));
      row.push_back(Text(*ca, "notAfter"));
      row.push_back(Text(*ca, "sha256Fingerprint"));
    } else {
      row.push_back("error: " + Text(b, "error"));
      row.push_back("-");
      row.push_back("-");
    }
    table.rows.push_back(std::move(row));
  }
  if (backends.empty()) {
    table.footer = "mesh " + GoQuote(Text(body, "mesh")) + " has no mTLS backend";
  }
  return table;
}

int RunInspectMesh(CliContext& ctx, const InspectOptions& opts) {
  OutputFormat format;
  if (!ParseOutputFormat(opts.output, &format) || format == OutputFormat::kWide) {
    return ctx.Fail("unknown output format " + GoQuote(opts.output));
  }
  auto client = ctx.Client();
  if (!client.ok()) {
    return ctx.Fail(client.status().message());
  }
  auto body = (*client)->MeshMtls(opts.name);
  if (!body.ok()) {
    if (body.status().IsNotFound()) {
      return ctx.Fail("there is no Mesh with name " + GoQuote(opts.name));
    }
    return ctx.Fail("failed to inspect Mesh " + GoQuote(opts.name) + ": " +
                    body.status().message());
  }
  switch (format) {
    case OutputFormat::kJson:
      *ctx.out << JsonText(*body);
      return 0;
    case OutputFormat::kYaml:
      *ctx.out << SortedYaml(*body);
      return 0;
    case OutputFormat::kTable:
    case OutputFormat::kWide:
      break;
  }
  PrintTable(MtlsTable(*body), *ctx.out);
  return 0;
}

}  // namespace

void AddInspectMeshCommand(CLI::App& inspect, CliContext& ctx) {
  auto opts = std::make_shared<InspectOptions>();
  CLI::App* mesh = inspect.add_subcommand("mesh", "Show a mesh's mTLS backends and CAs");
  mesh->add_option("NAME", opts->name, "Name of the mesh")->required();
  mesh->add_option("-o,--output", opts->output, "Output format: one of table|yaml|json")
      ->capture_default_str();
  mesh->callback([&ctx, opts] { ctx.exit_code = RunInspectMesh(ctx, *opts); });
}

}  // namespace meshplane
