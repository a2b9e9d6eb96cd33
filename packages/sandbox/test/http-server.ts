/**
 * The node:http adapter that serves a sandbox to a real browser in the tests. The one place that imports it, so
 * that moving the adapter changes one line.
 */
export { serve, type Server } from "../../cli/src/serve.js";
