import { getMailboxUrl } from './runtimeConfig';

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
