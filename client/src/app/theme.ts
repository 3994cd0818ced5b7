import { createTheme, type MantineColorsTuple } from '@mantine/core';

// A calm indigo, slightly desaturated so long bookkeeping sessions stay easy on the eyes.
const mobius: MantineColorsTuple = [
  '#eef2ff',
  '#dce1fb',
  '#b6c0f1',
  '#8d9de8',
  '#6a7fe0',
  '#546cdb',
  '#4862da',
  '#3952c2',
  '#3049ae',
  '#243e9a',
];

export const theme = createTheme({
  primaryColor: 'mobius',
  primaryShade: { light: 7, dark: 5 },
  colors: { mobius },
  defaultRadius: 'md',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif, "Apple Color Emoji", "Segoe UI Emoji"',
  headings: { fontWeight: '650' },
  components: {
    Button: { defaultProps: { radius: 'md' } },
    TextInput: { defaultProps: { size: 'md' } },
    PasswordInput: { defaultProps: { size: 'md' } },
    Card: { defaultProps: { withBorder: true, radius: 'md', padding: 'lg' } },
    Tooltip: { defaultProps: { withArrow: true, events: { hover: true, focus: true, touch: true } } },
  },
});
