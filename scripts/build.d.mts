/** Bundles a server entry point as the production server is bundled (esbuild, packages external). */
export function bundleServer(entryPoint: string, outfile: string): Promise<void>;
export function buildServer(): Promise<void>;
export function build(): Promise<void>;
