// The API address is read at run time from /config.js (see index.html), never baked into
// the bundle: the same image is promoted from staging to production.
export function apiUrl() {
  const configured = globalThis.window?.__BLUEMED_CONFIG__?.apiUrl;
  return typeof configured === 'string' ? configured.replace(/\/+$/, '') : '';
}
