/**
 * bcrypt hashes (cost 10) of the demo users' password, DEMO_PASSWORD in demo-users.ts,
 * made with `npm run auth:hash-password`. Committed rather than hashed at start-up:
 * every server instance then holds the same hashes without spending seconds of
 * CPU on each boot, and sign-in compares against a stored hash exactly as it
 * would with a user table. A unit test checks each one matches.
 */
export const DEMO_PASSWORD_HASHES: Readonly<Record<string, string>> = {
  'ann': '$2b$10$saxFPGZ21ETy.f//AsAriuVFukHm0dOc.VZfo8IvlwRYXWJM8eJje',
  'amir': '$2b$10$cfsJBh3L.z8MNIRhqXeKMuAsWS7Fl3pE95M5/o1bZvk.6TcjSRdeO',
  'ada-lovelace': '$2b$10$ztHAVmxo9s4q5SUCRh7dIuwcC5iqQoiDYtAGssTHtEoQX3C0FxXI.',
  'grace-hamilton': '$2b$10$pYzqZmNPR3W8sIwaR2sKG.52QxKxw65z.AWfq0hJeBfOtfSG60NCS',
  'alan-ritchie': '$2b$10$BeGqWJalzDg5GtTh818.cOMZ2DS7VgAEE6dDTV6X9e2o1BaZBKW8y',
  'katherine-easley': '$2b$10$d/Bp7zmdaobhi0iaGWmnheFOGURu7mb1xlgWPaNKgzb0F.oJZfH7u',
  'edsger-gosling': '$2b$10$XGX13wX.iso7LLHatMniMefrlF9J9aisybG2Lg.fjYu1nPFHwJT1G',
  'barbara-liskov': '$2b$10$/g2uQdhPXz2y1QVFZeVMDepmTgCkSVTR1PL1vUBvMkq9EwMxd2pf2',
  'donald-berners-lee': '$2b$10$c8Ow3wzjtHNLRAZhxT6Eq.ixbRlYtIPBoYniQKyQZdHgRwHVmmYHa',
  'margaret-goldwasser': '$2b$10$Rs1f3uXh2R5iDqLzz311vevBiEuHmF2JoCn9Zf0oqGjZJFypzo.Wa',
  'linus-matsumoto': '$2b$10$WiKYAGL.ZoPeKJIruFIS/unw00UC3dJzxN0CxumPe93LnEKi/GGAq',
  'radia-johnson': '$2b$10$cH4ak9srEa2mwe12s2yGFu3CUQna9FYXibtbhV/04PCpJjEGWv5he',
  'ken-thompson': '$2b$10$27bZzjdX.E4wIAIh5ZXMW.Gpy13EwQu52dVTTyDhl8BtIQq9g5I5O',
  'frances-clarke': '$2b$10$8QelCC1yt63dKFSwVHmP0.VKCGpBX3qufwWHCZuOcnW1nZYoNhCgK',
  'cafe-aurora': '$2b$10$bGm/ErR4j8OzA5rAOpxHVeNw9RnF5fh6Dtn050y2Iig0dhwbnoUa6',
  'margaret-keller': '$2b$10$QsB2ioV4Y7se1SzffoqJH.mA9aVZ31PM2WJGLXsQe8nqajCiINJLG',
  'joan-clarke': '$2b$10$pyn90RY0aE2wUQLESTiLqeHKSwXPwHWs1L3A8O5qKbSfIMSAgFkxC',
};
