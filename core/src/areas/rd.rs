//! RD New (EPSG:28992, the Dutch national grid) to WGS 84 longitude and latitude, by the
//! published approximation of Schreutelkamp and Strang van Hees.
//!
//! F.H. Schreutelkamp and G.L. Strang van Hees, "Benaderingsformules voor de transformatie tussen
//! RD- en WGS84-kaartcoördinaten", Geodesia 43 (2001). Two polynomials in the offsets from the RD
//! origin Amersfoort give latitude and longitude directly; the authors state an accuracy of
//! better than a metre within the RD area, which the tests hold to the official RDNAPTRANS
//! validation points (within 2 m) and to proj4rs with EPSG:28992's datum shift. Why not a
//! projection crate in the importer is answered in ARCHITECTURE.md.

/// The RD area in which the transformation is meant to be used, in metres: EPSG:28992's area
/// of use with a margin, which also holds the CBS maps of the Wadden and the coast.
pub(crate) const RD_X: (f64, f64) = (-7_000.0, 300_000.0);
/// See [`RD_X`].
pub(crate) const RD_Y: (f64, f64) = (289_000.0, 629_000.0);

/// Whether `[x, y]` lies in the RD area.
pub(crate) fn in_rd_area([x, y]: [f64; 2]) -> bool {
    (RD_X.0..=RD_X.1).contains(&x) && (RD_Y.0..=RD_Y.1).contains(&y)
}

/// The latitude coefficients: (power of dx, power of dy, arc seconds).
const LATITUDE: [(i32, i32, f64); 11] = [
    (0, 1, 3235.65389),
    (2, 0, -32.58297),
    (0, 2, -0.24750),
    (2, 1, -0.84978),
    (0, 3, -0.06550),
    (2, 2, -0.01709),
    (1, 0, -0.00738),
    (4, 0, 0.00530),
    (2, 3, -0.00039),
    (4, 1, 0.00033),
    (1, 1, -0.00012),
];

/// The longitude coefficients: (power of dx, power of dy, arc seconds).
const LONGITUDE: [(i32, i32, f64); 12] = [
    (1, 0, 5260.52916),
    (1, 1, 105.94684),
    (1, 2, 2.45656),
    (3, 0, -0.81885),
    (1, 3, 0.05594),
    (3, 1, -0.05607),
    (0, 1, 0.01199),
    (3, 2, -0.00256),
    (1, 4, 0.00128),
    (0, 2, 0.00022),
    (2, 0, -0.00022),
    (5, 0, 0.00026),
];

/// RD New `[x, y]` in metres to WGS 84 `[lon, lat]` in degrees.
pub(crate) fn rd_to_wgs84([x, y]: [f64; 2]) -> [f64; 2] {
    // The polynomials take the offsets from Amersfoort in units of 100 km.
    let dx = (x - 155_000.0) * 1e-5;
    let dy = (y - 463_000.0) * 1e-5;
    let sum =
        |terms: &[(i32, i32, f64)]| -> f64 { terms.iter().map(|&(p, q, k)| k * dx.powi(p) * dy.powi(q)).sum::<f64>() };
    let lat = 52.155_174_40 + sum(&LATITUDE) / 3600.0;
    let lon = 5.387_206_21 + sum(&LONGITUDE) / 3600.0;
    [lon, lat]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Metres between two `[lon, lat]` points, on a sphere: plenty for differences of metres.
    fn metres(a: [f64; 2], b: [f64; 2]) -> f64 {
        let lat = (a[1] + b[1]) / 2.0;
        let dx = (a[0] - b[0]) * 111_320.0 * lat.to_radians().cos();
        let dy = (a[1] - b[1]) * 110_574.0;
        dx.hypot(dy)
    }

    #[test]
    fn the_origin_amersfoort_is_where_the_issue_says() {
        let [lon, lat] = rd_to_wgs84([155_000.0, 463_000.0]);
        assert!((lat - 52.15517).abs() < 0.000_01, "{lat}");
        assert!((lon - 5.38721).abs() < 0.000_01, "{lon}");
    }

    /// The RDNAPTRANS™ validation points inside the RD area (Kadaster; ETRS89, which differs from
    /// WGS 84 by well under a metre for a map): the approximation is within 2 m of each.
    #[test]
    fn the_rdnaptrans_validation_points_are_within_two_metres() {
        let points = [
            ("Texel", [117_380.12, 575_040.34], [4.824_761_912, 53.160_753_042]),
            ("Noord-Groningen", [247_380.56, 604_580.78], [6.776_726_674, 53.419_482_050]),
            ("Amersfoort", [155_000.0, 463_000.0], [5.387_203_657, 52.155_172_897]),
            ("Zeeuws-Vlaanderen", [16_460.91, 377_380.23], [3.397_588_595, 51.368_607_152]),
            ("Zuid-Limburg", [182_260.45, 311_480.67], [5.773_795_548, 50.792_584_916]),
            ("Maasvlakte", [64_640.89, 440_700.01], [4.072_887_101, 51.947_393_898]),
        ];
        for (name, rd, expected) in points {
            let distance = metres(rd_to_wgs84(rd), expected);
            assert!(distance < 2.0, "{name}: {distance:.2} m off");
        }
    }

    /// proj4rs with EPSG:28992's definition (oblique stereographic on Bessel with its seven-parameter
    /// datum shift) as the oracle on a grid over the whole RD area.
    #[test]
    fn a_grid_over_the_rd_area_agrees_with_proj4rs_within_two_metres() {
        let rd = proj4rs::Proj::from_proj_string(concat!(
            "+proj=sterea +lat_0=52.15616055555555 +lon_0=5.38763888888889 +k=0.9999079",
            " +x_0=155000 +y_0=463000 +ellps=bessel",
            " +towgs84=565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725 +units=m +no_defs"
        ))
        .expect("EPSG:28992");
        let wgs84 = proj4rs::Proj::from_proj_string("+proj=longlat +datum=WGS84 +no_defs").expect("EPSG:4326");
        let mut worst: f64 = 0.0;
        for x in (10_000..=280_000).step_by(15_000) {
            for y in (300_000..=620_000).step_by(20_000) {
                let mut point = (f64::from(x), f64::from(y), 0.0);
                proj4rs::transform::transform(&rd, &wgs84, &mut point).expect("inside the RD area");
                let oracle = [point.0.to_degrees(), point.1.to_degrees()];
                worst = worst.max(metres(rd_to_wgs84([f64::from(x), f64::from(y)]), oracle));
            }
        }
        assert!(worst < 2.0, "{worst:.2} m");
    }
}
