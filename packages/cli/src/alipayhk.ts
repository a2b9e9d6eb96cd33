#!/usr/bin/env node
/**
 * The alipayhk command: dispatches to a command, prints usage, and turns every failure into an exit code and one
 * line (never a stack trace).
 */
import { AlipayHKError } from "alipayhk-signature";
import { parseCommandArgs } from "./args.js";
import { commands as basic, type Command, type Io } from "./commands.js";
import { demo } from "./demo.js";
import { EXIT, UsageError, bugLine, closest } from "./io.js";
import { outbox } from "./outbox.js";

const commands: Record<string, Command> = { ...basic, outbox };

const HELP = `alipayhk: AlipayHK order service from the command line

usage: alipayhk <command> [options]   (alipayhk <command> --help for its options)

commands:
${Object.entries(commands)
  .map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`)
  .join("\n")}
  demo     run every scenario against an embedded sandbox (what \`npm start\` runs)

exit codes: 0 ok, 1 failed (invalid signature, F result, or an internal error), 2 usage or input error, nothing sent,
3 outcome unknown (re-run sync with --request-id and the requestId it printed)`;

async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.out(HELP);
    return name ? EXIT.ok : EXIT.usage;
  }
  try {
    if (name === "demo") {
      if (rest.includes("--help")) {
        io.out("usage: alipayhk demo\n\nRuns every scenario through the real client against a sandbox on 127.0.0.1.");
        return EXIT.ok;
      }
      parseCommandArgs(rest, {}, 0, "no arguments"); // an extra argument or a flag is a mistake, not something to ignore
      return await demo(io);
    }
    const command = commands[name];
    if (!command) {
      const near = closest(name, [...Object.keys(commands), "demo"]);
      throw new UsageError(
        `unknown command ${JSON.stringify(name)}${near ? `; did you mean ${near}?` : ""} (see alipayhk --help)`,
      );
    }
    if (rest.includes("--help") || rest.includes("-h")) {
      io.out(`usage: ${command.usage}\n\n${command.summary}`);
      return EXIT.ok;
    }
    let parsed: ReturnType<typeof parseCommandArgs>;
    try {
      parsed = parseCommandArgs(rest, command.options, command.positionals, command.takes);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      throw new UsageError(`${error.message} (see alipayhk ${name} --help)`);
    }
    return await command.run(parsed.values, parsed.positionals, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof AlipayHKError) {
      io.err(`alipayhk ${name}: ${error.message}`);
      return EXIT.usage;
    }
    return bug(error, name);
  }
}

/** Anything unexpected: one line saying it is a bug, never a stack trace; exit 1. */
function bug(error: unknown, name?: string) {
  console.error(bugLine(error, name));
  return EXIT.failed;
}

// Failures outside the command's own promise chain (an error event, a late rejection) get the same treatment, except
// a closed stdout (`alipayhk demo | head`): the reader has seen enough.
process.on("uncaughtException", (error) =>
  process.exit((error as NodeJS.ErrnoException).code === "EPIPE" ? EXIT.ok : bug(error)),
);
process.on("unhandledRejection", (error) => process.exit(bug(error)));

const io: Io = { out: (line) => console.log(line), err: (line) => console.error(line), env: process.env };
void main(process.argv.slice(2), io).then((code) => {
  process.exitCode = code;
});
