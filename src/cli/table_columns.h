// Table layouts of `meshplane get` by kind. Kinds without their own layout get kumactl's generic
// one: `MESH NAME AGE` for mesh-scoped kinds and `NAME AGE` for global ones. A kind's layout is
// registered in table_columns.cc; `-o wide` uses the kind's wide layout when it has one and its
// normal layout otherwise.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/resource.h"
#include "core/resource_type.h"

namespace meshplane {

struct TableColumns {
  std::vector<std::string> headers;
  // One cell per header. `now` is the time ages are measured against.
  std::function<std::vector<std::string>(const Resource& resource, Timestamp now)> row;
};

enum class TableWidth { kNormal, kWide };

TableColumns ColumnsFor(const ResourceTypeDescriptor& type, TableWidth width);

}  // namespace meshplane
