//! Photos as phones make them: published at the sizes readers need, upright, without the
//! camera's metadata, from a cache that a build where nothing changed does not touch.

use bantin::build::{Options, build};
use image::ImageEncoder;

use crate::util::{TestSite, article};

/// A JPEG of noise (it compresses like a photo), `width`×`height` as stored, with an EXIF block
/// that says "turn it a quarter to the right" (orientation 6) and holds a GPS latitude.
pub fn phone_photo(width: u32, height: u32) -> Vec<u8> {
    let mut state = 0x9e37_79b9_u32;
    let pixels: Vec<u8> = (0..width * height * 3)
        .map(|i| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            // A gradient under the noise: the top half bright, so orientation can be seen.
            let y = i / 3 / width;
            let base = if y < height / 2 { 200u32 } else { 40 };
            (base + (state % 40)) as u8
        })
        .collect();
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90)
        .encode(&pixels, width, height, image::ExtendedColorType::Rgb8)
        .unwrap();
    // TIFF, big-endian: IFD0 with Orientation = 6 and a pointer to a GPS IFD with a latitude.
    let mut tiff: Vec<u8> = b"MM\0\x2a\0\0\0\x08".to_vec();
    tiff.extend_from_slice(&[0, 2]);
    tiff.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0]);
    tiff.extend_from_slice(&[0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 38]);
    tiff.extend_from_slice(&[0, 0, 0, 0]);
    tiff.extend_from_slice(&[0, 1]);
    tiff.extend_from_slice(&[0x00, 0x02, 0, 5, 0, 0, 0, 3, 0, 0, 0, 56]);
    tiff.extend_from_slice(&[0, 0, 0, 0]);
    for (n, d) in [(21u32, 1u32), (1, 1), (0, 1)] {
        tiff.extend_from_slice(&n.to_be_bytes());
        tiff.extend_from_slice(&d.to_be_bytes());
    }
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&tiff);
    let mut out = vec![0xff, 0xd8, 0xff, 0xe1];
    out.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&app1);
    out.extend_from_slice(&jpeg[2..]);
    out
}

fn size_of(bytes: &[u8]) -> (u32, u32) {
    let img = image::load_from_memory(bytes).expect("a picture");
    (img.width(), img.height())
}

#[test]
fn a_phone_photo_is_published_upright_at_its_sizes_without_its_metadata() {
    let photo = phone_photo(1600, 1200);
    assert!(photo.windows(4).any(|w| w == b"Exif"));
    let site = TestSite::with(&[
        ("site.yaml", "base_url: https://example.org/\n"),
        ("content/tin/a.md", &article("A", "2023-04-06", "", "![Toàn cảnh](anh.jpg)\n\n*(Toàn cảnh Hội nghị)*")),
    ]);
    site.write_bytes("content/tin/anh.jpg", &photo);
    site.build_ok(&[]);
    let out = |p: &str| std::fs::read(site.path(&format!("output/{p}"))).unwrap_or_else(|_| panic!("{p} published"));
    // Stored 1600×1200 on its side: shown 1200×1600.
    assert_eq!(size_of(&out("tin/anh.jpg")), (1200, 1600));
    assert_eq!(size_of(&out("tin/anh-480w.webp")), (480, 640));
    assert_eq!(size_of(&out("tin/anh-800w.webp")), (800, 1067));
    assert_eq!(size_of(&out("tin/anh-1200w.webp")), (1200, 1600));
    assert!(!site.has_out("tin/anh-1600w.webp"), "never wider than the photo");
    // Upright: the bright half of the stored picture (its top) is now on the right.
    let upright = image::load_from_memory(&out("tin/anh-480w.webp")).unwrap().to_luma8();
    assert!(upright.get_pixel(470, 320)[0] > 150 && upright.get_pixel(10, 320)[0] < 100);
    for file in ["tin/anh.jpg", "tin/anh-480w.webp", "tin/anh-800w.webp", "tin/anh-1200w.webp"] {
        let bytes = out(file);
        assert!(!bytes.windows(4).any(|w| w == b"Exif"), "{file} carries EXIF");
        assert!(bytes.len() < photo.len(), "{file} is smaller than the camera's file");
    }
    let html = site.out("tin/a/index.html");
    assert!(html.contains(r#"<picture><source type="image/webp" srcset="../../tin/anh-480w.webp 480w, ../../tin/anh-800w.webp 800w, ../../tin/anh-1200w.webp 1200w""#), "{html}");
    assert!(
        html.contains(r#"<img src="../../tin/anh.jpg" alt="Toàn cảnh" width="1200" height="1600" decoding="async""#),
        "{html}"
    );
}

#[test]
fn a_build_where_no_photo_changed_decodes_none() {
    let site = TestSite::with(&[
        ("site.yaml", "base_url: https://example.org/\n"),
        ("content/tin/a.md", &article("A", "2023-04-06", "image: anh.jpg\n", "x")),
        ("content/tin/b.md", &article("B", "2023-04-06", "image: anh-2.jpg\n", "x")),
    ]);
    site.write_bytes("content/tin/anh.jpg", &phone_photo(900, 600));
    site.write_bytes("content/tin/anh-2.jpg", &phone_photo(600, 900));
    let options = Options::new(site.root());
    assert_eq!(build(&options).unwrap().photos_processed, 2);
    // The lead photo: its sizes, first to load; and for sharing, its 1200-px-at-most JPEG.
    let page = site.out("tin/a/index.html");
    assert!(page.contains(r#"srcset="../../tin/anh-480w.webp 480w, ../../tin/anh-600w.webp 600w" sizes="(max-width: 800px) 100vw, 760px"><img src="../../tin/anh.jpg""#), "{page}");
    assert!(page.contains(r#"width="600" height="900" fetchpriority="high""#), "{page}");
    assert!(
        page.contains(r#"<meta property="og:image:width" content="600">"#) && page.contains(r#"content="900">"#),
        "{page}"
    );
    // Cards elsewhere: lazy, at their smaller sizes.
    let list = site.out("tin/index.html");
    assert!(
        list.contains(r#"srcset="../tin/anh-480w.webp 480w, ../tin/anh-600w.webp 600w""#)
            && list.contains(r#"loading="lazy""#),
        "{list}"
    );
    // Feeds carry the photo as an enclosure, with its size in bytes.
    let bytes = std::fs::metadata(site.path("output/tin/anh.jpg")).unwrap().len();
    let feed = site.out("rss.xml");
    assert!(
        feed.contains(&format!(
            r#"<enclosure url="https://example.org/tin/anh.jpg" length="{bytes}" type="image/jpeg"/>"#
        )),
        "{feed}"
    );
    assert_eq!(build(&options).unwrap().photos_processed, 0, "from the cache");
    // One photo changed: only it is made again; the cache keeps what is used, no more.
    site.write_bytes("content/tin/anh-2.jpg", &phone_photo(640, 900));
    assert_eq!(build(&options).unwrap().photos_processed, 1);
    let folders =
        std::fs::read_dir(site.path(".bantin-cache/photos")).unwrap().flatten().filter(|e| e.path().is_dir()).count();
    assert_eq!(folders, 2, "the old version of anh-2.jpg is pruned");
    // A photo copied under another name is the same photo: nothing to decode.
    site.write_bytes("content/tin/anh-3.jpg", &phone_photo(900, 600));
    assert_eq!(build(&options).unwrap().photos_processed, 0);
}

#[test]
fn broken_and_enormous_photos_are_problems_where_they_are_used() {
    let mut bomb = Vec::new();
    // A PNG header that claims 100,000 × 100,000 pixels.
    image::codecs::png::PngEncoder::new(&mut bomb).write_image(&[0; 3], 1, 1, image::ExtendedColorType::Rgb8).unwrap();
    bomb[16..20].copy_from_slice(&100_000u32.to_be_bytes());
    bomb[20..24].copy_from_slice(&100_000u32.to_be_bytes());
    let crc = crc32(&bomb[12..29]);
    bomb[29..33].copy_from_slice(&crc.to_be_bytes());
    let site = TestSite::with(&[
        ("site.yaml", "base_url: https://example.org/\n"),
        (
            "content/tin/a.md",
            "---\ntitle: A\ndate: 2023-04-06\nimage: lon.png\n---\nMở đầu.\n\nẢnh: ![x](hong.jpg) và ![y](iphone.heic)\n\n[nhầm](khong-co.md)\n",
        ),
    ]);
    let mut truncated = phone_photo(800, 600);
    truncated.truncate(300);
    site.write_bytes("content/tin/hong.jpg", &truncated);
    site.write_bytes("content/tin/lon.png", &bomb);
    site.write_bytes("content/tin/iphone.heic", b"....ftypheic");
    site.write_bytes("static/anh/hong-nua.jpg", &truncated);
    let err = site.build_err();
    // At the reference: the front matter's key, the Markdown image.
    assert!(
        err.contains(
            "content/tin/a.md:4:8: image: không đăng được ảnh content/tin/lon.png: ảnh có 100000×100000 điểm ảnh"
        ),
        "{err}"
    );
    assert!(err.contains("content/tin/a.md:8:6: không đăng được ảnh content/tin/hong.jpg: ảnh bị hỏng"), "{err}");
    assert!(err.contains("content/tin/a.md:8:24: không đăng được ảnh content/tin/iphone.heic: ảnh HEIC"), "{err}");
    assert!(err.contains("hãy mở ảnh bằng một chương trình sửa ảnh"), "{err}");
    // Said once: not again at the file.
    assert!(!err.contains("content/tin/hong.jpg:1:1"), "{err}");
    // A photo no page shows, at its file; and the build's other problems are listed too.
    assert!(err.contains("static/anh/hong-nua.jpg:1:1: ảnh bị hỏng"), "{err}");
    assert!(err.contains("content/tin/a.md:10:1"), "{err}");
}

/// PNG's CRC-32 of a chunk's type and data.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xedb8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

#[test]
fn site_yaml_chooses_the_widths_and_quality_and_a_saved_photo_is_made_again() {
    let site = TestSite::with(&[
        (
            "site.yaml",
            "base_url: https://example.org/\nimages:\n  widths: [300, 640]\n  share_width: 500\n  quality: 70\n",
        ),
        ("content/tin/a.md", &article("A", "2023-04-06", "image: anh.jpg\n", "x")),
    ]);
    site.write_bytes("content/tin/anh.jpg", &phone_photo(900, 600));
    let options = Options::new(site.root());
    build(&options).unwrap();
    assert!(site.has_out("tin/anh-300w.webp") && !site.has_out("tin/anh-480w.webp"));
    assert_eq!(
        size_of(&std::fs::read(site.path("output/tin/anh.jpg")).unwrap()),
        (500, 750),
        "shown 600×900, shared 500 wide"
    );
    // In a session (serve, watch), saving the photo makes it again, and only it.
    let preview = tempfile::tempdir().unwrap();
    let folder = bantin::output::Folder::new(preview.path()).unwrap();
    let mut session = bantin::build::Session::new(options);
    session.rebuild(&bantin::build::Changes::Everything, &folder).unwrap();
    folder.commit().unwrap();
    site.write_bytes("content/tin/anh.jpg", &phone_photo(600, 1200));
    let report =
        session.rebuild(&bantin::build::Changes::paths(vec![site.path("content/tin/anh.jpg")]), &folder).unwrap();
    folder.commit().unwrap();
    assert_eq!(report.photos_processed, 1);
    assert!(preview.path().join("tin/anh-640w.webp").is_file(), "now wide enough for 640");
    // A mistake in `images:` is a problem at its line.
    site.write("site.yaml", "images:\n  quality: 300\n");
    assert!(site.build_err().contains("site.yaml:2:3: chất lượng ảnh là 300"), "{}", site.build_err());
}

#[test]
fn a_theme_asks_for_a_photo_at_a_width_with_the_image_function() {
    let site = TestSite::with(&[
        ("site.yaml", "base_url: https://example.org/\ntheme: rieng\n"),
        ("themes/rieng/theme.yaml", "extends: bulletin\n"),
        (
            "themes/rieng/templates/page.html",
            "{% set im = image(path=page.image, width=500) %}<img src=\"{{ im.url | url }}\" width=\"{{ im.width }}\" height=\"{{ im.height }}\" data-src=\"{{ im.src }}\">{% if image(path=\"khong-co.jpg\") %}x{% endif %}",
        ),
        ("content/gioi-thieu.md", "---\ntitle: Giới thiệu\nimage: tin/anh.jpg\n---\nx\n"),
    ]);
    site.write_bytes("content/tin/anh.jpg", &phone_photo(900, 600));
    site.build_ok(&[]);
    let page = site.out("gioi-thieu/index.html");
    assert_eq!(page, r#"<img src="../tin/anh-600w.webp" width="600" height="900" data-src="tin/anh.jpg">"#);
    // The photo saved wider: the page that asked for it is made again.
    site.write_bytes("content/tin/anh.jpg", &phone_photo(600, 1200));
    site.build_ok(&[]);
    assert_eq!(
        site.out("gioi-thieu/index.html"),
        r#"<img src="../tin/anh-800w.webp" width="800" height="400" data-src="tin/anh.jpg">"#
    );
}

#[test]
fn photos_of_every_common_kind_are_published() {
    let encode = |img: image::DynamicImage, format: image::ImageFormat| {
        let mut bytes = Vec::new();
        img.write_to(&mut std::io::Cursor::new(&mut bytes), format).unwrap();
        bytes
    };
    let gray = image::DynamicImage::ImageLuma8(image::GrayImage::from_fn(900, 600, |x, y| {
        image::Luma([((x + y) % 256) as u8])
    }));
    let rgba = image::DynamicImage::ImageRgba8(image::RgbaImage::from_fn(700, 500, |x, _| {
        image::Rgba([200, 30, 30, (x % 256) as u8])
    }));
    let deep = image::DynamicImage::ImageRgb16(image::ImageBuffer::from_fn(640, 480, |x, _| {
        image::Rgb([(x * 100) as u16, 20000, 40000])
    }));
    let tiny = image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(1, 1, image::Rgb([1, 2, 3])));
    let site = TestSite::with(&[
        ("site.yaml", "base_url: https://example.org/\n"),
        (
            "content/tin/a.md",
            &article(
                "A",
                "2023-04-06",
                "",
                "![a](xam.jpg)\n\n![f](doi-ten.png)\n\n![b](trong-suot.png)\n\n![c](sau.png)\n\n![d](mot.png)\n\n![e](anh.webp)",
            ),
        ),
    ]);
    site.write_bytes("content/tin/xam.jpg", &encode(gray, image::ImageFormat::Jpeg));
    site.write_bytes("content/tin/trong-suot.png", &encode(rgba.clone(), image::ImageFormat::Png));
    site.write_bytes("content/tin/sau.png", &encode(deep, image::ImageFormat::Png));
    site.write_bytes("content/tin/mot.png", &encode(tiny, image::ImageFormat::Png));
    site.write_bytes("content/tin/anh.webp", &encode(rgba, image::ImageFormat::WebP));
    // A JPEG named .png, as real sites have them: read for what it is, published as a PNG.
    site.write_bytes("content/tin/doi-ten.png", &phone_photo(300, 200));
    site.build_ok(&[]);
    let out = |p: &str| std::fs::read(site.path(&format!("output/{p}"))).unwrap_or_else(|_| panic!("{p} published"));
    assert_eq!(size_of(&out("tin/xam.jpg")), (900, 600));
    assert_eq!(size_of(&out("tin/xam-480w.webp")), (480, 320));
    // Transparency stays: a PNG stays a PNG, and its WebP sizes keep the alpha channel.
    let png = image::load_from_memory(&out("tin/trong-suot.png")).unwrap();
    assert!(png.color().has_alpha());
    assert!(image::load_from_memory(&out("tin/trong-suot-480w.webp")).unwrap().color().has_alpha());
    assert_eq!(size_of(&out("tin/sau-640w.webp")), (640, 480));
    assert_eq!(size_of(&out("tin/mot-1w.webp")), (1, 1));
    // A WebP photo stays WebP at its own path (a server names the type by the extension).
    assert_eq!(&out("tin/anh.webp")[8..12], b"WEBP");
    assert_eq!(size_of(&out("tin/anh-480w.webp")), (480, 343));
    assert_eq!(&out("tin/doi-ten.png")[1..4], b"PNG");
    assert_eq!(size_of(&out("tin/doi-ten.png")), (200, 300));
}

#[test]
fn photos_in_static_are_published_clean_too() {
    // As sites moved from Jekyll keep them: static/images/, shown by a site path.
    let site = TestSite::with(&[
        ("site.yaml", "base_url: https://example.org/\n"),
        ("content/tin/a.md", &article("A", "2023-04-06", "image: /images/anh.jpg\n", "![Ảnh](/images/anh.jpg)")),
        ("static/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
    ]);
    site.write_bytes("static/images/anh.jpg", &phone_photo(800, 600));
    site.build_ok(&[]);
    let published = std::fs::read(site.path("output/images/anh.jpg")).unwrap();
    assert!(!published.windows(4).any(|w| w == b"Exif"), "no camera metadata from static/ either");
    assert_eq!(size_of(&published), (600, 800), "upright");
    assert!(site.has_out("images/anh-480w.webp"));
    assert_eq!(site.out("logo.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>", "other files as they are");
    let page = site.out("tin/a/index.html");
    assert!(page.contains(r#"srcset="../../images/anh-480w.webp 480w, ../../images/anh-600w.webp 600w""#), "{page}");
}

/// A flat JPEG of `rgb`, 1000×750, tagged with the colour profile `icc` when there is one.
fn tagged_photo(rgb: [u8; 3], icc: Option<Vec<u8>>) -> Vec<u8> {
    let pixels: Vec<u8> = rgb.iter().copied().cycle().take(1000 * 750 * 3).collect();
    let mut jpeg = Vec::new();
    let mut encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 95);
    if let Some(icc) = icc {
        encoder.set_icc_profile(icc).expect("JPEG takes a profile");
    }
    encoder.write_image(&pixels, 1000, 750, image::ExtendedColorType::Rgb8).unwrap();
    jpeg
}

#[test]
fn colours_of_a_wide_gamut_photo_are_converted_to_srgb() {
    // iPhones tag their photos Display P3: the same numbers mean a deeper red there than in
    // sRGB, which is what browsers assume of a file without a profile (and our WebP has none).
    let p3 = moxcms::ColorProfile::new_display_p3().encode().unwrap();
    let srgb = moxcms::ColorProfile::new_srgb().encode().unwrap();
    let site = TestSite::with(&[
        ("site.yaml", "base_url: https://example.org/\n"),
        (
            "content/tin/a.md",
            &article("A", "2023-04-06", "", "![P3](p3.jpg)\n\n![sRGB](srgb.jpg)\n\n![Không hồ sơ](plain.jpg)"),
        ),
    ]);
    site.write_bytes("content/tin/p3.jpg", &tagged_photo([200, 60, 60], Some(p3)));
    site.write_bytes("content/tin/srgb.jpg", &tagged_photo([200, 60, 60], Some(srgb)));
    site.write_bytes("content/tin/plain.jpg", &tagged_photo([200, 60, 60], None));
    site.build_ok(&[]);
    let centre = |file: &str| {
        let img = image::load_from_memory(&std::fs::read(site.path(&format!("output/tin/{file}"))).unwrap()).unwrap();
        img.to_rgb8().get_pixel(img.width() / 2, img.height() / 2).0
    };
    for file in ["p3-480w.webp", "p3.jpg"] {
        let [r, g, b] = centre(file);
        assert!(r > 210 && g < 55 && b < 55, "{file}: P3 (200, 60, 60) is a deeper red in sRGB, got ({r}, {g}, {b})");
    }
    for file in ["srgb-480w.webp", "srgb.jpg", "plain-480w.webp", "plain.jpg"] {
        let [r, g, b] = centre(file);
        let near = |a: u8, e: u8| a.abs_diff(e) <= 6;
        assert!(near(r, 200) && near(g, 60) && near(b, 60), "{file}: sRGB colours stay, got ({r}, {g}, {b})");
    }
    let published = std::fs::read(site.path("output/tin/p3.jpg")).unwrap();
    assert!(!published.windows(11).any(|w| w == b"ICC_PROFILE"), "the profile is not published: the pixels are sRGB");
}

#[test]
fn a_damaged_photo_shown_on_many_pages_is_said_a_few_times_then_counted() {
    let mut files: Vec<(String, String)> = vec![("site.yaml".into(), "base_url: https://example.org/\n".into())];
    for i in 0..6 {
        files.push((format!("content/tin/a{i}.md"), article("A", "2023-04-06", "image: /anh/logo.jpg\n", "Bài.")));
    }
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let site = TestSite::with(&refs);
    site.write_bytes("static/anh/logo.jpg", b"not a photo at all");
    let err = site.build_err();
    assert_eq!(err.matches("không đăng được ảnh static/anh/logo.jpg").count(), 3, "{err}");
    assert!(err.contains("static/anh/logo.jpg:1:1: còn 3 chỗ khác cũng dùng ảnh này"), "{err}");
}

/// A JPEG of `width`×`height` with bands and a little noise (cheap to make at 20 million
/// pixels), as infographics and panoramas are.
fn banded_photo(width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        let v = ((x / 7 + y / 11) % 200) as u8;
        image::Rgb([v, 255 - v, (x ^ y) as u8])
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 80)
        .encode(img.as_raw(), width, height, image::ExtendedColorType::Rgb8)
        .unwrap();
    jpeg
}

/// The size a picture file says it has, without decoding it.
fn dimensions(bytes: &[u8]) -> (u32, u32) {
    image::ImageReader::new(std::io::Cursor::new(bytes)).with_guessed_format().unwrap().into_dimensions().unwrap()
}

#[test]
fn a_long_infographic_and_a_wide_panorama_are_published_at_sizes_their_formats_hold() {
    // WebP holds at most 16383 pixels a side, JPEG 65535: a 1000×20000 infographic (common on
    // Vietnamese portals) once ended the build with a panic in the WebP encoder.
    let site = TestSite::with(&[
        ("site.yaml", "base_url: https://example.org/\n"),
        ("content/tin/a.md", &article("A", "2023-04-06", "image: dai.jpg\n", "![Đồ hoạ](dai.jpg)")),
        ("content/tin/b.md", &article("B", "2023-04-06", "image: toan-canh.jpg\n", "![Toàn cảnh](toan-canh.jpg)")),
    ]);
    site.write_bytes("content/tin/dai.jpg", &banded_photo(1000, 20000));
    site.write_bytes("content/tin/toan-canh.jpg", &banded_photo(20000, 1000));
    let check = site.run(&["check"]);
    assert!(check.status.success(), "check: {}", String::from_utf8_lossy(&check.stderr));
    site.build_ok(&[]);
    let out = |p: &str| std::fs::read(site.path(&format!("output/{p}"))).unwrap_or_else(|_| panic!("{p} published"));
    // WebP only at the widths where it is at most 16383 tall; the JPEG at its own width.
    assert_eq!(dimensions(&out("tin/dai-480w.webp")), (480, 9600));
    assert_eq!(dimensions(&out("tin/dai-800w.webp")), (800, 16000));
    assert!(!site.has_out("tin/dai-1000w.webp"), "20000 px tall: too tall for WebP");
    assert_eq!(dimensions(&out("tin/dai.jpg")), (1000, 20000));
    let html = site.out("tin/a/index.html");
    assert!(html.contains(r#"srcset="../../tin/dai-480w.webp 480w, ../../tin/dai-800w.webp 800w""#), "{html}");
    assert!(html.contains(r#"width="1000" height="20000""#), "{html}");
    // Its shapes for search engines are cut from its top.
    assert_eq!(dimensions(&out("tin/dai-16x9.jpg")), (1000, 562));
    // The panorama: every width, 1200 px wide at its own path.
    for (w, h) in [(480, 24), (800, 40), (1200, 60), (1600, 80)] {
        assert_eq!(dimensions(&out(&format!("tin/toan-canh-{w}w.webp"))), (w, h));
    }
    assert_eq!(dimensions(&out("tin/toan-canh.jpg")), (1200, 60));
}

#[test]
fn variant_and_fallback_sizes_fit_their_formats() {
    // A WebP infographic taller than WebP allows at every width: published narrower.
    let site = TestSite::with(&[
        ("site.yaml", "base_url: https://example.org/\n"),
        ("content/tin/a.md", &article("A", "2023-04-06", "", "![Đồ hoạ](rat-dai.png)")),
    ]);
    let img = image::RgbImage::from_fn(600, 40000, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 0]));
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png)
        .write_image(img.as_raw(), 600, 40000, image::ExtendedColorType::Rgb8)
        .unwrap();
    site.write_bytes("content/tin/rat-dai.png", &png);
    site.build_ok(&[]);
    // 480 would be 32000 tall: the widest that fits is 245 (16333 tall).
    assert_eq!(dimensions(&std::fs::read(site.path("output/tin/rat-dai-245w.webp")).unwrap()), (245, 16333));
    assert_eq!(dimensions(&std::fs::read(site.path("output/tin/rat-dai.png")).unwrap()), (600, 40000));
}

#[test]
fn a_photo_cut_short_is_a_problem_where_it_is_used() {
    // Decoders fill what is missing with grey and say nothing: a JPEG cut in half was
    // published with its lower half grey.
    let encode = |img: image::DynamicImage, format: image::ImageFormat| {
        let mut bytes = Vec::new();
        img.write_to(&mut std::io::Cursor::new(&mut bytes), format).unwrap();
        bytes
    };
    let noise = image::DynamicImage::ImageRgb8(image::RgbImage::from_fn(800, 600, |x, y| {
        image::Rgb([(x * 7 % 251) as u8, (y * 13 % 241) as u8, ((x * y) % 239) as u8])
    }));
    let half = |mut bytes: Vec<u8>| {
        bytes.truncate(bytes.len() / 2);
        bytes
    };
    let site = TestSite::with(&[
        ("site.yaml", "base_url: https://example.org/\n"),
        (
            "content/tin/a.md",
            &article(
                "A",
                "2023-04-06",
                "image: nua.jpg\n",
                "![Một](nua.png)\n\n![Hai](nua.webp)\n\n![Ba](con-lai.jpg)",
            ),
        ),
    ]);
    site.write_bytes("content/tin/nua.jpg", &half(phone_photo(800, 600)));
    site.write_bytes("content/tin/nua.png", &half(encode(noise.clone(), image::ImageFormat::Png)));
    site.write_bytes("content/tin/nua.webp", &half(encode(noise, image::ImageFormat::WebP)));
    // A JPEG without its end marker (EOI) but with all its data: cut short too, by 2 bytes.
    let mut whole = phone_photo(300, 200);
    whole.truncate(whole.len() - 2);
    site.write_bytes("content/tin/con-lai.jpg", &whole);
    let err = site.build_err();
    let said = "ảnh bị hỏng: tệp bị cụt, kết thúc giữa chừng — tệp chưa được chép trọn vẹn";
    for (at, file) in [("4:8: image", "nua.jpg"), ("6:1", "nua.png"), ("8:1", "nua.webp"), ("10:1", "con-lai.jpg")] {
        assert!(
            err.contains(&format!("content/tin/a.md:{at}: không đăng được ảnh content/tin/{file}: {said}")),
            "{file}: {err}"
        );
    }
    assert!(err.contains("hãy chép lại ảnh từ bản gốc"), "{err}");
    assert!(!site.has_out("tin/nua.jpg"), "nothing is published");
    // In English too.
    site.write("site.yaml", "base_url: https://example.org/\nlanguage: en\n");
    let err = site.build_err();
    assert!(err.contains("the file ends early: it was not copied whole"), "{err}");
    assert!(err.contains("copy it again from the original"), "{err}");
}

#[test]
fn a_png_without_its_end_marker_is_published_with_a_warning() {
    let img = image::DynamicImage::ImageRgb8(image::RgbImage::from_fn(640, 480, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    }));
    let mut png = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png).unwrap();
    assert_eq!(&png[png.len() - 8..png.len() - 4], b"IEND");
    png.truncate(png.len() - 12);
    let site = TestSite::with(&[
        ("site.yaml", "base_url: https://example.org/\n"),
        ("content/tin/a.md", &article("A", "2023-04-06", "", "![Một](thieu-cuoi.png)")),
    ]);
    site.write_bytes("content/tin/thieu-cuoi.png", &png);
    for _ in 0..2 {
        // Said again when the photo comes from the cache.
        let out = site.build_ok(&[]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("content/tin/thieu-cuoi.png:1:1: "), "{stderr}");
        assert!(stderr.contains("tệp PNG thiếu phần kết thúc của tệp (dấu IEND)"), "{stderr}");
        assert_eq!(dimensions(&std::fs::read(site.path("output/tin/thieu-cuoi-480w.webp")).unwrap()), (480, 360));
    }
}

/// The one cache folder of a site with one photo.
fn cache_folder(site: &TestSite) -> std::path::PathBuf {
    let folders: Vec<_> = std::fs::read_dir(site.path(".bantin-cache/photos"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    assert_eq!(folders.len(), 1, "{folders:?}");
    folders[0].clone()
}

#[test]
fn cache_entries_are_checked_before_they_are_published() {
    let site = TestSite::with(&[
        ("site.yaml", "base_url: https://example.org/\n"),
        ("content/tin/a.md", &article("A", "2023-04-06", "image: gps.jpg\n", "![Ảnh](gps.jpg)")),
    ]);
    site.write_bytes("content/tin/gps.jpg", &phone_photo(800, 600));
    let options = Options::new(site.root());
    assert_eq!(build(&options).unwrap().photos_processed, 1);
    let good = site.output_tree();
    let secret = tempfile::tempdir().unwrap();
    std::fs::write(secret.path().join("passwd"), "root:x:0:0:root:/root:/bin/bash\n").unwrap();
    let folder = cache_folder(&site);
    let published = ["tin/gps.jpg", "tin/gps-480w.webp", "tin/gps-16x9.jpg"];
    type Harm = fn(&std::path::Path, &std::path::Path);
    let harms: [(&str, Harm); 5] = [
        ("cut short", |folder, _| {
            let own = folder.join("own.jpg");
            let bytes = std::fs::read(&own).unwrap();
            std::fs::write(own, &bytes[..bytes.len() / 2]).unwrap();
        }),
        ("overwritten, same length and time", |folder, _| {
            let own = folder.join("own.jpg");
            let modified = std::fs::metadata(&own).unwrap().modified().unwrap();
            let mut bytes = std::fs::read(&own).unwrap();
            let n = bytes.len();
            bytes[n / 2..n - 2].fill(0x80);
            std::fs::write(&own, &bytes).unwrap();
            std::fs::File::options().write(true).open(&own).unwrap().set_modified(modified).unwrap();
        }),
        ("a link to a file elsewhere", |folder, secret| {
            std::fs::remove_file(folder.join("own.jpg")).unwrap();
            std::os::unix::fs::symlink(secret.join("passwd"), folder.join("own.jpg")).unwrap();
        }),
        ("a crop linked elsewhere", |folder, secret| {
            std::fs::remove_file(folder.join("shape-16x9.jpg")).unwrap();
            std::os::unix::fs::symlink(secret.join("passwd"), folder.join("shape-16x9.jpg")).unwrap();
        }),
        ("a variant linked elsewhere", |folder, secret| {
            std::fs::remove_file(folder.join("480.webp")).unwrap();
            std::os::unix::fs::symlink(secret.join("passwd"), folder.join("480.webp")).unwrap();
        }),
    ];
    for (what, harm) in harms {
        harm(&folder, secret.path());
        // Rebuilt with the output folder as it was, then from nothing: the good files both times.
        build(&options).unwrap();
        for file in published {
            assert_eq!(
                std::fs::read(site.path(&format!("output/{file}"))).ok().as_ref(),
                good.get(file),
                "{what}: {file}"
            );
        }
        harm(&cache_folder(&site), secret.path());
        std::fs::remove_dir_all(site.path("output")).unwrap();
        build(&options).unwrap();
        for file in published {
            assert_eq!(
                std::fs::read(site.path(&format!("output/{file}"))).ok().as_ref(),
                good.get(file),
                "{what}: {file}"
            );
        }
    }
    // The whole folder replaced by a link to one elsewhere: made again, and the link removed
    // without touching what it points to.
    let folder = cache_folder(&site);
    let elsewhere = tempfile::tempdir().unwrap();
    crate::util::copy_dir(&folder, elsewhere.path());
    std::fs::write(elsewhere.path().join("own.jpg"), "not a photo").unwrap();
    std::fs::remove_dir_all(&folder).unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), &folder).unwrap();
    std::fs::remove_dir_all(site.path("output")).unwrap();
    build(&options).unwrap();
    assert_eq!(site.output_tree().get("tin/gps.jpg"), good.get("tin/gps.jpg"));
    assert!(!std::fs::symlink_metadata(cache_folder(&site)).unwrap().file_type().is_symlink());
    assert_eq!(std::fs::read(elsewhere.path().join("own.jpg")).unwrap(), b"not a photo");
}

#[test]
fn the_crops_of_a_transparent_png_are_on_white() {
    // A logo-like PNG: transparent around a red square. JPEG has no transparency: the crops
    // for search engines were black where the PNG is transparent.
    let img = image::RgbaImage::from_fn(1200, 600, |x, y| {
        if (500..700).contains(&x) && (200..400).contains(&y) {
            image::Rgba([200, 0, 0, 255])
        } else {
            image::Rgba([0, 0, 0, 0])
        }
    });
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png)
        .write_image(img.as_raw(), 1200, 600, image::ExtendedColorType::Rgba8)
        .unwrap();
    let site = TestSite::with(&[
        ("site.yaml", "base_url: https://example.org/\n"),
        ("content/tin/a.md", &article("A", "2023-04-06", "image: logo.png\n", "x")),
    ]);
    site.write_bytes("content/tin/logo.png", &png);
    site.build_ok(&[]);
    for crop in ["tin/logo-1x1.jpg", "tin/logo-4x3.jpg"] {
        let img =
            image::load_from_memory(&std::fs::read(site.path(&format!("output/{crop}"))).unwrap()).unwrap().to_rgb8();
        let corner = img.get_pixel(5, 5).0;
        assert!(corner.iter().all(|&c| c > 245), "{crop}: white where transparent, got {corner:?}");
        let centre = img.get_pixel(img.width() / 2, img.height() / 2).0;
        assert!(centre[0] > 150 && centre[1] < 60, "{crop}: the red square stays, got {centre:?}");
    }
}

/// An animated WebP of two 64×48 frames (red, then blue), with an EXIF chunk holding `exif`.
fn animated_webp(exif: &[u8]) -> Vec<u8> {
    let frame = |rgb: [u8; 3]| {
        let img = image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(64, 48, image::Rgb(rgb)));
        let mut still = Vec::new();
        img.write_to(&mut std::io::Cursor::new(&mut still), image::ImageFormat::WebP).unwrap();
        // RIFF header (12 bytes), then the one VP8L chunk.
        assert_eq!(&still[12..16], b"VP8L");
        still[12..].to_vec()
    };
    let chunk = |fourcc: &[u8], data: &[u8]| {
        let mut c = fourcc.to_vec();
        c.extend_from_slice(&(data.len() as u32).to_le_bytes());
        c.extend_from_slice(data);
        if data.len() % 2 == 1 {
            c.push(0);
        }
        c
    };
    let u24 = |v: u32| v.to_le_bytes()[..3].to_vec();
    // VP8X: animation (0x02) and EXIF (0x08) flags, canvas 64×48.
    let mut vp8x = vec![0x02 | 0x08, 0, 0, 0];
    vp8x.extend(u24(63));
    vp8x.extend(u24(47));
    let mut body = b"WEBP".to_vec();
    body.extend(chunk(b"VP8X", &vp8x));
    body.extend(chunk(b"ANIM", &[255, 255, 255, 255, 0, 0]));
    for rgb in [[220, 20, 20], [20, 20, 220]] {
        let mut anmf = [u24(0), u24(0), u24(63), u24(47), u24(200)].concat();
        anmf.push(0);
        anmf.extend(frame(rgb));
        body.extend(chunk(b"ANMF", &anmf));
    }
    body.extend(chunk(b"EXIF", exif));
    let mut out = b"RIFF".to_vec();
    out.extend_from_slice(&(body.len() as u32).to_le_bytes());
    out.extend(body);
    out
}

#[test]
fn an_animated_picture_is_published_as_it_is_and_said() {
    let webp = animated_webp(b"MM\0\x2a GPS 21 N");
    assert!(image::codecs::webp::WebPDecoder::new(std::io::Cursor::new(&webp)).unwrap().has_animation());
    let mut gif = Vec::new();
    {
        let mut encoder = image::codecs::gif::GifEncoder::new(&mut gif);
        for v in [0u8, 255] {
            let frame = image::Frame::new(image::RgbaImage::from_pixel(40, 30, image::Rgba([v, v, 0, 255])));
            encoder.encode_frame(frame).unwrap();
        }
    }
    let site = TestSite::with(&[
        ("site.yaml", "base_url: https://example.org/\n"),
        ("content/tin/a.md", &article("A", "2023-04-06", "", "![Động](dong.webp)\n\n![GIF](dong.gif)")),
    ]);
    site.write_bytes("content/tin/dong.webp", &webp);
    site.write_bytes("content/tin/dong.gif", &gif);
    for _ in 0..2 {
        // Said again when it comes from the cache.
        let out = site.build_ok(&[]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("content/tin/dong.webp:1:1: ") && stderr.contains("ảnh động: được đăng nguyên như cũ"),
            "{stderr}"
        );
        let published = std::fs::read(site.path("output/tin/dong.webp")).unwrap();
        let decoder = image::codecs::webp::WebPDecoder::new(std::io::Cursor::new(&published)).unwrap();
        assert!(decoder.has_animation(), "it still moves");
        assert!(!published.windows(3).any(|w| w == b"GPS"), "without its EXIF chunk");
        let frames = image::AnimationDecoder::into_frames(decoder).collect_frames().unwrap();
        assert_eq!(frames.len(), 2);
        assert!(!site.has_out("tin/dong-64w.webp"), "no still sizes");
        let html = site.out("tin/a/index.html");
        assert!(
            html.contains(
                r#"<figure><img src="../../tin/dong.webp" alt="Động" width="64" height="48" decoding="async"></figure>"#
            ),
            "{html}"
        );
        // A GIF is published as it is.
        assert_eq!(std::fs::read(site.path("output/tin/dong.gif")).unwrap(), gif);
    }
}

#[test]
fn file_names_with_spaces_and_commas_give_working_srcsets() {
    let site = TestSite::with(&[
        ("site.yaml", "base_url: https://example.org/\n"),
        (
            "content/tin/a.md",
            &article(
                "A",
                "2023-04-06",
                "image: ảnh hội nghị.jpg\n",
                "![Hội nghị](<ảnh hội nghị.jpg>)\n\n![Hai](<a,b.jpg>)",
            ),
        ),
    ]);
    site.write_bytes("content/tin/ảnh hội nghị.jpg", &phone_photo(900, 600));
    site.write_bytes("content/tin/a,b.jpg", &phone_photo(900, 600));
    site.build_ok(&[]);
    assert!(site.has_out("tin/ảnh hội nghị-480w.webp"));
    let html = site.out("tin/a/index.html");
    assert!(
        html.contains(
            r#"srcset="../../tin/ảnh%20hội%20nghị-480w.webp 480w, ../../tin/ảnh%20hội%20nghị-600w.webp 600w""#
        ),
        "{html}"
    );
    assert!(html.contains(r#"srcset="../../tin/a%2Cb-480w.webp 480w, ../../tin/a%2Cb-600w.webp 600w""#), "{html}");
    // The lead photo and the cards (through the theme's srcset filter) too.
    let list = site.out("tin/index.html");
    assert!(
        list.contains(r#"srcset="../tin/ảnh%20hội%20nghị-480w.webp 480w, ../tin/ảnh%20hội%20nghị-600w.webp 600w""#),
        "{list}"
    );
}

#[test]
fn an_animated_lead_photo_has_no_empty_srcset() {
    let site = TestSite::with(&[
        ("site.yaml", "base_url: https://example.org/\n"),
        ("content/tin/a.md", &article("A", "2023-04-06", "image: dong.webp\n", "x")),
    ]);
    site.write_bytes("content/tin/dong.webp", &animated_webp(b"x"));
    site.build_ok(&[]);
    for page in ["tin/a/index.html", "index.html", "tin/index.html"] {
        let html = site.out(page);
        assert!(!html.contains(r#"srcset="""#), "{page}: {html}");
        assert!(html.contains("dong.webp"), "{page} shows the photo");
    }
}

#[test]
fn one_photo_in_many_articles_is_made_once_without_a_race() {
    // The same bytes under many names are made into one cache folder, by several threads at a
    // time: none may remove the folder another has just put in place.
    let mut photo = Vec::new();
    image::RgbImage::from_fn(900, 600, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 90]))
        .write_to(&mut std::io::Cursor::new(&mut photo), image::ImageFormat::Jpeg)
        .expect("a JPEG");
    let site = TestSite::with(&[("site.yaml", "base_url: https://example.org/\n")]);
    for i in 0..24 {
        site.write_bytes(&format!("content/tin/anh-{i}.jpg"), &photo);
        site.write(
            &format!("content/tin/a{i}.md"),
            &article(&format!("Bài {i}"), "2023-04-06", &format!("image: anh-{i}.jpg\n"), "x"),
        );
    }
    for round in 0..4 {
        let _ = std::fs::remove_dir_all(site.path(".bantin-cache"));
        let out = site.run(&["build"]);
        assert!(out.status.success(), "round {round}: {}", String::from_utf8_lossy(&out.stderr));
    }
}

#[test]
fn a_photo_written_in_other_capitals_is_named_as_it_is() {
    // Cameras write `DSC_0042.JPG`; the editor's computer found `dsc_0042.jpg`, the server does not.
    let site = TestSite::with(&[
        ("site.yaml", "base_url: https://example.org/\n"),
        (
            "content/tin/a.md",
            &article("A", "2023-04-06", "image: dsc_0042.jpg\n", "![Một](dsc_0042.jpg)\n\n![Hai](dsc-0043.jpg)"),
        ),
    ]);
    site.write_bytes("content/tin/DSC_0042.JPG", &phone_photo(320, 240));
    site.write_bytes("content/tin/DSC_0043.JPG", &phone_photo(320, 240));
    let err = site.build_err();
    let case = "có tệp DSC_0042.JPG: hãy viết đúng chữ hoa/thường như tên tệp";
    assert_eq!(err.matches(case).count(), 2, "the front matter's and the body's: {err}");
    assert!(err.contains("content/tin/a.md:4:8: image: `dsc_0042.jpg`"), "{err}");
    assert!(err.contains("content/tin/a.md:6:1: `dsc_0042.jpg`"), "{err}");
    // A name a letter away: the one there is said.
    assert!(err.contains("cùng thư mục có tệp DSC_0043.JPG, tên gần giống"), "{err}");
    site.write("site.yaml", "base_url: https://example.org/\nlanguage: en\n");
    let err = site.build_err();
    assert!(err.contains("there is a file DSC_0042.JPG: write the name with the same capital"), "{err}");
    assert!(err.contains("the same folder has DSC_0043.JPG"), "{err}");
}

/// A PNG of `img` whose pixels are in chunks (`IDAT`) of at most `size` bytes, as cameras and
/// slide programs write them; the encoder of `image` writes one.
fn png_in_chunks(img: &image::DynamicImage, size: usize) -> Vec<u8> {
    let mut png = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png).unwrap();
    let chunk = |kind: &[u8], data: &[u8]| {
        let crc = crc32(&[kind, data].concat());
        [&(data.len() as u32).to_be_bytes()[..], kind, data, &crc.to_be_bytes()].concat()
    };
    let (mut out, mut pixels, mut at) = (png[..8].to_vec(), Vec::new(), 8);
    while at < png.len() {
        let len = u32::from_be_bytes(png[at..at + 4].try_into().unwrap()) as usize;
        let (kind, data) = (&png[at + 4..at + 8], &png[at + 8..at + 8 + len]);
        match kind {
            b"IDAT" => pixels.extend_from_slice(data),
            b"IEND" => {
                for part in pixels.chunks(size) {
                    out.extend(chunk(b"IDAT", part));
                }
                out.extend(chunk(b"IEND", b""));
            }
            _ => out.extend(chunk(kind, data)),
        }
        at += 12 + len;
    }
    out
}

#[test]
fn a_png_missing_only_its_end_is_published_and_one_cut_in_its_pixels_is_not() {
    // Slides of a real site, shown by every browser, were refused: their end marker was cut in
    // part. A PNG cut within its pixels stays a problem.
    let img = image::DynamicImage::ImageRgb8(image::RgbImage::from_fn(640, 480, |x, y| {
        image::Rgb([(x * 7 % 251) as u8, (y * 13 % 241) as u8, ((x * y) % 239) as u8])
    }));
    let png = png_in_chunks(&img, 8192);
    assert!(png.len() > 3 * 8192, "several chunks of pixels");
    let end = png.len() - 12;
    // Where the last chunk of pixels starts.
    let last_pixels = png.windows(4).rposition(|w| w == b"IDAT").unwrap() - 4;
    let site = TestSite::with(&[
        ("site.yaml", "base_url: https://example.org/\n"),
        ("content/tin/a.md", &article("A", "2023-04-06", "", "![Một](mot.png)\n\n![Hai](hai.png)\n\n![Ba](ba.png)")),
    ]);
    // Without the end marker (12 bytes), without its last 4 or 7 bytes.
    site.write_bytes("content/tin/mot.png", &png[..end]);
    site.write_bytes("content/tin/hai.png", &png[..png.len() - 4]);
    site.write_bytes("content/tin/ba.png", &png[..png.len() - 7]);
    let out = site.build_ok(&[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    for name in ["mot", "hai", "ba"] {
        assert!(stderr.contains(&format!("content/tin/{name}.png:1:1: tệp PNG thiếu phần kết thúc")), "{stderr}");
        let published = image::load_from_memory(&std::fs::read(site.path(&format!("output/tin/{name}.png"))).unwrap());
        assert_eq!(published.unwrap().to_rgb8(), img.to_rgb8(), "{name}: every pixel");
    }
    assert!(stderr.contains("hãy mở ảnh bằng một chương trình xem hay sửa ảnh rồi lưu lại"), "{stderr}");
    // Cut within its pixels: in the middle of a chunk, or after a whole chunk with more to come.
    site.write("content/tin/a.md", &article("A", "2023-04-06", "", "![Một](giua.png)\n\n![Hai](bien.png)"));
    site.write_bytes("content/tin/giua.png", &png[..last_pixels + 100]);
    site.write_bytes("content/tin/bien.png", &png[..last_pixels]);
    let err = site.build_err();
    for (at, name) in [("5:1", "giua"), ("7:1", "bien")] {
        let said =
            format!("content/tin/a.md:{at}: không đăng được ảnh content/tin/{name}.png: ảnh bị hỏng: tệp bị cụt");
        assert!(err.contains(&said), "{name}: {err}");
    }
}
