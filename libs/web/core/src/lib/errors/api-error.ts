import { HttpErrorResponse } from '@angular/common/http';
import { ErrorBody, FieldError, LocalizedText } from '@vanthu/shared/contracts';
import { localize } from '@vanthu/web/i18n';

/** What a screen shows after a failed request: the API's words when it sent some. */
export interface ApiFailure {
  /** HTTP status, 0 when the request never reached the server. */
  status: number;
  /** The API's error code, or `NETWORK` / `UNEXPECTED` when the body carried none. */
  code: string;
  message: LocalizedText;
  fieldErrors: FieldError[];
}

function isLocalizedText(value: unknown): value is LocalizedText {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as LocalizedText).vi === 'string' &&
    typeof (value as LocalizedText).en === 'string'
  );
}

/** Whether a response body has the API's error shape `{ statusCode, code, message: { vi, en } }`. */
export function isErrorBody(value: unknown): value is ErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorBody).code === 'string' &&
    isLocalizedText((value as ErrorBody).message)
  );
}

// A proxy or load balancer answers 502/503/504 with its own page when the API is down:
// for the user that is the same as no network.
const UNREACHABLE_STATUSES = new Set([0, 502, 503, 504]);

/** Turns anything a request threw into the message a screen shows, in both languages. */
export function toApiFailure(error: unknown): ApiFailure {
  if (error instanceof HttpErrorResponse) {
    if (isErrorBody(error.error)) {
      const body = error.error;
      return {
        status: error.status,
        code: body.code,
        message: body.message,
        fieldErrors: (body.errors ?? []).filter((fieldError) => isLocalizedText(fieldError?.message)),
      };
    }
    if (UNREACHABLE_STATUSES.has(error.status)) {
      return { status: error.status, code: 'NETWORK', message: localize('error.network'), fieldErrors: [] };
    }
    return {
      status: error.status,
      code: 'UNEXPECTED',
      message: localize('error.unexpected', { status: error.status }),
      fieldErrors: [],
    };
  }
  return { status: 0, code: 'UNEXPECTED', message: localize('error.unexpected', { status: 0 }), fieldErrors: [] };
}
