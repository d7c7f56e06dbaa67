// The Node SDK's public surface.

export { Waymark, type DecideFor, type Identity, type WaymarkOptions } from './client.js';
export { exposureOf } from './exposure.js';
export { indexDefinitions, type Definitions, type DefinitionsBody } from './definitions.js';
export { SdkError, type SdkErrorCode } from '../shared/errors.js';
export {
  bucket,
  decide,
  pickWeighted,
  unitOf,
  type Decision,
  type Experiment,
  type Slot,
  type Variant,
} from '../core.js';
