// The plain objects of verschilmaker/core's API; wasm-bindgen puts this into the generated
// .d.ts beside the functions, whose parameter and return types name these interfaces.

/** A problem of a dataset, with its place. */
export interface Problem {
  /** The JSON path, such as `initiatives[3].needs[0].amount`; empty for the document itself. */
  path: string;
  /** What is wrong, lowercase, without a trailing period. */
  message: string;
  severity: "error" | "warning";
  /** For syntax errors: the 1-based line and column; otherwise null. */
  line: number | null;
  column: number | null;
  /** The line `www check` and `npx verschilmaker check` print after `FILE: `. */
  text: string;
}

/** What `load` throws: an `Error` named `LoadError` with every problem. */
export interface LoadError extends Error {
  name: "LoadError";
  problems: Problem[];
}

export interface LoadOptions {
  /** Skip broken records instead of failing (as the widget does). Default false. */
  lenient?: boolean;
  /**
   * The date suggestions, coalitions, the allocation round and the insights' gaps are for,
   * `YYYY-MM-DD` (the widget passes the visitor's date). With it, needs and offers whose
   * period ended before it get and give no suggestions and are no gaps. Default: no date, so
   * periods are not applied. (Completed and paused initiatives never get suggestions.)
   */
  today?: string;
}

/** A text: one string, or one per language code. */
export type Text = string | { [language: string]: string };

/** A need of an initiative, as the format writes it. */
export interface Need {
  id: string;
  kind: string;
  description?: Text;
  amount?: number;
  unit?: string;
  skills?: string[];
  period?: { start?: string; end?: string };
  required?: boolean;
  [extension: string]: unknown;
}

/** An initiative as the format writes it (a plan for `rulesFor` needs only id, title, stage). */
export interface Initiative {
  id: string;
  title: Text;
  stage: string;
  summary?: Text;
  description?: Text;
  themes?: string[];
  area?: string;
  needs?: Need[];
  [field: string]: unknown;
}

/** A whole dataset in the format `verschilmaker/1`. */
export interface DatasetDocument {
  schema: string;
  municipality: { name: string; languages: string[]; [field: string]: unknown };
  initiatives?: Initiative[];
  [collection: string]: unknown;
}

export type SortName = "relevance" | "newest" | "mostOpenNeeds" | "nearest";

export interface SearchQuery {
  /** What the visitor typed; the last word also matches as a prefix. */
  text?: string;
  sort?: SortName;
  /** The point for `sort: "nearest"`. */
  near?: { lat: number; lon: number };
  offset?: number;
  /** Default 20. */
  limit?: number;
  /** Default true. */
  typos?: boolean;
  /** Default true. */
  stemming?: boolean;
}

/** Facet filters: values within one list are alternatives, the lists all have to hold. */
export interface SearchFilters {
  themes?: string[];
  areas?: string[];
  stages?: string[];
  needKinds?: string[];
  sectors?: string[];
  needStatus?: ("open" | "covered")[];
  postcode?: string;
}

export interface Highlight {
  field: "title" | "summary" | "description" | "need" | "theme" | "area" | "initiator" | "other";
  /** For `need`, `theme` and `initiator` the position in the initiative's list; for `area` the
   * steps up from the initiative's area. */
  position: number | null;
  language: string | null;
  /** The text the ranges are in. */
  text: string;
  /** [start, end) in UTF-16 code units, as `text.slice(start, end)` takes them. */
  ranges: [number, number][];
}

export interface Hit {
  id: string;
  score: number;
  distanceKm: number | null;
  highlights: Highlight[];
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface SearchResults {
  total: number;
  hits: Hit[];
  facets: {
    themes: FacetCount[];
    areas: FacetCount[];
    stages: FacetCount[];
    needKinds: FacetCount[];
    sectors: FacetCount[];
    needStatus: FacetCount[];
  };
  /** The areas the postcode filter resolved to, when one was given. */
  postcodeAreas: string[] | null;
}

export interface LangOptions {
  /** The language of the reasons' texts; default `nl`. */
  lang?: "nl" | "en";
}

/** Why a component of a score has its value: a stable code, its parameters and the sentence. */
export interface Reason {
  code:
    | "noSkillsAsked" | "sharedSkills" | "noThemes" | "partnerWithoutThemes" | "sharedThemes"
    | "sameArea" | "servesWiderArea" | "servesPartOfArea" | "neighbouringArea" | "withinRadius"
    | "servesWholeMunicipality" | "initiativeWholeMunicipality" | "noPeriod" | "periodOverlap"
    | "unquantified" | "alreadyCovered" | "coversAll" | "coversPart" | "newSector"
    | "sectorPresent" | "offerUse" | "partnerCommitments" | "noWords" | "sharedWords" | "other";
  params: { [name: string]: unknown };
  text: string;
}

export interface NeedRef {
  initiative: string;
  need: string;
}

export interface OfferRef {
  partner: string;
  offer: string;
}

export interface OfferSuggestion {
  need: NeedRef;
  offer: OfferRef;
  score: number;
}

export interface Suggestions {
  /** Per need, in the initiative's order, the top offers (empty when none fits, and for a need
   *  that agreed and delivered commitments already cover). */
  perNeed: { need: string; offers: OfferSuggestion[] }[];
  /** The top partners for the open needs, best first (`score`: the mean of their best offers'
   *  scores over the open needs), with the reasons of their best offer. */
  partners: { partner: string; score: number; offers: OfferSuggestion[]; reasons: Reason[] }[];
}

export interface Coalition {
  partners: string[];
  offers: OfferSuggestion[];
  /** Per required need, the share of its open amount covered, 0 to 1. */
  coverage: { need: string; covered: number }[];
  complete: boolean;
  totalScore: number;
  candidates: number;
  method: "exact" | "greedy";
}

export interface AllocateOptions extends LangOptions {
  /** Every open need first gets at least this share (0 to 1) when capacity allows. */
  fairnessFloor?: number;
  /** How many best offers per need are considered (default 10). */
  candidatesPerNeed?: number;
}

export interface Allocation {
  assignments: { need: NeedRef; offer: OfferRef; amount: number; score: number; reasons: Reason[] }[];
  unmet: { need: NeedRef; open: number; assigned: number; unmet: number }[];
  idle: { offer: OfferRef; open: number; assigned: number; idle: number }[];
  /** Σ score × amount over the assignments. */
  objective: number;
}

export interface NeedTotals {
  kind: string;
  unit: string;
  needs: number;
  openNeeds: number;
  needed: number;
  covered: number;
  open: number;
}

export interface Gap {
  /** The area or theme; null for initiatives of the whole municipality. */
  key: string | null;
  kind: string;
  unit: string;
  needs: number;
  open: number;
  initiatives: string[];
}

export interface Insights {
  byKind: NeedTotals[];
  byTheme: { key: string | null; initiatives: number; totals: NeedTotals[] }[];
  byArea: { key: string | null; initiatives: number; totals: NeedTotals[] }[];
  offers: {
    partner: string; offer: string; kind: string; unit: string; per: string;
    capacity: number | null; used: number; commitments: number;
  }[];
  capacity: { kind: string; unit: string; offers: number; offered: number; used: number }[];
  sectorMix: { initiative: string; sectors: { sector: string; count: number }[] }[];
  stages: { stage: string; initiatives: number }[];
  areaGaps: Gap[];
  themeGaps: Gap[];
}

/** A policy rule as the format writes it. */
export interface Rule {
  id: string;
  when: { [condition: string]: unknown };
  advice: Text;
  contact?: { [field: string]: unknown };
  [field: string]: unknown;
}

export interface CsvFile {
  /** Such as `initiatieven.csv`. */
  name: string;
  /** UTF-8 with a byte order mark, `;` separated, CRLF line ends. */
  bytes: Uint8Array;
}

export interface CalendarOptions {
  /** Written as every event's DTSTAMP; an RFC 3339 date-time or a date. Default: now. */
  now?: string;
  /** The languages of the titles, most wanted first. */
  languages?: string[];
}

export interface JsonLdOptions {
  /** The page that shows the initiatives; each item gets the `@id` `{pageUrl}#initiatief-{id}`. */
  pageUrl?: string;
}
