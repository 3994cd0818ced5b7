import { List, Progress, Stack, Text } from '@mantine/core';
import { strengthAdvice, strengthLabel, strengthLevel, type PasswordStrength } from '../passwordStrength';

/** Levels 0 (not rated) to 4: very weak, weak, good, strong. */
const COLORS = ['gray', 'red', 'orange', 'teal', 'green'];

interface PasswordStrengthMeterProps {
  strength: PasswordStrength | null;
  /** Lists zxcvbn's warning and suggestions (off while the field shows an error that says them). */
  withAdvice?: boolean;
}

/**
 * The strength bar under "Password", its level in words and zxcvbn's advice. The level is announced
 * politely as it changes; the bar is a progressbar named "Password strength" whose value text is the level.
 */
export function PasswordStrengthMeter({ strength, withAdvice = true }: PasswordStrengthMeterProps) {
  const label = strength ? strengthLabel(strength) : null;
  const level = strength ? strengthLevel(strength) : 0;
  const advice = strength && withAdvice ? strengthAdvice(strength) : [];
  return (
    <Stack gap={6} mt={-6}>
      <Progress.Root size="sm" aria-hidden={strength ? undefined : true}>
        <Progress.Section
          withAria={false}
          role="progressbar"
          aria-label="Password strength"
          aria-valuemin={0}
          aria-valuemax={4}
          aria-valuenow={level}
          aria-valuetext={label ?? 'Not rated yet'}
          value={level * 25}
          color={COLORS[level]}
        />
      </Progress.Root>
      <Text size="sm" aria-live="polite" c="dimmed">
        {label ? (
          <>
            Password strength:{' '}
            <Text span fw={600} c={strength?.acceptable ? 'teal.8' : 'red.8'} inherit>
              {label}
            </Text>
          </>
        ) : null}
      </Text>
      {advice.length > 0 && (
        <List size="sm" spacing={2} aria-label="How to make it stronger">
          {advice.map((line) => (
            <List.Item key={line}>{line}</List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
