/**
 * `npm run ioc:user -- add <name> | list | remove <name>`: the accounts of the IOC dashboard (/ioc/), kept with
 * scrypt hashes in ioc-users.json in the data folder.
 */
import { AccountError, IocAccounts, MIN_PASSWORD } from '../src/ioc/accounts.ts';
import { CliError } from '../src/cli/cli-error.ts';
import { printable } from '../src/cli/printable.ts';
import { promptHidden, readFirstLine } from '../src/cli/read-password.ts';
import { runCli } from '../src/cli/run-cli.ts';
import { loadConfig } from '../src/config.ts';

const USAGE = 'write add <name>, list, or remove <name>';

await runCli(
  {
    name: 'ioc:user',
    summary: `Creates, lists and removes the accounts of the IOC dashboard (/ioc/). "add" asks for the password twice without showing it (at least ${MIN_PASSWORD} characters), or reads it from the first line of standard input when that is not a terminal. Accounts live in ioc-users.json in the data folder (HANDBOOK_DATA_DIR), as salted scrypt hashes; the running service sees a change at once.`,
    positionals: 'add <name> | list | remove <name>',
    options: {},
    examples: [
      'npm run ioc:user -- add lan.nguyen',
      'npm run ioc:user -- list',
      'npm run ioc:user -- remove lan.nguyen',
      'printf \'%s\\n\' "$PASSWORD" | npm run ioc:user -- add ci-bot',
    ],
  },
  async (_values, _log, positionals) => {
    const [command, name, ...rest] = positionals;
    if (rest.length > 0) throw new CliError(`too many words (${printable(rest.join(' '), 40)}); ${USAGE}`);
    const accounts = new IocAccounts(loadConfig().dataDir);
    try {
      if (command === 'list' && name === undefined) {
        const users = accounts.users();
        if (!users || users.length === 0)
          console.log('No accounts: the IOC dashboard is off. Create one with npm run ioc:user -- add <name>');
        else for (const u of users) console.log(`${u.name}  (created ${u.created.slice(0, 10)})`);
        return;
      }
      if (command === 'add' && name !== undefined) {
        if (accounts.has(name))
          throw new AccountError(
            `an account named "${printable(name, 40)}" exists already; remove it first (npm run ioc:user -- remove ${printable(name, 40)}) to set a new password`,
          );
        let password: string;
        if (process.stdin.isTTY) {
          password = await promptHidden(`Password for ${name} (at least ${MIN_PASSWORD} characters, not shown): `);
          if ((await promptHidden('The same password again: ')) !== password)
            throw new CliError('the two passwords differ; run the command again');
        } else {
          password = await readFirstLine();
          if (!password) throw new CliError('no password on standard input; type it at a terminal, or pipe it as the first line');
        }
        await accounts.add(name, password);
        console.log(`Account "${name}" created. Sign in at /ioc/ on the handbook site.`);
        return;
      }
      if (command === 'remove' && name !== undefined) {
        if (!accounts.remove(name)) throw new CliError(`no account is named "${printable(name, 40)}"; see npm run ioc:user -- list`);
        console.log(`Account "${name}" removed; its sessions end at their next request.`);
        return;
      }
      if (command === undefined) throw new CliError(USAGE);
      if (command === 'add' || command === 'remove') throw new CliError(`${command} needs the account's name: ${USAGE}`);
      if (command === 'list') throw new CliError(`list takes no name: ${USAGE}`);
      throw new CliError(`"${printable(command, 40)}" is not a command: ${USAGE}`);
    } catch (e) {
      if (e instanceof AccountError) throw new CliError(e.message);
      throw e;
    }
  },
);
