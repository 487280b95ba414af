import pino from 'pino';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';

export function appWith(env = {}) {
  return createApp(loadConfig(env), { logger: pino({ level: 'silent' }) });
}
