import { Alert, Button, Code, Stack, Table, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import type { ConnectWiseFormValues } from './ConnectWiseForm';

const ROWS: { label: string; key: keyof ConnectWiseFormValues }[] = [
  { label: 'Site', key: 'site' },
  { label: 'Company ID', key: 'companyId' },
  { label: 'Public Key', key: 'publicKey' },
  { label: 'Private Key', key: 'privateKey' },
];

/** Demo mode only: the simulated ConnectWise PSA company this server accepts. */
export function DemoCredentials({ credentials, onFill }: { credentials: ConnectWiseFormValues; onFill: () => void }) {
  return (
    <Alert
      variant="light"
      color="blue"
      icon={<IconInfoCircle size={18} stroke={1.8} aria-hidden />}
      title="Demo mode: use the simulated ConnectWise PSA"
    >
      <Stack gap="xs">
        <Text size="sm">This Mobius runs with a ConnectWise PSA simulator on this machine. It accepts:</Text>
        <Table withRowBorders={false} verticalSpacing={2} horizontalSpacing={0} fz="sm" aria-label="Demo credentials">
          <Table.Tbody>
            {ROWS.map((row) => (
              <Table.Tr key={row.key}>
                <Table.Th w={110} fw={500}>
                  {row.label}
                </Table.Th>
                <Table.Td>
                  <Code>{credentials[row.key]}</Code>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <div>
          <Button size="xs" variant="white" onClick={onFill}>
            Fill in demo credentials
          </Button>
        </div>
      </Stack>
    </Alert>
  );
}
