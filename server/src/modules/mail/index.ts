export { mailFeature, type MailServices } from './mail.feature';
export type { MailOutbox, NewEmail, SweepTuning } from './mail-outbox';
export { retryDelayAfterMs, type RetryPolicy } from './retry-policy';
export {
  alreadyRegisteredTemplate,
  greetingFor,
  passwordChangedTemplate,
  render,
  resetPasswordTemplate,
  verifyEmailTemplate,
  type RenderedEmail,
} from './templates';
