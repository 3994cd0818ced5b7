import { Button, Center, EmptyState } from '@mantine/core';
import { Link } from 'react-router';
import { IconCompass } from '@tabler/icons-react';

export function NotFoundPage() {
  return (
    <Center mih="70vh" p="md">
      <EmptyState variant="light" maw={420}>
        <EmptyState.Indicator>
          <IconCompass size={26} stroke={1.8} aria-hidden />
        </EmptyState.Indicator>
        <EmptyState.Title order={1}>Page not found</EmptyState.Title>
        <EmptyState.Description>The page you are looking for does not exist or has moved.</EmptyState.Description>
        <EmptyState.Actions>
          <Button component={Link} to="/">
            Go to the dashboard
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    </Center>
  );
}
