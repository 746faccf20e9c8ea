/** The admin endpoints on the main port: `/health`, `/metrics`, `/stats`, the kill-switch API and the scan API. */
import type { IncomingMessage, ServerResponse } from "node:http"
import { Context, type Effect } from "effect"

export type Route = "health" | "metrics" | "stats" | "killswitch" | "killswitch_status" | "scan"

export interface Service {
  /** Which admin route a path is, if any. */
  readonly route: (path: string) => Route | undefined
  /** Answers an admin request. */
  readonly handle: (route: Route, req: IncomingMessage, res: ServerResponse) => Effect.Effect<void>
}

export class AdminApi extends Context.Service<AdminApi, Service>()("pipelock/services/AdminApi") {}
