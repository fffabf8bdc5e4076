"""The red-team set: documents with planted instructions and canaries, and the eval that counts leaks."""
