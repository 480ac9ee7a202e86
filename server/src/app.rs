//! The app's files and the headers of every response.
//!
//! The built app (trunk's `dist/`) is served from a folder (`--app DIR`), or from the files built
//! into the program (the `embedded-app` feature: the teacher carries one file), or from `dist/` in
//! the current directory; [`AppFiles`] says which. Every
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

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use sha2::{Digest, Sha256};

/// Files built into the program: name (no folders: trunk writes none) and bytes.
pub type EmbeddedFiles = &'static [(&'static str, &'static [u8])];

#[cfg(feature = "embedded-app")]
mod built {
    include!(concat!(env!("OUT_DIR"), "/embedded_app.rs"));
}

/// Where the app's files come from.
#[derive(Clone, Debug)]
pub enum AppFiles {
    /// No app: only the API (the folder was missing).
    None,
    /// A built app's folder.
    Folder(PathBuf),
    /// Files built into the program.
    Embedded(EmbeddedFiles),
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

    /// The app built into this program, if it was built with the `embedded-app` feature.
    pub fn built_in() -> Option<AppFiles> {
        #[cfg(feature = "embedded-app")]
        return Some(AppFiles::Embedded(built::FILES));
        #[cfg(not(feature = "embedded-app"))]
        None
    }

    /// The page's `index.html`, if any.
    pub fn index_html(&self) -> Option<String> {
        match self {
            AppFiles::None => None,
            AppFiles::Folder(folder) => std::fs::read_to_string(folder.join("index.html")).ok(),
            AppFiles::Embedded(files) => files
                .iter()
                .find(|(name, _)| *name == "index.html")
                .and_then(|(_, bytes)| String::from_utf8(bytes.to_vec()).ok()),
        }
    }
}

/// Built-in files with their entity tags, answering GETs: a page reloaded by a class of 50 asks
/// with `If-None-Match` and gets `304` instead of the wasm again.
#[derive(Clone, Debug)]
pub struct EmbeddedApp {
    files: Arc<HashMap<&'static str, (&'static [u8], HeaderValue)>>,
}

impl EmbeddedApp {
    /// Indexes `files` and computes each one's tag (its SHA-256).
    pub fn new(files: EmbeddedFiles) -> EmbeddedApp {
        let files = files
            .iter()
            .map(|(name, bytes)| {
                let digest = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(bytes));
                let tag = HeaderValue::from_str(&format!("\"{digest}\"")).unwrap_or(HeaderValue::from_static("\"\""));
                (*name, (*bytes, tag))
            })
            .collect();
        EmbeddedApp { files: Arc::new(files) }
    }

    /// The file `uri` names (`/` is `index.html`), `304` when the browser's copy is current, or
    /// `404`.
    pub fn respond(&self, uri: &Uri, request: &HeaderMap) -> Response {
        let name = match uri.path().trim_start_matches('/') {
            "" => "index.html",
            name => name,
        };
        let Some((bytes, tag)) = self.files.get(name) else {
            return StatusCode::NOT_FOUND.into_response();
        };
        let headers = [
            (header::ETAG, tag.clone()),
            // Revalidated every time: the names of index.html, sw.js and worker.js never change.
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ];
        if request.get(header::IF_NONE_MATCH).is_some_and(|asked| asked == tag) {
            return (StatusCode::NOT_MODIFIED, headers).into_response();
        }
        (headers, [(header::CONTENT_TYPE, HeaderValue::from_static(content_type(name)))], *bytes).into_response()
    }
}

/// The media type of an app file, by its extension (the kinds trunk and Sprout's scripts write).
fn content_type(name: &str) -> &'static str {
    match name.rsplit_once('.').map_or("", |(_, extension)| extension) {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        "tar" => "application/x-tar",
        _ => "application/octet-stream",
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

    static FILES: EmbeddedFiles = &[("index.html", b"<p>page</p>"), ("app_bg.wasm", b"\0asm"), ("unit-1.json", b"{}")];

    #[test]
    fn built_in_files_are_served_by_name_with_their_type_and_tag() {
        let app = EmbeddedApp::new(FILES);
        let get = |path: &str, headers: HeaderMap| app.respond(&path.parse().expect("a path"), &headers);
        let page = get("/", HeaderMap::new());
        assert_eq!(page.status(), StatusCode::OK);
        assert_eq!(page.headers()[header::CONTENT_TYPE], "text/html; charset=utf-8");
        let wasm = get("/app_bg.wasm", HeaderMap::new());
        assert_eq!(wasm.headers()[header::CONTENT_TYPE], "application/wasm");
        assert_eq!(get("/unit-1.json?v=2", HeaderMap::new()).headers()[header::CONTENT_TYPE], "application/json");
        for missing in ["/nothing.js", "/../Cargo.toml", "/%2e%2e/x", "//etc/passwd"] {
            assert_eq!(get(missing, HeaderMap::new()).status(), StatusCode::NOT_FOUND, "{missing}");
        }
        let mut revalidate = HeaderMap::new();
        revalidate.insert(header::IF_NONE_MATCH, wasm.headers()[header::ETAG].clone());
        assert_eq!(get("/app_bg.wasm", revalidate.clone()).status(), StatusCode::NOT_MODIFIED);
        // Another file's tag is not this one's.
        assert_eq!(get("/index.html", revalidate).status(), StatusCode::OK);
        assert_eq!(AppFiles::Embedded(FILES).index_html().as_deref(), Some("<p>page</p>"));
    }

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
