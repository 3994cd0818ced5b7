import { Account } from '../modules/account/account.entity';
import { EmailToken } from '../modules/auth/email-token.entity';
import { ConnectWiseConnectionRecord } from '../modules/connectwise/connectwise-connection.entity';

export const entities = [Account, EmailToken, ConnectWiseConnectionRecord];
