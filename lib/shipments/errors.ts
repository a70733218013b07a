import { AppError, type AppErrorCode } from '@/lib/errors';

// The shipping API speaks Amazon's error codes; pages show the message. One error carries both.
export type ShippingApiCode = 'INVALID_INPUT' | 'NOT_FOUND' | 'TOKEN_EXPIRED' | 'RATE_NOT_FOUND' | 'INVALID_STATE' | 'CONFLICT' | 'UNAUTHORIZED' | 'TOO_MANY_REQUESTS' | 'INTERNAL_ERROR';

const appCode: Record<ShippingApiCode, AppErrorCode> = {
  INVALID_INPUT: 'VALIDATION',
  NOT_FOUND: 'NOT_FOUND',
  TOKEN_EXPIRED: 'INVALID_STATE',
  RATE_NOT_FOUND: 'VALIDATION',
  INVALID_STATE: 'INVALID_STATE',
  CONFLICT: 'CONFLICT',
  UNAUTHORIZED: 'UNAUTHENTICATED',
  TOO_MANY_REQUESTS: 'RATE_LIMITED',
  INTERNAL_ERROR: 'UNAVAILABLE',
};

export class ShippingError extends AppError {
  readonly apiCode: ShippingApiCode;
  constructor(apiCode: ShippingApiCode, message: string, opts: { fieldErrors?: Record<string, string[]>; detail?: unknown } = {}) {
    super(appCode[apiCode], message, opts);
    this.apiCode = apiCode;
  }
}

export function apiStatusOf(e: AppError): { status: number; code: string } {
  const code = e instanceof ShippingError ? e.apiCode : e.code === 'VALIDATION' ? 'INVALID_INPUT' : e.code === 'NOT_FOUND' ? 'NOT_FOUND' : e.code === 'CONFLICT' ? 'CONFLICT' : e.code === 'INVALID_STATE' ? 'INVALID_STATE' : 'INTERNAL_ERROR';
  const status: Record<string, number> = { INVALID_INPUT: 400, RATE_NOT_FOUND: 400, NOT_FOUND: 404, TOKEN_EXPIRED: 400, INVALID_STATE: 409, CONFLICT: 409, UNAUTHORIZED: 401, TOO_MANY_REQUESTS: 429, INTERNAL_ERROR: 500 };
  return { status: status[code] ?? 500, code };
}
