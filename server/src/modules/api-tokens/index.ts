export { apiTokensFeature } from './api-tokens.feature';
export { looksLikeApiToken, type ApiTokenService } from './api-token.service';
