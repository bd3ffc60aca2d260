// verschilmaker/core in browsers (and any other runtime without Node's `fs`): fetches the wasm
// that lies beside this file, found through import.meta.url, before the module's exports are used.
import init from "./verschilmaker_core.js";

await init({ module_or_path: new URL("./verschilmaker_core_bg.wasm", import.meta.url) });

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
