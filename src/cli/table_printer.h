// Plain-text tables laid out exactly like kumactl's (Go text/tabwriter with minwidth 1, padding
// 3, space padding): every column but the last is as wide as its widest cell plus three spaces;
// the last cell of a row is written as is. An optional footer follows after an empty line.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace meshplane {

struct Table {
  std::vector<std::string> headers;
  std::vector<std::vector<std::string>> rows;
  // Printed after an empty line when not empty, e.g. the pagination hint.
  std::string footer;
};

void PrintTable(const Table& table, std::ostream& out);

// kumactl's hint when a list has another page.
std::string PaginationFooter(const std::string& next_offset);

}  // namespace meshplane
