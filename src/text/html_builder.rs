//! The state machine behind `html_to_rich`: tags open and close blocks, styles and links.
//!
//! Contract: pure; no IO; every index is checked, so no markup can make it panic.

use super::*;

impl Builder {
    /// Handles a start tag.
    pub(super) fn start<S: html5gum::SpanBound>(&mut self, tag: &StartTag<S>) {
        let tag_name = name(&tag.name);
        let tag_name = tag_name.as_str();
        if BLOCK_TAGS.contains(&tag_name) {
            self.close_block();
        }
        if let Some(n) = self.styles.counter(tag_name) {
            *n = n.saturating_add(1);
        }
        match tag_name {
            "br" => self.line_break(),
            "a" => self.open_anchor(anchor_kind(tag)),
            "span" => self.spans.push(span_role(&attr(tag, "class"))),
            "img" => self.text(&attr(tag, "alt")),
            "ul" | "ol" => self.lists.push(list_ctx(tag_name == "ol", &attr(tag, "start"))),
            "li" => self.open_item(),
            "blockquote" => self.quote = self.quote.saturating_add(1),
            "pre" => self.pre = self.pre.saturating_add(1),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => self.heading = self.heading.saturating_add(1),
            t if SKIP_TAGS.contains(&t) && !tag.self_closing => self.skip = self.skip.saturating_add(1),
            _ => {}
        }
    }

    /// Handles an end tag; unmatched end tags are ignored.
    pub(super) fn end(&mut self, tag_name: &str) {
        if BLOCK_TAGS.contains(&tag_name) {
            self.close_block();
        }
        if let Some(n) = self.styles.counter(tag_name) {
            *n = n.saturating_sub(1);
        }
        match tag_name {
            "a" => self.close_anchor(),
            "span" => self.close_span(),
            "p" => self.spans.clear(),
            "ul" | "ol" => self.close_list(),
            "li" => {
                self.items.pop();
            }
            "blockquote" => self.quote = self.quote.saturating_sub(1),
            "pre" => self.pre = self.pre.saturating_sub(1),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => self.heading = self.heading.saturating_sub(1),
            t if SKIP_TAGS.contains(&t) => self.skip = self.skip.saturating_sub(1),
            _ => {}
        }
    }

    /// Adds decoded text, collapsing whitespace outside `pre`.
    pub(super) fn text(&mut self, raw: &str) {
        if self.skip > 0 || self.spans.contains(&SpanRole::Invisible) {
            return;
        }
        let clean = sanitize(raw);
        if self.pre > 0 {
            return self.append(&clean);
        }
        let mut out = String::with_capacity(clean.len());
        for c in clean.chars() {
            if !is_html_space(c) {
                out.push(c);
                self.last_ws = false;
            } else if !self.last_ws {
                out.push(' ');
                self.last_ws = true;
            }
        }
        self.append(&out);
    }

    /// Closes everything still open and returns the rich text.
    pub(super) fn finish(mut self) -> RichText {
        while !self.anchors.is_empty() {
            self.close_anchor();
        }
        self.close_block();
        for block in &mut self.blocks {
            merge_spans(block);
        }
        RichText { blocks: self.blocks }
    }

    /// The kind of block text would open now.
    fn context_kind(&self) -> BlockKind {
        if self.pre > 0 {
            BlockKind::Code
        } else if self.heading > 0 {
            BlockKind::Heading
        } else if let Some((_, kind)) = self.items.last() {
            *kind
        } else if self.quote > 0 {
            BlockKind::Quote
        } else {
            BlockKind::Paragraph
        }
    }

    /// Appends text to the open block (opening one if needed), merging with a matching span.
    fn append(&mut self, text: &str) {
        if text.is_empty() || (!self.open && text.trim().is_empty() && self.pre == 0) {
            return;
        }
        if !self.open {
            let kind = self.context_kind();
            self.blocks.push(Block { kind, spans: Vec::new() });
            self.open = true;
        }
        let style = self.styles.style();
        let split = std::mem::take(&mut self.split);
        let Some(block) = self.blocks.last_mut() else {
            return;
        };
        match block.spans.last_mut() {
            Some(last) if !split && last.style == style && last.link.is_none() => last.text.push_str(text),
            _ => block.spans.push(Span { text: text.to_owned(), style, link: None }),
        }
    }

    /// A `<br>`: a hard break inside the open block.
    fn line_break(&mut self) {
        if self.open {
            self.append("\n");
            self.last_ws = true;
        }
    }

    /// Ends the open block, trimming its edges and dropping it when nothing is left.
    fn close_block(&mut self) {
        if !std::mem::take(&mut self.open) {
            return;
        }
        self.last_ws = true;
        self.split = false;
        let Some(block) = self.blocks.last_mut() else {
            return;
        };
        let code = block.kind == BlockKind::Code;
        trim_block(block, if code { &['\n'] } else { &[' ', '\n'] });
        if block.spans.is_empty() {
            self.blocks.pop();
        }
    }

    /// Starts an `<a>`, closing any still-open one (anchors do not nest).
    fn open_anchor(&mut self, kind: AnchorKind) {
        while !self.anchors.is_empty() {
            self.close_anchor();
        }
        let (block, span) = match (self.open, self.blocks.last()) {
            (true, Some(b)) => (self.blocks.len() - 1, b.spans.len()),
            _ => (self.blocks.len(), 0),
        };
        self.anchors.push(Anchor { kind, block, span });
        self.split = true;
    }

    /// Ends an `<a>`: builds its link from the visible text and sets it on its spans.
    fn close_anchor(&mut self) {
        let Some(anchor) = self.anchors.pop() else {
            return;
        };
        self.split = true;
        let text: String = self.anchor_spans(&anchor).map(|s| s.text.as_str()).collect();
        let Some(link) = anchor_link(anchor.kind, &text) else {
            return;
        };
        for span in self.anchor_spans_mut(anchor.block, anchor.span) {
            span.link = Some(link.clone());
        }
    }

    /// The spans written since `anchor` opened.
    fn anchor_spans(&self, anchor: &Anchor) -> impl Iterator<Item = &Span> {
        let (b, s) = (anchor.block, anchor.span);
        let blocks = self.blocks.iter().enumerate().skip(b);
        blocks.flat_map(move |(i, block)| block.spans.iter().skip(if i == b { s } else { 0 }))
    }

    /// The spans written since block `b`, span `s`, mutably.
    fn anchor_spans_mut(&mut self, b: usize, s: usize) -> impl Iterator<Item = &mut Span> {
        let blocks = self.blocks.iter_mut().enumerate().skip(b);
        blocks.flat_map(move |(i, block)| block.spans.iter_mut().skip(if i == b { s } else { 0 }))
    }

    /// Ends a `<span>`; an ellipsis span is followed by `…`.
    fn close_span(&mut self) {
        if self.spans.pop() == Some(SpanRole::Ellipsis) {
            self.text("…");
        }
    }

    /// Starts an `<li>`, implicitly closing a sibling item left open.
    fn open_item(&mut self) {
        let level = self.lists.len();
        while self.items.last().is_some_and(|(l, _)| *l >= level) {
            self.items.pop();
        }
        let depth = u8::try_from(level.saturating_sub(1)).unwrap_or(u8::MAX);
        let number = match self.lists.last_mut() {
            Some(list) if list.ordered => {
                let n = list.next;
                list.next = n.saturating_add(1);
                Some(n)
            }
            _ => None,
        };
        self.items.push((level, BlockKind::ListItem { number, depth }));
    }

    /// Ends a `<ul>`/`<ol>` with the items left open in it.
    fn close_list(&mut self) {
        let level = self.lists.len();
        while self.items.last().is_some_and(|(l, _)| *l >= level) {
            self.items.pop();
        }
        self.lists.pop();
    }
}
