"""Benchmarks: figures printed, never asserted in tests (`python3 dev.py bench`)."""
