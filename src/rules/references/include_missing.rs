//! A file named in `include` cannot be read: it does not exist or is not
//! readable. Paths in `include` are relative to the file that includes
//! them.
