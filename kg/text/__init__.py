"""Text helpers for ingest and normalize: decoding, markup removal, pinyin, sentences, datelines."""
