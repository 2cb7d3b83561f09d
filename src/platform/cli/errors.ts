import type { Command } from 'commander';

/**
 * How the command line says what went wrong: one line on standard error, "safer: <what>", naming
 * the file (and line) where the error is about one, and a non-zero exit code. The stack trace, for
 * a bug report, only with --debug or SAFER_DEBUG=1.
 */

/** Whether the stack trace of an error is wanted. */
export const debugWanted = (argv: readonly string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): boolean =>
  argv.includes('--debug') || env['SAFER_DEBUG'] === '1';

/** An error as one line: its message with its line breaks folded. */
export function errorLine(error: unknown): string {
  const message = error instanceof Error ? error.message || error.name : String(error);
  return `safer: ${message.replace(/\s*\n\s*/g, ' ').trim()}`;
}

/** Writes the error's line (and with debug its stack trace) to standard error, and ends the process with the exit code. */
export function exitWithError(error: unknown, exitCode: number, debug: boolean = debugWanted()): never {
  process.stderr.write(`${errorLine(error)}\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.exit(exitCode);
}

/** Errors that nothing awaited (from an event emitter or a timer) end the process the same way, with exit code 1. */
export function exitOnStrayErrors(): void {
  process.on('uncaughtException', (error) => exitWithError(error, 1));
  process.on('unhandledRejection', (error) => exitWithError(error, 1));
}

/**
 * commander's own errors (an unknown option, a missing argument) as one line too, with where to
 * find the options, for the program and every command below it. commander exits with code 1.
 */
export function oneLineUsageErrors(command: Command, path: string = command.name()): void {
  command.showHelpAfterError(false);
  command.configureOutput({
    outputError: (text, write) => write(`${errorLine(text.replace(/^error: /, ''))} (${path} --help lists the options)\n`),
  });
  for (const sub of command.commands) oneLineUsageErrors(sub, `${path} ${sub.name()}`);
}
