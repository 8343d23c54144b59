// What the crisis pages (#/crises and the room #/crises/<id>) share: the severity, kind and status
// badges (labels from the server's vocabularies), who may manage a room or write in it (as far as
// the UI can tell: the server decides), and the members offered as task owners and role holders.

import { h } from '../dom.js';
import { t, pick, formatNumber } from '../i18n.js';
import { termLabel, term } from '../reference.js';
import { can } from '../permissions.js';
import { session } from '../session.js';
import { memberList, memberName } from '../people.js';
import { stateIcon } from '../icons.js';

/** A vocabulary label with its figures in the page's digits ("شديدة (3)" reads "شديدة (٣)"). */
export function label(vocabulary, code) {
  return termLabel(vocabulary, code).replace(/\d+/g, (n) => formatNumber(Number(n)));
}

/** The severity (CAP's four levels) as a coloured badge; its level is the vocabulary's attribute. */
export function severityBadge(code) {
  const level = term('crisis_severities', code)?.level || 0;
  return h('span', { class: `crisis-sev level-${level}`, dataset: { testid: 'crisis-severity', severity: code } },
    label('crisis_severities', code));
}

/** A drill is marked as such wherever it shows; a real crisis says so only where asked (`real`). */
export function kindBadge(kind, { real = false } = {}) {
  if (kind !== 'drill' && !real) return null;
  return h('span', { class: `badge crisis-kind-${kind}`, dataset: { testid: 'crisis-kind', kind } }, label('crisis_kinds', kind));
}

export function statusChip(status) {
  return h('span', { class: `chip crisis-${status}`, dataset: { testid: 'crisis-status', status } }, stateIcon(status, 'crisis'), label('crisis_statuses', status));
}

const me = () => session.member?.id;

/** Whether the signed-in member holds `role` (any role when omitted) in the room. */
export function holdsRole(crisis, role) {
  return (crisis.roles || []).some((r) => String(r.account_id) === String(me()) && (!role || r.role === role));
}

/** Who manages the room, whatever its status: the lead entity's admins, network admins and the room's lead. */
export function managesRoom(crisis) {
  return can('crisis.manage', crisis.lead_entity_id) || holdsRole(crisis, 'lead');
}

/** Situation, roles, tasks, closing and pausing publishing: the room's managers while it is active. */
export function canManage(crisis) {
  return crisis.status === 'active' && managesRoom(crisis);
}

/** Timeline entries: the lead or an affected entity's editors, spokespeople and admins, and the room. */
export function canContribute(crisis) {
  if (crisis.status !== 'active') return false;
  return holdsRole(crisis) || [crisis.lead_entity_id, ...(crisis.affected_entity_ids || [])].some((id) => can('crisis.contribute', id));
}

export function isMe(accountId) {
  return String(accountId) === String(me());
}

/** The members as select options (those the caller may see; the room's own people are always there). */
export function memberOptions(crisis) {
  const options = memberList().map((m) => ({ value: String(m.id), label: memberName(m.id) }));
  for (const r of crisis?.roles || []) {
    if (!options.some((o) => o.value === String(r.account_id))) options.push({ value: String(r.account_id), label: roleHolderName(r) });
  }
  return options;
}

/** A room member's name in the page's language (the answer carries both). */
export function roleHolderName(role) {
  return pick(role, 'name');
}

/** The name of the member with this account id: known members, then the room's people, else "#id". */
export function accountName(crisis, id) {
  const role = (crisis?.roles || []).find((r) => String(r.account_id) === String(id));
  return memberName(id) || (role ? roleHolderName(role) : t('crisis.member_id', { id: formatNumber(id) }));
}
