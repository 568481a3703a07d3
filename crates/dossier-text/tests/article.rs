//! Tests of `dossier_text::article` on whole inputs: pages in legacy
//! encodings, wire copy, ids for titles in every script, and hostile pages
//! (huge, deeply nested, arbitrary strings).

use dossier_text::article::{
    decode_html, extract_article, headline, plain_paragraphs, plain_paragraphs_and_headline, slug,
    DecodeError,
};
use proptest::prelude::*;
use std::time::{Duration, Instant};

const RUSSIAN_PAGE: &str = "<!doctype html><html lang=\"ru\"><head>\
    <title>Переговоры России и НАТО завершились без договорённостей</title></head><body>\
    <article><h1>Переговоры России и НАТО завершились без договорённостей</h1>\
    <p>Переговоры в Брюсселе продолжались более четырёх часов. Стороны договорились продолжить диалог, \
    однако по ключевым вопросам безопасности сблизить позиции не удалось.</p>\
    <p>Заместитель министра иностранных дел заявил журналистам, что делегация представила свои \
    предложения в письменном виде и ожидает ответа в течение ближайших недель.</p></article></body></html>";

const JAPANESE_PAGE: &str = "<!doctype html><html lang=\"ja\"><head>\
    <title>ロシアとNATOの協議、合意なく終了</title></head><body>\
    <article><h1>ロシアとNATOの協議、合意なく終了</h1>\
    <p>ブリュッセルで行われた協議は4時間以上に及んだが、安全保障をめぐる主要な問題では歩み寄りは見られなかった。\
    双方は対話を続けることでは一致した。</p>\
    <p>外務次官は記者団に対し、代表団が提案を書面で示し、数週間以内の回答を待っていると述べた。</p>\
    </article></body></html>";

fn with_meta(page: &str, charset: &str) -> String {
    page.replacen("<head>", &format!("<head><meta charset=\"{charset}\">"), 1)
}

#[test]
fn windows_1251_page_decodes_by_meta_by_header_and_by_guess() {
    let page = with_meta(RUSSIAN_PAGE, "windows-1251");
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1251.encode(&page);
    assert!(!unmappable);
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the bytes are not UTF-8"
    );
    assert_eq!(decode_html(&bytes, None).as_deref(), Ok(page.as_str()));
    // Declared by the HTTP header; no meta.
    let (bare, _, _) = encoding_rs::WINDOWS_1251.encode(RUSSIAN_PAGE);
    assert_eq!(
        decode_html(&bare, Some("text/html; charset=windows-1251")).as_deref(),
        Ok(RUSSIAN_PAGE)
    );
    // Declared nowhere: chardetng's guess.
    assert_eq!(decode_html(&bare, None).as_deref(), Ok(RUSSIAN_PAGE));
    let article = extract_article(&decode_html(&bare, None).unwrap_or_default(), None);
    assert_eq!(
        article.title,
        "Переговоры России и НАТО завершились без договорённостей"
    );
    assert!(article
        .markdown
        .contains("Переговоры в Брюсселе продолжались"));
}

#[test]
fn shift_jis_page_decodes_by_meta_and_by_guess() {
    let page = with_meta(JAPANESE_PAGE, "Shift_JIS");
    let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(&page);
    assert!(!unmappable);
    assert_eq!(decode_html(&bytes, None).as_deref(), Ok(page.as_str()));
    let (bare, _, _) = encoding_rs::SHIFT_JIS.encode(JAPANESE_PAGE);
    assert_eq!(decode_html(&bare, None).as_deref(), Ok(JAPANESE_PAGE));
    assert_eq!(
        decode_html(&bare, Some("Shift_JIS")).as_deref(),
        Ok(JAPANESE_PAGE)
    );
}

#[test]
fn gbk_and_latin_pages_are_guessed() {
    let chinese = "<html><head><title>北约与俄罗斯会谈未能达成协议</title></head><body><p>双方在布鲁塞尔举行了四个多小时的会谈，\
        但在关键安全问题上未能拉近立场。双方同意继续对话。</p></body></html>";
    let (bytes, _, _) = encoding_rs::GBK.encode(chinese);
    assert_eq!(decode_html(&bytes, None).as_deref(), Ok(chinese));
    let german = "<html><body><p>Die Gespräche in Brüssel dauerten über vier Stunden; größere \
        Annäherungen gab es nicht, aber man will weiter miteinander reden.</p></body></html>";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(german);
    assert_eq!(decode_html(&bytes, None).as_deref(), Ok(german));
}

#[test]
fn utf16_with_bom_and_utf8_with_bom() {
    let mut le = vec![0xFF, 0xFE];
    le.extend(RUSSIAN_PAGE.encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(decode_html(&le, None).as_deref(), Ok(RUSSIAN_PAGE));
    let mut be = vec![0xFE, 0xFF];
    be.extend(JAPANESE_PAGE.encode_utf16().flat_map(u16::to_be_bytes));
    assert_eq!(decode_html(&be, None).as_deref(), Ok(JAPANESE_PAGE));
    let mut utf8 = vec![0xEF, 0xBB, 0xBF];
    utf8.extend(JAPANESE_PAGE.as_bytes());
    // The BOM wins over a (wrong) declared charset.
    assert_eq!(
        decode_html(&utf8, Some("windows-1252")).as_deref(),
        Ok(JAPANESE_PAGE)
    );
}

#[test]
fn binary_and_garbage_are_refused_clearly() {
    let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00";
    assert_eq!(decode_html(png, None), Err(DecodeError::Binary));
    assert!(!DecodeError::Binary.to_string().is_empty());
}

/// A story in the shape of Reuters-21578 copy: headline in capitals, every
/// paragraph's first line indented, lines wrapped near 70 columns, a
/// sign-off line. Gold paragraphs written by hand.
const REUTERS_STYLE: &str = "\
PORT AUTHORITY RAISES CRANE REFIT BUDGET TO 40 MLN STG\r
    LONDON, March 18 - The port authority said it had raised the\r
budget for the refit of its four container cranes to 40 mln stg,\r
twice the figure it gave when the work began two years ago.\r
    The authority said the cranes returned to service on Monday\r
and that the first vessel was unloaded in under nine hours, a\r
third faster than before the refit.\r
    The dockers' union said the number of qualified operators had\r
fallen to 29 from 38 during the work and that it would ask for a\r
training scheme this week.\r
 REUTER\r
";

#[test]
fn reuters_style_wire_copy_splits_into_its_paragraphs() {
    let expected = "\
PORT AUTHORITY RAISES CRANE REFIT BUDGET TO 40 MLN STG

LONDON, March 18 - The port authority said it had raised the budget for the refit of its four container cranes to 40 mln stg, twice the figure it gave when the work began two years ago.

The authority said the cranes returned to service on Monday and that the first vessel was unloaded in under nine hours, a third faster than before the refit.

The dockers' union said the number of qualified operators had fallen to 29 from 38 during the work and that it would ask for a training scheme this week.

REUTER
";
    assert_eq!(plain_paragraphs(REUTERS_STYLE), expected);
    assert_eq!(
        headline(REUTERS_STYLE).as_deref(),
        Some("PORT AUTHORITY RAISES CRANE REFIT BUDGET TO 40 MLN STG")
    );
    // Both at once, as an import reads a file.
    assert_eq!(
        plain_paragraphs_and_headline(REUTERS_STYLE),
        (
            expected.to_string(),
            Some("PORT AUTHORITY RAISES CRANE REFIT BUDGET TO 40 MLN STG".to_string())
        )
    );
}

/// AP-style copy: headline, byline, dateline paragraph, no indentation,
/// paragraphs ended by short lines or blank lines, a form feed between
/// pages and a sign-off in parentheses.
const AP_STYLE: &str = "\
Talks on grain corridor end without a deal
By JANE MILLER Associated Press
GENEVA (AP) — Negotiators from the two countries ended three days of
talks on Friday without agreeing on how to reopen the grain corridor,
officials said.
Both delegations said they would meet again in two weeks. One official
said the gap on inspections had narrowed but not closed.\u{c}
\"We are closer than we were,\" the official said.
The United Nations, which hosted the talks, declined to comment on the
details of the proposals but said it remained ready to help the two
sides reach an agreement before the harvest.
(Reporting by Jane Miller; Editing by Tom Brown)
";

#[test]
fn ap_style_wire_copy_splits_into_its_paragraphs() {
    let expected = "\
Talks on grain corridor end without a deal

By JANE MILLER Associated Press

GENEVA (AP) — Negotiators from the two countries ended three days of talks on Friday without agreeing on how to reopen the grain corridor, officials said.

Both delegations said they would meet again in two weeks. One official said the gap on inspections had narrowed but not closed.

\"We are closer than we were,\" the official said.

The United Nations, which hosted the talks, declined to comment on the details of the proposals but said it remained ready to help the two sides reach an agreement before the harvest.

(Reporting by Jane Miller; Editing by Tom Brown)
";
    assert_eq!(plain_paragraphs(AP_STYLE), expected);
    assert_eq!(
        headline(AP_STYLE).as_deref(),
        Some("Talks on grain corridor end without a deal")
    );
}

#[test]
fn unwrapped_text_keeps_one_paragraph_per_line() {
    let text = "A first paragraph that was written on one long line without any wrapping at all, as editors and word processors save text, and it goes on for a while.\nA second one, also long, also on its own line, which must stay a paragraph of its own and not be joined to the first.\n";
    assert_eq!(plain_paragraphs(text).matches("\n\n").count(), 1);
}

#[test]
fn titles_in_every_script_give_readable_ids() {
    let article = extract_article(JAPANESE_PAGE, None);
    assert_eq!(slug(&article.title), "ロシアとnatoの協議-合意なく終了");
    assert_eq!(
        slug("北约与俄罗斯会谈未能达成协议"),
        "北约与俄罗斯会谈未能达成协议"
    );
    assert_eq!(slug("روسيا والناتو: لا اتفاق"), "روسيا-والناتو-لا-اتفاق");
    assert_eq!(slug("ရုရှားနှင့် နေတိုး ဆွေးနွေးပွဲ"), "ရုရှားနှင့်-နေတိုး-ဆွေးနွေးပွဲ");
    assert_eq!(slug("Переговоры России и НАТО"), "переговоры-россии-и-нато");
    assert_eq!(slug("Russia & NATO: talks"), "russia-nato-talks");
}

#[test]
fn a_fifty_megabyte_page_gives_a_result_quickly() {
    let paragraph = "<p>The port authority said the cranes had returned to service, and that the \
        first vessel, a feeder from Rotterdam, was unloaded in under nine hours.</p>\n";
    let mut page = String::from("<html><head><title>Big page</title></head><body><article>");
    while page.len() < 50 * 1024 * 1024 {
        page.push_str(paragraph);
    }
    page.push_str("</article></body></html>");
    let start = Instant::now();
    let article = extract_article(&page, None);
    let took = start.elapsed();
    println!(
        "50 MB page: {took:?}, {} bytes of Markdown",
        article.markdown.len()
    );
    assert!(article.markdown.contains("feeder from Rotterdam"));
    assert!(took < Duration::from_secs(120), "took {took:?}");
}

#[test]
fn a_hundred_thousand_nested_elements_give_a_result_quickly() {
    let depth = 100_000;
    let mut page = String::from("<html><body>");
    for _ in 0..depth {
        page.push_str("<div>");
    }
    page.push_str(
        "<p>The innermost paragraph holds the article's only words, and they are kept.</p>",
    );
    for _ in 0..depth {
        page.push_str("</div>");
    }
    page.push_str("</body></html>");
    let start = Instant::now();
    let article = extract_article(&page, None);
    let took = start.elapsed();
    println!("100,000 nested divs: {took:?}");
    assert!(
        article.markdown.contains("innermost paragraph"),
        "{:?}",
        article.markdown
    );
    assert!(took < Duration::from_secs(30), "took {took:?}");
    // Unclosed, too.
    let unclosed = "<span>".repeat(depth) + "words";
    let _ = extract_article(&unclosed, None);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn extract_article_never_panics(s in ".{0,400}", tags in proptest::collection::vec("<(/?)(p|div|a|h2|ul|li|table|td|script|meta charset=x)>", 0..40)) {
        let page = tags.join(&s);
        let _ = extract_article(&page, None);
        let _ = extract_article(&s, Some("not a url"));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn plain_text_functions_never_panic(s in "(.|\r|\n|\t|\u{c}| {4}){0,600}") {
        let out = plain_paragraphs(&s);
        prop_assert!(!out.contains("\n\n\n"));
        let h = headline(&s);
        // The two at once are the two alone.
        prop_assert_eq!(plain_paragraphs_and_headline(&s), (out, h));
        let id = slug(&s);
        prop_assert!(!id.is_empty() && !id.contains('/'));
    }

    #[test]
    fn decoding_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..600), declared in proptest::option::of("[a-zA-Z0-9_=; /-]{0,30}")) {
        let _ = decode_html(&bytes, declared.as_deref());
    }
}
