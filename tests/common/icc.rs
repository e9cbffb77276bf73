//! A tiny but complete ICC v2 output profile for CMYK, made in the tests so that no test
//! depends on a system file: header, desc, cprt, wtpt, and crude A2B0, B2A0 and gamt lut8
//! tables on a 2-point grid (solid ink is black, paper is white). Good enough for structure
//! checks and for renderers that read it; not a real printing condition.

/// The profile's bytes.
pub fn test_cmyk_profile() -> Vec<u8> {
    let tags: Vec<(&[u8; 4], Vec<u8>)> = vec![
        (b"desc", desc("paiban test CMYK")),
        (b"cprt", text("No copyright, test data")),
        (b"wtpt", xyz_d50()),
        (b"A2B0", lut8(4, 3, |corner| if corner == 0 { vec![255, 128, 128] } else { vec![0, 128, 128] })),
        (b"B2A0", lut8(3, 4, |corner| if corner & 0b100 == 0 { vec![0, 0, 0, 255] } else { vec![0, 0, 0, 0] })),
        (b"gamt", lut8(3, 1, |_| vec![0])),
    ];
    let mut body = Vec::new();
    let mut table = Vec::new();
    let data_start = 128 + 4 + 12 * tags.len();
    for (sig, data) in &tags {
        while (data_start + body.len()) % 4 != 0 {
            body.push(0);
        }
        table.extend_from_slice(*sig);
        table.extend(((data_start + body.len()) as u32).to_be_bytes());
        table.extend((data.len() as u32).to_be_bytes());
        body.extend(data);
    }
    let size = (data_start + body.len()) as u32;
    let mut out = Vec::new();
    out.extend(size.to_be_bytes());
    out.extend([0; 4]);
    out.extend(0x0210_0000u32.to_be_bytes());
    out.extend(b"prtrCMYKLab ");
    for v in [2026u16, 1, 1, 0, 0, 0] {
        out.extend(v.to_be_bytes());
    }
    out.extend(b"acsp");
    out.resize(68, 0);
    out.extend(xyz_d50()[8..].iter());
    out.resize(128, 0);
    out.extend((tags.len() as u32).to_be_bytes());
    out.extend(table);
    out.extend(body);
    out
}

fn xyz_d50() -> Vec<u8> {
    let mut out = b"XYZ \0\0\0\0".to_vec();
    for v in [0x0000_F6D6u32, 0x0001_0000, 0x0000_D32D] {
        out.extend(v.to_be_bytes());
    }
    out
}

fn text(words: &str) -> Vec<u8> {
    let mut out = b"text\0\0\0\0".to_vec();
    out.extend(words.as_bytes());
    out.push(0);
    out
}

fn desc(words: &str) -> Vec<u8> {
    let mut out = b"desc\0\0\0\0".to_vec();
    out.extend((words.len() as u32 + 1).to_be_bytes());
    out.extend(words.as_bytes());
    out.push(0);
    out.extend([0; 4 + 4 + 2 + 1 + 67]);
    out
}

/// A lut8Type with a 2-point grid; `corner` gives the outputs at each grid corner (its bits
/// are the inputs, the first input the most significant).
fn lut8(inputs: u8, outputs: u8, corner: impl Fn(u32) -> Vec<u8>) -> Vec<u8> {
    let mut out = b"mft1\0\0\0\0".to_vec();
    out.extend([inputs, outputs, 2, 0]);
    for i in 0..9 {
        out.extend((if i % 4 == 0 { 0x0001_0000u32 } else { 0 }).to_be_bytes());
    }
    for _ in 0..inputs {
        out.extend(0..=255u8);
    }
    for c in 0..(1u32 << inputs) {
        out.extend(corner(c));
    }
    for _ in 0..outputs {
        out.extend(0..=255u8);
    }
    out
}
