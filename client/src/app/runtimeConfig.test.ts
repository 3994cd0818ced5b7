import { DEMO_CONNECTWISE_SITE, getDemoConnectWiseSite, getDemoMode, getMailboxUrl } from './runtimeConfig';

function docWithMailbox(content: string | null): Document {
  const doc = document.implementation.createHTMLDocument('Mobius');
  if (content !== null) {
    const meta = doc.createElement('meta');
    meta.name = 'mobius-mailbox-url';
    meta.content = content;
    doc.head.append(meta);
  }
  return doc;
}

describe('getMailboxUrl', () => {
  it('is null when the server left the tag empty or removed it', () => {
    expect(getMailboxUrl(docWithMailbox(''))).toBeNull();
    expect(getMailboxUrl(docWithMailbox(null))).toBeNull();
  });

  it('accepts a same-site path or an http(s) URL', () => {
    expect(getMailboxUrl(docWithMailbox('/dev/mailbox'))).toBe('/dev/mailbox');
    expect(getMailboxUrl(docWithMailbox('http://localhost:4000/dev/mailbox'))).toBe(
      'http://localhost:4000/dev/mailbox',
    );
  });

  it('refuses anything that could run script or leave the scheme open', () => {
    expect(getMailboxUrl(docWithMailbox('javascript:alert(1)'))).toBeNull();
    expect(getMailboxUrl(docWithMailbox('//evil.example/mailbox'))).toBeNull();
    expect(getMailboxUrl(docWithMailbox('not a url'))).toBeNull();
  });
});

function docWithMeta(tags: Record<string, string>): Document {
  const doc = document.implementation.createHTMLDocument('Mobius');
  for (const [name, content] of Object.entries(tags)) {
    const meta = doc.createElement('meta');
    meta.name = name;
    meta.content = content;
    doc.head.append(meta);
  }
  return doc;
}

describe('getDemoMode', () => {
  it('is on exactly when the server filled the mailbox tag', () => {
    expect(getDemoMode(docWithMeta({ 'mobius-mailbox-url': 'http://localhost:4101/' }))).toBe(true);
    expect(getDemoMode(docWithMeta({ 'mobius-mailbox-url': '' }))).toBe(false);
  });
});

describe('getDemoConnectWiseSite', () => {
  it('defaults to the simulator on port 4102', () => {
    expect(getDemoConnectWiseSite(docWithMeta({}))).toBe(DEMO_CONNECTWISE_SITE);
    expect(getDemoConnectWiseSite(docWithMeta({ 'mobius-demo-connectwise-site': '' }))).toBe('http://127.0.0.1:4102');
  });

  it('uses the address the server names, never a non-http one', () => {
    expect(getDemoConnectWiseSite(docWithMeta({ 'mobius-demo-connectwise-site': 'http://127.0.0.1:5102/' }))).toBe(
      'http://127.0.0.1:5102',
    );
    expect(getDemoConnectWiseSite(docWithMeta({ 'mobius-demo-connectwise-site': 'javascript:alert(1)' }))).toBe(
      DEMO_CONNECTWISE_SITE,
    );
  });
});
