export { tokensFeature, type TokensServices } from './tokens.feature';
export type { TokenPurpose } from './single-use-token.entity';
export {
  tokenKind,
  type InspectedToken,
  type SingleUseToken,
  type SingleUseTokens,
  type TokenKind,
} from './single-use-tokens';
