import type { ReactNode } from 'react';
import { Button, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { DisabledButton } from '../../../components/DisabledButton';
import { IconNotes, IconPlug } from '@tabler/icons-react';
import { connectWiseDescription, quickBooksActionLabel, quickBooksDescription } from '../describe';
import {
  CONNECTWISE_FIRST,
  isConnectWiseReady,
  type ConnectionStatusView,
  type QuickBooksConfigurationView,
} from '../types';
import { ConfigurationRow } from './ConfigurationRow';
import { StatusBadge } from './StatusBadge';

interface ConfigurationListProps {
  connectWise: ConnectionStatusView;
  quickBooks: QuickBooksConfigurationView[];
  /** More about a QuickBooks configuration under its description (e.g. its imports). */
  details?: (config: QuickBooksConfigurationView) => ReactNode;
  /** A further action of a QuickBooks configuration (e.g. Import). */
  extraAction?: (config: QuickBooksConfigurationView) => ReactNode;
}

/**
 * The Configurations section: ConnectWise PSA first, then each QuickBooks Online configuration,
 * in the order the setup has to happen.
 */
export function ConfigurationList({ connectWise, quickBooks, details, extraAction }: ConfigurationListProps) {
  const connectWiseReady = isConnectWiseReady(connectWise);

  return (
    <Stack component="ol" gap={0} p={0} m={0} style={{ listStyle: 'none' }} aria-label="Configurations">
      <ConfigurationRow
        step={1}
        icon={<IconPlug size={22} stroke={1.8} aria-hidden />}
        title="ConnectWise PSA"
        caption="Your PSA company"
        status={<StatusBadge {...connectWise} />}
        description={connectWiseDescription(connectWise)}
        action={
          <Button component={Link} to="/connectwise" variant={connectWise.state === 'CONNECTED' ? 'default' : 'filled'}>
            Configure ConnectWise PSA
          </Button>
        }
      />
      {quickBooks.length === 0 && (
        <Text
          component="li"
          py="md"
          c="dimmed"
          size="sm"
          style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}
        >
          No QuickBooks Online companies yet. Add one from Set Up QuickBooks Online in the sidebar.
        </Text>
      )}
      {quickBooks.map((config, index) => (
        <ConfigurationRow
          key={config.id}
          withDivider
          step={index + 2}
          icon={<IconNotes size={22} stroke={1.8} aria-hidden />}
          title={config.name}
          caption="QuickBooks Online company"
          status={<StatusBadge {...config.status} />}
          description={
            <>
              {quickBooksDescription(config, connectWiseReady)}
              {details?.(config)}
            </>
          }
          action={
            connectWiseReady ? (
              <Group gap="sm">
                {extraAction?.(config)}
                <Button
                  component={Link}
                  to={`/quickbooks/${encodeURIComponent(config.id)}`}
                  variant={config.status.state === 'CONNECTED' ? 'default' : 'filled'}
                >
                  {quickBooksActionLabel(config)}
                </Button>
              </Group>
            ) : (
              <DisabledButton reason={CONNECTWISE_FIRST} variant="default">
                {quickBooksActionLabel(config)}
              </DisabledButton>
            )
          }
        />
      ))}
    </Stack>
  );
}
