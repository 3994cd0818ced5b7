import { IconCircleCheck, IconCopy } from '@tabler/icons-react';

/** The icon of a copy button: a tick once the value is on the clipboard, the copy mark before. */
export function CopyStateIcon({ copied }: { copied: boolean }) {
  return copied ? (
    <IconCircleCheck size={16} stroke={1.8} aria-hidden />
  ) : (
    <IconCopy size={16} stroke={1.8} aria-hidden />
  );
}
