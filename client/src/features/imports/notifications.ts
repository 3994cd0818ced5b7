import { notifications } from '@mantine/notifications';
import { toApiProblems } from '../../app/errors';
import { FINISHED_TITLES, resultSentence, STATUS_COLORS, type ImportRun } from './runs';

/** The flash message when a watched run finishes. */
export function notifyRunFinished(run: ImportRun): void {
  notifications.show({
    color: STATUS_COLORS[run.status],
    title: FINISHED_TITLES[run.status],
    message: resultSentence(run),
    autoClose: run.status === 'SUCCEEDED' ? 8000 : false,
  });
}

export function notifyRetryFailed(error: unknown): void {
  notifications.show({
    color: 'red',
    title: 'Could not retry the failed invoices',
    message: toApiProblems(error)[0]?.message,
  });
}
