import { Badge, Button, Code, Table, Text, VisuallyHidden } from '@mantine/core';
import { formatDateTime } from '../../configurations/formatDate';
import type { ApiToken } from '../hooks/useApiTokens';

/**
 * Every token of the account, newest first; revoked ones stay listed for the record. On a phone the token's
 * hint and dates go under its name, so the table fits the screen and Revoke stays in reach (no sideways scroll).
 */
export function ApiTokenTable({ tokens, onRevoke }: { tokens: ApiToken[]; onRevoke: (token: ApiToken) => void }) {
  return (
    <Table verticalSpacing="sm" aria-label="API tokens">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Name</Table.Th>
          <Table.Th visibleFrom="sm">Token</Table.Th>
          <Table.Th visibleFrom="sm">Created</Table.Th>
          <Table.Th visibleFrom="sm">Last used</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th>
            <VisuallyHidden>Actions</VisuallyHidden>
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {tokens.map((token) => {
          const lastUsed = token.lastUsedAt ? formatDateTime(token.lastUsedAt) : 'Never';
          return (
            <Table.Tr key={token.id} c={token.revokedAt ? 'dimmed' : undefined}>
              <Table.Td fw={500} style={{ overflowWrap: 'anywhere' }}>
                {token.name}
                <Text hiddenFrom="sm" size="xs" c="dimmed" fw={400} mt={4}>
                  <Code>{token.tokenHint}</Code> · Created {formatDateTime(token.createdAt)} · Last used {lastUsed}
                </Text>
              </Table.Td>
              <Table.Td visibleFrom="sm">
                <Code>{token.tokenHint}</Code>
              </Table.Td>
              <Table.Td visibleFrom="sm">{formatDateTime(token.createdAt)}</Table.Td>
              <Table.Td visibleFrom="sm">{lastUsed}</Table.Td>
              <Table.Td>
                {token.revokedAt ? (
                  <Badge
                    color="gray"
                    variant="light"
                    tt="none"
                    h="auto"
                    maw="100%"
                    styles={{ label: { whiteSpace: 'normal' } }}
                    title={`Revoked ${formatDateTime(token.revokedAt)}`}
                  >
                    Revoked {formatDateTime(token.revokedAt)}
                  </Badge>
                ) : (
                  <Badge color="teal" variant="light" tt="none" miw="max-content">
                    Active
                  </Badge>
                )}
              </Table.Td>
              <Table.Td ta="right">
                {!token.revokedAt && (
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    onClick={() => onRevoke(token)}
                    aria-label={`Revoke ${token.name}`}
                  >
                    Revoke
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
