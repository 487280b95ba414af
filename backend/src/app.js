import { randomUUID } from 'node:crypto';
import cors from 'cors';
import express from 'express';
import { pinoHttp } from 'pino-http';
import { createCatalog } from './data/catalog.js';
import { HttpError, sendError } from './errors.js';
import { createLogger } from './logger.js';
import { healthRouter } from './routes/health.js';
import { specialtiesRouter } from './routes/specialties.js';

const REQUEST_ID = /^[\w.-]{1,128}$/;

// Builds the Express application without listening, so tests drive it through supertest
// and server.js owns the socket and the process signals.
export function createApp(
  config,
  { logger = createLogger(config), catalog = createCatalog() } = {},
) {
  const app = express();
  app.disable('x-powered-by');
  app.locals.shuttingDown = false;

  app.use(requestLogging(logger));
  app.use(corsFromAllowList(config));
  app.use((req, res, next) => {
    res.set('X-Content-Type-Options', 'nosniff');
    // Tell keep-alive clients (the ALB included) to reconnect elsewhere while we drain.
    if (app.locals.shuttingDown) res.set('Connection', 'close');
    next();
  });

  app.use('/api', healthRouter(config));
  app.use('/api', specialtiesRouter({ catalog }));

  app.use((req, res, next) => {
    next(new HttpError(404, 'not_found', `No route for ${req.method} ${req.path}`));
  });
  app.use(errorHandler);

  return app;
}

function requestLogging(logger) {
  return pinoHttp({
    logger,
    genReqId(req, res) {
      const incoming = req.headers['x-request-id'];
      const id =
        typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    // Health probes arrive every few seconds from the load balancer; keep them out of the
    // default log level unless they fail.
    customLogLevel(req, res, err) {
      if (err || res.statusCode >= 500) return 'error';
      // Routers strip their mount path from req.url, so only originalUrl is reliable here.
      if (req.originalUrl.split('?')[0] === '/api/health') return 'debug';
      return 'info';
    },
    // Method, path and status are enough; headers can carry credentials and bodies are
    // never logged.
    serializers: {
      req: (req) => ({ id: req.id, method: req.method, url: req.url }),
      res: (res) => ({ statusCode: res.statusCode }),
    },
  });
}

// The allow-list is exact: a listed origin is echoed back with Vary: Origin, anything else
// gets no Access-Control-Allow-Origin at all, and "*" is never sent. This runs before the
// routes so that 404s and errors carry the CORS headers too, or browsers hide them.
function corsFromAllowList({ corsOrigins, corsCredentials }) {
  return cors({
    origin: [...corsOrigins],
    credentials: corsCredentials,
    methods: ['GET', 'HEAD', 'OPTIONS'],
    maxAge: 600,
    optionsSuccessStatus: 204,
  });
}

// Express 5 forwards errors thrown in handlers, sync or async, to here. It recognises an
// error handler by its four parameters, so the unused last one has to stay.
function errorHandler(err, req, res, _next) {
  if (err instanceof HttpError) {
    sendError(res, err.status, err.code, err.message);
    return;
  }
  // Errors raised by Express itself (a malformed %-escape in the path, for example) carry a
  // 4xx status and a message that is safe to show.
  const status = err.status ?? err.statusCode;
  if (Number.isInteger(status) && status >= 400 && status < 500) {
    sendError(res, status, 'bad_request', err.expose ? err.message : 'The request is malformed');
    return;
  }
  req.log.error({ err }, 'request failed');
  sendError(res, 500, 'internal_error', 'Something went wrong on our side');
}
