// Users of the dashboard and API tokens, for admins: list, create (a token is shown once), change role, name or
// password, delete. The last admin cannot be removed or demoted.

import type { FastifyInstance } from 'fastify';
import { WaymarkError } from '../../core/errors.js';
import { fail, object, oneOf, only, text } from '../../core/field-check.js';
import { hashPassword, passwordProblem } from '../../core/passwords.js';
import type { Engine } from '../../engine.js';
import { ROLES, type Role } from '../../state/repositories/users.js';

function password(value: unknown): string {
  const problem = passwordProblem(value);
  if (problem) fail('password', problem);
  return value as string;
}

function email(value: unknown): string {
  const e = text(value, 'email').trim().toLowerCase();
  if (!/^[^@\s]+@[^@\s]+$/.test(e)) fail('email', 'must be an email address');
  return e;
}

export function userRoutes(app: FastifyInstance, engine: Engine): void {
  const users = engine.state.users;

  /** Refuses a change that would leave no admin. */
  const keepAnAdmin = async (id: string, newRole?: Role): Promise<void> => {
    const user = await users.byId(id);
    if (user?.role === 'admin' && newRole !== 'admin' && (await users.count('admin')) <= 1)
      throw new WaymarkError('conflict', 'this is the last admin: make another user admin first', { field: 'role' });
  };

  app.get('/api/users', async () => ({ users: await users.list() }));

  app.post('/api/users', async (request, reply) => {
    const body = object(request.body, 'body');
    only(body, 'body', ['email', 'name', 'role', 'password']);
    const address = email(body['email']);
    if (await users.byEmail(address))
      throw new WaymarkError('conflict', `a user ${address} exists already`, { field: 'email' });
    const user = await users.create(
      {
        email: address,
        name: body['name'] === undefined ? address : text(body['name'], 'name'),
        role: oneOf(body['role'] ?? 'viewer', 'role', ROLES),
        passwordHash: await hashPassword(password(body['password'])),
      },
      Date.now(),
    );
    return reply.status(201).send(user);
  });

  app.patch('/api/users/:id', async (request) => {
    const { id } = request.params as { id: string };
    const body = object(request.body, 'body');
    only(body, 'body', ['name', 'role', 'password']);
    const role = body['role'] === undefined ? undefined : oneOf(body['role'], 'role', ROLES);
    if (role !== undefined) await keepAnAdmin(id, role);
    const changed = await users.update(id, {
      ...(body['name'] === undefined ? {} : { name: text(body['name'], 'name') }),
      ...(role === undefined ? {} : { role }),
      ...(body['password'] === undefined ? {} : { passwordHash: await hashPassword(password(body['password'])) }),
    });
    if (!changed) throw new WaymarkError('not_found', `no user "${id}"`, { field: 'user' });
    // A new password or role takes effect everywhere: the user logs in again.
    if (body['password'] !== undefined || role !== undefined) await users.endSessionsOf(id);
    return users.byId(id);
  });

  app.delete('/api/users/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    await keepAnAdmin(id);
    if (!(await users.delete(id))) throw new WaymarkError('not_found', `no user "${id}"`, { field: 'user' });
    return reply.status(204).send();
  });

  app.get('/api/tokens', async () => ({ tokens: await engine.state.apiTokens.list() }));

  app.post('/api/tokens', async (request, reply) => {
    const body = object(request.body, 'body');
    only(body, 'body', ['name', 'role']);
    const role = oneOf(body['role'] ?? 'viewer', 'role', ROLES);
    const token = await engine.state.apiTokens.create(text(body['name'], 'name', 100), Date.now(), role);
    return reply.status(201).send({ token, role, note: 'shown once: keep it' });
  });

  app.delete('/api/tokens/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    if (!(await engine.state.apiTokens.deleteById(id)))
      throw new WaymarkError('not_found', `no API token "${id}"`, { field: 'token' });
    return reply.status(204).send();
  });
}
