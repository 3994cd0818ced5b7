import { Badge, Button, Code, Table, VisuallyHidden } from '@mantine/core';
import { formatDateTime } from '../../configurations/formatDate';
import type { ApiToken } from '../hooks/useApiTokens';

/** Every token of the account, newest first; revoked ones stay listed for the record. */
export function ApiTokenTable({ tokens, onRevoke }: { tokens: ApiToken[]; onRevoke: (token: ApiToken) => void }) {
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="sm" aria-label="API tokens">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Token</Table.Th>
            <Table.Th>Created</Table.Th>
            <Table.Th>Last used</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tokens.map((token) => (
            <Table.Tr key={token.id} c={token.revokedAt ? 'dimmed' : undefined}>
              <Table.Td fw={500}>{token.name}</Table.Td>
              <Table.Td>
                <Code>{token.tokenHint}</Code>
              </Table.Td>
              <Table.Td>{formatDateTime(token.createdAt)}</Table.Td>
              <Table.Td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : 'Never'}</Table.Td>
              <Table.Td>
                {token.revokedAt ? (
                  <Badge color="gray" variant="light" tt="none" title={`Revoked ${formatDateTime(token.revokedAt)}`}>
                    Revoked {formatDateTime(token.revokedAt)}
                  </Badge>
                ) : (
                  <Badge color="teal" variant="light" tt="none">
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
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
