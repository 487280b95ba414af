import { describe, expect, it } from 'vitest';
import { apiUrl } from './config.js';

describe('apiUrl', () => {
  it('reads the address written to window.__BLUEMED_CONFIG__ at run time', () => {
    window.__BLUEMED_CONFIG__ = { apiUrl: 'https://api.staging.example.org' };

    expect(apiUrl()).toBe('https://api.staging.example.org');
  });

  it('drops trailing slashes so paths can be appended', () => {
    window.__BLUEMED_CONFIG__ = { apiUrl: 'https://api.example.org//' };

    expect(apiUrl()).toBe('https://api.example.org');
  });

  it('falls back to the page origin when no config was loaded', () => {
    expect(apiUrl()).toBe('');
  });
});
