import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Lease, Storage } from "./storage.ts";

/** How long a claim holds without being renewed: how long a dead process's work waits for another. */
export const DEFAULT_LEASE_MS = 15_000;
/** Renewed this many times within a lease, so that a late renewal or two does not lose it. */
const RENEWALS_PER_LEASE = 3;

/**
 * This process's claims on the inbox and the outbox: its name as a claims' owner, the lease it
 * claims for, renewed in the background while it runs and given back when it stops.
 */
export class Claims {
  readonly owner = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly storage: Storage,
    readonly leaseMs = DEFAULT_LEASE_MS,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  /** A lease from `now`. */
  lease(now = Date.now()): Lease {
    return { owner: this.owner, until: now + this.leaseMs };
  }

  /**
   * At start, claims whose lease ended before this were left by a dead process: on a database one
   * process uses at a time, every claim there is.
   */
  expiredBefore(now = Date.now()): number {
    return this.storage.shared ? now : Number.MAX_SAFE_INTEGER;
  }

  /** Frees what an earlier process on an unshared database left claimed, and renews this one's leases from now on. */
  async start(): Promise<void> {
    if (!this.storage.shared) await this.storage.releaseClaims(null);
    this.timer ??= setInterval(() => {
      this.storage.renewClaims(this.lease()).catch((error: unknown) => this.log(`Could not renew the claims' lease: ${String(error)}`));
    }, this.leaseMs / RENEWALS_PER_LEASE);
    this.timer.unref();
  }

  /** Gives back what this process still holds, for another to take at once. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.storage.releaseClaims(this.owner).catch((error: unknown) => this.log(`Could not give back the claims: ${String(error)}`));
  }
}
