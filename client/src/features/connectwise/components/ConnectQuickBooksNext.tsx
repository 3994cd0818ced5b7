import { Alert, Button, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { IconCircleCheck, IconNotes } from '@tabler/icons-react';
import { useConfigurationsOverview } from '../../configurations/hooks/useConfigurationsOverview';

export const NEXT_LABEL = 'Next: connect QuickBooks Online';

/**
 * Shown after a successful save: the next step of the set-up. It opens the Default QuickBooks Online configuration
 * (where "Connect to QuickBooks" is), or the dashboard's configurations while the list is not known.
 */
export function ConnectQuickBooksNext({ companyName }: { companyName: string }) {
  const { data } = useConfigurationsOverview();
  const configurations = data?.quickBooks ?? [];
  const target = configurations.find((c) => c.isDefault) ?? configurations[0];
  return (
    <Alert
      color="teal"
      variant="light"
      icon={<IconCircleCheck size={18} stroke={1.8} aria-hidden />}
      title="ConnectWise PSA is connected"
    >
      <Stack gap="sm" align="flex-start">
        <Text size="sm" inherit>
          Mobius validated {companyName}. Next, connect the QuickBooks Online company your invoices go to.
        </Text>
        <Button
          component={Link}
          to={target ? `/quickbooks/${target.id}` : '/'}
          leftSection={<IconNotes size={16} stroke={1.8} aria-hidden />}
        >
          {NEXT_LABEL}
        </Button>
      </Stack>
    </Alert>
  );
}
