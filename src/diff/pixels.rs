//! Pixel comparison of two gray rasters of the same page, with a per-pixel tolerance, and the
//! diff image that shows where they differ. Integer arithmetic only. Pixels outside the other
//! image (when sizes differ) count as white there.

use image::{GrayImage, Rgb, RgbImage};

/// Side of the square tiles tinted in the diff image wherever a pixel changed, so that a
/// one-character change stands out on a whole page.
const TILE: u32 = 24;

/// How two rasters differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PixelDiff {
    /// Pixels compared: the union of both images' areas.
    pub total: u64,
    /// Pixels whose gray levels differ by more than the tolerance.
    pub differing: u64,
    /// Mean absolute difference of all pixels, in thousandths of a gray level.
    pub mean_milli: u64,
    /// The smallest rectangle holding every differing pixel: x0, y0, x1, y1 (exclusive).
    pub bounds: Option<[u32; 4]>,
}

impl PixelDiff {
    /// Differing pixels in parts per million of all compared.
    pub fn differing_ppm(&self) -> u64 {
        (self.differing * 1_000_000).checked_div(self.total).unwrap_or(0)
    }
}

fn level(image: &GrayImage, x: u32, y: u32) -> u8 {
    if x < image.width() && y < image.height() { image.get_pixel(x, y).0[0] } else { 255 }
}

/// Compares `a` and `b`: a pixel differs when its levels are more than `tolerance` apart.
pub fn compare_pixels(a: &GrayImage, b: &GrayImage, tolerance: u8) -> PixelDiff {
    let (width, height) = (a.width().max(b.width()), a.height().max(b.height()));
    let (mut differing, mut sum) = (0u64, 0u64);
    let mut bounds: Option<[u32; 4]> = None;
    for y in 0..height {
        for x in 0..width {
            let d = level(a, x, y).abs_diff(level(b, x, y));
            sum += u64::from(d);
            if d > tolerance {
                differing += 1;
                let r = bounds.get_or_insert([x, y, x + 1, y + 1]);
                *r = [r[0].min(x), r[1].min(y), r[2].max(x + 1), r[3].max(y + 1)];
            }
        }
    }
    let total = u64::from(width) * u64::from(height);
    PixelDiff { total, differing, mean_milli: (sum * 1000).checked_div(total).unwrap_or(0), bounds }
}

/// `image` reduced by `factor` in each direction, each pixel the mean of its block (a box
/// filter), rounded; partial blocks at the right and bottom edges are averaged as they are.
/// Comparing reduced images ignores how two renderers anti-alias an edge but not a moved line.
pub fn reduce(image: &GrayImage, factor: u32) -> GrayImage {
    let factor = factor.max(1);
    let (width, height) = (image.width().div_ceil(factor), image.height().div_ceil(factor));
    GrayImage::from_fn(width, height, |bx, by| {
        let (x0, y0) = (bx * factor, by * factor);
        let (x1, y1) = ((x0 + factor).min(image.width()), (y0 + factor).min(image.height()));
        let sum: u32 = (y0..y1)
            .flat_map(|y| (x0..x1).map(move |x| (x, y)))
            .map(|(x, y)| u32::from(image.get_pixel(x, y).0[0]))
            .sum();
        let count = (x1 - x0) * (y1 - y0);
        image::Luma([((sum + count / 2) / count) as u8])
    })
}

/// Tiles around a changed tile that the diff image rings too, so that a ring stands out.
const RING_REACH: u32 = 2;
/// Width of the ring, in pixels.
const RING_WIDTH: u32 = 3;

/// The diff image: `b` faded to a light gray, tiles with changes tinted yellow, pixels that
/// gained ink in `b` red and pixels that lost ink blue, each changed area ringed in orange so
/// that a one-character change is found at a glance on a whole page.
pub fn highlight(a: &GrayImage, b: &GrayImage, tolerance: u8) -> RgbImage {
    let (width, height) = (a.width().max(b.width()), a.height().max(b.height()));
    let changed = |x: u32, y: u32| level(a, x, y).abs_diff(level(b, x, y)) > tolerance;
    let tiles = Tiles::of(width, height, changed);
    let ringed = tiles.grown(RING_REACH);
    RgbImage::from_fn(width, height, |x, y| {
        let (old, new) = (level(a, x, y), level(b, x, y));
        if changed(x, y) {
            return if new < old { Rgb([220, 0, 0]) } else { Rgb([0, 90, 255]) };
        }
        if ringed.on_edge(x, y) {
            return Rgb([255, 120, 0]);
        }
        let faded = (255 - (255 - u32::from(new)) / 3) as u8;
        if tiles.get(x / TILE, y / TILE) { Rgb([faded, faded, faded / 5 * 3]) } else { Rgb([faded; 3]) }
    })
}

/// A coarse map of an image in [`TILE`]-pixel squares.
struct Tiles {
    across: u32,
    down: u32,
    on: Vec<bool>,
}

impl Tiles {
    fn of(width: u32, height: u32, mut marked: impl FnMut(u32, u32) -> bool) -> Tiles {
        let (across, down) = (width.div_ceil(TILE), height.div_ceil(TILE));
        let mut on = vec![false; (across * down) as usize];
        for y in 0..height {
            for x in 0..width {
                if marked(x, y) {
                    on[(y / TILE * across + x / TILE) as usize] = true;
                }
            }
        }
        Tiles { across, down, on }
    }

    fn get(&self, tx: u32, ty: u32) -> bool {
        tx < self.across && ty < self.down && self.on[(ty * self.across + tx) as usize]
    }

    /// Every tile within `reach` tiles of a marked one.
    fn grown(&self, reach: u32) -> Tiles {
        let mut on = vec![false; self.on.len()];
        for ty in 0..self.down {
            for tx in 0..self.across {
                let (x0, y0) = (tx.saturating_sub(reach), ty.saturating_sub(reach));
                on[(ty * self.across + tx) as usize] =
                    (y0..=ty + reach).any(|y| (x0..=tx + reach).any(|x| self.get(x, y)));
            }
        }
        Tiles { across: self.across, down: self.down, on }
    }

    /// Whether pixel (x, y) lies in a marked tile within [`RING_WIDTH`] of an unmarked one.
    fn on_edge(&self, x: u32, y: u32) -> bool {
        let (tx, ty, fx, fy) = (x / TILE, y / TILE, x % TILE, y % TILE);
        if !self.get(tx, ty) {
            return false;
        }
        let off = |dx: i64, dy: i64| {
            let (nx, ny) = (i64::from(tx) + dx, i64::from(ty) + dy);
            nx < 0 || ny < 0 || !self.get(nx as u32, ny as u32)
        };
        (fx < RING_WIDTH && off(-1, 0))
            || (fx >= TILE - RING_WIDTH && off(1, 0))
            || (fy < RING_WIDTH && off(0, -1))
            || (fy >= TILE - RING_WIDTH && off(0, 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_images_do_not_differ() {
        let a = GrayImage::from_pixel(5, 4, image::Luma([200]));
        let d = compare_pixels(&a, &a, 0);
        assert_eq!((d.total, d.differing, d.mean_milli, d.bounds), (20, 0, 0, None));
    }

    #[test]
    fn differences_beyond_the_tolerance_are_counted_and_bounded() {
        let a = GrayImage::from_pixel(4, 4, image::Luma([255]));
        let mut b = a.clone();
        b.put_pixel(1, 2, image::Luma([0]));
        b.put_pixel(3, 3, image::Luma([250]));
        let d = compare_pixels(&a, &b, 10);
        assert_eq!((d.differing, d.bounds), (1, Some([1, 2, 2, 3])));
        assert_eq!(d.mean_milli, 260 * 1000 / 16);
        let image = highlight(&a, &b, 10);
        assert_eq!(image.get_pixel(1, 2).0, [220, 0, 0], "ink gained is red");
    }

    #[test]
    fn reducing_averages_blocks() {
        let mut a = GrayImage::from_pixel(3, 2, image::Luma([255]));
        a.put_pixel(0, 0, image::Luma([0]));
        let r = reduce(&a, 2);
        assert_eq!((r.width(), r.height()), (2, 1));
        assert_eq!((r.get_pixel(0, 0).0[0], r.get_pixel(1, 0).0[0]), (191, 255));
    }

    #[test]
    fn a_larger_image_differs_where_the_other_has_no_pixels() {
        let a = GrayImage::from_pixel(2, 2, image::Luma([255]));
        let b = GrayImage::from_pixel(3, 2, image::Luma([0]));
        assert_eq!(compare_pixels(&a, &b, 0).differing, 6);
    }
}
