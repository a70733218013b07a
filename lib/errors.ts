// One error type for the whole app. `message` is a sentence a user may read; `detail` is for logs only.
export type AppErrorCode = 'NOT_FOUND' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'INVALID_STATE' | 'CONFLICT' | 'VALIDATION' | 'RATE_LIMITED' | 'PAYMENT_FAILED' | 'UNAVAILABLE';

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly fieldErrors?: Record<string, string[]>;
  readonly detail?: unknown;

  constructor(code: AppErrorCode, message: string, opts: { fieldErrors?: Record<string, string[]>; detail?: unknown } = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fieldErrors = opts.fieldErrors;
    this.detail = opts.detail;
  }
}

export const notFound = (what = 'That page') => new AppError('NOT_FOUND', `${what} could not be found.`);

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
