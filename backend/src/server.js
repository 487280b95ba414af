import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';

let config;
try {
  config = loadConfig(process.env);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(`bluemed-backend cannot start: ${err.message}`);
  process.exit(2);
}

const logger = createLogger(config);
const app = createApp(config, { logger });
const server = app.listen(config.port, () => {
  logger.info({ port: server.address().port }, 'listening');
});

// The ALB keeps idle connections for 60 s by default; keeping ours open longer means the
// load balancer, not Node, closes them, which avoids sporadic 502s.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;

// ECS sends SIGTERM, waits its stop timeout (30 s by default), then SIGKILL. Stop
// accepting, let in-flight requests finish, and give up before ECS does.
let stopping = false;
function shutDown(signal) {
  if (stopping) return;
  stopping = true;
  app.locals.shuttingDown = true;
  logger.info({ signal, timeoutMs: config.shutdownTimeoutMs }, 'shutting down');

  const deadline = setTimeout(() => {
    logger.error({ timeoutMs: config.shutdownTimeoutMs }, 'requests still open; exiting anyway');
    process.exit(1);
  }, config.shutdownTimeoutMs);
  deadline.unref();

  server.close((err) => {
    if (err) {
      logger.error({ err }, 'server did not close cleanly');
      process.exit(1);
    }
    logger.info('stopped');
    process.exit(0);
  });
  server.closeIdleConnections();
}

process.on('SIGTERM', () => shutDown('SIGTERM'));
process.on('SIGINT', () => shutDown('SIGINT'));
