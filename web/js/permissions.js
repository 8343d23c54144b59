// What the caller may do, as the server says: GET /api/v1/me and POST /api/v1/sessions answer
// `permissions`, each permission the caller holds mapped to `true` (everywhere) or to the ids of
// the entities it holds in (their sub-entities included). docs/permissions.md names them.
// Used only to show or hide navigation and actions; every request is still decided by the server
// (its problem detail is shown when it refuses).

import { reference } from './reference.js';

let grants = new Map(); // permission -> true | Set of entity ids (as strings)

/** Takes the `permissions` object of a session answer (nothing held when it is missing). */
export function setPermissions(permissions) {
  grants = new Map();
  for (const [name, where] of Object.entries(permissions || {})) {
    if (where === true) grants.set(name, true);
    else if (Array.isArray(where) && where.length) grants.set(name, new Set(where.map(String)));
  }
}

/**
 * True when the caller holds permission in entityId (with entityId omitted: anywhere at all;
 * with entityId null: for the whole network, i.e. everywhere).
 */
export function can(permission, entityId) {
  const where = grants.get(permission);
  if (!where) return false;
  if (where === true || entityId === undefined) return true;
  if (entityId === null) return false;
  return where.has(String(entityId));
}

/** True when the caller holds permission everywhere (network admins; rules every member passes). */
export function canEverywhere(permission) {
  return grants.get(permission) === true;
}

/**
 * The entities in which the caller holds permission, from `entities` (records with an id;
 * the cached entity list of reference.js by default), in their order.
 */
export function entitiesWhere(permission, entities = reference().entities || []) {
  return entities.filter((e) => can(permission, e.id));
}
