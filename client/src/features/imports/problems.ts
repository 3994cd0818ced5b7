import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { toApiProblems, type ApiProblem } from '../../app/errors';

/** What an import action refused, with where the person can fix it. */
export interface ImportProblem extends ApiProblem {
  fix: { label: string; to: string } | null;
  /** "An import is already queued or running": the run to show instead. */
  activeRunId: string | null;
}

/** The run an "already queued or running" refusal names (`extensions.runId`). */
function activeRunIdOf(error: unknown): string | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  for (const e of error.errors) {
    const runId = e.extensions?.runId;
    if (typeof runId === 'string' && runId !== '') return runId;
  }
  return null;
}

export function fixFor(problem: ApiProblem, configurationId: string): ImportProblem['fix'] {
  if (problem.code === 'QUICKBOOKS_NOT_CONNECTED') {
    return {
      label: 'Open the QuickBooks Online configuration',
      to: `/quickbooks/${encodeURIComponent(configurationId)}`,
    };
  }
  if (problem.code.startsWith('CONNECTWISE_')) return { label: 'Open Set Up ConnectWise PSA', to: '/connectwise' };
  if (problem.code === 'BAD_USER_INPUT' && problem.field && MAPPING_FIELDS.has(problem.field)) {
    return { label: 'Review the mappings', to: `/quickbooks/${encodeURIComponent(configurationId)}#mappings` };
  }
  return null;
}

const MAPPING_FIELDS = new Set(['incomeAccountId', 'taxableTaxCode', 'nonTaxableTaxCode', 'autoSyncMinutes']);

/** The first problem of a failed import action, ready to show in context. */
export function toImportProblem(error: unknown, configurationId: string): ImportProblem {
  const problem = toApiProblems(error)[0] ?? { code: 'INTERNAL_SERVER_ERROR', message: 'The import did not start.' };
  return { ...problem, fix: fixFor(problem, configurationId), activeRunId: activeRunIdOf(error) };
}
