"""Browser fixture (being written)."""
