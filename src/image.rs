//! Raster images for photos: reads JPEG and PNG files and keeps what the PDF needs. A grayscale
//! JPEG is embedded as it is (DCT, no re-encoding); anything else is decoded and converted to
//! 8-bit gray, since a newspaper's black plate takes no RGB.

use std::io::Cursor;

use image::{ColorType, DynamicImage, ImageDecoder, ImageFormat, ImageReader};

/// A decoded-enough image: its pixel size and the bytes to embed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Raster {
    pub width: u32,
    pub height: u32,
    pub data: RasterData,
}

/// How a raster's pixels are stored for embedding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RasterData {
    /// A baseline or progressive grayscale JPEG, passed through verbatim.
    GrayJpeg(Vec<u8>),
    /// 8-bit gray samples, row by row, 0 = black.
    Gray(Vec<u8>),
}

impl RasterData {
    /// The bytes held: the JPEG's, or the samples'.
    pub fn byte_len(&self) -> usize {
        match self {
            RasterData::GrayJpeg(bytes) | RasterData::Gray(bytes) => bytes.len(),
        }
    }
}

/// Reads an image from its file bytes, which a gray JPEG keeps (to embed as they are). The
/// error is a sentence for a diagnostic.
pub fn read_raster(bytes: Vec<u8>) -> Result<Raster, String> {
    let reader =
        ImageReader::new(Cursor::new(&bytes)).with_guessed_format().map_err(|e| format!("cannot read image: {e}"))?;
    let format = reader.format();
    if !matches!(format, Some(ImageFormat::Jpeg | ImageFormat::Png)) {
        return Err("not a JPEG or PNG image".into());
    }
    let decoder = reader.into_decoder().map_err(|e| format!("cannot decode image: {e}"))?;
    let (width, height) = decoder.dimensions();
    if format == Some(ImageFormat::Jpeg) && decoder.color_type() == ColorType::L8 {
        // Reading the header is enough: the bytes go into the PDF as they are.
        drop(decoder);
        return Ok(Raster { width, height, data: RasterData::GrayJpeg(bytes) });
    }
    let decoded = DynamicImage::from_decoder(decoder).map_err(|e| format!("cannot decode image: {e}"))?;
    Ok(Raster { width, height, data: RasterData::Gray(decoded.to_luma8().into_raw()) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png_bytes(color: image::DynamicImage) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        color.write_to(&mut out, ImageFormat::Png).unwrap();
        out.into_inner()
    }

    #[test]
    fn rgb_png_becomes_gray_samples() {
        let rgb = image::RgbImage::from_pixel(3, 2, image::Rgb([255, 255, 255]));
        let raster = read_raster(png_bytes(rgb.into())).unwrap();
        assert_eq!((raster.width, raster.height), (3, 2));
        assert_eq!(raster.data, RasterData::Gray(vec![255; 6]));
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(read_raster(b"not an image at all".to_vec()).is_err());
    }
}
