// The contract every StateStore implementation must meet, as a suite each implementation's test file runs.

import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { emptyProfile, type Profile } from '../core/profile.js';
import type { StateStore } from './state-store.js';

export function stateStoreContract(name: string, open: () => Promise<StateStore>): void {
  describe(`StateStore contract: ${name}`, () => {
    it('creates projects with write keys, rotates and revokes keys', async () => {
      const state = await open();
      const { project, writeKey } = await state.projects.create({ id: 'web', name: 'Web', now: 1 });
      expect(project).toEqual({ id: 'web', name: 'Web', timeZone: 'UTC', createdAt: 1 });
      expect(await state.projects.projectForWriteKey(writeKey)).toBe('web');
      await expect(state.projects.create({ id: 'web', name: 'Again', now: 2 })).rejects.toMatchObject({
        code: 'conflict',
      });
      await expect(state.projects.create({ id: 'bad id!', name: 'X', now: 2 })).rejects.toMatchObject({
        code: 'invalid_request',
        field: 'id',
      });
      const kept = await state.projects.rotateKey('web', 3, true);
      expect(await state.projects.projectForWriteKey(writeKey)).toBe('web');
      const fresh = await state.projects.rotateKey('web', 4);
      expect(await state.projects.projectForWriteKey(writeKey)).toBeUndefined();
      expect(await state.projects.projectForWriteKey(kept)).toBeUndefined();
      expect(await state.projects.projectForWriteKey(fresh)).toBe('web');
      expect((await state.projects.keys('web')).map((k) => k.revokedAt === null)).toEqual([false, false, true]);
      await expect(state.projects.rotateKey('nope', 5)).rejects.toMatchObject({ code: 'not_found' });
      await state.close();
    });

    it('saves, replaces, lists and deletes definitions per project and kind', async () => {
      const state = await open();
      await state.projects.create({ id: 'shop', name: 'Shop', now: 1 });
      await state.projects.create({ id: 'blog', name: 'Blog', now: 1 });
      expect(await state.definitions.get('shop', 'stage-map', 'default')).toBeUndefined();
      await state.definitions.put('shop', 'stage-map', 'default', { stages: [{ name: 'a' }] }, 10);
      await state.definitions.put('shop', 'stage-map', 'default', { stages: [{ name: 'b' }] }, 20);
      await state.definitions.put('shop', 'segment', 's1', { n: 1 }, 30);
      expect(await state.definitions.get('shop', 'stage-map', 'default')).toEqual({
        kind: 'stage-map',
        id: 'default',
        body: { stages: [{ name: 'b' }] },
        updatedAt: 20,
      });
      expect(await state.definitions.get('blog', 'stage-map', 'default')).toBeUndefined();
      expect((await state.definitions.list('shop', 'segment')).map((d) => d.id)).toEqual(['s1']);
      expect(await state.definitions.delete('shop', 'stage-map', 'default')).toBe(true);
      expect(await state.definitions.delete('shop', 'stage-map', 'default')).toBe(false);
      expect(await state.definitions.get('shop', 'stage-map', 'default')).toBeUndefined();
      await state.close();
    });

    it('verifies API tokens by hash and forgets them by name', async () => {
      const state = await open();
      const token = await state.apiTokens.create('cli', 1);
      expect(await state.apiTokens.verify(token)).toBe(true);
      expect(await state.apiTokens.verify(`${token}x`)).toBe(false);
      await state.apiTokens.deleteByName('cli');
      expect(await state.apiTokens.verify(token)).toBe(false);
      const viewer = await state.apiTokens.create('reports', 2, 'viewer');
      expect(await state.apiTokens.roleOf(viewer)).toBe('viewer');
      const [listed] = await state.apiTokens.list();
      expect(listed).toMatchObject({ name: 'reports', role: 'viewer' });
      expect(await state.apiTokens.deleteById(listed?.id as string)).toBe(true);
      expect(await state.apiTokens.roleOf(viewer)).toBeUndefined();
      await state.close();
    });

    it('keeps users with roles and their sessions, which expire and end', async () => {
      const state = await open();
      const ann = await state.users.create({ email: 'ann@x.test', name: 'Ann', role: 'admin', passwordHash: 'h1' }, 1);
      await state.users.create({ email: 'bob@x.test', name: 'Bob', role: 'viewer', passwordHash: 'h2' }, 2);
      await expect(
        state.users.create({ email: 'ann@x.test', name: 'Again', role: 'viewer', passwordHash: 'h' }, 3),
      ).rejects.toThrow();
      expect((await state.users.byEmail('ann@x.test'))?.passwordHash).toBe('h1');
      expect((await state.users.list()).map((u) => [u.email, u.role])).toEqual([
        ['ann@x.test', 'admin'],
        ['bob@x.test', 'viewer'],
      ]);
      expect(await state.users.count('admin')).toBe(1);
      expect(await state.users.update(ann.id, { role: 'analyst', name: 'Ann B' })).toBe(true);
      expect(await state.users.byId(ann.id)).toMatchObject({ role: 'analyst', name: 'Ann B' });

      const { token, csrfToken } = await state.users.createSession(ann.id, 100, 1000);
      expect(await state.users.session(token, 500)).toMatchObject({ user: { email: 'ann@x.test' }, csrfToken });
      expect(await state.users.session(token, 1100)).toBeUndefined();
      expect(await state.users.session(`${token}x`, 500)).toBeUndefined();
      const second = await state.users.createSession(ann.id, 100, 1000);
      await state.users.endSession(second.token);
      expect(await state.users.session(second.token, 500)).toBeUndefined();
      const third = await state.users.createSession(ann.id, 100, 1000);
      expect(await state.users.delete(ann.id)).toBe(true);
      expect(await state.users.session(third.token, 500)).toBeUndefined();
      expect(await state.users.count()).toBe(1);
      await state.close();
    });

    it('records messageIds once, reports the known ones, and prunes old ones', async () => {
      const state = await open();
      await state.messageIds.insert('p', ['a', 'b'], 'batch-1', 100);
      await state.messageIds.insert('p', ['b', 'c'], 'batch-2', 200);
      expect(await state.messageIds.existing('p', ['a', 'b', 'c', 'd'])).toEqual(new Set(['a', 'b', 'c']));
      expect(await state.messageIds.existing('other', ['a'])).toEqual(new Set());
      expect(await state.messageIds.prune(150)).toBe(2);
      expect(await state.messageIds.existing('p', ['a', 'b', 'c'])).toEqual(new Set(['c']));
      await state.close();
    });

    it('maps distinct ids to persons, moves them, marks and deletes persons', async () => {
      const state = await open();
      const [p1, p2] = [randomUUID(), randomUUID()];
      await state.identities.apply('p', {
        newPersons: [
          { personId: p1, createdAt: 1, identified: false },
          { personId: p2, createdAt: 2, identified: true },
        ],
        mappings: [
          { distinctId: 'anon', personId: p1, version: 1 },
          { distinctId: 'user', personId: p2, version: 2 },
        ],
        identified: [],
        deletedPersons: [],
      });
      expect(await state.identities.lookup('p', ['anon', 'user', 'nobody'])).toEqual(
        new Map([
          ['anon', { personId: p1, createdAt: 1, identified: false }],
          ['user', { personId: p2, createdAt: 2, identified: true }],
        ]),
      );
      await state.transaction(async (tx) => {
        await tx.identities.apply('p', {
          newPersons: [],
          mappings: [{ distinctId: 'user', personId: p1, version: 3 }],
          identified: [p1],
          deletedPersons: [p2],
        });
      });
      expect(await state.identities.distinctIdsOf('p', p1)).toEqual(['anon', 'user']);
      expect(await state.identities.person('p', p1)).toEqual({ personId: p1, createdAt: 1, identified: true });
      expect(await state.identities.person('p', p2)).toBeUndefined();
      expect(await state.identities.personCount('p')).toBe(1);
      await state.close();
    });

    it('stores, searches, scans and deletes profiles', async () => {
      const state = await open();
      const make = (id: string, plan: string, lastSeen: number): Profile => ({
        ...emptyProfile('p', id),
        traits: {
          plan: { value: plan, changedAt: 1, seenAt: 1 },
          email: { value: `${id}@x.test`, changedAt: 1, seenAt: 1 },
        },
        firstSeen: 1,
        lastSeen,
        sessions: 1,
        eventCount: 2,
        eventCounts: { A: 2 },
        revenue: 9.5,
        channels: ['Email'],
        devices: [{ type: 'mobile', os: 'iOS', browser: 'Safari' }],
      });
      await state.profiles.upsert([make('a', 'gold', 10), make('b', 'free', 20), make('c', 'gold', 30)], 1);
      await state.profiles.upsert([{ ...make('b', 'gold', 40), revenue: 12 }], 2);
      expect((await state.profiles.get('p', ['b'])).get('b')).toMatchObject({ revenue: 12, lastSeen: 40 });
      const gold = await state.profiles.search('p', { trait: { key: 'plan', value: 'gold' }, limit: 10, offset: 0 });
      expect(gold.total).toBe(3);
      expect(gold.profiles.map((p) => p.personId)).toEqual(['b', 'c', 'a']);
      expect(
        (await state.profiles.search('p', { text: 'C@X.TEST', limit: 10, offset: 0 })).profiles.map((p) => p.personId),
      ).toEqual(['c']);
      const scanned: string[] = [];
      for await (const p of state.profiles.scan('p', 2)) scanned.push(p.personId);
      expect(scanned).toEqual(['a', 'b', 'c']);
      await state.profiles.delete('p', ['a']);
      expect(await state.profiles.count('p')).toBe(2);
      await state.profiles.deleteOrphans('p');
      expect(await state.profiles.count('p')).toBe(0);
      await state.close();
    });

    it('rolls a transaction back when it throws, and keeps ingest bookkeeping', async () => {
      const state = await open();
      await expect(
        state.transaction(async (tx) => {
          await tx.ingestState.set('checkpoint', 42);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await state.ingestState.get('checkpoint')).toBeUndefined();
      await state.transaction((tx) => tx.ingestState.set('checkpoint', { at: 7 }));
      expect(await state.ingestState.get('checkpoint')).toEqual({ at: 7 });
      await state.ingestState.delete('checkpoint');
      expect(await state.ingestState.get('checkpoint')).toBeUndefined();
      await state.close();
    });
  });
}
