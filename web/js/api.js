// The one way the UI talks to the server: JSON over fetch with the session cookie,
// the CSRF token on unsafe methods, the UI language and digits as Accept-Language, and RFC 9457
// problems turned into ApiError (whose message is the problem's detail, ready to show).

import { currentDigits, currentLang, showsHijri, t } from './i18n.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
let csrfToken = null;

/** Remembers the CSRF token from POST /api/v1/sessions or GET /api/v1/me (null forgets it). */
export function setCsrfToken(token) {
  csrfToken = token || null;
}

/** The ETag value for a record's version, for If-Match: etag(3) = '"3"'. */
export const etag = (version) => `"${version}"`;

export class ApiError extends Error {
  /** problem: the parsed application/problem+json body (or a stand-in), status: the HTTP status. */
  constructor(problem, status) {
    super(problem.detail || problem.title || t('common.error.http', { status }));
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.code = problem.code || null;
    this.field = problem.field || null;
  }
}

/**
 * The UI language with the digit and calendar preferences as a BCP 47 Unicode extension
 * ("ar-u-nu-arab", "en-u-nu-latn", "ar-u-ca-islamic-umalqura-nu-arab"): the server writes its texts
 * (problem details, conflict and finding explanations, notifications) in the digits the rest of the
 * page uses, with Hijri dates beside the Gregorian ones when the page shows them.
 */
export function acceptLanguage() {
  return `${currentLang()}-u-${showsHijri() ? 'ca-islamic-umalqura-' : ''}nu-${currentDigits()}`;
}

/**
 * Calls the API. path is absolute ('/api/v1/entities') and may carry a query; query adds
 * parameters (null/undefined values are left out). body is sent as JSON; raw (a File or Blob) is
 * sent as it is, with headers['Content-Type'] or application/octet-stream (file uploads).
 * Resolves to the parsed JSON (null for 204), rejects with ApiError. A 401 on anything but the
 * session calls announces 'sawt:unauthenticated'.
 */
export async function api(path, { method = 'GET', body, raw, query, headers = {}, signal } = {}) {
  const url = new URL(path, location.origin);
  for (const [k, v] of Object.entries(query || {})) {
    if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, String(v));
  }
  const h = { Accept: 'application/json, application/problem+json', 'Accept-Language': acceptLanguage(), ...headers };
  const init = { method, headers: h, credentials: 'same-origin', signal };
  if (raw !== undefined) {
    h['Content-Type'] = headers['Content-Type'] || 'application/octet-stream';
    init.body = raw;
  } else if (body !== undefined) {
    h['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (UNSAFE.has(method) && csrfToken) h['X-CSRF-Token'] = csrfToken;

  let res;
  try {
    res = await fetch(url, init);
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    throw new ApiError({ detail: t('common.error.network') }, 0);
  }
  if (res.status === 204) return null;
  const type = res.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await res.json().catch(() => null) : null;
  if (res.ok) return data;

  const problem = data && typeof data === 'object' ? data : {};
  if (res.status === 401 && !path.startsWith('/api/v1/sessions') && path !== '/api/v1/me') {
    document.dispatchEvent(new CustomEvent('sawt:unauthenticated'));
  }
  throw new ApiError(problem, res.status);
}

/** Reads every page of a cursor-paginated list ({items, next_cursor}) and returns all items. */
export async function listAll(path, query = {}, { signal, maxPages = 50 } = {}) {
  const items = [];
  let cursor = null;
  for (let page = 0; page < maxPages; page++) {
    const data = await api(path, { query: { ...query, limit: 200, cursor }, signal });
    if (Array.isArray(data)) return data; // tolerate a bare array
    items.push(...(data?.items || []));
    cursor = data?.next_cursor;
    if (!cursor) break;
  }
  return items;
}
