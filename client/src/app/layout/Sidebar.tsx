import { useId, type MouseEvent, type ReactNode } from 'react';
import { Box, NavLink, Stack, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { Link, useLocation, useMatch } from 'react-router';
import { IconArrowBarToDown, IconCode, IconHome, IconNotes, IconPlug, IconPlus, IconUser } from '@tabler/icons-react';
import { importUnavailableReason } from '../../features/imports/readiness';
import { importPath } from '../../features/imports/runs';
import {
  CONNECTWISE_FIRST,
  isConnectWiseReady,
  type ConnectionStatusView,
  type QuickBooksConfigurationView,
} from '../../features/configurations/types';

interface SidebarProps {
  connectWise: ConnectionStatusView;
  quickBooks: QuickBooksConfigurationView[];
  /** Called after a link is followed (closes the drawer on small screens). */
  onNavigate?: () => void;
  /** Sidebar › Add New Company (offered once ConnectWise PSA is connected). */
  onAddCompany?: () => void;
}

interface Attention {
  color: string;
  label: string;
}

interface EntryProps {
  to: string;
  label: string;
  /** When the visible label alone is ambiguous (the same company under two headings). */
  ariaLabel?: string;
  icon?: ReactNode;
  end?: boolean;
  onNavigate?: () => void;
  /** A connection that needs the person: a dot, and the reason for screen readers. */
  attention?: Attention | null;
}

const ROUNDED = { root: { borderRadius: 'var(--mantine-radius-md)' } };

function Entry({ to, label, ariaLabel, icon, end = false, onNavigate, attention }: EntryProps) {
  const active = useMatch({ path: to, end }) !== null;
  const attentionId = useId();
  return (
    <>
      <NavLink
        component={Link}
        to={to}
        label={label}
        aria-label={ariaLabel}
        leftSection={icon}
        rightSection={
          attention ? (
            <Box
              w={8}
              h={8}
              bg={attention.color}
              style={{ borderRadius: '50%' }}
              title={attention.label}
              aria-hidden="true"
            />
          ) : undefined
        }
        active={active}
        aria-current={active ? 'page' : undefined}
        aria-describedby={attention ? attentionId : undefined}
        onClick={onNavigate}
        styles={ROUNDED}
      />
      {attention && <VisuallyHidden id={attentionId}>{attention.label}</VisuallyHidden>}
    </>
  );
}

function attentionOf(status: ConnectionStatusView): Attention | null {
  if (status.state === 'LOST') return { color: 'red.6', label: 'Connection lost' };
  if (status.state === 'EXPIRING') return { color: 'yellow.6', label: 'Reconnect soon' };
  return null;
}

/** An entry that exists but cannot be used yet: focusable, with the reason in a tooltip and to screen readers. */
function UnavailableEntry({
  label,
  ariaLabel,
  icon,
  reason,
}: {
  label: string;
  ariaLabel?: string;
  icon?: ReactNode;
  reason: string;
}) {
  const reasonId = useId();
  return (
    <>
      <Tooltip label={reason} position="right">
        <NavLink
          component="button"
          type="button"
          label={label}
          aria-label={ariaLabel}
          leftSection={icon}
          aria-disabled="true"
          aria-describedby={reasonId}
          onClick={(event: MouseEvent) => event.preventDefault()}
          styles={{ root: { borderRadius: 'var(--mantine-radius-md)', opacity: 0.55, cursor: 'not-allowed' } }}
        />
      </Tooltip>
      <VisuallyHidden id={reasonId}>{reason}</VisuallyHidden>
    </>
  );
}

/** The navigational sidebar of docs/product.md §3. */
export function Sidebar({ connectWise, quickBooks, onNavigate, onAddCompany }: SidebarProps) {
  const { pathname } = useLocation();
  const connectWiseReady = isConnectWiseReady(connectWise);
  const importing = /^\/quickbooks\/[^/]+\/import(\/|$)/.test(pathname);

  return (
    <Stack component="nav" aria-label="Main" gap={2}>
      <Entry
        to="/"
        end
        label="Dashboard"
        icon={<IconHome size={18} stroke={1.8} aria-hidden />}
        onNavigate={onNavigate}
      />
      <Entry
        to="/connectwise"
        label="Set Up ConnectWise PSA"
        icon={<IconPlug size={18} stroke={1.8} aria-hidden />}
        onNavigate={onNavigate}
        attention={attentionOf(connectWise)}
      />
      <NavLink
        label="Set Up QuickBooks Online"
        leftSection={<IconNotes size={18} stroke={1.8} aria-hidden />}
        defaultOpened
        active={pathname.startsWith('/quickbooks') && !importing}
        variant="subtle"
        childrenOffset={30}
        styles={ROUNDED}
      >
        {quickBooks.map((config) =>
          connectWiseReady ? (
            <Entry
              key={config.id}
              to={`/quickbooks/${encodeURIComponent(config.id)}`}
              end
              label={config.name}
              onNavigate={onNavigate}
              attention={attentionOf(config.status)}
            />
          ) : (
            <UnavailableEntry key={config.id} label={config.name} reason={CONNECTWISE_FIRST} />
          ),
        )}
        {connectWiseReady && onAddCompany ? (
          <NavLink
            component="button"
            type="button"
            label="Add New Company"
            leftSection={<IconPlus size={16} stroke={1.8} aria-hidden />}
            aria-haspopup="dialog"
            onClick={() => {
              onNavigate?.();
              onAddCompany();
            }}
            styles={ROUNDED}
          />
        ) : (
          <UnavailableEntry
            label="Add New Company"
            icon={<IconPlus size={16} stroke={1.8} aria-hidden />}
            reason={CONNECTWISE_FIRST}
          />
        )}
      </NavLink>
      <NavLink
        label="Import"
        leftSection={<IconArrowBarToDown size={18} stroke={1.8} aria-hidden />}
        defaultOpened
        active={importing}
        variant="subtle"
        childrenOffset={30}
        styles={ROUNDED}
      >
        {quickBooks.map((config) => {
          const reason = importUnavailableReason(connectWise, config.status);
          return reason ? (
            <UnavailableEntry
              key={config.id}
              label={config.name}
              ariaLabel={`Import into ${config.name}`}
              reason={reason}
            />
          ) : (
            <Entry
              key={config.id}
              to={importPath(config.id)}
              label={config.name}
              ariaLabel={`Import into ${config.name}`}
              onNavigate={onNavigate}
            />
          );
        })}
      </NavLink>
      <Text size="xs" fw={600} c="dimmed" tt="uppercase" mt="md" mb={4} px="sm" style={{ letterSpacing: '0.05em' }}>
        Account
      </Text>
      <Entry
        to="/settings"
        label="Account settings"
        icon={<IconUser size={18} stroke={1.8} aria-hidden />}
        onNavigate={onNavigate}
      />
      <Entry
        to="/playground"
        label="API playground"
        icon={<IconCode size={18} stroke={1.8} aria-hidden />}
        onNavigate={onNavigate}
      />
    </Stack>
  );
}
