import { Group, Text } from '@mantine/core';

/** The Mobius mark: the same loop as the favicon, drawn inline. */
export function LogoMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <rect width="64" height="64" rx="14" fill="var(--mantine-primary-color-filled)" />
      <path
        d="M14 32c0-6 4.5-10 10-10 8 0 10 20 18 20 5.5 0 8-4 8-10s-2.5-10-8-10c-8 0-10 20-18 20-5.5 0-10-4-10-10z"
        fill="none"
        stroke="#fff"
        strokeWidth="5"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

export function Logo({ size = 28 }: { size?: number }) {
  return (
    <Group gap={10} wrap="nowrap">
      <LogoMark size={size} />
      <Text component="span" fw={700} fz={size * 0.72} lh={1} c="dark.8" style={{ letterSpacing: '-0.01em' }}>
        Mobius
      </Text>
    </Group>
  );
}
