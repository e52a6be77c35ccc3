"""Cross-record analyses of a batch: officials across an archive, events reported by several outlets."""
