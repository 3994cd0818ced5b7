import { TextInput, type TextInputProps } from '@mantine/core';

/** The "Email Address" input every account form uses (label from the help article, email keyboard, autofill). */
export function EmailAddressField(props: Omit<TextInputProps, 'label' | 'type'>) {
  return (
    <TextInput label="Email Address" type="email" inputMode="email" autoComplete="email" aria-required {...props} />
  );
}
