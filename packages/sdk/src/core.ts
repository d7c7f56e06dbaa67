// The server's decision core, bundled into the SDK rather than copied, so that server and SDK cannot decide apart.
// This is the one place the SDK reaches into packages/waymark.

export {
  decide,
  unitOf,
  type Decision,
  type DecisionEnv,
  type DecisionRequest,
  type DecisionSource,
} from '../../waymark/src/decisions/decide.js';
export { exposureCall, type ExposureCall } from '../../waymark/src/decisions/exposure.js';
export { bucket, fmix32, fnv1a32, pickWeighted } from '../../waymark/src/decisions/hash.js';
export type { Experiment, Slot, Variant } from '../../waymark/src/decisions/model.js';
