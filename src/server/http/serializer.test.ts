import { isResponseSerializationError } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AccountPage } from '../../contracts/accounts';
import { compileFast, responseSerializerCompiler } from './serializer';

const route = (schema: z.ZodType) => responseSerializerCompiler({ schema, method: 'GET', url: '/api/x', httpStatus: '200' });

const account = (i: number) => ({
  id: `a${i}`,
  username: `staff${i}`,
  displayName: `工作人员"${i}"\n`,
  kind: 'staff',
  disabled: i % 2 === 0,
  locked: false,
  totpEnabled: true,
  mustChangePassword: false,
  roles: [
    { role: 'care_staff', orgId: 'o1', orgName: '小东门街道', resource: null },
    { role: 'party_secretary', orgId: 'o2', orgName: '社区', resource: { kind: 'branch', id: 'b1', name: '第一支部' } },
    { role: 'viewer', orgId: 'o3', orgName: '网格' },
  ],
  lastLoginAt: i % 2 ? null : '2026-12-01T08:00:00.000Z',
  createdAt: '2026-11-30T08:00:00.000Z',
});

describe('response serializer', () => {
  it('writes what zod writes, byte for byte', () => {
    const data = { items: [account(1), account(2)], total: 2 };
    expect(route(AccountPage)(data)).toBe(JSON.stringify(AccountPage.encode(data as never)));
    const Odd = z.object({
      tags: z.array(z.string()),
      scores: z.record(z.string(), z.number()),
      extra: z.unknown(),
      when: z.string().nullable().optional(),
      kind: z.enum(['a', 'b']),
      one: z.literal('x'),
      pair: z.tuple([z.string(), z.number()]),
      either: z.union([z.object({ a: z.number() }), z.object({ b: z.string() })]),
      nested: z.array(z.object({ n: z.number().int() }).nullable()),
    });
    const odd = {
      tags: ['一', '二'],
      scores: { x: 1.5, y: 2 },
      extra: { any: [1, 'two', null] },
      kind: 'b',
      one: 'x',
      pair: ['p', 3],
      either: { b: 'bee' },
      nested: [{ n: 1 }, null],
    };
    expect(JSON.parse(route(Odd)(odd))).toEqual(Odd.encode(odd as never));
  });

  it('never writes a property the schema does not declare', () => {
    const leaky = { ...account(1), passwordHash: 'LEAKED', totpSecret: 'LEAKED' };
    const out = route(AccountPage)({ items: [{ ...leaky, roles: [{ ...leaky.roles[1], hidden: 'LEAKED' }] }], total: 1 });
    expect(out).not.toContain('LEAKED');
    expect(JSON.parse(out).items[0].roles[0].resource.name).toBe('第一支部');
  });

  it('refuses a response missing a required property, as the 500 it was', () => {
    const { username: _, ...broken } = account(1);
    let thrown: unknown;
    try {
      route(AccountPage)({ items: [broken], total: 1 });
    } catch (e) {
      thrown = e;
    }
    expect(thrown && isResponseSerializationError(thrown as Error)).toBe(true);
  });

  it('leaves to zod what JSON Schema cannot state', () => {
    const Transformed = z.object({ n: z.string().transform((s) => s.length) });
    expect(compileFast(Transformed)).toBeNull();
    const Dated = z.object({ at: z.date() });
    expect(compileFast(Dated)).toBeNull();
    expect(route(Dated)({ at: new Date('2026-12-02T00:00:00.000Z') })).toBe('{"at":"2026-12-02T00:00:00.000Z"}');
  });
});
