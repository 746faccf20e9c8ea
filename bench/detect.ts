/** npm run bench:detect [section]: runs every section module in bench/detect/ (a module exporting `run`), in name order. */
import { readdirSync } from "node:fs"

const dir = new URL("./detect/", import.meta.url)
const only = process.argv[2]
for (const name of readdirSync(dir).filter((n) => n.endsWith(".ts")).sort()) {
  if (only !== undefined && !name.startsWith(only)) continue
  const section = (await import(new URL(name, dir).href)) as { run?: () => Promise<void> }
  // Helper modules (gitleaksRef.ts) share the folder and export no `run`.
  if (typeof section.run === "function") await section.run()
}
