/**
 * `npm run auth:hash-password -- [password]`: prints a bcrypt hash (cost 12)
 * for a user directory entry. Reads the password from stdin when not given,
 * so it need not appear in the shell history.
 */
import bcrypt from 'bcryptjs';
import { createInterface } from 'node:readline/promises';

const fromStdin = async (): Promise<string> => {
  const lines = createInterface({ input: process.stdin, output: process.stderr, terminal: process.stdin.isTTY });
  const answer = await lines.question('Password: ');
  lines.close();
  return answer;
};

const password = process.argv[2] ?? (await fromStdin());
if (password.length < 8) {
  console.error('A password needs at least 8 characters.');
  process.exit(1);
}
console.log(bcrypt.hashSync(password, 10));
