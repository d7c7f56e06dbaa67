// The endpoints of the Settings view (docs/api.md): projects and their write keys, users and API tokens. Reading
// projects and keys is open to every role; changing them, and everything about users and tokens, needs an admin.

import { request } from './client.js';
import type { Project, Role, User } from './types.js';

/** A project as `GET /api/projects` lists it: with its live write keys. */
export interface ProjectWithKeys extends Project {
  createdAt: number;
  writeKeys: string[];
}

export interface WriteKey {
  key: string;
  projectId: string;
  createdAt: number;
  revokedAt: number | null;
}

export interface ManagedUser extends User {
  createdAt: number;
}

export interface ApiToken {
  id: string;
  name: string;
  role: Role;
  createdAt: number;
}

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});
const projectPath = (id: string) => `/api/projects/${encodeURIComponent(id)}`;
const userPath = (id: string) => `/api/users/${encodeURIComponent(id)}`;

export async function listProjectsWithKeys(signal?: AbortSignal): Promise<ProjectWithKeys[]> {
  return (await request<{ projects: ProjectWithKeys[] }>('GET', '/api/projects', opts(signal))).projects;
}

/** Creates a project; the answer carries its first write key. */
export const createProject = (input: { name: string; id?: string; timeZone?: string }) =>
  request<Project & { writeKey: string }>('POST', '/api/projects', { body: input });

/** Every write key of a project, live and revoked. */
export async function listWriteKeys(project: string, signal?: AbortSignal): Promise<WriteKey[]> {
  return (await request<{ keys: WriteKey[] }>('GET', `${projectPath(project)}/keys`, opts(signal))).keys;
}

/** A new write key; the old ones stop working at once unless `keepOld`. */
export const rotateWriteKey = (project: string, keepOld: boolean) =>
  request<{ writeKey: string; revokedOld: boolean }>('POST', `${projectPath(project)}/keys/rotate`, {
    body: { keepOld },
  });

export async function listUsers(signal?: AbortSignal): Promise<ManagedUser[]> {
  return (await request<{ users: ManagedUser[] }>('GET', '/api/users', opts(signal))).users;
}

export const createUser = (input: { email: string; name?: string; role: Role; password: string }) =>
  request<ManagedUser>('POST', '/api/users', { body: input });

/** Changes a user's name, role or password; a new role or password ends their sessions. */
export const updateUser = (id: string, change: { name?: string; role?: Role; password?: string }) =>
  request<ManagedUser>('PATCH', userPath(id), { body: change });

export const deleteUser = (id: string) => request<void>('DELETE', userPath(id));

export async function listTokens(signal?: AbortSignal): Promise<ApiToken[]> {
  return (await request<{ tokens: ApiToken[] }>('GET', '/api/tokens', opts(signal))).tokens;
}

/** Creates an API token: the answer is the only time the token is shown. */
export const createToken = (input: { name: string; role: Role }) =>
  request<{ token: string; role: Role; note: string }>('POST', '/api/tokens', { body: input });

export const deleteToken = (id: string) => request<void>('DELETE', `/api/tokens/${encodeURIComponent(id)}`);
