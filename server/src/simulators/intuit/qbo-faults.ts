import { qboTime } from './qbo-time';

/** QBO error bodies as docs/vendors/quickbooks-online.md §7 records them. */

export type JsonObject = Record<string, unknown>;

export interface QboFaultErrorItem {
  Message: string;
  Detail: string;
  code: string;
  /** Absent: `""` on the wire. null: no element at all, as QBO's query faults come. */
  element?: string | null;
}

export type QboFaultType = 'ValidationFault' | 'SystemFault' | 'AuthenticationFault' | 'AuthorizationFault' | 'SERVICE';

/** Thrown by business rules; the route turns it into `{"Fault":…}` with `status`. */
export class QboFaultError extends Error {
  constructor(
    readonly status: number,
    readonly type: QboFaultType,
    readonly errors: QboFaultErrorItem[],
  ) {
    super(errors[0]?.Message ?? 'QBO fault');
    this.name = 'QboFaultError';
  }

  toFault(): JsonObject {
    const errors = this.errors.map(({ element, ...rest }) =>
      element === null ? rest : { ...rest, element: element ?? '' },
    );
    return { Error: errors, type: this.type };
  }
}

export function faultBody(error: QboFaultError, now: number): JsonObject {
  return { Fault: error.toFault(), time: qboTime(now) };
}

export const validation = (code: string, message: string, detail: string, element?: string | null) =>
  new QboFaultError(400, 'ValidationFault', [{ Message: message, Detail: detail, code, element }]);

export const duplicateName = (kind: 'name' | 'item', name: string) =>
  validation(
    '6240',
    'Duplicate Name Exists Error',
    kind === 'item'
      ? `The name supplied already exists. : Another product or service is already using this name. Please use a different name. Name=${name}`
      : 'The name supplied already exists. : Another customer, vendor or employee is already using this name. Please use a different name.',
  );

export const staleObject = () =>
  validation(
    '5010',
    'Stale Object Error',
    'Stale Object Error : You and root were working on this at the same time. root finished before you did, so your work was not saved.',
  );

export const objectNotFound = (entity: string, id: string) =>
  validation(
    '610',
    'Object Not Found',
    `Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees. (${entity} Id=${id})`,
  );

export const requiredParamMissing = (param: string) =>
  validation(
    '2020',
    'Required param missing, need to supply the required value for the API',
    `Required parameter ${param} is missing in the request`,
    param,
  );

export const invalidReference = (element: string, id: string) =>
  validation('2500', 'Invalid Reference Id', `Invalid Reference Id : ${element} element id ${id} not found`, element);

export const businessValidation = (detail: string) =>
  validation(
    '6000',
    'A business validation error has occurred while processing your request',
    `Business Validation Error: ${detail}`,
  );

export const invalidProperty = (detail: string) =>
  validation('2010', 'Request has invalid or unsupported property', detail);

export const queryParserError = (detail: string) =>
  validation('4000', 'Error parsing query', `QueryParserError: ${detail}`, null);

export const queryValidationError = (detail: string) =>
  validation('4001', 'Invalid query', `QueryValidationError: ${detail}`, null);

/** A property QBO does not let a query filter or sort on, or that the entity does not have. */
export const notQueryable = (property: string) => queryValidationError(`property '${property}' is not queryable`);

/** `:` (the sub-customer/sub-item separator), tabs and new lines in a name. */
export const invalidCharacters = (element: string, value: string) =>
  validation(
    '2040',
    'Invalid String. The String may contain unsupported or illegal chars',
    `Element contains invalid characters. ${value}`,
    element,
  );

export const stringLength = (element: string, max: number, length: number) =>
  validation(
    '2050',
    'String length is either shorter or longer than supported by specification',
    `String length specified does not match the supported length. Min:0 Max:${max} supported. Supplied length:${length}`,
    element,
  );

/** A property the entity does not have (QBO's JSON binding refuses it rather than ignoring it). */
export const unrecognizedField = (entity: string, field: string) =>
  invalidProperty(
    `Property Name:Unrecognized field "${field}" (class com.intuit.schema.finance.v3.${entity}), not marked as ignorable specified is unsupported or invalid`,
  );

export const unsupportedOperation = (detail: string) => validation('500', 'Unsupported Operation', detail);

export function throttleFaultBody(now: number): JsonObject {
  return {
    Fault: {
      Error: [
        {
          Message: 'message=ThrottleExceeded; errorCode=003001; statusCode=429',
          Detail: 'The request limit was reached.  Try again later',
          code: '3001',
        },
      ],
      type: 'SERVICE',
    },
    time: qboTime(now),
  };
}

export function systemFaultBody(now: number): JsonObject {
  return {
    Fault: {
      Error: [
        {
          Message: 'An application error has occurred while processing your request',
          Detail:
            'System Failure Error: An unexpected error occurred while accessing or saving your data. Please wait a few minutes and try again.',
          code: '10000',
        },
      ],
      type: 'SystemFault',
    },
    time: qboTime(now),
  };
}

/** The lower-case envelope QBO answers 401/403 with (epoch-ms time). */
export function lowerCaseFaultBody(
  kind: 'authentication' | 'authorization',
  detail: string | null,
  now: number,
): JsonObject {
  const error =
    kind === 'authentication'
      ? {
          message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401',
          detail,
          code: '3200',
          element: null,
        }
      : {
          message: 'message=AuthorizationFailed; errorCode=003100; statusCode=403',
          detail,
          code: '3100',
          element: null,
        };
  return {
    warnings: null,
    intuitObject: null,
    fault: { error: [error], type: kind === 'authentication' ? 'AUTHENTICATION' : 'SERVICE' },
    report: null,
    queryResponse: null,
    batchItemResponse: [],
    attachableResponse: [],
    syncErrorResponse: null,
    requestId: null,
    time: now,
    status: null,
    cdcresponse: [],
  };
}
