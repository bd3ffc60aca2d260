// The types of verschilmaker/core: the functions and interfaces of wasm-bindgen's declarations,
// without its initialisation functions, which the entry points (browser.js, node.js) call.
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
export type * from "./verschilmaker_core.js";
