//! Raw `extern "C"` exports of the search engine for the Node benchmark, and a counting
//! allocator so that the index's memory can be measured inside wasm.
//!
//! The protocol is deliberately tiny (no wasm-bindgen): Node copies the dataset and the
//! queries into memory obtained from [`bench_alloc`], then calls [`load_dataset`],
//! [`build_index`], [`load_queries`] and [`run_query`] with plain numbers.

use std::alloc::{GlobalAlloc, Layout};
use std::cell::RefCell;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use verschilmaker::Dataset;
use verschilmaker::search::{Query, SearchIndex, build_index as build, search};

#[path = "../../../widget/src/alloc.rs"]
mod alloc;

/// The allocator the widget uses in the browser (the same file, `widget/src/alloc.rs`), so that
/// these figures are the widget's.
static TALC: alloc::Allocator = alloc::allocator();

/// Wraps the widget's allocator (Talc) and counts the bytes currently allocated.
struct Counting;

static LIVE_BYTES: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded unchanged to Talc, which upholds the contract; the
// counter is only bookkeeping.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE_BYTES.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: forwarded with the caller's layout.
        unsafe { TALC.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE_BYTES.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: `ptr` came from `alloc` with this layout.
        unsafe { TALC.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE_BYTES.fetch_sub(layout.size(), Ordering::Relaxed);
        LIVE_BYTES.fetch_add(new_size, Ordering::Relaxed);
        // SAFETY: forwarded unchanged.
        unsafe { TALC.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

#[derive(Default)]
struct State {
    dataset: Option<Arc<Dataset>>,
    index: Option<SearchIndex>,
    queries: Vec<Query>,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State::default());
}

/// Allocates `len` bytes for Node to write into; freed with [`bench_free`].
#[unsafe(no_mangle)]
pub extern "C" fn bench_alloc(len: usize) -> *mut u8 {
    let mut buffer = Vec::<u8>::with_capacity(len.max(1));
    let ptr = buffer.as_mut_ptr();
    std::mem::forget(buffer);
    ptr
}

/// Frees memory from [`bench_alloc`].
///
/// # Safety
/// `ptr` and `len` must come from one call of [`bench_alloc`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bench_free(ptr: *mut u8, len: usize) {
    // SAFETY: the caller passes back what `bench_alloc` returned, with its length.
    drop(unsafe { Vec::from_raw_parts(ptr, 0, len.max(1)) });
}

/// Reads `len` bytes at `ptr` as UTF-8.
///
/// # Safety
/// The range must be initialised memory from [`bench_alloc`].
unsafe fn text<'a>(ptr: *const u8, len: usize) -> &'a str {
    // SAFETY: see the function's contract.
    let bytes = unsafe { std::slice::from_raw_parts(ptr, len) };
    std::str::from_utf8(bytes).unwrap_or("")
}

/// Parses a dataset (strictly); returns the number of initiatives, or -1 when it is invalid.
///
/// # Safety
/// `ptr..ptr + len` must be initialised memory from [`bench_alloc`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn load_dataset(ptr: *const u8, len: usize) -> i32 {
    // SAFETY: forwarded contract.
    let json = unsafe { text(ptr, len) };
    match Dataset::from_json_strict(json) {
        Ok(dataset) => {
            let count = dataset.initiatives.len() as i32;
            STATE.with_borrow_mut(|state| state.dataset = Some(Arc::new(dataset)));
            count
        }
        Err(_) => -1,
    }
}

/// Builds (or rebuilds) the index of the loaded dataset; returns the bytes it holds as the
/// allocator counts them.
#[unsafe(no_mangle)]
pub extern "C" fn build_index() -> usize {
    STATE.with_borrow_mut(|state| {
        state.index = None;
        let before = LIVE_BYTES.load(Ordering::Relaxed);
        state.index = state.dataset.as_ref().map(|dataset| build(Arc::clone(dataset)));
        LIVE_BYTES.load(Ordering::Relaxed).saturating_sub(before)
    })
}

/// The index's own estimate of its heap memory.
#[unsafe(no_mangle)]
pub extern "C" fn index_heap_bytes() -> usize {
    STATE.with_borrow(|state| state.index.as_ref().map_or(0, SearchIndex::heap_bytes))
}

/// Drops this module's handle on the parsed dataset (the index shares it).
#[unsafe(no_mangle)]
pub extern "C" fn drop_dataset() {
    STATE.with_borrow_mut(|state| state.dataset = None);
}

/// Bytes currently allocated.
#[unsafe(no_mangle)]
pub extern "C" fn live_bytes() -> usize {
    LIVE_BYTES.load(Ordering::Relaxed)
}

/// Parses generated queries; returns how many.
///
/// # Safety
/// `ptr..ptr + len` must be initialised memory from [`bench_alloc`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn load_queries(ptr: *const u8, len: usize) -> usize {
    // SAFETY: forwarded contract.
    let json = unsafe { text(ptr, len) };
    let queries = serde_json::from_str(json).map(|value| crate::parse_queries(&value)).unwrap_or_default();
    let count = queries.len();
    STATE.with_borrow_mut(|state| state.queries = queries);
    count
}

/// Runs query `i` (text, filters, facet counts, first page of 20 with highlights); returns the
/// total number of results, or -1 without an index or such a query.
#[unsafe(no_mangle)]
pub extern "C" fn run_query(i: usize) -> i32 {
    STATE.with_borrow(|state| match (&state.index, state.queries.get(i)) {
        (Some(index), Some(query)) => search(index, query).total as i32,
        _ => -1,
    })
}
