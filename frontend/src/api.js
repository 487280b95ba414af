import { apiUrl } from './config.js';

export class ApiError extends Error {
  constructor(message, { status, code }) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

async function getJson(path, signal) {
  let response;
  try {
    response = await fetch(`${apiUrl()}${path}`, {
      signal,
      headers: { Accept: 'application/json' },
    });
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    throw new ApiError('The API cannot be reached. Check your connection and try again.', {
      status: 0,
      code: 'unreachable',
    });
  }

  const body = await response.json().catch(() => undefined);
  if (!response.ok) {
    throw new ApiError(body?.error?.message ?? `The API answered with status ${response.status}.`, {
      status: response.status,
      code: body?.error?.code ?? 'http_error',
    });
  }
  if (body === undefined) {
    throw new ApiError('The API answered with something that is not JSON.', {
      status: response.status,
      code: 'not_json',
    });
  }
  return body;
}

export function getSpecialties({ q, hasOpenSlots } = {}, signal) {
  const query = new URLSearchParams();
  if (q) query.set('q', q);
  if (hasOpenSlots !== undefined) query.set('hasOpenSlots', String(hasOpenSlots));
  const suffix = query.toString() === '' ? '' : `?${query}`;
  return getJson(`/api/specialties${suffix}`, signal);
}

export function getSpecialty(id, signal) {
  return getJson(`/api/specialties/${encodeURIComponent(id)}`, signal);
}

export function getSlots(id, signal) {
  return getJson(`/api/specialties/${encodeURIComponent(id)}/slots`, signal);
}
