// The experiment statistics over HTTP, for the dashboard's calculators: sample size and the sample-ratio check.

import type { FastifyInstance } from 'fastify';
import { between, fail, list, object, only } from '../../core/field-check.js';
import { sampleSize } from '../../stats/sample-size.js';
import { sampleRatioMismatch } from '../../stats/srm.js';

export function statsRoutes(app: FastifyInstance): void {
  // { baseline, mde, sd?, alpha?, power?, arms?, dailyPersons? } -> { perArm, total, days }
  app.post('/api/stats/sample-size', async (request) => {
    const b = object(request.body, 'body');
    only(b, 'body', ['baseline', 'mde', 'sd', 'alpha', 'power', 'arms', 'dailyPersons']);
    const sd = b['sd'] === undefined ? undefined : between(b['sd'], 'sd', 1e-12, 1e12);
    const baseline =
      sd === undefined
        ? between(b['baseline'], 'baseline', 1e-9, 1 - 1e-9)
        : between(b['baseline'], 'baseline', -1e12, 1e12);
    if (sd === undefined && (baseline <= 0 || baseline >= 1)) fail('baseline', 'must be a rate between 0 and 1');
    const input = {
      baseline,
      mde: between(b['mde'], 'mde', 1e-6, 100),
      ...(sd === undefined ? {} : { sd }),
      ...(b['alpha'] === undefined ? {} : { alpha: between(b['alpha'], 'alpha', 0.0001, 0.5) }),
      ...(b['power'] === undefined ? {} : { power: between(b['power'], 'power', 0.01, 0.9999) }),
      ...(b['arms'] === undefined ? {} : { arms: between(b['arms'], 'arms', 2, 20) }),
      ...(b['dailyPersons'] === undefined
        ? {}
        : { dailyPersons: between(b['dailyPersons'], 'dailyPersons', 1e-6, 1e12) }),
    };
    return { ...input, ...sampleSize(input) };
  });

  // { users: [..], weights?: [..] } -> chi-square, p-value, mismatch
  app.post('/api/stats/srm', async (request) => {
    const b = object(request.body, 'body');
    only(b, 'body', ['users', 'weights']);
    const users = list(b['users'], 'users', 20, (x, f) => between(x, f, 0, 1e12));
    if (users.length < 2) fail('users', 'must give at least 2 arms');
    const weights =
      b['weights'] === undefined ? undefined : list(b['weights'], 'weights', 20, (x, f) => between(x, f, 0, 1e12));
    if (weights && weights.length !== users.length) fail('weights', 'must give one weight per arm');
    return sampleRatioMismatch(users, weights);
  });
}
