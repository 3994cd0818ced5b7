/**
 * Clicks through the simulator's authorize pages with plain HTTP form posts, as a person would in
 * a browser: open the authorize URL, sign in, pick a company, Authorize or Cancel. Returns where
 * Intuit sends the browser back to (the app's callback URL). For tests and scripts.
 */

export interface AuthorizationOutcome {
  /** The full redirect back to the app. */
  location: string;
  code?: string;
  state?: string;
  realmId?: string;
  error?: string;
}

export interface AuthorizationChoices {
  /** Company to pick (default: the preselected first one). */
  realmId?: string;
  decision?: 'authorize' | 'cancel';
  email?: string;
  password?: string;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function decodeEntities(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function hiddenInputs(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
    fields[decodeEntities(match[1])] = decodeEntities(match[2]);
  }
  return fields;
}

function outcomeOf(location: string): AuthorizationOutcome {
  const params = new URL(location).searchParams;
  const pick = (name: string) => params.get(name) ?? undefined;
  return { location, code: pick('code'), state: pick('state'), realmId: pick('realmId'), error: pick('error') };
}

async function postForm(url: string, fields: Record<string, string>): Promise<globalThis.Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
}

export async function completeAuthorization(
  authorizeUrl: string,
  choices: AuthorizationChoices = {},
): Promise<AuthorizationOutcome> {
  const url = new URL(authorizeUrl);
  if (!LOOPBACK_HOSTS.has(url.hostname)) throw new Error('completeAuthorization only drives a simulator on loopback.');

  const first = await fetch(url, { redirect: 'manual' });
  if (first.status === 302) return outcomeOf(first.headers.get('location') ?? '');
  if (first.status !== 200) throw new Error(`The authorize page answered HTTP ${first.status}.`);

  const signIn = await postForm(new URL('/connect/oauth2/sign-in', url).toString(), {
    ...hiddenInputs(await first.text()),
    email: choices.email ?? 'demo@intuit.test',
    password: choices.password ?? 'demo-password',
  });
  if (signIn.status === 302) return outcomeOf(signIn.headers.get('location') ?? '');
  const consentPage = await signIn.text();
  const session = hiddenInputs(consentPage).session;
  if (signIn.status !== 200 || !session)
    throw new Error(`Sign-in did not reach the company list (HTTP ${signIn.status}).`);

  const preselected = /name="realmId" value="([^"]*)"[^>]*checked/.exec(consentPage)?.[1];
  const consent = await postForm(new URL('/connect/oauth2/consent', url).toString(), {
    session,
    realmId: choices.realmId ?? preselected ?? '',
    decision: choices.decision ?? 'authorize',
  });
  if (consent.status !== 302) throw new Error(`Consent did not redirect (HTTP ${consent.status}).`);
  return outcomeOf(consent.headers.get('location') ?? '');
}
