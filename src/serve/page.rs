//! The page: one HTML file, its stylesheet and its script, embedded in the binary (no build
//! step, nothing fetched from another host), and the one rule for which files may be asked for.

use axum::extract::Path;
use axum::response::Response;

use super::{file_response, ApiError};

/// The embedded files under `/static/`, by name.
const FILES: &[(&str, &str)] = &[
    ("app.js", include_str!("page/app.js")),
    ("style.css", include_str!("page/style.css")),
];

/// `/`: the page (its state is in the query string, read by the script).
pub async fn index() -> Response {
    file_response("index.html", include_str!("page/index.html"))
}

/// `/static/NAME`: an embedded file; a path that tries to leave the folder is refused.
pub async fn asset(Path(path): Path<String>) -> Result<Response, ApiError> {
    let name = static_name(&path)?;
    FILES
        .iter()
        .find(|(file, _)| *file == name)
        .map(|(file, body)| file_response(file, body))
        .ok_or_else(|| ApiError::not_found(format!("no such file: /static/{name}")))
}

/// The file a `/static/` path names, refusing one that climbs out (`..`), is absolute or
/// names a folder: the embedded files are a flat list, and no path reaches the disk.
fn static_name(path: &str) -> Result<&str, ApiError> {
    let leaves = path.starts_with('/')
        || path.contains('\\')
        || path.contains('\0')
        || path.split('/').any(|part| part == ".." || part == ".");
    if leaves {
        return Err(ApiError::bad_request(format!(
            "path {path:?} leaves the static folder"
        )));
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_that_climbs_is_refused() {
        assert_eq!(static_name("app.js").unwrap(), "app.js");
        for path in [
            "../Cargo.toml",
            "a/../../x",
            "/etc/passwd",
            "..\\x",
            "./app.js",
        ] {
            let err = static_name(path).unwrap_err();
            assert_eq!(err.status, axum::http::StatusCode::BAD_REQUEST, "{path}");
        }
    }
}
