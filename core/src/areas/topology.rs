//! Topology-preserving simplification: the rings of all areas are cut into arcs at the points
//! where the set of areas on either side changes (as TopoJSON does), each arc is simplified once
//! (Douglas–Peucker with a tolerance in metres), and the rings are put back together from the
//! simplified arcs. A border that two neighbours (or a wijk and its buurten) share is one arc, so
//! it stays exactly the same for both: no gaps, no overlaps.

use std::collections::HashMap;

use super::shape::{Point, Shape, signed_area2};

/// The simplified shapes and how far the simplification moved the outlines.
pub(crate) struct Simplified {
    /// The shapes as the arcs put them together unsimplified: the same rings, though a ring
    /// that no other border meets may start elsewhere.
    pub(crate) originals: Vec<Shape>,
    pub(crate) shapes: Vec<Shape>,
    /// The largest distance in metres from a left-out position to the simplified outline.
    pub(crate) largest_distance_m: f64,
}

/// Metres per millionth of a degree around the shapes' mean latitude (an equirectangular
/// projection: within a municipality its scale errs by far less than a percent).
#[derive(Clone, Copy)]
struct Metric {
    x: f64,
    y: f64,
}

impl Metric {
    fn around(shapes: &[Shape]) -> Metric {
        let (sum, count) = shapes
            .iter()
            .flatten()
            .flatten()
            .flatten()
            .fold((0.0, 0.0), |(sum, count), point| (sum + f64::from(point.1), count + 1.0));
        let latitude = if count > 0.0 { sum / count / 1e6 } else { 52.0 };
        Metric { x: 0.111_320 * crate::trig::cos(latitude.to_radians()), y: 0.110_574 }
    }

    /// The distance in metres from `point` to the segment from `a` to `b`.
    fn to_segment(self, point: Point, a: Point, b: Point) -> f64 {
        let at = |p: Point| (f64::from(p.0) * self.x, f64::from(p.1) * self.y);
        let (p, a, b) = (at(point), at(a), at(b));
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let length2 = dx * dx + dy * dy;
        let t = if length2 > 0.0 { (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / length2).clamp(0.0, 1.0) } else { 0.0 };
        (p.0 - a.0 - t * dx).hypot(p.1 - a.1 - t * dy)
    }
}

/// Which positions of `points` Douglas–Peucker keeps between `first` and `last` (both kept).
fn douglas_peucker(points: &[Point], first: usize, last: usize, tolerance_m: f64, metric: Metric, keep: &mut [bool]) {
    // An explicit stack: a long arc must not recurse thousands deep (the browser's stack is small).
    let mut stack = vec![(first, last)];
    while let Some((start, end)) = stack.pop() {
        if end <= start + 1 {
            continue;
        }
        let (Some(&a), Some(&b)) = (points.get(start), points.get(end)) else { continue };
        let farthest = (start + 1..end)
            .map(|index| (index, metric.to_segment(points[index], a, b)))
            .max_by(|x, y| x.1.total_cmp(&y.1).then(y.0.cmp(&x.0)));
        if let Some((index, distance)) = farthest
            && distance > tolerance_m
        {
            keep[index] = true;
            stack.push((start, index));
            stack.push((index, end));
        }
    }
}

/// The positions an arc keeps: its ends, and what Douglas–Peucker keeps in between. A closed
/// arc (a ring no other border meets) is cut at its position farthest from its start, so that
/// both halves keep their ends.
fn simplify_arc(arc: &[Point], tolerance_m: f64, metric: Metric) -> Vec<bool> {
    let mut keep = vec![false; arc.len()];
    let last = arc.len().saturating_sub(1);
    for end in [0, last] {
        if let Some(k) = keep.get_mut(end) {
            *k = true;
        }
    }
    if tolerance_m <= 0.0 {
        keep.fill(true);
        return keep;
    }
    if arc.first() == arc.last() && last >= 2 {
        let start = arc[0];
        let farthest = (1..last)
            .max_by(|&x, &y| {
                metric.to_segment(arc[x], start, start).total_cmp(&metric.to_segment(arc[y], start, start))
            })
            .unwrap_or(1);
        keep[farthest] = true;
        douglas_peucker(arc, 0, farthest, tolerance_m, metric, &mut keep);
        douglas_peucker(arc, farthest, last, tolerance_m, metric, &mut keep);
    } else {
        douglas_peucker(arc, 0, last, tolerance_m, metric, &mut keep);
    }
    keep
}

/// The arc `points` in its canonical direction (so that both neighbours find the same arc), and
/// whether that reversed it.
fn canonical(mut points: Vec<Point>) -> (Vec<Point>, bool) {
    let forward = match (points.first(), points.last()) {
        (Some(first), Some(last)) if first != last => first < last,
        _ => points.get(1) <= points.get(points.len().saturating_sub(2)),
    };
    if !forward {
        points.reverse();
    }
    (points, !forward)
}

/// A ring as arcs: `(arc, reversed)` in order.
type ArcRing = Vec<(usize, bool)>;

/// The arcs of all rings: for every ring, which arcs (and which way round) make it up.
struct Arcs {
    arcs: Vec<Vec<Point>>,
    /// Per shape and polygon, its rings.
    rings: Vec<Vec<Vec<ArcRing>>>,
}

fn build_arcs(shapes: &[Shape]) -> Arcs {
    let edge = |a: Point, b: Point| if a < b { (a, b) } else { (b, a) };
    // Which shapes use each edge, and which positions each position is joined to.
    let mut owners: HashMap<(Point, Point), Vec<u32>> = HashMap::new();
    let mut neighbours: HashMap<Point, Vec<Point>> = HashMap::new();
    for (owner, shape) in shapes.iter().enumerate() {
        let owner = u32::try_from(owner).unwrap_or(u32::MAX);
        for ring in shape.iter().flatten() {
            for (index, &a) in ring.iter().enumerate() {
                let b = ring[(index + 1) % ring.len()];
                let users = owners.entry(edge(a, b)).or_default();
                if !users.contains(&owner) {
                    users.push(owner);
                }
                for (from, to) in [(a, b), (b, a)] {
                    let joined = neighbours.entry(from).or_default();
                    if !joined.contains(&to) {
                        joined.push(to);
                    }
                }
            }
        }
    }
    for users in owners.values_mut() {
        users.sort_unstable();
    }
    let users = |a: Point, b: Point| owners.get(&edge(a, b));
    let mut table: HashMap<Vec<Point>, usize> = HashMap::new();
    let mut arcs: Vec<Vec<Point>> = Vec::new();
    let mut intern = |points: Vec<Point>| -> (usize, bool) {
        let (points, reversed) = canonical(points);
        let next = arcs.len();
        let id = *table.entry(points.clone()).or_insert(next);
        if id == next {
            arcs.push(points);
        }
        (id, reversed)
    };
    let mut rings = Vec::with_capacity(shapes.len());
    for shape in shapes {
        let mut shape_rings = Vec::with_capacity(shape.len());
        for polygon in shape {
            let mut polygon_rings = Vec::with_capacity(polygon.len());
            for ring in polygon {
                let n = ring.len();
                let nodes: Vec<usize> = (0..n)
                    .filter(|&i| {
                        let (before, at, after) = (ring[(i + n - 1) % n], ring[i], ring[(i + 1) % n]);
                        neighbours.get(&at).is_some_and(|joined| joined.len() > 2)
                            || users(before, at) != users(at, after)
                    })
                    .collect();
                let mut parts = Vec::new();
                if nodes.is_empty() {
                    // A ring no other border meets: one closed arc from its least position, in
                    // the direction of its lesser neighbour, so that whoever shares it finds it.
                    let start = (0..n).min_by_key(|&i| ring[i]).unwrap_or(0);
                    let mut points: Vec<Point> = (0..=n).map(|k| ring[(start + k) % n]).collect();
                    let reversed = ring[(start + n - 1) % n] < ring[(start + 1) % n];
                    if reversed {
                        points.reverse();
                    }
                    let (id, _) = intern(points);
                    parts.push((id, reversed));
                } else {
                    for (k, &from) in nodes.iter().enumerate() {
                        let to = nodes.get(k + 1).copied().unwrap_or(nodes[0] + n);
                        let points: Vec<Point> = (from..=to).map(|i| ring[i % n]).collect();
                        parts.push(intern(points));
                    }
                }
                polygon_rings.push(parts);
            }
            shape_rings.push(polygon_rings);
        }
        rings.push(shape_rings);
    }
    Arcs { arcs, rings }
}

/// A ring put together from its arcs, each with the positions `keep` marks.
fn assemble(parts: &[(usize, bool)], arcs: &[Vec<Point>], keep: &[Vec<bool>]) -> Vec<Point> {
    let mut ring = Vec::new();
    for &(arc, reversed) in parts {
        let (Some(points), Some(kept)) = (arcs.get(arc), keep.get(arc)) else { continue };
        let mut chosen: Vec<Point> = points.iter().zip(kept).filter(|(_, k)| **k).map(|(p, _)| *p).collect();
        if reversed {
            chosen.reverse();
        }
        // The next arc starts where this one ends.
        chosen.pop();
        ring.extend(chosen);
    }
    ring
}

/// The orientation of `c` relative to the line from `a` to `b`: positive to the left; exact.
fn orientation(a: Point, b: Point, c: Point) -> i128 {
    let (ax, ay, bx, by, cx, cy) =
        (i128::from(a.0), i128::from(a.1), i128::from(b.0), i128::from(b.1), i128::from(c.0), i128::from(c.1));
    ((bx - ax) * (cy - ay) - (by - ay) * (cx - ax)).signum()
}

/// Whether two segments conflict: they cross, or run along each other; meeting at a shared end
/// (as consecutive segments and arcs at a node do) is no conflict.
fn conflict((p1, p2): (Point, Point), (q1, q2): (Point, Point)) -> bool {
    let (o1, o2) = (orientation(p1, p2, q1), orientation(p1, p2, q2));
    let (o3, o4) = (orientation(q1, q2, p1), orientation(q1, q2, p2));
    if o1 == 0 && o2 == 0 {
        // Collinear: a conflict when they share more than a point.
        let key = |p: Point| if p1.0 != p2.0 { p.0 } else { p.1 };
        let (a0, a1) = (key(p1).min(key(p2)), key(p1).max(key(p2)));
        let (b0, b1) = (key(q1).min(key(q2)), key(q1).max(key(q2)));
        return a0.max(b0) < a1.min(b1);
    }
    let shared = p1 == q1 || p1 == q2 || p2 == q1 || p2 == q2;
    !shared && o1 * o2 < 0 && o3 * o4 < 0
}

/// The arcs whose simplified segments conflict with another's (or their own). Segments are found through a grid, so this stays near linear.
fn crossing_arcs(arcs: &[Vec<Point>], keep: &[Vec<bool>]) -> Vec<usize> {
    let mut segments: Vec<(usize, Point, Point)> = Vec::new();
    for (id, (arc, kept)) in arcs.iter().zip(keep).enumerate() {
        let chosen: Vec<Point> = arc.iter().zip(kept).filter(|(_, k)| **k).map(|(p, _)| *p).collect();
        segments.extend(chosen.windows(2).map(|pair| (id, pair[0], pair[1])));
    }
    let (Some(min_x), Some(max_x)) =
        (segments.iter().map(|s| s.1.0.min(s.2.0)).min(), segments.iter().map(|s| s.1.0.max(s.2.0)).max())
    else {
        return Vec::new();
    };
    let min_y = segments.iter().map(|s| s.1.1.min(s.2.1)).min().unwrap_or(0);
    let max_y = segments.iter().map(|s| s.1.1.max(s.2.1)).max().unwrap_or(0);
    // Cells of at least 500 millionths of a degree (35 to 55 m), and at most 256 along a side,
    // so that a long segment of a strange file cannot fill millions of cells.
    let extent = i64::from(max_x) - i64::from(min_x) + i64::from(max_y) - i64::from(min_y);
    let cell = (extent / 256).max(500);
    let column = |x: i32| (i64::from(x) - i64::from(min_x)) / cell;
    let row = |y: i32| (i64::from(y) - i64::from(min_y)) / cell;
    let mut grid: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
    for (index, &(_, a, b)) in segments.iter().enumerate() {
        for c in column(a.0.min(b.0))..=column(a.0.max(b.0)) {
            for r in row(a.1.min(b.1))..=row(a.1.max(b.1)) {
                grid.entry((c, r)).or_default().push(index);
            }
        }
    }
    let mut conflicting = vec![false; arcs.len()];
    for members in grid.values() {
        for (k, &i) in members.iter().enumerate() {
            for &j in &members[k + 1..] {
                let ((arc_i, a, b), (arc_j, c, d)) = (segments[i], segments[j]);
                if (conflicting[arc_i] && conflicting[arc_j]) || !conflict((a, b), (c, d)) {
                    continue;
                }
                conflicting[arc_i] = true;
                conflicting[arc_j] = true;
            }
        }
    }
    conflicting.iter().enumerate().filter(|(_, c)| **c).map(|(id, _)| id).collect()
}

/// Simplifies all shapes together, keeping shared borders shared. The arcs of a ring that the
/// tolerance would collapse or turn inside out, and arcs that would cross another arc or
/// themselves, are simplified again with less tolerance (for both neighbours, since the arc is
/// theirs alike).
pub(crate) fn simplify_shared(shapes: &[Shape], tolerance_m: f64) -> Simplified {
    let metric = Metric::around(shapes);
    let Arcs { arcs, rings } = build_arcs(shapes);
    let mut tolerances = vec![tolerance_m; arcs.len()];
    let mut keep: Vec<Vec<bool>> = arcs.iter().map(|arc| simplify_arc(arc, tolerance_m, metric)).collect();
    // An arc in trouble is simplified again with half its tolerance, down to a few centimetres,
    // below which it keeps every position: the original outlines are sound, so this ends.
    let retry = |arc: usize, tolerances: &mut [f64], keep: &mut [Vec<bool>]| -> bool {
        let (Some(tolerance), Some(kept), Some(points)) = (tolerances.get_mut(arc), keep.get_mut(arc), arcs.get(arc))
        else {
            return false;
        };
        if kept.iter().all(|k| *k) {
            return false;
        }
        *tolerance = if *tolerance > 0.05 { *tolerance / 2.0 } else { 0.0 };
        *kept = simplify_arc(points, *tolerance, metric);
        true
    };
    loop {
        let mut changed = false;
        for (shape, shape_rings) in shapes.iter().zip(&rings) {
            for (polygon, polygon_rings) in shape.iter().zip(shape_rings) {
                for (ring, parts) in polygon.iter().zip(polygon_rings) {
                    let simplified = assemble(parts, &arcs, &keep);
                    let area = signed_area2(&simplified);
                    let sound = simplified.len() >= 3 && area != 0 && (area > 0) == (signed_area2(ring) > 0);
                    if !sound {
                        for &(arc, _) in parts {
                            changed |= retry(arc, &mut tolerances, &mut keep);
                        }
                    }
                }
            }
        }
        for arc in crossing_arcs(&arcs, &keep) {
            changed |= retry(arc, &mut tolerances, &mut keep);
        }
        if !changed {
            break;
        }
    }
    let mut largest_distance_m: f64 = 0.0;
    for (arc, kept) in arcs.iter().zip(&keep) {
        let mut previous = 0;
        for index in 1..arc.len() {
            if kept[index] {
                for between in previous + 1..index {
                    largest_distance_m =
                        largest_distance_m.max(metric.to_segment(arc[between], arc[previous], arc[index]));
                }
                previous = index;
            }
        }
    }
    let put_together = |keep: &[Vec<bool>]| -> Vec<Shape> {
        rings
            .iter()
            .map(|shape_rings| {
                shape_rings
                    .iter()
                    .map(|polygon_rings| polygon_rings.iter().map(|parts| assemble(parts, &arcs, keep)).collect())
                    .collect()
            })
            .collect()
    };
    let all: Vec<Vec<bool>> = arcs.iter().map(|arc| vec![true; arc.len()]).collect();
    Simplified { originals: put_together(&all), shapes: put_together(&keep), largest_distance_m }
}
