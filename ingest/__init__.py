"""Ingestion of study files into the vector store: load, clean, split by language and section,
chunk by sentences, align the two languages of a study, and write to Chroma idempotently.

Entry point: `ingest.pipeline.ingest_paths`. Submodules are small and import nothing heavy at import
time; this package is not imported by the core `cpassist` package (only `cpassist ingest` dispatches
to it, lazily).
"""
