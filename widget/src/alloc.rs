//! The allocator in the browser: Talc, fed by wasm memory that grows by half of itself.
//!
//! Talc's own wasm source (`talc::wasm::WasmGrowAndExtend`) grows the memory by just what the
//! allocation at hand needs, most often one 64 KiB page. Loading a large dataset makes
//! thousands of such allocations, and each `memory.grow` costs the engine a fraction of a
//! millisecond (it may move the whole buffer): a fresh instance took several times as long
//! for its first load as for a second one (issue 19). [`GrowByHalf`] grows by at least half
//! of the memory there is (and at least 1 MiB), so the number of grows is logarithmic in the
//! memory reached, and at most a third of the memory is ever grown ahead of need.
//!
//! Only single-threaded wasm builds compile it. It is also compiled into the search
//! benchmark's wasm module (`bench/search`), so that the figures measured there are the widget's.

// A memory source for Talc is an `unsafe` trait, and handing it memory (`claim`, `extend`)
// is `unsafe`: this module is the widget's only unsafe code, each use with its reason.
#![allow(unsafe_code)]

use core::alloc::Layout;
use core::ptr::NonNull;

/// The widget's allocator type: Talc with wasm's size bins and [`GrowByHalf`].
pub type Allocator = talc::cell::TalcSyncCell<GrowByHalf, talc::wasm::WasmBinning>;

/// The widget's allocator, for a `#[global_allocator]` static.
pub const fn allocator() -> Allocator {
    talc::cell::TalcSyncCell::new_wasm(GrowByHalf { end: None })
}

/// A Talc memory source that grows wasm memory geometrically and extends one heap.
#[derive(Debug)]
pub struct GrowByHalf {
    /// The end of the heap, once there is one.
    end: Option<NonNull<u8>>,
}

/// The size of a wasm page.
const PAGE: usize = 64 * 1024;
/// The fewest pages a grow adds: 1 MiB.
const LEAST_PAGES: usize = 16;

// SAFETY: `acquire` neither allocates nor uses the allocator it feeds; it only grows wasm
// memory and hands the new pages to Talc, extending the heap when they follow it.
unsafe impl talc::source::Source for GrowByHalf {
    fn acquire<B: talc::base::binning::Binning>(
        talc: &mut talc::base::Talc<Self, B>,
        layout: Layout,
    ) -> Result<(), ()> {
        // Room for the allocation with Talc's chunk overhead and alignment, generously.
        let needed = layout.size().saturating_add(layout.align()).saturating_add(4 * talc::base::CHUNK_UNIT);
        let needed_pages = needed.div_ceil(PAGE);
        let wanted = needed_pages.max(memory_pages() / 2).max(LEAST_PAGES);
        // When the engine refuses the geometric step (near its limit), just what is needed.
        let (previous, pages) = match memory_grow(wanted) {
            usize::MAX if wanted > needed_pages => (memory_grow(needed_pages), needed_pages),
            previous => (previous, wanted),
        };
        if previous == usize::MAX {
            return Err(());
        }
        let base = previous.wrapping_mul(PAGE) as *mut u8;
        let bytes = pages.wrapping_mul(PAGE);
        let new_end = base.wrapping_add(bytes);
        if let Some(old_end) = talc.source.end.take()
            && old_end.as_ptr() == base
        {
            // SAFETY: the new pages follow the heap that ends at `old_end`, and are ours.
            talc.source.end = Some(unsafe { talc.extend(old_end, new_end) });
            return Ok(());
        }
        // SAFETY: the new pages are fresh wasm memory that nothing else uses.
        talc.source.end = unsafe { talc.claim(base, bytes) };
        if talc.source.end.is_some() { Ok(()) } else { Err(()) }
    }
}

fn memory_pages() -> usize {
    core::arch::wasm32::memory_size::<0>()
}

fn memory_grow(pages: usize) -> usize {
    core::arch::wasm32::memory_grow::<0>(pages)
}
