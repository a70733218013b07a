// Just what the bench uses of autocannon 9 (the package ships no types).
declare module 'autocannon' {
  type Histogram = { average: number; mean: number; stddev: number; min: number; max: number; total?: number; p50: number; p90: number; p97_5: number; p99: number };
  export type Result = {
    url: string;
    duration: number;
    connections: number;
    requests: Histogram & { total: number; sent: number };
    latency: Histogram;
    throughput: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    '2xx': number;
    statusCodeStats: Record<string, { count: number }>;
  };
  export type Options = {
    url: string;
    connections?: number;
    duration?: number;
    amount?: number;
    pipelining?: number;
    timeout?: number;
    headers?: Record<string, string>;
    setupClient?: (client: { setHeaders(h: Record<string, string>): void }) => void;
    requests?: { path?: string; method?: string; headers?: Record<string, string>; body?: string }[];
  };
  type Instance = PromiseLike<Result> & { stop(): void };
  function autocannon(opts: Options): Instance;
  export default autocannon;
}
