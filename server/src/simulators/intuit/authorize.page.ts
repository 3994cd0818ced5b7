/** HTML for the simulated "Intuit App Center" sign-in and consent pages (no scripts, keyboard-usable). */
import { escapeHtml, htmlPage, type PageShell } from './html-page';

const STYLES = `
  :root { color-scheme: light; }
  * { box-sizing: border-box; }
  body { margin: 0; font-family: "Avenir Next", Avenir, "Segoe UI", Helvetica, Arial, sans-serif; background: #f4f5f8; color: #393a3d; }
  header.bar { background: #fff; border-bottom: 1px solid #dcdcdc; padding: 14px 24px; display: flex; align-items: center; gap: 10px; }
  .brand { font-weight: 700; font-size: 22px; letter-spacing: -0.5px; color: #236cff; }
  .brand-sub { font-size: 13px; color: #6b6c72; }
  main { max-width: 460px; margin: 40px auto; background: #fff; border-radius: 8px; box-shadow: 0 2px 8px rgba(0,0,0,.08); padding: 32px; }
  h1 { font-size: 24px; margin: 0 0 8px; font-weight: 600; }
  p { line-height: 1.5; }
  .app { font-weight: 600; }
  label { display: block; font-weight: 600; font-size: 14px; margin: 16px 0 6px; }
  input[type=email], input[type=password] { width: 100%; padding: 10px 12px; border: 1px solid #8d9096; border-radius: 4px; font-size: 16px; }
  input:focus, button:focus-visible { outline: 3px solid #0077c5; outline-offset: 2px; }
  .hint { font-size: 13px; color: #6b6c72; margin: 8px 0 0; }
  .error { background: #fdecea; color: #a4262c; border-radius: 4px; padding: 10px 12px; font-size: 14px; }
  fieldset { border: 0; padding: 0; margin: 20px 0; }
  legend { font-weight: 600; margin-bottom: 8px; }
  .company { display: flex; align-items: flex-start; gap: 10px; border: 1px solid #dcdcdc; border-radius: 6px; padding: 12px; margin-bottom: 8px; }
  .company label { margin: 0; font-size: 16px; }
  .company .realm { display: block; font-size: 13px; color: #6b6c72; margin-top: 2px; }
  .actions { display: flex; flex-direction: row-reverse; justify-content: flex-start; gap: 12px; margin-top: 24px; }
  button { font-size: 15px; font-weight: 600; padding: 10px 20px; border-radius: 4px; cursor: pointer; border: 2px solid transparent; }
  button.primary { background: #2ca01c; color: #fff; }
  button.secondary { background: #fff; color: #393a3d; border-color: #8d9096; }
  .scope { font-size: 14px; background: #f4f5f8; border-radius: 4px; padding: 10px 12px; }
  footer { text-align: center; font-size: 12px; color: #6b6c72; margin-bottom: 32px; }
`;

const SHELL: PageShell = {
  styles: STYLES,
  brand: 'intuit',
  brandSub: 'App Center (simulator)',
  footer: 'Local Intuit simulator for development and tests. No real Intuit account is used.',
};

function layout(title: string, body: string): string {
  return htmlPage(SHELL, title, body);
}

export interface AuthorizeRequestFields {
  client_id: string;
  redirect_uri: string;
  response_type: string;
  scope: string;
  state: string;
}

function hiddenFields(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
}

function errorBlock(error?: string): string {
  return error ? `<p class="error" role="alert" id="form-error">${escapeHtml(error)}</p>` : '';
}

export function renderSignInPage(input: {
  appName: string;
  fields: AuthorizeRequestFields;
  email?: string;
  error?: string;
}): string {
  return layout(
    'Sign in - Intuit App Center',
    `<h1>Welcome to Intuit App Center</h1>
<p>Sign in to connect <span class="app">${escapeHtml(input.appName)}</span> to QuickBooks.</p>
${errorBlock(input.error)}
<form method="post" action="/connect/oauth2/sign-in" id="sign-in-form" novalidate>
${hiddenFields({ ...input.fields })}
<label for="email">Email or user ID</label>
<input id="email" name="email" type="email" autocomplete="username" required value="${escapeHtml(input.email ?? 'demo@intuit.test')}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required value="demo-password">
<p class="hint" id="demo-hint">Demo: any email address and password are accepted.</p>
<div class="actions"><button type="submit" class="primary" id="sign-in">Sign in</button></div>
</form>`,
  );
}

export interface CompanyChoice {
  realmId: string;
  companyName: string;
}

export function renderConsentPage(input: {
  appName: string;
  session: string;
  userEmail: string;
  companies: CompanyChoice[];
  selectedRealmId?: string;
  error?: string;
}): string {
  const selected = input.selectedRealmId ?? input.companies[0]?.realmId;
  const companies = input.companies
    .map((company) => {
      const id = `company-${escapeHtml(company.realmId)}`;
      return `<div class="company">
<input type="radio" id="${id}" name="realmId" value="${escapeHtml(company.realmId)}" aria-describedby="${id}-realm"${company.realmId === selected ? ' checked' : ''}>
<div><label for="${id}">${escapeHtml(company.companyName)}</label><span class="realm" id="${id}-realm">Realm ID ${escapeHtml(company.realmId)}</span></div>
</div>`;
    })
    .join('\n');
  return layout(
    'Connect to QuickBooks - Intuit App Center',
    `<h1>Welcome to Intuit App Center</h1>
<p>Signed in as <strong id="signed-in-user">${escapeHtml(input.userEmail)}</strong></p>
${errorBlock(input.error)}
<form method="post" action="/connect/oauth2/consent" id="consent-form">
${hiddenFields({ session: input.session })}
<fieldset>
<legend>Select a company to connect to ${escapeHtml(input.appName)}</legend>
${companies}
</fieldset>
<p class="scope"><span class="app">${escapeHtml(input.appName)}</span> will be able to read and write your QuickBooks Online accounting data (customers, products and services, invoices, accounts and tax codes).</p>
<div class="actions">
<button type="submit" class="primary" name="decision" value="authorize" id="authorize">Authorize</button>
<button type="submit" class="secondary" name="decision" value="cancel" id="cancel">Cancel</button>
</div>
</form>`,
  );
}

export function renderErrorPage(title: string, message: string): string {
  return layout(
    `${title} - Intuit App Center`,
    `<h1>${escapeHtml(title)}</h1>
<p class="error" role="alert">${escapeHtml(message)}</p>
<p>Close this window and start the connection again from the app.</p>`,
  );
}
