//! Site search: a static index that finds Vietnamese words typed without tone marks.

use serde_json::{Value, json};
use unicode_normalization::UnicodeNormalization;

use crate::browser::Browser;
use crate::serve::Server;
use crate::util::{TestSite, article};

fn site() -> TestSite {
    let nfd_body: String = "Hội nghị tạo sự đồng thuận cao trong nhân dân.".nfd().collect();
    TestSite::with(&[
        ("content/giam-ngheo/_index.md", "---\ntitle: Giảm nghèo bền vững\n---\n"),
        ("content/mat-tran/_index.md", "---\ntitle: Mặt trận Tổ quốc\n---\n"),
        (
            "content/giam-ngheo/ke-hoach-93.md",
            &article(
                "Kế hoạch 93 về giảm nghèo đa chiều",
                "2023-03-31",
                "tags: [Ninh Bình]\n",
                "UBND thành phố Ninh Bình ban hành kế hoạch giảm nghèo bền vững.",
            ),
        ),
        ("content/mat-tran/dong-thuan.md", &article("Hội nghị đối thoại", "2023-04-06", "", &nfd_body)),
        (
            "content/mat-tran/giam-sat.md",
            &article("Giám sát ở cơ sở", "2023-04-05", "", "Ủy ban giám sát việc thực hiện ở xã."),
        ),
        (
            "content/mat-tran/nghe-nghiep.md",
            &article("Đào tạo nghề", "2023-04-04", "", "Nghèo thì phải học nghề, giảm chi phí học."),
        ),
    ])
}

fn term(site: &TestSite, t: &str) -> Value {
    serde_json::from_str(&site.out(&format!("tim-kiem/index/t/{t}.json"))).unwrap_or_else(|e| panic!("{t}: {e}"))
}

#[test]
fn the_index_folds_tones_and_d_and_keeps_the_written_forms() {
    let site = site();
    site.build_ok(&[]);
    let meta: Value = serde_json::from_str(&site.out("tim-kiem/index/meta.json")).unwrap();
    assert_eq!(meta["documents"], 4);
    let giam = term(&site, "giam");
    let variants: Vec<&str> = giam["w"].as_object().unwrap().keys().map(String::as_str).collect();
    assert!(variants.contains(&"giảm") && variants.contains(&"giám"), "{variants:?}");
    // `đồng` (written in NFD in the source) is found under `dong`.
    assert!(term(&site, "dong")["w"].get("đồng").is_some());
    let docs: Value = serde_json::from_str(&site.out("tim-kiem/index/docs/0.json")).unwrap();
    assert!(
        docs.as_array()
            .unwrap()
            .iter()
            .any(|d| d[1] == "Kế hoạch 93 về giảm nghèo đa chiều" && d[0] == "giam-ngheo/ke-hoach-93/")
    );
    // The search page and the box in the header.
    assert!(site.out("tim-kiem/index.html").contains(r#"data-index="../tim-kiem/index/""#));
    assert!(site.out("index.html").contains(r#"action="tim-kiem/""#));
    assert!(site.has_out("search.js"));
}

#[test]
fn search_false_turns_it_all_off() {
    let site = site();
    site.write("site.yaml", "search: false\n");
    site.build_ok(&[]);
    assert!(!site.has_out("tim-kiem/index.html"));
    assert!(!site.has_out("tim-kiem/index/meta.json"));
    assert!(!site.out("index.html").contains("role=\"search\""));
}

fn results(browser: &mut Browser, query: &str) -> String {
    let js = format!(
        "(function(){{document.getElementById('search-results').innerHTML='';var i=document.getElementById('search-page-q');i.value={q};i.dispatchEvent(new Event('input'));return true;}})()",
        q = serde_json::to_string(query).unwrap()
    );
    browser.eval(&js);
    browser.wait_until("!!document.querySelector('#search-results .search-count, #search-results .empty') && !document.querySelector('#search-results').innerText.includes('…')", "search results");
    browser.eval("document.getElementById('search-results').innerText").as_str().unwrap_or_default().to_string()
}

#[test]
fn readers_find_articles_typing_without_tone_marks() {
    let site = site();
    let server = Server::start(&site, &[]);
    let Some(mut browser) = Browser::open(&format!("http://127.0.0.1:{}/tim-kiem/", server.port)) else { return };
    queries_find_what_they_should(&mut browser);
}

#[test]
fn words_split_over_many_shards_are_found_the_same_way() {
    let site = site();
    // One document a shard, every word split: a query reads several files per word; then one
    // file per word holding every shard, read a shard at a time.
    for shards in ["1,0", "1,1000000"] {
        let server = Server::start_with(&site, &[], &[("BANTIN_SEARCH_SHARDS", shards)]);
        let Some(mut browser) = Browser::open(&format!("http://127.0.0.1:{}/tim-kiem/", server.port)) else {
            return;
        };
        queries_find_what_they_should(&mut browser);
    }
}

#[test]
fn postings_are_split_in_shards_newest_first() {
    let site = site();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_bantin"))
        .args(["build", "--root"])
        .arg(site.root())
        .env("BANTIN_SEARCH_SHARDS", "2,0")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // Documents newest first: 0 đồng thuận (6/4), 1 giám sát, 2 đào tạo nghề, 3 kế hoạch 93 (31/3).
    let giam = term(&site, "giam");
    assert_eq!(giam["documents"], 3);
    assert_eq!((giam["shards"].clone(), giam["split"].clone()), (serde_json::json!([0, 1]), serde_json::json!(true)));
    assert_eq!(giam["w"]["giám"][0], 1, "shard 0 holds documents 0 and 1");
    let older: Value = serde_json::from_str(&site.out("tim-kiem/index/t/giam.1.json")).unwrap();
    let docs: Vec<u64> = older["w"]["giảm"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap()).collect();
    assert_eq!(docs[0], 2, "shard 1 holds documents 2 and 3: {docs:?}");
    // A word in one shard is not split: its first file holds it and names the shard.
    let ke = term(&site, "ke");
    assert_eq!((ke["shards"].clone(), ke["split"].clone()), (serde_json::json!([1]), serde_json::json!(false)));
    assert_eq!(ke["w"]["kế"][0], 3);
    let meta: Value = serde_json::from_str(&site.out("tim-kiem/index/meta.json")).unwrap();
    assert_eq!(meta["shard"], 2);
}

fn queries_find_what_they_should(browser: &mut Browser) {
    browser.wait_until("!!document.getElementById('search-page-q')", "the search page");

    let r = results(browser, "giam ngheo ");
    assert!(r.contains("Kế hoạch 93 về giảm nghèo đa chiều"), "{r}");
    assert!(!r.contains("Giám sát"), "both words must match: {r}");

    let r = results(browser, "dong thuan ");
    assert!(r.contains("Hội nghị đối thoại"), "đ is found from d, NFD text from NFC query: {r}");

    let r = results(browser, "ninh binh ");
    assert!(r.contains("Kế hoạch 93"), "{r}");

    // Typed with tone marks, the exact word ranks first.
    let r = results(browser, "giám ");
    let (first, second) = (r.find("Giám sát").unwrap_or(usize::MAX), r.find("Kế hoạch 93").unwrap_or(usize::MAX));
    assert!(first < second, "exact diacritics first: {r}");

    // A phrase must appear as written (after folding).
    let r = results(browser, "\"giam ngheo\"");
    assert!(r.contains("Kế hoạch 93") && !r.contains("Đào tạo nghề"), "{r}");

    // Matched words are highlighted; results show date and section.
    let marks =
        browser.eval("Array.from(document.querySelectorAll('#search-results mark')).map(m => m.innerText).join(',')");
    assert!(marks.as_str().unwrap_or_default().contains("giảm"), "{marks}");
    let r = results(browser, "ke hoach ");
    assert!(r.contains("31/03/2023") && r.contains("Giảm nghèo bền vững"), "{r}");

    let r = results(browser, "khongcotu ");
    assert!(r.contains("Không tìm thấy"), "{r}");
}

#[test]
fn more_results_than_a_page_are_a_click_away() {
    let mut files: Vec<(String, String)> = Vec::new();
    for i in 0..70 {
        let date = format!("2023-{:02}-{:02}", 1 + i / 28, 1 + i % 28);
        files.push((
            format!("content/tin/bai-{i}.md"),
            article(&format!("Giảm nghèo số {i}"), &date, "", "Giảm nghèo bền vững."),
        ));
    }
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let site = TestSite::with(&refs);
    let server = Server::start_with(&site, &[], &[("BANTIN_SEARCH_SHARDS", "8,0")]);
    let Some(mut browser) = Browser::open(&format!("http://127.0.0.1:{}/tim-kiem/", server.port)) else { return };
    browser.wait_until("!!document.getElementById('search-page-q')", "the search page");
    results(&mut browser, "giam ngheo ");
    let count = "document.querySelectorAll('#search-results .result').length";
    assert_eq!(browser.eval(count), json!(30));
    browser.eval("document.querySelector('.search-more button').click()");
    browser.wait_until(&format!("{count} === 60"), "a second page of results");
    assert_eq!(
        browser.eval("document.activeElement.closest('.result') === document.querySelectorAll('.result')[30]"),
        json!(true),
        "the keyboard goes on at the first new result"
    );
    browser.eval("document.querySelector('.search-more button').click()");
    browser.wait_until(&format!("{count} === 70"), "every result");
    assert_eq!(browser.eval("!!document.querySelector('.search-more')"), json!(false), "nothing more to show");
}

#[test]
fn words_typed_together_rank_first_where_they_stand_together() {
    // Both articles have both words; only the older has them side by side, as typed.
    let site = TestSite::with(&[
        (
            "content/tin/giam-sat.md",
            &article("Giám sát việc làm", "2023-04-06", "", "Ủy ban giám sát việc hỗ trợ hộ nghèo ở xã."),
        ),
        (
            "content/tin/giam-ngheo.md",
            &article("Hội nghị ở xã", "2023-04-01", "", "Hội nghị bàn cách giảm nghèo ở xã."),
        ),
    ]);
    let server = Server::start(&site, &[]);
    let Some(mut browser) = Browser::open(&format!("http://127.0.0.1:{}/tim-kiem/", server.port)) else { return };
    browser.wait_until("!!document.getElementById('search-page-q')", "the search page");
    results(&mut browser, "giam ngheo ");
    let first = browser.eval("document.querySelector('#search-results .result__title').innerText");
    assert_eq!(first, json!("Hội nghị ở xã"), "the words side by side come first");
}
