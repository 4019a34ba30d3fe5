// The package version, put in by the bundler (scripts/build.mjs); "0.0.0-dev" when run from source.
declare const __GOLIVE_VERSION__: string | undefined;
export const VERSION = typeof __GOLIVE_VERSION__ === "string" ? __GOLIVE_VERSION__ : "0.0.0-dev";
