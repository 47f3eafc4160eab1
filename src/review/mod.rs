//! The review web UI: a queue of papers by need and a paper view where annotators accept,
//! edit or reject each field, saved as corrections.

mod pages;
mod queue;
mod server;

pub use pages::{paper_page, queue_page};
pub use queue::{build_queue, QueueItem};
pub use server::{new_token, serve, App};
