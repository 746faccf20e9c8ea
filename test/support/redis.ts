/**
 * A real `redis-server` (the Debian package) for tests: started on a free loopback port with no persistence,
 * stopped when the test is done. `.ci/run` installs the package; where the binary is missing the tests that
 * need it are skipped with a loud message (never silently).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process"
import { freePort } from "./fixtures.ts"

/** The redis-server binary on PATH, or undefined. */
export const redisServerBinary: string | undefined = (() => {
  const r = spawnSync("sh", ["-c", "command -v redis-server"], { encoding: "utf8" })
  const path = r.stdout.trim()
  return r.status === 0 && path !== "" ? path : undefined
})()

if (redisServerBinary === undefined) {
  console.warn("\n*** redis-server is not installed: the Redis session-store tests are SKIPPED (apt-get install -y redis-server; .ci/run does this) ***\n")
}

export interface RedisServer {
  readonly port: number
  readonly url: string
  /** Kills the server (SIGKILL: nothing is saved) and waits for it to exit. */
  readonly kill: () => Promise<void>
  /** Starts it again on the same port, empty. */
  readonly restart: () => Promise<void>
  /** Freezes it (SIGSTOP): connections stay open, nothing answers. */
  readonly pause: () => void
  /** Unfreezes it (SIGCONT). */
  readonly resume: () => void
  /** Stops it for good. */
  readonly stop: () => Promise<void>
}

/** TLS files for a `rediss://` server: its certificate and key (PEM files). */
export interface RedisTls {
  readonly certPath: string
  readonly keyPath: string
}

const launch = (port: number, password?: string, tls?: RedisTls, plainPort?: number): Promise<ChildProcess> =>
  new Promise((resolve, reject) => {
    const child = spawn(redisServerBinary!, [
      // With TLS: the TLS port is the one clients use; a plain port stays open for the readiness probe only.
      "--port", String(tls === undefined ? port : plainPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning",
      ...(password === undefined ? [] : ["--requirepass", password]),
      ...(tls === undefined ? [] : ["--tls-port", String(port), "--tls-cert-file", tls.certPath, "--tls-key-file", tls.keyPath, "--tls-auth-clients", "no"])
    ], { stdio: ["ignore", "pipe", "pipe"] })
    let out = ""
    const onData = (c: Buffer) => {
      out += c.toString()
    }
    child.stdout!.on("data", onData)
    child.stderr!.on("data", onData)
    child.on("error", reject)
    child.on("exit", (code) => reject(new Error(`redis-server exited (${code}) before it was ready:\n${out}`)))
    // Ready when it answers PING on the port.
    const deadline = Date.now() + 10_000
    const probe = async () => {
      for (;;) {
        if (await ping(tls === undefined ? port : plainPort!)) return resolve(child)
        if (Date.now() > deadline) return reject(new Error(`redis-server did not answer on ${port}:\n${out}`))
        await new Promise((r) => setTimeout(r, 25))
      }
    }
    void probe()
  })

const ping = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    import("node:net").then(({ connect }) => {
      const s = connect(port, "127.0.0.1")
      let got = ""
      s.setTimeout(500, () => (s.destroy(), resolve(false)))
      s.on("connect", () => s.write("PING\r\n"))
      s.on("data", (c: Buffer) => {
        got += c.toString()
        // PONG, or NOAUTH from a server that wants a password: either way it is up.
        if (got.includes("PONG") || got.includes("NOAUTH")) (s.destroy(), resolve(true))
      })
      s.on("error", () => resolve(false))
    })
  })

const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once("exit", () => r()))

/** Starts a redis-server on a free loopback port (requiring `password` when given; serving TLS only, as `rediss://`, with `tls`). */
export const startRedis = async (options: { password?: string; tls?: RedisTls } = {}): Promise<RedisServer> => {
  const port = await freePort()
  const plainPort = options.tls === undefined ? undefined : await freePort()
  let child = await launch(port, options.password, options.tls, plainPort)
  const kill = async () => {
    child.kill("SIGCONT")
    child.kill("SIGKILL")
    await exited(child)
  }
  return {
    port,
    url: `${options.tls === undefined ? "redis" : "rediss"}://127.0.0.1:${port}/0`,
    kill,
    restart: async () => {
      child = await launch(port, options.password, options.tls, plainPort)
    },
    pause: () => void child.kill("SIGSTOP"),
    resume: () => void child.kill("SIGCONT"),
    stop: kill
  }
}
