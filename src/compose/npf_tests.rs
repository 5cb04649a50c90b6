use serde_json::json;

use super::*;

const FAMILY: &str = "👨\u{200d}👩\u{200d}👧\u{200d}👦";

/// The `text` of each block.
fn texts(blocks: &[Value]) -> Vec<&str> {
    blocks.iter().map(|b| b["text"].as_str().unwrap_or("<no text>")).collect()
}

#[test]
fn link_offsets_are_code_points_after_emoji() {
    let blocks = text_blocks("🙂 see https://example.com/x now");
    let expected = json!({
        "type": "text",
        "text": "🙂 see https://example.com/x now",
        "formatting": [{ "start": 6, "end": 27, "type": "link", "url": "https://example.com/x" }],
    });
    assert_eq!(blocks, [expected]);

    let text = format!("{FAMILY} 日本 example.com, {FAMILY} https://a.example/é");
    let blocks = text_blocks(&text);
    assert_eq!(
        blocks[0]["formatting"],
        json!([
            { "start": 11, "end": 22, "type": "link", "url": "https://example.com" },
            { "start": 32, "end": 51, "type": "link", "url": "https://a.example/é" },
        ])
    );
}

#[test]
fn paragraphs_split_at_blank_lines() {
    let blocks = text_blocks("first line\nsecond line\n\n\nnext para\n \t\nlast\n");
    assert_eq!(texts(&blocks), ["first line\nsecond line", "next para", "last"]);
    assert!(blocks.iter().all(|b| b["type"] == "text" && b.get("formatting").is_none()));
    assert_eq!(text_blocks(""), Vec::<Value>::new());
    assert_eq!(text_blocks("\n\n  \n"), Vec::<Value>::new());
    assert_eq!(texts(&text_blocks("a\r\n\r\nb")), ["a", "b"]);
}

#[test]
fn hashtags_and_mentions_stay_plain_text() {
    let blocks = text_blocks("hello #tumblr @bob.test");
    assert_eq!(blocks, [json!({ "type": "text", "text": "hello #tumblr @bob.test" })]);
}

#[test]
fn long_paragraphs_split_between_words() {
    let word = format!("{FAMILY}abc");
    let text = vec![word.as_str(); 1000].join(" ");
    assert_eq!(text.chars().count(), 10_999);
    let blocks = text_blocks(&text);
    assert_eq!(blocks.len(), 3);
    for block in texts(&blocks) {
        assert!(block.chars().count() <= 4096);
        assert!(block.split(' ').all(|w| w == word), "a word was cut");
    }
    let total_words: usize = texts(&blocks).iter().map(|b| b.split(' ').count()).sum();
    assert_eq!(total_words, 1000);
}

#[test]
fn links_in_a_split_paragraph_keep_offsets_per_block() {
    let filler = "word ".repeat(1000);
    let text = format!("{filler}https://example.com/end");
    let blocks = text_blocks(&text);
    let last = blocks.last().cloned().unwrap_or_default();
    let body = last["text"].as_str().unwrap_or_default();
    let start = body.chars().count() - "https://example.com/end".len();
    assert_eq!(last["formatting"][0]["start"], json!(start));
    assert_eq!(last["formatting"][0]["end"], json!(body.chars().count()));
}

#[test]
fn tags_in_order_once_without_hash() {
    let text = "#Art and #art, #タグ! #123 mid#no #cats,dogs #art";
    assert_eq!(tags(text), ["Art", "タグ", "cats"]);
    assert_eq!(tags(""), Vec::<String>::new());
    assert_eq!(tags("https://example.com/#frag"), Vec::<String>::new());
}
