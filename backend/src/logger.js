import pino from 'pino';

// One JSON object per line on stdout: what CloudWatch Logs and `docker logs` both expect.
// Writes are synchronous: the volume is small, and an asynchronous stdout lets the lines
// flushed at process.exit() overtake the one still in flight, which scrambles the shutdown
// story in the logs.
export function createLogger(config, destination = pino.destination({ dest: 1, sync: true })) {
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
