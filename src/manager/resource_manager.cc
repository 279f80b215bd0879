#include "manager/resource_manager.h"

namespace meshplane {

ResourceManager::ResourceManager(ResourceStore& store, const ResourceTypeRegistry& registry,
                                 ManagerOptions options)
    : store_(store), registry_(registry), options_(options) {}

void ResourceManager::RegisterLifecycle(const std::string& type_name, KindLifecycle lifecycle) {
  lifecycles_[type_name] = std::move(lifecycle);
}

const KindLifecycle* ResourceManager::LifecycleOf(const ResourceTypeDescriptor& type) const {
  auto it = lifecycles_.find(type.name);
  return it == lifecycles_.end() ? nullptr : &it->second;
}

Result<Resource> ResourceManager::Get(const ResourceTypeDescriptor& type, const ResourceKey& key) {
  return store_.Get(type, key);
}

Result<ResourceList> ResourceManager::List(const ResourceTypeDescriptor& type,
                                           const ListOptions& opts) {
  return store_.List(type, opts);
}

Status ResourceManager::ValidateSpec(Resource& r) const {
  if (r.type().apply_defaults) {
    MP_RETURN_IF_ERROR(r.type().apply_defaults(r));
  }
  if (r.type().validate) {
    ValidationError err = r.type().validate(r);
    if (err.HasViolations()) {
      return Status::Invalid(std::move(err));
    }
  }
  return Status::Ok();
}

Status ResourceManager::Create(Resource& r, const CreateOptions& opts) {
  const ResourceTypeDescriptor& type = r.type();
  if (!type.IsMeshScoped()) {
    r.meta().mesh.clear();
  }
  MP_RETURN_IF_ERROR(ValidateSpec(r));
  const KindLifecycle* lc = LifecycleOf(type);
  return store_.Transact([&](ResourceStore& tx) -> Status {
    CreateOptions create_opts = opts;
    if (type.IsMeshScoped()) {
      const ResourceTypeDescriptor* mesh_type = registry_.FindByName("Mesh");
      auto mesh = tx.Get(*mesh_type, ResourceKey{"", r.meta().mesh});
      if (!mesh.ok()) {
        return mesh.status().IsNotFound() ? Status::MeshNotFound(r.meta().mesh) : mesh.status();
      }
      // Mesh-scoped resources belong to their mesh and go with it.
      if (!create_opts.owner) {
        create_opts.owner = OwnerRef{"Mesh", ResourceKey{"", r.meta().mesh}};
      }
    }
    if (lc && lc->prepare) {
      MP_RETURN_IF_ERROR(lc->prepare(r, nullptr, tx));
    }
    if (lc && lc->validate_create) {
      MP_RETURN_IF_ERROR(lc->validate_create(r, tx));
    }
    MP_RETURN_IF_ERROR(tx.Create(r, create_opts));
    if (lc && lc->after_create) {
      MP_RETURN_IF_ERROR(lc->after_create(r, tx));
    }
    return Status::Ok();
  });
}

Status ResourceManager::Update(Resource& r) {
  const ResourceTypeDescriptor& type = r.type();
  if (!type.IsMeshScoped()) {
    r.meta().mesh.clear();
  }
  MP_RETURN_IF_ERROR(ValidateSpec(r));
  const KindLifecycle* lc = LifecycleOf(type);
  return store_.Transact([&](ResourceStore& tx) -> Status {
    auto previous = tx.Get(type, r.meta().Key());
    if (!previous.ok()) {
      return previous.status();
    }
    if (r.meta().version != 0 && r.meta().version != previous->meta().version) {
      return Status::ResourceConflict(type.name, r.meta().mesh, r.meta().name);
    }
    if (lc && lc->prepare) {
      MP_RETURN_IF_ERROR(lc->prepare(r, &*previous, tx));
    }
    if (lc && lc->validate_update) {
      MP_RETURN_IF_ERROR(lc->validate_update(*previous, r, tx));
    }
    r.meta().version = previous->meta().version;
    MP_RETURN_IF_ERROR(tx.Update(r));
    if (lc && lc->after_update) {
      MP_RETURN_IF_ERROR(lc->after_update(*previous, r, tx));
    }
    return Status::Ok();
  });
}

Status ResourceManager::Delete(const ResourceTypeDescriptor& type, const ResourceKey& key,
                               int64_t expected_version) {
  const KindLifecycle* lc = LifecycleOf(type);
  return store_.Transact([&](ResourceStore& tx) -> Status {
    auto existing = tx.Get(type, key);
    if (!existing.ok()) {
      return existing.status();
    }
    if (expected_version != 0 && expected_version != existing->meta().version) {
      return Status::ResourceConflict(type.name, existing->meta().mesh, key.name);
    }
    if (lc && lc->validate_delete && !options_.unsafe_delete) {
      MP_RETURN_IF_ERROR(lc->validate_delete(*existing, tx));
    }
    if (lc && lc->before_delete) {
      MP_RETURN_IF_ERROR(lc->before_delete(*existing, tx));
    }
    return tx.Delete(type, key, DeleteOptions{existing->meta().version});
  });
}

}  // namespace meshplane
