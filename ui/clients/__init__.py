"""The client list: search, filters with counts, and its id-only table model."""
