export type { AccountVerifiedListener } from './account-verified';
export { authFeature, type AuthServices } from './auth.feature';
export type { PasswordConfirmation } from './password-confirmation';
export type { AuthService } from './auth.service';
export type { SessionCookie } from './session-cookie';
