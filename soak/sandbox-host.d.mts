export declare function loadServe(): Promise<(handler: (request: Request) => Promise<Response>, options?: { port?: number; hostname?: string }) => Promise<{ url: string; close(): Promise<void> }>>;
export declare function startSandboxHost(config: Record<string, unknown>, serve?: unknown): Promise<{
  url: string;
  alipayPublicKey: string;
  seed: number;
  snapshot(): { events: readonly Record<string, any>[]; orders: readonly Record<string, any>[]; stats: Record<string, any> };
  close(): Promise<void>;
}>;
