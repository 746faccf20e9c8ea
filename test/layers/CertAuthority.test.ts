/** Loading the interception CA: missing files and a key others can read are refused with a clear message. */
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { generateCa, loadMaterial } from "../../src/layers/CertAuthority.ts"

describe("CertAuthority: loading the CA", () => {
  it("refuses a missing CA (run `pipelock tls init`) and a key readable by others; accepts 0600 and 0440", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pipelock-ca-perm-"))
    const cert = join(dir, "ca.pem")
    const key = join(dir, "ca-key.pem")
    expect(() => loadMaterial(cert, key)).toThrow(/pipelock tls init/)
    const ca = await generateCa("Perm Test CA")
    writeFileSync(cert, ca.cert)
    writeFileSync(key, ca.key)
    chmodSync(key, 0o644)
    expect(() => loadMaterial(cert, key)).toThrow(/mode 0644: it must not be writable by its group or readable by others/)
    chmodSync(key, 0o600)
    expect(loadMaterial(cert, key).key).toBe(ca.key)
    chmodSync(key, 0o440)
    expect(loadMaterial(cert, key).cert).toBe(ca.cert)
  })
})
