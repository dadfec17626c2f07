//! The file is not UTF-8 text: it was saved in another encoding (GBK or
//! GB18030 on Chinese Windows) or it is not a text file at all. almanac reads
//! plans as UTF-8; save the file again as UTF-8 (in VS Code: "Save with
//! Encoding", UTF-8). A UTF-8 byte-order mark is fine.
