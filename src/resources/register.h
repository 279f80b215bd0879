// Registers every resource kind meshplane serves.
#pragma once

namespace meshplane {
class ResourceTypeRegistry;
void RegisterBuiltinResourceTypes(ResourceTypeRegistry& registry);
}  // namespace meshplane
