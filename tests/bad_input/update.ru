INSERT DATA { <http://example.org/a> <http://example.org/b> "c" }
