use clap::Parser;

fn main() {
    let cli = greenmir::cli::Cli::parse();
    if let Err(err) = greenmir::cli::run(cli) {
        // A closed pipe (`greenmir … | head`) is not a failure.
        if err.chain().any(|c| {
            c.downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
        }) {
            std::process::exit(0);
        }
        eprintln!("error: {err:#}");
        std::process::exit(1);
    }
}
