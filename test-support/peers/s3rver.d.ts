// Minimal typings for s3rver 3.7 (it ships none): only what the e2e peers use.
declare module "s3rver" {
  import type { AddressInfo } from "node:net";
  type S3rverOptions = {
    port?: number;
    address?: string;
    silent?: boolean;
    directory: string;
    resetOnClose?: boolean;
    configureBuckets?: { name: string }[];
  };
  export default class S3rver {
    constructor(options: S3rverOptions);
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
  }
}
