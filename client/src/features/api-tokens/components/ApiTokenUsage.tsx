import { ActionIcon, Box, Code, CopyButton, Stack, Text, Tooltip } from '@mantine/core';
import { CopyStateIcon } from './CopyStateIcon';

/** The environment variable the example reads the token from; the README's example uses the same. */
export const TOKEN_VARIABLE = 'MOBIUS_API_TOKEN';

/** What a monitoring script asks: every connection's state, its sentence, when it was checked and its deadline. */
export const EXAMPLE_QUERY =
  '{ connectionStatus { connectWise { state message checkedAt } quickBooks { name companyName connectionStatus { state message checkedAt reconnectBy } } } }';

/** The example request; README.md shows it for http://localhost:4000, word for word (ApiTokenUsage.test.tsx). */
export function curlExample(origin: string): string {
  return [
    `curl -s ${origin}/graphql \\`,
    `  -H "Authorization: Bearer $${TOKEN_VARIABLE}" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d '${JSON.stringify({ query: EXAMPLE_QUERY })}'`,
  ].join('\n');
}

/** How partner tooling uses a token: one read-only GraphQL request. */
export function ApiTokenUsage() {
  const example = curlExample(window.location.origin);
  return (
    <Stack gap="xs">
      <Text size="sm">
        Send the token as <Code>Authorization: Bearer &lt;token&gt;</Code> to <Code>/graphql</Code>. For example, to ask
        whether every connection still works:
      </Text>
      <Box pos="relative">
        <Code block fz="xs" pr={44} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {example}
        </Code>
        <CopyButton value={example} timeout={2000}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? 'Copied' : 'Copy example'} position="left">
              <ActionIcon
                variant="subtle"
                color={copied ? 'teal' : 'gray'}
                onClick={copy}
                aria-label="Copy example"
                pos="absolute"
                top={8}
                right={8}
              >
                <CopyStateIcon copied={copied} />
              </ActionIcon>
            </Tooltip>
          )}
        </CopyButton>
      </Box>
    </Stack>
  );
}
