//! Text conversion and facet building: Mastodon HTML, Tumblr NPF blocks, Bluesky facets both ways
//! (reading a record's facets, and detecting them in a draft).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use murre::text::{Facet, FacetFeature, NpfFormat, NpfFormatKind, facets_to_rich, html_to_rich, npf_text_block};

const HTML: &str = "<p>Hello <span class=\"h-card\"><a href=\"https://social.example/@grace\" class=\"u-url mention\">@<span>grace</span></a></span>! See <a href=\"https://example.com/a/long/path\"><span class=\"invisible\">https://</span><span class=\"ellipsis\">example.com/a/long</span><span class=\"invisible\">/path</span></a> <a href=\"https://social.example/tags/rust\" class=\"mention hashtag\" rel=\"tag\">#<span>rust</span></a></p><p>日本語のテキスト &amp; more 👩‍👩‍👧‍👦<br/>second line with <strong>bold</strong> and <em>italics</em></p>";

fn draft() -> String {
    "Cross-posting 日本語 👩‍👩‍👧‍👦 to @alice.bsky.social and @bob.example.com, see https://example.com/a/b?c=d and #murre #テスト. "
        .repeat(2)
}

fn html(c: &mut Criterion) {
    c.bench_function("Mastodon HTML to rich text (one status)", |b| b.iter(|| html_to_rich(black_box(HTML))));
}

fn npf(c: &mut Criterion) {
    let text = "NPF text with a link and bold, 日本語 and 👩‍👩‍👧‍👦 emoji, and a mention of a blog at the end";
    let formatting = vec![
        NpfFormat { start: 16, end: 20, kind: NpfFormatKind::Link("https://example.com".into()) },
        NpfFormat { start: 25, end: 29, kind: NpfFormatKind::Bold },
        NpfFormat {
            start: 78,
            end: 82,
            kind: NpfFormatKind::Mention { blog: "blog".into(), url: "https://blog.tumblr.com".into() },
        },
    ];
    c.bench_function("Tumblr NPF text block to rich text", |b| {
        b.iter(|| npf_text_block(black_box(text), None, black_box(&formatting)))
    });
}

fn facets(c: &mut Criterion) {
    let text = draft();
    let found = murre::compose::facets::detect(&text);
    let record: Vec<Facet> = found
        .iter()
        .map(|f| Facet {
            start: f.start,
            end: f.end,
            features: vec![match &f.feature {
                murre::compose::facets::Feature::Link(u) => FacetFeature::Link(u.clone()),
                murre::compose::facets::Feature::Mention(h) => FacetFeature::Mention(format!("did:plc:{h}")),
                murre::compose::facets::Feature::Tag(t) => FacetFeature::Tag(t.clone()),
            }],
        })
        .collect();
    c.bench_function("Bluesky facets of a draft (detect)", |b| {
        b.iter(|| murre::compose::facets::detect(black_box(&text)))
    });
    c.bench_function("Bluesky record facets to rich text", |b| {
        b.iter(|| facets_to_rich(black_box(&text), black_box(&record)))
    });
}

criterion_group!(benches, html, npf, facets);
criterion_main!(benches);
