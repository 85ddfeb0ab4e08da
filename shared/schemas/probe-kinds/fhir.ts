import { z } from 'zod';
import { HttpTransportFields, ProbeUrl } from './http.ts';

/** FHIR server liveness: GET [base]/metadata must return a CapabilityStatement. */
export const FhirProbeConfig = z.object({
  baseUrl: ProbeUrl.describe('FHIR base URL, e.g. https://fhir.example.org/r4'),
  expectedFhirVersion: z.string().trim().max(20).regex(/^[0-9][0-9.]*$/, 'a version prefix like 4.0').optional()
    .describe('Down unless fhirVersion starts with this'),
  ...HttpTransportFields,
});
export type FhirProbeConfig = z.infer<typeof FhirProbeConfig>;

export { HttpProbeSecrets as FhirProbeSecrets } from './http.ts';
