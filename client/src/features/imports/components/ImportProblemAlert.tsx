import { Alert, Anchor } from '@mantine/core';
import { Link } from 'react-router';
import { IconAlertCircle, IconInfoCircle } from '@tabler/icons-react';
import type { ImportProblem } from '../problems';

/** Why an import did not start, with a link to where it can be fixed. */
export function ImportProblemAlert({ problem, onClose }: { problem: ImportProblem; onClose: () => void }) {
  const running = problem.activeRunId !== null;
  return (
    <Alert
      color={running ? 'blue' : 'red'}
      variant="light"
      icon={
        running ? (
          <IconInfoCircle size={18} stroke={1.8} aria-hidden />
        ) : (
          <IconAlertCircle size={18} stroke={1.8} aria-hidden />
        )
      }
      title={running ? 'An import is already running' : 'The import did not start'}
      role="alert"
      withCloseButton
      closeButtonLabel="Dismiss"
      onClose={onClose}
    >
      {problem.message}
      {problem.fix && (
        <>
          {' '}
          <Anchor component={Link} to={problem.fix.to} inherit fw={600}>
            {problem.fix.label}
          </Anchor>
        </>
      )}
    </Alert>
  );
}
