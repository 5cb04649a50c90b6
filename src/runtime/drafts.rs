//! Effects around drafts: reading an image for the compose box, publishing, retrying or discarding an
//! outbox draft, and telling the app what the outbox holds afterwards.

use tokio::sync::mpsc;

use super::Runtime;
use crate::app::Msg;
use crate::store::outbox::Outbox;

impl Runtime {
    /// Reads an image (off the event loop) and hands it to the compose box.
    pub(super) fn load_image(&self, path: std::path::PathBuf, tx: mpsc::UnboundedSender<Msg>) {
        tokio::task::spawn_blocking(move || {
            let _ = tx.send(Msg::ImageLoaded(crate::store::attachment::load(&path, "")));
        });
    }

    /// Publishes a new draft through the outbox.
    pub(super) fn publish(&self, request: crate::publish::prepare::Request, tx: mpsc::UnboundedSender<Msg>) {
        let (clients, outbox) = (self.clients.read().map(|c| c.clone()).unwrap_or_default(), self.outbox.clone());
        tokio::spawn(async move {
            let progress = tx.clone();
            let mut each = move |o: &crate::publish::Outcome| {
                let _ = progress.send(Msg::Progress(o.clone()));
            };
            let sent = match crate::publish::new_draft(&request) {
                Ok(mut draft) => crate::publish::send_with(&outbox, &mut draft, &clients, &mut each).await,
                Err(e) => Err(e.into()),
            };
            let msg = match sent {
                Ok(outcomes) => Msg::Published(outcomes),
                Err(e) => Msg::PublishFailed { request, error: e.to_string() },
            };
            let _ = tx.send(msg);
            report(&outbox, &tx).await;
        });
    }

    /// Sends an outbox draft again, only where it is missing.
    pub(super) fn retry(&self, id: String, tx: mpsc::UnboundedSender<Msg>) {
        let (clients, outbox) = (self.clients.read().map(|c| c.clone()).unwrap_or_default(), self.outbox.clone());
        tokio::spawn(async move {
            let listed = outbox.list();
            let draft = listed.as_ref().ok().and_then(|l| l.iter().find(|d| d.id == id).cloned());
            let msg = match (draft, listed) {
                (Some(mut draft), _) => match crate::publish::send(&outbox, &mut draft, &clients).await {
                    Ok(outcomes) => Msg::Published(outcomes),
                    Err(e) => Msg::OpenFailed(format!("the outbox cannot be written: {e}")),
                },
                (None, Err(e)) => Msg::OpenFailed(format!("the outbox cannot be read: {e}")),
                (None, Ok(_)) => Msg::OpenFailed("that draft is gone from the outbox".into()),
            };
            let _ = tx.send(msg);
            report(&outbox, &tx).await;
        });
    }

    /// Drops an outbox draft the user discarded.
    pub(super) fn discard(&self, id: String, tx: mpsc::UnboundedSender<Msg>) {
        let outbox = self.outbox.clone();
        tokio::spawn(async move {
            let removed = {
                let outbox = outbox.clone();
                tokio::task::spawn_blocking(move || outbox.remove(&id)).await
            };
            if let Ok(Err(e)) = removed {
                let _ = tx.send(Msg::OpenFailed(format!("the draft could not be discarded: {e}")));
            }
            report(&outbox, &tx).await;
        });
    }

    /// Asks each Mastodon-API server for its limits, so the compose box counts as the server does.
    pub fn ask_rules(&self, tx: mpsc::UnboundedSender<Msg>) {
        let clients = self.clients.read().map(|c| c.clone()).unwrap_or_default();
        for client in clients.into_iter().filter(|c| c.network() == crate::model::Network::Mastodon) {
            let tx = tx.clone();
            tokio::spawn(async move {
                if let Ok(limits) = client.limits().await {
                    let _ = tx.send(Msg::Rules { account: client.account().clone(), rules: limits.into() });
                }
            });
        }
    }

    /// Tells the app what the outbox holds (at start).
    pub fn report_outbox(&self, tx: mpsc::UnboundedSender<Msg>) {
        let outbox = self.outbox.clone();
        tokio::spawn(async move { report(&outbox, &tx).await });
    }
}

async fn report(outbox: &Outbox, tx: &mpsc::UnboundedSender<Msg>) {
    let outbox = outbox.clone();
    match tokio::task::spawn_blocking(move || outbox.list()).await {
        Ok(Ok(drafts)) => {
            let _ = tx.send(Msg::Outbox(drafts));
        }
        Ok(Err(e)) => {
            let _ = tx.send(Msg::OpenFailed(format!("the outbox cannot be read: {e}")));
        }
        Err(_) => {}
    }
}
