//! Generic multi-valued facets with disjunctive counting.
//!
//! Each document has, per facet, a small set of value numbers. A filter on a facet is a set of
//! allowed values (OR within a facet, AND across facets). The count for a value of facet F
//! applies every active filter except F's own, so a visitor sees how many results they would
//! get by choosing that value instead of, or next to, what they chose in F.

use super::keys::sort_u32;

/// Per-document value sets of one facet, stored flat (CSR).
#[derive(Clone, Debug, Default)]
pub(crate) struct FacetColumn {
    offsets: Vec<u32>,
    values: Vec<u32>,
    value_count: u32,
}

impl FacetColumn {
    /// An empty column for a facet with `value_count` possible values.
    pub(crate) fn new(value_count: usize) -> FacetColumn {
        FacetColumn {
            offsets: vec![0],
            values: Vec::new(),
            value_count: u32::try_from(value_count).unwrap_or(u32::MAX),
        }
    }

    /// Appends the next document's values; duplicates and values out of range are dropped.
    pub(crate) fn push_document(&mut self, values: impl IntoIterator<Item = u32>) {
        let start = self.values.len();
        for value in values {
            if value < self.value_count {
                self.values.push(value);
            }
        }
        sort_u32(&mut self.values[start..]);
        let mut unique = start;
        for i in start..self.values.len() {
            if unique == start || self.values[unique - 1] != self.values[i] {
                self.values[unique] = self.values[i];
                unique += 1;
            }
        }
        self.values.truncate(unique);
        self.offsets.push(u32::try_from(self.values.len()).unwrap_or(u32::MAX));
    }

    /// The values of one document.
    pub(crate) fn values(&self, doc: u32) -> &[u32] {
        let doc = doc as usize;
        match (self.offsets.get(doc), self.offsets.get(doc + 1)) {
            (Some(&start), Some(&end)) => &self.values[start as usize..end as usize],
            _ => &[],
        }
    }

    /// The number of possible values.
    pub(crate) fn value_count(&self) -> usize {
        self.value_count as usize
    }

    pub(crate) fn heap_bytes(&self) -> usize {
        self.offsets.capacity() * 4 + self.values.capacity() * 4
    }
}

/// An active filter: the facet it applies to and which of its values are allowed.
#[derive(Clone, Debug)]
pub(crate) struct FacetFilter {
    pub(crate) facet: usize,
    pub(crate) allowed: Vec<bool>,
    /// Whether this filter is left out when counting its own facet. At most one filter per
    /// facet may be; others (like a postcode filter on the area facet) always apply.
    pub(crate) disjunctive: bool,
}

impl FacetFilter {
    fn passes(&self, values: &[u32]) -> bool {
        values.iter().any(|&value| self.allowed.get(value as usize).copied().unwrap_or(false))
    }
}

/// Applies `filters` to `candidates` and counts facet values disjunctively.
///
/// Returns the documents that pass every filter, in the order given, and per facet the counts
/// per value. A filter that no document can pass (an empty allowed set) is still a filter.
/// At most 64 filters take part; more than that is never built by the callers.
pub(crate) fn filter_and_count(
    columns: &[FacetColumn],
    filters: &[FacetFilter],
    candidates: impl Iterator<Item = (u32, f32)>,
    mut keep: impl FnMut(u32, f32),
) -> Vec<Vec<u32>> {
    let mut counts: Vec<Vec<u32>> = columns.iter().map(|column| vec![0; column.value_count()]).collect();
    let filters = &filters[..filters.len().min(64)];
    for (doc, score) in candidates {
        let mut failed = 0u64;
        for (bit, filter) in filters.iter().enumerate() {
            let passes = columns.get(filter.facet).is_some_and(|column| filter.passes(column.values(doc)));
            if !passes {
                failed |= 1 << bit;
                if failed.count_ones() > 1 {
                    break;
                }
            }
        }
        match failed.count_ones() {
            0 => {
                keep(doc, score);
                for (column, facet_counts) in columns.iter().zip(&mut counts) {
                    for &value in column.values(doc) {
                        facet_counts[value as usize] += 1;
                    }
                }
            }
            1 => {
                // The document fails exactly one filter: it counts for that filter's facet only.
                let failing = &filters[failed.trailing_zeros() as usize];
                let facet = failing.facet;
                if !failing.disjunctive {
                    continue;
                }
                if let (Some(column), Some(facet_counts)) = (columns.get(facet), counts.get_mut(facet)) {
                    for &value in column.values(doc) {
                        facet_counts[value as usize] += 1;
                    }
                }
            }
            _ => {}
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(docs: &[&[u32]], value_count: usize) -> FacetColumn {
        let mut column = FacetColumn::new(value_count);
        for values in docs {
            column.push_document(values.iter().copied());
        }
        column
    }

    fn filter(facet: usize, value_count: usize, allowed: &[u32]) -> FacetFilter {
        let mut set = vec![false; value_count];
        for &value in allowed {
            set[value as usize] = true;
        }
        FacetFilter { facet, allowed: set, disjunctive: true }
    }

    #[test]
    fn counts_are_disjunctive() {
        // Two facets; documents 0..4.
        let colours = column(&[&[0], &[1], &[0, 1], &[], &[2, 2, 9]], 3);
        let sizes = column(&[&[0], &[0], &[1], &[1], &[0]], 2);
        assert_eq!(colours.values(4), &[2]);
        let mut kept = Vec::new();
        let counts = filter_and_count(
            &[colours, sizes],
            &[filter(0, 3, &[0]), filter(1, 2, &[0])],
            (0..5).map(|doc| (doc, 0.0)),
            |doc, _| kept.push(doc),
        );
        assert_eq!(kept, [0]);
        // Colour counts apply the size filter only: documents 0, 1, 4.
        assert_eq!(counts[0], [1, 1, 1]);
        // Size counts apply the colour filter only: documents 0, 2.
        assert_eq!(counts[1], [1, 1]);
    }

    #[test]
    fn conjunctive_filters_apply_to_their_own_facet() {
        let areas = column(&[&[0], &[1], &[1]], 2);
        let mut postcode = filter(0, 2, &[1]);
        postcode.disjunctive = false;
        let counts =
            filter_and_count(&[areas], &[filter(0, 2, &[0]), postcode], (0..3).map(|doc| (doc, 0.0)), |_, _| {});
        assert_eq!(counts[0], [0, 2]);
    }

    #[test]
    fn no_filters_counts_everything() {
        let colours = column(&[&[0], &[1], &[0, 1]], 2);
        let mut kept = Vec::new();
        let counts = filter_and_count(&[colours], &[], (0..3).map(|doc| (doc, 0.0)), |doc, _| kept.push(doc));
        assert_eq!(kept, [0, 1, 2]);
        assert_eq!(counts[0], [2, 2]);
    }
}
