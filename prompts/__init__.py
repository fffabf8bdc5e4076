"""The default prompt files (versioned YAML), shipped as package data and read with importlib.resources."""
