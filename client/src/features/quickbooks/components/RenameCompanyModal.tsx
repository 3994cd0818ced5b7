import { Modal } from '@mantine/core';
import { useRenameQuickBooksCompany, type QuickBooksConfiguration } from '../hooks/useQuickBooks';
import { NameForm } from './NameForm';

export function RenameCompanyModal({
  opened,
  configuration,
  onClose,
}: {
  opened: boolean;
  configuration: QuickBooksConfiguration;
  onClose: () => void;
}) {
  const { rename } = useRenameQuickBooksCompany();
  return (
    <Modal opened={opened} onClose={onClose} title={`Rename ${configuration.name}`} centered radius="md">
      {opened && (
        <NameForm
          initialName={configuration.name}
          submitLabel="Rename"
          onSubmit={async (name) => {
            await rename(configuration.id, name);
            onClose();
          }}
          onCancel={onClose}
        />
      )}
    </Modal>
  );
}
