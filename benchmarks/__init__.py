"""The benchmark of DESIGN §6: `python benchmarks/run.py` (see run.py)."""
