import { notifications } from '@mantine/notifications';
import { toApiProblems } from '../../app/errors';
import { resultSentence, STATUS_COLORS, STATUS_LABELS, type ImportRun } from './runs';

/** The flash message when a watched run finishes. */
export function notifyRunFinished(run: ImportRun): void {
  notifications.show({
    color: STATUS_COLORS[run.status],
    title: run.status === 'SUCCEEDED' ? 'Import finished' : `Import ${STATUS_LABELS[run.status].toLowerCase()}`,
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
