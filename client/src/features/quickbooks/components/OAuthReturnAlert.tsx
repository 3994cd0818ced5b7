import { Alert, Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import { IconAlertCircle, IconCircleCheck } from '@tabler/icons-react';
import { oauthErrorText, type OAuthReturn } from '../oauthReturn';

/** The outcome of the round trip to Intuit, shown where the person landed. */
export function OAuthReturnAlert({
  outcome,
  companyName,
  configurations = [],
  onClose,
}: {
  outcome: OAuthReturn;
  companyName?: string | null;
  /** The account's configurations: names the one an `heldBy` id points at. */
  configurations?: ReadonlyArray<{ id: string; name: string }>;
  onClose: () => void;
}) {
  if (outcome.kind === 'connected') {
    return (
      <Alert
        color="teal"
        variant="light"
        icon={<IconCircleCheck size={18} stroke={1.8} aria-hidden />}
        title="Connected to QuickBooks Online"
        withCloseButton
        closeButtonLabel="Dismiss"
        onClose={onClose}
      >
        {companyName
          ? `Mobius can now import your ConnectWise PSA invoices into ${companyName}.`
          : 'Mobius can now import your ConnectWise PSA invoices into this company.'}
      </Alert>
    );
  }
  const holder = outcome.heldBy ? configurations.find((c) => c.id === outcome.heldBy) : undefined;
  const { title, message } = oauthErrorText(outcome.code, holder?.name);
  return (
    <Alert
      color={outcome.code === 'ACCESS_DENIED' ? 'gray' : 'orange'}
      variant="light"
      icon={<IconAlertCircle size={18} stroke={1.8} aria-hidden />}
      title={title}
      role="alert"
      withCloseButton
      closeButtonLabel="Dismiss"
      onClose={onClose}
    >
      {holder ? (
        <Text size="sm" inherit>
          {message}{' '}
          <Anchor component={Link} to={`/quickbooks/${encodeURIComponent(holder.id)}`} inherit fw={600}>
            Open {holder.name}
          </Anchor>
        </Text>
      ) : (
        message
      )}
    </Alert>
  );
}
