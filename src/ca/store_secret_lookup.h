// A SecretLookup that reads mesh-scoped `Secret` resources through a store, returning their
// `data` bytes. Until a `Secret` kind is registered every secret is reported missing, with
// Kuma's not-found text.
#pragma once

#include "ca/datasource_loader.h"
#include "core/resource_type.h"
#include "store/resource_store.h"

namespace meshplane {

// The returned lookup refers to `store` and `registry`; it must not outlive them (typically it
// lives for one transaction, reading through `tx` so that it sees the transaction's writes).
SecretLookup StoreSecretLookup(ResourceStore& store, const ResourceTypeRegistry& registry);

}  // namespace meshplane
