import { describe, expect, it } from 'vitest';
import type { Grant } from '../access/actor';
import { locksAt, pendingStep, stepAllows } from './auth.domain';

const staff = { totp_enabled: 0, mfa_ok: 0, must_change_password: 0, kind: 'staff' };
const grant = (role: string): Grant => ({ role, orgId: 'o', orgKind: 'subdistrict', orgName: '小东门街道', subdistrictId: 'o' });

describe('pending sign-in steps', () => {
  it('asks for the second factor first, then a forced password change, then TOTP enrolment', () => {
    const settings = { staffTotpRequired: false };
    expect(pendingStep({ ...staff, totp_enabled: 1, must_change_password: 1 }, [], settings)).toBe('mfa');
    expect(pendingStep({ ...staff, totp_enabled: 1, mfa_ok: 1, must_change_password: 1 }, [], settings)).toBe('password_change');
    expect(pendingStep(staff, [grant('secadmin')], settings)).toBe('mfa_setup');
    expect(pendingStep(staff, [], { staffTotpRequired: true })).toBe('mfa_setup');
    expect(pendingStep(staff, [grant('care_staff')], settings)).toBeNull();
  });

  it('lets a pending session take its own step only', () => {
    expect(stepAllows('mfa', 'totp_verify')).toBe(true);
    expect(stepAllows('mfa', 'password_change')).toBe(false);
    expect(stepAllows('mfa', 'totp_setup')).toBe(false);
    expect(stepAllows('password_change', 'password_change')).toBe(true);
    expect(stepAllows('password_change', 'totp_setup')).toBe(false);
    expect(stepAllows('mfa_setup', 'totp_setup')).toBe(true);
    expect(stepAllows('mfa_setup', 'password_change')).toBe(false);
  });

  it('lets a complete session change its password or enrol, with no second factor left to verify', () => {
    expect(stepAllows(null, 'password_change')).toBe(true);
    expect(stepAllows(null, 'totp_setup')).toBe(true);
    expect(stepAllows(null, 'totp_verify')).toBe(false);
  });
});

describe('counters', () => {
  it('locks at the threshold and above (concurrent failures may pass it)', () => {
    expect(locksAt(4, 5)).toBe(false);
    expect(locksAt(5, 5)).toBe(true);
    expect(locksAt(9, 5)).toBe(true);
  });
});
