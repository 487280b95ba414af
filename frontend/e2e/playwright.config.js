/* global process */
// Run by `delivery verify` with the target's SPA origin, its own output directories and the
// machine's Chromium; Playwright never downloads a browser here. By hand:
//   JOURNEY_BASE_URL=http://localhost:3000 npm test
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '*.e2e.js',
  outputDir: process.env.JOURNEY_OUTPUT ?? 'test-results',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  forbidOnly: true,
  retries: 0,
  // Each test has its own page and its own route stubs, so two run side by side on 2 cores.
  fullyParallel: true,
  workers: 2,
  reporter: [
    ['list'],
    ['json', { outputFile: process.env.JOURNEY_REPORT ?? 'test-results/journey.json' }],
  ],
  use: {
    baseURL: process.env.JOURNEY_BASE_URL ?? 'http://localhost:3000',
    browserName: 'chromium',
    screenshot: 'only-on-failure',
    trace: 'off',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium-headless-shell',
      // No sandbox because CI and CodeBuild run as root; the rest keeps Chromium from calling
      // home, which would only slow the run down where nothing outside can be reached.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
