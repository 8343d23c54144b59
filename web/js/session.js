// The signed-in member and their memberships, as answered by POST /api/v1/sessions or
// GET /api/v1/me. One shared object so every page reads the same state.

export const session = { member: null, memberships: [] };

export function setSession(answer) {
  session.member = answer?.member || null;
  session.memberships = Array.isArray(answer?.memberships) ? answer.memberships : [];
}

export function clearSession() {
  session.member = null;
  session.memberships = [];
}

/** True when the member holds role in entityId (or anywhere, when entityId is omitted). */
export function hasRole(role, entityId) {
  return session.memberships.some((m) => m.role === role && (entityId === undefined || m.entity_id === entityId));
}
