//! Fuzzes the ZIP reader that takes a student's result file out of the app's "export this work"
//! archive (`zip::read_file`, through `read_result` too). Hand-ins come from students, so no
//! archive may panic it, make it allocate beyond the archive's own size, or make it pick one of two
//! result files silently; and every archive Sprout's own writer makes must read back.

#![no_main]

use libfuzzer_sys::fuzz_target;
use sprout_lessons::read_result;
use sprout_lessons::zip::{self, DosDateTime, ZipReadError, RESULT_IN_ZIP};

fuzz_target!(|data: &[u8]| {
    // The bytes as an archive handed in.
    if let Ok(contents) = zip::read_file(data, RESULT_IN_ZIP) {
        assert!(contents.len() <= data.len(), "more read out than the archive holds");
    }
    let _ = read_result("fuzz.zip", data);

    // The bytes as files for the writer: names and contents alternating, cut at NUL bytes. The
    // writer's archive is well formed, so reading it is never "damaged" or "compressed", and a
    // result file read out is one of those written under that name.
    let parts: Vec<&[u8]> = data.split(|byte| *byte == 0).collect();
    let files: Vec<(String, &[u8])> = parts
        .chunks(2)
        .map(|pair| (String::from_utf8_lossy(pair[0]).into_owned(), pair.get(1).copied().unwrap_or(&[])))
        .collect();
    let borrowed: Vec<(&str, &[u8])> = files.iter().map(|(name, contents)| (name.as_str(), *contents)).collect();
    let Ok(archive) = zip::write(&borrowed, DosDateTime::new(2026, 11, 23, 9, 30, 0)) else { return };
    match zip::read_file(&archive, RESULT_IN_ZIP) {
        Ok(contents) => {
            let suffix = format!("/{RESULT_IN_ZIP}");
            let written: Vec<&[u8]> = borrowed
                .iter()
                .filter(|(name, _)| *name == RESULT_IN_ZIP || name.ends_with(&suffix))
                .map(|(_, contents)| *contents)
                .collect();
            assert_eq!(written, [&contents[..]], "not the one result file written");
        }
        Err(ZipReadError::Damaged(why)) => panic!("Sprout's own archive read as damaged: {why}"),
        Err(ZipReadError::Compressed(_)) => panic!("Sprout's own archive read as compressed"),
        Err(ZipReadError::Missing(_) | ZipReadError::Repeated(..) | ZipReadError::UnsafeName(_)) => {}
    }
});
