import { deviceProbeKinds } from './devices.ts';
import { registerProbeKinds } from './index.ts';
import { networkProbeKinds } from './network.ts';

/** Registers every probe kind shipped with yiwei; called once by the composition root and the agent. */
export function registerBuiltinProbeKinds() {
  registerProbeKinds([...networkProbeKinds, ...deviceProbeKinds]);
}
