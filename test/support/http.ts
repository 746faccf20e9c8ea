/** Tiny HTTP client for tests: real sockets, no agent reuse, body collected as text. */
import * as http from "node:http"

export interface Reply {
  readonly status: number
  readonly headers: http.IncomingHttpHeaders
  readonly body: string
}

export const request = (
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer; timeoutMs?: number; path?: string } = {}
): Promise<Reply> =>
  new Promise((resolve, reject) => {
    // `path` overrides the URL's (an absolute-form request to a proxy: `http://origin/page` sent to the proxy's URL).
    const req = http.request(url, { method: options.method ?? "GET", headers: options.headers, agent: false, timeout: options.timeoutMs ?? 10_000, ...(options.path === undefined ? {} : { path: options.path }) }, (res) => {
      const chunks: Buffer[] = []
      res.on("data", (c: Buffer) => chunks.push(c))
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }))
      res.on("error", reject)
    })
    req.on("timeout", () => req.destroy(new Error("timeout")))
    req.on("error", reject)
    if (options.body !== undefined) req.write(options.body)
    req.end()
  })

export const json = (reply: Reply): any => JSON.parse(reply.body)

/** Polls `check` until it returns true or `timeoutMs` passes. */
export const eventually = async (check: () => Promise<boolean> | boolean, timeoutMs = 5000, stepMs = 50): Promise<void> => {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await check()) return
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, stepMs))
  }
}
