/**
 * The hand-written tool batches after the third (bench/detect-own/tools-data-4.ts …), in order: who wrote each
 * and how is in its file header and in README.md. `generate.ts` writes them into `tools.jsonl` (the tool model
 * trains on every batch); `bench:detect tools` scores each one and leaves each out in turn.
 */
import type { ToolRow } from "./tools-data.ts"
import { tools4 } from "./tools-data-4.ts"
import { tools5 } from "./tools-data-5.ts"
import { tools6 } from "./tools-data-6.ts"
import { tools7 } from "./tools-data-7.ts"
import { tools8 } from "./tools-data-8.ts"
import { tools9 } from "./tools-data-9.ts"
import { tools10 } from "./tools-data-10.ts"
import { tools11 } from "./tools-data-11.ts"
import { tools12 } from "./tools-data-12.ts"
import { tools13 } from "./tools-data-13.ts"
import { tools14 } from "./tools-data-14.ts"
import { tools15 } from "./tools-data-15.ts"
import { tools16 } from "./tools-data-16.ts"
import { tools17 } from "./tools-data-17.ts"
import { tools18 } from "./tools-data-18.ts"
import { tools19 } from "./tools-data-19.ts"

export interface Batch {
  readonly n: number
  readonly rows: ReadonlyArray<ToolRow>
}

export const LATER_BATCHES: ReadonlyArray<Batch> = [
  { n: 4, rows: tools4 }, { n: 5, rows: tools5 }, { n: 6, rows: tools6 }, { n: 7, rows: tools7 }, { n: 8, rows: tools8 },
  { n: 9, rows: tools9 }, { n: 10, rows: tools10 }, { n: 11, rows: tools11 }, { n: 12, rows: tools12 }, { n: 13, rows: tools13 },
  { n: 14, rows: tools14 }, { n: 15, rows: tools15 }, { n: 16, rows: tools16 }, { n: 17, rows: tools17 }, { n: 18, rows: tools18 },
  { n: 19, rows: tools19 }
]
