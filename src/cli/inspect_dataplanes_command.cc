// `meshplane inspect dataplanes`: kumactl's inspect table of dataplanes
// (app/kumactl/cmd/inspect/inspect_dataplanes.go). The connection columns come from the
// proxies' xDS sessions; until meshplane serves xDS no proxy can be connected, so every
// dataplane is shown `Offline` and the session columns show `-` (the xDS server will fill them).
// The rows come from the dataplanes list of the mesh, with the same `--tag` filter.
#include <CLI/CLI.hpp>

#include <memory>

#include "cli/commands.h"
#include "cli/resource_output.h"
#include "cli/table_printer.h"
#include "core/resource_codec.h"
#include "mesh/v1alpha1/dataplane.pb.h"
#include "resources/dataplane/dataplane_helpers.h"

namespace meshplane {

namespace {

struct InspectOptions {
  std::string output = "table";
  std::vector<std::string> tags;
};

const std::vector<std::string>& InspectHeaders() {
  static const auto* headers = new std::vector<std::string>{"MESH",
                                                            "NAME",
                                                            "TAGS",
                                                            "STATUS",
                                                            "LAST CONNECTED AGO",
                                                            "LAST UPDATED AGO",
                                                            "TOTAL UPDATES",
                                                            "TOTAL ERRORS",
                                                            "CERT REGENERATED AGO",
                                                            "CERT EXPIRATION",
                                                            "CERT REGENERATIONS",
                                                            "KUMA-DP VERSION",
                                                            "ENVOY VERSION"};
  return *headers;
}

int InspectDataplanes(CliContext& ctx, const InspectOptions& opts) {
  OutputFormat format;
  if (!ParseOutputFormat(opts.output, &format)) {
    return ctx.Fail("unknown output format " + GoQuote(opts.output));
  }
  const ResourceTypeDescriptor* type = ctx.registry->FindByName("Dataplane");
  if (type == nullptr) {
    return ctx.Fail("the Dataplane kind is not known to this client");
  }
  auto filters = TagFilters(opts.tags);
  if (!filters.ok()) {
    return ctx.Fail(filters.status().message());
  }
  auto client = ctx.Client();
  if (!client.ok()) {
    return ctx.Fail(client.status().message());
  }
  auto page = (*client)->List(*type, ctx.MeshFor(*type), 0, "", *filters);
  if (!page.ok()) {
    return ctx.Fail("failed to list Dataplanes: " + page.status().message());
  }
  const Json& body = page->body;
  if (format == OutputFormat::kJson) {
    *ctx.out << JsonText(body);
    return 0;
  }
  if (format == OutputFormat::kYaml) {
    *ctx.out << SortedYaml(body);
    return 0;
  }
  Table table;
  table.headers = InspectHeaders();
  if (auto items = body.find("items"); body.is_object() && items != body.end()) {
    for (const Json& item : *items) {
      auto decoded = DecodeUniversal(item, *type);
      if (!decoded.ok()) {
        return ctx.Fail("invalid Dataplane object received from the server: " +
                        decoded.status().message());
      }
      const Resource& r = decoded->resource;
      const auto& dp = r.SpecAs<kuma::mesh::v1alpha1::Dataplane>();
      std::vector<std::string> row = {r.meta().mesh, r.meta().name, FormatTags(DataplaneTagSet(dp)),
                                      "Offline"};
      row.resize(InspectHeaders().size(), "-");
      table.rows.push_back(std::move(row));
    }
  }
  table.footer = PaginationFooter(page->next_offset);
  PrintTable(table, *ctx.out);
  return 0;
}

}  // namespace

void AddInspectDataplanesCommand(CLI::App& inspect, CliContext& ctx) {
  auto opts = std::make_shared<InspectOptions>();
  CLI::App* dataplanes = inspect.add_subcommand("dataplanes", "Inspect Dataplanes");
  dataplanes->add_option("-o,--output", opts->output, "Output format: one of table|yaml|json")
      ->capture_default_str();
  dataplanes->add_option("--tag", opts->tags,
                         "filter by tag in format of key=value. You can provide many tags");
  dataplanes->callback([&ctx, opts] { ctx.exit_code = InspectDataplanes(ctx, *opts); });
}

}  // namespace meshplane
