// Reads the process environment once, at start-up, into a frozen config object. Every
// problem is reported with the variable's name and an example of a valid value, so a
// misconfigured task fails fast with a message that says how to fix it.

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export class ConfigError extends Error {
  constructor(message) {
    super(message);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env = process.env) {
  return Object.freeze({
    port: parseInteger(env, 'PORT', 3001, { min: 0, max: 65535, example: '3001' }),
    version: env.APP_VERSION?.trim() || 'dev',
    corsOrigins: Object.freeze(parseOrigins(env, 'CORS_ORIGINS')),
    corsCredentials: parseBoolean(env, 'CORS_CREDENTIALS', false),
    shutdownTimeoutMs: parseInteger(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, {
      min: 0,
      max: 120_000,
      example: '10000',
    }),
    logLevel: parseLogLevel(env, 'LOG_LEVEL', 'info'),
  });
}

function valueOf(env, name) {
  const raw = env[name];
  return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
}

function parseInteger(env, name, fallback, { min, max, example }) {
  const raw = valueOf(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(
      `${name} is "${raw}"; it must be a whole number from ${min} to ${max}, e.g. ${example}`,
    );
  }
  return value;
}

function parseBoolean(env, name, fallback) {
  const raw = valueOf(env, name);
  if (raw === undefined) return fallback;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw new ConfigError(`${name} is "${raw}"; it must be "true" or "false"`);
}

function parseLogLevel(env, name, fallback) {
  const raw = valueOf(env, name);
  if (raw === undefined) return fallback;
  if (!LOG_LEVELS.includes(raw)) {
    throw new ConfigError(`${name} is "${raw}"; it must be one of ${LOG_LEVELS.join(', ')}`);
  }
  return raw;
}

function parseOrigins(env, name) {
  const raw = valueOf(env, name);
  if (raw === undefined) return [];
  return raw
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      if (!isOrigin(entry)) {
        throw new ConfigError(
          `${name} contains "${entry}", which is not an origin; list scheme://host[:port] ` +
            'values with no path or trailing slash, e.g. https://app.example.org',
        );
      }
      return entry;
    });
}

function isOrigin(entry) {
  try {
    const url = new URL(entry);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === entry;
  } catch {
    return false;
  }
}
