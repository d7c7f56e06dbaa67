// `waymark slots` and `waymark experiments` as a user runs them, on a data dir, with the documented examples.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtCliAvailable, runCli } from '../../test-support/cli.js';
import { testDir } from '../../test-support/stores.js';

const examples = join(import.meta.dirname, '..', '..', '..', '..', '..', 'docs', 'examples', 'personalization');

describe.skipIf(!builtCliAvailable())('waymark slots and experiments (needs `npm run build`)', () => {
  it('saves the documented examples, previews decisions with reasons, and refuses bad input clearly', () => {
    const dir = join(testDir(), 'data');
    const cli = (...args: string[]) => runCli([...args, '--data-dir', dir]);
    expect(cli('projects', 'create', 'Shop', '--id', 'shop').status).toBe(0);
    // The slot refers to a segment and an experiment: both must exist first.
    const slot = () => cli('slots', 'create', '--definition', join(examples, 'home-hero.json'));
    expect(slot().stderr).toContain('rules[0].when.segment: no segment "repeat-buyers" in this project');
    expect(cli('segments', 'add-template', 'repeat-buyers').status).toBe(0);
    const early = slot();
    expect(early.status).toBe(1);
    expect(early.stderr).toContain('rules[2].strategy.experiment: no experiment "hero-test"');
    expect(cli('experiments', 'create', '--definition', join(examples, 'hero-test.json')).stdout).toContain(
      'Saved experiment "hero-test" (running).',
    );
    const saved = slot();
    expect(saved.stdout).toContain('Saved slot "home-hero" (4 variants, 3 rules).');
    expect(cli('slots', 'create', '--definition', join(examples, 'checkout-offer-bandit.json')).status).toBe(0);
    expect(cli('slots', 'list').stdout).toMatch(/home-hero\s+Home page hero\s+control bold welcome-back mobile/);

    const preview = JSON.parse(
      cli('slots', 'preview', 'home-hero', '--anonymous', 'visitor-42', '--format', 'json').stdout,
    ) as { source: string; reason: string };
    // An unknown visitor is in no segment and sends no context: the experiment (or the 5% holdout) decides.
    expect(['experiment', 'holdout']).toContain(preview.source);
    // A segment a slot targets cannot be deleted.
    expect(cli('segments', 'delete', 'repeat-buyers').stderr).toContain('is used by slot "home-hero"');
    const offer = cli('slots', 'preview', 'checkout-offer', '--anonymous', 'v1', '--context', '{"utm_medium":"cpc"}');
    expect(offer.stdout).toMatch(/checkout-offer\s+(free-shipping|ten-off)\s+bandit/);

    const bad = cli('experiments', 'create', '--definition', '{"id":"x","variants":[{"id":"a"}],"metrics":{}}');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('variants must list at least 2 variants');
    const results = cli('experiments', 'results', 'hero-test');
    expect(results.status).toBe(0);
    expect(results.stdout).toContain('Not enough exposures yet');
  });
});
