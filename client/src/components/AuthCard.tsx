import type { ReactNode } from 'react';
import { Anchor, Box, Center, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { Logo } from './Logo';

interface AuthCardProps {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}

/** The line under the card that sends to another signed-out page: "New to Mobius? Create an account". */
export function AuthCardLink({ prompt, to, children }: { prompt?: string; to: string; children: ReactNode }) {
  const link = (
    <Anchor component={Link} to={to} fw={500}>
      {children}
    </Anchor>
  );
  if (!prompt) return link;
  return (
    <>
      {prompt} {link}
    </>
  );
}

/** The frame of every signed-out page: the mark, one card, and links below it. */
export function AuthCard({ title, description, children, footer }: AuthCardProps) {
  return (
    <Box mih="100vh" bg="gray.0" py={{ base: 32, sm: 64 }} px="md">
      <Center>
        <Stack w="100%" maw={440} gap="lg">
          <Center>
            <Anchor component={Link} to="/" underline="never" aria-label="Mobius home">
              <Logo size={34} />
            </Anchor>
          </Center>
          <Paper component="main" withBorder shadow="xs" radius="lg" p={{ base: 'lg', sm: 32 }}>
            <Stack gap="lg">
              <Stack gap={6}>
                <Title order={1} fz={24}>
                  {title}
                </Title>
                {description && (
                  <Text c="dimmed" size="sm" component="div">
                    {description}
                  </Text>
                )}
              </Stack>
              {children}
            </Stack>
          </Paper>
          {footer && (
            <Text ta="center" size="sm" c="dimmed" component="div">
              {footer}
            </Text>
          )}
        </Stack>
      </Center>
    </Box>
  );
}
