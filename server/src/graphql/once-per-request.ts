/**
 * Answers shared by the fields of one GraphQL request: the fields of a mutation run one after another, so without
 * this 15 aliases of one live check would make 15 checks (docs/request-hardening.md). Keyed by the request's context.
 */
const perRequest = new WeakMap<object, Map<string, Promise<unknown>>>();

export function oncePerRequest<T>(request: object, key: string, work: () => Promise<T>): Promise<T> {
  let answers = perRequest.get(request);
  if (!answers) {
    answers = new Map();
    perRequest.set(request, answers);
  }
  const known = answers.get(key) as Promise<T> | undefined;
  if (known) return known;
  const answer = work();
  answers.set(key, answer);
  return answer;
}
