export declare const FIRST_LOAD_BUDGET_BYTES: number;
export declare function firstLoadScripts(indexHtml: string): string[];
export declare function measureFirstLoad(dist: string): {
  files: { path: string; bytes: number; gzipBytes: number }[];
  gzipBytes: number;
};
