import bcrypt from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { customerId, customerName } from './demo-customers';
import { DEMO_PASSWORD_HASHES } from './demo-password-hashes';
import { DEMO_PASSWORD, DEMO_USERS } from './demo-users';

describe('demo users', () => {
  it('has a teller, an auditor and the seeded customers, with unique usernames and ids', () => {
    const roles = DEMO_USERS.map((user) => user.role);
    expect(roles.filter((role) => role === 'teller').length).toBeGreaterThanOrEqual(1);
    expect(roles.filter((role) => role === 'auditor').length).toBeGreaterThanOrEqual(1);
    expect(new Set(DEMO_USERS.map((user) => user.username)).size).toBe(DEMO_USERS.length);
    for (let i = 0; i < 12; i++) {
      const name = customerName(i);
      const found = DEMO_USERS.find((user) => user.role === 'customer' && user.displayName === name);
      expect(found?.username).toBe(customerId(i));
      expect(found?.customerId).toBe(found?.username);
    }
    // The 31st customer shares the first one's name, never her id.
    expect(customerName(30)).toBe(customerName(0));
    expect(customerId(30)).toBe('ada-lovelace-2');
    expect(customerId(0)).toBe('ada-lovelace');
    for (const staff of DEMO_USERS.filter((user) => user.role !== 'customer')) expect(staff.customerId).toBeNull();
  });

  it('every stored hash is a bcrypt hash of the demo password, of cost 10 or more, and none is left over', () => {
    expect(Object.keys(DEMO_PASSWORD_HASHES).sort()).toEqual(DEMO_USERS.map((user) => user.username).sort());
    for (const user of DEMO_USERS) {
      expect(bcrypt.getRounds(user.passwordHash)).toBeGreaterThanOrEqual(10);
      expect(bcrypt.compareSync(DEMO_PASSWORD, user.passwordHash), user.username).toBe(true);
      expect(bcrypt.compareSync(`${DEMO_PASSWORD}x`, user.passwordHash)).toBe(false);
    }
  }, 60_000);
});
