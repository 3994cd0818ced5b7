import { Button, Group, Radio, Select, Stack, Switch, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { FormAlert } from '../../../components/forms/FormAlert';
import { useServerErrors } from '../../../components/forms/useServerErrors';
import type { ImportSettingsInput } from '../../../generated/graphql';
import { formatDateTime } from '../../configurations/formatDate';
import type { ImportSettings } from '../hooks/useImports';

export const MAPPING_FIELDS = [
  'incomeAccountId',
  'taxableTaxCode',
  'nonTaxableTaxCode',
  'appendAccountNumber',
  'markExported',
  'autoSyncMinutes',
] as const;

/** The income account a person leaves to Mobius ("Services", else the first Income account). */
const DEFAULT_ACCOUNT = '__default__';

export const AUTOSYNC_CHOICES = [
  { value: '0', label: 'Off' },
  { value: '30', label: 'Every 30 minutes' },
  { value: '60', label: 'Every 60 minutes' },
  { value: '120', label: 'Every 120 minutes' },
] as const;

interface MappingsFormValues {
  incomeAccountId: string;
  taxableTaxCode: string;
  nonTaxableTaxCode: string;
  appendAccountNumber: boolean;
  markExported: boolean;
  autoSyncMinutes: string;
}

interface Option {
  id: string;
  name: string;
}

interface MappingsFormProps {
  settings: ImportSettings;
  incomeAccounts: Option[];
  taxCodes: Option[];
  /** Rejects with the API's error; an error naming a field lands next to it. */
  onSubmit: (input: ImportSettingsInput) => Promise<void>;
}

/** The choices of QuickBooks, plus the saved one when QuickBooks no longer offers it (so it shows, and why). */
function choices(options: Option[], saved: string | null): { value: string; label: string }[] {
  const data = options.map((option) => ({ value: option.id, label: option.name }));
  if (saved && !options.some((option) => option.id === saved)) {
    data.unshift({ value: saved, label: `${saved} (not found in QuickBooks Online)` });
  }
  return data;
}

function toValues(settings: ImportSettings): MappingsFormValues {
  return {
    incomeAccountId: settings.incomeAccountId ?? DEFAULT_ACCOUNT,
    taxableTaxCode: settings.taxableTaxCode,
    nonTaxableTaxCode: settings.nonTaxableTaxCode,
    appendAccountNumber: settings.appendAccountNumber,
    markExported: settings.markExported,
    autoSyncMinutes: String(settings.autoSyncMinutes),
  };
}

/** Income account, tax codes, customer names, marking as exported and AutoSync (docs/imports.md §1). */
export function MappingsForm({ settings, incomeAccounts, taxCodes, onSubmit }: MappingsFormProps) {
  const form = useForm<MappingsFormValues>({
    mode: 'uncontrolled',
    initialValues: toValues(settings),
    validate: {
      taxableTaxCode: (value) => (value ? null : 'Choose the tax code of taxable lines.'),
      nonTaxableTaxCode: (value) => (value ? null : 'Choose the tax code of non-taxable lines.'),
    },
  });
  const { formError, handleSubmit } = useServerErrors(form, MAPPING_FIELDS);

  const accountData = [
    { value: DEFAULT_ACCOUNT, label: 'Default (Services)' },
    ...choices(incomeAccounts, settings.incomeAccountId),
  ];
  const taxableData = choices(taxCodes, settings.taxableTaxCode);
  const nonTaxableData = choices(taxCodes, settings.nonTaxableTaxCode);

  const submit = async (values: MappingsFormValues) => {
    await onSubmit({
      configurationId: settings.configurationId,
      incomeAccountId: values.incomeAccountId === DEFAULT_ACCOUNT ? null : values.incomeAccountId,
      taxableTaxCode: values.taxableTaxCode,
      nonTaxableTaxCode: values.nonTaxableTaxCode,
      appendAccountNumber: values.appendAccountNumber,
      markExported: values.markExported,
      autoSyncMinutes: Number(values.autoSyncMinutes),
    });
    form.resetDirty();
  };

  return (
    <form noValidate aria-label="Import mappings" onSubmit={handleSubmit(submit)}>
      <Stack gap="md">
        <FormAlert message={formError} title="Mappings not saved" />
        <Select
          label="Income account"
          description="The QuickBooks Online Income account of the products and services Mobius creates."
          data={accountData}
          allowDeselect={false}
          searchable
          key={form.key('incomeAccountId')}
          {...form.getInputProps('incomeAccountId')}
        />
        <Group grow align="flex-start" gap="md">
          <Select
            label="Tax code for taxable lines"
            data={taxableData}
            allowDeselect={false}
            aria-required
            key={form.key('taxableTaxCode')}
            {...form.getInputProps('taxableTaxCode')}
          />
          <Select
            label="Tax code for non-taxable lines"
            data={nonTaxableData}
            allowDeselect={false}
            aria-required
            key={form.key('nonTaxableTaxCode')}
            {...form.getInputProps('nonTaxableTaxCode')}
          />
        </Group>
        <Switch
          label="Append the PSA account number to customer names"
          description="e.g. “Acme Dental Group (C1001)”: tells apart companies with the same name, and avoids QuickBooks’ “Duplicate Name Exists” when a vendor or employee has it."
          key={form.key('appendAccountNumber')}
          {...form.getInputProps('appendAccountNumber', { type: 'checkbox' })}
        />
        <Switch
          label="Mark invoices as exported in ConnectWise PSA"
          description="After each import, Mobius closes a ConnectWise PSA accounting batch of the invoices it imported, so they leave the unposted list there as they would after an export."
          key={form.key('markExported')}
          {...form.getInputProps('markExported', { type: 'checkbox' })}
        />
        <Radio.Group
          label="AutoSync"
          description="Imports the invoices that are not in QuickBooks Online yet, on a schedule, with no one clicking."
          key={form.key('autoSyncMinutes')}
          {...form.getInputProps('autoSyncMinutes')}
        >
          <Group gap="lg" mt="xs">
            {AUTOSYNC_CHOICES.map((choice) => (
              <Radio key={choice.value} value={choice.value} label={choice.label} />
            ))}
          </Group>
        </Radio.Group>
        {(settings.lastAutoSyncAt || settings.nextAutoSyncAt) && (
          <Text size="sm" c="dimmed">
            {settings.lastAutoSyncAt && `Last AutoSync: ${formatDateTime(settings.lastAutoSyncAt)}. `}
            {settings.nextAutoSyncAt && `Next AutoSync: ${formatDateTime(settings.nextAutoSyncAt)}.`}
          </Text>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={form.submitting}>
            Save mappings
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
