import { invalidQuery } from './errors.js';

// Query values arrive as strings, or as arrays when a name is repeated (?q=a&q=b); both
// shapes are checked here so the routes only ever see clean, typed values.

export const MAX_SEARCH_LENGTH = 50;

export function optionalSearch(query, name) {
  const raw = single(query, name);
  if (raw === undefined) return undefined;
  const value = raw.trim();
  if (value === '') return undefined;
  if (value.length > MAX_SEARCH_LENGTH) {
    throw invalidQuery(`${name} must be at most ${MAX_SEARCH_LENGTH} characters long`);
  }
  return value;
}

export function optionalBoolean(query, name) {
  const raw = single(query, name);
  if (raw === undefined) return undefined;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw invalidQuery(`${name} must be "true" or "false", not "${raw}"`);
}

export function optionalDate(query, name) {
  const raw = single(query, name);
  if (raw === undefined) return undefined;
  if (!isCalendarDate(raw)) {
    throw invalidQuery(`${name} must be a calendar date written YYYY-MM-DD, not "${raw}"`);
  }
  return raw;
}

function single(query, name) {
  const raw = query[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') {
    throw invalidQuery(`${name} must be given at most once`);
  }
  return raw;
}

function isCalendarDate(value) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}
