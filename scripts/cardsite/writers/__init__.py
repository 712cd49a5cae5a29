"""Writers: pages from the corpus, files on disk."""
