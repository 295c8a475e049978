import { readFileSync } from 'node:fs';
import { hashNewPassword } from '../../auth/passwords';
import { USER_ROLES } from '../../domain/user/events';
import { usernameSchema } from '../../domain/user/commands';
import { UsageError, type Command } from '../command';
import type { CliContext } from '../context';
import { noExtraArgs } from '../stream-args';

const USAGE = `Usage: chronicle users list
       chronicle users create USERNAME --role ROLE --name "DISPLAY NAME" [--customer-id ID] --password-stdin
       chronicle users set-password USERNAME --password-stdin
       chronicle users grant USERNAME --role ROLE [--customer-id ID]
       chronicle users disable USERNAME [--reason TEXT]
       chronicle users enable USERNAME
       chronicle users sign-out-everywhere USERNAME

Users are event-sourced (stream user-USERNAME): every change is an event naming who made it
(cli:<os user>), and only a bcrypt hash of a password is ever recorded. ROLE is ${USER_ROLES.join(', ')};
a customer holds the accounts of one customer id (default: the username). The password is read from
standard input (one line), never from the command line, and needs at least 12 characters. A new
password, a new role or disabling ends every session of the user.

Outside demo mode the server refuses to start until at least one teller can sign in: create the
first one with \`chronicle users create ann --role teller --name "Ann Hughes" --password-stdin\`.

Options:
  --role ROLE          customer, teller or auditor
  --name NAME          the name shown for the user (a customer's: their accounts' holder name)
  --customer-id ID     for customers: whose accounts they hold (default: the username)
  --password-stdin     read the password from standard input
  --reason TEXT        why the user is disabled (recorded)
  --json               print results as JSON`;

const roleArg = (raw: unknown): (typeof USER_ROLES)[number] => {
  if (typeof raw !== 'string' || !(USER_ROLES as readonly string[]).includes(raw)) throw new UsageError(`--role must be one of ${USER_ROLES.join(', ')}`);
  return raw as (typeof USER_ROLES)[number];
};

const usernameArg = (raw: string | undefined): string => {
  if (raw === undefined) throw new UsageError('USERNAME is required');
  const parsed = usernameSchema.safeParse(raw);
  if (!parsed.success) throw new UsageError(`Invalid username "${raw}": ${parsed.error.issues[0]?.message}`);
  return parsed.data;
};

/** One line from standard input, without its line ending; never echoed, never on the command line. */
const passwordFromStdin = (values: Record<string, unknown>): string => {
  if (!values['password-stdin']) throw new UsageError('Give the password on standard input with --password-stdin');
  return readFileSync(0, 'utf8').split(/\r?\n/)[0] ?? '';
};

const send = async (context: CliContext, command: string, username: string, input: Record<string, unknown>) => {
  const result = await context.runtime.commands.send('user', command, username, input, { actor: context.actor });
  if (context.json) context.outJson({ username, command, version: result.version, duplicate: result.duplicate });
  return result;
};

export const usersCommand: Command = {
  name: 'users',
  summary: 'create, list, disable and manage the users who sign in',
  usage: USAGE,
  options: {
    role: { type: 'string' },
    name: { type: 'string' },
    'customer-id': { type: 'string' },
    'password-stdin': { type: 'boolean' },
    reason: { type: 'string' },
  },
  async run({ positionals, values }, context) {
    const [action, rawUsername] = positionals;
    if (action === 'list') {
      noExtraArgs(positionals, 1);
      const users = await context.runtime.users.list();
      if (context.json) return context.outJson(users.map(({ username, displayName, role, customerId, status }) => ({ username, displayName, role, customerId, status })));
      if (users.length === 0) return context.out('No users. Create the first teller with `chronicle users create … --role teller`.');
      for (const user of users) {
        context.out(`${user.username.padEnd(24)} ${user.role.padEnd(9)} ${user.status.padEnd(9)} ${user.displayName}${user.customerId ? ` (customer ${user.customerId})` : ''}`);
      }
      return;
    }
    noExtraArgs(positionals, 2);
    const username = usernameArg(rawUsername);
    switch (action) {
      case 'create': {
        const role = roleArg(values.role);
        if (typeof values.name !== 'string') throw new UsageError('--name is required');
        const customerId = role === 'customer' ? ((values['customer-id'] as string | undefined) ?? username) : (values['customer-id'] as string | undefined);
        const passwordHash = await hashNewPassword(passwordFromStdin(values));
        await send(context, 'register', username, { displayName: values.name, role, ...(customerId ? { customerId } : {}), passwordHash });
        if (!context.json) context.out(`Registered ${username} (${role}).`);
        return;
      }
      case 'set-password': {
        await send(context, 'setPassword', username, { passwordHash: await hashNewPassword(passwordFromStdin(values)) });
        if (!context.json) context.out(`Password of ${username} set; their sessions have ended.`);
        return;
      }
      case 'grant': {
        const role = roleArg(values.role);
        await send(context, 'grant', username, { role, ...(values['customer-id'] ? { customerId: values['customer-id'] } : {}) });
        if (!context.json) context.out(`${username} is now a ${role}; their sessions have ended.`);
        return;
      }
      case 'disable': {
        await send(context, 'disable', username, values.reason ? { reason: values.reason } : {});
        if (!context.json) context.out(`${username} is disabled and signed out everywhere.`);
        return;
      }
      case 'enable': {
        await send(context, 'enable', username, {});
        if (!context.json) context.out(`${username} may sign in again.`);
        return;
      }
      case 'sign-out-everywhere': {
        await send(context, 'revokeSessions', username, {});
        if (!context.json) context.out(`Every session of ${username} has ended.`);
        return;
      }
      default:
        throw new UsageError(action === undefined ? 'Say what to do: list, create, set-password, grant, disable, enable or sign-out-everywhere' : `Unknown action "${action}"`);
    }
  },
};
