import type { ApiProblem } from '../../app/errors';

export const CONNECTWISE_FIELDS = ['site', 'companyId', 'publicKey', 'privateKey', 'currentPassword'] as const;
export type ConnectWiseField = (typeof CONNECTWISE_FIELDS)[number];

export const PRIVATE_KEY_TOO = 'Check the Private Key too: both keys come from the same API key in ConnectWise PSA.';

export interface PlacedProblems {
  fieldErrors: Partial<Record<ConnectWiseField, string>>;
  formErrors: string[];
  /** The API member authenticates but lacks rights: the setup guide is worth opening. */
  missingPermissions: boolean;
}

/**
 * Places what saveConnectWise refused. Unlike other forms, the ConnectWise codes (site unreachable, company
 * not found, keys refused, permissions) name a field too, so every problem with a known field goes next to it.
 * Refused keys are a pair: the Public Key carries the message and the Private Key a pointer to it.
 */
export function placeConnectWiseProblems(problems: ApiProblem[]): PlacedProblems {
  const fieldErrors: PlacedProblems['fieldErrors'] = {};
  const formErrors: string[] = [];
  let missingPermissions = false;
  for (const problem of problems) {
    if (problem.code === 'CONNECTWISE_MISSING_PERMISSIONS') missingPermissions = true;
    const field = CONNECTWISE_FIELDS.find((f) => f === problem.field);
    if (field) {
      fieldErrors[field] ??= problem.message;
      if (problem.code === 'CONNECTWISE_INVALID_KEYS' && field === 'publicKey')
        fieldErrors.privateKey ??= PRIVATE_KEY_TOO;
    } else if (!formErrors.includes(problem.message)) {
      formErrors.push(problem.message);
    }
  }
  return { fieldErrors, formErrors, missingPermissions };
}
