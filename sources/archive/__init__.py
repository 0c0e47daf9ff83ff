"""The desk's own copies of its sources: fetched safely, kept as WARC, re-checked later.

- `guard`: which addresses may be fetched (public ones only, checked after DNS, every hop).
- `fetch`: one capped, checked HTTP fetch with urllib3.
- `warc`: the exchange as a standard WARC file (warcio).
- `text`: the readable text of HTML (trafilatura), PDF (pypdf) and plain text, any charset.
- `matching`: whether an excerpt is in a text, as a reader would judge it.
- `capture` and `recheck`: the desk's actions, storing `SourceCapture` and `SourceCheck` rows.
"""
