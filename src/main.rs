//! The `qnav` command line: the reader (no subcommand) and `list`, `show`,
//! `export` for scripts. Errors go to stderr; the exit code says what happened
//! (0 fine, 1 some input could not be loaded or nothing matched, 2 usage).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use qnav::load::{default_inputs, load_corpus};
use qnav::model::{Corpus, Document};
use qnav::text::printable;

#[derive(Parser)]
#[command(
    name = "qnav",
    version,
    about = "A terminal reader for interviews: messy text in, question→answer pairs out."
)]
#[command(
    after_help = "With no PATH, qnav opens ./docs-data if it exists, else the interviews built into it.\nPATH may be a file, a folder (read recursively: .txt, .md and extension-less files) or - for stdin."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Files or folders to open in the reader.
    paths: Vec<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// One line per document: title, interviewee, source, number of questions, path.
    List { paths: Vec<PathBuf> },
    /// A document (or one of its pairs) as clean text.
    Show {
        /// A path, or a unique part of a document's title.
        doc: String,
        /// Only this question→answer pair (1-based).
        #[arg(long)]
        pair: Option<usize>,
        /// Where to look for DOC when it is a title (default: as with no PATH).
        #[arg(long = "in")]
        within: Vec<PathBuf>,
    },
    /// All documents as JSON or Markdown on stdout.
    Export {
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Only the bookmarked pairs (with notes and citations) from the state file.
        #[arg(long)]
        bookmarks: bool,
        paths: Vec<PathBuf>,
    },
    /// Shell completions on stdout.
    Completions { shell: clap_complete::Shell },
    /// The manual page (roff) on stdout.
    Man,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
    Markdown,
}

fn inputs(paths: Vec<PathBuf>) -> Vec<PathBuf> {
    if paths.is_empty() {
        default_inputs()
    } else {
        paths
    }
}

/// Loads and reports every problem on stderr; `Err` when nothing could be loaded.
fn load(paths: Vec<PathBuf>) -> (Corpus, bool) {
    let (corpus, messages) = load_corpus(&inputs(paths));
    for m in &messages {
        eprintln!("qnav: {}", printable(m));
    }
    (corpus, messages.is_empty())
}

fn write_out(s: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    // A closed pipe (`qnav export | head`) is not an error worth a message.
    match out.write_all(s.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("qnav: cannot write output: {e}");
            ExitCode::FAILURE
        }
    }
}

fn list_line(d: &Document) -> String {
    let cell = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    format!(
        "{}\t{}\t{}\t{}\t{}\n",
        qnav::model::shorten(&d.display_title(), 70),
        cell(&d.interviewee),
        cell(&d.source),
        d.pairs.len(),
        d.path
    )
}

fn find_doc<'a>(corpus: &'a Corpus, key: &str) -> Result<&'a Document, String> {
    if let Some(d) = corpus.documents.iter().find(|d| d.path == key) {
        return Ok(d);
    }
    let lower = key.to_lowercase();
    let hits: Vec<&Document> = corpus
        .documents
        .iter()
        .filter(|d| {
            d.display_title().to_lowercase().contains(&lower)
                || d.path.to_lowercase().contains(&lower)
        })
        .collect();
    match hits.len() {
        1 => Ok(hits[0]),
        0 => Err(format!("no document matches {:?}", printable(key))),
        n => Err(format!(
            "{n} documents match {:?}: {}",
            printable(key),
            hits.iter()
                .map(|d| d.path.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        None => run_reader(cli.paths),
        Some(Command::List { paths }) => {
            let (corpus, clean) = load(paths);
            let text: String = corpus.documents.iter().map(list_line).collect();
            let code = write_out(&text);
            if clean { code } else { ExitCode::FAILURE }
        }
        Some(Command::Show { doc, pair, within }) => {
            let is_path = std::path::Path::new(&doc).exists();
            let (corpus, _) = if is_path {
                load(vec![PathBuf::from(&doc)])
            } else {
                load(within)
            };
            let found = if is_path {
                corpus
                    .documents
                    .first()
                    .ok_or_else(|| format!("{}: nothing to show", printable(&doc)))
            } else {
                find_doc(&corpus, &doc)
            };
            let d = match found {
                Ok(d) => d,
                Err(e) => {
                    eprintln!("qnav: {e}");
                    return ExitCode::FAILURE;
                }
            };
            let only = match pair {
                None => None,
                Some(n) => match d.pairs.get(n.wrapping_sub(1)) {
                    Some(p) => Some(p),
                    None => {
                        eprintln!(
                            "qnav: {} has {} question(s); there is no pair {n}",
                            d.path,
                            d.pairs.len()
                        );
                        return ExitCode::FAILURE;
                    }
                },
            };
            write_out(&qnav::export::to_text(d, only))
        }
        Some(Command::Completions { shell }) => {
            let mut out = Vec::new();
            clap_complete::generate(
                shell,
                &mut <Cli as clap::CommandFactory>::command(),
                "qnav",
                &mut out,
            );
            write_out(&String::from_utf8_lossy(&out))
        }
        Some(Command::Man) => {
            let mut out = Vec::new();
            if let Err(e) =
                clap_mangen::Man::new(<Cli as clap::CommandFactory>::command()).render(&mut out)
            {
                eprintln!("qnav: {e}");
                return ExitCode::FAILURE;
            }
            write_out(&String::from_utf8_lossy(&out))
        }
        Some(Command::Export {
            format,
            bookmarks: true,
            paths,
        }) => {
            let (corpus, clean) = load(paths);
            let Some(dir) = qnav::state::default_dir() else {
                eprintln!("qnav: no state directory (set XDG_STATE_HOME or HOME)");
                return ExitCode::FAILURE;
            };
            let (store, warnings) = qnav::state::Store::open(&dir);
            for w in warnings {
                eprintln!("qnav: {}", printable(&w));
            }
            let text = match format {
                Format::Json => {
                    qnav::citation::bookmarks_json(&corpus.documents, &store.state) + "\n"
                }
                Format::Markdown => {
                    qnav::citation::bookmarks_markdown(&corpus.documents, &store.state)
                }
            };
            let code = write_out(&text);
            if clean { code } else { ExitCode::FAILURE }
        }
        Some(Command::Export { format, paths, .. }) => {
            let (corpus, clean) = load(paths);
            let text = match format {
                Format::Json => qnav::export::to_json(&corpus.documents) + "\n",
                Format::Markdown => qnav::export::to_markdown(&corpus.documents),
            };
            let code = write_out(&text);
            if clean { code } else { ExitCode::FAILURE }
        }
    }
}

fn run_reader(paths: Vec<PathBuf>) -> ExitCode {
    use std::io::IsTerminal;
    let paths = inputs(paths);
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        // Not a terminal (a pipe, a file, CI): print the clean text, as `less` does.
        if paths.iter().any(|p| p.as_os_str() == "-") && std::io::stdin().is_terminal() {
            eprintln!("qnav: stdin is a terminal; nothing to read from `-`");
            return ExitCode::FAILURE;
        }
        let (corpus, clean) = load(paths);
        let text: Vec<String> = corpus
            .documents
            .iter()
            .map(|d| qnav::export::to_text(d, None))
            .collect();
        let code = write_out(&text.join("\n"));
        return if clean { code } else { ExitCode::FAILURE };
    }
    match qnav::tui::run(qnav::load::spawn_loader(paths)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("qnav: terminal error: {e}");
            ExitCode::FAILURE
        }
    }
}
