//! Tumblr API v2 JSON with NPF content. Private to this backend. Blocks are a tagged enum with a
//! catch-all, so a new block type never breaks a page.

use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub(super) struct Envelope<T> {
    pub response: T,
}

#[derive(Debug, Deserialize)]
pub(super) struct Dashboard {
    #[serde(default)]
    pub posts: Vec<Post>,
}

#[derive(Debug, Deserialize)]
pub(super) struct Post {
    pub id_string: String,
    #[serde(default)]
    pub blog_name: String,
    #[serde(default)]
    pub blog: Blog,
    #[serde(default)]
    pub post_url: Option<String>,
    pub timestamp: i64,
    #[serde(default)]
    pub reblog_key: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub content: Vec<Block>,
    #[serde(default)]
    pub layout: Vec<Layout>,
    #[serde(default)]
    pub trail: Vec<Trail>,
    #[serde(default)]
    pub note_count: Option<u64>,
    #[serde(default)]
    pub liked: Option<bool>,
    /// Whether the user follows the post's blog.
    #[serde(default)]
    pub followed: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct Blog {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub uuid: String,
    #[serde(default)]
    pub url: Option<String>,
    /// In `/v2/user/info`: the user's main blog.
    #[serde(default)]
    pub primary: bool,
}

#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub(super) enum Block {
    Text {
        #[serde(default)]
        text: String,
        #[serde(default)]
        subtype: Option<String>,
        #[serde(default)]
        formatting: Vec<Format>,
    },
    Image {
        #[serde(default)]
        media: Vec<MediaObject>,
        #[serde(default)]
        alt_text: Option<String>,
    },
    Link {
        #[serde(default)]
        url: String,
        #[serde(default)]
        title: Option<String>,
        #[serde(default)]
        description: Option<String>,
    },
    Audio {
        #[serde(default)]
        url: Option<String>,
        #[serde(default)]
        title: Option<String>,
        #[serde(default)]
        artist: Option<String>,
        #[serde(default)]
        media: Option<MediaObject>,
    },
    Video {
        #[serde(default)]
        url: Option<String>,
        #[serde(default)]
        media: Option<MediaObject>,
    },
    Poll {
        #[serde(default)]
        question: String,
        #[serde(default)]
        answers: Vec<PollAnswer>,
    },
    #[serde(other)]
    Unknown,
}

#[derive(Debug, Deserialize)]
pub(super) struct MediaObject {
    pub url: String,
}

#[derive(Debug, Deserialize)]
pub(super) struct PollAnswer {
    #[serde(default)]
    pub answer_text: String,
}

#[derive(Debug, Deserialize)]
pub(super) struct Format {
    pub start: usize,
    pub end: usize,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub blog: Option<Blog>,
}

#[derive(Debug, Deserialize)]
pub(super) struct Layout {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub blocks: Vec<usize>,
}

#[derive(Debug, Deserialize)]
pub(super) struct Trail {
    #[serde(default)]
    pub blog: Blog,
    #[serde(default)]
    pub content: Vec<Block>,
}

/// `GET /v2/user/info`: the user and their blogs.
#[derive(Debug, Deserialize)]
pub(super) struct UserInfo {
    pub user: User,
}

#[derive(Debug, Deserialize)]
pub(super) struct User {
    #[serde(default)]
    pub blogs: Vec<Blog>,
}

/// The token endpoint's answer. No `Debug`: it holds the tokens.
#[derive(Deserialize)]
pub(super) struct TokenAnswer {
    pub access_token: String,
    #[serde(default)]
    pub refresh_token: Option<String>,
    #[serde(default)]
    pub expires_in: Option<i64>,
}
