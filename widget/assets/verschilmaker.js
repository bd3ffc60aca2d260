// The Verschilmaker embed loader: defines <verschil-maker> and mounts the wasm app into its shadow root.
//
// A web editor pastes one snippet:
//   <script type="module" src="/verschilmaker/verschilmaker.js"></script>
//   <verschil-maker src="/data/initiatieven.json" lang="nl"></verschil-maker>
//
// Why a hand-written loader? It is the one piece that must run before the wasm arrives: it shows a
// loading state at once, loads the bundle the element's view needs (once for every instance on the
// page), and reports a failing bundle in the visitor's language instead of leaving a blank box. It
// uses no inline styles or scripts, so it runs under `script-src 'self' 'wasm-unsafe-eval'; style-src 'self'`.

// Everything is resolved against this file's own URL, so the bundle can live under any path.
const BASE = new URL('./', import.meta.url);

// Only the texts the loader shows before the wasm is there; the app has its own table.
const TEXTS = {
  nl: {
    loading: 'Laden…',
    failed: 'Het overzicht van initiatieven kan nu niet worden geladen. Probeer het later nog eens.',
  },
  en: {
    loading: 'Loading…',
    failed: 'The overview of initiatives cannot be loaded right now. Please try again later.',
  },
};

// The files this loader fetches, by their names in the sources. `www build` gives each a
// content hash in its name (`verschilmaker_app_bg.1a2b3c4d5e.wasm`) and writes those names here,
// so that a server may let browsers keep them for good; only this file keeps its name. Each name
// stands in quotes on its own, so the build can find and replace it.
const FILES = {
  styles: 'verschilmaker.css',
  laterStyles: 'verschilmaker-later.css',
  app: { glue: 'verschilmaker_app.js', wasm: 'verschilmaker_app_bg.wasm' },
  workbench: { glue: 'verschilmaker_werkbank.js', wasm: 'verschilmaker_werkbank_bg.wasm' },
};

// Two bundles from the same widget crate: the residents' (discover, initiative pages, the forms,
// the agenda) and the facilitator's workbench, which has everything and is a third larger.
// The element's `view` picks one before any wasm is fetched, so a resident never downloads the
// workbench. Each is fetched and instantiated at most once, however many instances the page has;
// a page with both kinds of instance loads both.
function bundleFor(view) {
  return view === 'facilitate' ? FILES.workbench : FILES.app;
}
const modules = new Map();
function loadBundle(bundle) {
  if (!modules.has(bundle.glue)) {
    modules.set(
      bundle.glue,
      import(new URL(bundle.glue, BASE).href).then(async (module) => {
        await module.default({ module_or_path: new URL(bundle.wasm, BASE) });
        return module;
      }),
    );
  }
  return modules.get(bundle.glue);
}

// The visitor's language: the element's `lang`, else the host page's `<html lang>`, else Dutch.
function languageOf(element) {
  const declared = element.getAttribute('lang') || document.documentElement.lang || 'nl';
  return declared.trim().toLowerCase() || 'nl';
}

// The views this version has; an unknown `view` falls back to the first, with a warning.
const VIEWS = [
  'discover',
  'start',
  'offer',
  'facilitate',
  'agenda',
];
function viewOf(element) {
  const view = (element.getAttribute('view') || '').trim().toLowerCase();
  if (view && !VIEWS.includes(view)) {
    console.warn(`verschil-maker: unknown view "${view}"; showing "${VIEWS[0]}" (known: ${VIEWS.join(', ')})`);
    return VIEWS[0];
  }
  return view || VIEWS[0];
}

// The level of the widget's top heading, 1–6 (default 2, below the host page's h1); a level
// out of range is brought into it (9 → 6, 0 → 1), as the editor meant a deep or a top heading.
function headingLevelOf(element) {
  const level = parseInt(element.getAttribute('heading-level') || '', 10);
  return Number.isNaN(level) ? 2 : Math.min(6, Math.max(1, level));
}

// Which instance owns the URL fragment (#verschilmaker/…): the first <verschil-maker> in the
// document, so that deep links and the back button have one meaning even with several.
function ownsFragment(element) {
  return document.querySelector('verschil-maker') === element;
}

function textsFor(lang) {
  return lang.startsWith('en') ? TEXTS.en : TEXTS.nl;
}

// Guarded, so that a snippet pasted twice (or a second copy of this file) does not throw.
if (!customElements.get('verschil-maker')) {
  class VerschilMaker extends HTMLElement {
    static get observedAttributes() {
      return ['src', 'lang'];
    }

    constructor() {
      super();
      this.mounted = null;
      this.generation = 0;
    }

    connectedCallback() {
      const root = this.shadowRoot || this.attachShadow({ mode: 'open' });
      const lang = languageOf(this);
      const texts = textsFor(lang);
      root.replaceChildren();

      const style = document.createElement('link');
      style.rel = 'stylesheet';
      style.href = new URL(FILES.styles, BASE).href;
      // The styles of the views in the second module: linked at once when the element opens on
      // one of them, otherwise left without an address (nothing is fetched) until the app opens
      // such a view and sets `href` from `data-vm-later`.
      const view = viewOf(this);
      const later = document.createElement('link');
      later.rel = 'stylesheet';
      later.setAttribute('data-vm-later', new URL(FILES.laterStyles, BASE).href);
      if (view !== 'discover') later.href = later.getAttribute('data-vm-later');

      const container = document.createElement('div');
      container.className = 'vm-host';
      // The widget's texts are Dutch or English: left to right, whatever the host page's `dir`.
      container.dir = 'ltr';
      const status = document.createElement('p');
      status.className = 'vm-status';
      status.setAttribute('role', 'status');
      status.textContent = texts.loading;
      container.append(status);
      root.append(style, later, container);

      // A generation counter, so that a slow load never mounts into an element that was
      // disconnected (or reconnected) in the meantime.
      const generation = ++this.generation;
      loadBundle(bundleFor(view)).then(
        (module) => {
          if (generation !== this.generation || !this.isConnected) return;
          const mountPoint = document.createElement('div');
          mountPoint.className = 'vm-mount';
          mountPoint.dir = 'ltr';
          container.replaceWith(mountPoint);
          this.mounted = module.mount(
            mountPoint,
            this.getAttribute('src') || '',
            lang,
            headingLevelOf(this),
            (this.getAttribute('area') || '').trim(),
            ownsFragment(this),
            view,
            (this.getAttribute('submit-to') || '').trim(),
          );
        },
        (error) => {
          if (generation !== this.generation) return;
          console.error('verschil-maker: the bundle could not be loaded', error);
          status.setAttribute('role', 'alert');
          status.className = 'vm-status vm-status--error';
          status.textContent = texts.failed;
        },
      );
    }

    disconnectedCallback() {
      this.generation++;
      if (this.mounted) {
        this.mounted.unmount();
        this.mounted.free();
        this.mounted = null;
      }
    }

    attributeChangedCallback(name, oldValue, newValue) {
      if (oldValue === newValue || !this.mounted) return;
      this.mounted.update(this.getAttribute('src') || '', languageOf(this));
    }
  }

  customElements.define('verschil-maker', VerschilMaker);
}
