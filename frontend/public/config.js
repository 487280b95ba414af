// Used by `npm run dev` only. In the container, /config.js is written at start from the
// API_URL environment variable, so one image serves every environment.
window.__BLUEMED_CONFIG__ = { apiUrl: 'http://localhost:3001' };
