"""County office mode (县信用办模式, issue 16; docs/county-mode.md)."""
