//! The review web UI: a queue of papers by need and a paper view — each run a card of
//! editable values beside its PDF page — where annotators accept, edit or reject each field,
//! saved as corrections.

mod page_image;
mod pages;
mod queue;
mod server;

pub use page_image::{PageImageError, PageImages};
pub use pages::{paper_page, queue_page, PaperView};
pub use queue::{build_queue, QueueItem};
pub use server::{new_token, serve, App};
