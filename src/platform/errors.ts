/** Coded errors: every code maps to one status and one page, in one place. */
export const errorStatus = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  CSRF_FAILED: 403,
  UNAUTHENTICATED: 401,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
  BAD_REQUEST: 400,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export class AppError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string = code) {
    super(message);
    this.code = code;
  }
  get status(): number {
    return errorStatus[this.code];
  }
}

export const notFound = (what = 'Not found'): AppError => new AppError('NOT_FOUND', what);
export const forbidden = (what = 'Forbidden'): AppError => new AppError('FORBIDDEN', what);

/** A finder that answers NOT_FOUND (a 404) where find() finds nothing, so the record can be used as found. */
export const mustFind =
  <Args extends unknown[], T>(find: (...args: Args) => Promise<T | undefined>) =>
  async (...args: Args): Promise<T> => {
    const found = await find(...args);
    if (found === undefined) throw notFound();
    return found;
  };
