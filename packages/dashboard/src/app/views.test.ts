import { describe, expect, it } from 'vitest';
import { VIEWS, hashOf, viewFromHash } from './views.js';

describe('views and hash routes', () => {
  it.each([
    ['#/funnels', 'funnels'],
    ['#/journey-map', 'journey-map'],
    ['#/funnels?steps=2', 'funnels'],
    ['#funnels', 'funnels'],
    ['', 'overview'],
    ['#/nope', 'overview'],
    ['#/__proto__', 'overview'],
  ])('%j opens %s', (hash, view) => {
    expect(viewFromHash(hash)).toBe(view);
  });

  it('lists every view of the issue once, each routable', () => {
    expect(VIEWS.map((v) => v.label)).toEqual([
      'Overview',
      'Funnels',
      'Journeys',
      'Retention',
      'Journey map',
      'Segments',
      'Customers',
      'Personalization',
      'Experiments',
      'Reports',
      'Saved',
      'Settings',
    ]);
    for (const v of VIEWS) expect(viewFromHash(hashOf(v.id))).toBe(v.id);
  });

  it('says what is coming on every view not built yet', () => {
    const built = [
      'overview',
      'funnels',
      'journeys',
      'retention',
      'journey-map',
      'segments',
      'customers',
      'personalization',
      'experiments',
      'reports',
      'saved',
      'settings',
    ];
    const placeholders = VIEWS.filter((v) => !built.includes(v.id));
    for (const v of placeholders) expect(v.coming?.length).toBeGreaterThan(0);
  });
});
