"""The first-run window (DESIGN §3): create the studio, connect to its server, or try the demo."""
