import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as englishDictionary, translations } from '@zxcvbn-ts/language-en';
import { PASSWORD_MIN_GUESSES_LOG10 } from './validation';
import type { PasswordStrength } from './passwordStrength';

/** Loaded only through passwordStrength.ts's dynamic import: this module pulls in the dictionaries. */

let factory: ZxcvbnFactory | undefined;

export function estimatePasswordStrength(password: string): PasswordStrength {
  factory ??= new ZxcvbnFactory({
    translations,
    graphs: adjacencyGraphs,
    dictionary: { ...commonDictionary, ...englishDictionary },
    l33tMaxSubstitutions: 8, // as the API: bounds the work on crafted passwords
  });
  const result = factory.check(password);
  return {
    score: result.score,
    acceptable: result.guessesLog10 >= PASSWORD_MIN_GUESSES_LOG10,
    warning: result.feedback.warning,
    suggestions: result.feedback.suggestions,
  };
}
