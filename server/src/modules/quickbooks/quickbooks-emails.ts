import { greetingFor, render, type RenderedEmail } from '../mail';
import { formatDate } from './quickbooks-status';

/** Emails about a QuickBooks Online connection: reconnect reminders (14 and 3 days ahead) and "lost". */

export function reconnectReminderTemplate(input: {
  name?: string | null;
  configurationName: string;
  companyName: string | null;
  reconnectBy: Date;
  daysLeft: number;
  link: string;
}): RenderedEmail {
  const company = input.companyName ? ` (${input.companyName})` : '';
  const when = formatDate(input.reconnectBy);
  return {
    subject: `Reconnect ${input.configurationName} to QuickBooks Online by ${when}`,
    category: `quickbooks-reconnect-${input.daysLeft}d`,
    ...render({
      preheader: `Your ${input.configurationName} connection to QuickBooks Online needs a new authorization by ${when}.`,
      greeting: greetingFor(input.name),
      paragraphs: [
        `Your ${input.configurationName} connection${company} to QuickBooks Online must be authorized again by ${when} (in ${input.daysLeft} day${input.daysLeft === 1 ? '' : 's'}).`,
        'Open the configuration and click Connect to QuickBooks: it takes a minute, and your settings and import history stay as they are. After that date Mobius cannot import into this company until you reconnect.',
      ],
      action: { label: 'Reconnect to QuickBooks', url: input.link },
      footnote: 'Intuit requires QuickBooks Online connections to be re-authorized periodically.',
    }),
  };
}

export function connectionLostTemplate(input: {
  name?: string | null;
  configurationName: string;
  companyName: string | null;
  reason: string;
  link: string;
}): RenderedEmail {
  const company = input.companyName ? ` (${input.companyName})` : '';
  return {
    subject: `Your ${input.configurationName} connection to QuickBooks Online has been lost`,
    category: 'quickbooks-connection-lost',
    ...render({
      preheader: `Your ${input.configurationName} connection to QuickBooks Online has been lost. Please reconnect.`,
      greeting: greetingFor(input.name),
      paragraphs: [
        `Your ${input.configurationName} connection${company} to QuickBooks Online has been lost. Please reconnect.`,
        input.reason,
      ],
      action: { label: 'Reconnect to QuickBooks', url: input.link },
      footnote: 'Imports into this company are paused until it is connected again.',
    }),
  };
}
