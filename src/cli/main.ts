/**
 * The `tildel` command: serve, migrate, demo, municipality create | export | import | remove, reproject, doctor, backup, restore and stand-ins. Run it as `npm run tildel -- <command>`
 * or, after `npm link`, as `tildel <command>`.
 */
import { Command } from 'commander';

/**
 * A command's action, loaded when the command runs: `serve` then holds neither the demo's generator
 * (faker and its locales), the stand-ins nor the backup tools in memory.
 */
function lazy<M, K extends keyof M>(load: () => Promise<M>, name: K): (...args: unknown[]) => Promise<void> {
  return async (...args) => {
    const action = (await load())[name] as (...a: unknown[]) => Promise<void> | void;
    await action(...args);
  };
}
const commands = () => import('./commands.ts');
const municipalityCommands = () => import('./municipality.ts');
const backup = () => import('./backup.ts');

const program = new Command()
  .name('tildel')
  .description('tildel: allocation of municipal health and care services (tjenestetildeling)')
  .showHelpAfterError();

program
  .command('serve')
  .description('Start the server (and the embedded PostgreSQL unless DATABASE_URL is set)')
  .option('-p, --port <port>', 'HTTP port (default: $PORT or 3000)')
  .option('--host <host>', 'address to listen on (default: $HOST or localhost)')
  .option('--demo-if-empty', 'load the demo municipalities if the database has none')
  .action(lazy(commands, 'serveCommand'));

program
  .command('migrate')
  .description('Apply pending database migrations and show what was applied')
  .action(lazy(commands, 'migrateCommand'));

program
  .command('demo')
  .description('Load the five demo municipalities with staff, persons and cases')
  .option('--seed <n>', 'seed value for the generated data', '2026')
  .option('--as-of <date>', 'the date the generated histories lead up to (default: today)')
  .option('--scale <factor>', 'multiply the number of persons (1 = a few hundred per municipality), or "oslo" (an Oslo-size municipality) or "national" (every municipality)', '1')
  .option('--users <n>', 'with --scale oslo|national: service users (Oslo: 40000; national: 400000 in all)')
  .option('--months <n>', 'with --scale oslo|national: months of visits before the as-of date (default 24)')
  .action(lazy(commands, 'demoCommand'));

const municipality = program.command('municipality').description('Onboard a municipality, export it, import it, or remove it as a whole');

municipality
  .command('export')
  .description('Write every row of one municipality as newline-delimited JSON (a tenant leaving or moving), and print its digest')
  .requiredOption('--id <id>', 'the municipality')
  .requiredOption('--out <file>', 'the file to write')
  .action(lazy(municipalityCommands, 'exportMunicipalityCommand'));

municipality
  .command('import')
  .description('Read a municipality exported from another installation, all or nothing, and print the digest of its rows (the export’s own when it came over exactly)')
  .requiredOption('--file <file>', 'the file `tildel municipality export` wrote')
  .action(lazy(municipalityCommands, 'importMunicipalityCommand'));

municipality
  .command('remove')
  .description('Remove one municipality and all its data, all or nothing, after an export of exactly its present rows')
  .requiredOption('--id <id>', 'the municipality')
  .requiredOption('--confirm <id>', 'the municipality again')
  .requiredOption('--export-sha256 <digest>', 'the digest `tildel municipality export` printed')
  .action(lazy(municipalityCommands, 'removeMunicipalityCommand'));

municipality
  .command('create')
  .description('Create a municipality with a first policy from its model’s template and an administrator')
  .requiredOption('--id <id>', 'short id, e.g. granvik')
  .requiredOption('--name <name>', 'e.g. "Granvik kommune"')
  .requiredOption('--number <kommunenummer>', 'four digits')
  .requiredOption('--template <template>', 'purchaser_provider, purchaser_provider_abf, trust_model, allocation_board, hybrid or integrated')
  .option('--written-standard <nb|nn>', 'bokmål (nb) or nynorsk (nn)', 'nb')
  .option('--inhabitants <n>', 'number of inhabitants')
  .option('--postal-address <address>', 'for the letterhead')
  .option('--phone <phone>', 'for the letterhead')
  .option('--admin <username>', 'the first administrator’s username', 'admin')
  .action(lazy(municipalityCommands, 'createMunicipalityCommand'));

program
  .command('import')
  .description('Import data from a file into a municipality')
  .command('visits')
  .description('Import visits from a mobile care system’s CSV (up to a million rows, streamed), every row or none, with a progress bar')
  .argument('<file>', 'the CSV file (header row; case_number, employee, date, start, minutes, status, cancel_reason, night, visit_id)')
  .requiredOption('--municipality <id>', 'the municipality')
  .requiredOption('--as <username>', 'the provider’s staff member the import is recorded as (the access log names them)')
  .option('--unit <unit>', 'the provider unit, by id or name (default: the staff member’s only unit)')
  .option('--dry-run', 'check every row and store nothing')
  .action(lazy(() => import('./importVisits.ts'), 'importVisitsCommand'));

program
  .command('reproject')
  .description('Rebuild every projection (case rows, open work, deadlines) from the case logs; works while the server runs')
  .action(lazy(commands, 'reprojectCommand'));

program
  .command('backup')
  .description('Write a consistent backup of the whole database (every table, one snapshot) into a new folder; works while the server runs')
  .argument('<dir>', 'a new or empty folder')
  .action(lazy(backup, 'backupCommand'));

program
  .command('restore')
  .description('Restore a backup into a new embedded data folder (--data) or the empty database in DATABASE_URL, then check every projection against its log')
  .argument('<dir>', 'a folder written by `tildel backup`')
  .option('--data <folder>', 'a new folder for the embedded PostgreSQL')
  .action(lazy(backup, 'restoreCommand'));

program
  .command('stand-ins')
  .description('Run local stand-ins for the national services (Maskinporten, SvarUt, KRR, Fiks Arkiv, Norsk Helsenett, Folkeregisteret) and print their settings')
  .option('--port <port>', 'the first of six ports', '7100')
  .option('--host <host>', 'address to listen on', '127.0.0.1')
  .option('--her-id <herId>', 'the municipality’s HER-id at the stand-in of Norsk Helsenett', '8100001')
  .option('--configure <municipality>', 'enter the settings for this municipality in the database')
  .action(lazy(() => import('./standIns.ts'), 'standInsCommand'));

program
  .command('doctor')
  .description('Check Node.js, the database, the migrations and every projection against its log (works while the server runs)')
  .action(lazy(() => import('./doctor.ts'), 'doctorCommand'));

await program.parseAsync(process.argv);
