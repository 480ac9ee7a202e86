//! Fuzzes the readers of files that students and other schools hand in: `read_result` (result
//! files) and `read_pack` (lesson packs). A judge's tool reads hundreds of these from USB sticks and
//! shared folders, so no file, however broken, may panic. For result files that read, it also
//! checks that writing and reading again gives the same value, since the app writes these files
//! and the judge's tool reads them.

#![no_main]

use libfuzzer_sys::fuzz_target;
use sprout_lessons::{read_pack, read_result};

fuzz_target!(|data: &[u8]| {
    if let Ok(result) = read_result("fuzz.json", data) {
        // A digest mismatch is flagged, not rejected, so both answers are fine; computing the
        // digest must not panic.
        let _ = result.digest_matches();
        // The file as the app would write it must read back as the same value.
        let json = result.to_json();
        match read_result("fuzz.json", json.as_bytes()) {
            Ok(again) => assert_eq!(again, result, "a result file changed in a write and read round trip:\n{json}"),
            Err(problems) => panic!("a result file that was read could not be read back: {problems:?}\n{json}"),
        }
    }

    // The same bytes as a lesson pack. The result is not used: only a panic would matter.
    let _ = read_pack("fuzz.pack", data);
});
