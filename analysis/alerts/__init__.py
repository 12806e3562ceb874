"""Alert rules as data, the engine that applies them to the daily grid, and the red-flag vocabulary."""
