/**
 * ConnectWise deserializes request bodies with Newtonsoft.Json and answers a value of the wrong type with HTTP 500
 * and Newtonsoft's message, e.g. `{"code":"ConnectWiseApi","message":"Error converting value \"abc\" to type …"}`
 * (docs/vendors/connectwise-psa.md §4). That 500 is a malformed request of ours: permanent, never worth a retry.
 */

const NEWTONSOFT_MESSAGE = new RegExp(
  [
    '^Error converting value ',
    '^Could not convert string to ',
    '^Error reading (integer|boolean|string|date|decimal|bytes|JObject|JArray)',
    '^Unexpected character encountered while parsing value',
    '^Cannot deserialize the current JSON',
    "^Input string '.*' is not a valid (integer|number)",
    '^JSON integer .* is too large or small',
    '^Unexpected end when deserializing',
  ].join('|'),
);

export function isUnreadablePayload(status: number, text: string): boolean {
  if (status !== 500) return false;
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    return false;
  }
  if (typeof body !== 'object' || body === null) return false;
  const record = body as Record<string, unknown>;
  const message = record.message ?? record.Message;
  return typeof message === 'string' && NEWTONSOFT_MESSAGE.test(message.trim());
}
