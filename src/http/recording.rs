//! What the connection did during a call, which ureq does not tell:
//!
//! - the response head exactly as the server sent it. ureq keeps only the status code and header
//!   names folded to lower case, but Chilkat's scripts see the reason phrase (`LastStatusText`,
//!   `StatusLine`) and the header names as sent (`LastResponseHeader`, `GetHeaderName`);
//! - whether the call opened a new connection and whether any answer came back, so that a request
//!   that broke on a kept-alive connection the server had just closed can be sent again.
//!
//! The outermost transport of every connection records this for the thread using it: ureq runs a
//! call on the calling thread, so what it records belongs to the call that thread is making.

use std::cell::RefCell;
use std::fmt;
use ureq::unversioned::transport::{Buffers, ConnectionDetails, Connector, NextTimeout, Transport};

/// Heads larger than this are not recorded (ureq refuses them anyway).
const MAX_HEAD_BYTES: usize = 128 * 1024;

thread_local! {
    static RECORDED: RefCell<Recorder> = const {
        RefCell::new(Recorder {
            recording: false,
            bytes: Vec::new(),
            searched: 0,
            connected: false,
            answered: false,
        })
    };
}

struct Recorder {
    recording: bool,
    bytes: Vec<u8>,
    /// How much of `bytes` was searched for the end of the head: a server sending one byte at
    /// a time must not have the whole head searched again for each.
    searched: usize,
    /// The call opened a new connection.
    connected: bool,
    /// Bytes came back after the call's request.
    answered: bool,
}

impl Recorder {
    /// Takes in bytes read after the request; stops after the blank line ending a final head,
    /// dropping interim 1xx heads on the way.
    fn take_in(&mut self, input: &[u8]) {
        if !self.recording {
            return;
        }
        self.answered |= !input.is_empty();
        self.bytes.extend_from_slice(input);
        while let Some(end) = head_end(&self.bytes, self.searched) {
            self.searched = 0;
            if is_interim(&self.bytes) {
                self.bytes.drain(..end);
                continue;
            }
            self.bytes.truncate(end);
            self.recording = false;
            return;
        }
        self.searched = self.bytes.len();
        if self.bytes.len() > MAX_HEAD_BYTES {
            self.recording = false;
            self.bytes.clear();
        }
    }
}

/// Index just past the blank line that ends the head at the start of `bytes`, if it is complete,
/// knowing that none ends within `bytes[..searched]`.
fn head_end(bytes: &[u8], searched: usize) -> Option<usize> {
    // A blank line ending in the new bytes may start in the last three searched ones.
    let from = searched.saturating_sub(3).min(bytes.len());
    let unsearched = &bytes[from..];
    let crlf = unsearched.windows(4).position(|w| w == b"\r\n\r\n").map(|i| from + i + 4);
    let lf = unsearched.windows(2).position(|w| w == b"\n\n").map(|i| from + i + 2);
    crlf.into_iter().chain(lf).min()
}

fn is_interim(head: &[u8]) -> bool {
    head.get(9) == Some(&b'1') && head.starts_with(b"HTTP/")
}

/// Starts a call on this thread: nothing connected, nothing answered yet.
pub(super) fn begin_call() {
    RECORDED.with(|r| {
        let mut r = r.borrow_mut();
        r.connected = false;
        r.answered = false;
    });
}

/// True if this thread's call went out on a connection kept from an earlier call and got not a
/// byte back: the server had closed it (an idle timeout at that moment), so nothing was processed.
pub(super) fn kept_connection_broke_unanswered() -> bool {
    RECORDED.with(|r| {
        let r = r.borrow();
        !r.connected && !r.answered
    })
}

/// Starts recording the head of the answer to the request this thread is about to send.
fn start() {
    RECORDED.with(|r| {
        let mut r = r.borrow_mut();
        r.recording = true;
        r.bytes.clear();
        r.searched = 0;
    });
}

/// The head of a response as the server sent it.
#[derive(Debug, PartialEq)]
pub(super) struct Head {
    /// "HTTP/1.1"
    pub version: String,
    pub reason: String,
    /// Names as sent, in order.
    pub fields: Vec<(String, String)>,
}

/// The head of the last final response this thread received; `None` if none was recorded
/// completely.
pub(super) fn take() -> Option<Head> {
    let bytes = RECORDED.with(|r| {
        let mut r = r.borrow_mut();
        let complete = !r.recording && !r.bytes.is_empty();
        r.recording = false;
        complete.then(|| std::mem::take(&mut r.bytes))
    })?;
    parse(&String::from_utf8_lossy(&bytes))
}

fn parse(head: &str) -> Option<Head> {
    let mut lines = head.split('\n').map(|line| line.strip_suffix('\r').unwrap_or(line));
    let mut status_line = lines.next()?.splitn(3, ' ');
    let version = status_line.next().unwrap_or_default().to_string();
    let reason = status_line.nth(1).unwrap_or_default().trim().to_string();
    let mut fields: Vec<(String, String)> = Vec::new();
    for line in lines.take_while(|line| !line.is_empty()) {
        match (line.starts_with([' ', '\t']), fields.last_mut(), line.split_once(':')) {
            // obs-fold (RFC 9112 5.2): a continuation of the previous field's value.
            (true, Some((_, value)), _) => {
                value.push(' ');
                value.push_str(line.trim());
            }
            (false, _, Some((name, value))) => fields.push((name.trim().to_string(), value.trim().to_string())),
            _ => {}
        }
    }
    Some(Head { version, reason, fields })
}

/// Wraps each connection (plain, or TLS when chained after the TLS connector) in a [`Recording`].
#[derive(Debug)]
pub(super) struct RecordingConnector;

impl<In: Transport> Connector<In> for RecordingConnector {
    type Out = Recording<In>;

    fn connect(&self, _details: &ConnectionDetails, chained: Option<In>) -> Result<Option<Self::Out>, ureq::Error> {
        RECORDED.with(|r| r.borrow_mut().connected = true);
        Ok(chained.map(|inner| Recording { inner }))
    }
}

/// A transport that records the response head following each request for the sending thread.
pub(super) struct Recording<T> {
    inner: T,
}

impl<T: Transport> Transport for Recording<T> {
    fn buffers(&mut self) -> &mut dyn Buffers {
        self.inner.buffers()
    }

    fn transmit_output(&mut self, amount: usize, timeout: NextTimeout) -> Result<(), ureq::Error> {
        // What is read after (the rest of) a request was sent answers it.
        start();
        self.inner.transmit_output(amount, timeout)
    }

    fn await_input(&mut self, timeout: NextTimeout) -> Result<bool, ureq::Error> {
        let before = self.inner.buffers().input().len();
        let progressed = self.inner.await_input(timeout)?;
        let input = self.inner.buffers().input();
        RECORDED.with(|r| r.borrow_mut().take_in(&input[before.min(input.len())..]));
        Ok(progressed)
    }

    fn is_open(&mut self) -> bool {
        self.inner.is_open()
    }

    fn is_tls(&self) -> bool {
        self.inner.is_tls()
    }
}

impl<T> fmt::Debug for Recording<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Recording").finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recorded(chunks: &[&[u8]]) -> Option<(String, Vec<(String, String)>)> {
        recorded_head(chunks).map(|head| (head.reason, head.fields))
    }

    fn recorded_head(chunks: &[&[u8]]) -> Option<Head> {
        start();
        for chunk in chunks {
            RECORDED.with(|r| r.borrow_mut().take_in(chunk));
        }
        take()
    }

    #[test]
    fn keeps_the_reason_and_header_names_as_sent_across_reads() {
        let (reason, fields) = recorded(&[
            b"HTTP/1.1 400 Whatever It",
            b" Says\r\nX-Mixed-Case: v\r\n",
            b"Set-Cookie: a\r\nset-cookie: b\r\n\r\nbody",
        ])
        .unwrap();
        assert_eq!(reason, "Whatever It Says");
        assert_eq!(recorded_head(&[b"HTTP/1.0 204\r\n\r\n"]).unwrap().version, "HTTP/1.0");
        assert_eq!(
            fields,
            [
                ("X-Mixed-Case".into(), "v".into()),
                ("Set-Cookie".into(), "a".into()),
                ("set-cookie".into(), "b".into())
            ]
        );
    }

    #[test]
    fn interim_heads_are_skipped() {
        let (reason, fields) =
            recorded(&[b"HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nA: 1\r\n\r\n"])
                .unwrap();
        assert_eq!((reason.as_str(), fields.len()), ("OK", 1));
    }

    #[test]
    fn a_head_sent_one_byte_at_a_time_is_recorded_whole() {
        let sent = b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 Fine\nA: 1\nB: 2\n\nbody";
        let bytes: Vec<&[u8]> = sent.chunks(1).collect();
        let head = recorded_head(&bytes).unwrap();
        assert_eq!(head.reason, "Fine");
        assert_eq!(head.fields, [("A".into(), "1".into()), ("B".into(), "2".into())]);
        // A long head in single bytes, without the blank line until the end.
        let fields: String = (0..5000).map(|i| format!("X-{i}: v\r\n")).collect();
        let long = format!("HTTP/1.1 200 OK\r\n{fields}\r\n");
        let bytes: Vec<&[u8]> = long.as_bytes().chunks(1).collect();
        assert_eq!(recorded_head(&bytes).unwrap().fields.len(), 5000);
    }

    #[test]
    fn an_incomplete_head_is_not_taken_and_folded_lines_are_joined() {
        assert!(recorded(&[b"HTTP/1.1 200 OK\r\nA: 1\r\n"]).is_none());
        let (_, fields) = recorded(&[b"HTTP/1.0 200\nA: 1\n  continued\n\n"]).unwrap();
        assert_eq!(fields, [("A".into(), "1 continued".into())]);
    }
}
