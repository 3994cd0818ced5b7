import { Alert } from '@mantine/core';
import { AlertIcon, CheckIcon } from '../../../components/icons';
import { oauthErrorText, type OAuthReturn } from '../oauthReturn';

/** The outcome of the round trip to Intuit, shown where the person landed. */
export function OAuthReturnAlert({
  outcome,
  companyName,
  onClose,
}: {
  outcome: OAuthReturn;
  companyName?: string | null;
  onClose: () => void;
}) {
  if (outcome.kind === 'connected') {
    return (
      <Alert
        color="teal"
        variant="light"
        icon={<CheckIcon />}
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
  const { title, message } = oauthErrorText(outcome.code);
  return (
    <Alert
      color={outcome.code === 'ACCESS_DENIED' ? 'gray' : 'orange'}
      variant="light"
      icon={<AlertIcon />}
      title={title}
      role="alert"
      withCloseButton
      closeButtonLabel="Dismiss"
      onClose={onClose}
    >
      {message}
    </Alert>
  );
}
