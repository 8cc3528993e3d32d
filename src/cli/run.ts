/** Entry point of the `annexes` command. */
import { main } from './main.ts';

// `annexes validate big.json | head` closes the pipe early: that is not an error.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });

// `npm run annexes -- validate my.json` runs in the package's folder; the files it names are the caller's, in the
// folder npm was started from (INIT_CWD).
if (process.env.npm_lifecycle_event === 'annexes' && process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);

process.exitCode = await main(process.argv.slice(2));
