/**
 * `once(make)`: a value built on first use and kept. For compiled regular expressions and tables at module
 * level: compiling every scanner's RE2 programs when the module loads cost `pipelock check --url` and
 * `pipelock version`-like commands start-up time, and a proxy the memory of surfaces it never scans (MCP tool
 * definitions, shell commands in tool arguments). A compile error still throws, on first use, where the
 * scanner's caller turns it into a blocked verdict (the sources are fixed; tests compile every one).
 */
export const once = <A>(make: () => A): (() => A) => {
  let value: A | undefined
  let made = false
  return () => {
    if (!made) {
      value = make()
      made = true
    }
    return value as A
  }
}
