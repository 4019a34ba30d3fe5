/**
 * Node's worker threads, loaded only when a scan starts one (io/repo-scan.ts imports this
 * with `import()`): `node:worker_threads` costs about 2 ms to load, and `status` reads recorded
 * evidence through modules that import the scan without ever running it.
 */
export { Worker } from "node:worker_threads";
