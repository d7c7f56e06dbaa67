import { describe, expect, it } from 'vitest';
import { viewFromHash } from '../app/views.js';
import { hashPath } from './hash-route.js';
import { hashWithProject, projectOfHash, shareLink } from './shared-link.js';

describe('shared links', () => {
  it('add the project to a page hash, replacing one already there', () => {
    expect(hashWithProject('#/saved/dashboards/weekly', 'shop')).toBe('#/saved/dashboards/weekly?project=shop');
    expect(hashWithProject('#/saved/dashboards/weekly?project=old', 'web shop')).toBe(
      '#/saved/dashboards/weekly?project=web%20shop',
    );
  });

  it.each([
    ['#/saved/dashboards/weekly?project=shop', 'shop'],
    ['#/saved?project=web%20shop', 'web shop'],
    ['#/saved?project=', undefined],
    ['#/saved', undefined],
    ['', undefined],
  ])('%j names the project %j', (hash, project) => {
    expect(projectOfHash(hash)).toBe(project);
  });

  it('make a full address whose hash still routes to the same view and page', () => {
    const link = shareLink({ origin: 'https://waymark.example.com', pathname: '/' }, '#/saved/dashboards/wk', 'demo');
    expect(link).toBe('https://waymark.example.com/#/saved/dashboards/wk?project=demo');
    const hash = new URL(link).hash;
    expect(viewFromHash(hash)).toBe('saved');
    expect(hashPath(hash)).toEqual(['dashboards', 'wk']);
    expect(projectOfHash(hash)).toBe('demo');
  });
});
