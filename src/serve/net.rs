//! The socket side of `serve`: HTTP/1.1 on `std::net`, one thread per
//! connection (event streams stay open), one request per connection. Heads
//! are bounded ([`http::MAX_HEAD`]) and read with a timeout; at most
//! [`MAX_CONNECTIONS`] are open at once. The answer comes from
//! [`http::handle`]; an event stream sends the site's state at once, then
//! again after each rebuild that changed it, and a comment line every 15
//! seconds so that proxies and browsers keep it open.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use super::Site;
use super::http::{self, Hosts, Response};

/// Connections open at once; more are answered 503.
pub const MAX_CONNECTIONS: usize = 64;
const READ_TIMEOUT: Duration = Duration::from_secs(10);
const PING: Duration = Duration::from_secs(15);

/// The site, shared between the rebuild loop and the connections.
pub struct Shared {
    pub site: Mutex<Site>,
    /// Notified after each rebuild that changed the site, and on stop.
    pub changed: Condvar,
    pub hosts: Hosts,
    open: AtomicUsize,
}

impl Shared {
    pub fn new(site: Site, hosts: Hosts) -> Shared {
        Shared {
            site: Mutex::new(site),
            changed: Condvar::new(),
            hosts,
            open: AtomicUsize::new(0),
        }
    }

    /// The site, even if a connection thread panicked while holding it.
    pub fn lock(&self) -> std::sync::MutexGuard<'_, Site> {
        self.site
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Accepts connections on `listener` in a thread of its own, forever.
pub fn spawn(listener: TcpListener, shared: Arc<Shared>) {
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let shared = Arc::clone(&shared);
            if shared.open.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
                shared.open.fetch_sub(1, Ordering::SeqCst);
                let busy = b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
                let mut stream = stream;
                let _ = stream.write_all(busy);
                continue;
            }
            std::thread::spawn(move || {
                let _ = connection(stream, &shared);
                shared.open.fetch_sub(1, Ordering::SeqCst);
            });
        }
    });
}

/// Reads the head of a request: bytes up to the blank line, at most
/// [`http::MAX_HEAD`] of them.
fn read_head(stream: &mut TcpStream) -> Result<Vec<u8>, u16> {
    let mut head = Vec::new();
    let mut buf = [0u8; 2048];
    loop {
        let n = match stream.read(&mut buf) {
            Ok(0) => return Err(400),
            Ok(n) => n,
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                return Err(408);
            }
            Err(_) => return Err(400),
        };
        head.extend_from_slice(&buf[..n]);
        if let Some(end) = head.windows(4).position(|w| w == b"\r\n\r\n") {
            head.truncate(end + 2);
            return Ok(head);
        }
        if head.len() > http::MAX_HEAD {
            return Err(431);
        }
    }
}

fn connection(mut stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    stream.set_read_timeout(Some(READ_TIMEOUT))?;
    stream.set_write_timeout(Some(READ_TIMEOUT))?;
    let response = match read_head(&mut stream).and_then(|h| http::parse_head(&h)) {
        Ok(req) => http::handle(&shared.lock(), &req, &shared.hosts),
        Err(status) => Response::Full {
            status,
            content_type: "text/plain; charset=utf-8",
            body: Vec::new(),
            location: None,
        },
    };
    stream.write_all(&response.to_bytes())?;
    if response == Response::Events {
        events(&mut stream, shared)?;
    }
    stream.flush()
}

/// The event stream: the state now, then after every change, with pings.
fn events(stream: &mut TcpStream, shared: &Shared) -> std::io::Result<()> {
    let mut seen = None;
    loop {
        let message = {
            let mut site = shared.lock();
            if seen == Some(site.generation) {
                site = shared
                    .changed
                    .wait_timeout(site, PING)
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .0;
            }
            if seen == Some(site.generation) {
                None
            } else {
                seen = Some(site.generation);
                Some(super::pages::event(&site))
            }
        };
        match message {
            Some(m) => stream.write_all(format!("data: {m}\n\n").as_bytes())?,
            None => stream.write_all(b": ping\n\n")?,
        }
        stream.flush()?;
    }
}
