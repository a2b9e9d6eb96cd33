/**
 * Reading a command's flags and arguments: an unknown flag is named with the nearest known one, a missing value or
 * an extra argument says what the command takes; nothing of Node's own parser text reaches the user.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError, closest } from "./io.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

export interface Parsed {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** Parses `args` for a command taking `options` and at most `maxPositionals` arguments (named in `takes`). */
export function parseCommandArgs(args: string[], options: Options, maxPositionals: number, takes: string): Parsed {
  const flags = Object.keys(options).map((name) => `--${name}`);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--") break;
    if (!arg.startsWith("-") || arg === "-") continue;
    const name = arg.startsWith("--") ? arg.slice(2).split("=")[0]! : "";
    const option = options[name];
    if (!option) {
      const near = closest(`--${name || arg.slice(1)}`, flags);
      throw new UsageError(`unknown flag ${arg.split("=")[0]}${near ? `; did you mean ${near}?` : ""}`);
    }
    if (option.type === "string" && !arg.includes("=")) {
      const value = args[i + 1];
      if (value === undefined || (value.startsWith("--") && value.length > 2))
        throw new UsageError(`--${name} needs a value`);
      i++; // its value, even one starting with "-"
    }
    if (option.type === "boolean" && arg.includes("=")) throw new UsageError(`--${name} takes no value`);
  }
  // Values starting with "-" (a negative number, a time such as -05:00) are passed as --flag=value to the parser.
  const normalised: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--") {
      normalised.push(...args.slice(i));
      break;
    }
    const option = arg.startsWith("--") && !arg.includes("=") ? options[arg.slice(2)] : undefined;
    if (option?.type === "string") normalised.push(`${arg}=${args[++i]}`);
    else normalised.push(arg);
  }
  const { values, positionals } = parseArgs({ args: normalised, options, allowPositionals: true, strict: true });
  if (positionals.length > maxPositionals) {
    const extra = positionals
      .slice(maxPositionals)
      .map((p) => JSON.stringify(p))
      .join(" ");
    throw new UsageError(
      `unexpected argument${positionals.length - maxPositionals > 1 ? "s" : ""} ${extra}: this command takes ${takes}`,
    );
  }
  return { values: values as Parsed["values"], positionals };
}
