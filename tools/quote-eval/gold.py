"""Reading the labelled set (`gold.jsonl`) and finding its articles' files; shared by the tools."""

import json
import os


def default_data(repo):
    """The shared data folder beside the repository's checkout (`../shared/data`)."""
    return os.path.normpath(os.path.join(repo, "..", "shared", "data"))


def resolve(path, data, repo):
    """The file of a labelled path: `data:` under the shared data folder, `repo:` in the repository."""
    kind, _, rest = path.partition(":")
    if kind == "data":
        return os.path.join(data, rest)
    if kind == "repo":
        return os.path.join(repo, rest)
    raise ValueError(f"{path}: a labelled path begins with data: or repo:")


def json_lines(path, prog=None):
    """(line number, object) for each non-blank line of a JSON-lines file; a line that is not
    JSON is one clear error naming the file and line."""
    prefix = f"{prog}: " if prog else ""
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                yield n, json.loads(line)
            except json.JSONDecodeError as e:
                raise SystemExit(f"{prefix}{path}: line {n}: not JSON: {e}")


def load(path):
    """The labelled articles of a gold file, in order; a bad line is one clear error."""
    articles = []
    for n, article in json_lines(path):
        for field in ("key", "source", "path"):
            if field not in article:
                raise SystemExit(f"{path}: line {n}: no {field!r}")
        article.setdefault("quotes", [])
        article.setdefault("turns", [])
        articles.append(article)
    return articles
