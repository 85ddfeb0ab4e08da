import { dicomProbe } from './dicom.ts';
import { dnsProbe } from './dns.ts';
import { fhirProbe } from './fhir.ts';
import { hl7Probe } from './hl7.ts';
import { httpProbe } from './http.ts';
import { pingProbe } from './ping.ts';
import { tcpProbe } from './tcp.ts';
import { tlsProbe } from './tls.ts';

/** Network, web and healthcare-interface probe kinds. */
export const networkProbeKinds = [tcpProbe, httpProbe, tlsProbe, dnsProbe, pingProbe, fhirProbe, hl7Probe, dicomProbe] as const;
