//! The `qnav` command line: the reader (no subcommand) and `list`, `show`,
//! `export` for scripts. Errors go to stderr; the exit code says what happened
//! (0 fine, 1 some input could not be loaded or nothing matched, 2 usage).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// `eprintln!` that never panics: a closed stderr (`2>&1 >out | head`)
/// loses the message, not the export.
macro_rules! say {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}
use qnav::config::Config;
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
    after_help = "With no PATH, qnav opens the `paths` of its config.toml (`qnav config --path` says where), else ./docs-data if it exists, else the interviews built into it.\nPATH may be a file, a folder (read recursively: .txt .md .markdown .text .html .htm .xhtml .docx .pdf .srt .vtt and extension-less files) or - for stdin."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Files or folders to open in the reader.
    paths: Vec<PathBuf>,
    /// Leave the mouse to the terminal (selecting text works as usual).
    #[arg(long)]
    no_mouse: bool,
    /// Read settings from FILE instead of $XDG_CONFIG_HOME/qnav/config.toml.
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Neither read nor write the cache of parsed documents and search
    /// indexes ($XDG_CACHE_HOME/qnav): parse and index everything afresh.
    #[arg(long, global = true)]
    no_cache: bool,
}

#[derive(Subcommand)]
enum Command {
    /// One line per document: title, date, interviewee, source, number of
    /// questions, path (tab-separated, nothing cut short).
    List {
        paths: Vec<PathBuf>,
        /// `{"documents": [{"path", "title", "date", "interviewee",
        /// "speakers", "format", "pairs", "bytes"}]}` instead.
        #[arg(long)]
        json: bool,
        /// Only the documents this matches, as the reader's `f` filter
        /// does: every space-separated term, fuzzily, in the title, date,
        /// interviewee, source or file name.
        #[arg(long, value_name = "TERMS")]
        filter: Option<String>,
        /// The order: as given (path), by date (oldest first, undated
        /// last) or by title.
        #[arg(long, value_name = "path|date|title", default_value = "path", value_parser = ["path", "date", "title"])]
        sort: String,
    },
    /// A document (or one of its pairs) as clean text.
    Show {
        /// A path, or a unique part of a document's title.
        doc: String,
        /// Only this question→answer pair (1-based).
        #[arg(long)]
        pair: Option<usize>,
        /// Only the pair that holds this place in the source: a line
        /// (`L214`), a printed page and line (`12:3`, court transcripts) or
        /// a time (`00:12:31`).
        #[arg(long, conflicts_with = "pair", value_name = "PLACE")]
        at: Option<String>,
        /// The source lines instead, numbered as an editor numbers them,
        /// each line qnav dropped marked with why (of the pair, with
        /// `--pair`/`--at`).
        #[arg(long)]
        lines: bool,
        /// Where to look for DOC when it is a title (default: as with no PATH).
        #[arg(long = "in")]
        within: Vec<PathBuf>,
    },
    /// Why a document was read as it was: the format and every detector's
    /// verdict, the speakers with their turns and roles, and for each turn
    /// the rule that made it ask, answer or moderate.
    Explain {
        /// A path, or a unique part of a document's title.
        doc: String,
        /// Where to look for DOC when it is a title (default: as with no PATH).
        #[arg(long = "in")]
        within: Vec<PathBuf>,
    },
    /// Statements matching QUERY, best first (the reader's search without the
    /// reader, like `fzf --filter`). Each term matches a word as typed,
    /// inflected or with a typo; statements holding every term come first,
    /// then those lacking one `(lacks: …)`, then letters scattered inside
    /// words `(fuzzy)`; `'word` matches exactly and is never dropped;
    /// `"two words"` is a phrase; a capital makes a term case-sensitive; the
    /// last term also matches words it starts unless a space follows it.
    Search {
        query: String,
        paths: Vec<PathBuf>,
        /// At most this many hits.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Only statements this speaker said (any word of their label:
        /// `Putin` finds `President of Russia Vladimir Putin` and `PUTIN`);
        /// the same as `@name` in the query.
        #[arg(long)]
        speaker: Option<String>,
        /// One JSON object instead of lines: the query, the counts (words,
        /// fuzzy, partial) and the hits.
        #[arg(long)]
        json: bool,
        /// Print to stderr how long each step took, on one line.
        #[arg(long)]
        timings: bool,
    },
    /// The questions of other documents most like one pair's question
    /// (sharing its rarer words), best first: document, date, pair, asker.
    Related {
        /// A path, or a unique part of a title or path.
        doc: String,
        /// The pair (1-based, as `Q7` is 7).
        #[arg(long)]
        pair: usize,
        /// Where to look for DOC and the other documents (default: as with
        /// no PATH).
        #[arg(long = "in")]
        within: Vec<PathBuf>,
        /// At most this many.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// `{"related": [{"path", "title", "date", "pair", "asker",
        /// "question", "score", "shared"}]}` instead of lines.
        #[arg(long)]
        json: bool,
    },
    /// Everyone who speaks, once however the files label them: turns,
    /// documents, the labels they go by; most turns first.
    Speakers {
        paths: Vec<PathBuf>,
        /// `{"speakers": [{"name", "labels", "turns", "asking", "documents"}]}`
        /// instead of lines.
        #[arg(long)]
        json: bool,
    },
    /// All documents as JSON or Markdown on stdout.
    Export {
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Only the bookmarked pairs (with notes and citations) from the state file.
        #[arg(long)]
        bookmarks: bool,
        /// Only the coded pairs (from the state file), by code, each with its
        /// citation: every code, or those named (`--codes=trust,price`).
        #[arg(long, num_args = 0..=1, value_delimiter = ',', require_equals = true)]
        codes: Option<Vec<String>>,
        paths: Vec<PathBuf>,
    },
    /// Check the settings file and say where it is; `--default` prints a
    /// complete, commented file with every setting at its default.
    Config {
        /// Print the default config.toml (every key binding, colour and option).
        #[arg(long)]
        default: bool,
        /// Print only the path qnav reads the settings from.
        #[arg(long, conflicts_with = "default")]
        path: bool,
    },
    /// The cache of parsed documents and search indexes that makes a folder
    /// open at once the second time: where it is, what it holds, or empty
    /// it. (It is always safe to delete; `--no-cache` leaves it alone.)
    Cache {
        /// Print the cache folder's path.
        #[arg(long, conflicts_with_all = ["clear", "stats"])]
        path: bool,
        /// Delete everything the cache holds.
        #[arg(long, conflicts_with = "stats")]
        clear: bool,
        /// How many documents and indexes it holds, and their size (the
        /// default).
        #[arg(long)]
        stats: bool,
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
    /// With `--codes` only: one row per code and pair.
    Csv,
}

/// The settings file in use: `--config`, else the XDG location.
fn config_path(flag: Option<PathBuf>) -> Option<PathBuf> {
    flag.or_else(qnav::config::default_path)
}

/// The settings, with problems reported on stderr (the reader shows them
/// in its status line instead).
/// A file named with `--config` must exist; the default one may not.
fn config(path: Option<&std::path::Path>, named: bool, report: bool) -> (Config, Vec<String>) {
    let Some(path) = path else {
        return (Config::default(), Vec::new());
    };
    let (config, warnings) = Config::load(path, named);
    if report {
        for w in &warnings {
            say!("qnav: {}", printable(w));
        }
    }
    (config, warnings)
}

/// What to open: the PATHs given, else `paths` from the settings, else
/// ./docs-data, else the bundled interviews.
fn inputs(paths: Vec<PathBuf>, config: &Config) -> Vec<PathBuf> {
    if !paths.is_empty() {
        return paths;
    }
    let configured = config.default_paths(qnav::config::home().as_deref());
    if configured.is_empty() {
        default_inputs()
    } else {
        configured
    }
}

/// Loads and reports every problem on stderr; `Err` when nothing could be loaded.
fn load(paths: Vec<PathBuf>, config: &Config) -> (Corpus, bool) {
    let given = inputs(paths, config);
    let (corpus, messages) = load_corpus(&given);
    for m in &messages {
        say!("qnav: {}", printable(m));
    }
    // A folder with nothing qnav reads is a mistake worth a word (and a
    // failing status), as `show` gives.
    if corpus.documents.is_empty() && messages.is_empty() && !given.is_empty() {
        say!(
            "qnav: no documents in {} (qnav reads {} and extension-less files)",
            given
                .iter()
                .map(|p| printable(&p.to_string_lossy()).into_owned())
                .collect::<Vec<_>>()
                .join(", "),
            qnav::load::EXTENSIONS
                .iter()
                .map(|e| format!(".{e}"))
                .collect::<Vec<_>>()
                .join(" ")
        );
        return (corpus, false);
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
            say!("qnav: cannot write output: {e}");
            ExitCode::FAILURE
        }
    }
}

fn list_line(d: &Document) -> String {
    // Whole fields: a tab or a line break inside one would split the row
    // (`cut -f`, `awk -F'\t'` read these), so each becomes a space.
    let field = |v: &str| v.replace(['\t', '\n', '\r'], " ");
    let cell = |v: &Option<String>| v.as_deref().map_or_else(|| "-".to_string(), field);
    format!(
        "{}\t{}\t{}\t{}\t{}\t{}\n",
        field(&d.display_title()),
        cell(&d.date),
        cell(&d.interviewee),
        cell(&d.source),
        d.pairs.len(),
        field(&d.path)
    )
}

/// The number of the pair that holds `at` (`L214`, `12:3`, `00:12:31`)
/// in `d`, or what is wrong with it.
fn pair_at(d: &qnav::model::Document, at: &str) -> Result<usize, String> {
    use qnav::source::{Place, line_of, pair_at_line, parse_place};
    let place = parse_place(d, at).ok_or_else(|| {
        format!(
            "--at {}: not a place; give a line (L214), a printed page and line (12:3) or a time (00:12:31)",
            printable(at)
        )
    })?;
    let line = line_of(d, &place).ok_or_else(|| {
        let what = match place {
            Place::PageLine(_) => "that page and line are not printed in",
            Place::Time(_) => "no time that early is given in",
            Place::Line(_) => "no such line in",
        };
        format!("--at {}: {what} {}", printable(at), d.path)
    })?;
    pair_at_line(d, line).map(|p| p.number).ok_or_else(|| {
        format!(
            "--at {}: line {line} of {} is before the first question",
            printable(at),
            d.path
        )
    })
}

/// The source lines of `d` (of `pair` only, if given), numbered, each
/// dropped line marked with why.
fn source_text(
    d: &qnav::model::Document,
    pair: Option<&qnav::model::Pair>,
) -> Result<String, String> {
    let all = qnav::source::read_lines(d)?;
    let range = match pair {
        Some(p) => qnav::source::pair_lines(p).unwrap_or(qnav::model::LineRange::new(1, 0)),
        None => qnav::model::LineRange::new(1, all.len()),
    };
    let mut out = String::new();
    for l in qnav::source::view(d, &all, range) {
        match l.dropped {
            Some(why) => out.push_str(&format!("{:>6} ┊ {}    [dropped: {why}]\n", l.no, l.text)),
            None => out.push_str(&format!("{:>6} │ {}\n", l.no, l.text)),
        }
    }
    Ok(out)
}

/// The document `key` names — a path, else a unique part of a title or
/// path among the documents of `within` — alone in a corpus; else the
/// problem said on stderr, and the exit code.
fn one_document(key: &str, within: Vec<PathBuf>, config: &Config) -> Result<Corpus, ExitCode> {
    find_one_document(key, within, config).map_err(|e| {
        say!("qnav: {e}");
        ExitCode::FAILURE
    })
}

fn find_one_document(key: &str, within: Vec<PathBuf>, config: &Config) -> Result<Corpus, String> {
    let path = std::path::Path::new(key);
    let is_path = path.exists();
    let (mut corpus, _) = if is_path {
        load(vec![PathBuf::from(key)], config)
    } else {
        load(within, config)
    };
    let index = if is_path {
        match corpus.documents.len() {
            0 => return Err(format!("{}: nothing to show", printable(key))),
            1 => 0,
            // A folder of many: which one is not ours to guess.
            n => {
                return Err(format!(
                    "{} holds {n} documents; name one (`qnav list {}` lists them)",
                    printable(key),
                    printable(key)
                ));
            }
        }
    } else {
        find_doc(&corpus, key)?
    };
    let d = corpus.documents.swap_remove(index);
    corpus.documents = vec![d];
    Ok(corpus)
}

/// The index of the document `key` names: its path, else a unique part of
/// a title or path.
fn find_doc(corpus: &Corpus, key: &str) -> Result<usize, String> {
    if let Some(i) = corpus.documents.iter().position(|d| d.path == key) {
        return Ok(i);
    }
    let lower = key.to_lowercase();
    let hits: Vec<usize> = (0..corpus.documents.len())
        .filter(|&i| {
            let d = &corpus.documents[i];
            d.display_title().to_lowercase().contains(&lower)
                || d.path.to_lowercase().contains(&lower)
        })
        .collect();
    match hits.len() {
        1 => Ok(hits[0]),
        // `nosuch.txt`: meant as a file; say that it is not there.
        0 if key.contains(['/', '\\'])
            || key.rsplit_once('.').is_some_and(|(_, ext)| {
                qnav::load::EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str())
            }) =>
        {
            Err(format!(
                "{}: no such file (and no document's title or path holds it)",
                printable(key)
            ))
        }
        0 => Err(format!("no document matches {:?}", printable(key))),
        n => Err(format!(
            "{n} documents match {:?}: {}",
            printable(key),
            hits.iter()
                .map(|&i| corpus.documents[i].path.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

fn main() -> ExitCode {
    // A converter's caught panic is a message about its file, not a
    // backtrace on stderr.
    qnav::convert::quiet_caught_panics();
    let cli = Cli::parse();
    let named = cli.config.is_some();
    let config_file = config_path(cli.config);
    // The reader shows problems with the settings in its status line; every
    // other command says them on stderr.
    let in_reader =
        cli.command.is_none() && std::io::stdout().is_terminal() && keys_from_terminal();
    let quiet = in_reader || matches!(cli.command, Some(Command::Config { .. }));
    let (config, config_warnings) = config(config_file.as_deref(), named, !quiet);
    let cache_dir = qnav::cache::default_dir();
    if !cli.no_cache {
        qnav::cache::use_for_this_process(cache_dir.clone().map(qnav::cache::Cache::at));
    }
    match cli.command {
        Some(Command::Cache { path, clear, .. }) => cache_command(cache_dir, path, clear),
        None => run_reader(cli.paths, !cli.no_mouse, &config, config_warnings),
        Some(Command::Config { default, path }) => config_command(
            config_file.as_deref(),
            default,
            path,
            &config,
            &config_warnings,
        ),
        Some(Command::List {
            paths,
            json,
            filter,
            sort,
        }) => {
            let (corpus, clean) = load(paths, &config);
            let sort = qnav::listing::DocSort::parse(&sort).unwrap_or_default();
            let order =
                qnav::listing::order(&corpus.documents, filter.as_deref().unwrap_or(""), sort);
            let listed: Vec<&qnav::model::Document> =
                order.iter().map(|&i| &corpus.documents[i]).collect();
            let text: String = if json {
                // Which documents are excerpts of others: told from the
                // search index's repeated statements.
                let index = qnav::cache::index_of(&corpus.documents, true);
                let contained: Vec<Vec<&str>> = order
                    .iter()
                    .map(|&i| {
                        index
                            .contained_in(i)
                            .iter()
                            .map(|&o| corpus.documents[o as usize].path.as_str())
                            .collect()
                    })
                    .collect();
                qnav::export::list_json(&listed, &contained) + "\n"
            } else {
                listed.iter().map(|d| list_line(d)).collect()
            };
            let code = write_out(&text);
            if clean { code } else { ExitCode::FAILURE }
        }
        Some(Command::Explain { doc, within }) => {
            let corpus = match one_document(&doc, within, &config) {
                Ok(c) => c,
                Err(code) => return code,
            };
            let d = corpus.documents.first().expect("one_document keeps one");
            write_out(&qnav::explain::explain(d))
        }
        Some(Command::Show {
            doc,
            pair,
            at,
            lines,
            within,
        }) => {
            let corpus = match one_document(&doc, within, &config) {
                Ok(c) => c,
                Err(code) => return code,
            };
            let d = corpus.documents.first().expect("one_document keeps one");
            let pair = match at.as_deref().map(|a| pair_at(d, a)) {
                None => pair,
                Some(Ok(n)) => Some(n),
                Some(Err(e)) => {
                    say!("qnav: {e}");
                    return ExitCode::FAILURE;
                }
            };
            let only = match pair {
                None => None,
                Some(n) => match d.pairs.get(n.wrapping_sub(1)) {
                    Some(p) => Some(p),
                    None => {
                        say!(
                            "qnav: {} has {} question(s); there is no pair {n}",
                            d.path,
                            d.pairs.len()
                        );
                        return ExitCode::FAILURE;
                    }
                },
            };
            if lines {
                return match source_text(d, only) {
                    Ok(text) => write_out(&text),
                    Err(e) => {
                        say!("qnav: {e}");
                        ExitCode::FAILURE
                    }
                };
            }
            match only {
                // A pair shown alone carries its citation: who said it, and
                // where it stands in the source.
                Some(p) => write_out(&format!(
                    "{}— {}\n",
                    qnav::export::to_text(d, only),
                    qnav::citation::citation(d, p)
                )),
                None => write_out(&qnav::export::to_text(d, None)),
            }
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
                say!("qnav: {e}");
                return ExitCode::FAILURE;
            }
            write_out(&String::from_utf8_lossy(&out))
        }
        Some(Command::Export {
            format,
            codes: Some(codes),
            paths,
            ..
        }) => {
            let (corpus, clean) = load(paths, &config);
            let Some(store) = read_state_for_export(&corpus) else {
                return ExitCode::FAILURE;
            };
            let codes: Vec<String> = codes
                .iter()
                .filter_map(|c| qnav::state::clean_code(c))
                .collect();
            let docs = &corpus.documents;
            let text = match format {
                Format::Json => qnav::citation::codes_json(docs, &store.state, &codes) + "\n",
                Format::Markdown => qnav::citation::codes_markdown(docs, &store.state, &codes),
                Format::Csv => qnav::citation::codes_csv(docs, &store.state, &codes),
            };
            let code = write_out(&text);
            if clean { code } else { ExitCode::FAILURE }
        }
        Some(Command::Export {
            format: Format::Csv,
            ..
        }) => {
            say!("qnav: --format csv is for coded pairs: add --codes");
            ExitCode::FAILURE
        }
        Some(Command::Export {
            format,
            bookmarks: true,
            paths,
            ..
        }) => {
            let (corpus, clean) = load(paths, &config);
            let Some(store) = read_state_for_export(&corpus) else {
                return ExitCode::FAILURE;
            };
            let text = match format {
                Format::Json => {
                    qnav::citation::bookmarks_json(&corpus.documents, &store.state) + "\n"
                }
                Format::Markdown => {
                    qnav::citation::bookmarks_markdown(&corpus.documents, &store.state)
                }
                Format::Csv => unreachable!("refused above"),
            };
            let code = write_out(&text);
            if clean { code } else { ExitCode::FAILURE }
        }
        Some(Command::Search {
            query,
            paths,
            limit,
            speaker,
            json,
            timings,
        }) => {
            // `--speaker "Vladimir Putin"` is `@vladimir @putin` in the query.
            let query = match speaker {
                Some(name) => {
                    let named: Vec<String> =
                        name.split_whitespace().map(|w| format!("@{w}")).collect();
                    format!("{} {query}", named.join(" "))
                }
                None => query,
            };
            search(&query, inputs(paths, &config), limit, json, timings)
        }
        Some(Command::Related {
            doc,
            pair,
            within,
            limit,
            json,
        }) => related(&doc, pair, inputs(within, &config), limit, json, &config),
        Some(Command::Speakers { paths, json }) => {
            let (corpus, clean) = load(inputs(paths, &config), &config);
            let code = write_out(&speakers_text(&corpus.documents, json));
            if clean { code } else { ExitCode::FAILURE }
        }
        Some(Command::Export { format, paths, .. }) => {
            let (corpus, clean) = load(paths, &config);
            let text = match format {
                Format::Json => {
                    let sources = quote_sources(&corpus.documents);
                    qnav::export::to_json(&corpus.documents, &sources) + "\n"
                }
                Format::Markdown => qnav::export::to_markdown(&corpus.documents),
                Format::Csv => unreachable!("refused above"),
            };
            let code = write_out(&text);
            if clean { code } else { ExitCode::FAILURE }
        }
    }
}

/// The state file, read only, with the files changed since they were
/// bookmarked found again (in memory: an export writes nothing); `None`
/// when there is no state folder (said on stderr).
fn read_state_for_export(corpus: &qnav::model::Corpus) -> Option<qnav::state::Store> {
    let Some(dir) = qnav::state::default_dir() else {
        say!("qnav: no state directory (set XDG_STATE_HOME or HOME)");
        return None;
    };
    let (mut store, warnings) = qnav::state::Store::open_read_only(&dir);
    for w in warnings {
        say!("qnav: {}", printable(&w));
    }
    for d in &corpus.documents {
        store.state.adopt(d);
    }
    Some(store)
}

/// `qnav speakers`: one line per person (tab-separated: name, turns,
/// documents, every label), or JSON.
fn speakers_text(docs: &[qnav::model::Document], json: bool) -> String {
    let people = qnav::search::people::people(docs);
    if json {
        #[derive(serde::Serialize)]
        struct Entry<'a> {
            name: &'a str,
            labels: &'a [String],
            turns: usize,
            /// Of those, turns that ask a question.
            asking: usize,
            documents: usize,
        }
        #[derive(serde::Serialize)]
        struct Out<'a> {
            speakers: Vec<Entry<'a>>,
        }
        let speakers = people
            .iter()
            .map(|p| Entry {
                name: &p.name,
                labels: &p.labels,
                turns: p.turns.len(),
                asking: p.turns.iter().filter(|t| t.asks()).count(),
                documents: p.documents,
            })
            .collect();
        return serde_json::to_string_pretty(&Out { speakers }).unwrap_or_default() + "\n";
    }
    people
        .iter()
        .map(|p| {
            format!(
                "{}\t{} turns\t{} documents\t{}\n",
                printable(&p.name),
                p.turns.len(),
                p.documents,
                printable(&p.labels.join(" | "))
            )
        })
        .collect()
}

/// Where each quote of each document comes from, when the documents hold
/// one with quotes and another to take them from (the index is built only
/// then).
fn quote_sources(
    docs: &[qnav::model::Document],
) -> Vec<Vec<Option<qnav::search::sources::Source>>> {
    if docs.len() < 2 || docs.iter().all(|d| d.quotes.is_empty()) {
        return Vec::new();
    }
    let index = qnav::cache::index_of(docs, true);
    qnav::search::sources::sources(&index, docs)
}

/// `qnav cache`: where the cache is, what it holds, or emptied.
fn cache_command(dir: Option<PathBuf>, path: bool, clear: bool) -> ExitCode {
    let Some(dir) = dir else {
        say!("qnav: no cache directory (set XDG_CACHE_HOME or HOME)");
        return ExitCode::FAILURE;
    };
    if path {
        return write_out(&format!("{}\n", printable(&dir.to_string_lossy())));
    }
    let cache = qnav::cache::Cache::at(&dir);
    let mb = |b: u64| b as f64 / 1e6;
    if clear {
        return match cache.clear() {
            Ok(s) => write_out(&format!(
                "removed {} documents and {} indexes and {} searches ({:.1} MB) from {}\n",
                s.documents,
                s.indexes,
                s.searches,
                mb(s.document_bytes + s.index_bytes + s.search_bytes),
                printable(&dir.to_string_lossy())
            )),
            Err(e) => {
                say!(
                    "qnav: cannot clear {}: {e}",
                    printable(&dir.to_string_lossy())
                );
                ExitCode::FAILURE
            }
        };
    }
    let s = cache.stats();
    write_out(&format!(
        "{}\ndocuments\t{}\t{:.1} MB\nindexes\t{}\t{:.1} MB\nsearches\t{}\t{:.1} MB\n",
        printable(&dir.to_string_lossy()),
        s.documents,
        mb(s.document_bytes),
        s.indexes,
        mb(s.index_bytes),
        s.searches,
        mb(s.search_bytes)
    ))
}

/// `qnav search`: read, parse, index, query, each step timed.
fn search(query: &str, paths: Vec<PathBuf>, limit: usize, json: bool, timings: bool) -> ExitCode {
    use std::time::Instant;

    // Usage errors, said (exit 2 as for every usage error): an empty query
    // matches nothing and a limit of 0 shows nothing, so neither can be meant.
    if query.trim().is_empty() {
        say!("qnav: the query is empty: give one or more words to look for");
        return ExitCode::from(2);
    }
    if limit == 0 {
        say!("qnav: --limit 0 would show no hit; give 1 or more");
        return ExitCode::from(2);
    }
    let ms = |t: Instant| t.elapsed().as_secs_f64() * 1000.0;
    let started = Instant::now();
    let (sources, mut messages) = qnav::load::collect_sources(&paths);
    let cache = qnav::cache::current();
    // Stamped before anything is read: a change made after shows next time.
    let files = cache
        .filter(|_| messages.is_empty())
        .and_then(|_| qnav::cache::search_file::stamps(&sources));
    let load_ms = ms(started);
    // Files unchanged since a search over them: the search file answers,
    // nothing is parsed.
    if let (Some(cache), Some(files)) = (cache, &files) {
        let started = Instant::now();
        if let Some(found) = cache.searched(files) {
            let timing = Timing {
                load_ms,
                parse_ms: 0.0,
                index_ms: ms(started),
                documents_from_cache: found.texts.documents.len(),
                index_from_cache: true,
                index_updated: 0,
                search_file: true,
            };
            let answer = answer(query, &found.index, (&found.texts).into(), limit, json);
            // A block of its text that the search read did not agree with
            // its checksum: answered from the files instead, and the search
            // file written anew.
            if !found.texts.damaged() {
                return answer.print(timings.then_some(timing));
            }
        }
    }
    let started = Instant::now();
    // Read and parsed on all cores, or taken from the cache. What is new to
    // the cache is written after the hits are out: it never delays them.
    let session = cache.map(|c| c.session());
    let mut documents = Vec::with_capacity(sources.len());
    qnav::load::load_ordered_with(&sources, session.as_ref(), |r| match r {
        Ok(d) => documents.push(d),
        Err(m) => messages.push(m),
    });
    let from_cache = session.as_ref().map_or(0, |s| s.hits());
    let session = session.and_then(|s| s.pending());
    let parse_ms = ms(started);
    for m in &messages {
        say!("qnav: {}", printable(m));
    }
    let started = Instant::now();
    // The cache's index of these documents, or one updated from the index
    // it holds of most of them (only what changed tokenised), or built.
    let (index, from) = qnav::cache::index_from(cache, &documents);
    let built = from != qnav::cache::IndexFrom::Cache;
    let timing = Timing {
        load_ms,
        parse_ms,
        index_ms: ms(started),
        documents_from_cache: from_cache,
        index_from_cache: !built,
        index_updated: match from {
            qnav::cache::IndexFrom::Updated { reused } => reused,
            _ => 0,
        },
        search_file: false,
    };
    let code =
        answer(query, &index, (&documents).into(), limit, json).print(timings.then_some(timing));
    if let Some(session) = session {
        session.finish();
    }
    if let Some(cache) = cache {
        // Kept with which documents are excerpts of others, as the reader
        // wants them (it takes its index from the search file, and would
        // otherwise look for them on every start): after the hits are out.
        let mut index = index;
        let excerpts = !index.looked_for_excerpts() && !documents.is_empty();
        if excerpts {
            index.note_containment(&documents);
        }
        if built || excerpts {
            cache.keep_index(&documents, &index);
        }
        if let Some(files) = files.filter(|_| messages.is_empty()) {
            cache.keep_searched(&files, &documents, &index);
        }
    }
    code
}

/// How long `qnav search`'s steps took, and what came from the cache.
struct Timing {
    load_ms: f64,
    parse_ms: f64,
    index_ms: f64,
    documents_from_cache: usize,
    index_from_cache: bool,
    /// Documents whose part of the index was taken from an index the cache
    /// held over most of them (0: not updated).
    index_updated: usize,
    /// Answered from a search file: nothing parsed, no document decoded.
    search_file: bool,
}

/// One query's hits, ready to print.
struct Answer {
    text: String,
    found: bool,
    query_ms: f64,
    /// The `--timings` line's counts.
    counts: String,
}

fn answer(
    query: &str,
    index: &qnav::search::Index,
    texts: qnav::search::Texts,
    limit: usize,
    json: bool,
) -> Answer {
    use qnav::search::report::{CountsReport, HitReport, SearchReport};
    let started = std::time::Instant::now();
    // (As in the reader and in search engines people know, the last term
    // also matches as a prefix unless a space follows it: `iran` finds
    // "Iranian", `"iran "` does not.)
    let results = qnav::search::Searcher::new().search(
        index,
        texts,
        query,
        qnav::search::Scope::All,
        0,
        limit,
    );
    let query_ms = started.elapsed().as_secs_f64() * 1000.0;
    let counts = format!(
        "statements={} matches={} fuzzy={} lacking_a_term={}{}",
        index.len(),
        results.counts.all,
        results.fuzzy.all,
        results
            .partial
            .map_or_else(|| "not_counted".to_string(), |p| p.all.to_string()),
        // Some term matched more words than are kept: a lower bound.
        if results.approximate {
            " matches_at_least=1"
        } else {
            ""
        },
    );
    let hits: Vec<HitReport> = results
        .hits
        .iter()
        .map(|h| HitReport::new(index, texts, h))
        .collect();
    let found = !hits.is_empty();
    let text = if json {
        let report = SearchReport {
            query: query.to_string(),
            counts: CountsReport::new(&results),
            hits,
        };
        serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"
    } else {
        hits.iter().map(|h| h.line() + "\n").collect()
    };
    Answer {
        text,
        found,
        query_ms,
        counts,
    }
}

impl Answer {
    /// Prints the hits (and with `timing`, how long each step took): the
    /// exit status is a failure when nothing was found.
    fn print(self, timing: Option<Timing>) -> ExitCode {
        if let Some(t) = timing {
            say!(
                "load_ms={:.1} parse_ms={:.1} index_ms={:.1} query_ms={:.2} {} documents_from_cache={} index_from_cache={} index_updated={} search_file={}",
                t.load_ms,
                t.parse_ms,
                t.index_ms,
                self.query_ms,
                self.counts,
                t.documents_from_cache,
                t.index_from_cache,
                t.index_updated,
                t.search_file
            );
        }
        let code = write_out(&self.text);
        if self.found { code } else { ExitCode::FAILURE }
    }
}

/// `qnav related DOC --pair N`: the other documents' questions most like
/// that pair's, from the search index (see `qnav::search::related`).
fn related(
    key: &str,
    pair: usize,
    within: Vec<PathBuf>,
    limit: usize,
    json: bool,
    config: &Config,
) -> ExitCode {
    let (mut corpus, _) = load(within, config);
    // DOC given as a file outside the others: read it too (once).
    if std::path::Path::new(key).is_file() && !corpus.documents.iter().any(|d| d.path == key) {
        let (alone, _) = load(vec![PathBuf::from(key)], config);
        corpus.documents.extend(alone.documents);
    }
    let docs = &corpus.documents;
    let doc = match find_doc(&corpus, key) {
        Ok(i) => i,
        Err(e) => {
            say!("qnav: {e}");
            return ExitCode::FAILURE;
        }
    };
    if pair == 0 || pair > docs[doc].pairs.len() {
        say!(
            "qnav: {} has {} pairs; --pair counts from 1",
            printable(&docs[doc].path),
            docs[doc].pairs.len()
        );
        return ExitCode::FAILURE;
    }
    let index = qnav::cache::index_of(docs, false);
    let found = qnav::search::related::related(&index, docs, doc, pair - 1, limit);
    #[derive(serde::Serialize)]
    struct Entry<'a> {
        path: &'a str,
        title: String,
        date: Option<&'a str>,
        pair: String,
        asker: Option<&'a str>,
        question: String,
        score: f64,
        shared: &'a [String],
    }
    let entries: Vec<Entry> = found
        .iter()
        .map(|r| {
            let d = &docs[r.doc];
            let p = &d.pairs[r.pair];
            Entry {
                path: &d.path,
                title: d.display_title(),
                date: d.date.as_deref(),
                pair: format!("Q{}", p.number),
                asker: p.asker.as_deref(),
                question: qnav::model::shorten(&p.question_text(), 200),
                score: (r.score * 100.0).round() / 100.0,
                shared: &r.shared,
            }
        })
        .collect();
    let text = if json {
        #[derive(serde::Serialize)]
        struct Out<'a> {
            related: Vec<Entry<'a>>,
        }
        serde_json::to_string_pretty(&Out { related: entries }).unwrap_or_default() + "\n"
    } else {
        entries
            .iter()
            .map(|e| {
                let mut line = format!("{} {}", printable(e.path), e.pair);
                if let Some(date) = e.date {
                    line.push_str(&format!(" ({})", printable(date)));
                }
                if let Some(asker) = e.asker {
                    line.push_str(&format!(" {}", printable(asker)));
                }
                line.push_str(&format!(": {}\n", printable(&e.question)));
                line
            })
            .collect()
    };
    let code = write_out(&text);
    if found.is_empty() {
        ExitCode::FAILURE
    } else {
        code
    }
}

/// Whether the reader can read keys from the terminal: from stdin, or —
/// when a file is piped in (`cat f.txt | qnav`) — from `/dev/tty`, as
/// less and fzf do.
fn keys_from_terminal() -> bool {
    std::io::stdin().is_terminal()
        || std::fs::File::open("/dev/tty").is_ok_and(|tty| tty.is_terminal())
}

fn run_reader(
    mut paths: Vec<PathBuf>,
    mouse: bool,
    config: &Config,
    mut warnings: Vec<String>,
) -> ExitCode {
    let piped = !std::io::stdin().is_terminal();
    // `cat f.txt | qnav`: the pipe is what to read, as in less.
    if paths.is_empty() && piped && std::io::stdout().is_terminal() {
        paths.push(PathBuf::from("-"));
    }
    let paths = inputs(paths, config);
    // `-` reads standard input: from a terminal that would wait for typing
    // behind the reader's own screen.
    if paths.iter().any(|p| p.as_os_str() == "-") && std::io::stdin().is_terminal() {
        say!("qnav: stdin is a terminal; nothing to read from `-` (pipe a file into it)");
        return ExitCode::from(2);
    }
    // A terminal that cannot place text (`TERM=dumb`: Emacs shells, some CI
    // logs) gets the plain text, as a pipe does.
    let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
    if dumb || !std::io::stdout().is_terminal() || !keys_from_terminal() {
        // Not a terminal (a pipe, a file, CI): print the clean text, as `less` does.
        let (corpus, clean) = load(paths, config);
        let text: Vec<String> = corpus
            .documents
            .iter()
            .map(|d| qnav::export::to_text(d, None))
            .collect();
        let code = write_out(&text.join("\n"));
        return if clean { code } else { ExitCode::FAILURE };
    }
    let (settings, setting_warnings) = qnav::tui::Settings::from_config(config);
    warnings.extend(setting_warnings);
    let options = qnav::tui::Options {
        mouse,
        settings,
        warnings,
    };
    match qnav::tui::run_with(qnav::load::spawn_loader(paths), options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.get_ref().is_some_and(|x| x.is::<qnav::tui::Unsaved>()) => {
            say!("qnav: {e}");
            ExitCode::FAILURE
        }
        Err(e) => {
            say!("qnav: terminal error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `qnav config`: the default file, the path, or a check of the file in use
/// (exit 1 when it has problems).
fn config_command(
    path: Option<&std::path::Path>,
    default: bool,
    path_only: bool,
    config: &Config,
    load_warnings: &[String],
) -> ExitCode {
    if default {
        return write_out(&qnav::tui::settings::default_config_text());
    }
    let Some(path) = path else {
        say!("qnav: no config directory (set XDG_CONFIG_HOME or HOME)");
        return ExitCode::FAILURE;
    };
    if path_only {
        return write_out(&format!("{}\n", path.display()));
    }
    let mut problems = load_warnings.to_vec();
    problems.extend(qnav::tui::Settings::from_config(config).1);
    let state = if !path.exists() {
        "not there: the defaults apply (`qnav config --default` prints them)"
    } else if problems.is_empty() {
        "ok"
    } else {
        "has problems"
    };
    let mut text = format!("{}: {state}\n", path.display());
    for p in &problems {
        text.push_str(&format!("  {}\n", printable(p)));
    }
    let code = write_out(&text);
    if problems.is_empty() {
        code
    } else {
        ExitCode::FAILURE
    }
}
