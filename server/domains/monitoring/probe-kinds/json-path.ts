import type { JsonPathAssertion } from '../../../../shared/schemas/probe-kinds/http.ts';

// A deliberately small JSONPath: member names, ['quoted names'] and [array indexes]. No wildcards, filters or
// recursive descent, so a check costs one walk down the document and the grammar matches JSON_PATH_PATTERN in the schema.
const STEP = /\.([A-Za-z_$][\w$-]*)|\[(\d{1,6})\]|\['([^'\\]*)'\]|\["([^"\\]*)"\]/y;

export type JsonPathStep = string | number;

/** Splits "$.a.b[0].c" into ["a", "b", 0, "c"]; undefined when the path is outside the supported subset. */
export function parseJsonPath(path: string): JsonPathStep[] | undefined {
  if (!path.startsWith('$')) return undefined;
  const steps: JsonPathStep[] = [];
  STEP.lastIndex = 1;
  while (STEP.lastIndex < path.length) {
    const match = STEP.exec(path);
    if (!match) return undefined;
    steps.push(match[2] !== undefined ? Number(match[2]) : (match[1] ?? match[3] ?? match[4] ?? ''));
  }
  return steps;
}

/** Walks a parsed JSON document; `isFound` is false as soon as a step is missing (a present null is found). */
export function readJsonPath(doc: unknown, steps: readonly JsonPathStep[]): { isFound: boolean; value: unknown } {
  let node = doc;
  for (const step of steps) {
    if (typeof step === 'number') {
      if (!Array.isArray(node) || step >= node.length) return { isFound: false, value: undefined };
      node = node[step];
    } else {
      if (node === null || typeof node !== 'object' || Array.isArray(node) || !Object.hasOwn(node, step)) {
        return { isFound: false, value: undefined };
      }
      node = (node as Record<string, unknown>)[step];
    }
  }
  return { isFound: true, value: node };
}

// Configured values are text, so JSON values compare by their text: "3" equals 3, "true" equals true, "null" equals null.
function asText(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
}

/**
 * Checks one assertion against a parsed document; returns why it failed, or undefined when it holds.
 * The message names the path and the expected value only: the actual value could be patient data.
 */
export function checkJsonPath(doc: unknown, steps: readonly JsonPathStep[], assertion: JsonPathAssertion): string | undefined {
  const { isFound, value } = readJsonPath(doc, steps);
  if (!isFound) return `${assertion.path} not found`;
  switch (assertion.op) {
    case 'exists':
      return undefined;
    case 'equals':
      return asText(value) === assertion.value ? undefined : `${assertion.path} does not equal "${assertion.value}" (got a value of type ${typeName(value)})`;
    case 'contains': {
      const holds = Array.isArray(value) ? value.some((item) => asText(item) === assertion.value) : asText(value).includes(assertion.value);
      return holds ? undefined : `${assertion.path} does not contain "${assertion.value}"`;
    }
  }
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}
