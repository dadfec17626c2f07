//! An export cannot be read as a table: a CSV file that is neither UTF-8
//! (with or without a byte-order mark) nor GBK/GB18030 text, a binary file
//! that is not a workbook, a damaged workbook, a workbook without the sheet
//! the mapping names, or one whose parts would unpack to more than 256 MiB.
//! Open the file in Excel or WPS and save it again as CSV UTF-8 or .xlsx.
//!
//! <!-- zh-CN -->
//! 导出文件无法作为表格读取：既不是 UTF-8（带或不带字节顺序标记）也不是
//! GBK/GB18030 文本的 CSV 文件、不是工作簿的二进制文件、损坏的工作簿、没有映
//! 射文件指定的工作表的工作簿，或解压后超过 256 MiB 的工作簿。在 Excel 或 WPS
//! 中打开它，另存为 CSV UTF-8 或 .xlsx 即可。
