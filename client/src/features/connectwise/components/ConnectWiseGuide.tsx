import { Accordion, Code, List, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconBook } from '@tabler/icons-react';

export const GUIDE_ITEM = 'api-member';

interface ConnectWiseGuideProps {
  /** The open item (GUIDE_ITEM) or null; controlled so a "missing permissions" error can open it. */
  value: string | null;
  onChange: (value: string | null) => void;
}

const Path = ({ children }: { children: string }) => (
  <Text span fw={600} inherit>
    {children}
  </Text>
);

/** How to create the API member and its keys in ConnectWise PSA, and where Site and Company ID come from. */
export function ConnectWiseGuide({ value, onChange }: ConnectWiseGuideProps) {
  return (
    <Accordion variant="contained" radius="md" value={value} onChange={onChange} bg="white">
      <Accordion.Item value={GUIDE_ITEM}>
        <Accordion.Control
          icon={
            <ThemeIcon variant="light" size={30} radius="md">
              <IconBook size={17} stroke={1.8} aria-hidden />
            </ThemeIcon>
          }
        >
          <Text fw={600} size="sm">
            Setting up the API member in ConnectWise PSA
          </Text>
          <Text size="xs" c="dimmed">
            About 5 minutes, as a ConnectWise PSA administrator
          </Text>
        </Accordion.Control>
        <Accordion.Panel>
          <Stack gap="sm">
            <List type="ordered" size="sm" spacing="sm">
              <List.Item>
                <Text inherit>
                  <Path>System › Security Roles</Path>: add a role for Mobius (e.g. “Mobius Integration”). Under
                  Finance, set <Path>Accounting Interface</Path> to Inquire: All, plus Add and Edit if Mobius should
                  mark invoices as exported. Under Companies, allow Company Maintenance Inquire: All.
                </Text>
              </List.Item>
              <List.Item>
                <Text inherit>
                  <Path>System › Members › API Members</Path>: add a member (e.g. “Mobius”) with that role, Level 1
                  (Corporate) so it sees every location’s invoices, and any location and business unit.
                </Text>
              </List.Item>
              <List.Item>
                <Text inherit>
                  Save the member, open its <Path>API Keys</Path> tab and add a key named “Mobius”. Copy the Public Key
                  and the Private Key: ConnectWise PSA shows the private key only once.
                </Text>
              </List.Item>
            </List>
            <Stack gap={6}>
              <Text size="sm">
                <Path>Site</Path> is the address you log in with: <Code>na.myconnectwise.net</Code>,{' '}
                <Code>eu.myconnectwise.net</Code> or <Code>au.myconnectwise.net</Code>, or your own server’s host name
                if ConnectWise PSA is self-hosted.
              </Text>
              <Text size="sm">
                <Path>Company ID</Path> is the company you type on the ConnectWise PSA log-in page.
              </Text>
            </Stack>
          </Stack>
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}
