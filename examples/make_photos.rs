//! Makes camera-size photos for the photo benchmark (`bench/photos.sh`): `N` JPEGs of
//! 4000×3000 pixels, gradients under noise so they compress like photos (about 3–5 MB), every
//! fourth one stored on its side with an EXIF rotation tag, as phones do. Deterministic.
//!
//!     cargo run --release --example make_photos -- 500 /dev/shm/photos

use std::io::Write;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let count: usize = args.first().and_then(|n| n.parse().ok()).expect("usage: make_photos N DIR");
    let dir = std::path::PathBuf::from(args.get(1).expect("usage: make_photos N DIR"));
    std::fs::create_dir_all(&dir).expect("the folder");
    let (w, h) = (4000u32, 3000u32);
    std::thread::scope(|s| {
        let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
        for t in 0..threads {
            let dir = &dir;
            s.spawn(move || {
                for i in (t..count).step_by(threads) {
                    let mut state = 0x9e37_79b9_u32.wrapping_add(i as u32 * 7919);
                    let mut pixels = Vec::with_capacity((w * h * 3) as usize);
                    for y in 0..h {
                        for x in 0..w {
                            state ^= state << 13;
                            state ^= state >> 17;
                            state ^= state << 5;
                            let noise = (state % 24) as i32 - 12;
                            let r = ((x * 255 / w) as i32 + noise + i as i32 * 3).clamp(0, 255) as u8;
                            let g = ((y * 255 / h) as i32 + noise).clamp(0, 255) as u8;
                            let b = (((x + y) * 255 / (w + h)) as i32 - noise).clamp(0, 255) as u8;
                            pixels.extend_from_slice(&[r, g, b]);
                        }
                    }
                    let mut jpeg = Vec::new();
                    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 92)
                        .encode(&pixels, w, h, image::ExtendedColorType::Rgb8)
                        .expect("a JPEG");
                    let mut out = std::fs::File::create(dir.join(format!("anh-{i}.jpg"))).expect("a file");
                    if i % 4 == 0 {
                        // EXIF: orientation 6 (turn a quarter to the right), as phones write it.
                        let tiff: &[u8] = b"MM\0\x2a\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0\x06\0\0\0\0\0\0";
                        let mut app1 = b"Exif\0\0".to_vec();
                        app1.extend_from_slice(tiff);
                        out.write_all(&[0xff, 0xd8, 0xff, 0xe1]).expect("write");
                        out.write_all(&((app1.len() + 2) as u16).to_be_bytes()).expect("write");
                        out.write_all(&app1).expect("write");
                        out.write_all(&jpeg[2..]).expect("write");
                    } else {
                        out.write_all(&jpeg).expect("write");
                    }
                }
            });
        }
    });
    println!("wrote {count} photos of {w}×{h} into {}", dir.display());
}
