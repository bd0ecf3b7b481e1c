//! The audit log: one line per operation with the time, the client (its certificate subject
//! for reading, and its identity, the certificate's SHA-256 fingerprint, which is what
//! `kms-server --admin` takes), the operation, the object and the result, and for a server
//! failure its details (which the client is not told). Key material never reaches it:
//! records carry only names, identifiers, result codes and error texts.
//!
//! ```text
//! 2025-01-01T12:00:00.123Z client="CN=vcenter, O=Example" fingerprint=3f1a… op=Create id=5c1d… result=Success
//! 2025-01-01T12:00:00.456Z client="CN=vcenter, O=Example" fingerprint=3f1a… op=Get id=missing result="Operation Failed/Item Not Found"
//! 2025-01-01T12:00:00.789Z client="CN=vcenter, O=Example" fingerprint=3f1a… op=Get id=5c1d… result="Operation Failed/General Failure" detail="database: disk I/O error"
//! ```
//!
//! Writing is fail-closed: [`AuditLog::record`] reports a line it could not write, and the
//! server then refuses the request (see [`kms`](super::kms)).

use std::io::Write;
use std::sync::{Arc, Mutex, PoisonError};

/// One audited operation.
#[derive(Clone, Copy, Debug)]
pub struct AuditRecord<'a> {
    /// The client certificate's subject.
    pub client: &'a str,
    /// The client's identity: its certificate's SHA-256 fingerprint, hex.
    pub fingerprint: &'a str,
    /// The operation's name (`Create`, `Get`, ... or `-` for an undecodable request).
    pub operation: &'a str,
    /// The object involved, if any.
    pub object: Option<&'a str>,
    /// `Success`, or `Operation Failed/<Result Reason>`.
    pub result: &'a str,
    /// What went wrong inside the server, for a failure the client is told only in general
    /// terms.
    pub detail: Option<&'a str>,
}

/// Where audit lines go.
#[derive(Clone)]
pub struct AuditLog {
    sink: Arc<Mutex<Box<dyn Write + Send>>>,
}

impl std::fmt::Debug for AuditLog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuditLog").finish_non_exhaustive()
    }
}

fn quoted(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.:/".contains(c))
    {
        s.to_owned()
    } else {
        let escaped: String = s
            .chars()
            .flat_map(|c| match c {
                '"' => vec!['\\', '"'],
                '\\' => vec!['\\', '\\'],
                c if c.is_control() => vec!['?'],
                c => vec![c],
            })
            .collect();
        format!("\"{escaped}\"")
    }
}

impl AuditLog {
    /// Audit lines to any writer (flushed after each line).
    pub fn new(sink: Box<dyn Write + Send>) -> Self {
        AuditLog {
            sink: Arc::new(Mutex::new(sink)),
        }
    }

    /// Audit lines to standard error.
    pub fn stderr() -> Self {
        Self::new(Box::new(std::io::stderr()))
    }

    /// Audit lines appended to a file.
    ///
    /// # Errors
    /// The file cannot be opened.
    pub fn file(path: &std::path::Path) -> std::io::Result<Self> {
        let f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)?;
        Ok(Self::new(Box::new(f)))
    }

    /// Audit lines discarded.
    pub fn discard() -> Self {
        Self::new(Box::new(std::io::sink()))
    }

    /// Audit lines kept in memory; the returned buffer can be read at any time (tests).
    pub fn memory() -> (Self, Arc<Mutex<Vec<u8>>>) {
        #[derive(Clone)]
        struct Shared(Arc<Mutex<Vec<u8>>>);
        impl Write for Shared {
            fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
                self.0
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .extend_from_slice(buf);
                Ok(buf.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let buf = Arc::new(Mutex::new(Vec::new()));
        (Self::new(Box::new(Shared(buf.clone()))), buf)
    }

    /// Formats one record as a line (without the newline).
    pub fn format(record: &AuditRecord<'_>) -> String {
        let mut line = format!(
            "{} client={} fingerprint={} op={} id={} result={}",
            crate::util::now_rfc3339_millis(),
            quoted(record.client),
            quoted(record.fingerprint),
            quoted(record.operation),
            quoted(record.object.unwrap_or("-")),
            quoted(record.result)
        );
        if let Some(detail) = record.detail {
            line.push_str(" detail=");
            line.push_str(&quoted(detail));
        }
        line
    }

    /// Writes one record, flushed.
    ///
    /// # Errors
    /// The sink failed: the line may not be recorded, and the caller must not act as if it
    /// were.
    pub fn record(&self, record: &AuditRecord<'_>) -> std::io::Result<()> {
        let line = Self::format(record);
        let mut sink = self.sink.lock().unwrap_or_else(PoisonError::into_inner);
        writeln!(sink, "{line}")?;
        sink.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_parseable() {
        let (log, buf) = AuditLog::memory();
        log.record(&AuditRecord {
            client: "CN=a \"b\", O=c",
            fingerprint: "00ff",
            operation: "Get",
            object: Some("1234-5"),
            result: "Operation Failed/Item Not Found",
            detail: None,
        })
        .unwrap();
        log.record(&AuditRecord {
            client: "CN=a",
            fingerprint: "00ff",
            operation: "Get",
            object: None,
            result: "Operation Failed/General Failure",
            detail: Some("database: disk I/O error"),
        })
        .unwrap();
        let text = String::from_utf8(buf.lock().unwrap().clone()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].ends_with(
            " client=\"CN=a \\\"b\\\", O=c\" fingerprint=00ff op=Get id=1234-5 result=\"Operation Failed/Item Not Found\""
        ), "{text}");
        assert!(lines[1].ends_with(
            " id=- result=\"Operation Failed/General Failure\" detail=\"database: disk I/O error\""
        ), "{text}");
    }

    #[test]
    fn a_failing_sink_is_reported() {
        struct Broken;
        impl Write for Broken {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::Error::other("disk full"))
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let log = AuditLog::new(Box::new(Broken));
        let err = log
            .record(&AuditRecord {
                client: "CN=a",
                fingerprint: "00",
                operation: "Get",
                object: None,
                result: "Success",
                detail: None,
            })
            .unwrap_err();
        assert_eq!(err.to_string(), "disk full");
    }
}
