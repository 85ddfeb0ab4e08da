import { z } from 'zod';
import type { FormInstance, FormRule as Rule } from 'antd';
import { ApiError } from './api.ts';
import { i18n } from './i18n.ts';

/** Turns a zod issue into a sentence in the UI language; `formatHint` names what a regex expects. */
function issueMessage(issue: z.core.$ZodIssue, formatHint?: string): string {
  switch (issue.code) {
    case 'too_small':
      return issue.origin === 'string'
        ? i18n.t('validation.minLength', { min: Number(issue.minimum) })
        : i18n.t('validation.min', { min: Number(issue.minimum) });
    case 'too_big':
      return issue.origin === 'string'
        ? i18n.t('validation.maxLength', { max: Number(issue.maximum) })
        : i18n.t('validation.max', { max: Number(issue.maximum) });
    case 'invalid_format':
      if (issue.format === 'email') return i18n.t('validation.email');
      return formatHint ?? i18n.t('validation.format');
    default:
      return i18n.t('validation.invalid');
  }
}

/**
 * An antd rule that checks a field with the same zod schema the server uses, so the limits cannot disagree.
 * Empty values pass: `required` is a separate rule.
 */
export function zodRule(schema: z.ZodType, formatHint?: string): Rule {
  return {
    validator: async (_rule, value: unknown) => {
      if (value === undefined || value === null || value === '') return;
      const result = schema.safeParse(value);
      const first = result.success ? undefined : result.error.issues[0];
      if (first) throw new Error(issueMessage(first, formatHint));
    },
  };
}

export function requiredRule(): Rule {
  return { required: true, message: i18n.t('validation.required') };
}

const ValidationDetails = z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() }));

/**
 * Puts the issues of a server 'validation' error on the fields they name. `mapPath` translates an API path to a
 * form field name when the two differ (return null to skip). Returns true when at least one field got an error.
 */
export function applyFieldErrors(
  form: FormInstance,
  error: unknown,
  mapPath: (path: (string | number)[]) => (string | number)[] | null = (p) => p,
): boolean {
  if (!(error instanceof ApiError) || error.code !== 'validation') return false;
  const issues = ValidationDetails.safeParse(error.details);
  if (!issues.success) return false;
  const known = new Set(Object.keys(form.getFieldsValue(true) as Record<string, unknown>));
  const fields = issues.data
    .map((issue) => ({ name: mapPath(issue.path), errors: [issue.message] }))
    .filter((f): f is { name: (string | number)[]; errors: string[] } => f.name !== null && f.name.length > 0 && known.has(String(f.name[0])));
  if (fields.length === 0) return false;
  form.setFields(fields);
  return true;
}
