#include "cli/table_printer.h"

#include <algorithm>

namespace meshplane {

namespace {

constexpr size_t kPadding = 3;

// Display width as tabwriter counts it: one per UTF-8 code point.
size_t TextWidth(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) {
      ++n;
    }
  }
  return n;
}

}  // namespace

void PrintTable(const Table& table, std::ostream& out) {
  std::vector<const std::vector<std::string>*> lines;
  if (!table.headers.empty()) {
    lines.push_back(&table.headers);
  }
  for (const auto& row : table.rows) {
    lines.push_back(&row);
  }
  // Only cells followed by another cell form aligned columns (tab-terminated cells).
  std::vector<size_t> widths;
  for (const auto* line : lines) {
    for (size_t i = 0; i + 1 < line->size(); ++i) {
      if (widths.size() <= i) {
        widths.resize(i + 1, 0);
      }
      widths[i] = std::max(widths[i], TextWidth((*line)[i]));
    }
  }
  for (const auto* line : lines) {
    for (size_t i = 0; i < line->size(); ++i) {
      const std::string& cell = (*line)[i];
      out << cell;
      if (i + 1 < line->size()) {
        out << std::string(widths[i] + kPadding - TextWidth(cell), ' ');
      }
    }
    out << "\n";
  }
  if (!table.footer.empty()) {
    out << "\n" << table.footer << "\n";
  }
}

std::string PaginationFooter(const std::string& next_offset) {
  if (next_offset.empty()) {
    return "";
  }
  return "Rerun command with --offset=" + next_offset + " argument to retrieve more resources";
}

}  // namespace meshplane
