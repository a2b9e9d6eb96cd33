#!/usr/bin/env node
/** The alipayhk command: dispatches to a command, prints usage, and turns errors into exit codes. */
import { parseArgs } from "node:util";
import { AlipayHKError } from "alipayhk-signature";
import { commands, type Io } from "./commands.js";
import { demo } from "./demo.js";
import { EXIT, UsageError } from "./io.js";

const HELP = `alipayhk: AlipayHK order service from the command line

usage: alipayhk <command> [options]   (alipayhk <command> --help for its options)

commands:
${Object.entries(commands)
  .map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`)
  .join("\n")}
  demo     run every scenario against an embedded sandbox (what \`npm start\` runs)

exit codes: 0 ok, 1 failed (invalid signature, F result), 2 usage or input error, 3 outcome unknown (retry with the same requestId)`;

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
      return await demo(io);
    }
    const command = commands[name];
    if (!command) throw new UsageError(`unknown command ${JSON.stringify(name)}; see alipayhk --help`);
    if (rest.includes("--help") || rest.includes("-h")) {
      io.out(`usage: ${command.usage}\n\n${command.summary}`);
      return EXIT.ok;
    }
    let parsed;
    try {
      parsed = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
    } catch (error) {
      throw new UsageError(`${(error as Error).message}\nusage: ${command.usage}`);
    }
    return await command.run(parsed.values as Record<string, string | boolean | undefined>, parsed.positionals, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof AlipayHKError) {
      io.err(`alipayhk ${name}: ${error.message}`);
      return EXIT.usage;
    }
    throw error;
  }
}

const io: Io = { out: (line) => console.log(line), err: (line) => console.error(line), env: process.env };
main(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 70; // an internal error: a bug to report
  },
);
