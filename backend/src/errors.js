// Every error answer has the same shape: {"error": {"code": "...", "message": "..."}}.
export class HttpError extends Error {
  constructor(status, code, message) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
  }
}

export function notFound(message) {
  return new HttpError(404, 'not_found', message);
}

export function invalidQuery(message) {
  return new HttpError(400, 'invalid_query', message);
}

export function sendError(res, status, code, message) {
  res.status(status).json({ error: { code, message } });
}
