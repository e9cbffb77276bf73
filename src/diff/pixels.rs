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

/// The diff image: `b` faded to a light gray, tiles with changes tinted yellow, pixels that
/// gained ink in `b` red and pixels that lost ink blue.
pub fn highlight(a: &GrayImage, b: &GrayImage, tolerance: u8) -> RgbImage {
    let (width, height) = (a.width().max(b.width()), a.height().max(b.height()));
    let changed = |x: u32, y: u32| level(a, x, y).abs_diff(level(b, x, y)) > tolerance;
    let (tiles_x, tiles_y) = (width.div_ceil(TILE), height.div_ceil(TILE));
    let mut tiles = vec![false; (tiles_x * tiles_y) as usize];
    for y in 0..height {
        for x in 0..width {
            if changed(x, y) {
                tiles[(y / TILE * tiles_x + x / TILE) as usize] = true;
            }
        }
    }
    RgbImage::from_fn(width, height, |x, y| {
        let (old, new) = (level(a, x, y), level(b, x, y));
        if changed(x, y) {
            return if new < old { Rgb([220, 0, 0]) } else { Rgb([0, 90, 255]) };
        }
        let faded = 255 - (255 - u32::from(new)) / 3;
        if tiles[(y / TILE * tiles_x + x / TILE) as usize] {
            Rgb([faded as u8, faded as u8, (faded * 3 / 5) as u8])
        } else {
            Rgb([faded as u8; 3])
        }
    })
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
    fn a_larger_image_differs_where_the_other_has_no_pixels() {
        let a = GrayImage::from_pixel(2, 2, image::Luma([255]));
        let b = GrayImage::from_pixel(3, 2, image::Luma([0]));
        assert_eq!(compare_pixels(&a, &b, 0).differing, 6);
    }
}
