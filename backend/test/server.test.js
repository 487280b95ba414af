import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { describe, it } from 'node:test';

// Runs the real entry point in a child process: the only way to see the signal handling.
function startServer(env = {}) {
  const child = spawn(process.execPath, ['src/server.js'], {
    cwd: new URL('..', import.meta.url),
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = [];
  const listening = new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const entry = JSON.parse(line);
      lines.push(entry);
      if (entry.msg === 'listening') resolve(entry.port);
    });
    child.on('exit', (code) => reject(new Error(`server exited early with ${code}`)));
  });
  return { child, lines, listening };
}

describe('server.js', () => {
  it('logs JSON, serves, and exits 0 on SIGTERM', async () => {
    const { child, lines, listening } = startServer({ APP_VERSION: 'abc1234' });
    const port = await listening;

    const res = await fetch(`http://127.0.0.1:${port}/api/health`);
    assert.equal((await res.json()).version, 'abc1234');

    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');

    assert.equal(code, 0);
    assert.deepEqual(
      lines.slice(-2).map((entry) => entry.msg),
      ['shutting down', 'stopped'],
    );
    assert.equal(lines.at(-2).signal, 'SIGTERM');
    assert.ok(lines.every((entry) => entry.service === 'bluemed-backend'));
  });

  it('refuses to start with exit code 2 when the configuration is invalid', async () => {
    const child = spawn(process.execPath, ['src/server.js'], {
      cwd: new URL('..', import.meta.url),
      env: { ...process.env, PORT: 'http' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const [code] = await once(child, 'exit');

    assert.equal(code, 2);
    assert.match(stderr, /PORT is "http"/);
  });
});
