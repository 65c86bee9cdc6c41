"""Pure core: parsing, classification, fix matrix and reset maths (stdlib only, no I/O)."""
