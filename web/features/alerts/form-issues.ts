import type { FormInstance } from 'antd';
import type { z } from 'zod';

export type FieldPath = (string | number)[];

/**
 * Puts the issues of a schema check on the form fields they name (`fieldOf` translates an API path to a form path,
 * null to skip). Returns false when none could be placed, so the caller shows the first message instead.
 */
export function placeIssues(form: FormInstance, issues: readonly z.core.$ZodIssue[], fieldOf: (path: readonly PropertyKey[]) => FieldPath | null): boolean {
  const fields = issues.flatMap((i) => {
    const name = fieldOf(i.path);
    return name ? [{ name, errors: [i.message] }] : [];
  });
  if (fields.length) form.setFields(fields);
  return fields.length > 0;
}
