// The signed-in member, their memberships and permissions, as answered by POST /api/v1/sessions or
// GET /api/v1/me. One shared object so every page reads the same state; what the caller may do is
// asked of permissions.js (can(permission, entityId)), filled here from the answer's `permissions`.

import { setPermissions } from './permissions.js';

export const session = { member: null, memberships: [], networkAdmin: false, mustChangePassword: false };

export function setSession(answer) {
  // docs/api.md: {member, memberships, csrf_token}. The server currently answers
  // {account_id, login, network_admin, roles: [{entity_id, role}], csrf_token}; accept both.
  session.member = answer?.member
    || (answer?.login ? { id: answer.account_id ?? null, login: answer.login } : null);
  const list = Array.isArray(answer?.memberships) ? answer.memberships
    : Array.isArray(answer?.roles) ? answer.roles.map((r) => ({ member_id: session.member?.id ?? null, ...r }))
      : [];
  session.memberships = list;
  session.networkAdmin = answer?.network_admin === true || list.some((m) => m.role === 'network_admin');
  // An administrator gave this account its password: it must be replaced before anything else
  // (the server answers 403 auth.password_change_required meanwhile).
  session.mustChangePassword = answer?.must_change_password === true;
  setPermissions(answer?.permissions);
}

/** True when the session's member record lacks display names (so the caller may fetch it). */
export function needsMemberRecord() {
  const m = session.member;
  return !!m && m.id !== null && m.id !== undefined && !m.name_ar && !m.name_en;
}

export function clearSession() {
  session.member = null;
  session.memberships = [];
  session.networkAdmin = false;
  session.mustChangePassword = false;
  setPermissions(null);
}
