//! Integer layout units. Every dimension that decides layout is an [`Abs`], a whole number of
//! scaled points (1/65536 pt, as TeX's `sp`), so that layout is exact and the same on every
//! machine. Floats appear only where the renderers draw.

use std::fmt;
use std::ops::{Add, AddAssign, Div, Mul, Neg, Sub, SubAssign};

/// Scaled points per PostScript point.
pub const SP_PER_PT: i64 = 65536;

/// An absolute length in scaled points (1/65536 pt).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Abs(pub i64);

impl Abs {
    pub const ZERO: Abs = Abs(0);

    pub const fn pt(points: i64) -> Abs {
        Abs(points * SP_PER_PT)
    }

    /// Millimetres given in micrometres (1 mm = 1000), rounded to the nearest sp.
    pub const fn micrometres(um: i64) -> Abs {
        // 1 mm = 72/25.4 pt, so 1 µm = 72 * 65536 / 25400 sp.
        Abs(div_round(um * 72 * SP_PER_PT, 25_400))
    }

    pub const fn mm(mm: i64) -> Abs {
        Abs::micrometres(mm * 1000)
    }

    /// `self * num / den`, rounded to the nearest sp (ties away from zero).
    pub const fn scale(self, num: i64, den: i64) -> Abs {
        Abs(div_round(self.0 * num, den))
    }

    pub fn to_pt(self) -> f64 {
        self.0 as f64 / SP_PER_PT as f64
    }

    pub fn max(self, other: Abs) -> Abs {
        if self >= other { self } else { other }
    }

    pub fn min(self, other: Abs) -> Abs {
        if self <= other { self } else { other }
    }
}

/// Integer division rounding to nearest, ties away from zero.
pub const fn div_round(num: i64, den: i64) -> i64 {
    let half = den.abs() / 2;
    if (num < 0) != (den < 0) { (num - half) / den } else { (num + half) / den }
}

impl fmt::Display for Abs {
    /// Points with three decimals, for dumps and messages.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let milli = div_round(self.0 * 1000, SP_PER_PT);
        let sign = if milli < 0 { "-" } else { "" };
        write!(f, "{sign}{}.{:03}pt", milli.abs() / 1000, milli.abs() % 1000)
    }
}

impl Add for Abs {
    type Output = Abs;
    fn add(self, rhs: Abs) -> Abs {
        Abs(self.0 + rhs.0)
    }
}

impl AddAssign for Abs {
    fn add_assign(&mut self, rhs: Abs) {
        self.0 += rhs.0;
    }
}

impl Sub for Abs {
    type Output = Abs;
    fn sub(self, rhs: Abs) -> Abs {
        Abs(self.0 - rhs.0)
    }
}

impl SubAssign for Abs {
    fn sub_assign(&mut self, rhs: Abs) {
        self.0 -= rhs.0;
    }
}

impl Neg for Abs {
    type Output = Abs;
    fn neg(self) -> Abs {
        Abs(-self.0)
    }
}

impl Mul<i64> for Abs {
    type Output = Abs;
    fn mul(self, rhs: i64) -> Abs {
        Abs(self.0 * rhs)
    }
}

impl Div<i64> for Abs {
    type Output = Abs;
    /// Floor division, for splitting a length into equal parts.
    fn div(self, rhs: i64) -> Abs {
        Abs(self.0.div_euclid(rhs))
    }
}

impl std::iter::Sum for Abs {
    fn sum<I: Iterator<Item = Abs>>(iter: I) -> Abs {
        iter.fold(Abs::ZERO, Add::add)
    }
}

/// A point on the page, origin at the top left of the media box, y growing downwards.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Point {
    pub x: Abs,
    pub y: Abs,
}

impl Point {
    pub const fn new(x: Abs, y: Abs) -> Point {
        Point { x, y }
    }
}

/// A width and a height.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Size {
    pub width: Abs,
    pub height: Abs,
}

/// An axis-aligned rectangle: top-left corner and size.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rect {
    pub x: Abs,
    pub y: Abs,
    pub width: Abs,
    pub height: Abs,
}

impl Rect {
    pub const fn new(x: Abs, y: Abs, width: Abs, height: Abs) -> Rect {
        Rect { x, y, width, height }
    }

    pub fn right(&self) -> Abs {
        self.x + self.width
    }

    pub fn bottom(&self) -> Abs {
        self.y + self.height
    }

    /// The rectangle grown by `by` on every side.
    pub fn outset(&self, by: Abs) -> Rect {
        Rect::new(self.x - by, self.y - by, self.width + by * 2, self.height + by * 2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn millimetres_round_to_nearest_sp() {
        // 25.4 mm is exactly one inch, 72 pt.
        assert_eq!(Abs::micrometres(25_400), Abs::pt(72));
        assert_eq!(Abs::mm(390).to_pt().round(), 1106.0);
    }

    #[test]
    fn scale_rounds_half_away_from_zero() {
        assert_eq!(Abs(3).scale(1, 2), Abs(2));
        assert_eq!(Abs(-3).scale(1, 2), Abs(-2));
        assert_eq!(Abs(10).scale(1, 4), Abs(3));
    }

    #[test]
    fn display_is_points_with_three_decimals() {
        assert_eq!(Abs::pt(9).to_string(), "9.000pt");
        assert_eq!(Abs(-SP_PER_PT / 2).to_string(), "-0.500pt");
    }
}
