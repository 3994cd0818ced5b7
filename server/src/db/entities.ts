import { Account } from '../modules/account/account.entity';
import { EmailToken } from '../modules/auth/email-token.entity';

export const entities = [Account, EmailToken];
