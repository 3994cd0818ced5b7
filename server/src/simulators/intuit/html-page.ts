/** The HTML shell of the simulator's pages for people (sign-in and consent, documents): no scripts. */

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export interface PageShell {
  /** The page's own style sheet. */
  styles: string;
  /** The product named in the header bar (`intuit`, `quickbooks`) and the words after it. */
  brand: string;
  brandSub: string;
  /** A footer line, when the page has one. */
  footer?: string;
}

export function htmlPage(shell: PageShell, title: string, body: string): string {
  const footer = shell.footer === undefined ? '' : `\n<footer>${shell.footer}</footer>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${shell.styles}</style>
</head>
<body>
<header class="bar"><span class="brand" aria-hidden="true">${shell.brand}</span><span class="brand-sub">${shell.brandSub}</span></header>
<main>
${body}
</main>${footer}
</body>
</html>`;
}
