// verschilmaker/core in Node (18 and later): reads the wasm that lies beside this file with `fs`
// and instantiates it synchronously when the module is imported.
import { readFileSync } from "node:fs";
import { initSync } from "./verschilmaker_core.js";

initSync({ module: readFileSync(new URL("./verschilmaker_core_bg.wasm", import.meta.url)) });

export {
  Dataset,
  allocate,
  check,
  coalition,
  exportCsv,
  exportICalendar,
  exportJson,
  exportJsonLd,
  insights,
  load,
  rulesFor,
  search,
  suggest,
} from "./verschilmaker_core.js";
