export { mailFeature } from './mail.feature';
export type { MailService } from './mail.service';
export {
  alreadyRegisteredTemplate,
  greetingFor,
  passwordChangedTemplate,
  render,
  resetPasswordTemplate,
  verifyEmailTemplate,
  type RenderedEmail,
} from './templates';
