# workerd config for the example worker: `workerd serve config.capnp` after bundling worker.ts to dist/worker.js.
# Keys and URLs come from the environment (fromEnvironment), never from this file.
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    # Outbound network. "local" lets the worker reach a sandbox on 127.0.0.1 (drop it in production).
    (name = "internet", network = (allow = ["public", "local"], tlsOptions = (trustBrowserCas = true))),
  ],
  sockets = [(name = "http", address = "127.0.0.1:8787", http = (), service = "main")],
);

const worker :Workerd.Worker = (
  modules = [(name = "worker", esModule = embed "dist/worker.js")],
  compatibilityDate = "2026-11-17",
  # Web APIs only: the client needs no Node compatibility (both flags, or Buffer/process stay defined).
  compatibilityFlags = ["no_nodejs_compat", "no_nodejs_compat_v2"],
  bindings = [
    (name = "ALIPAYHK_CLIENT_ID", fromEnvironment = "ALIPAYHK_CLIENT_ID"),
    (name = "ALIPAYHK_PRIVATE_KEY", fromEnvironment = "ALIPAYHK_PRIVATE_KEY"),
    (name = "ALIPAYHK_ALIPAY_PUBLIC_KEY", fromEnvironment = "ALIPAYHK_ALIPAY_PUBLIC_KEY"),
    (name = "ALIPAYHK_BASE_URL", fromEnvironment = "ALIPAYHK_BASE_URL"),
  ],
  globalOutbound = "internet",
);
