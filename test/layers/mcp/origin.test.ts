/** The MCP listener's DNS-rebinding rules (`rebindingRefusal`): Origin must be loopback or allowed; Host on a loopback listener. */
import { assert, describe, it } from "@effect/vitest"
import { isLoopbackListen, rebindingRefusal } from "../../../src/layers/McpProxy.ts"

describe("MCP listener: Origin and Host checks", () => {
  it("agents without an Origin pass; a loopback Origin passes; any other Origin is refused", () => {
    assert.isUndefined(rebindingRefusal("pipelock:8889", undefined, false))
    assert.isUndefined(rebindingRefusal("127.0.0.1:8889", "http://localhost:6274", true))
    assert.match(rebindingRefusal("pipelock:8889", "https://evil.example", false) ?? "", /Origin "https:\/\/evil\.example" is not allowed/)
    assert.isDefined(rebindingRefusal("pipelock:8889", "null", false))
  })

  it("mcp_ws_listener.allowed_origins lets named browser origins through: exact origins or host patterns", () => {
    const allowed = ["https://app.example.com", "*.assistants.example"]
    assert.isUndefined(rebindingRefusal("pipelock:8889", "https://app.example.com", false, allowed))
    assert.isDefined(rebindingRefusal("pipelock:8889", "http://app.example.com", false, allowed), "the scheme is part of an exact origin")
    assert.isUndefined(rebindingRefusal("pipelock:8889", "https://eu.assistants.example", false, allowed))
    assert.isDefined(rebindingRefusal("pipelock:8889", "https://assistants.example.evil", false, allowed))
  })

  it("on a loopback listener the Host must be a loopback name (a rebound name is refused)", () => {
    assert.isTrue(isLoopbackListen("127.0.0.1:8889"))
    assert.isFalse(isLoopbackListen("0.0.0.0:8889"))
    assert.match(rebindingRefusal("evil.example:8889", undefined, true) ?? "", /not a loopback name/)
    assert.isUndefined(rebindingRefusal("evil.example:8889", undefined, false), "a listener on every address is reached by name")
  })
})
