//! The app's files and the headers of every response.
//!
//! The built app (trunk's `dist/`) is served from a folder, `--app DIR` or `dist/` in the current
//! directory; [`AppFiles`] is the seam where files embedded in the binary will come in. Every
//! response carries a Content-Security-Policy that lets the page load nothing from anywhere but
//! this server: scripts from here, plus the page's own inline scripts allowed by their SHA-256,
//! computed at start from the `index.html` being served (trunk writes one `<script
//! type="module">` that starts the wasm and one that registers the service worker), and
//! `'wasm-unsafe-eval'` for the wasm itself. `'unsafe-eval'` too, for now: the app builds three
//! small functions from strings (`js_sys::Function::new_*` in app/src/modules/mod.rs: the SIMD
//! probe, the lazy modules' dynamic `import`, the image features' fetch), and without it the
//! teacher's pages and the AI module do not load (seen in Chromium); it lets no script come from
//! elsewhere, and can go once the app uses wasm-bindgen snippets instead. Styles may be inline (the app sets `style`
//! attributes); images may be `data:` (the page's empty icon) or `blob:` (drawings saved).

use std::path::{Path, PathBuf};

use base64::Engine as _;
use sha2::{Digest, Sha256};

/// Where the app's files come from.
#[derive(Clone, Debug)]
pub enum AppFiles {
    /// No app: only the API (the folder was missing).
    None,
    /// A built app's folder.
    Folder(PathBuf),
}

impl AppFiles {
    /// The folder `folder` if it has an `index.html`, else nothing.
    pub fn folder(folder: &Path) -> AppFiles {
        if folder.join("index.html").is_file() {
            AppFiles::Folder(folder.to_path_buf())
        } else {
            AppFiles::None
        }
    }

    /// The page's `index.html`, if any.
    pub fn index_html(&self) -> Option<String> {
        match self {
            AppFiles::None => None,
            AppFiles::Folder(folder) => std::fs::read_to_string(folder.join("index.html")).ok(),
        }
    }
}

/// The `'sha256-…'` source of every inline script (a `<script>` without `src`) in `html`.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(tag_end) = after.find('>') else { break };
        let tag = &after[..tag_end];
        let body = &after[tag_end + 1..];
        let Some(body_end) = body.find("</script>") else { break };
        if !tag.contains(" src=") {
            let digest = Sha256::digest(&body.as_bytes()[..body_end]);
            hashes.push(format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(digest)));
        }
        rest = &body[body_end..];
    }
    hashes
}

/// The Content-Security-Policy for a page whose inline scripts have `hashes`.
pub fn content_security_policy(hashes: &[String]) -> String {
    let scripts = hashes.iter().fold(String::new(), |all, hash| all + " " + hash.as_str());
    format!(
        "default-src 'self'; script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'{scripts}; style-src 'self' 'unsafe-inline'; \
         img-src 'self' data: blob:; worker-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_are_hashed_and_others_are_not() {
        // The hashes are what `printf '%s' BODY | openssl dgst -sha256 -binary | base64` gives.
        let html = "<script type=\"module\">a()</script><script src=\"./x.js\"></script><script>\n b \n</script>";
        assert_eq!(
            inline_script_hashes(html),
            [
                "'sha256-qVpDBgj7bpq5hMAcGp3AOc79J3Y1Z4HvySTwKrWDoy4='",
                "'sha256-KWkeLQc+kPCx5PSbaZqa4ZF9TvAXcmzspJ4NWOkj2Dg='"
            ]
        );
        assert_eq!(inline_script_hashes("<p>no scripts</p>"), Vec::<String>::new());
        assert_eq!(inline_script_hashes("<script>never closed"), Vec::<String>::new());
    }
}
