import pino from 'pino';

// One JSON object per line on stdout: what CloudWatch Logs and `docker logs` both expect.
export function createLogger(config, destination) {
  return pino(
    {
      level: config.logLevel,
      base: { service: 'bluemed-backend', version: config.version },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}
