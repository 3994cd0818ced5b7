import { notifications } from '@mantine/notifications';
import { toApiProblems } from '../../app/errors';

/** The flash messages of a "Check now" on a connection page (ConnectWise PSA and QuickBooks Online alike). */
export function notifyConnectionWorks(message: string): void {
  notifications.show({ color: 'teal', title: 'Connection works', message });
}

export function notifyCheckFailed(error: unknown): void {
  notifications.show({
    color: 'red',
    title: 'Could not check the connection',
    message: toApiProblems(error)[0]?.message,
  });
}
