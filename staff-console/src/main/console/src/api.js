// Calls the platform's API through the console's own origin (the backend-for-frontend relays each path to the service
// that owns it, with the signed-in user's token). The page holds no token: the session cookie goes along by itself,
// and state-changing calls carry the CSRF token from the XSRF-TOKEN cookie.
import { currentLanguage } from './i18n.js';

/** A refused call: the RFC 9457 problem the service answered (or one made from the status). */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

function csrfToken() {
  const cookie = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='));
  return cookie ? decodeURIComponent(cookie.slice('XSRF-TOKEN='.length)) : '';
}

/** The console backend's own 401: no session, or one whose tokens stopped working (a service's 401 is shown). */
const NOT_SIGNED_IN = 'urn:sqp:console:not-signed-in';

const RETURN_TO = 'sqp.returnTo';

/** Where a page goes when its session has ended: the sign-in, then back to the screen it was on. */
export function signInAgain() {
  sessionStorage.setItem(RETURN_TO, location.hash);
  location.assign('/oauth2/authorization/sqp');
}

/** The screen a page was on when its session ended (once), to go back to after signing in again. */
export function takeReturnTo() {
  const hash = sessionStorage.getItem(RETURN_TO);
  sessionStorage.removeItem(RETURN_TO);
  return hash;
}

/**
 * One call. Returns { data, etag, status, headers }; throws ApiError with the problem when refused. An expired session
 * (401) sends the page to the sign-in.
 */
export async function api(path, { method = 'GET', body, etag, headers = {}, accept } = {}) {
  // the services answer validation problems in the user's language where they have its texts
  const sent = {
    Accept: accept ?? 'application/json, application/problem+json',
    'Accept-Language': currentLanguage(),
    ...headers,
  };
  if (body !== undefined) sent['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD') sent['X-XSRF-TOKEN'] = csrfToken();
  if (etag) sent['If-Match'] = etag;
  const response = await fetch(path, {
    method,
    headers: sent,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  if (!response.ok) {
    const type = response.headers.get('Content-Type') ?? '';
    const problem = type.includes('json')
      ? await response.json().catch(() => ({}))
      : { title: response.statusText };
    if (response.status === 401 && problem.type === NOT_SIGNED_IN && !path.startsWith('/console/')) signInAgain();
    throw new ApiError(response.status, { status: response.status, ...problem });
  }
  const type = response.headers.get('Content-Type') ?? '';
  let data = null;
  if (response.status !== 204) {
    data = type.includes('json') ? await response.json() : await response.text();
  }
  return { data, etag: response.headers.get('ETag'), status: response.status, headers: response.headers };
}

export const getJson = async (path) => (await api(path)).data;
export const postJson = async (path, body) => (await api(path, { method: 'POST', body })).data;
export const putJson = async (path, body) => (await api(path, { method: 'PUT', body })).data;
export const patchJson = async (path, body) => (await api(path, { method: 'PATCH', body })).data;
export const deleteJson = async (path) => (await api(path, { method: 'DELETE' })).data;

/** A query string from the given parameters, leaving out empty ones. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    for (const one of Array.isArray(value) ? value : [value]) search.append(name, one);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
