import { Router } from 'express';

// Load balancers probe this by IP address, so nothing here may depend on the Host header.
export function healthRouter({ version }) {
  const router = Router();
  router.get('/health', (req, res) => {
    res.set('Cache-Control', 'no-store');
    res.json({ status: 'ok', version, uptime: Math.floor(process.uptime()) });
  });
  return router;
}
