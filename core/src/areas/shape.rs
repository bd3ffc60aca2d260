//! Outlines on the grid of millionths of a degree (the 6 decimals the areas are written with):
//! cleaning and orienting rings, areas, the dissolve of buurten into their wijk, and a point on
//! the surface.

use std::collections::{BTreeMap, HashMap};

/// `(lon, lat)` in millionths of a degree. Rounding every position to this grid before anything
/// else is what makes the positions that neighbours share exactly equal.
pub(crate) type Point = (i32, i32);

/// Polygons, each a list of open rings (the first position is not repeated at the end): the outer
/// ring first and counter-clockwise, holes clockwise, as RFC 7946 asks.
pub(crate) type Shape = Vec<Vec<Vec<Point>>>;

/// A `[lon, lat]` position on the grid; the caller has checked the ranges.
pub(crate) fn quantize([lon, lat]: [f64; 2]) -> Point {
    // `as` saturates, so even a position outside the ranges gives a point, not a panic.
    ((lon * 1e6).round() as i32, (lat * 1e6).round() as i32)
}

/// The point as `[lon, lat]` degrees, which serialise with at most 6 decimals.
pub(crate) fn degrees(point: Point) -> [f64; 2] {
    [f64::from(point.0) / 1e6, f64::from(point.1) / 1e6]
}

/// Twice the signed area of an open ring in square millionths of a degree, positive when the
/// ring runs counter-clockwise; exact.
pub(crate) fn signed_area2(ring: &[Point]) -> i128 {
    let Some(&last) = ring.last() else { return 0 };
    let mut previous = last;
    let mut sum: i128 = 0;
    for &point in ring {
        sum += i128::from(previous.0) * i128::from(point.1) - i128::from(point.0) * i128::from(previous.1);
        previous = point;
    }
    sum
}

/// A ring on the grid without repeated consecutive positions or the closing one, or `None` when
/// it encloses no area any more.
pub(crate) fn clean_ring(ring: &[[f64; 2]]) -> Option<Vec<Point>> {
    let mut points: Vec<Point> = Vec::with_capacity(ring.len());
    for &position in ring {
        let point = quantize(position);
        if points.last() != Some(&point) {
            points.push(point);
        }
    }
    while points.len() > 1 && points.first() == points.last() {
        points.pop();
    }
    (points.len() >= 3 && signed_area2(&points) != 0).then_some(points)
}

/// Turns outer rings counter-clockwise and holes clockwise.
pub(crate) fn orient(shape: &mut Shape) {
    for polygon in shape {
        for (index, ring) in polygon.iter_mut().enumerate() {
            let counter_clockwise = signed_area2(ring) > 0;
            if counter_clockwise != (index == 0) {
                ring.reverse();
            }
        }
    }
}

/// Whether `point` lies inside `ring` (even-odd rule; a point on the border may go either way).
pub(crate) fn inside(ring: &[Point], point: (f64, f64)) -> bool {
    let Some(&last) = ring.last() else { return false };
    let mut previous = (f64::from(last.0), f64::from(last.1));
    let mut inside = false;
    for &(x, y) in ring {
        let current = (f64::from(x), f64::from(y));
        if (current.1 > point.1) != (previous.1 > point.1) {
            let cross = current.0 + (point.1 - current.1) / (previous.1 - current.1) * (previous.0 - current.0);
            if point.0 < cross {
                inside = !inside;
            }
        }
        previous = current;
    }
    inside
}

/// The union of shapes that meet along shared borders (buurten into their wijk): every border
/// walked both ways cancels, and what is left is chained into rings.
pub(crate) fn dissolve(shapes: &[&Shape]) -> Shape {
    let mut edges: HashMap<(Point, Point), u32> = HashMap::new();
    for ring in shapes.iter().flat_map(|shape| shape.iter()).flatten() {
        for (index, &from) in ring.iter().enumerate() {
            let to = ring[(index + 1) % ring.len()];
            match edges.get_mut(&(to, from)) {
                Some(count) if *count > 0 => *count -= 1,
                _ => *edges.entry((from, to)).or_default() += 1,
            }
        }
    }
    let mut outgoing: BTreeMap<Point, Vec<Point>> = BTreeMap::new();
    let mut total = 0;
    for (&(from, to), &count) in &edges {
        for _ in 0..count {
            outgoing.entry(from).or_default().push(to);
            total += 1;
        }
    }
    // The hash map's order must not reach the result.
    for targets in outgoing.values_mut() {
        targets.sort_unstable_by(|a, b| b.cmp(a));
    }
    let mut rings: Vec<Vec<Point>> = Vec::new();
    while let Some((&start, _)) = outgoing.iter().find(|(_, targets)| !targets.is_empty()) {
        let mut ring = vec![start];
        let mut current = start;
        let mut closed = false;
        for _ in 0..total {
            let Some(next) = outgoing.get_mut(&current).and_then(Vec::pop) else { break };
            if next == start {
                closed = true;
                break;
            }
            ring.push(next);
            current = next;
        }
        if closed && ring.len() >= 3 && signed_area2(&ring) != 0 {
            rings.push(ring);
        }
    }
    let (outers, holes): (Vec<_>, Vec<_>) = rings.into_iter().partition(|ring| signed_area2(ring) > 0);
    let mut polygons: Shape = outers.into_iter().map(|outer| vec![outer]).collect();
    for hole in holes {
        let probe = hole.first().map(|&(x, y)| (f64::from(x), f64::from(y))).unwrap_or_default();
        let around = polygons
            .iter()
            .enumerate()
            .filter(|(_, polygon)| polygon.first().is_some_and(|outer| inside(outer, probe)))
            .min_by_key(|(_, polygon)| polygon.first().map_or(0, |outer| signed_area2(outer)))
            .map(|(index, _)| index);
        if let Some(polygon) = around.and_then(|index| polygons.get_mut(index)) {
            polygon.push(hole);
        }
    }
    polygons
}

/// A point inside the shape (on its largest polygon), as `[lon, lat]`: the middle of the widest
/// stretch of a horizontal line through the polygon at the height of its middle, between
/// vertex heights. Unlike the centre of mass, it lies inside a crescent or a ring.
pub(crate) fn point_on_surface(shape: &Shape) -> Option<[f64; 2]> {
    let polygon = shape.iter().max_by_key(|polygon| polygon.iter().map(|ring| signed_area2(ring)).sum::<i128>())?;
    let mut heights: Vec<i32> = polygon.iter().flatten().map(|point| point.1).collect();
    heights.sort_unstable();
    heights.dedup();
    if heights.len() < 2 {
        return None;
    }
    let (&low, &high) = (heights.first()?, heights.last()?);
    let middle = (f64::from(low) + f64::from(high)) / 2.0;
    // The line runs halfway between the two vertex heights around the middle, so it meets no vertex.
    let above = heights.partition_point(|&height| f64::from(height) <= middle).clamp(1, heights.len() - 1);
    let y = (f64::from(heights[above - 1]) + f64::from(heights[above])) / 2.0;
    let mut crossings: Vec<f64> = Vec::new();
    for ring in polygon {
        for (index, &(x0, y0)) in ring.iter().enumerate() {
            let (x1, y1) = ring[(index + 1) % ring.len()];
            let (y0, y1) = (f64::from(y0), f64::from(y1));
            if (y0 < y) != (y1 < y) {
                let (x0, x1) = (f64::from(x0), f64::from(x1));
                crossings.push(x0 + (y - y0) / (y1 - y0) * (x1 - x0));
            }
        }
    }
    crossings.sort_unstable_by(f64::total_cmp);
    let (start, end) =
        crossings.chunks_exact(2).map(|pair| (pair[0], pair[1])).max_by(|a, b| (a.1 - a.0).total_cmp(&(b.1 - b.0)))?;
    Some(degrees((((start + end) / 2.0).round() as i32, y.round() as i32)))
}
