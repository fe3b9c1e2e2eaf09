"""Our own Python front end for WALA: the AST serialiser and the call-graph API."""
