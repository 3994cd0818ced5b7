import escapeHtml from 'escape-html';

/** Transactional emails: HTML and text bodies; every user-supplied value is escaped. */

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
  category: string;
}

export interface Layout {
  preheader: string;
  greeting: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  footnote: string;
}

function oneLine(value: string): string {
  return value.replace(/[\r\n\t]+/g, ' ').trim();
}

/** The shared email layout (other modules' templates use it too). */
export function render(layout: Layout): { text: string; html: string } {
  const text = [
    layout.greeting,
    '',
    ...layout.paragraphs.flatMap((p) => [p, '']),
    ...(layout.action ? [`${layout.action.label}: ${layout.action.url}`, ''] : []),
    layout.footnote,
    '',
    '— Mobius, ConnectWise PSA to QuickBooks Online',
  ].join('\n');
  const button = layout.action
    ? `<p style="margin:28px 0"><a href="${escapeHtml(layout.action.url)}" style="background:#3b5bdb;color:#ffffff;text-decoration:none;padding:12px 22px;border-radius:6px;font-weight:600;display:inline-block">${escapeHtml(layout.action.label)}</a></p>
<p style="font-size:13px;color:#5a6272">If the button does not work, copy this address into your browser:<br><a href="${escapeHtml(layout.action.url)}" style="color:#3b5bdb;word-break:break-all">${escapeHtml(layout.action.url)}</a></p>`
    : '';
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>Mobius</title></head>
<body style="margin:0;background:#f4f5f7;font-family:Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#1f2430">
<span style="display:none">${escapeHtml(layout.preheader)}</span>
<div style="max-width:560px;margin:32px auto;background:#ffffff;border-radius:8px;padding:32px">
<p style="font-size:20px;font-weight:700;color:#1c2b4a;margin:0 0 24px">Mobius</p>
<p>${escapeHtml(layout.greeting)}</p>
${layout.paragraphs.map((p) => `<p style="line-height:1.5">${escapeHtml(p)}</p>`).join('\n')}
${button}
<p style="font-size:13px;color:#5a6272;line-height:1.5">${escapeHtml(layout.footnote)}</p>
</div></body></html>`;
  return { text, html };
}

export const greetingFor = (name: string | null | undefined) => (name ? `Hello ${oneLine(name)},` : 'Hello,');

export function verifyEmailTemplate(input: { link: string; name?: string | null }): RenderedEmail {
  return {
    subject: 'Confirm your email address for Mobius',
    category: 'verify-email',
    ...render({
      preheader: 'Confirm your email address and choose a password.',
      greeting: greetingFor(input.name),
      paragraphs: [
        'Thanks for signing up for Mobius. Confirm your email address and choose your password to finish creating your account.',
      ],
      action: { label: 'Confirm email and set password', url: input.link },
      footnote:
        'This link works once and expires in 24 hours. If you did not sign up for Mobius, you can ignore this email.',
    }),
  };
}

export function alreadyRegisteredTemplate(input: {
  loginUrl: string;
  forgotUrl: string;
  name?: string | null;
}): RenderedEmail {
  return {
    subject: 'You already have a Mobius account',
    category: 'already-registered',
    ...render({
      preheader: 'Someone tried to sign up with your email address.',
      greeting: greetingFor(input.name),
      paragraphs: [
        'Someone (hopefully you) tried to sign up for Mobius with this email address, but you already have an account.',
        `You can log in at ${input.loginUrl}. If you have forgotten your password, reset it at ${input.forgotUrl}.`,
      ],
      action: { label: 'Log in to Mobius', url: input.loginUrl },
      footnote: 'If this was not you, no action is needed: your account is unchanged.',
    }),
  };
}

export function resetPasswordTemplate(input: { link: string; name?: string | null }): RenderedEmail {
  return {
    subject: 'Reset your Mobius password',
    category: 'reset-password',
    ...render({
      preheader: 'Choose a new password for Mobius.',
      greeting: greetingFor(input.name),
      paragraphs: ['We received a request to reset the password of your Mobius account.'],
      action: { label: 'Choose a new password', url: input.link },
      footnote:
        'This link works once and expires in 1 hour. If you did not ask to reset your password, you can ignore this email: your password has not changed.',
    }),
  };
}

export function passwordChangedTemplate(input: {
  when: Date;
  forgotUrl: string;
  name?: string | null;
  /** How it was changed: with an emailed reset link, or signed in, on the Account settings page. */
  via?: 'reset' | 'settings';
}): RenderedEmail {
  const how = input.via === 'settings' ? ' on the Account settings page' : ' with a password reset link';
  return {
    subject: 'Your Mobius password was changed',
    category: 'password-changed',
    ...render({
      preheader: 'Your password was changed.',
      greeting: greetingFor(input.name),
      paragraphs: [
        `The password of your Mobius account was changed${how} on ${input.when.toUTCString()}. Every other session was signed out.`,
        'If this was not you, use Forgot Password now to choose a new password (it signs out whoever changed it), and contact your administrator.',
      ],
      action: { label: 'Forgot Password', url: input.forgotUrl },
      footnote: 'You are receiving this email because it concerns the security of your account.',
    }),
  };
}
