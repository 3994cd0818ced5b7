import { Anchor, VisuallyHidden } from '@mantine/core';

/** Opens a document Mobius created in QuickBooks Online, in a new tab. */
export function OpenInQuickBooks({ href, documentNumber }: { href: string; documentNumber: string }) {
  return (
    <Anchor href={href} target="_blank" rel="noopener noreferrer" size="sm">
      Open in QuickBooks
      <VisuallyHidden> ({documentNumber}, opens in a new tab)</VisuallyHidden>
    </Anchor>
  );
}
