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

/// 32-bit FNV-1a, as `bantin build` and the search script hash a folded term.
fn hash(t: &str) -> u64 {
    u64::from(t.bytes().fold(0x811c_9dc5_u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193)))
}

fn json(site: &TestSite, rel: &str) -> Value {
    serde_json::from_str(&site.out(&format!("tim-kiem/index/{rel}"))).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Every folded term, from the files of terms by first letter.
fn all_terms(site: &TestSite) -> Vec<String> {
    let prefixes = json(site, "meta.json")["prefixes"].as_u64().expect("meta.json names the number of term files");
    (0..prefixes)
        .filter(|n| site.has_out(&format!("tim-kiem/index/w/{n}.json")))
        .flat_map(|n| json(site, &format!("w/{n}.json")).as_array().unwrap().clone())
        .map(|t| t.as_str().unwrap().to_string())
        .collect()
}

/// A folded term's entry, from its bucket.
fn term(site: &TestSite, t: &str) -> Value {
    let buckets = json(site, "meta.json")["buckets"].as_u64().expect("meta.json names the number of buckets");
    let bucket = json(site, &format!("t/{}.json", hash(t) % buckets));
    bucket.get(t).cloned().unwrap_or_else(|| panic!("{t} is not in its bucket"))
}

/// The postings of a split term in shard `k`, from its group's file.
fn split_postings(site: &TestSite, t: &str, k: usize) -> Value {
    let group = term(site, t)["g"].as_u64().expect("a split term names its group");
    json(site, &format!("p/{group}.{k}.json"))[t].clone()
}

/// How many files the index is.
fn index_files(site: &TestSite) -> usize {
    site.output_tree().keys().filter(|k| k.starts_with("tim-kiem/index/")).count()
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

pub(crate) fn results(browser: &mut Browser, query: &str) -> String {
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
    assert!(giam.get("w").is_none(), "a split word's postings are in its group's files: {giam}");
    assert_eq!(split_postings(&site, "giam", 0)["giám"][0], 1, "shard 0 holds documents 0 and 1");
    let older = split_postings(&site, "giam", 1);
    let docs: Vec<u64> = older["giảm"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap()).collect();
    assert_eq!(docs[0], 2, "shard 1 holds documents 2 and 3: {docs:?}");
    // A word in one shard is not split: its bucket holds it and names the shard.
    let ke = term(&site, "ke");
    assert_eq!((ke["shards"].clone(), ke["split"].clone()), (serde_json::json!([1]), serde_json::json!(false)));
    assert_eq!(ke["w"]["kế"][0], 3);
    let meta: Value = serde_json::from_str(&site.out("tim-kiem/index/meta.json")).unwrap();
    assert_eq!(meta["shard"], 2);
}

#[test]
fn the_word_limit_counts_letters_not_bytes() {
    // 59 letters is a word however many bytes they take (`đ` is two); 61 is data.
    let (d59, x59, d61) = ("đ".repeat(59), "x".repeat(59), "đ".repeat(61));
    let site = TestSite::with(&[(
        "content/tin/a.md",
        &article("Mã số", "2023-04-06", "", &format!("Mã {d59}, mã {x59} và mã {d61}.")),
    )]);
    site.build_ok(&[]);
    assert!(term(&site, &"d".repeat(59))["w"].get(&d59).is_some());
    assert!(term(&site, &"x".repeat(59))["w"].get(&x59).is_some());
    let terms = all_terms(&site);
    assert!(terms.contains(&"d".repeat(59)) && !terms.iter().any(|t| t.chars().count() > 60), "{terms:?}");
}

/// A site of three articles with `n` distinct numbers each (codes, phone numbers, amounts).
fn site_of_numbers(n: usize) -> TestSite {
    let mut files: Vec<(String, String)> = Vec::new();
    for a in 0..3 {
        let numbers: Vec<String> = (0..n).map(|i| (100_000 + a * n + i).to_string()).collect();
        files.push((
            format!("content/tin/bang-{a}.md"),
            article(&format!("Bảng mã số {a}"), &format!("2023-04-0{}", a + 1), "", &numbers.join(" ")),
        ));
    }
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    TestSite::with(&refs)
}

#[test]
fn thousands_of_distinct_words_make_a_bounded_number_of_files() {
    let site = site_of_numbers(4000);
    site.build_ok(&[]);
    // 12,000 distinct numbers (and a few words): a few hundred files at most, not one a word.
    let files = index_files(&site);
    assert!(files <= 200, "{files} files in the index");
    let meta = json(&site, "meta.json");
    assert!(all_terms(&site).len() > 12_000);
    // What a reader typing `1` downloads for the prefix match: the terms that start with it.
    let ones = json(&site, &format!("w/{}.json", u32::from('1') % meta["prefixes"].as_u64().unwrap() as u32));
    assert!(ones.as_array().unwrap().iter().all(|t| t.as_str().unwrap().starts_with('1')), "{ones}");
    assert!(meta["buckets"].as_u64().unwrap() <= 512 && meta["groups"].as_u64().unwrap() <= 128, "{}", meta["buckets"]);
    // Every word is in its bucket.
    assert_eq!(term(&site, "104321")["w"]["104321"][0], 1, "in the second newest article");
}

#[test]
fn readers_find_rare_words_in_every_bucket() {
    let site = site_of_numbers(1500);
    let server = Server::start(&site, &[]);
    let Some(mut browser) = Browser::open(&format!("http://127.0.0.1:{}/tim-kiem/", server.port)) else { return };
    browser.wait_until("!!document.getElementById('search-page-q')", "the search page");
    for (number, title) in [("100000", "Bảng mã số 0"), ("101777", "Bảng mã số 1"), ("104499", "Bảng mã số 2")]
    {
        let r = results(&mut browser, &format!("{number} "));
        assert!(r.contains(title) && r.starts_with("1 "), "{number}: {r}");
    }
    let r = results(&mut browser, "bang ma so 2 ");
    assert!(r.contains("Bảng mã số 2"), "{r}");
    // While typing, the last word is a prefix: 104300…104307, from as many buckets.
    let r = results(&mut browser, "bang 10430");
    assert!(r.contains("Bảng mã số 2") && r.starts_with("1 "), "{r}");
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
