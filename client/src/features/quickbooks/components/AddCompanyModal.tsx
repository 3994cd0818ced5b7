import { Modal, Text } from '@mantine/core';
import { useNavigate } from 'react-router';
import { useAddQuickBooksCompany } from '../hooks/useQuickBooks';
import { NameForm } from './NameForm';

/** Sidebar › Add New Company: names a new configuration, then opens it to connect. */
export function AddCompanyModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { add } = useAddQuickBooksCompany();
  const navigate = useNavigate();

  const submit = async (name: string) => {
    const created = await add(name);
    onClose();
    navigate(`/quickbooks/${encodeURIComponent(created.id)}`);
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Add a QuickBooks Online company" centered radius="md">
      <Text size="sm" c="dimmed" mb="md">
        Each configuration connects Mobius to one more QuickBooks Online company. You connect it on the next page.
      </Text>
      {opened && <NameForm submitLabel="Add company" onSubmit={submit} onCancel={onClose} />}
    </Modal>
  );
}
