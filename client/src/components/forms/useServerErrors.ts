import { useCallback, useState } from 'react';
import type { UseFormReturnType } from '@mantine/form';
import { splitProblems, toApiProblems } from '../../app/errors';

type FieldName<Values> = Extract<keyof Values, string>;

/** Focuses the first field, in form order, that has an error. */
export function focusFirstError<Values>(
  form: UseFormReturnType<Values>,
  fields: readonly FieldName<Values>[],
  errors: Record<string, unknown>,
): void {
  const first = fields.find((field) => errors[field]);
  if (first) form.getInputNode(first as never)?.focus();
}

/**
 * Runs a submit action and places what the API rejects: an error whose `extensions.field` names one
 * of `fields` goes next to that field, anything else becomes the form-level message. `aliases` maps an
 * argument of the API to the form field that holds it when their names differ (`newPassword` → `password`).
 */
export function useServerErrors<Values>(
  form: UseFormReturnType<Values>,
  fields: readonly FieldName<Values>[],
  aliases?: Readonly<Record<string, FieldName<Values>>>,
) {
  const [formError, setFormError] = useState<string | null>(null);

  const run = useCallback(
    async (action: () => Promise<void>) => {
      setFormError(null);
      try {
        await action();
      } catch (error) {
        const problems = toApiProblems(error).map((problem) =>
          problem.field && aliases?.[problem.field] ? { ...problem, field: aliases[problem.field] } : problem,
        );
        const { fieldErrors, formErrors } = splitProblems(problems, fields);
        form.setErrors(fieldErrors);
        setFormError(formErrors.length > 0 ? formErrors.join(' ') : null);
        focusFirstError(form, fields, fieldErrors);
      }
    },
    // `form` is a fresh object each render; its methods are stable.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [fields, aliases],
  );

  /**
   * The form's onSubmit: `action` runs with the valid values as `run` runs it (its promise is the form's
   * `submitting`); when the browser-side rules refuse, the first invalid field takes the focus.
   */
  const handleSubmit = (action: (values: Values) => Promise<void>) =>
    form.onSubmit(
      (values) => run(() => action(values)),
      (errors) => focusFirstError(form, fields, errors),
    );

  return { formError, setFormError, run, handleSubmit };
}
