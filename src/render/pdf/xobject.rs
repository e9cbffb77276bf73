//! Image XObjects. Takes a [`Raster`]; writes it once as an 8-bit DeviceGray image. A grayscale
//! JPEG goes in as it came (DCTDecode, never re-encoded, as printers ask); decoded samples are
//! Flate-compressed. No RGB, no ICC, no soft mask: PDF/X-1a allows none of them.

use miniz_oxide::deflate::compress_to_vec_zlib;
use pdf_writer::{Chunk, Filter, Ref};

use super::FLATE_LEVEL;
use crate::image::{Raster, RasterData};

/// Writes `raster` as the image XObject `id`.
pub(super) fn write_image(chunk: &mut Chunk, id: Ref, raster: &Raster) {
    let compressed;
    let (filter, data) = match &raster.data {
        RasterData::GrayJpeg(jpeg) => (Filter::DctDecode, jpeg.as_slice()),
        RasterData::Gray(samples) => {
            compressed = compress_to_vec_zlib(samples, FLATE_LEVEL);
            (Filter::FlateDecode, compressed.as_slice())
        }
    };
    let mut image = chunk.image_xobject(id, data);
    image.filter(filter);
    image.width(i32::try_from(raster.width).unwrap_or(i32::MAX));
    image.height(i32::try_from(raster.height).unwrap_or(i32::MAX));
    image.color_space().device_gray();
    image.bits_per_component(8);
}
