import escapeHtml from 'escape-html';
import type { ReceivedEmail } from './sendgrid.simulator';

/** The development mailbox: lists what the SendGrid simulator received; links in emails are clickable. */

const STYLE = `
  body { font-family: system-ui, -apple-system, Segoe UI, Roboto, sans-serif; margin: 0; background: #f4f5f7; color: #1f2430; }
  header { background: #1c2b4a; color: #fff; padding: 16px 32px; display: flex; align-items: baseline; gap: 16px; }
  header h1 { font-size: 20px; margin: 0; } header span { opacity: .75; font-size: 14px; }
  main { max-width: 960px; margin: 24px auto; padding: 0 16px; }
  table { width: 100%; border-collapse: collapse; background: #fff; border-radius: 8px; overflow: hidden; box-shadow: 0 1px 3px rgba(0,0,0,.08); }
  th, td { text-align: left; padding: 12px 16px; border-bottom: 1px solid #e6e8ec; font-size: 14px; }
  th { background: #fafbfc; font-weight: 600; color: #5a6272; }
  a { color: #3b5bdb; } .empty { background: #fff; padding: 32px; border-radius: 8px; text-align: center; color: #5a6272; }
  .meta { background: #fff; border-radius: 8px; padding: 16px 20px; margin-bottom: 16px; box-shadow: 0 1px 3px rgba(0,0,0,.08); font-size: 14px; }
  .meta dt { font-weight: 600; color: #5a6272; float: left; width: 80px; } .meta dd { margin: 0 0 6px 90px; }
  iframe { width: 100%; height: 520px; border: 0; background: #fff; border-radius: 8px; box-shadow: 0 1px 3px rgba(0,0,0,.08); }
  pre { white-space: pre-wrap; background: #fff; padding: 16px; border-radius: 8px; font-size: 13px; }
  .notice { background: #fff4e6; border: 1px solid #ffd8a8; padding: 12px 16px; border-radius: 8px; margin-bottom: 16px; }
`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${title === 'Mailbox' ? '5' : '600'}"><title>${escapeHtml(title)} · Mobius demo mailbox</title><style>${STYLE}</style></head>
<body><header><h1>Mobius demo mailbox</h1><span>Emails the built-in SendGrid simulator received. Nothing leaves this machine.</span></header><main>${body}</main></body></html>`;
}

export function renderMailbox(messages: ReceivedEmail[], notice?: string): string {
  const rows = messages
    .map(
      (m) => `<tr><td>${escapeHtml(new Date(m.receivedAt).toLocaleString('en-US', { timeZone: 'UTC' }))} UTC</td>
<td>${escapeHtml(m.to.map((t) => t.email).join(', '))}</td>
<td><a href="/messages/${encodeURIComponent(m.id)}">${escapeHtml(m.subject)}</a></td></tr>`,
    )
    .join('');
  const list =
    messages.length === 0
      ? '<div class="empty">No emails yet. Sign up in Mobius and the verification email appears here (this page refreshes itself).</div>'
      : `<table><thead><tr><th scope="col">Received</th><th scope="col">To</th><th scope="col">Subject</th></tr></thead><tbody>${rows}</tbody></table>`;
  return page('Mailbox', `${notice ? `<div class="notice">${escapeHtml(notice)}</div>` : ''}${list}`);
}

export function renderMessage(m: ReceivedEmail): string {
  // The HTML body is shown in a sandboxed frame; links open in the top window so a person can follow them.
  const html = m.html ? m.html.replace('<head>', '<head><base target="_top">') : undefined;
  const htmlBlock = html
    ? `<iframe title="Email body" sandbox="allow-top-navigation-by-user-activation allow-popups" srcdoc="${escapeHtml(html.includes('<base') ? html : `<base target="_top">${html}`)}"></iframe>`
    : '';
  return page(
    m.subject,
    `<p><a href="/">← All emails</a></p>
<dl class="meta"><dt>From</dt><dd>${escapeHtml(m.from.name ? `${m.from.name} <${m.from.email}>` : m.from.email)}</dd>
<dt>To</dt><dd>${escapeHtml(m.to.map((t) => t.email).join(', '))}</dd>
<dt>Subject</dt><dd>${escapeHtml(m.subject)}</dd></dl>
${htmlBlock}
<h2>Plain text</h2><pre>${escapeHtml(m.text ?? '')}</pre>`,
  );
}
