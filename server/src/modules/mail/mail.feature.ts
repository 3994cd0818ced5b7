import { defineFeature } from '../feature';
import { MailService } from './mail.service';

/** Emails, sent in the background through the configured mailer. */
export const mailFeature = defineFeature({
  name: 'mail',
  entities: [],
  resolvers: [],
  create: (host) => ({ services: { mail: new MailService(host.mailer, host.background, host.logger) } }),
});
