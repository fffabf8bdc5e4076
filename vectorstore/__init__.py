"""Corpus ingestion: loading, chunking, embedding and the Chroma index."""
