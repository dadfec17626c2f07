//! Files include each other in a cycle (`a.toml` includes `b.toml`, which
//! includes `a.toml`). The message shows the whole chain. Shared parts belong
//! in a fragment that includes nothing back.
