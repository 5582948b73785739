"""Pre-review of uploaded documents (一审清)."""
