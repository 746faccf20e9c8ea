/** A plain GET over loopback for the CLI's own calls (healthcheck, built-in redirect handlers): status and body, or why not. */
import * as http from "node:http"

export type GetResult = { readonly status: number; readonly body: string } | { readonly error: string }

export const httpGet = (target: string | http.RequestOptions, timeoutMs: number): Promise<GetResult> =>
  new Promise((resolve) => {
    const options: http.RequestOptions = typeof target === "string" ? { agent: false, timeout: timeoutMs } : { ...target, agent: false, timeout: timeoutMs }
    const req = typeof target === "string" ? http.get(target, options, onResponse) : http.get(options, onResponse)
    function onResponse(res: http.IncomingMessage) {
      const chunks: Buffer[] = []
      res.on("data", (c: Buffer) => chunks.push(c))
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }))
      res.on("error", (e) => resolve({ error: e.message }))
    }
    req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)))
    req.on("error", (e) => resolve({ error: e.message }))
  })
