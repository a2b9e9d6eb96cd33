export declare function startSandboxHost(config: Record<string, unknown>): Promise<{
  url: string;
  alipayPublicKey: string;
  seed: number;
  snapshot(): {
    events: readonly Record<string, any>[];
    orders: readonly Record<string, any>[];
    stats: Record<string, any>;
  };
  close(): Promise<void>;
}>;
