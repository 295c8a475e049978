import bcrypt from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { customerActor, customerName } from './demo-customers';
import { DEMO_PASSWORD_HASHES } from './demo-password-hashes';
import { DEMO_PASSWORD, DEMO_USERS } from './demo-users';

describe('demo users', () => {
  it('has a teller, an auditor and the seeded customers, with unique usernames and ids', () => {
    const roles = DEMO_USERS.map((user) => user.principal.role);
    expect(roles.filter((role) => role === 'teller').length).toBeGreaterThanOrEqual(1);
    expect(roles.filter((role) => role === 'auditor').length).toBeGreaterThanOrEqual(1);
    expect(new Set(DEMO_USERS.map((user) => user.username)).size).toBe(DEMO_USERS.length);
    expect(new Set(DEMO_USERS.map((user) => user.principal.id)).size).toBe(DEMO_USERS.length);
    for (let i = 0; i < 12; i++) {
      const name = customerName(i);
      expect(DEMO_USERS.find((user) => user.principal.holderName === name)?.principal.id).toBe(customerActor(name));
    }
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
