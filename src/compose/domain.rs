//! Is this a handle, is this a domain a person would type without `https://`?
//!
//! Contract: pure; no IO. Handles follow the atproto handle syntax: at least two dot-separated
//! labels of ASCII letters, digits and hyphens (1 to 63 each, no hyphen at either end), 253
//! bytes at most, and a top-level label that starts with a letter (so it is never all digits).
//!
//! A bare domain (a link typed without a scheme) must also end in a top-level domain people
//! use: a country code in `COUNTRY_TLDS` or one of `GENERIC_TLDS`. Without that, `file.txt` or
//! `node.js` in ordinary prose would turn into links. The Bluesky reference client checks the
//! full IANA list instead; a rarer generic TLD typed bare is therefore left as text here, and
//! still links when typed with `https://`.

/// Country-code top-level domains in the root zone, lower case, separated by spaces.
const COUNTRY_TLDS: &str = "\
    ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo bq br bs bt bw by bz \
    ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg er es et eu fi fj fk fm fo fr \
    ga gb gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir is it je jm jo jp \
    ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mg mh mk ml mm mn mo mp mq mr ms mt mu \
    mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro rs ru rw sa \
    sb sc sd se sg sh si sj sk sl sm sn so sr ss st su sv sx sy sz tc td tf tg th tj tk tl tm tn to tr tt tv tw tz ua ug \
    uk us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw";

/// Generic top-level domains accepted for bare links, lower case, separated by spaces.
const GENERIC_TLDS: &str = "\
    academy agency app art asia bar berlin bike bio biz black blog blue book build cafe camp capital care \
    center chat church city click cloud club codes coffee com community company computer consulting cool coop \
    dad date day design dev digital dog earth eco edu email energy events expert farm fashion film fish foo \
    food foundation fun fyi gallery game games garden gay gifts global gov green group guide guru help horse \
    host house how inc info ink institute int international jobs land law legal life link live lol london love \
    ltd media mil mobi moe mom money museum music name net network news ngo nyc one ong online org page paris \
    party pet photo photography photos pics pink pizza place plus press pro pub quest radio red rocks run \
    school science scot services shop show site social software solutions space store studio style support \
    systems team tech technology tel tips today tokyo tools top town toys travel university video vip wales \
    website wiki win work works world wtf xyz zone";

/// Longest handle or domain name, in bytes.
const MAX_NAME: usize = 253;

/// Longest label between dots, in bytes.
const MAX_LABEL: usize = 63;

/// True for one DNS label: ASCII letters, digits and inner hyphens, 1 to 63 bytes.
fn is_label(label: &str) -> bool {
    !label.is_empty()
        && label.len() <= MAX_LABEL
        && !label.starts_with('-')
        && !label.ends_with('-')
        && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// True when `name` is a syntactically valid atproto handle (no `@`).
pub(crate) fn is_handle(name: &str) -> bool {
    let mut labels = name.split('.');
    let Some(tld) = labels.next_back() else { return false };
    name.len() <= MAX_NAME
        && name.contains('.')
        && name.split('.').all(is_label)
        && tld.starts_with(|c: char| c.is_ascii_alphabetic())
}

/// True when `tld` (any case) is a top-level domain accepted for a bare link.
fn is_known_tld(tld: &str) -> bool {
    let tld = tld.to_ascii_lowercase();
    COUNTRY_TLDS.split(' ').chain(GENERIC_TLDS.split(' ')).any(|known| known == tld)
}

/// True when `name` is a domain that links without a scheme, e.g. `example.com`.
pub(crate) fn is_bare_domain(name: &str) -> bool {
    is_handle(name) && name.rsplit('.').next().is_some_and(is_known_tld)
}

/// Byte length of the domain at the start of `s`: dot-separated runs of ASCII letters, digits
/// and hyphens, stopping before a dot that is not followed by another such run.
pub(crate) fn domain_len(s: &str) -> usize {
    let bytes = s.as_bytes();
    let is_domain_byte = |b: &u8| b.is_ascii_alphanumeric() || *b == b'-';
    let mut end = bytes.iter().take_while(|b| is_domain_byte(b)).count();
    while bytes.get(end) == Some(&b'.') {
        let label = bytes.get(end + 1..).map_or(0, |rest| rest.iter().take_while(|b| is_domain_byte(b)).count());
        if label == 0 {
            break;
        }
        end += 1 + label;
    }
    end
}
