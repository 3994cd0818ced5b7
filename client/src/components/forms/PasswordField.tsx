import { PasswordInput, type PasswordInputProps } from '@mantine/core';

/** Mantine's PasswordInput, plus the `aria-invalid` it leaves off its inner input when in error. */
export function PasswordField(props: PasswordInputProps) {
  return <PasswordInput aria-invalid={props.error ? true : undefined} {...props} />;
}
